//! A site's own data in every form it has it: tinbai's JSON, JSONL, JSON Feed, RSS
//! and Atom give the same articles (`tests/fixtures/feeds/`, a test vector for the
//! browser's loader too), and a built site's pages give its articles
//! (`tests/fixtures/minisite/`).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use tinbai::dataset::host::Dump;
use tinbai::dataset::Dataset;
use tinbai::ingest;

mod common;
use common::{fixture, fixture_copy, temp_dir};

const FEEDS: [&str; 5] = ["dataset.json", "articles.jsonl", "feed.json", "rss.xml", "atom.xml"];

fn load(path: &Path) -> Dataset {
    let loaded = ingest::load(path, false).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.report.warnings.is_empty() && loaded.report.skipped.is_empty(), "{}: {:?}", path.display(), loaded.report);
    loaded.data
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
        Ok(l) => panic!("loaded {} articles from {}", l.data.items().len(), path.display()),
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
    let l = ingest::load(&f, true).unwrap();
    assert_eq!((l.data.items().len(), l.report.skipped.len()), (1, 2));
}

use tinbai::ingest::site::{self, Reason};

fn skipped(r: &site::Report) -> Vec<(Reason, Vec<&str>)> {
    r.skipped.iter().map(|s| (s.reason, s.paths.iter().map(String::as_str).collect())).collect()
}

fn ids(data: &Dataset) -> Vec<&str> {
    data.items().iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn a_site_gives_its_article_pages_and_says_what_it_skipped() {
    let source = ingest::read(&fixture("minisite")).unwrap();
    assert_eq!(source.format, ingest::Format::Site);
    let report = source.site.as_ref().unwrap();
    assert_eq!((report.pages, report.articles), (6, 3), "the .css file is no page");
    assert_eq!(
        skipped(report),
        [(Reason::Ignored, vec!["gioi-thieu/index.html"]), (Reason::ListPage, vec!["index.html", "tin/index.html"])]
    );
    let data = load(&fixture("minisite"));
    assert_eq!(ids(&data), ["tin/da-nang-nantes", "tin/ha-noi-toulouse", "tin/lao-cai"], "path order; ids from the link's path");
    let [dn, hn, lc] = data.items() else { panic!() };

    // og:title over the h1; an absolute canonical kept as written; the article's metas.
    assert_eq!(hn.title, "Hà Nội và Toulouse ký kết hợp tác về quy hoạch đô thị");
    assert_eq!(hn.url.as_deref(), Some("https://bao.example/tin/ha-noi-toulouse/"));
    assert_eq!(hn.published.as_deref(), Some("2026-11-20T15:00:00+07:00"), "article:published_time over <time>");
    assert_eq!(hn.summary.as_deref(), Some("Hai thành phố thống nhất chương trình hợp tác giai đoạn 2026–2030."));
    assert_eq!(hn.tags, ["Pháp", "Hợp tác quốc tế"]);
    assert_eq!(hn.image.as_deref(), Some("https://bao.example/anh/ha-noi-toulouse.jpg"));
    // The article's text only: no h1, nav, aside, script, share box or widget placeholder.
    assert_eq!(
        hn.body,
        [
            "21/11/2026",
            "Sáng 20/11, lãnh đạo Hà Nội và Toulouse đã ký biên bản ghi nhớ về quy hoạch đô thị và giao thông công cộng.",
            "Theo thỏa thuận, hai bên sẽ trao đổi chuyên gia & kinh nghiệm quản lý tàu điện."
        ]
    );
    assert_eq!(hn.captions, ["Lễ ký kết tại Hà Nội."]);

    // No canonical: the page's own path. No <article>, but og:type article: <main>.
    assert_eq!((dn.url.as_deref(), dn.title.as_str()), (Some("/tin/da-nang-nantes.html"), "Đà Nẵng và Nantes mở rộng hợp tác xe điện"));
    assert_eq!((dn.published.as_deref(), dn.summary.as_deref()), (Some("2026-11-18"), Some("Nantes chia sẻ kinh nghiệm vận hành xe buýt điện với Đà Nẵng.")));
    assert_eq!(dn.body[1], "Đà Nẵng và Nantes sẽ thí\u{ad}điểm tuyến xe buýt điện đầu tiên vào năm 2027.");
    assert!(dn.body.iter().all(|p| !p.contains("Tin tức") && !p.contains("Bình luận")), "breadcrumb nav and form left out: {:?}", dn.body);

    // A relative canonical; data-tinbai-ignore parts (and the <article> in one) left out.
    assert_eq!((lc.url.as_deref(), lc.published.as_deref()), (Some("/tin/lao-cai/"), Some("2026-11-15T08:00:00+07:00")));
    assert_eq!(lc.body[1..], ["Ngày 14/11, tỉnh Lào Cai tiếp đoàn doanh nghiệp vùng Nouvelle-Aquitaine (Pháp).", "Hai bên bàn về nông nghiệp sạch", "và du lịch Sa Pa."]);
}

#[test]
fn include_and_exclude_globs_override_the_rule() {
    let site = fixture("minisite");
    let read = |include: &[&str], exclude: &[&str]| {
        let opts = site::Options { include: include.iter().map(|s| s.to_string()).collect(), exclude: exclude.iter().map(|s| s.to_string()).collect() };
        let source = ingest::read_site(&site, &opts).unwrap();
        let ats: Vec<String> = source.articles.iter().map(|a| a.at.clone()).collect();
        (ats, skipped(source.site.as_ref().unwrap()).into_iter().map(|(r, p)| (r, p.len())).collect::<Vec<_>>())
    };
    let (ats, skips) = read(&[], &["tin/lao-cai/**"]);
    assert_eq!(ats, ["tin/da-nang-nantes.html", "tin/ha-noi-toulouse/index.html"]);
    assert_eq!(skips, [(Reason::Ignored, 1), (Reason::Excluded, 1), (Reason::ListPage, 2)]);
    // With --include, exactly the matching pages: the list page tin/index.html too.
    let (ats, skips) = read(&["tin/**"], &["tin/da-nang-*"]);
    assert_eq!(ats, ["tin/ha-noi-toulouse/index.html", "tin/index.html", "tin/lao-cai/index.html"]);
    assert_eq!(skips, [(Reason::Ignored, 1), (Reason::Excluded, 1), (Reason::NotIncluded, 1)]);
    // `*` stays within a folder.
    let (ats, _) = read(&["*.html"], &[]);
    assert_eq!(ats, ["index.html"]);
    let e = ingest::read_site(&site, &site::Options { include: vec!["tin/[".into()], exclude: vec![] }).err().unwrap();
    assert!(e.starts_with("--include \"tin/[\""), "{e}");
    let empty = temp_dir("empty-site");
    std::fs::write(empty.join("style.css"), "").unwrap();
    assert_eq!(error(&empty), format!("{}: no *.html pages in this folder", empty.display()));
}

#[test]
fn a_body_marker_on_any_page_makes_it_the_rule() {
    let dir = fixture_copy("minisite", "marker");
    std::fs::write(
        dir.join("tin/chinh-sach.html"),
        r#"<html><head><title>Chính sách mới | Báo</title></head><body><h1>Chính sách mới</h1>
        <div class="lead">Không phải thân bài.</div><div data-tinbai-body><p>Thân bài.</p><h1>Tiêu đề</h1><nav>Menu</nav></div></body></html>"#,
    )
    .unwrap();
    let source = ingest::read(&dir).unwrap();
    let report = source.site.as_ref().unwrap();
    assert_eq!(report.articles, 1);
    assert_eq!(skipped(report)[2], (Reason::NoBodyMarker, vec!["tin/da-nang-nantes.html", "tin/ha-noi-toulouse/index.html", "tin/lao-cai/index.html"]));
    let data = load(&dir);
    let it = &data.items()[0];
    assert_eq!((it.id.as_str(), it.title.as_str(), it.body.as_slice()), ("tin/chinh-sach", "Chính sách mới", &["Thân bài.".to_owned()][..]));
}

#[cfg(unix)]
#[test]
fn pages_behind_symlinks_are_not_read() {
    let dir = fixture_copy("minisite", "symlink");
    std::os::unix::fs::symlink(dir.join("tin/da-nang-nantes.html"), dir.join("tin/ban-sao.html")).unwrap();
    std::os::unix::fs::symlink(dir.join("tin"), dir.join("tin-cu")).unwrap();
    let source = ingest::read(&dir).unwrap();
    let report = source.site.as_ref().unwrap();
    assert_eq!((report.pages, report.articles), (7, 3));
    assert_eq!(skipped(report)[0], (Reason::Symlink, vec!["tin/ban-sao.html"]));
}

#[test]
fn a_page_without_a_title_is_named_by_its_path_and_a_bad_date_is_left_out() {
    let dir = temp_dir("untitled");
    std::fs::write(dir.join("a.html"), "<html><body><article><p>Không có tiêu đề.</p><time datetime='20/11/2026'>hôm qua</time></article><div data-tinbai=partnership><svg><title>Dòng thời gian</title></svg></div></body></html>").unwrap();
    std::fs::write(dir.join("b.html"), "<html><head><title>Có tiêu đề</title></head><body><article><time datetime='hôm qua'></time><p>Nội dung.</p></article></body></html>").unwrap();
    let e = error(&dir);
    assert!(e.contains(r#"a.html (id "a"), field "title": missing"#), "{e}");
    let l = ingest::load(&dir, true).unwrap();
    assert_eq!(ids(&l.data), ["b"]);
    assert_eq!(l.report.skipped, [r#"a.html (id "a"), field "title": missing"#]);
    assert_eq!(l.report.warnings[1], r#"b.html (id "b"), field "published": "hôm qua" is not a date (YYYY-MM-DD) or an RFC 3339 time; left out"#);
}

#[test]
fn page_ids_and_links() {
    for (url, id) in [("/", "index"), ("https://bao.example/tin/a/", "tin/a"), ("/tin/b.html", "tin/b"), ("/tin/h%C3%A0/?x=1", "tin/hà")] {
        assert_eq!(site::page_id(url), id, "{url}");
    }
}

use std::collections::BTreeMap;
use tinbai::engine::{Engine, MostReadQuery};
use tinbai::ingest::views;
use tinbai::rank::most_read::Window;

const NOW: &str = "2026-11-21T06:00:00Z";

fn now() -> i64 {
    tinbai::time::parse(NOW).unwrap()
}

/// Views per article id: (count, timestamps), and the warnings.
fn views_for(data: &Dataset, file: &Path) -> (BTreeMap<String, (u64, usize)>, Vec<String>) {
    let m = views::read(file, now()).unwrap_or_else(|e| panic!("{e}")).assign(data.items());
    let by_id = m.views.iter().map(|(&d, v)| (data.items()[d].id.clone(), (v.count, v.timestamps.len()))).collect();
    (by_id, m.warnings)
}

fn counts(list: &[(&str, u64, usize)]) -> BTreeMap<String, (u64, usize)> {
    list.iter().map(|&(id, c, t)| (id.to_owned(), (c, t))).collect()
}

#[test]
fn ga4_and_plausible_page_exports_match_articles_by_path() {
    let site = load(&fixture("minisite"));
    let want = counts(&[("tin/ha-noi-toulouse", 420, 0), ("tin/da-nang-nantes", 300, 0), ("tin/lao-cai", 120, 0)]);
    let (got, warnings) = views_for(&site, &fixture("views/ga4-pages.csv"));
    assert_eq!(got, want, "an absolute canonical, /a/ and /a/index.html all match; rows of one page add up");
    let name = fixture("views/ga4-pages.csv").display().to_string();
    assert_eq!(
        warnings,
        [
            format!("{name}: 1 row without a page (a total, \"(not set)\") skipped"),
            format!("{name}: 2 pages or ids match no article, 510 views ignored: \"/\", \"/lien-he/\""),
        ]
    );
    let (got, warnings) = views_for(&site, &fixture("views/plausible-pages.csv"));
    assert_eq!(got, want, "pageviews, not visitors");
    assert_eq!(warnings.len(), 1);
}

#[test]
fn dated_rows_rank_in_the_windows_and_every_form_agrees() {
    let site = load(&fixture("minisite"));
    // A row of a day counts at its noon (UTC); today's, not yet at noon, at now. Only
    // the 30 days up to now are kept as timestamps; older days add to the count.
    let (ga4, _) = views_for(&site, &fixture("views/ga4-daily.csv"));
    assert_eq!(ga4, counts(&[("tin/ha-noi-toulouse", 300, 300), ("tin/da-nang-nantes", 57, 57), ("tin/lao-cai", 1040, 40)]));
    let (plausible, w) = views_for(&site, &fixture("views/plausible-imported_pages.csv"));
    assert!(w.is_empty(), "{w:?}");
    let (json, w) = views_for(&site, &fixture("views/views.json"));
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(plausible, json, "a full URL with a query, index.html and an id");
    let engine = Engine::new(site);
    let extra = views::read(&fixture("views/ga4-daily.csv"), now()).unwrap().assign(engine.dataset().items()).views;
    let ranked = |w: Window| -> Vec<(String, u64)> {
        let q = MostReadQuery { window: Some(w), now: Some(now()), ..Default::default() };
        engine.most_read(&q, &extra).unwrap().items.into_iter().filter(|i| i.views > 0).map(|i| (i.id, i.views)).collect()
    };
    let list = |l: &[(&str, u64)]| l.iter().map(|&(i, v)| (i.to_owned(), v)).collect::<Vec<_>>();
    assert_eq!(ranked(Window::Day), list(&[("tin/ha-noi-toulouse", 300), ("tin/da-nang-nantes", 7)]));
    assert_eq!(ranked(Window::Week), list(&[("tin/ha-noi-toulouse", 300), ("tin/da-nang-nantes", 57)]));
    assert_eq!(ranked(Window::Month), list(&[("tin/ha-noi-toulouse", 300), ("tin/da-nang-nantes", 57), ("tin/lao-cai", 40)]));
    assert_eq!(ranked(Window::All), list(&[("tin/lao-cai", 1040), ("tin/ha-noi-toulouse", 300), ("tin/da-nang-nantes", 57)]));
}

#[test]
fn paths_compare_decoded_and_any_common_header_is_read() {
    let data = load(&temp_file(
        "vi-urls.json",
        r#"{"articles": [{"id": "a", "title": "Hà Nội", "url": "/tin/hà-nội/"}, {"id": "b", "title": "Huế", "url": "https://bao.example/tin/hue.html"}]}"#,
    ));
    let matomo = temp_file("matomo.csv", "Label,Nb_visits,Nb_hits\n/tin/h%C3%A0-n%E1%BB%99i,3,5\ntin/hue.html,1,2\n/tin/hue.html#binh-luan,1,1\n");
    assert_eq!(views_for(&data, &matomo).0, counts(&[("a", 5, 0), ("b", 3, 0)]));
    let generic = temp_file("generic.csv", "\u{feff}URL;COUNT\n");
    let e = views::read(&generic, now()).err().unwrap();
    assert!(e.contains("no page column"), "a ';' file has one column: {e}");
    let generic = temp_file("generic2.csv", "url,count\nhttps://bao.example/tin/h%c3%a0-n%e1%bb%99i/index.html,4\n");
    assert_eq!(views_for(&data, &generic).0, counts(&[("a", 4, 0)]));
    // The object form of before: ids, and paths where no id matches.
    let obj = temp_file("obj.json", r#"{"b": 2, "/tin/hà-nội": ["2026-11-20T10:00:00Z"], "gone": 9}"#);
    let (got, w) = views_for(&data, &obj);
    assert_eq!(got, counts(&[("a", 1, 1), ("b", 2, 0)]));
    assert!(w[0].ends_with("1 page or id matches no article, 9 views ignored: \"gone\""), "{w:?}");
}

#[test]
fn bad_views_are_named_by_file_row_and_column() {
    let read = |name: &str, text: &str| {
        let f = temp_file(name, text);
        (views::read(&f, now()).err().unwrap(), f.display().to_string())
    };
    let (e, f) = read("views.csv", "# GA4\n#\n\nPage path,Views\n/a,1\n/b,2\n/c,abc\n");
    assert_eq!(e, format!("{f}: row 7: column \"Views\": expected a whole number, got \"abc\""));
    let (e, f) = read("views2.csv", "Date,Page,Pageviews\n2026-11-20,/a,-1\n2026-13-01,/b,1\n");
    assert_eq!(e, format!("{f}: 2 problems\n  row 2: column \"Pageviews\": expected a whole number, got \"-1\"\n  row 3: column \"Date\": expected a date (YYYY-MM-DD or YYYYMMDD), got \"2026-13-01\""));
    let (e, f) = read("views3.csv", "Trang,Lượt xem\n/a,1\n");
    assert!(e.starts_with(&format!("{f}: no page column (one of \"page path and screen class\"")) && e.ends_with("the header is \"Trang\", \"Lượt xem\""), "{e}");
    let (e, f) = read("views4.json", r#"[{"path": "/a", "views": 1.5}, {"views": 2}, {"id": 3, "count": 1}, {"path": "/b", "views": 1, "date": "hôm qua"}]"#);
    assert_eq!(e, format!("{f}: 4 problems\n  [0], field \"views\": expected a whole number, got 1.5\n  [1]: missing \"path\" (or \"url\", \"page\", \"id\")\n  [2], field \"id\": expected a string, got a number\n  [3], field \"date\": expected a date (YYYY-MM-DD or YYYYMMDD), got \"hôm qua\""));
    let (e, f) = read("views5.json", r#"{"a": -3}"#);
    assert_eq!(e, format!("{f}: \"a\": expected a whole number of views, got -3"));
    let (e, f) = read("views6.json", "[1,");
    assert!(e.starts_with(&format!("{f}: invalid JSON")), "{e}");
}
