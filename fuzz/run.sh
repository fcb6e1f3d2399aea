#!/usr/bin/env bash
# Runs the fuzz targets: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Each target starts from its seed corpus (written from tests/cases by fuzz/seeds.py) and from its
# regression inputs (fuzz/regressions/<target>/, every input that once crashed it), runs for
# SECONDS_PER_TARGET seconds (default 15) and fails on the first crash, leak or timeout; the input
# is then in fuzz/artifacts/<target>/. cargo fuzz needs nightly flags: the stable toolchain accepts
# them with RUSTC_BOOTSTRAP=1, set here for these commands only (separate target dir fuzz/target).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-15}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(request_json plate date params_toml ffi)
command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz missing: run scripts/setup-rust.sh" >&2; exit 1; }
export RUSTC_BOOTSTRAP=1
python3 seeds.py
# -a: debug assertions (overflow checks) on, as in the tests; AddressSanitizer (the default).
cargo fuzz build -a
for t in "${targets[@]}"; do
  mkdir -p "regressions/$t"
  max_len=4096
  [ "$t" = params_toml ] || [ "$t" = ffi ] && max_len=80000
  dict=()
  case "$t" in request_json|ffi) dict=(-dict=corpus/request.dict) ;; esac
  echo "fuzz: $t for ${seconds} s"
  log="artifacts/$t.log"
  mkdir -p artifacts
  status=0
  cargo fuzz run -a "$t" "corpus/$t" "regressions/$t" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${dict[@]}" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz: $t failed (exit $status); the input is in fuzz/artifacts/$t/, the log in fuzz/$log" >&2
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" | tr '\n' ' '
  echo
done
echo "fuzz: ${#targets[@]} targets, no crash"
