//! Opt-in Shadow DOM (`isolate: true`): the widget renders into an open shadow root
//! with the stylesheet linked inside it, so no selector of the host page reaches it.
//! A `<link>` needs nothing looser than `style-src 'self'`, unlike a `<style>`.

use super::convert::{describe, message};
use tinbai::error::quote;
use js_sys::Reflect;
use wasm_bindgen::{JsError, JsValue};
use web_sys::{Element, ShadowRoot};

/// Marks the stylesheet link this module puts in a shadow root.
const CSS_MARK: &str = "data-tinbai-css";
/// The stylesheet a page links itself, found when `stylesheet` is not given.
const PAGE_CSS: &str = "link[data-tinbai-css], link[rel~=\"stylesheet\"][href$=\"tinbai.css\"]";

fn get(options: &JsValue, name: &str) -> Option<JsValue> {
    options.is_object().then(|| Reflect::get(options, &JsValue::from_str(name)).ok()).flatten().filter(|v| !v.is_undefined() && !v.is_null())
}

fn err(func: &str, name: &str, message: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{func}: option {}: {message}", quote(name)))
}

/// The stylesheet URL to link in the shadow root, or `None` when the widget is not
/// isolated. `stylesheet` wins; else the page's own tinbai.css link.
pub fn stylesheet(options: &JsValue, func: &str) -> Result<Option<String>, JsError> {
    let isolate = match get(options, "isolate") {
        None => false,
        Some(v) => v.as_bool().ok_or_else(|| err(func, "isolate", format!("expected true or false, got {}", describe(&v))))?,
    };
    let given = match get(options, "stylesheet") {
        None => None,
        Some(v) => {
            let url = v.as_string().ok_or_else(|| err(func, "stylesheet", format!("expected a URL string, got {}", describe(&v))))?;
            tinbai::dataset::host::check_url(&url).map_err(|m| err(func, "stylesheet", format!("{} {m}", quote(&url))))?;
            Some(url)
        }
    };
    if !isolate {
        return match given {
            Some(_) => Err(err(func, "stylesheet", "is only used with isolate: true")),
            None => Ok(None),
        };
    }
    if given.is_some() {
        return Ok(given);
    }
    let linked = super::dom::document().ok().and_then(|d| d.query_selector(PAGE_CSS).ok().flatten()).and_then(|l| l.get_attribute("href"));
    linked.map(Some).ok_or_else(|| {
        err(func, "isolate", "needs the stylesheet's URL: give the option \"stylesheet\" (e.g. \"/tinbai/tinbai.css\") or link tinbai.css in the page")
    })
}

/// `update` cannot move a widget into or out of its shadow root.
pub fn same(isolated: bool, options: &JsValue, func: &str) -> Result<(), JsError> {
    // `isolate: null` in an update means "remove the option", i.e. false.
    let named = options.is_object() && Reflect::has(options, &JsValue::from_str("isolate")).unwrap_or(false);
    let given = named.then(|| get(options, "isolate").is_some_and(|v| v.as_bool() == Some(true)));
    match given {
        Some(on) if on != isolated => Err(err(func, "isolate", "is fixed when the widget is rendered: destroy it and render again")),
        _ => Ok(()),
    }
}

/// The element's shadow root with the stylesheet linked first in it: one this
/// module attached before is reused (a shadow root cannot be removed).
pub fn attach(element: &Element, href: &str, func: &str) -> Result<ShadowRoot, JsError> {
    let root = match element.shadow_root() {
        Some(r) if r.query_selector(&format!("link[{CSS_MARK}]")).ok().flatten().is_some() || r.query_selector("slot[data-tinbai]").ok().flatten().is_some() => r,
        Some(_) => return Err(err(func, "isolate", "the element already has a shadow root of its own")),
        None => {
            let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
            element.attach_shadow(&init).map_err(|e| {
                err(func, "isolate", format!("a <{}> cannot hold a shadow root; use a <div> ({})", element.local_name(), message(&e)))
            })?
        }
    };
    let js = |e: JsValue| JsError::new(&format!("{func}: {}", describe(&e)));
    // The link stays in place across renders, so the sheet is not fetched again; what
    // the root showed stays until the new widget replaces it.
    match root.query_selector(&format!("link[{CSS_MARK}]")).ok().flatten() {
        Some(link) if link.get_attribute("href").as_deref() == Some(href) => {}
        Some(link) => link.set_attribute("href", href).map_err(js)?,
        None => {
            let link = super::dom::document().map_err(js)?.create_element("link").map_err(js)?;
            for (k, v) in [("rel", "stylesheet"), (CSS_MARK, ""), ("href", href)] {
                link.set_attribute(k, v).map_err(js)?;
            }
            root.prepend_with_node_1(&link).map_err(js)?;
        }
    }
    Ok(root)
}

/// Put `node` in the shadow root after the stylesheet link, replacing the widget
/// shown before.
pub fn show(root: &ShadowRoot, node: &Element) -> Result<(), JsValue> {
    match root.last_element_child().filter(|e| e.get_attribute(CSS_MARK).is_none()) {
        Some(old) => old.replace_with_with_node_1(node),
        None => root.append_child(node).map(|_| ()),
    }
}

/// After `destroy`, a slot lets the element's own children show again, so the same
/// element can hold a widget without isolation later.
pub fn vacate(root: &ShadowRoot) {
    if let Ok(slot) = root.owner_document().map_or(Err(JsValue::NULL), |d| d.create_element("slot")) {
        let _ = slot.set_attribute("data-tinbai", "");
        root.replace_children_with_node_1(&slot);
    }
}
