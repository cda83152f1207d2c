#!/usr/bin/env bash
# Builds the .deb and the .rpm; checks the .rpm's metadata and contents with rpm; installs the
# .deb on this machine, opens the installed app under Xvfb and checks its window and its command
# line, then removes it. CI runs it after `./x test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# A debug build keeps CI fast (it reuses the test build); the packaging path is the same.
scripts/package.sh --debug deb,rpm >/dev/null
deb=$(ls -t target/debug/bundle/deb/*.deb | head -n 1)
echo "package: built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# The .rpm (Fedora, openSUSE), read with Debian's rpm tools: what it is, what it needs, what
# it installs.
rpm_file=$(ls -t target/debug/bundle/rpm/*.rpm | head -n 1)
echo "package: built $(basename "$rpm_file") ($(du -h "$rpm_file" | cut -f1))"
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' tauri.conf.json)
fail() { echo "package: rpm: $*" >&2; exit 1; }
info=$(rpm -qpi "$rpm_file" 2>/dev/null)
grep -q '^Name *: front-desk$' <<<"$info" || fail "name is not front-desk"
grep -q "^Version *: ${version}\$" <<<"$info" || fail "version is not $version"
requires=$(rpm -qpR "$rpm_file" 2>/dev/null)
for needed in 'libwebkit2gtk-4.1.so.0' 'libgtk-3.so.0' 'libayatana-appindicator3.so.1' \
  '(gnome-keyring or keepassxc or kf6-kwallet or kf5-kwallet)'; do
  grep -qF "$needed" <<<"$requires" || fail "does not require $needed"
done
rpm -qp --recommends "$rpm_file" 2>/dev/null | grep -qx 'cups-client' || fail "does not recommend cups-client"
files=$(rpm -qpl "$rpm_file" 2>/dev/null)
grep -qx '/usr/bin/frontdesk' <<<"$files" || fail "no /usr/bin/frontdesk"
grep -q '^/usr/share/applications/.*\.desktop$' <<<"$files" || fail "no desktop entry"
icons=$(grep -c '^/usr/share/icons/hicolor/.*/apps/frontdesk\.png$' <<<"$files" || true)
((icons >= 4)) || fail "only $icons icons"
echo "package: rpm front-desk $version: requires WebKitGTK 4.1, GTK 3, the tray library and a Secret Service provider; $icons icons"

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
