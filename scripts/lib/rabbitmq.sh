# RabbitMQ of one profile: a node of our own ($RABBIT_NODE) with its data, logs, config
# and Erlang cookie under $RABBIT_DIR, AMQP on 127.0.0.1:$RABBIT_PORT.
# Sourced by scripts/infra.sh after profile_load.
# shellcheck shell=bash

# Debian's /usr/sbin/rabbitmq* wrappers cd to /var/lib/rabbitmq and su with the system
# cookie; the real scripts behind them take our environment as it is.
RABBIT_SBIN=${MEDIMAIL_RABBIT_SBIN:-/usr/lib/rabbitmq/bin}

# One environment for the server and for rabbitmqctl: same node name, same HOME (so the
# same $HOME/.erlang.cookie), and none of the system's /etc/rabbitmq files.
rabbit_env() {
  RABBIT_ENV=(
    HOME="$RABBIT_DIR/home"
    RABBITMQ_NODENAME="$RABBIT_NODE"
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$RABBIT_PORT"
    RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT"
    RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia"
    RABBITMQ_LOG_BASE="$RABBIT_DIR/log"
    RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/etc/rabbitmq-env.conf"
    RABBITMQ_CONFIG_FILE="$RABBIT_DIR/etc/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$RABBIT_DIR/etc/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/etc/enabled_plugins"
    RABBITMQ_PID_FILE="$RABBIT_DIR/rabbitmq.pid"
    # Erlang distribution and epmd on loopback only.
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    ERL_EPMD_ADDRESS=127.0.0.1
  )
}

# rabbit_cmd TOOL ARGS...: fills RABBIT_CMD with the command line that runs a RabbitMQ tool
# as the rabbitmq user (root) or ourselves (anyone else) with this profile's environment.
rabbit_cmd() {
  rabbit_env
  RABBIT_CMD=(env -C / "${RABBIT_ENV[@]}" "$RABBIT_SBIN/$1" "${@:2}")
  if [[ $EUID -eq 0 ]]; then RABBIT_CMD=(runuser -u rabbitmq -- "${RABBIT_CMD[@]}"); fi
}

rabbitmqctl_() { rabbit_cmd rabbitmqctl -n "$RABBIT_NODE" "$@"; "${RABBIT_CMD[@]}"; }

rabbit_running() { rabbitmqctl_ -q -t 15 ping >/dev/null 2>&1; }

rabbit_prepare() {
  mkdir -p "$RABBIT_DIR"/{home,mnesia,log,etc}
  local cookie=$RABBIT_DIR/home/.erlang.cookie
  if [[ ! -s $cookie ]]; then
    # Our own cookie: the server and rabbitmqctl both read it through HOME, whatever
    # /var/lib/rabbitmq/.erlang.cookie holds.
    LC_ALL=C tr -dc '[:upper:]' </dev/urandom | head -c 32 >"$cookie" || true
    chmod 400 "$cookie"
  fi
  : >"$RABBIT_DIR/etc/rabbitmq-env.conf"
  # No plugins: management would add seconds to every start and a fixed port 15672.
  echo '[].' >"$RABBIT_DIR/etc/enabled_plugins"
  # default_* only act when the node boots on an empty database; rabbit_ensure_user
  # covers a password changed later.
  cat >"$RABBIT_DIR/etc/rabbitmq.conf" <<CONF
default_vhost = /
default_user = $RABBIT_USER
default_pass = $RABBIT_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
log.console = false
log.file.level = info
CONF
  chmod 600 "$RABBIT_DIR/etc/rabbitmq.conf"
  own rabbitmq "$RABBIT_DIR"
}

rabbit_start() {
  epmd_note_if_absent   # before any Erlang command, which would start epmd itself
  if rabbit_running; then
    log "RabbitMQ node $RABBIT_NODE already running on 127.0.0.1:$RABBIT_PORT (reused)"
    return 0
  fi
  local port
  for port in "$RABBIT_PORT" "$RABBIT_DIST_PORT"; do
    port_open "$port" && die "port $port is used by another program: stop it or choose other ports with $(override_var RABBIT_PORT) / $(override_var RABBIT_DIST_PORT)"
  done
  rabbit_prepare
  log "starting RabbitMQ node $RABBIT_NODE on 127.0.0.1:$RABBIT_PORT (data in $RABBIT_DIR)"
  local out=$RABBIT_DIR/log/server.out
  rabbit_cmd rabbitmq-server
  # '-detached' fails silently: run it in the foreground, in the background, in a session
  # of its own so that it outlives this script and a Ctrl-C in the terminal does not reach it.
  # 9>&-: the long-lived server must not inherit infra.sh's lock.
  setsid "${RABBIT_CMD[@]}" </dev/null >>"$out" 2>&1 9>&- &
  echo $! >"$RABBIT_DIR/server.pid"
  rabbit_await "$!" "$out"
  rabbit_ensure_user
}

# True while PID is still the rabbitmq-server we launched (not a pid reused since).
rabbit_launcher_alive() {
  local cmdline; cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ $cmdline == *"$RABBIT_SBIN/rabbitmq-server"* ]]
}

# Wait until the node runs its applications, or report why it died.
rabbit_await() {
  local pid=$1 out=$2 deadline=$((SECONDS + ${MEDIMAIL_RABBIT_START_TIMEOUT:-120}))
  until rabbit_running; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_tail "$out"; show_tail "$RABBIT_DIR/log/$RABBIT_NODE.log"
      die "RabbitMQ exited during start-up"
    fi
    (( SECONDS < deadline )) || { show_tail "$RABBIT_DIR/log/$RABBIT_NODE.log"; die "RabbitMQ did not answer within the time limit"; }
    sleep 1
  done
  rabbitmqctl_ -q await_startup --timeout 120 >/dev/null \
    || { show_tail "$RABBIT_DIR/log/$RABBIT_NODE.log"; die "RabbitMQ did not finish starting"; }
  log "RabbitMQ ready on 127.0.0.1:$RABBIT_PORT"
}

rabbit_ensure_user() {
  if rabbitmqctl_ -q authenticate_user "$RABBIT_USER" "$RABBIT_PASSWORD" >/dev/null 2>&1; then
    return 0
  fi
  log "setting up RabbitMQ user $RABBIT_USER"
  rabbitmqctl_ -q add_user "$RABBIT_USER" "$RABBIT_PASSWORD" >/dev/null 2>&1 \
    || rabbitmqctl_ -q change_password "$RABBIT_USER" "$RABBIT_PASSWORD" >/dev/null
  rabbitmqctl_ -q set_permissions -p / "$RABBIT_USER" '.*' '.*' '.*' >/dev/null
  rabbitmqctl_ -q set_user_tags "$RABBIT_USER" administrator >/dev/null
}

rabbit_stop() {
  if rabbit_running; then
    log "stopping RabbitMQ node $RABBIT_NODE"
    # shutdown waits until the Erlang VM has exited, so the ports are free afterwards.
    rabbitmqctl_ -q shutdown >/dev/null 2>&1 || warn "rabbitmqctl shutdown reported an error"
  else
    log "RabbitMQ node $RABBIT_NODE is not running"
  fi
  # The process we launched (runuser and the start script) exits just after the VM.
  local pid; pid=$(cat "$RABBIT_DIR/server.pid" 2>/dev/null || true)
  if [[ -n $pid ]]; then
    for _ in {1..20}; do rabbit_launcher_alive "$pid" || break; sleep 0.5; done
    if rabbit_launcher_alive "$pid"; then
      warn "RabbitMQ process $pid still alive: sending SIGTERM to its session"
      kill -TERM -- "-$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$RABBIT_DIR/server.pid"
}

# A crash of the broker for failure tests: SIGKILL to the node's Erlang VM, whose pid the node wrote in
# RABBITMQ_PID_FILE. A crash test must know the crash happened: no VM of this node, or one still alive 10 s
# after the signal, is an error.
rabbit_kill() {
  local pid cmdline
  pid=$(cat "$RABBIT_DIR/rabbitmq.pid" 2>/dev/null) || die "RabbitMQ node $RABBIT_NODE has no pid file: nothing to kill"
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || die "RabbitMQ node $RABBIT_NODE (pid $pid) is not running: nothing to kill"
  [[ $cmdline == *beam.smp* && $cmdline == *"$RABBIT_DIR/"* ]] || die "pid $pid is not the Erlang VM of $RABBIT_NODE: nothing killed"
  kill -KILL "$pid" || die "could not send SIGKILL to pid $pid"
  for _ in {1..40}; do [[ -e /proc/$pid ]] || break; sleep 0.25; done
  [[ ! -e /proc/$pid ]] || die "RabbitMQ's VM (pid $pid) is still alive after SIGKILL"
  # The launcher (start script, runuser) exits with its VM; the next rabbit_start writes both pid files again.
  rm -f "$RABBIT_DIR/rabbitmq.pid" "$RABBIT_DIR/server.pid"
  log "killed RabbitMQ node $RABBIT_NODE (beam.smp pid $pid)"
}

# Erlang starts epmd (the node-name daemon, port 4369) on demand and leaves it running.
# When we are the ones who started it, we stop it once no node uses it any more.
EPMD_MARKER=${MEDIMAIL_DATA_DIR:-$MEDIMAIL_ROOT/.data}/epmd-started-by-medimail
epmd_note_if_absent() {
  if ! epmd -names >/dev/null 2>&1; then mkdir -p "$(dirname "$EPMD_MARKER")"; : >"$EPMD_MARKER"; fi
}
epmd_release() {
  [[ -f $EPMD_MARKER ]] || return 0
  local names; names=$(epmd -names 2>/dev/null) || true
  if [[ $names == *$'\nname '* ]]; then return 0; fi
  epmd -kill >/dev/null 2>&1 || true
  rm -f "$EPMD_MARKER"
}
