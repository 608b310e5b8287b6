// Attack strings, and a host dataset that puts them in every field it has.
import { FLAG } from './harness.mjs';

const RUN = `window.${FLAG}=1`;
const MB = 1 << 20;

/** Text payloads: markup, break-outs, template syntax, bidi and invisible characters. */
export const PAYLOADS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<svg onload="${RUN}"><circle r=9 /></svg>`,
  `<svg><animate onbegin="${RUN}" attributeName=x dur=1s>`,
  `"><img src=x onerror=${RUN}>`,
  `'><svg/onload=${RUN}>`,
  `" autofocus onfocus="${RUN}" x="`,
  `</script><script>${RUN}</script>`,
  `</title></svg><img src=x onerror=${RUN}>`,
  `<iframe srcdoc="<script>parent.${RUN}</script>"></iframe>`,
  `<a href="javascript:${RUN}">link</a>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `&lt;img src=x onerror=${RUN}&gt; &#60;script&#62;${RUN}&#60;/script&#62;`,
  `<!--<img src="--><img src=x onerror=${RUN}//">`,
  `{{constructor.constructor('${RUN}')()}} \${${RUN}} <%= 7*7 %>`,
  '\u202Egnp.exe\u202C and \u202Dforced\u2067 isolate \u2066 open',
  'zero\u200Bwidth\u200C\u200Djoiner\uFEFFbom\u2060word',
  'tab\there\u00A0nbsp\u0085nel\u0007bel',
  'Hà Nội và Toulouse <b>hợp tác</b>'
];

/** URLs a link or image must never get; each is refused, whatever its case or padding. */
export const BAD_URLS = [
  `javascript:${RUN}`,
  `JaVaScRiPt:${RUN}`,
  ` javascript:${RUN}`,
  `java\tscript:${RUN}`,
  `java\nscript:${RUN}`,
  `\u0001javascript:${RUN}`,
  `javascript\u0000:${RUN}`,
  `\u00A0javascript:${RUN}`,
  `&#106;avascript:${RUN}`,
  `javascript&#58;${RUN}`,
  `javascript&colon;${RUN}`,
  `data:text/html,<script>${RUN}</script>`,
  'DATA:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+',
  'data:image/svg+xml,<svg/onload=alert(1)>',
  'vbscript:msgbox(1)',
  'VbScRiPt:msgbox(1)',
  'file:///etc/passwd',
  '',
  '   '
];

/** Odd but harmless: kept, and set as the attribute exactly as given. */
export const ODD_SAFE_URLS = [
  `/tin/?q="><svg/onload=${RUN}>`,
  `https://example.invalid/'onmouseover='${RUN}`,
  '//example.invalid/protocol-relative'
];

// Each item shares one word with the anchor (and with nothing else), so related
// finds it; a word in every item would be dropped as too common.
const word = (i) => `từ${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}q`;
/** Related text that finds the 19 payload items and 11 with unsafe links: 30 words,
 *  under the 64 features a query uses. */
export const RELATED_TEXT = [...Array(19).keys(), ...Array.from({ length: 11 }, (_, i) => 40 + i)].map(word).join(' ');

/**
 * A host dataset with the payloads in every field. Returns the dataset and what
 * lenient mode must make of it: the items kept (with or without their link) and
 * the items skipped.
 */
export function hostileDataset() {
  const articles = [];
  const kept = new Map(); // id -> {title, url?, image?}: what lenient mode keeps
  const skipped = [];
  const add = (a, outcome) => {
    articles.push(a);
    if (outcome === 'skip') skipped.push(a.id);
    else kept.set(String(a.id), { title: a.title, url: outcome === 'drop' ? undefined : a.url, image: outcome === 'link' ? a.image : undefined });
  };
  PAYLOADS.forEach((p, i) => {
    const id = /[\u0000-\u001f\u007f-\u009f]/.test(p) ? `payload-${i}` : p;
    add({
      id, title: `${p} ${word(i)}`, url: `/tin/${i}?${encodeURIComponent(p)}`, summary: p, body: [p, `${p} ${word(i)}`],
      tags: [p, word(i)], image: `/e2e/img/${i}.png`, captions: [p], source: p, views: 5000 - i
    }, 'link');
  });
  BAD_URLS.forEach((u, i) => {
    add({ id: `bad-url-${i}`, title: `Unsafe link ${i} ${word(40 + i)}`, url: u, views: 3000 - i }, 'drop');
    add({ id: `bad-image-${i}`, title: `Unsafe image ${i} ${word(70 + i)}`, url: `/tin/img-${i}`, image: u, views: 2000 - i }, 'image');
  });
  ODD_SAFE_URLS.forEach((u, i) => add({ id: `odd-${i}`, title: `Odd link ${i} ${word(100 + i)}`, url: u, views: 1500 - i }, 'link'));
  // 1 MB strings, and numbers where strings belong.
  add({ id: 'huge', title: `${'Hà Nội '.repeat(MB / 7)} ${word(110)}`, summary: 'x'.repeat(MB), body: ['<b>'.repeat(MB / 3)], views: 1400 }, 'link');
  add({ id: 'huge-id-'.repeat(MB / 8), title: 'an id of a megabyte', views: 1 }, 'skip');
  add({ id: 'num-title', title: 42, views: 1 }, 'skip');
  add({ id: 'num-tags', title: 'x', tags: [1, 2], views: 1 }, 'skip');
  add({ id: 'num-url', title: 'x', url: 5, views: 1 }, 'skip');
  add({ id: 'huge-url', title: 'x', url: `/${'a'.repeat(MB)}`, views: 1 }, 'link');
  add({ id: 'empty-title', title: '', views: 1 }, 'skip');
  add({ id: '', title: 'empty id', views: 1 }, 'skip');
  add({ id: 'obj-summary', title: 'x', summary: { toString: 'x' }, views: 1 }, 'skip');
  // The anchor shares one word with every kept item.
  const words = [...Array(120).keys()].map(word).join(' ');
  articles.unshift({ id: 'anchor', title: `Neo ${words}`, body: [words], views: 1 });
  kept.set('anchor', { title: `Neo ${words}`, url: undefined });

  const src = (q) => [{ item: 'anchor', quote: q }];
  const partnerships = PAYLOADS.map((p, i) => ({
    id: i === 4 ? p : `pp-${i}`,
    partners: [p, { name: `${p} B`, aliases: [p] }],
    facts: [
      { key: 'since', label: p, value: 1990 + i, sources: src(p) },
      { key: 'projects', label: p, value: 10 + i, at_least: true, derived: p, sources: src(p) },
      { key: 'fields', label: p, value: [p, `${p} 2`], sources: src(p) },
      { key: `k${i}`, label: p, versions: [{ value: p, sources: src(p) }, { value: `${p} v2`, sources: src(`${p} v2`) }] },
      { key: 'note', label: p, value: p, sources: src(p) }
    ]
  }));
  partnerships.push({ id: 'big', partners: ['Hà Nội', 'x'.repeat(MB)], facts: [{ key: 'q', label: 'y'.repeat(MB), value: 'z', sources: src('w'.repeat(MB)) }] });
  partnerships.push({ id: 'num-partner', partners: [3, 'x'], facts: [] });
  partnerships.push({ id: 'num-label', partners: ['a', 'b'], facts: [{ key: 'k', label: 9, value: 1, sources: src('q') }] });
  partnerships.push({ id: 'overview-x', kind: 'overview', title: PAYLOADS[1], facts: [{ key: 'k', label: PAYLOADS[0], value: PAYLOADS[2], sources: src(PAYLOADS[3]) }] });
  return { dataset: { articles, partnerships }, kept, skipped, partnerships: { kept: partnerships.length - 2, skipped: ['num-partner', 'num-label'] } };
}
