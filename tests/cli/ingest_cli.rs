//! `tinbai build` and `--dataset` read every input the same way: the binary, run on
//! the fixtures of tests/ingest.rs.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
#[path = "../common/mod.rs"]
mod common;
use common::{ok, temp_dir, tinbai};

const NOW: &str = "2026-11-21T00:00:00Z";

/// A fixture's path as an argument.
fn fixture(name: &str) -> String {
    common::fixture(name).to_str().unwrap().to_owned()
}

/// Every file of a built index, by name.
fn index_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_feed_format_prints_the_same_dataset_and_builds_the_same_index() {
    let dir = temp_dir("feeds");
    let mut dumps = Vec::new();
    let mut indexes = Vec::new();
    for name in ["dataset.json", "articles.jsonl", "feed.json", "rss.xml", "atom.xml"] {
        let input = fixture(&format!("feeds/{name}"));
        dumps.push(ok(&["dataset", "--dataset", &input]).stdout);
        let out = dir.join(name);
        let built = ok(&["build", "--input", &input, "--out", out.to_str().unwrap(), "--now", NOW]);
        assert!(built.stderr.is_empty(), "{name}: {}", String::from_utf8_lossy(&built.stderr));
        let summary: serde_json::Value = serde_json::from_slice(&built.stdout).unwrap();
        assert_eq!((summary["articles"].as_u64(), summary["skipped"].as_u64()), (Some(3), Some(0)), "{name}");
        indexes.push(index_files(&out));
    }
    assert!(dumps.windows(2).all(|w| w[0] == w[1]), "the same JSON from every format");
    assert!(indexes.windows(2).all(|w| w[0] == w[1]), "byte for byte the same index from every format");
    // The related list of the first article names the second, from either entry point.
    let related: serde_json::Value = serde_json::from_slice(&ok(&["related", "tin-ha-noi-toulouse", "--dataset", &fixture("feeds/atom.xml")]).stdout).unwrap();
    assert_eq!(related[0]["id"], "tin-da-nang-nantes");
}

#[test]
fn build_writes_a_datasets_partnerships_into_facts_bin() {
    let dir = temp_dir("partnerships");
    let dump = dir.join("dump.json");
    std::fs::write(&dump, ok(&["dataset"]).stdout).unwrap();
    let out = ok(&["build", "--input", dump.to_str().unwrap(), "--out", dir.join("a").to_str().unwrap(), "--now", NOW]);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["partnerships"], 7);
    let facts = tinbai::store::read::facts(&std::fs::read(dir.join("a/facts.bin")).unwrap()).unwrap();
    assert!(!facts.cite && facts.partnerships.iter().any(|p| !p.mentioned_in.is_empty()));
    // The seeds dumped and built are the seeds built: every file, byte for byte.
    ok(&["build", "--seeds", "--out", dir.join("s").to_str().unwrap(), "--now", NOW]);
    assert_eq!(index_files(&dir.join("a")), index_files(&dir.join("s")));
    // Without partnerships of its own: the bundled ones, cited.
    let empty = dir.join("empty.json");
    std::fs::write(&empty, r#"{"articles": [{"id": "a", "title": "Một"}], "partnerships": []}"#).unwrap();
    let out = ok(&["build", "--input", empty.to_str().unwrap(), "--out", dir.join("b").to_str().unwrap(), "--now", NOW]);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let bundled = tinbai::store::read::facts(&std::fs::read(dir.join("b/facts.bin")).unwrap()).unwrap();
    assert!(bundled.cite);
    assert_eq!(bundled.partnerships, facts.partnerships);
    // A partnership whose source names no article fails the build, as it fails the engine.
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"articles": [{"id": "a", "title": "Một"}], "partnerships": [{"id": "p", "kind": "overview", "title": "T", "facts": [{"key": "k", "value": 1, "sources": [{"item": "zz", "quote": "Một"}]}]}]}"#).unwrap();
    let out = tinbai(&["build", "--input", bad.to_str().unwrap(), "--out", dir.join("c").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json: invalid dataset") && err.contains("no item has the id"), "{err}");
}

#[test]
fn a_bad_feed_fails_the_build_naming_the_file_item_and_field() {
    let dir = temp_dir("bad");
    let feed = dir.join("feed.xml");
    std::fs::write(&feed, r#"<rss version="2.0"><channel><title>t</title><item><guid>a</guid><title>Một</title></item><item><guid>b</guid></item></channel></rss>"#).unwrap();
    let out = tinbai(&["build", "--input", feed.to_str().unwrap(), "--out", dir.join("idx").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}: invalid dataset: 1 problem", feed.display())) && err.contains(r#"items[1] (id "b"), field "title": missing"#), "{err}");
    let out = ok(&["build", "--input", feed.to_str().unwrap(), "--out", dir.join("idx").to_str().unwrap(), "--lenient"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains(r#"tinbai: skipped items[1] (id "b"), field "title": missing"#));
}

#[test]
fn build_site_reads_the_article_pages_and_reports_the_rest() {
    let dir = temp_dir("site");
    let site = fixture("minisite");
    let out = ok(&["build", "--site", &site, "--out", dir.join("idx").to_str().unwrap(), "--now", NOW]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["articles"], 3);
    assert_eq!(summary["pages"], serde_json::json!({"found": 6, "not_articles": 3}));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tinbai: skipped 2 pages (list pages: not exactly one <article>, no data-tinbai-body, og:type not article): index.html, tin/index.html"), "{err}");
    assert!(err.contains("tinbai: skipped 1 page (marked data-tinbai-ignore on <html> or <body>): gioi-thieu/index.html"), "{err}");
    // --dataset reads the folder the same way: its dump builds the same index.
    let dump = dir.join("dump.json");
    std::fs::write(&dump, ok(&["dataset", "--dataset", &site]).stdout).unwrap();
    ok(&["build", "--input", dump.to_str().unwrap(), "--out", dir.join("from-dump").to_str().unwrap(), "--now", NOW]);
    assert_eq!(index_files(&dir.join("idx")), index_files(&dir.join("from-dump")));
    let related: serde_json::Value = serde_json::from_slice(&ok(&["related", "tin/da-nang-nantes", "--dataset", &site]).stdout).unwrap();
    assert_eq!(related[0]["url"], "https://bao.example/tin/ha-noi-toulouse/");
    // Globs.
    let out = ok(&["build", "--site", &site, "--include", "tin/**", "--exclude", "tin/index.html", "--out", dir.join("some").to_str().unwrap()]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((summary["articles"].as_u64(), summary["pages"]["not_articles"].as_u64()), (Some(3), Some(3)));
}

#[test]
fn build_takes_input_or_site_and_globs_only_with_a_site() {
    let fails = |args: &[&str], needle: &str| {
        let out = tinbai(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    };
    fails(&["build", "--out", "d"], "--input <FILE>|--site <DIR>");
    fails(&["build", "--input", "a.json", "--site", "s", "--out", "d"], "cannot be used with");
    fails(&["build", "--input", "a.json", "--include", "*.html", "--out", "d"], "'--input <FILE>' cannot be used with '--include <GLOB>'");
    fails(&["build", "--site", "s", "--exclude", "tin/[", "--out", "d"], "invalid value 'tin/[' for '--exclude <GLOB>'");
    let out = tinbai(&["build", "--site", "/no/such/site", "--out", "d"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/site: not a folder"));
}

use tinbai::rank::most_read::Window;
use tinbai::store::{read, HEADER_FILE};

#[test]
fn build_views_from_an_analytics_export_rank_most_read_in_the_header() {
    let dir = temp_dir("views");
    let site = fixture("minisite");
    let now = "2026-11-21T06:00:00Z";
    let out = ok(&["build", "--site", &site, "--views", &fixture("views/ga4-daily.csv"), "--out", dir.join("idx").to_str().unwrap(), "--now", now]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"), "{}", String::from_utf8_lossy(&out.stderr));
    let header = read::header(&std::fs::read(dir.join("idx").join(HEADER_FILE)).unwrap()).unwrap();
    let ranked = |w: Window| header.most_read(w).unwrap().items.iter().map(|i| (i.id.clone(), i.views)).collect::<Vec<_>>();
    let list = |l: &[(&str, u64)]| l.iter().map(|&(i, v)| (i.to_owned(), v)).collect::<Vec<_>>();
    assert_eq!(ranked(Window::Day)[..2], list(&[("tin/ha-noi-toulouse", 300), ("tin/da-nang-nantes", 7)]));
    assert_eq!(ranked(Window::All), list(&[("tin/lao-cai", 1040), ("tin/ha-noi-toulouse", 300), ("tin/da-nang-nantes", 57)]));
    // most-read --views reads the same exports, against --dataset.
    let live: serde_json::Value = serde_json::from_slice(
        &ok(&["most-read", "--dataset", &site, "--views", &fixture("views/ga4-daily.csv"), "--window", "7d", "--now", now]).stdout,
    )
    .unwrap();
    assert_eq!((live[0]["id"].as_str(), live[0]["views"].as_u64()), (Some("tin/ha-noi-toulouse"), Some(300)));
    assert_eq!((live[1]["id"].as_str(), live[1]["views"].as_u64()), (Some("tin/da-nang-nantes"), Some(57)));
    // A feed's links match the export's paths too; unknown pages are a warning, not an error.
    let out = ok(&["build", "--input", &fixture("feeds/rss.xml"), "--views", &fixture("views/ga4-pages.csv"), "--out", dir.join("feed").to_str().unwrap(), "--now", now]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ga4-pages.csv: 4 pages or ids match no article, 930 views ignored: \"/\", \"/tin/da-nang-nantes.html\", \"/tin/lao-cai/\", \"/lien-he/\""), "{err}");
    let header = read::header(&std::fs::read(dir.join("feed").join(HEADER_FILE)).unwrap()).unwrap();
    assert_eq!(header.most_read(Window::All).unwrap().items[0].id, "tin-ha-noi-toulouse");
    // A bad row fails the build before anything is written.
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "Page path,Views\n/a,nhiều\n").unwrap();
    let out = tinbai(&["build", "--site", &site, "--views", bad.to_str().unwrap(), "--out", dir.join("no").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("{}: row 2: column \"Views\": expected a whole number, got \"nhiều\"", bad.display())));
    assert!(!dir.join("no").exists());
}
