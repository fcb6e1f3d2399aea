#!/usr/bin/env bash
# The main job: build the command line once and show what it answers.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
log "building the duplicata command line"
cargo build --release -q -p duplicata-cli
bin="$ROOT/target/release/duplicata"
for f in examples/requests/*.json; do
  log "duplicata evaluate $f"
  "$bin" evaluate "$f" || true
done
log "duplicata rate 33 2019-06-01"
"$bin" rate 33 2019-06-01
