// The reader's fetch, a wasm-bindgen snippet: in JavaScript, so the reader wasm
// carries no async runtime. One more try after a network failure or an HTTP 5xx.

/** Fetch `url`, then `done(bytes)`, or `done(status, statusText)`, or `done(0, message)`
 * when no answer came. Never throws, never rejects. */
export function fetchBytes(url, done) {
  const once = () => fetch(url).then(
    (r) => (r.ok ? r.arrayBuffer().then((b) => [new Uint8Array(b)], (e) => [0, e.message, true]) : [r.status, r.statusText, r.status >= 500]),
    (e) => [0, e.message, true]
  );
  once().then((a) => (a.length > 2 && a[2] ? once() : a)).then((a) => done(a[0], a[1]));
}
