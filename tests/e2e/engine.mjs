// A page downloads only what it shows: the reader wasm for widgets a built index
// answers (the demo's bundled seeds are one), the engine wasm only for a dataset
// given at run time, a page the index lacks, or a script asking for the whole API.
// Watched on the network, request by request.
// Needs `make build` (www/pkg, www/pkg/seeds) and `make index` (www/idx).
//
//   node tests/e2e/engine.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser, server, origin, blank, virtual } from './lib.mjs';

test.after(async () => {
  await browser.close();
  server.close();
});

const ENGINE = ['/pkg/tinbai_bg.wasm', '/pkg/tinbai.js'];
const READER = '/pkg/reader_bg.wasm';

/** Open `path` (or serve `html` there), wait for every widget to settle; what was fetched. */
async function visit(path, html) {
  const { page, errors } = await blank();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  if (html) await virtual(page, path, html);
  await page.goto(origin + path);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-tinbai]')]
    .every((el) => ['ready', 'error'].includes(el.getAttribute('data-tinbai-state'))), null, { timeout: 15000 });
  const widgets = await page.$$eval('[data-tinbai]', (els) => els.map((el) => ({
    kind: el.dataset.tinbai, state: el.dataset.tinbaiState, error: el.dataset.tinbaiError,
    ids: [...el.querySelectorAll('li[data-id]')].map((li) => li.dataset.id)
  })));
  return { page, errors, fetched, widgets };
}

function allReady(widgets, path) {
  for (const w of widgets) assert.equal(w.state, 'ready', `${path}: ${w.kind} renders (${w.error ?? ''})`);
}

const page = (script, widgets) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,">
  <link rel="stylesheet" href="/tinbai.css">${script}</head><body><main><h1>Một trang không có trong chỉ mục</h1>
  <p>Hợp tác giữa tỉnh Lào Cai và vùng Nouvelle-Aquitaine của Pháp trong du lịch, nông nghiệp và giáo dục.</p>
  ${widgets}</main></body></html>`;

for (const path of ['/index.html', '/indexed.html']) {
  test(`${path}: every widget from the reader; the engine is never requested`, async () => {
    const { errors, fetched, widgets } = await visit(path);
    allReady(widgets, path);
    assert.ok(widgets.length >= 2);
    for (const w of widgets.filter((w) => w.kind !== 'partnership')) assert.ok(w.ids.length > 0, `${path}: ${w.kind} lists articles`);
    assert.ok(fetched.includes(READER), `${path}: the reader is fetched`);
    for (const f of ENGINE) assert.ok(!fetched.includes(f), `${path}: ${f} is not fetched: ${fetched.join(' ')}`);
    assert.ok(!fetched.some((f) => f.includes('/snippets/') && f.endsWith('/browser.js')), 'nor the engine\'s snippet');
    if (path === '/index.html') {
      // The bundled seeds as a built index: its header, one shard, the routes that
      // find the page by its headline, and the facts of the partnership card.
      const seeds = fetched.filter((f) => f.startsWith('/pkg/seeds/')).map((f) => f.slice('/pkg/seeds/'.length));
      assert.deepEqual(seeds.filter((f) => !/^(index|shard-\d+|routes-\d+|facts)\.bin$/.test(f)), [], `only what the widgets need: ${seeds}`);
      assert.ok(seeds.includes('index.bin') && seeds.includes('facts.bin'), `${seeds}`);
      assert.equal(new Set(seeds).size, seeds.length, `each file once: ${seeds}`);
    }
    const [related, mostRead] = ['related', 'most-read'].map((k) => widgets.find((w) => w.kind === k));
    assert.deepEqual(related.ids.filter((id) => mostRead.ids.includes(id)), [], 'no article in both');
    assert.deepEqual(errors, []);
  });
}

test('window.tinbai.ready loads the engine, with the whole API', async () => {
  const { page, errors, fetched } = await visit('/index.html');
  assert.ok(!fetched.includes(ENGINE[0]));
  const top = await page.evaluate(() => window.tinbai.ready.then((m) => m.mostRead({ limit: 2 }).map((r) => r.id)));
  assert.equal(top.length, 2);
  assert.ok(fetched.includes(ENGINE[0]), 'asked for, the engine comes');
  assert.deepEqual(errors, []);
});

test('a dataset given at run time: the engine alone', async () => {
  const path = '/e2e/engine-dataset.html';
  const { errors, fetched, widgets } = await visit(path, page('<script src="/tinbai.js" defer data-dataset="/dataset.json"></script>',
    '<div data-tinbai="related" data-article="auto"></div><div data-tinbai="most-read"></div>'));
  allReady(widgets, path);
  assert.ok(fetched.includes(ENGINE[0]));
  assert.ok(!fetched.includes(READER), 'no reader: it could show nothing here');
  assert.deepEqual(errors, []);
});

test('a page the index lacks: the reader hands every listing widget to the engine, which fetches no index file again', async () => {
  const path = '/e2e/engine-new-page.html';
  const { errors, fetched, widgets } = await visit(path, page('<script src="/tinbai.js" defer data-index="/idx/"></script>',
    '<div data-tinbai="related" data-article="auto"></div><div data-tinbai="most-read" data-window="7d"></div><div data-tinbai="partnership"></div>'));
  allReady(widgets, path);
  const [related, mostRead] = ['related', 'most-read'].map((k) => widgets.find((w) => w.kind === k));
  assert.ok(related.ids.length > 0, 'related from the index\'s terms files');
  assert.ok(mostRead.ids.length > 0);
  assert.deepEqual(related.ids.filter((id) => mostRead.ids.includes(id)), [], 'de-duplicated across the hand-over');
  assert.ok(fetched.indexOf(READER) < fetched.indexOf(ENGINE[0]), 'the reader first, then the engine');
  const idx = fetched.filter((f) => f.startsWith('/idx/'));
  assert.equal(new Set(idx).size, idx.length, `each index file fetched once: ${idx}`);
  assert.deepEqual(errors, []);
});
