#!/usr/bin/env bash
# Cài kiosk Công dân học tập lên máy của trung tâm (Debian 12/13, Raspberry Pi OS; arm64/amd64).
# Installs the kiosk on the center's box as a systemd service. Run it again at any time (after
# copying a new version, say): it changes only what differs and says what it kept.
#
#   sudo bash kiosk-config/install/install.sh
#
# What it writes: /opt/hoctap-kiosk (the program, owned by the system user hoctap),
# /var/lib/hoctap-kiosk and its backups/ (the data, mode 0750), /etc/hoctap-kiosk.env (settings,
# written only when missing, never overwritten), /etc/systemd/system/hoctap-kiosk.service and
# /etc/systemd/journald.conf.d/hoctap-kiosk.conf (the journal's size limit: that is the log
# rotation). No logrotate file: the kiosk writes no log files of its own, only to the journal.
#
# For tests: INSTALL_ROOT=<folder> is put before every path written; INSTALL_DRY_RUN=1 skips the
# root check and every apt-get, useradd, chown, runuser and systemctl (saying what it would run) and
# runs npm (ci, build, prune) as the user running it, in INSTALL_ROOT's copy with that user's npm cache;
# INSTALL_SKIP_BUILD=1 skips npm altogether; INSTALL_NODE=<path> names the node binary.
set -euo pipefail

ROOT="${INSTALL_ROOT:-}"
ROOT="${ROOT%/}"
DRY="${INSTALL_DRY_RUN:-0}"
SKIP_BUILD="${INSTALL_SKIP_BUILD:-0}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

SERVICE=hoctap-kiosk
APP_USER=hoctap
APP_DIR=/opt/hoctap-kiosk
DATA_DIR=/var/lib/hoctap-kiosk
BACKUP_DIR=/var/lib/hoctap-kiosk/backups
ENV_FILE=/etc/hoctap-kiosk.env
UNIT_FILE=/etc/systemd/system/hoctap-kiosk.service
JOURNALD_FILE=/etc/systemd/journald.conf.d/hoctap-kiosk.conf

say() { printf '%s / %s\n' "$1" "$2"; }
fail() { say "LỖI: $1" "ERROR: $2" >&2; exit 1; }
kept() { say "$1: đã có, giữ nguyên" "$1: already there, unchanged"; }
# A command that changes the system: in a dry run it is only shown.
run() {
  if [ "$DRY" = 1 ]; then say "(chạy thử) sẽ chạy: $*" "(dry run) would run: $*"; else "$@"; fi
}
owner_ok() { [ "$DRY" = 1 ] || [ -z "$2" ] || [ "$(stat -c %U:%G "$1")" = "$2" ]; }
set_owner() { if [ "$DRY" != 1 ] && [ -n "$2" ]; then chown "$2" "$1"; fi; }

# ensure_dir PATH MODE OWNER: creates the folder, or fixes its mode and owner.
ensure_dir() {
  local dir="$ROOT$1"
  if [ -d "$dir" ] && [ "$(stat -c %a "$dir")" = "${2#0}" ] && owner_ok "$dir" "$3"; then kept "$1"; return; fi
  mkdir -p "$dir"
  chmod "$2" "$dir"
  set_owner "$dir" "$3"
  say "Đã tạo thư mục $1" "Created folder $1"
}

# put_file SOURCE PATH MODE OWNER: writes PATH (atomically) only when content, mode or owner differ.
# Sets WROTE=1 when it wrote.
WROTE=0
put_file() {
  local dest="$ROOT$2" tmp
  WROTE=0
  if [ -f "$dest" ] && cmp -s "$1" "$dest" && [ "$(stat -c %a "$dest")" = "${3#0}" ] && owner_ok "$dest" "$4"; then kept "$2"; return; fi
  mkdir -p "$(dirname "$dest")"
  tmp="$(mktemp "$dest.XXXXXX")"
  cp "$1" "$tmp"
  chmod "$3" "$tmp"
  set_owner "$tmp" "$4"
  mv -f "$tmp" "$dest"
  WROTE=1
  say "Đã ghi $2" "Wrote $2"
}

# --- 1. Checks ---------------------------------------------------------------------------------
if [ "$DRY" != 1 ] && [ "$(id -u)" -ne 0 ]; then
  fail "cần quyền root, hãy chạy: sudo bash $0" "must run as root: sudo bash $0"
fi
if [ ! -r /etc/debian_version ]; then
  say "Cảnh báo: không phải Debian / Raspberry Pi OS, có thể không chạy đúng" "Warning: not Debian / Raspberry Pi OS, this may not work"
fi

# Node.js: the distribution's when it is a supported line (22 or newer), else the official Node 24
# LTS binary from the npm registry package for this box's processor, kept in $APP_DIR/node (node.sh).
NODE_MIN=22
NODE_LINE=24
major_of() { local v; v="$("$1" --version 2>/dev/null || echo v0)"; v="${v#v}"; echo "${v%%.*}"; }
NODE_BIN="${INSTALL_NODE:-$(command -v node || true)}"
# The node to run while installing: the system's, or the one fetched into $ROOT$APP_DIR/node.
NODE_RUN="$NODE_BIN"
if [ -n "$NODE_BIN" ] && [ -x "$NODE_BIN" ] && [ "$(major_of "$NODE_BIN")" -ge "$NODE_MIN" ]; then
  say "Node.js $("$NODE_BIN" --version) của hệ thống: được" "The system's Node.js $("$NODE_BIN" --version): fine"
else
  if [ -n "$NODE_BIN" ] && [ -x "$NODE_BIN" ]; then
    say "Node.js $("$NODE_BIN" --version) của hệ thống đã hết hạn hỗ trợ: dùng Node.js $NODE_LINE riêng cho kiosk trong $APP_DIR/node" \
      "The system's Node.js $("$NODE_BIN" --version) is past its end of life: the kiosk gets its own Node.js $NODE_LINE in $APP_DIR/node"
  else
    say "Chưa có Node.js: dùng Node.js $NODE_LINE riêng cho kiosk trong $APP_DIR/node" "No Node.js: the kiosk gets its own Node.js $NODE_LINE in $APP_DIR/node"
  fi
  # npm fetches it (from the registry npm is set up for); Debian's npm brings an older node with it, unused by the kiosk.
  if ! command -v npm >/dev/null 2>&1; then
    say "Cài npm để tải Node.js" "Installing npm to fetch Node.js"
    run apt-get update -qq
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm
  fi
  run env KIOSK_NODE_MAJOR="$NODE_LINE" bash "$HERE/node.sh" --into "$ROOT$APP_DIR/node"
  NODE_BIN="$APP_DIR/node/bin/node"
  NODE_RUN="$ROOT$NODE_BIN"
  say "Kiosk chạy bằng $NODE_BIN" "The kiosk runs on $NODE_BIN"
fi
if [ "$SKIP_BUILD" != 1 ] && ! command -v npm >/dev/null 2>&1; then
  say "Cài npm (cần để dựng kiosk)" "Installing npm (needed to build the kiosk)"
  run apt-get update -qq
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm
fi

# better-sqlite3 is compiled on the box: a C++ compiler, make and python3. espeak-ng and opus-tools
# make the box's own Vietnamese read-aloud clips for tablets without a Vietnamese voice (audio.renderOnStart).
missing=()
for pkg in build-essential python3 espeak-ng opus-tools; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  kept "build-essential python3 espeak-ng opus-tools"
else
  say "Cài công cụ biên dịch và đọc to: ${missing[*]}" "Installing build and read-aloud tools: ${missing[*]}"
  run apt-get update -qq
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# --- 2. The system user ----------------------------------------------------------------------
if id -u "$APP_USER" >/dev/null 2>&1; then
  kept "người dùng / user $APP_USER"
else
  say "Tạo người dùng hệ thống $APP_USER" "Creating system user $APP_USER"
  run useradd --system --user-group --home-dir "$APP_DIR" --no-create-home --shell /usr/sbin/nologin "$APP_USER"
fi
OWNER="$APP_USER:$APP_USER"

# --- 3. The program in /opt/hoctap-kiosk -----------------------------------------------------
# Every file of this copy of the kiosk except what is built or kept on the box itself (hoctap's
# home is the program's folder: npm and node-gyp keep their caches in .npm and .cache there).
list_files() {
  (cd "$1" && find . \( -name node_modules -o -name .git -o -name '*.tmp' -o -path ./dist -o -path ./data \
    -o -path ./.npm -o -path ./.cache -o -path ./.config -o -path ./.local -o -path ./node -o -path ./.node -o -path ./.node-version \) -prune -o -type f -print0)
}
APP_CHANGED=0
DEPS_CHANGED=0
ensure_dir "$APP_DIR" 0755 "$OWNER"
if [ "$SRC" -ef "$ROOT$APP_DIR" ]; then
  kept "$APP_DIR (các tệp / files)"
else
  # A stage left by a stopped run (below) goes first.
  rm -rf "$ROOT$APP_DIR"/.install-stage.*
  # What each side holds, read in a few processes rather than a few a file (about a thousand files,
  # on an SD card): the mode of each file, then the hash of each.
  declare -A want_mode=() want_hash=() have_mode=() have_hash=()
  while IFS= read -r -d '' entry; do
    # Executable anywhere in the source: 0755 on the box, else 0644.
    if (((8#${entry%% *} & 8#111) != 0)); then want_mode[${entry#* }]=755; else want_mode[${entry#* }]=644; fi
  done < <(list_files "$SRC" | (cd "$SRC" && xargs -0 -r stat --printf '%a %n\0'))
  while IFS= read -r -d '' entry; do have_mode[${entry#* }]=${entry%% *}; done < <(
    list_files "$ROOT$APP_DIR" | (cd "$ROOT$APP_DIR" && xargs -0 -r stat --printf '%a %n\0')
  )
  hashes() { list_files "$1" | (cd "$1" && xargs -0 -r sha256sum -z); }
  while IFS= read -r -d '' entry; do want_hash[${entry#*  }]=${entry%%  *}; done < <(hashes "$SRC")
  while IFS= read -r -d '' entry; do have_hash[${entry#*  }]=${entry%%  *}; done < <(hashes "$ROOT$APP_DIR")
  # The files that are new or differ go to a folder beside the program with their mode, then each
  # folder's files are renamed into place by one mv (a rename replaces a file at once).
  stage="$ROOT$APP_DIR/.install-stage.$$"
  changed=()
  for rel in "${!want_mode[@]}"; do
    if [ "${have_mode[$rel]:-}" = "${want_mode[$rel]}" ] && [ "${have_hash[$rel]:-}" = "${want_hash[$rel]}" ]; then continue; fi
    changed+=("$rel")
    case "$rel" in ./package.json | ./package-lock.json) DEPS_CHANGED=1 ;; esac
  done
  copied=${#changed[@]}
  if [ "$copied" -gt 0 ]; then
    mkdir -p "$stage"
    printf '%s\0' "${changed[@]}" | (cd "$SRC" && xargs -0 cp --parents -t "$stage")
    for m in 644 755; do
      for rel in "${changed[@]}"; do if [ "${want_mode[$rel]}" = "$m" ]; then printf '%s\0' "$stage/$rel"; fi; done |
        xargs -0 -r chmod "$m"
    done
    if [ "$DRY" != 1 ]; then chown -R "$OWNER" "$stage"; fi
    declare -A by_dir=()
    for rel in "${changed[@]}"; do
      d="${rel%/*}"
      by_dir[$d]+="${rel##*/}"$'\n'
    done
    for d in "${!by_dir[@]}"; do
      [ -d "$ROOT$APP_DIR/$d" ] || mkdir -p "$ROOT$APP_DIR/$d"
      mapfile -t names < <(printf '%s' "${by_dir[$d]}")
      mv -f -t "$ROOT$APP_DIR/$d" "${names[@]/#/$stage/$d/}"
    done
    rm -rf "$stage"
  fi
  # Files of an earlier version that this one no longer has.
  removed=0
  for rel in "${!have_mode[@]}"; do
    if [ -z "${want_mode[$rel]:-}" ]; then
      rm -f "$ROOT$APP_DIR/$rel"
      rmdir -p --ignore-fail-on-non-empty "$(dirname "$ROOT$APP_DIR/$rel")" 2>/dev/null || true
      removed=$((removed + 1))
    fi
  done
  # New sub-folders too belong to hoctap, who runs npm here.
  if [ "$DRY" != 1 ] && [ "$copied" -gt 0 ]; then
    find "$ROOT$APP_DIR" -name node_modules -prune -o -type d ! -user "$APP_USER" -exec chown "$OWNER" {} +
  fi
  if [ "$copied" -eq 0 ] && [ "$removed" -eq 0 ]; then
    kept "$APP_DIR (các tệp / files)"
  else
    APP_CHANGED=1
    say "Đã chép $copied tệp, xoá $removed tệp cũ: $APP_DIR" "Copied $copied files, removed $removed old ones: $APP_DIR"
  fi
fi

# What the box keeps is what it runs: the built app (dist/) and the production dependencies.
# Building needs the development ones too (vite, svelte, esbuild...), so the box installs everything
# (npm ci: better-sqlite3 is compiled here, for this box's processor), builds, then prunes the
# development packages (npm prune --omit=dev); the next build installs them again. Chosen over
# shipping a dist/ built elsewhere because the box then always runs exactly the sources it was given
# (a copy from git or a USB stick needs no separate build step, and cannot bring a stale or missing
# dist/), and because npm keeps every package it fetched in $APP_DIR/.npm: with --prefer-offline a
# later install whose dependencies did not change builds from that cache without the internet.
# npm and node-gyp run on the chosen Node, building better-sqlite3 against its headers.
NODE_HOME="$(dirname "$(dirname "$NODE_RUN")")"
NODEDIR_ENV=()
if [ -f "$NODE_HOME/include/node/node.h" ]; then NODEDIR_ENV=(npm_config_nodedir="$NODE_HOME"); fi
as_app() {
  if [ "$DRY" = 1 ]; then
    # A test: the copy in INSTALL_ROOT is built for real, as the user running the test.
    (cd "$ROOT$APP_DIR" && env PATH="$(dirname "$NODE_RUN"):$PATH" "${NODEDIR_ENV[@]}" "$@")
  else
    (cd "$APP_DIR" && runuser -u "$APP_USER" -- env HOME="$APP_DIR" npm_config_cache="$APP_DIR/.npm" \
      PATH="$(dirname "$NODE_RUN"):$PATH" "${NODEDIR_ENV[@]}" "$@")
  fi
}
# The Node the native module was last built for: after a Node update it is built again.
NODE_NOW="$( [ -x "$NODE_RUN" ] && "$NODE_RUN" --version || echo "v$NODE_LINE")"
NODE_BUILT="$(cat "$ROOT$APP_DIR/.node-version" 2>/dev/null || true)"
if [ "$SKIP_BUILD" = 1 ]; then
  say "Bỏ qua npm ci và npm run build (INSTALL_SKIP_BUILD=1)" "Skipping npm ci and npm run build (INSTALL_SKIP_BUILD=1)"
elif [ "$DEPS_CHANGED" = 1 ] || [ "$APP_CHANGED" = 1 ] || [ ! -d "$ROOT$APP_DIR/node_modules" ] \
  || [ ! -f "$ROOT$APP_DIR/dist/web/index.html" ] || [ ! -f "$ROOT$APP_DIR/dist/server/main.js" ]; then
  # The build tools are there only when an earlier run stopped between installing and pruning.
  if [ "$DEPS_CHANGED" = 1 ] || [ ! -e "$ROOT$APP_DIR/node_modules/.bin/vite" ]; then
    say "Cài thư viện để dựng (npm ci, có thể mất vài phút)" \
      "Installing libraries to build with (npm ci, may take a few minutes)"
    if ! as_app npm ci --include=dev --prefer-offline --no-audit --no-fund; then
      # A lock file that lists only some platforms' optional packages is refused by npm ci.
      say "npm ci không dùng được tệp khoá, dùng npm install" "npm ci refused the lock file, using npm install"
      as_app npm install --include=dev --prefer-offline --no-audit --no-fund
    fi
  elif [ "$NODE_BUILT" != "$NODE_NOW" ]; then
    say "Node.js đã đổi ($NODE_BUILT → $NODE_NOW): biên dịch lại better-sqlite3" \
      "Node.js changed ($NODE_BUILT → $NODE_NOW): rebuilding better-sqlite3"
    as_app npm rebuild better-sqlite3
  fi
  say "Dựng ứng dụng cho máy tính bảng và máy chủ (npm run build)" \
    "Building the tablets' app and the server (npm run build)"
  as_app npm run build
  say "Bỏ các thư viện chỉ dùng để dựng (npm prune --omit=dev)" \
    "Removing the libraries only the build uses (npm prune --omit=dev)"
  as_app npm prune --omit=dev --no-audit --no-fund
  # npm install and prune may rewrite the lock: keep the shipped one, so the next run sees no change.
  lock="$ROOT$APP_DIR/package-lock.json"
  if [ ! "$SRC/package-lock.json" -ef "$lock" ] && ! cmp -s "$SRC/package-lock.json" "$lock"; then
    cp "$SRC/package-lock.json" "$lock"
  fi
  APP_CHANGED=1
elif [ "$NODE_BUILT" != "$NODE_NOW" ]; then
  say "Node.js đã đổi ($NODE_BUILT → $NODE_NOW): biên dịch lại better-sqlite3" \
    "Node.js changed ($NODE_BUILT → $NODE_NOW): rebuilding better-sqlite3"
  as_app npm rebuild better-sqlite3
  APP_CHANGED=1
else
  kept "$APP_DIR/node_modules"
  kept "$APP_DIR/dist"
fi
if [ "$SKIP_BUILD" != 1 ]; then echo "$NODE_NOW" >"$ROOT$APP_DIR/.node-version"; fi

# --- 4. Data folders and settings -------------------------------------------------------------
ensure_dir "$DATA_DIR" 0750 "$OWNER"
ensure_dir "$BACKUP_DIR" 0750 "$OWNER"

if [ -e "$ROOT$ENV_FILE" ]; then
  kept "$ENV_FILE"
else
  envtmp="$WORK/env"
  cat >"$envtmp" <<EOF
# Cấu hình kiosk Công dân học tập. Cài lại không bao giờ ghi đè tệp này.
# Settings of the kiosk. Reinstalling never overwrites this file.
# Mọi tùy chọn / every option: $APP_DIR/kiosk-config/options.ts
# Sau khi sửa / after a change: sudo systemctl restart $SERVICE

KIOSK_DATA_DIR=$DATA_DIR
KIOSK_BACKUP_DIR=$BACKUP_DIR
# Để trống: người quản trị cài đặt máy trên trình duyệt (trung tâm hay máy của xã, của tỉnh; tỉnh, xã, các thôn...).
# Hoặc tên tệp của trung tâm / or the center's file: $APP_DIR/kiosk-config/centers/<tên>.json
# (tệp và KIOSK_ROLE ở đây được dùng thay cho phần cài đặt trên trình duyệt / the file and KIOSK_ROLE here override the browser setup)
KIOSK_CENTER=
# Máy tính bảng mở http://<máy>/ rồi https://<máy>/ / tablets open http://<box>/, then https://<box>/
KIOSK_PORT=80
KIOSK_TLS_PORT=443
EOF
  put_file "$envtmp" "$ENV_FILE" 0640 "root:$APP_USER"
fi

# --- 5. systemd: the service and the journal's size -----------------------------------------
unit="$HERE/hoctap-kiosk.service"
if [ "$NODE_BIN" != /usr/bin/node ]; then
  unittmp="$WORK/unit"
  sed "s#^ExecStart=/usr/bin/node #ExecStart=$NODE_BIN #" "$unit" >"$unittmp"
  unit="$unittmp"
fi
put_file "$unit" "$UNIT_FILE" 0644 root:root
UNIT_CHANGED=$WROTE
put_file "$HERE/journald-hoctap-kiosk.conf" "$JOURNALD_FILE" 0644 root:root
if [ "$WROTE" = 1 ]; then run systemctl restart systemd-journald; fi

if [ "$UNIT_CHANGED" = 1 ]; then run systemctl daemon-reload; fi
if [ "$DRY" = 1 ]; then
  run systemctl enable --now "$SERVICE"
elif systemctl is-enabled --quiet "$SERVICE" && systemctl is-active --quiet "$SERVICE"; then
  if [ "$UNIT_CHANGED" = 1 ] || [ "$APP_CHANGED" = 1 ]; then
    systemctl restart "$SERVICE"
    say "Đã khởi động lại dịch vụ $SERVICE" "Restarted the $SERVICE service"
  else
    kept "dịch vụ / service $SERVICE (đang chạy / running)"
  fi
else
  systemctl enable --now "$SERVICE"
  say "Đã bật và chạy dịch vụ $SERVICE" "Enabled and started the $SERVICE service"
fi

say "Xong. Nhật ký: journalctl -u $SERVICE -f" "Done. Logs: journalctl -u $SERVICE -f"
say "Cấu hình: $ENV_FILE (sửa xong: systemctl restart $SERVICE)" "Settings: $ENV_FILE (then: systemctl restart $SERVICE)"
