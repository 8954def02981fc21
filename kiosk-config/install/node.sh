#!/usr/bin/env bash
# Chạy một lệnh trên Node.js 24 LTS, dù máy có Node nào. / Runs a command on Node.js 24 LTS,
# whatever Node this machine has.
#
#   bash kiosk-config/install/node.sh npm test         # a developer, CI (.ci/run), npm scripts
#   bash kiosk-config/install/node.sh --into DIR       # the box's installer: Node in DIR, prints its bin/node
#
# When `node` on the PATH is older than the supported line, the official Node 24 binary with its
# C/C++ headers is taken from the npm registry package node-linux-<arch> (x64 or arm64) with
# `npm pack`, through the registry npm is set up for, into .node/ of this checkout (ignored by git)
# or DIR. It is put first on the PATH and npm_config_nodedir points at its headers, so native modules
# (better-sqlite3) compile for it with no other download. A better-sqlite3 built for another Node
# (NODE_MODULE_VERSION mismatch) is rebuilt before the command runs.
set -euo pipefail

MAJOR="${KIOSK_NODE_MAJOR:-24}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INTO=""
if [ "${1:-}" = "--into" ]; then INTO="${2:?--into needs a folder}"; shift 2; fi
if [ "${1:-}" = "--" ]; then shift; fi

say() { printf '%s / %s\n' "$1" "$2" >&2; }
major_of() { local v; v="$("$1" --version 2>/dev/null || echo v0)"; v="${v#v}"; echo "${v%%.*}"; }

case "$(uname -m)" in
  x86_64 | amd64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) say "LỖI: chưa hỗ trợ bộ xử lý $(uname -m)" "ERROR: processor $(uname -m) is not supported"; exit 1 ;;
esac

# fetch_node DIR: the newest node-linux-$ARCH@$MAJOR from the npm registry, unpacked into DIR.
fetch_node() {
  local dir="$1" tmp tgz
  tmp="$(mktemp -d)"
  say "Đang tải Node.js $MAJOR (gói node-linux-$ARCH) vào $dir" "Fetching Node.js $MAJOR (package node-linux-$ARCH) into $dir"
  tgz="$(cd "$tmp" && npm pack --silent "node-linux-$ARCH@$MAJOR" | tail -n 1)"
  rm -rf "$dir.new"
  mkdir -p "$dir.new"
  tar -xzf "$tmp/$tgz" -C "$dir.new" --strip-components=1 package
  rm -rf "$tmp" "$dir"
  mv "$dir.new" "$dir"
}

if [ -n "$INTO" ]; then
  # The installer's mode: a Node of the supported line in DIR (kept when it already is one).
  if [ ! -x "$INTO/bin/node" ] || [ "$(major_of "$INTO/bin/node")" -lt "$MAJOR" ]; then fetch_node "$INTO"; fi
  echo "$INTO/bin/node"
  exit 0
fi

NODE_DIR=""
if command -v node >/dev/null 2>&1 && [ "$(major_of node)" -ge "$MAJOR" ]; then
  NODE_DIR="$(dirname "$(dirname "$(command -v node)")")"
elif [ -x "$ROOT/node/bin/node" ] && [ "$(major_of "$ROOT/node/bin/node")" -ge "$MAJOR" ]; then
  # An installed box: install.sh put the Node it chose in /opt/hoctap-kiosk/node.
  NODE_DIR="$ROOT/node"
  export PATH="$NODE_DIR/bin:$PATH"
else
  NODE_DIR="$ROOT/.node/linux-$ARCH"
  if [ ! -x "$NODE_DIR/bin/node" ] || [ "$(major_of "$NODE_DIR/bin/node")" -lt "$MAJOR" ]; then
    say "Node.js $(node --version 2>/dev/null || echo '(không có / none)') cũ hơn bản $MAJOR LTS" \
      "Node.js $(node --version 2>/dev/null || echo '(none)') is older than the $MAJOR LTS line"
    fetch_node "$NODE_DIR"
  fi
  export PATH="$NODE_DIR/bin:$PATH"
fi
# Headers for node-gyp, so native modules build against this Node without a download.
if [ -f "$NODE_DIR/include/node/node.h" ]; then export npm_config_nodedir="$NODE_DIR"; fi

# A better-sqlite3 compiled for another Node does not load (ERR_DLOPEN_FAILED): rebuild it once.
if [ -d "$ROOT/node_modules/better-sqlite3" ] \
  && ! (cd "$ROOT" && node -e "new (require('better-sqlite3'))(':memory:').close()" >/dev/null 2>&1); then
  say "Biên dịch lại better-sqlite3 cho Node $(node --version)" "Rebuilding better-sqlite3 for Node $(node --version)"
  (cd "$ROOT" && npm rebuild better-sqlite3 >/dev/null)
fi

if [ $# -eq 0 ]; then node --version; exit 0; fi
exec "$@"
