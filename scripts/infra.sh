#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Local PostgreSQL and RabbitMQ for Medimail, without containers (README.md, "Infrastructure alone").
#
#   scripts/infra.sh up <run|test>            start both (idempotent: a running instance is reused)
#   scripts/infra.sh down <run|test>          stop both, keep the data
#   scripts/infra.sh purge <run|test>         stop both and delete the profile's data
#   scripts/infra.sh status <run|test>        exit 0 when both run
#   scripts/infra.sh rabbit-stop <run|test>   stop RabbitMQ only (broker-outage tests)
#   scripts/infra.sh rabbit-start <run|test>  start it again; users and permissions are kept
#   scripts/infra.sh rabbit-kill <run|test>   SIGKILL the node's Erlang VM (beam.smp), a crash; fails when none was killed
#   scripts/infra.sh pg-stop <run|test>      stop PostgreSQL only (readiness tests)
#   scripts/infra.sh pg-start <run|test>     start it again, data kept
#   scripts/infra.sh pg-restart-immediate <run|test>  'pg_ctl -m immediate' stop (no checkpoint: crash recovery
#                                             at the start), then start; fails when PostgreSQL was not running
#   scripts/infra.sh env <run|test>           print export lines: eval "$(scripts/infra.sh env test)"
#   scripts/infra.sh rabbitmqctl <run|test> ARGS...   rabbitmqctl against the profile's node
#
# The profile may also come from MEDIMAIL_INFRA_PROFILE. Ports: scripts/lib/profile.sh.
set -euo pipefail

export LOG_TAG=infra
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/profile.sh
source "$MEDIMAIL_SCRIPTS/lib/profile.sh"
# shellcheck source=lib/postgres.sh
source "$MEDIMAIL_SCRIPTS/lib/postgres.sh"
# shellcheck source=lib/rabbitmq.sh
source "$MEDIMAIL_SCRIPTS/lib/rabbitmq.sh"

usage() { { echo usage:; grep '^#   scripts/infra.sh' "${BASH_SOURCE[0]}" | sed 's/^#//'; } >&2; exit 2; }

# One infra.sh at a time per profile: two concurrent 'up's would race on initdb and ports.
lock_profile() {
  mkdir -p "$DATA_DIR"
  exec 9>"$DATA_DIR/.infra.lock"
  flock -w 300 9 || die "another infra.sh is still working on this profile"
}

infra_up() {
  ensure_infra_tools
  mkdir -p "$INFRA_DIR" "$LOG_DIR" "$MAIL_PICKUP_DIR"
  pg_start
  pg_provision
  rabbit_start
  log "infrastructure '$PROFILE' is up: PostgreSQL 127.0.0.1:$PG_PORT, RabbitMQ 127.0.0.1:$RABBIT_PORT"
}

infra_down() {
  rabbit_stop
  epmd_release
  pg_stop
}

infra_status() {
  local ok=0
  if pg_running; then log "PostgreSQL: running on 127.0.0.1:$(pg_running_port)"; else log "PostgreSQL: stopped"; ok=1; fi
  if rabbit_running; then log "RabbitMQ $RABBIT_NODE: running on 127.0.0.1:$RABBIT_PORT"; else log "RabbitMQ $RABBIT_NODE: stopped"; ok=1; fi
  return "$ok"
}

main() {
  local cmd=${1:-}; [[ -n $cmd ]] || usage
  shift
  case $cmd in
    up|down|purge|status|rabbit-stop|rabbit-start|rabbit-kill|pg-stop|pg-start|pg-restart-immediate|env|rabbitmqctl) ;;
    -h|--help|help) usage ;;
    *) log "unknown command '$cmd'"; usage ;;
  esac
  local profile=${1:-}
  # rabbitmqctl's profile may come from MEDIMAIL_INFRA_PROFILE, its first argument being rabbitmqctl's own.
  if [[ $cmd == rabbitmqctl && $profile != run && $profile != test ]]; then profile=; fi
  [[ -n $profile ]] && shift
  profile_load "$profile"
  case $cmd in
    env)          profile_exports ;;
    status)       infra_status ;;
    rabbitmqctl)  rabbitmqctl_ "$@" ;;
    up)           lock_profile; infra_up ;;
    down)         lock_profile; infra_down ;;
    purge)        lock_profile; infra_down; log "deleting the data of profile $PROFILE"
                  rm -rf "$INFRA_DIR" "$DATA_DIR"; rmdir "$(dirname "$INFRA_DIR")" 2>/dev/null || true ;;
    rabbit-stop)  lock_profile; rabbit_stop ;;
    rabbit-start) lock_profile; ensure_infra_tools; rabbit_start ;;
    rabbit-kill)  lock_profile; rabbit_kill ;;
    pg-stop)      lock_profile; pg_stop ;;
    pg-start)     lock_profile; pg_start ;;
    pg-restart-immediate) lock_profile; pg_restart_immediate ;;
  esac
}

main "$@"
