// Lifecycle and leaks: 10,000 mount/update/destroy cycles with the wasm memory and
// the page's click listeners counted; storage that is blocked, full or throwing,
// cookies off; placeholders removed before the wasm has loaded. Needs `www/pkg`.
//
//   node tests/e2e/lifecycle.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, tab, host, html, ready, violations } from './harness.mjs';

const env = await start(['--js-flags=--expose-gc']);
test.after(() => env.close());

const CYCLES = 10_000;
/** Memory may grow by at most this much over the cycles (after a warm-up). */
const MEMORY_BOUND = 1 << 20;
const LAO_CAI = 'hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai';

// Counts the listeners the page adds and removes, by type.
function COUNT_LISTENERS() {
  const live = (window.__listeners = {});
  const seen = new WeakMap(); // target -> type -> the functions listening
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const set = (target, type) => {
    if (!seen.has(target)) seen.set(target, new Map());
    const byType = seen.get(target);
    if (!byType.has(type)) byType.set(type, new Set());
    return byType.get(type);
  };
  EventTarget.prototype.addEventListener = function (type, f, o) {
    const s = set(this, type);
    if (f && !s.has(f)) { s.add(f); live[type] = (live[type] ?? 0) + 1; }
    return add.call(this, type, f, o);
  };
  EventTarget.prototype.removeEventListener = function (type, f, o) {
    if (set(this, type).delete(f)) live[type] -= 1;
    return remove.call(this, type, f, o);
  };
}

test(`${CYCLES} mount, update and destroy cycles: wasm memory and click listeners return to their start`, async () => {
  const { page, log, context } = await tab(env);
  await page.addInitScript(COUNT_LISTENERS);
  await host(page, env, '/e2e/life.html', html('<link rel="stylesheet" href="/tinbai.css">', ''));
  await page.goto(`${env.origin}/e2e/life.html`);
  const r = await page.evaluate(async ({ cycles, article }) => {
    const m = await import('/pkg/tinbai.js');
    const wasm = await m.default();
    const memory = () => wasm.memory.buffer.byteLength;
    const run = (n) => {
      for (let i = 0; i < n; i++) {
        const el = document.body.appendChild(document.createElement('div'));
        const kind = i % 4;
        const w = kind === 0 ? m.renderRelated(el, { article, limit: 3 })
          : kind === 1 ? m.renderMostRead(el, { limit: 5 })
            : kind === 2 ? m.renderPartnership(el, { partnership: 'hai-duong-montreuil' })
              : m.renderRelated(el, { text: 'Huế', isolate: true, stylesheet: '/tinbai.css' });
        w.update(kind === 2 ? { lang: 'en' } : { limit: 2, lang: 'fr' });
        if (el.querySelector('section') === null && el.shadowRoot?.querySelector('section') == null) throw new Error(`cycle ${i}: nothing rendered`);
        w.destroy();
        // Half the handles are freed by hand, half left to the garbage collector.
        if (i % 2) w.free();
        el.remove();
      }
    };
    run(200); // warm-up: the allocator settles, lazy parts are built
    gc();
    await new Promise((ok) => setTimeout(ok, 50));
    const before = { memory: memory(), click: window.__listeners.click ?? 0 };
    const t0 = performance.now();
    run(cycles);
    const ms = performance.now() - t0;
    gc();
    await new Promise((ok) => setTimeout(ok, 200)); // finalizers free the rest
    gc();
    const after = { memory: memory(), click: window.__listeners.click ?? 0 };
    // The module still works.
    const el = document.body.appendChild(document.createElement('div'));
    m.renderMostRead(el, { limit: 3 });
    return { before, after, ms, items: el.querySelectorAll('li').length };
  }, { cycles: CYCLES, article: LAO_CAI });
  console.log(`# ${CYCLES} cycles in ${Math.round(r.ms)} ms; wasm memory ${r.before.memory} -> ${r.after.memory} bytes; click listeners ${r.before.click} -> ${r.after.click}`);
  assert.ok(r.after.memory - r.before.memory <= MEMORY_BOUND, `wasm memory grew by ${r.after.memory - r.before.memory} bytes`);
  assert.equal(r.after.click, r.before.click, 'every click listener a widget added was removed');
  assert.equal(r.items, 3);
  assert.deepEqual([log.error, log.pageerror], [[], []]);
  await context.close();
});

test('a widget whose handle the host drops keeps working after garbage collection', async () => {
  const { page, log, context } = await tab(env);
  await host(page, env, '/e2e/dropped.html', html('<link rel="stylesheet" href="/tinbai.css">', '<div id="w"></div>'));
  await page.goto(`${env.origin}/e2e/dropped.html`);
  await page.evaluate(async () => {
    const m = await import('/pkg/tinbai.js');
    await m.default();
    m.renderMostRead(document.getElementById('w'), { linkTemplate: '/tin/{id}' }); // handle not kept
    window.__selected = [];
    document.addEventListener('click', (e) => e.preventDefault(), true);
    document.addEventListener('tinbai:click', (e) => window.__selected.push(e.detail.position));
  });
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => gc());
    await page.waitForTimeout(100); // finalizers run
  }
  await page.locator('#w li a').first().click();
  assert.deepEqual(await page.evaluate(() => window.__selected), [1]);
  assert.deepEqual([log.error, log.pageerror], [[], []]);
  await context.close();
});

// Storage as browsers may offer it: each replaces window.localStorage (and
// document.cookie) before the page runs.
const STORAGE = {
  blocked: () => { Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } }); },
  full: () => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  },
  throwing: () => {
    for (const k of ['getItem', 'setItem', 'removeItem', 'key', 'clear']) Storage.prototype[k] = function () { throw new Error(`storage ${k} failed`); };
  },
  absent: () => { Object.defineProperty(window, 'localStorage', { value: null }); },
  // Cookies off: Chromium then refuses localStorage too, with a SecurityError.
  'cookies off': () => {
    Object.defineProperty(Document.prototype, 'cookie', { get() { throw new DOMException('Access is denied', 'SecurityError'); }, set() { throw new DOMException('Access is denied', 'SecurityError'); } });
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); } });
  },
  'garbage stored': () => { try { localStorage.setItem('tinbai:views', '\u0000{not a log' + 'x'.repeat(1000)); } catch { /* */ } }
};

test('storage blocked, full, throwing, absent, garbage, or cookies off: the widgets still work and count the view', async () => {
  for (const [name, setUp] of Object.entries(STORAGE)) {
    const { page, log, context } = await tab(env);
    await page.addInitScript(setUp);
    await host(page, env, '/e2e/storage.html', html(
      `<link rel="stylesheet" href="/tinbai.css"><script src="/tinbai.js" defer data-record-view="${LAO_CAI}"></script>`,
      '<div data-tinbai="most-read" data-window="all"></div><div data-tinbai="related" data-text="Lào Cai"></div><div data-tinbai="partnership"></div>'));
    await page.goto(`${env.origin}/e2e/storage.html`);
    await ready(page, 3);
    const views = await page.evaluate(async (id) => {
      const m = await window.tinbai.ready;
      m.recordView(id);
      return m.mostRead({ window: 'all', limit: 50 }).find((i) => i.id === id)?.views;
    }, LAO_CAI);
    assert.equal(views, 2, `${name}: the loader's view and this one count, in memory at least`);
    assert.deepEqual([log.error, log.pageerror, await violations(page)], [[], [], []], name);
    await context.close();
  }
});

test('placeholders removed (or moved) while the wasm is still loading: the rest mount, nothing leaks or errors', async () => {
  const { page, log, context } = await tab(env);
  await page.addInitScript(COUNT_LISTENERS);
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(`${env.origin}/pkg/tinbai_bg.wasm`, async (route) => { await held; await route.continue(); });
  await host(page, env, '/e2e/pending.html', html('<link rel="stylesheet" href="/tinbai.css"><script src="/tinbai.js" defer></script>',
    `<div id="gone" data-tinbai="most-read"></div><div id="moved" data-tinbai="partnership"></div>
     <div id="kept" data-tinbai="related" data-text="Huế"></div><div id="box"></div>`));
  await page.goto(`${env.origin}/e2e/pending.html`);
  await page.waitForFunction(() => !!window.tinbai);
  const gone = await page.evaluate(() => {
    const g = document.getElementById('gone');
    g.remove();
    document.getElementById('box').append(document.getElementById('moved'));
    window.__gone = g;
    return { connected: g.isConnected, click: window.__listeners.click ?? 0 };
  });
  assert.equal(gone.connected, false);
  release();
  await ready(page, 2);
  await page.waitForTimeout(200);
  const state = await page.evaluate(() => ({
    gone: [window.__gone.childNodes.length, window.__gone.getAttribute('data-tinbai-state')],
    moved: document.querySelectorAll('#box #moved section.tinbai').length,
    kept: document.querySelectorAll('#kept li').length > 0,
    click: window.__listeners.click ?? 0
  }));
  assert.deepEqual(state.gone, [0, null], 'the removed placeholder is left alone');
  assert.equal(state.moved, 1);
  assert.ok(state.kept);
  // (The baseline is the test driver's own listener on window.)
  assert.equal(state.click, gone.click + 2, 'one listener per mounted widget');
  // Removing a mounted widget's element releases its listener.
  await page.evaluate(() => document.getElementById('kept').remove());
  await page.waitForFunction((n) => window.__listeners.click === n, gone.click + 1);
  assert.deepEqual([log.error, log.pageerror], [[], []]);
  await context.close();
});
