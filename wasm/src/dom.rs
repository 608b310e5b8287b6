//! The markup tree as real DOM nodes: `createElement`, `setAttribute`, text nodes.
//! Never `innerHTML`: data is always set as text or attribute values.

use tinbai::markup::{Element, Node, SVG_NS};
use wasm_bindgen::prelude::*;
use web_sys::Document;

#[wasm_bindgen(module = "/src/trusted.js")]
extern "C" {
    /// Whether a JSON-LD script may go into the page: its text set anew through
    /// Trusted Types where the browser has them; false where the page refuses them.
    #[wasm_bindgen(js_name = scriptText)]
    fn script_text(script: &web_sys::Element) -> bool;
}

pub fn document() -> Result<Document, JsValue> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document: tinbai needs a browser page"))
}

/// Build `e` off-DOM. The live region's text is left out here and set after the
/// widget is in the page, so that screen readers announce it.
pub fn build(doc: &Document, e: &Element) -> Result<web_sys::Element, JsValue> {
    let node = if e.svg { doc.create_element_ns(Some(SVG_NS), e.tag)? } else { doc.create_element(e.tag)? };
    for (k, v) in &e.attrs {
        node.set_attribute(k, v)?;
    }
    let live = e.attr("aria-live").is_some();
    for c in &e.children {
        match c {
            Node::Text(t) if !live => {
                node.append_child(&doc.create_text_node(t))?;
            }
            Node::Text(_) => {}
            Node::Element(child) => {
                let built = build(doc, child)?;
                // JSON-LD goes in only where Trusted Types let its text through quietly.
                if child.tag != "script" || script_text(&built) {
                    node.append_child(&built.into())?;
                }
            }
        }
    }
    Ok(node)
}

/// The live region's text, set once the widget is in the page.
pub fn announce(root: &web_sys::Element, tree: &Element) {
    if let (Some(region), Some(text)) = (root.query_selector("[aria-live]").ok().flatten(), tree.by_class("tinbai-status").first().map(|s| s.text_content())) {
        region.set_text_content(Some(&text));
    }
}
