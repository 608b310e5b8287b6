//! The browser's normalisation, number formats and clock, lent to the core (see
//! `tinbai::platform`), so the wasm carries no Unicode or locale tables.

use js_sys::{Array, Function, Intl, JsString, Object};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

pub fn install() {
    tinbai::platform::install(tinbai::platform::Hooks { normalize, group, now });
}

fn normalize(s: &str, form: &str) -> Option<String> {
    JsString::from(s).normalize(form).as_string()
}

fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

thread_local! {
    // One formatter per language: making one costs far more than using it.
    static FORMATS: RefCell<Vec<(String, Function)>> = const { RefCell::new(Vec::new()) };
}

fn group(n: u64, lang: &str) -> Option<String> {
    FORMATS.with(|f| {
        let mut f = f.borrow_mut();
        let format = match f.iter().find(|(l, _)| l == lang) {
            Some((_, format)) => format.clone(),
            None => {
                let format = Intl::NumberFormat::new(&Array::of1(&JsValue::from_str(lang)), &Object::new()).format();
                f.push((lang.to_owned(), format.clone()));
                format
            }
        };
        format.call1(&JsValue::UNDEFINED, &JsValue::from_f64(n as f64)).ok()?.as_string()
    })
}
