//! Feeds in the browser, read as the CLI reads them (docs/feeds.md), with the
//! browser's own parsers: `browser.js`, the glue's snippet, turns HTML into text
//! (a JSON Feed's `content_html`), and `www/feed.js`, fetched the first time
//! `loadDataset` is given XML and never before, turns RSS and Atom into articles.
//! Every article then goes through the host dataset's one validator, as the CLI's do.

use super::convert::{from_js, message, to_js};
use super::state;
use tinbai::dataset::feed::{json_feed_item, Text};
use tinbai::dataset::host::{self, Entry, Shape};
use tinbai::dataset::value::Value;
use tinbai::engine::Engine;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// RSS or Atom text as `{list, items}`, by www/feed.js, fetched on first use.
    #[wasm_bindgen(js_name = readFeed)]
    fn read_feed(text: &str) -> js_sys::Promise;
    /// HTML's text as `{paragraphs, captions}`.
    #[wasm_bindgen(catch, js_name = htmlText)]
    fn html_text_js(html: &str) -> Result<JsValue, JsValue>;
}

fn strings(v: &JsValue, name: &str) -> Vec<String> {
    Reflect::get(v, &name.into()).map(|list| Array::from(&list).iter().filter_map(|s| s.as_string()).collect()).unwrap_or_default()
}

/// A dataset object: tinbai's JSON, or a JSON Feed, whose `content_html` is read here
/// as the CLI's `fragment_text` reads it.
pub fn load_value(mut value: Value, lenient: bool) -> Result<JsValue, JsError> {
    if host::is_json_feed(&value) {
        // The parser can refuse (Trusted Types): the first refusal is the error.
        let failed = std::cell::RefCell::new(None);
        let html_text = |html: &str| match html_text_js(html) {
            Ok(t) => Text { paragraphs: strings(&t, "paragraphs"), captions: strings(&t, "captions") },
            Err(e) => {
                failed.borrow_mut().get_or_insert_with(|| message(&e));
                Text::default()
            }
        };
        if let Value::Object(fields) = &mut value {
            for (_, items) in fields.iter_mut().filter(|(k, _)| k == "items") {
                if let Value::Array(items) = items {
                    items.iter_mut().for_each(|item| json_feed_item(item, &html_text));
                }
            }
        }
        if let Some(m) = failed.into_inner() {
            return Err(JsError::new(&format!("loadDataset: content_html: {m}")));
        }
    }
    let (engine, report) = Engine::from_host(&value, lenient).map_err(|e| JsError::new(&format!("loadDataset: {e}")))?;
    state::replace(engine);
    to_js(&report)
}

/// An RSS or Atom feed's articles as feed.js read them, named as the CLI names them
/// (`items[3]`, `entries[3]`).
fn load_feed(feed: &JsValue, lenient: bool) -> Result<JsValue, JsError> {
    let feed = from_js(feed).map_err(|m| JsError::new(&format!("loadDataset: {m}")))?;
    let list = feed.get("list").and_then(Value::as_str).unwrap_or("items");
    let items = match feed.get("items") {
        Some(Value::Array(items)) => &items[..],
        _ => &[],
    };
    let entries = items.iter().enumerate().map(|(i, v)| Entry { at: format!("{list}[{i}]"), shape: Shape::Dataset, value: Ok(v) });
    let (data, report) = host::load_entries(entries, &[], lenient).map_err(|e| JsError::new(&format!("loadDataset: {e}")))?;
    state::replace(Engine::new(data));
    to_js(&report)
}

/// Text: JSON (tinbai's or a JSON Feed), or an RSS or Atom feed when it starts with
/// `<`, as the CLI tells them apart. Resolves to the report.
pub fn load_text(text: String, lenient: bool) -> js_sys::Promise {
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let result = match body.trim_start_matches(|c: char| c.is_ascii_whitespace()).chars().next() {
        None => Err(JsError::new("loadDataset: the text is empty")),
        Some('<') => {
            let feed = read_feed(body);
            return wasm_bindgen_futures::future_to_promise(async move {
                let feed = JsFuture::from(feed).await.map_err(|e| JsError::new(&format!("loadDataset: {}", message(&e))))?;
                Ok(load_feed(&feed, lenient)?)
            });
        }
        Some(_) => match js_sys::JSON::parse(body) {
            Ok(v) => from_js(&v).map_err(|m| JsError::new(&format!("loadDataset: {m}"))).and_then(|v| load_value(v, lenient)),
            Err(e) => Err(JsError::new(&format!("loadDataset: invalid JSON: {}", message(&e)))),
        },
    };
    match result {
        Ok(report) => js_sys::Promise::resolve(&report),
        Err(e) => js_sys::Promise::reject(&e.into()),
    }
}
