#!/usr/bin/env bash
# Opens Front Desk in demo mode against a local Nexudus simulator with demo data.
# Without a display (a headless machine) the app runs under Xvfb and a screenshot of the
# window is saved to test-output/demo-window.png.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh
cargo build --quiet -p nexudus-sim -p frontdesk

sim_log=$(mktemp -t frontdesk-sim.XXXXXX)
target/debug/nexudus-sim --port "${FRONTDESK_SIM_PORT:-0}" >"$sim_log" &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null || true; rm -f "$sim_log"' EXIT
for _ in $(seq 1 50); do
  grep -q "^listening on " "$sim_log" && break
  sleep 0.1
done
sim_url=$(sed -n 's/^listening on //p' "$sim_log")
[[ -n "$sim_url" ]] || { echo "run: the simulator did not start" >&2; exit 1; }
echo "Nexudus simulator: $sim_url (demo accounts: reception@frontdesk.test, ana@frontdesk.test; password frontdesk)"

export FRONTDESK_NEXUDUS_URL="$sim_url" FRONTDESK_DEMO=1
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  target/debug/frontdesk
else
  echo "No display here: running Front Desk under Xvfb; screenshot in test-output/demo-window.png"
  mkdir -p test-output
  # A private display, D-Bus session and keyring, so the demo sign-in has somewhere safe to go.
  FRONTDESK_SCREENSHOT="$PWD/test-output/demo-window.png" \
    scripts/with-session.sh bash -c '
      target/debug/frontdesk & app=$!
      sleep "${FRONTDESK_SCREENSHOT_AFTER:-8}"
      import -window root "$FRONTDESK_SCREENSHOT"
      echo "Saved $FRONTDESK_SCREENSHOT. Front Desk keeps running here until you press Ctrl-C."
      wait $app'
fi
