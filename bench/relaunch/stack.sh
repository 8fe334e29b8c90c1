#!/usr/bin/env bash
# A relaunch stack of its own: the SMTP sink, Identity-Registry, Notification and the gateway (tokens, enrolment
# pages) on their own ports, databases and RabbitMQ vhost, against the shared test PostgreSQL and RabbitMQ. For the
# relaunch benchmark (bench/relaunch/run.sh) and for running the Notification / Enrolment / Messaging integration
# tests by hand. Never the test profile's ports.
#   bench/relaunch/stack.sh up|down|env            the whole stack
#   bench/relaunch/stack.sh kill|start|restart S   one process (S: identity, notification, gateway), as
#                                                  scripts/platform-ctl.sh does: env exports this script as
#                                                  MEDIMAIL_PLATFORM_CTL for the crash test.
# Settings (defaults): RELAUNCH_STACK_SUFFIX=h4 (databases identity_h4, notification_h4, vhost h4; created when
# missing), RELAUNCH_STACK_PORT_BASE=7400: gateway http +0 / grpc +1, identity grpc +2 / http +12, notification
# grpc +5 / http +15, sink smtp +25 / control +26 (mailbox +4, directory +3 are not started).
# Extra settings for Notification: RELAUNCH_NOTIFICATION_ENV="Smtp__Workers=8 ..." (space-separated).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SELF=$ROOT/bench/relaunch/stack.sh
SUFFIX=${RELAUNCH_STACK_SUFFIX:-h4}
BASE=${RELAUNCH_STACK_PORT_BASE:-7400}
RUN_DIR=$ROOT/.data/relaunch-$SUFFIX
PG_PORT=${MEDIMAIL_TEST_PG_PORT:-56432} RABBIT_PORT=${MEDIMAIL_TEST_RABBIT_PORT:-56672}
PG="Host=127.0.0.1;Port=$PG_PORT;Username=medimail;Password=medimail-dev"
GW_HTTP=$BASE GW_GRPC=$((BASE + 1)) ID_GRPC=$((BASE + 2)) ID_HTTP=$((BASE + 12))
NO_GRPC=$((BASE + 5)) NO_HTTP=$((BASE + 15)) SINK_SMTP=$((BASE + 25)) SINK_CONTROL=$((BASE + 26))

common_env=(
  ASPNETCORE_ENVIRONMENT=Development Ports__Bind=127.0.0.1
  RabbitMq__Host=127.0.0.1 RabbitMq__Port=$RABBIT_PORT RabbitMq__Username=medimail RabbitMq__Password=medimail-dev
  RabbitMq__VirtualHost=$SUFFIX
  Auth__Issuer=http://127.0.0.1:$GW_HTTP/ Auth__MetadataAddress=http://127.0.0.1:$ID_HTTP/.well-known/openid-configuration
  Auth__AllowInsecureHttp=true
  Services__Identity__Grpc=http://127.0.0.1:$ID_GRPC Services__Identity__Http=http://127.0.0.1:$ID_HTTP
  Services__Directory__Grpc=http://127.0.0.1:$((BASE + 3)) Services__Directory__Http=http://127.0.0.1:$((BASE + 13))
  Services__Mailbox__Grpc=http://127.0.0.1:$((BASE + 4)) Services__Mailbox__Http=http://127.0.0.1:$((BASE + 14))
  Services__Notification__Grpc=http://127.0.0.1:$NO_GRPC Services__Notification__Http=http://127.0.0.1:$NO_HTTP
  PublicBaseUrl=http://127.0.0.1:$GW_HTTP
)
# What the test platform gives Notification (scripts/lib/platform.sh env_of), pointed at this stack's sink.
notification_env=(
  Smtp__Host=127.0.0.1 Smtp__Port=$SINK_SMTP Smtp__UseTls=false "Smtp__From=Medimail <ne-pas-repondre@test.medimail.fr>"
  Smtp__RetryBaseDelay=00:00:01 Smtp__MaxRetryDelay=00:00:05 Smtp__Lease=00:00:15 Relaunch__RepeatWindow=00:00:02
)
read -r -a extra_notification_env <<<"${RELAUNCH_NOTIFICATION_ENV:-}"

# name -> "project-dir assembly database grpc http"
declare -A PROCS=(
  [identity]="services/IdentityRegistry Medimail.IdentityRegistry identity_$SUFFIX $ID_GRPC $ID_HTTP"
  [notification]="services/Notification Medimail.Notification notification_$SUFFIX $NO_GRPC $NO_HTTP"
  [gateway]="gateway Medimail.Gateway - $GW_GRPC $GW_HTTP"
)
ORDER=(identity notification gateway)

dll() { echo "$ROOT/$1/bin/Release/net10.0/$2.dll"; }

# The pid in NAME.pid if that process still runs the expected program (a stale file may name a reused pid).
pid_of() { # name pattern
  local pid
  pid=$(cat "$RUN_DIR/$1.pid" 2>/dev/null) || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$2" || return 1
  echo "$pid"
}

wait_http() { # url name
  for _ in $(seq 240); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$2 did not become ready; see $RUN_DIR/$2.log" >&2; return 1
}

start_sink() {
  local path; path=$(dll tests/SmtpSink Medimail.SmtpSink)
  setsid env -C "$(dirname "$path")" dotnet "$path" --SmtpPort=$SINK_SMTP --ControlPort=$SINK_CONTROL \
    >"$RUN_DIR/smtp-sink.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/smtp-sink.pid"
  wait_http "http://127.0.0.1:$SINK_CONTROL/mode" smtp-sink
}

start_one() { # name
  local name=$1 dir asm db grpc http path
  read -r dir asm db grpc http <<<"${PROCS[$name]}"
  path=$(dll "$dir" "$asm")
  if pid_of "$name" "$path" >/dev/null; then echo "$name is already running" >&2; return 0; fi
  local env=("${common_env[@]}" Ports__Grpc=$grpc Ports__Http=$http)
  [[ $db != - ]] && env+=("ConnectionStrings__Database=$PG;Database=$db")
  [[ $name == notification ]] && env+=("${notification_env[@]}" "${extra_notification_env[@]}")
  if [[ $db != - && ! -f $RUN_DIR/$name.migrated ]]; then
    env -C "$(dirname "$path")" "${env[@]}" dotnet "$path" migrate >"$RUN_DIR/$name-migrate.log" 2>&1
    touch "$RUN_DIR/$name.migrated"
  fi
  setsid env -C "$(dirname "$path")" "${env[@]}" dotnet "$path" >>"$RUN_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
  wait_http "http://127.0.0.1:$http/health" "$name"
}

kill_one() { # name signal
  local name=$1 signal=$2 dir asm rest pid
  if [[ $name == smtp-sink ]]; then pid=$(pid_of smtp-sink Medimail.SmtpSink.dll) || return 0
  else
    read -r dir asm rest <<<"${PROCS[$name]}"
    pid=$(pid_of "$name" "$(dll "$dir" "$asm")") || { rm -f "$RUN_DIR/$name.pid"; return 0; }
  fi
  kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$RUN_DIR/$name.pid"
}

mkdir -p "$RUN_DIR"
case ${1:-} in
  up)
    export MEDIMAIL_DATA_DIR=${MEDIMAIL_DATA_DIR:-$ROOT/.data}
    "$ROOT/scripts/infra.sh" rabbitmqctl test add_vhost "$SUFFIX" >/dev/null 2>&1 || true
    "$ROOT/scripts/infra.sh" rabbitmqctl test set_permissions -p "$SUFFIX" medimail ".*" ".*" ".*" >/dev/null 2>&1 || true
    for p in services/IdentityRegistry services/Notification gateway tests/SmtpSink; do
      dotnet build "$ROOT/$p" -c Release -nologo -v quiet >"$RUN_DIR/build.log" 2>&1 || { cat "$RUN_DIR/build.log" >&2; exit 1; }
    done
    rm -f "$RUN_DIR"/*.migrated
    start_sink
    for name in "${ORDER[@]}"; do start_one "$name"; done
    ;;
  down)
    for name in gateway notification identity smtp-sink; do kill_one "$name" TERM; done
    ;;
  kill) # as scripts/platform-ctl.sh: a crash test must know the crash happened
    read -r dir asm rest <<<"${PROCS[${2:?service}]}"
    pid_of "$2" "$(dll "$dir" "$asm")" >/dev/null || { echo "$2 is not running: nothing to kill" >&2; exit 1; }
    kill_one "$2" KILL ;;
  start) start_one "${2:?service}" ;;
  restart) kill_one "${2:?service}" KILL; start_one "$2" ;;
  env) # What the benchmark and the integration tests need: eval "$(bench/relaunch/stack.sh env)"
    cat <<EOF
export MEDIMAIL_INFRA_PROFILE=test MEDIMAIL_INFRA_SCRIPT=$ROOT/scripts/infra.sh MEDIMAIL_DATA_DIR=${MEDIMAIL_DATA_DIR:-$ROOT/.data}
export MEDIMAIL_PG_CONNECTION='Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=postgres;Password=postgres-dev'
export MEDIMAIL_RABBIT_HOST=127.0.0.1 MEDIMAIL_RABBIT_PORT=$RABBIT_PORT MEDIMAIL_RABBIT_USER=medimail MEDIMAIL_RABBIT_PASSWORD=medimail-dev MEDIMAIL_RABBIT_VHOST=$SUFFIX
export MEDIMAIL_GATEWAY_URL=http://127.0.0.1:$GW_HTTP MEDIMAIL_GATEWAY_GRPC_URL=http://127.0.0.1:$GW_GRPC
export MEDIMAIL_IDENTITY_GRPC_URL=http://127.0.0.1:$ID_GRPC MEDIMAIL_NOTIFICATION_GRPC_URL=http://127.0.0.1:$NO_GRPC
export MEDIMAIL_DIRECTORY_GRPC_URL=http://127.0.0.1:$((BASE + 3)) MEDIMAIL_MAILBOX_GRPC_URL=http://127.0.0.1:$((BASE + 4))
export MEDIMAIL_IDENTITY_DATABASE=identity_$SUFFIX MEDIMAIL_NOTIFICATION_DATABASE=notification_$SUFFIX
export MEDIMAIL_SMTP_SINK_URL=http://127.0.0.1:$SINK_CONTROL BENCH_SMTP_PORT=$SINK_SMTP MEDIMAIL_PLATFORM_CTL=$SELF
export RELAUNCH_STACK_SUFFIX=$SUFFIX RELAUNCH_STACK_PORT_BASE=$BASE RELAUNCH_RUN_DIR=$RUN_DIR
EOF
    ;;
  *) echo "usage: $0 up|down|env|kill S|start S|restart S" >&2; exit 2 ;;
esac
