// `make bench`: tinbai against its peer (bench/peer: the same widgets on MiniSearch)
// in headless Chromium on 127.0.0.1, in one run. Prints Markdown tables: download
// sizes, time to widgets, then related/most-read latency on the seed dataset and on
// generated corpora of 10,000 and 100,000 articles.
//
//   make build && node benches/browser.mjs
//   BENCH_LOADS=20 (fresh loads per side, seed)   BENCH_SCALE=10000,100000 ('' skips)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM, ARGS } from '../tests/e2e/harness.mjs';
import { sizeTable } from '../scripts/size.mjs';
import { BLANK, firstWidget, firstWidgetRow, FIRST_WIDGET_HEAD, fresh as freshPage, indexedPage, indexPart, serveApart } from './first-widget.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}target/bench/www`;
const TINBAI = `${ROOT}target/release/tinbai`;
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const SCALE = (process.env.BENCH_SCALE ?? '10000,100000').split(',').filter(Boolean).map(Number);
// Per corpus size: fresh loads per side, and ids and repetitions timed in each load.
// A 100,000-article load takes minutes on a shared machine, and so does a peer query.
const PLAN = { 10000: { loads: 2, ids: 10, reps: 2 }, 100000: { loads: 1, ids: 5, reps: 1 } };
const plan = (n) => PLAN[n] ?? { loads: 1, ids: 5, reps: 1 };
const progress = (msg) => process.stderr.write(`bench: ${msg}\n`);
const CORPUS_SEED = 1;

// ---- prepare: the peer's bundle, its data and its page --------------------------

mkdirSync(`${OUT}/peer`, { recursive: true });
const minify = { bundle: true, minify: true, format: 'iife', target: 'es2020', legalComments: 'none', logLevel: 'error' };
await build({ ...minify, entryPoints: [`${ROOT}bench/peer/peer.js`], outfile: `${OUT}/peer/peer.js` });
// MiniSearch alone, minified the same way: its share of the peer's download.
await build({ ...minify, stdin: { contents: "import M from 'minisearch'; window.MiniSearch = M;", resolveDir: ROOT }, outfile: `${OUT}/peer/minisearch.min.js` });
const seed = JSON.parse(execFileSync(TINBAI, ['dataset'], { maxBuffer: 1 << 28 }));
writeFileSync(`${OUT}/seed.json`, JSON.stringify(seed));

// The peer's page is tinbai's demo page with the script tag swapped, nothing else.
const demo = readFileSync(`${ROOT}www/index.html`, 'utf8');
const tag = /<script src="tinbai\.js"[^>]*><\/script>/;
if (!tag.test(demo)) throw new Error('www/index.html: the tinbai script tag was not found');
writeFileSync(`${OUT}/peer.html`, demo
  .replace(tag, '<script src="/bench/peer/peer.js" defer data-dataset="/bench/seed.json" data-link-template="/article.html?id={id}"></script>')
  .replace(/(href|src)="(?!https?:|\/|#|data:)/g, '$1="/'));
writeFileSync(`${OUT}/blank.html`, BLANK);

/** A generated corpus (JSONL), cached under target/ until the CLI is rebuilt. */
function corpus(n) {
  const file = `${OUT}/corpus-${n}-s${CORPUS_SEED}.jsonl`;
  if (existsSync(file) && statSync(file).mtimeMs > statSync(TINBAI).mtimeMs) return file;
  execFileSync(TINBAI, ['corpus', '--count', String(n), '--seed', String(CORPUS_SEED), '--out', file], { stdio: 'inherit' });
  return file;
}
const hasCorpus = (() => {
  try { execFileSync(TINBAI, ['corpus', '--count', '1'], { stdio: 'ignore' }); return true; } catch { return false; }
})();

// ---- the browser ----------------------------------------------------------------

// Cross-origin isolation gives both sides the fine-grained clock (5 µs, not 100 µs).
const server = await serveApart({ '/bench/': OUT }, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
const origin = server.origin;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });

// Stamps the moment the third widget is in the DOM: both sides mark a rendered
// placeholder data-tinbai-state="ready". Milliseconds since navigation start.
const WATCH = () => {
  new MutationObserver((_, obs) => {
    if (document.querySelectorAll('[data-tinbai-state="ready"]').length >= 3) {
      window.__widgets = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-tinbai-state'] });
};

const SHORT = ['hợp tác Lào Cai Nouvelle-Aquitaine', 'du lich Hue', 'Hà Nội và vùng Île-de-France', 'hội nghị địa phương Việt – Pháp', 'Toulouse', 'bảo tồn di sản văn hoá'];
const PAGE_TEXT = (() => {
  // The text the script tag sends for data-article="auto": headline, description, article.
  const strip = (s) => s.replace(/<[^>]+>/g, ' ');
  const h1 = strip(demo.match(/<h1>([\s\S]*?)<\/h1>/)[1]);
  const meta = demo.match(/<meta name="description" content="([^"]*)"/)[1];
  const article = strip(demo.match(/<article[^>]*>([\s\S]*?)<\/article>/)[1]);
  return [h1, meta, article].join('\n').replace(/\s+/g, ' ').trim().slice(0, 4000);
})();

/** In the page: time each call of `api` (tinbai's module or the peer), in ms. */
async function timeCalls(page, side, { ids, reps, render = false }) {
  return page.evaluate(async ({ side, ids, reps, short, text, render }) => {
    const api = side === 'peer' ? await (window.peer.ready ?? window.__peer) : await (window.tinbai ? window.tinbai.ready : window.__tinbai);
    const time = (n, f) => {
      const t = [];
      for (let i = 0; i < n; i++) { const t0 = performance.now(); f(i); t.push(performance.now() - t0); }
      return t;
    };
    if (side === 'index') {
      // A built index answers related-by-id and most-read from a shard and the header
      // (free text too, from its terms files: not timed here). The first list for an
      // article waits for its shard.
      const first = [];
      for (const id of ids) {
        const t0 = performance.now();
        await api.prefetch([id]);
        api.related({ article: id, limit: 5 });
        first.push(performance.now() - t0);
      }
      return {
        'related, by id': time(ids.length, (i) => api.related({ article: ids[i], limit: 5 })),
        'related, by id, its shard fetched first': first,
        'mostRead': time(reps * 4, () => api.mostRead({ limit: 5 }))
      };
    }
    const out = {
      'related, by id': time(ids.length, (i) => api.related({ article: ids[i], limit: 5 })),
      'related, free text (headline-sized)': time(reps * short.length, (i) => api.related({ text: short[i % short.length], limit: 5 })),
      'related, free text (the page, as data-article="auto" sends)': time(reps, () => api.related({ text, limit: 5 })),
      'mostRead': time(reps * 4, () => api.mostRead({ limit: 5 }))
    };
    if (render) {
      // Query and build the widget into an element on the page, as the script tag does.
      const el = document.body.appendChild(document.createElement('div'));
      const view = { linkTemplate: '/article.html?id={id}' };
      const [related, card] = side === 'peer'
        ? [(o) => el.replaceChildren(window.peer.relatedWidget(api.related(o), view)), (id) => el.replaceChildren(window.peer.partnershipWidget(api, id, view))]
        : [(o) => api.renderRelated(el, { ...o, ...view }).destroy(), (id) => api.renderPartnership(el, { partnership: id, ...view }).destroy()];
      out['render related by id into the page'] = time(ids.length, (i) => related({ article: ids[i], limit: 5 }));
      out['render a partnership card'] = time(reps * 4, () => card('lao-cai-nouvelle-aquitaine'));
      el.remove();
    }
    return out;
  }, { side, ids, reps, short: SHORT, text: PAGE_TEXT, render });
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p10: q(0.1), median: q(0.5), p90: q(0.9), min: s[0], max: s[s.length - 1] };
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const spread = (s) => `**${ms(s.median)}** (${ms(s.p10)}–${ms(s.p90)})`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const merge = (into, from) => { for (const k in from) (into[k] ??= []).push(...from[k]); };

const fresh = (url) => freshPage(browser, url, WATCH);

// ---- time to widgets, and call costs on the seed dataset -------------------------

const pages = { tinbai: `${origin}/`, peer: `${origin}/bench/peer.html` };
const ttw = { tinbai: [], peer: [] };
const dcl = { tinbai: [], peer: [] }; // DOMContentLoaded: the page itself, before either script runs
const seedCalls = { tinbai: {}, peer: {} };
const seedIds = seed.articles.map((a) => a.id);
progress(`time to widgets, ${LOADS} loads per side`);
for (let run = 0; run < LOADS; run++) {
  // Alternate which side goes first, so drift on a shared machine hits both alike.
  for (const side of run % 2 ? ['peer', 'tinbai'] : ['tinbai', 'peer']) {
    const { page, context, errors } = await fresh(pages[side]);
    await page.waitForFunction(() => window.__widgets, null, { timeout: 30000, polling: 50 });
    const [widgets, dom] = await page.evaluate(() => [window.__widgets, performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]);
    ttw[side].push(widgets);
    dcl[side].push(dom);
    const items = await page.$$eval('[data-tinbai] li', (l) => l.length);
    if (items < 8) throw new Error(`${side}: the widgets rendered only ${items} list items`);
    merge(seedCalls[side], await timeCalls(page, side, { ids: seedIds.slice(run * 5 % seedIds.length).concat(seedIds).slice(0, 30), reps: 5, render: true }));
    if (errors.length) throw new Error(`${side}: ${errors.join('; ')}`);
    await context.close();
  }
}

// ---- at scale: loadDataset against the peer's index, on generated corpora ---------

/** In a blank page: fetch a JSONL corpus, build the side's index; returns ms taken. */
async function loadSide(page, side, url) {
  return page.evaluate(async ({ side, url }) => {
    const t0 = performance.now();
    if (side === 'peer') {
      await new Promise((ok, fail) => document.head.append(Object.assign(document.createElement('script'), { src: '/bench/peer/peer.js', onload: ok, onerror: fail })));
      const body = await (await fetch(url)).text();
      window.__peer = window.peer.createPeer(window.peer.parseDataset(body, url));
    } else if (side === 'index') {
      const m = await import('/pkg/tinbai.js');
      await m.default();
      await m.loadIndex(url);
      window.__tinbai = m;
    } else {
      const m = await import('/pkg/tinbai.js');
      await m.default();
      const body = await (await fetch(url)).text();
      const articles = body.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
      m.loadDataset({ articles, partnerships: [] }, { lenient: false });
      window.__tinbai = m;
    }
    return performance.now() - t0;
  }, { side, url });
}

/** `tinbai build --input corpus.jsonl --out DIR` writes a prebuilt index that the
 * browser loads lazily with `loadIndex(url)`: a third side, cached like the corpus. */
function prebuiltIndex(n, file) {
  if (!readFileSync(`${ROOT}www/pkg/tinbai.d.ts`, 'utf8').includes('loadIndex')) return null;
  const dir = `${OUT}/index-${n}-s${CORPUS_SEED}`;
  if (!existsSync(`${dir}/index.bin`) || statSync(`${dir}/index.bin`).mtimeMs < statSync(file).mtimeMs) {
    progress(`tinbai build, ${n} articles`);
    // --now: the corpus clock, so most-read windows hold views.
    execFileSync(TINBAI, ['build', '--input', file, '--out', dir, '--now', '2026-11-17T19:33:20Z'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return `/bench/${dir.slice(OUT.length + 1)}/`;
}

const scale = [];
for (const n of hasCorpus ? SCALE : []) {
  const file = corpus(n);
  const url = `/bench/${file.slice(OUT.length + 1)}`;
  const { loads, ids: nids, reps } = plan(n);
  // Ids spread evenly over the corpus.
  const ids = Array.from({ length: nids }, (_, i) => `item-${Math.floor((i * n) / nids) + 7}`);
  const index = prebuiltIndex(n, file);
  const sides = index ? ['tinbai', 'peer', 'index'] : ['tinbai', 'peer'];
  const row = { n, load: {}, calls: {} };
  for (const side of sides) [row.load[side], row.calls[side]] = [[], {}];
  for (let run = 0; run < loads; run++) {
    for (const side of run % 2 ? [...sides].reverse() : sides) {
      progress(`${n} articles, ${side}, load ${run + 1} of ${loads}`);
      const { page, context, errors } = await fresh(`${origin}/bench/blank.html`);
      page.setDefaultTimeout(1800000);
      row.load[side].push(await loadSide(page, side, side === 'index' ? index : url));
      merge(row.calls[side], await timeCalls(page, side, { ids, reps }));
      if (errors.length) throw new Error(`${side}, ${n} articles: ${errors.join('; ')}`);
      await context.close();
    }
  }
  scale.push(row);
}

// ---- first widget from a built index: www/indexed.html, LOADS fresh loads ---------

const first = [];
for (const r of scale.filter((r) => r.load.index)) {
  progress(`first widget from the ${r.n}-article index, ${LOADS} loads`);
  const dir = prebuiltIndex(r.n, corpus(r.n));
  // A different article each load, spread over the corpus, so each needs its own shard.
  const ids = Array.from({ length: LOADS }, (_, i) => `item-${Math.floor(((i + 0.5) * r.n) / LOADS)}`);
  ids.forEach((id, i) => writeFileSync(`${OUT}/first-${r.n}-${i}.html`, indexedPage(dir, id)));
  first.push({
    n: r.n,
    rows: await firstWidget(browser, (i) => `${origin}/bench/first-${r.n}-${i}.html`, LOADS),
    part: await indexPart(browser, `${origin}/bench/blank.html`, dir, ids)
  });
}

// ---- report ---------------------------------------------------------------------

const version = browser.version();
await browser.close();
server.close();

console.log('### Download\n');
console.log(await sizeTable());
console.log(`\n### Time to widgets\n\nHeadless Chromium ${version} on 127.0.0.1, ${LOADS} fresh page loads per side (a new browser context each, nothing cached), alternating. From navigation start until all three widgets are in the DOM; ms, median (p10–p90).\n`);
console.log('| page | time to widgets | min | max | DOMContentLoaded |');
console.log('|---|---|---|---|---|');
const t = { tinbai: stats(ttw.tinbai), peer: stats(ttw.peer) };
console.log(`| tinbai: www/index.html, the script tag, bundled seeds | ${spread(t.tinbai)} | ${ms(t.tinbai.min)} | ${ms(t.tinbai.max)} | ${spread(stats(dcl.tinbai))} |`);
console.log(`| peer: the same page with bench/peer/peer.js and seed.json | ${spread(t.peer)} | ${ms(t.peer.min)} | ${ms(t.peer.max)} | ${spread(stats(dcl.peer))} |`);
console.log(`| **tinbai ÷ peer** (target at most 1.0×) | **${ratio(t.tinbai.median, t.peer.median)}** | | | |`);

console.log(`\n### Latency: tinbai against the peer\n\nms per call, median (p10–p90), over every call in every load: the seed dataset (${seed.articles.length} items) in the ${LOADS} loads above; ${scale.map((r) => `${plan(r.n).loads} fresh load${plan(r.n).loads > 1 ? 's' : ''} per side at ${r.n.toLocaleString('en')} articles`).join(', ') || (SCALE.length ? 'no `tinbai corpus` in this build' : 'no corpora (BENCH_SCALE is empty)')}${scale.length ? ` (\`tinbai corpus --count N --seed ${CORPUS_SEED}\`)` : ''}. "load" is fetching the data, parsing it and building the index in the page.\n`);
const withIndex = scale.some((r) => r.load.index);
console.log(`| articles | operation | calls | tinbai (loadDataset) | peer | peer ÷ tinbai |${withIndex ? ' tinbai (loadIndex) | peer ÷ it |' : ''}`);
console.log(`|---|---|---|---|---|---|${withIndex ? '---|---|' : ''}`);
const rows = [{ n: seed.articles.length, label: `${seed.articles.length} (seed)`, calls: seedCalls }, ...scale.map((r) => ({ ...r, label: r.n.toLocaleString('en') }))];
const cell = (x) => (x ? spread(stats(x)) : '—');
const per = (x, y) => (x && y ? ratio(stats(x).median, stats(y).median) : '—');
const cells = (d) => `${d.tinbai ? d.tinbai.length : d.index.length} | ${cell(d.tinbai)} | ${cell(d.peer)} | ${per(d.peer, d.tinbai)} |${withIndex ? ` ${cell(d.index)} | ${per(d.peer, d.index)} |` : ''}`;
for (const r of rows) {
  if (r.load) console.log(`| ${r.label} | load: fetch, parse, index (loadIndex: the header) | ${cells(r.load)}`);
  const ops = [...new Set(Object.values(r.calls).flatMap((c) => Object.keys(c)))];
  for (const op of ops) {
    console.log(`| ${r.label} | ${op} | ${cells({ tinbai: r.calls.tinbai[op], peer: r.calls.peer[op], index: r.calls.index?.[op] })}`);
  }
}

if (first.length) {
  console.log(`\n### First widget from a built index\n\nwww/indexed.html (a related widget and a most-read one, the script tag with \`data-index\`) pointed at the built index, ${LOADS} fresh loads, each for another article; ms, median (p10–p90). "DOMContentLoaded → widget" is the page ready until the related widget's \`tinbai:ready\`; "tinbai running" is the index's own part in ${LOADS} more fresh pages, with the module started first: \`loadIndex\` (the header's fetch and read) until the widget's \`tinbai:ready\` (its shard's fetch and read, and the render); the header and shard columns are their fetches alone.\n`);
  console.log(FIRST_WIDGET_HEAD);
  for (const f of first) console.log(firstWidgetRow(`${f.n.toLocaleString('en')} articles`, f.rows, f.part));
}
