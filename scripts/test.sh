#!/usr/bin/env bash
# Every test of every surface, after installing what is missing. Stops at the first failing part.
# Each part's output is kept in target/test-logs/PART.log; the closing line adds up the tests the
# runners counted (cargo test, the C suite, pytest, node --test). A part whose script is missing,
# or whose runners counted no test, fails the run.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/setup.sh
LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"
total_passed=0
total_failed=0

# count LOG: prints "PASSED FAILED" as counted by the runners whose closing lines are in LOG.
count() {
  awk '
    /^test result: / {                      # cargo test
      for (i = 1; i <= NF; i++) {
        if ($(i + 1) ~ /^passed;?$/) p += $i
        if ($(i + 1) ~ /^failed;?$/) f += $i
      }
    }
    /^c: [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4 }   # the C suite
    /^[=]* *[0-9]+ passed/ && / in [0-9.]+s/ {                  # pytest
      for (i = 1; i <= NF; i++) {
        if ($(i + 1) ~ /^passed,?$/) p += $i
        if ($(i + 1) ~ /^failed,?$/) f += $i
      }
    }
    /^ℹ pass [0-9]+$/ { p += $3 }            # node --test (spec reporter)
    /^ℹ fail [0-9]+$/ { f += $3 }
    END { printf "%d %d\n", p, f }
  ' "$1"
}

for part in rust c python web; do
  script="scripts/test-$part.sh"
  if [ ! -x "$script" ]; then
    echo "tests: $script is missing or not executable" >&2
    echo "tests: $total_passed passed, 1 failed"
    exit 1
  fi
  log "tests: $part"
  start=$(date +%s)
  set +e
  "$script" 2>&1 | tee "$LOGS/$part.log"
  status=${PIPESTATUS[0]}
  set -e
  read -r passed failed < <(count "$LOGS/$part.log")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  if [ "$status" -ne 0 ]; then
    log "tests: $part FAILED (exit $status) after $(( $(date +%s) - start )) s"
    echo "tests: $total_passed passed, $((total_failed > 0 ? total_failed : 1)) failed"
    exit "$status"
  fi
  if [ "$passed" -eq 0 ]; then
    log "tests: $part ran no test (see $LOGS/$part.log)"
    echo "tests: $total_passed passed, 1 failed"
    exit 1
  fi
  log "tests: $part passed in $(( $(date +%s) - start )) s ($passed tests)"
done
echo "tests: $total_passed passed, $total_failed failed"
