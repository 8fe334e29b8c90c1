#!/usr/bin/env bash
# Provisioning benchmark: APP box creates from 64 connector clients (10 % replays of an earlier requestId) through the
# gateway, then straight to Identity-Registry, then the same rows through pgbench (create-app.sql), in one run; then
# counts duplicates. Needs scripts/infra.sh up test and pgbench.
#   bench/provisioning/run.sh          (BENCH_SECONDS per measurement, BENCH_CONCURRENCY, BENCH_PORT_BASE: bench/lib/common.sh)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/../lib/common.sh"
export DIRBENCH_PORT_BASE=$((BENCH_PORT_BASE + 60)) DIRBENCH_SUFFIX=${PROVISIONING_BENCH_SUFFIX:-provbench}
"$BENCH_ROOT/scripts/infra.sh" up test >/dev/null
bench_build services/IdentityRegistry/Medimail.IdentityRegistry.csproj services/Directory/Medimail.Directory.csproj \
  gateway/Medimail.Gateway.csproj bench/provisioning/ProvisioningBench/Medimail.ProvisioningBench.csproj
source "$BENCH_DIR/directory/stack.sh"
trap stop EXIT
start
OUT=$STATE/provisioning && mkdir -p "$OUT"
eval "$(print_env)"
export MEDIMAIL_PG_CONNECTION BENCH_PIDS BENCH_PG_PID
BENCH_PIDS=$(bench_stack_pids) BENCH_PG_PID=$(bench_pg_pid)
echo "cores: $(nproc) (PostgreSQL, Identity-Registry, the Directory projecting the new boxes, the gateway and the load generator share them)"
dotnet "$HERE/ProvisioningBench/bin/Release/net10.0/Medimail.ProvisioningBench.dll" "$MEDIMAIL_IDENTITY_GRPC_URL" "$MEDIMAIL_GATEWAY_GRPC_URL" \
  "$(pg_db "identity_$DB_SUFFIX")" \
  "$(printf 'postgresql://%s:%s@%s:%s/identity_%s' "$MEDIMAIL_DB_USER" "$MEDIMAIL_DB_PASSWORD" "$MEDIMAIL_PG_HOST" "$MEDIMAIL_PG_PORT" "$DB_SUFFIX")" \
  "$BENCH_SECONDS" "$BENCH_CONCURRENCY" "$OUT" "$HERE/create-app.sql" | tee "$OUT/results.txt"
