// The npm package as a JavaScript developer uses it: bundled by Vite from a tiny
// TypeScript app, type-checked against the generated .d.ts, and run in Chromium
// under the same strict CSP. Needs `make build` (pkg/ and www/pkg/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm, symlink, readFile, readdir } from 'node:fs/promises';
import { build } from 'vite';
import { serve } from '../../scripts/serve.mjs';
import { browser, server, blank, clean, root } from './lib.mjs';

const app = root('target/vite-app');
let dist;

test.before(async () => {
  await rm(app, { recursive: true, force: true });
  await mkdir(`${app}/node_modules`, { recursive: true });
  await cp(root('tests/vite'), app, { recursive: true });
  await symlink(root('pkg'), `${app}/node_modules/tinbai`, 'dir');
});

test.after(async () => {
  await browser.close();
  server.close();
  dist?.close();
});

test('the package has what npm and a bundler need', async () => {
  const pkg = JSON.parse(await readFile(root('pkg/package.json'), 'utf8'));
  assert.equal(pkg.name, 'tinbai');
  assert.match(pkg.description, /Vietnamese news widgets/);
  assert.equal(pkg.license, 'MIT');
  assert.match(pkg.repository.url, /^https:\/\/github\.com\//);
  assert.equal(pkg.types, 'tinbai.d.ts');
  for (const f of ['tinbai.js', 'tinbai_bg.wasm', 'tinbai.d.ts', 'tinbai.css', 'feed.js', 'LICENSE']) {
    assert.ok(pkg.files.includes(f), f);
    await readFile(root(`pkg/${f}`));
  }
  // The glue's own snippet, which imports feed.js on demand.
  assert.ok(pkg.files.includes('snippets'));
  const snippet = (await readFile(root('pkg/tinbai.js'), 'utf8')).match(/from '\.\/(snippets\/[^']+)'/)[1];
  const target = (await readFile(root(`pkg/${snippet}`), 'utf8')).match(/import\(["']([^"']*feed\.js)["']\)/)[1];
  assert.equal(new URL(target, `file:///pkg/${snippet}`).href, 'file:///pkg/feed.js', 'the snippet imports the package\'s feed.js');
  const dts = await readFile(root('pkg/tinbai.d.ts'), 'utf8');
  // The API part, before wasm-bindgen's own InitOutput of raw exports.
  const api = dts.slice(0, dts.indexOf('export type InitInput')).replace(/\/\*[\s\S]*?\*\//g, '');
  assert.match(api, /export function renderRelated\(element: Element, options: RelatedOptions\): Widget;/);
  assert.doesNotMatch(api, /\bany\b/, 'no `any` in the typings');
});

test('the typings accept right calls and refuse wrong ones', () => {
  // Every `@ts-expect-error` in main.ts must meet an error, and nothing else may fail.
  execFileSync(root('node_modules/.bin/tsc'), ['-p', app], { encoding: 'utf8' });
});

test('a Vite build of an app importing the package renders all three widgets', async () => {
  await build({ root: app, logLevel: 'silent', build: { outDir: `${app}/dist` } });
  const assets = await readdir(`${app}/dist/assets`);
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the wasm is emitted as an asset: ${assets}`);
  dist = await serve(0, '127.0.0.1', { root: `${app}/dist` });
  const { page, errors, context } = await blank();
  await page.goto(`http://127.0.0.1:${dist.address().port}/`);
  await page.waitForFunction(() => document.querySelectorAll('[data-tinbai-state=ready]').length === 3);
  assert.equal(await page.textContent('#related h2'), 'Related articles', 'follows <html lang="en">');
  assert.equal(await page.locator('#most-read li').count(), 4);
  assert.equal(await page.textContent('#partnership .tinbai-partners'), 'Lào Cai – Nouvelle-Aquitaine');
  assert.equal(await page.evaluate(() => document.body.dataset.first), 'hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai');
  // The stylesheet came through the bundle, and its themes survive Vite lowering
  // light-dark() for older browsers.
  const look = () => page.$eval('#related section.tinbai', (s) => [getComputedStyle(s).borderTopStyle, getComputedStyle(s).backgroundColor]);
  const [border, light] = await look();
  assert.equal(border, 'solid');
  assert.equal(light, 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal((await look())[1], 'rgb(23, 25, 29)');
  // RSS text loads the feed reader, which the bundle split into a chunk of its own.
  assert.ok(assets.some((f) => /^feed-.*\.js$/.test(f)), `the feed reader is a chunk: ${assets}`);
  const rss = await readFile(root('tests/fixtures/feeds/rss.xml'), 'utf8');
  assert.deepEqual(await page.evaluate((rss) => window.loadDataset(rss).then((r) => [r.articles, r.skipped.length]), rss), [3, 0]);
  await clean(page, errors);
  await context.close();
});
