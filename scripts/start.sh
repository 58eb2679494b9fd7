#!/usr/bin/env bash
# Installs what is missing, builds 和解台 and starts the desktop app on its embedded default
# database (the OS data directory, or $HEJIE_DB), filled with demonstration data on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/ui-deps.sh
cargo build --locked --release -p hejie -p hejie-desktop
if [ "$(target/release/hejie cases --all --json | tr -d '[:space:]')" = "[]" ]; then
  target/release/hejie demo
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "没有图形界面（DISPLAY 未设置）：请在桌面环境中运行，或用 xvfb-run $0 试运行。" >&2
  exit 1
fi
exec target/release/hejie-desktop
