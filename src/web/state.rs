//! The loaded datasets, for the page's lifetime: the site's own (`loadDataset`),
//! and the bundled seeds, loaded on first use.

use crate::engine::Engine;
use std::cell::RefCell;
use wasm_bindgen::JsError;

thread_local! {
    /// The site's dataset, once `loadDataset` gave one.
    static SITE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    /// `None` until first needed: a page that only reads a built index, or loads its
    /// own dataset, never pays for parsing the bundled seeds.
    static BUNDLED: RefCell<Option<Result<Engine, String>>> = const { RefCell::new(None) };
}

/// Back to the bundled dataset.
pub fn reset() {
    SITE.with(|cell| *cell.borrow_mut() = None);
}

pub fn replace(engine: Engine) {
    SITE.with(|cell| *cell.borrow_mut() = Some(engine));
}

/// An engine error as a JS error that names the call.
pub fn named(func: &str) -> impl Fn(crate::Error) -> JsError + '_ {
    move |e| JsError::new(&format!("{func}: {e}"))
}

fn with_bundled<T>(f: impl FnOnce(&Engine) -> Result<T, JsError>) -> Result<T, JsError> {
    if BUNDLED.with(|cell| cell.borrow().is_none()) {
        let engine = Engine::bundled().map_err(|e| e.to_string());
        BUNDLED.with(|cell| *cell.borrow_mut() = Some(engine));
    }
    BUNDLED.with(|cell| match &*cell.borrow() {
        Some(Ok(e)) => f(e),
        Some(Err(m)) => Err(JsError::new(m)),
        None => Err(JsError::new("tinbai: the bundled dataset did not load")),
    })
}

fn with_site<T>(f: impl FnOnce(&Engine) -> Result<T, JsError>) -> Result<T, JsError> {
    SITE.with(|cell| match cell.borrow().as_ref() {
        Some(e) => f(e),
        None => Err(JsError::new("tinbai: no site dataset loaded")),
    })
}

/// Run `f` with the dataset in use: the site's, else the bundled seeds.
pub fn with<T>(f: impl FnOnce(&Engine) -> Result<T, JsError>) -> Result<T, JsError> {
    if SITE.with(|cell| cell.borrow().is_some()) {
        with_site(f)
    } else {
        with_bundled(f)
    }
}

/// Run `f` with the dataset the partnership facts come from, and whether their
/// sources must be cited rather than linked: the site's own partnerships link to
/// its own articles; without any, the bundled Việt Nam–France facts stay, but on a
/// page that brought its own data (`loadDataset`, or an index loaded) their
/// sources are the seeds' articles, which the site does not have.
pub fn with_facts<T>(f: impl FnOnce(&Engine, bool) -> Result<T, JsError>) -> Result<T, JsError> {
    match SITE.with(|cell| cell.borrow().as_ref().map(|e| !e.dataset().partnerships().is_empty())) {
        Some(true) => with_site(|e| f(e, false)),
        Some(false) => with_bundled(|e| f(e, true)),
        None => with_bundled(|e| f(e, super::index::loaded())),
    }
}
