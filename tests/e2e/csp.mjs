// The strict Content-Security-Policy of issue 5, exactly:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
// All three widgets, by the script tag and by the module API, with and without
// isolate, and not one violation. Needs `www/pkg` built (make build).
//
//   node tests/e2e/csp.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, tab, host, html, ready, violations, STRICT_CSP } from './harness.mjs';

const env = await start();
test.after(() => env.close());

const PLACEHOLDERS = `<article><h1>Lào Cai và Nouvelle-Aquitaine hợp tác</h1></article>
  <div data-tinbai="related" data-article="auto"></div>
  <div data-tinbai="most-read" data-layout="grid"></div>
  <div data-tinbai="partnership" data-partnership="lao-cai-nouvelle-aquitaine"></div>
  <div data-tinbai="partnership" data-isolate></div>`;

// The module API as a site would use it: an external module, nothing inline.
const APP = `import init, { renderRelated, renderMostRead, renderPartnership, related } from '/pkg/tinbai.js';
await init();
const el = (id) => document.getElementById(id);
renderRelated(el('related'), { text: 'Lào Cai Nouvelle-Aquitaine', limit: 4, linkTemplate: '/tin/{id}' });
renderMostRead(el('most-read'), { window: 'all', layout: 'compact' });
renderPartnership(el('partnership'), {});
renderRelated(el('isolated'), { text: 'Huế', isolate: true, stylesheet: '/tinbai.css' });
el('out').textContent = String(related({ text: 'Huế' }).length);
`;

/** Widgets on the page, in light DOM or shadow roots, and what they show. */
const summary = (page) => page.$$eval('[data-tinbai], .app', (els) => els.map((el) => {
  const r = el.shadowRoot ?? el;
  const s = r.querySelector('section.tinbai');
  return { widget: s?.dataset.tinbaiWidget, items: r.querySelectorAll('li').length, styled: s ? getComputedStyle(s).borderTopStyle === 'solid' : false, shadow: !!el.shadowRoot };
}));

/** The policy really is enforced here, and the listener hears it: an inline style is refused. */
async function enforced(page) {
  const blocked = await page.evaluate(() => new Promise((ok) => {
    document.addEventListener('securitypolicyviolation', (e) => ok(e.violatedDirective), { once: true });
    const d = document.createElement('div');
    d.setAttribute('style', 'color: red');
    document.body.append(d);
    setTimeout(() => ok(null), 2000);
  }));
  assert.match(blocked ?? 'no violation', /^style-src/);
}

test('script tag, with the page linking tinbai.css and without: every widget renders, no CSP violation', async () => {
  for (const link of ['<link rel="stylesheet" href="/tinbai.css">', '']) {
    const { page, log, context } = await tab(env);
    await host(page, env, '/e2e/csp-tag.html', html(`${link}<script src="/tinbai.js" defer></script>`, PLACEHOLDERS));
    const res = await page.goto(`${env.origin}/e2e/csp-tag.html`);
    assert.equal(res.headers()['content-security-policy'], STRICT_CSP);
    await ready(page, 4);
    await page.waitForTimeout(300);
    const w = await summary(page);
    assert.deepEqual(w.map((x) => [x.widget, x.styled, x.shadow]), [
      ['related', true, false], ['most-read', true, false], ['partnership', true, false], ['partnership', true, true]
    ], link || 'the loader links the sheet');
    assert.ok(w.every((x) => x.items > 0));
    assert.deepEqual(await violations(page), []);
    assert.deepEqual([log.error, log.pageerror], [[], []]);
    await enforced(page);
    await context.close();
  }
});

test('module API from an external module: every widget renders, no CSP violation', async () => {
  const { page, log, context } = await tab(env);
  await host(page, env, '/e2e/app.mjs', APP, { type: 'text/javascript; charset=utf-8' });
  await host(page, env, '/e2e/csp-api.html', html('<link rel="stylesheet" href="/tinbai.css"><script type="module" src="/e2e/app.mjs"></script>',
    ['related', 'most-read', 'partnership', 'isolated'].map((id) => `<div class="app" id="${id}"></div>`).join('') + '<p id="out"></p>'));
  const res = await page.goto(`${env.origin}/e2e/csp-api.html`);
  assert.equal(res.headers()['content-security-policy'], STRICT_CSP);
  await page.waitForFunction(() => document.getElementById('out').textContent !== '', null, { timeout: 30000 });
  await page.waitForTimeout(300);
  const w = await summary(page);
  assert.deepEqual(w.map((x) => [x.widget, x.styled, x.shadow]), [
    ['related', true, false], ['most-read', true, false], ['partnership', true, false], ['related', true, true]
  ]);
  assert.ok(w.every((x) => x.items > 0));
  assert.ok(Number(await page.textContent('#out')) > 0);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual([log.error, log.pageerror], [[], []]);
  await enforced(page);
  await context.close();
});
