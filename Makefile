# Two entry points for a fresh machine; each installs what it needs first.
#   make demo   build the release wasm and serve www/ on 127.0.0.1:$PORT (default 8080)
#   make test   every test: native, wasm in headless Chromium, end-to-end
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: demo test test-native test-wasm test-e2e build setup-browser size bench bench-index screenshot

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

# What a page downloads: bytes, gzip -9 and brotli, against the budgets.
size: build
	@node scripts/size.mjs

# tinbai against its peer (bench/peer) in headless Chromium, then building the index
# natively. Prints Markdown tables: sizes, time to widgets, latency at 93/10k/100k
# articles, index build time and memory. Corpora are cached under target/bench/.
bench: build
	@cargo build --quiet --release --bin tinbai
	@node benches/browser.mjs
	@$(MAKE) --no-print-directory bench-index

# Slot: index build time and peak memory for 10k/100k articles (`tinbai build`).
bench-index:
	@printf '\n### Index build (native)\n\n(slot: `tinbai build` time and peak memory at 10,000 and 100,000 articles)\n'

screenshot: build
	node tests/e2e/run.mjs --screenshot docs/demo.jpg
