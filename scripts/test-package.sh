#!/usr/bin/env bash
# Builds the .deb, installs it on this machine, opens the installed app under Xvfb and checks
# its window and its command line, then removes it. CI runs it after `./x test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# A debug build keeps CI fast (it reuses the test build); the packaging path is the same.
scripts/package.sh --debug deb >/dev/null
deb=$(ls -t target/debug/bundle/deb/*.deb | head -n 1)
echo "package: built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

cleanup() { apt-get remove -y -qq front-desk >/dev/null 2>&1 || true; }
trap cleanup EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
test -x /usr/bin/frontdesk || { echo "package: /usr/bin/frontdesk missing" >&2; exit 1; }
dpkg -L front-desk | grep -q '/usr/share/applications/.*\.desktop$' \
  || { echo "package: no desktop entry" >&2; exit 1; }
/usr/bin/frontdesk --version
echo "package: installed"

# The installed app opens its window (found by its title on the X display).
FRONTDESK_DATA_DIR=$(mktemp -d) FRONTDESK_LOG_DIR=$(mktemp -d) \
FRONTDESK_DEMO=1 FRONTDESK_NEXUDUS_URL=http://127.0.0.1:9 \
  scripts/with-session.sh bash -c '
    /usr/bin/frontdesk >/dev/null 2>&1 &
    app=$!
    for _ in $(seq 1 150); do
      if xwininfo -root -tree 2>/dev/null | grep -q "\"Front Desk\""; then
        echo "package: the installed app opened its window"
        /usr/bin/frontdesk doctor | grep -E "^(PASS|FAIL)  (keyring|database)"
        pkill -TERM -P "$app" 2>/dev/null || true   # its WebKit processes
        kill "$app"; wait "$app" 2>/dev/null || true
        exit 0
      fi
      sleep 0.2
    done
    echo "package: no Front Desk window within 30 s" >&2
    kill "$app" 2>/dev/null || true
    exit 1'

cleanup
trap - EXIT
if [[ -e /usr/bin/frontdesk ]]; then echo "package: not removed" >&2; exit 1; fi
echo "package: removed; all package checks passed"
