#!/usr/bin/env bash
# Benchmark of the page: size of the WebAssembly package and time of an evaluation inside the page
# (Chromium, performance.now over many iterations). Numbers go to docs/bench/web.md.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/setup-web.sh
wasm/build.sh
node web/build.mjs
log "benchmark in Chromium (web/browser/bench.mjs)"
node web/browser/bench.mjs "$@"
