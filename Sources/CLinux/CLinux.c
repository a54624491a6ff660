#define _GNU_SOURCE
#include "CLinux.h"
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <stdio.h>
#include <fcntl.h>
#include <signal.h>
#include <malloc.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/mman.h>

int newsd_eventfd(unsigned int initval, int flags) { return eventfd(initval, flags); }

int newsd_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
    return accept4(fd, addr, len, flags);
}

int newsd_rename_noreplace(const char *from, const char *to) {
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
}

int newsd_peer_credentials(int fd, newsd_peer_cred *out) {
    struct ucred cred;
    socklen_t len = sizeof(cred);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return -1;
    out->pid = cred.pid;
    out->uid = cred.uid;
    out->gid = cred.gid;
    return 0;
}

#define NEWSD_GUARD_SLOTS 256
#define NEWSD_GUARD_PATH 4096

static int guard_fd = -1;
static int guard_slots = 0;
static volatile pid_t guard_tid[NEWSD_GUARD_SLOTS];
static char guard_path[NEWSD_GUARD_SLOTS][NEWSD_GUARD_PATH];
static struct sigaction guard_previous[32];
static const int guard_signals[] = {SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV};

static void guard_handler(int sig, siginfo_t *info, void *context) {
    pid_t self = (pid_t)syscall(SYS_gettid);
    for (int i = 0; i < guard_slots; i++) {
        if (guard_tid[i] == self && guard_path[i][0] != 0) {
            size_t len = strnlen(guard_path[i], NEWSD_GUARD_PATH - 1);
            ssize_t ignored = write(guard_fd, guard_path[i], len);
            ignored = write(guard_fd, "", 1); /* NUL: names may hold newlines */
            (void)ignored;
            fdatasync(guard_fd);
        }
    }
    /* Hand over to whoever handled the signal before (Swift's backtracer, or the
       default action), so the crash is reported and the process dies as usual. */
    struct sigaction *previous = &guard_previous[sig];
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction) { previous->sa_sigaction(sig, info, context); return; }
    } else if (previous->sa_handler != SIG_IGN && previous->sa_handler != SIG_DFL) {
        previous->sa_handler(sig);
        return;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void newsd_crashguard_install(int fd, int slots) {
    guard_fd = fd;
    guard_slots = slots < NEWSD_GUARD_SLOTS ? slots : NEWSD_GUARD_SLOTS;
    for (size_t i = 0; i < sizeof(guard_signals) / sizeof(guard_signals[0]); i++) {
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_sigaction = guard_handler;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        sigaction(guard_signals[i], &action, &guard_previous[guard_signals[i]]);
    }
}

void newsd_crashguard_enter(int slot, const char *path) {
    if (slot < 0 || slot >= guard_slots) return;
    guard_tid[slot] = 0;
    strncpy(guard_path[slot], path, NEWSD_GUARD_PATH - 1);
    guard_path[slot][NEWSD_GUARD_PATH - 1] = 0;
    guard_tid[slot] = (pid_t)syscall(SYS_gettid);
}

void newsd_crashguard_leave(int slot) {
    if (slot < 0 || slot >= guard_slots) return;
    guard_tid[slot] = 0;
    guard_path[slot][0] = 0;
}

int newsd_malloc_trim(void) { return malloc_trim(0); }

void *newsd_map_huge(size_t length) {
    const size_t huge = 2u << 20;
    if (length == 0) return NULL;
    // Over-map by 2 MiB, then give back the unaligned head and the tail.
    size_t mapped = length + huge;
    char *base = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) return NULL;
    char *start = (char *)(((uintptr_t)base + huge - 1) & ~(uintptr_t)(huge - 1));
    if (start > base) munmap(base, (size_t)(start - base));
    char *end = base + mapped;
    if (end > start + length) munmap(start + length, (size_t)(end - (start + length)));
    if (length >= huge) (void)madvise(start, length, MADV_HUGEPAGE);
    return start;
}

void *newsd_remap_huge(void *old, size_t old_length, size_t new_length) {
    if (old == NULL || new_length < old_length) return NULL;
    char *start = newsd_map_huge(new_length);
    if (start == NULL) return NULL;
    // Moves the old pages' table entries (whole huge pages when both ends are 2 MiB
    // aligned, as they are here) over the head of the new mapping: nothing is copied
    // and no page is faulted in again.
    if (old_length > 0 && mremap(old, old_length, old_length, MREMAP_MAYMOVE | MREMAP_FIXED, start) == MAP_FAILED) {
        munmap(start, new_length);
        return NULL;
    }
    // A moved head that was too small for the advice gets it with the rest.
    if (new_length >= (2u << 20)) (void)madvise(start, new_length, MADV_HUGEPAGE);
    return start;
}

void newsd_unmap(void *address, size_t length) {
    if (address != NULL && length > 0) munmap(address, length);
}

