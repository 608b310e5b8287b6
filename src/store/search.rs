//! Answering a page from the files of a built index it has: an article's related
//! list by id, which article a page is (by URL path or headline), and related
//! items for a free text, ranked from the terms files as
//! [`crate::rank::related`] ranks live, less the exact-diacritic bonus (the terms
//! files hold folded features only: the bonus reorders matches, never makes one).
//!
//! Each answer is a [`Step`]: either done, or the files still needed, which the
//! caller fetches before asking again. The same question over more files gives the
//! same or a later step, never an earlier one, so a caller just repeats it.

use super::key;
use super::read::{self, Entry, Header, Route};
use super::{shard_of, File, FormatError};
use crate::engine::{RelatedItem, RelatedList};
use crate::error::Error;
use crate::rank::index::{text_features, title_key, FeatureKind};
use crate::rank::related::{self, Empty, Features, Reasons};
use crate::text::gazetteer::foreign_mask;

/// The files a caller has.
pub trait Source {
    /// The bytes of `f`, if they are in.
    fn file(&self, f: File) -> Option<&[u8]>;
}

/// An answer, or the files it needs first.
#[derive(Debug, PartialEq)]
pub enum Step<T> {
    Need(Vec<File>),
    Done(T),
}

/// What every related question takes.
pub struct Query<'a> {
    pub limit: usize,
    pub min_score: f32,
    /// Article ids to leave out, applied before the limit.
    pub exclude: &'a [String],
}

/// A free text reads at most this many terms files: its strongest features' ones.
pub const MAX_TERMS_FILES: usize = 8;

fn bad(f: File) -> impl Fn(FormatError) -> Error {
    move |e| Error::Json(format!("{}: {e}", f.name()))
}

fn corrupt(f: File, message: &str) -> Error {
    Error::Json(format!("{}: {message}", f.name()))
}

/// The precomputed related list of article `id`, from its shard.
pub fn related_id(h: &Header, src: &impl Source, id: &str, q: &Query<'_>) -> Result<Step<RelatedList>, Error> {
    related_in(h, src, id, shard_of(id, h.shards), q)
}

fn related_in(h: &Header, src: &impl Source, id: &str, k: u32, q: &Query<'_>) -> Result<Step<RelatedList>, Error> {
    let f = File::Shard(k);
    let Some(bytes) = src.file(f) else { return Ok(Step::Need(vec![f])) };
    if q.limit > h.kept as usize {
        return Err(Error::option("limit", format!("the index keeps {} related items per article, asked for {}", h.kept, q.limit)));
    }
    let shard = read::shard(bytes).map_err(bad(f))?;
    if shard.shard != k {
        return Err(corrupt(f, "holds another shard"));
    }
    let Some(mut list) = shard.related(id).map_err(bad(f))? else {
        return Err(Error::UnknownId { what: "article", id: id.to_owned() });
    };
    let min = f64::from(q.min_score);
    list.items.retain(|it| !q.exclude.contains(&it.id) && it.score >= min);
    list.items.truncate(q.limit);
    if list.items.is_empty() && list.empty.is_none() {
        list.empty = Some(Empty::AllExcluded);
    }
    Ok(Step::Done(list))
}

/// The article the first of `keys` that the index knows names ([`key::page`]
/// gives a page's keys, in the order to try them). One routes file per key, read
/// only once the keys before it were not found.
pub fn find_article(h: &Header, src: &impl Source, keys: &[String]) -> Result<Step<Option<Route>>, Error> {
    for key in keys {
        let k = shard_of(key, h.routes);
        let f = File::Routes(k);
        let Some(bytes) = src.file(f) else { return Ok(Step::Need(vec![f])) };
        let routes = read::routes(bytes).map_err(bad(f))?;
        if routes.file != k {
            return Err(corrupt(f, "holds another routes file"));
        }
        if let Some((id, shard)) = routes.find(key).map_err(bad(f))? {
            if shard >= h.shards {
                return Err(corrupt(f, "a route names a shard the index does not have"));
            }
            return Ok(Step::Done(Some(Route { key: key.clone(), id: id.to_owned(), shard })));
        }
    }
    Ok(Step::Done(None))
}

/// What a page's related list came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The page is this indexed article: its precomputed list.
    Article(String),
    /// The index does not have the page: its text, ranked over the terms files.
    Text,
}

/// The related list for a page found by `keys` ([`key::page`]): its article's,
/// when a route finds it; else that of its `text` (read only then), leaving out
/// any article at the page's own URL path.
pub fn related_page(h: &Header, src: &impl Source, keys: &[String], text: impl FnOnce() -> String, q: &Query<'_>) -> Result<Step<(Found, RelatedList)>, Error> {
    let step = match find_article(h, src, keys)? {
        Step::Need(f) => return Ok(Step::Need(f)),
        Step::Done(Some(route)) => match related_in(h, src, &route.id, route.shard, q)? {
            Step::Done(list) => Step::Done((Found::Article(route.id), list)),
            Step::Need(f) => Step::Need(f),
        },
        Step::Done(None) => {
            let own: Vec<String> = keys.iter().filter(|k| k.starts_with('/')).cloned().collect();
            match related_text(h, src, &text(), &own, q)? {
                Step::Done(list) => Step::Done((Found::Text, list)),
                Step::Need(f) => Step::Need(f),
            }
        }
    };
    Ok(step)
}

/// How much a feature is likely to weigh in a query, before its document frequency
/// is known (that is in its terms file): places and syllable pairs are rarer than
/// single syllables, and long words and numbers rarer than short ones.
fn likely_weight(kind: FeatureKind, key: &str, tf: f32) -> f32 {
    let rarity = match kind {
        FeatureKind::Pair => 3.0,
        FeatureKind::Place => 2.0,
        FeatureKind::Term if key.len() >= 7 || key.bytes().any(|b| b.is_ascii_digit()) => 2.0,
        FeatureKind::Term => 1.0,
        FeatureKind::ExactTerm | FeatureKind::ExactPair => 0.0,
    };
    (1.0 + tf).ln() * rarity
}

/// A query feature found in a terms file.
struct Feat<'a> {
    kind: FeatureKind,
    /// Without the kind's tag.
    key: &'a str,
    tagged: &'a str,
    /// The terms file it came from, for errors.
    file: File,
    entry: Entry<'a>,
    weight: f32,
    /// Its postings once read.
    postings: Option<Vec<(u32, f32)>>,
}

/// The query's features, by position, for [`related::explain`].
struct Feats<'a>(Vec<Feat<'a>>);

impl Features for Feats<'_> {
    fn kind(&self, f: u32) -> FeatureKind {
        self.0.get(f as usize).map_or(FeatureKind::Term, |x| x.kind)
    }
    fn key(&self, f: u32) -> &str {
        self.0.get(f as usize).map_or("", |x| x.key)
    }
    fn cohesion(&self, f: u32) -> f32 {
        self.0.get(f as usize).map_or(0.0, |x| x.entry.cohesion)
    }
    fn surface(&self, f: u32) -> &str {
        self.0.get(f as usize).map_or("", |x| x.entry.surface.unwrap_or(x.key))
    }
}

impl Feats<'_> {
    /// Feature `f`'s postings, read once and checked against the article count.
    fn postings(&mut self, f: u32, articles: u32) -> Result<&[(u32, f32)], Error> {
        let Some(x) = self.0.get_mut(f as usize) else { return Ok(&[]) };
        if x.postings.is_none() {
            let p = x.entry.postings().map_err(bad(x.file))?;
            if p.last().is_some_and(|&(d, _)| d >= articles) {
                return Err(corrupt(x.file, "a posting names an article number the index does not have"));
            }
            x.postings = Some(p);
        }
        Ok(x.postings.as_deref().unwrap_or_default())
    }
}

/// The `QUERY_FEATURES` heaviest of `v` (local feature, weight), unit length,
/// heaviest first; ties by key, as the live query's by feature id.
fn top(feats: &Feats<'_>, mut v: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    let key = |f: u32| feats.0.get(f as usize).map_or("", |x| x.tagged);
    crate::sort::by(&mut v, |a, b| b.1.total_cmp(&a.1).then_with(|| key(a.0).cmp(key(b.0))));
    v.truncate(related::QUERY_FEATURES);
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    v
}

/// Candidates: (article number, summed score), in article-number order.
type Sums = Vec<(u32, f32)>;

/// Related items for a free text, from the terms files of its strongest features
/// and the docs files of its best candidates: the live ranking
/// ([`related::related`] for `Query::Text`) over what those files hold.
/// `own_paths` are the page's own URL paths: an article there is the page itself.
pub fn related_text(h: &Header, src: &impl Source, text: &str, own_paths: &[String], q: &Query<'_>) -> Result<Step<RelatedList>, Error> {
    let mut out = match rank_text(h, src, text, own_paths, q)? {
        Step::Done(list) => list,
        need => return Ok(need),
    };
    if let Some(Empty::BelowThreshold { best, .. }) = &mut out.empty {
        // As the live ranking does: `best` bounds a candidate left unscored, so ask
        // again without a threshold for a score some item really has (or none at all).
        match rank_text(h, src, text, own_paths, &Query { limit: 1, min_score: 0.0, ..*q })? {
            Step::Need(f) => return Ok(Step::Need(f)),
            Step::Done(all) => match all.items.first() {
                Some(top) => *best = top.score as f32,
                None => out.empty = all.empty,
            },
        }
    }
    Ok(Step::Done(out))
}

fn rank_text(h: &Header, src: &impl Source, text: &str, own_paths: &[String], q: &Query<'_>) -> Result<Step<RelatedList>, Error> {
    let no_terms = || Ok(Step::Done(RelatedList { items: Vec::new(), empty: Some(Empty::NoSharedTerms) }));
    let tf = text_features(text);
    // The files holding the most of the query's likely weight.
    let mut files: Vec<(u32, f32)> = Vec::new();
    for (tagged, kind, c) in &tf.features {
        let w = likely_weight(*kind, tagged.get(1..).unwrap_or(""), *c);
        if w <= 0.0 {
            continue;
        }
        let k = shard_of(tagged, h.terms);
        match files.iter_mut().find(|(f, _)| *f == k) {
            Some(e) => e.1 += w,
            None => files.push((k, w)),
        }
    }
    crate::sort::by(&mut files, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    files.truncate(MAX_TERMS_FILES);
    let missing: Vec<File> = files.iter().map(|&(k, _)| File::Terms(k)).filter(|&f| src.file(f).is_none()).collect();
    if !missing.is_empty() {
        return Ok(Step::Need(missing));
    }
    let mut opened = Vec::new();
    for &(k, _) in &files {
        let f = File::Terms(k);
        let t = read::terms(src.file(f).unwrap_or_default()).map_err(bad(f))?;
        if t.file != k || t.files != h.terms {
            return Err(corrupt(f, "holds another terms file"));
        }
        opened.push((k, t));
    }
    // The query's features those files hold, weighed as the live query weighs them.
    let n = h.articles as f32;
    let cap = if h.articles as usize >= related::MIN_DOCS_FOR_DF_CUT { ((n * related::MAX_DF_SHARE) as u32).max(2) } else { u32::MAX };
    let mut feats = Feats(Vec::new());
    for (tagged, kind, c) in tf.features.iter().filter(|f| !f.1.is_exact()) {
        let k = shard_of(tagged, h.terms);
        let Some((_, t)) = opened.iter().find(|(j, _)| *j == k) else { continue };
        let Some(entry) = t.find(tagged).map_err(bad(File::Terms(k)))? else { continue };
        if entry.df > cap {
            continue;
        }
        let weight = (1.0 + c).ln() * (1.0 + n / entry.df.max(1) as f32).ln();
        feats.0.push(Feat { kind: *kind, key: tagged.get(1..).unwrap_or(""), tagged, file: File::Terms(k), entry, weight, postings: None });
    }
    let qf = top(&feats, feats.0.iter().enumerate().map(|(i, x)| (i as u32, x.weight)).collect());
    if qf.is_empty() {
        return no_terms();
    }
    let (sums, left_out) = accumulate(h, &mut feats, &qf, q.min_score)?;
    let mut any_candidate = false;
    let mut best = 0.0f32;
    let mut viable: Sums = Vec::new();
    for &(d, fs) in &sums {
        if fs <= 0.0 {
            continue;
        }
        if fs < q.min_score {
            any_candidate = true;
            best = best.max(fs);
            continue;
        }
        viable.push((d, fs));
    }
    crate::sort::by(&mut viable, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let ctx = Context {
        q_foreign: foreign_mask(&tf.places),
        page_words: (text.split_whitespace().count() >= related::ARTICLE_WORDS).then(|| format!(" {} ", title_key(text))),
        own_paths,
    };
    // Candidates are judged best-first in growing pools, each needing its docs
    // files, until no candidate left out could still make the list.
    let mut pool = (q.limit + 3).min(viable.len());
    let (hits, pool_best) = loop {
        let Some(part) = viable.get(..pool) else { break (Vec::new(), 0.0) };
        let (ranked, pool_best) = match judge(h, src, part, &ctx, q)? {
            Step::Need(f) => return Ok(Step::Need(f)),
            Step::Done(r) => r,
        };
        any_candidate |= !part.is_empty();
        let mut hits: Vec<Ranked> = Vec::new();
        for r in ranked {
            if hits.len() >= q.limit {
                break;
            }
            if !hits.iter().any(|h| h.doc.title_hash == r.doc.title_hash) {
                hits.push(r);
            }
        }
        let settled = match (viable.get(pool), hits.last()) {
            (None, _) => true,
            // A score is only ever lowered from its sum: one below the last hit's cannot rise above it.
            (Some(next), Some(last)) if hits.len() >= q.limit => rounded(next.1) < rounded(last.score),
            _ => false,
        };
        if settled {
            break (hits, pool_best);
        }
        pool = (pool * 2).max(1).min(viable.len());
    };
    best = best.max(pool_best);
    let mut items = Vec::new();
    for hit in hits {
        let mut shared = Vec::new();
        for &(f, w) in &qf {
            let p = feats.postings(f, h.articles)?;
            if let Ok(i) = p.binary_search_by(|&(d, _)| d.cmp(&hit.number)) {
                if let Some(&(_, dw)) = p.get(i) {
                    shared.push((f, w * dw));
                }
            }
        }
        let reasons: Reasons = related::explain(&feats, shared);
        let read::Doc { id, title, url, kind, .. } = hit.doc;
        items.push(RelatedItem { id, title, kind, url, score: (f64::from(hit.score) * 10_000.0).round() / 10_000.0, reasons });
    }
    if left_out > 0.0 {
        any_candidate = true;
        best = best.max(left_out.min(q.min_score));
    }
    let empty = match (items.is_empty(), any_candidate) {
        (false, _) => None,
        (true, false) => Some(Empty::NoSharedTerms),
        (true, true) if best == 0.0 => Some(Empty::AllExcluded),
        (true, true) => Some(Empty::BelowThreshold { best, threshold: q.min_score }),
    };
    Ok(Step::Done(RelatedList { items, empty }))
}

/// A score as ranking compares it: rounded, so float noise never decides a tie.
fn rounded(score: f32) -> i64 {
    (score * 1e6).round() as i64
}

/// Sum query weight × document weight over each query feature's postings, as
/// [`related`]'s accumulation does: heaviest features first, a feature that would
/// overrun the postings budget skipped, and once the features left could not lift
/// a new article to `floor`, they only add to articles already found. Returns the
/// sums and an upper bound on the score of any article left out.
fn accumulate(h: &Header, feats: &mut Feats<'_>, qf: &[(u32, f32)], floor: f32) -> Result<(Sums, f32), Error> {
    let max = |feats: &Feats<'_>, f: u32| feats.0.get(f as usize).map_or(0.0, |x| x.entry.max);
    let len = |feats: &Feats<'_>, f: u32| feats.0.get(f as usize).map_or(0, |x| x.entry.len as usize);
    // rest[i]: the most that features i.. can add to any one article.
    let mut rest: Vec<f32> = qf.iter().rev().scan(0.0, |s, &(f, w)| {
        *s += w * max(feats, f);
        Some(*s)
    }).collect();
    rest.reverse();
    let mut sums: Sums = Vec::new();
    let mut left_out = 0.0f32;
    let mut spent = 0;
    for (&(f, w), &rest) in qf.iter().zip(rest.iter()) {
        let n = len(feats, f);
        if spent > 0 && spent + n > related::POSTINGS_BUDGET {
            left_out = left_out.max(w * max(feats, f));
            continue;
        }
        spent += n;
        let admit = rest >= floor;
        let postings = feats.postings(f, h.articles)?;
        // Both in article-number order: one merge.
        let mut merged: Sums = Vec::with_capacity(sums.len() + if admit { postings.len() } else { 0 });
        let mut refused = false;
        let mut old = sums.iter().peekable();
        for &(d, dw) in postings {
            while let Some(&e) = old.next_if(|e| e.0 < d) {
                merged.push(e);
            }
            match old.next_if(|e| e.0 == d) {
                Some(&(_, fs)) => merged.push((d, fs + w * dw)),
                None if admit => merged.push((d, w * dw)),
                None => refused = true,
            }
        }
        merged.extend(old);
        sums = merged;
        if refused {
            left_out = left_out.max(rest);
        }
    }
    Ok((sums, left_out))
}

/// What judging a candidate needs besides its docs entry.
struct Context<'a> {
    q_foreign: u64,
    /// The text's folded words, space-padded, when it is long enough to be a page's
    /// own article: an article whose headline it contains is not recommended.
    page_words: Option<String>,
    own_paths: &'a [String],
}

struct Ranked {
    number: u32,
    score: f32,
    doc: read::Doc,
}

/// The candidates of `part` with their docs entries, left out or penalised as the
/// live ranking does, in its order: best score, then newest, then by id. Also the
/// best base score among those not left out.
fn judge(h: &Header, src: &impl Source, part: &[(u32, f32)], ctx: &Context<'_>, q: &Query<'_>) -> Result<Step<(Vec<Ranked>, f32)>, Error> {
    let mut need: Vec<File> = part.iter().map(|&(d, _)| File::Docs(h.docs_file(d))).filter(|&f| src.file(f).is_none()).collect();
    if !need.is_empty() {
        crate::sort::ascending(&mut need);
        need.dedup();
        return Ok(Step::Need(need));
    }
    let mut ranked = Vec::new();
    let mut best = 0.0f32;
    let mut opened: Vec<(u32, read::Docs<'_>)> = Vec::new();
    for &(d, fs) in part {
        let k = h.docs_file(d);
        let f = File::Docs(k);
        if !opened.iter().any(|(j, _)| *j == k) {
            let docs = read::docs(src.file(f).unwrap_or_default()).map_err(bad(f))?;
            if docs.file != k {
                return Err(corrupt(f, "holds another docs file"));
            }
            opened.push((k, docs));
        }
        let Some((_, docs)) = opened.iter().find(|(j, _)| *j == k) else { continue };
        let doc = docs.get(d).map_err(bad(f))?.ok_or_else(|| corrupt(f, "an article number is missing from its docs file"))?;
        if q.exclude.contains(&doc.id) || doc.url.as_deref().and_then(key::path).is_some_and(|p| ctx.own_paths.contains(&p)) {
            continue;
        }
        if let Some(words) = &ctx.page_words {
            let key = title_key(&doc.title);
            if key.split(' ').count() >= related::HEADLINE_WORDS && crate::text::find(words, &format!(" {key} ")).is_some() {
                continue;
            }
        }
        let penalty = if related::conflicts(ctx.q_foreign, doc.foreign) { related::FOREIGN_CONFLICT } else { 1.0 };
        let base = fs * penalty;
        best = best.max(base);
        if base >= q.min_score {
            ranked.push(Ranked { number: d, score: base, doc });
        }
    }
    crate::sort::by(&mut ranked, |a, b| {
        rounded(b.score).cmp(&rounded(a.score)).then(b.doc.published.cmp(&a.doc.published)).then_with(|| a.doc.id.cmp(&b.doc.id))
    });
    Ok(Step::Done((ranked, best)))
}
