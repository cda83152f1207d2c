#!/usr/bin/env bash
# Runs suites against a simulator that varies what the Nexudus docs leave open (the JSON types
# of fields a client should not depend on, per-tenant custom fields, numbers as text): the
# desk, sync, arrival and reception suites, and the reception window end to end. The test
# binaries run directly, so the cost is the tests' own time. `./x test` calls it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# package:target:filter (one module of the crate's test binary)
SUITES=(
  frontdesk-core:suite:desk_use_cases::
  frontdesk-core:suite:sync::
  frontdesk-core:suite:many_writers::
  frontdesk-core:suite:scan_and_approval::
  frontdesk-core:suite:visitor_log::
  frontdesk-core:suite:live_desk::
  frontdesk-core:suite:arrivals::
  frontdesk-core:suite:reception_alerts::
  frontdesk-core:suite:client::
  frontdesk:app:reception::
)

targets=()
filters=()
for suite in "${SUITES[@]}"; do
  IFS=: read -r package target filter <<<"$suite"
  targets+=("$package:$target")
  filters+=("$filter")
done
paths=$(scripts/find-test-binaries.sh "${targets[@]}")
mapfile -t binaries <<<"$paths"
mkdir -p test-output
log=test-output/odd-shapes.log
: >"$log"
status=0
for i in "${!SUITES[@]}"; do
  echo "== odd shapes: ${SUITES[$i]}" | tee -a "$log"
  run=$(mktemp)
  if ! NEXUDUS_SIM_VARY_SHAPES=1 "${binaries[$i]}" "${filters[$i]}" --test-threads=2 >"$run" 2>&1; then
    echo "   FAILED: ${SUITES[$i]} with odd shapes (see $log)" >>"$run"
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
scripts/sum-results.sh odd-shapes "$log"
exit "$status"
