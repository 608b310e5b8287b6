#!/usr/bin/env node
// What a page downloads, as Markdown: each file's bytes, `gzip -9` and brotli (quality
// 11, node's zlib), against the budgets (tinbai without its dataset 45 KB gzip, the
// dataset 15 KB gzip). With the benchmark's peer built (target/bench/www, by
// benches/browser.mjs), the peer's download too.   node scripts/size.mjs
import { readFileSync, existsSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const gz = (b) => execFileSync('gzip', ['-9', '-c'], { input: b, maxBuffer: 1 << 30 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
const measure = (b) => ({ bytes: b.length, gzip: gz(b), brotli: br(b) });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The seed dataset as the wasm embeds it: seeds/bundled.bin, the seed pages and
 * partnership facts already parsed (`make seeds`; src/dataset/packed.rs). */
export function seedData() {
  return readFileSync(root('seeds/bundled.bin'));
}

/** The wasm's bytes less the embedded dataset (include_bytes keeps it verbatim): an
 * estimate of the engine alone, to compress, not to run. */
function withoutSeeds(wasm) {
  const at = wasm.indexOf(seedData());
  if (at < 0) throw new Error('seeds/bundled.bin is not verbatim in the wasm: the "without dataset" row would be wrong');
  return Buffer.concat([wasm.subarray(0, at), wasm.subarray(at + seedData().length)]);
}

export function sizeTable({ peerDir = root('target/bench/www/peer') } = {}) {
  const file = (p) => readFileSync(root(p));
  const wasm = file('www/pkg/tinbai_bg.wasm');
  // The glue's snippets (wasm/src/browser.js), which it imports: part of every load.
  const glue = readFileSync(root('www/pkg/tinbai.js'), 'utf8');
  const snippets = [...glue.matchAll(/from '\.\/(snippets\/[^']+)'/g)].map((m) => `www/pkg/${m[1]}`);
  const rest = ['www/pkg/tinbai.js', 'www/tinbai.js', 'www/tinbai.css', ...snippets].map(file);
  const rows = [
    ['tinbai: pkg/tinbai_bg.wasm (after wasm-opt; embeds the seeds)', measure(wasm)],
    ['tinbai: pkg/tinbai.js (wasm-bindgen glue)', measure(rest[0])],
    ['tinbai: tinbai.js (script-tag loader)', measure(rest[1])],
    ['tinbai: tinbai.css', measure(rest[2])],
    ...snippets.map((p, i) => [`tinbai: ${p.slice(4)} (the glue's snippet: HTML parsing, feed.js on demand)`, measure(rest[3 + i])])
  ];
  const sum = (ms) => ms.reduce((a, m) => ({ bytes: a.bytes + m.bytes, gzip: a.gzip + m.gzip, brotli: a.brotli + m.brotli }), { bytes: 0, gzip: 0, brotli: 0 });
  const shipped = sum(rows.map((r) => r[1]));
  const out = withoutSeeds(wasm);
  const lines = [];
  const line = (name, m, budget = '') => lines.push(`| ${name} | ${m.bytes} | ${m.gzip} | ${m.brotli} | ${budget} |`);
  lines.push('| file | bytes | gzip -9 | brotli | budget (gzip) |', '|---|---|---|---|---|');
  for (const [name, m] of rows) line(name, m);
  line(`**tinbai as shipped** (the ${rows.length} files)`, shipped);
  const bare = sum([measure(out), ...rest.map(measure)]);
  line(`**tinbai without dataset** (the ${rows.length}, less seeds/bundled.bin, found verbatim in the wasm)`, bare, `45 KB: ${bare.gzip <= 45 * 1024 ? 'met' : 'missed'} (${kb(bare.gzip)})`);
  if (existsSync(root('www/pkg/feed.js'))) line('tinbai: pkg/feed.js (RSS and Atom reader, fetched only when loadDataset gets XML)', measure(file('www/pkg/feed.js')));
  const data = measure(seedData());
  line('**seed dataset**: seeds/bundled.bin, as embedded in the wasm', data, `15 KB: ${data.gzip <= 15 * 1024 ? 'met' : 'missed'} (${kb(data.gzip)})`);
  if (existsSync(`${peerDir}/peer.js`)) {
    const bundle = readFileSync(`${peerDir}/peer.js`);
    const lib = readFileSync(`${peerDir}/minisearch.min.js`);
    const json = readFileSync(`${peerDir}/../seed.json`);
    line('peer: peer.js (minisearch + widgets, one esbuild-minified script)', measure(bundle));
    line('peer: of which minisearch alone, minified', measure(lib));
    line('peer: seed.json (the same dataset, `tinbai dataset`, compact JSON)', measure(json));
    line('**peer without dataset** (peer.js + the same tinbai.css)', sum([measure(bundle), measure(rest[2])]));
    line('**peer with dataset**', sum([measure(bundle), measure(rest[2]), measure(json)]));
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(sizeTable());
