// A built index in the browser: a page with data-index fetches the header and only
// the shard that holds its article, and shows that article's precomputed list.
// Needs `make build` (www/pkg) and `make index` (www/idx from a 300-article corpus).
//
//   node tests/e2e/index.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { browser, server, origin, blank, root, virtual } from './lib.mjs';

const TINBAI = process.env.TINBAI ?? root('target/debug/tinbai');

test.after(async () => {
  await browser.close();
  server.close();
});

/** A page as a reader opens it, with every path it fetched. */
async function open(path) {
  const { page, errors } = await blank();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(origin + path);
  return { page, errors, fetched };
}

test('data-index: the header and one shard give the related widget the precomputed list', async () => {
  const { page, errors, fetched } = await open('/indexed.html');
  await page.waitForFunction(() => document.querySelector('#related').dataset.tinbaiState === 'ready', null, { timeout: 15000 });
  const shown = await page.$$eval('#related li', (lis) => lis.map((li) => ({ id: li.dataset.id, title: li.querySelector('.tinbai-title').textContent, score: Number(li.dataset.score) })));
  // The same list the native CLI ranks from the same corpus.
  const live = JSON.parse(execFileSync(TINBAI, ['related', 'item-42', '--limit', '5', '--dataset', root('target/scale-test/corpus.json')], { encoding: 'utf8' }));
  assert.ok(live.length > 0, 'the article has related items');
  assert.deepEqual(shown, live.map((r) => ({ id: r.id, title: r.title, score: r.score })));
  const index = fetched.filter((p) => p.startsWith('/idx/'));
  assert.equal(index[0], '/idx/index.bin');
  assert.equal(index.length, 2, `only the header and one shard: ${index}`);
  assert.match(index[1], /^\/idx\/shard-\d+\.bin$/);
  assert.deepEqual(errors, []);
});

test('data-index: most-read shows the lists the build ranked, from the header alone', async () => {
  const { page, errors } = await open('/indexed.html');
  await page.waitForFunction(() => document.querySelector('#most-read').dataset.tinbaiState === 'ready', null, { timeout: 15000 });
  const shown = await page.$$eval('#most-read li', (lis) => lis.map((li) => ({ id: li.dataset.id, title: li.querySelector('.tinbai-title').textContent, views: Number(li.dataset.views) })));
  // `make index` builds with --now 2026-11-17T19:33:20Z; the page asks for 7 days.
  const live = JSON.parse(execFileSync(TINBAI, ['most-read', '--window', '7d', '--now', '2026-11-17T19:33:20Z', '--limit', '5', '--dataset', root('target/scale-test/corpus.json')], { encoding: 'utf8' }));
  assert.equal(live.length, 5);
  assert.ok(live.every((r) => r.views > 0), 'the corpus has views in the window');
  assert.deepEqual(shown, live.map((r) => ({ id: r.id, title: r.title, views: r.views })));
  // From the ES module too, with an exclusion and a limit, and never the seed articles.
  const api = await page.evaluate(async (skip) => (await window.tinbai.ready).mostRead({ window: '7d', limit: 3, exclude: [skip] }), live[0].id);
  assert.deepEqual(api.map((r) => r.id), live.slice(1, 4).map((r) => r.id));
  assert.deepEqual(errors, []);
});

test('data-index with data-record-view: the page\'s own article, known only to the index, is recorded without an error', async () => {
  const { page, errors } = await blank();
  await virtual(page, '/e2e-indexed-view.html', `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,">
    <link rel="stylesheet" href="/tinbai.css"><script src="/tinbai.js" defer data-index="/idx/" data-record-view="item-42"></script></head>
    <body><div id="r" data-tinbai="related" data-article="item-42"></div><div id="m" data-tinbai="most-read"></div></body></html>`);
  await page.goto(origin + '/e2e-indexed-view.html');
  await page.waitForFunction(() => ['r', 'm'].every((id) => document.getElementById(id).dataset.tinbaiState === 'ready'), null, { timeout: 15000 });
  const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k)).join('\n'));
  assert.match(stored, /item-42/, 'the view is stored');
  const shown = await page.$$eval('[data-tinbai] li', (lis) => lis.map((li) => li.dataset.id));
  assert.ok(shown.length >= 10 && !shown.includes('item-42'), `the page's own article is listed nowhere: ${shown}`);
  assert.deepEqual(errors, []);
});

test('loadIndex and prefetch from the ES module: related() answers from the shard once it is in', async () => {
  const { page, errors, fetched } = await open('/article.html');
  const out = await page.evaluate(async () => {
    const mod = await import('/pkg/tinbai.js');
    await mod.default();
    const info = await mod.loadIndex('/idx/');
    let before;
    try { mod.related({ article: 'item-7' }); } catch (e) { before = e.message; }
    await mod.prefetch('item-7');
    const after = mod.related({ article: 'item-7', limit: 3 });
    let bad;
    try { await mod.loadIndex('/idx/shard-0.bin'); } catch (e) { bad = e.message; }
    return { info, before, after, bad };
  });
  assert.equal(out.info.articles, 300);
  assert.equal(out.info.shards, 5);
  assert.match(out.before, /item-7.*not loaded yet/);
  assert.ok(out.after.length > 0 && out.after.length <= 3);
  assert.ok(out.after.every((r) => r.id !== 'item-7' && r.title && r.score > 0));
  assert.match(out.bad, /loadIndex: .*shard-0\.bin.*expected the header, got a shard/);
  assert.equal(fetched.filter((p) => /^\/idx\/shard-/.test(p)).length, 2, 'item-7\'s shard, and the bad header');
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
});
