//! "Đọc nhiều": items ranked by the views a host supplies, inside a time window.
//! With no views at all, a prior from the seed pages' own "Đọc nhiều" lists stands in.

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub doc: usize,
    /// Views in the window; 0 for an item ranked by the prior alone.
    pub views: u64,
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
        self.times.extend(times);
        self.starts.push(self.times.len());
        self.prior.push(prior(it));
        self.listed.push(it.seen_in.len() as u32);
    }

    fn in_window(&self, d: usize, w: Window, now: i64) -> u64 {
        match w.seconds() {
            None => at(&self.count, d),
            Some(span) => {
                let times = match (self.starts.get(d), self.starts.get(d + 1)) {
                    (Some(&from), Some(&to)) => self.times.get(from..to).unwrap_or(&[]),
                    _ => &[],
                };
                count_between(times, now.saturating_sub(span), now)
            }
        }
    }
}

/// Sorted timestamps in `(from, to]`.
fn count_between(sorted: &[i64], from: i64, to: i64) -> u64 {
    sorted.partition_point(|&t| t <= to).saturating_sub(sorted.partition_point(|&t| t <= from)) as u64
}

fn extra_in_window(v: &Views, w: Window, now: i64) -> u64 {
    match w.seconds() {
        None => v.count.max(v.timestamps.len() as u64),
        Some(span) => v.timestamps.iter().filter(|&&t| t <= now && t > now.saturating_sub(span)).count() as u64,
    }
}

fn has_views(v: &Views) -> bool {
    v.count > 0 || !v.timestamps.is_empty()
}

/// Rank items by their own views plus `extra` (views a host file or the browser's log
/// recorded, keyed by item position). Ties end on date and id, read from the ranking
/// index's per-document arrays (`hot`).
pub fn most_read(vi: &ViewIndex, hot: &Hot, extra: &HashMap<usize, Views>, opts: &Options<'_>) -> Outcome {
    let basis = if vi.any_views || extra.values().any(has_views) { Basis::Views } else { Basis::Prior };
    let mut ranked: Vec<Entry> = Vec::new();
    let mut any = false;
    for d in 0..vi.count.len() {
        // Measured items first; items the window has no views for rank after them by
        // the prior, so a quiet site still shows a full list, each item saying which.
        let views = match basis {
            Basis::Views => vi
                .in_window(d, opts.window, opts.now)
                .saturating_add(extra.get(&d).map_or(0, |v| extra_in_window(v, opts.window, opts.now))),
            Basis::Prior => 0,
        };
        let prior = at(&vi.prior, d);
        if views == 0 && prior <= 0.0 {
            continue;
        }
        any = true;
        // Filter before the limit, so exclusions never shorten the list.
        if !opts.exclude.contains(&d) {
            ranked.push(Entry { doc: d, views, prior });
        }
    }
    let order = |a: &Entry, b: &Entry| {
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
    let empty = match (ranked.is_empty(), any, basis) {
        (false, _, _) => None,
        (true, true, _) => Some(Empty::AllExcluded),
        (true, false, Basis::Views) => Some(Empty::NoViewsInWindow),
        (true, false, Basis::Prior) => Some(Empty::NoViewsNoPrior),
    };
    Outcome { basis, entries: ranked, empty }
}
