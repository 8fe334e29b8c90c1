#!/usr/bin/env bash
# Runs the relaunch benchmark once on a stack of its own (bench/relaunch/stack.sh: SMTP sink, Identity-Registry,
# Notification, gateway on ports 7400-7499, databases *_h4, vhost h4 by default), then stops what it started.
#   bench/relaunch/run.sh [people]     (default 10000; BENCH_PEER_CONNECTIONS, RELAUNCH_STACK_* as stack.sh)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
"$HERE/stack.sh" down
trap '"$HERE/stack.sh" down' EXIT
"$HERE/stack.sh" up
eval "$("$HERE/stack.sh" env)"
dotnet build "$HERE" -c Release -nologo -v quiet >/dev/null
pids=""
for name in notification identity smtp-sink; do pids+="$name=$(cat "$RELAUNCH_RUN_DIR/$name.pid") "; done
BENCH_PIDS=$pids BENCH_PEOPLE=${1:-${BENCH_PEOPLE:-10000}} dotnet "$HERE/bin/Release/net10.0/Medimail.Bench.Relaunch.dll"
