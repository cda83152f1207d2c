#!/usr/bin/env bash
# Every check Front Desk has, in the order that fails fastest. This is what `.ci/run` calls.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# --long: the long crash test (100 kills instead of 20).
args=()
for arg in "$@"; do
  if [[ "$arg" == "--long" ]]; then export FRONTDESK_LONG=1; else args+=("$arg"); fi
done
set -- "${args[@]+"${args[@]}"}"
# The tests read English words whatever this machine's locale; a test that wants another
# language asks for it.
export FRONTDESK_LANG=en

scripts/setup.sh
cargo fmt --all -- --check
cargo clippy --quiet --workspace --all-targets -- -D warnings
# The binaries the integration and end-to-end tests start.
cargo build --quiet --workspace --bins
mkdir -p test-output
log=test-output/cargo-test.log
status=0
scripts/with-session.sh cargo test --workspace --no-fail-fast "$@" 2>&1 | tee "$log" || status=$?
# The time-sensitive suites again, under libfaketime at the hours and zones where date bugs
# live (skipped when a filter was given: that is someone running one test).
hours_log=test-output/any-hour.log
shapes_log=test-output/odd-shapes.log
: >"$hours_log"
: >"$shapes_log"
if (($# == 0)); then
  scripts/with-session.sh scripts/test-any-hour.sh || status=1
  # And against a server that sends other JSON types than our models expect.
  scripts/with-session.sh scripts/test-odd-shapes.sh || status=1
fi
# One closing line with the totals of every pass.
echo
scripts/sum-results.sh tests "$log" "$hours_log" "$shapes_log"
exit "$status"
