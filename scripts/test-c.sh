#!/usr/bin/env bash
# The C ABI: header check, then the C tests (tests/c/) and the example (examples/c/guichet.c),
# compiled with strict warnings against the committed header, linked with the static and with the
# shared library, then run again under AddressSanitizer + UndefinedBehaviorSanitizer and under
# Valgrind. Any error, mismatch or leak fails.
#   scripts/test-c.sh               run everything
#   scripts/test-c.sh --regenerate  rewrite include/duplicata.h from ffi/cbindgen.toml, then run
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
"$ROOT/scripts/setup-c.sh"

W="$ROOT/target/c-tests"          # everything built or written by this script
LIB="$ROOT/target/release"
CC="${CC:-gcc}"
CFLAGS=(-std=c99 -Wall -Wextra -Werror -pedantic -g -O1 -I"$ROOT/include" -I"$ROOT/tests/c")
STATIC_LIBS=(-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc)   # what a Rust static library needs
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
THREAD_ITERATIONS="${THREAD_ITERATIONS:-400}"
steps=0

rm -rf "$W"
mkdir -p "$W"/{requests,expected,static,shared,asan,install}

log "header: include/duplicata.h against a fresh cbindgen generation"
cbindgen --quiet --config ffi/cbindgen.toml --crate duplicata-ffi --output "$W/duplicata.h" ffi
if [ "${1:-}" = "--regenerate" ]; then cp "$W/duplicata.h" include/duplicata.h; fi
if ! diff -u include/duplicata.h "$W/duplicata.h"; then
  echo "include/duplicata.h differs from a fresh generation: run scripts/test-c.sh --regenerate" >&2
  exit 1
fi
steps=$((steps + 1))

log "cargo build -p duplicata-ffi --release (library and corpus reference)"
cargo build -q -p duplicata-ffi --release --lib --example corpus_reference

log "the core's own answers for the corpus"
"$LIB/examples/corpus_reference" tests/cases "$W/requests" "$W/expected"
mapfile -t CASES < <(cd "$W/requests" && ls -- *.json)

# Parameter files for the reload tests: the reference file, a valid variant with another Y5
# amount, and a broken copy (two periods of Y5 overlap).
PARAMS_A="$ROOT/core/params/duplicata.toml"
PARAMS_B="$W/params-variant.toml"
BROKEN="$W/params-broken.toml"
sed -e 's/^name = "duplicata-reference"/name = "duplicata-variant"/' \
    -e 's/value = "2.76", confidence = "high"/value = "3.10", confidence = "high"/' "$PARAMS_A" > "$PARAMS_B"
sed -e 's/{ from = 2015-09-24, value = "2.76"/{ from = 2015-09-01, value = "2.76"/' "$PARAMS_A" > "$BROKEN"
grep -q '"3.10"' "$PARAMS_B" && ! cmp -s "$PARAMS_A" "$BROKEN" || { echo "cannot derive the test parameter files" >&2; exit 1; }

PROGRAMS=(test_corpus test_bad_inputs test_threads double_include guichet leak_canary)
sources() {
  case "$1" in
    test_corpus|test_bad_inputs|test_threads) echo "tests/c/$1.c tests/c/check.c tests/c/jscan.c" ;;
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

# suite VARIANT [RUNNER...]: run every program of $W/VARIANT, through RUNNER if given.
suite() {
  local variant="$1"; shift
  local bin="$W/$variant" out="$W/$variant/out" iterations="$THREAD_ITERATIONS" reloads=20 receipt
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
  "$@" "$bin/test_threads" "$PARAMS_A" "$PARAMS_B" "$BROKEN" "$iterations" "$reloads"
  "$@" "$bin/double_include"
  # The example: a granted request, a refused one, one that cannot be evaluated.
  receipt=$("$@" "$bin/guichet" "$W/requests/naq-2019-siv-car-loss.json")
  grep -q "TOTAL" <<<"$receipt" && grep -q "47,76" <<<"$receipt" && grep -q "Y5" <<<"$receipt" \
    && grep -q "Pièces à fournir" <<<"$receipt" || { echo "$receipt"; echo "guichet: receipt incomplete" >&2; exit 1; }
  receipt=$("$@" "$bin/guichet" "$W/requests/deceased-holder-as-applicant.json")
  grep -q "DEMANDE REFUSÉE" <<<"$receipt" && grep -q "titulaire est décédé" <<<"$receipt" \
    || { echo "$receipt"; echo "guichet: refusal without its reason" >&2; exit 1; }
  set +e
  receipt=$("$@" "$bin/guichet" "$W/requests/department-20-rejected.json"); status=$?
  set -e
  [ "$status" -eq 1 ] && grep -q "Demande non traitée" <<<"$receipt" && grep -q "department.unknown" <<<"$receipt" \
    || { echo "$receipt"; echo "guichet: an unreadable request must say why and exit 1" >&2; exit 1; }
  echo "guichet: granted, refused and unreadable requests printed"
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

log "run: Valgrind (memcheck, definite and indirect leaks are errors)"
suite shared valgrind -q --error-exitcode=1 --leak-check=full \
  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
steps=$((steps + 1))

log "install: make install, then guichet built with pkg-config alone, under Valgrind"
make -s install PREFIX="$W/install" > /dev/null
export PKG_CONFIG_PATH="$W/install/lib/pkgconfig"
# shellcheck disable=SC2046
"$CC" -std=c99 -Wall -Wextra -Werror -pedantic examples/c/guichet.c $(pkg-config --cflags --libs duplicata) \
  -Wl,-rpath,"$(pkg-config --variable=libdir duplicata)" -o "$W/install/guichet"
[ "$(pkg-config --modversion duplicata)" = "$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)" ]
valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
  "$W/install/guichet" "$W/requests/naq-2019-siv-car-loss.json" > /dev/null
steps=$((steps + 1))

echo "c: $steps passed, 0 failed"
