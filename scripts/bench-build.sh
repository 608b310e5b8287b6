#!/usr/bin/env bash
# Index build time and peak memory for 10,000 and 100,000 generated articles, as a
# Markdown table. The build tool is compiled with the release profile (opt-level 3).
#   scripts/bench-build.sh [COUNTS...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)
cargo build --quiet --release --bin tinbai
bin=target/release/tinbai
dir=target/bench-build
mkdir -p "$dir"
echo "Native, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start:"
echo
echo "| articles | shards | wall | CPU (user + sys) | peak memory | header | shards, total | terms files | routes, terms and docs, total |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in "${counts[@]}"; do
  corpus="$dir/corpus-$n.jsonl"
  [ -s "$corpus" ] || "$bin" corpus --count "$n" --seed 1 --out "$corpus"
  rm -rf "$dir/index-$n"
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time-$n" "$bin" build --input "$corpus" --out "$dir/index-$n" --now 2026-11-17T19:33:20Z > "$dir/summary-$n.json"
  read -r wall user sys rss < "$dir/time-$n"
  shards=$(grep -o '"shards": [0-9]*' "$dir/summary-$n.json" | grep -o '[0-9]*$')
  header=$(grep -o '"header_bytes": [0-9]*' "$dir/summary-$n.json" | grep -o '[0-9]*$')
  total=$(grep -o '"shard_bytes": [0-9]*' "$dir/summary-$n.json" | grep -o '[0-9]*$')
  terms=$(grep -o '"terms": [0-9]*' "$dir/summary-$n.json" | grep -o '[0-9]*$')
  lookup=0
  for f in routes_bytes terms_bytes docs_bytes; do
    lookup=$((lookup + $(grep -o "\"$f\": [0-9]*" "$dir/summary-$n.json" | grep -o '[0-9]*$')))
  done
  cpu=$(echo "$user + $sys" | bc)
  printf '| %s | %s | %.1f s | %.1f s | %d MiB | %d KB | %d MB | %s | %d MB |\n' "$n" "$shards" "$wall" "$cpu" $((rss / 1024)) $((header / 1000)) $((total / 1000000)) "$terms" $((lookup / 1000000))
done
