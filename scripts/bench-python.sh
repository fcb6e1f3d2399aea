#!/usr/bin/env bash
# Benchmarks of the Python surface; the numbers go to docs/bench/python.md (measured, not asserted).
# ROWS=10000000 by default; BENCH_DIR holds the generated Parquet file (not committed).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
"$ROOT/scripts/setup-python.sh"
"$VENV/bin/maturin" develop --release --quiet
PY="$VENV/bin/python"
ROWS="${ROWS:-10000000}"
BENCH_DIR="${BENCH_DIR:-$ROOT/target/bench-python}"
mkdir -p "$BENCH_DIR"
cd examples/python
log "python bench: single evaluate"
"$PY" bench.py single
log "python bench: fees_batch on $ROWS rows (one thread)"
"$PY" bench.py batch "$ROWS"
log "python bench: fees_stream over a $ROWS-row Parquet file"
[ -f "$BENCH_DIR/fleet-$ROWS.parquet" ] || "$PY" bench.py write "$BENCH_DIR/fleet-$ROWS.parquet" "$ROWS"
"$PY" bench.py stream "$BENCH_DIR/fleet-$ROWS.parquet"
