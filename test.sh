#!/usr/bin/env bash
# The test command: makes sure a browser and PostgreSQL are present, builds, and runs every test in two lanes side by
# side: the Playwright browser tests on SQLite, and (niced) the domain, bUnit, API and crash tests on SQLite followed by
# the domain and API tests again on a private PostgreSQL cluster. Ends with "N passed, N failed" counted from the TRX
# results of all three runs.
# PORTAL_TEST_PROVIDERS=Sqlite ./test.sh skips the PostgreSQL run; arguments (a --filter, say) go to one SQLite run.
set -uo pipefail
cd "$(dirname "$0")"

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
providers="${PORTAL_TEST_PROVIDERS:-Sqlite Postgres}"

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian chromium for the browser tests..."
  $SUDO apt-get update -qq && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export PORTAL_CHROMIUM="${PORTAL_CHROMIUM:-/usr/bin/chromium}"

pg_dir=""
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  as_postgres "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"; pg_dir=""
}
# A throw-away cluster: initdb into a temp dir, listening on loopback only (a free port) and on a socket in that dir;
# no durability (fsync off), nothing else on the machine touched. Stopped and removed when the script exits.
start_postgres() {
  if [ -z "$(pg_bin)" ]; then
    echo "Installing Debian postgresql for the PostgreSQL test run..."
    $SUDO apt-get update -qq && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local bin; bin="$(pg_bin)"
  pg_dir="$(mktemp -d /tmp/portal-test-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  as_postgres "$bin/initdb" -D "$pg_dir/data" -U portal --auth=trust --encoding=UTF8 --locale=C.UTF-8 -N >"$pg_dir/initdb.log" 2>&1 || return 1
  for _ in 1 2 3 4 5; do
    pg_port=$((20000 + RANDOM % 40000))
    as_postgres "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $pg_port \
      -c unix_socket_directories=$pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1 && return 0
  done
  cat "$pg_dir/server.log" >&2; return 1
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM

dotnet tool restore >/dev/null
rm -rf TestResults
dotnet build Portal.sln -c Debug -nologo -v q -clp:ErrorsOnly
build=$?
status=$build

sqlite_tests() { # [filter] trx-name [dotnet test arguments...]
  local filter="$1" trx="$2"; shift 2
  dotnet test Portal.Tests --no-build -nologo ${filter:+--filter "$filter"} --logger "trx;LogFileName=$trx.trx" \
    --logger "console;verbosity=minimal" --results-directory TestResults "$@"
}
postgres_tests() {
  echo "== PostgreSQL: domain and API tests"
  start_postgres || { echo "Could not start PostgreSQL (see above)." >&2; return 1; }
  PORTAL_TEST_PROVIDER=Postgres PORTAL_TEST_POSTGRES="Host=$pg_dir;Port=$pg_port;Username=portal" \
    dotnet test Portal.Tests --no-build -nologo --filter "FullyQualifiedName~Portal.Tests.Domain.|FullyQualifiedName~Portal.Tests.Api." \
    --logger "trx;LogFileName=postgres.trx" --logger "console;verbosity=minimal" --results-directory TestResults
  local result=$?
  stop_postgres
  return $result
}
# Everything but the browser tests: SQLite's domain, component, API and crash tests, then PostgreSQL's.
other_tests() {
  local result=0
  if [[ " $providers " == *" Sqlite "* ]]; then
    echo "== SQLite: domain, component, API and crash tests"
    sqlite_tests "FullyQualifiedName!~Portal.Tests.E2E." sqlite || result=1
  fi
  if [[ " $providers " == *" Postgres "* ]]; then postgres_tests || result=1; fi
  return $result
}

if [ "$build" -eq 0 ] && [ "$#" -gt 0 ]; then
  # Arguments (a --filter, say) go to one SQLite run.
  echo "== SQLite: dotnet test $*"
  sqlite_tests "" sqlite "$@"; status=$?
elif [ "$build" -eq 0 ]; then
  # The browser tests take one core and most of a second for several minutes; everything else runs beside them, in
  # a second test process, rather than after them. That one is niced, so the browser tests (whose waits are timed)
  # get the cores first and it takes what is left. Each lane leaves its exit status in a file.
  lanes="$(mktemp -d)"
  if [[ " $providers " == *" Sqlite "* ]]; then
    ( echo "== SQLite: browser tests"; sqlite_tests "FullyQualifiedName~Portal.Tests.E2E." sqlite-browser; echo $? >"$lanes/browser" ) 2>&1 \
      | sed -u 's/^/[browser] /' &
  fi
  ( renice -n 10 -p $BASHPID >/dev/null; trap stop_postgres EXIT; other_tests; echo $? >"$lanes/other" ) 2>&1 | sed -u 's/^/[other]   /' &
  wait
  expected="other"; [[ " $providers " == *" Sqlite "* ]] && expected="browser other"
  for lane in $expected; do [ "$(cat "$lanes/$lane" 2>/dev/null)" = 0 ] || status=1; done
  rm -rf "$lanes"
fi

passed=0; failed=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
done
# A red run (build error, crashed test host, PostgreSQL that would not start) never reads as green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
