#!/usr/bin/env bash
# Installs the system packages 和解台 needs on Debian/Ubuntu, only those missing.
# Usage: scripts/deps.sh [test]   ("test" adds PDF readers, Xvfb and the WebKit WebDriver)
set -euo pipefail
# Build tools, the Tauri 2 / WebKitGTK libraries, and the open CJK fallback font for documents.
pkgs=(pkg-config build-essential file fonts-noto-cjk libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
      libayatana-appindicator3-dev libssl-dev libxdo-dev xdg-utils)
if [ "${1:-}" = "test" ]; then
  # Reading PDFs back (text, fonts, QR codes), the TrueType CJK faces the glyph check runs on
  # besides Noto's CFF (the shape of Windows' simfang.ttf / simsun.ttc), and the real window
  # under a virtual display driven by WebDriver.
  pkgs+=(poppler-utils qpdf zbar-tools fonts-arphic-uming fonts-wqy-zenhei xvfb xauth
         webkit2gtk-driver)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q -o DPkg::Lock::Timeout=600
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
fi
