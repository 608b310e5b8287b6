//! A mounted widget: the handle `render*` returns, with `update` and `destroy`.

use super::convert::{describe, message};
use super::options::{merge, Options};
use super::index::{self, Lookup};
use super::{dom, isolate};
#[cfg(feature = "engine")]
use super::{state, storage};
use tinbai::markup::{self, Element};
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
    /// Whether it leaves out what related and most-read widgets before it show
    /// (the `dedupe` option), as of its last render.
    dedupe: bool,
    /// The ids it shows, when it dedupes: what the widgets after it leave out.
    shown: Vec<String>,
    /// The ids it left out last because widgets before it show them.
    taken: Vec<String>,
    /// Waiting, for an index shard or for a widget before it that waits for one.
    pending: bool,
    /// `tinbai:ready` was sent.
    announced: bool,
}

impl Inner {
    /// What widgets after this one depend on: its ids, and whether it is still to come.
    fn offer(&self) -> (Vec<String>, bool) {
        (self.shown.clone(), self.pending)
    }

    /// Wait (for a shard, or a widget before it): the element keeps what it has.
    fn wait(&mut self) -> Option<Announce> {
        if self.element.get_attribute(STATE).is_none() {
            // Nothing shown yet: the placeholder keeps its reserved height meanwhile.
            self.element.set_attribute(HOLD, "").ok();
        }
        self.element.set_attribute(STATE, "loading").ok();
        self.pending = true;
        None
    }

    /// Show a failure where no caller can catch it: the element collapses
    /// (`tinbai.css`) and says why in `data-tinbai-error` and a `tinbai:error` event.
    fn fail(&mut self, message: &str) -> Announce {
        // Not a failure: the loader shows it with the engine, so the placeholder
        // keeps its place meanwhile, and hosts hear no error.
        #[cfg(not(feature = "engine"))]
        if message.ends_with(NEEDS_ENGINE) {
            // Still to come, so the widgets after it wait rather than render twice.
            self.wait();
            let detail = event_detail(self.kind);
            return Announce { element: self.element.clone(), detail, names: &["tinbai:engine"] };
        }
        self.element.set_attribute(STATE, "error").ok();
        self.element.set_attribute("data-tinbai-error", message).ok();
        self.shown.clear();
        self.pending = false;
        let detail = event_detail(self.kind);
        set(&detail, "message", message.into());
        Announce { element: self.element.clone(), detail, names: &["tinbai:error"] }
    }
}

const STATE: &str = "data-tinbai-state";
/// The placeholder keeps its reserved height: set while it waits, kept after it
/// renders when the widget fills most of it (see `fit`).
const HOLD: &str = "data-tinbai-hold";
/// The most of a kept reserve a rendered widget may leave empty.
const MAX_EMPTY: f64 = 0.15;

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

/// Said by the reader of a widget only the engine can show (a page the index
/// lacks, free text, a dataset's most read, facts the index does not hold): the
/// loader then mounts it with the engine.
#[cfg(not(feature = "engine"))]
pub const NEEDS_ENGINE: &str = "needs the engine";

#[cfg(not(feature = "engine"))]
fn tree(_: Kind, _: &Options, _: &str, func: &str) -> Result<Element, JsError> {
    Err(JsError::new(&format!("{func}: {NEEDS_ENGINE}")))
}

#[cfg(feature = "engine")]
fn tree(kind: Kind, o: &Options, prefix: &str, func: &str) -> Result<Element, JsError> {
    let view = markup::View { id_prefix: prefix.to_owned(), ..o.view.clone() };
    match kind {
        Kind::Related => state::with(|e| Ok(markup::related(e, &e.related(&o.engine_related_query()).map_err(state::named(func))?, &view))),
        Kind::MostRead => state::with(|e| {
            Ok(markup::most_read(e, &e.most_read(&o.most_read_query(), &storage::views_for(e.dataset())).map_err(state::named(func))?, &view))
        }),
        Kind::Partnership => state::with_facts(|e, citations| card(e, citations, o, view, func)),
    }
}

/// The partnership card for the options, from the engine's dataset or the reader's
/// `facts.bin` (the same card: tests/facts_file.rs).
fn card(lib: &dyn markup::Library, citations: bool, o: &Options, view: markup::View, func: &str) -> Result<Element, JsError> {
    let year = tinbai::time::year(o.now.unwrap_or_else(tinbai::time::now));
    let id = o.partnership.as_deref().filter(|id| *id != "overview");
    markup::partnership_card(lib, id, year, &markup::View { citations, ..view }).map_err(|e| JsError::new(&format!("{func}: {e}")))
}

/// What a render tells the host, sent by the caller once it holds no borrow of
/// the widget: a listener may call `update` or `destroy` on it.
#[must_use]
struct Announce {
    element: web_sys::Element,
    detail: Object,
    names: &'static [&'static str],
}

impl Announce {
    fn send(self) {
        for name in self.names {
            emit(&self.element, name, &self.detail);
        }
    }
}

/// Whether `a` comes before `b` in their document, neither inside the other.
fn precedes(a: &web_sys::Element, b: &web_sys::Element) -> bool {
    use web_sys::Node;
    let p = a.compare_document_position(b);
    p & Node::DOCUMENT_POSITION_FOLLOWING != 0 && p & (Node::DOCUMENT_POSITION_DISCONNECTED | Node::DOCUMENT_POSITION_CONTAINED_BY | Node::DOCUMENT_POSITION_CONTAINS) == 0
}

/// The mounted widgets other than `n`, with their elements.
fn others(n: u32) -> Vec<(web_sys::Element, Slot)> {
    let cells: Vec<Slot> = MOUNTED.with(|m| m.borrow().iter().filter(|(k, _)| *k != n).map(|(_, c)| c.clone()).collect());
    cells
        .into_iter()
        .filter_map(|c| {
            let e = c.try_borrow().ok()?.as_ref()?.element.clone();
            Some((e, c))
        })
        .collect()
}

/// The ids shown by the deduping widgets before `element` on the page (widget `n`
/// itself aside), which it leaves out: the earlier widget keeps an article. `None`
/// while one of them has shown nothing yet and waits: the later one waits too,
/// rather than show a list it would have to change.
fn earlier(n: u32, element: &web_sys::Element) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    for (e, cell) in others(n) {
        if !precedes(&e, element) || e.get_attribute(STATE).as_deref() == Some("error") {
            continue;
        }
        let Ok(slot) = cell.try_borrow() else { continue };
        let Some(o) = slot.as_ref().filter(|o| o.dedupe) else { continue };
        if o.pending && o.shown.is_empty() {
            return None;
        }
        ids.extend(o.shown.iter().cloned());
    }
    Some(ids)
}

/// Widget `n` at `element` changed what it shows: render again, in document order,
/// every deduping widget after it whose exclusions changed. One pass is enough: each
/// sees the ones before it as they now are. An element no longer in the page has no
/// place in it: then every other widget is checked.
fn refresh_after(n: u32, element: &web_sys::Element) {
    let all = !element.is_connected();
    // In document order: an insertion sort, as a page holds few widgets.
    let mut later: Vec<(web_sys::Element, Slot)> = Vec::new();
    for (e, cell) in others(n).into_iter().filter(|(e, _)| all || precedes(element, e)) {
        let at = later.iter().position(|(x, _)| precedes(&e, x)).unwrap_or(later.len());
        later.insert(at, (e, cell));
    }
    let mut sends = Vec::new();
    for (e, cell) in later {
        let Ok(mut slot) = cell.try_borrow_mut() else { continue };
        let Some(inner) = slot.as_mut().filter(|i| i.dedupe) else { continue };
        if !inner.pending && earlier(inner.n, &e).as_ref() == Some(&inner.taken) {
            continue;
        }
        match render(inner) {
            Ok(a) => sends.extend(a),
            Err(err) => sends.push(inner.fail(&message(&err.into()))),
        }
    }
    sends.into_iter().for_each(Announce::send);
}

/// Render into `element`, replacing its content in one step: on any error the old
/// content stays, so a page never shows half a widget. `None`: waiting for an
/// index shard, with nothing to announce yet.
fn render(inner: &mut Inner) -> Result<Option<Announce>, JsError> {
    let mut o = Options::read(&inner.options, inner.func)?;
    if !Reflect::has(&inner.options, &"lang".into()).unwrap_or(false) {
        o.view.lang = host_lang(&inner.element);
    }
    inner.dedupe = inner.kind != Kind::Partnership && o.dedupe.unwrap_or(true);
    let taken = if inner.dedupe {
        match earlier(inner.n, &inner.element) {
            Some(ids) => ids,
            None => return Ok(inner.wait()),
        }
    } else {
        Vec::new()
    };
    o.exclude.extend(taken.iter().cloned());
    let view = || markup::View { id_prefix: inner.prefix.clone(), ..o.view.clone() };
    // A built index answers related and most-read; without one, the engine does.
    let t = match inner.kind {
        Kind::Related => match index::related(&o).map_err(|e| JsError::new(&format!("{}: {e}", inner.func)))? {
            Lookup::Found(list) => markup::related_listed(&list, &view()),
            // Shown when the files arrive; until then the element keeps what it has.
            Lookup::Missing(files) => {
                index::wait(&files, inner.n);
                return Ok(inner.wait());
            }
            Lookup::Engine => tree(inner.kind, &o, &inner.prefix, inner.func)?,
        },
        Kind::MostRead => match index::most_read(&o.most_read_query()) {
            Some(list) => markup::most_read_listed(&list, &view()),
            None => tree(inner.kind, &o, &inner.prefix, inner.func)?,
        },
        #[cfg(not(feature = "engine"))]
        Kind::Partnership => match index::facts().map_err(|e| JsError::new(&format!("{}: {e}", inner.func)))? {
            index::Card::Found(facts) => card(&facts, facts.cite, &o, view(), inner.func)?,
            index::Card::Missing(file) => {
                index::wait(&[file], inner.n);
                return Ok(inner.wait());
            }
            index::Card::Engine => tree(inner.kind, &o, &inner.prefix, inner.func)?,
        },
        #[cfg(feature = "engine")]
        Kind::Partnership => tree(inner.kind, &o, &inner.prefix, inner.func)?,
    };
    let doc = dom::document().map_err(|e| JsError::new(&describe(&e)))?;
    let node = dom::build(&doc, &t).map_err(|e| JsError::new(&format!("{}: {}", inner.func, describe(&e))))?;
    // Held: it waited, or nothing was shown yet and the stylesheet reserves space.
    let held = inner.element.has_attribute(HOLD) || inner.element.get_attribute(STATE).is_none();
    match &inner.shadow {
        Some(root) => isolate::show(root, &node).map_err(|e| JsError::new(&format!("{}: {}", inner.func, describe(&e))))?,
        None => inner.element.replace_children_with_node_1(&node),
    }
    fit(inner, &node, held);
    inner.element.set_attribute(STATE, "ready").ok();
    inner.element.remove_attribute("data-tinbai-error").ok();
    dom::announce(&node, &t);
    let detail = event_detail(inner.kind);
    let items = js_sys::Array::new();
    let mut shown = Vec::new();
    for li in t.descendants().into_iter().filter(|e| e.attr("data-position").is_some()) {
        let item = Object::new();
        let id = li.attr("data-id").unwrap_or_default();
        set(&item, "id", id.into());
        set(&item, "position", position(li.attr("data-position")));
        items.push(&item);
        shown.push(id.to_owned());
    }
    set(&detail, "count", items.length().into());
    set(&detail, "items", items.into());
    inner.shown = if inner.dedupe { shown } else { Vec::new() };
    inner.taken = taken;
    inner.pending = false;
    let names: &[&str] = if inner.announced { &["tinbai:render"] } else { &["tinbai:ready", "tinbai:render"] };
    inner.announced = true;
    Ok(Some(Announce { element: inner.element.clone(), detail, names }))
}

/// Keep the placeholder's reserved height (`held`) only while the widget fills at
/// least 85% of it: then nothing below moves, and little of it is empty. A widget
/// much shorter than its reserve (fewer items than the limit, an empty list) lets
/// it go and takes its own height. An isolated widget's stylesheet is still loading
/// in its shadow root when it first renders, so it cannot be measured: it keeps the
/// reserve it has.
fn fit(inner: &Inner, node: &web_sys::Element, held: bool) {
    if inner.shadow.is_some() {
        return;
    }
    // Reading a height lays the page out once: one forced layout per render.
    let total = f64::from(inner.element.client_height());
    let used = f64::from(node.client_height() + 2 * node.client_top());
    if held && used >= total * (1.0 - MAX_EMPTY) {
        inner.element.set_attribute(HOLD, "").ok();
    } else {
        inner.element.remove_attribute(HOLD).ok();
    }
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
    let Ok(mut slot) = cell.try_borrow_mut() else { return };
    let Some(inner) = slot.as_mut() else { return };
    let before = inner.offer();
    let announce = match error {
        Some(m) => Some(inner.fail(&format!("{}: {m}", inner.func))),
        None => render(inner).unwrap_or_else(|e| Some(inner.fail(&message(&e.into())))),
    };
    let changed = inner.offer() != before;
    let element = inner.element.clone();
    drop(slot);
    announce.into_iter().for_each(Announce::send);
    if changed {
        refresh_after(n, &element);
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
    for attr in [STATE, HOLD, MARK] {
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
        let mut inner = Inner {
            kind,
            func,
            element: element.clone(),
            options,
            n,
            prefix: format!("tinbai-{n}"),
            shadow,
            on_click: None,
            dedupe: false,
            shown: Vec::new(),
            taken: Vec::new(),
            pending: false,
            announced: false,
        };
        let announce = render(&mut inner)?;
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
        let offers = inner.offer() != (Vec::new(), false);
        let cell = Rc::new(RefCell::new(Some(inner)));
        unmount(n);
        MOUNTED.with(|m| m.borrow_mut().push((n, cell.clone())));
        announce.into_iter().for_each(Announce::send);
        if offers {
            refresh_after(n, &element);
        }
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
        let before = inner.offer();
        let announce = render(inner).inspect_err(|_| inner.options = previous)?;
        let changed = inner.offer() != before;
        let (n, element) = (inner.n, inner.element.clone());
        drop(slot);
        announce.into_iter().for_each(Announce::send);
        if changed {
            refresh_after(n, &element);
        }
        Ok(())
    }

    /// Empty the element and release the listener and closure this widget made.
    /// Calling it twice is harmless.
    pub fn destroy(&self) {
        let Some(inner) = self.inner.borrow_mut().take() else { return };
        unmount(inner.n);
        let (n, element, offered) = (inner.n, inner.element.clone(), !inner.shown.is_empty() || inner.pending);
        teardown(inner);
        // What it showed is free for the widgets after it.
        if offered {
            refresh_after(n, &element);
        }
    }

    /// Whether `destroy` has run.
    #[wasm_bindgen(getter)]
    pub fn destroyed(&self) -> bool {
        self.inner.borrow().is_none()
    }
}
