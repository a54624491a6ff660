#!/usr/bin/env bash
# Hostile input against the real newsd (issue #7): every item of the issue's list is
# dropped into the inbox of a running daemon, and for each one this checks
#   - the disposition: stored (record + processed/ file), or quarantined with the
#     expected reason (quarantine/NAME + NAME.reason.json),
#   - the per-file event: in journald (MESSAGE_ID + NEWSD_EVENT/FILE/ERROR fields)
#     when one runs or can be started (root), else the `event=` lines on stderr,
#   - that the daemon is alive and answers `newsctl status`;
# then prints the daemon's peak RSS (VmHWM from /proc/PID/status).
# A second daemon (console log: 100,000 journald entries would hit journald's rate
# limit) takes a burst of 100,000 files renamed into its inbox at once.
#
#   Tests/e2e/hostile-input.sh [--bin-dir DIR] [--quick] [--console] [--keep]
#
# --quick: a 10,000-file burst instead of 100,000 (every other item is unchanged).
# --console: read the events from stderr even when a journald is there.
# --keep: leave the temporary folder for inspection.
# Without --bin-dir it uses the debug build of this clone (`swift build`).
# Prints PASS/FAIL per check, the figures, and "N passed, M failed"; exits 1 on failure.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin_dir=${NEWSD_BIN_DIR:-}
burst=100000
keep=0
force_console=0
while [ $# -gt 0 ]; do
    case "$1" in
        --bin-dir) bin_dir=$2; shift 2 ;;
        --bin-dir=*) bin_dir=${1#*=}; shift ;;
        --quick) burst=10000; shift ;;
        --console) force_console=1; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "hostile-input.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -z "$bin_dir" ]; then
    (cd "$repo" && swift build --product newsd >&2 && swift build --product newsctl >&2) || { echo "FAIL: build failed"; exit 1; }
    bin_dir=$(cd "$repo" && swift build --show-bin-path)
fi
newsd=$bin_dir/newsd
newsctl=$bin_dir/newsctl
events=$here/lib/newsd_events.py
[ -x "$newsd" ] && [ -x "$newsctl" ] || { echo "FAIL: no newsd/newsctl in $bin_dir"; exit 1; }

passed=0; failed=0; step=0
pass() { step=$((step + 1)); passed=$((passed + 1)); printf 'PASS %2d %s\n' "$step" "$1"; }
fail() {
    step=$((step + 1)); failed=$((failed + 1)); printf 'FAIL %2d %s\n' "$step" "$1"
    [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/        /' | head -25
}
check() { # check LABEL DETAIL CONDITION…: PASS when the command succeeds
    local label=$1 detail=$2; shift 2
    if "$@"; then pass "$label"; else fail "$label" "$detail"; fi
}

work=$(mktemp -d /var/tmp/newsd-hostile.XXXXXX)
daemon_pids=()
journald_started=0
cleanup() {
    local pid
    for pid in "${daemon_pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${daemon_pids[@]}"; do wait "$pid" 2>/dev/null; done
    [ "$journald_started" = 0 ] || journald_stop
    if [ "$keep" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# journald: use the one that serves the socket, or start a standalone one (root).
log_target=console
JOURNALD_PIDFILE=$work/journald.pid
. "$here/lib/journald.sh"
if [ "$force_console" = 1 ]; then
    :
elif journald_alive; then
    log_target=journal
elif [ "$(id -u)" -eq 0 ] && [ -x "$JOURNALD_BIN" ] && journald_start; then
    log_target=journal; journald_started=1
fi
echo "events checked in: $log_target"

# start_daemon NAME TARGET: newsd on $work/NAME with its own config; sets pid/cfg/log.
start_daemon() {
    local name=$1 target=$2
    cfg=$work/$name.toml
    log=$work/$name.log
    printf '[paths]\ndata_dir = "%s"\n[ingest]\nmax_file_bytes = 20971520\n' "$work/$name" >"$cfg"
    "$newsd" --config "$cfg" --log-target "$target" 2>"$log" &
    pid=$!
    daemon_pids+=("$pid")
    local i
    for i in $(seq 600); do
        "$newsctl" status --config "$cfg" >/dev/null 2>&1 && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    echo "FAIL: newsd $name did not start"; cat "$log"; exit 1
}
alive() { kill -0 "$pid" 2>/dev/null && "$newsctl" status --config "$cfg" >/dev/null 2>&1; }
peak_rss_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$pid/status"; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }

# An article of about N words whose sentences start with TAG (distinct content per tag).
article() {
    local tag=$1 words=${2:-300}
    python3 - "$tag" "$words" <<'PY'
import random, sys
tag, words = sys.argv[1], int(sys.argv[2])
rng = random.Random(tag)
vocab = ("the council said on tuesday that new rules for river water would come into force "
         "next spring after months of talks with farmers and town officials who had warned "
         "about dry summers rising costs and the state of old pipes under the main streets").split()
print("Council agrees new river water rules (%s)" % tag)
print()
out, n = [], 0
while n < words:
    sentence = [rng.choice(vocab) for _ in range(rng.randint(9, 18))]
    sentence[0] = sentence[0].capitalize()
    out.append(" ".join(sentence) + ".")
    n += len(sentence)
    if len(out) == 4:
        print(tag.capitalize() + " " + " ".join(out)); print(); out = []
if out: print(tag.capitalize() + " " + " ".join(out))
PY
}

# The per-file event for inbox path $1 (raw bytes), as JSON; empty after the timeout.
# A name dropped again gets its next event: `count_drop` (run in this shell, not in
# the $(…) subshell) numbers the drops of each name.
declare -A drops=()
count_drop() {
    local key
    key=$(printf '%s' "$1" | od -An -tx1 | tr -d ' \n')
    drops[$key]=$(( ${drops[$key]:-0} + 1 ))
    nth=${drops[$key]}
}
event_for() {
    local source
    if [ "$log_target" = journal ]; then source=(--journal "$pid" --console "$log"); else source=(--console "$log"); fi
    python3 "$events" wait "${source[@]}" --file "$1" --nth "$2" --timeout "${3:-120}"
}
lossy() { python3 -c 'import os,sys; print(os.fsencode(sys.argv[1]).decode("utf-8","replace"), end="")' "$1"; }
jfield() { jq -r --arg k "$2" '.[$k] // empty' <<<"$1"; }
# In journald the event must carry its MESSAGE_ID. One journald refused went to
# stderr instead (the journald went away): counted, and reported at the end.
journal_fallbacks=0
journal_id() {
    [ "$log_target" = journal ] || return 0
    if [ "$(jfield "$1" source)" = console ]; then journal_fallbacks=$((journal_fallbacks + 1)); return 0; fi
    [ "$(jfield "$1" message_id)" = "$2" ]
}
record_has() { jq -e "$1" <<<"$last_record" >/dev/null; }   # a jq test on the last stored record

# expect_quarantined LABEL PATH REASON [QUARANTINED_NAME]: the entry left the inbox
# for quarantine/ with a reason file, the event says so (MESSAGE_ID …04 in journald),
# newsd answers. QUARANTINED_NAME (raw bytes) when the event's destination is lossy.
expect_quarantined() {
    local label=$1 path=$2 reason=$3 raw=${4:-} ev dest problems="" nth
    count_drop "$path"
    ev=$(event_for "$path" "$nth")
    [ -n "$ev" ] || { fail "$label: quarantined ($reason)" "no event for the file within 60 s; log: $(tail -3 "$log")"; return; }
    [ "$(jfield "$ev" event)" = quarantined ] || problems+="event $(jfield "$ev" event) "
    [ "$(jfield "$ev" error)" = "$reason" ] || problems+="error $(jfield "$ev" error) "
    journal_id "$ev" 5d0f1f1bd5b54d8f9a6e1a0c3b7e2f04 || problems+="MESSAGE_ID $(jfield "$ev" message_id) "
    dest=$(jfield "$ev" destination)
    [ -z "$raw" ] || dest=$raw
    { [ -e "$inbox/$path" ] || [ -L "$inbox/$path" ]; } && problems+="still in the inbox "
    if [ -n "$dest" ]; then
        { [ -e "$quarantine/$dest" ] || [ -L "$quarantine/$dest" ]; } || problems+="no quarantine/$dest "
        [ "$(jq -r .error "$quarantine/$dest.reason.json" 2>/dev/null)" = "$reason" ] || problems+="reason file "
        [ "$(jq -r .file "$quarantine/$dest.reason.json" 2>/dev/null)" = "$(lossy "$path")" ] || problems+="reason file's file "
    fi
    alive || problems+="newsd does not answer "
    if [ -z "$problems" ]; then pass "$label: quarantined ($reason), reason file, event, newsd answers"
    else fail "$label: quarantined ($reason)" "$problems
$ev"; fi
    last_destination=$dest
}

# expect_stored LABEL PATH [PROCESSED_PATH]: a record with file=PATH, the input in
# processed/DAY/ (PROCESSED_PATH, raw bytes, when the destination in the event is lossy).
expect_stored() {
    local label=$1 path=$2 raw=${3:-} ev dest id problems="" record nth
    count_drop "$path"
    ev=$(event_for "$path" "$nth")
    [ -n "$ev" ] || { fail "$label: stored" "no event for the file within 60 s; log: $(tail -3 "$log")"; return; }
    [ "$(jfield "$ev" event)" = stored ] || problems+="event $(jfield "$ev" event) $(jfield "$ev" error) "
    journal_id "$ev" 5d0f1f1bd5b54d8f9a6e1a0c3b7e2f02 || problems+="MESSAGE_ID "
    dest=$(jfield "$ev" destination)
    id=$(jfield "$ev" article_id)
    { [ -e "$inbox/$path" ] || [ -L "$inbox/$path" ]; } && problems+="still in the inbox "
    if [ -n "$raw" ]; then [ -f "$processed/$day/$raw" ] || problems+="no processed/$day/<raw name> "
    else [ -f "$processed/$dest" ] || problems+="no processed/$dest "; fi
    record=$(cat "$data"/store/articles-*.jsonl | jq -c --arg id "$id" 'select(.id == $id)')
    [ "$(jq -r .file <<<"$record")" = "$(lossy "$path")" ] || problems+="record file $(jq .file <<<"$record") "
    alive || problems+="newsd does not answer "
    if [ -z "$problems" ]; then pass "$label: stored ($id), in processed/, event, newsd answers"
    else fail "$label: stored" "$problems
$ev"; fi
    last_record=$record
    last_destination=$dest
}

stage=$work/stage
mkdir -p "$stage" "$work/outside"
drop() { mv "$stage/$1" "$inbox/$2"; }   # renamed in, as producers should

# ---------------------------------------------------------------------------------
start_daemon a "$log_target"
data=$work/a; inbox=$data/inbox; quarantine=$data/quarantine
day=$(date -u +%F); processed=$data/processed
echo "newsd pid $pid, data $data"

# Binary files.
cp /bin/ls "$stage/ls.txt"; drop ls.txt program.txt
expect_quarantined "ELF executable" program.txt binary
head -c 200000 /dev/urandom >"$stage/random.bin"; drop random.bin random.txt
expect_quarantined "random bytes" random.txt binary

# NUL bytes in text: stray NULs are dropped, the record says decoded_lossy.
article nul >"$stage/nul.txt"
python3 - "$stage/nul.txt" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read())
for i in range(200, len(b), 400): b[i:i] = b"\0"
open(p, "wb").write(b)
PY
drop nul.txt nul-bytes.txt
expect_stored "NUL bytes in text" nul-bytes.txt
check "NUL bytes in text: decoded_lossy, no NUL in the text" "$last_record" \
    record_has '.decoded_lossy == true and ([.text | explode[] | select(. == 0)] | length == 0) and (.text | contains("Nul "))'

# Invalid UTF-8: read as Windows-1252, decoded_lossy.
{ article latin; printf 'Caf\xe9 owners in Z\xfcrich said the \x81\xff rules were unclear.\n'; } >"$stage/latin.txt"
drop latin.txt invalid-utf8.txt
expect_stored "invalid UTF-8 bytes" invalid-utf8.txt
check "invalid UTF-8: decoded_lossy, read as Windows-1252 (Café, Zürich)" "$last_record" \
    record_has '.decoded_lossy == true and (.text | contains("Café") and contains("Zürich"))'

# UTF-16 without a BOM, both byte orders.
article utf16le | iconv -f UTF-8 -t UTF-16LE >"$stage/le.txt"; drop le.txt utf16le.txt
expect_stored "UTF-16LE without BOM" utf16le.txt
check "UTF-16LE without BOM: decoded exactly (not lossy)" "$last_record" \
    record_has '.decoded_lossy == false and (.text | contains("Utf16le "))'
article utf16be | iconv -f UTF-8 -t UTF-16BE >"$stage/be.txt"; drop be.txt utf16be.txt
expect_stored "UTF-16BE without BOM" utf16be.txt
check "UTF-16BE without BOM: decoded exactly (not lossy)" "$last_record" \
    record_has '.decoded_lossy == false and (.text | contains("Utf16be "))'

# A 0-byte file (written in place: IN_CLOSE_WRITE).
: >"$inbox/empty.txt"
expect_quarantined "0-byte file" empty.txt empty

# Over the size cap (20 MiB + 1 byte), and a sparse 10 GiB file: refused from fstat.
yes "The council met again on Tuesday to talk about the river." | head -c 20971521 >"$stage/big.txt"
drop big.txt over-cap.txt
expect_quarantined "file over the size cap (20 MiB + 1)" over-cap.txt too_large
rss_before=$(rss_kib)
truncate -s 10G "$stage/sparse.txt"
start=$(date +%s.%N); drop sparse.txt sparse-10g.txt
expect_quarantined "sparse 10 GiB file" sparse-10g.txt too_large
took=$(echo "$(date +%s.%N) - $start" | bc)
rss_after=$(rss_kib)
check "sparse 10 GiB file: never read (quarantined in ${took} s; RSS ${rss_before} → ${rss_after} KiB)" "" \
    [ $((rss_after - rss_before)) -lt 65536 ]

# Symlinks: to /etc/shadow, and loops. Moved to quarantine as links, never followed.
ln -s /etc/shadow "$inbox/shadow.txt"
expect_quarantined "symlink to /etc/shadow" shadow.txt symlink
check "symlink to /etc/shadow: quarantined as a link, nothing of it stored" "" \
    bash -c '[ -L "$1" ] && [ "$(readlink "$1")" = /etc/shadow ] && ! grep -q "root:" "$2"/store/articles-*.jsonl' _ "$quarantine/$last_destination" "$data"
ln -s loop-b.txt "$inbox/loop-a.txt"; ln -s loop-a.txt "$inbox/loop-b.txt"; ln -s self.txt "$inbox/self.txt"
expect_quarantined "symlink loop (a → b → a)" loop-a.txt symlink
expect_quarantined "symlink loop (b → a)" loop-b.txt symlink
expect_quarantined "symlink to itself" self.txt symlink

# A FIFO (nobody writes to it) and a socket: never opened for reading blocking.
mkfifo "$inbox/pipe.txt"
expect_quarantined "FIFO" pipe.txt not_regular_file
python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$inbox/socket.txt"
expect_quarantined "socket" socket.txt not_regular_file
article after-fifo >"$stage/after.txt"; drop after.txt after-fifo.txt
expect_stored "an article after the FIFO and the socket (workers not blocked)" after-fifo.txt

# A hard link to a file outside the inbox: not read (it could be anything newsd may
# read and the dropper may not).
article secret >"$work/outside/secret.txt"
ln "$work/outside/secret.txt" "$inbox/hardlink.txt"
expect_quarantined "hard link to a file outside the inbox" hardlink.txt hard_link
check "hard link: the outside file's text is not in the store" "" \
    bash -c '! grep -q "Secret " "$1"/store/articles-*.jsonl' _ "$data"

# Names: a newline, invalid UTF-8 bytes, 255 bytes.
name=$'news\nline.txt'
article newline >"$stage/n.txt"; drop n.txt "$name"
expect_stored "name with a newline" "$name"
name=$'bad-\xff\xfe-name.txt'
article badname >"$stage/b.txt"; drop b.txt "$name"
expect_stored "name with invalid UTF-8 bytes (kept as bytes in processed/)" "$name" "$name"
: >"$inbox/$name"
expect_quarantined "name with invalid UTF-8 bytes, quarantined (reason file named by the bytes)" "$name" empty "$name"
name=$'quarantined\nline.txt'
: >"$inbox/$name"
expect_quarantined "name with a newline, quarantined" "$name" empty
long=$(printf 'n%.0s' $(seq 251)).txt
article long1 >"$stage/l.txt"; drop l.txt "$long"
expect_stored "255-byte name" "$long"
article long2 >"$stage/l.txt"; drop l.txt "$long"
expect_stored "255-byte name again (processed/ name taken: shortened + suffix)" "$long"
dest_name=$(basename "$last_destination")
check "255-byte name again: processed/ name fits NAME_MAX (${#dest_name} bytes, ends .1.txt)" "$last_destination" \
    bash -c '[ "$(printf %s "$1" | wc -c)" -le 255 ] && [ "${1%.1.txt}" != "$1" ]' _ "$dest_name"
: >"$inbox/$long"
expect_quarantined "255-byte name, quarantined (reason file name fits)" "$long" empty
: >"$inbox/$long"
expect_quarantined "255-byte name, quarantined again (name taken)" "$long" empty
dest_name=$(basename "$last_destination")
check "255-byte name quarantined: NAME.reason.json fits NAME_MAX (${#dest_name} + 12 bytes)" "$last_destination" \
    bash -c '[ $(( $(printf %s "$1" | wc -c) + 16 )) -le 255 ] && [ -f "$2/$1.reason.json" ]' _ "$dest_name" "$quarantine"

# 100 levels of folders: made in the inbox level by level, and moved in as a tree.
deep=""; for i in $(seq -w 1 100); do deep+="level$i/"; done
mkdir -p "$inbox/$deep"
article deep1 >"$stage/d.txt"; mv "$stage/d.txt" "$inbox/${deep}deep.txt"
expect_stored "file 100 folders deep (mkdir -p in the inbox)" "${deep}deep.txt"
mkdir -p "$stage/tree/$deep"; article deep2 >"$stage/tree/${deep}deep.txt"
mv "$stage/tree" "$inbox/tree"
expect_stored "file 100 folders deep (tree moved in)" "tree/${deep}deep.txt"

# HTML with 100,000 nested tags, the article text after them.
python3 - "$stage/nested.html" <<'PY'
import sys
para = "<p>" + " ".join(["The council said new rules for river water will start next spring."] * 4) + "</p>"
with open(sys.argv[1], "w") as f:
    f.write("<!doctype html><html><head><title>Deep page</title></head><body>")
    f.write("<div>" * 100000 + "x" + "</div>" * 100000)
    f.write("<article><h1>River rules agreed</h1>" + para * 6 + "</article></body></html>")
PY
start=$(date +%s.%N); drop nested.html nested.html
expect_stored "HTML with 100,000 nested tags" nested.html
check "100,000 nested tags: the article after them is extracted ($(echo "$(date +%s.%N) - $start" | bc) s)" "$last_record" \
    record_has '.format == "html" and (.text | contains("river water"))'
python3 - "$stage/nested2.html" <<'PY'
import sys
para = "<p>" + " ".join(["Farmers said the new rules for river water came too late for them."] * 4) + "</p>"
with open(sys.argv[1], "w") as f:
    f.write("<!doctype html><html><head><title>Deep text</title></head><body>")
    f.write("<div><span>" * 50000 + para * 6 + "</span></div>" * 50000 + "</body></html>")
PY
drop nested2.html nested-text.html
expect_stored "HTML with 100,000 nested tags around the text" nested-text.html
check "100,000 nested tags around the text: the text is extracted" "$last_record" \
    record_has '.text | contains("came too late")'
python3 - "$stage/wrong-ends.html" <<'PY'
import sys
para = "<p>" + " ".join(["Town officials said the river rules would be checked every winter."] * 4) + "</p>"
with open(sys.argv[1], "w") as f:
    f.write("<!doctype html><html><head><title>Wrong ends</title></head><body>")
    f.write("<div>" * 100000 + "</span>" * 100000 + "<article>" + para * 6 + "</article></body></html>")
PY
start=$(date +%s.%N); drop wrong-ends.html wrong-end-tags.html
expect_stored "HTML with 100,000 nested tags closed by 100,000 wrong end tags" wrong-end-tags.html
check "wrong end tags: the article is extracted ($(echo "$(date +%s.%N) - $start" | bc) s)" "$last_record" \
    record_has '.text | contains("checked every winter")'

# Entity expansion ("billion laughs") in an HTML page's DOCTYPE.
python3 - "$stage/laughs.html" <<'PY'
import sys
ents = ['<!ENTITY lol0 "lollollollollollollollollollol">']
for i in range(1, 10):
    ents.append('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10))
para = "<p>" + " ".join(["The council said the new rules for river water would come next spring."] * 4) + "</p>"
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0"?>\n<!DOCTYPE html [\n' + "\n".join(ents) + "\n]>\n")
    f.write("<html><head><title>Laughs</title></head><body><article><h1>Rules</h1>")
    f.write("<p>&lol9;</p>" * 100 + para * 5 + "</article></body></html>")
PY
drop laughs.html entity-bomb.html
expect_stored "HTML with nested entity definitions (billion laughs)" entity-bomb.html
check "entity expansion: not expanded (text $(jq '.text | length' <<<"$last_record") chars)" "$last_record" \
    record_has '(.text | length) < 100000 and (.text | contains("river water")) and (.text | contains("lollollol") | not)'

# A 50 MB single line: over the default cap; then, with the cap raised by a reload,
# read, cleaned and stored in bounded time and memory.
python3 - "$stage/line.txt" <<'PY'
import random, sys
rng = random.Random(50)
words = "the council said new rules for river water would start next spring after long talks".split()
out, size = [], 0
while size < 50_000_000:
    s = " ".join(rng.choice(words) for _ in range(12)).capitalize() + "."
    out.append(s); size += len(s) + 1
open(sys.argv[1], "w").write(" ".join(out))
PY
cp "$stage/line.txt" "$stage/line2.txt"; echo " One more." >>"$stage/line2.txt"
drop line.txt single-line.txt
expect_quarantined "50 MB single line (default cap)" single-line.txt too_large
peak_default=$(peak_rss_kib)
echo "        peak RSS so far, every input under the default 20 MiB cap: $((peak_default / 1024)) MiB"
sed -i 's/^max_file_bytes = .*/max_file_bytes = 67108864/' "$cfg"
out=$("$newsctl" reload --config "$cfg" 2>&1)
check "reload: max_file_bytes raised to 64 MiB" "$out" grep -q max_file_bytes <<<"$out"
start=$(date +%s.%N); drop line2.txt single-line-64m.txt
expect_stored "50 MB single line (cap raised to 64 MiB)" single-line-64m.txt
line_took=$(echo "$(date +%s.%N) - $start" | bc)
echo "        50 MB single line processed in $line_took s"

peak_a=$(peak_rss_kib)
check "newsd still running after every hostile input (peak RSS $((peak_a / 1024)) MiB)" "" alive
inbox_left=$(find "$inbox" -mindepth 1 ! -type d | wc -l)
check "inbox holds no file" "$inbox_left left" [ "$inbox_left" -eq 0 ]
out=$("$newsctl" verify --config "$cfg" 2>&1)
check "newsctl verify: the store is consistent" "$out" [ $? -eq 0 ]
kill -TERM "$pid"; wait "$pid"; rc=$?
daemon_pids=()   # reaped: never signal that pid again
check "SIGTERM: newsd exits 0" "exit $rc" [ "$rc" -eq 0 ]

# ---------------------------------------------------------------------------------
# A burst: $burst files (1,000 distinct articles, the rest exact copies) written to a
# folder beside the inbox, then renamed into it in one loop.
start_daemon b console
data=$work/b; inbox=$data/inbox
python3 - "$work/b-stage" "$burst" <<'PY'
import os, random, sys
stage, count = sys.argv[1], int(sys.argv[2])
os.makedirs(stage)
vocab = ("council river water rules spring farmers town officials summer costs pipes streets "
         "minister budget school hospital rail station bridge harbour market festival").split()
distinct = []
for n in range(1000):
    rng = random.Random(n)
    body = "\n\n".join(" ".join(rng.choice(vocab) for _ in range(60)).capitalize() + "." for _ in range(4))
    distinct.append(("Story %d about the %s\n\n%s\n" % (n, rng.choice(vocab), body)).encode())
for i in range(count):
    with open(os.path.join(stage, "burst-%06d.txt" % i), "wb") as f:
        f.write(distinct[i % len(distinct)])
PY
rss_idle=$(rss_kib)
start=$(date +%s.%N)
python3 -c '
import os, sys
stage, inbox = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(stage)): os.rename(os.path.join(stage, name), os.path.join(inbox, name))
' "$work/b-stage" "$inbox"
renamed=$(echo "$(date +%s.%N) - $start" | bc)
deadline=$((SECONDS + 600))
while [ $SECONDS -lt $deadline ]; do
    [ -z "$(find "$inbox" -maxdepth 1 -name 'burst-*' -print -quit)" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
took=$(echo "$(date +%s.%N) - $start" | bc)
left=$(find "$inbox" -maxdepth 1 -name 'burst-*' | wc -l)
done_files=$(find "$data/processed" -type f | wc -l)
records=$(cat "$data"/store/articles-*.jsonl | wc -l)
dups=$(python3 "$events" count --console "$log" --kind duplicate)
overflow=$(python3 "$events" count --console "$log" --kind overflow_rescan)
peak_b=$(peak_rss_kib)
check "burst of $burst files: all processed in $took s (renamed in over $renamed s), none left" "left $left, processed $done_files" \
    bash -c '[ "$1" -eq 0 ] && [ "$2" -eq "$3" ]' _ "$left" "$done_files" "$burst"
check "burst: 1000 records, $dups duplicate events ($overflow inotify overflow rescans)" "records $records" \
    bash -c '[ "$1" -eq 1000 ] && [ "$2" -eq "$3" ]' _ "$records" "$dups" $((burst - 1000))
check "burst: newsd answers; peak RSS $((peak_b / 1024)) MiB (idle before: $((rss_idle / 1024)) MiB)" "" alive

echo
echo "peak RSS (VmHWM): hostile inputs $((peak_default / 1024)) MiB under the default cap, $((peak_a / 1024)) MiB after the 50 MB line; burst of $burst files $((peak_b / 1024)) MiB"
[ "$journal_fallbacks" -eq 0 ] || echo "note: $journal_fallbacks events went to stderr, not journald (the journald went away during the run)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
