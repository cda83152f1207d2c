#!/usr/bin/env bash
# Runs the time-sensitive suites under libfaketime at the instants where date bugs live: the
# small hours, noon, two minutes to midnight (the run crosses it), both European DST changes,
# and desks far ahead of and behind UTC. The test binaries run directly (not cargo) so each
# run costs only the tests' own time. `./x test` calls it after the main suite.
# usage: scripts/test-any-hour.sh [--list]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# package:target[:filter]; "lib" is the crate's own unit tests (the poll policy, the day
# bounds); a filter picks one module of a test binary that holds many ("suite", "app").
SUITES=(
  frontdesk-core:lib
  frontdesk-core:suite:arrivals::
  frontdesk-core:suite:reception_alerts::
  frontdesk-core:suite:desk_use_cases::
  frontdesk-core:suite:sync::
  frontdesk-core:suite:many_writers::
  frontdesk-core:suite:scan_and_approval::
  frontdesk-core:suite:visitor_log::
  frontdesk-core:suite:live_desk::
  nexudus-sim:lib
  frontdesk:app:arrival_alerts::
)

# name | TZ | the instant, as `date -d` reads it in that zone
INSTANTS=(
  "night|Europe/London|today 03:30"
  "noon|Europe/London|today 12:00"
  "midnight|Europe/London|today 23:58"
  "dst-spring|Europe/London|2026-03-29 00:59 UTC"
  "dst-autumn|Europe/London|2026-10-25 00:59 UTC"
  "kiritimati|Pacific/Kiritimati|today 09:00"
  "adak|America/Adak|today 18:00"
)

libfaketime=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -n1 || true)
if [[ -z "$libfaketime" ]]; then
  echo "test-any-hour: libfaketime is missing (scripts/setup.sh installs the faketime package)" >&2
  exit 1
fi

targets=()
filters=()
for suite in "${SUITES[@]}"; do
  IFS=: read -r package target filter <<<"$suite"
  targets+=("$package:$target")
  filters+=("$filter")
done
paths=$(scripts/find-test-binaries.sh "${targets[@]}")
mapfile -t binaries <<<"$paths"
if [[ "${1:-}" == "--list" ]]; then printf '%s\n' "${binaries[@]}"; exit 0; fi

mkdir -p test-output
log=test-output/any-hour.log
: >"$log"
status=0
for instant in "${INSTANTS[@]}"; do
  IFS='|' read -r name zone when <<<"$instant"
  for i in "${!SUITES[@]}"; do
    # Each run computes its own offset just before it starts, so every suite begins at the
    # named instant (an absolute start would need local-time parsing, ambiguous at DST).
    target=$(TZ="$zone" date -d "$when" +%s)
    offset=$((target - $(date +%s)))
    ((offset >= 0)) && offset="+$offset"
    echo "== $name ($(TZ="$zone" date -d "@$target" '+%F %T %Z')): ${SUITES[$i]}" | tee -a "$log"
    run=$(mktemp)
    if ! TZ="$zone" FAKETIME="$offset" FAKETIME_DONT_FAKE_MONOTONIC=1 \
        LD_PRELOAD="$libfaketime" FRONTDESK_FAKETIME_RUN="$name" \
        "${binaries[$i]}" ${filters[$i]:+"${filters[$i]}"} --test-threads=2 >"$run" 2>&1; then
      echo "   FAILED: ${SUITES[$i]} at $name (see $log)" >>"$run"
      status=1
    elif grep -q '^running 0 tests' "$run"; then
      # A filter that matches nothing would pass silently.
      echo "   FAILED: ${SUITES[$i]} ran no test (a wrong filter?)" >>"$run"
      status=1
    fi
    cat "$run" >>"$log"
    grep '^   FAILED' "$run" || true
    rm -f "$run"
  done
done
scripts/sum-results.sh any-hour "$log"
exit "$status"
