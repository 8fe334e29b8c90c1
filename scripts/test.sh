#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Every test of the platform, non-interactively (what .ci/run calls):
# PostgreSQL + RabbitMQ (scripts/infra.sh, profile "test", its own ports), a Release build,
# the unit tests, migrations, the platform on the test ports, then the other test projects.
# Prints a table and a closing line "N passed, N failed[, N skipped]"; exits non-zero on
# any failure. Always stops what it started.
#   MEDIMAIL_TEST_KEEP_DATA=1   keep the previous run's databases and broker data
#   MEDIMAIL_TEST_FILTER=...    passed to every 'dotnet test --filter'
set -euo pipefail

export LOG_TAG=test
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/profile.sh
source "$MEDIMAIL_SCRIPTS/lib/profile.sh"
# shellcheck source=lib/platform.sh
source "$MEDIMAIL_SCRIPTS/lib/platform.sh"

profile_load test
INFRA=("$MEDIMAIL_SCRIPTS/infra.sh")
RESULTS_DIR=$DATA_DIR/test-results
started_infra=0
total_passed=0 total_failed=0 total_skipped=0 problems=0 summary_due=0
ROWS=()

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  platform_stop
  if (( started_infra )); then "${INFRA[@]}" down test || true; fi
  # CI waits for every process it spawned: leave no MSBuild node or compiler server behind.
  if [[ ${CI:-} == true ]]; then dotnet build-server shutdown >/dev/null 2>&1 || true; fi
  # Last, so that the closing "N passed, N failed" line is the last line of the run.
  if (( summary_due )); then summary; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_project CSPROJ: one 'dotnet test', its counts added to the totals and a table row.
run_project() {
  local proj=$1 name log rc=0 start line p=0 f=0 s=0 status
  name=$(basename "$proj" .csproj)
  log=$RESULTS_DIR/$name.log
  start=$SECONDS
  log "running $name"
  local args=(test "$proj" --no-build -c Release --nologo
              --results-directory "$RESULTS_DIR" --logger "trx;LogFileName=$name.trx"
              --blame-hang-timeout "${MEDIMAIL_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none)
  [[ -n ${MEDIMAIL_TEST_FILTER:-} ]] && args+=(--filter "$MEDIMAIL_TEST_FILTER")
  timeout -k 30 "${MEDIMAIL_TEST_PROJECT_TIMEOUT:-900}" dotnet "${args[@]}" </dev/null 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
  # VSTest's summary: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, ..."
  while IFS= read -r line; do
    [[ $line =~ Failed:\ *([0-9]+),\ *Passed:\ *([0-9]+),\ *Skipped:\ *([0-9]+) ]] || continue
    f=$((f + BASH_REMATCH[1])) p=$((p + BASH_REMATCH[2])) s=$((s + BASH_REMATCH[3]))
  done < <(grep -E '(Passed|Failed)! +- +Failed:' "$log" || true)
  if (( rc != 0 && f == 0 )); then
    f=1 status=ERROR   # crashed, timed out or did not load: counted as one failure
  elif (( f > 0 )); then status=FAILED
  else status=passed; fi
  (( rc == 0 )) || problems=$((problems + 1))
  total_passed=$((total_passed + p)) total_failed=$((total_failed + f)) total_skipped=$((total_skipped + s))
  ROWS+=("$(printf '%-48s %-7s %6d %6d %7d %5ss' "$name" "$status" "$p" "$f" "$s" $((SECONDS - start)))")
}

not_run() {
  local name; name=$(basename "$1" .csproj)
  ROWS+=("$(printf '%-48s %-7s %6s %6s %7s %6s' "$name" "NOT RUN" - - - -)")
}

summary() {
  echo
  printf '%-48s %-7s %6s %6s %7s %6s\n' PROJECT RESULT PASSED FAILED SKIPPED TIME
  printf '%s\n' "${ROWS[@]}"
  echo
  local line="$total_passed passed, $total_failed failed"
  (( total_skipped == 0 )) || line+=", $total_skipped skipped"
  echo "$line"
}

# abort STAGE: a step before the tests failed; report it in the usual closing format.
abort() {
  log "$1 failed"
  total_failed=$((total_failed + 1))
  ROWS+=("$(printf '%-48s %-7s' "$1" ERROR)")
  for proj in "${PROJECTS[@]}"; do not_run "$proj"; done
  summary_due=1
  exit 1
}

# ---- preparation -------------------------------------------------------------------
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is required"
ensure_infra_tools
PROJECTS=()
mapfile -t PROJECTS < <(test_projects)
(( ${#PROJECTS[@]} > 0 )) || die "no test project found under tests/"
# Browser tests drive Debian's Chromium (no browser download is possible here).
if grep -qs 'Microsoft.Playwright' "${PROJECTS[@]}"; then
  ensure_command chromium chromium
  export MEDIMAIL_CHROMIUM_PATH=${MEDIMAIL_CHROMIUM_PATH:-$(command -v chromium)}
fi

if "${INFRA[@]}" status test >/dev/null 2>&1; then
  log "reusing the test infrastructure that is already running (it stays up afterwards)"
else
  started_infra=1
  # Each run starts from empty databases and an empty broker, unless asked otherwise.
  [[ ${MEDIMAIL_TEST_KEEP_DATA:-} == 1 ]] || "${INFRA[@]}" purge test >/dev/null
fi
"${INFRA[@]}" up test || abort "infrastructure start-up"
rm -rf "$RESULTS_DIR" "$LOG_DIR" "$MAIL_PICKUP_DIR"
mkdir -p "$RESULTS_DIR" "$LOG_DIR" "$MAIL_PICKUP_DIR"
export MEDIMAIL_TEST_RESULTS=$RESULTS_DIR   # browser tests save their screenshots under it
eval "$(profile_exports)"   # MEDIMAIL_GATEWAY_URL, MEDIMAIL_PG_CONNECTION, ... for the tests

cd "$MEDIMAIL_ROOT"
platform_build tests || abort "build"

# ---- tests that need no running platform -------------------------------------------
later=()
for proj in "${PROJECTS[@]}"; do
  case $(basename "$proj") in
    *UnitTests.csproj|*Deployment.Tests.csproj) run_project "$proj" ;;
    *) later+=("$proj") ;;
  esac
done

# ---- the platform, then every other test project -----------------------------------
if platform_migrate && platform_start && platform_wait_ready; then
  log "platform ready on the test ports (gateway http://127.0.0.1:$GATEWAY_HTTP_PORT)"
  for proj in "${later[@]}"; do run_project "$proj"; done
else
  log "the platform did not start: the tests that need it are not run"
  total_failed=$((total_failed + 1)) problems=$((problems + 1))
  ROWS+=("$(printf '%-48s %-7s' 'platform start-up' ERROR)")
  for proj in "${later[@]}"; do not_run "$proj"; done
fi

if (( problems > 0 || total_failed > 0 )); then
  log "failures: service logs follow (full logs in $LOG_DIR, test output in $RESULTS_DIR)"
  platform_log_tails 40
fi
summary_due=1
(( problems == 0 && total_failed == 0 ))
