// A site's feeds in the browser give the same articles as the CLI: every file of
// tests/fixtures/feeds/ (one small feed per format) and of the 24-article fixture
// site, loaded with loadDataset (text and, for JSON, the object) and with
// data-dataset on the script tag, read back with articles() and compared with
// `tinbai dataset --dataset FILE`; then feeds written to show each rule of the
// mapping (docs/feeds.md), the same errors, feed.js fetched only for XML, and a page
// whose data-dataset is an RSS feed rendering the related widget from it.
// Needs `make build` (www/pkg); builds target/debug/tinbai.
//
//   node --test tests/e2e/feeds.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { browser, server, origin, blank, clean, virtual, ready, root, CSP } from './lib.mjs';

const TINBAI = process.env.TINBAI ?? root('target/debug/tinbai');
if (!process.env.TINBAI) execFileSync('cargo', ['build', '--quiet', '--bin', 'tinbai'], { cwd: root('.'), stdio: 'inherit' });

test.after(async () => {
  await browser.close();
  server.close();
});

/** What the CLI makes of a file: its articles, or its error without the path. */
function cli(file, { lenient = false } = {}) {
  const r = spawnSync(TINBAI, ['dataset', '--dataset', file, ...(lenient ? ['--lenient'] : [])], { encoding: 'utf8' });
  if (r.status !== 0) {
    const message = r.stderr.trim().replace(/^tinbai: error: /, '');
    assert.ok(message.startsWith(`${file}: `), message);
    return { error: message.slice(file.length + 2) };
  }
  return { articles: JSON.parse(r.stdout).articles, skipped: r.stderr.split('\n').filter((l) => l.includes('skipped')).length };
}

const TYPES = { '.xml': 'application/rss+xml', '.json': 'application/json', '.jsonl': 'application/jsonl' };
const type = (name) => TYPES[name.slice(name.lastIndexOf('.'))] ?? 'text/plain';

/** Serve `files` ({name: text}) at /e2e/data/<name>. */
async function serveData(page, files) {
  await page.route(`${origin}/e2e/data/**`, (r) => {
    const name = decodeURIComponent(new URL(r.request().url()).pathname.slice('/e2e/data/'.length));
    if (!(name in files)) return r.fulfill({ status: 404, body: 'not found' });
    return r.fulfill({ status: 200, contentType: type(name), body: files[name] });
  });
}

/** A blank page with the module loaded and initialised, as `window.m`. */
async function modulePage() {
  const tab = await blank();
  await virtual(tab.page, '/e2e/feeds.html', '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>feeds</title></head><body></body></html>');
  await tab.page.goto(`${origin}/e2e/feeds.html`);
  await tab.page.evaluate(() => import('/pkg/tinbai.js').then(async (m) => { await m.default(); window.m = m; }));
  return tab;
}

/** loadDataset(text) in the page: the articles, or the error's message. */
const loadText = (page, text, options) => page.evaluate(async ([text, options]) => {
  try {
    const pending = m.loadDataset(text, options);
    if (!(pending instanceof Promise)) return { error: 'loadDataset(text) did not return a Promise' };
    const report = await pending;
    return { articles: m.articles(), report };
  } catch (e) {
    return { error: e instanceof Error ? e.message : `not an Error: ${e}` };
  }
}, [text, options]);

const FIXTURES = [
  ...readdirSync(root('tests/fixtures/feeds')).sort().map((f) => `tests/fixtures/feeds/${f}`),
  ...['feed.json', 'rss.xml', 'atom.xml', 'tinbai.json'].map((f) => `tests/fixtures/site/public/${f}`)
];
// JSONL is told by its file extension (`.jsonl`), which text has not: the CLI reads
// it, the browser takes JSON, JSON Feed, RSS and Atom.
const BROWSER = FIXTURES.filter((f) => !f.endsWith('.jsonl'));

test('every fixture, through loadDataset: the same articles as `tinbai dataset --dataset FILE`', async () => {
  const { page, errors, context } = await modulePage();
  for (const file of BROWSER) {
    const want = cli(root(file));
    assert.ok(want.articles?.length >= 3, `${file}: the CLI reads it: ${want.error}`);
    const text = readFileSync(root(file), 'utf8');
    const got = await loadText(page, text);
    assert.deepEqual(got.articles, want.articles, `${file}: loadDataset(text)`);
    assert.equal(got.report.articles, want.articles.length);
    if (file.endsWith('.json')) {
      // An object loads at once, a JSON Feed's content_html read to text here too.
      const sync = await page.evaluate((text) => {
        const report = m.loadDataset(JSON.parse(text));
        return { promise: report instanceof Promise, report, articles: m.articles() };
      }, text);
      assert.equal(sync.promise, false, `${file}: loadDataset(object) returns its report`);
      assert.deepEqual(sync.articles, want.articles, `${file}: loadDataset(object)`);
    }
  }
  // The 3-article fixtures hold the same articles in every format.
  const small = BROWSER.filter((f) => f.includes('/feeds/'));
  for (const f of small) assert.deepEqual(cli(root(f)).articles, cli(root(small[0])).articles, f);
  const jsonl = await loadText(page, readFileSync(root('tests/fixtures/feeds/articles.jsonl'), 'utf8'));
  assert.match(jsonl.error, /^loadDataset: invalid JSON: /);
  await clean(page, errors);
  await context.close();
});

test('every fixture, through data-dataset on the script tag: the same articles', async () => {
  const files = Object.fromEntries(BROWSER.map((f) => [f.replace(/\//g, '_'), readFileSync(root(f), 'utf8')]));
  for (const file of BROWSER) {
    const { page, errors, context } = await blank();
    await serveData(page, files);
    const name = file.replace(/\//g, '_');
    await virtual(page, '/e2e/feeds-tag.html', `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>feeds</title>
      <script src="/tinbai.js" defer data-dataset="/e2e/data/${name}"></script></head><body></body></html>`);
    await page.goto(`${origin}/e2e/feeds-tag.html`);
    const articles = await page.evaluate(() => window.tinbai.ready.then((m) => m.articles()));
    assert.deepEqual(articles, cli(root(file)).articles, file);
    await clean(page, errors);
    await context.close();
  }
});

test('data-dataset: feed.js is fetched for an RSS or Atom feed only, and a related widget shows the feed\'s articles', async () => {
  const site = (f) => readFileSync(root(`tests/fixtures/site/public/${f}`), 'utf8');
  const files = { 'rss.xml': site('rss.xml'), 'tinbai.json': site('tinbai.json'), 'feed.json': site('feed.json') };
  const id = 'https://baomau.example/tin/metro-nhon-ga-ha-noi-khai-thac-doan-ngam/';
  const rss = root('tests/fixtures/site/public/rss.xml');
  const want = JSON.parse(execFileSync(TINBAI, ['related', id, '--limit', '4', '--dataset', rss], { encoding: 'utf8' }));
  const ids = new Set(cli(rss).articles.map((a) => a.id));
  for (const [data, feed] of [['rss.xml', true], ['tinbai.json', false], ['feed.json', false]]) {
    const { page, errors, context } = await blank();
    await serveData(page, files);
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    const widget = feed ? `<div data-tinbai="related" data-article="${id}" data-limit="4"></div>` : '<div data-tinbai="most-read" data-limit="3"></div>';
    await virtual(page, '/e2e/feeds-related.html', `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>feeds</title>
      <link rel="stylesheet" href="/tinbai.css"><script src="/tinbai.js" defer data-dataset="/e2e/data/${data}"></script></head>
      <body><main>${widget}</main></body></html>`);
    await page.goto(`${origin}/e2e/feeds-related.html`);
    await ready(page, 1);
    assert.equal(fetched.includes('/pkg/feed.js'), feed, `${data}: feed.js fetched only for XML: ${fetched.join(' ')}`);
    if (feed) {
      const shown = await page.$$eval('[data-tinbai=related] li[data-id]', (lis) => lis.map((li) => ({ id: li.dataset.id, href: li.querySelector('a').getAttribute('href') })));
      assert.ok(shown.length >= 2, `related items shown: ${JSON.stringify(shown)}`);
      assert.ok(shown.every((s) => ids.has(s.id) && s.id !== id && s.href === s.id), JSON.stringify(shown));
      assert.deepEqual(shown.map((s) => s.id), want.map((i) => i.id), 'the same list as `tinbai related --dataset rss.xml`');
    }
    await clean(page, errors);
    await context.close();
  }
});

// Feeds written to show one rule each (docs/feeds.md): the browser must read each
// exactly as the CLI does, articles or error.
const RSS_NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"';
const CASES = {
  'rss-rules.xml': `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" ${RSS_NS} xml:base="https://bao.example/">
<channel><title>Báo</title>
<item><title>  Tiêu đề &amp;amp; một  </title><link>/tin/mot?a=1&amp;b=2</link><guid isPermaLink="false">  g-1  </guid>
  <pubDate>Thu, 19 Nov 2026 1:02:03 +07:00</pubDate>
  <description>Tóm&amp;nbsp;tắt &lt;b&gt;đậm&lt;/b&gt; <![CDATA[& <i>nghiêng</i>]]></description>
  <content:encoded><![CDATA[<div><p>Một<br>hai<br/><br>ba</p><figure><img src="a.jpg"><figcaption>Ảnh: <em>Lê</em>  Văn</figcaption></figure><table><tr><td>ô</td><td>hai</td></tr></table><ul><li>mục</li></ul><p>&nbsp;</p><script>x()</script><noscript>không</noscript><template><p>t</p></template><svg><text>s</text></svg><button>nút</button>cuối&shy;cùng</div>]]></content:encoded>
  <category> Thời sự </category><category></category><category>  </category><category>Hà&#160;Nội</category>
  <media:thumbnail url="thumb-only.jpg"/>
  <enclosure url="anh/mot.JPG" length="1"/>
</item>
<item><title>Hai</title><link>https://Bao.Example/tin/hai</link><dc:date>2026-11-18</dc:date>
  <media:group><media:content url="https://cdn.example/v.mp4" type="video/mp4"/><media:thumbnail url="https://cdn.example/g.jpg"/></media:group>
  <media:content url="https://cdn.example/p.png"><media:thumbnail url="https://cdn.example/inner.jpg"/></media:content>
</item>
<item><title>Ba</title><link>https://bao.example/tin/ba</link><pubDate>không phải ngày</pubDate><atom:updated>2026-11-17T10:00:00+02:00</atom:updated>
  <enclosure url="https://cdn.example/a.bin" type="Image/JPEG"/><enclosure url="https://cdn.example/b" type="image/webp; q=1"/>
</item>
<item><guid></guid><title>Bốn</title><link>https://bao.example/tin/bốn</link><comments>https://bao.example/tin/bon#c</comments><pubDate>2026-11-16T08:00:00.5Z</pubDate>
  <itunes:summary>Tóm tắt</itunes:summary><itunes:image href="https://cdn.example/itunes.jpg"/>
</item>
<item><title>Năm</title><link>  https://bao.example/tin/nam  </link><pubDate>Sun, 15 Nov 2026 08:00:00 EST</pubDate>
  <media:content url="https://cdn.example/clip.mp4"/><media:content url="https://cdn.example/still.WEBP?x=1"/>
  <enclosure url="https://cdn.example/enc.jpg" type="image/jpeg"/>
</item>
</channel></rss>`,
  'atom-rules.xml': `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:base="https://bao.example/tin/">
<title type="html">Báo</title><id>https://bao.example/</id><updated>2026-11-20T08:00:00Z</updated>
<entry><id>a-1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Tiêu <b>đề</b> &amp; một</div></title>
  <link href="mot"/><link rel="enclosure" type="image/png" href="/anh/1.png"/><published>2026-11-20T08:00:00+07:00</published>
  <summary type="html">&lt;p&gt;Một&lt;/p&gt;&lt;p&gt;Hai&lt;/p&gt;</summary>
  <content type="text">Đoạn một.

Đoạn   hai.
</content><category term=" Kinh tế "/><category label="không có term"/></entry>
<entry><id>a-2</id><title>Hai <b>phần sau</b></title><link rel="alternate" href="https://BAO.example/b"/>
  <content type="html"><p>thô</p> đuôi</content><updated>2026-11-19T00:00:00Z</updated>
  <media:content url="https://cdn.example/x.webp" medium="image"/></entry>
<entry><id>a-3</id><title type="text"><![CDATA[Ba & <ba>]]></title><link href="https://bao.example/c" rel="self"/>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Một&#160;hai</p><figure><img src="x.jpg"/><figcaption>Chú thích</figcaption></figure><p>ba<br/><br/>bốn</p></div></content></entry>
<entry><title>Bốn</title><link href="https://bao.example/d"/><content type="text/plain">dòng 1

dòng 2</content><summary type="text">   </summary></entry>
<entry><id>a-5</id><title type="html">Năm &amp;amp; sáu</title><content type="image/png">iVBORw0KGgo</content>
  <published>Fri, 20 Nov 2026 15:00:00 +0700</published><link href="e" xml:base="https://other.example/x/"/></entry>
</feed>`,
  'rss1.xml': `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://bao.example/"><title>Báo</title><link>https://bao.example/</link><description>d</description></channel>
<item rdf:about="https://bao.example/1"><title>Một</title><link>https://bao.example/1</link><description>Tóm &lt;b&gt;tắt&lt;/b&gt;</description>
  <dc:date>2026-11-20T08:00:00Z</dc:date><content:encoded><![CDATA[<p>Thân</p><p>bài</p>]]></content:encoded></item>
<item rdf:about="x"><title>Không có link</title></item>
<item><title>Hai</title><link>https://bao.example/2</link><dc:description>Mô tả</dc:description></item>
</rdf:RDF>`,
  'rss091.xml': '<rss version="0.91"><channel><title>x</title><item><title>Một</title><link>https://bao.example/1</link><description>Mô tả</description></item></channel></rss>',
  'entry.xml': '<entry xmlns="http://www.w3.org/2005/Atom"><id>e-1</id><title>Một mục</title><updated>2026-11-20T08:00:00Z</updated></entry>',
  // CRLF kept, entities XML does not define, an undeclared prefix, text after the root.
  'sloppy.xml': '\r\n  <?xml version="1.0"?>\r\n<rss version="2.0"><channel><item><guid>c-1</guid><title>Dòng\r\nhai\r\n\r\nba</title>\r\n'
    + '<description>x&nbsp;y &hellip; &amp;z</description><media:thumbnail url="t.jpg"/><link>https://bao.example/c</link>'
    + '<enclosure url="https://cdn.example/x.jpg" type="image/jpeg&#10;"/></item>\r\n'
    + '<item><guid>c-2</guid><title>Hai</title><foo:title>Tiêu đề khác</foo:title><enclosure url="https://cdn.example/y.png?a=1&b=2" type="image/png"/></item>'
    + '</channel></rss>\r\n<!-- sau --><rác>',
  // Attributes quick-xml skips or keeps as written, xml:base chains, characters XML forbids.
  'attributes.xml': '<rss version="2.0" xml:base="https://bao.example/a/b/"><channel xml:base="../c/"><item><guid>a1</guid><title>Một\u0001hai&#2;ba</title>'
    + '<link>tin/mot</link><enclosure url=x.jpg type="image/jpeg"/></item>'
    + '<item><guid>a2</guid><title>Hai</title><enclosure url="https://c.example/a.jpg" url="https://c.example/b.jpg"/></item>'
    + '<item><guid>a3</guid><title>Ba</title><enclosure bogus url="anh/ba.jpg?a=1&b=2&amp;c=3"/></item>'
    + '<item xml:base="https://khac.example/"><guid>a4</guid><title>Bốn</title><link>bon</link><enclosure type="image/png" url="https://c.example/a" x=1 /></item></channel></rss>',
  'json-html.json': JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: 'Báo',
    items: [
      { id: 7, title: 'Số', content_html: '<p>Một&nbsp;hai<br><br>ba</p><figure><figcaption>Ảnh <b>một</b></figcaption></figure><table><tr><th>a</th><td>b</td></tr></table>', banner_image: 'https://cdn.example/b.jpg' },
      { id: 'x', title: 'Có chú thích', content_html: '<figure><figcaption>bỏ qua</figcaption></figure><p>Thân</p>', captions: ['Của tôi'], content_text: null, date_published: '2026-11-20T08:00:00+07:00' },
      { id: 'y', title: 'Văn bản', content_text: 'Một.\n\nHai.', content_html: '<p>không dùng</p>', image: 'https://cdn.example/y.jpg', tags: ['a', ' b '] }
    ]
  }),
  // Inline styles and <style> elements would trip the page's CSP (style-src) as the
  // browser parses them: none may, and the text must not change.
  'html-csp.json': JSON.stringify({
    version: 'https://jsonfeed.org/version/1', items: [
      { id: 'a', title: 'Kiểu', content_html: '<p style="color:red">Đỏ</p><STYLE type="text/css">p{}</STYLE><p STYLE=\'x\' class=a>Hai</p><p style=unquoted>Ba</p>' },
      { id: 'b', title: 'Script', content_html: '<script>var a = \'<!--<script>\'; x()</script><style>b{}</style></script>Sau<p>Ba</p>' },
      { id: 'c', title: 'Thô', content_html: '<textarea><style>x</style></textarea>Bốn<!-- <p style="x"> --!>Năm<p title="a > b" style="c">Sáu</p><xmp><p style="x">thô</p></xmp>' },
      { id: 'd', title: 'Bảng', content_html: '<table><tr><td style="x">ô</td><style>t{}</style><td>hai</td></tr></table><svg><style>s{}</style></svg>Bảy<noscript><p style="x">không</p></noscript>Tám' },
      { id: 'e', title: 'Cuối', content_html: '<figure><figcaption style="x">Chú <b style="y">thích</b></figcaption></figure>Chín<style>p{' },
      { id: 'f', title: 'Plaintext', content_html: '<p>Trước</p><plaintext><p style="x">cuối' }
    ]
  }),
  'atom-csp.xml': '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>s</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><span style="color:red">Đỏ</span> và <b>đen</b></div></title>'
    + '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><style>p{}</style><p style="x">Một</p><p>Hai</p></div></content>'
    + '<summary type="html">&lt;p style="x"&gt;Tóm&lt;/p&gt;&lt;style&gt;p{}&lt;/style&gt;</summary></entry>'
    + '<entry><id>t</id><title><b style="x">Đậm</b> tiêu đề</title><content type="html"><p style="y">Thô <i>nghiêng</i></p></content></entry></feed>',
  // Problems: named by item and field, as the CLI names them.
  'missing-title.xml': '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>Một</title></entry><entry><id>2</id><title>Hai</title></entry><entry><id>3</id><summary>không tiêu đề</summary></entry></feed>',
  'duplicate.xml': '<rss version="2.0"><channel><item><guid>g</guid><title>Một</title></item><item><guid>g</guid><title>Hai</title></item><item><title>Ba</title></item></channel></rss>',
  'id-newline.xml': '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>\n  a\n</id><title>Một</title><link href="https://bao.example/a"/></entry><entry><id>b</id><title>Hai</title><link href="javascript:alert(1)"/></entry></feed>',
  'not-a-feed.xml': '<html><body><p>Không phải feed</p></body></html>',
  'bad-type.xml': '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title type="TEXT">Một</title></entry></feed>',
  'ill-formed.xml': '<rss version="2.0"><channel><item><title>Một</item></channel></rss>',
  'no-version.xml': '<rss><channel><item><title>Một</title></item></channel></rss>'
};

test('feeds for each rule of the mapping: the browser reads them exactly as the CLI, articles or errors', async () => {
  const dir = root('target/e2e-feeds');
  mkdirSync(dir, { recursive: true });
  const { page, errors, context } = await modulePage();
  for (const [name, text] of Object.entries(CASES)) {
    const file = `${dir}/${name}`;
    writeFileSync(file, text);
    for (const lenient of [false, true]) {
      const want = cli(file, { lenient });
      const got = await loadText(page, text, { lenient });
      const what = `${name}${lenient ? ' (lenient)' : ''}`;
      if (want.error?.startsWith('not an RSS or Atom feed')) {
        assert.match(got.error ?? 'no error', /^loadDataset: not an RSS or Atom feed: /, `${what}: ${want.error}`);
      } else if (want.error) {
        assert.equal(got.error, `loadDataset: ${want.error}`, what);
      } else {
        assert.equal(got.error, undefined, what);
        assert.deepEqual(got.articles, want.articles, what);
        assert.equal(got.report.skipped.length, want.skipped, `${what}: skipped`);
      }
    }
  }
  // The mapping above must be what the test means: spot checks of the CLI's reading.
  const rules = cli(`${dir}/rss-rules.xml`).articles;
  assert.deepEqual(rules.map((a) => a.image), ['https://bao.example/anh/mot.JPG', 'https://cdn.example/g.jpg', 'https://cdn.example/b', 'https://cdn.example/itunes.jpg', 'https://cdn.example/still.WEBP?x=1']);
  assert.deepEqual(rules[0].body, ['Một hai', 'ba', 'ô hai', 'mục', 'cuối\u00adcùng']);
  assert.equal(cli(`${dir}/sloppy.xml`).articles[0].title, 'Dòng\r\nhai\r\n\r\nba');
  await clean(page, errors);
  await context.close();
});

test('loadDataset(text): an error names what is wrong; a refused text leaves the loaded dataset', async () => {
  const { page, errors, context } = await modulePage();
  const before = await page.evaluate(() => m.articles().length);
  for (const [text, expected] of [
    ['', /^loadDataset: the text is empty$/],
    [' \n\t', /^loadDataset: the text is empty$/],
    ['{"articles": [', /^loadDataset: invalid JSON: /],
    ['[1, 2]', /^loadDataset: .*expected an object with "articles", got an array/s],
    ['{"items": []}', /^loadDataset: .*missing "articles", the list of articles/s],
    ['<?xml version="1.0"?>', /^loadDataset: not an RSS or Atom feed: /],
    [CASES['missing-title.xml'], /^loadDataset: invalid dataset: 1 problem\n {2}entries\[2\] \(id "3"\), field "title": missing$/]
  ]) {
    const got = await loadText(page, text);
    assert.match(got.error ?? 'no error', expected, JSON.stringify(text.slice(0, 40)));
  }
  assert.equal(await page.evaluate(() => m.articles().length), before);
  await clean(page, errors);
  await context.close();

  // On the script tag, every placeholder says so.
  const tab = await blank();
  await serveData(tab.page, { 'missing-title.xml': CASES['missing-title.xml'] });
  await virtual(tab.page, '/e2e/feeds-error.html', `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>feeds</title>
    <script src="/tinbai.js" defer data-dataset="/e2e/data/missing-title.xml"></script></head>
    <body><div data-tinbai="most-read"></div><div data-tinbai="related" data-text="Hà Nội"></div></body></html>`);
  await tab.page.goto(`${origin}/e2e/feeds-error.html`);
  await tab.page.waitForFunction(() => document.querySelectorAll('[data-tinbai-state=error]').length === 2);
  assert.equal(await tab.page.getAttribute('[data-tinbai=most-read]', 'data-tinbai-error'),
    'loadDataset: invalid dataset: 1 problem\n  entries[2] (id "3"), field "title": missing');
  assert.equal(tab.errors.length, 2, 'one console error per placeholder, from the loader');
  await tab.context.close();
});

test('under Trusted Types, feeds load through a policy named "tinbai"; without it, a clear error', async () => {
  const files = ['tests/fixtures/feeds/feed.json', 'tests/fixtures/feeds/rss.xml', 'tests/fixtures/feeds/atom.xml'];
  for (const [allowed, ok] of [['tinbai', true], ['other', false]]) {
    const { page, errors, context } = await blank();
    await page.route(`${origin}/e2e/feeds-tt.html`, (r) => r.fulfill({
      status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>tt</title></head><body></body></html>',
      headers: { 'Content-Security-Policy': `${CSP}; require-trusted-types-for 'script'; trusted-types ${allowed}` }
    }));
    await page.goto(`${origin}/e2e/feeds-tt.html`);
    await page.evaluate(() => import('/pkg/tinbai.js').then(async (m) => { await m.default(); window.m = m; }));
    for (const file of files) {
      const text = readFileSync(root(file), 'utf8');
      const got = file.endsWith('.json')
        ? await page.evaluate((text) => { try { m.loadDataset(JSON.parse(text)); return { articles: m.articles() }; } catch (e) { return { error: e.message }; } }, text)
        : await loadText(page, text);
      if (ok) assert.deepEqual(got.articles, cli(root(file)).articles, file);
      else assert.match(got.error ?? 'no error', /^loadDataset: (content_html: |not an RSS or Atom feed: |).*TrustedHTML/, file);
    }
    if (ok) await clean(page, errors);
    await context.close();
  }
});

// Random input, seeded: each run sees the same. Every HTML fragment must give the
// CLI's text, every feed (some mangled) the CLI's articles or, where the CLI refuses
// it, an error too; and no CSP report on the way.
function random(seed) {
  let s = seed;
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const pick = (a) => a[Math.floor(next() * a.length)];
  const some = (f, max = 3) => Array.from({ length: Math.floor(next() * (max + 1)) }, f).join('');
  return { next, pick, some };
}

function randomHtml(seed, count) {
  const { next, pick } = random(seed);
  const TAGS = ['p', 'div', 'span', 'b', 'br', 'li', 'ul', 'table', 'tr', 'td', 'th', 'figure', 'figcaption', 'h2', 'script', 'style', 'noscript',
    'template', 'svg', 'math', 'iframe', 'button', 'select', 'option', 'textarea', 'title', 'pre', 'a', 'img', 'xmp', 'noembed', 'caption', 'hr',
    'form', 'head', 'body', 'html', 'details', 'object', 'dd', 'font', 'plaintext'];
  const TEXT = ['Hà Nội', ' ', '  \n ', '&nbsp;', '&amp;', '&shy;', 'một hai', '\u00a0', '\u2003', '&lt;p&gt;', '\t', '<', '>', '&', '"', '\u3000', '&#160;'];
  const frag = (depth) => {
    let out = '';
    for (let n = Math.floor(next() * 6); n > 0; n--) {
      const r = next();
      if (r < 0.35 || depth > 4) out += pick(TEXT);
      else if (r < 0.42) out += `<!--${pick(TEXT)}${next() < 0.5 ? '-->' : '--!>'}`;
      else {
        const t = pick(TAGS);
        const attr = next() < 0.3 ? ` style="${pick(['color:red', 'a>b', "x'y"])}"` : next() < 0.2 ? " title='a > b' STYLE=x color=red" : '';
        out += `<${next() < 0.1 ? t.toUpperCase() : t}${attr}>${frag(depth + 1)}${next() < 0.8 ? `</${t}>` : ''}`;
      }
    }
    return out;
  };
  return { version: 'https://jsonfeed.org/version/1.1', items: Array.from({ length: count }, (_, i) => ({ id: `i${i}`, title: 't', content_html: frag(0) })) };
}

function randomFeeds(seed, count, mangle) {
  const { next, pick, some } = random(seed);
  const TEXT = ['Hà Nội', ' ', '\n  ', '&amp;', '&nbsp;', '&lt;b&gt;đậm&lt;/b&gt;', '<![CDATA[<p>một</p> & hai]]>', '&#160;', '\r\n', '&#x1F600;', '&hellip;', '&amp;amp;'];
  const URLS = ['https://Bao.Example/a', '/tin/b', 'tin/c?x=1&amp;y=2', 'https://bao.example/ảnh.jpg', ' https://cdn.example/x.PNG ', 'javascript:alert(1)', 'anh/d.webp', '', 'http://exa mple/'];
  const TYPES = ['image/jpeg', 'Image/PNG', 'image/webp; q=1', 'video/mp4', 'jpeg', ''];
  const DATES = ['Fri, 20 Nov 2026 15:00:00 +0700', '2026-11-20T08:00:00Z', '2026-11-20', 'garbage', 'Wed, 18 Nov 2026 2:30:00 GMT', '20 Nov 2026 15:00 EST'];
  const txt = () => some(() => pick(TEXT), 4);
  const attr = (n, v) => (next() < 0.85 ? ` ${n}="${v}"` : '');
  const item = () => `<item>${some(() => pick([
    () => `<title>${txt()}</title>`, () => `<link>${pick(URLS)}</link>`, () => `<guid>${pick(['g1', 'g2', ' g3 ', ''])}</guid>`,
    () => `<description>${txt()}</description>`, () => `<content:encoded>${txt()}</content:encoded>`, () => `<pubDate>${pick(DATES)}</pubDate>`,
    () => `<category>${txt()}</category>`, () => `<enclosure${attr('url', pick(URLS))}${attr('type', pick(TYPES))}/>`,
    () => `<media:content${attr('url', pick(URLS))}${attr('type', pick(TYPES))}/>`, () => `<media:thumbnail${attr('url', pick(URLS))}/>`,
    () => `<media:group><media:content url="${pick(URLS)}"/><media:thumbnail url="${pick(URLS)}"/></media:group>`, () => `<itunes:image href="${pick(URLS)}"/>`
  ])(), 9)}</item>`;
  const entry = () => `<entry>${some(() => pick([
    () => `<id>${pick(['e1', 'e2', ' e3 '])}</id>`, () => `<title${pick(['', ' type="text"', ' type="html"'])}>${txt()}</title>`,
    () => `<summary${pick(['', ' type="html"'])}>${txt()}</summary>`, () => `<content${pick(['', ' type="html"', ' type="text/plain"'])}>${txt() || 'x'}</content>`,
    () => `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>một</p><figure><figcaption>c</figcaption></figure></div></content>`,
    () => `<link${attr('href', pick(URLS))}${attr('rel', pick(['alternate', 'enclosure', 'self']))}${attr('type', pick(TYPES))}/>`,
    () => `<published>${pick(DATES)}</published>`, () => `<updated>${pick(DATES)}</updated>`, () => `<category${attr('term', pick(['Pháp', ' Kinh tế ', '']))}/>`
  ])(), 8)}</entry>`;
  const JUNK = ['&', '<', '>', '&foo;', '&#1;', '\u0001', '\r\n', '<x:y>', '</x:y>', '<?pi x?>', ']]>', '"', ' a=b ', ' style="c"', '<br>', '</item>', '<1x>',
    'xml:base="x"', '<a b c="d">', '<a b="1" b="2"/>', '<foo:title>T</foo:title>', '<!-- x'];
  return Array.from({ length: count }, () => {
    let f = next() < 0.5
      ? `<?xml version="1.0"?>\n<rss version="2.0" ${RSS_NS}><channel><title>t</title>${some(item, 5)}</channel></rss>`
      : `<feed xmlns="http://www.w3.org/2005/Atom"${next() < 0.3 ? ' xml:base="https://bao.example/d/"' : ''}><title>t</title>${some(entry, 5)}</feed>`;
    for (let n = mangle ? Math.floor(next() * 3) + 1 : 0; n > 0; n--) {
      const at = Math.floor(next() * f.length);
      f = next() < 0.3 ? f.slice(0, at) + f.slice(at + Math.floor(next() * 4)) : f.slice(0, at) + pick(JUNK) + f.slice(at);
    }
    return f;
  });
}

test('random HTML fragments: the CLI\'s text, and no CSP report', async () => {
  const dir = root('target/e2e-feeds');
  mkdirSync(dir, { recursive: true });
  const { page, errors, context } = await modulePage();
  for (const seed of [1, 2]) {
    const feed = randomHtml(seed, 300);
    writeFileSync(`${dir}/random-html-${seed}.json`, JSON.stringify(feed));
    const want = cli(`${dir}/random-html-${seed}.json`, { lenient: true }).articles;
    const got = await page.evaluate((feed) => { m.loadDataset(feed, { lenient: true }); return m.articles(); }, feed);
    assert.deepEqual(got, want, `seed ${seed}`);
  }
  await clean(page, errors);
  await context.close();
});

test('random feeds, some mangled: the CLI\'s articles, or an error where it refuses them', async () => {
  const dir = root('target/e2e-feeds');
  mkdirSync(dir, { recursive: true });
  const { page, errors, context } = await modulePage();
  let compared = 0;
  for (const [seed, mangle] of [[1, false], [2, true], [3, true]]) {
    for (const [k, text] of randomFeeds(seed, 60, mangle).entries()) {
      const file = `${dir}/random-${seed}-${k}.xml`;
      writeFileSync(file, text);
      for (const lenient of [false, true]) {
        const want = cli(file, { lenient });
        const got = await loadText(page, text, { lenient });
        const what = `${file}${lenient ? ' (lenient)' : ''}`;
        if (want.error?.startsWith('invalid JSON')) assert.match(got.error ?? 'no error', /^loadDataset: invalid JSON: /, what);
        else if (want.error?.startsWith('not an RSS or Atom feed')) assert.match(got.error ?? 'no error', /^loadDataset: not an RSS or Atom feed: /, `${what}: ${want.error}`);
        else if (want.error) assert.equal(got.error, `loadDataset: ${want.error}`, what);
        else assert.deepEqual(got.articles, want.articles, what);
        compared++;
      }
    }
  }
  assert.equal(compared, 360);
  await clean(page, errors);
  await context.close();
});

test('the fixtures named here are the ones on disk', () => {
  assert.deepEqual(readdirSync(root('tests/fixtures/feeds')).sort().map((f) => basename(f)), ['articles.jsonl', 'atom.xml', 'dataset.json', 'feed.json', 'rss.xml']);
});
