/*! tinbai feed reader: RSS 2.0 (0.9x, 1.0) and Atom to tinbai's articles, read by
 * the browser's own DOMParser as the CLI reads them with feed-rs.
 *
 * Loaded on demand, the first time loadDataset is given XML text (by the glue's
 * snippet, src/web/browser.js, which also lends it its HTML-to-text); a page whose
 * data is tinbai's JSON or a JSON Feed never fetches it. `tinbai dataset --dataset
 * feed.xml` and the browser give the same articles: which elements count, xml:base,
 * links read as URLs, lenient dates, MediaRSS and enclosure images, text by its
 * type, and the same errors for the same broken feeds (tests/e2e/feeds.mjs). The
 * mapping: docs/feeds.md; natively src/ingest/feed.rs.
 */

const NAMESPACES = {
  'http://purl.org/rss/1.0/': 'rss', 'http://www.w3.org/2005/Atom': 'atom',
  'http://purl.org/rss/1.0/modules/content/': 'content', 'http://purl.org/dc/elements/1.1/': 'dc',
  'http://search.yahoo.com/mrss/': 'media', 'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'https://podcastindex.org/namespace/1.0': 'podcast', 'http://wellformedweb.org/CommentAPI/': 'wfw'
};
// A prefix the feed never declares: feed-rs reads such elements as unprefixed ones;
// the XML parser needs a namespace for them, and this one stands for "none".
const UNDECLARED = 'urn:x-tinbai:undeclared';
const undeclared = (uri) => uri === UNDECLARED || uri?.startsWith(`${UNDECLARED}:`);
const XHTML = 'http://www.w3.org/1999/xhtml';

// Rust's whitespace (char::is_whitespace), for its trim().
const WS = '\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');
const LEAD = new RegExp(`^[${WS}]+`);
const trim = (s) => s.replace(TRIM, '');
const trimStart = (s) => s.replace(LEAD, '');

class FeedError extends Error {}
const fail = (message) => { throw new FeedError(message); };

// ---------------------------------------------------------------------------
// The XML text, made what the browser's strict parser reads as quick-xml reads the
// original: entities XML does not define (&nbsp;) stay text, CR and whitespace in
// attribute values are kept, characters XML 1.0 forbids pass through, an undeclared
// prefix is bound, an attribute quick-xml skips is left out, and what follows the
// root element is not read. It also finds what quick-xml refuses (a tag not closed,
// a bad reference) before the browser does: the browser's error page carries an
// inline style, which a strict page CSP would report. `<style>` elements and
// `style` attributes are renamed for the same reason, and named back when read.

const PREDEFINED = ['amp', 'lt', 'gt', 'quot', 'apos'];
const STYLE = 'tinbai-style';
const xmlChar = (c) => c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
// Characters XML forbids travel as private-use ones (U+10FF00 + the low byte).
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const HIDDEN = /[\u{10ff00}-\u{10ff1f}\u{10fffe}\u{10ffff}]/gu;
const hide = (s) => s.replace(FORBIDDEN, (c) => String.fromCodePoint(0x10ff00 + (c.charCodeAt(0) & 0xff)));
const restore = (s) => s.replace(HIDDEN, (c) => String.fromCharCode(((c.codePointAt(0) - 0x10ff00) | (c.codePointAt(0) >= 0x10fffe ? 0xff00 : 0))));

/** A character reference's character (`#65`, `#x41`), or null where quick-xml refuses it. */
function charRef(name) {
  const code = /^#x[0-9a-fA-F]+$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? Number(name.slice(1)) : NaN;
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? code : null;
}

/** Text between tags: each `&…;` as quick-xml resolves it, or an error. */
function escapeText(s) {
  const plain = (t) => hide(t).replace(/\r/g, '&#13;').replace(/]]>/g, ']]&gt;');
  let out = '';
  let k = 0;
  for (let amp; (amp = s.indexOf('&', k)) >= 0;) {
    out += plain(s.slice(k, amp));
    const semi = s.indexOf(';', amp);
    const name = semi < 0 ? '&' : s.slice(amp + 1, semi);
    if (name.includes('&')) fail('unable to parse XML: a "&" that starts no reference (no ";" before the next "&" or "<")');
    if (name[0] === '#') {
      const code = charRef(name);
      if (code == null) fail(`unable to parse XML: invalid character reference &${name};`);
      out += xmlChar(code) ? `&${name};` : hide(String.fromCodePoint(code));
    } else {
      // An entity XML does not define stays as written.
      out += PREDEFINED.includes(name) ? `&${name};` : `&amp;${plain(name)};`;
    }
    k = semi + 1;
  }
  return out + plain(s.slice(k));
}

/** An attribute value: one quick-xml cannot unescape is kept as written. */
function escapeValue(v) {
  const resolvable = (m, name) => (PREDEFINED.includes(name) || charRef(name) != null ? '' : m);
  let t = v.replace(/&([^&;]*);/g, resolvable).includes('&') ? v.replace(/&/g, '&amp;') : v;
  t = t.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (m, n) => (xmlChar(charRef(`#${n}`)) ? m : hide(String.fromCodePoint(charRef(`#${n}`)))));
  return hide(t).replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * An element's name as the browser's parser takes it. feed-rs knows an element by
 * the part after its last ":" and its namespace by the part before the first: a name
 * XML refuses keeps those two where it can.
 */
function styled(name) {
  if (XML_NAME.test(name)) return name.replace(/(^|:)style$/, `$1${STYLE}`);
  const local = name.slice(name.lastIndexOf(':') + 1);
  const prefix = name.slice(0, Math.max(name.indexOf(':'), 0));
  if (!NC_NAME.test(local)) return 'tinbai-unnamed';
  return `${NC_NAME.test(prefix) ? prefix : 'tinbai-unknown'}:${local === 'style' ? STYLE : local}`;
}
/** `styled`, less the prefixes XML keeps for itself (their elements are in no
 * namespace feed-rs knows). */
const elementName = (name) => styled(name).replace(/^(xml|xmlns):/, 'tinbai-$1:');
// An XML name, with at most one prefix: what the browser's parser takes.
const NCNAME = '[\\p{L}_][\\p{L}\\p{N}\\p{M}_.\\-\\u00B7\\u203F\\u2040]*';
const XML_NAME = new RegExp(`^${NCNAME}(:${NCNAME})?$`, 'u');
const NC_NAME = new RegExp(`^${NCNAME}$`, 'u');

/**
 * A start tag's attributes as quick-xml's iterator gives them, [name, raw value].
 * Checked, as feed-rs reads them: those it refuses (no "=", an unquoted value, a
 * second one of a name) are left out, and it goes on after each as quick-xml does.
 * Unchecked, as its namespace resolver reads them: every one, up to the first it
 * refuses.
 */
function attributesOf(s, from, checked) {
  const space = (c) => c === ' ' || c === '\r' || c === '\n' || c === '\t';
  const skipSpace = (k) => { while (k < s.length && space(s[k])) k++; return k; };
  const toSpace = (k) => { while (k < s.length && !space(s[k])) k++; return k; };
  const out = [];
  for (let k = from; ;) {
    const start = skipSpace(k);
    k = start;
    while (k < s.length && s[k] !== '=' && !space(s[k])) k++;
    if (k >= s.length) return out;
    let eq = k;
    if (s[k] !== '=') {
      eq = skipSpace(k);
      if (eq >= s.length) return out;
      if (s[eq] !== '=') {
        if (!checked) return out;
        k = eq;
        continue;
      }
    }
    const key = s.slice(start, k);
    if (checked && out.some(([a]) => a === key)) { k = toSpace(eq); continue; }
    const v = skipSpace(eq + 1);
    if (v >= s.length) return out;
    if (s[v] !== '"' && s[v] !== "'") {
      if (!checked) return out;
      k = toSpace(v);
      continue;
    }
    const close = s.indexOf(s[v], v + 1);
    if (close < 0) return out;
    out.push([key, s.slice(v + 1, close)]);
    k = close + 1;
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
// A prefix bound to "": quick-xml resolves its elements to no namespace it knows.
const UNBOUND = 'urn:x-tinbai:unbound';

function prepare(xml) {
  let out = '';
  let i = 0;
  let rootEnd = -1;
  let done = false; // feed-rs reads no further: after the root, or an RSS root's first channel
  const open = [];
  const local = (name) => name.slice(name.indexOf(':') + 1);
  const used = new Set();
  const declared = new Set(['xml', 'xmlns']);
  // Before the root, feed-rs takes any XML error for a missing root.
  const bad = (what) => fail(rootEnd < 0 ? 'no root element' : `unable to parse XML: ${what}`);
  const until = (s, from, what) => { const e = xml.indexOf(s, from); return e < 0 ? bad(`${what} is not closed`) : e; };
  const prefix = (name) => { if (name.includes(':')) used.add(name.slice(0, name.indexOf(':'))); };
  while (i < xml.length && !done) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? xml.length : lt;
    // Text outside the root element is not kept (but must be well formed before it).
    if (open.length) out += escapeText(xml.slice(i, end));
    else if (rootEnd < 0) try { escapeText(xml.slice(i, end)); } catch { bad('text'); }
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      i = until('-->', i + 4, 'a comment') + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const e = until(']]>', i + 9, 'a CDATA section');
      if (open.length) out += `<![CDATA[${hide(xml.slice(i + 9, e)).replace(/\r/g, ']]>&#13;<![CDATA[')}]]>`;
      i = e + 3;
    } else if (xml.startsWith('<?', i)) {
      i = until('?>', i + 2, 'a processing instruction') + 2;
    } else if (xml.startsWith('<!', i) && !/^<!d/i.test(xml.slice(i, i + 3))) {
      bad(xml.startsWith('<![', i) ? 'a CDATA section is not closed' : 'a "<!" that starts nothing');
    } else if (xml.startsWith('<!', i)) {
      // A DOCTYPE, its internal subset included: its entities are not used.
      let j = i + 2;
      for (let depth = 0, q = null; ; j++) {
        if (j >= xml.length) bad('a DOCTYPE is not closed');
        const c = xml[j];
        if (q) { if (c === q) q = null; } else if (c === '"' || c === "'") q = c;
        else if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      i = j + 1;
    } else if (xml[i + 1] === '/') {
      // quick-xml's end tag: up to ">", trailing spaces trimmed, the open tag's name exactly.
      const gt = xml.indexOf('>', i + 2);
      if (gt < 0) bad('an end tag is not closed');
      const name = xml.slice(i + 2, gt).replace(/[ \t\r\n]+$/, '');
      const expected = open.pop();
      if (name !== expected) bad(expected == null ? `</${name}> closes nothing` : `</${name}> closes <${expected}>`);
      out += `</${elementName(name)}>`;
      const j = gt;
      i = j + 1;
      done = !open.length || (open.length === 1 && local(open[0]) === 'rss' && local(name) === 'channel');
    } else {
      // The tag runs to the first ">" outside quotes; a "/" before it makes it empty.
      let j = i + 1;
      for (let q = null; j < xml.length; j++) {
        const c = xml[j];
        if (q) { if (c === q) q = null; } else if (c === '"' || c === "'") q = c;
        else if (c === '>') break;
      }
      if (j >= xml.length) bad('a tag is not closed');
      let content = xml.slice(i + 1, j);
      const empty = content.endsWith('/');
      if (empty) content = content.slice(0, -1);
      const name = /^[^ \t\r\n]*/.exec(content)[0];
      prefix(elementName(name));
      const attrs = [];
      for (const [a, v] of attributesOf(content, name.length, true)) {
        // One the browser's parser would refuse means nothing to feed-rs: it goes.
        if (a === 'xmlns' || a.startsWith('xmlns:') || !XML_NAME.test(a)) continue;
        attrs.push(` ${a === 'style' ? STYLE : a}="${escapeValue(v)}"`);
        prefix(a);
      }
      // Namespaces as quick-xml binds them: raw values, the last of a prefix winning.
      const bindings = new Map();
      for (const [a, v] of attributesOf(content, name.length, false)) {
        if (a !== 'xmlns' && !a.startsWith('xmlns:')) continue;
        const p = a.slice(6);
        if (p === 'xmlns' || (p === 'xml' ? v !== XML_NS : p && (v === XML_NS || v === XMLNS_NS))) bad(`${a}="${v}" binds a reserved name`);
        if (p && !NC_NAME.test(p)) continue;
        bindings.set(a, p && !v ? UNBOUND : v);
      }
      for (const [a, v] of bindings) {
        if (a.startsWith('xmlns:')) declared.add(a.slice(6));
        if (a !== 'xmlns:xml') attrs.push(` ${a}="${hide(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}"`);
      }
      if (rootEnd < 0) rootEnd = out.length + 1 + elementName(name).length;
      out += `<${elementName(name)}${attrs.join('')}${empty ? '/>' : '>'}`;
      i = j + 1;
      if (!empty) open.push(name);
      else done = !open.length || (open.length === 1 && local(open[0]) === 'rss' && local(name) === 'channel');
    }
  }
  if (!done && open.length) bad(`<${open[open.length - 1]}> is not closed`);
  // What feed-rs never reads is closed unread.
  for (const name of open.reverse()) out += `</${elementName(name)}>`;
  if (rootEnd < 0) fail('no root element');
  const missing = [...used].filter((p) => !declared.has(p));
  // One namespace for each: two of them may name attributes alike.
  const uri = (p) => (p === 'tinbai-xml' || p === 'tinbai-xmlns' ? UNBOUND : `${UNDECLARED}:${p}`);
  return out.slice(0, rootEnd) + missing.map((p) => ` xmlns:${p}="${uri(p)}"`).join('') + out.slice(rootEnd);
}

// ---------------------------------------------------------------------------
// Elements as feed-rs sees them.

/** The element's namespace, as one of NAMESPACES' names; `fallback` for none. */
function ns(el, fallback) {
  const uri = el.namespaceURI;
  if (uri == null || undeclared(uri)) return fallback;
  return NAMESPACES[uri] ?? 'unknown';
}

const children = (el) => [...el.children];
const attr = (el, name) => { const v = el.getAttribute(name); return v == null ? null : restore(v); };
/** The attributes as written: [name, value]. */
const attributes = (el) => [...el.attributes].map((a) => [a.name === STYLE ? 'style' : a.name, restore(a.value)]);
const localName = (el) => (el.localName === STYLE ? 'style' : el.localName);

/** The text before the element's first child element (comments skipped), or null
 * if there is none: quick-xml's text event, what feed-rs calls child_as_text. */
function text(el) {
  let s = null;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3 || n.nodeType === 4) s = (s ?? '') + n.data;
    else if (n.nodeType === 1) break;
  }
  return s == null ? null : restore(s);
}

const minimalEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r/g, '&#13;');
const startTag = (el) => `<${localName(el)}${attributes(el).map(([a, v]) => ` ${a}="${v}"`).join('')}>`;

/** The element's content written out again as feed-rs does (children_as_string);
 * for XHTML, without the one `div` that wraps it (children_as_xhtml). */
function serialize(el, xhtml) {
  let out = '';
  let first = true;
  let open = -1;
  let close = -1;
  const walk = (node, top) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1) {
        if (top && xhtml) {
          if (!first) open = close = -1;
          else if (n.localName !== 'div') first = false;
        }
        out += startTag(n);
        if (xhtml && first) { first = false; open = out.length; }
        walk(n, false);
        const at = out.length;
        out += `</${localName(n)}>`;
        if (top && xhtml && open >= 0) close = at;
      } else if (n.nodeType === 3 || n.nodeType === 4) {
        if (top && xhtml && /[^\t\n\f\r ]/.test(n.data)) { first = false; open = close = -1; }
        out += minimalEscape(restore(n.data));
      }
    }
  };
  walk(el, true);
  return open >= 0 && close >= 0 ? out.slice(open, close) : out;
}

// ---------------------------------------------------------------------------
// URLs, as the url crate reads them (the same WHATWG parser as the browser's).

/** The host as written in an absolute URL of a special scheme (http, https, ws, wss, ftp), else null. */
function hostOf(s) {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:[/\\]*([^/\\?#]*)/.exec(s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, ''));
  const authority = m ? m[1] : '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  return hostPort.startsWith('[') ? null : hostPort.replace(/:[^:]*$/, '');
}
const percentDecode = (s) => s.replace(/(%[0-9A-Fa-f]{2})+/g, (m) => { try { return decodeURIComponent(m); } catch { return m; } });

/** An absolute URL, normalised, or null. Chrome takes some hosts the URL standard
 * and the url crate refuse (a space, "<", "^"…): those are refused here too. */
function absolute(s) {
  let u;
  try { u = new URL(s); } catch { return null; }
  const host = /^(https?|wss?|ftp):$/.test(u.protocol) ? hostOf(s) : null;
  if (host != null && /[\u0000-\u001f #%/:<>?@[\\\]^|\u007f]/.test(percentDecode(host))) return null;
  return u.href;
}
const hasScheme = (s) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, ''));

/** feed-rs's parse_uri: absolute, or relative to the xml:base; else null. */
function uri(s, base) {
  const a = absolute(s);
  if (a != null || hasScheme(s) || base == null) return a;
  let u;
  try { u = new URL(s, base); } catch { return null; }
  // "//host/path" names a host of its own.
  return /^[\u0000-\u0020]*[/\\]{2}/.test(s) ? absolute(u.protocol + s.replace(/^[\u0000-\u0020]+/, '')) : u.href;
}

/** A link's href: read as a URL where it is one, else kept as written. */
const href = (s, base) => trim(uri(s, base) ?? s);

/** The xml:base in force at `el`. */
function baseOf(el) {
  const chain = [];
  for (let e = el; e && e.nodeType === 1; e = e.parentNode) chain.unshift(e);
  let base = null;
  for (const e of chain) {
    const b = attr(e, 'xml:base');
    if (b == null) continue;
    const a = absolute(b);
    if (a != null) base = a;
    else if (hasScheme(b)) fail(`xml:base ${JSON.stringify(b)} is not a URL`);
    else if (base != null) try { base = new URL(b, base).href; } catch { /* kept */ }
  }
  return base;
}

// ---------------------------------------------------------------------------
// Media types, as the mediatype crate parses them: the type as written (with its
// case), or null when it is not one.

const restricted = /^[A-Za-z0-9!#$&\-^_.+%*']$/;
const restrictedName = (s) => s.length > 0 && s.length <= 127 && /^[A-Za-z0-9*]/.test(s) && [...s].every((c) => restricted.test(c));

function mediaType(s) {
  const slash = s.slice(0, 128).indexOf('/');
  if (slash < 0 || !restrictedName(s.slice(0, slash))) return null;
  const right = s.slice(slash + 1);
  let end = [...right].findIndex((c) => !restricted.test(c));
  if (end < 0) end = right.length;
  // Code points as UTF-16 units: every restricted char is ASCII, so the index is the same.
  const plus = right.slice(0, end).lastIndexOf('+');
  const sub = plus < 0 ? right.slice(0, end) : right.slice(0, plus);
  const suffix = plus < 0 ? '' : right.slice(plus + 1, end);
  if (!restrictedName(sub) || (suffix && !restrictedName(suffix))) return null;
  const start = slash + 1 + sub.length + (suffix ? suffix.length + 1 : 0);
  let rest = s.slice(start);
  let len = start;
  const ows = (t) => /^[ \t]*$/.test(t);
  for (;;) {
    const semi = rest.indexOf(';');
    if (semi < 0) { if (ows(rest)) break; return null; }
    const before = rest.slice(0, semi);
    const after = rest.slice(semi + 1);
    if (!ows(before)) return null;
    if (ows(after)) break;
    const eq = after.indexOf('=');
    if (eq < 0) return null;
    const key = after.slice(0, eq).replace(/^[ \t]+/, '');
    if (!restrictedName(key)) return null;
    const value = after.slice(eq + 1);
    let vlen;
    if (value.startsWith('"')) {
      let escaped = false;
      vlen = -1;
      for (let k = 1; k < value.length; k++) {
        const c = value[k];
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') { vlen = k + 1; break; } else if (c === '\n' || c === '\r') return null;
      }
      if (vlen < 0) return null;
    } else {
      vlen = 0;
      while (vlen < value.length && restricted.test(value[vlen])) vlen++;
    }
    const used = semi + 1 + eq + 1 + vlen;
    len += used;
    rest = rest.slice(used);
  }
  return s.slice(0, len);
}

const essence = (t) => trim(t.split(';')[0]);
const isImage = (t) => essence(t).startsWith('image/');

// ---------------------------------------------------------------------------
// Dates: feed-rs's lenient parser (RFC 3339, else RFC 2822, else RFC 1123, each
// after its clean-ups), with chrono's rules. Unix seconds, or null.

const FIX_3339 = [[/(\+|-)(\p{Nd}{2})(\p{Nd}{2})/u, '$1$2:$3'], [/-\p{Nd}{2}$/u, '$&T00:00:00+00:00']];
const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const FIX_2822 = [
  [/(UTC|-0000$)/, '+0000'], [/(Sun|Mon|Tue|Wed|Thu|Fri|Sat)[a-z]*, /, ''], [new RegExp(`(${MONTHS})[a-z]*`), '$1'],
  [new RegExp(`(${MONTHS}) (\\p{Nd}{1,2}) (\\p{Nd}{4})`, 'u'), '$2 $1 $3'], [/ 24:/, ' 00:'], [/ ([0-9]):/, ' 0$1:']
];
const FIX_1123 = [[/ Z$/, ' +0000'], [/^[A-Za-z]{3}, /, '']];
const cleaned = (s, fixes) => fixes.reduce((t, [re, to]) => t.replace(re, to), trim(s));

function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y, m) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

/** chrono's Parsed::to_datetime, to Unix seconds; null where it refuses. */
function instant({ year, month, day, hour, minute, second = 0, offset, weekday }) {
  if (!(year >= -262143 && year <= 262142) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= 31)) return null;
  if (day > monthDays(year, month) || hour > 23 || minute > 59 || second > 60 || Math.abs(offset) >= 86400) return null;
  const days = daysFromCivil(year, month, day);
  if (weekday != null && (((days % 7) + 11) % 7) !== weekday) return null;
  return days * 86400 + hour * 3600 + minute * 60 + Math.min(second, 59) - offset;
}

function rfc3339(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+\-\u2212])(\d{2}):([0-5]\d))$/.exec(s);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const offset = m[7] ? (m[7] === '+' ? 1 : -1) * (Number(m[8]) * 3600 + Number(m[9]) * 60) : 0;
  return instant({ year, month, day, hour, minute, second, offset });
}

/** A scanner over a date string, with chrono's scan functions. */
class Scan {
  constructor(s) { this.s = s; }
  /** Between `min` and `max` ASCII digits. */
  number(min, max) {
    const m = /^\d*/.exec(this.s)[0].slice(0, max);
    if (m.length < min) return null;
    this.s = this.s.slice(m.length);
    return Number(m);
  }
  /** One or more spaces. */
  space() { const t = trimStart(this.s); if (t.length === this.s.length) return false; this.s = t; return true; }
  char(c) { if (this.s[0] !== c) return false; this.s = this.s.slice(1); return true; }
  /** Three ASCII letters of a name in `names`, any case: its index. */
  name(names) {
    const head = this.s.slice(0, 3);
    const i = /^[A-Za-z]{3}$/.test(head) ? names.indexOf(head.toLowerCase()) : -1;
    if (i < 0) return null;
    this.s = this.s.slice(3);
    return i;
  }
  /** `+hh[sep]mm`; `sep` consumes what may stand between hours and minutes. */
  offset(sep, minus) {
    const sign = { '+': 1, '-': -1 }[this.s[0]] ?? (minus && this.s[0] === '\u2212' ? -1 : 0);
    if (!sign) return null;
    const h = /^\d\d/.exec(this.s.slice(1));
    if (!h) return null;
    this.s = sep(this.s.slice(3));
    const mm = /^[0-5]\d/.exec(this.s);
    if (!mm) return null;
    this.s = this.s.slice(2);
    return sign * (Number(h[0]) * 3600 + Number(mm[0]) * 60);
  }
}
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ZONES = { gmt: 0, ut: 0, z: 0, edt: -4, est: -5, cdt: -5, cst: -6, mdt: -6, mst: -7, pdt: -7, pst: -8 };

function rfc2822(str) {
  const p = new Scan(trimStart(str));
  const d = {};
  const wd = p.name(DAY_NAMES);
  if (wd != null) {
    if (!p.char(',')) return null;
    d.weekday = wd;
  }
  p.s = trimStart(p.s);
  if ((d.day = p.number(1, 2)) == null || !p.space() || (d.month = p.name(MONTH_NAMES)) == null || !p.space()) return null;
  d.month += 1;
  const digits = /^\d*/.exec(p.s)[0];
  if (digits.length < 2) return null;
  p.s = p.s.slice(digits.length);
  d.year = Number(digits) + (digits.length === 2 ? (Number(digits) < 50 ? 2000 : 1900) : digits.length === 3 ? 1900 : 0);
  if (!p.space() || (d.hour = p.number(2, 2)) == null) return null;
  p.s = trimStart(p.s);
  if (!p.char(':')) return null;
  p.s = trimStart(p.s);
  if ((d.minute = p.number(2, 2)) == null) return null;
  const colon = trimStart(p.s);
  if (colon[0] === ':') {
    p.s = colon.slice(1);
    if ((d.second = p.number(2, 2)) == null) return null;
  }
  if (!p.space()) return null;
  const zone = /^[A-Za-z]*/.exec(p.s)[0];
  if (zone) {
    const z = zone.toLowerCase();
    if (z in ZONES) d.offset = ZONES[z] * 3600;
    else if (/^[a-ik-y]$/.test(z)) d.offset = 0;
    else return null;
    p.s = p.s.slice(zone.length);
  } else if ((d.offset = p.offset((s) => s, false)) == null) {
    return null;
  }
  // Comments: "(…)", nested, with \-escapes.
  for (;;) {
    const t = trimStart(p.s);
    if (t[0] !== '(') break;
    let depth = 1;
    let k = 1;
    for (; k < t.length && depth; k++) {
      if (t[k] === '\\') k++;
      else if (t[k] === '(') depth++;
      else if (t[k] === ')') depth--;
    }
    if (depth) break;
    p.s = t.slice(k);
  }
  return p.s === '' ? instant(d) : null;
}

/** `%d %b %Y %H:%M:%S %z`, chrono's parse_from_str. */
function rfc1123(str) {
  const p = new Scan(str);
  const d = {};
  const num = (min, max) => { p.s = trimStart(p.s); return p.number(min, max); };
  if ((d.day = num(1, 2)) == null) return null;
  p.s = trimStart(p.s);
  if ((d.month = p.name(MONTH_NAMES)) == null) return null;
  d.month += 1;
  p.s = trimStart(p.s);
  const sign = p.s[0] === '-' ? -1 : p.s[0] === '+' ? 1 : 0;
  if (sign) p.s = p.s.slice(1);
  if ((d.year = p.number(1, sign ? Infinity : 4)) == null) return null;
  d.year *= sign || 1;
  p.s = trimStart(p.s);
  if ((d.hour = num(1, 2)) == null || !p.char(':') || (d.minute = num(1, 2)) == null || !p.char(':') || (d.second = num(1, 2)) == null) return null;
  p.s = trimStart(trimStart(p.s));
  d.offset = p.offset((s) => s.replace(new RegExp(`^[:${WS}]*`), ''), true);
  return d.offset != null && p.s === '' ? instant(d) : null;
}

/** feed-rs's parse_timestamp_lenient, to Unix seconds. */
export function timestamp(s) {
  return rfc3339(cleaned(s, FIX_3339)) ?? rfc2822(cleaned(s, FIX_2822)) ?? rfc1123(cleaned(s, FIX_1123));
}

// ---------------------------------------------------------------------------
// Feeds.

const at = (el) => `<${el.localName}>`;

/** An Atom text construct (title, summary, rights; Atom content): its text and type. */
function atomText(el) {
  const type = attr(el, 'type') ?? 'text';
  if (type === 'text') return { text: trim(text(el) ?? serialize(el, false)), type: 'text/plain' };
  if (type === 'html' || type === 'text/html') return { text: trim(text(el) ?? serialize(el, false)), type: 'text/html' };
  if (type === 'xhtml') return { text: trim(serialize(el, true)), type: 'application/xhtml+xml' };
  return fail(`${at(el)}: unsupported content type ${JSON.stringify(type)}`);
}

function atomContent(el) {
  const type = attr(el, 'type');
  if (attr(el, 'src') != null) {
    const mime = type == null ? 'text/html' : mediaType(type) ?? fail(`${at(el)}: unsupported content type ${JSON.stringify(type)}`);
    if (text(el) != null) fail(`${at(el)}: content with src must be empty`);
    return { text: '', type: mime };
  }
  if (type == null || ['text', 'html', 'xhtml', 'text/html'].includes(type) || type.endsWith(' +xml') || type.endsWith('/xml')) return atomText(el);
  const mime = mediaType(type) ?? fail(`${at(el)}: unsupported content type ${JSON.stringify(type)}`);
  const t = text(el);
  return t == null ? fail(`${at(el)}: missing content`) : { text: t, type: mime };
}

/** A media object (MediaRSS, an RSS enclosure, iTunes or Podcasting 2.0 tags). */
const media = (source) => ({ source, content: [], thumbnails: [], titled: false, texts: false, transcripts: false, numbered: false });
const shown = (m) => m.titled || m.content.length > 0 || m.texts || m.transcripts;

/** MediaRSS text (media:title, media:description): plain or html, and present. */
function mediaText(el) {
  const type = attr(el, 'type') ?? 'plain';
  if (type !== 'plain' && type !== 'html') fail(`${at(el)}: unsupported content type ${JSON.stringify(type)}`);
  if (text(el) == null) fail(`${at(el)}: missing text`);
}

const scope = () => ({ thumbnails: [], pending: [], groups: [] });

function mediaElement(el, s) {
  const name = el.localName;
  if (name === 'group') {
    const nested = scope();
    for (const c of children(el)) if (ns(c) === 'media') mediaElement(c, nested);
    s.groups.push(nested);
  } else if (name === 'title' || name === 'description') {
    mediaText(el);
  } else if (name === 'thumbnail') {
    const url = attr(el, 'url');
    if (url != null) s.thumbnails.push(url);
  } else if (name === 'content') {
    const base = baseOf(el);
    let url = null;
    let type = null;
    for (const [a, v] of attributes(el)) {
      if (a === 'url') url = uri(v, base);
      else if (a === 'type') type = mediaType(v) ?? type;
    }
    for (const c of children(el)) {
      if (ns(c) !== 'media') continue;
      if (c.localName === 'player') {
        const p = attr(c, 'url');
        const u = p == null ? null : uri(p, base);
        if (u != null) url = u;
      } else if (!['rating', 'text', 'credit'].includes(c.localName)) {
        mediaElement(c, s);
      }
    }
    if (url != null) s.pending.push({ url, type });
  }
}

/** The media objects of an item's MediaRSS tags, groups after their parent. */
function emit(s, out) {
  if (s.pending.length) out.push({ ...media('mediarss'), content: s.pending, thumbnails: s.thumbnails });
  for (const g of s.groups) {
    if (!g.thumbnails.length) g.thumbnails = s.thumbnails;
    emit(g, out);
  }
}

// Rust's Vec::swap_remove.
const swapRemove = (a, i) => { const x = a[i]; a[i] = a[a.length - 1]; a.pop(); return x; };
const merge = (from, to) => {
  if (!to.content.length) to.content = from.content;
  if (!to.thumbnails.length) to.thumbnails = from.thumbnails;
};

/** feed-rs's merge of an RSS item's media objects into the MediaRSS (or Podcast) one. */
function mergeMedia(objects) {
  const into = (source, take) => {
    const i = objects.findIndex((o) => o.source === source);
    if (i < 0) return false;
    const main = swapRemove(objects, i);
    for (let k = objects.length - 1; k >= 0; k--) if (take(objects[k])) merge(swapRemove(objects, k), main);
    objects.push(main);
    return true;
  };
  into('mediarss', (o) => o.source === 'rss' || (o.source === 'itunes' && !o.numbered)) || into('podcast', () => true);
}

const ROLES = 'director|assistant director|executive producer|senior producer|producer|associate producer|development producer|creative director|host|co-host|guest host|guest|voice actor|narrator|announcer|reporter|author|editorial director|co-writer|writer|songwriter|guest writer|story editor|managing editor|script editor|script coordinator|researcher|fact checker|translator|transcriber|logger|studio coordinator|technical director|technical manager|audio engineer|remote recording engineer|post production engineer|audio editor|sound designer|foley artist|composer|theme music|music production|music contributor|production coordinator|booking coordinator|production assistant|content manager|marketing manager|sales representative|sales manager|graphic designer|cover art designer|social media manager|consultant|intern|camera operator|lighting designer|camera grip|assistant camera|editor|assistant editor'.split('|');
const GROUPS = 'administration|audio post-production|audio production|cast|community|creative direction|misc|video post-production|video production|visuals|writing'.split('|');

/** podcast:person, which feed-rs refuses with a role or group it does not know. */
function person(el) {
  const role = attr(el, 'role');
  if (role == null) return;
  if (!ROLES.includes(role.toLowerCase())) fail(`${at(el)}: unknown role ${JSON.stringify(role)}`);
  const group = attr(el, 'group');
  if (text(el) != null && group != null && !GROUPS.includes(group.toLowerCase())) fail(`${at(el)}: unknown group ${JSON.stringify(group)}`);
}

const seasonOrEpisode = (el, integer) => {
  const t = text(el);
  return t != null && (integer ? /^\+?\d+$/.test(t) && Number(t) <= 4294967295 : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i.test(t));
};

const date = (el) => { const t = text(el); return t == null ? null : timestamp(t); };

/** An item as feed-rs gives it, its fields picked as src/ingest/feed.rs picks them. */
function item(e) {
  const page = e.links.find((l) => l.target == null && (l.rel == null || l.rel === 'alternate'));
  const thumb = e.media.flatMap((m) => m.thumbnails)[0];
  const named = (u) => /\.(jpe?g|png|webp|gif|avif)$/.test(new URL(u).pathname.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  const content = e.media.flatMap((m) => m.content).find((c) => (c.type != null ? isImage(c.type) : named(c.url)));
  const enclosure = e.links.find((l) => l.rel === 'enclosure' && l.type != null && isImage(l.type));
  return {
    id: e.id || page?.href || '',
    title: e.title,
    url: page?.href ?? null,
    published: e.published ?? e.updated ?? null,
    summary: e.summary,
    content: e.content,
    tags: e.tags,
    image: thumb ?? content?.url ?? enclosure?.href ?? null
  };
}

/** Unix seconds as crate::time::format writes them: RFC 3339 in UTC. */
function formatTime(t) {
  const z = Math.floor(t / 86400) + 719468;
  const secs = t - Math.floor(t / 86400) * 86400;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const pad = (n, w) => (n < 0 ? `-${String(-n).padStart(w - 1, '0')}` : String(n).padStart(w, '0'));
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}Z`;
}

/** Text of its type: plain text split at blank lines, anything else read as HTML. */
const plain = ({ text, type }, html) => (essence(type) === 'text/plain'
  ? { paragraphs: text.split('\n\n').map(trim).filter(Boolean), captions: [] }
  : html(text));

/** An item as an article in tinbai's JSON shape, as src/ingest/feed.rs writes it. */
function article(e, html) {
  const a = {};
  if (e.id) a.id = e.id;
  if (e.title) a.title = plain(e.title, html).paragraphs.join(' ');
  if (e.url != null) a.url = e.url;
  if (e.published != null) a.published = formatTime(e.published);
  const summary = e.summary && plain(e.summary, html).paragraphs.join(' ');
  if (summary) a.summary = summary;
  if (e.content) {
    const t = plain(e.content, html);
    if (t.paragraphs.length) a.body = t.paragraphs;
    if (t.captions.length) a.captions = t.captions;
  }
  const tags = e.tags.map(trim).filter(Boolean);
  if (tags.length) a.tags = tags;
  if (e.image != null) a.image = e.image;
  return a;
}

const entry = () => ({ id: '', title: null, links: [], published: null, updated: null, summary: null, content: null, tags: [], media: [] });

function rssItem(el) {
  const e = entry();
  const s = scope();
  const enclosure = media('rss');
  const itunes = media('itunes');
  const podcast = media('podcast');
  for (const c of children(el)) {
    const name = `${ns(c, 'rss')}:${c.localName}`;
    const t = () => text(c);
    switch (name) {
      case 'rss:title': e.title = t() == null ? null : { text: trim(t()), type: 'text/plain' }; break;
      case 'rss:link': if (t() != null) e.links.push({ href: href(t(), baseOf(c)) }); break;
      case 'rss:description': e.summary = t() == null ? null : { text: trim(t()), type: 'text/html' }; break;
      case 'rss:category': if (t() != null) e.tags.push(t()); break;
      case 'rss:guid': if (t() != null) e.id = trim(t()); break;
      case 'rss:enclosure': {
        const base = baseOf(c);
        const m = { url: null, type: null };
        for (const [a, v] of attributes(c)) {
          if (a === 'url') m.url = uri(v, base);
          else if (a === 'type') m.type = mediaType(v) ?? m.type;
        }
        if (m.url != null) enclosure.content.push(m);
        break;
      }
      case 'rss:pubDate': case 'dc:date': e.published = date(c); break;
      case 'rss:updated': case 'atom:updated': e.updated = date(c); break;
      case 'content:encoded': e.content = t() ? { text: t(), type: 'text/html' } : null; break;
      case 'itunes:title': case 'itunes:summary': atomText(c); itunes.titled = true; break;
      case 'itunes:image': if (attr(c, 'href') != null) itunes.thumbnails.push(attr(c, 'href')); break;
      case 'itunes:episode': case 'itunes:season': if (seasonOrEpisode(c, c.localName === 'season')) itunes.numbered = true; break;
      case 'podcast:person': person(c); break;
      case 'podcast:transcript': {
        const u = attr(c, 'url');
        const type = attr(c, 'type');
        if (u != null && absolute(u) != null && type != null && mediaType(type) != null) podcast.transcripts = true;
        break;
      }
      case 'wfw:commentRss': case 'wfw:commentRSS': case 'rss:comments':
        if (t() != null) e.links.push({ href: href(t(), baseOf(c)), target: 'comments' });
        break;
      default: if (ns(c, 'rss') === 'media') mediaElement(c, s);
    }
  }
  emit(s, e.media);
  for (const m of [itunes, podcast, enclosure]) if (shown(m)) e.media.push(m);
  mergeMedia(e.media);
  return item(e);
}

function rss1Item(el) {
  const e = entry();
  let encoded = null;
  for (const c of children(el)) {
    const t = () => text(c);
    switch (`${ns(c, 'rss')}:${c.localName}`) {
      case 'rss:title': e.title = t() == null ? null : { text: trim(t()), type: 'text/plain' }; break;
      case 'rss:link': if (t() != null) e.links.push({ href: href(t(), baseOf(c)) }); break;
      case 'rss:description': e.summary = t() == null ? null : { text: trim(t()), type: 'text/plain' }; break;
      case 'content:encoded': encoded = t() == null ? null : { text: trim(t()), type: 'text/html' }; break;
      case 'dc:date': e.published = date(c); break;
      case 'dc:description': if (e.summary == null && t() != null) e.summary = { text: trim(t()), type: 'text/plain' }; break;
      default:
    }
  }
  e.content = encoded;
  // feed-rs drops an RSS 1.0 item without a link.
  return e.links.length ? item(e) : null;
}

function atomEntry(el) {
  const e = entry();
  const s = scope();
  for (const c of children(el)) {
    const t = () => text(c);
    switch (`${ns(c, 'atom')}:${c.localName}`) {
      case 'atom:id': if (t() != null) e.id = t(); break;
      case 'atom:title': e.title = atomText(c); break;
      case 'atom:updated': if (t() != null) e.updated = timestamp(t()); break;
      case 'atom:content': e.content = atomContent(c); break;
      case 'atom:link': {
        const h = attr(c, 'href');
        if (h != null) e.links.push({ href: href(h, baseOf(c)), rel: attr(c, 'rel') ?? 'alternate', type: attr(c, 'type') });
        break;
      }
      case 'atom:summary': e.summary = atomText(c); break;
      case 'atom:category': if (attr(c, 'term') != null) e.tags.push(attr(c, 'term')); break;
      case 'atom:published': case 'atom:pubDate': if (t() != null) e.published = timestamp(t()); break;
      case 'atom:rights': atomText(c); break;
      case 'wfw:commentRss': case 'wfw:commentRSS': if (t() != null) e.links.push({ href: href(t(), baseOf(c)), target: 'comments' }); break;
      default: if (ns(c, 'atom') === 'media') mediaElement(c, s);
    }
  }
  emit(s, e.media);
  return item(e);
}

/** What feed-rs checks outside the items, so the same feeds fail. */
function checkChannel(el, fallback) {
  for (const c of children(el)) {
    const name = `${ns(c, fallback)}:${c.localName}`;
    if (name === 'podcast:person' && fallback === 'rss') person(c);
    else if (['atom:title', 'atom:rights', 'atom:subtitle'].includes(name) && fallback === 'atom') atomText(c);
  }
}

/**
 * An RSS or Atom document's items as articles in tinbai's JSON shape, for the
 * wasm's dataset reader: `{list: "items" | "entries", items: [{id, title, url,
 * published, summary, body, captions, tags, image}]}`; `list` names the items in
 * errors, as the CLI does. `html` is HTML to `{paragraphs, captions}`, `parse` the
 * glue's DOMParser call (Trusted Types). Throws an Error saying why the text is not
 * a feed.
 */
export function read(xml, html, parse = (markup, type) => new DOMParser().parseFromString(markup, type)) {
  try {
    const source = prepare(String(xml).replace(/^\uFEFF/, '').replace(/^[\t\n\f\r ]+/, ''));
    const doc = parse(source, 'application/xml');
    const error = doc.getElementsByTagNameNS(XHTML, 'parsererror')[0];
    if (error) fail(`unable to parse XML: ${(error.querySelector('div') ?? error).textContent.trim()}`);
    for (const el of doc.getElementsByTagName('*')) if (el.hasAttribute('xml:base')) baseOf(el);
    const root = doc.documentElement;
    const version = attr(root, 'version');
    const items = [];
    let list = 'items';
    if (root.localName === 'feed' || root.localName === 'entry') {
      list = 'entries';
      if (root.localName === 'entry') items.push(atomEntry(root));
      else {
        checkChannel(root, 'atom');
        for (const c of children(root)) if (ns(c, 'atom') === 'atom' && c.localName === 'entry') items.push(atomEntry(c));
      }
    } else if (root.localName === 'rss' && ['2.0', '', '0.91', '0.92'].includes(version)) {
      const channel = children(root).find((c) => c.localName === 'channel');
      if (!channel) fail('no root element');
      checkChannel(channel, 'rss');
      for (const c of children(channel)) if (ns(c, 'rss') === 'rss' && c.localName === 'item') items.push(rssItem(c));
    } else if (root.localName === 'RDF') {
      for (const c of children(root)) if (ns(c, 'rss') === 'rss' && c.localName === 'item') items.push(rss1Item(c));
    } else {
      fail('no root element');
    }
    return { list, items: items.filter(Boolean).map((e) => article(e, html)) };
  } catch (e) {
    throw e instanceof FeedError ? new Error(`not an RSS or Atom feed: ${e.message}`) : e;
  }
}
