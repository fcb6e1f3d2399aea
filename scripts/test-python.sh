#!/usr/bin/env bash
# The Python surface: builds the native module once (release), then pytest (conformance corpus,
# API, errors, threads, batches, PySpark in local mode), the stub check, mypy and ruff.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
"$ROOT/scripts/setup-python.sh"
PY="$VENV/bin/python"
export VIRTUAL_ENV="$VENV"
export PATH="$VENV/bin:$PATH"

log "python: maturin develop --release"
"$VENV/bin/maturin" develop --release --quiet

log "python: pytest"
set +e
"$PY" -m pytest -q tests/python
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: tests/python is empty or broken" >&2
  exit 1
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi

log "python: stub check (stubtest)"
"$PY" -m mypy.stubtest duplicata._native --allowlist "$ROOT/tests/python/stubtest-allowlist.txt"

log "python: mypy"
"$PY" -m mypy --no-error-summary

log "python: ruff"
"$VENV/bin/ruff" check
"$VENV/bin/ruff" format --check
