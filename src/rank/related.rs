//! "Tin bài liên quan": items that share places and terms with an item or a text.

use super::index::{Counts, Doc, FeatureKind, Index, Vector};
use crate::text::gazetteer::{place, Place};
use crate::text::{fold, nfc};
use serde::Serialize;

/// Features in more than this share of documents say nothing about a topic
/// ("Việt Nam" on a Vietnamese news site). Applied from this many documents on.
const MAX_DF_SHARE: f32 = 0.3;
const MIN_DOCS_FOR_DF_CUT: usize = 20;
/// A query uses its heaviest features only, which bounds the postings it reads.
const QUERY_FEATURES: usize = 64;
/// Exact-diacritic agreement reorders matches but never creates one.
const EXACT_BONUS: f32 = 0.25;
/// A match that shares no foreign country with a query about another country.
const FOREIGN_CONFLICT: f32 = 0.25;
/// Above this similarity a candidate is the same story, not a related one.
const NEAR_DUPLICATE: f32 = 0.9;
/// The default floor for a match, on the diacritic-free score.
pub const MIN_SCORE: f32 = 0.06;
const MAX_REASON_TERMS: usize = 5;

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
    /// Candidates exist but none reaches the threshold; `best` is the closest.
    BelowThreshold { best: f32, threshold: f32 },
    /// Every candidate was excluded by the caller.
    AllExcluded,
}

pub struct Outcome {
    pub hits: Vec<Hit>,
    pub empty: Option<Empty>,
}

fn foreign<'a>(places: &'a [&'static Place]) -> impl Iterator<Item = &'static str> + 'a {
    places.iter().map(|p| p.country).filter(|&c| c != "VN")
}

/// A query about one foreign country should not be answered with news of another.
fn conflicts(q: &[&'static Place], d: &[&'static Place]) -> bool {
    foreign(q).next().is_some() && foreign(d).next().is_some() && !foreign(d).any(|c| foreign(q).any(|x| x == c))
}

fn lookup(v: &Vector, f: u32) -> Option<f32> {
    v.0.binary_search_by_key(&f, |&(g, _)| g).ok().map(|i| v.0[i].1)
}

/// How much a syllable pair behaves like one word: the Dice coefficient of the
/// pair's document frequency against its two syllables'. "địa phương" scores near 1;
/// "phương việt", cut from "địa phương Việt Nam", scores low.
fn cohesion(ix: &Index, pair: u32) -> f32 {
    let mut parts = ix.key(pair).split(' ').map(|w| ix.feature(FeatureKind::Term, w).map_or(0, |f| ix.df(f)));
    let (a, b) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    if a + b == 0 {
        return 0.0;
    }
    2.0 * ix.df(pair) as f32 / (a + b) as f32
}

const MIN_COHESION: f32 = 0.2;

fn reasons(ix: &Index, q: &Vector, d: &Doc) -> Reasons {
    let mut shared: Vec<(u32, f32)> = q
        .0
        .iter()
        .filter_map(|&(f, w)| lookup(&d.folded, f).map(|dw| (f, w * dw)))
        .map(|(f, c)| (f, if ix.kind(f) == FeatureKind::Pair { c * cohesion(ix, f) } else { c }))
        .collect();
    shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut r = Reasons::default();
    // Syllables already explained by a place or a chosen pair.
    let mut claimed: Vec<String> = Vec::new();
    for &(f, _) in &shared {
        if let Some(p) = (ix.kind(f) == FeatureKind::Place).then(|| place(ix.key(f))).flatten() {
            r.places.push(p.name.to_owned());
            claimed.extend(fold(p.name).split(|c: char| !c.is_alphanumeric()).map(str::to_owned));
        }
    }
    for &(f, _) in &shared {
        if r.terms.len() >= MAX_REASON_TERMS {
            break;
        }
        let key = ix.key(f);
        let free = |w: &str| !claimed.iter().any(|c| c == w);
        let show = match ix.kind(f) {
            // Pairs straddle word boundaries ("dự án hợp tác" gives "án hợp"), so the
            // most cohesive pairs claim their syllables first.
            FeatureKind::Pair => key.split(' ').all(free) && cohesion(ix, f) >= MIN_COHESION,
            // A lone Vietnamese syllable rarely names a topic; a foreign name or a
            // number does ("Montreuil", "1989"). Vietnamese syllables are short or marked.
            FeatureKind::Term => {
                let named = key.len() >= 6 || (key.len() >= 3 && key.bytes().any(|b| b.is_ascii_digit()));
                named && ix.surface(f).is_ascii() && free(key)
            }
            _ => false,
        };
        if show {
            claimed.extend(key.split(' ').map(str::to_owned));
            r.terms.push(nfc(ix.surface(f)));
        }
    }
    r
}

fn title_key(ix: &Index, d: usize) -> &str {
    &ix.docs[d].title_key
}

/// Rank the dataset against a query.
pub fn related(ix: &Index, query: Query<'_>, opts: &Options<'_>) -> Outcome {
    let n = ix.len();
    let owned;
    let (q, self_doc) = match query {
        Query::Item(d) => (&ix.docs[d], Some(d)),
        Query::Text(t) => {
            let mut c = Counts::default();
            c.add(t, 1.0);
            owned = ix.vectorise(&c);
            (&owned, None)
        }
    };
    let cap = if n >= MIN_DOCS_FOR_DF_CUT { ((n as f32 * MAX_DF_SHARE) as u32).max(2) } else { u32::MAX };
    let keep = |f: u32| ix.df(f) <= cap;
    let qf = q.folded.top(QUERY_FEATURES, keep);
    let qx = q.exact.top(QUERY_FEATURES, keep);
    if qf.0.is_empty() {
        return Outcome { hits: Vec::new(), empty: Some(Empty::NoSharedTerms) };
    }
    let mut acc = vec![(0.0f32, 0.0f32); n];
    for &(f, w) in &qf.0 {
        for &(d, dw) in ix.postings(f) {
            acc[d as usize].0 += w * dw;
        }
    }
    for &(f, w) in &qx.0 {
        for &(d, dw) in ix.postings(f) {
            acc[d as usize].1 += w * dw;
        }
    }
    let self_key = self_doc.map(|d| title_key(ix, d));
    let mut any_candidate = false;
    let mut best = 0.0f32;
    let mut ranked: Vec<(usize, f32, f32)> = Vec::new();
    for (d, &(fs, xs)) in acc.iter().enumerate() {
        if fs <= 0.0 || Some(d) == self_doc {
            continue;
        }
        let cosine = fs / ix.docs[d].boost.max(f32::EPSILON);
        if self_key.is_some_and(|k| k == title_key(ix, d)) || (self_doc.is_some() && cosine >= NEAR_DUPLICATE) {
            continue;
        }
        any_candidate = true;
        if opts.exclude.contains(&d) {
            continue;
        }
        let penalty = if conflicts(&q.places, &ix.docs[d].places) { FOREIGN_CONFLICT } else { 1.0 };
        let base = fs * penalty;
        best = best.max(base);
        if base >= opts.min_score {
            ranked.push((d, base + EXACT_BONUS * xs * penalty, base));
        }
    }
    // Round before comparing so float noise never decides a tie; then newest, then id.
    let key = |s: f32| (s * 1e6).round() as i64;
    ranked.sort_by(|a, b| {
        key(b.1).cmp(&key(a.1)).then_with(|| ix.docs[b.0].published.cmp(&ix.docs[a.0].published)).then_with(|| ix.docs[a.0].id.cmp(&ix.docs[b.0].id))
    });
    let mut hits: Vec<Hit> = Vec::new();
    for (d, score, _) in ranked {
        if hits.len() >= opts.limit {
            break;
        }
        if hits.iter().any(|h| title_key(ix, h.doc) == title_key(ix, d)) {
            continue;
        }
        hits.push(Hit { doc: d, score, reasons: reasons(ix, &qf, &ix.docs[d]) });
    }
    let empty = match (hits.is_empty(), any_candidate) {
        (false, _) => None,
        (true, false) => Some(Empty::NoSharedTerms),
        (true, true) if best == 0.0 => Some(Empty::AllExcluded),
        (true, true) => Some(Empty::BelowThreshold { best, threshold: opts.min_score }),
    };
    Outcome { hits, empty }
}
