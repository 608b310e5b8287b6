//! The widget trees and their static HTML: structure, links, reasons, facts, escaping.
#![cfg(not(target_arch = "wasm32"))]

use tinbai::dataset::value::parse_json;
use tinbai::engine::{Engine, MostReadQuery, RelatedQuery};
use tinbai::markup::{self, Element, Layout, Theme, View};
use std::collections::HashMap;

const LAO_CAI: &str = "hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai";
const HUE: &str = "thua-thien-hue-thuc-day-moi-quan-he-hop-tac-tren-nhieu-linh-voi-vung-nouvelle";

fn view() -> View {
    View { id_prefix: "w1".into(), ..View::default() }.link_template("/tin/{id}").unwrap()
}

fn related_tree(e: &Engine, id: &str, v: &View) -> Element {
    let list = e.related(&RelatedQuery { article: Some(id.into()), limit: Some(3), ..Default::default() }).unwrap();
    markup::related(e, &list, v)
}

#[test]
fn related_is_a_labelled_section_with_a_list_of_links() {
    let e = Engine::bundled().unwrap();
    let t = related_tree(&e, LAO_CAI, &view());
    assert_eq!(t.tag, "section");
    assert_eq!(t.attr("aria-labelledby"), Some("w1-h"));
    let h = t.descendants().into_iter().find(|x| x.tag == "h2").unwrap();
    assert_eq!((h.attr("id"), h.text_content().as_str()), (Some("w1-h"), "Tin bài liên quan"));
    let items = t.by_class("tinbai-item");
    assert_eq!(items.len(), 3);
    let first = items[0];
    assert_eq!(first.tag, "li");
    assert_eq!(first.attr("data-id"), Some(HUE));
    assert!(first.attr("data-places").unwrap().split('|').any(|p| p == "Nouvelle-Aquitaine"));
    assert!(first.attr("data-terms").unwrap().contains("hợp tác"));
    assert!(first.attr("data-score").unwrap().parse::<f64>().unwrap() > 0.0);
    let a = first.descendants().into_iter().find(|x| x.tag == "a").unwrap();
    assert_eq!(a.attr("href").unwrap(), format!("/tin/{HUE}"));
    // The count is announced in a polite live region, not the whole list.
    let status = &t.by_class("tinbai-status")[0];
    assert_eq!((status.attr("aria-live"), status.text_content().as_str()), (Some("polite"), "3 tin bài liên quan"));
    assert!(t.by_class("tinbai-list")[0].attr("aria-live").is_none());
}

#[test]
fn options_change_labels_layout_theme_heading_and_targets() {
    let e = Engine::bundled().unwrap();
    let v = View { layout: Layout::Compact, theme: Theme::Dark, ..view() }.lang("fr").unwrap().heading("À lire aussi").unwrap().target("_blank").unwrap();
    let t = related_tree(&e, LAO_CAI, &v);
    assert!(t.attr("class").unwrap().contains("tinbai--compact"));
    assert_eq!((t.attr("data-theme"), t.attr("lang")), (Some("dark"), Some("fr")));
    assert_eq!(t.descendants().into_iter().find(|x| x.tag == "h2").unwrap().text_content(), "À lire aussi");
    let a = t.descendants().into_iter().find(|x| x.tag == "a").unwrap();
    assert_eq!((a.attr("target"), a.attr("rel")), (Some("_blank"), Some("noopener")));
    assert_eq!(t.by_class("tinbai-status")[0].text_content(), "3 articles liés");
}

#[test]
fn an_items_own_url_wins_over_the_template_and_ids_are_encoded() {
    let data = parse_json(
        r#"{"articles": [
            {"id": "a", "title": "Đà Nẵng hợp tác với Nantes", "url": "https://bao.vn/a"},
            {"id": "b c/d", "title": "Nantes và Đà Nẵng hợp tác", "kind": "video"},
            {"id": "e", "title": "Đà Nẵng – Nantes: hợp tác mới", "kind": "infographic"}
        ]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    let list = e.related(&RelatedQuery { text: Some("Đà Nẵng Nantes hợp tác".into()), limit: Some(5), ..Default::default() }).unwrap();
    let t = markup::related(&e, &list, &view());
    let href = |id: &str| {
        let li = t.by_class("tinbai-item").into_iter().find(|li| li.attr("data-id") == Some(id)).unwrap();
        li.descendants().into_iter().find(|x| x.tag == "a").unwrap().attr("href").unwrap().to_owned()
    };
    assert_eq!(href("a"), "https://bao.vn/a");
    assert_eq!(href("b c/d"), "/tin/b%20c%2Fd");
    let badges: Vec<(Option<&str>, String)> = t.by_class("tinbai-badge").iter().map(|b| (b.attr("data-kind"), b.text_content())).collect();
    assert!(badges.contains(&(Some("video"), "Video".into())));
    assert!(badges.contains(&(Some("infographic"), "Infographic".into())));
}

#[test]
fn an_empty_list_says_why_in_words() {
    let e = Engine::bundled().unwrap();
    let list = e.related(&RelatedQuery { text: Some("zzzz".into()), ..Default::default() }).unwrap();
    let t = markup::related(&e, &list, &view());
    let empty = &t.by_class("tinbai-empty")[0];
    assert_eq!(empty.attr("data-reason"), Some("no_shared_terms"));
    assert!(empty.text_content().contains("Chưa có"));
    assert!(t.by_class("tinbai-list").is_empty());
}

#[test]
fn most_read_is_an_ordered_list_with_grouped_view_counts() {
    let data = parse_json(r#"{"articles": [{"id": "a", "title": "A", "views": 12345}, {"id": "b", "title": "B", "views": 7}]}"#).unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    let list = e.most_read(&MostReadQuery::default(), &HashMap::new()).unwrap();
    for (lang, first, second) in [("vi", "12.345 lượt xem", "7 lượt xem"), ("en", "12,345 views", "7 views"), ("fr", "12\u{202f}345 vues", "7 vues")] {
        let t = markup::most_read(&e, &list, &view().lang(lang).unwrap());
        assert_eq!(t.by_class("tinbai-list")[0].tag, "ol");
        let views: Vec<String> = t.by_class("tinbai-views").iter().map(|v| v.text_content()).collect();
        assert_eq!(views, [first, second]);
        assert_eq!(t.attr("data-basis"), Some("views"));
    }
}

#[test]
fn a_plain_count_in_a_window_says_it_is_a_total_and_no_views_shows_the_newest_under_its_own_heading() {
    let data = parse_json(
        r#"{"articles": [{"id": "a", "title": "A", "views": 12345, "published": "2026-01-01T00:00:00Z"}, {"id": "b", "title": "B", "published": "2026-02-01T00:00:00Z"}]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    let week = MostReadQuery { window: Some(tinbai::rank::most_read::Window::Week), ..Default::default() };
    let list = e.most_read(&week, &HashMap::new()).unwrap();
    for (lang, total) in [("vi", "tổng 12.345 lượt xem"), ("en", "12,345 views in all"), ("fr", "12\u{202f}345 vues au total")] {
        let t = markup::most_read(&e, &list, &view().lang(lang).unwrap());
        let views: Vec<String> = t.by_class("tinbai-views").iter().map(|v| v.text_content()).collect();
        assert_eq!(views, [total]);
        assert_eq!(t.by_class("tinbai-item")[0].attr("data-basis"), Some("total"));
    }
    // Excluding the one read item leaves nothing ranked: the newest, said as such,
    // even under a heading the host chose for its most-read list.
    let list = e.most_read(&MostReadQuery { exclude: vec!["a".into()], ..week }, &HashMap::new()).unwrap();
    for (lang, heading, count) in [("vi", "Tin mới nhất", "1 tin mới nhất"), ("en", "Latest", "1 latest article"), ("fr", "Les plus récents", "1 article récent")] {
        let t = markup::most_read(&e, &list, &view().lang(lang).unwrap().heading("Đọc nhiều trong tuần").unwrap());
        assert_eq!(t.attr("data-basis"), Some("newest"));
        let h = t.descendants().into_iter().find(|x| x.tag == "h2").unwrap();
        assert_eq!(h.text_content(), heading);
        assert_eq!(t.by_class("tinbai-status")[0].text_content(), count);
        assert!(t.by_class("tinbai-views").is_empty(), "no view count for an unread item");
        assert_eq!(t.by_class("tinbai-item")[0].attr("data-basis"), Some("newest"));
    }
}

#[test]
fn the_partnership_card_has_partners_years_tiles_sources_and_a_timeline() {
    let e = Engine::bundled().unwrap();
    let p = e.partnership("ha-noi-toulouse", 2026).unwrap();
    let t = markup::partnership(&e, Some(&p), 2026, &view());
    let partners: Vec<String> = t.by_class("tinbai-partner").iter().map(|x| x.text_content()).collect();
    assert_eq!(partners, ["Hà Nội", "Toulouse"]);
    let tiles: Vec<(Option<&str>, String)> =
        t.by_class("tinbai-tile").iter().map(|x| (x.attr("data-key"), x.by_class("tinbai-number")[0].text_content())).collect();
    assert_eq!(tiles, [(Some("since"), "1996".to_owned()), (Some("years"), "30".to_owned())]);
    let years = t.by_class("tinbai-tile")[1];
    assert_eq!(years.attr("data-derived"), Some("true"));
    assert!(years.by_class("tinbai-derived")[0].text_content().contains("2026 − 1996"));
    // Every number links to its source item and shows the quote.
    for tile in t.by_class("tinbai-tile") {
        let quotes = tile.by_class("tinbai-quote");
        assert!(!quotes.is_empty());
        let link = &tile.by_class("tinbai-source-link")[0];
        assert!(link.attr("href").unwrap().starts_with("/tin/"));
        assert!(quotes[0].text_content().contains("1996"));
    }
    // All four dated partnerships on the timeline; this one highlighted.
    let ticks = t.descendants().into_iter().filter(|x| x.attr("class") == Some("tinbai-tick")).collect::<Vec<_>>();
    assert_eq!(ticks.len(), 4);
    assert!(ticks.iter().all(|x| x.svg));
    let current: Vec<_> = ticks.iter().filter(|x| x.attr("data-current") == Some("true")).map(|x| x.attr("data-id")).collect();
    assert_eq!(current, [Some("ha-noi-toulouse")]);
    assert!(!t.by_class("tinbai-mentions").is_empty());
}

#[test]
fn the_overview_card_shows_the_conference_and_the_whole_cooperation_with_disputes_marked() {
    let e = Engine::bundled().unwrap();
    let t = markup::partnership(&e, None, 2026, &view());
    let overviews = t.by_class("tinbai-overview");
    assert_eq!(overviews.len(), 2);
    let numbers: Vec<String> = overviews[0].by_class("tinbai-number").iter().map(|x| x.text_content()).collect();
    assert_eq!(numbers[..4], ["50", "12", "800+", "4"]);
    let whole: Vec<String> = overviews[1].by_class("tinbai-number").iter().map(|x| x.text_content()).collect();
    assert!(whole.contains(&"33+".to_owned()) && whole.contains(&"55".to_owned()) && whole.contains(&"1989".to_owned()));
    let disputed = t.descendants().into_iter().filter(|x| x.attr("data-disputed") == Some("true")).collect::<Vec<_>>();
    assert_eq!(disputed.len(), 1);
    assert_eq!(disputed[0].by_class("tinbai-flag")[0].text_content(), "Các nguồn chưa thống nhất");
    assert_eq!(disputed[0].by_class("tinbai-versions")[0].children.len(), 3);
}

#[test]
fn hostile_text_stays_text_in_the_tree_and_is_escaped_in_html() {
    let data = parse_json(
        r#"{"articles": [
            {"id": "x\"><script>alert(1)</script>", "title": "<img src=x onerror=alert(1)> Hà Nội"},
            {"id": "y", "title": "Hà Nội </script><b>bold</b> & co"}
        ]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    let list = e.related(&RelatedQuery { text: Some("Hà Nội".into()), min_score: Some(0.0), ..Default::default() }).unwrap();
    let t = markup::related(&e, &list, &view());
    let html = markup::to_html(&t);
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<b>bold"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("href=\"/tin/x%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E\""));
    // JSON-LD cannot be closed early from inside a title.
    let ld = html.split("application/ld+json\">").nth(1).unwrap().split("</script>").next().unwrap();
    assert!(!ld.contains('<'), "{ld}");
}

#[test]
fn bad_view_options_are_refused_by_name() {
    for (r, needle) in [
        (View::default().link_template("/tin/"), "linkTemplate"),
        (View::default().link_template("javascript:go('{id}')"), "linkTemplate"),
        (View::default().target("_evil"), "target"),
        (View::default().target("a b"), "target"),
        (View::default().lang("de"), "lang"),
        (View::default().heading("  "), "heading"),
    ] {
        assert!(r.unwrap_err().to_string().contains(needle), "{needle}");
    }
    assert!(Layout::parse("carousel").unwrap_err().to_string().contains("layout"));
    assert!(Theme::parse("sepia").unwrap_err().to_string().contains("theme"));
}

#[test]
fn heading_level_and_the_since_phrase_follow_the_view() {
    let e = Engine::bundled().unwrap();
    let mut v = view();
    v.heading_level = markup::HeadingLevel::new(4).unwrap();
    let t = markup::partnership(&e, None, 2026, &v);
    let tags: Vec<&str> = t.descendants().into_iter().filter(|x| x.tag.starts_with('h') && x.tag.len() == 2).map(|x| x.tag).collect();
    assert_eq!(tags.first(), Some(&"h4"));
    assert!(tags[1..].iter().all(|&t| t == "h5"), "{tags:?}");
    for bad in [0, 7, -1] {
        assert!(markup::HeadingLevel::new(bad).unwrap_err().to_string().contains("1 to 6"));
    }
    let p = e.partnership("ha-noi-ile-de-france", 2026).unwrap();
    for (lang, phrase) in [("vi", "từ năm 1989"), ("en", "since 1989"), ("fr", "depuis 1989")] {
        let t = markup::partnership(&e, Some(&p), 2026, &view().lang(lang).unwrap());
        let years = t.descendants().into_iter().find(|x| x.attr("data-key") == Some("years")).unwrap();
        assert!(years.by_class("tinbai-label")[0].text_content().ends_with(phrase), "{lang}");
        assert_eq!(years.by_class("tinbai-number")[0].text_content(), "37");
    }
}

#[test]
fn the_timeline_has_a_title_and_a_list_with_the_same_years() {
    let e = Engine::bundled().unwrap();
    let t = markup::partnership(&e, None, 2026, &view());
    let s = t.descendants().into_iter().find(|x| x.tag == "svg").unwrap();
    let title = s.descendants().into_iter().find(|x| x.tag == "title").unwrap();
    assert_eq!(s.attr("aria-labelledby"), title.attr("id"));
    let list = t.descendants().into_iter().find(|x| x.attr("id") == s.attr("aria-describedby")).unwrap();
    let drawn: Vec<String> = s.descendants().into_iter().filter(|x| x.tag == "text").map(|x| x.text_content()).collect();
    let listed: Vec<String> = list.children.iter().map(|c| match c {
        markup::Node::Element(li) => li.text_content().split(':').next().unwrap().to_owned(),
        markup::Node::Text(_) => String::new(),
    }).collect();
    assert!(drawn.len() >= 4, "{drawn:?}");
    assert_eq!(drawn, listed, "the text alternative gives every year the chart draws");
}

#[test]
fn a_partnership_card_carries_its_facts_and_sources_as_schema_org_data() {
    let e = Engine::bundled().unwrap();
    let p = e.partnership("ha-noi-ile-de-france", 2026).unwrap();
    let t = markup::partnership(&e, Some(&p), 2026, &view());
    let script = t.descendants().into_iter().find(|x| x.tag == "script").unwrap();
    assert_eq!(script.attr("type"), Some("application/ld+json"));
    let ld: serde_json::Value = serde_json::from_str(&script.text_content()).unwrap();
    let set = &ld["@graph"][0];
    assert_eq!(set["@type"], "Dataset");
    let since = set["variableMeasured"].as_array().unwrap().iter().find(|v| v["propertyID"] == "since").unwrap();
    assert_eq!(since["value"], 1989);
    let quote = since["subjectOf"][0]["text"].as_str().unwrap();
    assert!(quote.contains("từ năm 1989"));
    assert!(since["subjectOf"][0]["url"].as_str().unwrap().starts_with("/tin/"));
    // The overview card: every version of the disputed conference dates, each sourced.
    let o = markup::partnership(&e, None, 2026, &view());
    let ld: serde_json::Value = serde_json::from_str(&o.descendants().into_iter().find(|x| x.tag == "script").unwrap().text_content()).unwrap();
    let dates: Vec<&serde_json::Value> = ld["@graph"].as_array().unwrap().iter().flat_map(|d| d["variableMeasured"].as_array().unwrap()).filter(|v| v["propertyID"] == "dates").collect();
    assert_eq!(dates.len(), 3, "{dates:?}");
    assert!(dates.iter().all(|d| !d["subjectOf"].as_array().unwrap().is_empty()));
}

#[test]
fn cited_sources_name_the_article_and_link_nowhere() {
    // The bundled facts on a site whose own data is in use: the seed articles have
    // no page there, so no link may point at one, however the links are templated.
    let e = Engine::bundled().unwrap();
    let cited = View { citations: true, ..view() };
    let p = e.partnership("ha-noi-ile-de-france", 2026).unwrap();
    for t in [markup::partnership(&e, Some(&p), 2026, &cited), markup::partnership(&e, None, 2026, &cited)] {
        assert!(t.descendants().iter().all(|x| x.tag != "a" && x.attr("href").is_none() && x.attr("cite").is_none()), "{}", markup::to_html(&t));
        let citations = t.by_class("tinbai-citation");
        assert!(!citations.is_empty());
        for c in &citations {
            let id = c.attr("data-item").unwrap();
            let title = c.descendants().into_iter().find(|x| x.tag == "cite").unwrap().text_content();
            assert_eq!(title, e.dataset().get(id).unwrap().title, "the article's own headline");
        }
        let script = t.descendants().into_iter().find(|x| x.tag == "script").unwrap().text_content();
        assert!(!script.contains("\"url\""), "no URL in the structured data either: {script}");
        assert!(!t.by_class("tinbai-quote").is_empty(), "the quotes stay");
    }
    // The mentions list names the articles without links.
    let t = markup::partnership(&e, Some(&p), 2026, &cited);
    let mentions = t.by_class("tinbai-mentions");
    assert!(mentions.iter().all(|m| m.descendants().iter().all(|x| x.tag != "a")));
    // Linked, as on the demo: the same card with links.
    let linked = markup::partnership(&e, Some(&p), 2026, &view());
    assert!(linked.by_class("tinbai-citation").is_empty() && linked.descendants().iter().any(|x| x.tag == "a"));
}

#[test]
fn a_citation_gives_the_publication_and_date_when_the_article_has_them() {
    let root = parse_json(
        r#"{"articles": [{"id": "a", "title": "Hà Nội và Toulouse ký kết", "url": "https://www.baoquocte.vn/ha-noi-toulouse", "published": "2024-05-02T08:00:00+07:00",
            "body": ["Đến năm 1996, Hà Nội thiết lập quan hệ với thành phố Toulouse."]}],
           "partnerships": [{"id": "p", "partners": ["Hà Nội", "Toulouse"], "facts": [{"key": "since", "label": "Năm", "value": 1996,
            "sources": [{"item": "a", "quote": "Đến năm 1996, Hà Nội thiết lập quan hệ với thành phố Toulouse."}]}]}]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&root, false).unwrap();
    let p = e.partnership("p", 2026).unwrap();
    let t = markup::partnership(&e, Some(&p), 2026, &View { citations: true, ..view() });
    let c = t.by_class("tinbai-citation")[0];
    assert_eq!(c.text_content(), "Hà Nội và Toulouse ký kết, baoquocte.vn, 2024-05-02");
}
