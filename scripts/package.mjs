#!/usr/bin/env node
// After `wasm-pack build --out-dir pkg`: completes the npm package (the stylesheet,
// the feed reader, exports for bundlers) and copies the runtime
// files to www/pkg/ for the demo and the script-tag loader, so one build serves both.
import { readFile, writeFile, copyFile, mkdir, cp, rm, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform, build } from 'esbuild';

const at = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const pkg = JSON.parse(await readFile(at('pkg/package.json'), 'utf8'));
// wasm-pack names the package after the crate (tinbai-wasm); npm users install tinbai.
pkg.name = 'tinbai';
pkg.description = 'Vietnamese news widgets (related, most read, partnership fact cards) in Rust and WebAssembly';
await copyFile(at('www/tinbai.css'), at('pkg/tinbai.css'));
// wasm-pack copies these from the crate's folder (wasm/), which has neither: the
// repository's own are the package's.
await copyFile(at('LICENSE'), at('pkg/LICENSE'));
await copyFile(at('README.md'), at('pkg/README.md'));
// The RSS and Atom reader, fetched by the glue's snippet (snippets/tinbai-wasm-*/src/
// browser.js imports '../../../feed.js') the first time loadDataset is given XML.
// Both are minified: the snippet loads with the glue, the reader on demand.
const minify = async (from, to) => {
  const { code } = await transform(await readFile(at(from), 'utf8'), { minify: true, format: 'esm', legalComments: 'inline', target: 'es2020' });
  await writeFile(at(to), code);
};
await minify('www/feed.js', 'pkg/feed.js');
// The reader (wasm/ built without the engine into target/reader/): what the script-tag
// loader fetches for a page whose widgets a built index answers. Its glue is minified.
// Bundled with its snippets into one file: a page then fetches no snippet after the
// glue, one round trip less before the widgets.
await build({ entryPoints: [at('target/reader/reader.js')], bundle: true, minify: true, format: 'esm', target: 'es2020', legalComments: 'inline', logLevel: 'error', outfile: at('pkg/reader.js') });
await copyFile(at('target/reader/reader_bg.wasm'), at('pkg/reader_bg.wasm'));
// The bundled seeds as a built index (make build: tinbai build --seeds), which the
// reader shows when the page names no index of its own.
pkg.files = [...new Set([...pkg.files, 'tinbai_bg.wasm.d.ts', 'tinbai.css', 'feed.js', 'reader.js', 'reader_bg.wasm', 'seeds', 'LICENSE'])];
pkg.exports = {
  '.': { types: './tinbai.d.ts', default: './tinbai.js' },
  './tinbai.css': './tinbai.css',
  './tinbai_bg.wasm': './tinbai_bg.wasm',
  './package.json': './package.json'
};
// A bundler must keep `import 'tinbai/tinbai.css'` though it exports nothing.
pkg.sideEffects = [...new Set([...(pkg.sideEffects ?? []), './tinbai.css'])];
await writeFile(at('pkg/package.json'), JSON.stringify(pkg, null, 2) + '\n');

// wasm-bindgen adds snippets but never removes one the glue no longer imports.
const glue = await readFile(at('pkg/tinbai.js'), 'utf8');
for (const f of await readdir(at('pkg/snippets'), { recursive: true, withFileTypes: true })) {
  const path = `${f.parentPath ?? f.path}/${f.name}`.slice(at('pkg/').length);
  if (!f.isFile()) continue;
  if (!glue.includes(`'./${path}'`) && !glue.includes(`"./${path}"`)) await rm(at(`pkg/${path}`));
  else if (path.endsWith('.js')) await minify(`pkg/${path}`, `pkg/${path}`);
}

await mkdir(at('www/pkg'), { recursive: true });
for (const f of ['tinbai.js', 'tinbai_bg.wasm', 'tinbai.d.ts', 'tinbai_bg.wasm.d.ts', 'feed.js', 'reader.js', 'reader_bg.wasm']) await copyFile(at(`pkg/${f}`), at(`www/pkg/${f}`));
await rm(at('www/pkg/snippets'), { recursive: true, force: true });
await rm(at('www/pkg/seeds'), { recursive: true, force: true });
await cp(at('pkg/seeds'), at('www/pkg/seeds'), { recursive: true });
await cp(at('pkg/snippets'), at('www/pkg/snippets'), { recursive: true });
