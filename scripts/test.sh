#!/usr/bin/env bash
# Every test of every surface, after installing what is missing. Stops at the first failing part.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/setup.sh
passed=0
for part in rust c python web; do
  if [ -x "scripts/test-$part.sh" ]; then
    log "tests: $part"
    start=$(date +%s)
    "scripts/test-$part.sh"
    log "tests: $part passed in $(( $(date +%s) - start )) s"
    passed=$((passed + 1))
  fi
done
echo "suites: $passed passed, 0 failed"
