//! Views from real traffic: an analytics export (CSV: GA4, Plausible, Matomo or any
//! with a page and a count column) or JSON, matched to articles by their link's path
//! (`url_path`) or, in JSON, by id. The accepted columns are in docs/feeds.md.

use super::url_path;
use crate::dataset::host::read_views;
use crate::dataset::value::{parse_json, Value};
use crate::dataset::{Item, Views};
use crate::error::quote;
use std::collections::HashMap;
use std::path::Path;

/// Column names (folded to lower case) that hold the page, best first.
const PAGE_COLUMNS: &[&str] = &[
    "page path and screen class", // GA4 Pages and screens
    "page path + query string",   // GA4
    "page path",
    "page",     // Plausible's imported_pages.csv
    "path",
    "name",     // Plausible's dashboard export (pages.csv)
    "label",    // Matomo
    "url",
    "page url",
    "page location", // GA4, a full URL
];
/// Column names that hold the views, best first: page views before visitors.
const COUNT_COLUMNS: &[&str] = &["views", "screen page views", "pageviews", "page views", "nb_hits", "nb_pageviews", "hits", "count", "visitors", "nb_visits"];
const DATE_COLUMNS: &[&str] = &["date", "day"];
/// Page cells that are no page: GA4's totals and buckets.
const NO_PAGE: &[&str] = &["", "(not set)", "(other)", "grand total", "total"];
/// Dated views are kept one timestamp each; more than this within the longest
/// window (30 days) would not fit in memory comfortably.
pub const MAX_DATED: u64 = 20_000_000;
const MONTH: i64 = 30 * 86_400;
/// How many problems and unmatched keys a message spells out.
const SHOWN: usize = 20;
const LISTED: usize = 5;

/// How a key finds its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum By {
    Id,
    /// A JSON object's key: an article id if one has it, else a link.
    IdOrPath,
    Path,
}

struct Entry {
    by: By,
    /// As written, for messages.
    shown: String,
    views: Views,
}

/// A views file, read: views per key, in file order.
pub struct Table {
    name: String,
    entries: Vec<Entry>,
    index: HashMap<(By, String), usize>,
    /// Rows with no page (totals, "(not set)"), skipped.
    no_page: usize,
}

/// The views a table gives the articles of a list.
pub struct Matched {
    /// By article position.
    pub views: HashMap<usize, Views>,
    /// Unmatched keys and skipped rows, each message naming the file.
    pub warnings: Vec<String>,
}

fn add(to: &mut Views, v: Views) {
    to.count = to.count.saturating_add(v.count);
    to.timestamps.extend(v.timestamps);
}

impl Table {
    fn new(name: String) -> Table {
        Table { name, entries: Vec::new(), index: HashMap::new(), no_page: 0 }
    }

    fn push(&mut self, by: By, shown: &str, views: Views) {
        let key = if by == By::Path { url_path(shown) } else { shown.to_owned() };
        match self.index.get(&(by, key.clone())).and_then(|&i| self.entries.get_mut(i)) {
            Some(e) => add(&mut e.views, views),
            None => {
                self.index.insert((by, key), self.entries.len());
                self.entries.push(Entry { by, shown: shown.to_owned(), views });
            }
        }
    }

    /// Each key's views for the article it names: ids first, then links. A link two
    /// articles share counts for the first. Keys no article has are reported.
    pub fn assign(&self, items: &[Item]) -> Matched {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut paths: HashMap<String, usize> = HashMap::new();
        for (d, it) in items.iter().enumerate() {
            ids.entry(it.id.as_str()).or_insert(d);
            if let Some(u) = &it.url {
                paths.entry(url_path(u)).or_insert(d);
            }
        }
        let mut views: HashMap<usize, Views> = HashMap::new();
        let mut unmatched: Vec<&str> = Vec::new();
        let mut lost: u64 = 0;
        for e in &self.entries {
            let by_id = || ids.get(e.shown.as_str()).copied();
            let by_path = || paths.get(&url_path(&e.shown)).copied();
            let d = match e.by {
                By::Id => by_id(),
                By::IdOrPath => by_id().or_else(by_path),
                By::Path => by_path(),
            };
            match d {
                Some(d) => add(views.entry(d).or_default(), e.views.clone()),
                None => {
                    unmatched.push(&e.shown);
                    lost = lost.saturating_add(e.views.count);
                }
            }
        }
        let mut warnings = Vec::new();
        if self.no_page > 0 {
            let n = self.no_page;
            warnings.push(format!("{}: {n} row{} without a page (a total, \"(not set)\") skipped", self.name, if n == 1 { "" } else { "s" }));
        }
        if !unmatched.is_empty() {
            let n = unmatched.len();
            let mut listed = unmatched.iter().take(LISTED).map(|k| quote(k)).collect::<Vec<_>>().join(", ");
            if n > LISTED {
                listed.push_str(", …");
            }
            let (s, es) = if n == 1 { ("", "es") } else { ("s", "") };
            warnings.push(format!("{}: {n} page{s} or id{s} match{es} no article, {lost} views ignored: {listed}", self.name));
        }
        Matched { views, warnings }
    }
}

/// Problems, each where it is; the message names the file.
fn failed(name: &str, problems: Vec<String>) -> String {
    match problems.as_slice() {
        [one] => format!("{name}: {one}"),
        _ => {
            let mut m = format!("{name}: {} problems", problems.len());
            for p in problems.iter().take(SHOWN) {
                m.push_str("\n  ");
                m.push_str(p);
            }
            if problems.len() > SHOWN {
                m.push_str(&format!("\n  … and {} more", problems.len() - SHOWN));
            }
            m
        }
    }
}

/// A whole number of views, as an export writes it.
fn whole(s: &str) -> Option<u64> {
    let s = s.trim();
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// A day as analytics exports write it, `2026-11-20` or GA4's `20261120`, to the
/// Unix time of its start (00:00 UTC).
fn day(s: &str) -> Option<i64> {
    let s = s.trim();
    let dashed = match (s.len(), s.bytes().all(|b| b.is_ascii_digit())) {
        (8, true) => format!("{}-{}-{}", s.get(..4)?, s.get(4..6)?, s.get(6..)?),
        _ => s.to_owned(),
    };
    (dashed.len() == 10).then(|| crate::time::parse(&dashed))?
}

/// `count` views on the day starting at `start`. They count at the day's middle, its
/// noon (UTC), or at `now` on a day not yet half over: a day's views then fall in
/// the 24h window for the day after it. Kept one timestamp each only when they can
/// fall in a window (the 30 days up to `now`); else the count alone.
fn dated(count: u64, start: i64, now: i64, kept: &mut u64) -> Result<Views, String> {
    let t = start.saturating_add(43_200).min(now);
    if start > now || t <= now.saturating_sub(MONTH) {
        return Ok(Views { count, timestamps: Vec::new() });
    }
    *kept = kept.saturating_add(count);
    if *kept > MAX_DATED {
        return Err(format!("more than {MAX_DATED} views dated within the 30 days before the build's clock; each is kept as a timestamp"));
    }
    Ok(Views { count, timestamps: vec![t; count as usize] })
}

/// Read a views file (CSV or JSON, told by its first character), with `now` the
/// clock that dated views are ranked at.
pub fn read(path: &Path, now: i64) -> Result<Table, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut table = Table::new(name.clone());
    match text.trim_start().chars().next() {
        Some('{' | '[') => json(&mut table, text, now),
        Some(_) => csv(&mut table, text, now),
        None => Err(format!("{name}: the file is empty")),
    }?;
    Ok(table)
}

fn json(table: &mut Table, text: &str, now: i64) -> Result<(), String> {
    let name = table.name.clone();
    let root = parse_json(text).map_err(|m| format!("{name}: {m}"))?;
    let mut problems = Vec::new();
    let mut kept = 0;
    match root {
        // {"id or path": count | [times] | {"count", "timestamps"}}, as before.
        Value::Object(fields) => {
            for (key, v) in fields {
                match read_views(&v) {
                    Ok(views) => table.push(By::IdOrPath, &key, views),
                    Err(m) => problems.push(format!("{}: {m}", quote(&key))),
                }
            }
        }
        // [{"path" | "url" | "page" | "id", "views" | "count" | "pageviews", "date"?}]
        Value::Array(rows) => {
            for (i, row) in rows.iter().enumerate() {
                let at = format!("[{i}]");
                let field = |names: &[&'static str]| names.iter().find_map(|n| row.get(n).filter(|v| **v != Value::Null).map(|v| (*n, v)));
                let key = match field(&["path", "url", "page", "id"]) {
                    Some((n, Value::String(s))) => (if n == "id" { By::Id } else { By::Path }, s.clone()),
                    Some((n, other)) => {
                        problems.push(format!("{at}, field {}: expected a string, got {}", quote(n), other.type_name()));
                        continue;
                    }
                    None if !matches!(row, Value::Object(_)) => {
                        problems.push(format!("{at}: expected an object, got {}", row.type_name()));
                        continue;
                    }
                    None => {
                        problems.push(format!("{at}: missing \"path\" (or \"url\", \"page\", \"id\")"));
                        continue;
                    }
                };
                let count = match field(&["views", "count", "pageviews"]) {
                    Some((_, Value::Number(n))) if *n >= 0.0 && n.fract() == 0.0 && *n < 9e15 => *n as u64,
                    Some((n, Value::Number(x))) => {
                        problems.push(format!("{at}, field {}: expected a whole number, got {}", quote(n), crate::error::number(*x)));
                        continue;
                    }
                    Some((n, other)) => {
                        problems.push(format!("{at}, field {}: expected a whole number, got {}", quote(n), other.type_name()));
                        continue;
                    }
                    None => {
                        problems.push(format!("{at}: missing \"views\" (or \"count\", \"pageviews\")"));
                        continue;
                    }
                };
                let views = match row.get("date") {
                    None | Some(Value::Null) => Views { count, timestamps: Vec::new() },
                    Some(Value::String(d)) => match day(d) {
                        Some(t) => dated(count, t, now, &mut kept).map_err(|m| format!("{name}: {m}"))?,
                        None => {
                            problems.push(format!("{at}, field \"date\": expected a date (YYYY-MM-DD or YYYYMMDD), got {}", quote(d)));
                            continue;
                        }
                    },
                    Some(other) => {
                        problems.push(format!("{at}, field \"date\": expected a string, got {}", other.type_name()));
                        continue;
                    }
                };
                table.push(key.0, &key.1, views);
            }
        }
        other => return Err(format!("{name}: expected an object of id or path → views, or an array of rows, got {}", other.type_name())),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(failed(&name, problems))
    }
}

fn csv(table: &mut Table, text: &str, now: i64) -> Result<(), String> {
    let name = table.name.clone();
    // GA4 starts its exports with `#` comment lines.
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| format!("{name}: {e}"))?.clone();
    let folded: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let find = |names: &[&str]| names.iter().find_map(|n| folded.iter().position(|h| h == n));
    let listed = |names: &[&str]| names.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ");
    let header = headers.iter().map(quote).collect::<Vec<_>>().join(", ");
    let page = find(PAGE_COLUMNS).ok_or_else(|| format!("{name}: no page column (one of {}); the header is {header}", listed(PAGE_COLUMNS)))?;
    let count = find(COUNT_COLUMNS).ok_or_else(|| format!("{name}: no views column (one of {}); the header is {header}", listed(COUNT_COLUMNS)))?;
    let date = find(DATE_COLUMNS);
    let column = |i: usize| quote(headers.get(i).unwrap_or_default());
    let mut problems = Vec::new();
    let mut kept = 0;
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        // Rows are numbered as the file's lines, so an editor finds them.
        let row = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| record.get(i).unwrap_or_default();
        let path = cell(page);
        if NO_PAGE.iter().any(|n| path.eq_ignore_ascii_case(n)) {
            table.no_page += 1;
            continue;
        }
        let Some(n) = whole(cell(count)) else {
            problems.push(format!("row {row}: column {}: expected a whole number, got {}", column(count), quote(cell(count))));
            continue;
        };
        let views = match date.map(|i| (i, cell(i))) {
            None => Views { count: n, timestamps: Vec::new() },
            Some((i, d)) => match day(d) {
                Some(t) => dated(n, t, now, &mut kept).map_err(|m| format!("{name}: {m}"))?,
                None => {
                    problems.push(format!("row {row}: column {}: expected a date (YYYY-MM-DD or YYYYMMDD), got {}", column(i), quote(d)));
                    continue;
                }
            },
        };
        table.push(By::Path, path, views);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(failed(&name, problems))
    }
}
