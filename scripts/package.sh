#!/usr/bin/env bash
# Builds Front Desk's Linux installers with the Tauri bundler.
# usage: scripts/package.sh [--debug] [deb|rpm|appimage|all]   (default: release, deb)
# The .msi and .dmg are configured in tauri.conf.json and are built on Windows and macOS.
# AppImage: the bundler downloads linuxdeploy from GitHub, so it needs that network access.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

profile=(); bundles="deb"
for arg in "$@"; do
  case "$arg" in
    --debug) profile=(--debug) ;;
    deb) bundles="deb" ;;
    rpm) bundles="rpm" ;;
    deb,rpm|linux) bundles="deb,rpm" ;;
    appimage) bundles="appimage" ;;
    all) bundles="deb,rpm,appimage" ;;
    -h|--help) sed -n 2,5p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

scripts/setup.sh
# The Tauri CLI comes from npm (a prebuilt binary, seconds to install), pinned in tools/.
# `npm install --no-save` rather than `npm ci`: the lock records only this platform's binary
# package, which `npm ci` refuses as out of sync; the versions are exact either way.
if [[ ! -x tools/node_modules/.bin/tauri ]] || [[ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]]; then
  npm install --prefix tools --no-save --no-audit --no-fund --loglevel=error >/dev/null
fi
# Updates: tauri.conf.json trusts the test-only key (keys/README.md). A release is built with
# the real public key, and its packages signed with the real private key, both from the
# environment of whoever publishes it.
config=()
if [[ -n "${FRONTDESK_UPDATE_PUBKEY:-}" ]]; then
  config=(--config "{\"plugins\":{\"updater\":{\"pubkey\":\"${FRONTDESK_UPDATE_PUBKEY}\"}}}")
elif ((${#profile[@]} == 0)); then
  echo "package: FRONTDESK_UPDATE_PUBKEY is not set: this build trusts only the test key, so it will not update itself" >&2
fi
# The CLI expects tauri.conf.json in src-tauri/ (a link to the one at the root).
TAURI_APP_PATH=src-tauri TAURI_FRONTEND_PATH=. \
  tools/node_modules/.bin/tauri build "${profile[@]}" "${config[@]}" --bundles "$bundles" --ci
dir=target/$([[ ${#profile[@]} -gt 0 ]] && echo debug || echo release)/bundle
find "$dir" -maxdepth 2 \( -name '*.deb' -o -name '*.rpm' -o -name '*.AppImage' \) -newer tauri.conf.json -print
