#!/usr/bin/env bash
# Installs newsd as a systemd service (or removes it again). Run as root from a clone:
#
#   Deploy/install.sh                      release build, install under /usr/local, apply
#   Deploy/install.sh --no-build           install binaries built before (swift build -c release)
#   Deploy/install.sh --root DIR           stage into DIR (also DESTDIR=DIR) instead of /
#   Deploy/install.sh --uninstall          remove what was installed; data and config stay
#   Deploy/install.sh --uninstall --purge  also delete /var/lib/newsd, /etc/newsd and user newsd
#
# It never overwrites an existing /etc/newsd/newsd.toml and can be run again at any
# time (an upgrade is: install again, then `systemctl restart newsd`). See --help.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: Deploy/install.sh [options]

Installs newsd: binaries, the systemd unit, sysusers.d/tmpfiles.d/sysctl.d files, the
journald catalog and /etc/newsd/newsd.toml (only if missing); then creates user and
group newsd, the folders under /var/lib/newsd, applies the inotify limits and runs
`systemctl daemon-reload`. Start it with `systemctl enable --now newsd`.

options:
  --prefix DIR        installation prefix (default /usr/local, or $PREFIX)
  --root DIR          install into DIR instead of / (default $DESTDIR): users, groups and
                      folders are created in DIR's own /etc/passwd and /var; nothing of
                      the running system is changed
  --no-build          do not build; install the binaries found in --bin-dir
  --bin-dir DIR       where the built binaries are (default: swift build -c release
                      --show-bin-path, with --scratch-path if given)
  --scratch-path DIR  passed to `swift build` (default .build)
  --uninstall         stop and disable the service, remove the installed files; keeps
                      /var/lib/newsd, /etc/newsd and user newsd
  --purge             with --uninstall (implies it): also delete /var/lib/newsd (the
                      articles!), /etc/newsd and user and group newsd
  -h, --help          this text
EOF
}

say() { printf 'install.sh: %s\n' "$*"; }
warn() { printf 'install.sh: warning: %s\n' "$*" >&2; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

prefix=${PREFIX:-/usr/local}
root=${DESTDIR:-}
build=1
bin_dir=""
scratch_path=""
mode=install
purge=0

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#*=}; shift ;;
        --root) [ $# -ge 2 ] || die "--root needs a directory"; root=$2; shift 2 ;;
        --root=*) root=${1#*=}; shift ;;
        --no-build) build=0; shift ;;
        --bin-dir) [ $# -ge 2 ] || die "--bin-dir needs a directory"; bin_dir=$2; shift 2 ;;
        --bin-dir=*) bin_dir=${1#*=}; shift ;;
        --scratch-path) [ $# -ge 2 ] || die "--scratch-path needs a directory"; scratch_path=$2; shift 2 ;;
        --scratch-path=*) scratch_path=${1#*=}; shift ;;
        --uninstall) mode=uninstall; shift ;;
        --purge) mode=uninstall; purge=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done

case "$prefix" in /*) ;; *) die "--prefix must be an absolute path: $prefix" ;; esac
prefix=${prefix%/}
[ -n "$prefix" ] || die "--prefix / is not supported (use /usr)"
if [ -n "$root" ]; then
    mkdir -p "$root"
    root=$(cd "$root" && pwd)
    [ "$root" != / ] || root=""
fi
live=1; [ -z "$root" ] || live=0

[ "$(id -u)" -eq 0 ] || die "run as root (files go to $prefix, /etc and /var/lib; or use --root DIR to stage)"

# Where systemd looks for vendor files: <prefix>/lib/… for /usr and /usr/local; for any
# other prefix the binaries go there but systemd's files go to /etc, where it looks too.
case "$prefix" in
    /usr|/usr/local)
        unit_dir=$prefix/lib/systemd/system
        sysusers_dir=$prefix/lib/sysusers.d
        tmpfiles_dir=$prefix/lib/tmpfiles.d
        sysctl_dir=$prefix/lib/sysctl.d
        catalog_dir=$prefix/lib/systemd/catalog ;;
    *)
        unit_dir=/etc/systemd/system
        sysusers_dir=/etc/sysusers.d
        tmpfiles_dir=/etc/tmpfiles.d
        sysctl_dir=/etc/sysctl.d
        catalog_dir=/usr/local/lib/systemd/catalog ;;   # journalctl reads only /usr{,/local}/lib
esac
bin_dest=$prefix/bin
doc_dir=$prefix/share/doc/newsd
conf_dir=/etc/newsd
conf_file=$conf_dir/newsd.toml
state_dir=/var/lib/newsd

unit=$unit_dir/newsd.service
sysusers=$sysusers_dir/newsd.conf
tmpfiles=$tmpfiles_dir/newsd.conf
sysctl_conf=$sysctl_dir/60-newsd-inotify.conf
catalog=$catalog_dir/newsd.catalog

systemd_running() { [ "$live" = 1 ] && [ -d /run/systemd/system ]; }

# Copies SRC to ROOT/DEST with MODE, replacing the target atomically (a running newsd
# keeps its old binary; no "text file busy"), and rewriting /usr/local/ for another prefix.
put() {
    local src=$1 dest=$2 mode=$3 filter=${4:-}
    local target=$root$dest tmp
    mkdir -p "$(dirname "$target")"
    tmp=$(mktemp "$target.XXXXXX")
    if [ "$filter" = prefix ] && [ "$prefix" != /usr/local ]; then
        sed "s|/usr/local/|$prefix/|g" "$src" >"$tmp"
    else
        cat "$src" >"$tmp"
    fi
    chmod "$mode" "$tmp"
    if [ -f "$target" ] && cmp -s "$tmp" "$target"; then
        rm -f "$tmp"
        chmod "$mode" "$target"
        say "unchanged $dest"
    else
        mv -f "$tmp" "$target"
        say "installed $dest"
    fi
}

remove() {
    local path
    for path in "$@"; do
        if [ -e "$root$path" ] || [ -L "$root$path" ]; then
            rm -f "$root$path"
            say "removed $path"
        fi
    done
}

update_catalog() {
    command -v journalctl >/dev/null 2>&1 || { warn "journalctl not found; journald catalog not updated"; return 0; }
    if [ "$live" = 1 ]; then
        journalctl --update-catalog || warn "journalctl --update-catalog failed"
    else
        mkdir -p "$root/var/lib/systemd/catalog"
        journalctl --root="$root" --update-catalog || warn "journalctl --root=$root --update-catalog failed"
    fi
    say "updated the journald catalog"
}

daemon_reload() {
    if systemd_running; then
        systemctl daemon-reload
        say "ran systemctl daemon-reload"
    elif [ "$live" = 1 ]; then
        say "systemd is not running here: no daemon-reload"
    fi
}

# Warns when a binary loads libraries the sandboxed service cannot see or that may go away:
# a toolchain under /home or /root (ProtectHome=yes hides them) or any missing library.
check_libraries() {
    command -v ldd >/dev/null 2>&1 || return 0
    local libs; libs=$(ldd "$1" 2>/dev/null) || return 0
    if grep -q "not found" <<<"$libs"; then
        warn "$(basename "$1") misses libraries:"; grep "not found" <<<"$libs" >&2
    fi
    if grep -qE "=> /(home|root|run/user)/" <<<"$libs"; then
        warn "$(basename "$1") loads libraries from a home directory, which the service cannot read (ProtectHome=yes):"
        grep -E "=> /(home|root|run/user)/" <<<"$libs" | sed 's/ (0x.*//' >&2
        warn "rebuild with: swift build -c release --static-swift-stdlib"
    elif grep -q "libswiftCore.so" <<<"$libs"; then
        say "note: $(basename "$1") uses the Swift runtime of the toolchain ($(sed -n 's/.*libswiftCore.so => \(.*\)\/libswiftCore.so.*/\1/p' <<<"$libs")); it must stay installed (or build with --static-swift-stdlib)"
    fi
}

# The production config: Config/newsd.toml (every key, documented) with the two paths
# a systemd installation uses set.
make_config() {
    local out=$1
    {
        echo "# /etc/newsd/newsd.toml, installed by Deploy/install.sh from Config/newsd.toml."
        echo "# Changes take effect with \`systemctl reload newsd\` (paths only with a restart)."
        echo "#"
        sed -e 's|^#data_dir = .*$|data_dir = "/var/lib/newsd"           # StateDirectory= of newsd.service|' \
            -e 's|^#runtime_dir = .*$|runtime_dir = "/run/newsd"   # RuntimeDirectory= of newsd.service: control.sock|' \
            "$repo/Config/newsd.toml"
    } >"$out"
    grep -q '^data_dir = "/var/lib/newsd"' "$out" && grep -q '^runtime_dir = "/run/newsd"' "$out" ||
        die "Config/newsd.toml no longer has the '#data_dir = …' and '#runtime_dir = …' lines this script sets; update make_config in Deploy/install.sh"
}

do_install() {
    local f
    for f in newsd.service newsd.sysusers newsd.tmpfiles 60-newsd-inotify.conf; do
        [ -f "$here/$f" ] || die "missing $here/$f"
    done
    [ -f "$repo/Config/newsd.toml" ] || die "missing $repo/Config/newsd.toml"

    # 1. binaries
    if [ "$build" = 1 ]; then
        command -v swift >/dev/null 2>&1 ||
            die "swift is not on PATH; build first as your user (swift build -c release), then run: Deploy/install.sh --no-build"
        # Static Swift runtime: the service must not depend on a toolchain that may live
        # under /home (swiftly), which ProtectHome=yes hides from it, or be removed later.
        local swift_args=(-c release --package-path "$repo" --static-swift-stdlib)
        [ -z "$scratch_path" ] || swift_args+=(--scratch-path "$scratch_path")
        local swift; swift=$(command -v swift)
        local as_user=()
        # Under sudo, build as the user who owns the clone: no root-owned .build/ left behind.
        if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then as_user=(sudo -H -u "$SUDO_USER"); fi
        say "building (swift build ${swift_args[*]}) …"
        "${as_user[@]}" "$swift" build "${swift_args[@]}" --product newsd || die "swift build failed"
        "${as_user[@]}" "$swift" build "${swift_args[@]}" --product newsctl || die "swift build failed"
        [ -n "$bin_dir" ] || bin_dir=$("${as_user[@]}" "$swift" build "${swift_args[@]}" --show-bin-path)
    elif [ -z "$bin_dir" ]; then
        command -v swift >/dev/null 2>&1 || die "--no-build without --bin-dir needs swift on PATH to find the build; pass --bin-dir DIR"
        local swift_args=(-c release --package-path "$repo")
        [ -z "$scratch_path" ] || swift_args+=(--scratch-path "$scratch_path")
        bin_dir=$(swift build "${swift_args[@]}" --show-bin-path)
    fi
    for f in newsd newsctl; do
        [ -x "$bin_dir/$f" ] || die "no built $f in $bin_dir (run: swift build -c release)"
        check_libraries "$bin_dir/$f"
    done
    put "$bin_dir/newsd" "$bin_dest/newsd" 0755
    put "$bin_dir/newsctl" "$bin_dest/newsctl" 0755

    # 2. systemd's files
    put "$here/newsd.service" "$unit" 0644 prefix
    put "$here/newsd.sysusers" "$sysusers" 0644
    put "$here/newsd.tmpfiles" "$tmpfiles" 0644
    put "$here/60-newsd-inotify.conf" "$sysctl_conf" 0644
    if [ -f "$here/newsd.catalog" ]; then
        put "$here/newsd.catalog" "$catalog" 0644 prefix
    fi
    put "$repo/README.md" "$doc_dir/README.md" 0644

    # 3. configuration: the reference copy always, /etc/newsd/newsd.toml only when missing
    local generated; generated=$(mktemp)
    make_config "$generated"
    put "$generated" "$doc_dir/newsd.toml" 0644
    if [ -e "$root$conf_file" ]; then
        say "kept the existing $conf_file (the shipped one is $doc_dir/newsd.toml)"
    else
        mkdir -p "$root$conf_dir"; chmod 0755 "$root$conf_dir"
        put "$generated" "$conf_file" 0644
    fi
    rm -f "$generated"

    # 4. user, group, folders
    if [ "$live" = 1 ]; then
        systemd-sysusers "$sysusers" || die "systemd-sysusers $sysusers failed"
        systemd-tmpfiles --create "$tmpfiles" || die "systemd-tmpfiles --create $tmpfiles failed"
    else
        # With --root the file named on the command line is read as given (not under root).
        systemd-sysusers --root="$root" "$root$sysusers" || die "systemd-sysusers --root=$root failed"
        systemd-tmpfiles --root="$root" --create "$root$tmpfiles" || die "systemd-tmpfiles --root=$root --create failed"
    fi
    say "user and group newsd and $state_dir/{inbox,store,processed,quarantine} are in place"

    # 5. inotify limits: now (live only), and at every boot through sysctl.d
    if [ "$live" = 0 ]; then
        :
    elif [ ! -w /proc/sys/fs/inotify/max_user_watches ]; then
        say "/proc/sys is read-only here (a container?): inotify limits apply at the next boot"
    elif [ -x /usr/lib/systemd/systemd-sysctl ]; then
        /usr/lib/systemd/systemd-sysctl "$sysctl_conf" && say "applied $sysctl_conf"
    elif command -v sysctl >/dev/null 2>&1; then
        sysctl -q -p "$sysctl_conf" && say "applied $sysctl_conf"
    else
        warn "neither systemd-sysctl nor sysctl found: inotify limits apply at the next boot"
    fi

    # 6. journald catalog, systemd
    [ ! -f "$here/newsd.catalog" ] || update_catalog
    daemon_reload

    if systemd_running && systemctl -q is-active newsd 2>/dev/null; then
        say "newsd is running the old binary: systemctl restart newsd"
    else
        say "done. Start it with: systemctl enable --now newsd"
    fi
    say "producers drop files into $state_dir/inbox; add them to the group: usermod -aG newsd USER"
}

do_uninstall() {
    if systemd_running; then
        if systemctl -q is-active newsd 2>/dev/null || systemctl -q is-enabled newsd 2>/dev/null; then
            systemctl disable --now newsd
            say "stopped and disabled newsd"
        fi
    elif [ "$live" = 0 ] && [ -L "$root/etc/systemd/system/multi-user.target.wants/newsd.service" ]; then
        rm -f "$root/etc/systemd/system/multi-user.target.wants/newsd.service"
        say "removed /etc/systemd/system/multi-user.target.wants/newsd.service"
    fi
    remove "$bin_dest/newsd" "$bin_dest/newsctl" "$unit" "$sysusers" "$tmpfiles" "$sysctl_conf" \
        "$doc_dir/README.md" "$doc_dir/newsd.toml"
    rmdir "$root$doc_dir" 2>/dev/null || true
    if [ -e "$root$catalog" ]; then
        remove "$catalog"
        update_catalog
    fi
    daemon_reload
    [ "$live" = 0 ] || say "the raised inotify limits stay in effect until the next boot"

    if [ "$purge" = 1 ]; then
        if [ -d "$root$state_dir" ]; then
            rm -rf -- "$root$state_dir"
            say "purged $state_dir (inbox, store, processed, quarantine)"
        fi
        if [ -d "$root$conf_dir" ]; then
            rm -rf "$root$conf_dir"
            say "purged $conf_dir"
        fi
        local root_opt=(); [ "$live" = 1 ] || root_opt=(--root "$root")
        if getent_in_root passwd newsd; then
            userdel "${root_opt[@]}" newsd && say "deleted user newsd"
        fi
        if getent_in_root group newsd; then
            groupdel "${root_opt[@]}" newsd && say "deleted group newsd"
        fi
    else
        say "kept $state_dir, $conf_dir and user newsd (remove them with --purge)"
    fi
}

# true if NAME is in DATABASE (passwd/group) of the target system
getent_in_root() {
    if [ "$live" = 1 ]; then getent "$1" "$2" >/dev/null
    else grep -q "^$2:" "$root/etc/$1" 2>/dev/null; fi
}

case "$mode" in
    install) do_install ;;
    uninstall) do_uninstall ;;
esac
