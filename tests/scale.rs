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
use tinbai::store::{read, shard_file, shard_of, HEADER_FILE, KEPT};

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
    for f in [HEADER_FILE.to_owned(), shard_file(0), shard_file(1)] {
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
    read::check(&header).unwrap();
    read::check(&shard).unwrap();
    assert_eq!(read::header(&shard).unwrap_err().message, "expected the header, got a shard");
    let e = read::header(b"GIF89a").unwrap_err();
    assert_eq!((e.section, e.offset), ("preamble", 0));
    let mut v2 = header.clone();
    v2[4] = 2;
    assert!(read::header(&v2).unwrap_err().to_string().contains("unsupported version"));
    // Every truncation is an error, never a panic; so is every single flipped byte.
    for bytes in [&header, &shard] {
        for n in (0..64).chain((64..bytes.len()).step_by(bytes.len() / 400 + 1)) {
            let e = read::check(&bytes[..n]).unwrap_err();
            assert!(e.offset <= n, "{e}");
        }
    }
    for i in (0..shard.len()).step_by(shard.len() / 1000 + 1) {
        let mut b = shard.clone();
        b[i] ^= 0xA5;
        let _ = read::check(&b);
    }
    let mut b = shard.clone();
    let strings_len = u32::from_le_bytes([b[8], b[9], b[10], b[11]]);
    b[8..12].copy_from_slice(&(strings_len + 1_000_000).to_le_bytes());
    let e = read::check(&b).unwrap_err();
    assert_eq!((e.section, e.message), ("strings", "truncated"));
}
