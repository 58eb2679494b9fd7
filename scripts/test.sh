#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite: core rules and procedure, store and CLI,
# documents read back with poppler/qpdf, and the real window under Xvfb (tauri-driver + WebKitWebDriver).
# This is the command CI runs through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
scripts/ui-deps.sh
command -v tauri-driver >/dev/null 2>&1 || [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ] \
  || cargo install tauri-driver --locked --version 2.1.0
export CARGO_TERM_COLOR=never
cargo test --locked --workspace 2>&1
