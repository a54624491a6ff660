#!/usr/bin/env bash
# Store faults that need mounts or another user, with the real newsd (~30 s, as root):
#   1. disk full: the data directory on a 6 MiB tmpfs; filled while files wait in the
#      inbox: newsd logs store_stalled (ENOSPC), `newsctl status` and sd_notify STATUS=
#      say "stalled: store not writable", the files stay in the inbox, the store
#      verifies (no torn record); space freed: store_resumed, every file ingested.
#   2. read-only store directory: newsd as an unprivileged user with 4 KiB segments
#      (each batch opens a new one); `chmod a-w store`: the next segment cannot be
#      created (EACCES): stalled, files stay; `chmod u+w store`: resumes by itself.
#
#   Tests/e2e/faults.sh [--bin-dir DIR]
#
# Without --bin-dir it uses the debug build of this clone (swift build --show-bin-path).
# Runs itself again inside `unshare --mount` (private mounts, gone when it exits).
# Prints PASS/FAIL per check and "N passed, M failed"; exits 1 on failure; prints
# "skipped: …" and exits 0 where it cannot run (not root, no mount namespaces).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin_dir=${NEWSD_BIN_DIR:-}
while [ $# -gt 0 ]; do
    case "$1" in
        --bin-dir) bin_dir=$2; shift 2 ;;
        --bin-dir=*) bin_dir=${1#*=}; shift ;;
        -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "faults.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

if [ -z "$bin_dir" ]; then
    bin_dir=$(swift build --package-path "$repo" --show-bin-path)
    if [ ! -x "$bin_dir/newsd" ] || [ ! -x "$bin_dir/newsctl" ]; then
        swift build --package-path "$repo" --product newsd >&2 && swift build --package-path "$repo" --product newsctl >&2 ||
            { echo "FAIL: build failed"; exit 1; }
    fi
fi
bin_dir=$(cd "$bin_dir" && pwd)

if [ -z "${NEWSD_FAULTS_IN_NS:-}" ]; then
    if [ "$(id -u)" -ne 0 ]; then echo "skipped: faults.sh needs root (tmpfs mounts)"; exit 0; fi
    if ! unshare --mount --propagation private true 2>/dev/null; then
        echo "skipped: mount namespaces are not allowed here (unshare --mount failed)"; exit 0
    fi
    NEWSD_FAULTS_IN_NS=1 exec unshare --mount --propagation private bash "$0" --bin-dir "$bin_dir"
fi

passed=0; failed=0; step=0
pass() { step=$((step + 1)); passed=$((passed + 1)); printf 'PASS %2d %s\n' "$step" "$1"; }
fail() {
    step=$((step + 1)); failed=$((failed + 1)); printf 'FAIL %2d %s\n' "$step" "$1"
    [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/        /' | tail -25
}
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what" "${detail:-}"; fi; }

work=$(mktemp -d /tmp/newsd-faults.XXXXXX)
newsd_pid=""; notify_pid=""
cleanup() {
    [ -z "$newsd_pid" ] || kill -9 "$newsd_pid" 2>/dev/null
    [ -z "$notify_pid" ] || kill "$notify_pid" 2>/dev/null
    wait 2>/dev/null
    umount -l "$work"/*/data 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# An article of about 12 KB, distinct per seed (more than a tmpfs page per batch).
article() {
    local seed=$1 words=(minister talks agreement economy council report market election visit summit policy budget court ruling energy exports)
    printf 'Headline %d about the %s\n\n' "$seed" "${words[seed % 16]}"
    local p i line
    for p in $(seq 0 39); do
        line="Paragraph $p of story $seed:"
        for i in $(seq 0 39); do line+=" ${words[(seed * 7 + p * 5 + i * 3) % 16]}"; done
        printf '%s.\n\n' "$line"
    done
}

# Waits until the log has COUNT lines with event=EVENT (default 1); 30 s at most.
wait_event() {
    local log=$1 event=$2 count=${3:-1} tries=0
    while [ "$(grep -c " event=$event\b" "$log")" -lt "$count" ]; do
        tries=$((tries + 1)); [ $tries -lt 300 ] || return 1
        sleep 0.1
    done
}
# Waits for store_stalled and checks that its line names the error (strerror text).
stalled_with() { wait_event "$1" store_stalled && grep ' event=store_stalled' "$1" | grep -q "$2"; }
# Waits (5 s at most) until FILE has a line matching the regular expression.
wait_line() {
    local tries=0
    until grep -q "$2" "$1"; do tries=$((tries + 1)); [ $tries -lt 50 ] || return 1; sleep 0.1; done
}
inbox_count() { find "$1/inbox" -type f | wc -l; }
record_count() { cat "$1"/store/*.jsonl 2>/dev/null | wc -l; }
wait_inbox_empty() {
    local tries=0
    while [ "$(inbox_count "$1")" -gt 0 ]; do tries=$((tries + 1)); [ $tries -lt 300 ] || return 1; sleep 0.1; done
}

# Receives sd_notify datagrams into a file (python3; without it the STATUS= check is skipped).
start_notify() {
    local socket=$1 out=$2
    command -v python3 >/dev/null 2>&1 || return 1
    python3 - "$socket" "$out" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as out:
    while True:
        out.write(s.recv(4096).decode(errors="replace").replace("\n", " | ") + "\n")
PY
    notify_pid=$!
    local tries=0
    while [ ! -S "$socket" ]; do tries=$((tries + 1)); [ $tries -lt 50 ] || return 1; sleep 0.1; done
}

# ---------------------------------------------------------------- 1. disk full
echo "== disk full (data directory on a 6 MiB tmpfs)"
t=$work/full; data=$t/data; mkdir -p "$data"
mount -t tmpfs -o size=6m,mode=0755 tmpfs "$data"
mkdir -p "$data/inbox"
log=$t/newsd.log
notify_socket=$t/notify.sock; notify_out=$t/notify.txt
have_notify=1; start_notify "$notify_socket" "$notify_out" || have_notify=0
(cd "$t" && NOTIFY_SOCKET=$notify_socket NEWSD_LOG_TARGET=console exec "$bin_dir/newsd" --data-dir "$data" 2>"$log") &
newsd_pid=$!
ctl() { "$bin_dir/newsctl" "$@" --data-dir "$data"; }

wait_event "$log" started || fail "newsd started" "$(cat "$log")"
for i in $(seq 1 10); do article "$i" >"$data/inbox/warm-$i.txt"; done
wait_event "$log" stored 10 && pass "10 files ingested before the disk fills" || fail "10 files ingested before the disk fills" "$(tail "$log")"
before=$(record_count "$data")

ctl pause >/dev/null
for i in $(seq 11 50); do article "$i" >"$data/inbox/full-$i.txt"; done
# Fill the file system to the last block.
dd if=/dev/zero of="$data/filler" bs=64k status=none 2>/dev/null
dd if=/dev/zero of="$data/filler2" bs=4k status=none 2>/dev/null
free_kib=$(df -k --output=avail "$data" | tail -1 | tr -d ' ')
ctl resume >/dev/null

detail=$(tail -5 "$log")
check "store_stalled logged with ENOSPC (free: ${free_kib} KiB)" stalled_with "$log" 'No space left on device'
status=$(ctl status 2>&1)
detail=$status
check "newsctl status: stalled: store not writable: … No space left on device" \
    grep -q "State: stalled: store not writable: .*No space left on device" <<<"$status"
grep "State:" <<<"$status" | sed 's/^ */        /'
json=$(ctl status --json 2>&1); detail=$json
check "newsctl status --json: state \"stalled\" and store_stalled" \
    grep -q '"state":"stalled".*"store_stalled":"store not writable: write .*No space left on device' <<<"$json"
if [ $have_notify = 1 ]; then
    detail=$(tail -3 "$notify_out")
    # STATUS= is sent at most four times a second: allow it a moment.
    check "sd_notify STATUS= says stalled" wait_line "$notify_out" "STATUS=stalled: store not writable: .*No space left on device"
else
    printf 'SKIP    sd_notify STATUS= (no python3 for the receiver)\n'
fi
waiting=$(inbox_count "$data")
detail="inbox holds $waiting"
check "the 40 files wait in the inbox while the store is full" test "$waiting" -eq 40
detail=$(ls -R "$data/quarantine" 2>&1)
check "nothing quarantined because of the store" test -z "$(find "$data/quarantine" -type f 2>/dev/null)"
after_full=$(record_count "$data")
verify=$(ctl verify 2>&1); verify_rc=$?
detail="$verify"
check "no torn or lost record: $after_full records, newsctl verify exit $verify_rc" test "$verify_rc" -eq 0 -a "$after_full" -eq "$before"
stalled_lines=$(grep -c ' event=store_stalled' "$log")
sleep 2
detail="store_stalled lines: $stalled_lines, then $(grep -c ' event=store_stalled' "$log")"
check "one store_stalled event per failure, not one per retry" test "$(grep -c ' event=store_stalled' "$log")" -eq "$stalled_lines"

rm -f "$data/filler" "$data/filler2"
t0=$(date +%s%N)
if wait_event "$log" store_resumed && wait_inbox_empty "$data"; then
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    pass "space freed: store_resumed, inbox empty after ${ms} ms ($(grep -o ' attempts=[0-9]*' "$log" | head -1 | tr -d ' ') of the stalled batch)"
else
    fail "space freed: store_resumed, inbox empty" "$(tail -5 "$log")"
fi
wait_event "$log" stored 50
detail="$(record_count "$data") records"
check "50 records, one per file" test "$(record_count "$data")" -eq 50
status=$(ctl status 2>&1); detail=$status
check "newsctl status: running again" grep -q "State: running" <<<"$status"
verify=$(ctl verify 2>&1); verify_rc=$?; detail=$verify
check "newsctl verify passes after recovery" test "$verify_rc" -eq 0
kill -TERM "$newsd_pid"; wait "$newsd_pid"; rc=$?; newsd_pid=""
detail="exit $rc"; check "newsd stops cleanly (exit 0)" test "$rc" -eq 0
[ -z "$notify_pid" ] || { kill "$notify_pid" 2>/dev/null; wait "$notify_pid" 2>/dev/null; notify_pid=""; }

# ------------------------------------------------------- 2. read-only store directory
echo "== read-only store directory (newsd as nobody, 4 KiB segments)"
t=$work/ro; data=$t/data; mkdir -p "$data/inbox"
log=$t/newsd.log
printf '[store]\nsegment_bytes = 4096\n' >"$t/newsd.toml"
chown -R nobody: "$t"
chmod 0755 "$work"
setpriv_args=(--reuid=nobody --regid=nogroup --clear-groups)
getent group nogroup >/dev/null || setpriv_args=(--reuid=nobody --regid=nobody --clear-groups)
(cd "$t" && NEWSD_LOG_TARGET=console exec setpriv "${setpriv_args[@]}" "$bin_dir/newsd" --config "$t/newsd.toml" --data-dir "$data" 2>"$log") &
newsd_pid=$!
wait_event "$log" started || fail "newsd started as nobody" "$(cat "$log")"
for i in 1 2 3; do article "$((100 + i))" >"$data/inbox/a-$i.txt"; done
wait_event "$log" stored 3 && pass "3 files ingested (one segment each)" || fail "3 files ingested" "$(tail "$log")"
segments_before=$(ls "$data/store"/*.jsonl | wc -l)

chmod a-w "$data/store"
for i in 4 5 6; do article "$((100 + i))" >"$data/inbox/b-$i.txt"; done
detail=$(tail -5 "$log")
check "store_stalled logged with EACCES (no new segment can be created)" stalled_with "$log" 'Permission denied'
status=$("$bin_dir/newsctl" status --data-dir "$data" 2>&1); detail=$status
check "newsctl status: stalled: store not writable: … Permission denied" grep -q "State: stalled: store not writable: .*Permission denied" <<<"$status"
detail="inbox: $(inbox_count "$data")"
check "the files wait in the inbox" test "$(inbox_count "$data")" -eq 3
verify=$("$bin_dir/newsctl" verify --data-dir "$data" 2>&1); verify_rc=$?; detail=$verify
check "store verifies while read-only ($(record_count "$data") records)" test "$verify_rc" -eq 0 -a "$(record_count "$data")" -eq 3

chmod u+w "$data/store"
if wait_event "$log" store_resumed && wait_inbox_empty "$data"; then
    pass "directory writable again: store_resumed, inbox empty"
else
    fail "directory writable again: store_resumed, inbox empty" "$(tail -5 "$log")"
fi
wait_event "$log" stored 6
detail="$(record_count "$data") records in $(ls "$data/store"/*.jsonl | wc -l) segments (were $segments_before)"
check "6 records after recovery" test "$(record_count "$data")" -eq 6
verify=$("$bin_dir/newsctl" verify --data-dir "$data" 2>&1); verify_rc=$?; detail=$verify
check "newsctl verify passes after recovery" test "$verify_rc" -eq 0

# Stopped while stalled: SIGTERM must not wait for the store; the inputs stay.
chmod a-w "$data/store"
for i in 7 8; do article "$((100 + i))" >"$data/inbox/c-$i.txt"; done
wait_event "$log" store_stalled 2
t0=$(date +%s%N)
kill -TERM "$newsd_pid"; wait "$newsd_pid"; rc=$?; newsd_pid=""
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
detail="exit $rc after $ms ms; inbox: $(inbox_count "$data"); $(tail -3 "$log")"
check "SIGTERM while stalled: exit 0 in ${ms} ms, the 2 files stay in the inbox" test "$rc" -eq 0 -a "$(inbox_count "$data")" -eq 2
chmod u+w "$data/store"
out=$(cd "$t" && NEWSD_LOG_TARGET=console setpriv "${setpriv_args[@]}" "$bin_dir/newsd" --once --config "$t/newsd.toml" --data-dir "$data" 2>/dev/null)
detail="$out"
check "next start ingests them: $(record_count "$data") records, inbox empty" test "$(record_count "$data")" -eq 8 -a "$(inbox_count "$data")" -eq 0
verify=$("$bin_dir/newsctl" verify --data-dir "$data" 2>&1); verify_rc=$?; detail=$verify
check "newsctl verify passes" test "$verify_rc" -eq 0

echo "faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
