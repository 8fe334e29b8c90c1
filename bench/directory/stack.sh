#!/usr/bin/env bash
# Starts (or stops) an Identity-Registry, a Directory and a gateway of their own, on their own ports, databases and
# RabbitMQ vhost, against the shared test infrastructure (scripts/infra.sh up test). Used by run.sh and for running
# tests/Directory.IntegrationTests by hand:  bench/directory/stack.sh start | env | stop
# Ports (override with DIRBENCH_PORT_BASE, default 7600): identity +1/+11, directory +3/+13, gateway http +8, grpc +9.
# Databases identity_<DIRBENCH_DB_SUFFIX> and directory_<DIRBENCH_DB_SUFFIX>, vhost <DIRBENCH_SUFFIX> (default h5).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BASE=${DIRBENCH_PORT_BASE:-7600}
SUFFIX=${DIRBENCH_SUFFIX:-h5}
DB_SUFFIX=${DIRBENCH_DB_SUFFIX:-$SUFFIX}
STATE=$ROOT/.data/dirbench-$DB_SUFFIX
IDENTITY_GRPC=$((BASE + 1)) IDENTITY_HTTP=$((BASE + 11))
DIRECTORY_GRPC=$((BASE + 3)) DIRECTORY_HTTP=$((BASE + 13))
GATEWAY_HTTP=$((BASE + 8)) GATEWAY_GRPC=$((BASE + 9))
# Mailbox and Notification are not started: their addresses only fill the backend map.
MAILBOX_GRPC=$((BASE + 2)) NOTIFICATION_GRPC=$((BASE + 4))

eval "$("$ROOT/scripts/infra.sh" env test)"
# What the services use: the database owner, not the superuser.
pg_db() { printf 'Host=%s;Port=%s;Database=%s;Username=%s;Password=%s' "$MEDIMAIL_PG_HOST" "$MEDIMAIL_PG_PORT" "$1" "$MEDIMAIL_DB_USER" "$MEDIMAIL_DB_PASSWORD"; }

ensure_databases() {
  local db
  for db in "identity_$DB_SUFFIX" "directory_$DB_SUFFIX"; do
    psql_q "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 || psql_q "CREATE DATABASE $db OWNER medimail" >/dev/null
    psql_q "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;" "$db" >/dev/null
  done
  "$ROOT/scripts/infra.sh" rabbitmqctl test add_vhost "$SUFFIX" >/dev/null 2>&1 || true
  "$ROOT/scripts/infra.sh" rabbitmqctl test set_permissions -p "$SUFFIX" medimail ".*" ".*" ".*" >/dev/null
}

# psql as the superuser of MEDIMAIL_PG_CONNECTION (creates databases and extensions).
# The development operator's access token, asked of the gateway the stack started.
operator_token() {
  curl -fsS "http://127.0.0.1:$GATEWAY_HTTP/connect/token" -d grant_type=client_credentials \
    -d client_id=medimail-operator -d "client_secret=${MEDIMAIL_OPERATOR_CLIENT_SECRET:-dev-operator-secret}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
psql_q() { PGOPTIONS="-c client_min_messages=warning" psql "$(superuser_uri "${2:-postgres}")" -XAtqc "$1"; }
superuser_uri() {
  local user password
  user=$(grep -oP '(?i)(username|user id)=\K[^;]*' <<<"$MEDIMAIL_PG_CONNECTION")
  password=$(grep -oP '(?i)password=\K[^;]*' <<<"$MEDIMAIL_PG_CONNECTION")
  printf 'postgresql://%s:%s@%s:%s/%s' "$user" "$password" "$MEDIMAIL_PG_HOST" "$MEDIMAIL_PG_PORT" "$1"
}

common_env() {
  ENV=(ASPNETCORE_ENVIRONMENT=Development Ports__Bind=127.0.0.1
    "Auth__Issuer=http://127.0.0.1:$GATEWAY_HTTP/"
    "Auth__MetadataAddress=http://127.0.0.1:$IDENTITY_HTTP/.well-known/openid-configuration" Auth__AllowInsecureHttp=true
    RabbitMq__Host=127.0.0.1 "RabbitMq__Port=$MEDIMAIL_RABBIT_PORT" "RabbitMq__Username=$MEDIMAIL_RABBIT_USER"
    "RabbitMq__Password=$MEDIMAIL_RABBIT_PASSWORD" "RabbitMq__VirtualHost=$SUFFIX" "PublicBaseUrl=http://127.0.0.1:$GATEWAY_HTTP"
    "Services__Identity__Grpc=http://127.0.0.1:$IDENTITY_GRPC" "Services__Identity__Http=http://127.0.0.1:$IDENTITY_HTTP"
    "Services__Directory__Grpc=http://127.0.0.1:$DIRECTORY_GRPC" "Services__Directory__Http=http://127.0.0.1:$DIRECTORY_HTTP"
    "Services__Mailbox__Grpc=http://127.0.0.1:$MAILBOX_GRPC" "Services__Mailbox__Http=http://127.0.0.1:$((MAILBOX_GRPC + 10))"
    "Services__Notification__Grpc=http://127.0.0.1:$NOTIFICATION_GRPC" "Services__Notification__Http=http://127.0.0.1:$((NOTIFICATION_GRPC + 10))"
    "MEDIMAIL_OPERATOR_CLIENT_SECRET=${MEDIMAIL_OPERATOR_CLIENT_SECRET:-dev-operator-secret}"
    # The benchmark's single operator token would hit the gateway's per-caller limit (600/s) at once.
    RateLimits__Api__PermitLimit=1000000)
}

start_one() { # name dll grpc http [extra env...]
  local name=$1 dll=$2 grpc=$3 http=$4; shift 4
  common_env
  ENV+=("Ports__Grpc=$grpc" "Ports__Http=$http" "$@")
  mkdir -p "$STATE"
  setsid env -C "$(dirname "$dll")" "${ENV[@]}" dotnet "$dll" </dev/null >"$STATE/$name.log" 2>&1 &
  echo $! >"$STATE/$name.pid"
}

wait_ready() { # name url
  local deadline=$((SECONDS + 90))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$2" || true) == 200 ]]; do
    kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null || { tail -40 "$STATE/$1.log"; echo "$1 died" >&2; return 1; }
    (( SECONDS < deadline )) || { tail -40 "$STATE/$1.log"; echo "$1 not ready" >&2; return 1; }
    sleep 0.5
  done
}

start() {
  local config=${DIRBENCH_CONFIGURATION:-Release}
  ensure_databases
  start_one identity "$ROOT/services/IdentityRegistry/bin/$config/net10.0/Medimail.IdentityRegistry.dll" "$IDENTITY_GRPC" "$IDENTITY_HTTP" \
    "ConnectionStrings__Database=$(pg_db "identity_$DB_SUFFIX")" "Serilog__MinimumLevel__Default=Warning"
  start_one directory "$ROOT/services/Directory/bin/$config/net10.0/Medimail.Directory.dll" "$DIRECTORY_GRPC" "$DIRECTORY_HTTP" \
    "ConnectionStrings__Database=$(pg_db "directory_$DB_SUFFIX")" "Serilog__MinimumLevel__Default=Warning"
  start_one gateway "$ROOT/gateway/bin/$config/net10.0/Medimail.Gateway.dll" "$GATEWAY_GRPC" "$GATEWAY_HTTP" "Serilog__MinimumLevel__Default=Warning"
  wait_ready identity "http://127.0.0.1:$IDENTITY_HTTP/health"
  wait_ready directory "http://127.0.0.1:$DIRECTORY_HTTP/health"
  wait_ready gateway "http://127.0.0.1:$GATEWAY_HTTP/health"
  echo "stack up: gateway http :$GATEWAY_HTTP grpc :$GATEWAY_GRPC, directory grpc :$DIRECTORY_GRPC, identity grpc :$IDENTITY_GRPC (logs in $STATE)"
}

stop() {
  local name pid
  for name in gateway directory identity; do
    [[ -f $STATE/$name.pid ]] || continue
    pid=$(cat "$STATE/$name.pid")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in {1..20}; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    rm -f "$STATE/$name.pid"
  done
}

# The MEDIMAIL_* variables tests read, pointed at this stack.
print_env() {
  cat <<VARS
export MEDIMAIL_GATEWAY_URL=http://127.0.0.1:$GATEWAY_HTTP MEDIMAIL_GATEWAY_GRPC_URL=http://127.0.0.1:$GATEWAY_GRPC
export MEDIMAIL_IDENTITY_GRPC_URL=http://127.0.0.1:$IDENTITY_GRPC MEDIMAIL_DIRECTORY_GRPC_URL=http://127.0.0.1:$DIRECTORY_GRPC
export MEDIMAIL_RABBIT_VHOST=$SUFFIX MEDIMAIL_DIRECTORY_DB_CONNECTION='$(pg_db "directory_$DB_SUFFIX")'
VARS
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  case ${1:-} in
    start) start ;;
    stop) stop ;;
    env) print_env ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
  esac
fi
