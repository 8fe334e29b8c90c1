#!/usr/bin/env bash
# One harness for every benchmark: each scenario runs against its peer in the same run and prints throughput,
# p50/p95/p99, CPU seconds per process (/proc/<pid>/stat of each service and of the peer) and the ratio.
#   bench/run.sh [scenario|all] [size]
#     provisioning        APP box creates, gateway vs direct vs pgbench (size unused)
#     directory [entries] search: gateway vs direct vs OpenLDAP slapd vs pgbench (default 200000)
#     import [rows]       upload to searchable vs psql \copy (default 100000)
#     relaunch [people]   invitations through Notification vs MailKit straight to the sink (default 10000)
#     messages [n]        messages per connector, through the platform (default 20)
#     signin [seconds]    sign-in cost; needs a running test platform (see signin/README.md), not part of "all"
# Settings (bench/lib/common.sh): BENCH_SECONDS per measurement (default 10: keep runs short on a shared machine),
# BENCH_CONCURRENCY (64), BENCH_PORT_BASE (7600; each scenario takes its own range above it).
# Needs the test infrastructure (scripts/infra.sh up test, started when down) and pgbench; each scenario stops what it
# started (services, slapd) when it ends, failed or not.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib/common.sh"
export BENCH_PORT_BASE BENCH_SECONDS BENCH_CONCURRENCY
export IMPORT_BENCH_PORT_BASE=${IMPORT_BENCH_PORT_BASE:-$((BENCH_PORT_BASE + 100))}
export RELAUNCH_STACK_PORT_BASE=${RELAUNCH_STACK_PORT_BASE:-$((BENCH_PORT_BASE + 200))}

run_one() { # scenario [size]
  local scenario=$1 size=${2:-}
  echo "=== $scenario $(date -u +%FT%TZ) on $(nproc) cores, commit $(git -C "$BENCH_ROOT" rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  case $scenario in
    provisioning) "$HERE/provisioning/run.sh" ;;
    directory) "$HERE/directory/run.sh" ${size:+"$size"} ;;
    import) "$HERE/import/run.sh" ${size:+"$size"} ;;
    relaunch) "$HERE/relaunch/run.sh" ${size:+"$size"} ;;
    messages) "$HERE/messages/run.sh" ${size:+"$size"} ;;
    signin) "$HERE/signin/run.sh" ${size:+"$size"} ;;
    *) echo "unknown scenario: $scenario (provisioning, directory, import, relaunch, messages, signin, all)" >&2; return 2 ;;
  esac
}

case ${1:-all} in
  all)
    status=0
    for scenario in provisioning directory import relaunch messages; do run_one "$scenario" || status=1; done
    exit $status ;;
  *) run_one "$@" ;;
esac
