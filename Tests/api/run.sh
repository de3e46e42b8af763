#!/usr/bin/env bash
# Checks the running server against its own OpenAPI document with schemathesis: every documented
# /api/v1 operation is called with generated input, signed in as the demo's admin, and must answer
# without a server error, with a documented status, content type and a body matching its schema.
#   swift build && Tests/api/run.sh
# Runs against `switchboard demo` (real SQLite, fake messengers) on a free port; builds nothing itself.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${SWITCHBOARD_VENV:-$HOME/.cache/switchboard/venv}"
if [ ! -x "$venv/bin/schemathesis" ]; then
    echo "api tests: no schemathesis in $venv; run deploy/bootstrap.sh --test first" >&2
    exit 1
fi
binary="${SWITCHBOARD_BIN:-$(cd "$root" && swift build --show-bin-path)/switchboard}"
artifacts="${API_ARTIFACTS:-$root/.build/api-artifacts}"
rm -rf "$artifacts" && mkdir -p "$artifacts"
folder="$(mktemp -d)"
port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"

"$binary" demo --host 127.0.0.1 --port "$port" --database "$folder/demo.sqlite" --quiet-clients --log-level warning \
    > "$artifacts/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$folder"' EXIT
# Wait for readiness, then sign in as the admin: the session cookie and the CSRF token go with
# every generated call.
read -r cookie csrf apikey < <("$venv/bin/python" - "$base" "$server" <<'PY'
import json, os, sys, time, urllib.request
base, server = sys.argv[1], int(sys.argv[2])
for _ in range(300):
    try:
        os.kill(server, 0)
    except OSError:
        sys.exit("api tests: the demo server exited; see its log")
    try:
        with urllib.request.urlopen(base + "/readyz", timeout=1):
            break
    except OSError:
        time.sleep(0.2)
request = urllib.request.Request(base + "/api/v1/session", data=json.dumps({"login": "admin", "password": "demo-admin"}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
with urllib.request.urlopen(request, timeout=10) as answer:
    cookie = answer.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    csrf = json.load(answer)["csrfToken"]
def call(method, path, body=None):
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method=method,
                                     headers={"Content-Type": "application/json", "Cookie": "sb_session=" + cookie, "X-CSRF-Token": csrf})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)
# Clients write through the demo's fake Telegram, so conversations and contacts 1 to 4 exist.
for user in range(1, 5):
    call("POST", f"/demo/telegram/users/{900000 + user}/messages", {"text": f"order {user} is late", "firstName": f"Client {user}"})
for _ in range(100):
    if len(call("GET", "/api/v1/conversations?filter=all")["items"]) >= 4:
        break
    time.sleep(0.1)
# An API key for the one operation that takes one (POST /api/v1/contexts).
request = urllib.request.Request(base + "/api/v1/api-keys", data=json.dumps({"name": "schemathesis"}).encode(),
                                 headers={"Content-Type": "application/json", "Cookie": "sb_session=" + cookie, "X-CSRF-Token": csrf},
                                 method="POST")
with urllib.request.urlopen(request, timeout=10) as answer:
    print(cookie, csrf, json.load(answer)["key"])
PY
)
[ -n "${apikey:-}" ] || { echo "api tests: could not sign in to the demo; see $artifacts/server.log" >&2; exit 1; }

# Schemathesis keeps a cache folder in the working directory: keep it with the artifacts.
cd "$artifacts"
# Left out: signing in and out and changing passwords, which would end the run's own session.
"$venv/bin/schemathesis" --config-file "$here/schemathesis.toml" run "$base/api/v1/openapi.json" \
    --url "$base" \
    -H "Cookie: sb_session=$cookie" -H "X-CSRF-Token: $csrf" -H "Authorization: Bearer $apikey" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --exclude-path /api/v1/session --exclude-path-regex '/password$' \
    --phases coverage,fuzzing --generation-with-security-parameters false \
    --max-examples "${API_MAX_EXAMPLES:-25}" --seed "${API_SEED:-1}" --generation-database none \
    --workers 2 \
    --request-timeout 20 \
    --report junit --report-dir "$artifacts" \
    --no-color
