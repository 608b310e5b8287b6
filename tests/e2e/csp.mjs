// The strict Content-Security-Policy of issue 5, exactly:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
// All three widgets, by the script tag and by the module API, with and without
// isolate, and not one violation. Then Trusted Types, as Google's strict-CSP
// guidance adds them, on every demo page. Needs `www/pkg` built (make build).
//
//   node tests/e2e/csp.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, tab, host, html, ready, violations, STRICT_CSP } from './harness.mjs';
import { CSP } from '../../scripts/serve.mjs';

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

// Trusted Types: the JSON-LD's text is a script's, so the page must allow the "tinbai"
// policy for it (docs/security.md). Each demo page, and the test page with an
// isolated widget, against the same page without Trusted Types.
const TT = "require-trusted-types-for 'script'";
const TT_CASES = {
  'the policy allowed': `${TT}; trusted-types tinbai`,
  'any policy allowed (no trusted-types directive)': TT,
  'no policy allowed': `${TT}; trusted-types 'none'`
};
// What Chromium prints when the page refuses the policy: once a page, whatever the widgets.
const REFUSED = `Creating a TrustedTypePolicy named 'tinbai' violates the following Content Security policy directive: "trusted-types 'none'". The action has been blocked.`;
const PAGES = [['/', 3], ['/api.html', 3], ['/article.html?id=thua-thien-hue-thuc-day-moi-quan-he-hop-tac-tren-nhieu-linh-voi-vung-nouvelle', 2],
  ['/indexed.html', 2], ['/e2e/csp-tag.html', 4]];

/** `path` under its usual policy plus `tt`: each widget's state and items, and its JSON-LD texts. */
async function underTT(path, n, tt) {
  const { page, log, context } = await tab(env);
  await host(page, env, '/e2e/csp-tag.html', html('<script src="/tinbai.js" defer></script>', PLACEHOLDERS), { csp: tt ? `${STRICT_CSP}; ${tt}` : STRICT_CSP });
  if (tt) {
    await page.route((url) => url.pathname === '/' || url.pathname.endsWith('.html') && !url.pathname.startsWith('/e2e/'), async (r) => {
      const res = await r.fetch();
      await r.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': `${CSP}; ${tt}` } });
    });
  }
  const res = await page.goto(env.origin + path);
  assert.match(res.headers()['content-security-policy'], tt ? new RegExp(`; ${tt}$`) : /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  await ready(page, n);
  await page.waitForTimeout(300);
  const widgets = await page.$$eval('[data-tinbai]', (els) => els.map((el) => {
    const r = el.shadowRoot ?? el;
    return { state: el.dataset.tinbaiState, items: r.querySelectorAll('li').length, ld: [...r.querySelectorAll('script')].map((s) => [s.type, s.text]) };
  }));
  const seen = { widgets, violations: await violations(page), log: [log.error, log.pageerror] };
  await context.close();
  return seen;
}

test('under Trusted Types every demo page renders; the JSON-LD is there where the page allows the "tinbai" policy, left out quietly where not', async () => {
  for (const [path, n] of PAGES) {
    const plain = await underTT(path, n, null);
    assert.ok(plain.widgets.every((w) => w.state === 'ready' && w.items > 0), path);
    // Related and most-read list JSON-LD only where their items have links (the demo pages).
    assert.deepEqual(plain.widgets.map((w) => w.ld.length), path.startsWith('/e2e/') ? [0, 0, 1, 1] : Array(n).fill(1), `${path}: JSON-LD`);
    assert.deepEqual([plain.violations, plain.log], [[], [[], []]], path);
    for (const [name, tt] of Object.entries(TT_CASES)) {
      const got = await underTT(path, n, tt);
      const at = `${path}, ${name}`;
      assert.deepEqual(got.widgets.map((w) => [w.state, w.items]), plain.widgets.map((w) => [w.state, w.items]), at);
      if (tt.includes("'none'")) {
        assert.deepEqual(got.widgets.map((w) => w.ld), plain.widgets.map(() => []), `${at}: no JSON-LD`);
        // The one report no script can avoid: the browser prints it as it refuses the policy.
        assert.deepEqual([got.violations, got.log], [['trusted-types: trusted-types-policy'], [[REFUSED], []]], at);
      } else {
        assert.deepEqual(got.widgets.map((w) => w.ld), plain.widgets.map((w) => w.ld), `${at}: the same JSON-LD`);
        for (const [type, text] of got.widgets.flatMap((w) => w.ld)) {
          assert.equal(type, 'application/ld+json');
          assert.equal(JSON.parse(text)['@context'], 'https://schema.org', at);
        }
        assert.deepEqual([got.violations, got.log], [[], [[], []]], at);
      }
    }
  }
});
