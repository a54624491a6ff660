#!/usr/bin/env bash
# The two set-up commands of README.md, for a fresh Debian/Ubuntu machine:
#   Deploy/dev.sh run [newsd options…]   build and run newsd on ./newsd-data
#   Deploy/dev.sh test                   build and run the whole test suite
# Installs the system packages the build needs first (apt-get; sudo when not root).
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages() {
    local missing=()
    for pkg in libsystemd-dev libxml2-dev pkg-config; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    # systemd's tools (journald, systemd-analyze) are used by the tests.
    command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "dev.sh: installing ${missing[*]}" >&2
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    command -v swift >/dev/null 2>&1 || { echo "dev.sh: swift is not on PATH (Swift 6 toolchain needed)" >&2; exit 1; }
}

case "${1:-}" in
    run)
        shift
        need_packages
        swift build -c release --product newsd >&2
        exec "$(swift build -c release --show-bin-path)/newsd" "$@"
        ;;
    test)
        shift
        need_packages
        exec swift test "$@"
        ;;
    *)
        echo "usage: Deploy/dev.sh run [newsd options…] | test [swift test options…]" >&2
        exit 2
        ;;
esac
