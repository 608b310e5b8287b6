//! A built index (`tinbai build`) in the browser: `loadIndex` fetches the header;
//! every other file is fetched the first time a widget or a call needs it, and
//! kept. Related lists for indexed articles are lookups; a page the index does not
//! have is found by its URL or headline, else answered by its text from the terms
//! files ([`tinbai::store::search`]). With an index loaded, related items only ever
//! come from it.

use super::convert::describe;
#[cfg(feature = "engine")]
use super::convert::message;
#[cfg(feature = "engine")]
use super::convert::to_js;
use super::options::Options;
use super::page;
use js_sys::{Object, Reflect, Uint8Array};
#[cfg(feature = "engine")]
use js_sys::Promise;
#[cfg(feature = "engine")]
use js_sys::Array;
use std::cell::RefCell;
use tinbai::engine::{MostReadList, MostReadQuery, RelatedList};
use tinbai::error::quote;
use tinbai::rank::most_read::Window;
use tinbai::store::search::{self, Source, Step};
#[cfg(feature = "engine")]
use tinbai::store::shard_of;
use tinbai::store::{read, File, HEADER_FILE};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
#[cfg(feature = "engine")]
use wasm_bindgen_futures::JsFuture;

struct Loaded {
    /// The header's URL: the other files are fetched next to it.
    base: String,
    header: read::Header,
    /// Its bytes, for `indexFiles`.
    header_bytes: Vec<u8>,
    /// `facts.bin` could not be had: the partnership cards are the engine's.
    #[cfg(not(feature = "engine"))]
    no_facts: bool,
    /// Files fetched and checked. Lists, not hash maps: a page holds a few, and
    /// each map type was another copy of the hash table code in the wasm.
    files: Vec<(File, Vec<u8>)>,
    /// Files being fetched: each promise resolves once the file is kept, to
    /// `undefined`, or to the error message (never rejects: nobody may be
    /// listening, and an unhandled rejection is a console error).
    #[cfg(feature = "engine")]
    fetching: Vec<(File, Promise)>,
    /// Files being fetched, by `fetch.js`.
    #[cfg(not(feature = "engine"))]
    fetching: Vec<File>,
    /// Widgets (by number) waiting for each file.
    waiting: Vec<(File, Vec<u32>)>,
}

impl Source for Loaded {
    fn file(&self, f: File) -> Option<&[u8]> {
        self.files.iter().find(|(g, _)| *g == f).map(|(_, b)| b.as_slice())
    }
}

thread_local! {
    static INDEX: RefCell<Option<Loaded>> = const { RefCell::new(None) };
}

#[cfg(feature = "engine")]
/// The request for `url`, sent now: the caller awaits it with [`body`] later.
fn request(url: &str) -> Result<Promise, String> {
    Ok(web_sys::window().ok_or("no window")?.fetch_with_str(url))
}

#[cfg(feature = "engine")]
async fn body(request: Result<Promise, String>, url: &str) -> Result<Vec<u8>, String> {
    answer(request, url).await.map_err(|(m, _)| m)
}

#[cfg(feature = "engine")]
/// The bytes of a response, or why not, and whether asking again may help: the
/// request got no answer (the network) or the server failed (HTTP 5xx).
async fn answer(request: Result<Promise, String>, url: &str) -> Result<Vec<u8>, (String, bool)> {
    let resp = JsFuture::from(request.map_err(|m| (m, false))?).await.map_err(|e| (failed(url, None, &message(&e)), true))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| (format!("{}: fetch gave no response", quote(url)), false))?;
    if !resp.ok() {
        return Err((failed(url, Some(resp.status()), &resp.status_text()), resp.status() >= 500));
    }
    let buf = resp.array_buffer().map_err(|e| (message(&e), false))?;
    let buf = JsFuture::from(buf).await.map_err(|e| (failed(url, None, &message(&e)), true))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// Why fetching `url` failed, the same in both builds: the HTTP status and its
/// text, or without one (no answer came) the error's message.
fn failed(url: &str, status: Option<u16>, text: &str) -> String {
    match status {
        Some(status) => format!("{}: HTTP {status} {text}", quote(url)),
        None => format!("{}: {text}", quote(url)),
    }
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

fn file_url(base: &str, f: File) -> String {
    web_sys::Url::new_with_base(&f.name(), base).map(|u| u.href()).unwrap_or_else(|_| f.name())
}

/// Work for a promise. Every async export goes through this one type, so the wasm
/// holds one copy of the code that drives a future to a promise, not one per export.
#[cfg(feature = "engine")]
type Job = std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>;

/// `job` as a promise, started now.
#[cfg(feature = "engine")]
pub fn promise(job: impl std::future::Future<Output = Result<JsValue, JsError>> + 'static) -> Promise {
    let job: Job = Box::pin(async move { job.await.map_err(JsValue::from) });
    wasm_bindgen_futures::future_to_promise(job)
}

/// Use the index built at `url` (its `index.bin`, or the folder holding it) for
/// related lists and most-read. Resolves to `{articles, shards, kept, builtAt}`
/// once the header is in; the other files come later, as they are needed.
/// `files`: index files the page has already, as `[name, bytes]` pairs (what
/// `indexFiles()` gives, or bytes inlined in the page); they are not fetched again.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = loadIndex, unchecked_return_type = "Promise<IndexInfo>")]
pub fn load_index(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "[string, Uint8Array][] | undefined")] files: JsValue,
) -> Promise {
    promise(load(url, files))
}

/// The reader's `loadIndex`: the loader fetches the header (alongside the wasm)
/// and gives it in `files`, so this answers at once, and the reader carries no
/// async runtime.
#[cfg(not(feature = "engine"))]
#[wasm_bindgen(js_name = loadIndex, unchecked_return_type = "IndexInfo")]
pub fn load_index(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "[string, Uint8Array][]")] files: JsValue,
) -> Result<JsValue, JsError> {
    let (base, header, given) = prepare(&url, &files).map_err(load_failed)?;
    let bytes = header.ok_or_else(|| load_failed("the reader is given the header".into()))?;
    install(base, bytes, given).map_err(load_failed)
}

/// The index files this module holds, as `[name, bytes]` pairs: the header and
/// every file fetched so far. `loadIndex(url, indexFiles())` in another module
/// (the engine, after the reader) fetches none of them again.
#[wasm_bindgen(js_name = indexFiles, unchecked_return_type = "[string, Uint8Array][]")]
pub fn index_files() -> js_sys::Array {
    let out = js_sys::Array::new();
    INDEX.with(|cell| {
        let slot = cell.borrow();
        let Some(ix) = slot.as_ref() else { return };
        let header = (File::Header, &ix.header_bytes);
        for (f, bytes) in std::iter::once(header).chain(ix.files.iter().map(|(f, b)| (*f, b))) {
            out.push(&js_sys::Array::of2(&f.name().into(), &Uint8Array::from(bytes.as_slice())));
        }
    });
    out
}

/// The `[name, bytes]` pairs of `files` that name index files; anything else is
/// left out (it is fetched, as without it).
fn given(files: &JsValue) -> Vec<(File, Vec<u8>)> {
    let mut out = Vec::new();
    if !js_sys::Array::is_array(files) {
        return out;
    }
    for pair in js_sys::Array::from(files).iter() {
        let pair = js_sys::Array::from(&pair);
        let (Some(f), Some(bytes)) = (pair.get(0).as_string().and_then(|n| File::from_name(&n)), pair.get(1).dyn_into::<Uint8Array>().ok()) else { continue };
        out.push((f, bytes.to_vec()));
    }
    out
}

#[cfg(feature = "engine")]
async fn load(url: JsValue, files: JsValue) -> Result<JsValue, JsError> {
    let (base, header, given) = prepare(&url, &files).map_err(load_failed)?;
    let bytes = match header {
        Some(bytes) => bytes,
        None => body(request(&base), &base).await.map_err(load_failed)?,
    };
    install(base, bytes, given).map_err(load_failed)
}

fn load_failed(m: String) -> JsError {
    JsError::new(&format!("loadIndex: {m}"))
}

/// `loadIndex`'s arguments read: the header's URL, its bytes if `files` has them,
/// and the other files given.
#[allow(clippy::type_complexity)]
fn prepare(url: &JsValue, files: &JsValue) -> Result<(String, Option<Vec<u8>>, Vec<(File, Vec<u8>)>), String> {
    let url = url.as_string().ok_or_else(|| format!("url must be a string, got {}", describe(url)))?;
    let base = header_url(&url)?;
    let mut given = given(files);
    let header = given.iter().position(|(f, _)| *f == File::Header).map(|i| given.swap_remove(i).1);
    Ok((base, header, given))
}

/// Use the header `bytes` read from `base`, with the files already `given`.
fn install(base: String, bytes: Vec<u8>, mut given: Vec<(File, Vec<u8>)>) -> Result<JsValue, String> {
    let header = read::header(&bytes).map_err(|e| format!("{}: {e}", quote(&base)))?;
    // A given file that is not what its name says is fetched instead.
    given.retain(|(f, b)| check(*f, b).is_ok());
    // Set field by field: the reader carries no serializer.
    let info = Object::new();
    for (k, v) in [("articles", header.articles), ("shards", header.shards), ("kept", header.kept)] {
        let _ = Reflect::set(&info, &k.into(), &v.into());
    }
    let _ = Reflect::set(&info, &"builtAt".into(), &tinbai::time::format(header.built_at).into());
    INDEX.with(|cell| *cell.borrow_mut() = Some(Loaded {
        base,
        header,
        header_bytes: bytes,
        #[cfg(not(feature = "engine"))]
        no_facts: false,
        files: given,
        fetching: Vec::new(),
        waiting: Vec::new(),
    }));
    Ok(info.into())
}

/// Fetch the index shards holding these article ids, so that `related` can answer
/// for them at once. Resolves when they are in.
#[cfg(feature = "engine")]
#[wasm_bindgen(unchecked_return_type = "Promise<void>")]
pub fn prefetch(#[wasm_bindgen(unchecked_param_type = "string | string[]")] ids: JsValue) -> Promise {
    promise(async move { fetch_ids(ids).await.map(|()| JsValue::UNDEFINED) })
}

#[cfg(feature = "engine")]
async fn fetch_ids(ids: JsValue) -> Result<(), JsError> {
    let ids: Vec<String> = match ids.as_string() {
        Some(s) => vec![s],
        None if Array::is_array(&ids) => Array::from(&ids).iter().map(|v| v.as_string().ok_or_else(|| JsError::new(&format!("prefetch: expected ids as strings, got {}", describe(&v))))).collect::<Result<_, _>>()?,
        None => return Err(JsError::new(&format!("prefetch: expected an id or an array of ids, got {}", describe(&ids)))),
    };
    let shards = INDEX.with(|cell| cell.borrow().as_ref().map(|ix| ix.header.shards)).ok_or_else(|| JsError::new("prefetch: no index loaded: await loadIndex(url) first"))?;
    let files: Vec<File> = ids.iter().map(|id| File::Shard(shard_of(id, shards))).collect();
    fetch_all(&files).await.map_err(|m| JsError::new(&format!("prefetch: {m}")))
}

/// Fetch `files` (every request sent before any is awaited); resolves when all
/// are kept.
#[cfg(feature = "engine")]
async fn fetch_all(files: &[File]) -> Result<(), String> {
    let mut pending = Vec::new();
    for &f in files {
        if !pending.iter().any(|(g, _)| *g == f) {
            pending.push((f, start(f)));
        }
    }
    for (_, p) in pending {
        if let Some(p) = p {
            let v = JsFuture::from(p).await.unwrap_or_else(|e| e);
            if let Some(m) = v.as_string() {
                return Err(m);
            }
        }
    }
    Ok(())
}

/// The reader's fetch: `fetch.js` sends the request (retrying once after a
/// network failure or HTTP 5xx) and calls back with the bytes, or with the status
/// and its text (0 and the error's message when the network failed).
#[cfg(not(feature = "engine"))]
#[wasm_bindgen(module = "/src/fetch.js")]
extern "C" {
    #[wasm_bindgen(js_name = fetchBytes)]
    fn fetch_bytes(url: &str, done: JsValue);
}

/// Start fetching `f` unless it is in or on its way.
#[cfg(not(feature = "engine"))]
fn start(f: File) {
    INDEX.with(|cell| {
        let mut slot = cell.borrow_mut();
        let Some(ix) = slot.as_mut() else { return };
        if ix.file(f).is_some() || ix.fetching.contains(&f) {
            return;
        }
        ix.fetching.push(f);
        let base = ix.base.clone();
        let url = file_url(&base, f);
        let done = Closure::once_into_js({
            let url = url.clone();
            move |got: JsValue, text: JsValue| {
                let fetched = match got.dyn_ref::<Uint8Array>() {
                    Some(bytes) => Ok(bytes.to_vec()),
                    None => {
                        // A whole number: formatting a float would bring its code in.
                        let status = got.as_f64().map(|s| s as u16).filter(|&s| s > 0);
                        Err(failed(&url, status, &text.as_string().unwrap_or_default()))
                    }
                };
                let _ = keep(f, base, &url, fetched);
            }
        });
        // Called back later, never now: the index is free again by then.
        fetch_bytes(&url, done);
    });
}

/// Start fetching `f` unless it is in (`None`) or on its way (its promise). The
/// request is sent now, not when the promise is first awaited: a widget mounted
/// next must not hold it back. A network failure or HTTP 5xx is retried once.
#[cfg(feature = "engine")]
fn start(f: File) -> Option<Promise> {
    INDEX.with(|cell| {
        let mut slot = cell.borrow_mut();
        let ix = slot.as_mut()?;
        if ix.file(f).is_some() {
            return None;
        }
        if let Some((_, p)) = ix.fetching.iter().find(|(g, _)| *g == f) {
            return Some(p.clone());
        }
        let base = ix.base.clone();
        let url = file_url(&base, f);
        let req = request(&url);
        let p = promise(async move {
            // A request the network dropped, or a server error, is sent once more.
            let fetched = match answer(req, &url).await {
                Err((_, true)) => body(request(&url), &url).await,
                other => other.map_err(|(m, _)| m),
            };
            Ok(match keep(f, base, &url, fetched) {
                Ok(()) => JsValue::UNDEFINED,
                Err(m) => JsValue::from_str(&m),
            })
        });
        ix.fetching.push((f, p.clone()));
        Some(p)
    })
}

/// That `bytes` are file `f`, as far as its tables go: a file that is not stays
/// out, and whoever waits for it hears why.
fn check(f: File, bytes: &[u8]) -> Result<(), String> {
    let number = match f {
        File::Header => Ok(0),
        File::Shard(_) => read::shard(bytes).map(|s| s.shard),
        File::Routes(_) => read::routes(bytes).map(|r| r.file),
        File::Terms(_) => read::terms(bytes).map(|t| t.file),
        File::Docs(_) => read::docs(bytes).map(|d| d.file),
        File::Facts => read::facts(bytes).map(|_| 0),
    };
    match (number, f) {
        (Err(e), _) => Err(e.to_string()),
        (Ok(n), File::Shard(k) | File::Routes(k) | File::Terms(k) | File::Docs(k)) if n != k => Err("holds another file of the index".into()),
        _ => Ok(()),
    }
}

/// Keep a fetched file, and re-render the widgets that wait for nothing else now.
fn keep(f: File, base: String, url: &str, fetched: Result<Vec<u8>, String>) -> Result<(), String> {
    let result = fetched.and_then(|bytes| check(f, &bytes).map(|()| bytes).map_err(|e| format!("{}: {e}", quote(url))));
    let (bytes, error) = match result {
        Ok(bytes) => (Some(bytes), None),
        Err(e) => (None, Some(e)),
    };
    // An index built before facts.bin existed has none: its cards are the engine's.
    #[cfg(not(feature = "engine"))]
    let error = match (f, error) {
        (File::Facts, Some(_)) => {
            INDEX.with(|cell| cell.borrow_mut().as_mut().filter(|ix| ix.base == base).map(|ix| ix.no_facts = true));
            None
        }
        (_, e) => e,
    };
    let ready = INDEX.with(|cell| {
        let mut slot = cell.borrow_mut();
        // A different index may have been loaded meanwhile: then this file is stale.
        let ix = slot.as_mut().filter(|ix| ix.base == base)?;
        #[cfg(feature = "engine")]
        ix.fetching.retain(|(g, _)| *g != f);
        #[cfg(not(feature = "engine"))]
        ix.fetching.retain(|g| *g != f);
        let waiters = ix.waiting.iter().position(|(g, _)| *g == f).map(|i| ix.waiting.swap_remove(i).1).unwrap_or_default();
        if let Some(bytes) = bytes {
            ix.files.push((f, bytes));
        }
        // A widget still waiting for another file renders when that one is in; a
        // failure is shown at once.
        Some(waiters.into_iter().filter(|n| error.is_some() || !ix.waiting.iter().any(|(_, w)| w.contains(n))).collect::<Vec<u32>>())
    });
    for n in ready.unwrap_or_default() {
        super::widget::rerender(n, error.as_deref());
    }
    error.map_or(Ok(()), Err)
}

#[cfg(feature = "engine")]
pub fn loaded() -> bool {
    INDEX.with(|cell| cell.borrow().is_some())
}

/// What the index says about a related query.
pub enum Lookup {
    /// No index (or, in the reader, a question only the engine answers).
    Engine,
    Found(RelatedList),
    /// Files the answer needs that are not in yet.
    Missing(Vec<File>),
}

/// `article: "auto"`: the page's own article, whatever it is.
pub const AUTO: &str = "auto";

/// The related list for the options' query from the index: by id, for the page
/// (`article: "auto"`: found by URL or headline, else by its text), or for a free
/// text.
pub fn related(o: &Options) -> Result<Lookup, tinbai::Error> {
    INDEX.with(|cell| {
        let slot = cell.borrow();
        let Some(ix) = slot.as_ref() else { return Ok(Lookup::Engine) };
        let q = o.related_query();
        let (limit, min_score) = q.checked()?;
        let sq = search::Query { limit, min_score, exclude: &q.exclude };
        let step = match (q.article.as_deref(), q.text.as_deref()) {
            // The reader finds the page by its URL or headline only: a page the
            // index lacks is ranked by its text, which is the engine's work.
            #[cfg(not(feature = "engine"))]
            (Some(AUTO), _) => match search::find_article(&ix.header, ix, &page::keys())? {
                Step::Done(Some(route)) => search::related_id(&ix.header, ix, &route.id, &sq)?,
                Step::Done(None) => return Ok(Lookup::Engine),
                Step::Need(f) => Step::Need(f),
            },
            #[cfg(not(feature = "engine"))]
            (None, Some(_)) => return Ok(Lookup::Engine),
            #[cfg(feature = "engine")]
            (Some(AUTO), text) => {
                let text = || text.map_or_else(page::text, str::to_owned);
                match search::related_page(&ix.header, ix, &page::keys(), text, &sq)? {
                    Step::Done((_, list)) => Step::Done(list),
                    Step::Need(f) => Step::Need(f),
                }
            }
            (Some(id), None) => search::related_id(&ix.header, ix, id, &sq)?,
            #[cfg(feature = "engine")]
            (None, Some(t)) if !t.trim().is_empty() => search::related_text(&ix.header, ix, t, &[], &sq)?,
            #[cfg(feature = "engine")]
            (None, Some(_)) => return Err(tinbai::Error::option("text", "must not be empty")),
            (Some(_), Some(_)) => return Err(tinbai::Error::option("article", "give either \"article\" or \"text\", not both")),
            (None, None) => return Err(tinbai::Error::option("article", "give an article id or a \"text\" to relate to")),
        };
        Ok(match step {
            Step::Done(list) => Lookup::Found(list),
            Step::Need(files) => Lookup::Missing(files),
        })
    })
}

/// The partnership cards' data, from the index's `facts.bin`.
#[cfg(not(feature = "engine"))]
pub enum Card {
    Found(read::Facts),
    /// Not in yet: fetch it, then render.
    Missing(File),
    /// No index: ask the engine.
    Engine,
}

#[cfg(not(feature = "engine"))]
pub fn facts() -> Result<Card, String> {
    INDEX.with(|cell| {
        let slot = cell.borrow();
        let Some(ix) = slot.as_ref().filter(|ix| !ix.no_facts) else { return Ok(Card::Engine) };
        match ix.file(File::Facts) {
            Some(bytes) => read::facts(bytes).map(Card::Found).map_err(|e| e.to_string()),
            None => Ok(Card::Missing(File::Facts)),
        }
    })
}

/// Most-read from the index's header: the lists `tinbai build` ranked at its
/// `--now` from the site's views, so the page's own recorded views do not enter.
/// `None` without an index.
pub fn most_read(q: &MostReadQuery) -> Option<MostReadList> {
    INDEX.with(|cell| {
        let slot = cell.borrow();
        let list = slot.as_ref()?.header.most_read(q.window.unwrap_or(Window::All))?;
        Some(list.narrowed(&q.exclude, q.limit.unwrap_or(tinbai::engine::DEFAULT_LIMIT)))
    })
}

/// Fetch `files`, then re-render widget `n` once all are in.
pub fn wait(files: &[File], n: u32) {
    INDEX.with(|cell| {
        let mut slot = cell.borrow_mut();
        let Some(ix) = slot.as_mut() else { return };
        for &f in files {
            match ix.waiting.iter_mut().find(|(g, _)| *g == f) {
                Some((_, list)) if !list.contains(&n) => list.push(n),
                Some(_) => {}
                None => ix.waiting.push((f, vec![n])),
            }
        }
    });
    for &f in files {
        start(f);
    }
}

#[cfg(feature = "engine")]
fn named(e: tinbai::Error) -> JsError {
    JsError::new(&format!("related: {e}"))
}

/// `related()`'s answer from the index, when one is loaded.
#[cfg(feature = "engine")]
pub fn related_js(o: &Options) -> Result<Option<JsValue>, JsError> {
    match related(o).map_err(named)? {
        Lookup::Engine => Ok(None),
        Lookup::Found(list) => to_js(&list.items).map(Some),
        Lookup::Missing(files) => {
            let names: Vec<String> = files.iter().map(|f| f.name()).collect();
            let what = match o.article.as_deref() {
                Some(id) if id != AUTO => format!("article {} is in index file {}, not loaded yet: await prefetch(id) first", quote(id), names.join(", ")),
                _ => format!("the index files this needs ({}) are not loaded yet: await relatedAsync(options) instead", names.join(", ")),
            };
            Err(JsError::new(&format!("related: {what}")))
        }
    }
}

/// The most rounds of fetching one answer takes: routes, a shard or the terms
/// files, then docs files as the candidates are judged.
#[cfg(feature = "engine")]
const ROUNDS: usize = 8;

/// `related()` from the index, fetching what it needs first. `None` without an
/// index.
#[cfg(feature = "engine")]
pub async fn related_async(o: &Options) -> Result<Option<RelatedList>, JsError> {
    for _ in 0..ROUNDS {
        match related(o).map_err(named)? {
            Lookup::Engine => return Ok(None),
            Lookup::Found(list) => return Ok(Some(list)),
            Lookup::Missing(files) => fetch_all(&files).await.map_err(|m| JsError::new(&format!("related: {m}")))?,
        }
    }
    Err(JsError::new("related: the index kept asking for more files"))
}

/// Which indexed article a page is: by the URLs given (each reduced to its path),
/// then the headline; by default this page's canonical URL, path and `<h1>`.
#[cfg(feature = "engine")]
pub async fn find_article(keys: Vec<String>) -> Result<Option<String>, JsError> {
    let fail = |m: String| JsError::new(&format!("findArticle: {m}"));
    for _ in 0..ROUNDS {
        let step = INDEX.with(|cell| {
            let slot = cell.borrow();
            let ix = slot.as_ref().ok_or_else(|| fail("no index loaded: await loadIndex(url) first".into()))?;
            search::find_article(&ix.header, ix, &keys).map_err(|e| fail(e.to_string()))
        })?;
        match step {
            Step::Done(route) => return Ok(route.map(|r| r.id)),
            Step::Need(files) => fetch_all(&files).await.map_err(fail)?,
        }
    }
    Err(fail("the index kept asking for more files".into()))
}
