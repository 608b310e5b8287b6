//! "Tin bài liên quan": items that share places and terms with an item or a text.

use super::at;
use super::index::{title_key, Doc, FeatureKind, Index, Vector};
use crate::text::gazetteer::foreign_mask;
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use crate::text::gazetteer::place_folded;
use crate::text::nfc;
use serde::Serialize;

/// Features in more than this share of documents say nothing about a topic
/// ("Việt Nam" on a Vietnamese news site). Applied from this many documents on.
pub const MAX_DF_SHARE: f32 = 0.3;
pub const MIN_DOCS_FOR_DF_CUT: usize = 20;
/// A query uses its heaviest features only, which bounds the postings it reads.
pub const QUERY_FEATURES: usize = 64;
/// Exact-diacritic agreement reorders matches but never creates one.
const EXACT_BONUS: f32 = 0.25;
/// A match that shares no foreign country with a query about another country.
pub const FOREIGN_CONFLICT: f32 = 0.25;
/// The most postings one query vector reads; see [`accumulate`].
pub const POSTINGS_BUDGET: usize = 10_000;
/// Above this similarity a candidate is the same story, not a related one.
const NEAR_DUPLICATE: f32 = 0.9;
/// A free text this long is a page's own article, not a search. An item whose whole
/// headline (of at least `HEADLINE_WORDS` words) the page contains is that article,
/// or one the page already links: either way it is not recommended again.
pub const ARTICLE_WORDS: usize = 40;
pub const HEADLINE_WORDS: usize = 4;
/// The default floor for a match, on the diacritic-free score.
pub const MIN_SCORE: f32 = 0.06;
const MAX_REASON_TERMS: usize = 5;

#[derive(Clone, Copy)]
pub enum Query<'a> {
    /// A dataset item, by position.
    Item(usize),
    /// Free text from a host page.
    Text(&'a str),
}

pub struct Options<'a> {
    pub limit: usize,
    /// Positions of items to leave out (filtered before the limit is applied).
    pub exclude: &'a [usize],
    pub min_score: f32,
}

/// Why a match was made: what the two texts share.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reasons {
    pub places: Vec<String>,
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: usize,
    pub score: f32,
    pub reasons: Reasons,
}

/// Why a list came back empty, so a host can say so instead of showing nothing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Empty {
    /// The query has no word the dataset knows.
    NoSharedTerms,
    /// Candidates exist but none reaches the threshold. `best` is the highest score
    /// any of them has: a threshold of `best` would list it.
    BelowThreshold { best: f32, threshold: f32 },
    /// Every candidate was excluded by the caller.
    AllExcluded,
}

pub struct Outcome {
    pub hits: Vec<Hit>,
    pub empty: Option<Empty>,
}

/// A query about one foreign country should not be answered with news of another.
pub fn conflicts(q: u64, d: u64) -> bool {
    q != 0 && d != 0 && q & d == 0
}

/// Pairs less cohesive than this are not shown as reasons; see [`Index::cohesion`].
const MIN_COHESION: f32 = 0.2;

/// What [`explain`] needs to know of a feature; an [`Index`] knows it of its own,
/// a query over a built index's terms files of the features it read.
pub trait Features {
    fn kind(&self, f: u32) -> FeatureKind;
    fn key(&self, f: u32) -> &str;
    fn cohesion(&self, f: u32) -> f32;
    fn surface(&self, f: u32) -> &str;
}

impl Features for Index {
    fn kind(&self, f: u32) -> FeatureKind {
        Index::kind(self, f)
    }
    fn key(&self, f: u32) -> &str {
        Index::key(self, f)
    }
    fn cohesion(&self, f: u32) -> f32 {
        Index::cohesion(self, f)
    }
    fn surface(&self, f: u32) -> &str {
        Index::surface(self, f)
    }
}

fn reasons(ix: &Index, q: &Vector, d: &Doc) -> Reasons {
    // Both vectors are sorted by feature id: one merge, no search per feature.
    let mut shared: Vec<(u32, f32)> = Vec::with_capacity(q.0.len());
    let mut theirs = d.folded.0.iter().peekable();
    for &(f, w) in &q.0 {
        while theirs.next_if(|&&(g, _)| g < f).is_some() {}
        if let Some(&(_, dw)) = theirs.next_if(|&&(g, _)| g == f) {
            shared.push((f, w * dw));
        }
    }
    explain(ix, shared)
}

/// The reasons for a match from what the two texts share: each shared folded
/// feature with its query weight × document weight.
pub fn explain(ix: &impl Features, mut shared: Vec<(u32, f32)>) -> Reasons {
    for (f, c) in &mut shared {
        if ix.kind(*f) == FeatureKind::Pair {
            *c *= ix.cohesion(*f);
        }
    }
    crate::sort::total(&mut shared, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut r = Reasons::default();
    let mut place_words = Vec::new();
    for &(f, _) in &shared {
        if let Some((p, folded)) = (ix.kind(f) == FeatureKind::Place).then(|| place_folded(ix.key(f))).flatten() {
            r.places.push(p.name.to_owned());
            place_words.push(folded);
        }
    }
    // Syllables already explained by a place or a chosen pair.
    let mut claimed: Vec<&str> = place_words.iter().flat_map(|w| w.split(|c: char| !c.is_alphanumeric())).collect();
    for &(f, _) in &shared {
        if r.terms.len() >= MAX_REASON_TERMS {
            break;
        }
        let key = ix.key(f);
        let free = |w: &str| !claimed.contains(&w);
        let show = match ix.kind(f) {
            // Pairs straddle word boundaries ("dự án hợp tác" gives "án hợp"), so the
            // most cohesive pairs claim their syllables first.
            FeatureKind::Pair => key.split(' ').all(free) && ix.cohesion(f) >= MIN_COHESION,
            // A lone Vietnamese syllable rarely names a topic; a foreign name or a
            // number does ("Montreuil", "1989"). Vietnamese syllables are short or marked.
            FeatureKind::Term => {
                let named = key.len() >= 6 || (key.len() >= 3 && key.bytes().any(|b| b.is_ascii_digit()));
                named && ix.surface(f).is_ascii() && free(key)
            }
            _ => false,
        };
        if show {
            claimed.extend(key.split(' '));
            r.terms.push(nfc(ix.surface(f)));
        }
    }
    r
}

/// Buffers a query fills, reused between queries: an index build ranks every
/// document, and allocating them afresh each time cost as much as the ranking.
#[derive(Default)]
struct Scratch {
    /// Per-document folded and exact sums, all zero between calls. Apart, not
    /// paired: the folded pass, most of a query, then reads half the memory, and at
    /// 100,000 documents that half still fits in a core's cache.
    acc: Vec<f32>,
    acc_exact: Vec<f32>,
    touched: Vec<u32>,
    order: Vec<(u32, f32)>,
    rest: Vec<f32>,
    /// Candidates with their folded and exact sums, in the order found.
    found: Vec<(u32, f32, f32)>,
    ranked: Vec<(usize, f32, f32)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// `v`'s features heaviest first, into `order`.
fn by_weight(v: &Vector, order: &mut Vec<(u32, f32)>) {
    order.clear();
    order.extend_from_slice(&v.0);
    crate::sort::total(order, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// Sum query weight × document weight over the postings of each query feature, for
/// the folded and the exact vector, into `s.found`: the candidate documents with
/// their two sums. Returns an upper bound on the score of any document left out.
///
/// Features are read heaviest first, which is rarest first since weight grows with
/// idf. Two bounds keep a query's cost flat however large the dataset grows:
/// - once the features still to read could add less than `floor` between them, they
///   only update documents already found (MaxScore, Turtle & Flood 1995): a document
///   they alone match cannot reach the threshold;
/// - a feature whose postings would overrun the budget is skipped; only very common,
///   light features ever are.
///
/// The exact vector is a bonus and never adds a candidate.
fn accumulate(ix: &Index, qf: &Vector, qx: &Vector, floor: f32, s: &mut Scratch) -> f32 {
    let Scratch { acc, acc_exact, touched, order, rest, found, .. } = s;
    acc.resize(ix.len(), 0.0);
    acc_exact.resize(ix.len(), 0.0);
    touched.clear();
    by_weight(qf, order);
    // rest[i]: the most that features i.. can add to any one document.
    rest.clear();
    rest.extend(order.iter().rev().scan(0.0, |s, &(f, w)| {
        *s += w * ix.max_weight(f);
        Some(*s)
    }));
    rest.reverse();
    let mut left_out = 0.0f32;
    let mut spent = 0;
    for (&(f, w), &rest) in order.iter().zip(rest.iter()) {
        let postings = ix.postings(f);
        if spent > 0 && spent + postings.len() > POSTINGS_BUDGET {
            left_out = left_out.max(w * ix.max_weight(f));
            continue;
        }
        spent += postings.len();
        // Without branches on whether a document is new: which are is unpredictable,
        // and a mispredicted branch a posting cost more than the sums themselves.
        if rest >= floor {
            // Each posting's document is written past the end and kept if new.
            let mut len = touched.len();
            touched.resize(len + postings.len(), 0);
            for &(d, dw) in postings {
                let (Some(a), Some(t)) = (acc.get_mut(d as usize), touched.get_mut(len)) else { continue };
                *t = d;
                len += usize::from(*a == 0.0);
                *a += w * dw;
            }
            touched.truncate(len);
        } else {
            // Only documents already found gain; a new one is refused.
            let mut refused = false;
            for &(d, dw) in postings {
                let Some(a) = acc.get_mut(d as usize) else { continue };
                let new = *a == 0.0;
                refused |= new;
                *a = if new { *a } else { *a + w * dw };
            }
            if refused {
                left_out = left_out.max(rest);
            }
        }
    }
    spent = 0;
    by_weight(qx, order);
    for &(f, w) in order.iter() {
        let postings = ix.postings(f);
        if spent > 0 && spent + postings.len() > POSTINGS_BUDGET {
            continue;
        }
        spent += postings.len();
        for &(d, dw) in postings {
            // Only for documents found; branch-free, as above.
            if let (Some(&a), Some(x)) = (acc.get(d as usize), acc_exact.get_mut(d as usize)) {
                *x = if a != 0.0 { *x + w * dw } else { *x };
            }
        }
    }
    // Left in the order found: the ranking below does not depend on it, and
    // sorting thousands of candidates costs more than it saves.
    found.clear();
    found.extend(touched.iter().map(|&d| {
        let f = acc.get_mut(d as usize).map(std::mem::take).unwrap_or_default();
        let x = acc_exact.get_mut(d as usize).map(std::mem::take).unwrap_or_default();
        (d, f, x)
    }));
    left_out
}

/// Best score first, then [`super::index::Hot::newest_rank`].
type Key = (Reverse<i64>, u32);

/// The `k` smallest-keyed entries of `v`, in key order, through a bounded heap: one
/// pass, no copy of `v`. `score` is the key's first part, cheap to compute: an entry
/// already worse on it than the heap's worst is dropped without reading the rest.
fn best_k<T: Copy>(v: &[T], k: usize, score: impl Fn(&T) -> Reverse<i64>, key: impl Fn(&T) -> Key) -> Vec<T> {
    let mut heap: BinaryHeap<(Key, usize)> = BinaryHeap::with_capacity(k + 1);
    for (i, t) in v.iter().enumerate() {
        if heap.len() < k {
            heap.push((key(t), i));
            continue;
        }
        let Some(mut top) = heap.peek_mut() else { continue };
        if score(t) > top.0 .0 {
            continue;
        }
        let kt = key(t);
        if kt < top.0 {
            *top = (kt, i);
        }
    }
    heap.into_sorted_vec().into_iter().filter_map(|(_, i)| v.get(i).copied()).collect()
}

fn same_title(ix: &Index, a: usize, b: usize) -> bool {
    at(&ix.hot.check, a).title_hash == at(&ix.hot.check, b).title_hash
        && ix.docs.get(a).zip(ix.docs.get(b)).is_some_and(|(a, b)| a.title_key == b.title_key)
}

/// Whether two headlines give the same figures. Numbers are no features (see
/// [`crate::text::Token::quantity`]), so "7 tháng năm 2025: Hà Nội đón 18,36 triệu
/// lượt khách" and its "10 tháng … 28,22 triệu" read alike; a story republished keeps
/// its figures, a series changes them, and the next in a series is related, not a
/// duplicate.
fn same_numbers(ix: &Index, a: usize, b: usize) -> bool {
    // In any order: "7 tháng … 18,36 triệu" reworded as "18,36 triệu … 7 tháng".
    let numbers = |d: usize| {
        let key = ix.docs.get(d).map_or("", |doc| doc.title_key.as_str());
        let mut n: Vec<&str> = key.split(' ').filter(|w| w.bytes().any(|c| c.is_ascii_digit())).collect();
        crate::sort::ascending(&mut n);
        n
    };
    numbers(a) == numbers(b)
}

/// Rank the dataset against a query.
pub fn related(ix: &Index, query: Query<'_>, opts: &Options<'_>) -> Outcome {
    let (mut out, _) = rank(ix, query, opts);
    if let Some(Empty::BelowThreshold { best, .. }) = &mut out.empty {
        // A ranking that stops at the threshold knows the closest candidate only as a
        // bound: pruning left it unscored, or its penalty and exclusion unchecked. Ask
        // again without a threshold, so `best` is a score some item really has and
        // a `min_score` of `best` lists it.
        let (all, exact) = rank(ix, query, &Options { limit: 1, min_score: 0.0, ..*opts });
        if all.hits.is_empty() {
            out.empty = all.empty;
        } else {
            *best = exact;
        }
    }
    out
}

/// [`related`], with the best score of any candidate that passed every check (the
/// threshold aside), or a bound on it when that candidate was not fully scored.
fn rank(ix: &Index, query: Query<'_>, opts: &Options<'_>) -> (Outcome, f32) {
    let n = ix.len();
    let owned;
    // Folded words of a whole page's text, space-padded for whole-word search.
    let page_words = match query {
        Query::Text(t) if t.split_whitespace().count() >= ARTICLE_WORDS => Some(format!(" {} ", title_key(t))),
        _ => None,
    };
    let no_terms = || Outcome { hits: Vec::new(), empty: Some(Empty::NoSharedTerms) };
    let (q, self_doc) = match query {
        Query::Item(d) => match ix.docs.get(d) {
            Some(doc) => (doc, Some(d)),
            None => return (no_terms(), 0.0),
        },
        Query::Text(t) => {
            owned = ix.query(t);
            (&owned, None)
        }
    };
    let cap = if n >= MIN_DOCS_FOR_DF_CUT { ((n as f32 * MAX_DF_SHARE) as u32).max(2) } else { u32::MAX };
    // An item's own postings are one of its features' document frequency: a feature
    // no other item has can match nothing, so it takes no place among those read.
    let shared = if self_doc.is_some() { 2 } else { 1 };
    let keep = |f: u32| (shared..=cap).contains(&ix.df(f));
    // Each vector over the length of the whole text's, so a query's unshared and
    // very common words still count: see [`Vector::top`]. An item's stored vector
    // is pivoted; its boost is that vector's length before pruning.
    let (norm_f, norm_x) = match self_doc {
        Some(d) => (at(&ix.hot.check, d).boost, q.exact.norm()),
        None => (1.0, 1.0),
    };
    let qf = q.folded.top(QUERY_FEATURES, norm_f, keep);
    let qx = q.exact.top(QUERY_FEATURES, norm_x, keep);
    if qf.0.is_empty() {
        return (no_terms(), 0.0);
    }
    let q_foreign = foreign_mask(&q.places);
    let mut any_candidate = false;
    let mut best = 0.0f32;
    let (mut hits, left_out) = SCRATCH.with(|cell| {
        let mut scratch = cell.borrow_mut();
        let left_out = accumulate(ix, &qf, &qx, opts.min_score, &mut scratch);
        let Scratch { found, ranked, .. } = &mut *scratch;
        ranked.clear();
        for &(d, fs, xs) in found.iter() {
            let d = d as usize;
            if fs <= 0.0 || Some(d) == self_doc {
                continue;
            }
            if fs < opts.min_score {
                // The penalty only lowers a score, so this one cannot pass; skip the
                // document's data and just note how close it came.
                any_candidate = true;
                best = best.max(fs);
                continue;
            }
            let check = at(&ix.hot.check, d);
            // The cosine, or a bound under it when the query shares more than it reads.
            let cosine = fs / check.boost.max(f32::EPSILON);
            let near_duplicate = |s: usize| cosine >= NEAR_DUPLICATE && same_numbers(ix, s, d);
            if self_doc.is_some_and(|s| same_title(ix, s, d) || near_duplicate(s)) {
                continue;
            }
            any_candidate = true;
            if opts.exclude.contains(&d) {
                continue;
            }
            if page_words.as_ref().zip(ix.docs.get(d)).is_some_and(|(p, doc)| {
                let key = &doc.title_key;
                key.split(' ').count() >= HEADLINE_WORDS && crate::text::find(p, &format!(" {key} ")).is_some()
            }) {
                continue;
            }
            let penalty = if conflicts(q_foreign, check.foreign) { FOREIGN_CONFLICT } else { 1.0 };
            let base = fs * penalty;
            best = best.max(base);
            if base >= opts.min_score {
                ranked.push((d, base + EXACT_BONUS * xs * penalty, base));
            }
        }
        // Best score first (rounded, so float noise never decides a tie), then newest,
        // then by id: one integer key, so ordering never touches the documents.
        let score_key = |&(_, score, _): &(usize, f32, f32)| Reverse((score * 1e6).round() as i64);
        let sort_key = |e: &(usize, f32, f32)| -> Key { (score_key(e), at(&ix.hot.newest_rank, e.0)) };
        let distinct = |pool: &[(usize, f32, f32)]| {
            let mut hits: Vec<Hit> = Vec::new();
            for &(d, score, _) in pool {
                if hits.len() >= opts.limit {
                    break;
                }
                if !hits.iter().any(|h| same_title(ix, h.doc, d)) {
                    hits.push(Hit { doc: d, score, reasons: Reasons::default() });
                }
            }
            hits
        };
        // Widen the selection until it holds enough distinct headlines: repeated
        // headlines are rare, so the first round almost always suffices.
        let mut k = opts.limit * 4 + 16;
        let hits = loop {
            let pool = best_k(ranked, k, score_key, sort_key);
            let hits = distinct(&pool);
            if hits.len() >= opts.limit || pool.len() == ranked.len() {
                break hits;
            }
            k *= 4;
        };
        (hits, left_out)
    });
    for h in &mut hits {
        if let Some(doc) = ix.docs.get(h.doc) {
            h.reasons = reasons(ix, &qf, doc);
        }
    }
    if left_out > 0.0 {
        any_candidate = true;
        best = best.max(left_out.min(opts.min_score));
    }
    let empty = match (hits.is_empty(), any_candidate) {
        (false, _) => None,
        (true, false) => Some(Empty::NoSharedTerms),
        (true, true) if best == 0.0 => Some(Empty::AllExcluded),
        (true, true) => Some(Empty::BelowThreshold { best, threshold: opts.min_score }),
    };
    (Outcome { hits, empty }, best)
}
