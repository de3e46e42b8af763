#!/usr/bin/env bash
# Every test: the Swift suites (unit, store, engine, bridges against the fake messengers, the API
# over real HTTP and WebSocket), then the real-browser inbox tests and the schemathesis check of the
# API against its OpenAPI document, the viberbot SDK check, and libFuzzer on the parsers of outside
# input. Between them, `bench e2e --short` floods the real server (debug build) with a few hundred
# signed webhooks and fails if one acknowledged message was lost, doubled or not streamed.
# Run deploy/bootstrap.sh --test first.
set -euo pipefail
cd "$(dirname "$0")/.."

# The suites on a real PostgreSQL (starting its server, hundreds of databases and connections) run
# after the others, so their load does not skew the others' rate and deadline checks, and one at a
# time: all at once they opened more connections than the throwaway server takes, and the pools
# waited for ever.
postgres_suites=(PostgresStoreTests StoreContractTests DatabaseCopyTests OpenStoreTests CopiedDemoTests ClusterTests)
swift test --explicit-target-dependency-import-check error "${postgres_suites[@]/#/--skip=}"
# ClusterTests run the `switchboard` binary beside the test bundle as real `serve` processes.
swift build --product switchboard
swift test --skip-build --no-parallel "${postgres_suites[@]/#/--filter=}"
"$(swift build --show-bin-path)/switchboard" bench e2e --short
Tests/browser/run.sh
Tests/api/run.sh
Tests/viber/run.sh
Tests/fuzz/run.sh
