#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite (the command CI runs through .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
export CARGO_TERM_COLOR=never
cargo test --locked --workspace 2>&1
