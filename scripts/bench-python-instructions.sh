#!/usr/bin/env bash
# Instructions per row of a warm `fees_batch` call (callgrind counts only inside the batch kernel,
# `_native::batch::fees_batch`): (3 calls - 1 call) / (2 x ROWS), for a pyarrow table and a polars
# frame of the benchmark's generated fleet. Deterministic where timings on a shared machine are
# not; the numbers go to docs/bench/python.md (measured, not asserted). Needs valgrind.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
"$ROOT/scripts/setup-python.sh"
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
# The unstripped module (the installed one is stripped): callgrind needs the kernel's symbol.
"$VENV/bin/maturin" develop --release --quiet
cargo build --release --quiet -p duplicata-python
cp target/release/lib_native.so python/duplicata/_native.abi3.so
ROWS="${ROWS:-500000}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
cd examples/python
for lib in pyarrow polars; do
  for k in 1 3; do
    valgrind --tool=callgrind --callgrind-out-file="$OUT/$lib.$k" \
      --toggle-collect='_native::batch::fees_batch' \
      "$VENV/bin/python" bench.py calls "$ROWS" "$k" "$lib" 2>"$OUT/$lib.$k.log" >/dev/null
    grep -o 'refs: *[0-9,]*' "$OUT/$lib.$k.log" | tr -dc '0-9' > "$OUT/$lib.$k.ir"
  done
  "$VENV/bin/python" -c "import sys; a, b = (int(open(f).read()) for f in sys.argv[1:3]); print(f'{sys.argv[3]:8} {(b - a) / (2 * int(sys.argv[4])):.1f} instructions a row (warm call)')" \
    "$OUT/$lib.1.ir" "$OUT/$lib.3.ir" "$lib" "$ROWS"
done
# The stripped module again, as the other scripts install it.
cd "$ROOT" && "$VENV/bin/maturin" develop --release --quiet
