# Ports, folders and credentials of one profile. Sourced, never run.
#   run  : scripts/run.sh   (overrides: MEDIMAIL_<NAME>,      e.g. MEDIMAIL_PG_PORT)
#   test : scripts/test.sh  (overrides: MEDIMAIL_TEST_<NAME>, e.g. MEDIMAIL_TEST_PG_PORT)
# Separate prefixes so both profiles run side by side and an override meant for one
# never moves the other (test.sh hands MEDIMAIL_PG_PORT etc. to the tests as outputs).
# shellcheck shell=bash disable=SC2034  # the variables set here are read by the other scripts

MEDIMAIL_SERVICES=(identity mailbox directory notification)

# override_var NAME: the environment variable that overrides NAME in this profile.
override_var() { if [[ $PROFILE == run ]]; then printf 'MEDIMAIL_%s' "$1"; else printf 'MEDIMAIL_TEST_%s' "$1"; fi; }

# _pick NAME RUN_DEFAULT TEST_DEFAULT: sets $NAME from the profile's override or default.
_pick() {
  local name=$1 var def
  var=$(override_var "$name")
  if [[ $PROFILE == run ]]; then def=$2; else def=$3; fi
  printf -v "$name" '%s' "${!var:-$def}"
}

profile_load() {
  PROFILE=${1:-${MEDIMAIL_INFRA_PROFILE:-}}
  [[ $PROFILE == run || $PROFILE == test ]] || die "profile must be 'run' or 'test' (got '${PROFILE}')"

  _pick PG_PORT                55432 56432
  _pick RABBIT_PORT            55672 56672
  _pick RABBIT_DIST_PORT       55673 56673
  _pick RABBIT_NODE            medimail@localhost medimail-test@localhost
  _pick IDENTITY_GRPC_PORT     5101 6101
  _pick MAILBOX_GRPC_PORT      5102 6102
  _pick DIRECTORY_GRPC_PORT    5103 6103
  _pick NOTIFICATION_GRPC_PORT 5104 6104
  _pick IDENTITY_HTTP_PORT     5111 6111
  _pick MAILBOX_HTTP_PORT      5112 6112
  _pick DIRECTORY_HTTP_PORT    5113 6113
  _pick NOTIFICATION_HTTP_PORT 5114 6114
  _pick GATEWAY_HTTP_PORT      8080 18080
  _pick GATEWAY_GRPC_PORT      8081 18081
  _pick GATEWAY_METRICS_PORT   8082 18082
  _pick SUBMISSION_PORT        5587 6587
  # A second replica of Identity-Registry and of the Directory (scripts/platform-ctl.sh start-replica), for tests of
  # replicas side by side.
  _pick IDENTITY_REPLICA_GRPC_PORT  5121 6121
  _pick IDENTITY_REPLICA_HTTP_PORT  5122 6122
  _pick DIRECTORY_REPLICA_GRPC_PORT 5123 6123
  _pick DIRECTORY_REPLICA_HTTP_PORT 5124 6124

  # Development credentials, the same for both profiles; nothing here guards real data.
  DB_USER=medimail
  DB_PASSWORD=${MEDIMAIL_DB_PASSWORD:-medimail-dev}
  PG_SUPERUSER_PASSWORD=${MEDIMAIL_PG_SUPERUSER_PASSWORD:-postgres-dev}
  RABBIT_USER=${MEDIMAIL_RABBIT_USER:-medimail}
  RABBIT_PASSWORD=${MEDIMAIL_RABBIT_PASSWORD:-medimail-dev}
  OPERATOR_CLIENT_SECRET=${MEDIMAIL_OPERATOR_CLIENT_SECRET:-dev-operator-secret}
  # Each process's own identity for internal calls (client medimail-service-<name>, scope "internal").
  SERVICE_SECRET_PREFIX=${MEDIMAIL_SERVICE_SECRET_PREFIX:-dev-service-secret}
  # The person whose tokens carry the operator role (SignIn__OperatorEmails): the admin console's operator.
  # The test profile always has one (tests/Testing/OperatorPerson creates and enrols it); run.sh only when asked.
  _pick OPERATOR_EMAIL "" operateur@test.medimail.fr

  DATA_DIR=${MEDIMAIL_DATA_DIR:-$MEDIMAIL_ROOT/.data}/$PROFILE
  LOG_DIR=$DATA_DIR/logs
  PID_DIR=$DATA_DIR/pids
  MAIL_PICKUP_DIR=$DATA_DIR/mail-pickup
  SUBMISSION_CERT_DIR=$DATA_DIR/submission-tls
  INFRA_DIR=$(_infra_dir)
  PG_DATA=$INFRA_DIR/postgres
  PG_SOCKET_DIR=$INFRA_DIR/pg-socket
  RABBIT_DIR=$INFRA_DIR/rabbitmq
  PG_BIN=${MEDIMAIL_PG_BIN:-/usr/lib/postgresql/15/bin}
}

# PostgreSQL and RabbitMQ run as the postgres and rabbitmq users, who must reach their
# folders. A clone under a private home (/root is 0700) is out of their reach: then
# their data lives under /var/tmp instead, and the unix socket path must stay short.
_infra_dir() {
  local dir=$DATA_DIR
  if [[ $EUID -eq 0 ]] && ! runuser -u postgres -- test -x "$MEDIMAIL_ROOT" 2>/dev/null; then
    dir=/var/tmp/medimail-$(printf '%s' "$MEDIMAIL_ROOT" | cksum | cut -d' ' -f1)/$PROFILE
  fi
  if (( ${#dir} > 80 )); then
    dir=/var/tmp/medimail-$(printf '%s' "$dir" | cksum | cut -d' ' -f1)/$PROFILE
  fi
  printf '%s' "$dir"
}

# Connection string of one service's database (as the services' own role).
db_connection() {
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s' "$PG_PORT" "$1" "$DB_USER" "$DB_PASSWORD"
}

# service_secret NAME: the development secret of process NAME's service identity (identity, gateway, ...).
service_secret() { printf '%s-%s' "$SERVICE_SECRET_PREFIX" "$1"; }

# port_of SERVICE KIND: e.g. port_of mailbox grpc -> $MAILBOX_GRPC_PORT; port_of identity-replica grpc -> $IDENTITY_REPLICA_GRPC_PORT
port_of() { local v="${1^^}_${2^^}_PORT"; v=${v//-/_}; printf '%s' "${!v:-}"; }

# The services that may run a second replica (they have replica ports).
REPLICA_SERVICES=(identity directory)

# The export lines a tool or test needs to reach this profile's platform:
# eval "$(scripts/infra.sh env test)" in a shell, then dotnet test, psql, ...
profile_exports() {
  local svc
  _export MEDIMAIL_INFRA_PROFILE "$PROFILE"
  _export MEDIMAIL_INFRA_SCRIPT "$MEDIMAIL_SCRIPTS/infra.sh"
  _export MEDIMAIL_PG_HOST 127.0.0.1
  _export MEDIMAIL_PG_PORT "$PG_PORT"
  _export MEDIMAIL_PG_CONNECTION "Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=postgres;Password=$PG_SUPERUSER_PASSWORD"
  _export MEDIMAIL_DB_USER "$DB_USER"
  _export MEDIMAIL_DB_PASSWORD "$DB_PASSWORD"
  _export MEDIMAIL_RABBIT_HOST 127.0.0.1
  _export MEDIMAIL_RABBIT_PORT "$RABBIT_PORT"
  _export MEDIMAIL_RABBIT_USER "$RABBIT_USER"
  _export MEDIMAIL_RABBIT_PASSWORD "$RABBIT_PASSWORD"
  _export MEDIMAIL_RABBIT_VHOST /
  _export MEDIMAIL_RABBIT_NODE "$RABBIT_NODE"
  _export MEDIMAIL_GATEWAY_URL "http://127.0.0.1:$GATEWAY_HTTP_PORT"
  _export MEDIMAIL_GATEWAY_GRPC_URL "http://127.0.0.1:$GATEWAY_GRPC_PORT"
  _export MEDIMAIL_GATEWAY_METRICS_URL "http://127.0.0.1:$GATEWAY_METRICS_PORT"
  _export MEDIMAIL_GATEWAY_KEYS_DIR "$DATA_DIR/gateway-keys"
  for svc in "${MEDIMAIL_SERVICES[@]}"; do
    _export "MEDIMAIL_${svc^^}_GRPC_URL" "http://127.0.0.1:$(port_of "$svc" grpc)"
    _export "MEDIMAIL_${svc^^}_HTTP_URL" "http://127.0.0.1:$(port_of "$svc" http)"
    _export "MEDIMAIL_${svc^^}_DB_CONNECTION" "$(db_connection "$svc")"
  done
  for svc in "${REPLICA_SERVICES[@]}"; do
    _export "MEDIMAIL_${svc^^}_REPLICA_GRPC_URL" "http://127.0.0.1:$(port_of "$svc-replica" grpc)"
    _export "MEDIMAIL_${svc^^}_REPLICA_HTTP_URL" "http://127.0.0.1:$(port_of "$svc-replica" http)"
  done
  _export MEDIMAIL_OPERATOR_CLIENT_ID medimail-operator
  _export MEDIMAIL_OPERATOR_CLIENT_SECRET "$OPERATOR_CLIENT_SECRET"
  for svc in "${MEDIMAIL_SERVICES[@]}" gateway; do
    _export "MEDIMAIL_${svc^^}_SERVICE_SECRET" "$(service_secret "$svc")"
  done
  _export MEDIMAIL_OPERATOR_EMAIL "$OPERATOR_EMAIL"
  _export MEDIMAIL_MAIL_PICKUP_DIR "$MAIL_PICKUP_DIR"
  _export MEDIMAIL_SUBMISSION_PORT "$SUBMISSION_PORT"
  _export MEDIMAIL_LOG_DIR "$LOG_DIR"
}
_export() { printf 'export %s=%q\n' "$1" "$2"; }
