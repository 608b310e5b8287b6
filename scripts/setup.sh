#!/usr/bin/env bash
# Installs what the build and tests need, skipping what is already there.
# Usage: scripts/setup.sh [native|wasm|chromium|browser|all]   (default: all)
#   native    cargo, and shellcheck for the script lint
#   wasm      the wasm32 target, wasm-bindgen-cli (= Cargo.lock's), wasm-pack, npm packages
#   chromium  chromium and chromium-driver from Debian
#   browser, all   wasm and chromium
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# wasm-pack is pinned too: `build --profile wasm` needs 0.14 or later.
WASM_PACK=0.15.1

# The wasm-bindgen CLI must equal the library version in Cargo.lock exactly.
bindgen_version() {
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock
}

need_wasm() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "adding rust target wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  local want; want="$(bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want"
    cargo install -q wasm-bindgen-cli --version "$want" --force
  fi
  if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK" ]; then
    say "installing wasm-pack $WASM_PACK"
    cargo install -q wasm-pack --version "$WASM_PACK" --force
  fi
  need_npm
}

need_npm() {
  command -v npm >/dev/null || { say "installing nodejs/npm"; apt_install nodejs npm; }
  # package-lock.json pins the dev tools (wasm-opt, the browser driver, axe-core, Vite, the peer).
  if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm dev packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# As root, apt-get itself; otherwise through sudo. The environment goes through `env`
# so that it is never taken for the command name (tests/setup/install-path.sh).
apt_install() {
  local -a root=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: installing $* needs root or sudo" >&2; exit 1; }
    root=(sudo)
  fi
  "${root[@]}" apt-get update -qq
  "${root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
}

need_rust() {
  command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup first" >&2; exit 1; }
  command -v shellcheck >/dev/null || { say "installing shellcheck"; apt_install shellcheck; }
}

case "$what" in
  native) need_rust ;;
  wasm) need_wasm ;;
  chromium) need_browser ;;
  browser|all) need_wasm; need_browser ;;
  *) echo "usage: $0 [native|wasm|chromium|browser|all]" >&2; exit 2 ;;
esac
