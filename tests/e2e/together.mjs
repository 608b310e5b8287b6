// Widgets on one page: related and most read never show the same article (unless a
// widget opts out), whichever renders first; and each placeholder reserves about the
// height its widget takes, so nothing moves and little is left empty.
// Needs `make build` (www/pkg) and `make index` (www/idx).
//
//   node --test tests/e2e/together.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser, server, origin, blank, ready, clean, virtual } from './lib.mjs';

test.after(async () => {
  await browser.close();
  server.close();
});

/** What each related and most-read widget on the page shows: ids and hrefs. */
const lists = (page) => page.$$eval('[data-tinbai=related], [data-tinbai=most-read]', (els) => Object.fromEntries(els.map((el) => [el.id || el.dataset.tinbai, {
  ids: [...el.querySelectorAll('li[data-id]')].map((li) => li.dataset.id),
  hrefs: [...el.querySelectorAll('li a[href]')].map((a) => a.href)
}])));

const overlap = (a, b) => a.filter((x) => b.includes(x));

/** A blank page on the demo's origin, for asking the module about the data first. */
async function scratch(page) {
  await virtual(page, '/e2e-scratch.html', '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,"></head><body></body></html>');
  await page.goto(origin + '/e2e-scratch.html');
}

test('index.html: related and most read share no article, and most read still shows its five', async () => {
  const { page, errors, context } = await blank();
  await page.goto(origin + '/');
  await ready(page, 3);
  const { related, 'most-read': most } = await lists(page);
  assert.equal(related.ids.length, 4, "the limit the page asks for");
  assert.equal(most.ids.length, 5, 'the later widget takes the next items');
  assert.deepEqual(overlap(related.ids, most.ids), []);
  assert.deepEqual(overlap(related.hrefs, most.hrefs), []);
  // Exactly the most-read ranking without what related shows.
  const next = await page.evaluate((ex) => window.tinbai.ready.then((m) => m.mostRead({ limit: 5, exclude: ex }).map((r) => r.id)), related.ids);
  assert.deepEqual(most.ids, next);
  await clean(page, errors);
  await context.close();
});

/** A page with a related widget for `article` above a most-read one; `attrs` go on the latter. */
function pair(article, attrs = '', script = '') {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,">
    <link rel="stylesheet" href="/tinbai.css"><link rel="stylesheet" href="/demo.css"><script src="/tinbai.js" defer ${script}></script></head>
    <body><main class="page"><article class="story"><h1>x</h1></article><aside class="rail">
    <div id="r" data-tinbai="related" data-article="${article}"></div><div id="m" data-tinbai="most-read" ${attrs}></div></aside></main></body></html>`;
}

test('data-dedupe="off": a widget may show an article the one above it shows; dedupe: false from the module too', async () => {
  const { page, errors, context } = await blank();
  await scratch(page);
  // An article whose related list and the most-read list have items in common.
  const article = await page.evaluate(async () => {
    const m = await import('/pkg/tinbai.js');
    await m.default();
    const top = m.mostRead({ limit: 5 }).map((r) => r.id);
    return m.articles().map((a) => a.id).find((id) => m.related({ article: id, limit: 5 }).some((r) => top.includes(r.id)));
  });
  assert.ok(article, 'the seeds have such an article');
  await virtual(page, '/e2e-dedupe-on.html', pair(article));
  await virtual(page, '/e2e-dedupe-off.html', pair(article, 'data-dedupe="off"'));
  await virtual(page, '/e2e-dedupe-tag.html', pair(article, '', 'data-dedupe="off"'));
  await page.goto(origin + '/e2e-dedupe-on.html');
  await ready(page, 2);
  const on = await lists(page);
  assert.deepEqual(overlap(on.r.ids, on.m.ids), []);
  assert.equal(on.m.ids.length, 5);
  const apart = () => page.waitForFunction(() => {
    const ids = (id) => [...document.querySelectorAll(`#${id} li[data-id]`)].map((li) => li.dataset.id);
    return ids('m').length === 5 && !ids('m').some((x) => ids('r').includes(x));
  });
  for (const path of ['/e2e-dedupe-off.html', '/e2e-dedupe-tag.html']) {
    await page.goto(origin + path);
    await ready(page, 2);
    const off = await lists(page);
    assert.notDeepEqual(overlap(off.r.ids, off.m.ids), [], `${path}: the duplicate shows`);
    if (path.endsWith('tag.html')) {
      // Off on the script tag, the widget above takes no part either: turning the
      // one below on changes nothing until the one above is on too.
      await page.evaluate(() => { document.getElementById('m').dataset.dedupe = 'on'; });
      await page.waitForTimeout(200);
      assert.deepEqual((await lists(page)).m.ids, off.m.ids);
      await page.evaluate(() => { document.getElementById('r').dataset.dedupe = 'on'; });
    } else {
      // Turned on again by its attribute, the widget gives way.
      await page.evaluate(() => { document.getElementById('m').dataset.dedupe = 'on'; });
    }
    await apart();
  }
  const bad = await page.evaluate(() => window.tinbai.ready.then((m) => {
    try { m.renderMostRead(document.createElement('div'), { dedupe: 'off' }); } catch (e) { return e.message; }
    return null;
  }));
  assert.match(bad, /renderMostRead: option "dedupe": expected true or false, got a string \("off"\)/);
  await clean(page, errors);
  await context.close();
});

test('the rule holds whichever renders first: a widget below waits for the shard of the one above; one added above later makes it give way', async () => {
  const { page, errors, context } = await blank();
  await scratch(page);
  // An indexed article whose related list shares items with the 7-day most read.
  const article = await page.evaluate(async () => {
    const m = await import('/pkg/tinbai.js');
    await m.default();
    await m.loadIndex('/idx/');
    const top = m.mostRead({ window: '7d', limit: 5 }).map((r) => r.id);
    const ids = Array.from({ length: 300 }, (_, i) => `item-${i}`);
    await m.prefetch(ids);
    return ids.find((id) => m.related({ article: id, limit: 5 }).some((r) => top.includes(r.id)));
  });
  assert.ok(article, 'the corpus has such an article');
  // The shard comes late; most read could render at once from the header.
  await page.route(`${origin}/idx/shard-*.bin`, async (r) => {
    await new Promise((ok) => setTimeout(ok, 700));
    await r.fallback();
  });
  await virtual(page, '/e2e-order.html', pair(article, 'data-window="7d"', 'data-index="/idx/"'));
  await page.addInitScript(() => {
    window.__renders = [];
    document.addEventListener('tinbai:render', (e) => window.__renders.push(e.target.id));
  });
  await page.goto(origin + '/e2e-order.html');
  await page.waitForFunction(() => document.getElementById('m').dataset.tinbaiState === 'loading');
  await ready(page, 2);
  const got = await lists(page);
  assert.equal(got.r.ids.length, 5);
  assert.deepEqual(overlap(got.r.ids, got.m.ids), []);
  assert.equal(got.m.ids.length, 5);
  assert.deepEqual(await page.evaluate(() => window.__renders), ['r', 'm'], 'most read rendered once, after related');

  // A related widget added above a most-read one that has rendered: it gives way.
  await virtual(page, '/e2e-late.html', pair(article, 'data-window="7d"', 'data-index="/idx/"').replace(/<div id="r"[^>]*><\/div>/, ''));
  await page.goto(origin + '/e2e-late.html');
  await ready(page, 1);
  const alone = (await lists(page)).m.ids;
  await page.evaluate((a) => {
    const el = document.createElement('div');
    el.id = 'r';
    el.dataset.tinbai = 'related';
    el.dataset.article = a;
    document.getElementById('m').before(el);
  }, article);
  await ready(page, 2);
  await page.waitForFunction(() => {
    const ids = (id) => [...document.querySelectorAll(`#${id} li[data-id]`)].map((li) => li.dataset.id);
    return ids('r').length === 5 && !ids('m').some((x) => ids('r').includes(x));
  });
  const after = await lists(page);
  assert.notDeepEqual(after.m.ids, alone);
  assert.equal(after.m.ids.length, 5);
  // Removed again, its articles are free for most read.
  await page.evaluate(() => document.getElementById('r').remove());
  await page.waitForFunction((alone) => [...document.querySelectorAll('#m li[data-id]')].map((li) => li.dataset.id).join() === alone.join(), alone);
  await clean(page, errors);
  await context.close();
});

const DEMOS = [['/', 3], ['/api.html', 3], ['/article.html?id=thua-thien-hue-thuc-day-moi-quan-he-hop-tac-tren-nhieu-linh-voi-vung-nouvelle', 2], ['/indexed.html', 2]];

/** In the page: per widget, the reserve its placeholder had before it mounted (a bare
 * copy, measured and removed at once), its box now, and the widget's own height. */
function boxes() {
  return [...document.querySelectorAll('[data-tinbai]')].map((el) => {
    const copy = el.cloneNode(false);
    for (const a of ['id', 'data-tinbai-state', 'data-tinbai-hold', 'data-tinbai-mounted']) copy.removeAttribute(a);
    el.after(copy);
    const reserve = copy.getBoundingClientRect().height;
    copy.remove();
    const section = el.querySelector(':scope > section.tinbai');
    return {
      kind: el.dataset.tinbai, reserve, box: el.getBoundingClientRect().height,
      used: section.getBoundingClientRect().height, held: el.hasAttribute('data-tinbai-hold')
    };
  });
}

test('every demo widget fills its reserve: at most 15% of its box empty, nothing grows, nothing moves', async () => {
  const table = [];
  for (const [path, n] of DEMOS) {
    for (const width of [1280, 390]) {
      const { page, errors, context } = await blank({ viewport: { width, height: 900 } });
      await page.goto(origin + path);
      await ready(page, n);
      await page.waitForTimeout(300);
      for (const b of await page.evaluate(boxes)) {
        const what = `${path} at ${width}px, ${b.kind}`;
        table.push(`${what}: reserved ${b.reserve.toFixed(0)}, used ${b.used.toFixed(0)}, box ${b.box.toFixed(0)}`);
        assert.ok((b.box - b.used) / b.box <= 0.15, `${what}: ${b.box - b.used}px of ${b.box} empty`);
        assert.ok(b.held, `${what}: the reserve was right, so it is kept (no shift)`);
        assert.ok(b.used <= b.reserve + 0.5, `${what}: the widget (${b.used}px) outgrew its reserve (${b.reserve}px)`);
        assert.equal(b.box, Math.max(b.reserve, b.used), what);
      }
      assert.equal(await page.evaluate(() => window.__cls), 0, `${path} at ${width}px`);
      await clean(page, errors);
      await context.close();
    }
  }
  console.log(table.join('\n'));
});

test('a widget much shorter than its reserve lets it go; an empty list too', async () => {
  const { page, errors, context } = await blank();
  await virtual(page, '/e2e-short.html', `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,">
    <link rel="stylesheet" href="/tinbai.css"><script src="/tinbai.js" defer></script></head>
    <body><div id="few" data-tinbai="related" data-text="Toulouse" data-limit="10"></div>
    <div id="none" data-tinbai="related" data-text="zzzz qqqq"></div></body></html>`);
  await page.goto(origin + '/e2e-short.html');
  await ready(page, 2);
  for (const b of await page.evaluate(boxes)) {
    assert.ok(!b.held && b.box === b.used && b.used < b.reserve * 0.85, JSON.stringify(b));
  }
  await clean(page, errors);
  await context.close();
});
