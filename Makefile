# Two entry points for a fresh machine; each installs what it needs first.
#   make demo   build the release wasm and serve www/ on 127.0.0.1:$PORT (default 8080)
#   make test   every test: native, wasm in headless Chromium, end-to-end
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: demo test test-native test-wasm test-e2e build setup-browser size screenshot

demo: build
	node scripts/serve.mjs $(PORT)

# The release package the demo and the e2e tests load: www/pkg/.
build: setup-browser
	wasm-pack build --release --target web --out-dir www/pkg --no-pack
	node scripts/guard-init.mjs www/pkg/tinbai.js

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
	node --test-reporter=spec tests/e2e/hostile.mjs
	node --test-reporter=spec tests/e2e/csp.mjs
	node --test-reporter=spec tests/e2e/lifecycle.mjs
	node --test-reporter=spec tests/e2e/hostile-css.mjs

# Gzipped size of what a page downloads.
size: build
	scripts/size.sh

screenshot: build
	node tests/e2e/run.mjs --screenshot docs/demo.jpg
