#!/usr/bin/env bash
# First step for a newcomer: Debian packages, the project's Node LTS where the machine's Node is
# older (scripts/lts-node.sh: into .tools/node, which npm scripts then use), then the npm
# packages, their native modules built for that Node. Where Electron's binary cannot be
# downloaded (a closed network), installs without it; `npm start` then opens the same kiosk in
# the browser instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-debian-packages.sh
source scripts/lts-node.sh
if ! npm install --no-audit --no-fund; then
  echo "npm install failed; retrying without Electron's binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1)." >&2
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-audit --no-fund
fi
