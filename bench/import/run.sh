#!/usr/bin/env bash
# Runs the import benchmark once on its own ports, databases and vhost (bench/import/services.sh), then stops them.
#   bench/import/run.sh [rows]     (default 100000)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
eval "$("$ROOT/scripts/infra.sh" env test)"
"$HERE/services.sh" stop
"$HERE/services.sh" start          # a fresh Identity-Registry: its peak memory is this run's
trap '"$HERE/services.sh" stop' EXIT
eval "$("$HERE/services.sh" env)"
SUFFIX=${IMPORT_BENCH_SUFFIX:-h3}
dotnet build "$HERE/ImportBench" -c Release -nologo -v quiet >/dev/null
MEDIMAIL_DIRECTORY_DB=directory_$SUFFIX IDENTITY_PID=$(cat "$RUN_DIR/identity.pid") DIRECTORY_PID=$(cat "$RUN_DIR/directory.pid") \
  dotnet "$HERE/ImportBench/bin/Release/net10.0/ImportBench.dll" "${1:-100000}"
