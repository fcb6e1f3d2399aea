#!/usr/bin/env bash
# The C ABI, as shipped (ffi/build-lib.sh: stripped, SONAME, symlinks):
#   header      include/duplicata.h equals a fresh cbindgen generation plus ffi/postprocess-header.py
#   library     SONAME, file name and symlinks, stripped, exported symbols = the header's functions
#   modes       a caller compiles without warning as C89, C99, C11, C++98 and C++17 and runs
#   abi         libabigail's abidiff against the baseline tests/c/abi/libduplicata.so.M.abi (and
#               the rules of ffi/abi-check.py catch what they must); callers built against each
#               published header (tests/c/abi/<version>/duplicata.h) run against the new library
#   suites      tests/c/ and examples/c/guichet.c linked with the static and with the shared
#               library, again under AddressSanitizer + UndefinedBehaviorSanitizer, and under
#               Valgrind (--leak-check=full --error-exitcode=1, no suppression file)
#   install     make install, then guichet built with pkg-config alone, under Valgrind
#   deb         make deb, the packages extracted into a scratch root, guichet built from it with
#               pkg-config alone and run
# Any error, mismatch or leak fails.
#   scripts/test-c.sh               run everything
#   scripts/test-c.sh --regenerate  rewrite include/duplicata.h from ffi/cbindgen.toml, then run
#   scripts/test-c.sh --new-abi-baseline   write the ABI baseline of this major version, then run
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
"$ROOT/scripts/setup-c.sh"

W="$ROOT/target/c-tests"          # everything built or written by this script
LIB="$ROOT/target/c-lib"          # the library as shipped (ffi/build-lib.sh)
CC="${CC:-gcc}"
CXX="${CXX:-g++}"
CFLAGS=(-std=c99 -Wall -Wextra -Werror -pedantic -g -O1 -I"$ROOT/include" -I"$ROOT/tests/c")
STATIC_LIBS=(-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc)   # what a Rust static library needs
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
VALGRIND=(valgrind -q --leak-check=full --error-exitcode=1)   # the defaults otherwise: no suppressions
THREAD_ITERATIONS="${THREAD_ITERATIONS:-400}"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
MAJOR="${VERSION%%.*}"
SO="libduplicata.so.$VERSION"
BASELINE="$ROOT/tests/c/abi/libduplicata.so.$MAJOR.abi"
steps=0

rm -rf "$W"
mkdir -p "$W"/{requests,expected,static,shared,asan,install,modes,old,deb}

log "header: include/duplicata.h against a fresh cbindgen generation (+ ffi/postprocess-header.py)"
cbindgen --quiet --config ffi/cbindgen.toml --crate duplicata-ffi --output "$W/cbindgen.h" ffi
python3 ffi/postprocess-header.py "$W/cbindgen.h" "$W/duplicata.h"
if [ "${1:-}" = "--regenerate" ]; then cp "$W/duplicata.h" include/duplicata.h; fi
if ! diff -u include/duplicata.h "$W/duplicata.h"; then
  echo "include/duplicata.h differs from a fresh generation: run scripts/test-c.sh --regenerate" >&2
  exit 1
fi
steps=$((steps + 1))

log "build: the library as shipped (ffi/build-lib.sh), the corpus reference"
ffi/build-lib.sh
cargo build -q -p duplicata-core --release --example corpus_reference
sed 's/^/  /' "$LIB/sizes.txt"

log "library: SONAME, file name, symlinks, stripped, exported symbols"
soname=$(readelf -d "$LIB/$SO" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libduplicata.so.$MAJOR" ] || { echo "SONAME '$soname', not libduplicata.so.$MAJOR" >&2; exit 1; }
[ "$(readlink "$LIB/libduplicata.so.$MAJOR")" = "$SO" ] && [ "$(readlink "$LIB/libduplicata.so")" = "libduplicata.so.$MAJOR" ] \
  || { echo "symlinks libduplicata.so -> .so.$MAJOR -> $SO missing" >&2; exit 1; }
if readelf -S "$LIB/$SO" | grep -q '\.debug_info'; then echo "$SO is not stripped" >&2; exit 1; fi
readelf -S "$LIB/$SO" | grep -q '\.gnu_debuglink' || { echo "$SO does not link its debug file" >&2; exit 1; }
nm -D --defined-only "$LIB/$SO" | awk '{print $NF}' | sort > "$W/exported.txt"
"$CC" -E -P -x c include/duplicata.h | grep -oE '\bduplicata_[a-z0-9_]+ *\(' | tr -d ' (' | sort -u > "$W/declared.txt"
if grep -v '^duplicata_' "$W/exported.txt"; then echo "symbols exported beside duplicata_* (above)" >&2; exit 1; fi
if ! diff -u "$W/declared.txt" "$W/exported.txt"; then
  echo "the exported symbols (+) differ from the functions of the header (-)" >&2
  exit 1
fi
echo "$(wc -l < "$W/exported.txt") symbols exported, each a function of the header, nothing else"
steps=$((steps + 1))

log "modes: a caller compiled as C89, C99, C11, C++98 and C++17 (-Wall -Wextra -pedantic -Werror)"
for mode in c89 c99 c11 c++98 c++17; do
  case "$mode" in
    c++*) compiler=("$CXX" -x c++) ;;
    *) compiler=("$CC") ;;
  esac
  "${compiler[@]}" -std="$mode" -Wall -Wextra -pedantic -Werror -I"$ROOT/include" tests/c/header_modes.c \
    -x none -L"$LIB" -lduplicata -Wl,-rpath,"$LIB" -o "$W/modes/$mode"
  "$W/modes/$mode" > "$W/modes/$mode.out" || { cat "$W/modes/$mode.out"; echo "$mode: the caller failed" >&2; exit 1; }
  echo "$mode: compiled without warning, ran: $(cat "$W/modes/$mode.out")"
done
# The example is written for the oldest mode.
"$CC" -std=c89 -Wall -Wextra -pedantic -Werror -I"$ROOT/include" -c examples/c/guichet.c -o "$W/modes/guichet.o"
echo "examples/c/guichet.c: C89"
steps=$((steps + 1))

log "abi: abidiff against the baseline $(basename "$BASELINE"), then callers of older headers"
if [ "${1:-}" = "--new-abi-baseline" ]; then
  python3 ffi/abi-check.py dump "$LIB/$SO" "$LIB/debug" "$BASELINE"
fi
[ -f "$BASELINE" ] || { echo "no ABI baseline $BASELINE: scripts/test-c.sh --new-abi-baseline" >&2; exit 1; }
python3 ffi/abi-check.py selftest "$BASELINE"
python3 ffi/abi-check.py check "$BASELINE" "$LIB/$SO" "$LIB/debug"
# Parameter files for the tests: the reference file, a valid variant with another Y5 amount, and a
# broken copy (two periods of Y5 overlap).
PARAMS_A="$ROOT/core/params/duplicata.toml"
PARAMS_B="$W/params-variant.toml"
BROKEN="$W/params-broken.toml"
sed -e 's/^name = "duplicata-reference"/name = "duplicata-variant"/' \
    -e 's/value = "2.76", confidence = "high"/value = "3.10", confidence = "high"/' "$PARAMS_A" > "$PARAMS_B"
sed -e 's/{ from = 2015-09-24, value = "2.76"/{ from = 2015-09-01, value = "2.76"/' "$PARAMS_A" > "$BROKEN"
grep -q '"3.10"' "$PARAMS_B" && ! cmp -s "$PARAMS_A" "$BROKEN" || { echo "cannot derive the test parameter files" >&2; exit 1; }
old_headers=0
for header in tests/c/abi/*/duplicata.h; do
  version="$(basename "$(dirname "$header")")"
  "$CC" -std=c89 -Wall -Wextra -pedantic -Werror -I"$(dirname "$header")" -DDUPLICATA_OLD_HEADER="\"$version\"" \
    tests/c/old_caller.c -L"$LIB" -lduplicata -Wl,-rpath,"$LIB" -o "$W/old/caller-$version"
  "${VALGRIND[@]}" "$W/old/caller-$version" "$BROKEN"
  old_headers=$((old_headers + 1))
done
[ "$old_headers" -gt 0 ] || { echo "no published header in tests/c/abi/" >&2; exit 1; }
steps=$((steps + 1))

log "the core's own answers for the corpus"
target/release/examples/corpus_reference tests/cases "$W/requests" "$W/expected"
mapfile -t CASES < <(cd "$W/requests" && ls -- *.json)

PROGRAMS=(test_corpus test_bad_inputs test_hostile test_threads test_names double_include guichet leak_canary)
sources() {
  case "$1" in
    test_corpus|test_bad_inputs|test_hostile|test_threads|test_names) echo "tests/c/$1.c tests/c/check.c tests/c/jscan.c" ;;
    double_include) echo "tests/c/double_include_a.c tests/c/double_include_b.c" ;;
    guichet) echo "examples/c/guichet.c" ;;
    leak_canary) echo "tests/c/leak_canary.c" ;;
  esac
}

# build VARIANT: compile every program into $W/VARIANT.
build() {
  local variant="$1" p extra=() link=()
  case "$variant" in
    static) link=("$LIB/libduplicata.a" "${STATIC_LIBS[@]}") ;;
    shared) link=(-L"$LIB" -lduplicata -Wl,-rpath,"$LIB" -lpthread) ;;
    asan)   extra=("${SAN[@]}"); link=("$LIB/libduplicata.a" "${STATIC_LIBS[@]}") ;;
  esac
  for p in "${PROGRAMS[@]}"; do
    # shellcheck disable=SC2046
    "$CC" "${CFLAGS[@]}" "${extra[@]}" $(sources "$p") "${link[@]}" -o "$W/$variant/$p"
  done
}

# guichet BIN [RUNNER...]: runs BIN with the arguments GUICHET_ARGS; its output in $receipt, its
# exit status in $status.
guichet() {
  local bin="$1"; shift
  set +e
  receipt=$("$@" "$bin" "${GUICHET_ARGS[@]}")
  status=$?
  set -e
}

# suite VARIANT [RUNNER...]: run every program of $W/VARIANT, through RUNNER if given.
suite() {
  local variant="$1"; shift
  local bin="$W/$variant" out="$W/$variant/out" iterations="$THREAD_ITERATIONS" reloads=20
  mkdir -p "$out"
  if [ "$#" -gt 0 ]; then iterations=25; reloads=3; fi   # under Valgrind the threads run one at a time
  "$@" "$bin/test_corpus" "$W/requests" "$out" "${CASES[@]}"
  # Byte for byte what the core gives.
  if ! diff -r "$W/expected" "$out" > "$W/$variant/corpus.diff"; then
    echo "$variant: the C ABI answers differ from the core's (first lines of $W/$variant/corpus.diff):" >&2
    head -c 2000 "$W/$variant/corpus.diff" >&2
    exit 1
  fi
  echo "corpus: ${#CASES[@]} answers equal to the core's, byte for byte"
  "$@" "$bin/test_bad_inputs" "$PARAMS_A" "$BROKEN"
  "$@" "$bin/test_hostile" tests/bad-inputs
  "$@" "$bin/test_threads" "$PARAMS_A" "$PARAMS_B" "$BROKEN" "$iterations" "$reloads"
  "$@" "$bin/test_names" docs/schema/request.schema.json docs/schema/decision.schema.json
  "$@" "$bin/double_include"
  # The example, from the typed path alone: a receipt, an unknown amount with its reason, and
  # queries the engine refuses (a cyclomoteur number with a car, Corsica's former 20, a name
  # outside the contract).
  GUICHET_ARGS=(2019-06-01 33 ab123cd car petrol); guichet "$bin/guichet" "$@"
  [ "$status" -eq 0 ] && grep -q "TOTAL" <<<"$receipt" && grep -q "47,76" <<<"$receipt" \
    && grep -q "Y5 *Redevance d'acheminement *2,76 €" <<<"$receipt" && grep -q "Y1 *Taxe régionale *41,00 €" <<<"$receipt" \
    && grep -q "Immatriculation : AB-123-CD" <<<"$receipt" \
    && grep -q "au taux de la région du domicile, arrondi à l'euro" <<<"$receipt" \
    && grep -q "confiance : élevée" <<<"$receipt" \
    || { echo "$receipt"; echo "guichet: receipt incomplete" >&2; exit 1; }
  GUICHET_ARGS=(2012-06-01 33 AB-123-CD car petrol); guichet "$bin/guichet" "$@"
  [ "$status" -eq 0 ] && grep -q "non connu" <<<"$receipt" && grep -q "fees.y1.unknown_rate" <<<"$receipt" \
    && grep -q "confiance : faible" <<<"$receipt" \
    || { echo "$receipt"; echo "guichet: an unknown amount must say why" >&2; exit 1; }
  GUICHET_ARGS=(2019-06-01 33 "A 11 A" car petrol); guichet "$bin/guichet" "$@"
  [ "$status" -eq 1 ] && grep -q "request.inconsistent, champ vehicle.category" <<<"$receipt" \
    && grep -q "numéro de cyclomoteur" <<<"$receipt" \
    || { echo "$receipt"; echo "guichet: a moped number with a car must be refused" >&2; exit 1; }
  GUICHET_ARGS=(2019-06-01 20 AB-123-CD car petrol); guichet "$bin/guichet" "$@"
  [ "$status" -eq 1 ] && grep -q "Demande non traitée" <<<"$receipt" && grep -q "department.unknown" <<<"$receipt" \
    || { echo "$receipt"; echo "guichet: an unknown department must say why and exit 1" >&2; exit 1; }
  GUICHET_ARGS=(2019-06-01 33 AB-123-CD voiture petrol); guichet "$bin/guichet" "$@"
  [ "$status" -eq 1 ] && grep -q "ffi.unknown_name, champ vehicle.category" <<<"$receipt" \
    || { echo "$receipt"; echo "guichet: an unknown category name must say why and exit 1" >&2; exit 1; }
  echo "guichet: a receipt, an unknown amount and three refusals printed"
  # The checker itself: a deliberate leak must be reported (only under a checker).
  if [ "$variant" = asan ] || [ "$#" -gt 0 ]; then
    if "$@" "$bin/leak_canary" > "$W/$variant/canary.log" 2>&1; then
      echo "$variant: a deliberate leak was not reported: the leak check proves nothing" >&2
      exit 1
    fi
    echo "leak check: a deliberate leak is reported"
  fi
}

for variant in static shared asan; do
  log "build: $variant"
  build "$variant"
done
steps=$((steps + 1))

log "run: linked with the static library"
suite static
steps=$((steps + 1))

log "run: linked with the shared library"
suite shared
steps=$((steps + 1))

log "run: AddressSanitizer + UndefinedBehaviorSanitizer (leaks included)"
ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:exitcode=1" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  suite asan
steps=$((steps + 1))

log "run: Valgrind (${VALGRIND[*]}: every leak kind valgrind counts by default is an error)"
suite shared "${VALGRIND[@]}"
steps=$((steps + 1))

log "install: make install, then guichet built with pkg-config alone, under Valgrind"
make -s install PREFIX="$W/install" > /dev/null
for f in "lib/$SO" "lib/libduplicata.so.$MAJOR" lib/libduplicata.so lib/libduplicata.a include/duplicata.h lib/pkgconfig/duplicata.pc; do
  [ -e "$W/install/$f" ] || { echo "make install: $f missing" >&2; exit 1; }
done
[ "$(readlink "$W/install/lib/libduplicata.so.$MAJOR")" = "$SO" ] || { echo "make install: SONAME link" >&2; exit 1; }
export PKG_CONFIG_PATH="$W/install/lib/pkgconfig"
# shellcheck disable=SC2046
"$CC" -std=c89 -Wall -Wextra -Werror -pedantic examples/c/guichet.c $(pkg-config --cflags --libs duplicata) \
  -Wl,-rpath,"$(pkg-config --variable=libdir duplicata)" -o "$W/install/guichet"
[ "$(pkg-config --modversion duplicata)" = "$VERSION" ]
"${VALGRIND[@]}" "$W/install/guichet" 2019-06-01 33 AB-123-CD car petrol > /dev/null
unset PKG_CONFIG_PATH
steps=$((steps + 1))

log "deb: make deb, extracted into a scratch root, guichet built with pkg-config alone"
make -s deb > /dev/null
MULTIARCH="$(gcc -print-multiarch)"
R="$W/deb/root"
for deb in target/deb/libduplicata"$MAJOR"_"$VERSION"_*.deb target/deb/libduplicata-dev_"$VERSION"_*.deb; do
  [ -f "$deb" ] || { echo "make deb: $deb missing" >&2; exit 1; }
  dpkg-deb --info "$deb" > /dev/null
  dpkg -x "$deb" "$R"
  echo "$(basename "$deb"): $(dpkg-deb -f "$deb" Package Version Depends | tr '\n' ' ')"
done
for f in "usr/lib/$MULTIARCH/$SO" "usr/lib/$MULTIARCH/libduplicata.so.$MAJOR" "usr/lib/$MULTIARCH/libduplicata.so" \
         "usr/lib/$MULTIARCH/libduplicata.a" "usr/lib/$MULTIARCH/pkgconfig/duplicata.pc" usr/include/duplicata.h \
         usr/share/doc/libduplicata-dev/examples/guichet.c "usr/share/doc/libduplicata$MAJOR/copyright"; do
  [ -e "$R/$f" ] || { echo "make deb: $f missing from the packages" >&2; exit 1; }
done
# pkg-config alone: only the scratch root's file, its paths moved under the root.
# shellcheck disable=SC2046
"$CC" -std=c99 -Wall -Wextra -Werror -pedantic "$R/usr/share/doc/libduplicata-dev/examples/guichet.c" \
  $(PKG_CONFIG_LIBDIR="$R/usr/lib/$MULTIARCH/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$R" pkg-config --cflags --libs duplicata) \
  -o "$W/deb/guichet"
readelf -d "$W/deb/guichet" | grep -q "Shared library: \[libduplicata.so.$MAJOR\]" \
  || { echo "deb: guichet does not need libduplicata.so.$MAJOR by its SONAME" >&2; exit 1; }
LD_LIBRARY_PATH="$R/usr/lib/$MULTIARCH" "$W/deb/guichet" 2019-06-01 33 AB-123-CD car petrol | grep -q "47,76" \
  || { echo "deb: the packaged guichet did not print its receipt" >&2; exit 1; }
echo "deb: guichet built from the packages alone prints its receipt"
steps=$((steps + 1))

echo "c: $steps passed, 0 failed"
