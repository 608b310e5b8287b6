// A built index in the browser: a page with data-index fetches the header and only
// the files its widgets need: the shard that holds its article; with
// data-article="auto", the routes file that finds the page by its URL or headline;
// for a page the index lacks, the terms and docs files of its text. Never an
// answer from the bundled seeds.
// Needs `make build` (www/pkg) and `make index` (www/idx from a 300-article corpus).
//
//   node tests/e2e/index.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { browser, server, origin, blank, root, virtual } from './lib.mjs';

const TINBAI = process.env.TINBAI ?? root('target/debug/tinbai');
const CORPUS = root('target/scale-test/corpus.json');
const ARTICLES = new Map(JSON.parse(readFileSync(CORPUS, 'utf8')).articles.map((a) => [a.id, a]));
const SEED_TITLES = new Set(JSON.parse(execFileSync(TINBAI, ['dataset'], { encoding: 'utf8', maxBuffer: 1 << 26 })).articles.map((a) => a.title));
const text = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A site's article page with the script tag, at `path`; `head` adds to its head. */
function articlePage({ head = '', h1, lead = '', body = [], widgets }) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${text(h1)}</title><link rel="icon" href="data:,">
    <meta name="description" content="${text(lead)}">${head}
    <link rel="stylesheet" href="/tinbai.css"><script src="/tinbai.js" defer data-index="/idx/"></script></head>
    <body><main><article><h1>${text(h1)}</h1>${body.map((p) => `<p>${text(p)}</p>`).join('')}</article>
    <aside>${widgets}</aside></main></body></html>`;
}

/** What a related widget shows, once ready. */
async function shownIn(page, sel) {
  await page.waitForFunction((sel) => document.querySelector(sel).dataset.tinbaiState === 'ready', sel, { timeout: 15000 });
  return page.$$eval(`${sel} li`, (lis) => lis.map((li) => ({
    id: li.dataset.id, title: li.querySelector('.tinbai-title').textContent, score: Number(li.dataset.score),
    href: new URL(li.querySelector('a').href).pathname
  })));
}

const related = (args) => JSON.parse(execFileSync(TINBAI, ['related', ...args, '--dataset', CORPUS], { encoding: 'utf8' }));
const indexFiles = (fetched) => fetched.filter((p) => p.startsWith('/idx/')).map((p) => p.slice('/idx/'.length));

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

test('data-article="auto" at an indexed article\'s URL: its precomputed list, from the header, its route and its shard', async (t) => {
  const it = ARTICLES.get('item-42');
  assert.equal(it.url, '/tin/item-42/');
  const { page, errors } = await blank();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  // Served at its own URL, with a canonical link on another host, as sites do.
  await virtual(page, '/tin/item-42/', articlePage({
    head: '<link rel="canonical" href="https://bao.example.vn/tin/item-42/?utm_source=rss">',
    h1: it.title, lead: it.summary, body: it.body,
    widgets: '<div id="r" data-tinbai="related" data-article="auto"></div>'
  }));
  await page.goto(origin + '/tin/item-42/');
  const shown = await shownIn(page, '#r');
  const live = related(['item-42', '--limit', '5']);
  assert.ok(live.length > 0);
  assert.deepEqual(shown, live.map((r) => ({ id: r.id, title: r.title, score: r.score, href: r.url })));
  assert.ok(shown.every((r) => !SEED_TITLES.has(r.title) && /^\/tin\/item-\d+\/$/.test(r.href)), 'only the index\'s articles');
  const files = indexFiles(fetched);
  t.diagnostic(`fetched from /idx/: ${files.join(' ')}`);
  assert.equal(files[0], 'index.bin');
  assert.ok(files.length <= 3, `the header and at most two files: ${files}`);
  assert.match(files[1], /^routes-\d+\.bin$/);
  assert.match(files.at(-1), /^shard-\d+\.bin$/);
  assert.deepEqual(errors, []);
});

test('data-article="auto" on a page the index lacks: related items from its terms files, never the seeds', async (t) => {
  // A story published after the build, telling item-42's story again.
  const it = ARTICLES.get('item-42');
  const { page, errors } = await blank();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await virtual(page, '/tin/moi-dang/', articlePage({
    h1: 'Tin mới: ' + it.title.split(':').at(-1).trim() + ' tiếp tục hợp tác', lead: it.summary, body: it.body,
    widgets: '<div id="r" data-tinbai="related"></div><div id="p" data-tinbai="partnership" data-partnership="lao-cai-nouvelle-aquitaine" data-link-template="/tin/{id}"></div>'
  }));
  await page.goto(origin + '/tin/moi-dang/');
  const shown = await shownIn(page, '#r');
  assert.equal(shown.length, 5);
  assert.equal(shown[0].id, 'item-42', 'the story it retells comes first');
  for (const r of shown) {
    assert.equal(r.href, ARTICLES.get(r.id).url, 'every link is the index\'s article URL');
    assert.equal(r.title, ARTICLES.get(r.id).title);
    assert.ok(!SEED_TITLES.has(r.title));
  }
  // Most of what the live ranking of the same text gives.
  const pageText = await page.evaluate(() => [document.querySelector('h1').textContent, document.querySelector('meta[name=description]').content, document.querySelector('article').textContent].join(' ').replace(/\s+/g, ' ').trim());
  const live = related(['--text', pageText, '--limit', '5']).map((r) => r.id);
  assert.ok(shown.filter((r) => live.includes(r.id)).length >= 4, `${shown.map((r) => r.id)} vs ${live}`);
  const files = indexFiles(fetched);
  t.diagnostic(`fetched from /idx/: ${files.join(' ')}`);
  assert.equal(files[0], 'index.bin');
  assert.ok(!files.some((f) => f.startsWith('shard-')), `no article shard: ${files}`);
  const routes = files.filter((f) => f.startsWith('routes-'));
  const terms = files.filter((f) => f.startsWith('terms-'));
  const docs = files.filter((f) => f.startsWith('docs-'));
  assert.ok(routes.length >= 1 && routes.length <= 2, `its path and its headline looked up: ${routes}`);
  assert.ok(terms.length >= 1 && terms.length <= 8, `at most 8 terms files: ${terms}`);
  assert.ok(docs.length >= 1, `the docs of the results: ${docs}`);
  assert.equal(new Set(files).size, files.length, `each file fetched once: ${files}`);
  // The partnership card's facts, from the index too (the bundled ones, cited).
  assert.ok(files.includes('facts.bin'), `${files}`);
  assert.equal(routes.length + terms.length + docs.length + 2, files.length, `${files}`);
  // The bundled partnership facts stay, their sources cited rather than linked.
  await page.waitForFunction(() => document.querySelector('#p').dataset.tinbaiState === 'ready');
  assert.ok(await page.$$eval('#p .tinbai-citation', (c) => c.length) > 0);
  assert.deepEqual(await page.$$eval('#p a[href]', (a) => a.map((x) => x.href)), [], 'no link to a seed article');
  assert.deepEqual(errors, []);
});

test('the ES module with an index: related({text}) answers from it, relatedAsync fetches first, findArticle finds pages', async () => {
  const { page, errors } = await open('/article.html');
  const nine = ARTICLES.get('item-9');
  const out = await page.evaluate(async ({ title, lead }) => {
    const mod = await import('/pkg/tinbai.js');
    await mod.default();
    await mod.loadIndex('/idx/');
    let before;
    try { mod.related({ text: lead }); } catch (e) { before = e.message; }
    const later = await mod.relatedAsync({ text: lead, limit: 4 });
    const now = mod.related({ text: lead, limit: 4 });
    return {
      before, later, now,
      byUrl: await mod.findArticle({ url: 'https://bao.example.vn/tin/item-7/index.html?x=1#y' }),
      byTitle: await mod.findArticle({ title: title.toUpperCase() }),
      none: await mod.findArticle({ url: ['/khong-co/', '/tin/item-x/'], title: 'Không có tin này' }),
      here: await mod.findArticle(),
      auto: await mod.relatedAsync({ article: 'auto', text: lead, limit: 3 })
    };
  }, { title: nine.title, lead: nine.summary });
  assert.match(out.before, /related: the index files this needs \(terms-\d+\.bin.*\) are not loaded yet: await relatedAsync\(options\) instead/);
  assert.equal(out.later.length, 4);
  assert.equal(out.later[0].id, 'item-9');
  assert.deepEqual(out.now, out.later);
  assert.ok(out.later.every((r) => ARTICLES.has(r.id) && r.url === ARTICLES.get(r.id).url && r.reasons));
  assert.equal(out.byUrl, 'item-7');
  assert.equal(ARTICLES.get(out.byTitle).title, nine.title);
  assert.equal(out.none, null);
  assert.equal(out.here, null, '/article.html is not in the index');
  assert.deepEqual(out.auto.map((r) => r.id), out.later.slice(0, 3).map((r) => r.id), 'not found, "auto" relates to the text given');
  assert.deepEqual(errors, []);
});
