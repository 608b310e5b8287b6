//! "Đọc nhiều": items ranked by the views a host supplies, inside a time window.
//! A plain count, with no dates, counts in every window. With no views at all, a
//! prior from the seed pages' own "Đọc nhiều" lists stands in; with neither, the
//! newest items, said as such.

use super::at;
use super::index::Hot;
use crate::dataset::{Item, Views};
use crate::text::fold;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Window {
    #[serde(rename = "24h")]
    Day,
    #[serde(rename = "7d")]
    Week,
    #[serde(rename = "30d")]
    Month,
    #[serde(rename = "all")]
    All,
}

impl Window {
    pub fn parse(s: &str) -> Option<Window> {
        match s {
            "24h" => Some(Window::Day),
            "7d" => Some(Window::Week),
            "30d" => Some(Window::Month),
            "all" => Some(Window::All),
            _ => None,
        }
    }

    /// The name [`Window::parse`] reads.
    pub fn as_str(self) -> &'static str {
        match self {
            Window::Day => "24h",
            Window::Week => "7d",
            Window::Month => "30d",
            Window::All => "all",
        }
    }

    fn seconds(self) -> Option<i64> {
        match self {
            Window::Day => Some(86_400),
            Window::Week => Some(7 * 86_400),
            Window::Month => Some(30 * 86_400),
            Window::All => None,
        }
    }
}

/// Sidebar headings whose lists are a page's own most-read ranking, folded.
const MOST_READ_SECTIONS: &[&str] = &["doc nhieu", "xem nhieu", "tin xem nhieu"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Ranked by views counted in the window.
    Views,
    /// No views were supplied: ranked by the "Đọc nhiều" prior.
    Prior,
    /// Nothing ranked (no views in the window, no prior): the newest items instead.
    Newest,
    /// Ranked by views that include a plain count with no dates, which counts in
    /// every window: the figure is not limited to the window.
    Total,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub doc: usize,
    /// Views in the window (with any undated count); 0 for an item ranked by the
    /// prior alone, or listed as one of the newest.
    pub views: u64,
    /// What ranked this item: `Views`, `Total` (its views include an undated count),
    /// `Prior` or `Newest`.
    pub basis: Basis,
    /// The prior: the sum of 1/position over the item's "Đọc nhiều" appearances.
    pub prior: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Empty {
    /// Views exist, but none fall in the window.
    NoViewsInWindow,
    /// No views were supplied and no page has a "Đọc nhiều" list.
    NoViewsNoPrior,
    /// Everything that ranked was excluded.
    AllExcluded,
}

pub struct Outcome {
    pub basis: Basis,
    pub entries: Vec<Entry>,
    pub empty: Option<Empty>,
}

pub struct Options<'a> {
    pub window: Window,
    /// Unix seconds; injectable so tests and prerenders are repeatable.
    pub now: i64,
    pub exclude: &'a [usize],
    pub limit: usize,
}

/// The "Đọc nhiều" prior of one item: a first place counts 1, a second ½, and so on,
/// summed over every page that lists it.
pub fn prior(item: &Item) -> f64 {
    item.seen_in
        .iter()
        .filter(|s| MOST_READ_SECTIONS.contains(&fold(&s.section).as_str()))
        .map(|s| 1.0 / f64::from(s.position.max(1)))
        .sum()
}

/// Every item's views, packed for ranking: per-item counts and priors, and all
/// timestamps in one array, sorted within each item, so a window is two binary
/// searches over contiguous memory.
#[derive(Debug, Clone, Default)]
pub struct ViewIndex {
    count: Vec<u64>,
    /// Item `d`'s timestamps are `times[starts[d]..starts[d + 1]]`.
    starts: Vec<usize>,
    times: Vec<i64>,
    prior: Vec<f64>,
    /// How many sidebars list each item.
    listed: Vec<u32>,
    /// Items whose views are a plain count, with no timestamps: it counts in every window.
    undated: Vec<bool>,
    any_views: bool,
}

impl ViewIndex {
    pub fn build(items: &[Item]) -> ViewIndex {
        let mut v = ViewIndex::default();
        items.iter().for_each(|it| v.push(it));
        v
    }

    /// Add the next item, for builders that see items one at a time.
    pub fn push(&mut self, it: &Item) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let (count, mut times) = it.views.as_ref().map_or((0, vec![]), |w| (w.count, w.timestamps.clone()));
        crate::sort::ascending(&mut times);
        self.any_views |= count > 0 || !times.is_empty();
        self.count.push(count.max(times.len() as u64));
        self.undated.push(count > 0 && times.is_empty());
        self.times.extend(times);
        self.starts.push(self.times.len());
        self.prior.push(prior(it));
        self.listed.push(it.seen_in.len() as u32);
    }

    /// Views of item `d` in the window, and whether they are an undated count.
    fn in_window(&self, d: usize, w: Window, now: i64) -> (u64, bool) {
        if at(&self.undated, d) {
            return (at(&self.count, d), w != Window::All);
        }
        let n = match w.seconds() {
            None => at(&self.count, d),
            Some(span) => {
                let times = match (self.starts.get(d), self.starts.get(d + 1)) {
                    (Some(&from), Some(&to)) => self.times.get(from..to).unwrap_or(&[]),
                    _ => &[],
                };
                count_between(times, now.saturating_sub(span), now)
            }
        };
        (n, false)
    }
}

/// Sorted timestamps in `(from, to]`.
fn count_between(sorted: &[i64], from: i64, to: i64) -> u64 {
    sorted.partition_point(|&t| t <= to).saturating_sub(sorted.partition_point(|&t| t <= from)) as u64
}

/// Like [`ViewIndex::in_window`], for views a host file or the browser's log adds.
fn extra_in_window(v: &Views, w: Window, now: i64) -> (u64, bool) {
    if v.timestamps.is_empty() {
        return (v.count, v.count > 0 && w != Window::All);
    }
    let n = match w.seconds() {
        None => v.count.max(v.timestamps.len() as u64),
        Some(span) => v.timestamps.iter().filter(|&&t| t <= now && t > now.saturating_sub(span)).count() as u64,
    };
    (n, false)
}

fn has_views(v: &Views) -> bool {
    v.count > 0 || !v.timestamps.is_empty()
}

/// How entries are ordered: one type for both orders, so the sorts are compiled once.
type Order<'a> = &'a dyn Fn(&Entry, &Entry) -> std::cmp::Ordering;

/// Rank items by their own views plus `extra` (views a host file or the browser's log
/// recorded, keyed by item position). Ties end on date and id, read from the ranking
/// index's per-document arrays (`hot`). When nothing ranks, or everything that did is
/// excluded, the newest items stand in (basis `Newest`): a widget never shows an
/// empty box while the dataset has items it may show.
pub fn most_read(vi: &ViewIndex, hot: &Hot, extra: &HashMap<usize, Views>, opts: &Options<'_>) -> Outcome {
    let basis = if vi.any_views || extra.values().any(has_views) { Basis::Views } else { Basis::Prior };
    let mut ranked: Vec<Entry> = Vec::new();
    let mut any = false;
    for d in 0..vi.count.len() {
        // Measured items first; items the window has no views for rank after them by
        // the prior, so a quiet site still shows a full list, each item saying which.
        let (views, undated) = match basis {
            Basis::Views => {
                let (own, a) = vi.in_window(d, opts.window, opts.now);
                let (more, b) = extra.get(&d).map_or((0, false), |v| extra_in_window(v, opts.window, opts.now));
                (own.saturating_add(more), a || b)
            }
            _ => (0, false),
        };
        let prior = at(&vi.prior, d);
        if views == 0 && prior <= 0.0 {
            continue;
        }
        any = true;
        // Filter before the limit, so exclusions never shorten the list.
        if !opts.exclude.contains(&d) {
            let basis = match (views, undated) {
                (0, _) => Basis::Prior,
                (_, true) => Basis::Total,
                (_, false) => Basis::Views,
            };
            ranked.push(Entry { doc: d, views, basis, prior });
        }
    }
    let order: Order<'_> = &|a, b| {
        b.views
            .cmp(&a.views)
            .then(b.prior.total_cmp(&a.prior))
            .then(at(&vi.listed, b.doc).cmp(&at(&vi.listed, a.doc)))
            .then(at(&hot.published, b.doc).cmp(&at(&hot.published, a.doc)))
            .then(at(&hot.id_rank, a.doc).cmp(&at(&hot.id_rank, b.doc)))
    };
    // Select, then sort only what is shown.
    crate::sort::least(&mut ranked, opts.limit, order);
    crate::sort::by(&mut ranked, order);
    if ranked.is_empty() {
        let newest = self::newest(vi, hot, opts);
        if !newest.is_empty() {
            return Outcome { basis: Basis::Newest, entries: newest, empty: None };
        }
    }
    let empty = match (ranked.is_empty(), any, basis) {
        (false, _, _) => None,
        (true, true, _) => Some(Empty::AllExcluded),
        (true, false, Basis::Views) => Some(Empty::NoViewsInWindow),
        (true, false, _) => Some(Empty::NoViewsNoPrior),
    };
    Outcome { basis, entries: ranked, empty }
}

/// The newest items not excluded, up to the limit: by publication date, items
/// without one last, then by id.
pub fn newest(vi: &ViewIndex, hot: &Hot, opts: &Options<'_>) -> Vec<Entry> {
    let mut out: Vec<Entry> = (0..vi.count.len())
        .filter(|d| !opts.exclude.contains(d))
        .map(|d| Entry { doc: d, views: 0, basis: Basis::Newest, prior: at(&vi.prior, d) })
        .collect();
    let order: Order<'_> = &|a, b| {
        at(&hot.published, b.doc).cmp(&at(&hot.published, a.doc)).then(at(&hot.id_rank, a.doc).cmp(&at(&hot.id_rank, b.doc)))
    };
    crate::sort::least(&mut out, opts.limit, order);
    crate::sort::by(&mut out, order);
    out
}
