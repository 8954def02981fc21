#!/usr/bin/env bash
# Chạy một công cụ dòng lệnh của kiosk / runs one of the kiosk's command-line tools on Node.js 24 (node.sh):
#
#   bash kiosk-config/install/cli.sh <tool> [arguments]     # what `npm run <tool> -- [arguments]` runs
#
# <tool> is one of server/src/cli/ (migrate, backup, restore, doctor, staff, audio). An installed box
# keeps production dependencies only (install.sh prunes the rest), so it runs the bundle that
# `npm run build` made, dist/server/cli/<tool>.js, with plain node. A development checkout, where the
# TypeScript loader tsx is installed, runs the source itself, so an edit needs no build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOL="${1:?cli.sh needs a tool: migrate, backup, restore, doctor, staff or audio}"
shift
NODE_SH="$ROOT/kiosk-config/install/node.sh"

if [ -d "$ROOT/node_modules/tsx" ] && [ -f "$ROOT/server/src/cli/$TOOL.ts" ]; then
  exec bash "$NODE_SH" node --import tsx "$ROOT/server/src/cli/$TOOL.ts" "$@"
fi
BUNDLE="$ROOT/dist/server/cli/$TOOL.js"
if [ ! -f "$BUNDLE" ]; then
  printf '%s / %s\n' "LỖI: chưa có $BUNDLE, hãy chạy lại lệnh cài đặt (sudo bash kiosk-config/install/install.sh)" \
    "ERROR: $BUNDLE is missing, run the installer again (sudo bash kiosk-config/install/install.sh)" >&2
  exit 1
fi
exec bash "$NODE_SH" node "$BUNDLE" "$@"
