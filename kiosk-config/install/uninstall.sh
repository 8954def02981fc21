#!/usr/bin/env bash
# Gỡ kiosk Công dân học tập khỏi máy. Removes the kiosk from the box.
#
#   sudo bash kiosk-config/install/uninstall.sh            # keeps the data and the settings
#   sudo bash kiosk-config/install/uninstall.sh --purge    # also deletes them (asks you to type XOA)
#   sudo bash kiosk-config/install/uninstall.sh --purge --yes
#
# Stops and disables the service, removes its unit, the journald drop-in and /opt/hoctap-kiosk.
# The data (/var/lib/hoctap-kiosk, backups included), the settings (/etc/hoctap-kiosk.env) and the
# user hoctap stay unless --purge. INSTALL_ROOT and INSTALL_DRY_RUN work as in install.sh.
set -euo pipefail

ROOT="${INSTALL_ROOT:-}"
ROOT="${ROOT%/}"
DRY="${INSTALL_DRY_RUN:-0}"

SERVICE=hoctap-kiosk
APP_USER=hoctap
APP_DIR=/opt/hoctap-kiosk
DATA_DIR=/var/lib/hoctap-kiosk
ENV_FILE=/etc/hoctap-kiosk.env
UNIT_FILE=/etc/systemd/system/hoctap-kiosk.service
JOURNALD_FILE=/etc/systemd/journald.conf.d/hoctap-kiosk.conf

say() { printf '%s / %s\n' "$1" "$2"; }
fail() { say "LỖI: $1" "ERROR: $2" >&2; exit 1; }
run() {
  if [ "$DRY" = 1 ]; then say "(chạy thử) sẽ chạy: $*" "(dry run) would run: $*"; else "$@"; fi
}
# remove PATH: deletes a file or folder, saying so.
remove() {
  if [ -e "$ROOT$1" ]; then
    rm -rf -- "$ROOT$1"
    say "Đã xoá $1" "Removed $1"
  else
    say "$1: không có" "$1: not there"
  fi
}

PURGE=0
YES=0
for arg in "$@"; do
  case "$arg" in
    --purge) PURGE=1 ;;
    --yes) YES=1 ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) fail "không hiểu: $arg" "unknown option: $arg" ;;
  esac
done

if [ "$DRY" != 1 ] && [ "$(id -u)" -ne 0 ]; then
  fail "cần quyền root, hãy chạy: sudo bash $0" "must run as root: sudo bash $0"
fi

# Ask first, so that a "no" leaves everything as it was.
if [ "$PURGE" = 1 ] && [ "$YES" != 1 ]; then
  say "Sẽ XOÁ HẲN mọi dữ liệu ($DATA_DIR, cả bản sao lưu) và $ENV_FILE." "This DELETES all data ($DATA_DIR, backups included) and $ENV_FILE."
  printf '%s' "Gõ XOA để đồng ý / Type XOA to confirm: "
  answer=""
  read -r answer || true
  if [ "$answer" != XOA ]; then
    say "Đã huỷ, không xoá gì" "Cancelled, nothing removed"
    exit 1
  fi
fi

if [ "$DRY" = 1 ]; then
  run systemctl disable --now "$SERVICE"
else
  systemctl disable --now "$SERVICE" 2>/dev/null || true
fi
remove "$UNIT_FILE"
if [ -e "$ROOT$JOURNALD_FILE" ]; then
  remove "$JOURNALD_FILE"
  run systemctl restart systemd-journald
fi
run systemctl daemon-reload
remove "$APP_DIR"

if [ "$PURGE" = 1 ]; then
  remove "$DATA_DIR"
  remove "$ENV_FILE"
  if id -u "$APP_USER" >/dev/null 2>&1; then run userdel "$APP_USER"; fi
else
  say "Giữ lại dữ liệu $DATA_DIR và cấu hình $ENV_FILE (xoá hẳn: --purge)" "Kept the data $DATA_DIR and settings $ENV_FILE (to delete them: --purge)"
fi
say "Đã gỡ kiosk" "The kiosk is removed"
