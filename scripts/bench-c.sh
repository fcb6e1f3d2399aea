#!/usr/bin/env bash
# Benchmarks of the C ABI (numbers for docs/bench/c.md): the typed fee call, plate parsing, the
# JSON evaluation, and 8 threads against 1. Built like the tests (release library, static link).
#   scripts/bench-c.sh [SECONDS_PER_MEASURE]   (default 2)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
W="$ROOT/target/c-bench"
mkdir -p "$W"
log "cargo build -p duplicata-ffi --release"
cargo build -q -p duplicata-ffi --release --lib
gcc -std=c99 -Wall -Wextra -Werror -pedantic -O2 -I include tests/c/bench.c \
  target/release/libduplicata.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc -o "$W/bench"
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$W/bench" "${1:-2}"
