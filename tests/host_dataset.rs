//! A site's own dataset: the schema, every kind of bad input, lenient mode and
//! round-tripping the bundled dump.
#![cfg(not(target_arch = "wasm32"))]

use tinbai::dataset::host::check_url;
use tinbai::dataset::value::parse_json;
use tinbai::engine::{Engine, RelatedQuery};
use tinbai::Error;

fn load(json: &str) -> Result<Engine, Error> {
    Engine::from_host(&parse_json(json).unwrap(), false).map(|(e, _)| e)
}

/// The single problem a dataset has, as text.
fn problem(json: &str) -> String {
    match load(json) {
        Err(Error::Data(p)) => {
            assert_eq!(p.len(), 1, "{p:#?}");
            p[0].to_string()
        }
        Err(other) => panic!("not a data error: {other}"),
        Ok(_) => panic!("loaded: {json}"),
    }
}

const GOOD: &str = r#"{"id": "ok", "title": "Bài hợp lệ"}"#;

fn with(article: &str) -> String {
    format!(r#"{{"articles": [{GOOD}, {article}]}}"#)
}

#[test]
fn a_full_article_loads_with_every_field() {
    let e = load(
        r#"{"articles": [{
            "id": "hn-tls", "title": "Hà Nội và Toulouse", "url": "https://example.vn/hn-tls",
            "published": "2025-05-31T08:00:00+07:00", "summary": "Tóm tắt", "body": "Đoạn một.\n\nĐoạn hai.",
            "kind": "video", "tags": ["Pháp", "hợp tác"], "image": "/img/a.jpg", "views": 12
        }]}"#,
    )
    .unwrap();
    let a = &e.dataset().items()[0];
    assert_eq!(a.body, ["Đoạn một.", "Đoạn hai."]);
    assert_eq!(a.published_at, Some(1_748_653_200));
    assert_eq!(a.kind, tinbai::dataset::Kind::Video);
    assert_eq!(a.views.as_ref().unwrap().count, 12);
    assert_eq!(a.tags, ["Pháp", "hợp tác"]);
}

#[test]
fn a_missing_title_is_named() {
    let m = problem(&with(r#"{"id": "x", "summary": "no title"}"#));
    assert_eq!(m, r#"articles[1] (id "x"), field "title": missing"#);
    let m = problem(&with(r#"{"id": "x", "title": "   "}"#));
    assert!(m.contains("\"title\": must not be empty"), "{m}");
}

#[test]
fn a_duplicate_id_names_both_places() {
    let m = problem(&with(r#"{"id": "ok", "title": "Again"}"#));
    assert_eq!(m, r#"articles[1] (id "ok"), field "id": duplicate of articles[0]"#);
}

#[test]
fn urls_must_be_http_or_relative() {
    for bad in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>", "java\nscript:alert(1)", " https://x.vn", "vbscript:x"] {
        let m = problem(&with(&format!(r#"{{"id": "x", "title": "t", "url": {}}}"#, serde_json::to_string(bad).unwrap())));
        assert!(m.starts_with(r#"articles[1] (id "x"), field "url""#), "{bad}: {m}");
    }
    for good in ["https://báo.vn/a?b=c#d", "http://x.vn", "/tin/1", "tin/1", "../a", "//cdn.vn/a.jpg", "?page=2", "a:b/../c"] {
        let ok = good != "a:b/../c";
        assert_eq!(check_url(good).is_ok(), ok, "{good}");
    }
    let m = problem(&with(r#"{"id": "x", "title": "t", "image": "file:///etc/passwd"}"#));
    assert!(m.contains("\"image\"") && m.contains("\"file\""), "{m}");
}

#[test]
fn an_invalid_date_is_named() {
    let m = problem(&with(r#"{"id": "x", "title": "t", "published": "31/05/2025"}"#));
    assert_eq!(m, r#"articles[1] (id "x"), field "published": "31/05/2025" is not a date (YYYY-MM-DD) or an RFC 3339 time"#);
    let m = problem(&with(r#"{"id": "x", "title": "t", "published": "2023-02-29"}"#));
    assert!(m.contains("published"));
}

#[test]
fn a_wrong_type_is_named() {
    for (field, value, expected) in [
        ("title", "42", "expected a string, got a number"),
        ("tags", r#"{"a": 1}"#, "expected a string or an array of strings, got an object"),
        ("kind", r#""podcast""#, r#"got "podcast""#),
        ("views", r#""many""#, "got a string"),
        ("summary", "[1]", "expected a string, got an array"),
    ] {
        let article = if field == "title" {
            format!(r#"{{"id": "x", "title": {value}}}"#)
        } else {
            format!(r#"{{"id": "x", "title": "t", "{field}": {value}}}"#)
        };
        let m = problem(&with(&article));
        assert!(m.contains(&format!("field \"{field}\"")) && m.contains(expected), "{field}: {m}");
    }
    let m = problem(r#"{"articles": {"id": "x"}}"#);
    assert_eq!(m, r#"dataset: "articles" must be an array, got an object"#);
    let m = problem(r#"[1, 2]"#);
    assert!(m.contains("expected an object"), "{m}");
    let m = problem(&format!(r#"{{"articles": [{GOOD}, "just a title"]}}"#));
    assert_eq!(m, "articles[1]: expected an object, got a string");
}

#[test]
fn every_problem_is_reported_at_once_and_nothing_panics() {
    let json = r#"{"articles": [
        {"id": "a"},
        {"id": "b", "title": "t", "url": "javascript:x", "published": "hôm qua"},
        {"title": "no id"},
        null,
        {"id": "a", "title": "dup"}
    ]}"#;
    match load(json) {
        Err(Error::Data(p)) => {
            let text: Vec<String> = p.iter().map(ToString::to_string).collect();
            // The first "a" is invalid, so the last one is not its duplicate.
            assert_eq!(text.len(), 5, "{text:#?}");
            assert!(text[1].contains("\"url\"") && text[2].contains("\"published\""));
            assert!(text[3].starts_with("articles[2], field \"id\": missing"));
            assert_eq!(text[4], "articles[3]: expected an object, got null");
        }
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn lenient_mode_keeps_the_valid_items_and_reports_the_rest() {
    let json = with(r#"{"id": "bad", "title": 7}"#);
    let (e, report) = Engine::from_host(&parse_json(&json).unwrap(), true).unwrap();
    assert_eq!(e.dataset().items().len(), 1);
    assert_eq!(report.articles, 1);
    assert_eq!(report.skipped.len(), 1);
    assert!(report.skipped[0].contains("\"bad\"") && report.skipped[0].contains("title"));
}

#[test]
fn an_unsafe_url_is_refused_or_in_lenient_mode_costs_only_the_link() {
    let json = with(r#"{"id": "bad", "title": "t", "url": "JaVa\tScript:x", "image": "data:image/svg+xml,<svg/onload=x>", "summary": "kept"}"#);
    let Err(Error::Data(p)) = load(&json) else { panic!("loaded: {json}") };
    let m: Vec<String> = p.iter().map(ToString::to_string).collect();
    assert!(m[0].contains(r#"(id "bad"), field "url": "JaVa\u{9}Script:x" must not contain spaces or control characters"#), "{m:?}");
    assert!(m[1].contains(r#"field "image""#) && m.len() == 2, "{m:?}");
    let (e, report) = Engine::from_host(&parse_json(&json).unwrap(), true).unwrap();
    let item = e.dataset().get("bad").expect("the item stays");
    assert_eq!((item.url.as_deref(), item.image.as_deref(), item.summary.as_deref()), (None, None, Some("kept")));
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
    assert!(report.warnings[1].contains(r#"field "image": "data:image/svg+xml,<svg/onload=x>" must be http(s) or relative, not a "data" URL; the link was dropped"#), "{:?}", report.warnings);
}

#[test]
fn a_url_hiding_its_scheme_behind_a_character_reference_is_refused() {
    for url in ["&#106;avascript:x", "javascript&#58;x", "JAVASCRIPT&COLON;x", "/x&#x3A;y"] {
        let m = problem(&with(&format!(r#"{{"id": "x", "title": "t", "url": "{url}"}}"#)));
        assert!(m.ends_with("must not contain HTML character references"), "{m}");
    }
}

#[test]
fn a_long_value_is_cut_in_a_message() {
    let url = format!("javascript:{}", "a".repeat(1 << 20));
    let m = problem(&with(&format!(r#"{{"id": "x", "title": "t", "url": "{url}"}}"#)));
    assert!(m.len() < 400 && m.contains("(1048587 characters)") && m.contains("not a \"javascript\" URL"), "{m}");
}

#[test]
fn unknown_fields_are_reported_not_silently_dropped() {
    let (e, report) = Engine::from_host(&parse_json(&with(r#"{"id": "x", "title": "t", "summery": "typo"}"#)).unwrap(), false).unwrap();
    assert_eq!(e.dataset().items().len(), 2);
    assert_eq!(report.warnings, [r#"articles[1] (id "x"), field "summery": unknown field, ignored"#]);
}

#[test]
fn partnership_errors_name_the_partnership_and_fact() {
    let base = |p: &str| format!(r#"{{"articles": [{{"id": "a", "title": "Hà Nội và Toulouse năm 1996"}}], "partnerships": [{p}]}}"#);
    let m = problem(&base(r#"{"id": "p", "partners": ["Hà Nội", "Toulouse"], "facts": [{"key": "since", "value": 1996, "sources": [{"item": "zzz", "quote": "1996"}]}]}"#));
    assert_eq!(m, r#"partnerships[0].facts[0].sources[0] (id "p"), field "item": no item has the id "zzz""#);
    let m = problem(&base(r#"{"id": "p", "partners": ["Hà Nội", "Toulouse"], "facts": [{"key": "since", "value": 1996}]}"#));
    assert!(m.contains("facts[0]") && m.contains("sources"), "{m}");
    let m = problem(&base(r#"{"id": "p", "partners": ["Hà Nội"], "facts": []}"#));
    assert!(m.contains("at least two partners"), "{m}");
    let m = problem(&base(r#"{"id": "p", "kind": "overview", "facts": []}"#));
    assert!(m.contains("\"title\": missing"), "{m}");
    let m = problem(&base(r#"{"id": "p", "partners": ["Hà Nội", "Toulouse"], "facts": [{"key": "since", "value": {"y": 1}, "sources": [{"item": "a", "quote": "1996"}]}]}"#));
    assert!(m.contains("\"value\"") && m.contains("an object"), "{m}");
}

#[test]
fn the_bundled_dump_loads_back_as_a_host_dataset() {
    let bundled = Engine::bundled().unwrap();
    #[derive(serde::Serialize)]
    struct Dump<'a> {
        articles: &'a [tinbai::dataset::Item],
        partnerships: &'a [tinbai::facts::Partnership],
    }
    let json = serde_json::to_string(&Dump { articles: bundled.dataset().items(), partnerships: bundled.dataset().partnerships() }).unwrap();
    let (copy, report) = Engine::from_host(&parse_json(&json).unwrap(), false).unwrap();
    assert_eq!(report.warnings, Vec::<String>::new());
    assert_eq!(copy.dataset().items().len(), bundled.dataset().items().len());
    assert_eq!(copy.dataset().partnerships(), bundled.dataset().partnerships());
    assert_eq!(copy.check_facts(), []);
    let q = RelatedQuery { article: Some(bundled.dataset().items()[3].id.clone()), limit: Some(5), ..Default::default() };
    assert_eq!(copy.related(&q).unwrap(), bundled.related(&q).unwrap());
}

#[test]
fn a_json_feed_loads_too() {
    let e = load(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Báo", "items": [
            {"id": "1", "url": "https://bao.vn/1", "title": "Hà Nội và Toulouse", "content_text": "Hợp tác từ năm 1996.", "date_published": "2025-01-02T03:04:05Z", "tags": ["Pháp"]},
            {"id": 2, "title": "Lào Cai và Nouvelle-Aquitaine", "summary": "20 năm hợp tác"}
        ]}"#,
    )
    .unwrap();
    let items = e.dataset().items();
    assert_eq!((items[0].id.as_str(), items[1].id.as_str()), ("1", "2"));
    assert_eq!(items[0].body, ["Hợp tác từ năm 1996."]);
    assert!(items[0].published_at.is_some());
}

#[test]
fn decomposed_host_text_is_stored_composed() {
    let title = tinbai::text::nfd("Hợp tác Việt – Pháp");
    let e = load(&format!(r#"{{"articles": [{{"id": "x", "title": {}}}]}}"#, serde_json::to_string(&title).unwrap())).unwrap();
    assert_eq!(e.dataset().items()[0].title, "Hợp tác Việt – Pháp");
}

#[test]
fn ids_and_times_that_would_not_read_back_are_refused() {
    // Past 10^15 a number has no exact text; two such ids would both be "a very large number".
    let m = problem(&with(r#"{"id": 1e20, "title": "t"}"#));
    assert!(m.contains("\"id\": expected a string, got a number"), "{m}");
    assert!(load(&with(r#"{"id": 12345, "title": "t"}"#)).is_ok_and(|e| e.dataset().get("12345").is_some()));
    // An offset can move a time before year 0000 or past 9999, which no dump could write back.
    for t in ["0000-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00"] {
        let m = problem(&with(&format!(r#"{{"id": "t", "title": "t", "published": "{t}"}}"#)));
        assert!(m.contains("\"published\"") && m.contains(t), "{m}");
    }
    assert!(load(&with(r#"{"id": "t", "title": "t", "published": "0000-01-01T01:00:00+01:00"}"#)).is_ok());
}
