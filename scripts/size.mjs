#!/usr/bin/env node
// What a page downloads, as Markdown: each file's bytes, `gzip -9` and brotli (quality
// 11, node's zlib). The first load is what headless Chromium fetches for tinbai on
// www/index.html, against the 45 KB budget; then the engine, which that page never
// fetches. With the benchmark's peer built (target/bench/www, by benches/browser.mjs),
// the peer's download too.   node scripts/size.mjs  (after make build)
import { readFileSync, existsSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const gz = (b) => execFileSync('gzip', ['-9', '-c'], { input: b, maxBuffer: 1 << 30 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
const measure = (b) => ({ bytes: b.length, gzip: gz(b), brotli: br(b) });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** What www/index.html fetches for tinbai, as a reader's browser does: every
 * response but the host page's own (its document, demo.css, images), in order. */
async function firstLoad(path = '/index.html') {
  const { chromium } = await import('playwright-core');
  const { serve } = await import('./serve.mjs');
  const server = await serve(0);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    const files = [];
    page.on('response', (r) => {
      const p = new URL(r.url()).pathname;
      if (p === path || p === '/demo.css' || p === '/favicon.ico') return;
      files.push(p);
    });
    await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-tinbai]')].every((e) => e.dataset.tinbaiState === 'ready'), null, { timeout: 20000 });
    await page.waitForTimeout(200);
    return files;
  } finally {
    await browser.close();
    server.close();
  }
}

const ROLE = [
  [/^\/tinbai\.js$/, 'script-tag loader'],
  [/^\/tinbai\.css$/, 'stylesheet'],
  [/^\/pkg\/reader_bg\.wasm$/, 'the reader wasm (after wasm-opt)'],
  [/^\/pkg\/reader\.js$/, 'the reader\'s glue (minified)'],
  [/\/trusted\.js$/, 'the glue\'s snippet: the Trusted Types policy'],
  [/\/fetch\.js$/, 'the glue\'s snippet: the reader\'s fetch'],
  [/^\/pkg\/seeds\//, 'the seeds as a built index'],
  [/^\/pkg\/tinbai(_bg\.wasm|\.js)$/, 'THE ENGINE'],
];
const role = (p) => ROLE.find(([re]) => re.test(p))?.[1] ?? '';

export async function sizeTable({ peerDir = root('target/bench/www/peer') } = {}) {
  const file = (p) => readFileSync(root(p));
  const sum = (ms) => ms.reduce((a, m) => ({ bytes: a.bytes + m.bytes, gzip: a.gzip + m.gzip, brotli: a.brotli + m.brotli }), { bytes: 0, gzip: 0, brotli: 0 });
  const lines = [];
  const line = (name, m, budget = '') => lines.push(`| ${name} | ${m.bytes} | ${m.gzip} | ${m.brotli} | ${budget} |`);
  lines.push('| file | bytes | gzip -9 | brotli | budget (gzip) |', '|---|---|---|---|---|');
  const fetched = await firstLoad();
  const first = fetched.map((p) => [p, measure(file(`www${p}`))]);
  for (const [p, m] of first) line(`index.html fetches ${p} (${role(p)})`, m);
  const all = sum(first.map(([, m]) => m));
  line(`**every byte tinbai fetches on index.html** (${first.length} files)`, all, `45 KB: ${all.gzip <= 45 * 1024 ? 'met' : 'missed'} (${kb(all.gzip)}); moonshot 30 KB`);
  const engine = ['www/pkg/tinbai_bg.wasm', 'www/pkg/tinbai.js'];
  const glue = readFileSync(root('www/pkg/tinbai.js'), 'utf8');
  engine.push(...[...glue.matchAll(/from ['"]\.\/(snippets\/[^'"]+browser\.js)['"]/g)].map((m) => `www/pkg/${m[1]}`));
  for (const p of engine) line(`engine, fetched only on demand: ${p.slice(4)}`, measure(file(p)));
  line('**the engine** (wasm, glue, snippet): fetched for loadDataset/data-dataset, free text, a page the index lacks, or window.tinbai.ready; never on index.html or an indexed page whose article is in the index', sum(engine.map((p) => measure(file(p)))));
  if (existsSync(root('www/pkg/feed.js'))) line('pkg/feed.js (RSS and Atom reader, fetched by the engine only when loadDataset gets XML)', measure(file('www/pkg/feed.js')));
  if (existsSync(`${peerDir}/peer.js`)) {
    const bundle = readFileSync(`${peerDir}/peer.js`);
    const lib = readFileSync(`${peerDir}/minisearch.min.js`);
    const json = readFileSync(`${peerDir}/../seed.json`);
    const css = file('www/tinbai.css');
    line('peer: peer.js (minisearch + widgets, one esbuild-minified script)', measure(bundle));
    line('peer: of which minisearch alone, minified', measure(lib));
    line('peer: seed.json (the same dataset, `tinbai dataset`, compact JSON)', measure(json));
    line('**peer with dataset** (peer.js + seed.json + the same tinbai.css)', sum([measure(bundle), measure(css), measure(json)]));
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await sizeTable());
