#!/usr/bin/env bash
# Where the gateway's CPU goes under the directory search load: 64 streams through the gateway for 40 s, with
# dotnet-trace (sampled thread time, 10 s), then dotnet-counters (runtime, Kestrel, hosting, HttpClient; 12 s) attached
# to the gateway, one after the other (together, the two sessions' own threads filled a third of the samples). Prints the CPU time per component of the request path (bench/lib/speedscope-cpu.py) and
# the counters' means; the .nettrace, its Speedscope export and the counters CSV stay in .data.
#   bench/directory/profile-gateway.sh [entries, default 20000]   (tools from .config/dotnet-tools.json)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/../lib/common.sh"
ENTRIES=${1:-20000}
export DIRBENCH_PORT_BASE=${DIRBENCH_PORT_BASE:-$((BENCH_PORT_BASE + 40))} DIRBENCH_DB_SUFFIX=${DIRBENCH_DB_SUFFIX:-h5_bench}
"$BENCH_ROOT/scripts/infra.sh" up test >/dev/null
(cd "$BENCH_ROOT" && dotnet tool restore >/dev/null)
bench_build services/IdentityRegistry/Medimail.IdentityRegistry.csproj services/Directory/Medimail.Directory.csproj \
  gateway/Medimail.Gateway.csproj bench/directory/DirectoryBench/Medimail.DirectoryBench.csproj
source "$HERE/stack.sh"
LOAD_PID=
trap 'if [[ -n $LOAD_PID ]]; then kill "$LOAD_PID" 2>/dev/null || true; fi; stop' EXIT
start
OUT=$STATE/profile && mkdir -p "$OUT"
DB=$(pg_db "directory_$DB_SUFFIX")
BENCH=(dotnet "$HERE/DirectoryBench/bin/Release/net10.0/Medimail.DirectoryBench.dll")
"${BENCH[@]}" seed "$DB" "$ENTRIES"
TOKEN=$(operator_token)
GATEWAY_PID=$(cat "$STATE/gateway.pid")
export BENCH_PIDS=$(bench_stack_pids)
"${BENCH[@]}" load "$DB" "$TOKEN" "http://127.0.0.1:$GATEWAY_GRPC" 40 "$BENCH_CONCURRENCY" &
LOAD_PID=$!
sleep 5
cd "$BENCH_ROOT"
dotnet dotnet-trace collect -p "$GATEWAY_PID" --profile dotnet-sampled-thread-time,dotnet-common --format Speedscope \
  --duration 00:00:00:10 -o "$OUT/gateway.nettrace" >/dev/null
dotnet dotnet-counters collect -p "$GATEWAY_PID" --duration 00:00:00:12 --refresh-interval 2 --format csv -o "$OUT/gateway-counters.csv" \
  --counters System.Runtime,Microsoft.AspNetCore.Hosting,Microsoft-AspNetCore-Server-Kestrel,System.Net.Http >/dev/null
wait "$LOAD_PID"; LOAD_PID=
echo "--- gateway CPU by component of the request path"
python3 "$BENCH_DIR/lib/speedscope-cpu.py" "$OUT/gateway.speedscope.json" | tee "$OUT/cpu-by-component.txt"
echo "--- counters (means over the samples taken under load): $OUT/gateway-counters.csv"
python3 - "$OUT/gateway-counters.csv" <<'PY'
import csv, sys, collections
values = collections.defaultdict(list)
for row in csv.reader(open(sys.argv[1])):
    if len(row) >= 5 and row[0] != "Timestamp" and any(k in row[2] for k in ("cpu.time", "gc.", "allocated", "thread_pool", "lock_contentions", "request.duration", "working_set")):
        try: values[row[2]].append(float(row[4]))
        except ValueError: pass
for name, v in sorted(values.items()): print(f"  {name}: {sum(v) / len(v):.4g}")
PY
