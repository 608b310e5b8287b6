//! What each fuzz target checks, beyond "does not crash". The targets in
//! `fuzz_targets/` call these; `tests/fuzz_regressions.rs` includes this file too and
//! replays every committed crash input through the same checks in plain `cargo test`.
//!
//! Each check takes the raw fuzz bytes. Checks panic (with a message) when an
//! invariant fails; that is how libFuzzer learns of it.

use std::collections::HashSet;
use tinbai::dataset::host::{self, Dump};
use tinbai::dataset::seed;
use tinbai::dataset::value::{parse_json, Value};
use tinbai::dataset::{Dataset, Item};
use tinbai::engine::{MostReadQuery, RelatedQuery};
use tinbai::markup::{self, View};
use tinbai::rank::view_log::{self, ViewLog};
use tinbai::text::{analyze, fold, nfc, nfd, plain_key, slug};
use tinbai::{Engine, Error};

/// Splits fuzz bytes into the text part (up to the first NUL) and the rest, which
/// drives choices. Text-shaped seeds (pages, JSON, logs) thus work as they are.
fn split_input(data: &[u8]) -> (&[u8], Bytes<'_>) {
    match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Bytes(&data[i + 1..])),
        None => (data, Bytes(&[])),
    }
}

/// Choices read from fuzz bytes; zeros once they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let (a, b) = self.0.split_at(n.min(self.0.len()));
        self.0 = b;
        a
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn i64(&mut self) -> i64 {
        let mut b = [0u8; 8];
        for (d, s) in b.iter_mut().zip(self.take(8)) {
            *d = *s;
        }
        i64::from_le_bytes(b)
    }

    fn pick<'t>(&mut self, table: &[&'t str]) -> &'t str {
        table.get(usize::from(self.byte()) % table.len()).copied().unwrap_or("")
    }

    fn text(&mut self) -> String {
        let n = usize::from(self.byte() % 32);
        String::from_utf8_lossy(self.take(n)).into_owned()
    }
}

// ---------------------------------------------------------------- seed parser

/// Seed pages: parse never panics, never yields an item without a title, gives
/// unique slug ids, and what it gives is a valid host dataset that loads unchanged.
pub fn seed(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // A form feed separates pages, so headlines can meet across pages.
    let pages: Vec<(&str, &str)> = ["a.txt", "b.txt", "c.txt"].into_iter().zip(text.split('\u{c}')).collect();
    for (name, page_text) in &pages {
        let page = seed::parse_page(name, page_text);
        for h in &page.headlines {
            assert!(!h.title.trim().is_empty(), "a headline with an empty title: {h:?}");
        }
        if page_text.chars().any(char::is_alphanumeric) {
            let t = seed::derive_title(page_text);
            assert!(!t.trim().is_empty() && t.chars().count() <= 110, "derived title {t:?}");
        }
    }
    let items = seed::parse_pages(pages.iter().copied());
    let mut ids = HashSet::new();
    for it in &items {
        assert!(!it.title.trim().is_empty(), "an item with an empty title: {it:?}");
        assert_eq!(nfc(&it.title), it.title, "titles are composed");
        assert!(!it.id.is_empty() && it.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "id {:?}", it.id);
        assert!(ids.insert(it.id.as_str()), "duplicate id {:?}", it.id);
    }
    // The bundled dataset goes through exactly this: pages, then a dump a host can load.
    let data = Dataset::new(items, Vec::new());
    let (copy, report) = reload(&data);
    assert_eq!(report.warnings, Vec::<String>::new());
    assert_same(&data, &copy);
}

// ---------------------------------------------------------------- host datasets

/// Host JSON through the native entry point.
pub fn host_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(root) = parse_json(text) {
        check_load(&root);
    }
}

/// Host values a JS object can give but JSON cannot (NaN, infinities, -0, numbers
/// past 2^53), built from the fuzz bytes with field names a dataset uses.
pub fn host_value(data: &[u8]) {
    let mut b = Bytes(data);
    let root = if b.byte() % 8 == 0 {
        any_value(&mut b, 0)
    } else {
        let list = if b.byte() % 4 == 0 { "items" } else { "articles" };
        let mut fields = vec![(list.to_owned(), Value::Array(list_of(&mut b, 1, article)))];
        if list == "items" {
            fields.push(("version".into(), Value::String("https://jsonfeed.org/version/1.1".into())));
        }
        if b.byte() % 2 == 0 {
            fields.push(("partnerships".into(), Value::Array(list_of(&mut b, 1, partnership))));
        }
        Value::Object(fields)
    };
    check_load(&root);
}

const KEYS: &[&str] = &[
    "id", "title", "url", "published", "summary", "body", "kind", "tags", "image", "views", "source", "seen_in",
    "captions", "count", "timestamps", "section", "position", "partners", "facts", "key", "label", "value",
    "at_least", "sources", "versions", "disputed", "derived", "item", "quote", "name", "aliases", "mentioned_in",
    "content_text", "date_published", "banner_image", "articles", "partnerships", "items", "version",
];

const STRINGS: &[&str] = &[
    "a", "b", "1", "", " ", "Hà Nội", "Toulouse", "Lào Cai", "Hà Nội và Toulouse năm 1996", "article", "video",
    "infographic", "overview", "partnership", "since", "years", "https://bao.vn/a", "/tin/a", "javascript:alert(1)",
    "JaVaScRiPt:x", "data:text/html,<script>", "java\tscript:x", " https://x", "2025-05-31", "2025-05-31T08:30:00+07:00",
    "0000-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "<script>window.pwned=1</script>", "\"><img src=x onerror=alert(1)>",
    "\u{202e}evil", "a\u{200b}b", "a\n\nb", "\u{301}", "1996", "sidebar", "https://jsonfeed.org/version/1.1",
];

const NUMBERS: &[f64] = &[
    0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1996.0, 100_000.0, 100_001.0, 1e15, -1e15, 9e15, 9_007_199_254_740_993.0, 1e300,
    f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE, i64::MAX as f64, u32::MAX as f64 + 1.0,
];

const MAX_DEPTH: usize = 8;

fn list_of(b: &mut Bytes<'_>, depth: usize, f: Make) -> Vec<Value> {
    let n = usize::from(b.byte() % 6);
    (0..n).map(|_| f(b, depth + 1)).collect()
}

fn object_value(b: &mut Bytes<'_>, depth: usize) -> Value {
    let n = usize::from(b.byte() % 8);
    Value::Object(
        (0..n)
            .map(|_| {
                let key = if b.byte() % 16 == 0 { b.text() } else { b.pick(KEYS).to_owned() };
                (key, any_value(b, depth + 1))
            })
            .collect(),
    )
}

/// Makes one value from the fuzz bytes at a nesting depth.
type Make = fn(&mut Bytes<'_>, usize) -> Value;

/// An object that mostly has the fields one of its kind needs, then anything.
fn shaped(b: &mut Bytes<'_>, depth: usize, fields: &[(&str, Make)]) -> Value {
    let mut out = Vec::new();
    for (name, make) in fields {
        if b.byte() % 8 != 0 {
            out.push(((*name).to_owned(), make(b, depth + 1)));
        }
    }
    if let Value::Object(more) = object_value(b, depth) {
        out.extend(more);
    }
    Value::Object(out)
}

fn string(b: &mut Bytes<'_>, _: usize) -> Value {
    Value::String(b.pick(STRINGS).to_owned())
}

fn article(b: &mut Bytes<'_>, depth: usize) -> Value {
    shaped(b, depth, &[("id", string), ("title", string)])
}

fn source(b: &mut Bytes<'_>, depth: usize) -> Value {
    shaped(b, depth, &[("item", string), ("quote", string)])
}

fn fact(b: &mut Bytes<'_>, depth: usize) -> Value {
    shaped(b, depth, &[("key", string), ("value", any_value), ("sources", |b, d| Value::Array(list_of(b, d, source)))])
}

fn partnership(b: &mut Bytes<'_>, depth: usize) -> Value {
    shaped(b, depth, &[
        ("id", string),
        ("partners", |b, d| Value::Array(list_of(b, d, |b, _| Value::String(b.pick(STRINGS).to_owned())))),
        ("facts", |b, d| Value::Array(list_of(b, d, fact))),
    ])
}

fn any_value(b: &mut Bytes<'_>, depth: usize) -> Value {
    if depth > MAX_DEPTH || b.is_empty() {
        return Value::Null;
    }
    match b.byte() % 10 {
        0 => Value::Null,
        1 => Value::Bool(b.byte() % 2 == 0),
        2 => Value::Number(NUMBERS.get(usize::from(b.byte()) % NUMBERS.len()).copied().unwrap_or(0.0)),
        3 => Value::Number(f64::from_bits(b.i64() as u64)),
        4 => Value::String(b.text()),
        5 | 6 => Value::String(b.pick(STRINGS).to_owned()),
        7 => Value::Array(list_of(b, depth, any_value)),
        _ => object_value(b, depth),
    }
}

/// Load strictly and leniently; what loads must dump and load back unchanged, run
/// through the engine, and render without script or unsafe links.
fn check_load(root: &Value) {
    let strict = host::load(root, false);
    let lenient = host::load(root, true);
    match &strict {
        Ok((data, report)) => {
            assert!(report.skipped.is_empty());
            let (l, lr) = lenient.as_ref().expect("what loads strictly loads leniently");
            assert!(lr.skipped.is_empty());
            assert_same(data, l);
        }
        Err(Error::Data(problems)) => assert!(!problems.is_empty(), "a refusal names its problems"),
        Err(e) => panic!("a load fails with data problems only, got {e:?}"),
    }
    if let Err(e) = &strict {
        assert!(!e.to_string().is_empty());
    }
    let Ok((data, report)) = lenient else { return };
    assert_eq!(report.articles, data.items().len());
    assert_eq!(report.partnerships, data.partnerships().len());
    let (copy, again) = reload(&data);
    assert_eq!(again.warnings, Vec::<String>::new(), "a dump has no unknown fields");
    assert_same(&data, &copy);
    exercise(data);
}

/// Dump a dataset as JSON and load it back strictly.
fn reload(data: &Dataset) -> (Dataset, host::Report) {
    let json = serde_json::to_string(&Dump::of(data)).expect("a dataset serialises");
    let root = parse_json(&json).expect("a dump is JSON");
    match host::load(&root, false) {
        Ok(r) => r,
        Err(e) => panic!("a dump must load back: {e}\n{json}"),
    }
}

fn assert_same(a: &Dataset, b: &Dataset) {
    let (ja, jb) = (serde_json::to_string(&Dump::of(a)), serde_json::to_string(&Dump::of(b)));
    assert_eq!(ja.ok(), jb.ok(), "the dump reloads unchanged");
    let times = |d: &Dataset| d.items().iter().map(|i| i.published_at).collect::<Vec<_>>();
    assert_eq!(times(a), times(b));
}

fn exercise(data: Dataset) {
    let first: Option<Item> = data.items().first().cloned();
    let engine = Engine::new(data);
    let view = View { link_template: Some("/tin/{id}".into()), id_prefix: "w".into(), ..View::default() };
    if let Some(it) = &first {
        let q = RelatedQuery { article: Some(it.id.clone()), limit: Some(5), ..Default::default() };
        let list = engine.related(&q).expect("related works for every item");
        assert!(list.items.len() <= 5 && list.items.iter().all(|r| r.id != it.id), "at most 5, never itself");
        check_html(&markup::to_html(&markup::related(&engine, &list, &view)));
        let q = RelatedQuery { text: Some(it.title.clone()), limit: Some(3), ..Default::default() };
        if !it.title.trim().is_empty() {
            assert!(engine.related(&q).is_ok_and(|l| l.items.len() <= 3));
        }
    }
    let list = engine.most_read(&MostReadQuery { limit: Some(50), now: Some(1_764_000_000), ..Default::default() }, &Default::default());
    let list = list.expect("most read works on any dataset");
    check_html(&markup::to_html(&markup::most_read(&engine, &list, &view)));
    for p in engine.partnerships(2026).iter().map(Some).chain([None]) {
        check_html(&markup::to_html(&markup::partnership(&engine, p, 2026, &view)));
    }
    let _ = engine.check_facts();
}

/// Static HTML carries at most the one JSON-LD script, and only safe links. Text
/// escapes `<` and attribute values escape `"` and `>`, so every raw `<` opens one
/// of our tags and its first `>` closes it.
fn check_html(html: &str) {
    let tags: Vec<&str> = html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")).collect();
    let scripts = tags.iter().filter(|t| t.starts_with("script")).count();
    assert!(scripts <= 1 && tags.iter().filter(|t| t.starts_with("/script")).count() == scripts, "script injected:\n{html}");
    for tag in &tags {
        for attr in [" href=\"", " src=\"", " cite=\""] {
            for part in tag.split(attr).skip(1) {
                let url = part.split('"').next().unwrap_or("").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
                let url = url.replace("&amp;", "&");
                assert!(host::check_url(&url).is_ok(), "unsafe URL {url:?} in <{tag}>");
            }
        }
    }
}

// ---------------------------------------------------------------- text

/// Folding is idempotent and form-blind; keys, slugs and tokens are well formed.
pub fn text(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let f = fold(s);
    assert_eq!(fold(&f), f, "fold is idempotent");
    assert_eq!(fold(&nfc(s)), f, "NFC folds alike");
    assert_eq!(fold(&nfd(s)), f, "NFD folds alike");
    assert!(!f.chars().any(|c| c.is_ascii_uppercase() || ('\u{300}'..='\u{36f}').contains(&c)), "{f:?}");
    let k = plain_key(&nfc(s));
    assert_eq!(plain_key(&k), k, "a plain key is its own key");
    assert!(!k.starts_with(' ') && !k.ends_with(' ') && !k.contains("  "), "{k:?}");
    for max in [8, 80] {
        let sl = slug(s, max);
        assert!(sl.len() <= max, "slug {sl:?} longer than {max}");
        assert!(sl.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{sl:?}");
        assert!(!sl.starts_with('-') && !sl.ends_with('-') && !sl.contains("--"), "{sl:?}");
        assert_eq!(slug(&sl, max), sl, "a slug is its own slug");
    }
    let a = analyze(s);
    for t in &a.tokens {
        assert!(a.text.get(t.span.0..t.span.1).is_some_and(|w| !w.is_empty()), "span {:?}", t.span);
        assert!(!t.folded.is_empty() && !t.exact.is_empty(), "empty token {t:?}");
        assert_eq!(fold(&t.folded), t.folded);
    }
    assert_eq!(a.tokens, analyze(&nfc(s)).tokens, "NFC gives the same tokens");
    for (i, j) in a.pairs() {
        assert!(i + 1 == j && j < a.tokens.len());
    }
    let _ = tinbai::text::gazetteer::find_places(&a);
    let _ = tinbai::text::gazetteer::lookup(s);
}

// ---------------------------------------------------------------- view log

const IDS: &[&str] = &["a", "b", "c", "a b", "hà-nội", "x\ty", "x\ny", "x\r", "", "tinbai-views 1"];

/// The stored log: any text parses, what it keeps serialises and parses back the
/// same, recording and shrinking keep their bounds and promises.
pub fn view_log(data: &[u8]) {
    let (text, mut ops) = split_input(data);
    let text = String::from_utf8_lossy(text);
    let mut log = ViewLog::parse(&text);
    assert_eq!(ViewLog::parse(&log.serialize()), log, "parse ∘ serialize is the identity");
    let mut steps = 0;
    while !ops.is_empty() && steps < 64 {
        steps += 1;
        match ops.byte() % 3 {
            0 | 1 => {
                let id = if ops.byte() % 4 == 0 { ops.text() } else { ops.pick(IDS).to_owned() };
                let now = if ops.byte() % 2 == 0 { ops.i64() } else { 1_764_000_000 + i64::from(ops.byte()) * 3_600 };
                let data = Dataset::new(vec![Item { id: id.clone(), title: "t".into(), ..Item::default() }], Vec::new());
                let latest = log.views_for(&data).values().flat_map(|v| v.timestamps.last().copied()).max();
                log.record(&id, now);
                let after = log.views_for(&data);
                let stored = after.get(&0).map(|v| v.timestamps.clone()).unwrap_or_default();
                if view_log::storable(&id) && latest.is_none_or(|l| l <= now) {
                    assert!(stored.contains(&now), "the newest view of {id:?} is kept: {stored:?}");
                }
                assert!(stored.windows(2).all(|w| w[0] <= w[1]), "ascending");
                assert!(log.items() <= view_log::MAX_ITEMS, "{} items", log.items());
                assert!(stored.len() <= view_log::MAX_PER_ITEM);
            }
            _ => {
                let before = log.len();
                if log.shrink() {
                    assert!(log.len() < before, "shrink drops something");
                } else {
                    assert!(before <= 1, "shrink gives up only when nothing is left to drop");
                }
            }
        }
        assert_eq!(ViewLog::parse(&log.serialize()), log, "the log survives storage");
    }
}

// ---------------------------------------------------------------- binary index reader

/// Any bytes are refused with an error or read; what reads is what the writer would
/// write again, and a file's lookups agree with a scan of it. Every kind of index
/// file: header, shard, routes, terms and docs.
pub fn index_reader(data: &[u8]) {
    use tinbai::store::{read, write};
    let _ = read::check(data);
    if let Ok(h) = read::header(data) {
        let again = write::header(&h);
        assert_eq!(read::header(&again).map_err(|e| e.to_string()), Ok(h), "a header survives writing and reading again");
    }
    if let Ok(shard) = read::shard(data) {
        if let Ok(all) = shard.all() {
            for (id, list) in &all {
                let found = shard.related(id).map_err(|e| e.to_string());
                assert_eq!(format!("{found:?}"), format!("{:?}", Ok::<_, String>(Some(list))), "lookup of {id:?} agrees with the scan");
            }
            let mut lists = all.clone();
            let again = write::shard(shard.shard, shard.shards, &mut lists);
            let reread = read::shard(&again).and_then(|s| s.all()).map_err(|e| e.to_string());
            assert_eq!(format!("{reread:?}"), format!("{:?}", Ok::<_, String>(all)), "a shard survives writing and reading again");
        }
    }
    if let Ok(routes) = read::routes(data) {
        if let Ok(all) = routes.all() {
            for r in &all {
                let found = routes.find(&r.key).map_err(|e| e.to_string());
                assert_eq!(found, Ok(Some((r.id.as_str(), r.shard))), "lookup of {:?} agrees with the scan", r.key);
            }
            let again = write::routes(routes.file, routes.files, &mut all.clone());
            let reread = read::routes(&again).and_then(|r| r.all()).map_err(|e| e.to_string());
            assert_eq!(reread, Ok(all), "a routes file survives writing and reading again");
        }
    }
    if let Ok(terms) = read::terms(data) {
        if let Ok(all) = terms.all() {
            for f in &all {
                let found = terms.find(&f.key).ok().flatten().map(|e| (e.df, e.surface.map(str::to_owned), e.max, e.cohesion, e.postings().ok()));
                assert_eq!(found, Some((f.df, f.surface.clone(), f.max, f.cohesion, Some(f.postings.clone()))), "lookup of {:?} agrees with the scan", f.key);
            }
            let again = write::terms(terms.file, terms.files, &mut all.clone());
            let reread = read::terms(&again).and_then(|t| t.all()).map_err(|e| e.to_string());
            assert_eq!(reread, Ok(all), "a terms file survives writing and reading again");
        }
    }
    if let Ok(docs) = read::docs(data) {
        if let Ok(all) = docs.all() {
            let again = write::docs(docs.file, docs.first, &all);
            let reread = read::docs(&again).and_then(|d| d.all()).map_err(|e| e.to_string());
            assert_eq!(reread, Ok(all), "a docs file survives writing and reading again");
        }
    }
    if let Ok(f) = read::facts(data) {
        use tinbai::markup::Library;
        for it in &f.items {
            assert!(f.item(&it.id).is_some_and(|x| x.id == it.id), "lookup of {:?} finds it", it.id);
        }
        let again = read::facts(&write::facts(&f)).map(|g| (g.cite, g.partnerships, format!("{:?}", g.items)));
        assert_eq!(again.map_err(|e| e.to_string()), Ok((f.cite, f.partnerships.clone(), format!("{:?}", f.items))), "a facts file survives writing and reading again");
    }
}
