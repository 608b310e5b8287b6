//! "Đọc nhiều": items ranked by the views a host supplies, inside a time window.
//! With no views at all, a prior from the seed pages' own "Đọc nhiều" lists stands in.

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
    /// Views in the window (0 under the prior).
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

fn in_window(v: &Views, w: Window, now: i64) -> u64 {
    match w.seconds() {
        None => v.count.max(v.timestamps.len() as u64),
        Some(span) => v.timestamps.iter().filter(|&&t| t <= now && t > now - span).count() as u64,
    }
}

/// Rank items. `views` maps item positions to the views known for them (the dataset's
/// own and any the host or the browser recorded, already merged).
pub fn most_read(items: &[Item], views: &HashMap<usize, Views>, opts: &Options<'_>) -> Outcome {
    let supplied = views.values().any(|v| v.count > 0 || !v.timestamps.is_empty());
    let basis = if supplied { Basis::Views } else { Basis::Prior };
    let mut ranked: Vec<Entry> = Vec::new();
    let mut any = false;
    for (d, item) in items.iter().enumerate() {
        let entry = match basis {
            Basis::Views => match views.get(&d).map(|v| in_window(v, opts.window, opts.now)) {
                Some(n) if n > 0 => Entry { doc: d, views: n, prior: prior(item) },
                _ => continue,
            },
            Basis::Prior => match prior(item) {
                p if p > 0.0 => Entry { doc: d, views: 0, prior: p },
                _ => continue,
            },
        };
        any = true;
        // Filter before the limit, so exclusions never shorten the list.
        if !opts.exclude.contains(&d) {
            ranked.push(entry);
        }
    }
    ranked.sort_by(|a, b| {
        b.views
            .cmp(&a.views)
            .then(b.prior.total_cmp(&a.prior))
            .then_with(|| items[b.doc].seen_in.len().cmp(&items[a.doc].seen_in.len()))
            .then_with(|| items[b.doc].published_at.cmp(&items[a.doc].published_at))
            .then_with(|| items[a.doc].id.cmp(&items[b.doc].id))
    });
    ranked.truncate(opts.limit);
    let empty = match (ranked.is_empty(), any, basis) {
        (false, _, _) => None,
        (true, true, _) => Some(Empty::AllExcluded),
        (true, false, Basis::Views) => Some(Empty::NoViewsInWindow),
        (true, false, Basis::Prior) => Some(Empty::NoViewsNoPrior),
    };
    Outcome { basis, entries: ranked, empty }
}
