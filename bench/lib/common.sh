#!/usr/bin/env bash
# Shared by the scenarios of bench/run.sh: where things are, the ports of each scenario, and the processes whose CPU
# seconds a bench reports. Sourced; every path comes from this file's location.
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_ROOT=$(cd "$BENCH_DIR/.." && pwd)
# Ports: BENCH_PORT_BASE (default 7600) + offset per scenario, so two scenarios, or two people's benches, never share
# one: directory stack +40..+57 (a second gateway +56/+57), provisioning stack +60..+73, slapd +89, import +100..+115,
# relaunch +200..+226. Keep the base below 32768: Linux hands ports 32768-60999 to outgoing connections, and a
# listener there fails now and then with "address already in use" on a busy machine.
BENCH_PORT_BASE=${BENCH_PORT_BASE:-7600}
BENCH_SECONDS=${BENCH_SECONDS:-10}          # per measurement; each run stays short on a shared machine
BENCH_CONCURRENCY=${BENCH_CONCURRENCY:-64}

bench_build() { # project paths relative to the repository
  local project
  for project in "$@"; do
    dotnet build "$BENCH_ROOT/$project" -c Release -nologo -v quiet >"${TMPDIR:-/tmp}/bench-build.$$.log" 2>&1 ||
      { cat "${TMPDIR:-/tmp}/bench-build.$$.log" >&2; return 1; }
  done
  rm -f "${TMPDIR:-/tmp}/bench-build.$$.log"
}

# After sourcing bench/directory/stack.sh and `start`: "gateway=PID directory=PID identity=PID" for BENCH_PIDS.
bench_stack_pids() {
  local name out=""
  for name in gateway directory identity; do
    [[ -f $STATE/$name.pid ]] && out+="$name=$(cat "$STATE/$name.pid") "
  done
  echo "$out"
}

# The postmaster of the test PostgreSQL: the bench counts the CPU of its children (the backends).
bench_pg_pid() { head -1 "$(psql_q "SHOW data_directory")/postmaster.pid"; }

bench_rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
