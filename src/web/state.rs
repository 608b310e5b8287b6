//! The one loaded dataset, for the page's lifetime.

use crate::engine::Engine;
use std::cell::RefCell;
use wasm_bindgen::JsError;

thread_local! {
    static ENGINE: RefCell<Result<Engine, String>> = RefCell::new(Err("tinbai is not initialised: await init() first".into()));
}

pub fn load_bundled() {
    let engine = Engine::bundled().map_err(|e| e.to_string());
    ENGINE.with(|cell| *cell.borrow_mut() = engine);
}

pub fn replace(engine: Engine) {
    ENGINE.with(|cell| *cell.borrow_mut() = Ok(engine));
}

/// An engine error as a JS error that names the call.
pub fn named(func: &str) -> impl Fn(crate::Error) -> JsError + '_ {
    move |e| JsError::new(&format!("{func}: {e}"))
}

/// Run `f` with the engine; errors come back as JS errors.
pub fn with<T>(f: impl FnOnce(&Engine) -> Result<T, JsError>) -> Result<T, JsError> {
    ENGINE.with(|cell| match &*cell.borrow() {
        Ok(e) => f(e),
        Err(m) => Err(JsError::new(m)),
    })
}
