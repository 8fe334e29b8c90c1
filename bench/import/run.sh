#!/usr/bin/env bash
# Runs the import benchmark once on its own ports, databases and vhost (bench/import/services.sh), then stops them.
#   bench/import/run.sh [rows]     (default 100000)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
eval "$("$ROOT/scripts/infra.sh" env test)"
SUFFIX=${IMPORT_BENCH_SUFFIX:-h3}
"$HERE/services.sh" stop
# Empty databases and queues every run: an accounts table grown by earlier runs would make each run slower than the last.
for db in identity_$SUFFIX directory_$SUFFIX; do
  psql -X -q -v ON_ERROR_STOP=1 "postgresql://postgres:postgres-dev@$MEDIMAIL_PG_HOST:$MEDIMAIL_PG_PORT/postgres" \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER medimail"
  psql -X -q -v ON_ERROR_STOP=1 "postgresql://postgres:postgres-dev@$MEDIMAIL_PG_HOST:$MEDIMAIL_PG_PORT/$db" \
    -c "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;"
done
"$ROOT/scripts/infra.sh" rabbitmqctl test delete_vhost "$SUFFIX" >/dev/null 2>&1 || true   # and empty queues
"$ROOT/scripts/infra.sh" rabbitmqctl test add_vhost "$SUFFIX" >/dev/null 2>&1 || true
"$ROOT/scripts/infra.sh" rabbitmqctl test set_permissions -p "$SUFFIX" medimail ".*" ".*" ".*" >/dev/null 2>&1 || true
"$HERE/services.sh" start          # a fresh Identity-Registry: its peak memory is this run's
trap '"$HERE/services.sh" stop' EXIT
eval "$("$HERE/services.sh" env)"
dotnet build "$HERE/ImportBench" -c Release -nologo -v quiet >/dev/null
MEDIMAIL_DIRECTORY_DB=directory_$SUFFIX IDENTITY_PID=$(cat "$RUN_DIR/identity.pid") DIRECTORY_PID=$(cat "$RUN_DIR/directory.pid") \
  dotnet "$HERE/ImportBench/bin/Release/net10.0/ImportBench.dll" "${1:-100000}"
