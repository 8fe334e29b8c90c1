#!/usr/bin/env bash
# Directory search benchmark, in one run: N entries, 64 concurrent streams through the gateway, straight to the
# Directory, over LDAP to an OpenLDAP slapd holding the same entries (bench/lib/slapd.sh), and the Directory's SQL
# through pgbench. See README.md. Needs scripts/infra.sh up test and pgbench; installs slapd when missing.
#   bench/directory/run.sh [entries, default 200000]   (BENCH_SECONDS per measurement, BENCH_CONCURRENCY,
#   BENCH_PORT_BASE: bench/lib/common.sh; BENCH_LDAP=0 skips slapd, BENCH_PGBENCH=0 skips pgbench)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/../lib/common.sh"
source "$HERE/../lib/slapd.sh"
ENTRIES=${1:-${DIRBENCH_ENTRIES:-200000}}
export DIRBENCH_PORT_BASE=${DIRBENCH_PORT_BASE:-$((BENCH_PORT_BASE + 40))} DIRBENCH_DB_SUFFIX=${DIRBENCH_DB_SUFFIX:-h5_bench}
SLAPD_PORT=${BENCH_SLAPD_PORT:-$((BENCH_PORT_BASE + 89))}

"$BENCH_ROOT/scripts/infra.sh" up test >/dev/null
[[ ${BENCH_LDAP:-1} == 0 ]] || slapd_install
bench_build services/IdentityRegistry/Medimail.IdentityRegistry.csproj services/Directory/Medimail.Directory.csproj \
  gateway/Medimail.Gateway.csproj bench/directory/DirectoryBench/Medimail.DirectoryBench.csproj

source "$HERE/stack.sh"
trap 'slapd_stop; stop' EXIT
OUT=$STATE/run && mkdir -p "$OUT"
DB=$(pg_db "directory_$DB_SUFFIX")
BENCH=(dotnet "$HERE/DirectoryBench/bin/Release/net10.0/Medimail.DirectoryBench.dll")
# An empty projection at start, so the Directory's memory before seeding is that of an empty index.
ensure_databases
psql_q "DO \$\$ BEGIN IF to_regclass('directory_entries') IS NOT NULL THEN TRUNCATE directory_entries; END IF; END \$\$" "directory_$DB_SUFFIX" >/dev/null
start
BENCH_PIDS=$(bench_stack_pids) BENCH_PG_PID=$(bench_pg_pid)
DIRECTORY_PID=$(cat "$STATE/directory.pid")
sleep 2 && RSS_EMPTY=$(bench_rss_kb "$DIRECTORY_PID")
echo "seeding $ENTRIES entries (COPY)"
"${BENCH[@]}" seed "$DB" "$ENTRIES"

if [[ ${BENCH_LDAP:-1} != 0 ]]; then
  "${BENCH[@]}" ldif "$DB" "$OUT/entries.ldif"
  started=$SECONDS
  slapd_load "$OUT/slapd" "$OUT/entries.ldif"
  echo "slapadd: $ENTRIES entries in $((SECONDS - started)) s ($(du -sh "$OUT/slapd/db" | cut -f1) on disk)"
  slapd_start "$OUT/slapd" "$SLAPD_PORT"
  echo "slapd serving $("${BENCH[@]}" ldap-count "ldap://127.0.0.1:$SLAPD_PORT" "$SLAPD_ADMIN" "$SLAPD_PASSWORD") entries on :$SLAPD_PORT (pid $SLAPD_PID)"
  BENCH_PIDS+=" slapd=$SLAPD_PID"
  export BENCH_LDAP_URI=ldap://127.0.0.1:$SLAPD_PORT
fi
export BENCH_PIDS BENCH_PG_PID BENCH_DIRECTORY_RSS_EMPTY_KB=$RSS_EMPTY BENCH_ENTRIES=$ENTRIES

TOKEN=$(operator_token)
PG_URI=$(printf 'postgresql://%s:%s@%s:%s/directory_%s' "$MEDIMAIL_DB_USER" "$MEDIMAIL_DB_PASSWORD" "$MEDIMAIL_PG_HOST" "$MEDIMAIL_PG_PORT" "$DB_SUFFIX")

echo "cores: $(nproc) (PostgreSQL, Directory, gateway, slapd and the load generator share them)"
"${BENCH[@]}" run "$DB" "$PG_URI" "$TOKEN" "http://127.0.0.1:$GATEWAY_GRPC" "http://127.0.0.1:$DIRECTORY_GRPC" \
  "$BENCH_SECONDS" "$BENCH_CONCURRENCY" "$OUT" | tee "$OUT/results.txt"
if [[ ${DIRBENCH_EXPLAIN:-0} == 1 ]]; then "${BENCH[@]}" explain "$DB" >"$OUT/explain.md"; echo "EXPLAIN ANALYZE: $OUT/explain.md"; fi
