# One command surface for people and CI; the README shows the same commands.
.PHONY: run test setup bench lint header install deb

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib

run:     ## the main job: build the command line and evaluate the example requests
	@scripts/run.sh

test:    ## every test of every surface; installs what is missing first
	@scripts/test.sh

setup:   ## install every tool the tests need (idempotent)
	@scripts/setup.sh

bench:   ## benchmarks of every surface, numbers for BENCHMARKS.md
	@scripts/bench.sh

lint:    ## formatting and lints
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

install: ## build the C library and install it (SONAME, symlinks), its header and its pkg-config file under PREFIX
	ffi/build-lib.sh
	ffi/install-lib.sh "$(DESTDIR)" "$(PREFIX)" "$(LIBDIR)"

deb:     ## the Debian packages of the C library (libduplicata0, libduplicata-dev) in target/deb/
	ffi/build-lib.sh
	ffi/build-deb.sh
