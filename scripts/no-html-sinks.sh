#!/usr/bin/env bash
# Data never reaches the DOM as HTML: no innerHTML, outerHTML or insertAdjacentHTML
# in the widget's code, its loader, the demo pages or the generated glue.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files src www tests | grep -E '\.(rs|js|mjs|html)$' || true)
[ -d www/pkg ] && files+=(www/pkg/*.js)
# This script names the sinks itself; the tests may read innerHTML to compare.
if grep -nE 'innerHTML *=|outerHTML *=|insertAdjacentHTML|set_inner_html|set_outer_html|insert_adjacent_html|document\.write' "${files[@]}"; then
  echo "no-html-sinks: the lines above put text into the DOM as HTML" >&2
  exit 1
fi
echo "no-html-sinks: none in ${#files[@]} files"
