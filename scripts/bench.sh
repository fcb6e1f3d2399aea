#!/usr/bin/env bash
# Every benchmark; the numbers are recorded in BENCHMARKS.md (never asserted by the tests).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/setup.sh
for part in rust c python web; do
  if [ -x "scripts/bench-$part.sh" ]; then
    log "benchmarks: $part"
    "scripts/bench-$part.sh"
  fi
done
