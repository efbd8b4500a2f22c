#!/usr/bin/env bash
# Portal on more than one machine, on one machine: PostgreSQL, Redis and nginx on loopback (installed from Debian when
# missing, data in scale/out/), two Portal instances (Release, Production, PostgreSQL) behind nginx, then
#   1. the sign-in-and-edit browser journey through nginx;
#   2. the same load of list and write requests with two instances and with one;
#   3. the load again, killing (SIGKILL) the journey user's instance halfway;
# and prints what was lost: writes accepted vs found, emails queued vs sent (and duplicates), whether the killed
# instance's browser user carried on on the other, and the list API's p95 and throughput with two instances and one.
# stdout carries only the figures, "scale: NAME VALUE UNIT (target …)"; progress goes to stderr. Stops all it started.
# Usage: scale/run.sh   (LOAD_SECONDS: the kill round, split in two for the two-or-one rounds; LOAD_CLIENTS; ORGANISATIONS)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/scale/out
APP=$OUT/app
BENCH=$OUT/bench
LOAD_SECONDS=${LOAD_SECONDS:-30}
LOAD_CLIENTS=${LOAD_CLIENTS:-8}
ORGANISATIONS=${ORGANISATIONS:-20000}

log() { echo "[scale] $*" >&2; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
free_port() {
  local p
  for p in $(seq "$1" "$(( $1 + 99 ))"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && ! grep -qx "$p" "$OUT/ports" 2>/dev/null; then echo "$p" >>"$OUT/ports"; echo "$p"; return; fi
  done
  echo "no free port from $1" >&2; exit 1
}

# ---- everything this script starts is stopped on exit ------------------------------------------------------------
PIDS=()
PG_DATA=""
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "$PG_DATA" ]; then as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

rm -rf "$OUT"; mkdir -p "$OUT"

# ---- install what is missing (Debian) ----------------------------------------------------------------------------
missing=()
[ -n "$(pg_bin)" ] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -x "${PORTAL_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (Debian)"
  $SUDO apt-get update -qq >&2 && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---- PostgreSQL: a private cluster in scale/out/pg, loopback only ------------------------------------------------
PG_PORT=$(free_port 25400)
PG_DATA=$OUT/pg/data
mkdir -p "$OUT/pg"; [ "$(id -u)" -eq 0 ] && chown postgres "$OUT/pg"
log "PostgreSQL on 127.0.0.1:$PG_PORT"
as_postgres "$(pg_bin)/initdb" -D "$PG_DATA" -U portal --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$OUT/pg-initdb.log" 2>&1
as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -l "$OUT/pg/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$OUT/pg -c max_connections=300" start >/dev/null
PG="Host=127.0.0.1;Port=$PG_PORT;Database=portal;Username=portal;Maximum Pool Size=60"
psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U portal -d portal -tAq -c "$1"; }

# ---- Redis: circuit state (HybridCache) -------------------------------------------------------------------------
REDIS_PORT=$(free_port 26400)
mkdir -p "$OUT/redis"
log "Redis on 127.0.0.1:$REDIS_PORT"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$OUT/redis" --save "" --appendonly no --protected-mode yes >"$OUT/redis.log" 2>&1 &
PIDS+=($!)

# ---- the SMTP sink: every Message-Id the outbox delivers --------------------------------------------------------
log "publishing Portal (Release) to scale/out/app and building bench/Portal.Bench"
dotnet publish Portal -c Release -o "$APP" -nologo -v q -clp:ErrorsOnly >&2
dotnet build bench/Portal.Bench -c Release -o "$BENCH" -nologo -v q -clp:ErrorsOnly >&2
SMTP_PORT=$(free_port 26500)
SENT=$OUT/smtp-message-ids.txt; : >"$SENT"
dotnet "$BENCH/Portal.Bench.dll" scale-smtp --port "$SMTP_PORT" --out "$SENT" >"$OUT/smtp.log" 2>&1 &
PIDS+=($!)

# ---- two Portal instances ----------------------------------------------------------------------------------------
KEYRING=$OUT/keyring.pfx
openssl req -x509 -newkey rsa:3072 -nodes -days 30 -subj "/CN=Portal scale key ring" -keyout "$OUT/keyring.key" -out "$OUT/keyring.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$OUT/keyring.key" -in "$OUT/keyring.crt" -out "$KEYRING" -passout pass:scale
portal_env=(
  Database__Provider=Postgres ConnectionStrings__Default="$PG"
  Redis__Configuration="127.0.0.1:$REDIS_PORT"
  DataProtection__Certificate__Path="$KEYRING" DataProtection__Certificate__Password=scale
  Auth__AllowLocalSignIn=true Auth__SecureCookies=false
  ForwardedHeaders__KnownProxies__0=127.0.0.1
  Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" Smtp__Security=None
  # A send cut off by the kill is retried once its claim lapses: 20 s here instead of 5 minutes, so the run can wait.
  Outbox__ClaimDuration=00:00:20
)
declare -A INSTANCE_PID
start_instance() {  # start_instance NAME PORT
  (cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$2" "${portal_env[@]}" \
      dotnet Portal.dll >"$OUT/instance-$1.log" 2>&1) &
  INSTANCE_PID[$1]=$!
  PIDS+=($!)
}
wait_healthy() {  # wait_healthy NAME PORT
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$2/health" 2>/dev/null)" = 200 ] && return 0
    kill -0 "${INSTANCE_PID[$1]}" 2>/dev/null || { log "instance $1 exited"; cat "$OUT/instance-$1.log" >&2; exit 1; }
    sleep 0.1
  done
  log "instance $1 did not answer /health in 60 s"; exit 1
}
PORT_A=$(free_port 5410); PORT_B=$(free_port 5410)
log "instance a on 127.0.0.1:$PORT_A (creates and migrates the database)"
start_instance a "$PORT_A"; wait_healthy a "$PORT_A"
log "seeding $ORGANISATIONS organisations and 50 staff users (bench1@load.test is Staff, with the demo password)"
cli() { (cd "$APP" && env ASPNETCORE_ENVIRONMENT="$1" "${portal_env[@]}" Logging__LogLevel__Default=Warning dotnet Portal.dll "${@:2}"); }
cli Development seed-bench staff-users 50 >&2
cli Development seed-bench organisations "$ORGANISATIONS" >&2
KEY=$(cli Production api-key create --name "scale $(date +%s)" --role Staff 2>/dev/null | tail -n 1)
[ -n "$KEY" ] || { log "could not create an API key"; exit 1; }
log "instance b on 127.0.0.1:$PORT_B"
start_instance b "$PORT_B"; wait_healthy b "$PORT_B"

# ---- nginx: sticky by an affinity cookie, WebSocket upgrade, forwarded headers -----------------------------------
# NGINX_TWO balances over both instances, NGINX_ONE sends everything to instance a (the one-instance comparison, same
# proxy in the path). Stickiness: a browser gets a random portal_node cookie on its first answer and is hashed on it
# (consistent), so its circuit's WebSocket and every later request reach the same instance; API clients without the
# cookie are spread per request. A dead instance is skipped (proxy_next_upstream), which moves its users to the other.
NGINX_TWO=$(free_port 28080); NGINX_ONE=$(free_port 28080)
mkdir -p "$OUT/nginx/tmp"; chmod 1777 "$OUT/nginx/tmp"
cat >"$OUT/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx/tmp/body; proxy_temp_path $OUT/nginx/tmp/proxy;
  fastcgi_temp_path $OUT/nginx/tmp/fastcgi; uwsgi_temp_path $OUT/nginx/tmp/uwsgi; scgi_temp_path $OUT/nginx/tmp/scgi;
  client_max_body_size 25m;
  map \$http_upgrade \$connection_upgrade { default upgrade; "" ""; }
  map \$cookie_portal_node \$affinity { "" \$request_id; default \$cookie_portal_node; }
  map \$cookie_portal_node \$affinity_cookie { "" "portal_node=\$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }
  upstream portal_two {
    hash \$affinity consistent;
    server 127.0.0.1:$PORT_A max_fails=1 fail_timeout=30s;
    server 127.0.0.1:$PORT_B max_fails=1 fail_timeout=30s;
    keepalive 32;
  }
  upstream portal_one { server 127.0.0.1:$PORT_A; keepalive 32; }
  proxy_http_version 1.1;
  proxy_set_header Host \$host;
  proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto \$scheme;
  proxy_set_header Upgrade \$http_upgrade;
  proxy_set_header Connection \$connection_upgrade;
  proxy_read_timeout 120s;
  proxy_connect_timeout 2s;
  proxy_next_upstream error timeout http_502;
  server { listen 127.0.0.1:$NGINX_TWO; location / { proxy_pass http://portal_two; add_header Set-Cookie \$affinity_cookie; add_header X-Upstream \$upstream_addr always; } }
  server { listen 127.0.0.1:$NGINX_ONE; location / { proxy_pass http://portal_one; add_header X-Upstream \$upstream_addr always; } }
}
EOF
log "nginx: two instances on 127.0.0.1:$NGINX_TWO, instance a alone on 127.0.0.1:$NGINX_ONE"
"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -g "daemon off;" 2>"$OUT/nginx/start.log" &
PIDS+=($!)
for _ in $(seq 1 100); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$NGINX_TWO/health" && break; sleep 0.1; done
LB=http://127.0.0.1:$NGINX_TWO

# ---- 1. the journey, whose instance is killed in step 3 ------------------------------------------------------------
log "journey: sign in through nginx, open an organisation, save an edit (Chromium)"
UPSTREAM=$OUT/journey-upstream.txt; GO=$OUT/journey-go
rm -f "$UPSTREAM" "$GO"
dotnet "$BENCH/Portal.Bench.dll" scale-journey --url "$LB" --email bench1@load.test --upstream "$UPSTREAM" --go "$GO" \
  >"$OUT/journey.out" 2>"$OUT/journey.log" &
JOURNEY=$!
PIDS+=($JOURNEY)
for _ in $(seq 1 1200); do [ -s "$UPSTREAM" ] && break; kill -0 "$JOURNEY" 2>/dev/null || break; sleep 0.1; done
[ -s "$UPSTREAM" ] || { log "the journey failed"; cat "$OUT/journey.log" >&2; exit 1; }
cat "$OUT/journey.out"
case "$(cat "$UPSTREAM")" in *":$PORT_A") VICTIM=a ;; *":$PORT_B") VICTIM=b ;; *) log "journey served by $(cat "$UPSTREAM")?"; exit 1 ;; esac
SURVIVOR=$([ "$VICTIM" = a ] && echo b || echo a)
log "  the journey's user is on instance $VICTIM"

# ---- 2. the same load with two instances and with one ----------------------------------------------------------------
WRITES=$OUT/writes-accepted; : >"$WRITES-warm-up"; : >"$WRITES-compare"; : >"$WRITES-during-kill"
load() { dotnet "$BENCH/Portal.Bench.dll" scale-load --key "$KEY" --clients "$LOAD_CLIENTS" "$@"; }
# Both instances compile their hot paths and fill their caches (and PostgreSQL its buffers) before anything is timed.
log "load: warm-up, 15 s through nginx on both instances (not timed)"
load --url "$LB" --label warm-up --seconds 15 --writes "$WRITES-warm-up" >/dev/null
# Two rounds each, alternating, so neither side gets all of a quiet (or busy) spell of the shared machine. One instance:
# the same nginx, its other listener, to instance a alone.
for round in 1 2; do
  log "load round $round: $LOAD_CLIENTS clients for $(( LOAD_SECONDS / 2 )) s (4 list pages to 1 write), two instances, through nginx"
  load --url "$LB" --label "two-instances-$round" --seconds $(( LOAD_SECONDS / 2 )) --writes "$WRITES-compare"
  log "load round $round: the same with one instance (a), through nginx"
  load --url "http://127.0.0.1:$NGINX_ONE" --label "one-instance-$round" --seconds $(( LOAD_SECONDS / 2 )) --writes "$WRITES-compare"
done

# ---- 3. the load again, killing the journey user's instance halfway ------------------------------------------------------
log "load: two instances again; instance $VICTIM is killed (SIGKILL) after $(( LOAD_SECONDS / 2 )) s"
load --url "$LB" --label during-kill --seconds "$LOAD_SECONDS" --writes "$WRITES-during-kill" --show-errors 1 &
LOAD=$!
sleep $(( LOAD_SECONDS / 2 ))
kill -KILL "${INSTANCE_PID[$VICTIM]}"
log "  killed instance $VICTIM (pid ${INSTANCE_PID[$VICTIM]})"
touch "$GO"
wait "$LOAD"
journey_ok=0
wait "$JOURNEY" && journey_ok=1 || true
grep '^scale:' "$OUT/journey.out" | tail -n +2 || true
grep -v '^\[' "$OUT/journey.log" | sed 's/^/[scale]   /' >&2 || true
[ "$journey_ok" = 1 ] || log "the killed instance's user did not carry on: see scale/out/journey.log"

# ---- what was lost ---------------------------------------------------------------------------------------------------
log "waiting for the outbox to drain on instance $SURVIVOR (a send cut off by the kill waits for its claim, 20 s)"
for _ in $(seq 1 180); do
  [ "$(psql_q "SELECT count(*) FROM \"OutboxEmails\" WHERE \"Status\" = 'Pending'")" = 0 ] && break
  sleep 1
done
sleep 2 # the last email's SMTP answer and its "sent" mark cross
# found FILE: how many of the writes FILE lists as accepted are in the database ("created ID": the organisation exists;
# "activated ID": it is Active).
psql_q "CREATE TABLE scale_accepted(kind text, id uuid)"
found() {
  psql_q "TRUNCATE scale_accepted"
  psql -h 127.0.0.1 -p "$PG_PORT" -U portal -d portal -q -c "\\copy scale_accepted FROM '$1' WITH (DELIMITER ' ')"
  psql_q "SELECT count(*) FROM scale_accepted a JOIN \"Organisations\" o ON o.\"Id\" = a.id WHERE a.kind = 'created' OR o.\"Status\" = 'Active'"
}
cat "$WRITES"-* >"$WRITES-all"
all_accepted=$(wc -l <"$WRITES-all"); all_found=$(found "$WRITES-all")
kill_accepted=$(wc -l <"$WRITES-during-kill"); kill_found=$(found "$WRITES-during-kill")
kill_created=$(grep -c '^created ' "$WRITES-during-kill" || true)
kill_saved=$(psql_q "SELECT count(*) FROM \"Organisations\" WHERE \"Name\" LIKE 'Scale during-kill %'")
queued=$(psql_q "SELECT count(*) FROM \"OutboxEmails\"")
pending=$(psql_q "SELECT count(*) FROM \"OutboxEmails\" WHERE \"Status\" = 'Pending'")
sent_rows=$(psql_q "SELECT count(*) FROM \"OutboxEmails\" WHERE \"Status\" = 'Sent'")
received=$(wc -l <"$SENT")
unique=$(sort -u "$SENT" | wc -l)
echo "scale: writes-accepted-during-kill $kill_accepted writes (target = found)"
echo "scale: writes-found-during-kill $kill_found writes (target = accepted)"
echo "scale: writes-saved-unanswered-during-kill $(( kill_saved - kill_created )) writes (target report: saved, but the answer died with the instance)"
echo "scale: writes-accepted-whole-run $all_accepted writes (target = found)"
echo "scale: writes-found-whole-run $all_found writes (target = accepted)"
echo "scale: emails-queued $queued emails (target = sent)"
echo "scale: emails-sent $unique emails (target = queued; $pending still pending, $sent_rows marked sent)"
echo "scale: email-duplicates $(( received - unique )) emails (target 0; at most 1 per kill: the one in flight)"
log "circuit state in Redis: $(redis-cli -p "$REDIS_PORT" dbsize 2>/dev/null || echo '?') keys"
