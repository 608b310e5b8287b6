#!/usr/bin/env node
// The docs' pictures (docs/demo.jpg in the README, docs/widgets/ in docs/theming.md):
// the demo page, and every widget in light and dark, as
// Chromium draws them from the release build.   make screenshots
import { mkdir } from 'node:fs/promises';
import { browser, server, open, ready, root } from '../tests/e2e/lib.mjs';

await mkdir(root('docs/widgets'), { recursive: true });
for (const colorScheme of ['light', 'dark']) {
  const { page, context } = await open('/', { colorScheme });
  await ready(page, 3);
  if (colorScheme === 'light') {
    await page.screenshot({ path: root('docs/demo.jpg'), type: 'jpeg', quality: 80, clip: { x: 0, y: 0, width: 1280, height: 1900 }, fullPage: true });
  }
  for (const kind of ['related', 'most-read', 'partnership']) {
    await page.locator(`[data-tinbai=${kind}]`).screenshot({ path: root(`docs/widgets/${kind}-${colorScheme}.jpg`), type: 'jpeg', quality: 82 });
  }
  await context.close();
}
await browser.close();
server.close();
