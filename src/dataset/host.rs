//! A site's own dataset, given as JSON (or a JS object): its articles and partnerships.
//! It is also what `tinbai dataset` prints, so a dump loads back unchanged.
//!
//! Bad input is refused with every problem named by item and field. In lenient mode
//! the bad items are skipped instead, and each skip is reported.

use super::value::{Fields, Value};
use super::{Dataset, Item, Kind, SeenIn, Views};
use crate::error::{Error, Problem};
use crate::error::{number, quote};
use crate::facts::read_partnerships;
use serde::Serialize;
use std::collections::HashMap;

const ARTICLE_FIELDS: &[&str] = &[
    "id", "title", "url", "published", "summary", "body", "kind", "tags", "image", "views", "source", "seen_in",
    "captions",
];
const MAX_ID_LEN: usize = 200;

/// What a load kept, skipped and ignored.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub articles: usize,
    pub partnerships: usize,
    /// Items left out in lenient mode, with the reason.
    pub skipped: Vec<String>,
    /// Fields that were not understood and so not used.
    pub warnings: Vec<String>,
}

/// A URL is allowed only if it is http(s) or relative. Control characters are refused
/// outright, since browsers drop tabs and newlines and "java\nscript:" would pass.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.trim().is_empty() {
        return Err("must not be empty".into());
    }
    if url.chars().any(|c| c.is_control() || c == ' ') || url.trim() != url {
        return Err("must not contain spaces or control characters".into());
    }
    // "&#106;avascript:" is harmless as a DOM attribute but not if some page ever
    // writes it into HTML; no real link needs a character reference.
    let lower = url.to_ascii_lowercase();
    if ["&#", "&colon;", "&tab;", "&newline;"].iter().any(|r| crate::text::find(&lower, r).is_some()) {
        return Err("must not contain HTML character references".into());
    }
    let first_delim = url.find(['/', '?', '#']);
    match url.split_once(':') {
        Some((scheme, _)) if first_delim.is_none_or(|d| scheme.len() < d) => {
            let scheme = scheme.to_ascii_lowercase();
            if scheme == "http" || scheme == "https" {
                Ok(())
            } else {
                Err(format!("must be http(s) or relative, not a {} URL", quote(&scheme)))
            }
        }
        _ => Ok(()),
    }
}

/// One item's views: a count, a list of RFC 3339 times, or `{"count", "timestamps"}`.
pub fn read_views(v: &Value) -> Result<Views, String> {
    let stamps = |list: &[Value]| -> Result<Vec<i64>, String> {
        list.iter()
            .enumerate()
            .map(|(i, s)| match s {
                Value::String(s) => crate::time::parse(s).ok_or(format!("timestamps[{i}] {} is not an RFC 3339 time", quote(s))),
                other => Err(format!("timestamps[{i}]: expected a string, got {}", other.type_name())),
            })
            .collect()
    };
    match v {
        Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 9e15 => Ok(Views { count: *n as u64, timestamps: vec![] }),
        Value::Number(n) => Err(format!("expected a whole number of views, got {}", number(*n))),
        Value::Array(list) => {
            let timestamps = stamps(list)?;
            Ok(Views { count: timestamps.len() as u64, timestamps })
        }
        Value::Object(_) => {
            let timestamps = match v.get("timestamps") {
                None | Some(Value::Null) => vec![],
                Some(Value::Array(list)) => stamps(list)?,
                Some(other) => return Err(format!("timestamps: expected an array, got {}", other.type_name())),
            };
            let count = match v.get("count") {
                None | Some(Value::Null) => timestamps.len() as u64,
                Some(Value::Number(n)) if *n >= 0.0 && n.fract() == 0.0 && *n < 9e15 => *n as u64,
                Some(other) => return Err(format!("count: expected a whole number, got {}", other.type_name())),
            };
            if count < timestamps.len() as u64 {
                return Err(format!("count {count} is less than the {} timestamps given", timestamps.len()));
            }
            Ok(Views { count, timestamps })
        }
        other => Err(format!(
            "expected a count, a list of timestamps or {{\"count\", \"timestamps\"}}, got {}",
            other.type_name()
        )),
    }
}

fn read_seen_in(f: &mut Fields<'_>) -> Vec<SeenIn> {
    let list = f.array("seen_in");
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        match Fields::new(v, format!("{}.seen_in[{i}]", f.at)) {
            Ok(mut s) => {
                s.id = f.id.clone();
                let source = s.string("source", true);
                let section = s.string("section", true);
                let position = s.integer("position", 1..=100_000);
                f.problems.append(&mut s.problems);
                if let (Some(source), Some(section), Some(position)) = (source, section, position) {
                    out.push(SeenIn { source, section, position: position as u32 });
                }
            }
            Err(p) => f.problems.push(p),
        }
    }
    out
}

/// A link field. In lenient mode a bad URL costs only the link: it is dropped and
/// noted in `dropped`, and the item is kept.
fn read_url(f: &mut Fields<'_>, name: &str, dropped: Option<&mut Vec<Problem>>) -> Option<String> {
    let url = f.string(name, false)?;
    match (check_url(&url), dropped) {
        (Ok(()), _) => Some(url),
        (Err(m), None) => {
            f.problem(name, format!("{} {m}", quote(&url)));
            None
        }
        (Err(m), Some(dropped)) => {
            let message = format!("{} {m}; the link was dropped", quote(&url));
            dropped.push(Problem { at: f.at.clone(), id: f.id.clone(), field: Some(name.to_owned()), message });
            None
        }
    }
}

/// Field names differ in a JSON Feed; map them onto ours.
struct Names {
    body: &'static str,
    published: &'static str,
}

const OURS: Names = Names { body: "body", published: "published" };
const FEED: Names = Names { body: "content_text", published: "date_published" };

fn read_article(v: &Value, at: String, names: &Names, mut dropped: Option<&mut Vec<Problem>>) -> Result<Item, Vec<Problem>> {
    let mut f = Fields::new(v, at).map_err(|p| vec![p])?;
    let id = match f.value("id") {
        // JSON Feed allows numeric ids; keep their text. Past 10^15 a number has no
        // exact text (`number` says "a very large number"), so it is refused as a string would be.
        Some(Value::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => Some(number(*n)),
        _ => f.string("id", true),
    };
    f.id = id.clone();
    if let Some(id) = &id {
        if id.chars().count() > MAX_ID_LEN || id.chars().any(char::is_control) {
            f.problem("id", format!("must be at most {MAX_ID_LEN} characters, without control characters"));
        }
    }
    let title = f.string("title", true);
    let url = read_url(&mut f, "url", dropped.as_deref_mut());
    let image = read_url(&mut f, "image", dropped.as_deref_mut()).or_else(|| read_url(&mut f, "banner_image", dropped));
    let published_text = f.string(names.published, false);
    let published_at = published_text.as_deref().and_then(|p| {
        let t = crate::time::parse(p);
        if t.is_none() {
            f.problem(names.published, format!("{} is not a date (YYYY-MM-DD) or an RFC 3339 time", quote(p)));
        }
        t
    });
    let summary = f.string("summary", false);
    let body: Vec<String> = f
        .strings(names.body)
        .iter()
        .flat_map(|b| crate::text::split(b, "\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let captions = f.strings("captions");
    let kind = match f.string("kind", false) {
        None => Kind::Article,
        Some(k) => Kind::parse(&k).unwrap_or_else(|| {
            f.problem("kind", format!("expected \"article\", \"infographic\" or \"video\", got {}", quote(&k)));
            Kind::Article
        }),
    };
    let tags = f.strings("tags");
    let views = f.value("views").and_then(|v| match read_views(v) {
        Ok(views) => Some(views),
        Err(m) => {
            f.problem("views", m);
            None
        }
    });
    let source = f.string("source", false);
    let seen_in = read_seen_in(&mut f);
    if !f.problems.is_empty() {
        return Err(f.problems);
    }
    Ok(Item {
        id: id.unwrap_or_default(),
        title: title.unwrap_or_default(),
        kind,
        url,
        published: published_text,
        published_at,
        summary,
        body,
        captions,
        tags,
        image,
        source,
        seen_in,
        views,
    })
}

fn article(
    v: &Value,
    at: String,
    names: &Names,
    known: Option<&[&str]>,
    warnings: &mut Vec<Problem>,
    dropped: Option<&mut Vec<Problem>>,
) -> Result<Item, Vec<Problem>> {
    if let (Some(known), Ok(f)) = (known, Fields::new(v, at.clone())) {
        let id = v.get("id").and_then(Value::as_str).map(str::to_owned);
        for u in f.unknown(known) {
            warnings.push(Problem { at: at.clone(), id: id.clone(), field: Some(u), message: "unknown field, ignored".into() });
        }
    }
    read_article(v, at, names, dropped)
}

/// The field names an article is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Ours: `body`, `published`; unknown fields are warned about.
    Dataset,
    /// A JSON Feed item: `content_text`, `date_published`; its other fields are ignored.
    JsonFeed,
}

impl Shape {
    fn names(self) -> (&'static Names, Option<&'static [&'static str]>) {
        match self {
            Shape::Dataset => (&OURS, Some(ARTICLE_FIELDS)),
            Shape::JsonFeed => (&FEED, None),
        }
    }
}

/// One article of a host dataset, checked exactly as [`load`] checks each (but for
/// duplicate ids, which need the others): for readers that stream articles one at a
/// time. `at` names it in problems, e.g. "line 12". Unknown fields add warnings.
pub fn read_one(v: &Value, at: String, warnings: &mut Vec<Problem>) -> Result<Item, Vec<Problem>> {
    read_shaped(v, at, Shape::Dataset, warnings)
}

/// [`read_one`] for an article written in `shape`.
pub fn read_shaped(v: &Value, at: String, shape: Shape, warnings: &mut Vec<Problem>) -> Result<Item, Vec<Problem>> {
    let (names, known) = shape.names();
    article(v, at, names, known, warnings, None)
}

/// Whether a JSON root is a JSON Feed (any 1.x version).
pub fn is_json_feed(root: &Value) -> bool {
    root.get("version").and_then(Value::as_str).is_some_and(|v| v.starts_with("https://jsonfeed.org/version/"))
}

/// One article as an input gave it: where it was (`articles[3]`, `line 12`, a page's
/// path), its field names, and its JSON or why there is none (a line that is not JSON).
pub struct Entry<'a> {
    pub at: String,
    pub shape: Shape,
    pub value: Result<&'a Value, String>,
}

/// A dataset in the shape [`load`] reads: what `tinbai dataset` prints.
#[derive(Serialize)]
pub struct Dump<'a> {
    pub articles: &'a [Item],
    pub partnerships: &'a [crate::facts::Partnership],
}

impl<'a> Dump<'a> {
    pub fn of(data: &'a Dataset) -> Dump<'a> {
        Dump { articles: data.items(), partnerships: data.partnerships() }
    }
}

/// Load a host dataset: `{"articles": [...], "partnerships": [...]}`, or a JSON Feed.
pub fn load(root: &Value, lenient: bool) -> Result<(Dataset, Report), Error> {
    let top = |message: String| Error::Data(vec![Problem { at: "dataset".into(), id: None, field: None, message }]);
    let Value::Object(_) = root else {
        return Err(top(format!("expected an object with \"articles\", got {}", root.type_name())));
    };
    let (list_name, shape) = if is_json_feed(root) { ("items", Shape::JsonFeed) } else { ("articles", Shape::Dataset) };
    let list = match root.get(list_name) {
        Some(Value::Array(a)) => a,
        Some(other) => return Err(top(format!("\"{list_name}\" must be an array, got {}", other.type_name()))),
        None => return Err(top(format!("missing \"{list_name}\", the list of articles"))),
    };
    let plist = match root.get("partnerships") {
        None | Some(Value::Null) => &[][..],
        Some(Value::Array(a)) => a,
        Some(other) => return Err(top(format!("\"partnerships\" must be an array, got {}", other.type_name()))),
    };
    let entries = list.iter().enumerate().map(|(i, v)| Entry { at: format!("{list_name}[{i}]"), shape, value: Ok(v) });
    load_entries(entries, plist, lenient)
}

/// Load articles given one by one, and the partnerships that cite them: what [`load`]
/// does for a JSON root, for any input that yields [`Entry`]s.
pub fn load_entries<'a>(entries: impl IntoIterator<Item = Entry<'a>>, plist: &[Value], lenient: bool) -> Result<(Dataset, Report), Error> {
    // One body for every kind of input: the wasm has the reader once, not once per caller.
    load_dyn(&mut entries.into_iter(), plist, lenient)
}

fn load_dyn<'a>(entries: &mut dyn Iterator<Item = Entry<'a>>, plist: &[Value], lenient: bool) -> Result<(Dataset, Report), Error> {
    let mut report = Report::default();
    let mut problems: Vec<Problem> = Vec::new();
    let mut warnings: Vec<Problem> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut first_at: HashMap<String, String> = HashMap::new();
    for Entry { at, shape, value } in entries {
        let v = match value {
            Ok(v) => v,
            Err(message) => {
                problems.push(Problem { at, id: None, field: None, message });
                continue;
            }
        };
        let (names, known) = shape.names();
        let mut dropped = Vec::new();
        let result = article(v, at.clone(), names, known, &mut warnings, lenient.then_some(&mut dropped)).and_then(|item| match first_at.get(&item.id) {
            Some(first) => Err(vec![Problem {
                at: at.clone(),
                id: Some(item.id.clone()),
                field: Some("id".into()),
                message: format!("duplicate of {first}"),
            }]),
            None => Ok(item),
        });
        match result {
            Ok(item) => {
                warnings.append(&mut dropped);
                first_at.insert(item.id.clone(), at);
                items.push(item);
            }
            Err(mut ps) => problems.append(&mut ps),
        }
    }
    let articles = Dataset::new(items, Vec::new());
    let mut partnerships = Vec::new();
    for r in read_partnerships(plist, &articles, &mut warnings) {
        match r {
            Ok(p) => partnerships.push(p),
            Err(mut ps) => problems.append(&mut ps),
        }
    }
    if !problems.is_empty() && !lenient {
        return Err(Error::Data(problems));
    }
    report.skipped = problems.iter().map(ToString::to_string).collect();
    report.warnings = warnings.iter().map(ToString::to_string).collect();
    report.articles = articles.items().len();
    report.partnerships = partnerships.len();
    let items = articles.items().to_vec();
    Ok((Dataset::new(items, partnerships), report))
}

/// Read a `{"id": views, ...}` map for the items of `data`. Ids the dataset does not
/// have are reported, not fatal: a deleted article keeps its old views.
pub fn read_view_map(root: &Value, data: &Dataset) -> Result<(HashMap<usize, Views>, Vec<String>), Error> {
    let Value::Object(fields) = root else {
        return Err(Error::Data(vec![Problem {
            at: "views".into(),
            id: None,
            field: None,
            message: format!("expected an object of id → views, got {}", root.type_name()),
        }]));
    };
    let mut out: HashMap<usize, Views> = HashMap::new();
    let mut problems = Vec::new();
    let mut unknown = Vec::new();
    for (id, v) in fields {
        match (data.index_of(id), read_views(v)) {
            (_, Err(message)) => problems.push(Problem { at: "views".into(), id: Some(id.clone()), field: None, message }),
            (None, Ok(_)) => unknown.push(format!("views: no item has the id {}; its views are ignored", quote(id))),
            (Some(d), Ok(views)) => {
                let e = out.entry(d).or_default();
                e.count = e.count.saturating_add(views.count);
                e.timestamps.extend(views.timestamps);
            }
        }
    }
    if problems.is_empty() {
        Ok((out, unknown))
    } else {
        Err(Error::Data(problems))
    }
}
