#!/usr/bin/env bash
# Tools for the C ABI tests: cbindgen (pinned: the committed header must equal its output),
# C and C++ compilers, Valgrind, pkg-config, binutils (objcopy, readelf, nm), libabigail's
# abidw/abidiff (Debian package abigail-tools), dpkg-deb and Python 3 (the header's
# post-processing and the ABI rules). Idempotent: each step checks before it installs.
source "$(dirname "$0")/lib.sh"

CBINDGEN_VERSION="0.29.4"

if [ "$(cbindgen --version 2>/dev/null || true)" != "cbindgen $CBINDGEN_VERSION" ]; then
  log "installing cbindgen $CBINDGEN_VERSION"
  cargo install cbindgen --version "$CBINDGEN_VERSION" --locked --force
fi

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need gcc gcc
need g++ g++
need make make
need valgrind valgrind
need pkg-config pkg-config
need objcopy binutils
need abidiff abigail-tools
need abidw abigail-tools
need dpkg-deb dpkg
need python3 python3
if [ "${#missing[@]}" -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  log "installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
