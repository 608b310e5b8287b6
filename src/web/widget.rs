//! A mounted widget: the handle `render*` returns, with `update` and `destroy`.

use super::convert::{describe, message};
use super::options::{merge, Options};
use super::index::{self, Lookup};
use super::{dom, isolate, state, storage};
use crate::markup::{self, Element};
use js_sys::{Object, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
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
    /// With `isolate: true`, the shadow root the widget renders into.
    shadow: Option<web_sys::ShadowRoot>,
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
    // Strong: a widget stays alive while mounted even if the host drops its handle
    // (the handle's finalizer would otherwise drop the listener's closure while the
    // listener is still on the element). `destroy` or a new mount releases it.
    // A list, not a hash map: one more map type was another copy of the hash table
    // code in the wasm, and a page mounts few widgets.
    static MOUNTED: RefCell<Vec<(u32, Slot)>> = const { RefCell::new(Vec::new()) };
}

fn tree(kind: Kind, o: &Options, prefix: &str, func: &str) -> Result<Element, JsError> {
    let view = markup::View { id_prefix: prefix.to_owned(), ..o.view.clone() };
    match kind {
        Kind::Related => state::with(|e| Ok(markup::related(e, &e.related(&o.engine_related_query()).map_err(state::named(func))?, &view))),
        Kind::MostRead => state::with(|e| {
            Ok(markup::most_read(e, &e.most_read(&o.most_read_query(), &storage::views_for(e.dataset())).map_err(state::named(func))?, &view))
        }),
        Kind::Partnership => state::with_facts(|e, citations| {
            let year = crate::time::year(o.now.unwrap_or_else(crate::time::now));
            let p = o.partnership.as_deref().filter(|id| *id != "overview").map(|id| e.partnership(id, year)).transpose().map_err(state::named(func))?;
            Ok(markup::partnership(e, p.as_ref(), year, &markup::View { citations, ..view }))
        }),
    }
}

/// What a render tells the host, sent by the caller once it holds no borrow of
/// the widget: a listener may call `update` or `destroy` on it.
#[must_use]
struct Announce {
    element: web_sys::Element,
    detail: Object,
    first: bool,
}

impl Announce {
    fn send(self) {
        if self.first {
            emit(&self.element, "tinbai:ready", &self.detail);
        }
        emit(&self.element, "tinbai:render", &self.detail);
    }
}

/// Render into `element`, replacing its content in one step: on any error the old
/// content stays, so a page never shows half a widget. `None`: waiting for an
/// index shard, with nothing to announce yet.
fn render(inner: &Inner) -> Result<Option<Announce>, JsError> {
    let mut o = Options::read(&inner.options, inner.func)?;
    if !Reflect::has(&inner.options, &"lang".into()).unwrap_or(false) {
        o.view.lang = host_lang(&inner.element);
    }
    let view = || markup::View { id_prefix: inner.prefix.clone(), ..o.view.clone() };
    // A built index answers related and most-read; without one, the engine does.
    let t = match inner.kind {
        Kind::Related => match index::related(&o).map_err(|e| JsError::new(&format!("{}: {e}", inner.func)))? {
            Lookup::Found(list) => markup::related_listed(&list, &view()),
            // Shown when the files arrive; until then the element keeps what it has.
            Lookup::Missing(files) => {
                inner.element.set_attribute("data-tinbai-state", "loading").ok();
                index::wait(&files, inner.n);
                return Ok(None);
            }
            Lookup::Engine => tree(inner.kind, &o, &inner.prefix, inner.func)?,
        },
        Kind::MostRead => match index::most_read(&o.most_read_query()) {
            Some(list) => markup::most_read_listed(&list, &view()),
            None => tree(inner.kind, &o, &inner.prefix, inner.func)?,
        },
        Kind::Partnership => tree(inner.kind, &o, &inner.prefix, inner.func)?,
    };
    let doc = dom::document().map_err(|e| JsError::new(&describe(&e)))?;
    let node = dom::build(&doc, &t).map_err(|e| JsError::new(&format!("{}: {}", inner.func, describe(&e))))?;
    let first = inner.element.get_attribute("data-tinbai-state").as_deref() != Some("ready");
    match &inner.shadow {
        Some(root) => isolate::show(root, &node).map_err(|e| JsError::new(&format!("{}: {}", inner.func, describe(&e))))?,
        None => inner.element.replace_children_with_node_1(&node),
    }
    inner.element.set_attribute("data-tinbai-state", "ready").ok();
    dom::announce(&node, &t);
    let detail = event_detail(inner.kind);
    let items = js_sys::Array::new();
    for li in t.descendants().into_iter().filter(|e| e.attr("data-position").is_some()) {
        let item = Object::new();
        set(&item, "id", li.attr("data-id").unwrap_or_default().into());
        set(&item, "position", position(li.attr("data-position")));
        items.push(&item);
    }
    set(&detail, "count", items.length().into());
    set(&detail, "items", items.into());
    Ok(Some(Announce { element: inner.element.clone(), detail, first }))
}

/// The widget's language when the options give none: the nearest `lang` around
/// it, as the host page declares it (`<html lang="en-GB">` gives English).
fn host_lang(element: &web_sys::Element) -> markup::Lang {
    element
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| markup::Lang::parse(&l.get(..2).unwrap_or_default().to_ascii_lowercase()))
        .unwrap_or_default()
}

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &k.into(), &v);
}

fn position(p: Option<&str>) -> JsValue {
    p.and_then(|p| p.parse::<u32>().ok()).map_or(JsValue::UNDEFINED, JsValue::from)
}

fn event_detail(kind: Kind) -> Object {
    let d = Object::new();
    set(&d, "widget", kind.name().into());
    d
}

/// A bubbling CustomEvent from the widget's element. A host listener that throws
/// is reported by the browser and cannot stop the widget.
fn emit(element: &web_sys::Element, name: &str, detail: &Object) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(detail);
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&e);
    }
}

/// A mounted widget's state; `None` once destroyed.
type Slot = Rc<RefCell<Option<Inner>>>;

/// Take widget `n` out of [`MOUNTED`].
fn unmount(n: u32) -> Option<Slot> {
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let i = m.iter().position(|(k, _)| *k == n)?;
        Some(m.swap_remove(i).1)
    })
}

/// Render widget `n` again now that the index shard it waited for is in (or could
/// not be fetched: `error`). Its first render says `tinbai:ready` as usual.
pub fn rerender(n: u32, error: Option<&str>) {
    let Some(cell) = MOUNTED.with(|m| m.borrow().iter().find(|(k, _)| *k == n).map(|(_, c)| c.clone())) else { return };
    let slot = cell.borrow();
    let Some(inner) = slot.as_ref() else { return };
    let result = match error {
        Some(m) => Err(JsError::new(&format!("{}: {m}", inner.func))),
        None => render(inner),
    };
    let element = inner.element.clone();
    drop(slot);
    match result {
        Ok(announce) => announce.into_iter().for_each(Announce::send),
        Err(e) => {
            element.set_attribute("data-tinbai-state", "error").ok();
            element.set_attribute("data-tinbai-error", &message(&e.into())).ok();
        }
    }
}

/// Tell the host which item a reader chose: a bubbling `tinbai:click` event with
/// `{widget, id, position, href}`, for its own analytics. It is never cancelled
/// here, so the link still navigates.
fn select_listener(element: &web_sys::Element, kind: Kind) -> Closure<dyn FnMut(web_sys::Event)> {
    let root = element.clone();
    Closure::new(move |ev: web_sys::Event| {
        let Some(link) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest("a[href]").ok().flatten()) else {
            return;
        };
        let Some(item) = link.closest("[data-id], [data-item]").ok().flatten() else { return };
        let id = item.get_attribute("data-id").or_else(|| link.get_attribute("data-item")).unwrap_or_default();
        let detail = event_detail(kind);
        set(&detail, "id", id.into());
        set(&detail, "position", position(item.get_attribute("data-position").as_deref()));
        set(&detail, "href", link.get_attribute("href").unwrap_or_default().into());
        emit(&root, "tinbai:click", &detail);
    })
}

/// Where the click listener goes: inside a shadow root, so that it sees the link
/// clicked rather than the retargeted host.
fn listen_on(inner: &Inner) -> &web_sys::EventTarget {
    inner.shadow.as_ref().map_or(inner.element.as_ref(), |r| r.as_ref())
}

/// Remove the widget's listener from its element.
fn release(inner: &Inner) {
    if let Some(cb) = &inner.on_click {
        let _ = listen_on(inner).remove_event_listener_with_callback("click", cb.as_ref().unchecked_ref());
    }
}

fn teardown(inner: Inner) {
    release(&inner);
    match &inner.shadow {
        Some(root) => isolate::vacate(root),
        None => inner.element.replace_children_with_node_0(),
    }
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
        let stylesheet = isolate::stylesheet(&options, func)?;
        let n = NEXT.with(|c| {
            let n = c.get();
            c.set(n + 1);
            n
        });
        let options = merge(&Object::new(), &options);
        if let Some(href) = &stylesheet {
            // Kept with the options, so an update links the same sheet.
            let _ = Reflect::set(&options, &"stylesheet".into(), &href.into());
        }
        let shadow = stylesheet.map(|href| isolate::attach(&element, &href, func)).transpose()?;
        let mut inner = Inner { kind, func, element: element.clone(), options, n, prefix: format!("tinbai-{n}"), shadow, on_click: None };
        let announce = render(&inner)?;
        // Only now, with the new content in place, retire a widget mounted here before.
        if let Some(old) = element.get_attribute(MARK).and_then(|m| m.parse::<u32>().ok()) {
            let prev = unmount(old);
            if let Some(prev) = prev.and_then(|p| p.borrow_mut().take()) {
                release(&prev);
                // Its content must not linger behind the new widget, or hide it.
                match (&prev.shadow, &inner.shadow) {
                    (Some(root), None) => isolate::vacate(root),
                    (None, Some(_)) => element.replace_children_with_node_0(),
                    _ => {}
                }
            }
        }
        let cb = select_listener(&element, kind);
        listen_on(&inner).add_event_listener_with_callback("click", cb.as_ref().unchecked_ref()).map_err(|e| JsError::new(&describe(&e)))?;
        inner.on_click = Some(cb);
        element.set_attribute(MARK, &n.to_string()).ok();
        let cell = Rc::new(RefCell::new(Some(inner)));
        unmount(n);
        MOUNTED.with(|m| m.borrow_mut().push((n, cell.clone())));
        announce.into_iter().for_each(Announce::send);
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
        isolate::same(inner.shadow.is_some(), &options, inner.func)?;
        let merged = merge(&inner.options, &options);
        if let (Some(href), true) = (isolate::stylesheet(&merged, inner.func)?, Reflect::has(&options, &"stylesheet".into()).unwrap_or(false)) {
            isolate::attach(&inner.element, &href, inner.func)?;
        }
        let previous = std::mem::replace(&mut inner.options, merged);
        let announce = render(inner).inspect_err(|_| inner.options = previous)?;
        drop(slot);
        announce.into_iter().for_each(Announce::send);
        Ok(())
    }

    /// Empty the element and release the listener and closure this widget made.
    /// Calling it twice is harmless.
    pub fn destroy(&self) {
        if let Some(inner) = self.inner.borrow_mut().take() {
            unmount(inner.n);
            teardown(inner);
        }
    }

    /// Whether `destroy` has run.
    #[wasm_bindgen(getter)]
    pub fn destroyed(&self) -> bool {
        self.inner.borrow().is_none()
    }
}
