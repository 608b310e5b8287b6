#!/usr/bin/env node
// Serves www/ on 127.0.0.1 with the right MIME types (application/wasm included) and
// a strict Content-Security-Policy, to show the widgets need nothing looser than
// 'wasm-unsafe-eval'.   node scripts/serve.mjs [port]   (default $PORT or 8080)
// The benchmark mounts its generated pages and data as a second root (`roots`).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../www/', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8', '.bin': 'application/octet-stream', '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain; charset=utf-8', '.ico': 'image/x-icon'
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Serve `root` (default www/). `roots` maps a URL prefix such as '/bench/' to
 * another directory, served the same way; `headers` are added to every response. */
export function serve(port = 0, host = '127.0.0.1', { root: base = ROOT, roots = {}, headers = {} } = {}) {
  const mounts = Object.entries(roots).map(([prefix, dir]) => [prefix, resolve(dir)]);
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let root = resolve(base);
      const mount = mounts.find(([prefix]) => path.startsWith(prefix));
      if (mount) [root, path] = [mount[1], path.slice(mount[0].length - 1)];
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) throw Object.assign(new Error('outside the root'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
        ...headers
      });
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' ? 404 : 500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(e.code === 'ENOENT' ? 'not found' : 'error');
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const server = await serve(port);
  console.log(`tinbai demo: http://127.0.0.1:${server.address().port}/  (Ctrl-C to stop)`);
}
