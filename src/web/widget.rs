//! A mounted widget: the handle `render*` returns, with `update` and `destroy`.

use super::convert::describe;
use super::options::{merge, Options};
use super::index::{self, Lookup};
use super::{dom, state, storage};
use crate::markup::{self, Element};
use js_sys::{Object, Reflect};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Related,
    MostRead,
    Partnership,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Related => "related",
            Kind::MostRead => "most-read",
            Kind::Partnership => "partnership",
        }
    }
}

struct Inner {
    /// The widget's number, in [`MOUNTED`] and its element ids.
    n: u32,
    kind: Kind,
    func: &'static str,
    element: web_sys::Element,
    options: Object,
    prefix: String,
    /// The one listener a widget adds; dropped (and removed) by `destroy`.
    on_click: Option<Closure<dyn FnMut(web_sys::Event)>>,
}

/// The handle of a mounted widget.
#[wasm_bindgen]
pub struct Widget {
    inner: Rc<RefCell<Option<Inner>>>,
}

/// Mounted widgets by the marker on their element, so mounting again on the same
/// element first tears the old one down instead of leaking its listener.
const MARK: &str = "data-tinbai-mounted";

thread_local! {
    static NEXT: Cell<u32> = const { Cell::new(1) };
    static MOUNTED: RefCell<HashMap<u32, Weak<RefCell<Option<Inner>>>>> = RefCell::new(HashMap::new());
}

fn tree(kind: Kind, o: &Options, prefix: &str) -> Result<Element, JsError> {
    let view = markup::View { id_prefix: prefix.to_owned(), ..o.view.clone() };
    state::with(|e| {
        Ok(match kind {
            Kind::Related => markup::related(e, &e.related(&o.related_query())?, &view),
            Kind::MostRead => markup::most_read(e, &e.most_read(&o.most_read_query(), &storage::views_for(e.dataset()))?, &view),
            Kind::Partnership => {
                let year = crate::time::year(o.now.unwrap_or_else(crate::time::now));
                let p = o.partnership.as_deref().filter(|id| *id != "overview").map(|id| e.partnership(id, year)).transpose()?;
                markup::partnership(e, p.as_ref(), year, &view)
            }
        })
    })
}

/// Render into `element`, replacing its content in one step: on any error the old
/// content stays, so a page never shows half a widget.
fn render(inner: &Inner) -> Result<(), JsError> {
    let o = Options::read(&inner.options, inner.func)?;
    let indexed = match inner.kind {
        Kind::Related => index::related(&o.related_query()).map_err(|e| JsError::new(&format!("{}: {e}", inner.func)))?,
        _ => Lookup::Engine,
    };
    let t = match indexed {
        Lookup::Engine => tree(inner.kind, &o, &inner.prefix)?,
        Lookup::Found(list) => markup::related_listed(&list, &markup::View { id_prefix: inner.prefix.clone(), ..o.view.clone() }),
        // Shown when the shard arrives; until then the element keeps what it has.
        Lookup::Missing(k) => {
            inner.element.set_attribute("data-tinbai-state", "loading").ok();
            index::wait(k, inner.n);
            return Ok(());
        }
    };
    let doc = dom::document().map_err(|e| JsError::new(&describe(&e)))?;
    let node = dom::build(&doc, &t).map_err(|e| JsError::new(&format!("{}: {}", inner.func, describe(&e))))?;
    inner.element.replace_children_with_node_1(&node);
    inner.element.set_attribute("data-tinbai-state", "ready").ok();
    dom::announce(&node, &t);
    Ok(())
}

/// Render widget `n` again now that the index shard it waited for is in (or could
/// not be fetched: `error`), and say so with the loader's `tinbai:ready` event.
pub fn rerender(n: u32, error: Option<&str>) {
    let Some(cell) = MOUNTED.with(|m| m.borrow().get(&n).and_then(Weak::upgrade)) else { return };
    let slot = cell.borrow();
    let Some(inner) = slot.as_ref() else { return };
    let result = match error {
        Some(m) => Err(JsError::new(&format!("{}: {m}", inner.func))),
        None => render(inner),
    };
    match result {
        Ok(()) if inner.element.get_attribute("data-tinbai-state").as_deref() == Some("ready") => {
            let init = web_sys::CustomEventInit::new();
            init.set_bubbles(true);
            let detail = Object::new();
            let _ = Reflect::set(&detail, &"widget".into(), &inner.kind.name().into());
            init.set_detail(&detail);
            if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict("tinbai:ready", &init) {
                let _ = inner.element.dispatch_event(&e);
            }
        }
        Ok(()) => {}
        Err(e) => {
            let v: JsValue = e.into();
            let message = v.dyn_ref::<js_sys::Error>().map_or_else(|| describe(&v), |e| String::from(e.message()));
            inner.element.set_attribute("data-tinbai-state", "error").ok();
            inner.element.set_attribute("data-tinbai-error", &message).ok();
        }
    }
}

/// Tell the host which item a reader chose: a bubbling `tinbai:select` event with
/// `{id, widget, position}`, for its own analytics. The link still works as a link.
fn select_listener(element: &web_sys::Element, kind: Kind) -> Closure<dyn FnMut(web_sys::Event)> {
    let root = element.clone();
    Closure::new(move |ev: web_sys::Event| {
        let Some(link) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest("a[href]").ok().flatten()) else {
            return;
        };
        let Some(item) = link.closest("[data-id], [data-item]").ok().flatten() else { return };
        let id = item.get_attribute("data-id").or_else(|| link.get_attribute("data-item")).unwrap_or_default();
        let detail = Object::new();
        let _ = Reflect::set(&detail, &"id".into(), &id.into());
        let _ = Reflect::set(&detail, &"widget".into(), &kind.name().into());
        if let Some(p) = item.get_attribute("data-position").and_then(|p| p.parse::<u32>().ok()) {
            let _ = Reflect::set(&detail, &"position".into(), &p.into());
        }
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_detail(&detail);
        if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict("tinbai:select", &init) {
            let _ = root.dispatch_event(&e);
        }
    })
}

/// Remove the widget's listener from its element.
fn release(inner: &Inner) {
    if let Some(cb) = &inner.on_click {
        let _ = inner.element.remove_event_listener_with_callback("click", cb.as_ref().unchecked_ref());
    }
}

fn teardown(inner: Inner) {
    release(&inner);
    inner.element.replace_children_with_node_0();
    for attr in ["data-tinbai-state", MARK] {
        let _ = inner.element.remove_attribute(attr);
    }
    // Dropping `inner` drops the closure with it.
}

impl Widget {
    pub fn mount(kind: Kind, element: JsValue, options: JsValue, func: &'static str) -> Result<Widget, JsError> {
        let element: web_sys::Element = element
            .dyn_into()
            .map_err(|v: JsValue| JsError::new(&format!("{func}: element must be a DOM Element, got {}", describe(&v))))?;
        Options::read(&options, func)?;
        let n = NEXT.with(|c| {
            let n = c.get();
            c.set(n + 1);
            n
        });
        let mut inner = Inner {
            n,
            kind,
            func,
            element: element.clone(),
            options: merge(&Object::new(), &options),
            prefix: format!("tinbai-{n}"),
            on_click: None,
        };
        render(&inner)?;
        // Only now, with the new content in place, retire a widget mounted here before.
        if let Some(old) = element.get_attribute(MARK).and_then(|m| m.parse::<u32>().ok()) {
            let prev = MOUNTED.with(|m| m.borrow_mut().remove(&old)).and_then(|w| w.upgrade());
            if let Some(prev) = prev.and_then(|p| p.borrow_mut().take()) {
                release(&prev);
            }
        }
        let cb = select_listener(&element, kind);
        element.add_event_listener_with_callback("click", cb.as_ref().unchecked_ref()).map_err(|e| JsError::new(&describe(&e)))?;
        inner.on_click = Some(cb);
        element.set_attribute(MARK, &n.to_string()).ok();
        let cell = Rc::new(RefCell::new(Some(inner)));
        MOUNTED.with(|m| m.borrow_mut().insert(n, Rc::downgrade(&cell)));
        Ok(Widget { inner: cell })
    }
}

#[wasm_bindgen]
impl Widget {
    /// Render again with `options` merged over the current ones (`null` removes an
    /// option). On error the widget keeps what it showed.
    pub fn update(&self, #[wasm_bindgen(unchecked_param_type = "RelatedOptions | MostReadOptions | PartnershipOptions")] options: JsValue) -> Result<(), JsError> {
        let mut slot = self.inner.borrow_mut();
        let Some(inner) = slot.as_mut() else {
            return Err(JsError::new("update: this widget was destroyed"));
        };
        Options::read(&options, inner.func)?;
        let merged = merge(&inner.options, &options);
        let previous = std::mem::replace(&mut inner.options, merged);
        if let Err(e) = render(inner) {
            inner.options = previous;
            return Err(e);
        }
        Ok(())
    }

    /// Empty the element and release the listener and closure this widget made.
    /// Calling it twice is harmless.
    pub fn destroy(&self) {
        if let Some(inner) = self.inner.borrow_mut().take() {
            if let Some(n) = inner.element.get_attribute(MARK).and_then(|m| m.parse::<u32>().ok()) {
                MOUNTED.with(|m| m.borrow_mut().remove(&n));
            }
            teardown(inner);
        }
    }

    /// Whether `destroy` has run.
    #[wasm_bindgen(getter)]
    pub fn destroyed(&self) -> bool {
        self.inner.borrow().is_none()
    }
}
