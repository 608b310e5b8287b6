// End to end: www/ served over HTTP on 127.0.0.1 with a strict CSP, loaded in
// headless Chromium as a reader would, with the script tag. Needs `www/pkg` built.
//
//   node --test tests/e2e/run.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browser, server, origin, axe, blank, open, ready, clean, virtual } from './lib.mjs';

test.after(async () => {
  await browser.close();
  server.close();
});

test('index.html: three widgets from the script tag, under a strict CSP, with no layout shift', async () => {
  const { page, errors, context } = await open('/');
  await ready(page, 3);
  const widgets = await page.$$eval('[data-tinbai]', (els) => els.map((el) => ({
    kind: el.dataset.tinbai,
    state: el.dataset.tinbaiState,
    heading: el.querySelector('h2')?.textContent,
    items: el.querySelectorAll('.tinbai-list > li').length,
    tiles: el.querySelectorAll('.tinbai-tile').length,
    title: el.querySelector('.tinbai-partners')?.textContent,
    labelled: (el.querySelector('section')?.getAttribute('aria-labelledby') ?? '').split(' ').every((id) => !!document.getElementById(id))
  })));
  assert.deepEqual(widgets.map((w) => [w.kind, w.state, w.heading, w.labelled]), [
    ['related', 'ready', 'Tin bài liên quan', true],
    ['most-read', 'ready', 'Đọc nhiều', true],
    ['partnership', 'ready', 'Hợp tác Việt Nam – Pháp', true]
  ]);
  assert.equal(widgets[2].title, 'Lào Cai – Nouvelle-Aquitaine');
  assert.ok(widgets[0].items >= 3, 'related items');
  assert.equal(widgets[1].items, 5, 'most-read items');
  assert.ok(widgets[2].tiles >= 3, 'fact tiles');
  // The page's own article (found from its text) is not recommended to itself.
  const related = await page.$$eval('[data-tinbai=related] li', (lis) => lis.map((li) => li.dataset.id));
  assert.ok(!related.includes('hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai'));
  assert.equal(related[0], 'thua-thien-hue-thuc-day-moi-quan-he-hop-tac-tren-nhieu-linh-voi-vung-nouvelle');
  // The page links the stylesheet itself; the loader does not add a second one.
  assert.equal(await page.locator('link[href$="tinbai.css"]').count(), 1);
  await page.waitForTimeout(300);
  const cls = await page.evaluate(() => window.__cls);
  assert.ok(cls < 0.001, `widgets reserve their space: cumulative layout shift ${cls}`);
  await clean(page, errors);
  await context.close();
});

test('no demo page shifts its layout while the widgets load', async () => {
  for (const [path, n] of [['/', 3], ['/api.html', 3], ['/article.html?id=thua-thien-hue-thuc-day-moi-quan-he-hop-tac-tren-nhieu-linh-voi-vung-nouvelle', 2], ['/indexed.html', 2]]) {
    for (const width of [1280, 390]) {
      const { page, errors, context } = await blank({ viewport: { width, height: 900 } });
      await page.goto(origin + path);
      await ready(page, n);
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__cls), 0, `${path} at ${width}px`);
      await clean(page, errors);
      await context.close();
    }
  }
});

test('a widget link goes where its href says', async () => {
  const { page, errors, context } = await open('/');
  await ready(page, 3);
  const link = page.locator('[data-tinbai=related] li a').first();
  const href = await link.evaluate((a) => a.href);
  assert.match(href, /\/article\.html\?id=thua-thien-hue/);
  await Promise.all([page.waitForURL(href), link.click()]);
  assert.equal(page.url(), href);
  await page.waitForFunction(() => document.querySelectorAll('#related li').length > 0);
  assert.match(await page.textContent('h1'), /Thừa Thiên Huế/);
  await clean(page, errors);
  await context.close();
});

test('the widgets pass axe-core on every demo page, in light and dark, in every layout', async () => {
  const pages = [['/', 3], ['/api.html', 3], ['/article.html?id=thua-thien-hue-thuc-day-moi-quan-he-hop-tac-tren-nhieu-linh-voi-vung-nouvelle', 2], ['/indexed.html', 2]];
  for (const [path, n] of pages) {
    for (const colorScheme of ['light', 'dark']) {
      // axe is injected as a script, so this context alone waives the CSP.
      const { page, context } = await open(path, { colorScheme, bypassCSP: true });
      await ready(page, n);
      for (const layout of ['list', 'grid', 'compact']) {
        // The script tag updates a widget when its data-layout changes; the module
        // pages are driven through their own layout switch.
        if (path === '/') await page.evaluate((l) => document.querySelectorAll('[data-tinbai]').forEach((el) => { el.dataset.layout = l; }), layout);
        else if (path === '/api.html') await page.selectOption('select[name=layout]', layout);
        else if (layout !== 'list') continue;
        await page.waitForFunction(([l, n]) => document.querySelectorAll(`section.tinbai--${l}`).length === n, [layout, n]);
        const problems = await axe(page);
        assert.deepEqual(problems, [], `${path}, ${colorScheme}, ${layout}: ${problems.join('\n')}`);
      }
      await context.close();
    }
  }
});

test('every widget link is reached by keyboard, with a visible focus ring', async () => {
  const { page, errors, context } = await open('/');
  await ready(page, 3);
  // Source links inside a closed <details> are reached by opening it (below).
  const links = await page.$$eval('[data-tinbai] a[href], [data-tinbai] summary', (els) => els.filter((e) => e.tagName === 'SUMMARY' || !e.closest('details:not([open])')).length);
  const reached = new Set();
  for (let i = 0; i < 200 && reached.size < links; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || !a.closest('[data-tinbai]')) return null;
      const s = getComputedStyle(a);
      return { key: a.closest('[data-tinbai]').dataset.tinbai + ' ' + (a.getAttribute('href') ?? a.textContent) + ' ' + [...a.closest('[data-tinbai]').querySelectorAll('a[href], summary')].indexOf(a), outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    if (!f) continue;
    assert.ok(f.outline !== 'none' && f.width >= 2, `focus ring on ${f.key}: ${f.outline} ${f.width}px`);
    reached.add(f.key);
  }
  assert.equal(reached.size, links, 'every visible link and source toggle is in the tab order');
  // Enter on a source toggle opens it, and the next Tab reaches its source link.
  await page.focus('[data-tinbai=partnership] summary');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'tinbai-source-link');
  await clean(page, errors);
  await context.close();
});

test('theme auto follows prefers-color-scheme live, and the host\'s data-theme', async () => {
  const { page, errors, context } = await open('/');
  await ready(page, 3);
  const bg = () => page.$eval('[data-tinbai=related] section.tinbai', (s) => getComputedStyle(s).backgroundColor);
  const light = await bg();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await bg();
  assert.notEqual(light, dark, 'switches with the system, without a reload');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
  assert.equal(await bg(), light, 'the host\'s own switch wins');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await bg(), dark);
  await clean(page, errors);
  await context.close();
});

test('api.html: the ES module API with a host dataset, a theme and a language switch', async () => {
  const { page, errors, context } = await open('/api.html');
  await ready(page, 3);
  assert.match(await page.textContent('#report'), /Loaded 8 articles and 1 partnership; 0 skipped/);
  const output = JSON.parse(await page.textContent('#output'));
  assert.deepEqual(output.slice(0, 2).map((i) => i.id).sort(), ['nantes-xe-dien', 'song-han-xanh']);
  assert.ok(output.every((i) => i.id !== 'gia-lua-mekong'), 'an unrelated story is not related');
  assert.equal(await page.textContent('#partnership .tinbai-partners'), 'Đà Nẵng – Nantes');
  await page.selectOption('select[name=lang]', 'en');
  assert.equal(await page.textContent('#related h2'), 'Related articles');
  assert.equal(await page.textContent('#most-read h2'), 'Most read');
  await page.selectOption('select[name=theme]', 'dark');
  assert.deepEqual(await page.$$eval('section.tinbai', (s) => s.map((x) => x.dataset.theme)), ['dark', 'dark', 'dark']);
  await page.selectOption('select[name=layout]', 'grid');
  assert.equal(await page.locator('#related section.tinbai--grid').count(), 1);
  await clean(page, errors);
  await context.close();
});

test('including the script twice mounts once; late elements mount; removed ones are released', async () => {
  const { page, errors, context } = await blank();
  await virtual(page, '/e2e-double.html', `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,">
    <script src="/tinbai.js" defer data-lang="en" data-heading-level="3"></script><script src="/tinbai.js" defer></script></head>
    <body><h1>Hà Nội và Toulouse</h1><div id="a" data-tinbai="most-read"></div></body></html>`);
  await page.addInitScript(() => { window.__ready = 0; document.addEventListener('tinbai:ready', () => window.__ready++); });
  await page.goto(origin + '/e2e-double.html');
  await ready(page, 1);
  assert.equal(await page.locator('#a section.tinbai').count(), 1);
  assert.equal(await page.evaluate(() => window.__ready), 1, 'mounted once');
  assert.equal(await page.textContent('#a h3'), 'Most read', 'the first script tag\'s settings apply');
  // With no <link>, the loader adds the stylesheet, once, first in <head>.
  assert.equal(await page.evaluate(() => document.head.firstElementChild.getAttribute('data-tinbai-css')), '');
  assert.equal(await page.locator('link[href$="tinbai.css"]').count(), 1);
  // An element added later is mounted; one removed releases its widget.
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'b';
    el.dataset.tinbai = 'partnership';
    document.body.append(el);
  });
  await page.waitForSelector('#b[data-tinbai-state=ready]');
  assert.equal(await page.textContent('#b h3'), 'Vietnam–France cooperation');
  assert.equal(await page.locator('#b h4.tinbai-subheading').count(), 2);
  // Changing a data attribute updates the widget in place.
  await page.evaluate(() => { document.getElementById('b').dataset.partnership = 'hai-duong-montreuil'; });
  await page.waitForFunction(() => document.querySelector('#b .tinbai-partners')?.textContent === 'Hải Dương – Montreuil');
  await page.evaluate(() => document.getElementById('a').remove());
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__ready), 2);
  await clean(page, errors);
  await context.close();
});

test('the folder works from any path: the loader finds its wasm next to itself', async () => {
  const { page, errors, context } = await blank();
  // Everything under /cdn/tinbai/v1/ is www/, as if copied to a CDN folder.
  await page.route(`${origin}/cdn/tinbai/v1/**`, async (route) => {
    const rest = new URL(route.request().url()).pathname.replace('/cdn/tinbai/v1/', '');
    const res = await route.fetch({ url: `${origin}/${rest}` });
    await route.fulfill({ response: res });
  });
  await virtual(page, '/e2e-cdn.html', `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,">
    <script src="/cdn/tinbai/v1/tinbai.js" defer></script></head>
    <body><article><h1>Montreuil và Hải Dương hợp tác đào tạo y tế</h1></article><div data-tinbai="related" data-limit="2"></div></body></html>`);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(origin + '/e2e-cdn.html');
  await ready(page, 1);
  assert.ok(requested.includes('/cdn/tinbai/v1/pkg/tinbai_bg.wasm'), requested.join(' '));
  assert.ok(requested.includes('/cdn/tinbai/v1/tinbai.css'));
  assert.equal(await page.locator('[data-tinbai] li').first().getAttribute('data-id'), 'thuc-day-tang-cuong-hop-tac-giua-montreuil-phap-va-cac-dia-phuong-viet-nam');
  await clean(page, errors);
  await context.close();
});

test('a bad placeholder reports its error without breaking the others', async () => {
  const { page, errors, context } = await blank();
  await virtual(page, '/e2e-bad.html', `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,">
    <script src="/tinbai.js" defer></script></head>
    <body><div id="bad" data-tinbai="related" data-article="no-such-id"></div><div id="good" data-tinbai="most-read" data-limit="2"></div></body></html>`);
  await page.goto(origin + '/e2e-bad.html');
  await page.waitForSelector('#good[data-tinbai-state=ready]');
  await page.waitForSelector('#bad[data-tinbai-state=error]', { state: 'attached' });
  assert.match(await page.getAttribute('#bad', 'data-tinbai-error'), /unknown article id "no-such-id"/);
  assert.equal(await page.locator('#bad section').count(), 0, 'nothing half-rendered');
  assert.equal(errors.length, 1);
  assert.match(errors[0], /tinbai: .*no-such-id/);
  await context.close();
});
