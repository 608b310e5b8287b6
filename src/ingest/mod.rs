//! A site's articles however it already has them, for `tinbai build` and every
//! `--dataset` alike: tinbai's JSON, JSONL, JSON Feed, RSS 2.0, Atom, or the site's
//! built HTML pages (native only).
//!
//! Every format becomes a list of articles in tinbai's JSON shape (a JSON Feed keeps
//! its own field names), checked by the host dataset's validator, so problems read
//! the same whatever the input. The format is told from the content: `<` first is a
//! feed, JSON with a jsonfeed.org `version` a JSON Feed, other JSON tinbai's; only
//! JSONL is told by its extension (`.jsonl`, `.ndjson`), and a folder is a site. The
//! field mapping and the site's rules are in docs/feeds.md. [`views`] reads views
//! from analytics exports, matched to articles by link.

pub mod feed;
pub mod html_text;
pub mod site;
pub mod views;

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
    /// A folder of built HTML pages.
    Site,
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
    /// What was noticed but not refused (a page's unreadable date, left out).
    pub warnings: Vec<Problem>,
    /// A site's pages: how many, and which were not articles and why.
    pub site: Option<site::Report>,
}

impl Source {
    fn of(format: Format, articles: Vec<Article>) -> Source {
        Source { format, articles, partnerships: Vec::new(), warnings: Vec::new(), site: None }
    }

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

/// A site's built pages, chosen by `opts`.
pub fn read_site(root: &Path, opts: &site::Options) -> Result<Source, String> {
    let (articles, warnings, report) = site::read(root, opts)?;
    Ok(Source { warnings, site: Some(report), ..Source::of(Format::Site, articles) })
}

/// Read an input file in whichever format it is; a folder is read as a site.
pub fn read(path: &Path) -> Result<Source, String> {
    if path.is_dir() {
        return read_site(path, &site::Options::default());
    }
    let bytes = std::fs::read(path).map_err(|e| cannot_read(path, e))?;
    if is_jsonl(path) {
        return Ok(Source::of(Format::Jsonl, jsonl_lines(&bytes)));
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => {
            let articles = feed::xml_feed(bytes).map_err(|m| format!("{}: {m}", path.display()))?;
            Ok(Source::of(Format::XmlFeed, articles))
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
        return Ok(Source { partnerships, ..Source::of(Format::JsonFeed, feed::json_feed(list)) });
    }
    let articles = list.into_iter().enumerate().map(|(i, v)| Article { at: format!("articles[{i}]"), shape: Shape::Dataset, value: Ok(v) }).collect();
    Ok(Source { partnerships, ..Source::of(Format::Dataset, articles) })
}

/// A checked input.
pub struct Loaded {
    pub data: Dataset,
    pub report: Report,
    /// Pages of a site that are not articles, one line per reason.
    pub notes: Vec<String>,
}

/// Read and check an input: what `--dataset FILE` loads.
pub fn load(path: &Path, lenient: bool) -> Result<Loaded, String> {
    let source = read(path)?;
    let (data, mut report) = host::load_entries(source.entries(), &source.partnerships, lenient).map_err(|e| format!("{}: {e}", path.display()))?;
    report.warnings.splice(0..0, source.warnings.iter().map(ToString::to_string));
    let notes = source.site.map(|s| s.notes()).unwrap_or_default();
    Ok(Loaded { data, report, notes })
}

/// A link's path, as views and page ids compare links: the key a page is routed by
/// ([`crate::store::key::path`]: origin, query and fragment dropped, escapes decoded,
/// NFC, `/a/` and `/a/index.html` both `/a`), and `/a/index.htm` is `/a` too, since
/// an analytics export or an old site may name a page either way. A link with no
/// path to name (`mailto:x`) is read from the root, as a relative link would be.
pub fn url_path(url: &str) -> String {
    let mut path = crate::store::key::path(url).unwrap_or_else(|| format!("/{}", url.trim()));
    if path.ends_with("/index.htm") {
        path.truncate(path.len() - "index.htm".len());
        while path.len() > 1 && path.ends_with('/') {
            path.pop();
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::url_path;

    #[test]
    fn url_paths_compare_as_a_reader_would() {
        for (url, path) in [
            ("https://Bao.Example/tin/abc/?utm=x#top", "/tin/abc"),
            ("HTTP://bao.example", "/"),
            ("//cdn.example/a/index.html", "/a"),
            ("tin/abc", "/tin/abc"),
            ("/tin/abc/index.html", "/tin/abc"),
            ("/", "/"),
            ("", "/"),
            ("/index.html?x", "/"),
            ("/tin/h%C3%A0-n%E1%BB%99i/", "/tin/hà-nội"),
            ("/tin/ha\u{300}-noi", "/tin/hà-noi"),
            ("/bad/%E1%BB", "/bad/%E1%BB"),
            ("/tin/a.html", "/tin/a.html"),
        ] {
            assert_eq!(url_path(url), path, "{url}");
        }
    }
}
