#!/usr/bin/env node
// After wasm-pack: every function the generated glue exports first checks that
// init() has run, so an early call throws "renderRelated: tinbai is not initialised:
// await init() first" instead of "Cannot read properties of undefined". Fails the
// build if the glue no longer has the shape this expects (a wasm-bindgen upgrade).
//   node scripts/guard-init.mjs www/pkg/tinbai.js
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'www/pkg/tinbai.js';
const MARK = '/* tinbai: init guard */';
let glue = readFileSync(file, 'utf8');
if (glue.includes(MARK)) process.exit(0);
if (!/^let wasmModule, wasmInstance, wasm;$/m.test(glue)) {
  console.error(`guard-init: ${file} does not declare "let wasmModule, wasmInstance, wasm;"; check the wasm-bindgen version`);
  process.exit(1);
}
let n = 0;
glue = glue.replace(/^export function (\w+)\(([^)]*)\) \{$/gm, (line, name) => {
  n++;
  return `${line}\n    if (wasm === undefined) throw new Error('${name}: tinbai is not initialised: await init() first'); ${MARK}`;
});
if (n < 9) {
  console.error(`guard-init: found ${n} exported functions in ${file}, expected at least 9`);
  process.exit(1);
}
writeFileSync(file, glue);
console.log(`guard-init: ${n} exports guarded in ${file}`);
