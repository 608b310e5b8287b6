# Two entry points for a fresh machine; each installs what it needs first.
#   make demo   build the release wasm and serve www/ on 127.0.0.1:$PORT (default 8080)
#   make test   every test: native, wasm in headless Chromium, end-to-end
# (and `make fuzz`, not part of test: each fuzz target for FUZZ_SECONDS, default 600)
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: demo test test-native test-wasm test-e2e build setup-browser size screenshot fuzz

demo: build
	node scripts/serve.mjs $(PORT)

# The release package the demo and the e2e tests load: www/pkg/.
build: setup-browser
	wasm-pack build --release --target web --out-dir www/pkg --no-pack

test: test-native test-wasm test-e2e

test-native:
	scripts/setup.sh native
	cargo test
	cargo clippy --all-targets -- -D warnings
	cargo run --quiet --bin tinbai -- facts --check > /dev/null
	scripts/no-html-sinks.sh

setup-browser:
	scripts/setup.sh browser

test-wasm: setup-browser
	cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
	wasm-pack test --headless --chrome -- --test browser

test-e2e: build
	node --test-reporter=spec tests/e2e/run.mjs

# Every fuzz target for FUZZ_SECONDS each (default 600), one after another; not part
# of `make test` (its regression inputs are: tests/fuzz_regressions.rs). Installs
# cargo-fuzz if missing. With FUZZ_SANITIZER=address cargo-fuzz passes -Zsanitizer,
# a nightly-only rustc flag, and only the stable toolchain is installed, so
# scripts/fuzz.sh sets RUSTC_BOOTSTRAP=1, which lets stable rustc accept it.
FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

# Gzipped size of what a page downloads.
size: build
	scripts/size.sh

screenshot: build
	node tests/e2e/run.mjs --screenshot docs/demo.jpg
