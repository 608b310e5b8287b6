#!/usr/bin/env bash
# scripts/setup.sh's install path, run with stub apt-get, sudo and id first and only on
# PATH, as root and as a user: checks the exact commands it would run. A real machine
# already has chromium, so this is the only place the install path runs in CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
failed=0

# A PATH of stubs plus the few real tools the script needs; no chromium on it.
make_path() { # uid, with_sudo
  local dir; dir="$(mktemp -d)"
  for tool in bash env dirname cat; do ln -s "$(command -v "$tool")" "$dir/$tool"; done
  printf '#!/bin/sh\necho %s\n' "$1" > "$dir/id"
  printf '#!/bin/sh\nexit 0\n' > "$dir/cargo"
  # Each stub logs its argv and the DEBIAN_FRONTEND it was given, one line a call;
  # the $ expressions are the stub's own, so single quotes are meant.
  # shellcheck disable=SC2016
  printf '#!/bin/sh\necho "apt-get $* [DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-}]" >> "$LOG"\n' > "$dir/apt-get"
  if [ "$2" = yes ]; then
    # shellcheck disable=SC2016
    printf '#!/bin/sh\necho "sudo $*" >> "$LOG"\nexec "$@"\n' > "$dir/sudo"
  fi
  chmod +x "$dir"/*
  echo "$dir"
}

# case name, uid, with_sudo, mode, expected exit, expected log
check() {
  local name="$1" uid="$2" sudo="$3" mode="$4" want_rc="$5" want="$6"
  local dir log rc=0; dir="$(make_path "$uid" "$sudo")"; log="$dir/log"; : > "$log"
  # HOME points at the stubs so that ~/.cargo/bin adds nothing real to PATH.
  env -i PATH="$dir" HOME="$dir" LOG="$log" "$dir/bash" "$root/scripts/setup.sh" "$mode" \
    > "$dir/out" 2>&1 || rc=$?
  if [ "$rc" != "$want_rc" ] || [ "$(cat "$log")" != "$want" ]; then
    echo "FAIL $name: exit $rc (want $want_rc)"; echo "--- ran:"; cat "$log"
    echo "--- want:"; echo "$want"; echo "--- output:"; cat "$dir/out"; failed=1
  else
    echo "ok   $name"
  fi
  rm -rf "$dir"
}

check "root installs chromium with apt-get" 0 no chromium 0 \
"apt-get update -qq [DEBIAN_FRONTEND=]
apt-get install -y -qq chromium chromium-driver [DEBIAN_FRONTEND=noninteractive]"

check "a user installs chromium through sudo" 1000 yes chromium 0 \
"sudo apt-get update -qq
apt-get update -qq [DEBIAN_FRONTEND=]
sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
apt-get install -y -qq chromium chromium-driver [DEBIAN_FRONTEND=noninteractive]"

check "a user without sudo is told, and nothing runs" 1000 no chromium 1 ""

check "root installs shellcheck for the native lint" 0 no native 0 \
"apt-get update -qq [DEBIAN_FRONTEND=]
apt-get install -y -qq shellcheck [DEBIAN_FRONTEND=noninteractive]"

if [ "$failed" != 0 ]; then echo "install-path: failed"; exit 1; fi
echo "install-path: 4 passed, 0 failed"
