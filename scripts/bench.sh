#!/usr/bin/env bash
# Runs every benchmark and rewrites BENCHMARKS.md. Release builds of Front Desk and of the
# reference (an empty Tauri window) come first: ~15 min cold on 2 cores, then ~15 min of runs.
# usage: scripts/bench.sh [--quick]   (--quick: smaller runs, for checking the harness)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

quick=()
[[ "${1:-}" == "--quick" ]] && quick=(--quick)
out=bench-output
mkdir -p "$out"
export BENCH_OUTPUT="$out"

scripts/setup.sh
echo "bench: building release bundles of Front Desk and the empty window…"
scripts/package.sh deb >/dev/null
TAURI_APP_PATH=benches/empty-window TAURI_FRONTEND_PATH=benches/empty-window \
  tools/node_modules/.bin/tauri build --bundles deb --ci >/dev/null
cargo build --quiet --release -p frontdesk-bench

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.2f", b / 1048576 }'; }
app_deb=$(ls -t target/release/bundle/deb/Front*Desk_*.deb | head -n 1)
ref_deb=$(ls -t target/release/bundle/deb/Empty*Window_*.deb | head -n 1)
cat >"$out/sizes.json" <<JSON
{ "app_binary_mb": $(mb target/release/frontdesk), "reference_binary_mb": $(mb target/release/empty-window),
  "app_deb_mb": $(mb "$app_deb"), "reference_deb_mb": $(mb "$ref_deb") }
JSON

echo "bench: UI timings in the real window (5,000 visitors)…"
cargo build --quiet --workspace --bins
# The window's figures come from the release app a desk runs; the test harness stays debug.
FRONTDESK_E2E_APP="$PWD/target/release/frontdesk" \
  scripts/with-session.sh cargo test --quiet -p frontdesk --test app big_day:: >/dev/null 2>&1
cp test-output/ui-timings.json "$out/ui.json"

echo "bench: the many-writers soak (3 desks, the CLI, a kiosk; faults and SIGKILLs)…"
FRONTDESK_SOAK_REPORT="$PWD/$out/soak.json" scripts/with-session.sh \
  cargo test --quiet -p frontdesk --test many_writers_soak >/dev/null 2>&1

echo "bench: enqueue, drain, registrations, arrivals, start-up and memory…"
scripts/with-session.sh target/release/frontdesk-bench enqueue drain registrations arrivals startup retention "${quick[@]}"
target/release/frontdesk-bench report
echo "bench: BENCHMARKS.md rewritten"
