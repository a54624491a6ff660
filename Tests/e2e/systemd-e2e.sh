#!/usr/bin/env bash
# End-to-end test of newsd under a real systemd: boots systemd as PID 1 in namespaces over
# a throwaway overlay of / (Tests/e2e/lib/sdns.sh), runs Deploy/install.sh in there and
# checks what an operator relies on: `systemctl start` returns after READY=1, a producer
# in group newsd drops a file and it is stored, `journalctl -u newsd` shows it (with the
# catalog), `systemctl reload` is synchronous and refuses a bad file, the watchdog restarts
# a daemon that stops pinging, `systemctl stop` is clean, and --uninstall/--purge.
#
#   Tests/e2e/systemd-e2e.sh [--bin-dir DIR] [--scratch-path DIR] [--keep]
#
# Without --bin-dir (or $NEWSD_BIN_DIR) it first builds newsd and newsctl as install.sh
# does (swift build -c release --static-swift-stdlib). Needs root with CAP_SYS_ADMIN and
# a writable cgroupfs; where namespaces or cgroups are not permitted it prints
# "skipped: …" and exits 0. Prints PASS/FAIL per step and "N passed, M failed"; exits 1
# if anything failed. Nothing of the host is changed (all writes go to the overlay's
# tmpfs). On failure the namespace's journal is saved to $NEWSD_E2E_ARTIFACTS/journal.txt
# (if set) or, with --keep, left in the kept share folder.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin_dir=${NEWSD_BIN_DIR:-}
scratch_path=""
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --bin-dir) bin_dir=$2; shift 2 ;;
        --bin-dir=*) bin_dir=${1#*=}; shift ;;
        --scratch-path) scratch_path=$2; shift 2 ;;
        --scratch-path=*) scratch_path=${1#*=}; shift ;;
        --keep) keep=1; shift ;;   # keep the share dir (journal export, logs) for a look afterwards
        -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "systemd-e2e.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

SDNS_NAME=newsd-e2e-$$
SDNS_SHARE=$(mktemp -d /tmp/newsd-e2e.XXXXXX)
chmod 0755 "$SDNS_SHARE"
# shellcheck source=lib/sdns.sh
. "$here/lib/sdns.sh"

cleanup() {
    sdns_stop
    if [ "$keep" = 1 ]; then echo "kept $SDNS_SHARE"; else rm -rf "$SDNS_SHARE"; fi
}

if why=$(sdns_unsupported); then
    echo "skipped: systemd end-to-end test: $why"
    rm -rf "$SDNS_SHARE"
    exit 0
fi

# ---------------------------------------------------------------- reporting
passed=0; failed=0; step=0
pass() { step=$((step + 1)); passed=$((passed + 1)); printf 'PASS %2d %s\n' "$step" "$1"; }
fail() {
    step=$((step + 1)); failed=$((failed + 1)); printf 'FAIL %2d %s\n' "$step" "$1"
    [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/        /' | head -25
}
check() {   # check NAME COMMAND…: PASS if the command succeeds, FAIL with its output otherwise
    local name=$1; shift
    local out
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}
in_ns() { sdns_exec "$@"; }
unit_prop() { in_ns systemctl show -p "$1" --value newsd; }
journal_tail() { in_ns journalctl -u newsd --no-pager -n "${1:-15}" -o short-monotonic 2>&1; }
# polls COMMAND… every 0.1 s until it succeeds or SECONDS pass
wait_for() {
    local seconds=$1; shift
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.1
    done
}

# ---------------------------------------------------------------- binaries
if [ -z "$bin_dir" ]; then
    command -v swift >/dev/null 2>&1 || { echo "FAIL: swift is not on PATH and no --bin-dir given" >&2; exit 1; }
    # As Deploy/install.sh builds: a static Swift runtime (the sandbox hides /home, where
    # a toolchain may live).
    args=(-c release --static-swift-stdlib --package-path "$repo")
    [ -z "$scratch_path" ] || args+=(--scratch-path "$scratch_path")
    echo "building newsd and newsctl (swift build ${args[*]}) …"
    nice swift build "${args[@]}" --product newsd >&2 && nice swift build "${args[@]}" --product newsctl >&2 ||
        { echo "FAIL: build failed" >&2; exit 1; }
    bin_dir=$(swift build "${args[@]}" --show-bin-path)
fi
for f in newsd newsctl; do
    [ -x "$bin_dir/$f" ] || { echo "FAIL: no $bin_dir/$f" >&2; exit 1; }
done

# What the namespace sees under /share: the files install.sh needs, the binaries, drop-ins.
mkdir -p "$SDNS_SHARE/src" "$SDNS_SHARE/bin" "$SDNS_SHARE/units/newsd.service.d" "$SDNS_SHARE/out"
cp -a "$repo/Deploy" "$repo/Config" "$repo/README.md" "$SDNS_SHARE/src/"
cp "$bin_dir/newsd" "$bin_dir/newsctl" "$SDNS_SHARE/bin/"
chmod -R a+rX "$SDNS_SHARE"
# Test-only settings: fail a start without READY=1 in 15 s (not 120 s), no start limit
# (the watchdog steps restart the daemon on purpose), kill a hung daemon 2 s after SIGABRT,
# and record how each run ended (an inactive unit is unloaded, and its exit status with it).
cat >"$SDNS_SHARE/units/newsd.service.d/10-e2e.conf" <<'EOF'
[Unit]
StartLimitIntervalSec=0
[Service]
TimeoutStartSec=15s
TimeoutAbortSec=2s
ExecStopPost=+/bin/sh -c 'echo "$SERVICE_RESULT $EXIT_CODE $EXIT_STATUS" >>/run/newsd-e2e.exits'
EOF

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM   # so that cleanup (poweroff of the namespace) runs on these too
echo "booting systemd in namespaces ($SDNS_NAME) …"
if ! sdns_boot; then
    fail "boot systemd as PID 1 in namespaces" "$(cat "$SDNS_LOG" 2>/dev/null)"
    echo "$passed passed, $failed failed"
    exit 1
fi
pass "boot systemd as PID 1 in namespaces ($(in_ns systemctl --version | head -1))"

# ---------------------------------------------------------------- install
if out=$(in_ns bash /share/src/Deploy/install.sh --no-build --bin-dir /share/bin 2>&1); then
    pass "Deploy/install.sh installs into the running system"
else
    fail "Deploy/install.sh installs into the running system" "$out"
fi
check "user and group newsd exist (sysusers), shell nologin" \
    in_ns sh -c 'getent passwd newsd | grep -q ":/var/lib/newsd:/usr/sbin/nologin$" && getent group newsd'
check "inbox is 2770 newsd:newsd, store 0750 (tmpfiles)" \
    in_ns sh -c '[ "$(stat -c "%a %U %G" /var/lib/newsd/inbox)" = "2770 newsd newsd" ] &&
                 [ "$(stat -c "%a %U %G" /var/lib/newsd/store)" = "750 newsd newsd" ]'
check "/etc/newsd/newsd.toml sets data_dir and runtime_dir" \
    in_ns grep -q '^runtime_dir = "/run/newsd"' /etc/newsd/newsd.toml
catalog_ids=$(grep -c '^-- 5d0f1f1bd5b54d8f9a6e1a0c3b7e2f' "$repo/Deploy/newsd.catalog")
check "journald catalog lists the $catalog_ids newsd MESSAGE_IDs" \
    in_ns sh -c '[ "$(journalctl --list-catalog | grep -c "^5d0f1f1bd5b54d8f9a6e1a0c3b7e2f[0-9a-f][0-9a-f] newsd:")" -eq '"$catalog_ids"' ]'
out=$(in_ns systemd-analyze verify --man=no /usr/local/lib/systemd/system/newsd.service 2>&1)
if [ -z "$out" ]; then pass "systemd-analyze verify prints nothing for the installed unit"
else fail "systemd-analyze verify prints nothing for the installed unit" "$out"; fi
out=$(in_ns bash /share/src/Deploy/install.sh --no-build --bin-dir /share/bin 2>&1)
if [ $? -eq 0 ] && ! grep -q "installed /" <<<"$out"; then
    pass "install.sh again changes nothing (idempotent)"
else
    fail "install.sh again changes nothing (idempotent)" "$out"
fi

# ---------------------------------------------------------------- start
start_out=$(in_ns timeout 40 systemctl start newsd 2>&1); start_rc=$?
state=$(unit_prop ActiveState)/$(unit_prop SubState)
ready=0
if [ $start_rc -eq 0 ] && [ "$state" = active/running ]; then
    ready=1
    pass "systemctl start newsd returns after READY=1 (state right after: $state)"
else
    fail "systemctl start newsd returns after READY=1 (rc $start_rc, state $state)" "$start_out
$(journal_tail 12)"
fi
# Proof of order: newsd logs "started" (watches set, backlog queued) before READY=1; the
# manager's "Started" entry (JOB_RESULT=done) must not come before it.
if [ $ready = 1 ]; then
    order=$(in_ns sh -c '
        s=$(journalctl -o export _SYSTEMD_UNIT=newsd.service MESSAGE_ID=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f01 | sed -n "s/^__MONOTONIC_TIMESTAMP=//p" | tail -1)
        d=$(journalctl -o export _PID=1 UNIT=newsd.service JOB_TYPE=start JOB_RESULT=done | sed -n "s/^__MONOTONIC_TIMESTAMP=//p" | tail -1)
        echo "${s:-none} ${d:-none}"')
    read -r s_ts d_ts <<<"$order"
    if [ "$s_ts" != none ] && [ "$d_ts" != none ] && [ "$s_ts" -le "$d_ts" ]; then
        pass "newsd's started event (MESSAGE_ID …f01) precedes systemd's job done"
    else
        fail "newsd's started event (MESSAGE_ID …f01) precedes systemd's job done (started $s_ts, job done $d_ts)"
    fi
    status=$(unit_prop StatusText)
    if [ -n "$status" ]; then pass "STATUS= is set: \"$status\""; else fail "STATUS= is set (StatusText is empty)"; fi
else
    fail "newsd's started event precedes systemd's job done (not started)"
    fail "STATUS= is set (not started)"
    # Go on without READY=1, to learn whether the rest works (sandbox, ingest, journal, stop).
    echo "     … newsd did not become ready under Type=notify; the next steps run it as Type=simple"
    in_ns systemctl stop newsd >/dev/null 2>&1
    in_ns sh -c 'printf "[Service]\nType=simple\n" >/etc/systemd/system/newsd.service.d/20-e2e-simple.conf &&
                 systemctl daemon-reload && systemctl reset-failed newsd; systemctl start newsd' >/dev/null 2>&1
    wait_for 10 in_ns test -S /run/newsd/control.sock ||
        wait_for 5 in_ns sh -c 'journalctl -u newsd | grep -q "newsd started"'
fi
main_pid=$(unit_prop MainPID)
if [ "$(unit_prop ActiveState)" = active ] && [ "${main_pid:-0}" -gt 0 ]; then
    pass "newsd runs under the full sandbox as user newsd (pid $main_pid)"
else
    fail "newsd runs under the full sandbox as user newsd" "$(journal_tail 15)"
fi
check "the daemon's process runs as newsd:newsd" \
    in_ns sh -c "[ \"\$(ps -o user=,group= -p $main_pid | tr -s ' ')\" = 'newsd newsd' ]"

# ---------------------------------------------------------------- a producer drops a file
article() {   # a short news article in a plain-text dump
    cat <<EOF
Harbour authority approves new ferry terminal for $1

By Jane Example, Staff Reporter
Published 12 March 2026

The harbour authority on Thursday approved plans for a new ferry terminal, ending two
years of debate about the future of the waterfront. The terminal will replace the
ageing pier built in 1968 and is expected to handle twice as many passengers.

"This is the most important investment in the port for a generation," the authority's
chair, Maria Lopez, told reporters after the vote. Construction is due to start in the
autumn and to take about three years.

Local businesses welcomed the decision, while residents' groups said they would watch
closely how traffic to the new terminal is managed. Test run $2.
EOF
}
in_ns sh -c 'id alice >/dev/null 2>&1 || useradd --no-create-home --shell /usr/sbin/nologin --groups newsd alice'
article "the east quay" "$$-1" >"$SDNS_SHARE/out/one.txt"
sha1=$(sha256sum "$SDNS_SHARE/out/one.txt" | cut -d' ' -f1)
# As a downloader would: write under an ignored name, then rename into place.
drop_out=$(in_ns setpriv --reuid=alice --regid=alice --init-groups sh -c \
    'umask 0007; cat /share/out/one.txt >/var/lib/newsd/inbox/.one.txt.part && mv /var/lib/newsd/inbox/.one.txt.part /var/lib/newsd/inbox/one.txt' 2>&1)
if [ $? -eq 0 ]; then pass "alice (group newsd, not root) can drop a file into the inbox"
else fail "alice (group newsd, not root) can drop a file into the inbox" "$drop_out"; fi
stored() { in_ns sh -c "grep -qs '$1' /var/lib/newsd/store/*.jsonl"; }
if wait_for 20 stored "$sha1" && wait_for 5 in_ns test ! -e /var/lib/newsd/inbox/one.txt; then
    pass "the file is ingested: record with its sha256 in the store, gone from the inbox"
else
    fail "the file is ingested: record with its sha256 in the store, gone from the inbox" \
        "$(in_ns sh -c 'ls -la /var/lib/newsd/inbox /var/lib/newsd/quarantine; cat /var/lib/newsd/quarantine/*.reason.json' 2>&1)
$(journal_tail 10)"
fi
check "the input was moved to processed/ (disposition = move)" \
    in_ns sh -c 'ls /var/lib/newsd/processed/*/one.txt'
in_ns journalctl --sync >/dev/null 2>&1
# Messages are fixed ("Article stored"); the file is in a field, so look at all fields.
check "journalctl -u newsd shows the file (-o verbose: NEWSD_FILE=one.txt)" \
    in_ns sh -c 'journalctl -u newsd --no-pager -o verbose | grep -qx "    NEWSD_FILE=one.txt"'
fields=$(in_ns journalctl -o export _SYSTEMD_UNIT=newsd.service MESSAGE_ID=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f02 2>&1)
if grep -qx "NEWSD_FILE=one.txt" <<<"$fields" && grep -qx "NEWSD_SHA256=$sha1" <<<"$fields" &&
   grep -qx "SYSLOG_IDENTIFIER=newsd" <<<"$fields" && grep -q "^NEWSD_ARTICLE_ID=." <<<"$fields"; then
    pass "journal entry: MESSAGE_ID …f02, NEWSD_FILE, NEWSD_SHA256, NEWSD_ARTICLE_ID, SYSLOG_IDENTIFIER"
else
    fail "journal entry: MESSAGE_ID …f02, NEWSD_FILE, NEWSD_SHA256, NEWSD_ARTICLE_ID, SYSLOG_IDENTIFIER" \
        "$(in_ns journalctl -u newsd -o verbose -n 3 --no-pager 2>&1 | head -20)"
fi
check "journalctl -x explains it from the catalog" \
    in_ns sh -c 'journalctl -x --no-pager _SYSTEMD_UNIT=newsd.service MESSAGE_ID=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f02 | grep -q "Defined-By: newsd"'

# ---------------------------------------------------------------- reload
reloads_before=$(in_ns sh -c 'journalctl -q _SYSTEMD_UNIT=newsd.service MESSAGE_ID=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f07 | wc -l')
pid_before=$(unit_prop MainPID)
in_ns sed -i 's/^#disposition = "move"/disposition = "delete"/' /etc/newsd/newsd.toml
reload_out=$(in_ns timeout 30 systemctl reload newsd 2>&1); reload_rc=$?
in_ns journalctl --sync >/dev/null 2>&1
reloads_after=$(in_ns sh -c 'journalctl -q _SYSTEMD_UNIT=newsd.service MESSAGE_ID=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f07 | wc -l')
if [ $reload_rc -eq 0 ] && [ "$reloads_after" -gt "$reloads_before" ] && [ "$(unit_prop MainPID)" = "$pid_before" ]; then
    pass "systemctl reload returns after the reload is done (reloaded event …f07 already logged, same pid)"
else
    fail "systemctl reload returns after the reload is done (rc $reload_rc, reloaded events $reloads_before -> $reloads_after)" \
        "$reload_out
$(journal_tail 8)"
fi
# The new disposition must be in force the moment `systemctl reload` returned.
article "the west quay" "$$-2" >"$SDNS_SHARE/out/two.txt"
sha2=$(sha256sum "$SDNS_SHARE/out/two.txt" | cut -d' ' -f1)
in_ns setpriv --reuid=alice --regid=alice --init-groups sh -c \
    'umask 0007; cat /share/out/two.txt >/var/lib/newsd/inbox/.two.part && mv /var/lib/newsd/inbox/.two.part /var/lib/newsd/inbox/two.txt'
if wait_for 20 stored "$sha2" && wait_for 5 in_ns test ! -e /var/lib/newsd/inbox/two.txt &&
   ! in_ns sh -c 'ls /var/lib/newsd/processed/*/two.txt' >/dev/null 2>&1; then
    pass "the reloaded setting is live at once (disposition = delete: stored, not moved)"
else
    fail "the reloaded setting is live at once (disposition = delete: stored, not moved)" \
        "$(in_ns sh -c 'ls -laR /var/lib/newsd/inbox /var/lib/newsd/processed' 2>&1 | head -15)"
fi
in_ns sh -c 'cp /etc/newsd/newsd.toml /root/newsd.toml.good && sed -i "s/^\[ingest\]$/[ingest]\nno_such_key = 1/" /etc/newsd/newsd.toml'
bad_out=$(in_ns timeout 30 systemctl reload newsd 2>&1); bad_rc=$?
in_ns journalctl --sync >/dev/null 2>&1
if [ $bad_rc -ne 0 ] && [ "$(unit_prop ActiveState)" = active ] && [ "$(unit_prop MainPID)" = "$pid_before" ] &&
   in_ns sh -c 'journalctl -q _SYSTEMD_UNIT=newsd.service MESSAGE_ID=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f0c -o verbose | grep -q "no_such_key"'; then
    pass "an unknown key makes systemctl reload fail (reload_failed …f0c names it); newsd keeps running"
else
    fail "an unknown key makes systemctl reload fail (reload_failed …f0c names it); newsd keeps running (rc $bad_rc, $(unit_prop ActiveState))" \
        "$bad_out"
fi
in_ns cp /root/newsd.toml.good /etc/newsd/newsd.toml
in_ns timeout 30 systemctl reload newsd >/dev/null 2>&1

# ---------------------------------------------------------------- watchdog
in_ns sh -c 'printf "[Service]\nWatchdogSec=2s\n" >/etc/systemd/system/newsd.service.d/30-e2e-watchdog.conf && systemctl daemon-reload'
in_ns timeout 40 systemctl restart newsd >/dev/null 2>&1
restarts0=$(unit_prop NRestarts); pid0=$(unit_prop MainPID)
wd=$(unit_prop WatchdogUSec)
sleep 6   # three watchdog intervals: a daemon that does not ping is killed in this time
restarts1=$(unit_prop NRestarts); pid1=$(unit_prop MainPID)
if [ "$(unit_prop ActiveState)" = active ] && [ "$pid1" = "$pid0" ] && [ "$restarts1" = "$restarts0" ]; then
    pass "WATCHDOG=1 pings keep newsd alive over 3 intervals (WatchdogSec=$wd)"
else
    fail "WATCHDOG=1 pings keep newsd alive over 3 intervals (pid $pid0 -> $pid1, NRestarts $restarts0 -> $restarts1)" \
        "$(in_ns journalctl -u newsd --no-pager -n 6 2>&1)"
fi
pinging=$([ "$restarts0" = "$restarts1" ] && [ "$pid0" = "$pid1" ] && echo 1 || echo 0)
restarts1=$(unit_prop NRestarts); pid1=$(unit_prop MainPID)
wd_cursor=$(in_ns journalctl -q -n 1 -o export | sed -n 's/^__CURSOR=//p')
if [ "${pid1:-0}" -gt 0 ]; then in_ns kill -STOP "$pid1"; fi
new_instance() {
    local r p; r=$(unit_prop NRestarts); p=$(unit_prop MainPID)
    [ "$r" -gt "$restarts1" ] && [ "$p" != "$pid1" ] && [ "$p" != 0 ] && [ "$(unit_prop ActiveState)" = active ]
}
if [ "$pinging" = 0 ]; then
    # Without pings the watchdog kills newsd every interval anyway: nothing to prove here.
    fail "a stopped daemon (SIGSTOP): systemd logs a watchdog timeout and restarts it (not meaningful: newsd does not ping)"
elif wait_for 25 new_instance &&
     in_ns sh -c 'journalctl -u newsd -q --after-cursor="$1" | grep -q "Watchdog timeout"' sh "$wd_cursor"; then
    pass "a stopped daemon (SIGSTOP): systemd logs a watchdog timeout and restarts it (pid $pid1 -> $(unit_prop MainPID), NRestarts $restarts1 -> $(unit_prop NRestarts))"
else
    fail "a stopped daemon (SIGSTOP): systemd logs a watchdog timeout and restarts it (NRestarts $(unit_prop NRestarts), $(unit_prop ActiveState)/$(unit_prop SubState))" \
        "$(in_ns journalctl --no-pager -n 8 2>&1)"
fi
in_ns sh -c 'rm -f /etc/systemd/system/newsd.service.d/30-e2e-watchdog.conf && systemctl daemon-reload'

# ---------------------------------------------------------------- stop
in_ns timeout 40 systemctl restart newsd >/dev/null 2>&1
cursor=$(in_ns journalctl -q -n 1 -o export | sed -n 's/^__CURSOR=//p')
stop_out=$(in_ns timeout 70 systemctl stop newsd 2>&1); stop_rc=$?
ended=$(in_ns tail -1 /run/newsd-e2e.exits 2>/dev/null)   # "$SERVICE_RESULT $EXIT_CODE $EXIT_STATUS"
if [ $stop_rc -eq 0 ] && [ "$(unit_prop ActiveState)" = inactive ] && [ "$ended" = "success exited 0" ]; then
    pass "systemctl stop is clean (result success, newsd exited with status 0)"
else
    fail "systemctl stop is clean (rc $stop_rc; result, exit code, status: ${ended:-?})" \
        "$stop_out
$(journal_tail 8)"
fi
in_ns journalctl --sync >/dev/null 2>&1
check "nothing was SIGKILLed while stopping" \
    in_ns sh -c '! journalctl -u newsd -q --after-cursor="$1" | grep -q "SIGKILL"' sh "$cursor"
check "newsd logged stopping (MESSAGE_ID …f08)" \
    in_ns sh -c 'journalctl -q _SYSTEMD_UNIT=newsd.service MESSAGE_ID=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f08 | grep -q .'
check "/run/newsd is removed after stop" in_ns test ! -e /run/newsd

# ---------------------------------------------------------------- uninstall
out=$(in_ns bash /share/src/Deploy/install.sh --uninstall 2>&1)
if [ $? -eq 0 ] && in_ns test ! -e /usr/local/bin/newsd && in_ns test ! -e /usr/local/lib/systemd/system/newsd.service &&
   stored "$sha1" && in_ns test -f /etc/newsd/newsd.toml && in_ns getent passwd newsd >/dev/null; then
    pass "install.sh --uninstall removes the files, keeps the store, config and user"
else
    fail "install.sh --uninstall removes the files, keeps the store, config and user" "$out"
fi
out=$(in_ns bash /share/src/Deploy/install.sh --uninstall --purge 2>&1)
if [ $? -eq 0 ] && in_ns test ! -e /var/lib/newsd && in_ns test ! -e /etc/newsd && ! in_ns getent passwd newsd >/dev/null; then
    pass "install.sh --purge deletes /var/lib/newsd, /etc/newsd and user newsd"
else
    fail "install.sh --purge deletes /var/lib/newsd, /etc/newsd and user newsd" "$out"
fi

if [ "$failed" -gt 0 ]; then
    # The whole journal of the namespace, for a look afterwards (CI: keep it as an artefact).
    in_ns sh -c 'journalctl --no-pager -o short-monotonic >/share/out/journal.txt' 2>/dev/null
    if [ -n "${NEWSD_E2E_ARTIFACTS:-}" ]; then
        mkdir -p "$NEWSD_E2E_ARTIFACTS" && cp "$SDNS_SHARE/out/journal.txt" "$NEWSD_E2E_ARTIFACTS/" &&
            echo "journal of the namespace: $NEWSD_E2E_ARTIFACTS/journal.txt"
    elif [ "$keep" = 1 ]; then
        echo "journal of the namespace: $SDNS_SHARE/out/journal.txt"
    fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
