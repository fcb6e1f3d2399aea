#!/usr/bin/env bash
# Installs the C library built by ffi/build-lib.sh (target/c-lib/) the usual Linux way:
#   LIBDIR/libduplicata.so.M.m.p, the symlinks libduplicata.so.M (the SONAME, for the loader) and
#   libduplicata.so (for the linker), LIBDIR/libduplicata.a, PREFIX/include/duplicata.h and
#   LIBDIR/pkgconfig/duplicata.pc.
# usage: ffi/install-lib.sh DESTDIR PREFIX [LIBDIR]   (LIBDIR defaults to PREFIX/lib)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DESTDIR="${1:-}"
PREFIX="${2:?usage: install-lib.sh DESTDIR PREFIX [LIBDIR]}"
LIBDIR="${3:-$PREFIX/lib}"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n 1)"
MAJOR="${VERSION%%.*}"
SRC="$ROOT/target/c-lib"
[ -f "$SRC/libduplicata.so.$VERSION" ] || { echo "run ffi/build-lib.sh first" >&2; exit 1; }

install -d "$DESTDIR$LIBDIR/pkgconfig" "$DESTDIR$PREFIX/include"
install -m 755 "$SRC/libduplicata.so.$VERSION" "$DESTDIR$LIBDIR/libduplicata.so.$VERSION"
ln -sfn "libduplicata.so.$VERSION" "$DESTDIR$LIBDIR/libduplicata.so.$MAJOR"
ln -sfn "libduplicata.so.$MAJOR" "$DESTDIR$LIBDIR/libduplicata.so"
install -m 644 "$SRC/libduplicata.a" "$DESTDIR$LIBDIR/libduplicata.a"
install -m 644 "$ROOT/include/duplicata.h" "$DESTDIR$PREFIX/include/duplicata.h"
sed -e "s|@PREFIX@|$PREFIX|" -e "s|@LIBDIR@|$LIBDIR|" -e "s|@VERSION@|$VERSION|" \
  "$ROOT/ffi/duplicata.pc.in" > "$DESTDIR$LIBDIR/pkgconfig/duplicata.pc"
chmod 644 "$DESTDIR$LIBDIR/pkgconfig/duplicata.pc"
