// The wasm's own JavaScript, a wasm-bindgen snippet the glue imports: HTML to text
// with the browser's own parser, as the CLI reads it (src/ingest/html_text.rs), the
// RSS and Atom reader, loaded the first time it is needed (www/feed.js). Nothing
// else here puts anything into the page: DOMParser's documents are never shown.

import { tinbai } from './trusted.js';

/** RSS or Atom text, read by pkg/feed.js: this file is pkg/snippets/tinbai-wasm-…/src/browser.js. */
export function readFeed(text) {
  return import('../../../feed.js').then((m) => m.read(text, htmlText, parse));
}

/**
 * `markup` parsed as `type`. Where the page enforces Trusted Types, the parser takes
 * only TrustedHTML: the markup passes unchanged through the "tinbai" policy.
 */
function parse(markup, type) {
  return new DOMParser().parseFromString(tinbai()?.createHTML(markup) ?? markup, type);
}

// Elements whose content the HTML tokenizer reads as text up to their end tag; with
// scripting on, as html5ever parses for the CLI, noscript too (DOMParser's is off).
const RAW = ['script', 'style', 'noscript', 'xmp', 'iframe', 'noembed', 'noframes', 'title', 'textarea', 'plaintext'];
// Start tags that end SVG or MathML content (font too, with color, face or size; and
// the end tags </p> and </br>).
const BREAKOUT = /^(b|big|blockquote|body|br|center|code|dd|div|dl|dt|em|embed|h[1-6]|head|hr|i|img|li|listing|menu|meta|nobr|ol|p|pre|ruby|s|small|span|strong|strike|sub|sup|table|tt|u|ul|var)$/;

/** Where the raw text of `name` opened before `from` ends: its end tag, or -1. */
function rawEnd(html, name, from) {
  if (name !== 'script') {
    const end = new RegExp(`</${name}(?=[\\t\\n\\f\\r />])`, 'gi');
    end.lastIndex = from;
    return end.exec(html)?.index ?? -1;
  }
  // A script's "<!--" and "<script" escapes, as the tokenizer reads them.
  const token = /<\/script(?=[\t\n\f\r />])|<!--|-->|<script(?=[\t\n\f\r />])/gi;
  token.lastIndex = from;
  let escaped = false;
  let double = false;
  for (let m; (m = token.exec(html));) {
    const t = m[0].toLowerCase();
    if (t === '<!--' && !escaped) escaped = true;
    else if (t === '-->') escaped = double = false;
    else if (t === '<script' && escaped) double = true;
    else if (t === '</script') {
      if (!double) return m.index;
      double = false;
    }
  }
  return -1;
}

/**
 * `html` made ready for the browser's parser, text unchanged: as it parses `<style>`
 * elements and `style` attributes the browser checks them against the page's
 * Content-Security-Policy (style-src), which would report a violation for each, so
 * the elements go and the attributes are renamed; neither is ever text. `<noscript>`
 * goes too: html5ever reads its content as text, DOMParser as markup.
 */
function unstyled(html) {
  let out = '';
  let i = 0;
  let foreign = 0; // how deep in SVG or MathML, where no element's content is raw
  const tag = /<(\/?)([A-Za-z][^\t\n\f\r />]*)/y;
  const attr = /[\t\n\f\r /]*([^\t\n\f\r />][^\t\n\f\r /=>]*)?(?:[\t\n\f\r ]*=[\t\n\f\r ]*("[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?/y;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    out += html.slice(i, lt);
    i = lt;
    let to;
    if (html.startsWith('<!--', i)) {
      // Up to "-->" or "--!>"; "<!-->" and "<!--->" are whole comments.
      const short = /^<!---?>/.exec(html.slice(i, i + 6));
      const close = /--!?>/g;
      close.lastIndex = i + 4;
      const found = short ? null : close.exec(html);
      to = short ? i + short[0].length : found ? found.index + found[0].length : html.length;
    } else if (foreign && html.startsWith('<![CDATA[', i)) {
      to = html.indexOf(']]>', i) < 0 ? html.length : html.indexOf(']]>', i) + 3;
    }
    tag.lastIndex = i;
    const m = to ? null : tag.exec(html);
    if (!m) {
      // A bogus comment (<!…>, <?…>, </…>) runs to ">"; a lone "<" is text.
      to ??= /^<[!?/]/.test(html.slice(i, i + 2)) ? (html.indexOf('>', i) + 1 || html.length) : i + 1;
      out += html.slice(i, to);
      i = to;
      continue;
    }
    const end = !!m[1];
    const name = m[2].toLowerCase();
    let j = i + m[0].length;
    let text = foreign && name === 'style' ? `<${m[1]}tinbai-style` : m[0];
    let selfClosing = false;
    // The attributes, up to the ">" that ends the tag.
    for (;;) {
      attr.lastIndex = j;
      const [all, a] = attr.exec(html);
      if (!all) break;
      text += a && a.toLowerCase() === 'style' && !end ? all.replace(a, 'data-tinbai-style') : all;
      if (!end && a && /^(color|face|size)$/i.test(a) && name === 'font') foreign = 0;
      selfClosing = all.endsWith('/');
      j += all.length;
    }
    const close = html.indexOf('>', j);
    to = close < 0 ? html.length : close + 1;
    text += html.slice(j, to);
    i = to;
    if (foreign) {
      if (name === 'svg' || name === 'math') foreign += end ? -1 : selfClosing ? 0 : 1;
      else if (end ? name === 'p' || name === 'br' : BREAKOUT.test(name)) foreign = 0;
      out += text;
      continue;
    }
    if (!end && (name === 'svg' || name === 'math') && !selfClosing) foreign = 1;
    if (end || !RAW.includes(name)) {
      out += text;
      continue;
    }
    // Raw text runs to the end tag, or to the end.
    let until = name === 'plaintext' ? -1 : rawEnd(html, name, i);
    if (until < 0) until = html.length;
    if (name === 'style' || name === 'noscript') {
      // The element goes, its end tag with it.
      const gt = html.indexOf('>', until);
      i = gt < 0 ? html.length : gt + 1;
    } else {
      out += text + html.slice(i, until);
      i = until;
    }
  }
  return out + html.slice(i);
}

// As src/ingest/html_text.rs: what is never text, and what ends a paragraph.
const HIDDEN = ['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'head', 'title', 'button', 'select', 'textarea'];
const BLOCKS = ['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'header', 'footer',
  'figure', 'figcaption', 'table', 'tr', 'thead', 'tbody', 'tfoot', 'caption', 'dl', 'dt', 'dd', 'pre', 'main', 'aside', 'nav',
  'address', 'hr', 'details', 'summary', 'form', 'fieldset', 'body', 'html'];
// Rust's char::is_whitespace: NBSP and the other Unicode spaces, not U+FEFF.
const SPACES = /[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const SOLID = /[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** One paragraph at a time: runs of spaces collapse; two <br> in a row end it. */
class Para {
  constructor() { this.done = []; this.current = ''; this.breaks = 0; }
  text(t) {
    let s = t.replace(SPACES, ' ');
    if (s[0] === ' ' && (!this.current || this.current.endsWith(' '))) s = s.slice(1);
    this.current += s;
    if (SOLID.test(t)) this.breaks = 0;
  }
  br() {
    if (++this.breaks >= 2) this.flush();
    else this.text(' ');
  }
  flush() {
    const p = this.current.replace(/^ +| +$/g, '');
    if (p) this.done.push(p);
    this.current = '';
    this.breaks = 0;
  }
}

/**
 * The text of an HTML fragment, `{paragraphs, captions}`, as the CLI's fragment_text
 * reads it: parsed as the browser parses a page (no quirks mode, as html5ever parses
 * a fragment), paragraphs ended at block elements and two <br>, figcaptions apart,
 * hidden elements left out with their content.
 */
export function htmlText(html) {
  const doc = parse(`<!DOCTYPE html>${unstyled(html)}`, 'text/html');
  const body = new Para();
  const caption = new Para();
  const captions = [];
  let figcaption = null;
  const to = () => (figcaption ? caption : body);
  const open = (el, root) => {
    const name = el.localName;
    if (!root && HIDDEN.includes(name)) return false;
    if (name === 'br') to().br();
    else if (name === 'figcaption' && !figcaption) { body.flush(); figcaption = el; }
    else if (BLOCKS.includes(name)) to().flush();
    else if (name === 'td' || name === 'th') to().text(' ');
    return true;
  };
  const close = (el) => {
    if (el === figcaption) {
      caption.flush();
      const c = caption.done.join(' ');
      caption.done = [];
      if (c) captions.push(c);
      figcaption = null;
    } else if (BLOCKS.includes(el.localName)) {
      to().flush();
    }
  };
  // Every node in document order, without recursion.
  const root = doc.documentElement;
  let node = root;
  for (;;) {
    if (node.nodeType === 1) {
      if (open(node, node === root)) {
        if (node.firstChild) {
          node = node.firstChild;
          continue;
        }
        close(node);
      }
    } else if (node.nodeType === 3) {
      to().text(node.data);
    }
    while (node !== root && !node.nextSibling) {
      node = node.parentNode;
      close(node);
    }
    if (node === root) break;
    node = node.nextSibling;
  }
  body.flush();
  return { paragraphs: body.done, captions };
}
