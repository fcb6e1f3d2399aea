# One command surface for people and CI; the README shows the same commands.
.PHONY: run test setup bench lint header install

PREFIX ?= /usr/local

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

install: ## build the C library and install it, its header and its pkg-config file under PREFIX
	cargo build -p duplicata-ffi --release --lib
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 644 target/release/libduplicata.a $(DESTDIR)$(PREFIX)/lib/libduplicata.a
	install -m 755 target/release/libduplicata.so $(DESTDIR)$(PREFIX)/lib/libduplicata.so
	install -m 644 include/duplicata.h $(DESTDIR)$(PREFIX)/include/duplicata.h
	sed -e 's|@PREFIX@|$(PREFIX)|' \
	    -e "s|@VERSION@|$$(sed -n 's/^version = \"\(.*\)\"/\1/p' Cargo.toml | head -n 1)|" \
	    ffi/duplicata.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/duplicata.pc
