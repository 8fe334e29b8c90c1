#!/usr/bin/env bash
# Directory search benchmark: 200,000 entries, 64 concurrent gRPC streams, through the gateway, straight to the
# Directory, and the same SQL through pgbench, in one run. See README.md. Needs: scripts/infra.sh up test, pgbench.
#   bench/directory/run.sh [seconds per measurement, default 20]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SECONDS_PER_RUN=${1:-20}
ENTRIES=${DIRBENCH_ENTRIES:-200000}
CONCURRENCY=${DIRBENCH_CONCURRENCY:-64}
# Its own ports and databases, so it can run next to a stack.sh started for tests.
export DIRBENCH_PORT_BASE=${DIRBENCH_PORT_BASE:-7640} DIRBENCH_DB_SUFFIX=${DIRBENCH_DB_SUFFIX:-h5_bench}
OUT=$ROOT/.data/dirbench-$DIRBENCH_DB_SUFFIX

cd "$ROOT"
"$ROOT/scripts/infra.sh" up test >/dev/null
for project in services/IdentityRegistry/Medimail.IdentityRegistry.csproj services/Directory/Medimail.Directory.csproj \
               gateway/Medimail.Gateway.csproj bench/directory/DirectoryBench/Medimail.DirectoryBench.csproj; do
  dotnet build "$project" -c Release -nologo -v quiet >/dev/null
done

source "$ROOT/bench/directory/stack.sh"
trap stop EXIT
start
mkdir -p "$OUT"

DB=$(pg_db "directory_$DB_SUFFIX")
BENCH=(dotnet "$ROOT/bench/directory/DirectoryBench/bin/Release/net10.0/Medimail.DirectoryBench.dll")
echo "seeding $ENTRIES entries (COPY)"
"${BENCH[@]}" seed "$DB" "$ENTRIES"

TOKEN=$(curl -fsS "http://127.0.0.1:$GATEWAY_HTTP/connect/token" -d grant_type=client_credentials \
  -d client_id=medimail-operator -d "client_secret=${MEDIMAIL_OPERATOR_CLIENT_SECRET:-dev-operator-secret}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
PG_URI=$(printf 'postgresql://%s:%s@%s:%s/directory_%s' "$MEDIMAIL_DB_USER" "$MEDIMAIL_DB_PASSWORD" "$MEDIMAIL_PG_HOST" "$MEDIMAIL_PG_PORT" "$DB_SUFFIX")

echo "cores: $(nproc) (PostgreSQL, Directory, gateway and load generator share them)"
"${BENCH[@]}" run "$DB" "$PG_URI" "$TOKEN" "http://127.0.0.1:$GATEWAY_GRPC" "http://127.0.0.1:$DIRECTORY_GRPC" \
  "$SECONDS_PER_RUN" "$CONCURRENCY" "$OUT" | tee "$OUT/results.txt"
if [[ ${DIRBENCH_EXPLAIN:-1} == 1 ]]; then "${BENCH[@]}" explain "$DB" >"$OUT/explain.md"; echo "EXPLAIN ANALYZE: $OUT/explain.md"; fi
