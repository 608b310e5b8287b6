//! The one loaded dataset, for the page's lifetime.

use crate::engine::Engine;
use std::cell::RefCell;
use wasm_bindgen::JsError;

thread_local! {
    /// `None` until first needed: a page that only reads a built index, or loads its
    /// own dataset, never pays for parsing the bundled seeds.
    static ENGINE: RefCell<Option<Result<Engine, String>>> = const { RefCell::new(None) };
}

fn load_bundled() {
    let engine = Engine::bundled().map_err(|e| e.to_string());
    ENGINE.with(|cell| *cell.borrow_mut() = Some(engine));
}

/// Back to the bundled dataset, loaded again on its next use.
pub fn reset() {
    ENGINE.with(|cell| *cell.borrow_mut() = None);
}

pub fn replace(engine: Engine) {
    ENGINE.with(|cell| *cell.borrow_mut() = Some(Ok(engine)));
}

/// An engine error as a JS error that names the call.
pub fn named(func: &str) -> impl Fn(crate::Error) -> JsError + '_ {
    move |e| JsError::new(&format!("{func}: {e}"))
}

/// Run `f` with the engine; errors come back as JS errors.
pub fn with<T>(f: impl FnOnce(&Engine) -> Result<T, JsError>) -> Result<T, JsError> {
    if ENGINE.with(|cell| cell.borrow().is_none()) {
        load_bundled();
    }
    ENGINE.with(|cell| match &*cell.borrow() {
        Some(Ok(e)) => f(e),
        Some(Err(m)) => Err(JsError::new(m)),
        None => Err(JsError::new("tinbai: the bundled dataset did not load")),
    })
}
