// How widgets arrive on a page: lazily, upgraded from prerendered HTML, and the
// events and promise a host listens to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { browser, server, origin, blank, ready, clean, virtual, root } from './lib.mjs';

test.after(async () => {
  await browser.close();
  server.close();
});

const HEAD = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/tinbai.css"><link rel="stylesheet" href="/demo.css">`;

// Ten full-width 16:9 boxes from demo.css: a long page, with no inline style.
const SPACER = '<div class="photo-box"></div>'.repeat(10);

/** Which tinbai files a tab has asked the server for. */
function requests(page) {
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  return seen;
}

test('data-loading="lazy": no wasm is fetched until the widget nears the viewport', async () => {
  const { page, errors, context } = await blank();
  await virtual(page, '/e2e-lazy.html', `${HEAD}<script src="/tinbai.js" defer data-link-template="/article.html?id={id}"></script></head>
    <body><main class="page"><article class="story"><h1>Lào Cai và Nouvelle-Aquitaine</h1></article></main>${SPACER}
    <div id="far" data-tinbai="most-read" data-loading="lazy"></div></body></html>`);
  const seen = requests(page);
  await page.goto(origin + '/e2e-lazy.html');
  await page.waitForTimeout(600);
  assert.ok(!seen.some((p) => p.endsWith('.wasm')), `nothing loaded yet: ${seen.join(' ')}`);
  assert.equal(await page.getAttribute('#far', 'data-tinbai-state'), null);
  // tinbai.ready waits for no lazy widget, and asking for it loads the module.
  await page.evaluate(() => window.tinbai.ready);
  assert.ok(seen.some((p) => p.endsWith('tinbai_bg.wasm')));
  assert.equal(await page.getAttribute('#far', 'data-tinbai-state'), null, 'still not mounted: it is far away');
  await page.locator('#far').scrollIntoViewIfNeeded();
  await page.waitForSelector('#far[data-tinbai-state=ready]');
  assert.equal(await page.locator('#far li').count(), 5);
  await clean(page, errors);
  await context.close();
});

test('a page with only lazy widgets loads the wasm when one scrolls near', async () => {
  const { page, errors, context } = await blank();
  await virtual(page, '/e2e-lazy2.html', `${HEAD}<script src="/tinbai.js" defer></script></head>
    <body>${SPACER}<div id="far" data-tinbai="partnership" data-loading="lazy"></div></body></html>`);
  const seen = requests(page);
  await page.goto(origin + '/e2e-lazy2.html');
  await page.waitForTimeout(600);
  assert.ok(!seen.some((p) => p.endsWith('.wasm') || p.endsWith('pkg/tinbai.js')));
  await page.mouse.wheel(0, 6000);
  await page.waitForSelector('#far[data-tinbai-state=ready]');
  assert.ok(seen.some((p) => p.endsWith('_bg.wasm')));
  await clean(page, errors);
  await context.close();
});

/** The CLI's static HTML for one widget, as a static site generator would embed it. */
function prerender(...args) {
  return execFileSync('cargo', ['run', '--quiet', '--bin', 'tinbai', '--', 'render', ...args, '--html'], { cwd: root('.'), encoding: 'utf8' }).trim();
}

/** innerHTML with the per-widget id prefix made neutral, for comparing. (A parsed
 * <svg> keeps the xmlns attribute the static HTML spells out; one made with
 * createElementNS has it implicitly.) */
const neutral = (html) => html.replace(/\b(?:tinbai-\d+|pre-\w+)-/g, 'ID-').replace(' xmlns="http://www.w3.org/2000/svg"', '');

test('prerendered HTML shows without JavaScript and is upgraded in place with no layout shift', async () => {
  const LAO_CAI = 'hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai';
  const widgets = [
    prerender('related', LAO_CAI, '--limit', '4', '--link-template', '/article.html?id={id}', '--id-prefix', 'pre-r'),
    prerender('most-read', '--limit', '5', '--link-template', '/article.html?id={id}', '--id-prefix', 'pre-m'),
    prerender('partnership', 'lao-cai-nouvelle-aquitaine', '--link-template', '/article.html?id={id}', '--id-prefix', 'pre-p')
  ];
  const html = `${HEAD}<script src="/tinbai.js" defer></script></head>
    <body><main class="page"><article class="story"><h1>Lào Cai</h1></article><aside class="rail">${widgets.join('\n')}</aside></main>
    <p id="below">below the widgets</p></body></html>`;

  // Without JavaScript: the same lists, links and facts, from the static HTML alone.
  const off = await blank({ javaScriptEnabled: false });
  await virtual(off.page, '/e2e-static.html', html);
  await off.page.goto(origin + '/e2e-static.html');
  assert.equal(await off.page.locator('[data-tinbai=related] li a[href]').count(), 4);
  assert.equal(await off.page.locator('[data-tinbai=most-read] ol li').count(), 5);
  assert.ok(await off.page.locator('[data-tinbai=partnership] .tinbai-tile').count() >= 3);
  assert.equal(await off.page.locator('script[type="application/ld+json"]').count(), 3, 'schema.org data for search engines');
  const staticBelow = await off.page.$eval('#below', (p) => p.getBoundingClientRect().top);
  await off.context.close();

  const { page, errors, context } = await blank();
  await virtual(page, '/e2e-static.html', html);
  const before = [];
  await page.exposeFunction('keep', (h) => before.push(h));
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('[data-tinbai]').forEach((el) => window.keep(el.innerHTML));
  }));
  await page.goto(origin + '/e2e-static.html');
  await ready(page, 3);
  await page.waitForTimeout(300);
  const after = await page.$$eval('[data-tinbai]', (els) => els.map((el) => el.innerHTML));
  assert.equal(before.length, 3);
  for (let i = 0; i < 3; i++) assert.equal(neutral(after[i]), neutral(before[i]), 'the browser builds the very markup the CLI printed');
  assert.equal(await page.$eval('#below', (p) => p.getBoundingClientRect().top), staticBelow);
  const cls = await page.evaluate(() => window.__cls);
  assert.equal(cls, 0, `upgrading moves nothing: cumulative layout shift ${cls}`);
  await clean(page, errors);
  await context.close();
});

test('tinbai:ready, tinbai:render and tinbai:click bubble with the widget, item and position; a click still navigates', async () => {
  const { page, errors, context } = await blank();
  await virtual(page, '/e2e-events.html', `${HEAD}<script src="/tinbai.js" defer data-link-template="/article.html?id={id}"></script></head>
    <body><main class="page"><article class="story"><h1>Hà Nội và Toulouse hợp tác</h1></article><aside class="rail">
    <div id="r" data-tinbai="related" data-limit="3"></div><div id="m" data-tinbai="most-read" data-limit="4"></div><div id="p" data-tinbai="partnership"></div></aside></main></body></html>`);
  await page.addInitScript(() => {
    window.__events = [];
    for (const t of ['tinbai:ready', 'tinbai:render', 'tinbai:click']) {
      document.addEventListener(t, (e) => window.__events.push({ type: e.type, from: e.target.id, ...e.detail, ...(e.detail.items ? { items: e.detail.items.length } : {}) }));
    }
    // A host listener that throws must not stop the reader's click.
    document.addEventListener('tinbai:click', () => { throw new Error('host analytics failed'); });
    window.__mountedAtReady = null;
    document.addEventListener('DOMContentLoaded', () => window.tinbai?.ready.then(() => {
      window.__mountedAtReady = document.querySelectorAll('[data-tinbai-state=ready]').length;
    }));
  });
  await page.goto(origin + '/e2e-events.html');
  await page.waitForFunction(() => window.__mountedAtReady !== null);
  assert.equal(await page.evaluate(() => window.__mountedAtReady), 3, 'tinbai.ready resolves once everything is mounted');
  const events = await page.evaluate(() => window.__events);
  const summary = events.map((e) => `${e.type} ${e.from} ${e.widget} ${e.items ?? ''}`.trim()).sort();
  assert.deepEqual(summary, [
    'tinbai:ready m most-read 4', 'tinbai:ready p partnership 0', 'tinbai:ready r related 3',
    'tinbai:render m most-read 4', 'tinbai:render p partnership 0', 'tinbai:render r related 3'
  ]);
  const link = page.locator('#m li a').nth(1);
  const href = await link.evaluate((a) => a.href);
  await Promise.all([page.waitForURL(href), link.click()]);
  assert.equal(page.url(), href, 'the click navigated, though a host listener threw');
  // The event went with the page; click again, with navigation held back by the test.
  await page.goBack();
  await ready(page, 3);
  await page.evaluate(() => { window.__events = []; });
  const again = page.locator('#m li a').nth(1);
  const id = await again.evaluate((a) => {
    a.addEventListener('click', (e) => e.preventDefault(), { once: true });
    return a.closest('li').dataset.id;
  });
  await again.click();
  const clicks = await page.evaluate(() => window.__events.filter((e) => e.type === 'tinbai:click'));
  assert.deepEqual(clicks, [{ type: 'tinbai:click', from: 'm', widget: 'most-read', id, position: 2, href: `/article.html?id=${id}` }]);
  assert.ok(errors.every((e) => /host analytics failed/.test(e)), errors.join('\n'));
  await context.close();
});
