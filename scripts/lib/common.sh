# Shared helpers for the scripts in scripts/. Sourced, never run.
# shellcheck shell=bash disable=SC2034

MEDIMAIL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MEDIMAIL_SCRIPTS="$MEDIMAIL_ROOT/scripts"

# dotnet prints banners and asks about telemetry on a fresh machine; CI has no one to read them.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log()  { printf '[%s] %s\n' "${LOG_TAG:-medimail}" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "${LOG_TAG:-medimail}" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "${LOG_TAG:-medimail}" "$*" >&2; exit 1; }

# initdb refuses root, and the Erlang VM would leave root-owned files that a later
# start as the rabbitmq user cannot read: when root, run them as their own users, from /
# (the caller's folder may be one they cannot enter, such as a clone under /root).
as_user() {
  local user=$1; shift
  if [[ $EUID -eq 0 ]]; then runuser -u "$user" -- env -C / "$@"; else "$@"; fi
}

# Give a folder to a service user (only root can, and only root needs to).
own() {
  local user=$1; shift
  if [[ $EUID -eq 0 ]]; then chown -R "$user:" "$@"; fi
}

# True when something accepts TCP connections on 127.0.0.1:<port>.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# HTTP status of a GET, "000" when nothing answers.
http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null || true; }

# ensure_command CMD PACKAGE [DIR]: install a Debian package when its command is found
# neither on PATH nor in DIR (fresh machines lack rabbitmq-server).
ensure_command() {
  local cmd=$1 pkg=$2 dir=${3:-}
  command -v "$cmd" >/dev/null 2>&1 && return 0
  [[ -n $dir && -x $dir/$cmd ]] && return 0
  [[ $EUID -eq 0 ]] || die "'$cmd' is missing: sudo apt-get install -y $pkg"
  log "'$cmd' is missing: installing Debian package $pkg"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null || die "apt-get install $pkg failed"
}

ensure_infra_tools() {
  ensure_command curl curl
  ensure_command initdb postgresql-15 /usr/lib/postgresql/15/bin
  ensure_command rabbitmq-server rabbitmq-server /usr/lib/rabbitmq/bin
}

# Last lines of a log, indented, for error messages.
show_tail() {
  local file=$1 lines=${2:-40}
  [[ -f $file ]] || { log "(no log at $file)"; return 0; }
  log "---- last $lines lines of $file ----"
  tail -n "$lines" "$file" | sed 's/^/    /' >&2
  log "---- end of $file ----"
}
