#!/usr/bin/env bash
# Rust components used by the tests.
source "$(dirname "$0")/lib.sh"
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
