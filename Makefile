# Two entry points for a fresh machine; each installs what it needs first.
#   make demo   build the release wasm and serve www/ on 127.0.0.1:$PORT (default 8080)
#   make test   every test: native, wasm in headless Chromium, end-to-end
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: demo test test-native test-wasm test-e2e build setup-browser size bench screenshot index bench-build

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

test-e2e: build index
	node --test-reporter=spec tests/e2e/run.mjs
	node --test-reporter=spec tests/e2e/index.mjs

# A 300-article corpus (target/scale-test/) and its built index (www/idx/, served by
# the demo at /indexed.html), for the index tests. Never committed.
SCALE_TEST := target/scale-test
index:
	cargo build --quiet --bin tinbai
	mkdir -p $(SCALE_TEST)
	target/debug/tinbai corpus --count 300 --seed 1 --out $(SCALE_TEST)/corpus.jsonl
	{ echo '{"articles": ['; paste -sd, $(SCALE_TEST)/corpus.jsonl; echo ']}'; } > $(SCALE_TEST)/corpus.json
	rm -rf www/idx
	target/debug/tinbai build --input $(SCALE_TEST)/corpus.jsonl --out www/idx --now 2026-11-17T19:33:20Z > /dev/null

# Index build time and peak memory for 10,000 and 100,000 articles.
bench-build:
	scripts/bench-build.sh

# What a page downloads: bytes, gzip -9 and brotli, against the budgets.
size: build
	@node scripts/size.mjs

# tinbai against its peer (bench/peer) in headless Chromium, then building the index
# natively. Prints Markdown tables: sizes, time to widgets, latency at 93/10k/100k
# articles, index build time and memory. Corpora are cached under target/bench/.
bench: build
	@cargo build --quiet --release --bin tinbai
	@node benches/browser.mjs
	@printf '\n### Index build (native)\n\n'
	@scripts/bench-build.sh

screenshot: build
	node tests/e2e/run.mjs --screenshot docs/demo.jpg
