#!/usr/bin/env bash
# The web part: builds the WebAssembly package and the page, runs the JavaScript package's tests in
# Node (the whole conformance corpus through the module) and the browser test (Debian's Chromium
# driven by playwright-core against the page served from 127.0.0.1).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/setup-web.sh

log "build: WebAssembly package (wasm/build.sh)"
wasm/build.sh
log "build: page (web/build.mjs → web/dist)"
node web/build.mjs

cd web
log "node --test test/*.test.mjs (module API, errors, panics, conformance corpus, TypeScript definitions, display)"
node --test --test-reporter=spec test/*.test.mjs
log "node --test browser/*.test.mjs (the page in Chromium)"
node --test --test-reporter=spec browser/*.test.mjs
