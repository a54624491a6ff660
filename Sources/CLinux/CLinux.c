#define _GNU_SOURCE
#include "CLinux.h"
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <stdio.h>
#include <fcntl.h>

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
