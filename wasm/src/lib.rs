//! tinbai in the browser, built as two wasm files. The **reader**
//! (`--no-default-features`) shows the widgets from a built index (the bundled seeds
//! are one too): it looks answers up and renders them, and carries no text analysis,
//! ranking or dataset loader. The **engine** (the default `engine` feature) adds the
//! whole core behind the full API, for what no index answers: a dataset given at
//! run time (`loadDataset`), free text, a page the index lacks; the loader fetches it
//! only then. Both are the core's browser boundary: JS values in, DOM and plain JS
//! objects out, every failure a JS `Error` that names the problem. No ranking or
//! markup decisions live here; they are in the core (`tinbai`), which must not
//! depend on this crate, nor the CLI.
//!
//! Nothing here may panic (a panic aborts the whole instance), hence the lints.
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![cfg(target_arch = "wasm32")]

// The reader's allocator: talc, without realloc in place, is smaller than the
// default dlmalloc (measured: docs/performance.md); the engine keeps dlmalloc.
#[cfg(not(feature = "engine"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod convert;
mod dom;
#[cfg(feature = "engine")]
mod feed;
mod index;
mod isolate;
#[cfg(feature = "engine")]
mod json;
mod options;
mod page;
mod platform;
#[cfg(feature = "engine")]
mod state;
mod storage;
mod widget;

#[cfg(feature = "engine")]
use options::Options;
use wasm_bindgen::prelude::*;
pub use widget::Widget;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Kind = "article" | "infographic" | "video";
export type TimeWindow = "24h" | "7d" | "30d" | "all";
/** How a widget looks. */
export interface ViewOptions {
  /** Widget labels; default: the nearest `lang` around the element (`<html lang>`), else "vi". */
  lang?: "vi" | "en" | "fr";
  /** Replaces the heading text. */
  heading?: string;
  /** The heading's level, so the widget fits the page outline; default 2. */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  /** Where items without their own URL link to, e.g. "/tin/{id}". */
  linkTemplate?: string;
  /** Link target: _blank, _self, _parent, _top or a frame name. */
  target?: string;
  layout?: "list" | "grid" | "compact";
  theme?: "auto" | "light" | "dark";
  /** Render into an open shadow root, out of reach of the host page's CSS. Fixed at render. */
  isolate?: boolean;
  /** With isolate: the URL of tinbai.css to link inside the shadow root; default the page's own tinbai.css link. */
  stylesheet?: string;
}
export interface RelatedQuery {
  /** An item id; or give `text`. `"auto"`: this page's own article. With an index
   * loaded it is found by the canonical URL's path, the page's path, then its
   * `<h1>`; not found (or with no index), related items are found for the page's
   * text, or for `text` when given. */
  article?: string;
  /** Free text to find related items for; with an index loaded, from its terms files. */
  text?: string;
  /** 1 to 50; default 5. */
  limit?: number;
  /** Ids to leave out, applied before the limit. */
  exclude?: string | string[];
  /** Drop matches below this score; default 0.06. */
  minScore?: number;
}
export interface MostReadQuery {
  limit?: number;
  window?: TimeWindow;
  exclude?: string | string[];
  /** The clock: an RFC 3339 string, milliseconds or a Date; default now. */
  now?: string | number | Date;
}
/** Options of the widgets that list articles. */
export interface ListOptions {
  /** Leave out the articles that related and most-read widgets earlier on the page show; default true. */
  dedupe?: boolean;
}
export interface RelatedOptions extends RelatedQuery, ViewOptions, ListOptions {}
export interface MostReadOptions extends MostReadQuery, ViewOptions, ListOptions {}
export interface PartnershipOptions extends ViewOptions {
  /** A partnership id; omitted (or "overview") shows the overview card. */
  partnership?: string;
  now?: string | number | Date;
}
export interface Reasons { places: string[]; terms: string[]; }
export interface RelatedItem { id: string; title: string; kind: Kind; url?: string; score: number; reasons: Reasons; }
export interface MostReadItem { id: string; title: string; kind: Kind; url?: string; views: number; basis: "views" | "total" | "prior" | "newest"; prior: number; }
export interface SeenIn { source: string; section: string; position: number; }
export interface Article {
  id: string; title: string; kind: Kind; url?: string; published?: string; summary?: string;
  body?: string[]; captions?: string[]; tags?: string[]; image?: string; source?: string; seen_in?: SeenIn[];
  views?: { count: number; timestamps?: string[] };
}
export interface Source { item: string; quote: string; }
export interface FactVersion { value: number | string | string[]; at_least?: boolean; sources: Source[]; }
export interface Fact { key: string; label: string; versions: FactVersion[]; disputed: boolean; derived?: string; }
export interface Partnership {
  id: string; kind: "partnership" | "overview"; title: string;
  partners?: { name: string; aliases?: string[] }[]; facts: Fact[]; mentioned_in?: string[];
}
/** A site's dataset: the schema in docs/datasets.md, the same as the CLI's --dataset. */
export interface HostDataset { articles: Partial<Article>[]; partnerships?: unknown[]; }
/** A JSON Feed 1.x document. Its items map to articles as the CLI maps them (docs/feeds.md): `content_text`, else the
 * text of `content_html` (read by the browser's parser; its figcaptions become `captions`), `date_published`,
 * `summary`, `tags`, `image` (else `banner_image`). */
export interface JsonFeed {
  version: string; title?: string;
  items: { id: string | number; title?: string; url?: string; summary?: string; content_text?: string | null;
           content_html?: string | null; captions?: string[]; date_published?: string; tags?: string[];
           image?: string; banner_image?: string; [other: string]: unknown }[];
  partnerships?: unknown[];
}
export type WidgetKind = "related" | "most-read" | "partnership";
/** `tinbai:ready` (first render) and `tinbai:render` (every render): what is shown. */
export interface RenderDetail { widget: WidgetKind; count: number; items: { id: string; position: number }[]; }
/** `tinbai:click`: the item a reader chose. The event never blocks the link. */
export interface ClickDetail { widget: WidgetKind; id: string; position?: number; href: string; }
/** `tinbai:error`: a widget failed and is hidden; `message` is also in its `data-tinbai-error`. */
export interface ErrorDetail { widget: WidgetKind; message: string; }
declare global {
  interface ElementEventMap {
    "tinbai:ready": CustomEvent<RenderDetail>; "tinbai:render": CustomEvent<RenderDetail>; "tinbai:click": CustomEvent<ClickDetail>;
    "tinbai:error": CustomEvent<ErrorDetail>;
  }
  interface DocumentEventMap {
    "tinbai:ready": CustomEvent<RenderDetail>; "tinbai:render": CustomEvent<RenderDetail>; "tinbai:click": CustomEvent<ClickDetail>;
    "tinbai:error": CustomEvent<ErrorDetail>;
  }
}
export interface LoadOptions { lenient?: boolean; }
/** Replace the dataset with a site's own: an object (tinbai's JSON, a JSON Feed) loads at once and returns the report;
 * text (JSON, RSS or Atom, as fetched) returns a promise of it. Errors name the item and field, as the CLI's do. */
export function loadDataset(dataset: HostDataset | JsonFeed, options?: LoadOptions): LoadReport;
export function loadDataset(text: string, options?: LoadOptions): Promise<LoadReport>;
export interface IndexInfo { articles: number; shards: number; kept: number; builtAt: string; }
/** Which page to look up: its URLs (each reduced to its path) and its headline. */
export interface PageKeys { url?: string | string[]; title?: string; }
export interface LoadReport { articles: number; partnerships: number; skipped: string[]; warnings: string[]; }
"#;

/// Runs when the module is instantiated (by the default export, `init()`). The
/// bundled seed dataset loads on its first use, not here.
#[wasm_bindgen(start)]
pub fn start() {
    platform::install();
    #[cfg(feature = "engine")]
    state::reset();
    storage::reload();
}

/// Fill `element` with "Tin bài liên quan" for `options.article` or `options.text`.
#[wasm_bindgen(js_name = renderRelated)]
pub fn render_related(
    #[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RelatedOptions")] options: JsValue,
) -> Result<Widget, JsError> {
    Widget::mount(widget::Kind::Related, element, options, "renderRelated")
}

/// Fill `element` with "Đọc nhiều".
#[wasm_bindgen(js_name = renderMostRead)]
pub fn render_most_read(
    #[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MostReadOptions | undefined")] options: JsValue,
) -> Result<Widget, JsError> {
    Widget::mount(widget::Kind::MostRead, element, options, "renderMostRead")
}

/// Fill `element` with a partnership card (`options.partnership`), or the overview card.
#[wasm_bindgen(js_name = renderPartnership)]
pub fn render_partnership(
    #[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PartnershipOptions | undefined")] options: JsValue,
) -> Result<Widget, JsError> {
    Widget::mount(widget::Kind::Partnership, element, options, "renderPartnership")
}

/// Related items as plain objects: `[{id, title, kind, url?, score, reasons}]`.
/// With a built index loaded, from the index: for an article whose shard is not
/// in yet (or a text, or `"auto"`, whose files are not), it throws and says what to
/// await.
#[cfg(feature = "engine")]
#[wasm_bindgen(unchecked_return_type = "RelatedItem[]")]
pub fn related(#[wasm_bindgen(unchecked_param_type = "RelatedQuery")] options: JsValue) -> Result<JsValue, JsError> {
    let o = Options::read(&options, "related")?;
    if let Some(v) = index::related_js(&o)? {
        return Ok(v);
    }
    state::with(|e| convert::to_js(&e.related(&o.engine_related_query()).map_err(state::named("related"))?.items))
}

/// `related`, resolving once every index file the answer needs is fetched: an
/// article's shard, the routes that find this page (`article: "auto"`), the terms
/// and docs files of a free text.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = relatedAsync, unchecked_return_type = "Promise<RelatedItem[]>")]
pub fn related_async(#[wasm_bindgen(unchecked_param_type = "RelatedQuery")] options: JsValue) -> js_sys::Promise {
    index::promise(async move {
        let o = Options::read(&options, "relatedAsync")?;
        if let Some(list) = index::related_async(&o).await? {
            return convert::to_js(&list.items);
        }
        state::with(|e| convert::to_js(&e.related(&o.engine_related_query()).map_err(state::named("relatedAsync"))?.items))
    })
}

/// The id of the indexed article a page is, or `null`: by `page.url` (each URL
/// reduced to its path), then `page.title`; without `page`, this page's canonical
/// URL, its path and its `<h1>`. Needs a loaded index.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = findArticle, unchecked_return_type = "Promise<string | null>")]
pub fn find_article(#[wasm_bindgen(unchecked_param_type = "PageKeys | undefined")] page: JsValue) -> js_sys::Promise {
    index::promise(async move {
        let keys = options::page_keys(&page)?;
        Ok(index::find_article(keys).await?.map_or(JsValue::NULL, |id| JsValue::from_str(&id)))
    })
}

/// Most-read items as plain objects: `[{id, title, kind, url?, views, basis, prior}]`,
/// counting the views `recordView` stored; with a built index loaded, the lists
/// `tinbai build` ranked from the site's views instead.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = mostRead, unchecked_return_type = "MostReadItem[]")]
pub fn most_read(#[wasm_bindgen(unchecked_param_type = "MostReadQuery | undefined")] options: JsValue) -> Result<JsValue, JsError> {
    let o = Options::read(&options, "mostRead")?;
    if let Some(list) = index::most_read(&o.most_read_query()) {
        return convert::to_js(&list.items);
    }
    state::with(|e| convert::to_js(&e.most_read(&o.most_read_query(), &storage::views_for(e.dataset())).map_err(state::named("mostRead"))?.items))
}

/// Every partnership with its facts, sources and derived years: the site's, or
/// without any, the bundled Việt Nam–France ones (as the partnership card shows).
#[cfg(feature = "engine")]
#[wasm_bindgen(unchecked_return_type = "Partnership[]")]
pub fn partnerships() -> Result<JsValue, JsError> {
    state::with_facts(|e, _| convert::to_js(&e.partnerships(tinbai::time::year(tinbai::time::now()))))
}

/// Every item of the dataset.
#[cfg(feature = "engine")]
#[wasm_bindgen(unchecked_return_type = "Article[]")]
pub fn articles() -> Result<JsValue, JsError> {
    state::with(|e| convert::to_js(&e.dataset().items()))
}

/// Replace the bundled dataset with a host's: same schema and errors as the CLI's
/// `--dataset`. `{lenient: true}` skips bad items instead. Returns what was loaded,
/// skipped and ignored. An object (tinbai's JSON or a JSON Feed) loads now; text
/// (JSON, or an RSS or Atom feed, read by the browser's own XML parser) resolves to
/// the report once read.
#[cfg(feature = "engine")]
#[wasm_bindgen(js_name = loadDataset, unchecked_return_type = "LoadReport | Promise<LoadReport>")]
pub fn load_dataset(
    #[wasm_bindgen(unchecked_param_type = "HostDataset | JsonFeed | string")] dataset: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LoadOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let lenient = options::lenient(&options)?;
    if let Some(text) = dataset.as_string() {
        return Ok(feed::load_text(text, lenient).into());
    }
    let value = convert::from_js(&dataset).map_err(|m| JsError::new(&format!("loadDataset: {m}")))?;
    feed::load_value(value, lenient)
}

/// Record a view of `id` now, for most-read. Works when storage is full, blocked or
/// absent: the view then counts for this page only. With a built index loaded the id
/// is not checked: the page holds the index's header, not its ids.
#[wasm_bindgen(js_name = recordView)]
pub fn record_view(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<(), JsError> {
    let Some(id) = id.as_string() else {
        return Err(JsError::new(&format!("recordView: id must be a string, got {}", convert::describe(&id))));
    };
    #[cfg(feature = "engine")]
    if !index::loaded() {
        state::with(|e| match e.dataset().get(&id) {
            Some(_) => Ok(()),
            None => Err(state::named("recordView")(tinbai::Error::UnknownId { what: "article", id: id.clone() })),
        })?;
    }
    storage::record(&id, tinbai::time::now());
    Ok(())
}
