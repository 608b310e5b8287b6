// A real site, end to end: the fixture site in tests/fixtures/site/ (24 Vietnamese
// articles, their feeds, their built HTML and a GA4 views export) built by
// `tinbai build` from each of JSON Feed, RSS, Atom and the HTML itself, then every
// article page opened in Chromium with the README's snippet (data-article="auto").
// Needs `make build` (www/pkg) and target/debug/tinbai.
//
//   node --test tests/e2e/site.mjs        (SITE_SHOTS=dir keeps a screenshot per page)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, ARGS, root, tab } from './harness.mjs';

const TINBAI = process.env.TINBAI ?? root('target/debug/tinbai');
const SITE = root('tests/fixtures/site/');
const PUBLIC = join(SITE, 'public');
const SHOTS = process.env.SITE_SHOTS;
// A week after the newest article: the views export has no dates, so it counts in every window.
const NOW = '2026-07-09T00:00:00Z';

const articles = JSON.parse(readFileSync(join(SITE, 'articles.json'), 'utf8'));
const path = (a) => `/tin/${a.slug}/`;
const indexed = articles.filter((a) => !a.late);
const late = articles.filter((a) => a.late);
const sitePaths = new Set(indexed.map(path));
// The fixture's README: nothing on the site is about the same thing as these two, and
// the third is only weakly related to its cluster, so an empty list is right for them.
const MAY_BE_EMPTY = new Set(['le-hoi-ao-dai-tp-hcm-2026', 'hue-nouvelle-aquitaine-bao-ton-nha-vuon-kim-long',
  'ha-noi-thi-diem-vung-phat-thai-thap-vanh-dai-1']);

/** The CSV's views per article path, as an analytics reader adds them up: query
 * strings dropped, `/a` and `/a/` the same page. Most viewed first. */
function csvOrder() {
  const [, ...rows] = readFileSync(join(SITE, 'views.csv'), 'utf8').trim().split('\n');
  const views = new Map();
  for (const row of rows) {
    const [page, count] = row.split(',');
    let p = page.split('?')[0];
    if (!p.endsWith('/')) p += '/';
    views.set(p, (views.get(p) ?? 0) + Number(count));
  }
  return [...views].filter(([p]) => sitePaths.has(p)).sort((a, b) => b[1] - a[1]).map(([p]) => p);
}

// The late page's story: the metro line's opening (cluster A's strong group).
const STORY = ['metro-nhon-ga-ha-noi-khai-thac-doan-ngam', 'tau-metro-chay-suot-nhon-ga-ha-noi', 'metro-so-3-don-khach-bon-ga-ngam'];

const SOURCES = [
  ['JSON Feed', ['--input', join(PUBLIC, 'feed.json')]],
  ['RSS', ['--input', join(PUBLIC, 'rss.xml')]],
  ['Atom', ['--input', join(PUBLIC, 'atom.xml')]],
  // The late page is in the folder: leave it out, as if written after the build.
  ['HTML (--site)', ['--site', PUBLIC, ...late.flatMap((a) => ['--exclude', `tin/${a.slug}/**`])]]
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
test.after(() => browser.close());

/** Build the index from `args` and serve the site with tinbai at /tinbai/ and the
 * index at /tinbai-index/, as the fixture's pages expect. */
async function site(args) {
  const out = mkdtempSync(join(tmpdir(), 'tinbai-site-'));
  execFileSync(TINBAI, ['build', ...args, '--out', out, '--views', join(SITE, 'views.csv'), '--now', NOW], { stdio: 'pipe' });
  const server = await serve(0, '127.0.0.1', { root: PUBLIC, roots: { '/tinbai/': root('www'), '/tinbai-index/': out } });
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Open `url`, wait for every widget to settle, and read what a reader sees. */
async function read(env, url, width = 1280) {
  const { page, context, log } = await tab(env, { viewport: { width, height: 900 } });
  await page.goto(env.origin + url);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-tinbai]')]
    .every((el) => ['ready', 'error'].includes(el.getAttribute('data-tinbai-state'))), null, { timeout: 20000 });
  const widgets = await page.$$eval('[data-tinbai]', (els) => els.map((el) => {
    // What the reader sees as empty: the placeholder's height below the widget's
    // last visible part (and its own padding and border).
    const outer = el.getBoundingClientRect();
    const root = el.firstElementChild;
    const parts = root ? [...root.children].filter((c) => c.getClientRects().length && getComputedStyle(c).position !== 'absolute') : [];
    const style = root && getComputedStyle(root);
    const bottom = parts.length ? Math.max(...parts.map((c) => c.getBoundingClientRect().bottom)) + parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth) : outer.top;
    const box = outer.height;
    const used = Math.min(box, bottom - outer.top);
    return {
      kind: el.dataset.tinbai,
      state: el.getAttribute('data-tinbai-state'),
      error: el.getAttribute('data-tinbai-error'),
      box, used,
      links: [...el.querySelectorAll('a[href]')].map((a) => ({ href: a.href, path: new URL(a.href).pathname, cls: a.className })),
      items: [...el.querySelectorAll('li[data-id]')].map((li) => li.querySelector('a')?.href ? new URL(li.querySelector('a').href).pathname : li.dataset.id),
      citations: el.querySelectorAll('.tinbai-citation').length
    };
  }));
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${url.replace(/\W+/g, '_')}-${width}.png`), fullPage: true });
  }
  await context.close();
  return { widgets, errors: [...log.error, ...log.pageerror] };
}

function checkPage(url, { widgets, errors }, { relatedRequired = true } = {}) {
  assert.deepEqual(errors, [], `${url}: no console errors`);
  for (const w of widgets) {
    assert.equal(w.state, 'ready', `${url}: the ${w.kind} widget renders (${w.error ?? ''})`);
    assert.ok(w.used > 0, `${url}: the ${w.kind} widget shows something`);
    assert.ok((w.box - w.used) / w.box <= 0.15, `${url}: the ${w.kind} widget keeps ${Math.round(w.box - w.used)} of ${Math.round(w.box)} px empty`);
  }
  const related = widgets.find((w) => w.kind === 'related');
  const mostRead = widgets.find((w) => w.kind === 'most-read');
  if (relatedRequired) assert.ok(related.items.length > 0, `${url}: related finds the page's story`);
  for (const p of related.items) {
    assert.ok(sitePaths.has(p), `${url}: related lists only the site's own articles, not ${p}`);
    assert.notEqual(p, url, `${url}: related never lists the page itself`);
  }
  assert.ok(mostRead.items.length > 0, `${url}: most read lists the site's most viewed articles`);
  for (const p of mostRead.items) assert.ok(sitePaths.has(p), `${url}: most read lists only the site's articles, not ${p}`);
  const both = related.items.filter((p) => mostRead.items.includes(p));
  assert.deepEqual(both, [], `${url}: no article in both related and most read`);
  // Most read keeps the CSV's order, less what related already shows.
  const order = csvOrder().filter((p) => mostRead.items.includes(p));
  assert.deepEqual(mostRead.items, order, `${url}: most read in the CSV's order`);
  // Partnership: the bundled Việt Nam–France facts, their sources cited, never
  // linked to pages the site does not have.
  const partnership = widgets.find((w) => w.kind === 'partnership');
  assert.ok(partnership.citations > 0, `${url}: partnership sources are citations`);
  for (const l of partnership.links) assert.ok(sitePaths.has(l.path), `${url}: partnership links only to the site (${l.href})`);
}

for (const [name, args] of SOURCES) {
  test(`${name}: every article page shows the site's own widgets from the built index`, async () => {
    const env = { ...(await site(args)), browser };
    try {
      for (const a of indexed) {
        checkPage(path(a), await read(env, path(a)), { relatedRequired: !MAY_BE_EMPTY.has(a.slug) });
      }
      // Published after the build: related from the index by the page's own text.
      for (const a of late) {
        const page = await read(env, path(a));
        checkPage(path(a), page);
        // Its own story (the fixture's cluster A) first, whatever its "see also" box names.
        const related = page.widgets.find((w) => w.kind === 'related').items;
        for (const slug of STORY) assert.ok(related.slice(0, 4).includes(`/tin/${slug}/`), `${path(a)}: related lists ${slug}: ${related}`);
      }
      // The home page, a list page: most read exactly as the CSV counts it.
      const home = await read(env, '/');
      assert.deepEqual(home.errors, []);
      const most = home.widgets.find((w) => w.kind === 'most-read');
      assert.deepEqual(most.items, csvOrder().slice(0, most.items.length));
      assert.ok(most.items.length >= 5);
    } finally {
      env.server.close();
    }
  });
}

test('a narrow screen keeps no widget more than 15% empty', async () => {
  const env = { ...(await site(SOURCES[3][1])), browser };
  try {
    for (const a of [indexed[2], indexed[5], late[0]]) checkPage(path(a), await read(env, path(a), 390), { relatedRequired: !MAY_BE_EMPTY.has(a.slug) });
  } finally {
    env.server.close();
  }
});
