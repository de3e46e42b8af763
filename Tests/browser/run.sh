#!/usr/bin/env bash
# Runs the browser tests against the already built server; builds nothing itself.
#   swift build && Tests/browser/run.sh [pytest args]
# Screenshots and browser logs go to $BROWSER_ARTIFACTS (default .build/browser-artifacts).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${SWITCHBOARD_VENV:-$HOME/.cache/switchboard/venv}"
if [ ! -x "$venv/bin/pytest" ]; then
    echo "browser tests: no venv at $venv; run deploy/bootstrap.sh --test first" >&2
    exit 1
fi
if [ -z "${SWITCHBOARD_BIN:-}" ]; then
    SWITCHBOARD_BIN="$(cd "$root" && swift build --show-bin-path)/switchboard"
    export SWITCHBOARD_BIN
fi
if [ ! -x "$SWITCHBOARD_BIN" ]; then
    echo "browser tests: $SWITCHBOARD_BIN is missing; run swift build first" >&2
    exit 1
fi
export BROWSER_ARTIFACTS="${BROWSER_ARTIFACTS:-$root/.build/browser-artifacts}"
cd "$here"
exec "$venv/bin/pytest" -q -p no:cacheprovider "$@"
