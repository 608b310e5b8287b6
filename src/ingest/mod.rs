//! A site's articles however it already has them, for `tinbai build` and every
//! `--dataset` alike: tinbai's JSON, JSONL, JSON Feed, RSS 2.0 and Atom (native only).
//!
//! Every format becomes a list of articles in tinbai's JSON shape (a JSON Feed keeps
//! its own field names), checked by the host dataset's validator, so problems read
//! the same whatever the input. The format is told from the content: `<` first is a
//! feed, JSON with a jsonfeed.org `version` a JSON Feed, other JSON tinbai's; only
//! JSONL is told by its extension (`.jsonl`, `.ndjson`). The field mapping is in
//! docs/feeds.md.

pub mod feed;
pub mod html_text;

use crate::dataset::host::{self, Entry, Report, Shape};
use crate::dataset::value::{parse_json, Value};
use crate::dataset::Dataset;
use crate::error::Problem;
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// `{"articles": [...], "partnerships": [...]}`
    Dataset,
    /// One tinbai article per line.
    Jsonl,
    JsonFeed,
    /// RSS 2.0 (or 0.9x, 1.0) or Atom.
    XmlFeed,
}

/// One article as read: where it was, its field names, and its JSON or why there is
/// none (a JSONL line that is not JSON).
pub struct Article {
    pub at: String,
    pub shape: Shape,
    pub value: Result<Value, String>,
}

/// What an input holds.
pub struct Source {
    pub format: Format,
    pub articles: Vec<Article>,
    /// A JSON root's `"partnerships"` (tinbai's JSON; a JSON Feed may carry them too).
    pub partnerships: Vec<Value>,
}

impl Source {
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        self.articles.iter().map(|a| Entry { at: a.at.clone(), shape: a.shape, value: a.value.as_ref().map_err(Clone::clone) })
    }
}

/// Whether a file is JSONL, which is told by its extension alone.
pub fn is_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl" || e == "ndjson")
}

fn cannot_read(path: &Path, e: std::io::Error) -> String {
    format!("cannot read {}: {e}", path.display())
}

/// A problem with the file as a whole, worded as `--dataset` always has.
fn top(path: &Path, message: String) -> String {
    let e = crate::Error::Data(vec![Problem { at: "dataset".into(), id: None, field: None, message }]);
    format!("{}: {e}", path.display())
}

/// JSONL lines as articles, named by line number; blank lines are allowed.
pub fn jsonl_lines(bytes: &[u8]) -> Vec<Article> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(i, line)| {
            let value = std::str::from_utf8(line).map_err(|_| "not UTF-8 text".to_owned()).and_then(parse_json);
            Article { at: format!("line {}", i + 1), shape: Shape::Dataset, value }
        })
        .collect()
}

/// Read an input file in whichever format it is.
pub fn read(path: &Path) -> Result<Source, String> {
    let bytes = std::fs::read(path).map_err(|e| cannot_read(path, e))?;
    if is_jsonl(path) {
        return Ok(Source { format: Format::Jsonl, articles: jsonl_lines(&bytes), partnerships: Vec::new() });
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => {
            let articles = feed::xml_feed(bytes).map_err(|m| format!("{}: {m}", path.display()))?;
            Ok(Source { format: Format::XmlFeed, articles, partnerships: Vec::new() })
        }
        None => Err(format!("{}: the file is empty", path.display())),
        Some(_) => {
            let text = std::str::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))?;
            let root = parse_json(text).map_err(|m| format!("{}: {m}", path.display()))?;
            json_source(path, root)
        }
    }
}

/// tinbai's JSON or a JSON Feed, told by the feed's `version`.
fn json_source(path: &Path, root: Value) -> Result<Source, String> {
    let feed = host::is_json_feed(&root);
    let Value::Object(fields) = root else {
        return Err(top(path, format!("expected an object with \"articles\", got {}", root.type_name())));
    };
    let list_name = if feed { "items" } else { "articles" };
    let mut list = None;
    let mut partnerships = Vec::new();
    for (k, v) in fields {
        match (k.as_str(), v) {
            (name, Value::Array(a)) if name == list_name => list = Some(a),
            (name, other) if name == list_name => return Err(top(path, format!("\"{list_name}\" must be an array, got {}", other.type_name()))),
            ("partnerships", Value::Array(a)) => partnerships = a,
            ("partnerships", Value::Null) => {}
            ("partnerships", other) => return Err(top(path, format!("\"partnerships\" must be an array, got {}", other.type_name()))),
            _ => {}
        }
    }
    let Some(list) = list else {
        let hint = if feed { "" } else { " (or a JSON Feed's \"version\" and \"items\")" };
        return Err(top(path, format!("missing \"{list_name}\", the list of articles{hint}")));
    };
    if feed {
        return Ok(Source { format: Format::JsonFeed, articles: feed::json_feed(list), partnerships });
    }
    let articles = list.into_iter().enumerate().map(|(i, v)| Article { at: format!("articles[{i}]"), shape: Shape::Dataset, value: Ok(v) }).collect();
    Ok(Source { format: Format::Dataset, articles, partnerships })
}

/// Read and check an input: what `--dataset FILE` loads.
pub fn load(path: &Path, lenient: bool) -> Result<(Dataset, Report), String> {
    let source = read(path)?;
    host::load_entries(source.entries(), &source.partnerships, lenient).map_err(|e| format!("{}: {e}", path.display()))
}
