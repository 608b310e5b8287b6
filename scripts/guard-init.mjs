#!/usr/bin/env node
// After wasm-pack: every function the generated glue exports first checks that
// init() has run (and each widget method that its handle is live), so an early call throws "renderRelated: tinbai is not initialised:
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
// A widget handle used after free(), or a method called without its widget, also
// gets a message instead of "null pointer passed to rust".
const notWidget = (call) => `if (!(this instanceof Widget)) throw new Error('${call}: call it on the widget render* returned, as widget.${call}');`;
// free() lets go of the handle only: the widget stays mounted until its element is
// rendered into again.
const freed = (call) => `if (this.__wbg_ptr === 0) throw new Error('${call}: this widget handle was freed; call destroy() before free()');`;
const METHODS = {
  '    free() {': 'if (!(this instanceof Widget) || this.__wbg_ptr === 0) return;',
  '    destroy() {': `${notWidget('destroy()')} ${freed('destroy')}`,
  '    get destroyed() {': `${notWidget('destroyed')} ${freed('destroyed')}`,
  '    update(options) {': `${notWidget('update(options)')} ${freed('update')}`
};
for (const [line, guard] of Object.entries(METHODS)) {
  const at = glue.indexOf(`\n${line}\n`, glue.indexOf('export class Widget'));
  if (at < 0) {
    console.error(`guard-init: no "${line.trim()}" in class Widget of ${file}`);
    process.exit(1);
  }
  const end = at + line.length + 1;
  glue = `${glue.slice(0, end)}\n        ${guard} ${MARK}${glue.slice(end)}`;
}
writeFileSync(file, glue);
console.log(`guard-init: ${n} exports and ${Object.keys(METHODS).length} widget methods guarded in ${file}`);
