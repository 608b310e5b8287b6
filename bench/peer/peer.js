/*! The comparison peer for tinbai's benchmark, NOT part of tinbai: the same three
 * widgets (related, most read, partnership fact card) in plain JavaScript on top of
 * MiniSearch, fed the same dataset. See README.md beside this file for its choices.
 *
 *   <script src="peer.js" defer data-dataset="seed.json" data-link-template="/tin/{id}"></script>
 *   <div data-tinbai="related" data-article="auto"></div>   (the same placeholders)
 *
 * Built with esbuild into one minified classic script (minisearch bundled in).
 */
import MiniSearch from 'minisearch';

// ---- Vietnamese text ------------------------------------------------------------

// Common Vietnamese function words, matched before folding so that "cô" (a content
// word) is not dropped along with "có".
const STOP = new Set(
  ('và của các những là có được trong cho với đã sẽ đang này đó tại từ về theo để một không cũng ' +
   'như khi thì mà nhưng hay hoặc nếu vì do bởi rằng ra vào lên đến tới qua lại nữa rất nhiều ít ' +
   'hơn nhất cùng giữa trên dưới sau trước ngoài nên vẫn còn đây ấy kia nào gì ai mỗi mọi từng ' +
   'chỉ ngay luôn đều nhau vậy nay lúc việc sự bị bằng hết thêm vừa mới gồm nhằm cả chưa ông bà ' +
   'tôi chúng họ mình ta hãy').split(' ')
);

/** Lower case, no diacritics, đ → d: "Hoà", "hòa" and "hoa" all match. */
export function fold(s) {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
}

/** MiniSearch's processTerm: drop function words, fold the rest. */
function term(t) {
  const lower = t.toLowerCase().normalize('NFC');
  return STOP.has(lower) ? null : fold(lower);
}

const SPLIT = /[\n\r\p{Z}\p{P}]+/u; // MiniSearch's own tokenizer
const text = (v) => (Array.isArray(v) ? v.join('\n') : v == null ? '' : String(v));

// ---- the engine -----------------------------------------------------------------

/** Views as the host dataset gives them: a count, timestamps, or both. */
function readViews(v) {
  if (v == null) return { count: 0, times: [] };
  if (typeof v === 'number') return { count: v, times: [] };
  if (Array.isArray(v)) return { count: v.length, times: v.map(Date.parse) };
  const times = (v.timestamps || []).map(Date.parse);
  return { count: v.count ?? times.length, times };
}

const WINDOWS = { '24h': 864e5, '7d': 7 * 864e5, '30d': 30 * 864e5, all: Infinity };

export function createPeer(data) {
  const articles = data.articles || [];
  const partnerships = data.partnerships || [];
  const byId = new Map(articles.map((a) => [a.id, a]));

  // Document frequencies, counted while MiniSearch indexes (it extracts a document's
  // fields one after the other and passes each token through processTerm).
  const df = new Map();
  let doc = null;
  const seen = new Set();
  const flush = () => {
    for (const t of seen) df.set(t, (df.get(t) || 0) + 1);
    seen.clear();
  };
  const index = new MiniSearch({
    fields: ['title', 'summary', 'tags', 'body', 'captions'],
    extractField: (d, field) => {
      if (d !== doc) { flush(); doc = d; }
      return text(d[field]);
    },
    processTerm: (t) => {
      const f = term(t);
      if (f) seen.add(f);
      return f;
    },
    searchOptions: {
      // The same weights as tinbai's: title 3, summary and tags 2, body 1, captions ½.
      boost: { title: 3, summary: 2, tags: 2, captions: 0.5 },
      combineWith: 'OR',
      // Related lists match whole words: their queries are articles, not typing.
      prefix: false,
      fuzzy: false
    }
  });
  index.addAll(articles);
  flush();

  /** A query cut as tinbai cuts its own: each distinct term once, none found in more
   * than 30% of the articles, the 64 rarest. An OR query costs the postings of every
   * term in it, and MiniSearch scores and sorts every matching document. */
  const common = 0.3 * articles.length;
  function terms(query) {
    const q = new Set();
    for (const w of query.split(SPLIT)) {
      const t = w && term(w);
      if (t && df.get(t) <= common) q.add(t);
    }
    return [...q].sort((a, b) => df.get(a) - df.get(b)).slice(0, 64).join(' ');
  }

  // Most read: views supplied by the host, else the prior from the pages' own
  // "Đọc nhiều" lists (1 for a first place, ½ for a second, …).
  const ranked = [];
  for (const a of articles) {
    const views = readViews(a.views);
    let prior = 0;
    for (const s of a.seen_in || []) if (s.section === 'Đọc nhiều') prior += 1 / s.position;
    if (views.count > 0 || prior > 0) {
      ranked.push({ a, views, prior, sidebars: (a.seen_in || []).length, date: a.published ? Date.parse(a.published) : 0 });
    }
  }

  const folded = new Map();
  const foldedTitle = (a) => {
    let t = folded.get(a.id);
    if (t == null) folded.set(a.id, (t = fold(a.title)));
    return t;
  };

  /** Related items for an article id or for free text, best first. */
  function related({ article, text: query, limit = 5, exclude = [] } = {}) {
    const skip = new Set([].concat(exclude));
    let self = null;
    if (article != null) {
      self = byId.get(article);
      if (!self) throw new Error(`related: unknown article id "${article}"`);
      skip.add(self.id);
      // "More like this": the article's headline, summary and tags.
      query = [self.title, self.summary, text(self.tags)].filter(Boolean).join(' ');
    }
    if (!query) throw new Error('related: give an article id or text');
    const selfTitle = self && foldedTitle(self);
    // A whole page's text: leave out the items whose headline it contains (itself).
    const page = !self && query.split(/\s+/).length >= 40 ? fold(query) : null;
    const out = [];
    const cut = terms(query);
    if (!cut) return out;
    for (const hit of index.search(cut, { processTerm: (t) => t, filter: (r) => !skip.has(r.id) })) {
      const a = byId.get(hit.id);
      const t = foldedTitle(a);
      if (t === selfTitle || (page && page.includes(t))) continue;
      out.push({ id: a.id, title: a.title, kind: a.kind || 'article', url: a.url, score: hit.score, terms: hit.terms });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** The most-read items in a window ending at `now`. */
  function mostRead({ window = 'all', limit = 5, exclude = [], now = Date.now() } = {}) {
    const span = WINDOWS[window];
    if (span == null) throw new Error(`mostRead: window must be 24h, 7d, 30d or all, not "${window}"`);
    const skip = new Set([].concat(exclude));
    const from = now - span;
    const rows = [];
    for (const r of ranked) {
      if (skip.has(r.a.id)) continue;
      const views = span === Infinity ? r.views.count : r.views.times.filter((t) => t >= from && t <= now).length;
      if (views > 0 || r.prior > 0) rows.push({ r, views });
    }
    rows.sort((x, y) => y.views - x.views || y.r.prior - x.r.prior || y.r.sidebars - x.r.sidebars || y.r.date - x.r.date || (x.r.a.id < y.r.a.id ? -1 : 1));
    return rows.slice(0, limit).map(({ r, views }) => ({ id: r.a.id, title: r.a.title, kind: r.a.kind || 'article', url: r.a.url, views, basis: views > 0 ? 'views' : 'prior' }));
  }

  function partnership(id) {
    const p = partnerships.find((x) => x.id === id);
    if (!p) throw new Error(`partnership: unknown id "${id}"`);
    return p;
  }

  return { articles, partnerships, byId, related, mostRead, partnership };
}

// ---- widgets (the same classes as tinbai's, so the same stylesheet applies) ------

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
  for (const c of children.flat()) if (c != null) e.append(c);
  return e;
}
const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  for (const c of children.flat()) if (c != null) e.append(c);
  return e;
}

let ids = 0;
const safe = (u) => (/^(https?:|\/|\.|[^:]*$)/i.test(u) ? u : null);

function section(kind, heading) {
  const id = `peer-${++ids}`;
  return [h('section', { class: `tinbai tinbai-${kind} tinbai--list`, 'aria-labelledby': id, lang: 'vi' }, h('h2', { class: 'tinbai-heading', id }, heading)), id];
}

function link(a, view) {
  const href = a.url ? safe(a.url) : view.linkTemplate ? view.linkTemplate.replace('{id}', encodeURIComponent(a.id)) : null;
  const badge = a.kind === 'video' ? 'Video' : a.kind === 'infographic' ? 'Infographic' : null;
  return h(href ? 'a' : 'span', { class: 'tinbai-link', href }, badge && h('span', { class: 'tinbai-badge', 'data-kind': a.kind }, badge), h('span', { class: 'tinbai-title' }, a.title));
}

const status = (n) => h('p', { class: 'tinbai-status', role: 'status', 'aria-live': 'polite' }, n ? `${n} tin` : 'Chưa có tin');

export function relatedWidget(list, view) {
  const [sec] = section('related', 'Tin bài liên quan');
  sec.append(
    h('ul', { class: 'tinbai-list' }, list.map((r, i) => h('li', { class: 'tinbai-item', 'data-id': r.id, 'data-position': i + 1, 'data-score': r.score.toFixed(3) },
      link(r, view), r.terms.length ? h('span', { class: 'tinbai-why' }, `Chung: ${r.terms.slice(0, 4).join(', ')}`) : null))),
    status(list.length)
  );
  return sec;
}

export function mostReadWidget(list, view) {
  const [sec] = section('most-read', 'Đọc nhiều');
  sec.append(
    h('ol', { class: 'tinbai-list' }, list.map((r, i) => h('li', { class: 'tinbai-item', 'data-id': r.id, 'data-position': i + 1, 'data-basis': r.basis },
      h('span', { class: 'tinbai-rank', 'aria-hidden': 'true' }, String(i + 1)), link(r, view),
      r.basis === 'views' ? h('span', { class: 'tinbai-views' }, `${r.views} lượt xem`) : null))),
    status(list.length)
  );
  return sec;
}

function sources(peer, srcs, view) {
  return h('details', { class: 'tinbai-source' }, h('summary', {}, 'Nguồn'), srcs.map((src) => {
    const a = peer.byId.get(src.item);
    return [
      h('blockquote', { class: 'tinbai-quote', 'data-item': src.item }, h('p', {}, `“${src.quote}”`)),
      h('p', { class: 'tinbai-cite' }, a ? link(a, view) : src.item)
    ];
  }));
}

const num = (v, f) => (typeof v === 'number' ? (f.key === 'since' ? String(v) : v.toLocaleString('vi-VN')) + (f.at_least ? '+' : '') : null);

function value(v) {
  return Array.isArray(v) ? h('ul', { class: 'tinbai-chips' }, v.map((x) => h('li', {}, x))) : h('span', { class: 'tinbai-value' }, String(v));
}

function facts(peer, p, year, view) {
  const tiles = [];
  const rows = [];
  for (const f of p.facts || []) {
    const v = f.versions[0];
    if (!f.disputed && typeof v.value === 'number') {
      tiles.push(h('figure', { class: 'tinbai-tile', 'data-key': f.key }, h('span', { class: 'tinbai-number' }, num(v.value, f)),
        h('figcaption', { class: 'tinbai-label' }, f.label), f.derived ? h('p', { class: 'tinbai-derived', title: f.derived }, `Cách tính: ${f.derived.split(':')[0]}`) : null,
        sources(peer, v.sources, view)));
      if (f.key === 'since') {
        tiles.push(h('figure', { class: 'tinbai-tile', 'data-key': 'years' }, h('span', { class: 'tinbai-number' }, String(year - v.value)),
          h('figcaption', { class: 'tinbai-label' }, 'Số năm hợp tác'), h('p', { class: 'tinbai-derived' }, `Cách tính: ${year} − ${v.value}`), sources(peer, v.sources, view)));
      }
    } else {
      rows.push(h('div', { class: 'tinbai-fact', 'data-key': f.key, 'data-disputed': f.disputed ? 'true' : null },
        h('dt', {}, f.label, f.disputed ? h('span', { class: 'tinbai-flag' }, 'Số liệu chưa thống nhất') : null),
        h('dd', {}, f.disputed
          ? h('ul', { class: 'tinbai-versions' }, f.versions.map((x) => h('li', {}, value(x.value), sources(peer, x.sources, view))))
          : [value(v.value), sources(peer, v.sources, view)])));
    }
  }
  return [tiles.length ? h('div', { class: 'tinbai-tiles' }, tiles) : null, rows.length ? h('dl', { class: 'tinbai-facts' }, rows) : null];
}

function timeline(peer, current, year) {
  const since = (p) => p.facts?.find((f) => f.key === 'since')?.versions[0].value;
  const pts = peer.partnerships.filter((p) => p.kind === 'partnership' && since(p) != null).map((p) => [since(p), p]).sort((a, b) => a[0] - b[0] || (a[1].id < b[1].id ? -1 : 1));
  if (!pts.length) return null;
  const [W, H, PAD] = [320, 76, 24];
  const first = pts[0][0] - 2;
  const last = Math.max(year, pts[pts.length - 1][0] + 2);
  const x = (y) => Math.round(PAD + ((y - first) * (W - 2 * PAD)) / Math.max(1, last - first));
  const mid = H / 2;
  const svg = s('svg', { class: 'tinbai-timeline-svg', viewBox: `0 0 ${W} ${H}`, role: 'img', focusable: 'false' },
    s('line', { class: 'tinbai-axis', x1: PAD, x2: W - PAD, y1: mid, y2: mid }),
    pts.map(([y, p], i) => {
      const here = p.id === current;
      const g = s('g', { class: 'tinbai-tick', 'data-id': p.id }, s('title', {}, `${y}: ${p.title}`),
        s('circle', { cx: x(y), cy: mid, r: here ? 6 : 4 }), s('text', { x: x(y), y: i % 2 ? mid + 22 : mid - 12, 'text-anchor': 'middle' }, String(y)));
      if (here) g.setAttribute('data-current', 'true');
      return g;
    }),
    s('g', { class: 'tinbai-now' }, s('line', { x1: x(year), x2: x(year), y1: mid - 6, y2: mid + 6 })));
  return h('figure', { class: 'tinbai-timeline' }, svg, h('figcaption', { class: 'tinbai-caption' }, 'Dòng thời gian hợp tác'),
    h('ol', { class: 'tinbai-sr' }, pts.map(([y, p]) => h('li', {}, `${y}: ${p.title}`))));
}

export function partnershipWidget(peer, id, view, year = new Date().getFullYear()) {
  if (!id || id === 'overview') {
    const [sec] = section('partnership', 'Hợp tác Việt Nam – Pháp');
    for (const p of peer.partnerships.filter((x) => x.kind === 'overview')) {
      sec.append(h('section', { class: 'tinbai-overview', 'data-partnership': p.id }, h('h3', { class: 'tinbai-subheading' }, p.title), facts(peer, p, year, view)));
    }
    sec.append(timeline(peer, null, year) ?? '');
    return sec;
  }
  const p = peer.partnership(id);
  const [sec] = section('partnership', 'Hợp tác Việt Nam – Pháp');
  sec.setAttribute('data-partnership', p.id);
  sec.append(
    h('p', { class: 'tinbai-partners' }, p.partners.map((x, i) => [i ? h('span', { class: 'tinbai-sep', 'aria-hidden': 'true' }, ' – ') : null, h('span', { class: 'tinbai-partner' }, x.name || x)])),
    ...facts(peer, p, year, view),
    timeline(peer, p.id, year) ?? '',
    h('ul', { class: 'tinbai-list tinbai-mentions' }, (p.mentioned_in || []).map((m) => peer.byId.get(m)).filter(Boolean).map((a) => h('li', { class: 'tinbai-item', 'data-id': a.id }, link(a, view))))
  );
  return sec;
}

// ---- the page: the same placeholders and the same page text as tinbai's loader ---

function pageText() {
  const parts = [];
  const h1 = document.querySelector('h1');
  if (h1) parts.push(h1.textContent);
  const meta = document.querySelector('meta[name="description"]');
  if (meta) parts.push(meta.getAttribute('content') || '');
  const article = document.querySelector('article') || document.querySelector('main');
  if (article) parts.push(article.textContent);
  return parts.join('\n').replace(/\s+/g, ' ').trim().slice(0, 4000);
}

/** A dataset from JSON ({articles, partnerships}) or JSONL (one article a line). */
export function parseDataset(body, url) {
  if (!/\.jsonl(\?|$)/.test(url)) return JSON.parse(body);
  return { articles: body.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)), partnerships: [] };
}

export function mountAll(peer, view) {
  for (const el of document.querySelectorAll('[data-tinbai]')) {
    const d = el.dataset;
    const limit = d.limit ? Number(d.limit) : 5;
    let w;
    if (d.tinbai === 'related') {
      const q = d.article && d.article !== 'auto' ? { article: d.article } : { text: d.text || pageText() };
      w = relatedWidget(peer.related({ ...q, limit }), view);
    } else if (d.tinbai === 'most-read') {
      w = mostReadWidget(peer.mostRead({ window: d.window || 'all', limit }), view);
    } else if (d.tinbai === 'partnership') {
      w = partnershipWidget(peer, d.partnership, view);
    } else continue;
    el.replaceChildren(w);
    el.setAttribute('data-tinbai-state', 'ready');
  }
}

const script = typeof document !== 'undefined' ? document.currentScript : null;
const start = () => {
  const cfg = script ? script.dataset : {};
  const url = new URL(cfg.dataset || 'seed.json', script ? script.src : location.href).href;
  return fetch(url).then((r) => r.text()).then((body) => {
    const peer = createPeer(parseDataset(body, url));
    mountAll(peer, { linkTemplate: cfg.linkTemplate });
    return peer;
  });
};

if (typeof window !== 'undefined') {
  window.peer = {
    createPeer, parseDataset, relatedWidget, mostReadWidget, partnershipWidget,
    // A page without data-dataset on the script only gets the API.
    ready: script && script.dataset.dataset
      ? (document.readyState === 'loading' ? new Promise((ok) => document.addEventListener('DOMContentLoaded', () => ok(start()))) : start())
      : null
  };
}
