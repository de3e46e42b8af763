#!/usr/bin/env bash
# The check by Viber's own code: builds switchboard and the fake Viber, then runs the pytest
# that signs callbacks and parses every send_message body with the official `viberbot` SDK.
#   Tests/viber/run.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/../.."

venv="${SWITCHBOARD_VENV:-$HOME/.cache/switchboard/venv}"
if ! "$venv/bin/python" -c 'import viberbot, pytest' 2>/dev/null; then
    # deploy/bootstrap.sh --test normally did this; repeat it so the script also runs on its own.
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet viberbot pytest
fi

swift build --product switchboard
swift build --product ViberSDKCheckServer
SWITCHBOARD_BIN_DIR="$(swift build --show-bin-path)"
export SWITCHBOARD_BIN_DIR
# Bounded: the test has its own per-step timeouts; this caps the whole run.
exec timeout 300 "$venv/bin/python" -m pytest -q -p no:cacheprovider Tests/viber/test_viberbot_sdk.py "$@"
