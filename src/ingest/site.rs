//! A built site's HTML pages as articles, the way Pagefind indexes a site: walk the
//! folder, read each page with a real HTML parser, keep the article pages and take
//! their title, link, date, description, tags and text. The rules are in docs/feeds.md.

use super::html_text::{text_of, Text};
use super::{url_path, Article};
use crate::dataset::host::Shape;
use crate::dataset::value::Value;
use crate::error::{quote, Problem};
use ego_tree::iter::Edge;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};
use serde::Serialize;
use std::path::{Path, PathBuf};

// When any page has a BODY element, pages without it are not articles.
pub use crate::store::key::{BODY, IGNORE};
use crate::store::key::NOT_ARTICLE;

/// How many paths a note lists before "…".
const LISTED: usize = 5;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Globs over page paths: when given, exactly the pages matching one are articles.
    pub include: Vec<String>,
    /// Globs over page paths: pages never read as articles.
    pub exclude: Vec<String>,
}

/// Why a page is not an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Symlink,
    Ignored,
    Excluded,
    NotIncluded,
    ListPage,
    NoBodyMarker,
}

impl Reason {
    fn says(self) -> &'static str {
        match self {
            Reason::Symlink => "behind a symlink",
            Reason::Ignored => "marked data-tinbai-ignore on <html> or <body>",
            Reason::Excluded => "matched by --exclude",
            Reason::NotIncluded => "not matched by --include",
            Reason::ListPage => "list pages: not exactly one <article>, no data-tinbai-body, og:type not article",
            Reason::NoBodyMarker => "without data-tinbai-body, which other pages have",
        }
    }
}

/// Pages left out for one reason.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub reason: Reason,
    pub paths: Vec<String>,
}

/// What a walk found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// `*.html` files found (symlinked ones included).
    pub pages: usize,
    pub articles: usize,
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// One line per reason: how many pages, and the first few paths.
    pub fn notes(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|s| {
                let n = s.paths.len();
                let mut listed = s.paths.iter().take(LISTED).map(String::as_str).collect::<Vec<_>>().join(", ");
                if n > LISTED {
                    listed.push_str(", …");
                }
                format!("{n} page{} ({}): {listed}", if n == 1 { "" } else { "s" }, s.reason.says())
            })
            .collect()
    }
}

/// The `*.html` files under `root`, as paths from it with `/`, sorted; and those
/// behind a symlink, which are not read.
fn walk(root: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let mut pages = Vec::new();
    let mut linked = Vec::new();
    let mut dirs: Vec<(PathBuf, String)> = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = format!("{prefix}{name}");
            let kind = entry.file_type().map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
            let html = name.to_ascii_lowercase().ends_with(".html");
            if kind.is_symlink() {
                if html {
                    linked.push(rel);
                }
            } else if kind.is_dir() {
                dirs.push((entry.path(), format!("{rel}/")));
            } else if html {
                pages.push(rel);
            }
        }
    }
    pages.sort();
    linked.sort();
    Ok((pages, linked))
}

fn globs(list: &[String], option: &str) -> Result<GlobSet, String> {
    let mut set = GlobSetBuilder::new();
    for g in list {
        // `*` stays within a folder, `**` crosses them, as in .gitignore.
        let glob = GlobBuilder::new(g).literal_separator(true).build().map_err(|e| format!("{option} {}: {e}", quote(g)))?;
        set.add(glob);
    }
    set.build().map_err(|e| format!("{option}: {e}"))
}

/// An element left out of an article's text: the h1 is its title.
fn not_text(el: &Element) -> bool {
    NOT_ARTICLE.contains(&el.name()) || el.name() == "h1" || el.attr(IGNORE).is_some() || el.attr("data-tinbai").is_some()
}

/// An element whose subtree is not the article: an `<article>` in it is not counted.
fn not_article(el: &Element) -> bool {
    NOT_ARTICLE.contains(&el.name()) || el.attr(IGNORE).is_some() || el.attr("data-tinbai").is_some()
}

/// What one page says about itself.
#[derive(Default)]
struct Scan<'a> {
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    title: Option<ElementRef<'a>>,
    h1: Option<ElementRef<'a>>,
    marker: Option<ElementRef<'a>>,
    articles: Vec<ElementRef<'a>>,
    main: Option<ElementRef<'a>>,
    body: Option<ElementRef<'a>>,
    ignored: bool,
}

impl Scan<'_> {
    fn meta(&self, key: &str) -> Option<&str> {
        self.metas.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.as_str())
    }
}

fn scan(doc: &Html) -> Scan<'_> {
    let mut s = Scan::default();
    let root = doc.root_element();
    s.ignored = root.value().attr(IGNORE).is_some();
    // Inside a part that is not the article, and inside an article (not counted twice).
    let mut outside: Option<_> = None;
    let mut in_article: Option<_> = None;
    for edge in root.traverse() {
        let node = match edge {
            Edge::Close(node) => {
                if outside == Some(node.id()) {
                    outside = None;
                }
                if in_article == Some(node.id()) {
                    in_article = None;
                }
                continue;
            }
            Edge::Open(node) => node,
        };
        let Some(el) = ElementRef::wrap(node) else { continue };
        let v = el.value();
        match v.name() {
            "meta" => {
                if let (Some(key), Some(content)) = (v.attr("property").or_else(|| v.attr("name")), v.attr("content")) {
                    s.metas.push((key.trim().to_ascii_lowercase(), content.trim().to_owned()));
                }
            }
            "link" if s.canonical.is_none() && v.attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical"))) => {
                s.canonical = v.attr("href").map(|h| h.trim().to_owned()).filter(|h| !h.is_empty());
            }
            // Not an SVG's <title>, nor one inside a widget `--inject` filled.
            "title" if s.title.is_none() && outside.is_none() => s.title = Some(el),
            "body" => {
                s.body = Some(el);
                s.ignored |= v.attr(IGNORE).is_some();
            }
            _ => {}
        }
        if outside.is_some() {
            continue;
        }
        if not_article(v) {
            outside = Some(node.id());
            continue;
        }
        match v.name() {
            "h1" if s.h1.is_none() => s.h1 = Some(el),
            "main" if s.main.is_none() => s.main = Some(el),
            "article" if in_article.is_none() => {
                s.articles.push(el);
                in_article = Some(node.id());
            }
            _ => {}
        }
        if s.marker.is_none() && v.attr(BODY).is_some() {
            s.marker = Some(el);
        }
    }
    s
}

/// The first `<time datetime>` under `root`, outside the parts that are not the article.
fn first_time(root: ElementRef<'_>) -> Option<String> {
    let mut outside = None;
    for edge in root.traverse() {
        match edge {
            Edge::Close(node) if outside == Some(node.id()) => outside = None,
            Edge::Open(node) if outside.is_none() => {
                let Node::Element(el) = node.value() else { continue };
                if node.id() != root.id() && not_article(el) {
                    outside = Some(node.id());
                } else if let (true, Some(t)) = (el.name() == "time", el.attr("datetime")) {
                    return Some(t.trim().to_owned()).filter(|t| !t.is_empty());
                }
            }
            _ => {}
        }
    }
    None
}

/// A page's link when it has no canonical one: its path from the site's root, with
/// `index.html` dropped (`tin/a/index.html` → `/tin/a/`).
fn page_url(path: &str) -> String {
    let url = path.strip_suffix("index.html").unwrap_or(path);
    let mut out = String::from("/");
    // Characters a link cannot carry as they are; non-ASCII letters stay (an IRI).
    for c in url.chars() {
        match c {
            ' ' | '"' | '<' | '>' | '#' | '?' | '%' | '\\' | '^' | '`' | '{' | '|' | '}' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_control() => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A page's id: its link's path without the slashes around it or `.html`
/// (`/tin/a/` → `tin/a`, `/tin/b.html` → `tin/b`); `index` for the root.
pub fn page_id(url: &str) -> String {
    let path = url_path(url);
    let id = path.trim_matches('/');
    let id = id.strip_suffix(".html").or_else(|| id.strip_suffix(".htm")).unwrap_or(id);
    if id.is_empty() {
        "index".to_owned()
    } else {
        id.to_owned()
    }
}

/// What reading one page gave.
struct Page {
    path: String,
    /// Why it is not an article, whatever other pages hold.
    skip: Option<Reason>,
    has_marker: bool,
    /// The page as an article, or why it cannot be read.
    article: Result<Value, String>,
    warnings: Vec<Problem>,
}

fn string(s: impl Into<String>) -> Value {
    Value::String(s.into())
}

fn read_page(root: &Path, path: &str, include: &GlobSet, exclude: &GlobSet) -> Page {
    let mut page = Page { path: path.to_owned(), skip: None, has_marker: false, article: Err(String::new()), warnings: Vec::new() };
    if exclude.is_match(path) {
        page.skip = Some(Reason::Excluded);
        return page;
    }
    let text = match std::fs::read(root.join(path)) {
        Err(e) => {
            page.article = Err(format!("cannot read the page: {e}"));
            return page;
        }
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                page.article = Err("not UTF-8 text".into());
                return page;
            }
        },
    };
    let doc = Html::parse_document(&text);
    let s = scan(&doc);
    page.has_marker = s.marker.is_some();
    page.skip = if s.ignored {
        Some(Reason::Ignored)
    } else if !include.is_empty() {
        (!include.is_match(path)).then_some(Reason::NotIncluded)
    } else {
        let og_article = s.meta("og:type").is_some_and(|t| t.eq_ignore_ascii_case("article"));
        (!(page.has_marker || s.articles.len() == 1 || og_article)).then_some(Reason::ListPage)
    };
    if page.skip.is_some() {
        return page;
    }
    let line = |el: Option<ElementRef<'_>>| el.map(|el| text_of(el, &|_| false).line()).filter(|t| !t.is_empty());
    let mut f: Vec<(String, Value)> = Vec::new();
    let url = s.canonical.clone().unwrap_or_else(|| page_url(path));
    let id = page_id(&url);
    f.push(("id".into(), string(id.clone())));
    if let Some(title) = s.meta("og:title").map(str::to_owned).or_else(|| line(s.h1)).or_else(|| line(s.title)) {
        f.push(("title".into(), string(title)));
    }
    f.push(("url".into(), string(url)));
    let root_el = s.marker.or(if s.articles.len() == 1 { s.articles.first().copied() } else { None }).or(s.main).or(s.body).unwrap_or_else(|| doc.root_element());
    let date = s.meta("article:published_time").map(str::to_owned).or_else(|| first_time(root_el));
    match date {
        Some(d) if crate::time::parse(&d).is_some() => f.push(("published".into(), string(d))),
        Some(d) => page.warnings.push(Problem {
            at: path.to_owned(),
            id: Some(id),
            field: Some("published".into()),
            message: format!("{} is not a date (YYYY-MM-DD) or an RFC 3339 time; left out", quote(&d)),
        }),
        None => {}
    }
    if let Some(d) = s.meta("description").or_else(|| s.meta("og:description")) {
        f.push(("summary".into(), string(d)));
    }
    let Text { paragraphs, captions } = text_of(root_el, &not_text);
    if !paragraphs.is_empty() {
        f.push(("body".into(), Value::Array(paragraphs.into_iter().map(Value::String).collect())));
    }
    if !captions.is_empty() {
        f.push(("captions".into(), Value::Array(captions.into_iter().map(Value::String).collect())));
    }
    let mut tags: Vec<String> = Vec::new();
    for (_, t) in s.metas.iter().filter(|(k, t)| k == "article:tag" && !t.is_empty()) {
        if !tags.contains(t) {
            tags.push(t.clone());
        }
    }
    if !tags.is_empty() {
        f.push(("tags".into(), Value::Array(tags.into_iter().map(Value::String).collect())));
    }
    if let Some(img) = s.meta("og:image") {
        f.push(("image".into(), string(img)));
    }
    page.article = Ok(Value::Object(f));
    page
}

/// The site's article pages, each named by its path, with warnings (dates left out)
/// and what was skipped. Pages are read on every core, in path order.
pub fn read(root: &Path, opts: &Options) -> Result<(Vec<Article>, Vec<Problem>, Report), String> {
    if !root.is_dir() {
        return Err(format!("{}: not a folder", root.display()));
    }
    let include = globs(&opts.include, "--include")?;
    let exclude = globs(&opts.exclude, "--exclude")?;
    let (paths, linked) = walk(root)?;
    if paths.is_empty() && linked.is_empty() {
        return Err(format!("{}: no *.html pages in this folder", root.display()));
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(paths.len().max(1));
    let per = paths.len().div_ceil(threads).max(1);
    let pages: Vec<Page> = std::thread::scope(|sc| {
        let handles: Vec<_> = paths
            .chunks(per)
            .map(|chunk| sc.spawn(|| chunk.iter().map(|p| read_page(root, p, &include, &exclude)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().map(|h| h.join().map_err(|_| "a page reader failed".to_owned())).collect::<Result<Vec<_>, _>>()
    })?
    .into_iter()
    .flatten()
    .collect();
    let any_marker = pages.iter().any(|p| p.has_marker && !matches!(p.skip, Some(Reason::Ignored | Reason::Excluded)));
    let mut report = Report { pages: paths.len() + linked.len(), ..Report::default() };
    let mut skipped: Vec<(Reason, String)> = linked.into_iter().map(|p| (Reason::Symlink, p)).collect();
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    for mut p in pages {
        let skip = p.skip.or((any_marker && !p.has_marker && p.article.is_ok()).then_some(Reason::NoBodyMarker));
        match skip {
            Some(reason) => skipped.push((reason, p.path)),
            None => {
                warnings.append(&mut p.warnings);
                articles.push(Article { at: p.path, shape: Shape::Dataset, value: p.article });
            }
        }
    }
    report.articles = articles.len();
    skipped.sort();
    for (reason, path) in skipped {
        match report.skipped.last_mut() {
            Some(s) if s.reason == reason => s.paths.push(path),
            _ => report.skipped.push(Skipped { reason, paths: vec![path] }),
        }
    }
    Ok((articles, warnings, report))
}
