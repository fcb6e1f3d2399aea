#!/usr/bin/env bash
# Tools of the web part (WebAssembly package, page, browser test). Idempotent: each step checks
# before it installs.
#  - the wasm32-unknown-unknown Rust target;
#  - the wasm-bindgen CLI, exactly the version of the wasm-bindgen crate in Cargo.lock;
#  - Debian's Chromium (/usr/bin/chromium) for the browser test, through apt only if missing;
#  - the page's npm packages (web/node_modules), with npm ci only if missing or outdated.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ -z "$want" ]; then
  echo "setup-web: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [ "$have" != "$want" ]; then
  log "cargo install wasm-bindgen-cli $want (found: ${have:-none})"
  # --locked first; if the registry lacks a version pinned by the CLI's own lock file, resolve anew
  # (the CLI version itself stays exactly the crate's).
  cargo install wasm-bindgen-cli --version "$want" --locked --force ||
    cargo install wasm-bindgen-cli --version "$want" --force
fi

if [ ! -x /usr/bin/chromium ]; then
  log "apt-get install chromium"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi

# npm ci when node_modules is missing or was installed from another package-lock.json.
stamp="web/node_modules/.duplicata-lock.sha256"
lock=$(sha256sum web/package-lock.json | awk '{ print $1 }')
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock" ]; then
  log "npm ci (web/)"
  # web/.npmrc sets ignore-scripts: the DSFR's preinstall script expects a project of its own CLI.
  (cd web && npm ci --no-audit --no-fund)
  echo "$lock" > "$stamp"
fi
