#!/usr/bin/env bash
# Runs suites against a simulator that varies what the Nexudus docs leave open (the JSON types
# of fields a client should not depend on, per-tenant custom fields, numbers as text): the
# desk, sync, arrival and reception suites, and the reception window end to end. The test
# binaries run directly, so the cost is the tests' own time. `./x test` calls it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SUITES=(
  frontdesk-core:desk
  frontdesk-core:sync
  frontdesk-core:arrivals
  frontdesk-core:reception_alerts
  frontdesk-core:client
  frontdesk:reception
)

mapfile -t built < <(scripts/find-test-binaries.sh)
mkdir -p test-output
log=test-output/odd-shapes.log
: >"$log"
status=0
for suite in "${SUITES[@]}"; do
  binary=""
  for line in "${built[@]}"; do
    [[ "${line%% *}" == "$suite" ]] && binary="${line#* }"
  done
  if [[ -z "$binary" ]]; then
    echo "test-odd-shapes: no test binary for $suite" >&2
    exit 1
  fi
  echo "== odd shapes: $suite" | tee -a "$log"
  if ! NEXUDUS_SIM_VARY_SHAPES=1 "$binary" --test-threads=2 >>"$log" 2>&1; then
    echo "   FAILED: $suite with odd shapes (see $log)" | tee -a "$log"
    status=1
  fi
done
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "odd-shapes: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
