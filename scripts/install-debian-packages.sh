#!/usr/bin/env bash
# The Debian packages Guichet needs: a C++ toolchain and libsecret to build keytar and
# better-sqlite3, gnome-keyring + D-Bus for a real Secret Service in tests, Chromium for the
# browser tests and the web kiosk, stress-ng for `npm run test:stress` (the end-to-end tests
# beside CPU-bound load), and slapd, ldap-utils and PostgreSQL for the Guichet server's tests and
# `npm run stack` (started by the tests in temp folders; the packages' own services are not used).
# Installs only what is missing.
set -euo pipefail
packages=(chromium libsecret-1-dev gnome-keyring dbus dbus-user-session fonts-dejavu-core python3 make g++ stress-ng slapd ldap-utils postgresql)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# slapd's package would otherwise create and start a directory of its own.
echo 'slapd slapd/no_configuration boolean true' | $sudo debconf-set-selections
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
