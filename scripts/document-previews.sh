#!/usr/bin/env bash
# Renders page 1 of every document kind from the demo data into docs/documents/*.png (committed,
# for review). Needs poppler-utils (scripts/deps.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --bin hejie
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export HEJIE_DB="$tmp/preview.db" HEJIE_TODAY=2026-11-30 HEJIE_USER=李娜
target/debug/hejie demo >/dev/null
mkdir -p docs/documents
render() { target/debug/hejie render "$1" "$2" --out "$tmp/$1$3.pdf" ${4:-} >/dev/null; pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tmp/$1$3.pdf" "docs/documents/$1$3"; }
settled="（2026）鲁0502执前调23号"      # performed: every paper of a settled case
failed="（2026）鲁0502执前调27号"       # talks failed, transferred for execution
for k in agreement execution_notice property_order session_notice record transfer service_receipt catalogue; do render "$k" "$settled" ""; done
render agreement "$settled" -wet --wet
render suggestion "$failed" ""
render transfer "$failed" -not-settled
ls docs/documents
