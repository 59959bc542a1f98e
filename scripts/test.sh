#!/usr/bin/env bash
# Run every test of the solution against local infrastructure.
#
#   scripts/test.sh [extra `dotnet test` arguments...]
#
# Starts (or reuses) PostgreSQL + RabbitMQ via scripts/infra.sh, builds Release, runs
# `dotnet test`, sums the TRX counters of every test project and prints as the last line
# `N passed, N failed`. Exits non-zero when the build fails, any test fails, or no test ran.
# The infrastructure is left running (scripts/infra.sh stop stops it).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"
cd "$PERFSUITE_REPO"

RESULTS="$PERFSUITE_LOCAL/test-results"

# Prints "PASSED FAILED" summed over the <Counters .../> of every .trx file under DIR.
# failed counts failed + error + timeout + aborted outcomes.
sum_trx() {
  local dir="$1" f counters passed=0 failed=0 v a
  while IFS= read -r -d '' f; do
    counters="$(tr '\n' ' ' <"$f" | grep -o '<Counters [^>]*>' | head -n 1 || true)"
    [ -n "$counters" ] || continue
    v="$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')"
    passed=$((passed + ${v:-0}))
    for a in failed error timeout aborted; do
      v="$(printf '%s' "$counters" | sed -n "s/.* $a=\"\\([0-9]*\\)\".*/\\1/p")"
      failed=$((failed + ${v:-0}))
    done
  done < <(find "$dir" -type f -name '*.trx' -print0 2>/dev/null)
  echo "$passed $failed"
}

# `scripts/test.sh --sum-trx DIR` only prints the summary of existing TRX files (for checks).
if [ "${1:-}" = "--sum-trx" ]; then
  read -r p f < <(sum_trx "${2:-$RESULTS}")
  echo "$p passed, $f failed"
  exit 0
fi

summary_and_exit() { # PASSED FAILED RC
  echo "$1 passed, $2 failed"
  exit "$3"
}

solution() {
  if [ -n "${PERFSUITE_SOLUTION:-}" ]; then echo "$PERFSUITE_SOLUTION"; return; fi
  local s
  for s in PerfSuite.sln PerfSuite.slnx; do
    [ -f "$s" ] && { echo "$s"; return; }
  done
  echo PerfSuite.sln
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || { log "ERROR: dotnet not found on PATH"; summary_and_exit 0 0 1; }

log "== infrastructure"
if ! scripts/infra.sh start </dev/null; then
  log "ERROR: scripts/infra.sh start failed"
  summary_and_exit 0 0 1
fi
# shellcheck source=/dev/null
source "$PERFSUITE_LOCAL/env.sh"

SLN="$(solution)"
[ -f "$SLN" ] || { log "ERROR: solution $SLN not found in $PERFSUITE_REPO"; summary_and_exit 0 0 1; }

log "== dotnet build $SLN -c Release"
if ! dotnet build "$SLN" -c Release </dev/null; then
  log ""
  log "ERROR: BUILD FAILED"
  summary_and_exit 0 0 1
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
log "== dotnet test $SLN -c Release"
set +e
dotnet test "$SLN" -c Release --no-build --logger "trx;LogFilePrefix=results" \
  --results-directory "$RESULTS" "$@" </dev/null
test_rc=$?
set -e

read -r passed failed < <(sum_trx "$RESULTS")
rc=0
if [ "$test_rc" -ne 0 ]; then
  log "dotnet test exited with code $test_rc"
  rc=1
fi
if [ "$failed" -gt 0 ]; then rc=1; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  log "ERROR: no test ran (no TRX counters under $RESULTS)"
  rc=1
fi
summary_and_exit "$passed" "$failed" "$rc"
