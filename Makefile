# Two entry points for a fresh machine; each installs what it needs first.
#   make demo   build the release wasm and serve www/ on 127.0.0.1:$PORT (default 8080)
#   make test   every test: native, wasm in headless Chromium, end-to-end
# (and `make fuzz`, not part of test: each fuzz target for FUZZ_SECONDS, default 600)
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: seeds demo test test-native test-wasm test-e2e build setup-browser size bench screenshots fuzz index bench-build

demo: build index
	node scripts/serve.mjs $(PORT)

# The release build: the npm package in pkg/, and its runtime files in www/pkg/
# for the demo, the loader and the e2e tests.
build: setup-browser
	wasm-pack build wasm --profile wasm --target web --out-dir ../pkg --out-name tinbai
	wasm-pack build wasm --profile wasm --target web --out-dir ../target/reader --out-name reader --no-default-features
	node scripts/guard-init.mjs pkg/tinbai.js
	cargo build --quiet --bin tinbai
	rm -rf pkg/seeds
	target/debug/tinbai build --seeds --shards 16 --out pkg/seeds > /dev/null
	node scripts/package.mjs

test: test-native test-wasm test-e2e

test-native:
	scripts/setup.sh native
	cargo test --workspace
	cargo clippy --workspace --all-targets -- -D warnings
	cargo run --quiet --bin tinbai -- facts --check > /dev/null
	scripts/no-html-sinks.sh
	tests/setup/install-path.sh
	shellcheck scripts/*.sh tests/setup/*.sh .ci/run

setup-browser:
	scripts/setup.sh browser

test-wasm: setup-browser
	cargo clippy --target wasm32-unknown-unknown -p tinbai -p tinbai-wasm --lib --tests -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p tinbai-wasm --no-default-features --lib -- -D warnings
	wasm-pack test --headless --chrome wasm --test browser

test-e2e: build index
	node --test --test-concurrency=1 --test-reporter=spec tests/e2e/run.mjs tests/e2e/loading.mjs tests/e2e/bundler.mjs \
	  tests/e2e/hostile.mjs tests/e2e/csp.mjs tests/e2e/lifecycle.mjs tests/e2e/hostile-css.mjs tests/e2e/index.mjs \
	  tests/e2e/snippets.mjs tests/e2e/failures.mjs tests/e2e/together.mjs tests/e2e/site.mjs tests/e2e/feeds.mjs tests/e2e/engine.mjs

# Every fuzz target for FUZZ_SECONDS each (default 600), one after another; not part
# of `make test` (its regression inputs are: tests/fuzz_regressions.rs). Installs
# cargo-fuzz if missing. With FUZZ_SANITIZER=address cargo-fuzz passes -Zsanitizer,
# a nightly-only rustc flag, and only the stable toolchain is installed, so
# scripts/fuzz.sh sets RUSTC_BOOTSTRAP=1, which lets stable rustc accept it.
FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

# seeds/bundled.bin, the seed dataset the wasm embeds, written anew from the seed
# files; `cargo test` fails while it is stale.
seeds:
	TINBAI_WRITE_SEEDS=1 cargo test --lib packed::tests::bundled_bin_is_the_parsed_seeds

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

screenshots: build
	node scripts/screenshots.mjs
