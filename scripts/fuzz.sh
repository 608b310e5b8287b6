#!/usr/bin/env bash
# `make fuzz`: run each fuzz target for FUZZ_SECONDS (default 600), one after
# another, in a single process each (the machine's cores are shared). Corpora grow in
# fuzz/corpus/<target>/ (not committed) and start from the seed pages and fixtures
# and from tests/fixtures/fuzz/<target>/: every input a fuzzer failed on, plus a few
# hand-written hostile ones. Crashes land in fuzz/artifacts/<target>/.
# FUZZ_TARGETS picks targets, FUZZ_SANITIZER a sanitizer (default none); the summary
# of each run is in fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# A sanitizer build (FUZZ_SANITIZER=address) makes cargo-fuzz pass -Zsanitizer=…, a
# nightly-only rustc flag, and only the stable toolchain is installed: RUSTC_BOOTSTRAP=1
# lets stable rustc take it. Set always, so every build sees the same compiler.
export RUSTC_BOOTSTRAP=1
secs=${FUZZ_SECONDS:-600}
targets=${FUZZ_TARGETS:-seed host_json host_value text view_log index_reader}

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

seed_corpus() {
    local t=$1 dir=fuzz/corpus/$1
    mkdir -p "$dir"
    case $t in
        seed | text) cp seeds/*.txt tests/fixtures/*.txt "$dir"/ ;;
        host_json) cp seeds/partnerships.json "$dir"/ ;;
        # A real header and shards, built from a small generated corpus.
        index_reader) make --no-print-directory index >/dev/null && cp www/idx/*.bin "$dir"/ ;;
    esac
    if [ -d "tests/fixtures/fuzz/$t" ]; then cp tests/fixtures/fuzz/"$t"/* "$dir"/; fi
}

# No sanitizer by default: the crate has no unsafe code, and AddressSanitizer slows
# the search two to three times. What a run looks for is a panic, an overflow (checks
# are on) or a failed invariant in fuzz/src/lib.rs.
san=(--sanitizer "${FUZZ_SANITIZER:-none}")
mkdir -p fuzz/logs
(cd fuzz && cargo fuzz build "${san[@]}")
for t in $targets; do
    seed_corpus "$t"
    opts=()
    [ -f "fuzz/dicts/$t.dict" ] && opts+=(-dict="dicts/$t.dict")
    # Pages may be as long as the longest seed (libFuzzer's default); elsewhere short
    # inputs reach the same code many times faster.
    case $t in text) opts+=(-max_len=1024) ;; seed) ;; *) opts+=(-max_len=4096) ;; esac
    echo "fuzz: $t for ${secs}s"
    # -timeout: an input slower than 10 s is a bug (quadratic parsing and the like).
    (cd fuzz && cargo fuzz run "${san[@]}" "$t" "corpus/$t" -- -max_total_time="$secs" -timeout=10 -print_final_stats=1 "${opts[@]}") \
        > "fuzz/logs/$t.log" 2>&1 || { tail -n 40 "fuzz/logs/$t.log"; echo "fuzz: $t FAILED; input in fuzz/artifacts/$t/"; exit 1; }
    grep -E '^Done [0-9]+ runs' "fuzz/logs/$t.log" | sed "s/^/fuzz: $t: /"
done
