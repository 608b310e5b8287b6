//! A site's own data in every form it has it: tinbai's JSON, JSONL, JSON Feed, RSS
//! and Atom give the same articles (`tests/fixtures/feeds/`, a test vector for the
//! browser's loader too).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use tinbai::dataset::host::Dump;
use tinbai::dataset::Dataset;
use tinbai::ingest;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

const FEEDS: [&str; 5] = ["dataset.json", "articles.jsonl", "feed.json", "rss.xml", "atom.xml"];

fn load(path: &Path) -> Dataset {
    let (data, report) = ingest::load(path, false).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.warnings.is_empty() && report.skipped.is_empty(), "{}: {report:?}", path.display());
    data
}

fn dump(data: &Dataset) -> serde_json::Value {
    serde_json::to_value(Dump::of(data)).unwrap()
}

fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tinbai-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn error(path: &Path) -> String {
    match ingest::load(path, false) {
        Err(e) => e,
        Ok((d, _)) => panic!("loaded {} articles from {}", d.items().len(), path.display()),
    }
}

#[test]
fn every_format_gives_the_same_articles() {
    let want = dump(&load(&fixture("feeds/dataset.json")));
    for name in FEEDS {
        assert_eq!(dump(&load(&fixture(&format!("feeds/{name}")))), want, "{name}");
    }
    let data = load(&fixture("feeds/rss.xml"));
    let [a, b, c] = data.items() else { panic!("three articles") };
    // RFC 822 with an offset, written as RFC 3339 UTC.
    assert_eq!((a.published.as_deref(), a.published_at), (Some("2026-11-20T08:00:00Z"), tinbai::time::parse("2026-11-20T08:00:00Z")));
    assert_eq!(a.tags, ["Pháp", "Hợp tác quốc tế"]);
    assert_eq!(a.image.as_deref(), Some("https://bao.example/anh/ha-noi-toulouse.jpg"));
    // Entities decoded (&nbsp; is a space, &shy; stays for the text pipeline), markup and scripts gone.
    assert_eq!(b.body[0], "Đà Nẵng và Nantes sẽ thí\u{ad}điểm tuyến xe buýt điện đầu tiên vào năm 2027.");
    assert_eq!(b.summary.as_deref(), Some("Nantes chia sẻ kinh nghiệm vận hành xe buýt điện với Đà Nẵng."));
    assert_eq!(b.title, "Đà Nẵng & Nantes mở rộng hợp tác xe điện");
    // No guid: the link is the id. No date: none.
    assert_eq!(c.id, "https://bao.example/tin/gia-lua-dong-bang");
    assert_eq!((c.published.as_deref(), c.published_at), (None, None));
    assert_eq!(c.body, ["Nông dân nói giá \"đẹp\" nhất từ đầu vụ, nhờ nhu cầu xuất khẩu gạo tăng."]);
}

#[test]
fn the_format_is_told_from_the_content_not_the_name() {
    let rss = std::fs::read_to_string(fixture("feeds/rss.xml")).unwrap();
    let feed = std::fs::read_to_string(fixture("feeds/feed.json")).unwrap();
    let want = dump(&load(&fixture("feeds/dataset.json")));
    assert_eq!(dump(&load(&temp_file("feed.txt", &format!("\u{feff}\n  {rss}")))), want, "a BOM and blank lines first");
    assert_eq!(dump(&load(&temp_file("rss.json", &feed))), want);
    assert_eq!(ingest::read(&fixture("feeds/atom.xml")).unwrap().format, ingest::Format::XmlFeed);
    assert_eq!(ingest::read(&fixture("feeds/feed.json")).unwrap().format, ingest::Format::JsonFeed);
}

#[test]
fn json_feed_content_text_wins_over_content_html_and_figures_give_captions() {
    let f = temp_file(
        "captions.json",
        r#"{"version": "https://jsonfeed.org/version/1", "items": [
            {"id": 7, "title": "Hai", "content_text": "Văn bản.", "content_html": "<p>HTML</p>"},
            {"id": "b", "title": "Ba", "content_html": "<p>Trước</p><figure><img src=a.jpg><figcaption>Ảnh: TTXVN</figcaption></figure>"}
        ]}"#,
    );
    let data = load(&f);
    let [a, b] = data.items() else { panic!() };
    assert_eq!((a.id.as_str(), a.body.as_slice()), ("7", &["Văn bản.".to_owned()][..]), "a numeric id keeps its text");
    assert_eq!((b.body.as_slice(), b.captions.as_slice()), (&["Trước".to_owned()][..], &["Ảnh: TTXVN".to_owned()][..]));
}

#[test]
fn bad_feeds_are_named_by_file_item_and_field() {
    let f = temp_file("no-title.xml", r#"<rss version="2.0"><channel><title>t</title>
        <item><guid>a</guid><title>Tin một</title></item>
        <item><guid>b</guid><link>javascript:alert(1)</link></item></channel></rss>"#);
    let e = error(&f);
    assert!(e.starts_with(&format!("{}: invalid dataset: 2 problems", f.display())), "{e}");
    assert!(e.contains(r#"items[1] (id "b"), field "title": missing"#), "{e}");
    assert!(e.contains(r#"items[1] (id "b"), field "url": "javascript:alert(1)" must be http(s) or relative"#), "{e}");
    let f = temp_file("atom-dup.xml", r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
        <entry><id>x</id><title>Một</title></entry><entry><id>x</id><title>Hai</title></entry></feed>"#);
    assert!(error(&f).contains(r#"entries[1] (id "x"), field "id": duplicate of entries[0]"#));
    let f = temp_file("page.html", "<!doctype html><html><body><p>Không phải feed</p></body></html>");
    assert!(error(&f).starts_with(&format!("{}: not an RSS or Atom feed", f.display())), "{}", error(&f));
    let f = temp_file("neither.json", r#"{"title": "x"}"#);
    assert!(error(&f).contains(r#"dataset: missing "articles", the list of articles (or a JSON Feed's "version" and "items")"#));
    let f = temp_file("empty.xml", "  \n");
    assert_eq!(error(&f), format!("{}: the file is empty", f.display()));
    let f = temp_file("lines.jsonl", "{\"id\": \"a\", \"title\": \"Một\"}\nnot json\n\n{\"id\": \"a\", \"title\": \"Hai\"}\n");
    let e = error(&f);
    assert!(e.contains("line 2: invalid JSON") && e.contains(r#"line 4 (id "a"), field "id": duplicate of line 1"#), "{e}");
    let (data, report) = ingest::load(&f, true).unwrap();
    assert_eq!((data.items().len(), report.skipped.len()), (1, 2));
}
