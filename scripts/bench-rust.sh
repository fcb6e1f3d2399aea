#!/usr/bin/env bash
# Criterion benchmarks of the core: evaluate, fees only, plate parsing, rate lookup.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
cargo bench -p duplicata-core --bench engine -- --noplot 2>&1 | grep -E '^[a-z_ (),+0-9]+$|time:' | sed 's/^ *//'
