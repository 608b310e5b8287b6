// Host pages that fight back: `* { all: unset }`, resets on ul, li, a, section and
// svg, a huge base font size and dir=rtl. The widgets stay readable and usable,
// plain and in isolate mode (Shadow DOM); isolate mode is also immune to rules aimed
// at the widget's own classes, and passes axe-core. Needs `www/pkg` built.
//
//   node tests/e2e/hostile-css.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, tab, host, html, ready, violations, root } from './harness.mjs';

const env = await start();
test.after(() => env.close());
const AXE = await readFile(root('node_modules/axe-core/axe.min.js'), 'utf8');

/** Global resets of the kind sites ship, made as hostile as we could. */
const HOSTILE_CSS = `
* { all: unset; }
html { font-size: 40px; }
head, script, style, title, link { display: none; }
div { display: inline; }
ul, ol { display: flex; flex-direction: row-reverse; height: 1em; overflow: hidden; padding: 0 0 0 8em; list-style: square; }
li { float: left; width: 10px; line-height: 0; font-size: .3em; }
a { display: none; color: transparent; font-size: 0; pointer-events: none; }
section { position: absolute; left: -10000px; width: 1px; padding: 10em; overflow: hidden; }
svg { display: none; width: 12px; height: 12px; }
h2, h3, p, summary { font-size: 0; }
`;
/** Rules aimed at the widget's own classes: only isolate mode is out of their reach. */
const TARGETED_CSS = `body .tinbai .tinbai-link { visibility: hidden; } body .tinbai .tinbai-heading { color: transparent; }`;

const PLACEHOLDERS = `<div data-tinbai="related" data-article="hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai" data-link-template="/tin/{id}"></div>
  <div data-tinbai="most-read" data-link-template="/tin/{id}"></div>
  <div data-tinbai="partnership" data-partnership="lao-cai-nouvelle-aquitaine" data-link-template="/tin/{id}"></div>`;

async function hostilePage({ isolate, css = HOSTILE_CSS, colorScheme = 'light', bypassCSP = false }) {
  const t = await tab(env, { colorScheme, bypassCSP });
  await host(t.page, env, '/e2e/hostile.css', css, { type: 'text/css; charset=utf-8' });
  await host(t.page, env, '/e2e/hostile-css.html', html(
    `<script src="/tinbai.js" defer${isolate ? ' data-isolate' : ''}></script><link rel="stylesheet" href="/e2e/hostile.css">`,
    `<h1>Trang chủ</h1>${PLACEHOLDERS}`, { dir: 'rtl' }));
  await t.page.goto(`${env.origin}/e2e/hostile-css.html`);
  await ready(t.page, 3);
  await t.page.waitForTimeout(300); // the shadow roots' stylesheets load
  return t;
}

/** Runs in the page: what a reader would find wrong with each widget. */
function usability() {
  const problems = [];
  const visible = (el, what) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width < 1 || r.height < 1) problems.push(`${what} is ${r.width}x${r.height}`);
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) problems.push(`${what} is hidden`);
    if (parseFloat(s.fontSize) < 10) problems.push(`${what} has font-size ${s.fontSize}`);
    if (/rgba\(.*, 0\)|transparent/.test(s.color)) problems.push(`${what} is transparent`);
    if (r.right < 0 || r.left > innerWidth) problems.push(`${what} is off screen at x=${r.left}`);
    return r;
  };
  const out = [];
  for (const host of document.querySelectorAll('[data-tinbai]')) {
    const r = host.shadowRoot ?? host;
    const scope = host.shadowRoot ?? document; // where hit tests and focus are seen
    const name = host.dataset.tinbai;
    const section = r.querySelector('section.tinbai');
    const box = visible(section, `${name} widget`);
    if (box.width < 300 || box.height < 100) problems.push(`${name} widget is only ${box.width}x${box.height}`);
    if (getComputedStyle(section).direction !== 'ltr') problems.push(`${name} widget runs right to left`);
    visible(r.querySelector('h2'), `${name} heading`);
    for (const s of r.querySelectorAll('script')) if (getComputedStyle(s).display !== 'none') problems.push(`${name}: JSON-LD is displayed`);
    const links = [...r.querySelectorAll('a[href]')].filter((a) => !a.closest('details'));
    if (links.length === 0) problems.push(`${name} has no links`);
    for (const [i, a] of links.entries()) {
      a.scrollIntoView({ block: 'center' });
      const b = visible(a, `${name} link ${i}`);
      if (getComputedStyle(a).pointerEvents === 'none') problems.push(`${name} link ${i} ignores the pointer`);
      const hit = scope.elementFromPoint(b.left + Math.min(b.width / 2, 20), b.top + b.height / 2);
      if (!a.contains(hit)) problems.push(`${name} link ${i} is covered by <${hit?.localName}>`);
      a.focus();
      if (scope.activeElement !== a) problems.push(`${name} link ${i} cannot take focus`);
    }
    // Items are stacked, not piled on one another.
    const items = [...r.querySelectorAll('.tinbai-list > li')].map((li) => li.getBoundingClientRect());
    for (let i = 1; i < items.length; i++) if (items[i].top < items[i - 1].bottom - 1) problems.push(`${name} items ${i - 1} and ${i} overlap`);
    const svg = r.querySelector('svg');
    if (svg) visible(svg, `${name} timeline`);
    out.push({ name, links: links.length, items: items.length, fontSize: parseFloat(getComputedStyle(section).fontSize), shadow: !!host.shadowRoot });
  }
  return { problems, widgets: out };
}

/** Click the first link of each widget; `tinbai:click` says which item the reader chose. */
async function clickThrough(page) {
  await page.evaluate(() => {
    window.__selected = [];
    document.addEventListener('click', (e) => e.preventDefault(), true); // stay on the page
    document.addEventListener('tinbai:click', (e) => window.__selected.push(e.detail.widget));
  });
  for (const w of ['related', 'most-read']) await page.locator(`[data-tinbai=${w}] li a`).first().click({ timeout: 5000 });
  return page.evaluate(() => window.__selected);
}

for (const isolate of [false, true]) {
  test(`hostile global CSS, huge font, dir=rtl, ${isolate ? 'isolate mode' : 'plain mode'}: readable, clickable, focusable`, async () => {
    const { page, log, context } = await hostilePage({ isolate });
    const r = await page.evaluate(usability);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.widgets.map((w) => [w.name, w.shadow]), [['related', isolate], ['most-read', isolate], ['partnership', isolate]]);
    assert.ok(r.widgets.every((w) => w.fontSize >= 40), 'the widgets follow the reader\'s base font size');
    assert.deepEqual(await clickThrough(page), ['related', 'most-read']);
    assert.deepEqual([log.error, log.pageerror, await violations(page)], [[], [], []]);
    await context.close();
  });
}

test('rules aimed at the widget\'s own classes reach it in plain mode and not in isolate mode', async () => {
  for (const isolate of [false, true]) {
    const { page, context } = await hostilePage({ isolate, css: HOSTILE_CSS + TARGETED_CSS });
    const r = await page.evaluate(usability);
    if (isolate) assert.deepEqual(r.problems, []);
    else assert.ok(r.problems.some((p) => /link 0 is hidden/.test(p)) && r.problems.some((p) => /heading is transparent/.test(p)), r.problems.join('\n'));
    await context.close();
  }
});

test('isolate mode passes axe-core, light and dark, on a plain page and on the hostile one', async () => {
  for (const [css, colorScheme] of [['', 'light'], ['', 'dark'], [HOSTILE_CSS, 'light']]) {
    // axe is injected as a script, so this context alone waives the CSP.
    const { page, context } = await hostilePage({ isolate: true, css, colorScheme, bypassCSP: true });
    assert.ok(await page.$$eval('[data-tinbai]', (els) => els.every((el) => el.shadowRoot?.querySelector('section.tinbai'))), 'the widgets are in shadow roots');
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => window.axe.run({ include: [['[data-tinbai]']] }, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
    const problems = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(problems, [], `${colorScheme}${css ? ', hostile CSS' : ''}: ${problems.join('\n')}`);
    assert.ok(result.passes.length > 10, 'axe looked inside the shadow roots');
    await context.close();
  }
});
