#!/usr/bin/env bash
# EvoMerge entry point.
#   ./run.sh <command> [args]   build the CLI if sources changed (quietly), then run `evomerge <command> [args]`
#   ./run.sh test [filter]      build and run the whole test suite; ends with "N passed, N failed"
# Works from any directory: relative paths in arguments resolve against the caller's directory.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export EVOMERGE_HOME="$ROOT"
# libtorch's OpenMP threads spin while waiting by default; on a busy machine (or with several .NET
# threads calling torch, as parallel tests do) that spinning slowed merges by up to 100x. Passive
# waiting costs nothing measurable on large tensors. Respect a value the user set.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CLI_DIR="$ROOT/.build/cli"
CLI_DLL="$CLI_DIR/evomerge.dll"

build_cli() {
  local stamp="$CLI_DIR/.built"
  if [[ -f "$stamp" && -f "$CLI_DLL" ]] && [[ -z "$(find "$ROOT/src" "$ROOT/build" "$ROOT"/Directory.*.props "$ROOT"/Directory.*.targets \
        -newer "$stamp" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' \) -print -quit)" ]]; then
    return 0
  fi
  local log; log="$(mktemp)"
  if ! dotnet build "$ROOT/src/EvoMerge.Cli/EvoMerge.Cli.csproj" -c Release -o "$CLI_DIR" --nologo -v quiet >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    echo "run.sh: build failed (output above)" >&2
    exit 1
  fi
  rm -f "$log"; touch "$stamp"
}

run_tests() {
  local log; log="$(mktemp)"
  local args=("$ROOT/EvoMerge.sln" -c Release --nologo)
  if [[ $# -gt 0 ]]; then args+=(--filter "$1"); fi
  set +e
  dotnet test "${args[@]}" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  # dotnet prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..."
  local counts
  counts="$(sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \3 \4/p' "$log" \
            | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d %d %d", p, f, s}')"
  rm -f "$log"
  read -r passed failed skipped <<<"$counts"
  if [[ $rc -ne 0 && $failed -eq 0 ]]; then failed=1; fi   # build error or crashed host: count it, never hide it
  echo "$passed passed, $failed failed, $skipped skipped"
  return $rc
}

cmd="${1:-}"
case "$cmd" in
  test) shift; run_tests "$@" ;;
  ""|-h|--help)
    build_cli
    exec dotnet "$CLI_DLL" --help ;;
  *)
    build_cli
    exec dotnet "$CLI_DLL" "$@" ;;
esac
