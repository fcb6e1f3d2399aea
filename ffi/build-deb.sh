#!/usr/bin/env bash
# The Debian packages of the C library, built with dpkg-deb from ffi/build-lib.sh's output, into
# target/deb/:
#   libduplicata<M>_<version>_<arch>.deb      the shared library (SONAME libduplicata.so.<M>)
#   libduplicata-dev_<version>_<arch>.deb     header, pkg-config file, static library, the
#                                             libduplicata.so link, the example and the docs
# Installed under /usr, the library in the multiarch directory (/usr/lib/x86_64-linux-gnu).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
LICENSE="$(sed -n 's/^license = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
MAJOR="${VERSION%%.*}"
ARCH="$(dpkg --print-architecture)"
MULTIARCH="$(gcc -print-multiarch)"
LIBDIR="/usr/lib/$MULTIARCH"
OUT="$ROOT/target/deb"
STAGE="$OUT/stage"
RUNTIME="libduplicata$MAJOR"
SO="libduplicata.so.$VERSION"

rm -rf "$OUT"
mkdir -p "$STAGE"
ffi/install-lib.sh "$STAGE/all" /usr "$LIBDIR"

# The oldest C library and libgcc versions the shared library needs (its versioned symbols).
glibc=$(objdump -T "$STAGE/all$LIBDIR/$SO" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)
DEPENDS="libc6 (>= $glibc), libgcc-s1"

copyright() {
  cat <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: duplicata
Source: $(sed -n 's/^repository = "\(.*\)"/\1/p' Cargo.toml | head -n 1)

Files: *
Copyright: the duplicata authors
License: $LICENSE
COPYRIGHT
}

# control PACKAGE DIR DEPENDS SECTION DESCRIPTION...
control() {
  local package="$1" dir="$2" depends="$3" section="$4"
  shift 4
  mkdir -p "$dir/DEBIAN" "$dir/usr/share/doc/$package"
  copyright > "$dir/usr/share/doc/$package/copyright"
  {
    echo "Package: $package"
    echo "Source: duplicata"
    echo "Version: $VERSION"
    echo "Architecture: $ARCH"
    echo "Maintainer: duplicata maintainers <duplicata@example.invalid>"
    echo "Installed-Size: $(du -sk --exclude=DEBIAN "$dir" | cut -f1)"
    echo "Depends: $depends"
    [ "$package" = "$RUNTIME" ] && echo "Multi-Arch: same"
    echo "Section: $section"
    echo "Priority: optional"
    echo "Description: $1"
    shift
    for line in "$@"; do echo " $line"; done
  } > "$dir/DEBIAN/control"
}

# The runtime package: the library and its SONAME link; ldconfig runs on install.
R="$STAGE/$RUNTIME"
mkdir -p "$R$LIBDIR"
cp -a "$STAGE/all$LIBDIR/$SO" "$STAGE/all$LIBDIR/libduplicata.so.$MAJOR" "$R$LIBDIR/"
control "$RUNTIME" "$R" "$DEPENDS" libs \
  "rules engine for French duplicate carte grise and CMI requests" \
  "The C library of duplicata: who may ask for a duplicata of a certificat" \
  "d'immatriculation (carte grise) or of a carte mobilite inclusion, what it" \
  "costs (lines Y1 to Y5, exact amounts), which documents to bring, each answer" \
  "explained with its legal source."
echo "libduplicata $MAJOR $RUNTIME (>= $VERSION)" > "$R/DEBIAN/shlibs"
echo "activate-noawait ldconfig" > "$R/DEBIAN/triggers"

# The development package.
D="$STAGE/libduplicata-dev"
mkdir -p "$D$LIBDIR/pkgconfig" "$D/usr/include" "$D/usr/share/doc/libduplicata-dev/examples"
cp -a "$STAGE/all$LIBDIR/libduplicata.so" "$STAGE/all$LIBDIR/libduplicata.a" "$D$LIBDIR/"
cp -a "$STAGE/all$LIBDIR/pkgconfig/duplicata.pc" "$D$LIBDIR/pkgconfig/"
cp -a "$STAGE/all/usr/include/duplicata.h" "$D/usr/include/"
install -m 644 examples/c/guichet.c "$D/usr/share/doc/libduplicata-dev/examples/guichet.c"
install -m 644 docs/errors.md "$D/usr/share/doc/libduplicata-dev/errors.md"
install -m 644 docs/bench/c.md "$D/usr/share/doc/libduplicata-dev/benchmarks.md"
control libduplicata-dev "$D" "$RUNTIME (= $VERSION)" libdevel \
  "rules engine for French duplicate carte grise and CMI requests (development)" \
  "Header, pkg-config file and static library of duplicata, with an example" \
  "counter program (guichet.c) and the list of error codes. The header compiles" \
  "as C89, C99, C11, C++98 and C++17."

for pkg in "$RUNTIME" libduplicata-dev; do
  find "$STAGE/$pkg" -type d -exec chmod 755 {} +
  dpkg-deb --root-owner-group -Zxz --build "$STAGE/$pkg" "$OUT/${pkg}_${VERSION}_${ARCH}.deb" > /dev/null
done
rm -rf "$STAGE"
ls "$OUT"/*.deb
