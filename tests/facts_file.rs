//! A built index's facts.bin: the partnership card rendered from it alone equals the
//! card rendered from the engine, it round-trips, and no bytes make its reader panic.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use tinbai::engine::{bundled_dataset, Engine};
use tinbai::markup::{self, Layout, Library, View};
use tinbai::store::build::{self, Input};
use tinbai::store::read::{self, Facts};
use tinbai::store::{write, FACTS_FILE};

const YEAR: i64 = 2026;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tinbai-facts-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn opts() -> build::Options {
    build::Options { lenient: false, now: 1_790_000_000, shards: None, threads: 2 }
}

/// The facts.bin `tinbai build` writes for `input`, decoded.
fn built(input: Input<'_>, name: &str) -> (Facts, Vec<u8>) {
    let dir = out_dir(name);
    build::build(input, None, &dir, &opts()).unwrap();
    let bytes = std::fs::read(dir.join(FACTS_FILE)).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (read::facts(&bytes).unwrap(), bytes)
}

fn host_engine(file: &str) -> Engine {
    let text = std::fs::read_to_string(fixture(file)).unwrap();
    let root = tinbai::dataset::value::parse_json(&text).unwrap();
    Engine::from_host(&root, false).unwrap().0
}

fn views() -> Vec<View> {
    let mut out = Vec::new();
    for lang in ["vi", "en", "fr"] {
        for citations in [false, true] {
            let v = View { id_prefix: "w1".into(), citations, ..View::default() }.lang(lang).unwrap();
            out.push(v.clone());
            out.push(v.clone().link_template("/tin/{id}").unwrap());
            out.push(View { layout: Layout::Grid, ..v.link_template("/p?id={id}").unwrap() });
        }
    }
    out
}

/// Every partnership's card and the overview, in every view, the same HTML from
/// the facts as from the engine.
fn same_cards(e: &Engine, f: &Facts) {
    assert_eq!(Library::partnerships(f), Library::partnerships(e));
    assert!(!f.partnerships.is_empty());
    for view in views() {
        let html = |lib: &dyn Library, id: Option<&str>| {
            let p = id.map(|id| lib.partnership(id).unwrap().with_years(YEAR));
            markup::to_html(&markup::partnership(lib, p.as_ref(), YEAR, &view))
        };
        assert_eq!(html(f, None), html(e, None), "overview, {view:?}");
        for p in &f.partnerships {
            assert_eq!(html(f, Some(&p.id)), html(e, Some(&p.id)), "{}, {view:?}", p.id);
        }
    }
}

/// The items a card shows, as the engine has them.
fn same_items(e: &Engine, f: &Facts) {
    for p in &f.partnerships {
        let named = p.facts.iter().flat_map(|x| x.sources().map(|s| s.item.clone())).chain(p.mentioned_in.iter().cloned());
        for id in named {
            let (a, b) = (f.item(&id), e.item(&id));
            assert_eq!(a.is_some(), b.is_some(), "{id}");
            if let (Some(a), Some(b)) = (a, b) {
                assert_eq!((&a.id, &a.title, a.kind, &a.url, &a.published, &a.image), (&b.id, &b.title, b.kind, &b.url, &b.published, &b.image));
            }
        }
    }
    assert!(f.item("no-such-item").is_none());
}

#[test]
fn the_seeds_facts_are_their_own_linked_and_not_cited() {
    let data = bundled_dataset().unwrap();
    let (f, _) = built(Input::Dataset { name: Path::new("seeds"), data }, "seeds");
    let e = Engine::bundled().unwrap();
    assert!(!f.cite);
    // mentioned_in as the engine links it.
    assert!(f.partnerships.iter().any(|p| !p.mentioned_in.is_empty()));
    same_cards(&e, &f);
    same_items(&e, &f);
}

#[test]
fn a_site_without_partnerships_gets_the_bundled_facts_cited() {
    let source = tinbai::ingest::read_site(&fixture("site"), &Default::default()).unwrap();
    assert!(source.partnerships.is_empty());
    let (f, _) = built(Input::Read { name: &fixture("site"), source }, "site");
    assert!(f.cite);
    let e = Engine::bundled().unwrap();
    same_cards(&e, &f);
    same_items(&e, &f);
}

#[test]
fn a_dataset_with_its_own_partnerships_keeps_them() {
    for file in ["fuzz/host_json/articles.json", "fuzz/host_json/hostile-valid.json"] {
        let source = tinbai::ingest::read(&fixture(file)).unwrap();
        let (f, _) = built(Input::Read { name: &fixture(file), source }, "own");
        assert!(!f.cite, "{file}");
        let e = host_engine(file);
        same_cards(&e, &f);
        same_items(&e, &f);
    }
}

#[test]
fn facts_round_trip_byte_for_byte() {
    let (f, bytes) = built(Input::Dataset { name: Path::new("seeds"), data: bundled_dataset().unwrap() }, "trip");
    assert_eq!(write::facts(&f), bytes);
    let g = read::facts(&write::facts(&f)).unwrap();
    assert_eq!((g.cite, &g.partnerships), (f.cite, &f.partnerships));
    let json = |f: &Facts| serde_json::to_string(&f.items).unwrap();
    assert_eq!(json(&g), json(&f));
    // Items come out sorted and once each, whatever order they went in.
    let mut shuffled = f.clone();
    shuffled.items.reverse();
    shuffled.items.push(f.items[0].clone());
    assert_eq!(write::facts(&shuffled), bytes);
    // Negative and large numbers, and no facts at all.
    let mut odd = f.clone();
    odd.cite = true;
    odd.partnerships[0].facts[0].versions[0].value = tinbai::facts::FactValue::Number(i64::MIN);
    odd.partnerships[1].facts[0].versions[0].value = tinbai::facts::FactValue::Number(-7);
    assert_eq!(read::facts(&write::facts(&odd)).unwrap().partnerships, odd.partnerships);
    let none = read::facts(&write::facts(&Facts::default())).unwrap();
    assert!(!none.cite && none.partnerships.is_empty() && none.items.is_empty());
    read::check(&bytes).unwrap();
}

#[test]
fn bad_facts_bytes_are_errors_not_panics() {
    let (_, bytes) = built(Input::Dataset { name: Path::new("seeds"), data: bundled_dataset().unwrap() }, "bad");
    for n in 0..bytes.len() {
        let e = read::facts(&bytes[..n]).err().unwrap_or_else(|| panic!("{n} bytes read"));
        assert!(e.offset <= n, "{n}: {e}");
        assert!(read::check(&bytes[..n]).is_err());
    }
    // Every byte changed, three ways: an error or data, never a panic.
    for i in 0..bytes.len() {
        for x in [0u8, 0x80, 0xff] {
            let mut b = bytes.clone();
            b[i] = x;
            let _ = read::facts(&b);
            let _ = read::check(&b);
        }
    }
    let mut extra = bytes.clone();
    extra.push(0);
    assert_eq!(read::facts(&extra).unwrap_err().section, "end");
    let mut cite = bytes.clone();
    // The preamble, the strings' length and table, then meta's length and its first byte.
    let strings_len = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
    let meta = 8 + 4 + strings_len + 4;
    cite[meta] = 2;
    let e = read::facts(&cite).unwrap_err();
    assert_eq!((e.section, e.offset, e.message), ("meta", meta, "flag is neither 0 nor 1"));
    // Another kind of file is named as such.
    let mut other = bytes.clone();
    other[5] = tinbai::store::DOCS;
    assert_eq!(read::facts(&other).unwrap_err().message, "expected a facts file, got another index file");
    let header = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    assert_eq!(read::facts(&header).unwrap_err().section, "preamble");
}

#[test]
fn a_missing_facts_file_is_no_facts() {
    let f = Facts::default();
    assert!(Library::partnerships(&f).is_empty() && !f.cite);
    let html = markup::to_html(&markup::partnership(&f, None, YEAR, &View::default()));
    assert!(html.contains("data-partnership=\"overview\""));
}
