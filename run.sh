#!/usr/bin/env bash
# EvoMerge entry point.
#   ./run.sh <command> [args]   build the CLI if sources changed (saying so on stderr), then run `evomerge <command> [args]`
#   ./run.sh test [filter]      build and run the whole test suite; ends with "N passed, N failed, N skipped"
#   ./run.sh --build-status     say whether the next command would rebuild the CLI, and why
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

# The first file (if any) that changed since the last build: any file under src/ and build/ (sources,
# projects, build logic and embedded assets such as the dashboard's wwwroot/) and the Directory.* files.
# bin/ and obj/ are skipped: test builds write *.json there, which must not look like a source change.
changed_source() {
  local stamp="$1"
  find "$ROOT/src" "$ROOT/build" \( -name bin -o -name obj \) -prune -o -newer "$stamp" -type f -print \
    | head -n 1
  find "$ROOT" -maxdepth 1 -newer "$stamp" -type f \( -name 'Directory.*.props' -o -name 'Directory.*.targets' \) -print | head -n 1
}

# Prints why the CLI would be rebuilt ("" when it is up to date).
build_reason() {
  local stamp="$CLI_DIR/.built"
  if [[ ! -f "$stamp" || ! -f "$CLI_DLL" ]]; then
    echo "first build: restores NuGet packages, about 700 MB for libtorch unless cached, and compiles; a few minutes"
    return
  fi
  local changed; changed="$(changed_source "$stamp" | head -n 1)"
  if [[ -n "$changed" ]]; then echo "${changed#"$ROOT"/} changed"; fi
}

build_cli() {
  local reason; reason="$(build_reason)"
  [[ -z "$reason" ]] && return 0
  echo "run.sh: building EvoMerge ($reason)..." >&2
  local log; log="$(mktemp)"
  local started=$SECONDS
  if ! dotnet build "$ROOT/src/EvoMerge.Cli/EvoMerge.Cli.csproj" -c Release -o "$CLI_DIR" --nologo -v quiet >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    echo "run.sh: build failed (output above)" >&2
    exit 1
  fi
  rm -f "$log"; touch "$CLI_DIR/.built"
  echo "run.sh: built in $((SECONDS - started)) s" >&2
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
  --build-status)
    # Says whether the next command would rebuild, and why; builds nothing.
    reason="$(build_reason)"
    echo "${reason:-up to date}" ;;
  ""|-h|--help)
    build_cli
    exec dotnet "$CLI_DLL" --help ;;
  *)
    build_cli
    exec dotnet "$CLI_DLL" "$@" ;;
esac
