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
