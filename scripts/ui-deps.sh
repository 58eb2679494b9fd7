#!/usr/bin/env bash
# The UI's npm packages (signature_pad, pdf.js), from the registry at install time, copied into ui/vendor/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f ui/vendor/signature_pad.umd.min.js ] || [ package-lock.json -nt ui/vendor/signature_pad.umd.min.js ]; then
  npm ci --no-audit --no-fund
  node scripts/vendor.mjs
fi
