//! Sites with many articles: the corpus generator, the index builder and its reader.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};
use tinbai::dataset::host;
use tinbai::dataset::value::{parse_json, Value};

fn tinbai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tinbai")).args(args).output().unwrap()
}

fn corpus(count: &str, seed: &str) -> String {
    let out = tinbai(&["corpus", "--count", count, "--seed", seed]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_corpus_is_deterministic_per_seed_and_every_line_is_a_valid_host_article() {
    let a = corpus("300", "7");
    assert_eq!(a, corpus("300", "7"));
    assert_ne!(a, corpus("300", "8"));
    let lines: Vec<Value> = a.lines().map(|l| parse_json(l).unwrap()).collect();
    assert_eq!(lines.len(), 300);
    let root = Value::Object(vec![("articles".into(), Value::Array(lines))]);
    let (data, report) = host::load(&root, false).unwrap();
    assert_eq!(data.items().len(), 300);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // Vietnamese text with the gazetteer's places, dates and views.
    let it = &data.items()[0];
    assert!(it.title.contains(" tại "), "{}", it.title);
    assert!(it.published_at.is_some() && it.views.is_some() && !it.tags.is_empty());
}

#[test]
fn corpus_needs_a_count() {
    let out = tinbai(&["corpus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--count"));
}

use std::path::{Path, PathBuf};
use tinbai::engine::{Engine, MostReadQuery, RelatedQuery};
use tinbai::rank::most_read::{Basis, Window};
use std::collections::{BTreeMap, BTreeSet};
use tinbai::store::search::{self, Step};
use tinbai::store::{key, read, shard_file, shard_of, File, HEADER_FILE, KEPT};

const NOW: &str = "2026-11-17T19:33:20Z";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tinbai-scale-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn build(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--input", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--now", NOW];
    args.extend_from_slice(extra);
    tinbai(&args)
}

fn engine_of(jsonl: &str) -> Engine {
    let lines: Vec<Value> = jsonl.lines().map(|l| parse_json(l).unwrap()).collect();
    Engine::from_host(&Value::Object(vec![("articles".into(), Value::Array(lines))]), false).unwrap().0
}

/// A 300-article corpus built into an index, with the engine that ranks it live.
fn built(name: &str) -> (PathBuf, String) {
    let dir = temp_dir(name);
    let jsonl = corpus("300", "3");
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, &jsonl).unwrap();
    let out = build(&input, &dir.join("index"), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir.join("index"), jsonl)
}

#[test]
fn every_articles_precomputed_list_is_what_the_engine_ranks_live() {
    let (index, jsonl) = built("roundtrip");
    let engine = engine_of(&jsonl);
    let header = read::header(&std::fs::read(index.join(HEADER_FILE)).unwrap()).unwrap();
    assert_eq!(header.articles, 300);
    assert_eq!(header.shards, 5, "300 articles at 64 a shard");
    assert_eq!(header.kept as usize, KEPT);
    let shards: Vec<Vec<u8>> = (0..header.shards).map(|k| std::fs::read(index.join(shard_file(k))).unwrap()).collect();
    let mut found = 0;
    for it in engine.dataset().items() {
        let k = shard_of(&it.id, header.shards);
        let shard = read::shard(&shards[k as usize]).unwrap();
        let stored = shard.related(&it.id).unwrap().unwrap_or_else(|| panic!("{} missing from shard {k}", it.id));
        let live = engine.related(&RelatedQuery { article: Some(it.id.clone()), limit: Some(KEPT), ..Default::default() }).unwrap();
        assert_eq!(stored, live, "{}", it.id);
        // No other shard has it.
        for (j, other) in shards.iter().enumerate().filter(|(j, _)| *j != k as usize) {
            assert_eq!(read::shard(other).unwrap().related(&it.id).unwrap(), None, "{} also in shard {j}", it.id);
        }
        found += stored.items.len();
    }
    assert!(found > 300, "most articles have related items: {found} in all");
    for w in tinbai::store::WINDOWS {
        let live = engine.most_read(&MostReadQuery { limit: Some(50), window: Some(w), now: tinbai::time::parse(NOW), ..Default::default() }, &Default::default()).unwrap();
        let stored = header.most_read(w).unwrap();
        assert_eq!(stored.items[..live.items.len()], live.items[..], "{w:?}");
        assert_eq!((stored.basis, stored.window), (live.basis, live.window));
    }
    assert!(!header.most_read(Window::Week).unwrap().items.is_empty());
}

#[test]
fn a_quiet_sites_index_falls_back_to_the_newest_items_as_the_engine_does() {
    let dir = temp_dir("quiet");
    // Two articles read this week, one with a plain count, the rest never read.
    let mut lines = vec![
        r#"{"id": "read-1", "title": "Bài được đọc một", "published": "2026-10-01T00:00:00Z", "views": ["2026-11-16T00:00:00Z", "2026-11-15T00:00:00Z"]}"#.to_owned(),
        r#"{"id": "read-2", "title": "Bài được đọc hai", "published": "2026-10-02T00:00:00Z", "views": ["2026-11-16T00:00:00Z"]}"#.to_owned(),
        r#"{"id": "counted", "title": "Bài chỉ có tổng lượt xem", "published": "2026-09-02T00:00:00Z", "views": 12}"#.to_owned(),
    ];
    for i in 0..80 {
        lines.push(format!(r#"{{"id": "new-{i:02}", "title": "Tin số {i}", "published": "2026-11-{:02}T00:00:00Z"}}"#, 1 + i % 16));
    }
    let jsonl = lines.join("\n");
    std::fs::write(dir.join("quiet.jsonl"), &jsonl).unwrap();
    let out = build(&dir.join("quiet.jsonl"), &dir.join("index"), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let header = read::header(&std::fs::read(dir.join("index").join(HEADER_FILE)).unwrap()).unwrap();
    let engine = engine_of(&jsonl);
    let week = header.most_read(Window::Week).unwrap();
    assert_eq!(week.items.len(), tinbai::store::MOST_READ_KEPT, "the ranked items, then the newest others");
    let ranked = ["counted", "read-1", "read-2"];
    for exclude in [vec![], vec!["read-1"], ranked.to_vec(), [&ranked[..], &["new-15", "new-31"]].concat()] {
        for limit in [1, 5, 50] {
            let exclude: Vec<String> = exclude.iter().map(|s| s.to_string()).collect();
            for w in tinbai::store::WINDOWS {
                let q = MostReadQuery { limit: Some(limit), window: Some(w), now: tinbai::time::parse(NOW), exclude: exclude.clone() };
                let live = engine.most_read(&q, &Default::default()).unwrap();
                assert_eq!(header.most_read(w).unwrap().narrowed(&exclude, limit), live, "{w:?} excluding {exclude:?}, limit {limit}");
            }
        }
    }
    let q = MostReadQuery { limit: Some(3), window: Some(Window::Day), now: tinbai::time::parse(NOW), ..Default::default() };
    let live = engine.most_read(&q, &Default::default()).unwrap();
    let got: Vec<(&str, Basis)> = live.items.iter().map(|i| (i.id.as_str(), i.basis)).collect();
    // The dated views are older than a day; the plain count counts, as a total.
    assert_eq!(got, [("counted", Basis::Total)]);
    let q = MostReadQuery { exclude: vec!["counted".into()], ..q };
    let live = engine.most_read(&q, &Default::default()).unwrap();
    let got: Vec<(&str, Basis)> = live.items.iter().map(|i| (i.id.as_str(), i.basis)).collect();
    assert_eq!(got, [("new-15", Basis::Newest), ("new-31", Basis::Newest), ("new-47", Basis::Newest)]);
    assert_eq!(live.basis, Basis::Newest);
}

#[test]
fn a_json_dataset_builds_the_same_index_as_jsonl() {
    let (index, jsonl) = built("json");
    let dir = index.parent().unwrap();
    let json = format!("{{\"articles\": [{}]}}", jsonl.lines().collect::<Vec<_>>().join(",\n"));
    std::fs::write(dir.join("corpus.json"), json).unwrap();
    let out = build(&dir.join("corpus.json"), &dir.join("from-json"), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names: Vec<String> = std::fs::read_dir(&index).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.len() > 20, "{names:?}");
    for f in names {
        assert_eq!(std::fs::read(index.join(&f)).unwrap(), std::fs::read(dir.join("from-json").join(&f)).unwrap(), "{f}");
    }
}

#[test]
fn bad_lines_are_named_by_line_and_field_and_lenient_skips_them() {
    let dir = temp_dir("bad");
    let good = corpus("20", "5");
    let mut lines: Vec<String> = good.lines().map(str::to_owned).collect();
    lines[3] = "{\"id\": \"x1\", \"title\": \"Hà Nội\", \"url\": \"javascript:alert(1)\"}".into();
    lines[7] = "{\"id\": \"x2\"}".into();
    lines[9] = "not json".into();
    lines[12] = lines[0].clone();
    let input = dir.join("bad.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = build(&input, &dir.join("index"), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in ["4 problems", "line 4 (id \"x1\"), field \"url\": \"javascript:alert(1)\" must be http(s) or relative", "line 8 (id \"x2\"), field \"title\": missing", "line 10: invalid JSON", "line 13 (id \"item-0\"), field \"id\": duplicate of line 1"] {
        assert!(err.contains(needle), "{needle:?} in {err}");
    }
    assert!(!dir.join("index").join(HEADER_FILE).exists(), "nothing written on failure");
    let out = build(&input, &dir.join("index"), &["--lenient"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr).matches("tinbai: skipped").count(), 4);
    let header = read::header(&std::fs::read(dir.join("index").join(HEADER_FILE)).unwrap()).unwrap();
    assert_eq!(header.articles, 16);
}

#[test]
fn the_reader_refuses_damaged_files_with_the_section_and_offset_and_never_panics() {
    let (index, _) = built("damaged");
    let header = std::fs::read(index.join(HEADER_FILE)).unwrap();
    let shard = std::fs::read(index.join(shard_file(0))).unwrap();
    let routes = std::fs::read(index.join(File::Routes(0).name())).unwrap();
    let terms = std::fs::read(index.join(File::Terms(0).name())).unwrap();
    let docs = std::fs::read(index.join(File::Docs(0).name())).unwrap();
    for bytes in [&header, &shard, &routes, &terms, &docs] {
        read::check(bytes).unwrap();
    }
    assert_eq!(read::header(&shard).unwrap_err().message, "expected the header, got a shard");
    assert_eq!(read::shard(&routes).err().unwrap().message, "expected a shard, got another index file");
    assert_eq!(read::terms(&docs).err().unwrap().message, "expected a terms file, got another index file");
    let e = read::header(b"GIF89a").unwrap_err();
    assert_eq!((e.section, e.offset), ("preamble", 0));
    // A version 1 index, from before routes and terms: refused, saying what to do.
    for bytes in [&header, &shard] {
        let mut v1 = bytes.clone();
        v1[4] = 1;
        assert_eq!(read::check(&v1).unwrap_err().to_string(), "invalid index file: preamble at byte 4: index built by an older tinbai; rebuild it");
    }
    let mut v3 = header.clone();
    v3[4] = 3;
    assert!(read::header(&v3).unwrap_err().to_string().contains("built by a newer tinbai"));
    // Every truncation is an error, never a panic; so is every single flipped byte.
    for bytes in [&header, &shard, &routes, &terms, &docs] {
        for n in (0..64).chain((64..bytes.len()).step_by(bytes.len() / 400 + 1)) {
            let e = read::check(&bytes[..n]).unwrap_err();
            assert!(e.offset <= n, "{e}");
        }
        for i in (0..bytes.len()).step_by(bytes.len() / 1000 + 1) {
            let mut b = bytes.clone();
            b[i] ^= 0xA5;
            let _ = read::check(&b);
        }
    }
    let mut b = shard.clone();
    let strings_len = u32::from_le_bytes([b[8], b[9], b[10], b[11]]);
    b[8..12].copy_from_slice(&(strings_len + 1_000_000).to_le_bytes());
    let e = read::check(&b).unwrap_err();
    assert_eq!((e.section, e.message), ("strings", "truncated"));
    // A damaged file met while answering is an error naming it, not a panic.
    let mut index_files = Fetcher::of(&index);
    for (f, bytes) in index_files.all.iter_mut().filter(|(f, _)| matches!(f, File::Terms(_))) {
        bytes.truncate(bytes.len() / 2);
        assert!(read::check(bytes).is_err(), "{f:?}");
    }
    let h = index_files.header.clone();
    let e = index_files.answer(|src| search::related_text(&h, src, "Hà Nội Montreuil hợp tác Lào Cai Đà Nẵng Huế", &[], &query(5)));
    let e = e.err().unwrap().to_string();
    assert!(e.starts_with("terms-") && e.contains(".bin: invalid index file: "), "{e}");
}

/// A page's view of a built index: every file of it on hand, handed out only once
/// asked for, as the browser fetches them.
struct Fetcher {
    all: BTreeMap<File, Vec<u8>>,
    have: BTreeSet<File>,
    header: read::Header,
}

impl search::Source for Fetcher {
    fn file(&self, f: File) -> Option<&[u8]> {
        self.have.contains(&f).then(|| self.all.get(&f).map(Vec::as_slice)).flatten()
    }
}

impl Fetcher {
    fn of(dir: &Path) -> Fetcher {
        let header = read::header(&std::fs::read(dir.join(HEADER_FILE)).unwrap()).unwrap();
        let mut all = BTreeMap::new();
        let files = (0..header.shards)
            .map(File::Shard)
            .chain((0..header.routes).map(File::Routes))
            .chain((0..header.terms).map(File::Terms))
            .chain((0..header.articles.div_ceil(header.docs_per_file)).map(File::Docs));
        for f in files {
            all.insert(f, std::fs::read(dir.join(f.name())).unwrap());
        }
        Fetcher { all, have: BTreeSet::new(), header }
    }

    /// Ask until answered, fetching what each step needs; the answer and the files
    /// fetched, in order. Starts with nothing fetched but the header.
    fn answer<T>(&mut self, ask: impl Fn(&Fetcher) -> Result<Step<T>, tinbai::Error>) -> Result<(T, Vec<File>), tinbai::Error> {
        self.have.clear();
        let mut fetched = Vec::new();
        for _ in 0..20 {
            match ask(self)? {
                Step::Done(t) => return Ok((t, fetched)),
                Step::Need(files) => {
                    assert!(!files.is_empty());
                    for f in files {
                        assert!(self.have.insert(f), "{f:?} asked for twice");
                        fetched.push(f);
                    }
                }
            }
        }
        panic!("no answer after 20 rounds: {fetched:?}");
    }
}

fn query(limit: usize) -> search::Query<'static> {
    search::Query { limit, min_score: tinbai::rank::related::MIN_SCORE, exclude: &[] }
}

#[test]
fn routes_find_every_article_by_its_url_path_and_by_its_headline() {
    let (index, jsonl) = built("routes");
    let engine = engine_of(&jsonl);
    let mut files = Fetcher::of(&index);
    let h = files.header.clone();
    assert!(h.routes >= 2, "600 routes at 512 a file: {}", h.routes);
    let mut first_with_title = BTreeMap::new();
    for it in engine.dataset().items() {
        first_with_title.entry(key::title(&it.title).unwrap()).or_insert(it.id.clone());
    }
    for it in engine.dataset().items() {
        let url = it.url.as_deref().expect("corpus articles have urls");
        assert_eq!(url, format!("/tin/{}/", it.id));
        // However a page writes its URL.
        for page_url in [url.to_owned(), format!("https://bao.example.vn{url}?utm_source=x#binh-luan"), format!("{url}index.html"), url.trim_end_matches('/').to_owned()] {
            let keys = key::page(Some(&page_url), None, None);
            let (route, fetched) = files.answer(|src| search::find_article(&h, src, &keys)).unwrap();
            let route = route.unwrap_or_else(|| panic!("{page_url} not found"));
            assert_eq!((route.id.as_str(), route.shard), (it.id.as_str(), shard_of(&it.id, h.shards)));
            assert_eq!(fetched, [File::Routes(shard_of(&keys[0], h.routes))]);
        }
        // By headline alone, even shouted and without its diacritics.
        let shouted = tinbai::text::fold(&it.title).to_uppercase();
        let keys = key::page(None, None, Some(&shouted));
        let (route, _) = files.answer(|src| search::find_article(&h, src, &keys)).unwrap();
        assert_eq!(route.unwrap().id, first_with_title[&key::title(&it.title).unwrap()], "{}", it.title);
        // A page at its URL shows its list: the routes file and its shard, no more.
        let keys = key::page(Some(&format!("https://bao.example.vn{url}")), Some(url), Some(&it.title));
        let ((found, list), fetched) = files.answer(|src| search::related_page(&h, src, &keys, || unreachable!("found, the text is not read"), &query(KEPT))).unwrap();
        assert_eq!(found, search::Found::Article(it.id.clone()));
        assert_eq!(list, engine.related(&RelatedQuery { article: Some(it.id.clone()), limit: Some(KEPT), ..Default::default() }).unwrap());
        assert!(fetched.len() <= 2 && matches!(fetched[0], File::Routes(_)) && fetched.last() == Some(&File::Shard(shard_of(&it.id, h.shards))), "{fetched:?}");
    }
    let keys = key::page(Some("/tin/not-here/"), Some("/tin/not-here"), Some("Một tin chưa có"));
    let (route, fetched) = files.answer(|src| search::find_article(&h, src, &keys)).unwrap();
    assert_eq!(route, None);
    assert_eq!(fetched.len(), 2, "one routes file per key, each read once: {fetched:?}");
    // Not found, the page's text answers: a page retelling item-5.
    let five = engine.dataset().get("item-5").unwrap();
    let body = five.body.join(" ");
    let ((found, list), fetched) = files.answer(|src| search::related_page(&h, src, &keys, || body.clone(), &query(5))).unwrap();
    assert_eq!(found, search::Found::Text);
    assert_eq!(list.items[0].id, "item-5");
    assert!(fetched.iter().all(|f| !matches!(f, File::Shard(_))), "{fetched:?}");
}

#[test]
fn free_text_over_the_terms_files_finds_the_article_it_was_taken_from_then_its_related_ones() {
    let (index, jsonl) = built("free-text");
    let engine = engine_of(&jsonl);
    let mut files = Fetcher::of(&index);
    let h = files.header.clone();
    assert!(h.terms > search::MAX_TERMS_FILES as u32, "more terms files than a query reads: {}", h.terms);
    let ask = |files: &mut Fetcher, text: &str, own: &[String]| {
        let (list, fetched) = files.answer(|src| search::related_text(&h, src, text, own, &query(6))).unwrap();
        let terms = fetched.iter().filter(|f| matches!(f, File::Terms(_))).count();
        assert!(terms <= search::MAX_TERMS_FILES, "{fetched:?}");
        assert!(fetched.iter().all(|f| matches!(f, File::Terms(_) | File::Docs(_))), "only terms and docs files: {fetched:?}");
        for r in &list.items {
            assert_eq!(r.url.as_deref(), Some(format!("/tin/{}/", r.id).as_str()), "{r:?}");
            assert!(r.score >= 0.06 && !r.title.is_empty(), "{r:?}");
        }
        list.items.into_iter().map(|r| r.id).collect::<Vec<_>>()
    };
    let live = |text: &str| -> Vec<String> {
        let list = engine.related(&RelatedQuery { text: Some(text.to_owned()), limit: Some(6), ..Default::default() }).unwrap();
        list.items.into_iter().map(|r| r.id).collect()
    };
    let (mut n, mut agree, mut related, mut first) = (0, 0, 0, 0);
    for it in engine.dataset().items().iter().step_by(7) {
        n += 1;
        // The article's text without its headline: found first.
        let body = it.summary.iter().chain(&it.body).cloned().collect::<Vec<_>>().join(" ");
        let ids = ask(&mut files, &body, &[]);
        first += usize::from(ids.first() == Some(&it.id));
        agree += live(&body).iter().filter(|id| ids.contains(id)).count();
        // At the article's own URL, the page is not listed.
        assert!(!ask(&mut files, &body, &[format!("/tin/{}", it.id)]).contains(&it.id));
        // A page of it, headline and lead, as a reader sees it: the article itself is
        // the page's own (its whole headline is there), so its related ones come.
        let page = format!("{} {}", it.title, it.summary.as_deref().unwrap_or_default());
        let ids = ask(&mut files, &page, &[]);
        assert!(!ids.contains(&it.id), "{}", it.id);
        agree += live(&page).iter().filter(|id| ids.contains(id)).count();
        let stored = engine.related(&RelatedQuery { article: Some(it.id.clone()), limit: Some(5), ..Default::default() }).unwrap();
        related += stored.items.iter().filter(|r| ids.contains(&r.id)).count();
    }
    assert_eq!(first, n, "every article is found first by its own text");
    assert!(related * 10 >= n * 5 * 7, "most of each article's related list comes for its page: {related} of {}", n * 5);
    // Eight of the nine terms files hold the query's strongest features: almost
    // always the same items as the live ranking over the whole index.
    assert!(agree * 10 >= n * 12 * 9, "the live ranking agrees: {agree} of {}", n * 12);
}

#[test]
fn free_text_says_why_it_found_nothing_and_never_answers_from_the_seeds() {
    let (index, jsonl) = built("free-text-empty");
    let mut files = Fetcher::of(&index);
    let h = files.header.clone();
    let (list, fetched) = files.answer(|src| search::related_text(&h, src, "zzzqx wvvk", &[], &query(5))).unwrap();
    assert_eq!((list.items.len(), list.empty), (0, Some(tinbai::rank::related::Empty::NoSharedTerms)));
    assert!(fetched.iter().all(|f| matches!(f, File::Terms(_))), "{fetched:?}");
    // A bundled seed's headline: the corpus reuses seed headlines, but only its own
    // articles can come back.
    let seeds = Engine::bundled().unwrap();
    let seed = &seeds.dataset().items()[2];
    let (list, _) = files.answer(|src| search::related_text(&h, src, &seed.title, &[], &query(5))).unwrap();
    assert!(!list.items.is_empty());
    assert!(list.items.iter().all(|r| r.id.starts_with("item-") && seeds.dataset().get(&r.id).is_none()));
    // Everything excluded: nothing, and why, as the live ranking says it.
    let all: Vec<String> = (0..300).map(|i| format!("item-{i}")).collect();
    let q = search::Query { limit: 5, min_score: 0.06, exclude: &all };
    let (list, _) = files.answer(|src| search::related_text(&h, src, &seed.title, &[], &q)).unwrap();
    let live = engine_of(&jsonl).related(&RelatedQuery { text: Some(seed.title.clone()), exclude: all.clone(), ..Default::default() }).unwrap();
    assert!(list.items.is_empty());
    assert_eq!(format!("{:?}", list.empty).get(..12), format!("{:?}", live.empty).get(..12));
}
