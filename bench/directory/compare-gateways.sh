#!/usr/bin/env bash
# Two gateways in front of one Directory, measured in turns in the same run (DirectoryBench compare-gateways): A is
# the gateway as built, B the same build with runtime settings changed in its runtimeconfig.json, by default the
# thread pool's spin-wait turned off (tried on 2026-12-04: bench/README.md, "Gateway").
#   bench/directory/compare-gateways.sh [entries, default 20000] [rounds, default 2]
#   COMPARE_B_RUNTIME="System.Threading.ThreadPool.UnfairSemaphoreSpinLimit=0"   (name=value, space-separated)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/../lib/common.sh"
ENTRIES=${1:-20000} ROUNDS=${2:-2}
export DIRBENCH_PORT_BASE=${DIRBENCH_PORT_BASE:-$((BENCH_PORT_BASE + 40))} DIRBENCH_DB_SUFFIX=${DIRBENCH_DB_SUFFIX:-h5_bench}
"$BENCH_ROOT/scripts/infra.sh" up test >/dev/null
bench_build services/IdentityRegistry/Medimail.IdentityRegistry.csproj services/Directory/Medimail.Directory.csproj \
  gateway/Medimail.Gateway.csproj bench/directory/DirectoryBench/Medimail.DirectoryBench.csproj
source "$HERE/stack.sh"
# Returns 0 whatever happens: under set -e, a failing first command of the trap would skip the stack's stop.
stop_b() {
  if [[ -f $STATE/gateway_b.pid ]]; then kill -TERM -- "-$(cat "$STATE/gateway_b.pid")" 2>/dev/null || true; rm -f "$STATE/gateway_b.pid"; fi
}
trap 'stop_b; stop' EXIT
start
# Gateway B: a copy of the build, its runtimeconfig.json edited.
B_DIR=$STATE/gateway-b && rm -rf "$B_DIR" && cp -r "$BENCH_ROOT/gateway/bin/Release/net10.0" "$B_DIR"
python3 - "$B_DIR/Medimail.Gateway.runtimeconfig.json" ${COMPARE_B_RUNTIME:-System.Threading.ThreadPool.UnfairSemaphoreSpinLimit=0} <<'PY'
import json, sys
path = sys.argv[1]; config = json.load(open(path))
for setting in sys.argv[2:]:
    name, value = setting.split("=", 1)
    config["runtimeOptions"].setdefault("configProperties", {})[name] = int(value) if value.lstrip("-").isdigit() else value
    print(f"gateway B: {name} = {value}")
json.dump(config, open(path, "w"), indent=2)
PY
GATEWAY_B_GRPC=$((DIRBENCH_PORT_BASE + 17)) GATEWAY_B_HTTP=$((DIRBENCH_PORT_BASE + 16))
start_one gateway_b "$B_DIR/Medimail.Gateway.dll" "$GATEWAY_B_GRPC" "$GATEWAY_B_HTTP" "Serilog__MinimumLevel__Default=Warning"
wait_ready gateway_b "http://127.0.0.1:$GATEWAY_B_HTTP/health"
DB=$(pg_db "directory_$DB_SUFFIX")
BENCH=(dotnet "$HERE/DirectoryBench/bin/Release/net10.0/Medimail.DirectoryBench.dll")
"${BENCH[@]}" seed "$DB" "$ENTRIES"
TOKEN=$(operator_token)
export BENCH_PIDS="$(bench_stack_pids) gateway_b=$(cat "$STATE/gateway_b.pid")"
sleep 3 # the Directory reloads its index after the seeding
"${BENCH[@]}" compare-gateways "$DB" "$TOKEN" "http://127.0.0.1:$GATEWAY_GRPC" "http://127.0.0.1:$GATEWAY_B_GRPC" \
  "http://127.0.0.1:$DIRECTORY_GRPC" "$BENCH_SECONDS" "$BENCH_CONCURRENCY" "$ROUNDS" | tee "$STATE/compare-gateways.txt"
