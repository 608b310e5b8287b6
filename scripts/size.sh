#!/usr/bin/env bash
# What a page downloads, gzipped at level 9: the wasm after wasm-opt, the JS glue,
# the loader and the stylesheet. Prints a Markdown table for the README.
set -euo pipefail
cd "$(dirname "$0")/.."
row() { printf '| %s | %s | %s |\n' "$1" "$(wc -c < "$2" | tr -d ' ')" "$(gzip -9 -c "$2" | wc -c | tr -d ' ')"; }
echo "| file | bytes | gzip -9 |"
echo "|---|---|---|"
row "pkg/tinbai_bg.wasm (after wasm-opt)" www/pkg/tinbai_bg.wasm
row "pkg/tinbai.js (glue)" www/pkg/tinbai.js
row "tinbai.js (loader)" www/tinbai.js
row "tinbai.css" www/tinbai.css
total=$(cat www/pkg/tinbai_bg.wasm | gzip -9 -c | wc -c)
for f in www/pkg/tinbai.js www/tinbai.js www/tinbai.css; do total=$((total + $(gzip -9 -c "$f" | wc -c))); done
echo "| **total** | | **$total** |"
