#!/usr/bin/env bash
# Builds the libFuzzer targets (debug configuration, Swift at -O, AddressSanitizer and
# LeakSanitizer on) and runs each for a given time. Usage:
#
#   Tests/Fuzz/run.sh [--seconds N] [--jobs J] [--corpus DIR] [--no-build] [target…]
#
# Targets: text html date config control store-line (all when none is named).
# --seconds  time per target (libFuzzer -max_total_time), default 60
# --jobs     targets run at once, default 1 (each is one process on one core)
# --corpus   the shared article corpus for seeds, default ../shared/corpus beside the
#            project; seeds are copied to a temporary directory, never into the repo
#
# What a run leaves, all under .build-fuzz/ (gitignored):
#   corpus/<target>/     inputs that found new coverage, kept and reused by later runs
#   artifacts/<target>/  crash-*, timeout-*, oom-*, leak-* inputs (reproduce: the binary + path)
#   logs/<target>.log    libFuzzer's output
# Prints one line per target: seconds, executions, executions per second, corpus
# entries and size, and CRASH with the artefacts when there are any. Exits 1 when a
# target crashed, timed out on an input, ran out of memory or leaked.
set -euo pipefail

# Everything runs from main, read in full before it starts: editing this file while a
# long run is going must not change what the running copy does.
main() {
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRATCH="$ROOT/.build-fuzz"
SECONDS_PER_TARGET=60
JOBS=1
CORPUS="$ROOT/../shared/corpus"
BUILD=1
ALL=(text html date config control store-line)
TARGETS=()

while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) SECONDS_PER_TARGET=$2; shift 2 ;;
        --jobs) JOBS=$2; shift 2 ;;
        --corpus) CORPUS=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) TARGETS+=("$1"); shift ;;
    esac
done
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

product() {
    case "$1" in
        text) echo FuzzText ;;
        html) echo FuzzHTML ;;
        date) echo FuzzDate ;;
        config) echo FuzzConfig ;;
        control) echo FuzzControl ;;
        store-line) echo FuzzStoreLine ;;
        *) echo "run.sh: unknown target $1 (known: ${ALL[*]})" >&2; exit 2 ;;
    esac
}
for target in "${TARGETS[@]}"; do product "$target" >/dev/null; done

if [ "$BUILD" = 1 ]; then
    # lld, not gold: gold hits an internal error on these objects' DWARF when it has
    # to report a link error. -sanitize=fuzzer instruments every Swift module
    # (NewsCore, NewsStore, …); C dependencies (libxml2, toml++) are not instrumented.
    # -O on the debug configuration: Swift code optimised (bounds and overflow checks
    # stay on, as in release), C dependencies left as built. The HTML target went from
    # 4 to about 115 inputs a second on the 2-core dev machine.
    for target in "${TARGETS[@]}"; do
        swift build --package-path "$ROOT/Tests/Fuzz" -c debug --scratch-path "$SCRATCH" \
            -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -O \
            --product "$(product "$target")" 2>&1 | grep -v "Cannot export local symbol" | tail -3
    done
fi
BIN="$SCRATCH/debug"

SEEDS=$(mktemp -d)
trap 'rm -rf "$SEEDS"' EXIT

# Seeds: a few real articles from the shared corpus when it is there, and small inline
# inputs for the formats the corpus has none of.
write_seeds() {
    local target=$1 dir="$SEEDS/$1"
    mkdir -p "$dir"
    case "$target" in
        text)
            if [ -d "$CORPUS" ]; then
                local files
                files=("$CORPUS"/seeds/*.txt "$CORPUS"/scrapinghub/dumps/*)
                cp -t "$dir" "${files[@]:0:25}" 2>/dev/null || true
                for topic in business politics sport tech; do
                    files=("$CORPUS/bbc/$topic"/*.txt)
                    for f in "${files[@]:0:3}"; do cp "$f" "$dir/bbc-$topic-$(basename "$f")" 2>/dev/null || true; done
                done
            fi
            printf 'Headline here\n\nBy Jane Smith, Reuters\n12 March 2024\n\nFirst paragraph of the story.\n\nPopular Now\n1. Other\n' > "$dir/inline-dump.txt"
            printf '\xef\xbb\xbfUTF-8 with BOM\n\ncaf\xe9 in Windows-1252\x00\n' > "$dir/inline-charset.txt"
            ;;
        html)
            if [ -d "$CORPUS" ]; then
                # The 20 smallest pages (the largest are 1 MB; inputs are cut at -max_len anyway).
                local pages
                mapfile -t pages < <(ls -Sr "$CORPUS"/scrapinghub/html/ 2>/dev/null)
                for page in "${pages[@]:0:20}"; do cp "$CORPUS/scrapinghub/html/$page" "$dir/"; done
            fi
            printf '<html><head><meta charset="utf-8"><title>T</title><meta property="og:title" content="Headline">\n<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2024-03-12T10:00:00Z","author":{"name":"Jane Smith"}}</script></head>\n<body><nav>Home | World</nav><article><h1>Headline</h1><p>First paragraph of the story, long enough to count.</p><p>Second paragraph.</p></article><footer>(c)</footer></body></html>\n' > "$dir/inline.html"
            ;;
        date)
            local i=0
            for d in '2024-03-12' '2024-03-12T10:15:00Z' '2024-03-12T10:15:00.123+05:30' 'March 12, 2024' \
                     '12 March 2024' 'Tue, 12 Mar 2024 10:15:00 GMT' '12/03/2024' '3/12/24 10:15 AM' \
                     'Updated: 12 Mar 2024 10:15 BST' 'Published 2 hours ago' '20240312' '1710238500' \
                     'Sept. 9, 2023' '31 February 2024' '0000-00-00' '9999-12-31T23:59:60Z'; do
                printf '%s' "$d" > "$dir/date-$i"; i=$((i + 1))
            done
            ;;
        config)
            cp "$ROOT/Config/newsd.toml" "$dir/newsd.toml"
            printf '[paths]\ndata_dir = "/var/lib/newsd"\ninbox = "in"\n[ingest]\nmax_file_bytes = 1048576\ndisposition = "delete"\nignore = [".*", "*.part"]\nworkers = 2\nmax_queue = 10\n[store]\nsegment_bytes = 1048576\n[log]\nlevel = "debug"\n' > "$dir/full.toml"
            printf '[ingest]\nworkers = "four"\nbogus = 1\n' > "$dir/bad.toml"
            ;;
        control)
            local i=0
            for line in '{"verb":"status"}' '{"verb":"reload"}' '{"verb":"bogus"}' '{"verb":1}' '[]' '{}' 'status' '{"verb":"pause","x":[1,2,{"y":null}]}'; do
                printf '%s' "$line" > "$dir/line-$i"; i=$((i + 1))
            done
            ;;
        store-line)
            printf '%s' '{"v":1,"id":"038g6kmr96000","file":"a/b.txt","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","bytes":120,"ingested_at":"2024-03-12T10:15:00.123Z","format":"text","title":"Headline","byline":["Jane Smith"],"publisher":"Reuters","published":"2024-03-12","language":"en","url":null,"lead":"First.","word_count":2,"text":"First.\n\nSecond \u00e9 \ud83d\ude00.","entities":{"people":[{"name":"Jane Smith","count":1}],"organizations":[],"places":[{"name":"Moscow","count":2}]},"duplicate_of":"038g6kmr95zzz","similarity":0.8734,"story":"038g6kmr95zzz","decoded_lossy":false}' > "$dir/record"
            printf '%s' '{"v":1,"id":"038g6kmr96000","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","file":"x"}' > "$dir/keys"
            # One sidecar entry (after the header the target adds): length 64, offset 0,
            # line length 100, id, 32-byte hash, file hash, 4-byte payload.
            printf '\x40\x00\x00\x00%s' "$(head -c 60 /dev/zero | tr '\0' 'A')abcd" > "$dir/sidecar"
            ;;
    esac
}

dict() {
    case "$1" in
        html) echo "-dict=$ROOT/Tests/Fuzz/dict/html.dict" ;;
        config) echo "-dict=$ROOT/Tests/Fuzz/dict/toml.dict" ;;
        control|store-line) echo "-dict=$ROOT/Tests/Fuzz/dict/json.dict" ;;
    esac
}

max_len() {
    case "$1" in
        text|html) echo 65536 ;;   # real pages are 10–500 KB; longer inputs only slow it
        store-line) echo 16384 ;;
        *) echo 4096 ;;
    esac
}

rss_limit() {
    case "$1" in
        # TOMLKit leaks every parsed table (lsan.supp): about 400 MB per million
        # inputs, which is that library's, not a finding.
        config) echo 4096 ;;
        *) echo 2048 ;;
    esac
}

run_one() {
    local target=$1 binary
    binary="$BIN/$(product "$target")"
    local corpus="$SCRATCH/corpus/$target" artifacts="$SCRATCH/artifacts/$target" log="$SCRATCH/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$SCRATCH/logs"
    write_seeds "$target"
    local status=0
    # The Swift runtime's backtracer would catch a trap first (and trip ASan reading
    # the stack); without it the trap reaches libFuzzer, which saves the input.
    export SWIFT_BACKTRACE=enable=no
    # Leaks are reported (LeakSanitizer) except TOMLKit's own (lsan.supp says why).
    export LSAN_OPTIONS="suppressions=$ROOT/Tests/Fuzz/lsan.supp:print_suppressions=0"
    # -timeout: one input taking 10 s is a bug (quadratic paths) and is saved as timeout-*.
    # shellcheck disable=SC2046
    "$binary" "$corpus" "$SEEDS/$target" $(dict "$target") \
        -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$target")" \
        -timeout=10 -rss_limit_mb="$(rss_limit "$target")" -print_final_stats=1 \
        -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    local runs rate last entries
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    entries=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$last")
    local crashes
    crashes=$(grep -oE "(crash|timeout|oom|leak)-[0-9a-f]+" "$log" | sort -u | sed "s|^|$artifacts/|" | tr '\n' ' ' || true)
    if [ "$status" -ne 0 ] || [ -n "$crashes" ]; then
        printf '%-11s %5ss runs=%-10s exec/s=%-6s corpus=%-12s CRASH (exit %s) %s log=%s\n' \
            "$target" "$SECONDS_PER_TARGET" "${runs:-?}" "${rate:-?}" "${entries:-?}" "$status" "$crashes" "$log"
        return 1
    fi
    printf '%-11s %5ss runs=%-10s exec/s=%-6s corpus=%-12s ok\n' \
        "$target" "$SECONDS_PER_TARGET" "$runs" "$rate" "$entries"
}

failed=0
pids=()
for target in "${TARGETS[@]}"; do
    run_one "$target" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$JOBS" ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit "$failed"
}

main "$@"
