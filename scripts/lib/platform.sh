# Build, migrate, start, watch and stop the four services and the gateway of one profile.
# Shared by scripts/run.sh and scripts/test.sh; sourced after profile_load.
# shellcheck shell=bash

declare -A MEDIMAIL_PROJECTS=(
  [identity]=services/IdentityRegistry/Medimail.IdentityRegistry.csproj
  [mailbox]=services/Mailbox/Medimail.Mailbox.csproj
  [directory]=services/Directory/Medimail.Directory.csproj
  [notification]=services/Notification/Medimail.Notification.csproj
  [gateway]=gateway/Medimail.Gateway.csproj
)
MEDIMAIL_PROCESSES=("${MEDIMAIL_SERVICES[@]}" gateway)

# The solution file, whichever format the lead created it in.
solution_file() {
  local f
  for f in "$MEDIMAIL_ROOT/MedimailPlatform.sln" "$MEDIMAIL_ROOT/MedimailPlatform.slnx"; do
    [[ -f $f ]] && { printf '%s' "$f"; return 0; }
  done
  return 1
}

# Every test project under tests/ (not the shared Testing library), unit tests first.
test_projects() {
  local f
  while IFS= read -r f; do
    grep -qi '<IsTestProject>false' "$f" && continue
    if [[ $f == *Tests.csproj ]] || grep -qi '<IsTestProject>true' "$f"; then printf '%s\n' "$f"; fi
  done < <(find "$MEDIMAIL_ROOT/tests" -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
}

# Build in Release: the solution (MedimailPlatform.sln), or the five processes one by one
# while it does not exist yet. With "tests", also every test project the build missed, so
# that 'dotnet test --no-build' finds every assembly.
platform_build() {
  local with_tests=${1:-} sln listed p projects=()
  if sln=$(solution_file); then
    log "building $(basename "$sln") (Release)"
    dotnet build "$sln" -c Release -nologo -v minimal || return 1
    listed=$(dotnet sln "$sln" list 2>/dev/null | sed 's|\\|/|g')
  else
    warn "no MedimailPlatform.sln yet: building the projects one by one"
    for p in "${MEDIMAIL_PROCESSES[@]}"; do projects+=("$MEDIMAIL_ROOT/${MEDIMAIL_PROJECTS[$p]}"); done
    listed=
  fi
  if [[ $with_tests == tests ]]; then
    while IFS= read -r p; do
      grep -qF "${p#"$MEDIMAIL_ROOT"/}" <<<"$listed" || projects+=("$p")
    done < <(test_projects)
  fi
  for p in "${projects[@]}"; do
    log "building ${p#"$MEDIMAIL_ROOT"/} (Release)"
    dotnet build "$p" -c Release -nologo -v minimal || return 1
  done
}

# dll_of NAME: the assembly of a process; a replica ("identity-replica") runs its service's.
dll_of() {
  local project=${MEDIMAIL_PROJECTS[${1%-replica}]}
  printf '%s/%s/bin/Release/net10.0/%s.dll' "$MEDIMAIL_ROOT" "$(dirname "$project")" "$(basename "$project" .csproj)"
}

# env_of NAME: fills PROC_ENV with the configuration of one process (the platform contract). A replica
# ("identity-replica") gets its service's configuration on its own ports.
env_of() {
  local name=$1 svc cap
  if [[ $name == *-replica ]]; then
    env_of "${name%-replica}"
    PROC_ENV+=("Ports__Grpc=$(port_of "$name" grpc)" "Ports__Http=$(port_of "$name" http)")
    return 0
  fi
  local gateway="http://127.0.0.1:$GATEWAY_HTTP_PORT"
  PROC_ENV=(
    ASPNETCORE_ENVIRONMENT=Development
    Ports__Bind=127.0.0.1
    Ports__Grpc="$(port_of "$name" grpc)"
    Ports__Http="$(port_of "$name" http)"
    Auth__Issuer="$gateway/"
    Auth__MetadataAddress="http://127.0.0.1:$IDENTITY_HTTP_PORT/.well-known/openid-configuration"
    Auth__AllowInsecureHttp=true
    RabbitMq__Host=127.0.0.1
    RabbitMq__Port="$RABBIT_PORT"
    RabbitMq__Username="$RABBIT_USER"
    RabbitMq__Password="$RABBIT_PASSWORD"
    RabbitMq__VirtualHost=/
    PublicBaseUrl="$gateway"
  )
  # Every process gets the backend map: the gateway routes with it, services call each other with it.
  for svc in "${MEDIMAIL_SERVICES[@]}"; do
    cap=${svc^}
    PROC_ENV+=("Services__${cap}__Grpc=http://127.0.0.1:$(port_of "$svc" grpc)"
               "Services__${cap}__Http=http://127.0.0.1:$(port_of "$svc" http)")
  done
  [[ $name == gateway ]] || PROC_ENV+=("ConnectionStrings__Database=$(db_connection "$name")")
  [[ $name == identity ]] && PROC_ENV+=("MEDIMAIL_OPERATOR_CLIENT_SECRET=$OPERATOR_CLIENT_SECRET")
  # Every process presents its own service identity on internal calls; Identity-Registry registers them all.
  PROC_ENV+=("ServiceIdentity__ClientId=medimail-service-$name" "ServiceIdentity__ClientSecret=$(service_secret "$name")")
  if [[ $name == identity ]]; then
    for svc in "${MEDIMAIL_SERVICES[@]}" gateway; do PROC_ENV+=("ServiceClients__${svc^}__Secret=$(service_secret "$svc")"); done
  fi
  [[ $name == identity && -n $OPERATOR_EMAIL ]] && PROC_ENV+=("SignIn__OperatorEmails=$OPERATOR_EMAIL")
  # The test profile signs and encrypts with keys kept for the run, as production does, not the development ephemeral
  # ones: tests that kill and restart Identity-Registry (scripts/platform-ctl.sh) or run a second replica keep the
  # tokens, codes and refresh tokens they hold valid.
  if [[ $name == identity && $PROFILE == test ]]; then
    PROC_ENV+=("TokenServer__SigningKeyPem=$(test_signing_key)" "TokenServer__EncryptionKey=$(test_encryption_key)")
  fi
  # INT people have no e-CPS card: the test profile runs as production should, with their second factor mandatory.
  if [[ $name == identity && $PROFILE == test ]]; then PROC_ENV+=(Auth__RequireSecondFactor__INT=true); fi
  # SMTP submission for business software, STARTTLS with the development certificate (submission_certificate).
  [[ $name == mailbox ]] && PROC_ENV+=("Ports__Submission=$SUBMISSION_PORT"
    "Submission__CertificatePath=$SUBMISSION_CERT_DIR/cert.pem" "Submission__KeyPath=$SUBMISSION_CERT_DIR/key.pem")
  # A low submission rate limit, so a test reaches it with a few dozen small messages (tests/Mailbox.IntegrationTests).
  if [[ $name == mailbox && $PROFILE == test ]]; then PROC_ENV+=(Submission__MaxMessagesPerMinute=30); fi
  # Without an SMTP server configured, mail lands as .eml files that people and tests can read.
  if [[ $name == notification && -z ${Smtp__Host:-} ]]; then PROC_ENV+=("Smtp__PickupFolder=$MAIL_PICKUP_DIR"); fi
  # Every test reaches the gateway from 127.0.0.1, one client address: the anonymous limit (enrolments,
  # registrations) would stop the suite itself. The limiter is tested on its own (tests/Gateway.UnitTests/RateLimitTests).
  if [[ $name == gateway && $PROFILE == test ]]; then PROC_ENV+=(RateLimits__Anonymous__PermitLimit=3000 RateLimits__Console__PermitLimit=3000); fi
  # The console's session cookie and forms are sealed with this key ring; the tests' extra gateway replicas share it,
  # as production's replicas share theirs (k8s/overlays/production/gateway-keys.yaml).
  [[ $name == gateway ]] && PROC_ENV+=("DataProtection__KeysDirectory=$DATA_DIR/gateway-keys")
  # The gateway's /metrics is on its management port, not on the public HTTP port.
  [[ $name == gateway ]] && PROC_ENV+=("Ports__Metrics=$GATEWAY_METRICS_PORT")
  # The tests run on quorum queues, as production does (k8s/overlays/production): a single node accepts them.
  if [[ $name != gateway && $PROFILE == test ]]; then PROC_ENV+=(RabbitMq__QuorumQueues=true); fi
  # The test profile sends through real SMTP to the sink (tests read it with SentMail); short back-off for fault tests.
  if [[ $name == notification && $PROFILE == test && -z ${Smtp__Host:-} ]]; then
    PROC_ENV+=(Smtp__Host=127.0.0.1 "Smtp__Port=$SMTP_SINK_PORT" Smtp__UseTls=false
               "Smtp__From=Medimail <ne-pas-repondre@test.medimail.fr>" Smtp__RetryBaseDelay=00:00:01 Smtp__MaxRetryDelay=00:00:05
               Smtp__Lease=00:00:15 Relaunch__RepeatWindow=00:00:02 Relaunch__DeliveryReportInterval=00:00:01)
  fi
  return 0
}

# The RSA key of the test platform's tokens, made once per data folder (scripts/test.sh starts it empty).
test_signing_key() {
  local key=$DATA_DIR/token-signing-key.pem
  if [[ ! -s $key ]]; then
    mkdir -p "$DATA_DIR"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key.tmp" 2>/dev/null && mv "$key.tmp" "$key"
  fi
  cat "$key"
}

# The symmetric key of the test platform's authorization codes and refresh tokens (32 random bytes, base64).
test_encryption_key() {
  local key=$DATA_DIR/token-encryption-key
  if [[ ! -s $key ]]; then
    mkdir -p "$DATA_DIR"
    openssl rand -base64 32 >"$key.tmp" && mv "$key.tmp" "$key"
  fi
  cat "$key"
}

# ---- SMTP sink (test profile): tests/SmtpSink, a real SMTP server that records what it receives --------
SMTP_SINK_PROJECT=tests/SmtpSink/Medimail.SmtpSink.csproj
SMTP_SINK_PORT=${MEDIMAIL_TEST_SMTP_SINK_PORT:-6125}
SMTP_SINK_CONTROL_PORT=${MEDIMAIL_TEST_SMTP_SINK_CONTROL_PORT:-6126}

smtp_sink_pid() {
  local pid cmdline
  pid=$(cat "$PID_DIR/smtp-sink.pid" 2>/dev/null) || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *Medimail.SmtpSink.dll* ]] || return 1
  printf '%s' "$pid"
}

# Build (incremental) and start the sink; export its control URL and the platform control script to the tests.
smtp_sink_start() {
  local dll="$MEDIMAIL_ROOT/tests/SmtpSink/bin/Release/net10.0/Medimail.SmtpSink.dll"
  mkdir -p "$LOG_DIR" "$PID_DIR"
  dotnet build "$MEDIMAIL_ROOT/$SMTP_SINK_PROJECT" -c Release -nologo -v quiet >"$LOG_DIR/smtp-sink-build.log" 2>&1 \
    || { show_tail "$LOG_DIR/smtp-sink-build.log" 40; log "SMTP sink build failed"; return 1; }
  if port_open "$SMTP_SINK_PORT" || port_open "$SMTP_SINK_CONTROL_PORT"; then
    log "port $SMTP_SINK_PORT or $SMTP_SINK_CONTROL_PORT (SMTP sink) is already in use"; return 1
  fi
  log "starting SMTP sink (SMTP :$SMTP_SINK_PORT, control :$SMTP_SINK_CONTROL_PORT, log $LOG_DIR/smtp-sink.log)"
  setsid env -C "$(dirname "$dll")" dotnet "$dll" "--SmtpPort=$SMTP_SINK_PORT" "--ControlPort=$SMTP_SINK_CONTROL_PORT" \
    </dev/null >"$LOG_DIR/smtp-sink.log" 2>&1 &
  echo $! >"$PID_DIR/smtp-sink.pid"
  local deadline=$((SECONDS + 60))
  until [[ $(http_status "http://127.0.0.1:$SMTP_SINK_CONTROL_PORT/mode") == 200 ]]; do
    smtp_sink_pid >/dev/null || { show_tail "$LOG_DIR/smtp-sink.log" 40; log "SMTP sink exited"; return 1; }
    (( SECONDS < deadline )) || { log "SMTP sink did not answer in time"; return 1; }
    sleep 0.5
  done
  export MEDIMAIL_SMTP_SINK_URL="http://127.0.0.1:$SMTP_SINK_CONTROL_PORT"
  export MEDIMAIL_PLATFORM_CTL="$MEDIMAIL_SCRIPTS/platform-ctl.sh"
}

smtp_sink_stop() {
  local pid
  pid=$(smtp_sink_pid) || { rm -f "$PID_DIR/smtp-sink.pid"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in {1..20}; do smtp_sink_pid >/dev/null || break; sleep 0.5; done
  if pid=$(smtp_sink_pid); then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  rm -f "$PID_DIR/smtp-sink.pid"
}

# Apply every service's EF migrations ('dotnet X.dll migrate' exits when done).
platform_migrate() {
  local svc dll log
  mkdir -p "$LOG_DIR"
  for svc in "${MEDIMAIL_SERVICES[@]}"; do
    dll=$(dll_of "$svc") log=$LOG_DIR/$svc-migrate.log
    [[ -f $dll ]] || { log "$dll is missing: did the build succeed?"; return 1; }
    log "migrating $svc"
    env_of "$svc"
    # cd to the output folder: the content root (appsettings.json) is the working directory.
    if ! timeout 300 env -C "$(dirname "$dll")" "${PROC_ENV[@]}" dotnet "$dll" migrate </dev/null >"$log" 2>&1; then
      show_tail "$log" 60
      log "migration of $svc failed (full log: $log)"
      return 1
    fi
  done
}

# A self-signed development certificate for SMTP submission's STARTTLS, made once per data folder.
# Production gives its own (Submission__CertificatePath / __KeyPath).
submission_certificate() {
  [[ -s $SUBMISSION_CERT_DIR/cert.pem && -s $SUBMISSION_CERT_DIR/key.pem ]] && return 0
  mkdir -p "$SUBMISSION_CERT_DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$SUBMISSION_CERT_DIR/key.pem" -out "$SUBMISSION_CERT_DIR/cert.pem" >/dev/null 2>&1 \
    || { log "could not create the development certificate of SMTP submission (openssl)"; return 1; }
  chmod 600 "$SUBMISSION_CERT_DIR/key.pem"
}

# Start the four services and the gateway in the background, logs in $LOG_DIR.
platform_start() {
  local name dll port
  mkdir -p "$LOG_DIR" "$PID_DIR" "$MAIL_PICKUP_DIR"
  submission_certificate || return 1
  if [[ $PROFILE == test && -z ${Smtp__Host:-} ]]; then smtp_sink_start || return 1; fi
  for name in "${MEDIMAIL_PROCESSES[@]}"; do
    for port in "$(port_of "$name" grpc)" "$(port_of "$name" http)" $([[ $name == mailbox ]] && printf '%s' "$SUBMISSION_PORT") \
                $([[ $name == gateway ]] && printf '%s' "$GATEWAY_METRICS_PORT"); do
      if port_open "$port"; then
        log "port $port ($name) is already in use: another run.sh/test.sh, or choose ports with $(override_var "${name^^}_GRPC_PORT") etc."
        return 1
      fi
    done
  done
  for name in "${MEDIMAIL_PROCESSES[@]}"; do
    dll=$(dll_of "$name")
    [[ -f $dll ]] || { log "$dll is missing: did the build succeed?"; return 1; }
    env_of "$name"
    log "starting $name (gRPC :$(port_of "$name" grpc), HTTP :$(port_of "$name" http), log $LOG_DIR/$name.log)"
    # A session of its own: a Ctrl-C in the terminal reaches this script, which stops
    # everything in order, rather than every process at once.
    setsid env -C "$(dirname "$dll")" "${PROC_ENV[@]}" dotnet "$dll" </dev/null >"$LOG_DIR/$name.log" 2>&1 &
    echo $! >"$PID_DIR/$name.pid"
  done
}

# Wait until every service answers /health and the gateway /health/ready, or report
# the first process that died or never answered, with the end of its log.
platform_wait_ready() {
  local deadline=$((SECONDS + ${MEDIMAIL_START_TIMEOUT:-120})) name url
  for name in "${MEDIMAIL_PROCESSES[@]}"; do
    if [[ $name == gateway ]]; then url="http://127.0.0.1:$GATEWAY_HTTP_PORT/health/ready"
    else url="http://127.0.0.1:$(port_of "$name" http)/health"; fi
    until [[ $(http_status "$url") == 200 ]]; do
      if start_failed "$name"; then
        show_tail "$LOG_DIR/$name.log" 60; log "$name exited during start-up"; return 1
      fi
      if (( SECONDS >= deadline )); then
        show_tail "$LOG_DIR/$name.log" 60; log "$name did not answer 200 at $url in time"; return 1
      fi
      sleep 1
    done
    log "$name is healthy"
  done
}

# The process of NAME that platform_start recorded, if it still runs that dll (a stale
# pid file from a crashed run may name a pid the system has since given to another program).
process_pid() {
  local pid cmdline
  pid=$(cat "$PID_DIR/$1.pid" 2>/dev/null) || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *"$(dll_of "$1")"* ]] || return 1
  printf '%s' "$pid"
}

process_alive() { process_pid "$1" >/dev/null; }

# Whether the process just started for NAME has ended (or never ran), during its start-up. Checked by pid, not by
# command line as process_pid does: while it execs (setsid, then env, then dotnet) its command line reads empty for
# an instant, which once made a healthy restart look like a crash.
start_failed() {
  local pid state
  pid=$(cat "$PID_DIR/$1.pid" 2>/dev/null) || return 0
  state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 0
  [[ -z $state || $state == Z ]]
}

# Stop what platform_start started: SIGTERM (graceful ASP.NET shutdown), SIGKILL after 20 s.
platform_stop() {
  local name pid stopped=()
  for name in gateway "${MEDIMAIL_SERVICES[@]}" "${REPLICA_SERVICES[@]/%/-replica}"; do
    pid=$(process_pid "$name") || { rm -f "$PID_DIR/$name.pid"; continue; }
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    stopped+=("$name")
  done
  for name in "${stopped[@]}"; do
    for _ in {1..40}; do process_alive "$name" || break; sleep 0.5; done
    if pid=$(process_pid "$name"); then warn "$name did not stop: SIGKILL"; kill -KILL -- "-$pid" 2>/dev/null || true; fi
    rm -f "$PID_DIR/$name.pid"
  done
  (( ${#stopped[@]} == 0 )) || log "stopped ${stopped[*]}"
  smtp_sink_stop
}

# End of every process log, for a failed run.
platform_log_tails() {
  local name
  for name in "${MEDIMAIL_PROCESSES[@]}"; do
    [[ -f $LOG_DIR/$name.log ]] && show_tail "$LOG_DIR/$name.log" "${1:-30}"
  done
  return 0
}
