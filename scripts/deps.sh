#!/usr/bin/env bash
# Installs the system packages 和解台 needs on Debian/Ubuntu, only those missing.
# Usage: scripts/deps.sh [test]   ("test" adds the tools the test suite reads PDFs with)
set -euo pipefail
pkgs=(pkg-config build-essential fonts-noto-cjk)
if [ "${1:-}" = "test" ]; then
  pkgs+=(poppler-utils qpdf)
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
