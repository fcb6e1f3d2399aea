#!/usr/bin/env bash
# Formatting, lints, and the Rust tests (core, command line, C ABI crate).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
log "cargo fmt --check"
cargo fmt --all --check
log "cargo clippy"
cargo clippy --workspace --all-targets -q -- -D warnings
log "bad-input corpus: tests/bad-inputs/generated is what generate.py writes"
python3 tests/bad-inputs/generate.py --check
log "cargo test"
cargo test -q  # default members: core, cli, ffi (the Python and WebAssembly crates are tested by their own scripts)
log "fuzz: a short run of every target (fuzz/README.md gives the longer one)"
fuzz/run.sh "${FUZZ_SECONDS:-12}"
