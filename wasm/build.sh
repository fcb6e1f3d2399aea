#!/usr/bin/env bash
# Builds the WebAssembly package into wasm/pkg: the core compiled to wasm32-unknown-unknown, then
# wasm-bindgen --target web (an ES module any page can import, with TypeScript definitions).
# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock
# (scripts/setup-web.sh installs it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "wasm/build.sh: wasm-bindgen CLI $want needed (found '${have:-none}'): run scripts/setup-web.sh" >&2
  exit 1
fi

cargo build -q -p duplicata-wasm --profile wasm-release --target wasm32-unknown-unknown
input="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/wasm-release/duplicata_wasm.wasm"
out="$ROOT/wasm/pkg"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name duplicata_wasm "$input"

# A package.json so that the folder is an npm package (import "duplicata-wasm").
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
cat > "$out/package.json" <<JSON
{
  "name": "duplicata-wasm",
  "version": "$version",
  "description": "The duplicata engine (French duplicate carte grise / CMI rules) in WebAssembly",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "duplicata_wasm.js",
  "module": "duplicata_wasm.js",
  "types": "duplicata_wasm.d.ts",
  "files": ["duplicata_wasm.js", "duplicata_wasm.d.ts", "duplicata_wasm_bg.wasm", "duplicata_wasm_bg.wasm.d.ts", "snippets"],
  "sideEffects": ["./snippets/*"]
}
JSON
raw=$(stat -c %s "$out/duplicata_wasm_bg.wasm")
gz=$(gzip -9 -c "$out/duplicata_wasm_bg.wasm" | wc -c)
echo "wasm/pkg: duplicata_wasm_bg.wasm $raw bytes, $gz bytes gzip -9" >&2
