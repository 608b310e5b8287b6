//! `tinbai build --site DIR --inject`: the binary, run on copies of the fixture
//! sites, fills each page's placeholders with the widgets `render … --html` prints,
//! de-duplicated per page, and changes nothing else.
#![cfg(not(target_arch = "wasm32"))]

use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
#[path = "../common/mod.rs"]
mod common;
use common::{fixture, fixture_copy, ok, tinbai};
use tinbai::store::{read, shard_of, File};

const NOW: &str = "2026-06-01T00:00:00Z";

/// The fixture site's articles by their views in `views.csv`, most first (its
/// README's table): the order every most-read list follows.
const CSV_ORDER: &[&str] = &[
    "metro-nhon-ga-ha-noi-khai-thac-doan-ngam",
    "v-league-ha-noi-fc-thang-nam-dinh",
    "de-toan-thi-tot-nghiep-thpt-2026-phan-hoa-tot",
    "hon-1-1-trieu-thi-sinh-thi-tot-nghiep-thpt-2026",
    "doi-tuyen-viet-nam-trieu-tap-27-cau-thu-thang-6",
    "tau-metro-chay-suot-nhon-ga-ha-noi",
    "gia-ca-phe-dak-lak-vuot-130000-dong",
    "sot-xuat-huyet-tang-gan-gap-doi-canh-bao-dinh-dich-som",
    "ca-mau-han-man-thieu-nuoc-sinh-hoat",
    "startup-ai-tp-hcm-goi-von-12-trieu-usd",
    "ben-tre-man-vao-sau-65-km-cuu-vuon-sau-rieng",
    "da-nang-du-kien-don-1-2-trieu-khach-quoc-te-he-2026",
    "le-hoi-ao-dai-tp-hcm-2026",
    "cang-cai-mep-thi-vai-don-tau-24000-teu",
    "metro-so-3-don-khach-bon-ga-ngam",
    "hue-nouvelle-aquitaine-bao-ton-nha-vuon-kim-long",
];

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `dir`, by path from it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                walk(root, &e.path(), out);
            } else {
                let rel = e.path().strip_prefix(root).unwrap().to_str().unwrap().replace('\\', "/");
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn pages(dir: &Path) -> BTreeMap<String, String> {
    files(dir).into_iter().filter(|(p, _)| p.ends_with(".html")).map(|(p, b)| (p, String::from_utf8(b).unwrap())).collect()
}

/// Edit one page of a copy.
fn edit(dir: &Path, page: &str, from: &str, to: &str) {
    let path = dir.join(page);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{page} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// `build --site DIR --inject`: its summary and stderr.
fn inject(dir: &Path, extra: &[&str]) -> (serde_json::Value, String) {
    let out_dir = dir.join("tinbai-index");
    let mut args = vec!["build", "--site", s(dir), "--out", s(&out_dir), "--now", NOW, "--inject"];
    args.extend_from_slice(extra);
    let out = ok(&args);
    (serde_json::from_slice(&out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn views() -> String {
    s(&fixture("site/views.csv")).to_owned()
}

/// The page with each placeholder hollowed: the widget a build wrote (one
/// `<section>`) or whatever it held before, and the state attribute, taken out.
/// Whatever is left must be the same before and after.
fn hollow(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<div data-tinbai=") {
        let end = at + rest[at..].find('>').unwrap() + 1;
        out.push_str(&rest[..end].replace(" data-tinbai-state=\"static\"", ""));
        let mut inner = &rest[end..];
        if inner.starts_with("<section") {
            // The widget: up to its own </section>, sections nest in it.
            let mut depth = 0;
            let mut i = 0;
            loop {
                let open = inner[i..].find("<section").map(|k| k + i);
                let close = inner[i..].find("</section>").map(|k| k + i).unwrap();
                match open {
                    Some(o) if o < close => {
                        depth += 1;
                        i = o + 1;
                    }
                    _ => {
                        depth -= 1;
                        i = close + "</section>".len();
                        if depth == 0 {
                            break;
                        }
                    }
                }
            }
            inner = &inner[i..];
        }
        // What the placeholder held before a build: nothing, or a loading line.
        let close = inner.find("</div>").unwrap();
        out.push_str("</div>");
        rest = &inner[close + "</div>".len()..];
    }
    out.push_str(rest);
    out
}

/// A placeholder as the page now has it.
#[derive(Debug)]
struct Placed {
    widget: String,
    state: Option<String>,
    lang: Option<String>,
    /// The items it lists (related and most-read).
    ids: Vec<String>,
    outer: String,
}

fn placed(html: &str) -> Vec<Placed> {
    let doc = Html::parse_document(html);
    let ph = Selector::parse("[data-tinbai]").unwrap();
    let li = Selector::parse("li.tinbai-item[data-id]").unwrap();
    let section = Selector::parse("section[data-tinbai-widget]").unwrap();
    doc.select(&ph)
        .map(|el| Placed {
            widget: el.value().attr("data-tinbai").unwrap().to_owned(),
            state: el.value().attr("data-tinbai-state").map(str::to_owned),
            lang: el.select(&section).next().and_then(|s| s.value().attr("lang")).map(str::to_owned),
            ids: el.select(&li).map(|l| l.value().attr("data-id").unwrap().to_owned()).collect(),
            outer: el.html(),
        })
        .collect()
}

fn ids_of(out: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap().iter().map(|it| it["id"].as_str().unwrap().to_owned()).collect()
}

/// `tinbai related ID` over the site, as the CLI answers it.
fn related_cli(dir: &Path, id: &str) -> Vec<String> {
    ids_of(&ok(&["related", id, "--dataset", s(dir)]))
}

/// `tinbai most-read` over the site with the build's views and clock.
fn most_read_cli(dir: &Path, window: &str, exclude: &[String]) -> Vec<String> {
    let views = views();
    let mut args = vec!["most-read", "--window", window, "--views", &views, "--now", NOW, "--dataset", s(dir)];
    for id in exclude {
        args.extend(["--exclude", id.as_str()]);
    }
    ids_of(&ok(&args))
}

/// The related list the built index holds for `id`, as the browser reads it
/// (the first five).
fn related_in_index(index: &Path, id: &str) -> Vec<String> {
    let header = read::header(&std::fs::read(index.join(File::Header.name())).unwrap()).unwrap();
    let bytes = std::fs::read(index.join(File::Shard(shard_of(id, header.shards)).name())).unwrap();
    let list = read::shard(&bytes).unwrap().related(id).unwrap().unwrap();
    list.items.into_iter().take(5).map(|it| it.id).collect()
}

/// The CSV's order without the ids in `not`, the first five.
fn csv_order_without(not: &[String]) -> Vec<String> {
    CSV_ORDER.iter().map(|slug| format!("tin/{slug}")).filter(|id| !not.contains(id)).take(5).collect()
}

fn is_article(page: &str) -> bool {
    page.starts_with("tin/") && page != "tin/index.html"
}

fn article_id(page: &str) -> String {
    page.trim_end_matches("/index.html").to_owned()
}

#[test]
fn the_fixture_site_gets_its_widgets_in_its_pages_and_nothing_else_changes() {
    let dir = fixture_copy("site/public", "site");
    let odd = "tin/le-hoi-ao-dai-tp-hcm-2026/index.html";
    edit(&dir, odd, r#"<div data-tinbai="partnership"></div>"#, r#"<div data-tinbai="partnership" data-partnership="khong-co-that"></div>"#);
    let before = pages(&dir);
    let (summary, stderr) = inject(&dir, &["--views", &views()]);

    // Every placeholder but the unknown partnership's.
    let count = before.values().map(|p| p.matches("data-tinbai=\"").count()).sum::<usize>();
    let with = before.values().filter(|p| p.contains("data-tinbai=\"")).count();
    let injected = &summary["injected"];
    assert_eq!(injected["placeholders"].as_u64(), Some(count as u64 - 1), "{summary}");
    assert_eq!((injected["pages"].as_u64(), injected["changed"].as_u64(), injected["left"].as_u64()), (Some(with as u64), Some(with as u64), Some(1)));
    assert!(count >= 75 + 5, "three widgets on each article page, most-read on the list pages: {count}");

    // The unknown partnership is a warning naming the page and the placeholder, and
    // left as it was; the page's other widgets are there.
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("tinbai: warning:") && l.contains("placeholder")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains(odd) && warnings[0].contains(r#"data-tinbai="partnership" data-partnership="khong-co-that""#) && warnings[0].contains("khong-co-that"), "{}", warnings[0]);
    let after = pages(&dir);
    let odd_page = placed(&after[odd]);
    assert_eq!(odd_page.iter().map(|p| (p.widget.as_str(), p.state.as_deref())).collect::<Vec<_>>(), [("related", Some("static")), ("most-read", Some("static")), ("partnership", None)]);
    assert!(after[odd].contains(r#"<div data-tinbai="partnership" data-partnership="khong-co-that"></div>"#));

    let index = dir.join("tinbai-index");
    let mut related_seen = 0;
    for (page, html) in &after {
        // Byte for byte the same page around the placeholders.
        assert_eq!(hollow(html), hollow(&before[page]), "{page}");
        let widgets = placed(html);
        if is_article(page) {
            let id = article_id(page);
            let [related, most_read, partnership] = &widgets[..] else { panic!("{page}: {widgets:?}") };
            assert_eq!((related.widget.as_str(), most_read.widget.as_str(), partnership.widget.as_str()), ("related", "most-read", "partnership"));
            assert_eq!(related.state.as_deref(), Some("static"), "{page}");
            assert_eq!(related.lang.as_deref(), Some("vi"), "<html lang=\"vi\">");
            // The page's own article's list: the CLI's, and the index's the browser reads.
            assert_eq!(related.ids, related_cli(&dir, &id), "{page}");
            assert_eq!(related.ids, related_in_index(&index, &id), "{page}");
            assert!(!related.ids.contains(&id), "{page} recommends itself");
            related_seen += related.ids.len();
            // Most read over the same views and clock, without what related shows
            // nor the page's own article; in the CSV's order.
            let mut taken = related.ids.clone();
            taken.push(id.clone());
            assert_eq!(most_read.ids, most_read_cli(&dir, "7d", &taken), "{page}");
            assert!(most_read.ids.iter().all(|m| !taken.contains(m)), "{page}: an article twice, or its own");
            let order = csv_order_without(&[]);
            let positions: Vec<usize> = most_read.ids.iter().map(|m| CSV_ORDER.iter().position(|s| format!("tin/{s}") == *m).unwrap()).collect();
            assert!(positions.windows(2).all(|w| w[0] < w[1]), "{page}: {:?} against {order:?}", most_read.ids);
            if page != odd {
                assert_eq!(partnership.state.as_deref(), Some("static"));
                assert!(partnership.outer.contains("data-partnership=\"overview\""), "{page}");
            }
        } else {
            // A list page: its most-read, over every article.
            let most_read: Vec<&Placed> = widgets.iter().filter(|w| w.widget == "most-read").collect();
            assert!(most_read.iter().all(|w| w.state.as_deref() == Some("static")), "{page}");
            for w in most_read {
                assert_eq!(w.ids, most_read_cli(&dir, "7d", &[]), "{page}");
            }
        }
    }
    assert!(related_seen >= 20, "the related lists are not all empty: {related_seen}");

    // A second run changes nothing: not the pages, not the index.
    let first = files(&dir);
    let (again, _) = inject(&dir, &["--views", &views()]);
    assert_eq!(again["injected"]["changed"].as_u64(), Some(0), "{again}");
    assert_eq!(again["injected"]["placeholders"], summary["injected"]["placeholders"]);
    let second = files(&dir);
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} changed on the second run");
    }
}

#[test]
fn most_read_holds_the_views_order_and_the_earlier_widget_keeps_an_article() {
    let dir = fixture_copy("site/public", "order");
    // Every window counts the CSV's plain totals.
    for (page, html) in pages(&dir) {
        std::fs::write(dir.join(&page), html.replace(r#"data-window="7d""#, r#"data-window="all""#)).unwrap();
    }
    // Most read first on one page; on another it keeps what related shows.
    let swapped = "tin/v-league-ha-noi-fc-thang-nam-dinh/index.html";
    edit(&dir, swapped, "<div data-tinbai=\"related\" data-article=\"auto\"></div>\n<div data-tinbai=\"most-read\" data-window=\"all\"></div>", "<div data-tinbai=\"most-read\" data-window=\"all\"></div>\n<div data-tinbai=\"related\" data-article=\"auto\"></div>");
    let off = "tin/tau-metro-chay-suot-nhon-ga-ha-noi/index.html";
    edit(&dir, off, r#"<div data-tinbai="most-read" data-window="all">"#, r#"<div data-tinbai="most-read" data-window="all" data-dedupe="off">"#);
    let (_, stderr) = inject(&dir, &["--views", &views()]);
    assert!(!stderr.contains("placeholder"), "{stderr}");

    for (page, html) in pages(&dir) {
        let widgets = placed(&html);
        let most_read = widgets.iter().find(|w| w.widget == "most-read").unwrap();
        if !is_article(&page) {
            assert_eq!(most_read.ids, csv_order_without(&[]), "{page}");
            continue;
        }
        let id = article_id(&page);
        let related = widgets.iter().find(|w| w.widget == "related").unwrap();
        let own = vec![id.clone()];
        if page == swapped {
            // Most read comes first: it keeps its articles, related goes without them.
            assert_eq!(most_read.ids, csv_order_without(&own), "{page}");
            let full = related_cli(&dir, &id);
            assert!(full.iter().any(|r| most_read.ids.contains(r)), "the test needs an article both would show: {full:?}");
            assert!(related.ids.iter().all(|r| !most_read.ids.contains(r)), "{page}: {:?} {:?}", related.ids, most_read.ids);
            assert_eq!(related.ids, full.iter().filter(|r| !most_read.ids.contains(r)).cloned().collect::<Vec<_>>(), "{page}");
            continue;
        }
        assert_eq!(related.ids, related_cli(&dir, &id), "{page}");
        let mut taken = related.ids.clone();
        taken.push(id.clone());
        if page == off {
            // Out of de-duplication: the whole list, its own article aside.
            assert_eq!(most_read.ids, csv_order_without(&own), "{page}");
            assert!(most_read.ids.iter().any(|m| related.ids.contains(m)), "the test needs an article both show: {:?} {:?}", related.ids, most_read.ids);
        } else {
            assert_eq!(most_read.ids, csv_order_without(&taken), "{page}");
        }
    }
}

#[test]
fn the_minisite_widgets_are_what_render_html_prints() {
    let dir = fixture_copy("minisite", "mini");
    let list = "tin/index.html";
    edit(
        &dir,
        list,
        "  </main>",
        "  <div data-tinbai=\"most-read\" data-limit=\"2\" data-lang=\"en\" data-link-template=\"/tin/{id}/?from=doc-nhieu&amp;x=1\"></div>\n  <div data-tinbai=\"related\"></div>\n  <div data-tinbai=\"related\" data-article=\"tin/lao-cai\" data-heading-level=\"3\"></div>\n  </main>",
    );
    let views = dir.join("views.csv");
    std::fs::write(&views, "Page path + query string,Views\n/tin/lao-cai/,30\n/tin/da-nang-nantes.html,20\n/tin/ha-noi-toulouse/,10\n").unwrap();
    let views = s(&views).to_owned();
    let before = pages(&dir);
    let (summary, stderr) = inject(&dir, &["--views", &views]);
    assert!(!stderr.contains("warning"), "{stderr}");
    let injected = &summary["injected"];
    assert_eq!((injected["pages"].as_u64(), injected["placeholders"].as_u64(), injected["left"].as_u64()), (Some(2), Some(3), Some(1)), "{summary}");
    let after = pages(&dir);
    for (page, html) in &after {
        assert_eq!(hollow(html), hollow(&before[page]), "{page}");
    }

    // The article's placeholder holds exactly what `render related --html` prints,
    // its loading line gone.
    let page = "tin/ha-noi-toulouse/index.html";
    let html = &after[page];
    assert!(!html.contains("Đang tải tin liên quan"));
    let rendered = ok(&["render", "related", "tin/ha-noi-toulouse", "--dataset", s(&dir), "--id-prefix", "tinbai-1", "--html"]);
    let rendered = String::from_utf8(rendered.stdout).unwrap();
    assert!(html.contains(rendered.trim()), "{html}\n---\n{rendered}");

    // The list page: most-read with its own options; related without an article of
    // its own is left for the browser; an explicit article is honoured.
    let widgets = placed(&after[list]);
    assert_eq!(widgets.len(), 3);
    assert_eq!((widgets[0].state.as_deref(), widgets[0].lang.as_deref(), widgets[0].ids.len()), (Some("static"), Some("en"), 2));
    assert_eq!(widgets[0].ids, ["tin/lao-cai", "tin/da-nang-nantes"]);
    assert_eq!(widgets[1].outer, r#"<div data-tinbai="related"></div>"#);
    assert_eq!(widgets[2].state.as_deref(), Some("static"));
    assert_eq!(widgets[2].ids, related_cli(&dir, "tin/lao-cai"));
    assert!(widgets[2].outer.contains("<h3 class=\"tinbai-heading\" id=\"tinbai-3-h\">"), "{}", widgets[2].outer);

    // Again: nothing changes.
    let first = files(&dir);
    let (again, _) = inject(&dir, &["--views", &views]);
    assert_eq!(again["injected"]["changed"].as_u64(), Some(0));
    assert!(files(&dir) == first);
}

#[test]
fn inject_needs_a_site_and_view_flags_need_inject() {
    let dir = fixture_copy("minisite", "flags");
    let out = s(&dir.join("idx")).to_owned();
    let feed = s(&fixture("feeds/dataset.json")).to_owned();
    for args in [vec!["build", "--input", &feed, "--out", &out, "--inject"], vec!["build", "--site", s(&dir), "--out", &out, "--lang", "en"]] {
        let o = tinbai(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    }
    // The CLI's view flags are the defaults the placeholders do not override.
    let (_, _) = inject(&dir, &["--lang", "fr", "--layout", "compact"]);
    let html = std::fs::read_to_string(dir.join("tin/ha-noi-toulouse/index.html")).unwrap();
    assert!(html.contains(r#"class="tinbai tinbai-related tinbai--compact""#) && html.contains(r#"lang="fr""#), "{html}");
}
