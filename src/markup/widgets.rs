//! The three widgets as trees. Class names here are the stylesheet's contract
//! (`www/tinbai.css`); data attributes are the scripting contract.

use super::labels::{fact_label, group, Lang, Widget};
use super::{el, svg, Element, View};
use crate::dataset::{Item, Kind};
use crate::engine::{Engine, MostReadList, RelatedList};
use crate::error::Error;
use crate::facts::{Fact, FactValue, Partnership, PartnershipKind, Source, Version};
use crate::rank::most_read::Basis;

fn section(kind: &str, view: &View, default_heading: &str) -> Element {
    let heading_id = format!("{}-h", view.id_prefix);
    el("section")
        .class(&format!("tinbai tinbai-{kind} tinbai--{}", view.layout.as_str()))
        .a("data-tinbai-widget", kind)
        .a("data-theme", view.theme.as_str())
        .a("lang", view.lang.code())
        // Its labels are Vietnamese, English or French, also on a right-to-left page.
        .a("dir", "ltr")
        .a("aria-labelledby", heading_id.clone())
        .child(el(view.heading_level.tag(0)).class("tinbai-heading").a("id", heading_id).text(view.heading.as_deref().unwrap_or(default_heading)))
}

fn badge(kind: Kind, lang: Lang) -> Option<Element> {
    let label = match kind {
        Kind::Infographic => lang.infographic(),
        Kind::Video => lang.video(),
        Kind::Article => return None,
    };
    Some(el("span").class("tinbai-badge").a("data-kind", kind.as_str()).text(label))
}

/// The item's title as a link (or plain text when it has nowhere to go).
fn link(item: &Item, view: &View) -> Element {
    let mut e = match view.href(item) {
        Some(href) => {
            let mut a = el("a").class("tinbai-link").a("href", href);
            if let Some(t) = &view.target {
                a = a.a("target", t.clone());
                if t == "_blank" {
                    a = a.a("rel", "noopener");
                }
            }
            a
        }
        None => el("span").class("tinbai-link"),
    };
    if let (super::Layout::Grid, Some(src)) = (view.layout, &item.image) {
        // Sized up front so the image cannot shift the layout when it arrives.
        e = e.child(el("img").class("tinbai-thumb").a("src", src.clone()).a("alt", "").a("loading", "lazy").a("decoding", "async").a("width", "160").a("height", "90"));
    }
    e.children(badge(item.kind, view.lang)).child(el("span").class("tinbai-title").text(item.title.clone()))
}

/// A polite live region: the count is announced, the list itself is not.
fn status(text: String) -> Element {
    el("p").class("tinbai-status").a("role", "status").a("aria-live", "polite").text(text)
}

fn empty(what: Widget, lang: Lang, reason: &str) -> Element {
    el("p").class("tinbai-empty").a("data-reason", reason).text(lang.empty(what))
}

/// JSON with `<`, `>` and `&` escaped, safe inside a script element.
fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// schema.org ItemList of the items that have a URL, for search engines.
fn json_ld(name: &str, items: &[(&Item, Option<String>)]) -> Option<Element> {
    let entries: Vec<String> = items
        .iter()
        .filter_map(|(it, href)| href.as_ref().map(|h| (it, h)))
        .enumerate()
        .map(|(i, (it, href))| {
            format!(
                "{{\"@type\":\"ListItem\",\"position\":{},\"url\":{},\"name\":{}}}",
                i + 1,
                json_str(href),
                json_str(&it.title)
            )
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    Some(ld_script(&format!("\"@type\":\"ItemList\",\"name\":{},\"itemListElement\":[{}]", json_str(name), entries.join(","))))
}

/// A schema.org JSON-LD script holding `members`, the object's fields after its
/// `@context`.
fn ld_script(members: &str) -> Element {
    el("script").a("type", "application/ld+json").text(format!("{{\"@context\":\"https://schema.org\",{members}}}"))
}

fn value_json(v: &FactValue) -> String {
    match v {
        FactValue::Number(n) => n.to_string(),
        FactValue::Text(t) => json_str(t),
        FactValue::List(items) => format!("[{}]", items.iter().map(|i| json_str(i)).collect::<Vec<_>>().join(",")),
    }
}

/// schema.org data for a card's facts: a Dataset per partnership, each value a
/// PropertyValue with the quotes that state it (every version of a disputed one).
fn facts_json_ld(lib: &dyn Library, cards: &[&Partnership], view: &View) -> Option<Element> {
    let graph: Vec<String> = cards
        .iter()
        .map(|p| {
            let values: Vec<String> = p
                .facts
                .iter()
                .flat_map(|f| f.versions.iter().map(move |v| (f, v)))
                .map(|(f, v)| {
                    let sources: Vec<String> = v
                        .sources
                        .iter()
                        .map(|s| {
                            let mut o = format!("{{\"@type\":\"CreativeWork\",\"text\":{}", json_str(&s.quote));
                            if let Some(it) = lib.item(&s.item) {
                                o.push_str(&format!(",\"name\":{}", json_str(&it.title)));
                            }
                            if let Some(h) = source_href(lib, &s.item, view) {
                                o.push_str(&format!(",\"url\":{}", json_str(&h)));
                            }
                            o + "}"
                        })
                        .collect();
                    format!(
                        "{{\"@type\":\"PropertyValue\",\"propertyID\":{},\"name\":{},\"value\":{},\"subjectOf\":[{}]}}",
                        json_str(&f.key),
                        json_str(&label(f, view.lang)),
                        value_json(&v.value),
                        sources.join(",")
                    )
                })
                .collect();
            format!("{{\"@type\":\"Dataset\",\"name\":{},\"variableMeasured\":[{}]}}", json_str(&p.title), values.join(","))
        })
        .collect();
    (!graph.is_empty()).then(|| ld_script(&format!("\"@graph\":[{}]", graph.join(","))))
}

/// A list entry that carries what a widget shows of its item (a built index's).
trait Shown {
    fn shown(&self) -> Item;
}

impl Shown for crate::engine::RelatedItem {
    fn shown(&self) -> Item {
        Item { id: self.id.clone(), title: self.title.clone(), kind: self.kind, url: self.url.clone(), ..Item::default() }
    }
}

impl Shown for crate::engine::MostReadItem {
    fn shown(&self) -> Item {
        Item { id: self.id.clone(), title: self.title.clone(), kind: self.kind, url: self.url.clone(), ..Item::default() }
    }
}

fn shown<T: Shown>(entries: &[T]) -> Vec<Item> {
    entries.iter().map(Shown::shown).collect()
}

fn item_of<'a>(engine: &'a Engine, id: &str) -> Option<&'a Item> {
    engine.dataset().get(id)
}

/// What the partnership card reads: the partnerships as stored ("years" is added
/// by the card for its year) and the items their sources and mentions name. The
/// engine has them, and so does a built index's facts file, which needs no engine.
pub trait Library {
    fn partnerships(&self) -> &[Partnership];
    /// The item `id`, with at least its id, title, kind, url, published and image.
    fn item(&self, id: &str) -> Option<&Item>;
    fn partnership(&self, id: &str) -> Option<&Partnership> {
        self.partnerships().iter().find(|p| p.id == id)
    }
}

impl Library for Engine {
    fn partnerships(&self) -> &[Partnership] {
        self.dataset().partnerships()
    }

    fn item(&self, id: &str) -> Option<&Item> {
        item_of(self, id)
    }
}

/// "Tin bài liên quan": a list of links, each with its score and reasons as data.
pub fn related(engine: &Engine, list: &RelatedList, view: &View) -> Element {
    related_with(|id| item_of(engine, id), list, view)
}

/// The same widget from a list that carries what it shows of each item (a built
/// index's), with no dataset behind it.
pub fn related_listed(list: &RelatedList, view: &View) -> Element {
    let items = shown(&list.items);
    related_with(|id| items.iter().find(|it| it.id == id), list, view)
}

fn related_with<'a>(lookup: impl Fn(&str) -> Option<&'a Item>, list: &RelatedList, view: &View) -> Element {
    let lang = view.lang;
    let heading = view.heading.clone().unwrap_or_else(|| lang.related().to_owned());
    let mut s = section("related", view, lang.related());
    let found: Vec<(&Item, &crate::engine::RelatedItem)> =
        list.items.iter().filter_map(|r| lookup(&r.id).map(|it| (it, r))).collect();
    if found.is_empty() {
        let reason = list.empty.map_or("none", |e| match e {
            crate::rank::related::Empty::NoSharedTerms => "no_shared_terms",
            crate::rank::related::Empty::BelowThreshold { .. } => "below_threshold",
            crate::rank::related::Empty::AllExcluded => "all_excluded",
        });
        return s.child(empty(Widget::Related, lang, reason)).child(status(lang.empty(Widget::Related).into()));
    }
    let ul = el("ul").class("tinbai-list").children(found.iter().enumerate().map(|(i, (it, r))| {
        let why: Vec<&str> = r.reasons.places.iter().chain(&r.reasons.terms).map(String::as_str).collect();
        let mut li = el("li")
            .class("tinbai-item")
            .a("data-id", it.id.clone())
            .a("data-kind", it.kind.as_str())
            .a("data-position", (i + 1).to_string())
            .a("data-score", crate::error::number(r.score))
            .a("data-places", r.reasons.places.join("|"))
            .a("data-terms", r.reasons.terms.join("|"))
            .child(link(it, view));
        if !why.is_empty() {
            li = li.child(el("span").class("tinbai-why").text(format!("{}: {}", lang.shared(), why.join(", "))));
        }
        li
    }));
    s = s.child(ul);
    let hrefs: Vec<(&Item, Option<String>)> = found.iter().map(|(it, _)| (*it, view.href(it))).collect();
    s.children(json_ld(&heading, &hrefs)).child(status(lang.count(Widget::Related, found.len())))
}

/// "Đọc nhiều": an ordered list, with view counts when they are measured.
pub fn most_read(engine: &Engine, list: &MostReadList, view: &View) -> Element {
    most_read_with(|id| item_of(engine, id), list, view)
}

/// The same widget from a built index's list, which carries what it shows.
pub fn most_read_listed(list: &MostReadList, view: &View) -> Element {
    let items = shown(&list.items);
    most_read_with(|id| items.iter().find(|it| it.id == id), list, view)
}

fn basis_name(b: Basis) -> &'static str {
    match b {
        Basis::Views => "views",
        Basis::Prior => "prior",
        Basis::Newest => "newest",
        Basis::Total => "total",
    }
}

fn most_read_with<'a>(lookup: impl Fn(&str) -> Option<&'a Item>, list: &MostReadList, view: &View) -> Element {
    let lang = view.lang;
    // Nothing was read: the newest items, under a heading that says so, whatever
    // the host called its most-read list.
    let newest = list.basis == Basis::Newest;
    let (what, heading) = match (newest, &view.heading) {
        (true, _) => (Widget::Newest, lang.newest().to_owned()),
        (false, Some(h)) => (Widget::MostRead, h.clone()),
        (false, None) => (Widget::MostRead, lang.most_read().to_owned()),
    };
    let shown = View { heading: Some(heading.clone()), ..view.clone() };
    let mut s = section("most-read", &shown, &heading).a("data-basis", basis_name(list.basis));
    let found: Vec<(&Item, &crate::engine::MostReadItem)> =
        list.items.iter().filter_map(|r| lookup(&r.id).map(|it| (it, r))).collect();
    if found.is_empty() {
        let reason = list.empty.map_or("none", |e| match e {
            crate::rank::most_read::Empty::NoViewsInWindow => "no_views_in_window",
            crate::rank::most_read::Empty::NoViewsNoPrior => "no_views",
            crate::rank::most_read::Empty::AllExcluded => "all_excluded",
        });
        return s.child(empty(what, lang, reason)).child(status(lang.empty(what).into()));
    }
    let ol = el("ol").class("tinbai-list").children(found.iter().enumerate().map(|(i, (it, r))| {
        let li = el("li")
            .class("tinbai-item")
            .a("data-id", it.id.clone())
            .a("data-kind", it.kind.as_str())
            .a("data-position", (i + 1).to_string())
            .a("data-views", r.views.to_string())
            .a("data-basis", basis_name(r.basis))
            .child(el("span").class("tinbai-rank").a("aria-hidden", "true").text((i + 1).to_string()))
            .child(link(it, view));
        match r.basis {
            Basis::Views => li.child(el("span").class("tinbai-views").text(lang.views(r.views))),
            Basis::Total => li.child(el("span").class("tinbai-views").text(lang.total_views(r.views))),
            Basis::Prior | Basis::Newest => li,
        }
    }));
    s = s.child(ol);
    let hrefs: Vec<(&Item, Option<String>)> = found.iter().map(|(it, _)| (*it, view.href(it))).collect();
    s.children(json_ld(&heading, &hrefs)).child(status(lang.count(what, found.len())))
}

fn label(f: &Fact, lang: Lang) -> String {
    fact_label(&f.key, lang).map_or_else(|| f.label.clone(), str::to_owned)
}

/// A count grouped by thousands, or a year as written: "1989", never "1.989".
fn number(n: i64, at_least: bool, year: bool, lang: Lang) -> String {
    let s = if year || n < 0 { n.to_string() } else { group(n as u64, lang) };
    if at_least {
        format!("{s}+")
    } else {
        s
    }
}

/// Where a source item's page is, unless sources are cited (see
/// [`View::citations`]).
fn source_href(lib: &dyn Library, id: &str, view: &View) -> Option<String> {
    lib.item(id).filter(|_| !view.citations).and_then(|it| view.href(it))
}

/// The site an absolute URL is on, as a reader names it: `baoquocte.vn`.
fn publication(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#', ':']).next().filter(|h| !h.is_empty())?;
    Some(host.strip_prefix("www.").unwrap_or(host))
}

/// A source as a citation, in plain text: its title, then its publication and
/// date where the item gives them.
fn citation(lib: &dyn Library, id: &str) -> Element {
    let c = el("span").class("tinbai-citation").a("data-item", id.to_owned());
    let Some(it) = lib.item(id) else { return c.child(el("cite").text(id.to_owned())) };
    let rest: Vec<&str> = it.url.as_deref().and_then(publication).into_iter().chain(it.published.as_deref().and_then(|d| d.get(..10))).collect();
    let c = c.child(el("cite").text(it.title.clone()));
    if rest.is_empty() {
        c
    } else {
        c.text(format!(", {}", rest.join(", ")))
    }
}

/// Where each quote comes from: the quote itself and a link to its item, or with
/// [`View::citations`] a citation of it.
fn sources(lib: &dyn Library, srcs: &[Source], view: &View) -> Element {
    let mut d = el("details").class("tinbai-source").child(el("summary").text(view.lang.source()));
    for s in srcs {
        let title = lib.item(&s.item).map_or(s.item.clone(), |it| it.title.clone());
        let target = source_href(lib, &s.item, view);
        let mut q = el("blockquote").class("tinbai-quote").a("data-item", s.item.clone());
        if let Some(h) = &target {
            q = q.a("cite", h.clone());
        }
        d = d.child(q.child(el("p").text(format!("“{}”", s.quote))));
        let from = match target {
            _ if view.citations => citation(lib, &s.item),
            Some(h) => el("a").class("tinbai-source-link").a("href", h).a("data-item", s.item.clone()).text(title),
            None => el("span").class("tinbai-source-link").a("data-item", s.item.clone()).text(title),
        };
        d = d.child(el("p").class("tinbai-cite").child(from));
    }
    d
}

fn value_text(v: &FactValue, at_least: bool, lang: Lang) -> Element {
    match v {
        FactValue::Number(n) => el("span").class("tinbai-value").text(number(*n, at_least, false, lang)),
        FactValue::Text(t) => el("span").class("tinbai-value").text(t.clone()),
        FactValue::List(items) => el("ul").class("tinbai-chips").children(items.iter().map(|i| el("li").text(i.clone()))),
    }
}

/// A big number with its label and sources; the years of cooperation also say
/// since when.
fn tile(lib: &dyn Library, f: &Fact, since: Option<i64>, view: &View) -> Element {
    let mut t = el("figure")
        .class("tinbai-tile")
        .a("data-key", f.key.clone())
        .child(el("span").class("tinbai-number").text(match f.versions.first() {
            Some(Version { value: FactValue::Number(n), at_least, .. }) => number(*n, *at_least, f.key == "since", view.lang),
            _ => String::new(),
        }))
        .child(el("figcaption").class("tinbai-label").text(match since.filter(|_| f.key == "years") {
            Some(y) => format!("{}, {}", label(f, view.lang), view.lang.since_year(y)),
            None => label(f, view.lang),
        }));
    if let Some(d) = &f.derived {
        // The arithmetic reads in any language; the sentence after it is the data's own.
        let sum = d.split(':').next().unwrap_or(d).trim();
        t = t.a("data-derived", "true").child(el("p").class("tinbai-derived").a("title", d.clone()).text(format!("{}: {sum}", view.lang.derived())));
    }
    t.child(sources(lib, f.versions.first().map_or(&[], |v| &v.sources), view))
}

/// A labelled value (text or list), or every version of a disputed fact.
fn row(lib: &dyn Library, f: &Fact, view: &View) -> Element {
    let mut dt = el("dt").text(label(f, view.lang));
    let mut r = el("div").class("tinbai-fact").a("data-key", f.key.clone());
    let dd = if f.disputed {
        dt = dt.child(el("span").class("tinbai-flag").text(view.lang.disputed()));
        r = r.a("data-disputed", "true");
        el("dd").child(el("ul").class("tinbai-versions").children(f.versions.iter().map(|v| {
            el("li").child(value_text(&v.value, v.at_least, view.lang)).child(sources(lib, &v.sources, view))
        })))
    } else {
        let v = f.versions.first();
        el("dd")
            .children(v.map(|v| value_text(&v.value, v.at_least, view.lang)))
            .child(sources(lib, v.map_or(&[], |v| &v.sources), view))
    };
    r.child(dt).child(dd)
}

fn is_tile(f: &Fact) -> bool {
    !f.disputed && matches!(f.value(), Some(FactValue::Number(_)))
}

fn facts(lib: &dyn Library, p: &Partnership, view: &View) -> Vec<Element> {
    let mut out = Vec::new();
    let tiles: Vec<Element> = p.facts.iter().filter(|f| is_tile(f)).map(|f| tile(lib, f, p.since(), view)).collect();
    if !tiles.is_empty() {
        out.push(el("div").class("tinbai-tiles").children(tiles));
    }
    let rows: Vec<Element> = p.facts.iter().filter(|f| !is_tile(f)).map(|f| row(lib, f, view)).collect();
    if !rows.is_empty() {
        out.push(el("dl").class("tinbai-facts").children(rows));
    }
    out
}

// The timeline's drawing box, in whole SVG units: no float formatting in the wasm.
const W: i64 = 320;
const H: i64 = 76;
const PAD: i64 = 24;

/// Every partnership on one axis by the year it began; `current` is highlighted.
fn timeline(all: &[Partnership], current: Option<&str>, year: i64, view: &View) -> Option<Element> {
    let mut points: Vec<(i64, &Partnership)> =
        all.iter().filter(|p| p.kind == PartnershipKind::Partnership).filter_map(|p| p.since().map(|y| (y, p))).collect();
    if points.is_empty() {
        return None;
    }
    crate::sort::by(&mut points, |a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) else { return None };
    let (first, last) = (first - 2, year.max(last + 2));
    let x = |y: i64| PAD + (y - first) * (W - 2 * PAD) / (last - first).max(1);
    let desc_id = format!("{}-timeline", view.id_prefix);
    let title_id = format!("{}-timeline-t", view.id_prefix);
    let axis_y = H / 2;
    // Named by its title, described by the list under it that gives every year.
    let mut g = svg("svg")
        .class("tinbai-timeline-svg")
        .a("viewBox", format!("0 0 {W} {H}"))
        .a("role", "img")
        .a("aria-labelledby", title_id.clone())
        .a("aria-describedby", desc_id.clone())
        .a("focusable", "false")
        .child(svg("title").a("id", title_id).text(view.lang.timeline()))
        .child(svg("line").class("tinbai-axis").a("x1", PAD.to_string()).a("x2", (W - PAD).to_string()).a("y1", axis_y.to_string()).a("y2", axis_y.to_string()));
    for (i, (y, p)) in points.iter().enumerate() {
        let here = current == Some(p.id.as_str());
        // Labels alternate above and below the axis so close years do not collide.
        let label_y = if i % 2 == 0 { axis_y - 12 } else { axis_y + 22 };
        let mut tick = svg("g").class("tinbai-tick").a("data-id", p.id.clone());
        if here {
            tick = tick.a("data-current", "true");
        }
        g = g.child(
            tick.child(svg("title").text(format!("{y}: {}", p.title)))
                .child(svg("line").class("tinbai-dot").a("x1", x(*y).to_string()).a("x2", x(*y).to_string()).a("y1", axis_y.to_string()).a("y2", axis_y.to_string()))
                .child(svg("text").a("x", x(*y).to_string()).a("y", label_y.to_string()).a("text-anchor", "middle").text(y.to_string())),
        );
    }
    g = g.child(
        svg("g").class("tinbai-now").child(svg("line").a("x1", x(year).to_string()).a("x2", x(year).to_string()).a("y1", (axis_y - 6).to_string()).a("y2", (axis_y + 6).to_string())),
    );
    let list = el("ol").class("tinbai-sr").a("id", desc_id).children(points.iter().map(|(y, p)| el("li").text(format!("{y}: {}", p.title))));
    Some(el("figure").class("tinbai-timeline").child(g).child(el("figcaption").class("tinbai-caption").text(view.lang.timeline())).child(list))
}

fn mentions(lib: &dyn Library, p: &Partnership, view: &View) -> Option<Element> {
    let links: Vec<Element> = p
        .mentioned_in
        .iter()
        .filter_map(|id| lib.item(id))
        .map(|it| {
            let li = el("li").class("tinbai-item").a("data-id", it.id.clone());
            // Cited, the articles that mention it are named, not linked.
            if view.citations { li.child(citation(lib, &it.id)) } else { li.child(link(it, view)) }
        })
        .collect();
    (!links.is_empty()).then(|| el("ul").class("tinbai-list tinbai-mentions").children(links))
}

/// The card of `lib`'s partnership `id`, or without one the overview card; an id
/// it lacks is an error. What the CLI, the engine and the reader all draw.
pub fn partnership_card(lib: &dyn Library, id: Option<&str>, year: i64, view: &View) -> Result<Element, Error> {
    let which = id.map(|id| lib.partnership(id).ok_or_else(|| Error::UnknownId { what: "partnership", id: id.to_owned() })).transpose()?;
    Ok(partnership(lib, which, year, view))
}

/// One partnership's card, or with `None` the overview card: the conference and
/// the cooperation as a whole, with every partnership on the timeline.
pub fn partnership(lib: &dyn Library, which: Option<&Partnership>, year: i64, view: &View) -> Element {
    let lang = view.lang;
    let all: Vec<Partnership> = lib.partnerships().iter().map(|p| p.with_years(year)).collect();
    match which {
        Some(p) => {
            let p = p.with_years(year);
            let mut s = if p.kind == PartnershipKind::Partnership {
                // The partners line is the card's title; the heading above it is a
                // kicker, and the section is named by both.
                let partners_id = format!("{}-p", view.id_prefix);
                let partners = el("p").class("tinbai-partners").a("id", partners_id.clone()).children(p.partners.iter().enumerate().flat_map(|(i, pt)| {
                    let sep = (i > 0).then(|| el("span").class("tinbai-sep").a("aria-hidden", "true").text(" – "));
                    sep.into_iter().chain([el("span").class("tinbai-partner").text(pt.name.clone())])
                }));
                let s = section("partnership", view, lang.partnership())
                    .a("aria-labelledby", format!("{}-h {partners_id}", view.id_prefix))
                    .a("data-partnership", p.id.clone())
                    .child(partners);
                if p.since().is_none() { s.child(el("p").class("tinbai-note").text(lang.no_start())) } else { s }
            } else {
                section("partnership", view, &p.title).a("data-partnership", p.id.clone())
            };
            s = s.children(facts(lib, &p, view));
            s = s.children(timeline(&all, Some(&p.id), year, view));
            s.children(mentions(lib, &p, view)).children(facts_json_ld(lib, &[&p], view))
        }
        None => {
            let mut s = section("partnership", view, lang.partnership()).a("data-partnership", "overview");
            let overviews: Vec<&Partnership> = all.iter().filter(|p| p.kind == PartnershipKind::Overview).collect();
            for (i, p) in overviews.iter().enumerate() {
                let h = format!("{}-o{i}", view.id_prefix);
                s = s.child(
                    el("section")
                        .class("tinbai-overview")
                        .a("data-partnership", p.id.clone())
                        .a("aria-labelledby", h.clone())
                        .child(el(view.heading_level.tag(1)).class("tinbai-subheading").a("id", h).text(p.title.clone()))
                        .children(facts(lib, p, view)),
                );
            }
            s.children(timeline(&all, None, year, view)).children(facts_json_ld(lib, &overviews, view))
        }
    }
}
