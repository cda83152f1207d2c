#!/usr/bin/env bash
# Runs a command with the desktop services Front Desk needs, all private to this run:
# an X display (Xvfb, unless one is given), a D-Bus session bus, and an unlocked
# gnome-keyring Secret Service whose files live in a temporary folder.
# usage: scripts/with-session.sh COMMAND [ARGS...]
set -euo pipefail

if [[ -z "${FRONTDESK_IN_SESSION:-}" ]]; then
  export FRONTDESK_IN_SESSION=1
  if [[ -z "${DISPLAY:-}" ]]; then
    exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" "$@"
  fi
  exec dbus-run-session -- "$0" "$@"
fi

session_dir=$(mktemp -d -t frontdesk-session.XXXXXX)
export XDG_DATA_HOME="$session_dir/data" XDG_CONFIG_HOME="$session_dir/config"
export XDG_CACHE_HOME="$session_dir/cache" XDG_RUNTIME_DIR="$session_dir/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

keyring_pid=""
cleanup() {
  local status=$?
  [[ -n "$keyring_pid" ]] && kill "$keyring_pid" 2>/dev/null && wait "$keyring_pid" 2>/dev/null
  # A process of the session (a WebKit helper of an app just ended) can still be writing as the
  # folder goes: try again briefly, and never let the clean-up change the run's result.
  for _ in 1 2 3 4 5; do
    rm -rf "$session_dir" 2>/dev/null && break
    sleep 0.2
  done
  exit "$status"
}
trap cleanup EXIT

# The keyring is unlocked with a throwaway password; --foreground keeps it tied to this script.
printf '%s' "frontdesk-test-keyring" |
  gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
keyring_pid=$!
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q "boolean true"; then
    break
  fi
  sleep 0.1
done

"$@"
