//! JS values to the core's loose JSON value and back. Output is JSON text from
//! `super::json` read by the browser's `JSON.parse`, so hosts get plain objects and
//! arrays, never `Map`s.

use js_sys::Array;
use tinbai::error::{number, quote};
use wasm_bindgen::{JsCast, JsValue};
#[cfg(feature = "engine")]
pub use engine::{from_js, to_js};

/// How a value reads in an error message: `null`, `a number (5)`, `a string ("x")`.
/// What a thrown value says: an `Error`'s message, else what the value is.
pub fn message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => err.message().into(),
        None => describe(e),
    }
}

pub fn describe(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if v.is_undefined() {
        "undefined".into()
    } else if let Some(s) = v.as_string() {
        format!("a string ({})", quote(&s))
    } else if let Some(n) = v.as_f64() {
        format!("a number ({})", number(n))
    } else if let Some(b) = v.as_bool() {
        format!("a boolean ({b})")
    } else if Array::is_array(v) {
        "an array".into()
    } else if v.is_function() {
        "a function".into()
    } else {
        "an object".into()
    }
}

/// JS values to and from the core's: the engine's API only (the reader returns no
/// data, only DOM).
#[cfg(feature = "engine")]
mod engine {
    use super::{describe, message};
    use js_sys::{Array, Object, Reflect};
    use serde::Serialize;
    use tinbai::dataset::value::Value;
    use tinbai::error::quote;
    use wasm_bindgen::{JsCast, JsError, JsValue};

    /// Deeper than this is not a dataset (and may be a cycle).
    const MAX_DEPTH: usize = 64;

    pub fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
        let text = crate::json::to_string(v).map_err(|e| JsError::new(&e.to_string()))?;
        js_sys::JSON::parse(&text).map_err(|e| JsError::new(&message(&e)))
    }

    fn walk(v: &JsValue, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(format!("nested more than {MAX_DEPTH} levels deep"));
        }
        Ok(if v.is_null() || v.is_undefined() {
            Value::Null
        } else if let Some(b) = v.as_bool() {
            Value::Bool(b)
        } else if let Some(n) = v.as_f64() {
            Value::Number(n)
        } else if let Some(s) = v.as_string() {
            Value::String(s)
        } else if Array::is_array(v) {
            let a: &Array = v.unchecked_ref();
            Value::Array(a.iter().map(|x| walk(&x, depth + 1)).collect::<Result<_, _>>()?)
        } else if v.is_object() && !v.is_function() {
            let o: &Object = v.unchecked_ref();
            let mut fields = Vec::new();
            for key in Object::keys(o).iter() {
                let name = key.as_string().unwrap_or_default();
                let value = Reflect::get(o, &key).map_err(|_| format!("cannot read field {}", quote(&name)))?;
                fields.push((name, walk(&value, depth + 1)?));
            }
            Value::Object(fields)
        } else {
            return Err(format!("{} cannot be part of a dataset", describe(v)));
        })
    }

    /// A JS object (as a host passes to `loadDataset`) as the core's value.
    pub fn from_js(v: &JsValue) -> Result<Value, String> {
        walk(v, 0)
    }
}
