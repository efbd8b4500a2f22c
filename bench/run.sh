#!/usr/bin/env bash
# Portal benchmarks. Usage: bench/run.sh [NAME[,NAME...]]  (no name: all; names below in "case")
# stdout carries only the figures, one per line: "NAME: VALUE UNIT (target TARGET)"; progress goes to stderr.
# Everything it makes (published app, databases, logs) lives in bench/out/, which git ignores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
APP=$OUT/app
BENCH=$OUT/bench
WHICH=${1:-all}

FRESH_START_RUNS=${FRESH_START_RUNS:-5}
LIST_USERS=${LIST_USERS:-100000}
LIST_ORGANISATIONS=${LIST_ORGANISATIONS:-100000}
LIST_REQUESTS=${LIST_REQUESTS:-300}
LIST_WARMUP=${LIST_WARMUP:-30}
PAGE_CLIENTS=${PAGE_CLIENTS:-4}
PAGE_REQUESTS=${PAGE_REQUESTS:-100}
CIRCUITS=${CIRCUITS:-50}
NETWORK_ORGANISATIONS=${NETWORK_ORGANISATIONS:-20000}
THROTTLED_LOADS=${THROTTLED_LOADS:-20}
LIVE_SAMPLES=${LIVE_SAMPLES:-30}

for name in ${WHICH//,/ }; do case "$name" in
  all|fresh-start|staff-users-list|organisations|organisations-list|organisations-page|organisations-export|organisations-first-render|organisations-import|organisations-duplicates|circuit-memory) ;;
  page-bytes|throttled-first-load) ;;
  pick-scan|live|palette|shipments-list|picks|invitations|pricing|billing|business|agents) ;;
  *) echo "Usage: bench/run.sh [fresh-start|staff-users-list|organisations|organisations-list|organisations-page|organisations-export|organisations-first-render|organisations-import|organisations-duplicates|circuit-memory|page-bytes|throttled-first-load|pick-scan|live|palette|shipments-list|picks|invitations|pricing|billing|business|agents][,NAME...]" >&2; exit 2 ;;
esac; done
# "organisations" runs every organisations-* benchmark on one seeded database, as do several organisations-* names.
wants() {
  local name
  for name in ${WHICH//,/ }; do
    if [ "$name" = all ] || [ "$name" = "$1" ] || { [ "$name" = organisations ] && [[ "$1" == organisations-* ]]; }; then return 0; fi
  done
  return 1
}
wants_organisations() { wants organisations-list || wants organisations-page || wants organisations-export || wants organisations-first-render || wants organisations-import || wants organisations-duplicates; }
log() { echo "[bench] $*" >&2; }
now_ns() { date +%s%N; }

mkdir -p "$OUT"

# ---- build once ------------------------------------------------------------------------------------------------
log "publishing Portal (Release) to bench/out/app"
dotnet publish Portal -c Release -o "$APP" -nologo -v q -clp:ErrorsOnly >&2
if [ "$WHICH" != fresh-start ]; then
  log "building bench/Portal.Bench (Release) to bench/out/bench"
  dotnet build bench/Portal.Bench -c Release -o "$BENCH" -nologo -v q -clp:ErrorsOnly >&2
fi

# ---- app process helpers ---------------------------------------------------------------------------------------
APP_PID=""
stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
trap stop_app EXIT

free_port() {
  local p
  for p in $(seq 5310 5399); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port in 5310-5399" >&2; exit 1
}

fresh_db() { rm -f "$1" "$1-wal" "$1-shm"; }

# start_app DB ENVIRONMENT LOGFILE [NAME=VALUE...]: starts the published app on 127.0.0.1:$PORT (sets APP_PID, PORT).
# Production encrypts its key ring with a certificate (README "Protecting the key ring"): one made here for the benches.
KEYRING=$OUT/keyring.pfx
if [ ! -f "$KEYRING" ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 30 -subj "/CN=Portal bench key ring" \
    -keyout "$OUT/keyring.key" -out "$OUT/keyring.crt" 2>/dev/null
  openssl pkcs12 -export -inkey "$OUT/keyring.key" -in "$OUT/keyring.crt" -out "$KEYRING" -passout pass:bench
fi

start_app() {
  local db=$1 environment=$2 logfile=$3; shift 3
  PORT=$(free_port)
  (cd "$APP" && exec env \
      ASPNETCORE_ENVIRONMENT="$environment" \
      DataProtection__Certificate__Path="$KEYRING" DataProtection__Certificate__Password=bench \
      ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
      ConnectionStrings__Default="Data Source=$db" \
      Auth__AllowLocalSignIn=true \
      Auth__SecureCookies=false \
      "$@" dotnet Portal.dll >"$logfile" 2>&1) &
  APP_PID=$!
}

# wait_healthy SECONDS: polls /health until it answers 200; fails if the app dies or time runs out.
wait_healthy() {
  local deadline=$(( $(now_ns) + $1 * 1000000000 ))
  while true; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/health" 2>/dev/null)" = 200 ]; then return 0; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then log "the app exited before /health answered 200"; return 1; fi
    if [ "$(now_ns)" -gt "$deadline" ]; then log "/health did not answer 200 within $1 s"; return 1; fi
    sleep 0.02
  done
}

# cli DB ARGS...: runs a Portal command-line command against DB (Production unless CLI_ENVIRONMENT says, quiet logs); its stdout is the answer.
cli() {
  local db=$1; shift
  (cd "$APP" && ASPNETCORE_ENVIRONMENT="${CLI_ENVIRONMENT:-Production}" ConnectionStrings__Default="Data Source=$db" Auth__AllowLocalSignIn=true \
      DataProtection__Certificate__Path="$KEYRING" DataProtection__Certificate__Password=bench \
      Logging__LogLevel__Default=Warning dotnet Portal.dll "$@")
}

# seed_bench DB WHAT N: fills DB with benchmark data; Development only, as its accounts share the published demo password.
seed_bench() { local db=$1; shift; CLI_ENVIRONMENT=Development cli "$db" seed-bench "$@"; }

# ---- 1. fresh-start ---------------------------------------------------------------------------------------------
if wants fresh-start; then
  log "fresh-start: $FRESH_START_RUNS starts on a new database each (Production), timed until /health answers 200"
  times=()
  for i in $(seq 1 "$FRESH_START_RUNS"); do
    db=$OUT/fresh-start.db; fresh_db "$db"
    t0=$(now_ns)
    start_app "$db" Production "$OUT/fresh-start-$i.log"
    wait_healthy 60 || { cat "$OUT/fresh-start-$i.log" >&2; exit 1; }
    t1=$(now_ns)
    stop_app
    s=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f", d / 1e9 }')
    log "  run $i: $s s"
    times+=("$s")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m }')
  echo "fresh-start: $median s (target <= 5 s)"
fi

# ---- 2. staff-users-list ----------------------------------------------------------------------------------------
if wants staff-users-list; then
  db=$OUT/staff-users-list.db; fresh_db "$db"
  log "staff-users-list: seeding $LIST_USERS staff users"
  t0=$(now_ns)
  seed_bench "$db" staff-users "$LIST_USERS" >&2
  log "  seeded in $(awk -v d=$(( $(now_ns) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }') s"
  key=$(cli "$db" api-key create --name "bench $(date +%s)" --role Admin 2>/dev/null | tail -n 1)
  [ -n "$key" ] || { log "could not create an API key"; exit 1; }
  sql_log=$OUT/staff-users-list.sql.log
  rm -f "$sql_log"
  # The startup hook in Portal.Bench.dll logs every EF Core command with its request's trace id, so the driver can run
  # the same SQL directly: the floor of a list request.
  start_app "$db" Production "$OUT/staff-users-list.log" DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_SQL_LOG="$sql_log"
  wait_healthy 60 || { cat "$OUT/staff-users-list.log" >&2; exit 1; }
  log "  $LIST_WARMUP warm-up + $LIST_REQUESTS measured requests on http://127.0.0.1:$PORT, each followed by its SQL run directly (the floor)"
  dotnet "$BENCH/Portal.Bench.dll" list --url "http://127.0.0.1:$PORT" --key "$key" \
    --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  stop_app
fi

# ---- 3. organisations: list API, export, first render in a browser, import (one seeded database) -------------------
ensure_chromium() {
  if [ ! -x "${PORTAL_CHROMIUM:-/usr/bin/chromium}" ]; then
    log "installing Debian chromium"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2 && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  fi
}
if wants_organisations; then
  db=$OUT/organisations.db; fresh_db "$db"
  log "organisations: seeding $LIST_ORGANISATIONS organisations (with owners, teams and addresses)"
  t0=$(now_ns)
  seed_bench "$db" staff-users 50 >&2
  seed_bench "$db" organisations "$LIST_ORGANISATIONS" >&2
  log "  seeded in $(awk -v d=$(( $(now_ns) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }') s"
  key=$(cli "$db" api-key create --name "bench $(date +%s)" --role Staff 2>/dev/null | tail -n 1)
  [ -n "$key" ] || { log "could not create an API key"; exit 1; }
  sql_log=$OUT/organisations.sql.log
  rm -f "$sql_log"
  # The startup hook in Portal.Bench.dll logs every EF Core command with its request's trace id, so the driver can run
  # the same SQL directly: the floor of a list request.
  start_app "$db" Production "$OUT/organisations.log" DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_SQL_LOG="$sql_log"
  wait_healthy 60 || { cat "$OUT/organisations.log" >&2; exit 1; }
  if wants organisations-list; then
    log "organisations-list: $LIST_WARMUP warm-up + $LIST_REQUESTS measured requests on http://127.0.0.1:$PORT, each followed by its SQL run directly (the floor)"
    dotnet "$BENCH/Portal.Bench.dll" list --list organisations --url "http://127.0.0.1:$PORT" --key "$key" \
      --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  fi
  if wants organisations-page; then
    # bench1@load.test is one of the 50 seeded staff users, a Staff member with the demo password (seed-bench gives
    # every fourth one, from the second, the Staff role).
    log "organisations-page: GET /organisations signed in, $PAGE_CLIENTS concurrent clients, unfiltered and filtered alternately"
    dotnet "$BENCH/Portal.Bench.dll" page --url "http://127.0.0.1:$PORT" --email bench1@load.test --clients "$PAGE_CLIENTS" \
      --requests "$PAGE_REQUESTS" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  fi
  if wants organisations-export; then
    log "organisations-export: the whole list as CSV, server memory sampled every 10 ms"
    dotnet "$BENCH/Portal.Bench.dll" export --url "http://127.0.0.1:$PORT" --key "$key" --pid "$APP_PID" \
      --min-rows "$LIST_ORGANISATIONS" || { stop_app; exit 1; }
  fi
  if wants organisations-duplicates; then
    log "organisations-duplicates: POST /organisations/duplicates (the create's check), each followed by its SQL run directly (the floor)"
    dotnet "$BENCH/Portal.Bench.dll" organisations-duplicates --url "http://127.0.0.1:$PORT" --key "$key" \
      --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  fi
  stop_app
  if wants organisations-first-render || wants organisations-import; then
    # Development: the demo users (staff@portal.test) are seeded on start, so the browser can sign in.
    start_app "$db" Development "$OUT/organisations-dev.log"
    # Development seeds the demo data (modules, domains, bank details for every organisation) on this first start:
    # about a minute on idle cores, several on a busy machine.
    wait_healthy 600 || { cat "$OUT/organisations-dev.log" >&2; exit 1; }
    if wants organisations-first-render; then
      ensure_chromium
      log "organisations-first-render: /organisations opened in a new page (and circuit) each time, until the first row shows; each followed by its static copy (the floor)"
      dotnet "$BENCH/Portal.Bench.dll" first-render --url "http://127.0.0.1:$PORT" --floor-dir "$OUT/first-render-floor" || { stop_app; exit 1; }
      log "organisations-navigate: the same list reached by in-app navigation from the Dashboard (a live circuit)"
      dotnet "$BENCH/Portal.Bench.dll" first-render --mode navigate --url "http://127.0.0.1:$PORT" || { stop_app; exit 1; }
    fi
    if wants organisations-import; then
      log "organisations-import: $LIST_ORGANISATIONS new organisations from one CSV upload"
      dotnet "$BENCH/Portal.Bench.dll" import --url "http://127.0.0.1:$PORT" --key "$key" --rows "$LIST_ORGANISATIONS" \
        --manager staff@portal.test || { stop_app; exit 1; }
    fi
    stop_app
  fi
fi

# ---- 4. circuit-memory ------------------------------------------------------------------------------------------
if wants circuit-memory; then
  ensure_chromium
  db=$OUT/circuit-memory.db; fresh_db "$db"
  gcdir=$OUT/circuit-memory-gc; rm -rf "$gcdir"; mkdir -p "$gcdir"
  log "circuit-memory: Development app (demo users), $CIRCUITS idle Dashboard circuits"
  # The startup hook (in Portal.Bench.dll) forces full GCs on request and reports the managed heap; the app is unchanged.
  start_app "$db" Development "$OUT/circuit-memory.log" \
    DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_GC_DIR="$gcdir"
  wait_healthy 60 || { cat "$OUT/circuit-memory.log" >&2; exit 1; }
  dotnet "$BENCH/Portal.Bench.dll" circuits --url "http://127.0.0.1:$PORT" --pid "$APP_PID" --gc-dir "$gcdir" \
    --circuits "$CIRCUITS" || { stop_app; exit 1; }
  stop_app
fi

# ---- 5. page-bytes, throttled-first-load: what pages cost on a real network ---------------------------------------
if wants page-bytes || wants throttled-first-load; then
  ensure_chromium
  db=$OUT/network.db; fresh_db "$db"
  log "network: seeding $NETWORK_ORGANISATIONS organisations; Development app (demo users, so the browser can sign in)"
  cli "$db" seed-bench staff-users 50 >&2
  cli "$db" seed-bench organisations "$NETWORK_ORGANISATIONS" >&2
  start_app "$db" Development "$OUT/network.log"
  wait_healthy 120 || { cat "$OUT/network.log" >&2; exit 1; }
  if wants page-bytes; then
    log "page-bytes: sign-in and the organisations list loaded cold, bytes on the wire as the browser counts them"
    dotnet "$BENCH/Portal.Bench.dll" page-bytes --url "http://127.0.0.1:$PORT" || { stop_app; exit 1; }
  fi
  if wants throttled-first-load; then
    log "throttled-first-load: the list cold at 150 ms RTT, 1.6/0.75 Mbit/s, 4x CPU, $THROTTLED_LOADS loads, beside its HTML as a static page"
    dotnet "$BENCH/Portal.Bench.dll" throttled --url "http://127.0.0.1:$PORT" --loads "$THROTTLED_LOADS" || { stop_app; exit 1; }
  fi
  stop_app
fi

# ---- pick-scan: scan to visual feedback on the pick screen, in the browser, beside a static page's floor ----------
if wants pick-scan; then
  ensure_chromium
  db=$OUT/pick-scan.db; fresh_db "$db"
  log "pick-scan: Development app (demo users), ${PICK_SCANS:-200} scans typed with Enter at 390 px, then the same picks from a static page (the floor)"
  start_app "$db" Development "$OUT/pick-scan.log"
  wait_healthy 600 || { cat "$OUT/pick-scan.log" >&2; exit 1; }
  dotnet "$BENCH/Portal.Bench.dll" pick-scan --url "http://127.0.0.1:$PORT" --scans "${PICK_SCANS:-200}" || { stop_app; exit 1; }
  stop_app
fi

# ---- live: presence and live updates between two open pages ------------------------------------------------------
if wants live; then
  ensure_chromium
  db=$OUT/live.db; fresh_db "$db"
  log "live: two staff users on one organisation (Development demo data), $LIVE_SAMPLES samples; each beside the same round trip on the clicking page"
  start_app "$db" Development "$OUT/live.log"
  wait_healthy 120 || { cat "$OUT/live.log" >&2; exit 1; }
  dotnet "$BENCH/Portal.Bench.dll" live --url "http://127.0.0.1:$PORT" --samples "$LIVE_SAMPLES" || { stop_app; exit 1; }
  stop_app
fi

# ---- 6. palette: the command palette on 100,000 organisations and 100,000 staff users (bench/Portal.Bench/PaletteBench.cs) --
if wants palette; then
  ensure_chromium
  db=$OUT/palette.db; fresh_db "$db"
  log "palette: seeding $LIST_USERS staff users and $LIST_ORGANISATIONS organisations"
  seed_bench "$db" staff-users "$LIST_USERS" >&2
  seed_bench "$db" organisations "$LIST_ORGANISATIONS" >&2
  key=$(cli "$db" api-key create --name "bench $(date +%s)" --role Admin 2>/dev/null | tail -n 1)
  sql_log=$OUT/palette.sql.log; rm -f "$sql_log"
  start_app "$db" Production "$OUT/palette.log" DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_SQL_LOG="$sql_log"
  wait_healthy 60 || { cat "$OUT/palette.log" >&2; exit 1; }
  log "palette-server: GET /api/v1/search as an Admin key (every source), each followed by its SQL run directly (the floor)"
  dotnet "$BENCH/Portal.Bench.dll" palette-api --url "http://127.0.0.1:$PORT" --key "$key" --db "$db" --sql-log "$sql_log" \
    --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" || { stop_app; exit 1; }
  log "palette-browser: keystroke to first group, signed in as bench0@load.test (Admin), beside a static page (the floor)"
  dotnet "$BENCH/Portal.Bench.dll" palette-browser --url "http://127.0.0.1:$PORT" --db "$db" || { stop_app; exit 1; }
  stop_app
fi

# ---- 6. logistics: the shipments list API and picks by 8 concurrent pickers (one seeded database) -------------------
if wants shipments-list || wants picks; then
  db=$OUT/logistics.db; fresh_db "$db"
  log "logistics: seeding ${LOGISTICS_SHIPMENTS:=100000} shipments of ten units each"
  t0=$(now_ns)
  seed_bench "$db" shipments "$LOGISTICS_SHIPMENTS" >&2
  log "  seeded in $(awk -v d=$(( $(now_ns) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }') s"
  staff_key=$(cli "$db" api-key create --name "bench staff $(date +%s)" --role Staff 2>/dev/null | tail -n 1)
  warehouse_key=$(cli "$db" api-key create --name "bench warehouse $(date +%s)" --role Warehouse 2>/dev/null | tail -n 1)
  [ -n "$staff_key" ] && [ -n "$warehouse_key" ] || { log "could not create the API keys"; exit 1; }
  sql_log=$OUT/logistics.sql.log; times=$OUT/logistics.server-times.log
  rm -f "$sql_log" "$times"
  # The startup hook logs every EF Core command (the list's floor) and ASP.NET Core's own duration of every request.
  start_app "$db" Production "$OUT/logistics.log" DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_SQL_LOG="$sql_log" PORTAL_BENCH_SERVER_TIMES="$times"
  wait_healthy 60 || { cat "$OUT/logistics.log" >&2; exit 1; }
  if wants shipments-list; then
    log "shipments-list: $LIST_WARMUP warm-up + $LIST_REQUESTS measured requests, each followed by its SQL run directly (the floor)"
    dotnet "$BENCH/Portal.Bench.dll" list --list shipments --url "http://127.0.0.1:$PORT" --key "$staff_key" \
      --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  fi
  if wants picks; then
    log "picks: ${PICK_PICKERS:=8} concurrent pickers on ${PICK_LISTS:=4} lists of ${PICK_SHIPMENTS:=150} shipments, one unit a request, 5% retried"
    dotnet "$BENCH/Portal.Bench.dll" picks --url "http://127.0.0.1:$PORT" --staff-key "$staff_key" --warehouse-key "$warehouse_key" \
      --pickers "$PICK_PICKERS" --lists "$PICK_LISTS" --shipments "$PICK_SHIPMENTS" --db "$db" --server-times "$times" || { stop_app; exit 1; }
  fi
  stop_app
fi

# ---- 7. invitations: the list API at 200,000 (its SQL the floor), a verification with its slow hash, and a flood ------
if wants invitations; then
  db=$OUT/invitations.db; fresh_db "$db"
  log "invitations: seeding ${INVITATION_ROWS:=200000} invitations"
  t0=$(now_ns)
  seed_bench "$db" invitations "$INVITATION_ROWS" >&2
  log "  seeded in $(awk -v d=$(( $(now_ns) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }') s"
  staff_key=$(cli "$db" api-key create --name "bench staff $(date +%s)" --role Staff 2>/dev/null | tail -n 1)
  [ -n "$staff_key" ] || { log "could not create the API key"; exit 1; }
  sql_log=$OUT/invitations.sql.log; rm -f "$sql_log"
  # The verification limit is lifted so the flood reaches the slow hash (the worst case); the real limit answers 429 sooner.
  start_app "$db" Production "$OUT/invitations.log" DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_SQL_LOG="$sql_log" \
    Invitations__VerificationsPerMinute=1000000
  wait_healthy 60 || { cat "$OUT/invitations.log" >&2; exit 1; }
  log "invitations-list: $LIST_WARMUP warm-up + $LIST_REQUESTS measured requests, each followed by its SQL run directly (the floor)"
  dotnet "$BENCH/Portal.Bench.dll" list --list invitations --url "http://127.0.0.1:$PORT" --key "$staff_key" \
    --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  log "invitations-verify: ${VERIFY_SAMPLES:=100} verifications one after another, then GET an invitation idle and during ${VERIFY_CLIENTS:=20} flooding clients"
  dotnet "$BENCH/Portal.Bench.dll" invitations-verify --url "http://127.0.0.1:$PORT" --key "$staff_key" \
    --samples "$VERIFY_SAMPLES" --clients "$VERIFY_CLIENTS" || { stop_app; exit 1; }
  stop_app
fi

# ---- 7. pricing: 1,000,000 price rows in one group (seeded by the database), a 100,000-row import into it; lookup, grid (with its floor), export memory ----
if wants pricing; then
  db=$OUT/pricing.db; fresh_db "$db"
  log "pricing: seeding ${PRICING_ROWS:=1000000} prices over ${PRICING_SKUS:=100000} SKUs in one group"
  t0=$(now_ns)
  group=$(seed_bench "$db" pricing "$PRICING_ROWS" "$PRICING_SKUS" | tail -n 1)
  log "  seeded in $(awk -v d=$(( $(now_ns) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }') s (group $group)"
  staff_key=$(cli "$db" api-key create --name "bench pricing $(date +%s)" --role Staff 2>/dev/null | tail -n 1)
  [ -n "$staff_key" ] || { log "could not create the API key"; exit 1; }
  sql_log=$OUT/pricing.sql.log; rm -f "$sql_log"
  start_app "$db" Production "$OUT/pricing.log" DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_SQL_LOG="$sql_log"
  wait_healthy 60 || { cat "$OUT/pricing.log" >&2; exit 1; }
  log "pricing: a ${PRICING_BATCH:=100000}-row import into it; lookup and grid $LIST_WARMUP warm-up + $LIST_REQUESTS requests; the export's server memory"
  dotnet "$BENCH/Portal.Bench.dll" pricing --url "http://127.0.0.1:$PORT" --key "$staff_key" --group "$group" --rows "$PRICING_ROWS" --skus "$PRICING_SKUS" --batch "$PRICING_BATCH" \
    --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" --pid "$APP_PID" || { stop_app; exit 1; }
  stop_app
fi

# ---- billing: a renewal run over due subscriptions, run twice; the subscriptions and invoices list APIs ---------------
if wants billing; then
  db=$OUT/billing.db; fresh_db "$db"
  log "billing: seeding ${BILLING_SUBSCRIPTIONS:=50000} due subscriptions with ${BILLING_INVOICES_EACH:=12} paid invoices each"
  t0=$(now_ns)
  seed_bench "$db" billing "$BILLING_SUBSCRIPTIONS" "$BILLING_INVOICES_EACH" >&2
  log "  seeded in $(awk -v d=$(( $(now_ns) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }') s"
  log "billing-renewal: one billing run (progress below), then a second straight after"
  first=$(cli "$db" billing-run); second=$(cli "$db" billing-run)
  log "  first: $first"; log "  second: $second"
  seconds=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$first"); renewals=$(sed -n 's/.*renewals=\([0-9]*\).*/\1/p' <<<"$first")
  steps_again=$(sed -n 's/^steps=\([0-9]*\).*/\1/p' <<<"$second")
  echo "billing-renewal: $seconds s for $renewals renewals (target <= 60 s for 50,000)"
  echo "billing-renewal-again: $steps_again steps (target 0)"
  key=$(cli "$db" api-key create --name "bench billing $(date +%s)" --role Staff 2>/dev/null | tail -n 1)
  [ -n "$key" ] || { log "could not create an API key"; exit 1; }
  sql_log=$OUT/billing.sql.log; rm -f "$sql_log"
  start_app "$db" Production "$OUT/billing.log" DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_SQL_LOG="$sql_log"
  wait_healthy 60 || { cat "$OUT/billing.log" >&2; exit 1; }
  for list in subscriptions invoices; do
    log "$list-list: $LIST_WARMUP warm-up + $LIST_REQUESTS measured requests, each followed by its SQL run directly (the floor)"
    dotnet "$BENCH/Portal.Bench.dll" list --list "$list" --url "http://127.0.0.1:$PORT" --key "$key" \
      --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  done
  stop_app
fi

# ---- 7. business connections: the units list and the duplicate check at 200,000 units / 500,000 connections ----------
if wants business; then
  db=$OUT/business.db
  # BUSINESS_KEEP_DB=1 measures again on the last run's database (seeding takes 10-25 minutes; the app migrates it on start).
  if [ -n "${BUSINESS_KEEP_DB:-}" ] && [ -f "$db" ]; then
    log "business: keeping the seeded $db"
  else
    fresh_db "$db"
    log "business: seeding ${BUSINESS_ORGANISATIONS:=200000} organisations, ${BUSINESS_UNITS:=200000} units and 2.5 connections per unit"
    t0=$(now_ns)
    seed_bench "$db" organisations "$BUSINESS_ORGANISATIONS" >&2
    seed_bench "$db" business "$BUSINESS_UNITS" >&2
    log "  seeded in $(awk -v d=$(( $(now_ns) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }') s"
  fi
  key=$(cli "$db" api-key create --name "bench business $(date +%s)" --role Staff 2>/dev/null | tail -n 1)
  sql_log=$OUT/business.sql.log; rm -f "$sql_log"
  start_app "$db" Production "$OUT/business.log" DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_SQL_LOG="$sql_log"
  wait_healthy 60 || { cat "$OUT/business.log" >&2; exit 1; }
  log "business-units-list: $LIST_WARMUP warm-up + $LIST_REQUESTS measured requests, each followed by its SQL run directly (the floor)"
  dotnet "$BENCH/Portal.Bench.dll" list --list business-units --url "http://127.0.0.1:$PORT" --key "$key" \
    --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  log "duplicate-check: POST /business-connections/exists, each followed by its SQL run directly (the floor)"
  dotnet "$BENCH/Portal.Bench.dll" duplicate-check --url "http://127.0.0.1:$PORT" --key "$key" \
    --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  log "business-units-import: ${BUSINESS_IMPORT_ROWS:=50000} rows into one organisation, then the same file as a dry run"
  dotnet "$BENCH/Portal.Bench.dll" business-import --url "http://127.0.0.1:$PORT" --key "$key" --rows "$BUSINESS_IMPORT_ROWS" || { stop_app; exit 1; }
  stop_app
fi

# ---- agents: the agent-connections list (200 agencies, 500,000 connections) with its floor, the hash check, a bulk revoke ----
if wants agents; then
  db=$OUT/agents.db; fresh_db "$db"
  log "agents: seeding ${AGENT_CONNECTIONS:=500000} connections over 200 agencies and 50,000 credentials"
  t0=$(now_ns)
  seeded=$(seed_bench "$db" agents "$AGENT_CONNECTIONS" | tail -n 1)
  log "  seeded in $(awk -v d=$(( $(now_ns) - t0 )) 'BEGIN { printf "%.1f", d / 1e9 }') s"
  agency_id=${seeded%% *}; agency_hash=${seeded#* }
  staff_key=$(cli "$db" api-key create --name "bench agents $(date +%s)" --role Staff 2>/dev/null | tail -n 1)
  [ -n "$staff_key" ] && [ -n "$agency_hash" ] || { log "could not create the API key or the agency secret"; exit 1; }
  sql_log=$OUT/agents.sql.log; rm -f "$sql_log"
  start_app "$db" Production "$OUT/agents.log" DOTNET_STARTUP_HOOKS="$BENCH/Portal.Bench.dll" PORTAL_BENCH_SQL_LOG="$sql_log"
  wait_healthy 60 || { cat "$OUT/agents.log" >&2; exit 1; }
  dotnet "$BENCH/Portal.Bench.dll" agents --url "http://127.0.0.1:$PORT" --key "$staff_key" --hash "$agency_hash" --agency "$agency_id" \
    --requests "$LIST_REQUESTS" --warmup "$LIST_WARMUP" --db "$db" --sql-log "$sql_log" || { stop_app; exit 1; }
  stop_app
fi
