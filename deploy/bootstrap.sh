#!/usr/bin/env bash
# Installs what Switchboard needs on a Debian/Ubuntu machine, only what is missing, idempotently.
#   deploy/bootstrap.sh          packages to build and run Switchboard
#   deploy/bootstrap.sh --test   also the packages the test suite uses
set -euo pipefail

want_test=0
for arg in "$@"; do
    case "$arg" in
        --test) want_test=1 ;;
        -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
        *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
    esac
done

if ! command -v swift >/dev/null 2>&1; then
    echo "bootstrap: the Swift toolchain (6.2 or newer) is not on PATH; install it from swift.org first" >&2
    exit 1
fi

# Build and run: libcurl (outbound messenger calls), SQLite, OpenSSL headers, pkg-config to find them.
packages=(libcurl4-openssl-dev libsqlite3-dev libssl-dev pkg-config ca-certificates)
if [ "$want_test" = 1 ]; then
    packages+=(python3 python3-pip python3-venv chromium chromium-driver postgresql-15)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -gt 0 ]; then
    echo "bootstrap: installing ${missing[*]}"
    sudo_cmd=()
    if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Test tools in a private venv (never the system Python): pytest, selenium for the browser tests
# (Tests/browser), Viber's official SDK for the Tests/viber check, schemathesis for the API check
# (Tests/api); installed only when missing.
if [ "$want_test" = 1 ]; then
    venv="${SWITCHBOARD_VENV:-$HOME/.cache/switchboard/venv}"
    pip_packages=(pytest selenium viberbot schemathesis)
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    if ! "$venv/bin/python" -c 'import pytest, selenium, viberbot, schemathesis' 2>/dev/null; then
        echo "bootstrap: installing ${pip_packages[*]} into $venv"
        "$venv/bin/pip" install --quiet "${pip_packages[@]}"
    fi
fi

echo "bootstrap: ready ($(swift --version 2>/dev/null | head -n 1))"
