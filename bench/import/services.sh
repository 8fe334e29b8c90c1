#!/usr/bin/env bash
# Starts (or stops) Identity-Registry, Directory and the gateway on their own ports, databases and vhost, for the
# import benchmark and for running tests/IdentityRegistry.IntegrationTests by hand. Never the lead's test ports.
#   bench/import/services.sh start|stop|env
# Settings (defaults): IMPORT_BENCH_SUFFIX=h3, IMPORT_BENCH_PORT_BASE=7300 (gateway http +0, grpc +1,
# identity grpc +2 / http +12, directory grpc +3 / http +13; mailbox and notification are not started: +4/+5).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SUFFIX=${IMPORT_BENCH_SUFFIX:-h3}
BASE=${IMPORT_BENCH_PORT_BASE:-7300}
RUN_DIR=$ROOT/.data/bench-import-$SUFFIX
# The test profile's PostgreSQL and RabbitMQ (scripts/infra.sh up test), on their overridable ports.
PG_PORT=${MEDIMAIL_TEST_PG_PORT:-56432} RABBIT_PORT=${MEDIMAIL_TEST_RABBIT_PORT:-56672}
PG="Host=127.0.0.1;Port=$PG_PORT;Username=medimail;Password=medimail-dev"
GW_HTTP=$BASE GW_GRPC=$((BASE + 1)) ID_GRPC=$((BASE + 2)) ID_HTTP=$((BASE + 12)) DIR_GRPC=$((BASE + 3)) DIR_HTTP=$((BASE + 13))

common_env=(
  ASPNETCORE_ENVIRONMENT=Development Ports__Bind=127.0.0.1
  RabbitMq__Host=127.0.0.1 RabbitMq__Port=$RABBIT_PORT RabbitMq__Username=medimail RabbitMq__Password=medimail-dev RabbitMq__VirtualHost=$SUFFIX
  Auth__Issuer=http://127.0.0.1:$GW_HTTP/ Auth__MetadataAddress=http://127.0.0.1:$ID_HTTP/.well-known/openid-configuration Auth__AllowInsecureHttp=true
  Services__Identity__Grpc=http://127.0.0.1:$ID_GRPC Services__Identity__Http=http://127.0.0.1:$ID_HTTP
  Services__Directory__Grpc=http://127.0.0.1:$DIR_GRPC Services__Directory__Http=http://127.0.0.1:$DIR_HTTP
  Services__Mailbox__Grpc=http://127.0.0.1:$((BASE + 4)) Services__Mailbox__Http=http://127.0.0.1:$((BASE + 14))
  Services__Notification__Grpc=http://127.0.0.1:$((BASE + 5)) Services__Notification__Http=http://127.0.0.1:$((BASE + 15))
  PublicBaseUrl=http://127.0.0.1:$GW_HTTP
)

dll() { echo "$ROOT/$1/bin/Release/net10.0/$2.dll"; }

start_one() { # name dir assembly db grpc http
  local name=$1 dir=$2 asm=$3 db=$4 grpc=$5 http=$6 path
  path=$(dll "$dir" "$asm")
  local env=("${common_env[@]}" Ports__Grpc=$grpc Ports__Http=$http)
  [[ -n $db ]] && env+=("ConnectionStrings__Database=$PG;Database=$db")
  if [[ -n $db ]]; then env -C "$(dirname "$path")" "${env[@]}" dotnet "$path" migrate >"$RUN_DIR/$name-migrate.log" 2>&1; fi
  setsid env -C "$(dirname "$path")" "${env[@]}" dotnet "$path" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
  for _ in $(seq 120); do curl -fsS "http://127.0.0.1:$http/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$name did not become ready; see $RUN_DIR/$name.log" >&2; return 1
}

case ${1:-} in
  start)
    mkdir -p "$RUN_DIR"
    for p in services/IdentityRegistry services/Directory gateway; do
      dotnet build "$ROOT/$p" -c Release -nologo -v quiet >"$RUN_DIR/build.log" 2>&1 || { cat "$RUN_DIR/build.log" >&2; exit 1; }
    done
    start_one identity services/IdentityRegistry Medimail.IdentityRegistry identity_$SUFFIX $ID_GRPC $ID_HTTP
    start_one directory services/Directory Medimail.Directory directory_$SUFFIX $DIR_GRPC $DIR_HTTP
    start_one gateway gateway Medimail.Gateway "" $GW_GRPC $GW_HTTP
    ;;
  stop)
    for name in gateway directory identity; do
      [[ -f $RUN_DIR/$name.pid ]] || continue
      kill -- "-$(cat "$RUN_DIR/$name.pid")" 2>/dev/null || kill "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null || true
      rm -f "$RUN_DIR/$name.pid"
    done
    ;;
  env) # What tests/IdentityRegistry.IntegrationTests needs: eval "$(bench/import/services.sh env)"
    echo "export MEDIMAIL_GATEWAY_URL=http://127.0.0.1:$GW_HTTP MEDIMAIL_GATEWAY_GRPC_URL=http://127.0.0.1:$GW_GRPC"
    echo "export MEDIMAIL_IDENTITY_GRPC_URL=http://127.0.0.1:$ID_GRPC MEDIMAIL_DIRECTORY_GRPC_URL=http://127.0.0.1:$DIR_GRPC"
    echo "export MEDIMAIL_IDENTITY_DATABASE=identity_$SUFFIX RUN_DIR=$RUN_DIR"
    ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
