# Two entry points for a fresh machine; each installs what it needs first.
#   make demo   build the release wasm and serve www/ on 127.0.0.1:$PORT (default 8080)
#   make test   every test: native, wasm in headless Chromium, end-to-end
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: test test-native test-wasm setup-browser

test: test-native test-wasm

test-native:
	scripts/setup.sh native
	cargo test
	cargo clippy --all-targets -- -D warnings
	cargo run --quiet --bin tinbai -- facts --check > /dev/null

setup-browser:
	scripts/setup.sh browser

test-wasm: setup-browser
	cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
	wasm-pack test --headless --chrome -- --test browser
