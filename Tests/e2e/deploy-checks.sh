#!/usr/bin/env bash
# Static checks of Deploy/ that need no running systemd (seconds, as root):
# Deploy/install.sh --root stages everything into a temporary root, then
#   - `systemd-analyze verify --man=no` on the staged unit prints nothing,
#   - `systemd-analyze security --offline=true` reports exposure <= 1.0,
#   - the journald catalog parses and has an entry for each of newsd's MESSAGE_IDs,
#   - sysusers/tmpfiles created user newsd and the folders with their modes,
#   - --prefix rewrites the unit, --uninstall keeps the data, --purge removes it.
#
#   Tests/e2e/deploy-checks.sh [--bin-dir DIR] [--scratch-path DIR]
#
# Without --bin-dir (or $NEWSD_BIN_DIR) it uses the release build of this clone
# (swift build -c release --static-swift-stdlib --show-bin-path), building it if needed.
# Prints PASS/FAIL per check, the figures, and "N passed, M failed"; exits 1 on failure.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin_dir=${NEWSD_BIN_DIR:-}
scratch_path=""
while [ $# -gt 0 ]; do
    case "$1" in
        --bin-dir) bin_dir=$2; shift 2 ;;
        --bin-dir=*) bin_dir=${1#*=}; shift ;;
        --scratch-path) scratch_path=$2; shift 2 ;;
        --scratch-path=*) scratch_path=${1#*=}; shift ;;
        -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "deploy-checks.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

max_exposure=1.0
ids="01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12"
id_prefix=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f

passed=0; failed=0; step=0
pass() { step=$((step + 1)); passed=$((passed + 1)); printf 'PASS %2d %s\n' "$step" "$1"; }
fail() {
    step=$((step + 1)); failed=$((failed + 1)); printf 'FAIL %2d %s\n' "$step" "$1"
    [ $# -lt 2 ] || printf '%s\n' "$2" | sed 's/^/        /' | head -25
}
skip() { printf 'SKIP    %s\n' "$1"; }

if [ "$(id -u)" -ne 0 ]; then
    echo "skipped: deploy checks need root (install.sh --root creates files owned by newsd)"
    exit 0
fi
command -v systemd-analyze >/dev/null 2>&1 || { echo "FAIL: systemd-analyze is not installed (apt-get install systemd)"; exit 1; }

if [ -z "$bin_dir" ]; then
    command -v swift >/dev/null 2>&1 || { echo "FAIL: swift is not on PATH and no --bin-dir given"; exit 1; }
    # As Deploy/install.sh builds: a static Swift runtime (the sandbox hides /home, where
    # a toolchain may live).
    args=(-c release --static-swift-stdlib --package-path "$repo")
    [ -z "$scratch_path" ] || args+=(--scratch-path "$scratch_path")
    bin_dir=$(swift build "${args[@]}" --show-bin-path)
    if [ ! -x "$bin_dir/newsd" ] || [ ! -x "$bin_dir/newsctl" ]; then
        echo "building newsd and newsctl (swift build ${args[*]}) …"
        nice swift build "${args[@]}" --product newsd >&2 && nice swift build "${args[@]}" --product newsctl >&2 ||
            { echo "FAIL: build failed"; exit 1; }
    fi
fi

work=$(mktemp -d /tmp/newsd-deploy-checks.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root
unit=/usr/local/lib/systemd/system/newsd.service

# 1. staging
if out=$(bash "$repo/Deploy/install.sh" --root "$root" --no-build --bin-dir "$bin_dir" 2>&1); then
    pass "install.sh --root stages binaries, unit, sysusers, tmpfiles, sysctl, catalog, config"
else
    fail "install.sh --root stages binaries, unit, sysusers, tmpfiles, sysctl, catalog, config" "$out"
fi
for f in /usr/local/bin/newsd /usr/local/bin/newsctl "$unit" /usr/local/lib/sysusers.d/newsd.conf \
         /usr/local/lib/tmpfiles.d/newsd.conf /usr/local/lib/sysctl.d/60-newsd-inotify.conf \
         /usr/local/lib/systemd/catalog/newsd.catalog /etc/newsd/newsd.toml; do
    [ -e "$root$f" ] || fail "staged file $f exists"
done

# 2. verify: needs the rest of systemd's units (sysinit.target, …) in the root
mkdir -p "$root/usr/lib/systemd"
cp -a /usr/lib/systemd/system "$root/usr/lib/systemd/"
echo "\$ systemd-analyze verify --root=<staged> --man=no $unit"
out=$(systemd-analyze verify --root="$root" --man=no "$unit" 2>&1)
printf '%s\n' "${out:-(no output)}" | sed 's/^/  /'
if [ -z "$out" ]; then pass "systemd-analyze verify prints nothing"
else fail "systemd-analyze verify prints nothing"; fi

# 3. security exposure, of the staged unit and of Deploy/newsd.service as committed
for target in "staged:$root$unit" "repo:$repo/Deploy/newsd.service"; do
    label=${target%%:*}; file=${target#*:}
    out=$(systemd-analyze security --offline=true --root="$root" "$file" 2>&1)
    line=$(grep -o 'Overall exposure level for newsd.service: [0-9.]*' <<<"$out")
    exposure=${line##* }
    echo "  $label: ${line:-no exposure line}"
    if [ -n "$exposure" ] && awk -v e="$exposure" -v m="$max_exposure" 'BEGIN { exit !(e <= m) }'; then
        pass "systemd-analyze security --offline=true ($label): exposure $exposure <= $max_exposure"
    else
        fail "systemd-analyze security --offline=true ($label): exposure ${exposure:-?} <= $max_exposure" \
            "$(grep -E '^✗|Overall' <<<"$out")"
    fi
done

# 4. catalog
out=$(journalctl --root="$root" --list-catalog 2>&1)
missing=""
for i in $ids; do grep -q "^$id_prefix$i newsd: " <<<"$out" || missing="$missing $id_prefix$i"; done
if [ -z "$missing" ]; then pass "journald catalog parses; entries for all $(wc -w <<<"$ids") MESSAGE_IDs"
else fail "journald catalog parses; entries for all $(wc -w <<<"$ids") MESSAGE_IDs" "missing:$missing"; fi
bad=$(awk '
    /^-- / { if (id != "") check(); id = $2; s = d = doc = 0; next }
    id != "" && /^Subject: ./ { s = 1 }
    id != "" && /^Defined-By: newsd$/ { d = 1 }
    id != "" && /^Documentation: ./ { doc = 1 }
    function check() { if (!(s && d && doc)) print id }
    END { if (id != "") check() }' "$repo/Deploy/newsd.catalog")
if [ -z "$bad" ]; then pass "every catalog entry has Subject, Defined-By: newsd, Documentation"
else fail "every catalog entry has Subject, Defined-By: newsd, Documentation" "$bad"; fi
# Every MESSAGE_ID the code sends has an entry (once the journald handler has landed).
code_ids=$(grep -rhoE "$id_prefix[0-9a-f]{2}" "$repo/Sources" 2>/dev/null | sort -u)
if [ -z "$code_ids" ]; then
    skip "no MESSAGE_IDs in Sources/ yet: cannot cross-check them with the catalog"
else
    missing=""
    for i in $code_ids; do grep -q "^-- $i$" "$repo/Deploy/newsd.catalog" || missing="$missing $i"; done
    if [ -z "$missing" ]; then pass "each MESSAGE_ID in Sources/ has a catalog entry ($(wc -w <<<"$code_ids"))"
    else fail "each MESSAGE_ID in Sources/ has a catalog entry" "missing:$missing"; fi
fi

# Every @NEWSD_X@ the catalog substitutes is a metadata key "x" newsd logs (typos show
# up as a literal @NEWSD_X@ in `journalctl -x`).
unknown=""
for field in $(grep -oE '@NEWSD_[A-Z0-9_]+@' "$repo/Deploy/newsd.catalog" | sort -u | tr -d @); do
    key=$(tr 'A-Z' 'a-z' <<<"${field#NEWSD_}")
    grep -rqF "\"$key\"" "$repo/Sources" || unknown="$unknown $field"
done
if [ -z "$unknown" ]; then pass "every @NEWSD_…@ field in the catalog is a key newsd logs"
else fail "every @NEWSD_…@ field in the catalog is a key newsd logs" "not found in Sources/:$unknown"; fi

# 5. users, folders, sysctl keys
if grep -q '^newsd:x:[0-9]*:[0-9]*:[^:]*:/var/lib/newsd:/usr/sbin/nologin$' "$root/etc/passwd" &&
   grep -q '^newsd:x:' "$root/etc/group"; then
    pass "sysusers: user and group newsd, home /var/lib/newsd, nologin"
else
    fail "sysusers: user and group newsd, home /var/lib/newsd, nologin" "$(cat "$root/etc/passwd" 2>&1)"
fi
modes=$(cd "$root/var/lib/newsd" 2>/dev/null && stat -c '%n %a' . inbox store processed quarantine | tr '\n' ' ')
if [ "$modes" = ". 750 inbox 2770 store 750 processed 750 quarantine 750 " ]; then
    pass "tmpfiles: /var/lib/newsd 0750, inbox 2770 (setgid), store/processed/quarantine 0750"
else
    fail "tmpfiles: /var/lib/newsd 0750, inbox 2770 (setgid), store/processed/quarantine 0750" "$modes"
fi
bad=""
while read -r key _ value; do
    [ -e "/proc/sys/${key//.//}" ] || bad="$bad $key(unknown)"
    [[ "$value" =~ ^[0-9]+$ ]] || bad="$bad $key(value)"
done < <(grep -vE '^\s*(#|$)' "$repo/Deploy/60-newsd-inotify.conf")
if [ -z "$bad" ]; then pass "sysctl.d: every key exists on this kernel, numeric values"
else fail "sysctl.d: every key exists on this kernel, numeric values" "$bad"; fi

# 6. config
if grep -q '^data_dir = "/var/lib/newsd"' "$root/etc/newsd/newsd.toml" && grep -q '^runtime_dir = "/run/newsd"' "$root/etc/newsd/newsd.toml"; then
    pass "/etc/newsd/newsd.toml: data_dir /var/lib/newsd, runtime_dir /run/newsd"
else
    fail "/etc/newsd/newsd.toml: data_dir /var/lib/newsd, runtime_dir /run/newsd"
fi
echo "# local edit" >>"$root/etc/newsd/newsd.toml"
out=$(bash "$repo/Deploy/install.sh" --root "$root" --no-build --bin-dir "$bin_dir" 2>&1)
if [ $? -eq 0 ] && tail -1 "$root/etc/newsd/newsd.toml" | grep -q '^# local edit$' && ! grep -q "installed /" <<<"$out"; then
    pass "install.sh again: idempotent, keeps an edited /etc/newsd/newsd.toml"
else
    fail "install.sh again: idempotent, keeps an edited /etc/newsd/newsd.toml" "$out"
fi

# 7. another prefix
proot=$work/prefix-root
if bash "$repo/Deploy/install.sh" --root "$proot" --prefix /usr --no-build --bin-dir "$bin_dir" >/dev/null 2>&1 &&
   grep -q '^ExecStart=/usr/bin/newsd ' "$proot/usr/lib/systemd/system/newsd.service" &&
   grep -q '^ExecReload=/usr/bin/newsctl ' "$proot/usr/lib/systemd/system/newsd.service" &&
   ! grep -qE "^[A-Za-z]+=.*/usr/local" "$proot/usr/lib/systemd/system/newsd.service"; then
    mkdir -p "$proot/usr/lib/systemd"; cp -a /usr/lib/systemd/system/. "$proot/usr/lib/systemd/system/"
    out=$(systemd-analyze verify --root="$proot" --man=no /usr/lib/systemd/system/newsd.service 2>&1)
    if [ -z "$out" ]; then pass "--prefix /usr: unit points at /usr/bin and verifies"
    else fail "--prefix /usr: unit points at /usr/bin and verifies" "$out"; fi
else
    fail "--prefix /usr: unit points at /usr/bin and verifies" "$(grep -E '^Exec' "$proot/usr/lib/systemd/system/newsd.service" 2>&1)"
fi

# 8. uninstall / purge
out=$(bash "$repo/Deploy/install.sh" --root "$root" --uninstall 2>&1)
left=$(cd "$root" && find usr/local etc/newsd var/lib/newsd -type f 2>/dev/null | sort | tr '\n' ' ')
if [ "$left" = "etc/newsd/newsd.toml " ] && [ -d "$root/var/lib/newsd/inbox" ] && grep -q '^newsd:' "$root/etc/passwd"; then
    pass "--uninstall removes the installed files, keeps config, data folders and user"
else
    fail "--uninstall removes the installed files, keeps config, data folders and user" "left: $left
$out"
fi
out=$(bash "$repo/Deploy/install.sh" --root "$root" --purge 2>&1)
if [ ! -e "$root/var/lib/newsd" ] && [ ! -e "$root/etc/newsd" ] && ! grep -q '^newsd:' "$root/etc/passwd" "$root/etc/group"; then
    pass "--purge deletes /var/lib/newsd, /etc/newsd, user and group newsd"
else
    fail "--purge deletes /var/lib/newsd, /etc/newsd, user and group newsd" "$out"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
