//! What the browser does without tables in the wasm: Unicode normalisation
//! (`String.prototype.normalize`) and grouped numbers (`Intl.NumberFormat`); and
//! its clock. The core
//! may not depend on wasm-bindgen, so the wasm crates hand these in at start with
//! [`install`]; natively, and in any build that installs nothing, the core's own code
//! stands in (unicode-normalization natively; in a bare wasm build, text as given and
//! the labels' own separators).

use std::sync::OnceLock;

/// The browser's functions, as plain function pointers.
#[derive(Clone, Copy)]
pub struct Hooks {
    /// `s.normalize(form)`, form `"NFC"` or `"NFD"`.
    pub normalize: fn(s: &str, form: &str) -> Option<String>,
    /// `n` grouped the way the language code writes it.
    pub group: fn(n: u64, lang: &str) -> Option<String>,
    /// `Date.now()` in whole seconds: wasm32 has no clock of its own.
    pub now: fn() -> i64,
}

static HOOKS: OnceLock<Hooks> = OnceLock::new();

/// Install the browser's functions; later calls change nothing.
pub fn install(hooks: Hooks) {
    let _ = HOOKS.set(hooks);
}

pub(crate) fn hooks() -> Option<&'static Hooks> {
    HOOKS.get()
}
