//! "Đọc nhiều": windows, an injected clock, exclusions and the seed prior.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use tinbai::dataset::value::parse_json;
use tinbai::engine::{Engine, MostReadQuery};
use tinbai::rank::most_read::{Basis, Empty, Window};
use tinbai::time::parse;

const NOW: &str = "2026-11-22T12:00:00Z";

fn host() -> Engine {
    let data = parse_json(
        r#"{"articles": [
            {"id": "old-hit", "title": "Bài cũ nhiều lượt xem", "views": {"count": 500, "timestamps": ["2026-09-01T00:00:00Z"]}},
            {"id": "this-week", "title": "Bài tuần này", "views": ["2026-11-20T10:00:00Z", "2026-11-19T10:00:00Z", "2026-11-18T10:00:00Z"]},
            {"id": "today", "title": "Bài hôm nay", "views": ["2026-11-22T11:00:00+07:00", "2026-11-22T08:00:00Z"]},
            {"id": "this-month", "title": "Bài tháng này", "views": ["2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z"]},
            {"id": "future", "title": "Đồng hồ lệch", "views": ["2026-12-30T00:00:00Z"]},
            {"id": "unread", "title": "Chưa ai đọc"}
        ]}"#,
    )
    .unwrap();
    Engine::from_host(&data, false).unwrap().0
}

fn ids(e: &Engine, window: Window, exclude: &[&str], limit: usize) -> Vec<String> {
    let q = MostReadQuery {
        limit: Some(limit),
        window: Some(window),
        exclude: exclude.iter().map(|s| s.to_string()).collect(),
        now: parse(NOW),
    };
    e.most_read(&q, &HashMap::new()).unwrap().items.into_iter().map(|i| i.id).collect()
}

#[test]
fn each_window_counts_only_its_own_views() {
    let e = host();
    // 2026-11-22T11:00+07:00 is 04:00Z, inside the last 24 hours.
    assert_eq!(ids(&e, Window::Day, &[], 5), ["today"]);
    assert_eq!(ids(&e, Window::Week, &[], 5), ["this-week", "today"]);
    assert_eq!(ids(&e, Window::Month, &[], 5), ["this-month", "this-week", "today"]);
    assert_eq!(ids(&e, Window::All, &[], 5), ["old-hit", "this-month", "this-week", "today", "future"]);
}

#[test]
fn the_clock_is_injected() {
    let e = host();
    let q = |now: &str| MostReadQuery { limit: Some(5), window: Some(Window::Day), exclude: vec![], now: parse(now) };
    let at = |now: &str| e.most_read(&q(now), &HashMap::new()).unwrap().items.into_iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(at("2026-11-20T12:00:00Z"), ["this-week"]);
    assert_eq!(at("2026-12-30T06:00:00Z"), ["future"]);
    let counts = e.most_read(&q("2026-11-22T12:00:00Z"), &HashMap::new()).unwrap();
    assert_eq!(counts.items[0].views, 2);
    assert_eq!(counts.basis, Basis::Views);
}

#[test]
fn exclusions_are_filtered_before_the_limit() {
    let e = host();
    assert_eq!(ids(&e, Window::All, &["old-hit"], 2), ["this-month", "this-week"]);
}

#[test]
fn an_empty_window_shows_the_newest_items_said_as_such() {
    let data = parse_json(
        r#"{"articles": [
            {"id": "a", "title": "Bài A", "published": "2026-10-01T00:00:00Z", "views": ["2026-10-02T00:00:00Z"]},
            {"id": "b", "title": "Bài B", "published": "2026-11-01T00:00:00Z"},
            {"id": "c", "title": "Bài C"},
            {"id": "d", "title": "Bài D", "published": "2026-09-01T00:00:00Z"}
        ]}"#,
    )
    .unwrap();
    let e = Engine::from_host(&data, false).unwrap().0;
    let q = MostReadQuery { limit: Some(3), window: Some(Window::Day), exclude: vec![], now: parse("2027-06-01T00:00:00Z") };
    let out = e.most_read(&q, &HashMap::new()).unwrap();
    // Newest first; an item without a date comes last.
    let got: Vec<(&str, Basis, u64)> = out.items.iter().map(|i| (i.id.as_str(), i.basis, i.views)).collect();
    assert_eq!(got, [("b", Basis::Newest, 0), ("a", Basis::Newest, 0), ("d", Basis::Newest, 0)]);
    assert_eq!((out.basis, out.empty), (Basis::Newest, None));
    // Exclusions apply to the fallback too, before the limit.
    let out = e.most_read(&MostReadQuery { exclude: vec!["b".into()], ..q.clone() }, &HashMap::new()).unwrap();
    assert_eq!(out.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["a", "d", "c"]);
    // Excluding every item that ranked also falls back, rather than showing nothing.
    let all = MostReadQuery { window: Some(Window::All), exclude: vec!["a".into()], ..q.clone() };
    let out = e.most_read(&all, &HashMap::new()).unwrap();
    assert_eq!((out.basis, out.items[0].id.as_str()), (Basis::Newest, "b"));
    // Only with nothing left to show is the list empty, and it says why.
    let none = MostReadQuery { exclude: ["a", "b", "c", "d"].map(String::from).to_vec(), ..q };
    let out = e.most_read(&none, &HashMap::new()).unwrap();
    assert!(out.items.is_empty());
    assert_eq!(out.empty, Some(Empty::NoViewsInWindow));
}

#[test]
fn a_plain_count_counts_in_every_window_as_a_total() {
    let data = parse_json(
        r#"{"articles": [
            {"id": "counted", "title": "Bài chỉ có tổng lượt xem", "views": 40},
            {"id": "counted-too", "title": "Bài khác chỉ có tổng", "views": {"count": 7}},
            {"id": "dated", "title": "Bài có ngày xem", "views": ["2026-11-22T10:00:00Z", "2026-11-22T09:00:00Z"]},
            {"id": "old", "title": "Bài cũ có ngày", "views": {"count": 900, "timestamps": ["2026-01-01T00:00:00Z"]}}
        ]}"#,
    )
    .unwrap();
    let e = Engine::from_host(&data, false).unwrap().0;
    let list = |w: Window, extra: &HashMap<usize, tinbai::dataset::Views>| {
        let q = MostReadQuery { limit: Some(5), window: Some(w), exclude: vec![], now: parse(NOW) };
        e.most_read(&q, extra).unwrap().items.into_iter().map(|i| (i.id, i.views, i.basis)).collect::<Vec<_>>()
    };
    let none = HashMap::new();
    for w in [Window::Day, Window::Week, Window::Month] {
        // An item with dates counts only those in the window; a plain count, in every
        // window, said to be a total.
        assert_eq!(
            list(w, &none),
            [("counted".to_string(), 40, Basis::Total), ("counted-too".to_string(), 7, Basis::Total), ("dated".to_string(), 2, Basis::Views)],
            "{w:?}"
        );
    }
    // In "all" every count is within the window.
    assert_eq!(list(Window::All, &none).iter().map(|(id, n, b)| (id.as_str(), *n, *b)).collect::<Vec<_>>(), [
        ("old", 900, Basis::Views),
        ("counted", 40, Basis::Views),
        ("counted-too", 7, Basis::Views),
        ("dated", 2, Basis::Views)
    ]);
    // A views file's plain counts count the same way, added to the dataset's own.
    let (extra, _) = e.read_views(&parse_json(r#"{"dated": 100, "counted-too": ["2026-11-22T11:00:00Z"]}"#).unwrap()).unwrap();
    assert_eq!(list(Window::Day, &extra), [
        ("dated".to_string(), 102, Basis::Total),
        ("counted".to_string(), 40, Basis::Total),
        ("counted-too".to_string(), 8, Basis::Total)
    ]);
}

#[test]
fn views_from_a_file_add_to_the_datasets_own() {
    let e = host();
    let (extra, unknown) = e
        .read_views(&parse_json(r#"{"unread": ["2026-11-22T09:00:00Z", "2026-11-22T09:30:00Z", "2026-11-22T10:00:00Z"], "gone": 4}"#).unwrap())
        .unwrap();
    assert_eq!(unknown.len(), 1, "a deleted article's views are reported, not fatal");
    assert!(unknown[0].contains("gone"));
    let q = MostReadQuery { limit: Some(5), window: Some(Window::Day), exclude: vec![], now: parse(NOW) };
    let out = e.most_read(&q, &extra).unwrap();
    let got: Vec<(&str, u64)> = out.items.iter().map(|i| (i.id.as_str(), i.views)).collect();
    assert_eq!(got, [("unread", 3), ("today", 2)]);
}

#[test]
fn bad_views_name_the_item() {
    let e = host();
    for (bad, needle) in [
        (r#"{"today": -3}"#, "whole number"),
        (r#"{"today": ["yesterday"]}"#, "RFC 3339"),
        (r#"{"today": {"count": 1, "timestamps": ["2026-11-22T09:00:00Z", "2026-11-22T09:00:00Z"]}}"#, "less than"),
        (r#"{"today": true}"#, "boolean"),
    ] {
        let msg = e.read_views(&parse_json(bad).unwrap()).unwrap_err().to_string();
        assert!(msg.contains("\"today\"") && msg.contains(needle), "{bad}: {msg}");
    }
}

#[test]
fn without_views_the_seed_pages_own_lists_are_the_prior() {
    let e = Engine::bundled().unwrap();
    let out = e.most_read(&MostReadQuery { limit: Some(50), ..Default::default() }, &HashMap::new()).unwrap();
    assert_eq!(out.basis, Basis::Prior);
    // Five seed pages minus two without a "Đọc nhiều" list, four items each.
    assert_eq!(out.items.len(), 12);
    let top: Vec<&str> = out.items.iter().take(3).map(|i| i.title.as_str()).collect();
    // Three first places tie at 1.0; the one also listed in another sidebar leads.
    assert_eq!(top[0], "Đặc khu Trường Sa chủ động ứng phó với bão số 15");
    assert!(out.items[..3].iter().all(|i| i.prior == 1.0));
    assert!(out.items[3..].iter().all(|i| i.prior < 1.0));
    let last = out.items.last().unwrap();
    assert_eq!(last.prior, 0.25);
}

#[test]
fn bad_options_are_refused() {
    let e = host();
    let msg = e.most_read(&MostReadQuery { limit: Some(0), ..Default::default() }, &HashMap::new()).unwrap_err().to_string();
    assert!(msg.contains("limit"));
    assert_eq!(Window::parse("1y"), None);
}

#[test]
fn measured_items_lead_and_the_prior_fills_the_rest() {
    let e = Engine::bundled().unwrap();
    let lao_cai = "hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai";
    let (views, _) = e.read_views(&parse_json(&format!(r#"{{"{lao_cai}": ["2026-11-22T10:00:00Z"]}}"#)).unwrap()).unwrap();
    let q = MostReadQuery { limit: Some(4), window: Some(Window::Day), exclude: vec![], now: parse(NOW) };
    let out = e.most_read(&q, &views).unwrap();
    assert_eq!(out.basis, Basis::Views);
    assert_eq!((out.items[0].id.as_str(), out.items[0].views, out.items[0].basis), (lao_cai, 1, Basis::Views));
    assert_eq!(out.items.len(), 4);
    assert!(out.items[1..].iter().all(|i| i.views == 0 && i.basis == Basis::Prior && i.prior > 0.0));
    // Excluding the only measured item still leaves a full list.
    let q = MostReadQuery { exclude: vec![lao_cai.into()], ..q };
    assert_eq!(e.most_read(&q, &views).unwrap().items.len(), 4);
}
