#ifndef NEWSD_CLINUX_H
#define NEWSD_CLINUX_H
// Declarations Swift's Glibc module hides (they need _GNU_SOURCE).
#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>

int newsd_eventfd(unsigned int initval, int flags);
int newsd_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);

typedef struct {
    int32_t pid;
    uint32_t uid;
    uint32_t gid;
} newsd_peer_cred;

/// renameat2(RENAME_NOREPLACE) on two paths: fails with EEXIST instead of replacing.
int newsd_rename_noreplace(const char *from, const char *to);

/// SO_PEERCRED of a connected AF_UNIX socket; returns 0 or -1 with errno.
int newsd_peer_credentials(int fd, newsd_peer_cred *out);

/// malloc_trim(0): returns freed heap memory to the system (malloc.h is not in Glibc's module).
int newsd_malloc_trim(void);

/// Crash guard: remembers, per worker slot, which inbox file the thread is working
/// on; if the process dies of a fatal signal (a trap in the parser, a segfault), the
/// signal handler appends the crashing thread's file to `fd` (NUL-terminated) (async-signal-safe
/// writes only), then lets the signal kill the process as before. On the next start
/// the daemon quarantines that file instead of crashing on it again.
void newsd_crashguard_install(int fd, int slots);
void newsd_crashguard_enter(int slot, const char *path);
void newsd_crashguard_leave(int slot);

/// An anonymous private read-write mapping of `length` bytes (a multiple of the page
/// size), aligned to 2 MiB and advised MADV_HUGEPAGE before anything touches it, so
/// the kernel can back it with huge pages from the first fault (advice given after an
/// array was filled is only acted on later, by khugepaged). NULL on failure.
void *newsd_map_huge(size_t length);
void newsd_unmap(void *address, size_t length);
/// Grows a mapping from `newsd_map_huge` to `new_length` bytes by moving its pages
/// (mremap) to the head of a new aligned mapping: no copy, no new faults for what was
/// there. Returns the new address, the old range then being unmapped; NULL on failure,
/// the old mapping then being untouched.
void *newsd_remap_huge(void *old, size_t old_length, size_t new_length);

/// Hints the CPU to load the cache line holding `address` (an index lookup issues all
/// its loads first, so their memory latencies overlap instead of adding up).
static inline void newsd_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
