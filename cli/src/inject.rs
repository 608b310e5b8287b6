//! `build --site DIR --inject`: every page's widget placeholders filled with the
//! widget prerendered, as `render … --html` prints it, so the page needs no
//! JavaScript for its first paint and the loader upgrades it in place.
//!
//! Each page is read twice by lol_html, a streaming rewriter: once to find its
//! placeholders (with their `data-*` options, the language around them) and the
//! loader's script tag, then, once every widget is rendered in document order
//! (which de-duplicates them), to replace the placeholders' content. Nothing else
//! in the page changes, byte for byte; a filled placeholder is filled again the
//! same way, so a second run writes nothing.

use crate::cli::SharedViewOpts;
use crate::commands::{most_read_widget, partnership_widget, related_widget};
use lol_html::html_content::{ContentType, Element};
use lol_html::{element, end_tag, HtmlRewriter, Settings};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;
use tinbai::dataset::Views;
use tinbai::engine::{Engine, MostReadQuery, RelatedQuery, MAX_LIMIT};
use tinbai::error::quote;
use tinbai::markup::{self, HeadingLevel, Lang, Layout, Theme, View};
use tinbai::rank::most_read::Window;

/// The attribute that marks a placeholder, and its state once filled.
const PLACEHOLDER: &str = "data-tinbai";
const STATE: &str = "data-tinbai-state";
const STATIC: &str = "static";
/// The loader's file name: the script tag whose `data-*` options apply to every widget.
const LOADER: &str = "tinbai.js";

/// One page of the site: its path from the site's folder, and its article's id when
/// it is an article page.
pub struct Page {
    pub path: String,
    pub article: Option<String>,
}

/// What the widgets are rendered from.
pub struct Context<'a> {
    /// The site's articles, as the index was built from them.
    pub site: &'a Engine,
    /// The views from `--views`, by article position in `site`.
    pub views: &'a HashMap<usize, Views>,
    /// The partnership facts, and whether their sources are cited rather than linked
    /// (the bundled facts on a site without its own, as the browser shows them).
    pub facts: &'a Engine,
    pub cite: bool,
    /// The build's `--now`: most-read's windows and the facts' year.
    pub now: i64,
    /// The CLI's view flags.
    pub defaults: &'a SharedViewOpts,
}

/// What injecting did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Pages with at least one placeholder filled.
    pub pages: usize,
    /// Placeholders filled.
    pub placeholders: usize,
    /// Placeholders left as they were.
    pub left: usize,
    /// Pages whose file changed (none on a second run).
    pub changed: usize,
    pub warnings: Vec<String>,
}

/// A placeholder as the page has it.
struct Placeholder {
    /// Its attributes, names lowercased and values decoded, in order.
    attrs: Vec<(String, String)>,
    /// The `lang` of the nearest element around it (itself included).
    lang: Option<String>,
    /// False for a void element, which has no content to fill.
    can_fill: bool,
}

impl Placeholder {
    fn get(&self, name: &str) -> Option<&str> {
        get(&self.attrs, name)
    }

    /// How a warning names it: its id and data attributes, as in the page.
    fn describe(&self) -> String {
        let shown: Vec<String> = self
            .attrs
            .iter()
            .filter(|(k, _)| (k == "id" || k.starts_with("data-")) && k != STATE && k != "data-tinbai-error" && k != "data-tinbai-mounted")
            .map(|(k, v)| format!("{k}=\"{v}\""))
            .collect();
        let mut s = shown.join(" ");
        if s.chars().count() > 160 {
            s = s.chars().take(160).collect::<String>() + "…";
        }
        s
    }
}

fn get<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// What the first pass finds in a page.
#[derive(Default)]
struct Scan {
    placeholders: Vec<Placeholder>,
    /// The loader's script tag's attributes, when the page has one.
    script: Option<Vec<(String, String)>>,
}

/// An attribute value as the browser reads it: lol_html gives it as written,
/// character references and all. html5ever decodes it as the page's parser would.
fn decode(raw: &str) -> String {
    if !raw.contains('&') && !raw.contains('\r') {
        return raw.to_owned();
    }
    let q = if raw.contains('"') { '\'' } else { '"' };
    let doc = scraper::Html::parse_fragment(&format!("<a x={q}{raw}{q}></a>"));
    doc.tree
        .nodes()
        .find_map(|n| n.value().as_element().filter(|e| e.name() == "a").and_then(|e| e.attr("x")).map(str::to_owned))
        .unwrap_or_else(|| raw.to_owned())
}

fn attributes(el: &Element<'_, '_>) -> Vec<(String, String)> {
    el.attributes().iter().map(|a| (a.name(), decode(&a.value()))).collect()
}

/// Whether a script's `src` is the loader's.
fn is_loader(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or_default().trim();
    path == LOADER || path.ends_with(&format!("/{LOADER}"))
}

fn settings<'h>(handlers: Vec<(std::borrow::Cow<'static, lol_html::Selector>, lol_html::ElementContentHandlers<'h>)>) -> Settings<'h, 'static> {
    handlers.into_iter().fold(Settings::new(), Settings::append_element_content_handler)
}

/// The first pass: the placeholders in document order, the language around each and
/// the loader's script tag.
fn scan(html: &[u8]) -> Result<Scan, String> {
    let found = RefCell::new(Scan::default());
    // The `lang` of the elements open around the current one, innermost last.
    let langs: Rc<RefCell<Vec<String>>> = Rc::default();
    let mut rw = HtmlRewriter::new(
        settings(vec![
            element!("[lang]", |el| {
                if el.can_have_content() {
                    langs.borrow_mut().push(decode(&el.get_attribute("lang").unwrap_or_default()));
                    let langs = langs.clone();
                    el.on_end_tag(end_tag!(move |_| {
                        langs.borrow_mut().pop();
                        Ok(())
                    }))?;
                }
                Ok(())
            }),
            element!("script[src]", |el| {
                let mut f = found.borrow_mut();
                if f.script.is_none() && el.get_attribute("src").is_some_and(|s| is_loader(&decode(&s))) {
                    f.script = Some(attributes(el));
                }
                Ok(())
            }),
            element!("[data-tinbai]", |el| {
                let own = el.get_attribute("lang").map(|l| decode(&l));
                let lang = own.or_else(|| langs.borrow().last().cloned());
                found.borrow_mut().placeholders.push(Placeholder { attrs: attributes(el), lang, can_fill: el.can_have_content() });
                Ok(())
            }),
        ]),
        |_: &[u8]| {},
    );
    rw.write(html).map_err(|e| e.to_string())?;
    rw.end().map_err(|e| e.to_string())?;
    Ok(found.into_inner())
}

/// The second pass: placeholder `i` gets `fills[i]` as its content, when it has one.
fn fill(html: &[u8], fills: &[Option<String>]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(html.len() + fills.iter().flatten().map(String::len).sum::<usize>());
    let mut next = 0;
    let mut rw = HtmlRewriter::new(
        settings(vec![element!("[data-tinbai]", |el| {
            let i = next;
            next += 1;
            if let Some(Some(content)) = fills.get(i) {
                el.set_inner_content(content, ContentType::Html);
                // Left as written when it already says so, so a second run changes nothing.
                if el.get_attribute(STATE).as_deref() != Some(STATIC) {
                    el.set_attribute(STATE, STATIC)?;
                }
            }
            Ok(())
        })]),
        |c: &[u8]| out.extend_from_slice(c),
    );
    rw.write(html).map_err(|e| e.to_string())?;
    rw.end().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The options a widget takes, as the loader passes them from its attributes.
const RELATED: &[&str] = &["article", "text", "limit", "exclude", "min-score"];
const MOST_READ: &[&str] = &["limit", "window", "exclude"];
const PARTNERSHIP: &[&str] = &["partnership"];
const VIEW: &[&str] = &["lang", "heading", "heading-level", "link-template", "target", "layout", "theme"];
/// Every option the loader reads from a placeholder.
const ALL: &[&str] = &["article", "text", "limit", "exclude", "window", "partnership", "lang", "heading", "heading-level", "link-template", "target", "layout", "theme", "min-score"];
/// The view options a script tag gives every widget that does not set its own.
const SHARED: &[&str] = &["lang", "heading-level", "link-template", "target", "layout", "theme"];

/// A placeholder's options: its own `data-*` attributes, else for the shared view
/// options the script tag's, as the loader reads them.
struct Options<'a> {
    own: &'a Placeholder,
    script: Option<&'a [(String, String)]>,
}

impl Options<'_> {
    fn get(&self, option: &str) -> Option<&str> {
        let attr = format!("data-{option}");
        self.own.get(&attr).or_else(|| SHARED.contains(&option).then(|| self.script.and_then(|s| get(s, &attr))).flatten())
    }

    /// A number as the loader reads one (`Number(value)`), checked as the wasm does.
    fn number(&self, option: &str) -> Result<Option<f64>, String> {
        let Some(v) = self.get(option) else { return Ok(None) };
        match v.trim().parse::<f64>() {
            Ok(n) if n.is_finite() && !v.trim().is_empty() => Ok(Some(n)),
            _ => Err(format!("data-{option}: expected a number, got {}", quote(v))),
        }
    }

    fn whole(&self, option: &str, range: std::ops::RangeInclusive<f64>) -> Result<Option<i64>, String> {
        match self.number(option)? {
            None => Ok(None),
            Some(n) if n.fract() == 0.0 && range.contains(&n) => Ok(Some(n as i64)),
            Some(_) => Err(format!("data-{option}: expected a whole number from {} to {}, got {}", range.start(), range.end(), quote(self.get(option).unwrap_or_default()))),
        }
    }

    fn exclude(&self) -> Vec<String> {
        self.get("exclude").map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()).unwrap_or_default()
    }

    /// The view: the placeholder's options over the script tag's, over the CLI's
    /// flags; the language else that of the page around it.
    fn view(&self, defaults: &SharedViewOpts, id_prefix: String) -> Result<View, String> {
        let e = |e: tinbai::Error| e.to_string();
        let mut v = View { id_prefix, ..View::default() };
        match self.get("lang") {
            Some(l) => v = v.lang(l).map_err(e)?,
            None => {
                v.lang = defaults.lang.unwrap_or_else(|| {
                    let host = self.own.lang.as_deref().and_then(|l| l.get(..2)).map(str::to_ascii_lowercase);
                    host.as_deref().and_then(Lang::parse).unwrap_or_default()
                })
            }
        }
        if let Some(h) = self.get("heading") {
            v = v.heading(h).map_err(e)?;
        }
        match self.whole("heading-level", 1.0..=6.0)? {
            Some(n) => v.heading_level = HeadingLevel::new(n).map_err(e)?,
            None => {
                if let Some(n) = defaults.heading_level {
                    v.heading_level = HeadingLevel::new(n.into()).map_err(e)?;
                }
            }
        }
        if let Some(t) = self.get("link-template").or(defaults.link_template.as_deref()) {
            v = v.link_template(t).map_err(e)?;
        }
        if let Some(t) = self.get("target").or(defaults.target.as_deref()) {
            v = v.target(t).map_err(e)?;
        }
        v.layout = match self.get("layout") {
            Some(l) => Layout::parse(l).map_err(e)?,
            None => defaults.layout.unwrap_or_default(),
        };
        v.theme = match self.get("theme") {
            Some(t) => Theme::parse(t).map_err(e)?,
            None => defaults.theme.unwrap_or_default(),
        };
        Ok(v)
    }
}

/// What a placeholder gets.
enum Fill {
    /// The widget's HTML, and the items it lists.
    Widget(String, Vec<String>),
    /// Nothing to render ahead of time: `related` on a page that is not an article.
    Leave,
}

/// The `article: "auto"` the loader gives a related widget that names nothing.
const AUTO: &str = "auto";

/// Render placeholder number `n` (from 1) of a page whose article is `article`,
/// leaving out the ids in `taken`.
fn render(cx: &Context<'_>, o: &Options<'_>, n: usize, article: Option<&str>, taken: &[String]) -> Result<Fill, String> {
    let kind = o.own.get(PLACEHOLDER).unwrap_or_default();
    let takes: &[&str] = match kind {
        "related" => RELATED,
        "most-read" => MOST_READ,
        "partnership" => PARTNERSHIP,
        other => return Err(format!("data-tinbai must be related, most-read or partnership, not {}", quote(other))),
    };
    if let Some(extra) = ALL.iter().find(|a| !takes.contains(a) && !VIEW.contains(a) && o.own.get(&format!("data-{a}")).is_some()) {
        return Err(format!("data-{extra} is not an option of the {kind} widget"));
    }
    if !o.own.can_fill {
        return Err("a void element has no content to fill".into());
    }
    let view = o.view(cx.defaults, format!("tinbai-{n}"))?;
    let e = |e: tinbai::Error| e.to_string();
    // The page's own article never recommends itself; nor does the one the script
    // tag records a view of.
    let mut exclude = o.exclude();
    let recorded = o.script.and_then(|s| get(s, "data-record-view")).filter(|id| !id.is_empty());
    exclude.extend(article.into_iter().chain(recorded).map(str::to_owned));
    exclude.extend(taken.iter().cloned());
    let limit = o.whole("limit", 1.0..=MAX_LIMIT as f64)?.map(|n| n as usize);
    let (tree, shown) = match kind {
        "related" => {
            let (mut id, mut text) = (o.get("article").map(str::to_owned), o.get("text").map(str::to_owned));
            if id.as_deref() == Some(AUTO) || (id.is_none() && text.is_none()) {
                // The page's own article; on a page that is none, its text, which the
                // browser reads for itself.
                match article {
                    Some(a) => (id, text) = (Some(a.to_owned()), None),
                    None if text.is_some() => id = None,
                    None => return Ok(Fill::Leave),
                }
            }
            let min_score = o.number("min-score")?.map(|n| n as f32);
            let q = RelatedQuery { article: id, text, limit, exclude, min_score };
            related_widget(cx.site, &q, &view).map_err(e)?
        }
        "most-read" => {
            let window = match o.get("window") {
                Some(w) => Some(Window::parse(w).ok_or_else(|| format!("data-window: expected \"24h\", \"7d\", \"30d\" or \"all\", got {}", quote(w)))?),
                None => None,
            };
            let q = MostReadQuery { limit, window, exclude, now: Some(cx.now) };
            most_read_widget(cx.site, &q, cx.views, &view).map_err(e)?
        }
        _ => {
            let id = o.get("partnership").filter(|id| *id != "overview");
            let year = tinbai::time::year(cx.now);
            let tree = partnership_widget(cx.facts, id, year, &View { citations: cx.cite, ..view }).map_err(e)?;
            (tree, Vec::new())
        }
    };
    Ok(Fill::Widget(markup::to_html(&tree), shown))
}

/// What one page gave.
#[derive(Default)]
struct Done {
    placeholders: usize,
    left: usize,
    changed: bool,
    warnings: Vec<String>,
}

/// Whether the page may have a placeholder at all: most pages of a site do not.
fn mentions_placeholder(bytes: &[u8]) -> bool {
    bytes.windows(PLACEHOLDER.len()).any(|w| w.eq_ignore_ascii_case(PLACEHOLDER.as_bytes()))
}

fn page(root: &Path, p: &Page, cx: &Context<'_>) -> Result<Done, String> {
    let mut done = Done::default();
    let file = root.join(&p.path);
    let bytes = std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if !mentions_placeholder(&bytes) {
        return Ok(done);
    }
    if std::str::from_utf8(&bytes).is_err() {
        done.warnings.push(format!("{}: not UTF-8 text; its placeholders are left as they are", p.path));
        return Ok(done);
    }
    let found = match scan(&bytes) {
        Ok(s) => s,
        Err(m) => {
            done.warnings.push(format!("{}: cannot be rewritten ({m}); left as it is", p.path));
            return Ok(done);
        }
    };
    // Widgets earlier in the page keep their items: related and most-read never
    // show one article twice on a page.
    let mut taken: Vec<String> = Vec::new();
    let mut fills = Vec::with_capacity(found.placeholders.len());
    for (i, ph) in found.placeholders.iter().enumerate() {
        let o = Options { own: ph, script: found.script.as_deref() };
        let dedupe = ph.get("data-dedupe") != Some("off");
        match render(cx, &o, i + 1, p.article.as_deref(), if dedupe { &taken } else { &[] }) {
            Ok(Fill::Widget(html, shown)) => {
                if dedupe {
                    taken.extend(shown);
                }
                done.placeholders += 1;
                fills.push(Some(html));
            }
            Ok(Fill::Leave) => {
                done.left += 1;
                fills.push(None);
            }
            Err(m) => {
                done.warnings.push(format!("{}: placeholder {} ({}): {m}; left as it is", p.path, i + 1, ph.describe()));
                done.left += 1;
                fills.push(None);
            }
        }
    }
    if done.placeholders == 0 {
        return Ok(done);
    }
    let out = match fill(&bytes, &fills) {
        Ok(out) => out,
        Err(m) => {
            done.warnings.push(format!("{}: cannot be rewritten ({m}); left as it is", p.path));
            done.left += done.placeholders;
            done.placeholders = 0;
            return Ok(done);
        }
    };
    if out != bytes {
        std::fs::write(&file, &out).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        done.changed = true;
    }
    Ok(done)
}

/// Fill the placeholders of every page under `root`, on `threads` threads; the
/// warnings come in page order.
pub fn run(root: &Path, pages: &[Page], cx: &Context<'_>, threads: usize) -> Result<Outcome, String> {
    let per = pages.len().div_ceil(threads.max(1)).max(1);
    let done: Vec<Result<Done, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = pages.chunks(per).map(|chunk| s.spawn(move || chunk.iter().map(|p| page(root, p, cx)).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|_| vec![Err("a page writer failed".to_owned())])).collect()
    });
    let mut o = Outcome::default();
    for d in done {
        let d = d?;
        o.pages += usize::from(d.placeholders > 0);
        o.placeholders += d.placeholders;
        o.left += d.left;
        o.changed += usize::from(d.changed);
        o.warnings.extend(d.warnings);
    }
    Ok(o)
}

/// The pages a site walk found, symlinked ones aside (never written through), each
/// with its article's id when it is an article page.
pub fn pages(source: &tinbai::ingest::Source) -> Vec<Page> {
    use tinbai::dataset::value::Value;
    use tinbai::ingest::site::Reason;
    let mut pages: Vec<Page> = source
        .articles
        .iter()
        .map(|a| {
            let id = match &a.value {
                Ok(v) => match v.get("id") {
                    Some(Value::String(id)) => Some(id.clone()),
                    _ => None,
                },
                Err(_) => None,
            };
            Page { path: a.at.clone(), article: id }
        })
        .collect();
    for s in source.site.iter().flat_map(|r| &r.skipped).filter(|s| s.reason != Reason::Symlink) {
        pages.extend(s.paths.iter().map(|p| Page { path: p.clone(), article: None }));
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_are_read_as_a_browser_reads_them() {
        assert_eq!(decode("/tin/{id}?a=1&amp;b=2"), "/tin/{id}?a=1&b=2");
        assert_eq!(decode("&quot;x&quot; &#39;y&#x27;"), "\"x\" 'y'");
        assert_eq!(decode("plain"), "plain");
    }

    #[test]
    fn the_loader_is_told_by_its_file_name() {
        for (src, is) in [("/tinbai/tinbai.js", true), ("tinbai.js?v=2", true), ("https://cdn.example/t/tinbai.js#x", true), ("/js/mytinbai.js", false), ("/tinbai.json", false)] {
            assert_eq!(is_loader(src), is, "{src}");
        }
    }

    #[test]
    fn a_placeholder_is_filled_and_nothing_else_moves() {
        let page = "<!doctype html><html lang=\"en\"><head><script src=/x/tinbai.js data-layout=grid></script></head>\n<body><P class=a>x\n<div id=w data-tinbai=\"most-read\" data-limit='3'>old <b>content</b></div>\n<div data-tinbai=related lang=fr></div><img data-tinbai=related><!-- end --></body></html>\n";
        let s = scan(page.as_bytes()).unwrap();
        assert_eq!(s.placeholders.len(), 3);
        assert_eq!(s.placeholders[0].lang.as_deref(), Some("en"));
        assert_eq!(s.placeholders[1].lang.as_deref(), Some("fr"));
        assert!(!s.placeholders[2].can_fill);
        assert_eq!(get(s.script.as_deref().unwrap(), "data-layout"), Some("grid"));
        let out = fill(page.as_bytes(), &[Some("<p>new</p>".into()), None, None]).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out, page.replace("data-limit='3'>old <b>content</b>", "data-limit='3' data-tinbai-state=\"static\"><p>new</p>"));
        // Filled again: the same bytes.
        let again = String::from_utf8(fill(out.as_bytes(), &[Some("<p>new</p>".into()), None, None]).unwrap()).unwrap();
        assert_eq!(again, out);
    }
}
