#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Kill or (re)start one process of a running platform, for tests that need a crash in the middle of work:
#   scripts/platform-ctl.sh kill    SERVICE [PROFILE]   SIGKILL, no graceful shutdown (a crash); fails when
#                                                       SERVICE is not running or is still alive afterwards
#   scripts/platform-ctl.sh stop|term SERVICE [PROFILE] SIGTERM (graceful shutdown, as Kubernetes does), waits up to 60 s; fails
#                                                       when SERVICE is not running or did not stop
#   scripts/platform-ctl.sh start   SERVICE [PROFILE]   start it as platform_start does, wait for /health
#   scripts/platform-ctl.sh restart SERVICE [PROFILE]   kill (if running) then start
#   scripts/platform-ctl.sh start-replica SERVICE [PROFILE]  a second process of SERVICE (identity or directory) on its
#                                                       replica ports (IDENTITY_REPLICA_GRPC_PORT ..., 6121-6124 in the
#                                                       test profile), same database and broker; waits for /health
#   scripts/platform-ctl.sh stop-replica SERVICE [PROFILE]   SIGTERM to that replica (platform_stop stops it too)
# SERVICE: identity, mailbox, directory, notification or gateway; PROFILE: test (default) or run.
# scripts/test.sh exports this script's path to the tests as MEDIMAIL_PLATFORM_CTL.
set -euo pipefail

export LOG_TAG=platform-ctl
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/profile.sh
source "$MEDIMAIL_SCRIPTS/lib/profile.sh"
# shellcheck source=lib/platform.sh
source "$MEDIMAIL_SCRIPTS/lib/platform.sh"

action=${1:-} name=${2:-}
profile_load "${3:-test}"
[[ -n $name && -n ${MEDIMAIL_PROJECTS[$name]:-} ]] || die "usage: $0 kill|stop|term|start|restart|start-replica|stop-replica SERVICE [PROFILE]"
if [[ $action == *-replica ]]; then
  [[ " ${REPLICA_SERVICES[*]} " == *" $name "* ]] || die "$name has no replica ports (replicas: ${REPLICA_SERVICES[*]})"
  name=$name-replica action=${action%-replica}
  port_open "$(port_of "$name" grpc)" && ! process_alive "$name" && die "port $(port_of "$name" grpc) ($name) is already in use"
fi

# A crash test must know the crash happened: killing what is not running is an error, and so is a
# process still alive 10 s after SIGKILL.
ctl_kill() {
  local pid
  pid=$(process_pid "$name") || die "$name is not running: nothing to kill"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  for _ in {1..40}; do process_alive "$name" || break; sleep 0.25; done
  ! process_alive "$name" || die "$name (pid $pid) is still alive after SIGKILL"
  log "killed $name (pid $pid)"
}

ctl_stop() {
  local pid
  pid=$(process_pid "$name") || die "$name is not running: nothing to stop"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in {1..240}; do process_alive "$name" || break; sleep 0.25; done
  ! process_alive "$name" || die "$name (pid $pid) did not stop within 60 s of SIGTERM"
  log "stopped $name (pid $pid)"
}

ctl_start() {
  local dll url deadline=$((SECONDS + ${MEDIMAIL_START_TIMEOUT:-120}))
  process_alive "$name" && { log "$name is already running"; return 0; }
  dll=$(dll_of "$name")
  env_of "$name"
  mkdir -p "$LOG_DIR" "$PID_DIR"
  setsid env -C "$(dirname "$dll")" "${PROC_ENV[@]}" dotnet "$dll" </dev/null >>"$LOG_DIR/$name.log" 2>&1 &
  echo $! >"$PID_DIR/$name.pid"
  if [[ $name == gateway ]]; then url="http://127.0.0.1:$GATEWAY_HTTP_PORT/health/ready"
  else url="http://127.0.0.1:$(port_of "$name" http)/health"; fi
  until [[ $(http_status "$url") == 200 ]]; do
    ! start_failed "$name" || { show_tail "$LOG_DIR/$name.log" 40; die "$name exited during start-up"; }
    (( SECONDS < deadline )) || die "$name did not answer 200 at $url in time"
    sleep 0.5
  done
  log "started $name (pid $(cat "$PID_DIR/$name.pid"))"
}

case $action in
  kill) ctl_kill ;;
  stop|term) ctl_stop ;;
  start) ctl_start ;;
  restart) if process_alive "$name"; then ctl_kill; fi; ctl_start ;;
  *) die "usage: $0 kill|stop|term|start|restart SERVICE [PROFILE]" ;;
esac
