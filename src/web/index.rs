//! A built index (`tinbai build`) in the browser: `loadIndex` fetches the header;
//! each shard is fetched the first time a widget or `prefetch` needs an article in
//! it, and kept. Related lists for indexed articles are then lookups, not rankings.

use super::convert::{describe, message, to_js};
use crate::engine::{MostReadList, MostReadQuery, RelatedList, RelatedQuery};
use crate::rank::most_read::Window;
use crate::error::quote;
use crate::store::{read, shard_file, shard_of, HEADER_FILE};
use js_sys::{Array, Uint8Array};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

struct Loaded {
    /// The header's URL: shards are fetched next to it.
    base: String,
    header: read::Header,
    /// Shards fetched and checked, by number. Lists, not hash maps: a page holds a
    /// few, and each map type was another copy of the hash table code in the wasm.
    shards: Vec<(u32, Vec<u8>)>,
    /// Shards being fetched, with the widgets (by number) waiting for each.
    waiting: Vec<(u32, Vec<u32>)>,
}

thread_local! {
    static INDEX: RefCell<Option<Loaded>> = const { RefCell::new(None) };
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    articles: u32,
    shards: u32,
    kept: u32,
    built_at: String,
}

/// The request for `url`, sent now: the caller awaits it with [`body`] later.
fn request(url: &str) -> Result<js_sys::Promise, String> {
    Ok(web_sys::window().ok_or("no window")?.fetch_with_str(url))
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    body(request(url), url).await
}

async fn body(request: Result<js_sys::Promise, String>, url: &str) -> Result<Vec<u8>, String> {
    answer(request, url).await.map_err(|(m, _)| m)
}

/// The bytes of a response, or why not, and whether asking again may help: the
/// request got no answer (the network) or the server failed (HTTP 5xx).
async fn answer(request: Result<js_sys::Promise, String>, url: &str) -> Result<Vec<u8>, (String, bool)> {
    let resp = JsFuture::from(request.map_err(|m| (m, false))?).await.map_err(|e| (format!("{}: {}", quote(url), message(&e)), true))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| (format!("{}: fetch gave no response", quote(url)), false))?;
    if !resp.ok() {
        return Err((format!("{}: HTTP {} {}", quote(url), resp.status(), resp.status_text()), resp.status() >= 500));
    }
    let buf = resp.array_buffer().map_err(|e| (message(&e), false))?;
    let buf = JsFuture::from(buf).await.map_err(|e| (format!("{}: {}", quote(url), message(&e)), true))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// Resolve `url` against the page; a folder URL means its `index.bin`.
fn header_url(url: &str) -> Result<String, String> {
    let page = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let u = web_sys::Url::new_with_base(url, &page).map_err(|_| format!("{} is not a URL", quote(url)))?;
    if u.pathname().ends_with('/') {
        u.set_pathname(&(u.pathname() + HEADER_FILE));
    }
    Ok(u.href())
}

fn shard_url(base: &str, k: u32) -> String {
    web_sys::Url::new_with_base(&shard_file(k), base).map(|u| u.href()).unwrap_or_else(|_| shard_file(k))
}

/// Use the index built at `url` (its `index.bin`, or the folder holding it) for
/// related lists of the articles it holds and for most-read. Resolves to
/// `{articles, shards, kept, builtAt}` once the header is in; shards come later,
/// as widgets need them.
#[wasm_bindgen(js_name = loadIndex, unchecked_return_type = "IndexInfo")]
pub async fn load_index(#[wasm_bindgen(unchecked_param_type = "string")] url: JsValue) -> Result<JsValue, JsError> {
    let fail = |m: String| JsError::new(&format!("loadIndex: {m}"));
    let url = url.as_string().ok_or_else(|| fail(format!("url must be a string, got {}", describe(&url))))?;
    let base = header_url(&url).map_err(fail)?;
    let bytes = fetch_bytes(&base).await.map_err(fail)?;
    let header = read::header(&bytes).map_err(|e| fail(format!("{}: {e}", quote(&base))))?;
    let info = Info { articles: header.articles, shards: header.shards, kept: header.kept, built_at: crate::time::format(header.built_at) };
    INDEX.with(|cell| *cell.borrow_mut() = Some(Loaded { base, header, shards: Vec::new(), waiting: Vec::new() }));
    to_js(&info)
}

/// Fetch the index shards holding these article ids, so that `related` can answer
/// for them at once. Resolves when they are in.
#[wasm_bindgen]
pub async fn prefetch(#[wasm_bindgen(unchecked_param_type = "string | string[]")] ids: JsValue) -> Result<(), JsError> {
    let ids: Vec<String> = match ids.as_string() {
        Some(s) => vec![s],
        None if Array::is_array(&ids) => Array::from(&ids).iter().map(|v| v.as_string().ok_or_else(|| JsError::new(&format!("prefetch: expected ids as strings, got {}", describe(&v))))).collect::<Result<_, _>>()?,
        None => return Err(JsError::new(&format!("prefetch: expected an id or an array of ids, got {}", describe(&ids)))),
    };
    let mut wanted: Vec<u32> = INDEX.with(|cell| match &*cell.borrow() {
        Some(ix) => Ok(ids.iter().map(|id| shard_of(id, ix.header.shards)).filter(|k| !ix.shards.iter().any(|(s, _)| s == k)).collect()),
        None => Err(JsError::new("prefetch: no index loaded: await loadIndex(url) first")),
    })?;
    crate::sort::ascending(&mut wanted);
    wanted.dedup();
    // Every request goes out before the first is awaited.
    let pending: Vec<_> = wanted.into_iter().map(fetch_shard).collect();
    for shard in pending {
        shard.await.map_err(|m| JsError::new(&format!("prefetch: {m}")))?;
    }
    Ok(())
}

/// Fetch, check and keep shard `k`; then re-render the widgets waiting for it. The
/// request is sent when this is called, not when it is first awaited: a widget
/// mounted next must not hold it back. A network failure or HTTP 5xx is retried once.
fn fetch_shard(k: u32) -> impl std::future::Future<Output = Result<(), String>> {
    let sent = INDEX.with(|cell| cell.borrow().as_ref().map(|ix| ix.base.clone())).map(|base| {
        let url = shard_url(&base, k);
        let req = request(&url);
        (base, url, req)
    });
    async move {
        let (base, url, req) = sent.ok_or("no index loaded")?;
        // A request the network dropped, or a server error, is sent once more.
        let fetched = match answer(req, &url).await {
            Err((_, true)) => body(request(&url), &url).await,
            other => other.map_err(|(m, _)| m),
        };
        keep_shard(k, base, &url, fetched)
    }
}

/// Check a fetched shard, keep it, and re-render the widgets waiting for it.
fn keep_shard(k: u32, base: String, url: &str, fetched: Result<Vec<u8>, String>) -> Result<(), String> {
    let result = fetched.and_then(|bytes| match read::shard(&bytes) {
        Ok(s) if s.shard == k => Ok(bytes),
        Ok(_) => Err(format!("{}: holds another shard", quote(url))),
        Err(e) => Err(format!("{}: {e}", quote(url))),
    });
    let (bytes, error) = match result {
        Ok(bytes) => (Some(bytes), None),
        Err(e) => (None, Some(e)),
    };
    let waiters = INDEX.with(|cell| {
        let mut slot = cell.borrow_mut();
        // A different index may have been loaded meanwhile: then this shard is stale.
        let ix = slot.as_mut().filter(|ix| ix.base == base)?;
        let w = ix.waiting.iter().position(|(s, _)| *s == k).map(|i| ix.waiting.swap_remove(i).1).unwrap_or_default();
        if let Some(bytes) = bytes {
            ix.shards.retain(|(s, _)| *s != k);
            ix.shards.push((k, bytes));
        }
        Some(w)
    });
    for n in waiters.unwrap_or_default() {
        super::widget::rerender(n, error.as_deref());
    }
    error.map_or(Ok(()), Err)
}

pub fn loaded() -> bool {
    INDEX.with(|cell| cell.borrow().is_some())
}

/// What the index says about a related query.
pub enum Lookup {
    /// No index, or not a question it answers (free text): ask the engine.
    Engine,
    Found(RelatedList),
    /// The article's shard is not loaded yet.
    Missing(u32),
}

/// A related list for `q.article` from the index.
pub fn related(q: &RelatedQuery) -> Result<Lookup, crate::Error> {
    let Some(id) = q.article.as_deref().filter(|_| q.text.is_none()) else { return Ok(Lookup::Engine) };
    INDEX.with(|cell| {
        let slot = cell.borrow();
        let Some(ix) = slot.as_ref() else { return Ok(Lookup::Engine) };
        let k = shard_of(id, ix.header.shards);
        let Some((_, bytes)) = ix.shards.iter().find(|(s, _)| *s == k) else { return Ok(Lookup::Missing(k)) };
        let limit = q.limit.unwrap_or(crate::engine::DEFAULT_LIMIT);
        if limit > ix.header.kept as usize {
            return Err(crate::Error::option("limit", format!("the index keeps {} related items per article, asked for {limit}", ix.header.kept)));
        }
        let list = read::shard(bytes).and_then(|s| s.related(id)).map_err(|e| crate::Error::Json(e.to_string()))?;
        let Some(mut list) = list else {
            return Err(crate::Error::UnknownId { what: "article", id: id.to_owned() });
        };
        let min = f64::from(q.min_score.unwrap_or(crate::rank::related::MIN_SCORE));
        list.items.retain(|it| !q.exclude.contains(&it.id) && it.score >= min);
        list.items.truncate(limit);
        if list.items.is_empty() && list.empty.is_none() {
            list.empty = Some(crate::rank::related::Empty::AllExcluded);
        }
        Ok(Lookup::Found(list))
    })
}

/// Most-read from the index's header: the lists `tinbai build` ranked at its
/// `--now` from the site's views, so the page's own recorded views do not enter.
/// `None` without an index.
pub fn most_read(q: &MostReadQuery) -> Option<MostReadList> {
    INDEX.with(|cell| {
        let slot = cell.borrow();
        let list = slot.as_ref()?.header.most_read(q.window.unwrap_or(Window::All))?;
        Some(list.narrowed(&q.exclude, q.limit.unwrap_or(crate::engine::DEFAULT_LIMIT)))
    })
}

/// Wait for shard `k`, then re-render widget `n`.
pub fn wait(k: u32, n: u32) {
    let start = INDEX.with(|cell| {
        let mut slot = cell.borrow_mut();
        let Some(ix) = slot.as_mut() else { return false };
        if !ix.waiting.iter().any(|(s, _)| *s == k) {
            ix.waiting.push((k, Vec::new()));
        }
        let Some((_, list)) = ix.waiting.iter_mut().find(|(s, _)| *s == k) else { return false };
        let first = list.is_empty();
        if !list.contains(&n) {
            list.push(n);
        }
        first
    });
    if start {
        let shard = fetch_shard(k);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = shard.await;
        });
    }
}

/// `related()`'s answer from the index, when it has one.
pub fn related_js(q: &RelatedQuery) -> Result<Option<JsValue>, JsError> {
    match related(q).map_err(|e| JsError::new(&format!("related: {e}")))? {
        Lookup::Engine => Ok(None),
        Lookup::Found(list) => to_js(&list.items).map(Some),
        Lookup::Missing(k) => Err(JsError::new(&format!(
            "related: article {} is in index shard {k}, not loaded yet: await prefetch(id) first",
            quote(q.article.as_deref().unwrap_or_default())
        ))),
    }
}
