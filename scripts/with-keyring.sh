#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so that tests
# use a real Secret Service (keytar) without touching the developer's own keyring.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus gnome-keyring)" >&2
  exit 2
fi
keyring_home=$(mktemp -d -t guichet-keyring-XXXXXX)
trap 'rm -rf "$keyring_home"' EXIT
export GUICHET_KEYRING_HOME="$keyring_home"
# dbus-daemon complains that it cannot raise its fd limit when run as root in a container: harmless.
dbus-run-session -- bash -c '
  export XDG_DATA_HOME="$GUICHET_KEYRING_HOME"
  printf "guichet-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  unset XDG_DATA_HOME
  exec "$@"
' with-keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
