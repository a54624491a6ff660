# Source me (bash).  Start/stop a standalone systemd-journald on a host/container
# where PID 1 is not systemd.  Needs root.  (A copy of the shared test tools'
# /work/shared/tools/systemd/journald.sh, so CI does not depend on them.)
: "${JOURNALD_PIDFILE:=/run/newsd-test-journald.pid}"
JOURNALD_BIN=/lib/systemd/systemd-journald

# true if something is accepting datagrams on the native journal socket
journald_alive() {
    python3 - <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
try:
    s.connect("/run/systemd/journal/socket")   # ENOENT: none; ECONNREFUSED: stale socket
except OSError:
    sys.exit(1)
PY
}

# Idempotent: does nothing if a journald (anyone's) is already serving the socket.
journald_start() {
    journald_alive && return 0
    mkdir -p /run/systemd/journal /run/log/journal
    "$JOURNALD_BIN" </dev/null >/dev/null 2>&1 &
    local pid=$!
    local i
    for i in $(seq 50); do
        if journald_alive; then echo "$pid" >"$JOURNALD_PIDFILE"; return 0; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "journald_start: systemd-journald (pid $pid) did not come up" >&2
    kill "$pid" 2>/dev/null
    return 1
}

# Stops only the journald that journald_start launched (pidfile + exe check guard against PID reuse).
journald_stop() {
    [ -f "$JOURNALD_PIDFILE" ] || return 0
    local pid; pid=$(cat "$JOURNALD_PIDFILE")
    if [ "$(readlink -f /proc/"$pid"/exe 2>/dev/null)" = "$(readlink -f "$JOURNALD_BIN")" ]; then
        journalctl --sync 2>/dev/null || true      # flush before stopping
        kill -TERM "$pid"
        local i; for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$JOURNALD_PIDFILE"
}
