#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite. First, and failing fast, the three
# gates every change passes: rustfmt, clippy (warnings are errors) and Biome on ui/js. Then core
# rules and procedure, store and CLI, documents read back with poppler/qpdf/zbar and checked glyph
# by glyph against the original fonts, and the real window under Xvfb (tauri-driver +
# WebKitWebDriver). This is the command CI runs through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
scripts/ui-deps.sh
command -v tauri-driver >/dev/null 2>&1 || [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ] \
  || cargo install tauri-driver --locked --version 2.1.0
export CARGO_TERM_COLOR=never

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== biome ci ui/js"
npx --no-install biome ci ui/js
echo "== cargo clippy -D warnings"
cargo clippy --locked --workspace --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked --workspace 2>&1
