// Shared by every end-to-end file (lib.mjs adds one browser per file for the
// demo-page tests): www/ served on 127.0.0.1, headless Chromium, and
// tabs that record everything a hostile page or payload could set off.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

/** Exactly the policy issue 5 names; test pages are sent with it and nothing else. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
/** The global a payload sets if it ever runs. */
export const FLAG = '__pwned';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const root = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export async function start(args = []) {
  const server = await serve(0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...args] });
  return { origin, browser, close: async () => { await browser.close(); server.close(); } };
}

// Runs in every page before its own scripts: collects CSP violations and sums
// layout shifts.
export function WATCH() {
  window.__violations = [];
  window.__cls = 0;
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/**
 * A fresh tab. `log` gathers console messages by type, page errors and dialogs
 * (each dismissed); `page.route` serves the test's own pages with the strict CSP.
 */
export async function tab(env, options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const log = { error: [], warning: [], pageerror: [], dialog: [] };
  page.on('console', (m) => { if (m.type() in log) log[m.type()].push(m.text()); });
  page.on('pageerror', (e) => log.pageerror.push(e.message));
  page.on('dialog', (d) => { log.dialog.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.addInitScript(WATCH);
  // No favicon request may fail or need a looser img-src.
  await page.route(`${env.origin}/favicon.ico`, (r) => r.fulfill({ status: 204 }));
  return { page, context, log };
}

/** Serve `body` at `path` on the demo's origin with exactly `csp` (`null`: none at all). */
export async function host(page, env, path, body, { type = 'text/html; charset=utf-8', csp = STRICT_CSP } = {}) {
  const headers = csp ? { 'Content-Security-Policy': csp } : {};
  await page.route(env.origin + path, (r) => r.fulfill({ status: 200, contentType: type, headers, body }));
}

/** A minimal page: `head` and `body` markup, nothing inline. */
export function html(head, body, { dir = 'ltr', lang = 'vi' } = {}) {
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>tinbai e2e</title>${head}</head><body>${body}</body></html>`;
}

/** Escape text for an HTML attribute value in a test page. */
export const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function ready(page, n, timeout = 30000) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-tinbai-state="ready"]').length >= n, n, { timeout });
}

/** CSP violations seen by the page. */
export const violations = (page) => page.evaluate(() => window.__violations);
