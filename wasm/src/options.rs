//! Reading a JS options object, with an error that names the call, the option and
//! what was wrong with it.

use super::convert::describe;
use tinbai::error::quote;
use tinbai::markup::{HeadingLevel, Layout, Theme, View};
use tinbai::rank::most_read::Window;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsError, JsValue};

const QUERY: &[&str] = &["article", "text", "limit", "exclude", "minScore"];
const MOST_READ: &[&str] = &["limit", "window", "exclude", "now"];
const PARTNERSHIP: &[&str] = &["partnership", "now"];
const VIEW: &[&str] = &["lang", "heading", "headingLevel", "linkTemplate", "target", "layout", "theme", "isolate", "stylesheet"];
/// Widgets that list articles share them out on a page: see `widget::earlier`.
const LISTING: &[&str] = &["dedupe"];

/// Which options a call accepts.
pub fn allowed(func: &str) -> Vec<&'static str> {
    match func {
        "related" | "relatedAsync" => QUERY.to_vec(),
        "mostRead" => MOST_READ.to_vec(),
        "renderRelated" => [QUERY, VIEW, LISTING].concat(),
        "renderMostRead" => [MOST_READ, VIEW, LISTING].concat(),
        _ => [PARTNERSHIP, VIEW].concat(),
    }
}

#[derive(Debug, Default, Clone)]
pub struct Options {
    pub article: Option<String>,
    pub text: Option<String>,
    pub limit: Option<usize>,
    pub exclude: Vec<String>,
    pub min_score: Option<f32>,
    pub window: Option<Window>,
    pub now: Option<i64>,
    pub partnership: Option<String>,
    /// Leave out what widgets earlier on the page show; default true.
    pub dedupe: Option<bool>,
    pub view: View,
}

struct Reader<'a> {
    obj: &'a Object,
    func: &'a str,
}

impl Reader<'_> {
    fn err(&self, name: &str, message: impl std::fmt::Display) -> JsError {
        JsError::new(&format!("{}: option {}: {message}", self.func, quote(name)))
    }

    fn get(&self, name: &str) -> Option<JsValue> {
        Reflect::get(self.obj, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn string(&self, name: &str) -> Result<Option<String>, JsError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.as_string().map(Some).ok_or_else(|| self.err(name, format!("expected a string, got {}", describe(&v)))),
        }
    }

    fn limit(&self) -> Result<Option<usize>, JsError> {
        let Some(v) = self.get("limit") else { return Ok(None) };
        match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (1.0..=tinbai::engine::MAX_LIMIT as f64).contains(&n) => Ok(Some(n as usize)),
            _ => Err(self.err("limit", format!("expected a whole number from 1 to {}, got {}", tinbai::engine::MAX_LIMIT, describe(&v)))),
        }
    }

    fn exclude(&self) -> Result<Vec<String>, JsError> {
        let Some(v) = self.get("exclude") else { return Ok(Vec::new()) };
        if let Some(s) = v.as_string() {
            return Ok(vec![s]);
        }
        if !Array::is_array(&v) {
            return Err(self.err("exclude", format!("expected an id or an array of ids, got {}", describe(&v))));
        }
        let a: &Array = v.unchecked_ref();
        a.iter()
            .enumerate()
            .map(|(i, x)| x.as_string().ok_or_else(|| self.err("exclude", format!("item {i}: expected a string, got {}", describe(&x)))))
            .collect()
    }

    /// A time as a host has it: an RFC 3339 string, milliseconds, or a Date.
    fn now(&self) -> Result<Option<i64>, JsError> {
        let Some(v) = self.get("now") else { return Ok(None) };
        if let Some(s) = v.as_string() {
            return tinbai::time::parse(&s).map(Some).ok_or_else(|| self.err("now", format!("{} is not an RFC 3339 time", quote(&s))));
        }
        let ms = match v.dyn_ref::<js_sys::Date>() {
            Some(d) => d.get_time(),
            None => v.as_f64().unwrap_or(f64::NAN),
        };
        if ms.is_finite() {
            Ok(Some((ms / 1000.0).floor() as i64))
        } else {
            Err(self.err("now", format!("expected a time, milliseconds or a Date, got {}", describe(&v))))
        }
    }
}

impl Options {
    /// Read `v` (undefined or an object) for the call `func`.
    pub fn read(v: &JsValue, func: &str) -> Result<Options, JsError> {
        if v.is_undefined() || v.is_null() {
            return Ok(Options::default());
        }
        if !v.is_object() || Array::is_array(v) || v.is_function() {
            return Err(JsError::new(&format!("{func}: options must be an object, got {}", describe(v))));
        }
        let obj: &Object = v.unchecked_ref();
        let allowed = allowed(func);
        for key in Object::keys(obj).iter() {
            let k = key.as_string().unwrap_or_default();
            if !allowed.contains(&k.as_str()) {
                return Err(JsError::new(&format!("{func}: unknown option {}; expected one of {}", quote(&k), allowed.join(", "))));
            }
        }
        let r = Reader { obj, func };
        let mut o = Options {
            article: r.string("article")?,
            text: r.string("text")?,
            limit: r.limit()?,
            exclude: r.exclude()?,
            now: r.now()?,
            partnership: r.string("partnership")?,
            ..Options::default()
        };
        if let Some(v) = r.get("minScore") {
            o.min_score = Some(v.as_f64().filter(|n| n.is_finite()).ok_or_else(|| r.err("minScore", format!("expected a number, got {}", describe(&v))))? as f32);
        }
        if let Some(v) = r.get("dedupe") {
            o.dedupe = Some(v.as_bool().ok_or_else(|| r.err("dedupe", format!("expected true or false, got {}", describe(&v))))?);
        }
        if let Some(w) = r.string("window")? {
            o.window = Some(Window::parse(&w).ok_or_else(|| r.err("window", format!("expected \"24h\", \"7d\", \"30d\" or \"all\", got {}", quote(&w))))?);
        }
        let view_err = |e: tinbai::Error| JsError::new(&format!("{func}: {e}"));
        let mut view = View::default();
        if let Some(l) = r.string("lang")? {
            view = view.lang(&l).map_err(view_err)?;
        }
        if let Some(h) = r.string("heading")? {
            view = view.heading(&h).map_err(view_err)?;
        }
        if let Some(v) = r.get("headingLevel") {
            view.heading_level = match v.as_f64().filter(|n| n.fract() == 0.0 && n.abs() < 1e9) {
                Some(n) => HeadingLevel::new(n as i64).map_err(view_err)?,
                None => return Err(r.err("headingLevel", format!("expected a whole number from 1 to 6, got {}", describe(&v)))),
            };
        }
        if let Some(t) = r.string("linkTemplate")? {
            view = view.link_template(&t).map_err(view_err)?;
        }
        if let Some(t) = r.string("target")? {
            view = view.target(&t).map_err(view_err)?;
        }
        if let Some(l) = r.string("layout")? {
            view.layout = Layout::parse(&l).map_err(view_err)?;
        }
        if let Some(t) = r.string("theme")? {
            view.theme = Theme::parse(&t).map_err(view_err)?;
        }
        o.view = view;
        Ok(o)
    }
}

impl Options {
    /// The related query for a loaded dataset, which has no routes: `article:
    /// "auto"` is the page's text (or the `text` given).
    #[cfg(feature = "engine")]
    pub fn engine_related_query(&self) -> tinbai::engine::RelatedQuery {
        let mut q = self.related_query();
        if q.article.as_deref() == Some(super::index::AUTO) {
            q.article = None;
            q.text = Some(q.text.take().unwrap_or_else(super::page::text));
        }
        q
    }

    pub fn related_query(&self) -> tinbai::engine::RelatedQuery {
        tinbai::engine::RelatedQuery {
            article: self.article.clone(),
            text: self.text.clone(),
            limit: self.limit,
            exclude: self.exclude.clone(),
            min_score: self.min_score,
        }
    }

    pub fn most_read_query(&self) -> tinbai::engine::MostReadQuery {
        tinbai::engine::MostReadQuery { limit: self.limit, window: self.window, exclude: self.exclude.clone(), now: self.now }
    }
}

/// `{lenient: true}` for `loadDataset`.
#[cfg(feature = "engine")]
pub fn lenient(v: &JsValue) -> Result<bool, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(false);
    }
    let obj = v.dyn_ref::<Object>().filter(|_| !Array::is_array(v));
    let Some(obj) = obj else {
        return Err(JsError::new(&format!("loadDataset: options must be an object, got {}", describe(v))));
    };
    for key in Object::keys(obj).iter() {
        if key.as_string().as_deref() != Some("lenient") {
            return Err(JsError::new(&format!("loadDataset: unknown option {}; expected lenient", quote(&key.as_string().unwrap_or_default()))));
        }
    }
    match Reflect::get(obj, &JsValue::from_str("lenient")).ok().filter(|x| !x.is_undefined()) {
        None => Ok(false),
        Some(b) => b.as_bool().ok_or_else(|| JsError::new(&format!("loadDataset: option \"lenient\": expected true or false, got {}", describe(&b)))),
    }
}

/// Merge `newer` over `older` the way `update()` means it: given keys replace old
/// ones, `null` removes one, and giving `article` or `text` drops the other.
pub fn merge(older: &Object, newer: &JsValue) -> Object {
    let merged = Object::assign(&Object::new(), older);
    if let Some(n) = newer.dyn_ref::<Object>() {
        let has = |k: &str| Reflect::has(n, &JsValue::from_str(k)).unwrap_or(false);
        for (given, other) in [("article", "text"), ("text", "article")] {
            if has(given) && !has(other) {
                let _ = Reflect::delete_property(&merged, &JsValue::from_str(other));
            }
        }
        for key in Object::keys(n).iter() {
            let v = Reflect::get(n, &key).unwrap_or(JsValue::UNDEFINED);
            if v.is_null() || v.is_undefined() {
                let _ = Reflect::delete_property(&merged, &key);
            } else {
                let _ = Reflect::set(&merged, &key, &v);
            }
        }
    }
    merged
}

/// `findArticle`'s argument as route keys: `{url?: string | string[], title?}`, or
/// this page's own keys when absent.
#[cfg(feature = "engine")]
pub fn page_keys(v: &JsValue) -> Result<Vec<String>, JsError> {
    let err = |m: String| JsError::new(&format!("findArticle: {m}"));
    if v.is_undefined() || v.is_null() {
        return Ok(super::page::keys());
    }
    let obj = v.dyn_ref::<Object>().filter(|_| !Array::is_array(v) && !v.is_function()).ok_or_else(|| err(format!("expected {{url, title}}, got {}", describe(v))))?;
    for key in Object::keys(obj).iter() {
        let k = key.as_string().unwrap_or_default();
        if k != "url" && k != "title" {
            return Err(err(format!("unknown option {}; expected url, title", quote(&k))));
        }
    }
    let r = Reader { obj, func: "findArticle" };
    let urls: Vec<String> = match r.get("url") {
        None => Vec::new(),
        Some(u) if u.as_string().is_some() => u.as_string().into_iter().collect(),
        Some(u) if Array::is_array(&u) => Array::from(&u)
            .iter()
            .enumerate()
            .map(|(i, x)| x.as_string().ok_or_else(|| r.err("url", format!("item {i}: expected a string, got {}", describe(&x)))))
            .collect::<Result<_, _>>()?,
        Some(u) => return Err(r.err("url", format!("expected a URL or an array of URLs, got {}", describe(&u)))),
    };
    let title = r.string("title")?;
    let mut keys: Vec<String> = Vec::new();
    for k in urls.iter().filter_map(|u| tinbai::store::key::path(u)).chain(title.as_deref().and_then(tinbai::store::key::title)) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    Ok(keys)
}
