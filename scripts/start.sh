#!/usr/bin/env bash
# Installs what is missing, builds 和解台 and starts it on the embedded default database
# (the OS data directory, or $HEJIE_DB), filling it with demonstration data on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo build --locked --release --bin hejie
bin=target/release/hejie
if [ "$($bin cases --all --json | tr -d '[:space:]')" = "[]" ]; then
  $bin demo
fi
echo "== 工作台（最近期限在前）"
$bin cases
echo
echo "== 五日内到期"
$bin due --within 5
