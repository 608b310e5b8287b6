//! Every export against the real DOM of a headless browser: what is rendered,
//! `update`, `destroy`, bad arguments, `loadDataset` errors and `recordView` with
//! storage blocked or full.
//!
//!     wasm-pack test --headless --chrome -- --test browser
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Object, Reflect};
use tinbai_wasm as web;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const LAO_CAI: &str = "hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai";
const HUE: &str = "thua-thien-hue-thuc-day-moi-quan-he-hop-tac-tren-nhieu-linh-voi-vung-nouvelle";

fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh host element, attached to the page, with placeholder text. `fresh()`
/// takes it off the page again.
fn host() -> Element {
    let d = doc();
    let e = d.create_element("div").unwrap();
    e.set_attribute("data-test-host", "").unwrap();
    e.set_text_content(Some("placeholder"));
    d.body().unwrap().append_child(&e).unwrap();
    e
}

/// A JS object from a JSON literal, as a host would write it.
fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    v.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content()).unwrap_or_default()
}

/// Each test starts from the bundled dataset (some load their own), on a page
/// without the earlier tests' hosts: widgets on one page share their articles out.
fn fresh() {
    web::start();
    for e in all(&doc().document_element().unwrap(), "[data-test-host]") {
        e.remove();
    }
}

#[wasm_bindgen_test]
fn render_related_fills_the_element_with_a_labelled_list_of_links() {
    fresh();
    let el = host();
    let w = web::render_related(el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "limit": 3, "linkTemplate": "/tin/{{id}}"}}"#))).unwrap();
    assert_eq!(el.get_attribute("data-tinbai-state").as_deref(), Some("ready"));
    let section = el.query_selector("section.tinbai-related").unwrap().unwrap();
    let heading_id = section.get_attribute("aria-labelledby").unwrap();
    assert_eq!(doc().get_element_by_id(&heading_id).unwrap().text_content().unwrap(), "Tin bài liên quan");
    let items = all(&el, "ul.tinbai-list > li");
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].get_attribute("data-id").as_deref(), Some(HUE));
    assert!(items[0].get_attribute("data-places").unwrap().contains("Nouvelle-Aquitaine"));
    let a = items[0].query_selector("a").unwrap().unwrap();
    assert_eq!(a.get_attribute("href").unwrap(), format!("/tin/{HUE}"));
    assert_eq!(text(&el, "[aria-live=polite]"), "3 tin bài liên quan");
    assert!(!el.text_content().unwrap().contains("placeholder"));
    w.destroy();
}

#[wasm_bindgen_test]
fn render_related_takes_free_text() {
    fresh();
    let el = host();
    let w = web::render_related(el.clone().into(), js(r#"{"text": "hop tac Lao Cai", "limit": 1, "lang": "en"}"#)).unwrap();
    assert_eq!(all(&el, "li")[0].get_attribute("data-id").as_deref(), Some(LAO_CAI));
    assert_eq!(text(&el, "h2"), "Related articles");
    w.destroy();
}

#[wasm_bindgen_test]
fn a_wrong_call_throws_a_named_error_and_leaves_the_element_alone() {
    fresh();
    let el = host();
    let cases: Vec<(JsValue, JsValue, &str)> = vec![
        (JsValue::NULL, js("{}"), "element must be a DOM Element, got null"),
        (JsValue::UNDEFINED, js("{}"), "got undefined"),
        (JsValue::from_str("#id"), js("{}"), "got a string"),
        (Object::new().into(), js("{}"), "got an object"),
        (el.clone().into(), js(r#"{"article": "nope"}"#), "unknown article id \"nope\""),
        (el.clone().into(), js(r#"{"article": "x", "text": "y"}"#), "not both"),
        (el.clone().into(), js("{}"), "give an article id"),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "limit": 0}}"#)), "option \"limit\""),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "limit": "3"}}"#)), "got a string (\"3\")"),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "limit": 2.5}}"#)), "whole number"),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "limt": 3}}"#)), "unknown option \"limt\""),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "lang": "de"}}"#)), "option \"lang\""),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "layout": "carousel"}}"#)), "option \"layout\""),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "theme": 1}}"#)), "option \"theme\": expected a string"),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "linkTemplate": "javascript:x({{id}})"}}"#)), "option \"linkTemplate\""),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "target": "_evil"}}"#)), "option \"target\""),
        (el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "exclude": [1]}}"#)), "option \"exclude\""),
        (el.clone().into(), JsValue::from_str("article"), "options must be an object"),
    ];
    for (element, options, needle) in cases {
        let m = message(web::render_related(element, options).err().expect(needle));
        assert!(m.starts_with("renderRelated:") || m.contains(needle), "{m}");
        assert!(m.contains(needle), "{needle:?} not in {m:?}");
        assert_eq!(el.text_content().as_deref(), Some("placeholder"), "no half-rendered widget");
        assert!(el.get_attribute("data-tinbai-state").is_none());
    }
    let m = message(web::render_most_read(el.clone().into(), js(r#"{"window": "1y"}"#)).err().unwrap());
    assert!(m.contains("option \"window\""), "{m}");
    let m = message(web::render_partnership(el.clone().into(), js(r#"{"partnership": "nope"}"#)).err().unwrap());
    assert!(m.contains("unknown partnership id \"nope\""), "{m}");
    let m = message(web::render_partnership(el.clone().into(), js(r#"{"limit": 3}"#)).err().unwrap());
    assert!(m.contains("renderPartnership: unknown option \"limit\""), "{m}");
}

#[wasm_bindgen_test]
fn update_merges_options_and_keeps_old_content_on_error() {
    fresh();
    let el = host();
    let w = web::render_related(el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "limit": 2}}"#))).unwrap();
    assert_eq!(all(&el, "li").len(), 2);
    w.update(js(r#"{"limit": 4, "layout": "compact"}"#)).unwrap();
    assert_eq!(all(&el, "li").len(), 4, "the article carried over");
    assert!(el.query_selector(".tinbai--compact").unwrap().is_some());
    // Giving text drops the article.
    w.update(js(r#"{"text": "Montreuil Hải Dương"}"#)).unwrap();
    assert_eq!(all(&el, "li")[0].get_attribute("data-id").as_deref(), Some("thuc-day-tang-cuong-hop-tac-giua-montreuil-phap-va-cac-dia-phuong-viet-nam"));
    let before = el.inner_html();
    let m = message(w.update(js(r#"{"limit": 99}"#)).unwrap_err());
    assert!(m.contains("limit"), "{m}");
    assert_eq!(el.inner_html(), before, "a failed update keeps what was shown");
    // The failed option did not stick: the next update still works.
    w.update(js(r#"{"lang": "fr"}"#)).unwrap();
    assert_eq!(text(&el, "h2"), "Articles liés");
    w.destroy();
    assert!(message(w.update(js("{}")).unwrap_err()).contains("destroyed"));
}

/// Counts `tinbai:click` events reaching the document.
fn count_selects() -> (Function, Array) {
    let seen = Array::new();
    let f = Function::new_with_args("seen", "return e => seen.push(e.detail)").call1(&JsValue::NULL, &seen).unwrap();
    let f: Function = f.unchecked_into();
    doc().add_event_listener_with_callback("tinbai:click", &f).unwrap();
    (f, seen)
}

#[wasm_bindgen_test]
fn destroy_empties_the_element_and_releases_its_listener() {
    fresh();
    let el = host();
    let w = web::render_related(el.clone().into(), js(&format!(r##"{{"article": "{LAO_CAI}", "limit": 2, "linkTemplate": "#tin-{{id}}"}}"##))).unwrap();
    let (f, seen) = count_selects();
    let link: HtmlElement = el.query_selector("li a").unwrap().unwrap().unchecked_into();
    link.click();
    assert_eq!(seen.length(), 1, "a click reports which item was chosen");
    let detail = seen.get(0);
    assert_eq!(Reflect::get(&detail, &"id".into()).unwrap().as_string().as_deref(), Some(HUE));
    assert_eq!(Reflect::get(&detail, &"widget".into()).unwrap().as_string().as_deref(), Some("related"));
    assert_eq!(Reflect::get(&detail, &"position".into()).unwrap().as_f64(), Some(1.0));
    assert!(!w.destroyed());
    w.destroy();
    assert!(w.destroyed());
    assert!(!el.has_child_nodes());
    assert!(el.get_attribute("data-tinbai-state").is_none());
    // Put a link back by hand: no widget listener is left to report it.
    let again: HtmlElement = doc().create_element("a").unwrap().unchecked_into();
    again.set_attribute("href", "#x").unwrap();
    again.set_attribute("data-id", "x").unwrap();
    el.append_child(&again).unwrap();
    again.click();
    assert_eq!(seen.length(), 1);
    w.destroy();
    doc().remove_event_listener_with_callback("tinbai:click", &f).unwrap();
}

#[wasm_bindgen_test]
fn mounting_again_on_one_element_retires_the_old_widget() {
    fresh();
    let el = host();
    let first = web::render_related(el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}"}}"#))).unwrap();
    let second = web::render_most_read(el.clone().into(), js("{}")).unwrap();
    first.destroy();
    assert!(el.query_selector(".tinbai-most-read").unwrap().is_some(), "the old handle no longer owns the element");
    let (f, seen) = count_selects();
    let link: HtmlElement = el.query_selector("li .tinbai-link").unwrap().unwrap().unchecked_into();
    link.click();
    assert_eq!(seen.length(), 0, "most-read items have no link without a template, so no event");
    second.destroy();
    doc().remove_event_listener_with_callback("tinbai:click", &f).unwrap();
}

#[wasm_bindgen_test]
fn render_most_read_shows_an_ordered_list() {
    fresh();
    let el = host();
    let w = web::render_most_read(el.clone().into(), js(r#"{"limit": 4, "lang": "en"}"#)).unwrap();
    let items = all(&el, "ol.tinbai-list > li");
    assert_eq!(items.len(), 4);
    assert_eq!(text(&el, "h2"), "Most read");
    assert_eq!(el.query_selector("section").unwrap().unwrap().get_attribute("data-basis").as_deref(), Some("prior"));
    w.destroy();
    // Without options at all.
    let w = web::render_most_read(el.clone().into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(all(&el, "li").len(), 5);
    w.destroy();
}

#[wasm_bindgen_test]
fn widgets_on_one_page_never_show_an_article_twice_unless_told() {
    fresh();
    let ids = |el: &Element| all(el, "li[data-id]").iter().map(|li| li.get_attribute("data-id").unwrap()).collect::<Vec<_>>();
    let top = host();
    let below = host();
    // Mounted first, but later on the page: it gives way once the one above renders.
    let most = web::render_most_read(below.clone().into(), js(r#"{"limit": 5}"#)).unwrap();
    let alone = ids(&below);
    // A seed article with a most-read item among its related ones.
    let article = "da-nang-ky-niem-76-nam-thiet-lap-quan-he-ngoai-giao-viet-nam-trung-quoc";
    let related = web::render_related(top.clone().into(), js(&format!(r#"{{"article": "{article}", "limit": 5}}"#))).unwrap();
    let above = ids(&top);
    let shared: Vec<&String> = alone.iter().filter(|id| above.contains(id)).collect();
    assert!(!shared.is_empty(), "the case needs an article both would show: {alone:?} {above:?}");
    let now = ids(&below);
    assert!(now.iter().all(|id| !above.contains(id)), "{now:?} repeats {above:?}");
    assert_eq!(now.len(), 5, "the later widget takes the next items and still shows its limit");
    let exclude = Array::new();
    above.iter().for_each(|id| {
        exclude.push(&JsValue::from_str(id));
    });
    let opts = Object::new();
    Reflect::set(&opts, &"limit".into(), &5.into()).unwrap();
    Reflect::set(&opts, &"exclude".into(), &exclude).unwrap();
    let next: Vec<String> = Array::from(&web::most_read(opts.into()).unwrap()).iter().map(|v| Reflect::get(&v, &"id".into()).unwrap().as_string().unwrap()).collect();
    assert_eq!(now, next, "exactly the most-read list without the related items");
    // Off on the later widget: it shows its own list again.
    most.update(js(r#"{"dedupe": false}"#)).unwrap();
    assert_eq!(ids(&below), alone);
    most.update(js(r#"{"dedupe": true}"#)).unwrap();
    assert_eq!(ids(&below), now);
    // Off on the earlier one: it takes no part, so the later one need not avoid it.
    related.update(js(r#"{"dedupe": false}"#)).unwrap();
    assert_eq!(ids(&below), alone);
    related.update(js(r#"{"dedupe": true}"#)).unwrap();
    assert_eq!(ids(&below), now);
    // Its articles are free again once the widget above is gone.
    related.destroy();
    assert_eq!(ids(&below), alone);
    let m = message(web::render_related(top.clone().into(), js(r#"{"text": "Huế", "dedupe": "no"}"#)).err().unwrap());
    assert!(m.contains(r#"option "dedupe": expected true or false, got a string ("no")"#), "{m}");
    let m = message(web::render_partnership(top.clone().into(), js(r#"{"dedupe": false}"#)).err().unwrap());
    assert!(m.contains(r#"unknown option "dedupe""#), "{m}");
    most.destroy();
}

#[wasm_bindgen_test]
fn most_read_counts_a_sites_plain_counts_in_every_window_and_never_shows_an_empty_box() {
    fresh();
    web::load_dataset(
        js(r#"{"articles": [
            {"id": "a", "title": "Đà Nẵng hợp tác với Nantes", "published": "2025-09-01", "views": 1200},
            {"id": "b", "title": "Nantes và Đà Nẵng ký biên bản ghi nhớ", "published": "2025-10-01"}
        ]}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let el = host();
    let w = web::render_most_read(el.clone().into(), js(r#"{"window": "7d"}"#)).unwrap();
    assert_eq!(text(&el, ".tinbai-views"), "tổng 1.200 lượt xem", "a plain count counts in the window, as a total");
    assert_eq!(all(&el, "li")[0].get_attribute("data-basis").as_deref(), Some("total"));
    // Nothing else was read: with "a" left out, the newest, said as such.
    w.update(js(r#"{"exclude": "a"}"#)).unwrap();
    assert_eq!(text(&el, "h2"), "Tin mới nhất");
    assert_eq!(el.query_selector("section").unwrap().unwrap().get_attribute("data-basis").as_deref(), Some("newest"));
    assert_eq!(all(&el, "li").len(), 1);
    assert!(el.query_selector(".tinbai-empty").unwrap().is_none());
    w.destroy();
    fresh();
}

#[wasm_bindgen_test]
fn render_partnership_draws_a_card_with_an_svg_timeline() {
    fresh();
    let el = host();
    let w = web::render_partnership(el.clone().into(), js(r#"{"partnership": "lao-cai-nouvelle-aquitaine", "now": "2026-11-22T00:00:00Z", "linkTemplate": "?article={id}"}"#)).unwrap();
    assert_eq!(text(&el, "h2"), "Hợp tác Việt Nam – Pháp");
    assert_eq!(text(&el, ".tinbai-partners"), "Lào Cai – Nouvelle-Aquitaine");
    let section = el.query_selector("section").unwrap().unwrap();
    for id in section.get_attribute("aria-labelledby").unwrap().split(' ') {
        assert!(doc().get_element_by_id(id).is_some(), "the section is named by #{id}");
    }
    let numbers: Vec<String> = all(&el, ".tinbai-tile .tinbai-number").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(numbers[..3], ["2005", "20", "21"]);
    let svg = el.query_selector("svg").unwrap().unwrap();
    assert_eq!(svg.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(all(&el, "svg .tinbai-tick").len(), 4);
    assert_eq!(all(&el, "svg .tinbai-tick[data-current]").len(), 1);
    assert!(all(&el, ".tinbai-source-link")[0].get_attribute("href").unwrap().starts_with("?article="));
    w.update(js(r#"{"partnership": null}"#)).unwrap();
    assert_eq!(all(&el, ".tinbai-overview").len(), 2, "the overview card");
    assert_eq!(all(&el, "[data-disputed=true]").len(), 1);
    w.destroy();
}

fn is_plain(v: &JsValue) -> bool {
    Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new().into())
}

#[wasm_bindgen_test]
fn data_functions_return_plain_objects_and_arrays() {
    fresh();
    let r = web::related(js(&format!(r#"{{"article": "{LAO_CAI}", "limit": 2}}"#))).unwrap();
    assert!(Array::is_array(&r));
    let first = Array::from(&r).get(0);
    assert!(is_plain(&first), "an object, not a Map");
    assert_eq!(Reflect::get(&first, &"id".into()).unwrap().as_string().as_deref(), Some(HUE));
    let reasons = Reflect::get(&first, &"reasons".into()).unwrap();
    assert!(is_plain(&reasons) && Array::is_array(&Reflect::get(&reasons, &"places".into()).unwrap()));
    assert!(Reflect::get(&first, &"score".into()).unwrap().as_f64().unwrap() > 0.0);

    let m = Array::from(&web::most_read(js(r#"{"limit": 3}"#)).unwrap());
    assert_eq!(m.length(), 3);
    assert_eq!(Reflect::get(&m.get(0), &"basis".into()).unwrap().as_string().as_deref(), Some("prior"));

    let p = Array::from(&web::partnerships().unwrap());
    assert_eq!(p.length(), 7);
    let facts = Array::from(&Reflect::get(&p.get(0), &"facts".into()).unwrap());
    assert!(is_plain(&facts.get(0)));

    let a = Array::from(&web::articles().unwrap());
    assert_eq!(a.length(), 93);
    assert_eq!(Reflect::get(&a.get(0), &"source".into()).unwrap().as_string().as_deref(), Some("000_eccbb825d31a92b6.txt"));
    for (bad, needle) in [(JsValue::from(5), "options must be an object"), (js(r#"{"window": "7d"}"#), "unknown option \"window\"")] {
        assert!(message(web::related(bad).unwrap_err()).contains(needle));
    }
}

#[wasm_bindgen_test]
fn load_dataset_replaces_the_bundled_one_with_the_same_errors_as_the_cli() {
    fresh();
    let report = web::load_dataset(
        js(r#"{"articles": [
            {"id": "a", "title": "Đà Nẵng hợp tác với Nantes", "url": "/tin/a"},
            {"id": "b", "title": "Nantes và Đà Nẵng ký biên bản ghi nhớ", "url": "/tin/b", "views": 3}
        ]}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(Reflect::get(&report, &"articles".into()).unwrap().as_f64(), Some(2.0));
    assert_eq!(Array::from(&web::articles().unwrap()).length(), 2);
    let r = Array::from(&web::related(js(r#"{"article": "a"}"#)).unwrap());
    assert_eq!(Reflect::get(&r.get(0), &"url".into()).unwrap().as_string().as_deref(), Some("/tin/b"));

    for (bad, needle) in [
        (r#"{"articles": [{"id": "x"}]}"#, r#"articles[0] (id "x"), field "title": missing"#),
        (r#"{"articles": [{"id": "x", "title": "t"}, {"id": "x", "title": "u"}]}"#, "duplicate of articles[0]"),
        (r#"{"articles": [{"id": "x", "title": "t", "url": "javascript:alert(1)"}]}"#, r#"field "url""#),
        (r#"{"articles": [{"id": "x", "title": "t", "published": "hôm qua"}]}"#, r#"field "published""#),
        (r#"{"articles": [{"id": "x", "title": 7}]}"#, "expected a string, got a number"),
        (r#"{"items": []}"#, "missing \"articles\""),
    ] {
        let m = message(web::load_dataset(js(bad), JsValue::UNDEFINED).unwrap_err());
        assert!(m.starts_with("loadDataset:") && m.contains(needle), "{needle}: {m}");
    }
    assert!(message(web::load_dataset(JsValue::from(3), JsValue::UNDEFINED).unwrap_err()).contains("expected an object"));
    assert!(message(web::load_dataset(js("{}"), js(r#"{"strict": true}"#)).unwrap_err()).contains("unknown option"));
    assert_eq!(Array::from(&web::articles().unwrap()).length(), 2, "a refused dataset leaves the loaded one");

    let report = web::load_dataset(js(r#"{"articles": [{"id": "ok", "title": "t"}, {"id": "bad", "title": 2}, {"id": "link", "title": "t", "url": "data:x"}]}"#), js(r#"{"lenient": true}"#)).unwrap();
    let skipped = Array::from(&Reflect::get(&report, &"skipped".into()).unwrap());
    assert_eq!(skipped.length(), 1);
    assert!(skipped.get(0).as_string().unwrap().contains("\"bad\""));
    let warnings = Array::from(&Reflect::get(&report, &"warnings".into()).unwrap());
    assert!(warnings.get(0).as_string().unwrap().contains("\"link\"), field \"url\""));
    assert_eq!(Array::from(&web::articles().unwrap()).length(), 2, "an unsafe link costs the link, not the item");
    fresh();
}

#[wasm_bindgen_test]
fn hostile_titles_are_rendered_as_text() {
    fresh();
    web::load_dataset(
        js(r#"{"articles": [
            {"id": "q", "title": "Hà Nội hợp tác"},
            {"id": "x", "title": "<img src=x onerror=\"document.body.dataset.pwned=1\"> Hà Nội hợp tác"}
        ]}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let el = host();
    let w = web::render_related(el.clone().into(), js(r#"{"article": "q", "minScore": 0}"#)).unwrap();
    assert!(el.query_selector("img").unwrap().is_none());
    assert!(text(&el, ".tinbai-title").starts_with("<img src=x"));
    assert!(doc().body().unwrap().get_attribute("data-pwned").is_none());
    w.destroy();
    fresh();
}

/// Replace `window.localStorage` for the length of `f`.
fn with_storage(getter_body: &str, f: impl FnOnce()) {
    let window = web_sys::window().unwrap();
    let key = JsValue::from_str("localStorage");
    let original = Object::get_own_property_descriptor(&window, &key);
    let desc = Object::new();
    Reflect::set(&desc, &"configurable".into(), &true.into()).unwrap();
    Reflect::set(&desc, &"get".into(), &Function::new_no_args(getter_body)).unwrap();
    Object::define_property(&window, &key, &desc);
    f();
    if original.is_undefined() {
        Reflect::delete_property(&window, &key).unwrap();
    } else {
        Object::define_property(&window, &key, &original.unchecked_into());
    }
}

fn most_read_first() -> (String, f64) {
    let m = Array::from(&web::most_read(js(r#"{"limit": 1, "window": "24h"}"#)).unwrap());
    let first = m.get(0);
    (Reflect::get(&first, &"id".into()).unwrap().as_string().unwrap(), Reflect::get(&first, &"views".into()).unwrap().as_f64().unwrap())
}

#[wasm_bindgen_test]
fn record_view_feeds_most_read_and_survives_blocked_full_or_absent_storage() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().remove_item("tinbai:views").unwrap();
    fresh();
    assert!(message(web::record_view("nope".into()).unwrap_err()).contains("unknown article id \"nope\""));
    assert!(message(web::record_view(JsValue::from(3)).unwrap_err()).contains("must be a string"));

    web::record_view(LAO_CAI.into()).unwrap();
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("tinbai:views").unwrap().unwrap();
    assert!(stored.contains(LAO_CAI), "persisted when storage works");
    assert_eq!(most_read_first().0, LAO_CAI);

    // Blocked: reading localStorage throws a SecurityError.
    with_storage("throw new DOMException('blocked', 'SecurityError')", || {
        web::record_view(HUE.into()).unwrap();
        web::record_view(HUE.into()).unwrap();
        assert_eq!(most_read_first(), (HUE.to_owned(), 2.0), "the views still count on this page");
    });
    // Absent: no localStorage at all.
    with_storage("return null", || {
        for _ in 0..3 {
            web::record_view(LAO_CAI.into()).unwrap();
        }
        assert_eq!(most_read_first(), (LAO_CAI.to_owned(), 4.0));
    });
    // Full: every write throws a QuotaExceededError.
    let proto = Reflect::get(&web_sys::window().unwrap(), &"Storage".into()).and_then(|s| Reflect::get(&s, &"prototype".into())).unwrap();
    let set_item = Reflect::get(&proto, &"setItem".into()).unwrap();
    Reflect::set(&proto, &"setItem".into(), &Function::new_no_args("throw new DOMException('full', 'QuotaExceededError')")).unwrap();
    for _ in 0..3 {
        web::record_view(HUE.into()).unwrap();
    }
    Reflect::set(&proto, &"setItem".into(), &set_item).unwrap();
    assert_eq!(most_read_first(), (HUE.to_owned(), 5.0));
    let el = host();
    let w = web::render_most_read(el.clone().into(), js(r#"{"window": "24h", "limit": 2}"#)).unwrap();
    assert_eq!(el.query_selector("section").unwrap().unwrap().get_attribute("data-basis").as_deref(), Some("views"));
    assert_eq!(text(&el, ".tinbai-views"), "5 lượt xem");
    w.destroy();
    web_sys::window().unwrap().local_storage().unwrap().unwrap().remove_item("tinbai:views").unwrap();
    fresh();
}

/// Records every `tinbai:ready` and `tinbai:render` reaching the document, as
/// `[type, detail, the element it came from]`.
fn record_renders() -> (Function, Array) {
    let seen = Array::new();
    let f: Function = Function::new_with_args("seen", "return e => seen.push([e.type, e.detail, e.target])").call1(&JsValue::NULL, &seen).unwrap().unchecked_into();
    for t in ["tinbai:ready", "tinbai:render"] {
        doc().add_event_listener_with_callback(t, &f).unwrap();
    }
    (f, seen)
}

#[wasm_bindgen_test]
fn renders_announce_themselves_with_their_items() {
    fresh();
    let el = host();
    let (f, seen) = record_renders();
    let w = web::render_related(el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "limit": 3}}"#))).unwrap();
    let types: Vec<String> = seen.iter().map(|e| Array::from(&e).get(0).as_string().unwrap()).collect();
    assert_eq!(types, ["tinbai:ready", "tinbai:render"], "the first render is also the ready one");
    let last = Array::from(&seen.get(1));
    assert!(last.get(2) == JsValue::from(el.clone()), "events bubble from the widget's element");
    let detail = last.get(1);
    assert_eq!(Reflect::get(&detail, &"widget".into()).unwrap().as_string().as_deref(), Some("related"));
    let items = Array::from(&Reflect::get(&detail, &"items".into()).unwrap());
    assert_eq!(items.length(), 3);
    assert_eq!(Reflect::get(&detail, &"count".into()).unwrap().as_f64(), Some(3.0));
    assert_eq!(Reflect::get(&items.get(0), &"id".into()).unwrap().as_string().as_deref(), Some(HUE));
    let positions: Vec<f64> = items.iter().map(|i| Reflect::get(&i, &"position".into()).unwrap().as_f64().unwrap()).collect();
    assert_eq!(positions, [1.0, 2.0, 3.0]);
    // An update renders again, and is not "ready" a second time.
    w.update(js(r#"{"limit": 2}"#)).unwrap();
    assert_eq!(seen.length(), 3);
    assert_eq!(Array::from(&seen.get(2)).get(0).as_string().as_deref(), Some("tinbai:render"));
    let items = Array::from(&Reflect::get(&Array::from(&seen.get(2)).get(1), &"items".into()).unwrap());
    assert_eq!(items.length(), 2);
    // The live region says the new count, and it is not wrapped around the list.
    assert_eq!(text(&el, "[aria-live=polite]"), "2 tin bài liên quan");
    assert!(el.query_selector("[aria-live] li").unwrap().is_none());
    w.destroy();
    for t in ["tinbai:ready", "tinbai:render"] {
        doc().remove_event_listener_with_callback(t, &f).unwrap();
    }
}

#[wasm_bindgen_test]
fn heading_level_fits_the_host_outline() {
    fresh();
    let el = host();
    let w = web::render_partnership(el.clone().into(), js(r#"{"headingLevel": 3}"#)).unwrap();
    assert!(el.query_selector("h3.tinbai-heading").unwrap().is_some());
    assert!(el.query_selector("h4.tinbai-subheading").unwrap().is_some(), "the overview's parts sit one level below");
    assert!(el.query_selector("h2").unwrap().is_none());
    w.update(js(r#"{"headingLevel": 6}"#)).unwrap();
    assert!(el.query_selector("h6.tinbai-subheading").unwrap().is_some(), "never below h6");
    for bad in ["0", "7", "2.5", "\"3\""] {
        let m = message(w.update(js(&format!(r#"{{"headingLevel": {bad}}}"#))).unwrap_err());
        assert!(m.contains("\"headingLevel\"") && m.contains("1 to 6"), "{bad}: {m}");
    }
    assert!(el.query_selector("h6.tinbai-heading").unwrap().is_some(), "a bad level keeps what was shown");
    w.destroy();
}

#[wasm_bindgen_test]
fn without_lang_a_widget_follows_the_host_page_and_formats_numbers_with_intl() {
    fresh();
    web::load_dataset(
        js(r#"{"articles": [
            {"id": "a", "title": "Đà Nẵng hợp tác với Nantes", "url": "/tin/a", "views": 1234567},
            {"id": "b", "title": "Nantes và Đà Nẵng ký biên bản ghi nhớ", "url": "/tin/b", "views": 3}
        ]}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let d = doc();
    let page = d.create_element("div").unwrap();
    page.set_attribute("data-test-host", "").unwrap();
    page.set_attribute("lang", "en-GB").unwrap();
    let el = d.create_element("div").unwrap();
    page.append_child(&el).unwrap();
    d.body().unwrap().append_child(&page).unwrap();
    let w = web::render_most_read(el.clone().into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(text(&el, ".tinbai-heading"), "Most read");
    assert_eq!(text(&el, ".tinbai-views"), "1,234,567 views");
    w.update(js(r#"{"lang": "fr"}"#)).unwrap();
    assert_eq!(text(&el, ".tinbai-views"), "1\u{202f}234\u{202f}567 vues");
    w.update(js(r#"{"lang": null}"#)).unwrap();
    page.set_attribute("lang", "vi").unwrap();
    w.update(js("{}")).unwrap();
    assert_eq!(text(&el, ".tinbai-views"), "1.234.567 lượt xem");
    page.set_attribute("lang", "de").unwrap();
    w.update(js("{}")).unwrap();
    assert_eq!(text(&el, ".tinbai-heading"), "Đọc nhiều", "a language tinbai lacks falls back to Vietnamese");
    w.destroy();
    page.remove();
    fresh();
}

#[wasm_bindgen_test]
fn load_dataset_takes_a_json_feed() {
    fresh();
    let report = web::load_dataset(
        js(r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Báo Đà Nẵng", "items": [
            {"id": "dn-1", "url": "https://bao.vn/dn-1", "title": "Đà Nẵng hợp tác với Nantes về xe điện", "content_text": "Hai thành phố ký biên bản ghi nhớ.", "date_published": "2025-03-01T08:00:00+07:00"},
            {"id": "dn-2", "url": "/tin/dn-2", "title": "Nantes và Đà Nẵng mở rộng hợp tác", "summary": "Xe điện và đô thị xanh"}
        ]}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(Reflect::get(&report, &"articles".into()).unwrap().as_f64(), Some(2.0));
    let el = host();
    let w = web::render_related(el.clone().into(), js(r#"{"article": "dn-1"}"#)).unwrap();
    assert_eq!(all(&el, "li a").iter().map(|a| a.get_attribute("href").unwrap()).collect::<Vec<_>>(), ["/tin/dn-2"]);
    w.destroy();
    let m = message(web::load_dataset(js(r#"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "x", "url": "javascript:alert(1)", "title": "t"}]}"#), JsValue::UNDEFINED).unwrap_err());
    assert!(m.contains("field \"url\""), "{m}");
    fresh();
}

#[wasm_bindgen_test]
fn a_json_feed_with_content_html_only_gets_its_text_as_the_cli_reads_it() {
    fresh();
    let feed = r#"{"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": 7, "title": "Đà Nẵng", "content_html": "<style>p { color: red }</style><p style='x'>Một&nbsp;hai\n  ba</p>bốn<br>năm<br><br>sáu<figure><img src=a.jpg><figcaption>Ảnh: <b>Lê</b> Văn</figcaption></figure><table><tr><td>ô</td><td>hai</td></tr></table><script>x()</script><template><p>t</p></template>cộng&shy;tác"},
        {"id": "b", "title": "Có chú thích", "content_html": "<figure><figcaption>bỏ</figcaption></figure><p>Thân</p>", "captions": ["Của tôi"]},
        {"id": "c", "title": "Văn bản", "content_text": "Một.\n\nHai.", "content_html": "<p>không dùng</p>"}
    ]}"#;
    // An object loads at once.
    let report = web::load_dataset(js(feed), JsValue::UNDEFINED).unwrap();
    assert!(!report.is_instance_of::<js_sys::Promise>());
    let articles = js_sys::JSON::stringify(&web::articles().unwrap()).unwrap().as_string().unwrap();
    let got: Vec<(String, Vec<String>, Vec<String>)> = Array::from(&js(&articles))
        .iter()
        .map(|a| {
            let list = |k: &str| {
                let v = Reflect::get(&a, &k.into()).unwrap();
                if v.is_undefined() { Vec::new() } else { Array::from(&v).iter().map(|s| s.as_string().unwrap()).collect::<Vec<_>>() }
            };
            (Reflect::get(&a, &"id".into()).unwrap().as_string().unwrap(), list("body"), list("captions"))
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(got[0], ("7".into(), s(&["Một hai ba", "bốn năm", "sáu", "ô hai", "cộng\u{ad}tác"]), s(&["Ảnh: Lê Văn"])));
    assert_eq!(got[1], ("b".into(), s(&["Thân"]), s(&["Của tôi"])));
    assert_eq!(got[2], ("c".into(), s(&["Một.", "Hai."]), s(&[])));
    fresh();
}

#[wasm_bindgen_test]
async fn load_dataset_reads_text_and_resolves_to_the_report() {
    fresh();
    let promise: js_sys::Promise = web::load_dataset(JsValue::from("\u{feff} {\"articles\": [{\"id\": \"a\", \"title\": \"Một\"}]}"), JsValue::UNDEFINED).unwrap().into();
    let report = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    assert_eq!(Reflect::get(&report, &"articles".into()).unwrap().as_f64(), Some(1.0));
    for (text, needle) in [("", "loadDataset: the text is empty"), ("{\"articles\": [", "loadDataset: invalid JSON: "), ("[]", "expected an object with \"articles\"")] {
        let promise: js_sys::Promise = web::load_dataset(JsValue::from(text), JsValue::UNDEFINED).unwrap().into();
        let e = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap_err();
        let m = String::from(e.dyn_into::<js_sys::Error>().unwrap().message());
        assert!(m.contains(needle), "{text:?}: {m}");
    }
    assert_eq!(web::articles().map(|a| Array::from(&a).length()).unwrap(), 1, "a refused text leaves the loaded dataset");
    fresh();
}

#[wasm_bindgen_test]
fn a_listener_may_update_or_destroy_the_widget_it_hears_from() {
    fresh();
    let el = host();
    let w: JsValue = web::render_related(el.clone().into(), js(&format!(r#"{{"article": "{LAO_CAI}", "limit": 4}}"#))).unwrap().into();
    // Inside its own tinbai:render, a host updates the widget, then destroys it.
    let run = Function::new_with_args(
        "w, el",
        "let n = 0;
         const again = () => { if (n++ === 0) w.update({limit: 2}); };
         el.addEventListener('tinbai:render', again);
         w.update({limit: 3});
         el.removeEventListener('tinbai:render', again);
         const counts = [n, el.querySelectorAll('li').length];
         el.addEventListener('tinbai:render', () => w.destroy(), {once: true});
         w.update({limit: 4});
         return [...counts, w.destroyed, el.childNodes.length];",
    );
    let out = Array::from(&run.call2(&JsValue::NULL, &w, &el).unwrap());
    let got: Vec<f64> = out.iter().map(|v| v.as_f64().unwrap_or(if v.is_truthy() { 1.0 } else { 0.0 })).collect();
    assert_eq!(got, [2.0, 2.0, 1.0, 0.0], "the nested update rendered 2 items; the nested destroy emptied the element");
}

#[wasm_bindgen_test]
fn the_browser_sort_is_stable_and_agrees_with_the_standard_one() {
    // A small LCG: lists of every length up to 70, with many ties, keyed by a
    // quarter of their value and carrying their input position.
    let mut x: u64 = 7;
    for n in 0..70 {
        let v: Vec<(u64, usize)> = (0..n)
            .map(|i| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((x >> 33) % 13, i)
            })
            .collect();
        let mut ours = v.clone();
        tinbai::sort::by_key(&mut ours, |&(k, _)| k / 4);
        let mut std = v.clone();
        std.sort_by_key(|&(k, _)| k / 4);
        assert_eq!(ours, std, "length {n}");
        let mut desc = v.clone();
        tinbai::sort::by(&mut desc, |a, b| b.0.cmp(&a.0));
        let mut std = v;
        std.sort_by_key(|b| std::cmp::Reverse(b.0));
        assert_eq!(desc, std, "length {n}, descending");
    }
}

#[wasm_bindgen_test]
fn the_browser_normalize_path_cleans_text_as_the_native_one_does() {
    // Here NFD is String.prototype.normalize: invisible characters and Ð must not
    // come back through it, nor odd spaces cost a pair.
    use tinbai::text::{analyze, gazetteer::find_places, slug};
    let words = |s: &str| analyze(s).tokens.into_iter().map(|t| (t.exact, t.folded)).collect::<Vec<_>>();
    let pairs = |s: &str| analyze(s).pairs().count();
    let places = |s: &str| find_places(&analyze(s)).into_iter().map(|h| h.place.id).collect::<Vec<_>>();
    let plain = "Đà Nẵng phát triển";
    for text in ["Ðà Nẵng phát tri\u{ad}ển", "Ɖà\u{a0} Nẵng phát\u{200b}\ttri\u{200d}ển", "\u{feff}Đà  Nẵng phá\u{2060}t triển"] {
        assert_eq!(words(text), words(plain), "{text:?}");
        assert_eq!(pairs(text), 3, "{text:?}");
        assert_eq!(places(text), ["da-nang"], "{text:?}");
        assert_eq!(slug(text, 80), "da-nang-phat-trien", "{text:?}");
    }
    assert_eq!(places("miền Nam. Định hướng"), Vec::<&str>::new());
    assert_eq!(places("Anh Tuấn cho biết"), Vec::<&str>::new());
}

#[wasm_bindgen_test]
fn a_site_dataset_without_partnerships_keeps_the_bundled_facts_cited_not_linked() {
    fresh();
    web::load_dataset(
        js(r#"{"articles": [{"id": "a", "title": "Lào Cai hợp tác với Nouvelle-Aquitaine", "url": "/tin/a", "views": 5},
                            {"id": "b", "title": "Nouvelle-Aquitaine và Lào Cai ký biên bản hợp tác", "url": "/tin/b", "views": 3}]}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let el = host();
    let w = web::render_partnership(el.clone().into(), js(r#"{"partnership": "lao-cai-nouvelle-aquitaine", "linkTemplate": "/tin/{id}"}"#)).unwrap();
    assert_eq!(text(&el, ".tinbai-partners"), "Lào Cai – Nouvelle-Aquitaine");
    assert!(!all(&el, ".tinbai-source .tinbai-citation cite").is_empty(), "sources cited");
    assert!(all(&el, "a[href]").is_empty(), "no link to a seed article the site does not have");
    assert_eq!(Array::from(&web::partnerships().unwrap()).length(), 7, "the bundled facts, as the card shows them");
    w.destroy();
    // Related and most-read come from the site's data alone.
    let ids = |v: JsValue| Array::from(&v).iter().map(|x| Reflect::get(&x, &"id".into()).unwrap().as_string().unwrap()).collect::<Vec<_>>();
    assert_eq!(ids(web::related(js(r#"{"article": "a"}"#)).unwrap()), ["b"]);
    assert_eq!(ids(web::most_read(JsValue::UNDEFINED).unwrap()), ["a", "b"]);
    // Back on the bundled seeds, their own facts link to their own articles.
    fresh();
    let w = web::render_partnership(el.clone().into(), js(r#"{"partnership": "lao-cai-nouvelle-aquitaine", "linkTemplate": "/tin/{id}"}"#)).unwrap();
    assert!(all(&el, ".tinbai-citation").is_empty() && !all(&el, ".tinbai-source a[href^='/tin/']").is_empty());
    w.destroy();
}

#[wasm_bindgen_test]
fn article_auto_without_an_index_relates_to_the_pages_own_text() {
    fresh();
    let d = doc();
    let story = d.create_element("article").unwrap();
    for (tag, words) in [("h1", "Lào Cai và Nouvelle-Aquitaine"), ("p", "Họp bàn nội dung hợp tác giữa tỉnh Lào Cai và vùng Nouvelle-Aquitaine (Pháp) giai đoạn mới.")] {
        let e = d.create_element(tag).unwrap();
        e.set_text_content(Some(words));
        story.append_child(&e).unwrap();
    }
    d.body().unwrap().prepend_with_node_1(&story).unwrap();
    let el = host();
    let w = web::render_related(el.clone().into(), js(r#"{"article": "auto", "limit": 3}"#)).unwrap();
    let shown: Vec<String> = all(&el, "li").iter().map(|li| li.get_attribute("data-id").unwrap()).collect();
    let page_text = "Lào Cai và Nouvelle-Aquitaine Lào Cai và Nouvelle-AquitaineHọp bàn nội dung hợp tác giữa tỉnh Lào Cai và vùng Nouvelle-Aquitaine (Pháp) giai đoạn mới.";
    let expected = Array::from(&web::related(js(&format!(r#"{{"text": "{page_text}", "limit": 3}}"#))).unwrap());
    let expected: Vec<String> = expected.iter().map(|x| Reflect::get(&x, &"id".into()).unwrap().as_string().unwrap()).collect();
    assert!(!shown.is_empty());
    assert_eq!(shown, expected, "the h1, then the article's text");
    // The function API reads the page the same way.
    let api = Array::from(&web::related(js(r#"{"article": "auto", "limit": 3}"#)).unwrap());
    assert_eq!(api.length() as usize, shown.len());
    w.destroy();
    story.remove();
}
