#!/usr/bin/env bash
# Fuzzes the parsers that read outside input (Telegram updates, Viber callbacks, channel and webhook
# manifests, multipart bodies) with libFuzzer: each target runs a fixed number of
# inputs, starting from the seed corpus in Tests/fuzz/corpus, and any crash fails the script.
#   Tests/fuzz/run.sh [target ...]
# SWITCHBOARD_FUZZ_RUNS  inputs per target (default: each target's own count, about 40 s each on 2 cores)
# SWITCHBOARD_FUZZ_SEED  libFuzzer's random seed, to replay a run (default: a new one each run)
# The instrumented build lives in its own scratch path, so it never disturbs .build and CI can cache it.
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch="${SWITCHBOARD_FUZZ_SCRATCH:-$HOME/.cache/switchboard/fuzz-build}"
seed="${SWITCHBOARD_FUZZ_SEED:-0}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzTelegramUpdate FuzzViberCallback FuzzManifests FuzzMultipart)

# Fuzzer only: with a second --sanitize, swiftc hands the frontend only the last one, so the code
# would lose its coverage instrumentation and libFuzzer would run blind (swift 6.3). The targets are
# Swift without unsafe pointers, where a memory error traps anyway.
build=(swift build --scratch-path "$scratch" --sanitize fuzzer)
for target in "${targets[@]}"; do
    "${build[@]}" --product "$target"
done
bin="$("${build[@]}" --show-bin-path)"

# Seed corpus folder and default number of inputs of each target.
plan_of() {
    case "$1" in
        FuzzTelegramUpdate) echo "telegram-update 1500000" ;;
        FuzzViberCallback) echo "viber-callback 2000000" ;;
        FuzzManifests) echo "manifests 250000" ;;
        FuzzMultipart) echo "multipart 1000000" ;;
        *) echo "fuzz: unknown target $1" >&2; return 1 ;;
    esac
}

status=0
for target in "${targets[@]}"; do
    read -r folder default_runs <<<"$(plan_of "$target")"
    seeds="Tests/fuzz/corpus/$folder"
    runs="${SWITCHBOARD_FUZZ_RUNS:-$default_runs}"
    # New inputs go to a scratch corpus, so the checked-in seeds stay small and reviewed.
    work="$scratch/corpus/$target"
    artifacts="$scratch/artifacts/$target"
    rm -rf "$work"
    mkdir -p "$work" "$artifacts"
    echo "== fuzz $target: $runs inputs"
    # -max_total_time only caps a much slower machine; normally the run ends at its input count.
    if ! "$bin/$target" -runs="$runs" -seed="$seed" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -max_total_time=150 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$seeds" 2>"$scratch/$target.log"; then
        grep -v '^#' "$scratch/$target.log" | tail -60 >&2
        echo "fuzz: $target crashed; the input is in $artifacts (replay: $bin/$target <file>)" >&2
        status=1
    fi
    grep -E '^stat::number_of_executed_units|^Done|^INFO: Seed' "$scratch/$target.log" || true
done
exit $status
