#!/usr/bin/env bash
# The test command: makes sure a browser is present, builds, runs every test (domain, bUnit, API, Playwright),
# and ends with "N passed, N failed" counted from the TRX results.
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export PORTAL_CHROMIUM="${PORTAL_CHROMIUM:-/usr/bin/chromium}"

dotnet tool restore >/dev/null
rm -rf TestResults
dotnet build Portal.sln -c Debug -nologo -v q -clp:ErrorsOnly
build=$?
status=$build
if [ "$build" -eq 0 ]; then
  dotnet test Portal.sln --no-build -nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory TestResults "$@"
  status=$?
fi

passed=0; failed=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
done
# A red run (build error, crashed test host) never reads as green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
