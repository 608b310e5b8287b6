// The "tinbai" Trusted Types policy, in a snippet of its own: both wasm builds set
// JSON-LD text through it; the engine's browser.js also parses feed markup with it.
// One file, so the policy is created once (a second createPolicy of the name would
// be refused).

let policy;
/**
 * The Trusted Types policy named "tinbai", created once (a second createPolicy of the
 * name would be refused): null where the browser has no Trusted Types or the page's
 * `trusted-types` directive leaves the name out. Its values go only to DOMParser
 * (browser.js), whose documents are never shown, and to the text of a JSON-LD
 * script, which browsers never run.
 */
export function tinbai() {
  if (policy === undefined) {
    try {
      policy = globalThis.trustedTypes?.createPolicy('tinbai', { createHTML: (s) => s, createScript: (s) => s }) ?? null;
    } catch {
      policy = null; // refused (the browser reports that once); a sink says so if enforced
    }
  }
  return policy;
}

/**
 * Whether a JSON-LD script, its text appended while it is out of the page, may go
 * into the page. Under `require-trusted-types-for 'script'` the browser reports two
 * console errors as a script goes in, unless its text was last set from a
 * TrustedScript: so it is set again, through the "tinbai" policy. Whether the page
 * enforces that cannot be asked without such an error, so where the policy is refused
 * the JSON-LD is left out.
 */
export function scriptText(script) {
  if (script.type !== 'application/ld+json') return false; // the policy passes nothing runnable
  if (!globalThis.trustedTypes) return true;
  const p = tinbai();
  if (p) script.text = p.createScript(script.text);
  return !!p;
}
