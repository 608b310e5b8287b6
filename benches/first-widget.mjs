// First widget from a built index: www/indexed.html (a related widget, which waits
// for its article's shard, and a most-read one; the script tag has data-index) pointed at an index directory, loaded fresh N times. `make bench` runs
// it on its 10,000 and 100,000-article indexes; alone, on any index:
//
//   make build && node benches/first-widget.mjs DIR [loads]   (DIR from `tinbai build`)
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** An empty page on the bench's origin, for calls timed from a standing start. */
export const BLANK = '<!doctype html><html lang="vi"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title></head><body></body></html>\n';

/** The demo's indexed page with its index at `indexUrl` and its article `id`. */
export function indexedPage(indexUrl, id) {
  const page = readFileSync(`${ROOT}www/indexed.html`, 'utf8');
  const out = page
    .replace(/data-index="[^"]*"/, `data-index="${indexUrl}"`)
    .replace(/data-article="[^"]*"/, `data-article="${id}"`)
    .replace(/(href|src)="(?!https?:|\/|#|data:)/g, '$1="/');
  if (out === page || !out.includes(indexUrl)) throw new Error('www/indexed.html: no data-index to point at the bench index');
  return out;
}

/**
 * scripts/serve.mjs in a process of its own, so the page's requests do not queue
 * behind the benchmark's own work (driving the browser) as they do in one process:
 * a 33 KB file took ~20 ms in-process and ~2 ms apart. Resolves to {origin, close}.
 */
export function serveApart(roots, headers = {}) {
  const code = `import { serve } from ${JSON.stringify(new URL('../scripts/serve.mjs', import.meta.url).href)};
const s = await serve(0, '127.0.0.1', { roots: ${JSON.stringify(roots)}, headers: ${JSON.stringify(headers)} });
console.log(s.address().port);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    child.once('error', fail);
    child.stdout.once('data', (d) => ok({ origin: `http://127.0.0.1:${String(d).trim()}`, close: () => child.kill() }));
  });
}

/** `url` in a new browser context (nothing cached), `init` run before the page's
 * scripts; collects page errors and console errors. */
export async function fresh(browser, url, init) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(init);
  await page.goto(url);
  return { page, context, errors };
}

// Stamps the related widget's tinbai:ready (it bubbles to document) in ms since
// navigation start: the widget that waits for its shard.
const STAMP = () => document.addEventListener('tinbai:ready', (e) => {
  if (e.target.dataset.tinbai === 'related') window.__ready ??= performance.now();
});

/**
 * `loads` fresh loads of `pageUrl(i)` in `browser` (each a new context: nothing
 * cached). Per load: navigation start, DOMContentLoaded and the header request's
 * start, each to the widget's tinbai:ready; and the shard request's start.
 */
export async function firstWidget(browser, pageUrl, loads) {
  const rows = [];
  for (let i = 0; i < loads; i++) {
    const { page, context, errors } = await fresh(browser, pageUrl(i), STAMP);
    await page.waitForFunction(() => window.__ready, null, { timeout: 60000, polling: 10 });
    const row = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const find = (re) => res.find((r) => re.test(r.name));
      const header = find(/\/index\.bin$/);
      const shard = find(/\/shard-\d+\.bin$/);
      const wasm = find(/_bg\.wasm$/);
      return {
        ready: window.__ready, dcl: nav.domContentLoadedEventEnd, header: header?.startTime, headerEnd: header?.responseEnd,
        shard: shard?.startTime, shardEnd: shard?.responseEnd, wasm: wasm?.startTime, wasmEnd: wasm?.responseEnd,
        items: document.querySelectorAll('[data-tinbai="related"] li').length
      };
    });
    await context.close();
    if (errors.length) throw new Error(`first widget: ${errors.join('; ')}`);
    if (!row.items || row.header == null || row.shard == null) throw new Error(`first widget: no list, or the index was not fetched: ${JSON.stringify(row)}`);
    rows.push(row);
  }
  return rows;
}

/**
 * The index's own part, with tinbai already running: in `loads` fresh pages, the
 * module started first, then the clock runs from `loadIndex(indexUrl)` (the header's
 * fetch and read) through `renderRelated` for another article each time (its
 * shard's fetch and read) to the widget's tinbai:ready. Milliseconds.
 */
export async function indexPart(browser, pageUrl, indexUrl, ids) {
  const times = [];
  for (const id of ids) {
    const { page, context, errors } = await fresh(browser, pageUrl, () => {});
    times.push(await page.evaluate(async ({ indexUrl, id }) => {
      const m = await import('/pkg/tinbai.js');
      await m.default();
      const el = document.body.appendChild(document.createElement('div'));
      const t0 = performance.now();
      await m.loadIndex(indexUrl);
      const ready = new Promise((ok) => el.addEventListener('tinbai:ready', ok));
      m.renderRelated(el, { article: id });
      await ready;
      if (!el.querySelector('li')) throw new Error(`no related items for ${id}`);
      return performance.now() - t0;
    }, { indexUrl, id }));
    await context.close();
    if (errors.length) throw new Error(`index part: ${errors.join('; ')}`);
  }
  return times;
}

const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const cell = (xs) => `**${f(med(xs))}** (${f(q(xs, 0.1))}–${f(q(xs, 0.9))})`;

/** A Markdown row: `label`, the page loads' figures and the index part's times. */
export function firstWidgetRow(label, rows, part) {
  return `| ${label} | ${rows.length} | ${cell(rows.map((r) => r.ready - r.dcl))} | ${cell(part)} | ${cell(rows.map((r) => r.ready))} | ${cell(rows.map((r) => r.headerEnd - r.header))} | ${cell(rows.map((r) => r.shardEnd - r.shard))} |`;
}
export const FIRST_WIDGET_HEAD = '| index | loads | DOMContentLoaded → widget | tinbai running: loadIndex → widget | navigation → widget | header fetch | shard fetch |\n|---|---|---|---|---|---|---|';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, n = '20'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node benches/first-widget.mjs DIR [loads]');
  const { chromium } = await import('playwright-core');
  const { CHROMIUM, ARGS } = await import('../tests/e2e/harness.mjs');
  const pages = mkdtempSync(`${tmpdir()}/tinbai-fw-`);
  const server = await serveApart({ '/bench-index/': dir, '/bench-pages/': pages });
  const origin = server.origin;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const ids = Array.from({ length: Number(n) }, (_, i) => `item-${(i * 7919) % 300}`);
  ids.forEach((id, i) => writeFileSync(`${pages}/p${i}.html`, indexedPage('/bench-index/', id)));
  const rows = await firstWidget(browser, (i) => `${origin}/bench-pages/p${i}.html`, Number(n));
  writeFileSync(`${pages}/blank.html`, BLANK);
  const part = await indexPart(browser, `${origin}/bench-pages/blank.html`, '/bench-index/', ids);
  console.log(FIRST_WIDGET_HEAD);
  console.log(firstWidgetRow(dir, rows, part));
  await browser.close();
  server.close();
  rmSync(pages, { recursive: true });
}
