// The examples in README.md and docs/*.md, run: every ```html and ```js block on its
// own page of the demo's origin (www/, so /tinbai.js, /pkg/tinbai.js, /idx/ are the
// real files), under the strict CSP, in headless Chromium.
//   - html: the block is the page's body; every [data-tinbai] placeholder in it must
//     render (state "ready", a section.tinbai, a tinbai:ready event), lazy ones once
//     scrolled to.
//   - js: the block runs as a <script type="module">, on a page with an empty <div>
//     for each id it looks up and, if it uses window.tinbai, the script tag; it must
//     finish, and each render*() call in it must send tinbai:ready.
//   - neither may log a console error, throw, or trip the CSP.
// A block that cannot run alone is marked ```js no-run: a few at most, none in the
// README. Every fenced block needs a language, so none escapes by leaving it out.
// Needs `make build index` (www/pkg, www/idx).
//
//   node --test tests/e2e/snippets.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { start, tab, host, html, violations, root } from './harness.mjs';

const HTML = ['html'];
const JS = ['js', 'javascript', 'mjs'];
/** Words allowed after the language in a fence's info string. */
const FLAGS = ['no-run'];
/** Blocks marked no-run, at most, across docs/ (the README may have none). */
const MAX_NO_RUN = 2;
const TIMEOUT = 20000;

/** The fenced code blocks of a Markdown text: {lang, flags, code, line}. */
export function fences(markdown) {
  const lines = markdown.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const close = new RegExp(`^ *${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]); j++) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    const [lang = '', ...flags] = info.trim().split(/\s+/).filter(Boolean);
    out.push({ lang: lang.toLowerCase(), flags, code: body.join('\n') + '\n', line: i + 1 });
    i = j;
  }
  return out;
}

const FILES = ['README.md', ...readdirSync(root('docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const BLOCKS = FILES.flatMap((file) => fences(readFileSync(root(file), 'utf8')).map((b) => ({ ...b, file, where: `${file}:${b.line}` })));
const runnable = (b) => [...HTML, ...JS].includes(b.lang);
const RUN = BLOCKS.filter((b) => runnable(b) && !b.flags.includes('no-run'));

test('every code block has a language and known flags; README examples all run; few are no-run', () => {
  assert.deepEqual(BLOCKS.filter((b) => !b.lang).map((b) => b.where), [], 'fenced blocks without a language (give one: sh, text, css, jsonc…)');
  assert.deepEqual(BLOCKS.filter((b) => b.flags.some((f) => !FLAGS.includes(f))).map((b) => `${b.where}: ${b.flags}`), [], `unknown flags (known: ${FLAGS})`);
  assert.deepEqual(BLOCKS.filter((b) => b.flags.length && !runnable(b)).map((b) => b.where), [], 'no-run is only for html and js blocks');
  const skipped = BLOCKS.filter((b) => b.flags.includes('no-run'));
  assert.deepEqual(skipped.filter((b) => b.file === 'README.md').map((b) => b.where), [], 'every README html/js example must run');
  assert.ok(skipped.length <= MAX_NO_RUN, `at most ${MAX_NO_RUN} no-run blocks, found ${skipped.length}: ${skipped.map((b) => b.where)}`);
  const readme = RUN.filter((b) => b.file === 'README.md');
  assert.ok(readme.some((b) => HTML.includes(b.lang)) && readme.some((b) => JS.includes(b.lang)), 'the README shows the script tag (html) and the ES module (js)');
  console.log(`snippets: ${RUN.length} run (${RUN.filter((b) => HTML.includes(b.lang)).length} html, ${RUN.filter((b) => JS.includes(b.lang)).length} js), ${skipped.length} no-run: ${skipped.map((b) => b.where).join(', ')}`);
});

const env = await start();
test.after(() => env.close());

// Before the page's own scripts: every element that announces tinbai:ready.
function LISTEN() {
  window.__announced = [];
  document.addEventListener('tinbai:ready', (e) => window.__announced.push(e.target), true);
}

/** A fresh tab whose log also gathers failed requests (a path the page does not serve). */
async function open() {
  const t = await tab(env);
  t.log.missing = [];
  t.page.on('response', (r) => { if (r.status() >= 400) t.log.missing.push(`${r.status()} ${new URL(r.url()).pathname}`); });
  await t.page.addInitScript(LISTEN);
  return t;
}

/** Wait for `fn` in the page; a page error, or the wait running out, fails with what the page logged. */
async function until(page, log, what, fn, arg) {
  const threw = new Promise((_, reject) => page.once('pageerror', (e) => reject(new Error(`the page threw: ${e.message}`))));
  threw.catch(() => {});
  try {
    await Promise.race([page.waitForFunction(fn, arg, { timeout: TIMEOUT }), threw]);
  } catch (e) {
    assert.fail(`${what}: ${e.message.split('\n')[0]}\n  console errors: ${JSON.stringify(log.error)}\n  page errors: ${JSON.stringify(log.pageerror)}\n  failed requests: ${JSON.stringify(log.missing)}`);
  }
}

/** Nothing went wrong on the page, after a moment for late errors. */
async function quiet(page, log) {
  await page.waitForTimeout(200);
  assert.deepEqual(log.missing, [], 'every path the example names is served');
  assert.deepEqual(log.error, [], 'no console errors');
  assert.deepEqual(log.pageerror, [], 'no page errors');
  assert.deepEqual(await violations(page), [], 'no CSP violations');
}

async function runHtml(block, n) {
  const { page, log, context } = await open();
  const path = `/snippets/${n}.html`;
  await host(page, env, path, html('', block.code));
  await page.goto(env.origin + path);
  const count = await page.locator('[data-tinbai]').count();
  assert.ok(count > 0, 'the example declares at least one [data-tinbai] placeholder');
  for (let i = 0; i < count; i++) {
    // A lazy widget mounts only near the viewport.
    await page.locator('[data-tinbai]').nth(i).scrollIntoViewIfNeeded();
    await until(page, log, `placeholder ${i + 1} of ${count} never rendered`,
      (i) => ['ready', 'error'].includes(document.querySelectorAll('[data-tinbai]')[i].dataset.tinbaiState), i);
  }
  const widgets = await page.$$eval('[data-tinbai]', (els) => els.map((el) => ({
    widget: el.dataset.tinbai,
    state: el.dataset.tinbaiState,
    error: el.dataset.tinbaiError ?? null,
    rendered: !!(el.shadowRoot ?? el).querySelector('section.tinbai'),
    announced: window.__announced.includes(el)
  })));
  for (const w of widgets) {
    assert.deepEqual(w, { widget: w.widget, state: 'ready', error: null, rendered: true, announced: true }, `the ${w.widget} widget renders`);
  }
  await quiet(page, log);
  await context.close();
}

async function runJs(block, n) {
  const ids = [...new Set([...block.code.matchAll(/getElementById\(\s*['"]([\w-]+)['"]\s*\)|querySelector\(\s*['"]#([\w-]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]))];
  const loader = /\bwindow\.tinbai\b/.test(block.code);
  const renders = (block.code.match(/\brender(?:Related|MostRead|Partnership)\s*\(/g) ?? []).length;
  const { page, log, context } = await open();
  const js = { type: 'text/javascript; charset=utf-8' };
  await host(page, env, `/snippets/${n}.mjs`, block.code, js);
  // Runs the example, then says so: a throw anywhere in it stops this line.
  await host(page, env, `/snippets/${n}-run.mjs`, `import './${n}.mjs';\nwindow.__finished = true;\n`, js);
  const head = `${loader ? '<script src="/tinbai.js" defer></script>' : ''}<script type="module" src="/snippets/${n}-run.mjs"></script>`;
  await host(page, env, `/snippets/${n}.html`, html(head, ids.map((id) => `<div id="${id}"></div>`).join('')));
  await page.goto(`${env.origin}/snippets/${n}.html`);
  await until(page, log, 'the module never finished', () => window.__finished === true);
  await until(page, log, `${renders} render call(s), but not as many tinbai:ready events`, (k) => window.__announced.length >= k, renders);
  const states = await page.$$eval('[data-tinbai-state]', (els) => els.map((el) => `${el.id}: ${el.dataset.tinbaiState} ${el.dataset.tinbaiError ?? ''}`.trim()));
  assert.deepEqual(states.filter((s) => !s.endsWith(': ready')), [], 'every widget still mounted is rendered');
  await quiet(page, log);
  await context.close();
}

RUN.forEach((block, i) => {
  test(`${block.where} (${block.lang})`, () => (HTML.includes(block.lang) ? runHtml(block, i) : runJs(block, i)));
});
