# Source me (bash, root). Boots a real systemd as PID 1 inside fresh PID/mount/UTS/IPC/
# network/cgroup namespaces over a throwaway overlay of / (about half a second), so the
# tests can use systemctl and journalctl on a machine whose PID 1 is not systemd.
#
# Adapted from the team's shared recipe (tools/systemd/sdns.sh, verified on Debian 12 with
# systemd 252); kept here because a clone of this repository has no shared tools. Changes:
# a network namespace (services started inside never touch the host's network), the boot
# target is a parameter (basic.target by default, so services enabled on the host are not
# started inside) and the log can be kept for diagnosis.
#
# Set the variables before sourcing (a "VAR=x . file" prefix does not persist):
#   SDNS_NAME=t1 SDNS_SHARE=/some/dir; . Tests/e2e/lib/sdns.sh
#   sdns_boot; sdns_exec systemctl start newsd; sdns_stop      # always: trap sdns_stop EXIT
# $SDNS_SHARE is /share inside; units and drop-ins in $SDNS_SHARE/units/ are copied to
# /etc/systemd/system/ before boot.
: "${SDNS_NAME:=newsd-test}"                    # instance name
: "${SDNS_SHARE:=$PWD}"                         # host dir visible inside as /share
: "${SDNS_UNIT:=basic.target}"                  # what the inner systemd boots into
SDNS_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then SDNS_CG=/sys/fs/cgroup/sdns-$SDNS_NAME   # pure cgroup2 host
else SDNS_CG=/sys/fs/cgroup/unified/sdns-$SDNS_NAME; fi                                     # hybrid host
SDNS_PIDFILE=/run/sdns-$SDNS_NAME.pid           # host pid of the namespace's PID 1
SDNS_LOG=/run/sdns-$SDNS_NAME.log               # output of the inner systemd until journald runs

# Prints why this machine cannot boot a namespace (and returns 1), or returns 0.
sdns_unsupported() {
    [ "$(id -u)" -eq 0 ] || { echo "needs root (CAP_SYS_ADMIN) to create namespaces and cgroups"; return 0; }
    [ -x /usr/lib/systemd/systemd ] || [ -x /lib/systemd/systemd ] || { echo "systemd is not installed (/usr/lib/systemd/systemd)"; return 0; }
    local tool
    for tool in unshare nsenter setsid mount; do
        command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed (util-linux)"; return 0; }
    done
    unshare --pid --fork --mount --uts --ipc --net --propagation private true 2>/dev/null ||
        { echo "creating PID/mount/UTS/IPC/network namespaces is not permitted here (unshare failed)"; return 0; }
    [ -d "$(dirname "$SDNS_CG")" ] && [ -w "$(dirname "$SDNS_CG")" ] ||
        { echo "no writable cgroup2 hierarchy at $(dirname "$SDNS_CG")"; return 0; }
    mkdir -p "$SDNS_CG" 2>/dev/null && rmdir "$SDNS_CG" 2>/dev/null ||
        { echo "cannot create a cgroup under $(dirname "$SDNS_CG") (read-only cgroupfs?)"; return 0; }
    grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || true
    grep -qw overlay /proc/filesystems || { echo "the kernel has no overlay filesystem"; return 0; }
    return 1
}

sdns_boot() {
    mkdir -p "$SDNS_CG"
    setsid unshare --pid --fork --mount --uts --ipc --net --propagation private \
        "$SDNS_LIB/sdns-init.sh" "$SDNS_NAME" "$SDNS_CG" "$SDNS_SHARE" "$SDNS_UNIT" \
        </dev/null >"$SDNS_LOG" 2>&1 &
    local up=$! i pid="" s=""; disown "$up"   # so a bare `wait` in the caller does not block on it
    for i in $(seq 100); do
        pid=$(cat /proc/$up/task/$up/children 2>/dev/null | awk '{print $1}')
        [ -n "$pid" ] && [ "$(readlink /proc/$pid/exe)" = /usr/lib/systemd/systemd ] && break
        pid=""
        sleep 0.1
    done
    [ -n "$pid" ] || { echo "sdns_boot: init did not start; log:" >&2; cat "$SDNS_LOG" >&2; return 1; }
    echo "$pid" >"$SDNS_PIDFILE"
    # wait until the manager answers and has finished booting
    for i in $(seq 300); do
        # exit status is non-zero for "degraded" (a unit failed), which is fine here
        s=$(sdns_exec systemctl is-system-running 2>/dev/null) || true
        case "$s" in ""|starting|initializing) ;; *) echo "sdns: system $s"; return 0 ;; esac
        sleep 0.1
    done
    echo "sdns_boot: not up after 30s (state: ${s:-none})" >&2; return 1
}

sdns_exec() {    # run a command inside the booted system (as root, clean environment)
    local pid; pid=$(cat "$SDNS_PIDFILE")
    nsenter -t "$pid" -m -u -i -n -p -C -r -w -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        SYSTEMD_PAGER= SYSTEMD_COLORS=0 LANG=C.UTF-8 "$@"
}

sdns_stop() {
    [ -f "$SDNS_PIDFILE" ] || return 0
    local pid; pid=$(cat "$SDNS_PIDFILE")
    if [ "$(readlink /proc/$pid/exe 2>/dev/null)" = /usr/lib/systemd/systemd ]; then
        kill -RTMIN+4 "$pid" 2>/dev/null     # systemd: SIGRTMIN+4 = poweroff
        local i; for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"   # killing PID 1 of a pid ns kills the whole ns
    fi
    sleep 0.2
    # remove leftover cgroups bottom-up
    [ -d "$SDNS_CG" ] && find "$SDNS_CG" -depth -type d -exec rmdir {} \; 2>/dev/null
    rm -f "$SDNS_PIDFILE" "$SDNS_LOG"
    rmdir "/run/sdns-$SDNS_NAME" 2>/dev/null || true     # mountpoint stub created by sdns-init.sh
}
