// What every end-to-end file shares: www/ served on 127.0.0.1 with the demo's
// strict CSP, one headless Chromium, and tabs that record console errors, CSP
// violations and layout shifts.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve, CSP } from '../../scripts/serve.mjs';
import { CHROMIUM, ARGS, root, ready, tab, host } from './harness.mjs';

export { CSP, root, ready };
export const AXE = await readFile(root('node_modules/axe-core/axe.min.js'), 'utf8');

export const server = await serve(0);
export const origin = `http://127.0.0.1:${server.address().port}`;
export const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** A fresh tab; `errors` gathers its console errors and page errors, in order. */
export async function blank(options = {}) {
  const { page, context, log } = await tab({ browser, origin }, options);
  const errors = log.error;
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, context };
}

/** A demo page, opened as a reader would. */
export async function open(path, { colorScheme = 'light', bypassCSP = false } = {}) {
  const tab = await blank({ colorScheme, bypassCSP });
  await tab.page.goto(origin + path);
  return tab;
}

export async function clean(page, errors) {
  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violations');
}

/** Serve a page of our own from the test, on the demo's origin, with the demo's CSP. */
export async function virtual(page, path, html) {
  await host(page, { origin }, path, html, { csp: CSP });
}

/** axe-core's violations inside the widgets, as readable lines. */
export async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run({ include: [['[data-tinbai]']] }, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
