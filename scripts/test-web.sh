#!/usr/bin/env bash
# The web part: the WebAssembly crate's own tests (natively: its JSON layer, and the contract's
# lists of the TypeScript types and the page against the core's), then the WebAssembly package and
# the page are built; Node runs the JavaScript package's tests (the whole conformance corpus through
# the module, compared byte for byte with the core's answers) and the browser tests (Debian's
# Chromium driven by playwright-core: the page, its embed mode, print and accessibility at 1280 and
# 390 px; the npm package of <duplicata-simulateur> packed, installed, bundled and driven).
# Screenshots go to web/test-output/.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/setup-web.sh

log "cargo test -p duplicata-wasm (JSON layer, contract lists against the core's)"
cargo test -q -p duplicata-wasm

log "the core's reference answers for the corpus (the core's example corpus_reference, as in scripts/test-c.sh)"
cargo build -q -p duplicata-core --release --example corpus_reference
REF="$ROOT/target/web-tests/reference"
rm -rf "$REF"
mkdir -p "$REF/requests" "$REF/expected"
"$ROOT/target/release/examples/corpus_reference" tests/cases "$REF/requests" "$REF/expected"
export DUPLICATA_REFERENCE="$REF"

log "build: WebAssembly package (wasm/build.sh)"
wasm/build.sh
log "build: page and npm package (web/build.mjs → web/dist, web/package)"
node web/build.mjs

cd web
log "node --test test/*.test.mjs (module API, errors, panics, conformance corpus byte for byte, TypeScript definitions, display)"
node --test --test-reporter=spec test/*.test.mjs
log "node --test browser/*.test.mjs (the page and the custom element in Chromium)"
node --test --test-concurrency=1 --test-reporter=spec browser/*.test.mjs
