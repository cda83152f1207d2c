#!/usr/bin/env bash
# Signed auto-update, end to end, on this machine: installs Front Desk 0.1.0 from its .deb,
# builds a 0.1.1 .deb of the same code, signs it with the test-only key (keys/), and serves it
# with its latest.json from a local HTTP server. The installed app, under Xvfb and driven over
# WebDriver, downloads it, keeps it while a change waits, installs it when a person clicks
# "Restart to update", and starts again as 0.1.1 with the change still queued. A second feed,
# signed with another key, is refused. CI runs it after test-package.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh
old=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' tauri.conf.json)
new="${old%.*}.$((${old##*.} + 1))"
work=$(mktemp -d)
feed="$work/feed"
mkdir -p "$feed"

# The packages are debug builds, like test-package's: the update path is the same, and CI
# reuses the test build instead of an LTO release build per version.
scripts/package.sh --debug deb >/dev/null
cp "$(ls -t target/debug/bundle/deb/*_"${old}"_*.deb | head -n 1)" "$work/front-desk_${old}.deb"

# The next version: the same code with its version raised in the two files that carry it,
# put back however the build ends.
backup="$work/backup"
mkdir -p "$backup"
cp tauri.conf.json src-tauri/Cargo.toml Cargo.lock "$backup/"
restore() { cp "$backup/tauri.conf.json" tauri.conf.json; cp "$backup/Cargo.toml" src-tauri/Cargo.toml; cp "$backup/Cargo.lock" Cargo.lock; }
# A signal ends the script through its EXIT trap (bash runs no EXIT trap on an untrapped TERM).
trap 'exit 143' TERM INT HUP
trap 'restore' EXIT
sed -i "s/^  \"version\": \"${old}\",$/  \"version\": \"${new}\",/" tauri.conf.json
sed -i "0,/^version = \"${old}\"$/s//version = \"${new}\"/" src-tauri/Cargo.toml
scripts/package.sh --debug deb >/dev/null
# The bundler names it after the product ("Front Desk_…"): a name without a space for its URL.
next_deb="$feed/front-desk_${new}_amd64.deb"
cp "$(ls -t target/debug/bundle/deb/*_"${new}"_*.deb | head -n 1)" "$next_deb"
restore
trap - EXIT
echo "update: built front-desk ${old} and ${new} (.deb, debug builds)"

# Signed as a release is (tauri signer), bound to its version; the other feed's signature is
# made with a key generated here, which the app does not trust.
sign() { # key-file package
  TAURI_SIGNING_PRIVATE_KEY="$(cat "$1")" TAURI_SIGNING_PRIVATE_KEY_PASSWORD="" \
    tools/node_modules/.bin/tauri signer sign --app-version "$new" "$2" >/dev/null
  cat "$2.sig"
}
good_signature=$(sign keys/update-test-only.key "$next_deb")
tools/node_modules/.bin/tauri signer generate --ci -p "" -w "$work/other.key" >/dev/null 2>&1
cp "$next_deb" "$work/copy.deb"
bad_signature=$(sign "$work/other.key" "$work/copy.deb")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
package_url="http://127.0.0.1:${port}/$(basename "$next_deb")"
write_feed() { # file signature
  python3 - "$1" "$new" "$package_url" "$2" <<'PY'
import json, sys
path, version, url, signature = sys.argv[1:]
feed = {"version": version, "notes": "Test release", "pub_date": "2026-12-01T00:00:00Z",
        "platforms": {"linux-x86_64-deb": {"url": url, "signature": signature}}}
open(path, "w").write(json.dumps(feed, indent=2))
PY
}
write_feed "$feed/latest.json" "$good_signature"
write_feed "$feed/other-key.json" "$bad_signature"
python3 -m http.server --bind 127.0.0.1 --directory "$feed" "$port" >"$work/http.log" 2>&1 &
server=$!

cleanup() {
  status=$?
  kill "$server" 2>/dev/null || true
  # An app the test could not stop (it restarted as nobody's child) goes with the package.
  pkill -f '^/usr/bin/frontdesk' 2>/dev/null || true
  apt-get remove -y -qq front-desk >/dev/null 2>&1 || true
  if ((status != 0)); then echo "update: the feed's requests:" >&2; cat "$work/http.log" >&2 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 50); do
  python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:${port}/latest.json')" 2>/dev/null && break
  sleep 0.1
done
# Whatever an earlier run left installed, this run starts from its own 0.1.0.
apt-get remove -y -qq front-desk >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$work/front-desk_${old}.deb" >/dev/null
echo "update: installed $(dpkg-query -W -f='${Package} ${Version}' front-desk); serving ${new} on 127.0.0.1:${port}"

FRONTDESK_E2E_APP=/usr/bin/frontdesk \
FRONTDESK_TEST_FEED="http://127.0.0.1:${port}/latest.json" \
FRONTDESK_TEST_BAD_FEED="http://127.0.0.1:${port}/other-key.json" \
FRONTDESK_TEST_UPDATE_VERSION="$new" \
  scripts/with-session.sh cargo test --quiet -p frontdesk --test app updates:: -- --test-threads=1 --nocapture
echo "update: $(dpkg-query -W -f='${Version}' front-desk) installed by the app itself; all update checks passed"
