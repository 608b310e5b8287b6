// Hostile data and bad calls, in headless Chromium under the strict CSP: a host
// dataset with attack strings in every field, through the script tag and the module
// API; then every export called wrongly. Needs `www/pkg` built (make build).
//
//   node tests/e2e/hostile.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, tab, host, html, attr, ready, violations, FLAG, STRICT_CSP } from './harness.mjs';
import { hostileDataset, BAD_URLS, ODD_SAFE_URLS, PAYLOADS, RELATED_TEXT } from './corpus.mjs';

const env = await start();
test.after(() => env.close());

const { dataset, kept, skipped, partnerships } = hostileDataset();
const KEPT = Object.fromEntries([...kept].map(([id, v]) => [id, { ...v, title: v.title.normalize('NFC') }]));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A tab that serves the hostile dataset and images under the strict CSP. */
async function hostileTab() {
  const t = await tab(env);
  await host(t.page, env, '/e2e/hostile.json', JSON.stringify(dataset), { type: 'application/json' });
  await t.page.route(`${env.origin}/e2e/img/**`, (r) => r.fulfill({ status: 200, contentType: 'image/png', body: PNG }));
  return t;
}

/**
 * Runs in the page: everything wrong with the widgets on it. `kept` maps each id
 * lenient mode keeps to its title and link.
 */
function inspect({ kept, flag, payloads }) {
  const problems = [];
  const TAGS = new Set(['SECTION', 'H2', 'H3', 'UL', 'OL', 'LI', 'A', 'SPAN', 'P', 'IMG', 'SCRIPT', 'FIGURE', 'FIGCAPTION',
    'DETAILS', 'SUMMARY', 'BLOCKQUOTE', 'DIV', 'DL', 'DT', 'DD', 'svg', 'g', 'title', 'line', 'text', 'LINK', 'SLOT']);
  if (window[flag] !== undefined) problems.push(`a payload ran: window.${flag} = ${window[flag]}`);
  const roots = [...document.querySelectorAll('[data-tinbai], .e2e-widget')].map((el) => el.shadowRoot ?? el);
  const all = [document, ...roots].flatMap((r) => [...r.querySelectorAll('*')]);
  for (const el of all) {
    for (const a of el.attributes) if (/^on/i.test(a.name)) problems.push(`<${el.localName}> has an ${a.name} attribute`);
  }
  for (const el of document.querySelectorAll('body iframe, body object, body embed, body math, body style, body template, body base')) {
    problems.push(`injected <${el.localName}>`);
  }
  let items = 0;
  for (const r of roots) {
    for (const el of r.querySelectorAll('*')) {
      if (!TAGS.has(el.tagName)) problems.push(`unexpected <${el.localName}> in a widget`);
      if (el.tagName === 'SCRIPT') {
        if (el.type !== 'application/ld+json') problems.push(`a script of type ${el.type}`);
        try { JSON.parse(el.textContent); } catch { problems.push('JSON-LD that does not parse'); }
      }
      const url = el.tagName === 'A' ? el.href : el.tagName === 'IMG' ? el.src : null;
      if (url !== null && !/^https?:$/.test(new URL(url).protocol)) problems.push(`<${el.localName}> to ${url}`);
    }
    for (const li of r.querySelectorAll('li[data-id]')) {
      items++;
      const k = kept[li.dataset.id];
      if (!k) { problems.push(`an item lenient mode drops is shown: ${li.dataset.id.slice(0, 80)}`); continue; }
      const t = li.querySelector('.tinbai-title');
      // A stray bidi override in one title must not reorder the text around it.
      if (t && getComputedStyle(t).unicodeBidi !== 'isolate') problems.push(`title of ${li.dataset.id.slice(0, 40)} is not bidi-isolated`);
      const title = t?.textContent;
      if (title !== k.title) problems.push(`title of ${li.dataset.id.slice(0, 40)} is not literal: ${String(title).slice(0, 80)}`);
      const a = li.querySelector('a.tinbai-link');
      if ((a?.getAttribute('href') ?? null) !== (k.url ?? null)) problems.push(`link of ${li.dataset.id.slice(0, 40)}: ${a?.getAttribute('href')} != ${k.url}`);
    }
  }
  // Partnership cards: partner names, labels, values and quotes as text.
  for (const card of roots.map((r) => r.querySelector('section[data-partnership^="pp-"], section[data-partnership^="\\""]')).filter(Boolean)) {
    const i = card.dataset.partnership.startsWith('pp-') ? Number(card.dataset.partnership.slice(3)) : 4;
    const p = payloads[i].normalize('NFC');
    const names = [...card.querySelectorAll('.tinbai-partner')].map((e) => e.textContent);
    if (JSON.stringify(names) !== JSON.stringify([p, `${p} B`])) problems.push(`partners of card ${i}: ${names}`);
    const quotes = [...card.querySelectorAll('.tinbai-quote p')].map((e) => e.textContent);
    if (!quotes.includes(`“${p}”`)) problems.push(`quote of card ${i} not literal`);
    const values = [...card.querySelectorAll('.tinbai-value, .tinbai-chips li')].map((e) => e.textContent);
    for (const v of [p, `${p} v2`, `${p} 2`]) if (!values.includes(v)) problems.push(`value ${JSON.stringify(v).slice(0, 60)} of card ${i} not shown literally`);
    if (![...card.querySelectorAll('dt')].some((dt) => dt.firstChild?.textContent === p)) problems.push(`label of card ${i} not literal`);
  }
  return { problems, items, roots: roots.length };
}

async function check(page, log, expectItems) {
  await page.waitForTimeout(300); // let any image error or load handler fire
  const r = await page.evaluate(inspect, { kept: KEPT, flag: FLAG, payloads: PAYLOADS });
  assert.deepEqual(r.problems, []);
  assert.ok(r.items >= expectItems, `items shown: ${r.items}`);
  assert.deepEqual(log.dialog, [], 'no dialog opened');
  assert.deepEqual(log.pageerror, [], 'no page error');
  assert.deepEqual(await violations(page), [], 'no CSP violation');
}

test('hostile dataset through the script tag: lenient mode renders it all as text and drops only unsafe links', async () => {
  const { page, log, context } = await hostileTab();
  const heading = PAYLOADS[4];
  await host(page, env, '/e2e/hostile-tag.html', html(
    // data-dedupe="off": every widget shows every item it finds, for the checks below.
    '<link rel="stylesheet" href="/tinbai.css"><script src="/tinbai.js" defer data-dataset="/e2e/hostile.json" data-lenient data-dedupe="off"></script>',
    `<div data-tinbai="related" data-text="${RELATED_TEXT}" data-limit="50" data-min-score="0" data-heading="${attr(heading)}"></div>
     <div data-tinbai="most-read" data-limit="50" data-layout="grid"></div>
     <div data-tinbai="partnership" data-partnership="pp-0"></div>
     <div data-tinbai="partnership" data-partnership="${attr(PAYLOADS[4])}"></div>
     <div data-tinbai="partnership" data-partnership="pp-17" data-isolate></div>
     <div data-tinbai="partnership"></div>`));
  await page.goto(`${env.origin}/e2e/hostile-tag.html`);
  await ready(page, 6);
  await check(page, log, 80);
  assert.equal(await page.textContent('[data-tinbai=related] h2'), heading.normalize('NFC'));
  // The loader reports every skip and every dropped link on the console.
  const dropped = log.warning.filter((w) => w.includes('the link was dropped'));
  assert.equal(dropped.length, 2 * BAD_URLS.length, dropped.join('\n'));
  assert.equal(log.warning.filter((w) => w.includes('skipped') || /^tinbai: (articles|partnerships)\[/.test(w)).length, log.warning.length);
  assert.deepEqual(log.error, []);
  // Most read shows every kept item that fits in 50, each link as given or dropped.
  assert.equal(await page.locator('[data-tinbai=most-read] li[data-id]').count(), 50);
  await context.close();
});

test('hostile dataset through the script tag in strict mode: a clear error on every placeholder, nothing rendered', async () => {
  const { page, log, context } = await hostileTab();
  await host(page, env, '/e2e/hostile-strict.html', html(
    '<script src="/tinbai.js" defer data-dataset="/e2e/hostile.json"></script>',
    '<div data-tinbai="related" data-article="anchor"></div><div data-tinbai="most-read"></div>'));
  await page.goto(`${env.origin}/e2e/hostile-strict.html`);
  await page.waitForFunction(() => document.querySelectorAll('[data-tinbai-state=error]').length === 2);
  const message = await page.getAttribute('[data-tinbai=related]', 'data-tinbai-error');
  assert.match(message, /^loadDataset: invalid dataset: \d+ problems/);
  assert.ok(message.includes('articles[20] (id "bad-url-0"), field "url": "javascript:window.__pwned=1" must be http(s) or relative, not a "javascript" URL'), message.slice(0, 2000));
  assert.ok(message.includes('(id "bad-image-8"), field "image": "&#106;avascript:window.__pwned=1" must not contain HTML character references'));
  assert.ok(message.includes('field "url": "java\\u{9}script:window.__pwned=1" must not contain spaces or control characters'));
  assert.ok(message.length < 20000, `the message stays readable: ${message.length} characters`);
  assert.equal(await page.locator('section').count(), 0, 'nothing half-rendered');
  assert.equal(await page.evaluate((f) => window[f], FLAG), undefined);
  assert.equal(log.error.length, 2, 'one console error per placeholder, from the loader');
  await context.close();
});

/** In the page: import the module and init it. */
const boot = () => import('/pkg/tinbai.js').then(async (m) => { await m.default(); window.m = m; });

// Also on a page with no CSP at all, where a payload that got into the DOM would run.
for (const csp of [STRICT_CSP, null]) test(`hostile dataset through the module API, ${csp ? 'strict CSP' : 'no CSP'}: strict refuses it whole, lenient renders it as text`, async () => {
  const { page, log, context } = await hostileTab();
  await host(page, env, '/e2e/blank.html', html('<link rel="stylesheet" href="/tinbai.css">', ''), { csp });
  await page.goto(`${env.origin}/e2e/blank.html`);
  await page.evaluate(boot);
  const strict = await page.evaluate((ds) => {
    const before = m.articles().length;
    let message = null;
    try { m.loadDataset(ds); } catch (e) { message = e instanceof Error && e.message; }
    return { message, before, after: m.articles().length };
  }, dataset);
  assert.equal(strict.after, strict.before, 'a refused dataset leaves the loaded one');
  assert.match(strict.message, /^loadDataset: invalid dataset: \d+ problems/);
  // Each problem by item and field: the first 20 spelled out, the rest counted.
  const n = Number(strict.message.match(/(\d+) problems/)[1]);
  assert.ok(n >= 2 * BAD_URLS.length + skipped.length, `${n} problems`);
  assert.ok(strict.message.endsWith(`\n  … and ${n - 20} more`), strict.message.slice(-200));
  BAD_URLS.slice(0, 10).forEach((u, i) => assert.ok(strict.message.includes(`(id "bad-url-${i}"), field "url": `), `bad-url-${i} ${JSON.stringify(u)}`));

  const result = await page.evaluate(({ ds, payloads, oddSafe, text }) => {
    const report = m.loadDataset(ds, { lenient: true });
    const host = (cls) => { const d = document.createElement('div'); d.className = `e2e-widget ${cls}`; document.body.append(d); return d; };
    // dedupe: false: every widget shows every item it finds, for the checks below.
    m.renderRelated(host('related'), { text, limit: 50, minScore: 0, heading: payloads[0], dedupe: false });
    m.renderRelated(host('grid'), { text, limit: 50, minScore: 0, layout: 'grid', dedupe: false });
    m.renderMostRead(host('most-read'), { limit: 50, window: 'all', heading: payloads[7], dedupe: false });
    payloads.forEach((p, i) => m.renderPartnership(host('card'), { partnership: i === 4 ? p : `pp-${i}` }));
    m.renderPartnership(host('overview'), {});
    m.renderPartnership(host('big'), { partnership: 'big' });
    m.renderPartnership(host('isolated'), { partnership: 'pp-1', isolate: true });
    const arts = m.articles();
    const odd = oddSafe.map((_, i) => arts.find((a) => a.id === `odd-${i}`)?.url);
    return { report, odd, related: m.related({ text, limit: 50, minScore: 0 }).map((r) => [r.id, r.title, r.url ?? null]),
      noImage: arts.filter((a) => a.id.startsWith('bad-image-')).every((a) => a.image === undefined && a.url.startsWith('/tin/img-')) };
  }, { ds: dataset, payloads: PAYLOADS, oddSafe: ODD_SAFE_URLS, text: RELATED_TEXT });
  assert.equal(result.report.articles, kept.size);
  for (const id of skipped) assert.ok(result.report.skipped.some((m) => m.includes(`(id "${id.slice(0, 100)}`)), `skipped ${id.slice(0, 20)}`);
  assert.equal(result.report.partnerships, partnerships.kept);
  assert.equal(result.report.warnings.filter((w) => w.endsWith('the link was dropped')).length, 2 * BAD_URLS.length);
  assert.ok(result.noImage, 'an unsafe image is dropped, the item and its link kept');
  assert.deepEqual(result.odd, ODD_SAFE_URLS, 'odd but safe URLs are kept exactly');
  for (const [id, title, url] of result.related) {
    assert.equal(title, KEPT[id].title);
    assert.equal(url, KEPT[id].url ?? null);
  }
  assert.ok(result.related.length >= 30, `related finds the hostile items: ${result.related.length}`);
  await check(page, log, 110);
  assert.equal(await page.textContent('.e2e-widget.related h2'), PAYLOADS[0]);
  assert.deepEqual(log.error, []);
  await context.close();
});

test('unsafe URLs: each refused with a clear error in strict mode, dropped with the item kept in lenient mode', async () => {
  const { page, log, context } = await hostileTab();
  await host(page, env, '/e2e/blank.html', html('', ''));
  await page.goto(`${env.origin}/e2e/blank.html`);
  await page.evaluate(boot);
  const out = await page.evaluate((urls) => urls.map((u) => {
    const ds = { articles: [{ id: 'x', title: 'Tiêu đề', url: u, image: u, views: 2 }, { id: 'y', title: 'Khác', views: 1 }] };
    let strict = null;
    try { m.loadDataset(ds); } catch (e) { strict = e.message; }
    const report = m.loadDataset(ds, { lenient: true });
    const x = m.articles().find((a) => a.id === 'x');
    const el = document.createElement('div');
    document.body.append(el);
    const w = m.renderMostRead(el, {});
    const shown = [...el.querySelectorAll('li')].map((li) => [li.dataset.id, li.querySelector('a')?.getAttribute('href') ?? null]);
    w.destroy();
    el.remove();
    return { strict, report, x, shown };
  }), BAD_URLS);
  for (const [i, r] of out.entries()) {
    const u = JSON.stringify(BAD_URLS[i]);
    assert.match(r.strict ?? '', /^loadDataset: invalid dataset: 2 problems\n  articles\[0\] \(id "x"\), field "url": .*(must be http\(s\) or relative, not a ".*" URL|must not contain spaces or control characters|must not contain HTML character references|must not be empty)/, u);
    assert.deepEqual([r.report.articles, r.report.skipped], [2, []], u);
    assert.equal(r.report.warnings.length, 2, u);
    assert.deepEqual(r.x, { id: 'x', title: 'Tiêu đề', kind: 'article', views: { count: 2 } }, `${u}: the item stays, without its links`);
    assert.deepEqual(r.shown.find(([id]) => id === 'x'), ['x', null], `${u}: shown without a link`);
  }
  assert.equal(await page.evaluate((f) => window[f], FLAG), undefined);
  assert.deepEqual([log.error, log.dialog, log.pageerror], [[], [], []]);
  await context.close();
});

// Every export, called wrongly. Each call must throw an Error whose message names
// the call (and the option where there is one); the module must keep working.
const BAD_CALLS = [
  ['renderRelated', 'null element', (m) => m.renderRelated(null, { text: 'Hà Nội' }), /^renderRelated: element must be a DOM Element, got null$/],
  ['renderRelated', 'no element', (m) => m.renderRelated(), /^renderRelated: element must be a DOM Element, got undefined$/],
  ['renderRelated', 'a string', (m) => m.renderRelated('#related', { text: 'x' }), /^renderRelated: element must be a DOM Element, got a string \("#related"\)$/],
  ['renderRelated', 'a text node', (m) => m.renderRelated(document.createTextNode('x'), { text: 'x' }), /^renderRelated: element must be a DOM Element, got an object$/],
  ['renderRelated', 'a plain object', (m) => m.renderRelated({ nodeType: 1, tagName: 'DIV' }, {}), /^renderRelated: element must be a DOM Element/],
  ['renderMostRead', 'the document', (m) => m.renderMostRead(document, {}), /^renderMostRead: element must be a DOM Element/],
  ['renderMostRead', 'NaN limit', (m) => m.renderMostRead(el(), { limit: NaN }), /^renderMostRead: option "limit": expected a whole number from 1 to 50, got a number \(NaN\)$/],
  ['renderMostRead', 'negative limit', (m) => m.renderMostRead(el(), { limit: -3 }), /^renderMostRead: option "limit": .* got a number \(-3\)$/],
  ['renderMostRead', 'huge limit', (m) => m.renderMostRead(el(), { limit: 1e300 }), /^renderMostRead: option "limit": .* got a number \(a very large number\)$/],
  ['renderMostRead', 'Infinity limit', (m) => m.renderMostRead(el(), { limit: Infinity }), /^renderMostRead: option "limit": .*Infinity/],
  ['renderMostRead', 'fractional limit', (m) => m.renderMostRead(el(), { limit: 2.5 }), /^renderMostRead: option "limit": .*2\.5/],
  ['renderMostRead', 'string limit', (m) => m.renderMostRead(el(), { limit: '3' }), /^renderMostRead: option "limit": .*a string \("3"\)/],
  ['renderMostRead', 'bad window', (m) => m.renderMostRead(el(), { window: 7 }), /^renderMostRead: option "window": expected a string, got a number \(7\)$/],
  ['renderMostRead', 'NaN now', (m) => m.renderMostRead(el(), { now: NaN }), /^renderMostRead: option "now": expected a time, milliseconds or a Date, got a number \(NaN\)$/],
  ['renderMostRead', 'invalid Date', (m) => m.renderMostRead(el(), { now: new Date('x') }), /^renderMostRead: option "now":/],
  ['renderMostRead', 'options a string', (m) => m.renderMostRead(el(), 'limit=3'), /^renderMostRead: options must be an object, got a string/],
  ['renderMostRead', 'options an array', (m) => m.renderMostRead(el(), [1]), /^renderMostRead: options must be an object, got an array$/],
  ['renderMostRead', 'unknown option', (m) => m.renderMostRead(el(), { limt: 3 }), /^renderMostRead: unknown option "limt"/],
  ['renderRelated', 'unknown id', (m) => m.renderRelated(el(), { article: 'no-such-id' }), /^renderRelated: .*unknown article id "no-such-id"/],
  ['renderRelated', 'neither article nor text', (m) => m.renderRelated(el(), {}), /^renderRelated: .*(article|text)/],
  ['renderRelated', 'exclude a number', (m) => m.renderRelated(el(), { text: 'x', exclude: 5 }), /^renderRelated: option "exclude": expected an id or an array of ids, got a number \(5\)$/],
  ['renderRelated', 'exclude with null', (m) => m.renderRelated(el(), { text: 'x', exclude: ['a', null] }), /^renderRelated: option "exclude": item 1: expected a string, got null$/],
  ['renderRelated', 'minScore NaN', (m) => m.renderRelated(el(), { text: 'x', minScore: NaN }), /^renderRelated: option "minScore": expected a number, got a number \(NaN\)$/],
  ['renderRelated', 'javascript: template', (m) => m.renderRelated(el(), { text: 'x', linkTemplate: 'javascript:{id}' }), /^renderRelated: option "linkTemplate": "javascript:\{id\}" must be http\(s\) or relative/],
  ['renderRelated', 'template without {id}', (m) => m.renderRelated(el(), { text: 'x', linkTemplate: '/tin/' }), /^renderRelated: option "linkTemplate": must contain \{id\}/],
  ['renderRelated', 'bad target', (m) => m.renderRelated(el(), { text: 'x', target: '"><x' }), /^renderRelated: option "target":/],
  ['renderRelated', 'bad lang', (m) => m.renderRelated(el(), { text: 'x', lang: 'de' }), /^renderRelated: option "lang": must be "vi", "en" or "fr", got "de"$/],
  ['renderRelated', 'empty heading', (m) => m.renderRelated(el(), { text: 'x', heading: ' ' }), /^renderRelated: option "heading": must not be empty$/],
  ['renderRelated', 'heading a number', (m) => m.renderRelated(el(), { text: 'x', heading: 5 }), /^renderRelated: option "heading": expected a string, got a number \(5\)$/],
  ['renderRelated', 'isolate a string', (m) => m.renderRelated(el(), { text: 'x', isolate: 'yes' }), /^renderRelated: option "isolate": expected true or false, got a string \("yes"\)$/],
  ['renderRelated', 'isolate on a <ul>', (m) => m.renderRelated(el('ul'), { text: 'x', isolate: true, stylesheet: '/tinbai.css' }), /^renderRelated: option "isolate": a <ul> cannot hold a shadow root; use a <div>/],
  ['renderRelated', 'isolate without a sheet', (m) => m.renderRelated(el(), { text: 'x', isolate: true }), /^renderRelated: option "isolate": needs the stylesheet's URL/],
  ['renderRelated', 'unsafe stylesheet', (m) => m.renderRelated(el(), { text: 'x', isolate: true, stylesheet: 'javascript:x' }), /^renderRelated: option "stylesheet": "javascript:x" must be http\(s\) or relative/],
  ['renderRelated', 'stylesheet without isolate', (m) => m.renderRelated(el(), { text: 'x', stylesheet: '/tinbai.css' }), /^renderRelated: option "stylesheet": is only used with isolate: true$/],
  ['renderPartnership', 'unknown partnership', (m) => m.renderPartnership(el(), { partnership: 'nope' }), /^renderPartnership: .*unknown partnership id "nope"/],
  ['renderPartnership', 'partnership a number', (m) => m.renderPartnership(el(), { partnership: 3 }), /^renderPartnership: option "partnership": expected a string, got a number \(3\)$/],
  ['renderPartnership', 'a related option', (m) => m.renderPartnership(el(), { limit: 3 }), /^renderPartnership: unknown option "limit"/],
  ['related', 'no options', (m) => m.related(), /^related: .*(article|text)/],
  ['related', 'null', (m) => m.related(null), /^related: .*(article|text)/],
  ['related', 'a number', (m) => m.related(5), /^related: options must be an object, got a number \(5\)$/],
  ['related', 'a function', (m) => m.related(() => 1), /^related: options must be an object, got a function$/],
  ['related', 'unknown id', (m) => m.related({ article: 'x' }), /^related: .*unknown article id "x"/],
  ['related', 'article and text', (m) => m.related({ article: 'x', text: 'y' }), /^related: .*(article|text)/],
  ['related', 'a view option', (m) => m.related({ text: 'x', lang: 'en' }), /^related: unknown option "lang"/],
  ['mostRead', 'limit 0', (m) => m.mostRead({ limit: 0 }), /^mostRead: option "limit": .* got a number \(0\)$/],
  ['mostRead', 'limit 51', (m) => m.mostRead({ limit: 51 }), /^mostRead: option "limit": .* got a number \(51\)$/],
  ['mostRead', 'bad now', (m) => m.mostRead({ now: 'yesterday' }), /^mostRead: option "now": "yesterday" is not an RFC 3339 time$/],
  ['mostRead', 'bad window', (m) => m.mostRead({ window: '1y' }), /^mostRead: option "window": expected "24h", "7d", "30d" or "all", got "1y"$/],
  ['loadDataset', 'null', (m) => m.loadDataset(null), /^loadDataset: .*expected an object with "articles", got null/s],
  ['loadDataset', 'undefined', (m) => m.loadDataset(), /^loadDataset: .*expected an object with "articles"/s],
  // Text is read asynchronously (JSON, RSS or Atom): tests/e2e/feeds.mjs.
  ['loadDataset', 'a number', (m) => m.loadDataset(42), /^loadDataset: .*expected an object with "articles", got a number/s],
  ['loadDataset', 'a cycle', (m) => { const a = { articles: [] }; a.articles.push(a); return m.loadDataset(a); }, /^loadDataset: nested more than 64 levels deep$/],
  ['loadDataset', 'a function inside', (m) => m.loadDataset({ articles: [{ id: 'x', title: () => 1 }] }), /^loadDataset: a function cannot be part of a dataset$/],
  ['loadDataset', 'a symbol inside', (m) => m.loadDataset({ articles: [{ id: 'x', title: Symbol('t') }] }), /^loadDataset: .*cannot be part of a dataset$/],
  ['loadDataset', 'a BigInt inside', (m) => m.loadDataset({ articles: [{ id: 'x', title: 'x', views: 10n }] }), /^loadDataset: .*cannot be part of a dataset$/],
  ['loadDataset', 'lenient a string', (m) => m.loadDataset({ articles: [] }, { lenient: 'yes' }), /^loadDataset: option "lenient": expected true or false, got a string \("yes"\)$/],
  ['loadDataset', 'options a number', (m) => m.loadDataset({ articles: [] }, 1), /^loadDataset: options must be an object, got a number \(1\)$/],
  ['loadDataset', 'a throwing getter', (m) => m.loadDataset({ get articles() { throw new Error('boom'); } }), /^loadDataset: cannot read field "articles"$/],
  ['recordView', 'no id', (m) => m.recordView(), /^recordView: id must be a string, got undefined$/],
  ['recordView', 'a number', (m) => m.recordView(12), /^recordView: id must be a string, got a number \(12\)$/],
  ['recordView', 'unknown id', (m) => m.recordView('no-such-id'), /^recordView: .*unknown article id "no-such-id"/],
  ['update', 'a bad option', (m) => m.renderMostRead(el(), {}).update({ limit: -1 }), /^renderMostRead: option "limit": .* got a number \(-1\)$/],
  ['update', 'a string', (m) => m.renderMostRead(el(), {}).update('x'), /^renderMostRead: options must be an object, got a string \("x"\)$/],
  ['update', 'after destroy', (m) => { const w = m.renderMostRead(el(), {}); w.destroy(); w.update({}); }, /^update: this widget was destroyed$/],
  ['update', 'changing isolate', (m) => m.renderMostRead(el(), {}).update({ isolate: true, stylesheet: '/tinbai.css' }), /^renderMostRead: option "isolate": is fixed when the widget is rendered/],
  ['update', 'after free', (m) => { const w = m.renderMostRead(el(), {}); w.free(); w.update({}); }, /^update: this widget handle was freed; call destroy\(\) before free\(\)$/],
  ['destroy', 'after free', (m) => { const w = m.renderMostRead(el(), {}); w.free(); w.free(); w.destroy(); }, /^destroy: this widget handle was freed/],
  ['update', 'without its widget', (m) => { const { update } = m.renderMostRead(el(), {}); update({}); }, /^update\(options\): call it on the widget render\* returned, as widget\.update\(options\)$/],
  ['destroy', 'on another object', (m) => m.renderMostRead(el(), {}).destroy.call({}), /^destroy\(\): call it on the widget render\* returned/],
  ['update', 'removing isolate', (m) => m.renderMostRead(el(), { isolate: true, stylesheet: '/tinbai.css' }).update({ isolate: null }), /^renderMostRead: option "isolate": is fixed when the widget is rendered/]
];

test('bad calls: before init, each export throws a clear Error; repeated init is harmless', async () => {
  const { page, log, context } = await tab(env);
  await host(page, env, '/e2e/blank.html', html('<link rel="stylesheet" href="/tinbai.css">', ''));
  await page.goto(`${env.origin}/e2e/blank.html`);
  const early = await page.evaluate(async () => {
    const m = await import('/pkg/tinbai.js');
    const el = document.createElement('div');
    const calls = { renderRelated: () => m.renderRelated(el, { text: 'x' }), renderMostRead: () => m.renderMostRead(el), renderPartnership: () => m.renderPartnership(el),
      related: () => m.related({ text: 'x' }), mostRead: () => m.mostRead(), partnerships: () => m.partnerships(), articles: () => m.articles(),
      loadDataset: () => m.loadDataset({ articles: [] }), recordView: () => m.recordView('x') };
    const out = Object.entries(calls).map(([name, f]) => { try { f(); return [name, 'no error']; } catch (e) { return [name, e instanceof Error ? e.message : `not an Error: ${e}`]; } });
    await Promise.all([m.default(), m.default()]);
    await m.default();
    const w = m.renderMostRead(el, { limit: 2 });
    return { out, items: el.querySelectorAll('li').length, destroyed: w.destroyed };
  });
  for (const [name, message] of early.out) assert.equal(message, `${name}: tinbai is not initialised: await init() first`);
  assert.deepEqual([early.items, early.destroyed], [2, false], 'init, called three times, then a valid call works');
  assert.deepEqual([log.error, log.pageerror], [[], []]);
  await context.close();
});

test('bad calls: every export called wrongly throws an Error naming the call and the option; the next valid call works', async () => {
  const { page, log, context } = await tab(env);
  await host(page, env, '/e2e/blank.html', html('', ''));
  await page.goto(`${env.origin}/e2e/blank.html`);
  await page.evaluate(boot);
  await page.evaluate(() => { window.el = (tag = 'div') => document.body.appendChild(document.createElement(tag)); });
  for (const [name, what, call, expected] of BAD_CALLS) {
    const r = await page.evaluate(`(() => {
      const call = ${call.toString()};
      let message;
      try { call(m); message = 'no error'; } catch (e) { message = e instanceof Error ? e.message : 'not an Error: ' + String(e); }
      // The next valid call still works.
      const good = el();
      const w = m.renderMostRead(good, { limit: 2 });
      const ok = good.querySelectorAll('li').length === 2 && m.related({ text: 'Hà Nội Toulouse', limit: 1 }).length === 1;
      w.destroy();
      return { message, ok };
    })()`);
    assert.match(r.message, expected, `${name}, ${what}`);
    assert.ok(r.ok, `${name}, ${what}: the module still works after it`);
  }
  // A detached element renders (and can be attached later); one removed mid-life updates and destroys.
  const detached = await page.evaluate(() => {
    const d = document.createElement('div');
    const w = m.renderRelated(d, { text: 'Hà Nội Toulouse' });
    const n = d.querySelectorAll('li').length;
    document.body.append(d);
    d.remove();
    w.update({ limit: 1 });
    const after = d.querySelectorAll('li').length;
    w.destroy();
    w.destroy();
    return [n > 1, after, d.childNodes.length, w.destroyed];
  });
  assert.deepEqual(detached, [true, 1, 0, true]);
  // One element, mounted isolated, then plain, then isolated again: only the newest shows.
  const swaps = await page.evaluate(() => {
    const d = el();
    const shown = () => [d.shadowRoot?.querySelector('section')?.dataset.tinbaiWidget ?? null, d.querySelector('section')?.dataset.tinbaiWidget ?? null];
    const out = [];
    m.renderMostRead(d, { isolate: true, stylesheet: '/tinbai.css' });
    out.push(shown());
    m.renderPartnership(d, {});
    out.push(shown(), d.shadowRoot.querySelector('slot') !== null);
    const w = m.renderRelated(d, { text: 'Huế', isolate: true, stylesheet: '/tinbai.css' });
    out.push(shown(), d.shadowRoot.querySelectorAll('link').length);
    w.destroy();
    out.push(shown());
    return out;
  });
  assert.deepEqual(swaps, [['most-read', null], [null, 'partnership'], true, ['related', null], 1, [null, null]]);
  assert.deepEqual([log.error, log.pageerror, log.dialog], [[], [], []]);
  await context.close();
});
