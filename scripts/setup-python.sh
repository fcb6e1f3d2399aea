#!/usr/bin/env bash
# The one virtual environment of every Python step (.venv at the root), created and filled
# idempotently: each package is installed only when missing.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
PY="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  log "python: creating $VENV"
  "$PY" -m venv "$VENV"
fi
# import name → pip requirement
wanted=(
  "maturin:maturin>=1.9,<2"
  "pytest:pytest"
  "hypothesis:hypothesis"
  "pyarrow:pyarrow>=15"
  "pandas:pandas"
  "polars:polars"
  "pyspark:pyspark>=3.5"
  "mypy:mypy"
  "ruff:ruff"
  "matplotlib:matplotlib"
  "psutil:psutil"
  # examples/python/analyst.ipynb is executed by the tests (nbclient, a Python kernel).
  "nbformat:nbformat"
  "nbclient:nbclient"
  "ipykernel:ipykernel"
)
missing=()
for item in "${wanted[@]}"; do
  mod="${item%%:*}"
  req="${item#*:}"
  "$VENV/bin/python" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$mod') is None)" \
    || missing+=("$req")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "python: installing ${missing[*]}"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${missing[@]}"
else
  log "python: every tool is installed"
fi
