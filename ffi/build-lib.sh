#!/usr/bin/env bash
# Builds the C library as shipped into target/c-lib/ (used by make install, make deb,
# scripts/test-c.sh and scripts/bench-c.sh):
#   libduplicata.so.MAJOR.MINOR.PATCH   the shared library, SONAME libduplicata.so.MAJOR, stripped
#   libduplicata.so.MAJOR, libduplicata.so   the usual symlinks
#   libduplicata.a                      the static library, debug info stripped
#   debug/libduplicata.so.M.m.p.debug   the debug info of the shared library (its C ABI types;
#                                       linked by .gnu_debuglink), read by the ABI check
#   sizes.txt                           sizes before and after stripping (docs/bench/c.md)
# Profile c-release of Cargo.toml: full LTO, one code unit, debug info for the ffi crate only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
MAJOR="${VERSION%%.*}"
OUT="$ROOT/target/c-lib"
BUILT="$ROOT/target/c-release"

cargo build -q -p duplicata-ffi --profile c-release --lib
rm -rf "$OUT"
mkdir -p "$OUT/debug"
so="libduplicata.so.$VERSION"
cp "$BUILT/libduplicata.so" "$OUT/$so"
cp "$BUILT/libduplicata.a" "$OUT/libduplicata.a"
before_so=$(stat -c %s "$OUT/$so")
before_a=$(stat -c %s "$OUT/libduplicata.a")
objcopy --only-keep-debug --compress-debug-sections "$OUT/$so" "$OUT/debug/$so.debug"
objcopy --strip-debug --strip-unneeded "$OUT/$so"
(cd "$OUT" && objcopy --add-gnu-debuglink="debug/$so.debug" "$so")
strip --strip-debug "$OUT/libduplicata.a"
ln -s "$so" "$OUT/libduplicata.so.$MAJOR"
ln -s "libduplicata.so.$MAJOR" "$OUT/libduplicata.so"
soname=$(readelf -d "$OUT/$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libduplicata.so.$MAJOR" ] || { echo "SONAME is '$soname', not libduplicata.so.$MAJOR" >&2; exit 1; }
{
  echo "version $VERSION"
  echo "so_before $before_so"
  echo "so_after $(stat -c %s "$OUT/$so")"
  echo "a_before $before_a"
  echo "a_after $(stat -c %s "$OUT/libduplicata.a")"
  echo "debug_file $(stat -c %s "$OUT/debug/$so.debug")"
} > "$OUT/sizes.txt"
