// Widget speed in headless Chromium: start-up (instantiate the wasm, parse the seed
// pages, build the index) and each call, over many runs. Prints a Markdown table.
//
//   make build && node benches/browser.mjs
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

const server = await serve(0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
});

const starts = [];
for (let run = 0; run < 10; run++) {
  const page = await browser.newPage();
  await page.goto(`${origin}/api.html`);
  starts.push(await page.evaluate(async () => {
    const t0 = performance.now();
    const m = await import('/pkg/tinbai.js?fresh=' + Math.random());
    await m.default();
    return performance.now() - t0;
  }));
  await page.close();
}

const page = await browser.newPage();
await page.goto(`${origin}/api.html`);
const calls = await page.evaluate(async () => {
  const m = await import('/pkg/tinbai.js?bench');
  await m.default();
  const ids = m.articles().map((a) => a.id);
  const el = document.createElement('div');
  document.body.append(el);
  const time = (n, f) => {
    const t = [];
    for (let i = 0; i < n; i++) { const t0 = performance.now(); f(i); t.push(performance.now() - t0); }
    t.sort((a, b) => a - b);
    return [t[Math.floor(n / 2)], t[Math.floor(n * 0.99)]];
  };
  return {
    'related(), by item': time(500, (i) => m.related({ article: ids[i % ids.length] })),
    'related(), free text': time(500, () => m.related({ text: 'hợp tác Lào Cai Nouvelle-Aquitaine' })),
    'mostRead()': time(500, () => m.mostRead({ window: '7d' })),
    'renderRelated() into the DOM': time(200, (i) => m.renderRelated(el, { article: ids[i % ids.length] }).destroy()),
    'renderPartnership(), overview card': time(200, () => m.renderPartnership(el).destroy())
  };
});

const ms = (x) => `${x.toFixed(2)} ms`;
starts.sort((a, b) => a - b);
console.log(`Headless Chromium ${browser.version()}, one tab, the bundled seed dataset (93 items):\n`);
console.log('| operation | median | p99 |');
console.log('|---|---|---|');
console.log(`| start-up: fetch, compile and instantiate the wasm, parse the seeds, build the index | ${ms(starts[5])} | ${ms(starts[9])} (max of 10) |`);
for (const [name, [p50, p99]] of Object.entries(calls)) console.log(`| ${name} | ${ms(p50)} | ${ms(p99)} |`);
await browser.close();
server.close();
