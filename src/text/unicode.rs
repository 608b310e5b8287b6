//! Unicode normalisation, borrowed from the platform so the wasm carries no tables:
//! `unicode-normalization` natively, `String.prototype.normalize` in the browser.

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    pub fn nfc(s: &str) -> String {
        // Most text arrives composed already: checking is far cheaper than recomposing.
        if is_nfc_quick(s.chars()) == IsNormalized::Yes {
            return s.to_owned();
        }
        s.nfc().collect()
    }
    pub fn nfd(s: &str) -> String {
        s.nfd().collect()
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    fn normalize(s: &str, form: &str) -> String {
        js_sys::JsString::from(s)
            .normalize(form)
            .as_string()
            .unwrap_or_else(|| s.to_owned())
    }
    pub fn nfc(s: &str) -> String {
        normalize(s, "NFC")
    }
    pub fn nfd(s: &str) -> String {
        normalize(s, "NFD")
    }
}

/// Canonical composition. ASCII needs none, so it skips the platform call.
pub fn nfc(s: &str) -> String {
    if s.is_ascii() {
        s.to_owned()
    } else {
        imp::nfc(s)
    }
}

/// Canonical decomposition: base letters followed by their combining marks.
pub fn nfd(s: &str) -> String {
    if s.is_ascii() {
        s.to_owned()
    } else {
        imp::nfd(s)
    }
}
