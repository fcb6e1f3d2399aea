#!/usr/bin/env bash
# Rust components used by the tests.
source "$(dirname "$0")/lib.sh"
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
# cargo fuzz (fuzz/run.sh): from crates.io, built once with the stable toolchain.
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
