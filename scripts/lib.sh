# Shared helpers for the project's scripts (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# One virtual environment for every Python step.
VENV="$ROOT/.venv"
export VENV
log() { printf '\n==> %s\n' "$*" >&2; }
