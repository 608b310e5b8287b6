#!/usr/bin/env node
// After `wasm-pack build --out-dir pkg`: completes the npm package (the stylesheet,
// exports for bundlers) and copies the runtime files to www/pkg/ for the demo and
// the script-tag loader, so one build serves both.
import { readFile, writeFile, copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const at = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const pkg = JSON.parse(await readFile(at('pkg/package.json'), 'utf8'));
await copyFile(at('www/tinbai.css'), at('pkg/tinbai.css'));
pkg.files = [...new Set([...pkg.files, 'tinbai_bg.wasm.d.ts', 'tinbai.css', 'LICENSE'])];
pkg.exports = {
  '.': { types: './tinbai.d.ts', default: './tinbai.js' },
  './tinbai.css': './tinbai.css',
  './tinbai_bg.wasm': './tinbai_bg.wasm',
  './package.json': './package.json'
};
// A bundler must keep `import 'tinbai/tinbai.css'` though it exports nothing.
pkg.sideEffects = [...new Set([...(pkg.sideEffects ?? []), './tinbai.css'])];
await writeFile(at('pkg/package.json'), JSON.stringify(pkg, null, 2) + '\n');

await mkdir(at('www/pkg'), { recursive: true });
for (const f of ['tinbai.js', 'tinbai_bg.wasm', 'tinbai.d.ts', 'tinbai_bg.wasm.d.ts']) await copyFile(at(`pkg/${f}`), at(`www/pkg/${f}`));
