#!/usr/bin/env bash
# Restores, builds and runs every test of the solution. Before that it installs and starts the
# real components the tests use (PostgreSQL, Docker with its local registry and images); each
# setup script is idempotent and fails loudly, so a missing component fails the run, never skips it.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

for setup in scripts/ensure-postgres.sh scripts/ensure-docker.sh; do
  if [ -f "$setup" ]; then
    echo "== $setup"
    bash "$setup"
  fi
done

echo "== build"
dotnet build ActorOrchestrator.sln -c Release -nologo -v quiet

passed=0; failed=0; status=0
log=$(mktemp)
for project in tests/*/*.Tests.csproj; do
  echo "== test $(basename "$project" .csproj)"
  # Normal console verbosity names every failing test with its message and stack; only those parts are shown.
  if ! dotnet test "$project" -c Release --no-build -nologo -v quiet --logger "console;verbosity=normal" >"$log" 2>&1; then status=1; fi
  grep -E '^\s*Failed [A-Za-z]' -A 25 "$log" | grep -vE '^\s+at (System|Xunit|Microsoft)\.' || true
  # The summary of normal verbosity: "Total tests: N", "Passed: N", "Failed: N" (absent when 0).
  total=$(grep -E '^Total tests: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  if [ -z "$total" ] && grep -qE 'No test is available|TestAdapterPath' "$log"; then
    echo "-- $(basename "$project"): contains no tests yet"
    continue
  fi
  if [ -z "$total" ]; then
    echo "!! $(basename "$project"): no test summary (build or runner failure)"
    tail -n 40 "$log"
    status=1
    continue
  fi
  p=$(grep -E '^\s+Passed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  f=$(grep -E '^\s+Failed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
  echo "-- $(basename "$project" .csproj): $p passed, $f failed"
  passed=$((passed + p)); failed=$((failed + f))
done
rm -f "$log"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
