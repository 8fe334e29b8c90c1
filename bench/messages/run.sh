#!/usr/bin/env bash
# Runs the messages benchmark once against the test-profile platform (scripts/lib: infra, migrations, services,
# gateway, SMTP sink on the test ports or their MEDIMAIL_TEST_* overrides), then stops what it started.
#   bench/messages/run.sh [messages per connector]     (default 20; BENCH_CONNECTORS=10, BENCH_PDF_BYTES=204800)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export LOG_TAG=bench-messages
# shellcheck source=../../scripts/lib/common.sh
source "$HERE/../../scripts/lib/common.sh"
source "$MEDIMAIL_SCRIPTS/lib/profile.sh"
source "$MEDIMAIL_SCRIPTS/lib/platform.sh"
profile_load test
"$MEDIMAIL_SCRIPTS/infra.sh" up test >/dev/null
trap 'platform_stop; smtp_sink_stop' EXIT
eval "$(profile_exports)"
platform_build >/dev/null
dotnet build "$HERE" -c Release -nologo -v quiet >/dev/null
platform_migrate && platform_start && platform_wait_ready
BENCH_MESSAGES=${1:-${BENCH_MESSAGES:-20}} BENCH_SMTP_SINK_PORT=$SMTP_SINK_PORT BENCH_MAILBOX_PID=$(process_pid mailbox) \
  MEDIMAIL_SUBMISSION_PORT=$SUBMISSION_PORT dotnet "$HERE/bin/Release/net10.0/Medimail.Bench.Messages.dll"
