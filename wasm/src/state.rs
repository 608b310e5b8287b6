//! The loaded datasets, for the page's lifetime: the site's own (`loadDataset`),
//! and the bundled seeds, loaded on first use.

use tinbai::engine::Engine;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsError;

thread_local! {
    /// The site's dataset, once `loadDataset` gave one.
    static SITE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
    /// `None` until first needed: a page that only reads a built index, or loads its
    /// own dataset, never pays for parsing the bundled seeds.
    static BUNDLED: RefCell<Option<Result<Rc<Engine>, String>>> = const { RefCell::new(None) };
}

/// Back to the bundled dataset.
pub fn reset() {
    SITE.with(|cell| *cell.borrow_mut() = None);
}

pub fn replace(engine: Engine) {
    SITE.with(|cell| *cell.borrow_mut() = Some(Rc::new(engine)));
}

/// An engine error as a JS error that names the call.
pub fn named(func: &str) -> impl Fn(tinbai::Error) -> JsError + '_ {
    move |e| JsError::new(&format!("{func}: {e}"))
}

fn site() -> Option<Rc<Engine>> {
    SITE.with(|cell| cell.borrow().clone())
}

fn bundled() -> Result<Rc<Engine>, JsError> {
    let loaded = BUNDLED.with(|cell| {
        let mut slot = cell.borrow_mut();
        slot.get_or_insert_with(|| Engine::bundled().map(Rc::new).map_err(|e| e.to_string())).clone()
    });
    loaded.map_err(|m| JsError::new(&m))
}

/// The dataset in use: the site's, else the bundled seeds. Not generic, so each
/// caller of [`with`] adds only its own closure to the wasm.
fn current() -> Result<Rc<Engine>, JsError> {
    site().map_or_else(bundled, Ok)
}

/// The dataset the partnership facts come from, and whether their sources must be
/// cited rather than linked: the site's own partnerships link to its own
/// articles; without any, the bundled Việt Nam–France facts stay, but on a page
/// that brought its own data (`loadDataset`, or an index loaded) their sources are
/// the seeds' articles, which the site does not have.
fn facts() -> Result<(Rc<Engine>, bool), JsError> {
    match site() {
        Some(e) if !e.dataset().partnerships().is_empty() => Ok((e, false)),
        Some(_) => Ok((bundled()?, true)),
        None => Ok((bundled()?, super::index::loaded())),
    }
}

/// Run `f` with the dataset in use.
pub fn with<T>(f: impl FnOnce(&Engine) -> Result<T, JsError>) -> Result<T, JsError> {
    let e = current()?;
    f(&e)
}

/// Run `f` with the dataset of the partnership facts and whether to cite them.
pub fn with_facts<T>(f: impl FnOnce(&Engine, bool) -> Result<T, JsError>) -> Result<T, JsError> {
    let (e, cite) = facts()?;
    f(&e, cite)
}
