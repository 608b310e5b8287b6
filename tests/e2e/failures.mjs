// A widget that fails shows readers nothing: an unknown id, an index header or
// shard that answers 404 or 500, one cut short, a dataset that cannot be loaded.
// Each leaves no box on the page, says why in data-tinbai-error and on the console,
// and sends tinbai:error. A shard the network drops, or a server error, is asked for
// once more. Needs `make build` (www/pkg) and `make index` (www/idx).
//
//   node --test tests/e2e/failures.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser, server, origin, blank, virtual } from './lib.mjs';

test.after(async () => {
  await browser.close();
  server.close();
});

/** A page with the script tag (`attrs` on it) and `body`, then a marker below. */
function doc(attrs, body) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,">
    <link rel="stylesheet" href="/tinbai.css"><link rel="stylesheet" href="/demo.css"><script src="/tinbai.js" defer ${attrs}></script></head>
    <body><main class="page"><article class="story"><h1>Hợp tác Lào Cai và Nouvelle-Aquitaine</h1></article>
    <aside class="rail"><p id="above">above</p>${body}<p id="below">below</p></aside></main></body></html>`;
}

/** Open `html`; `route` may intercept requests first. Every tinbai:error is kept. */
async function open(name, html, route) {
  const tab = await blank();
  const requested = [];
  tab.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await tab.page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener('tinbai:error', (e) => window.__errors.push({ id: e.target.id, ...e.detail }));
  });
  if (route) await route(tab.page);
  await virtual(tab.page, `/e2e-fail-${name}.html`, html);
  await tab.page.goto(`${origin}/e2e-fail-${name}.html`);
  return { ...tab, requested };
}

const settled = (page, ids) => page.waitForFunction((ids) => ids.every((id) => ['ready', 'error'].includes(document.getElementById(id)?.dataset.tinbaiState)), ids, { timeout: 15000 });

/** How a placeholder looks to a reader: its state, error, box, and whether the
 * paragraph below sits right under the one above (no space kept for it). */
function seen(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const r = el.getBoundingClientRect();
    const above = document.getElementById('above').getBoundingClientRect();
    const next = el.nextElementSibling.getBoundingClientRect();
    return {
      state: el.dataset.tinbaiState, error: el.dataset.tinbaiError ?? null, height: r.height, width: r.width,
      display: getComputedStyle(el).display, gap: next.top - above.bottom
    };
  }, id);
}

/** Nothing of a failed placeholder shows: no box, and no space between its neighbours
 * beyond their own margins (demo.css puts 1.5rem, 24px, between rail items). */
function hidden(s, what) {
  assert.equal(s.state, 'error', what);
  assert.equal(s.display, 'none', `${what}: display`);
  assert.equal(s.height, 0, `${what}: height`);
  assert.ok(s.gap <= 25, `${what}: no space kept between its neighbours (${s.gap}px)`);
}

test('an unknown partnership id or article id: no box, a clear message, one console error each', async () => {
  const { page, errors, context } = await open('ids', doc('', `
    <div id="p" data-tinbai="partnership" data-partnership="nope"></div>
    <div id="r" data-tinbai="related" data-article="no-such-article"></div>
    <div id="ok" data-tinbai="most-read" data-limit="2"></div>`));
  await settled(page, ['p', 'r', 'ok']);
  const p = await seen(page, 'p');
  hidden(p, 'unknown partnership');
  assert.match(p.error, /^renderPartnership: unknown partnership id "nope"/);
  const r = await seen(page, 'r');
  hidden(r, 'unknown article');
  assert.match(r.error, /^renderRelated: unknown article id "no-such-article"/);
  assert.equal((await seen(page, 'ok')).state, 'ready', 'the others are not affected');
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.ok(errors.some((e) => /tinbai: renderPartnership: unknown partnership id "nope"/.test(e)));
  const events = await page.evaluate(() => window.__errors);
  assert.deepEqual(events.map((e) => [e.id, e.widget]).sort(), [['p', 'partnership'], ['r', 'related']]);
  // A corrected attribute mounts it after all.
  await page.evaluate(() => { document.getElementById('p').dataset.partnership = 'lao-cai-nouvelle-aquitaine'; });
  await page.waitForSelector('#p[data-tinbai-state=ready]');
  const fixed = await seen(page, 'p');
  assert.equal(fixed.error, null, 'the old message is gone');
  assert.ok(fixed.height > 100, 'and the card shows');
  await context.close();
});

test('an article unknown to the built index: no box, once its shard says so', async () => {
  const { page, errors, context } = await open('index-id', doc('data-index="/idx/"', '<div id="r" data-tinbai="related" data-article="item-99999"></div>'));
  await settled(page, ['r']);
  const r = await seen(page, 'r');
  hidden(r, 'unknown article in the index');
  assert.match(r.error, /^renderRelated: unknown article id "item-99999"/);
  assert.equal(errors.length, 1, errors.join('\n'));
  await context.close();
});

/** The index page: related waits for item-42's shard, most read reads the header. */
const INDEXED = doc('data-index="/idx/"', '<div id="r" data-tinbai="related" data-article="item-42"></div><div id="m" data-tinbai="most-read" data-window="7d"></div>');

test('a shard that answers 500 is asked for twice, then the related widget leaves no box', async () => {
  const { page, errors, context, requested } = await open('shard-500', INDEXED, (p) => p.route(`${origin}/idx/shard-*.bin`, (r) => r.fulfill({ status: 500, body: 'oops' })));
  await settled(page, ['r', 'm']);
  const r = await seen(page, 'r');
  hidden(r, 'shard 500');
  assert.match(r.error, /^renderRelated: ".*\/idx\/shard-\d+\.bin": HTTP 500/);
  const shards = requested.filter((p) => /^\/idx\/shard-/.test(p));
  assert.equal(shards.length, 2, `asked twice: ${shards}`);
  assert.equal(shards[0], shards[1]);
  assert.equal((await seen(page, 'm')).state, 'ready', 'most read, from the header, still shows');
  assert.equal(errors.filter((e) => /^tinbai:/.test(e)).length, 1, errors.join('\n'));
  assert.deepEqual((await page.evaluate(() => window.__errors)).map((e) => [e.id, e.widget]), [['r', 'related']]);
  await context.close();
});

test('a shard the network drops is asked for twice; a second answer that works shows the widget', async () => {
  const dropped = await open('shard-abort', INDEXED, (p) => p.route(`${origin}/idx/shard-*.bin`, (r) => r.abort('connectionreset')));
  await settled(dropped.page, ['r']);
  hidden(await seen(dropped.page, 'r'), 'shard dropped');
  assert.equal(dropped.requested.filter((p) => /^\/idx\/shard-/.test(p)).length, 2);
  await dropped.context.close();

  let n = 0;
  const flaky = await open('shard-flaky', INDEXED, (p) => p.route(`${origin}/idx/shard-*.bin`, (r) => (n++ === 0 ? r.fulfill({ status: 503, body: 'busy' }) : r.fallback())));
  await settled(flaky.page, ['r', 'm']);
  const r = await seen(flaky.page, 'r');
  assert.equal(r.state, 'ready');
  assert.equal(r.error, null);
  assert.ok(await flaky.page.locator('#r li').count() > 0);
  assert.equal(n, 2);
  assert.deepEqual(flaky.errors.filter((e) => /^tinbai:/.test(e)), []);
  await flaky.context.close();
});

test('a truncated shard is not asked for again: the widget leaves no box and names the damage', async () => {
  const { page, errors, context, requested } = await open('shard-cut', INDEXED, (p) => p.route(`${origin}/idx/shard-*.bin`, async (r) => {
    const res = await r.fetch();
    await r.fulfill({ status: 200, contentType: 'application/octet-stream', body: (await res.body()).subarray(0, 40) });
  }));
  await settled(page, ['r', 'm']);
  const r = await seen(page, 'r');
  hidden(r, 'truncated shard');
  assert.match(r.error, /^renderRelated: ".*shard-\d+\.bin": invalid index file: \w+ at byte \d+: truncated/);
  assert.equal(requested.filter((p) => /^\/idx\/shard-/.test(p)).length, 1, 'bad data is not fetched again');
  assert.equal(errors.filter((e) => /^tinbai:/.test(e)).length, 1);
  await context.close();
});

test('a missing index header (404) leaves no box for any widget', async () => {
  const { page, errors, context } = await open('no-header', doc('data-index="/no-index/"', '<div id="r" data-tinbai="related" data-article="item-42"></div><div id="m" data-tinbai="most-read"></div>'));
  await settled(page, ['r', 'm']);
  for (const id of ['r', 'm']) {
    const s = await seen(page, id);
    hidden(s, `${id} without its index`);
    assert.match(s.error, /^loadIndex: ".*\/no-index\/index\.bin": HTTP 404/);
  }
  assert.equal(errors.filter((e) => /^tinbai:/.test(e)).length, 2);
  await context.close();
});

test('a dataset that cannot be loaded, or bad data in it, leaves no box', async () => {
  for (const [name, body, message] of [
    ['dataset-500', null, /^data-dataset: 500/],
    ['dataset-bad', JSON.stringify({ articles: [{ id: 'x', title: '' }] }), /^loadDataset: invalid dataset: [\s\S]*field "title": must not be empty/]
  ]) {
    const { page, context } = await open(name, doc('data-dataset="/e2e/ds.json"', '<div id="m" data-tinbai="most-read"></div>'), (p) => p.route(`${origin}/e2e/ds.json`, (r) => (body === null ? r.fulfill({ status: 500, body: 'x' }) : r.fulfill({ status: 200, contentType: 'application/json', body }))));
    await settled(page, ['m']);
    const s = await seen(page, 'm');
    hidden(s, name);
    assert.match(s.error, message);
    await context.close();
  }
});

test('after it rendered: update() that throws keeps what it showed; an attribute the script tag cannot apply hides it', async () => {
  const { page, errors, context } = await open('later', doc('', '<div id="p" data-tinbai="partnership" data-partnership="lao-cai-nouvelle-aquitaine"></div>'));
  await page.waitForSelector('#p[data-tinbai-state=ready]');
  const before = await seen(page, 'p');
  // From the ES module the caller gets the error, and the widget stays as it was.
  const thrown = await page.evaluate(async () => {
    const mod = await window.tinbai.ready;
    // Not a data-tinbai placeholder: the script tag leaves it to this code.
    const el = document.createElement('div');
    el.id = 'q';
    document.getElementById('p').after(el);
    const q = mod.renderPartnership(el, { partnership: 'hai-duong-montreuil' });
    try { q.update({ partnership: 'nope' }); } catch (e) { return e.message; }
    return null;
  });
  assert.match(thrown, /unknown partnership id "nope"/);
  const q = await page.evaluate(() => ({ state: document.getElementById('q').dataset.tinbaiState, partners: document.querySelector('#q .tinbai-partners')?.textContent }));
  assert.deepEqual(q, { state: 'ready', partners: 'Hải Dương – Montreuil' });
  // Through the script tag nobody can catch it: the card no longer answers its
  // attributes, so it collapses rather than show the wrong partnership.
  await page.evaluate(() => { document.getElementById('p').dataset.partnership = 'nope'; });
  await page.waitForSelector('#p[data-tinbai-state=error]', { state: 'attached' });
  const after = await seen(page, 'p');
  assert.equal(after.display, 'none');
  assert.match(after.error, /unknown partnership id "nope"/);
  assert.ok(before.height > 100);
  await page.evaluate(() => { document.getElementById('p').dataset.partnership = 'lao-cai-nouvelle-aquitaine'; });
  await page.waitForSelector('#p[data-tinbai-state=ready]');
  assert.equal((await seen(page, 'p')).error, null);
  assert.equal(errors.filter((e) => /^tinbai:/.test(e)).length, 1, errors.join('\n'));
  await context.close();
});
