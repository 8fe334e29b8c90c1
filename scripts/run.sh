#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Run the whole Medimail platform on this machine, for development:
# PostgreSQL + RabbitMQ (scripts/infra.sh, profile "run"), a Release build, migrations,
# the four services and the gateway. Ctrl-C (or SIGTERM) stops everything it started.
# Ports and credentials: scripts/lib/profile.sh (override with MEDIMAIL_* variables).
set -euo pipefail

export LOG_TAG=run
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/profile.sh
source "$MEDIMAIL_SCRIPTS/lib/profile.sh"
# shellcheck source=lib/platform.sh
source "$MEDIMAIL_SCRIPTS/lib/platform.sh"

profile_load run
INFRA=("$MEDIMAIL_SCRIPTS/infra.sh")
started_infra=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  log "stopping the platform"
  platform_stop
  # Infrastructure that was already running before us (another shell's infra.sh up) stays up.
  if (( started_infra )); then "${INFRA[@]}" down run || true; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is required"
ensure_infra_tools
"${INFRA[@]}" status run >/dev/null 2>&1 || started_infra=1
"${INFRA[@]}" up run
cd "$MEDIMAIL_ROOT"
platform_build processes || die "build failed"
platform_migrate || die "migrations failed"
platform_start || die "could not start the platform"
platform_wait_ready || die "the platform did not become ready (logs: $LOG_DIR)"

if [[ -n ${Smtp__Host:-} ]]; then mail="SMTP ${Smtp__Host}:${Smtp__Port:-25}"
else mail="$MAIL_PICKUP_DIR/ (.eml files, no SMTP server configured)"; fi
submission="127.0.0.1:$SUBMISSION_PORT (STARTTLS, AUTH PLAIN with a connector's client id and secret)"

if [[ -n $OPERATOR_EMAIL ]]; then
  operator_hint="operator person: $OPERATOR_EMAIL (create that account in a structure, enrol it, then sign in)"
else
  operator_hint="to sign in as an operator: MEDIMAIL_OPERATOR_EMAIL=you@example.fr scripts/run.sh, then create and enrol that account"
fi

cat <<INFO

  Medimail is running.
    REST and pages   http://127.0.0.1:$GATEWAY_HTTP_PORT   (health: /health, /health/ready)
    gRPC (h2c)       http://127.0.0.1:$GATEWAY_GRPC_PORT
    logs             $LOG_DIR/
    outgoing mail    $mail
    SMTP submission  $submission
    API reference    http://127.0.0.1:$GATEWAY_HTTP_PORT/docs

  Development operator credentials (OAuth2 client credentials):
    client id      medimail-operator
    client secret  $OPERATOR_CLIENT_SECRET

    curl -s http://127.0.0.1:$GATEWAY_HTTP_PORT/connect/token \\
      -d grant_type=client_credentials -d client_id=medimail-operator \\
      -d client_secret=$OPERATOR_CLIENT_SECRET

  Admin console    http://127.0.0.1:$GATEWAY_HTTP_PORT/admin/
    $operator_hint

  Press Ctrl-C to stop everything.

INFO

# Stay in the foreground; a process that dies is reported and ends the run.
while true; do
  for name in "${MEDIMAIL_PROCESSES[@]}"; do
    if ! process_alive "$name"; then
      show_tail "$LOG_DIR/$name.log" 40
      die "$name stopped unexpectedly"
    fi
  done
  sleep 5 & wait $!
done
