//! Views a browser recorded itself (`recordView`), kept small enough for
//! localStorage: only what the longest window (30 days) can use, capped per item and
//! in total, in a compact line format rather than JSON.

use crate::dataset::{Dataset, Views};
use std::collections::HashMap;

/// Views older than the longest window cannot change a ranking.
const KEEP_SECONDS: i64 = 30 * 86_400;
/// Per item and overall caps: a log never grows without bound (WordPress Popular
/// Posts' view table grew to millions of rows).
pub const MAX_PER_ITEM: usize = 500;
pub const MAX_ITEMS: usize = 1_000;
const HEADER: &str = "tinbai-views 1";

/// Whether the line format can hold an id: one with a tab or a line break would
/// come back as another id. No item id has those (host ids refuse control characters).
pub fn storable(id: &str) -> bool {
    !id.is_empty() && !id.contains(['\t', '\n', '\r'])
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewLog {
    /// (id, timestamps in Unix seconds, ascending), sorted by id. A sorted vector,
    /// not a BTreeMap: the same lookups for a few KB less wasm.
    views: Vec<(String, Vec<i64>)>,
}

impl ViewLog {
    /// Read a stored log. Anything unreadable is skipped: a corrupt entry must never
    /// stop a page from rendering.
    pub fn parse(s: &str) -> ViewLog {
        let mut log = ViewLog::default();
        let mut lines = s.lines();
        if lines.next() != Some(HEADER) {
            return log;
        }
        for line in lines {
            let Some((id, times)) = line.split_once('\t') else { continue };
            let mut t: Vec<i64> = times.split(',').filter_map(|x| x.parse().ok()).collect();
            if id.is_empty() || t.is_empty() {
                continue;
            }
            crate::sort::ascending(&mut t);
            *log.entry(id) = t;
        }
        log
    }

    #[allow(clippy::indexing_slicing)] // `at` below was just found or filled
    fn entry(&mut self, id: &str) -> &mut Vec<i64> {
        let at = match self.views.binary_search_by(|(k, _)| k.as_str().cmp(id)) {
            Ok(at) => at,
            Err(at) => {
                self.views.insert(at, (id.to_owned(), Vec::new()));
                at
            }
        };
        &mut self.views[at].1
    }

    pub fn serialize(&self) -> String {
        let mut out = String::from(HEADER);
        for (id, times) in &self.views {
            out.push('\n');
            out.push_str(id);
            out.push('\t');
            let t: Vec<String> = times.iter().map(i64::to_string).collect();
            out.push_str(&t.join(","));
        }
        out
    }

    /// Record one view and drop what no window can use any more.
    pub fn record(&mut self, id: &str, now: i64) {
        if !storable(id) {
            return;
        }
        let times = self.entry(id);
        let at = times.partition_point(|&t| t <= now);
        times.insert(at, now);
        self.prune(now);
    }

    fn prune(&mut self, now: i64) {
        // No cut-off when it would lie before the first representable time.
        let oldest = now.checked_sub(KEEP_SECONDS);
        for (_, times) in &mut self.views {
            if let Some(oldest) = oldest {
                times.retain(|&t| t > oldest);
            }
            if times.len() > MAX_PER_ITEM {
                times.drain(..times.len() - MAX_PER_ITEM);
            }
        }
        self.views.retain(|(_, t)| !t.is_empty());
        if self.views.len() > MAX_ITEMS {
            // Keep the items seen most recently; of those tied at the cut, the first ids.
            let last = |t: &[i64]| t.last().copied().unwrap_or(i64::MIN);
            let mut lasts: Vec<i64> = self.views.iter().map(|(_, t)| last(t)).collect();
            crate::sort::by(&mut lasts, |a, b| b.cmp(a));
            let cut = lasts.get(MAX_ITEMS - 1).copied().unwrap_or(i64::MIN);
            let mut ties = MAX_ITEMS - lasts.iter().filter(|&&l| l > cut).count();
            self.views.retain(|(_, t)| {
                let l = last(t);
                let keep = l > cut || (l == cut && ties > 0);
                if l == cut && keep {
                    ties -= 1;
                }
                keep
            });
        }
    }

    /// Halve the log, oldest views first, when storage is full. False once there is
    /// nothing left to drop.
    pub fn shrink(&mut self) -> bool {
        let mut all: Vec<i64> = self.views.iter().flat_map(|(_, t)| t).copied().collect();
        if all.len() <= 1 {
            return false;
        }
        crate::sort::ascending(&mut all);
        let Some(&cut) = all.get(all.len() / 2) else { return false };
        for (_, times) in &mut self.views {
            times.retain(|&t| t > cut);
        }
        self.views.retain(|(_, t)| !t.is_empty());
        true
    }

    pub fn len(&self) -> usize {
        self.views.iter().map(|(_, t)| t.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.views.is_empty()
    }

    /// How many items have views.
    pub fn items(&self) -> usize {
        self.views.len()
    }

    /// The views of items `data` has, by position.
    pub fn views_for(&self, data: &Dataset) -> HashMap<usize, Views> {
        self.views
            .iter()
            .filter_map(|(id, t)| data.index_of(id).map(|d| (d, Views { count: t.len() as u64, timestamps: t.clone() })))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_ignores_garbage() {
        let mut log = ViewLog::default();
        log.record("a", 1_000_000);
        log.record("a", 1_000_100);
        log.record("b c", 1_000_050);
        let copy = ViewLog::parse(&log.serialize());
        assert_eq!(copy, log);
        assert_eq!(copy.len(), 3);
        assert!(ViewLog::parse("{\"not\": \"ours\"}").is_empty());
        let mixed = ViewLog::parse(&format!("{HEADER}\nx\t1,zz,3\nno-tab\n\t5\ny\t"));
        assert_eq!(mixed.len(), 2);
    }

    #[test]
    fn keeps_only_what_a_window_can_use() {
        let mut log = ViewLog::default();
        let now = 100 * 86_400;
        log.record("old", now - 40 * 86_400);
        log.record("new", now);
        assert_eq!(log.serialize().lines().count(), 2, "the 40-day-old view is gone");
        for i in 0..(MAX_PER_ITEM as i64 + 10) {
            log.record("busy", now + i);
        }
        let busy = &log.entry("busy").clone();
        assert_eq!(busy.len(), MAX_PER_ITEM);
        assert_eq!(*busy.first().unwrap(), now + 10, "the oldest go first");
    }

    #[test]
    fn shrinks_by_half_until_empty() {
        let mut log = ViewLog::default();
        for i in 0..8 {
            log.record(&format!("i{i}"), 1_000 + i);
        }
        assert!(log.shrink());
        assert_eq!(log.len(), 3);
        while log.shrink() {}
        assert!(log.len() <= 1);
    }
}
