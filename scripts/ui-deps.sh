#!/usr/bin/env bash
# The UI's npm packages, from the registry at install time: signature_pad and pdf.js, copied into
# ui/vendor/, and Biome, the UI's formatter and linter (`npm run lint:ui`), in node_modules/.bin.
# `npm ci` runs when any of them is missing or package-lock.json is newer than the copies.
set -euo pipefail
cd "$(dirname "$0")/.."
vendored=ui/vendor/signature_pad.umd.min.js
if [ ! -f "$vendored" ] || [ package-lock.json -nt "$vendored" ] || [ ! -x node_modules/.bin/biome ]; then
  # --include=dev: Biome is a devDependency, which NODE_ENV=production would otherwise leave out.
  npm ci --include=dev --no-audit --no-fund
  node scripts/vendor.mjs
  if ! node_modules/.bin/biome --version >/dev/null 2>&1; then
    echo "警告：Biome 未能安装（node_modules/.bin/biome 无法运行），npm run lint:ui 不可用" >&2
  fi
fi
