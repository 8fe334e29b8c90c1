#!/usr/bin/env bash
# bench/signin: sign-in cost on a running test platform. Usage: bench/signin/run.sh [seconds] [concurrency]
# Starts nothing itself: run it while a platform started by the scripts is up (profile "test"), with the gateway's
# /connect limit lifted, e.g.:
#   RateLimits__Connect__PermitLimit=1000000 scripts/platform-ctl.sh restart gateway test
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
eval "$("$root/scripts/infra.sh" env test)"
# CPU seconds per process per phase (bench/Common/CpuMeter): the platform's processes and PostgreSQL's backends.
LOG_TAG=bench source "$root/scripts/lib/common.sh"
source "$root/scripts/lib/profile.sh"
profile_load test
BENCH_PIDS=""
for name in gateway identity; do [[ -f $PID_DIR/$name.pid ]] && BENCH_PIDS+="$name=$(cat "$PID_DIR/$name.pid") "; done
BENCH_PG_PID=$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
export BENCH_PIDS BENCH_PG_PID
export MEDIMAIL_SMTP_SINK_URL=${MEDIMAIL_SMTP_SINK_URL:-http://127.0.0.1:${MEDIMAIL_TEST_SMTP_SINK_CONTROL_PORT:-6126}}
dotnet build "$here/SignInBench/SignInBench.csproj" -c Release -nologo -v q >/dev/null
dotnet "$here/SignInBench/bin/Release/net10.0/SignInBench.dll" "${1:-10}" "${2:-16}"
