#!/usr/bin/env bash
# Benchmarks of the C ABI (numbers for docs/bench/c.md and BENCHMARKS.md): the typed fee call,
# plate parsing, the JSON evaluation, and 8 threads against 1, then the instructions of the typed
# call (Valgrind's callgrind). Built like the tests, against the
# library as shipped (ffi/build-lib.sh: profile c-release, stripped), static link; then the sizes
# of the shipped library.
#   scripts/bench-c.sh [SECONDS_PER_MEASURE]   (default 2)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
W="$ROOT/target/c-bench"
mkdir -p "$W"
log "ffi/build-lib.sh (profile c-release)"
ffi/build-lib.sh
gcc -std=c99 -Wall -Wextra -Werror -pedantic -O2 -I include tests/c/bench.c \
  target/c-lib/libduplicata.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc -o "$W/bench"
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$W/bench" "${1:-2}"
gcc -std=c99 -Wall -Wextra -Werror -pedantic -O2 -I include tests/c/bench_instructions.c \
  target/c-lib/libduplicata.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc -o "$W/bench_instructions"
# Instructions per typed call (callgrind: the same count on a busy machine): N + 100000 calls
# minus N calls, so the engine's creation drops out.
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$W/bench_instructions" "$1" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
a=$(count 20000)
b=$(count 120000)
log "typed fee call (duplicata_engine_fees): $(((b - a) / 100000)) instructions/call (callgrind)"
log "sizes (bytes) of target/c-lib/"
cat target/c-lib/sizes.txt
