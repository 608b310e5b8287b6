//! An inverted index of weighted features: folded syllables, folded syllable pairs and
//! places, with exact (diacritic-preserving) syllables and pairs kept apart so they
//! can only add a bonus, never decide what matches.

use crate::dataset::Item;
use crate::text::gazetteer::{find_places, foreign_mask, Place};
use crate::text::{analyze, Analysis};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (rustc's): feature keys are short and trusted, so SipHash's DoS
/// resistance buys nothing here and costs most of the index build.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b.iter_mut().zip(chunk).for_each(|(d, s)| *d = *s);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Each document is posted under its heaviest features only (static index pruning):
/// the rest carry little of its weight but would make postings, and so queries,
/// many times longer.
const DOC_FEATURES: usize = 192;

/// Features a thread scores for cohesion at a time.
const COHESION_BLOCK: usize = 1 << 16;

/// How much each field counts towards a term's frequency.
const TITLE: f32 = 3.0;
const SUMMARY: f32 = 2.0;
const TAGS: f32 = 2.0;
const BODY: f32 = 1.0;
const CAPTION: f32 = 0.5;
/// How much a lone Vietnamese syllable counts against a syllable pair. Most
/// Vietnamese words are two syllables, so a shared word already counts three times
/// (its pair and both syllables), while one syllable shared by two different words
/// ("buổi sáng" and "buổi tối", "ghi nhận" and "ghi giờ") is weak evidence of a
/// shared topic. A word on its own ("metro", "IUU", "2026") counts fully; see
/// [`Analysis::whole_word`].
const SYLLABLE: f32 = 0.5;
/// Places are the strongest topic signal a news text has.
const PLACE_BOOST: f32 = 2.0;
/// Pivoted length normalisation (Singhal, Buckley & Mitra, 1996): plain cosine
/// over-rewards short texts, so a 40-word teaser would beat the full article it
/// teases. Documents are divided by `(1 - s) * mean_norm + s * norm` instead.
const PIVOT_SLOPE: f32 = 0.3;

/// A feature's role; exact features live in their own vector.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FeatureKind {
    Term,
    Pair,
    Place,
    ExactTerm,
    ExactPair,
}

impl FeatureKind {
    pub fn is_exact(self) -> bool {
        matches!(self, FeatureKind::ExactTerm | FeatureKind::ExactPair)
    }

    /// The first character of a feature key says its kind.
    pub fn tag(self) -> char {
        match self {
            FeatureKind::Term => 't',
            FeatureKind::Pair => 'p',
            FeatureKind::Place => '@',
            FeatureKind::ExactTerm => 'x',
            FeatureKind::ExactPair => 'y',
        }
    }

    pub fn of_tag(c: char) -> FeatureKind {
        match c {
            'p' => FeatureKind::Pair,
            '@' => FeatureKind::Place,
            'x' => FeatureKind::ExactTerm,
            'y' => FeatureKind::ExactPair,
            _ => FeatureKind::Term,
        }
    }
}

/// "t" + "hop": a feature's kind and key in one string, so lookups need no allocation.
fn feature_key(buf: &mut String, kind: FeatureKind, parts: &[&str]) {
    buf.clear();
    buf.push(kind.tag());
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        buf.push_str(p);
    }
}

/// Every feature the index has seen: its kind, key and a surface form to show.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: FxMap<String, u32>,
    kinds: Vec<FeatureKind>,
    keys: Vec<String>,
    surfaces: Vec<String>,
}

impl Vocabulary {
    fn intern(&mut self, tagged: &str, surface: impl FnOnce() -> String) -> u32 {
        if let Some(&f) = self.ids.get(tagged) {
            return f;
        }
        let f = self.kinds.len() as u32;
        self.ids.insert(tagged.to_owned(), f);
        let mut chars = tagged.chars();
        let kind = FeatureKind::of_tag(chars.next().unwrap_or('t'));
        self.kinds.push(kind);
        self.keys.push(chars.as_str().to_owned());
        self.surfaces.push(if matches!(kind, FeatureKind::Term | FeatureKind::Pair) { surface() } else { String::new() });
        f
    }
}

/// Counting a document grows the vocabulary; counting a query only looks features up,
/// since one the index has never seen cannot match anything.
pub enum Vocab<'a> {
    Grow(&'a mut Vocabulary),
    Fixed(&'a Vocabulary),
}

/// Raw weighted counts for one text, by feature id, before idf.
#[derive(Default, Debug)]
pub struct Counts {
    pub tf: FxMap<u32, f32>,
    pub places: Vec<&'static Place>,
    /// The title's folded words, when the counts are an item's.
    pub title_key: String,
    /// Counts of a query's features that no item has, by tagged key: they match
    /// nothing but are part of what the query says (see [`Index::query`]).
    unseen: FxMap<String, f32>,
    buf: String,
}

impl Counts {
    fn bump(&mut self, v: &mut Vocab<'_>, kind: FeatureKind, parts: &[&str], w: f32, surface: impl FnOnce() -> String) {
        feature_key(&mut self.buf, kind, parts);
        let id = match v {
            Vocab::Grow(voc) => Some(voc.intern(&self.buf, surface)),
            Vocab::Fixed(voc) => voc.ids.get(self.buf.as_str()).copied(),
        };
        match id {
            Some(id) => *self.tf.entry(id).or_insert(0.0) += w,
            None => *self.unseen.entry(self.buf.clone()).or_insert(0.0) += w,
        }
    }

    /// Add one field's text with weight `w`.
    pub fn add(&mut self, v: &mut Vocab<'_>, text: &str, w: f32) {
        self.add_analysis(v, &analyze(text), w);
    }

    fn add_analysis(&mut self, v: &mut Vocab<'_>, a: &Analysis, w: f32) {
        for t in a.tokens.iter().filter(|t| t.topical()) {
            let part = if a.whole_word(t) { 1.0 } else { SYLLABLE };
            self.bump(v, FeatureKind::Term, &[&t.folded], w * part, || a.surface(t));
            if t.marked {
                self.bump(v, FeatureKind::ExactTerm, &[&t.exact], w, String::new);
            }
        }
        for (i, j) in a.pairs() {
            let (Some(x), Some(y)) = (a.tokens.get(i), a.tokens.get(j)) else { continue };
            self.bump(v, FeatureKind::Pair, &[&x.folded, &y.folded], w, || format!("{} {}", a.surface(x), a.surface(y)));
            if x.marked || y.marked {
                self.bump(v, FeatureKind::ExactPair, &[&x.exact, &y.exact], w, String::new);
            }
        }
        for hit in find_places(a) {
            self.bump(v, FeatureKind::Place, &[hit.place.id], w * PLACE_BOOST, String::new);
            if !self.places.contains(&hit.place) {
                self.places.push(hit.place);
            }
        }
    }

    /// Counts for a dataset item, each field weighted by how much it says about the topic.
    pub fn of_item(v: &mut Vocab<'_>, item: &Item) -> Counts {
        let mut c = Counts::default();
        let title = analyze(&item.title);
        c.add_analysis(v, &title, TITLE);
        c.title_key = key_of(&title);
        if let Some(s) = &item.summary {
            c.add(v, s, SUMMARY);
        }
        for t in &item.tags {
            c.add(v, t, TAGS);
        }
        for p in &item.body {
            c.add(v, p, BODY);
        }
        for p in &item.captions {
            c.add(v, p, CAPTION);
        }
        c
    }
}

fn hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

fn key_of(a: &Analysis) -> String {
    a.tokens.iter().map(|t| t.folded.as_str()).collect::<Vec<_>>().join(" ")
}

/// A text's folded words, space-separated: equal keys are the same headline.
pub fn title_key(title: &str) -> String {
    key_of(&analyze(title))
}

/// A free text's features with no index to look them up in: what a query over a
/// built index's terms files asks for.
pub struct TextFeatures {
    /// Tagged key ("t" + "hop", see [`FeatureKind::tag`]), kind and weighted count.
    pub features: Vec<(String, FeatureKind, f32)>,
    pub places: Vec<&'static Place>,
}

/// Count `text` as [`Index::query`] does, keeping every feature under its tagged key.
pub fn text_features(text: &str) -> TextFeatures {
    let mut voc = Vocabulary::default();
    let mut c = Counts::default();
    c.add(&mut Vocab::Grow(&mut voc), text, 1.0);
    let mut features: Vec<(String, FeatureKind, f32)> = c
        .tf
        .iter()
        .filter_map(|(&f, &tf)| {
            let kind = *voc.kinds.get(f as usize)?;
            let mut tagged = String::new();
            feature_key(&mut tagged, kind, &[voc.keys.get(f as usize)?]);
            Some((tagged, kind, tf))
        })
        .collect();
    // In key order: the same text always gives the same list.
    crate::sort::by(&mut features, |a, b| a.0.cmp(&b.0));
    TextFeatures { features, places: c.places }
}

/// A sparse vector, sorted by feature id.
#[derive(Debug, Clone, Default)]
pub struct Vector(pub Vec<(u32, f32)>);

impl Vector {
    pub fn norm(&self) -> f32 {
        self.0.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
    }

    fn scaled(mut self, by: f32) -> Vector {
        if by > 0.0 {
            self.0.iter_mut().for_each(|(_, w)| *w /= by);
        }
        self
    }

    /// The `n` heaviest features that pass `keep`, divided by `norm`: the length of
    /// the whole vector, so what is left out still counts. Renormalising over the
    /// kept features instead would let a text's commonest and rarest words vanish
    /// from its length, and the fewer of its words others share, the more each
    /// shared one would weigh.
    pub fn top(&self, n: usize, norm: f32, keep: impl Fn(u32) -> bool) -> Vector {
        let mut v = Vec::with_capacity(self.0.len());
        v.extend(self.0.iter().copied().filter(|&(f, _)| keep(f)));
        // Selecting, not sorting, the heaviest: the order is total, so the same ones.
        crate::sort::least(&mut v, n, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        crate::sort::total_by_key(&mut v, |&(f, _)| f);
        Vector(v).scaled(norm)
    }
}

/// The few numbers a query reads for every candidate, apart from the vectors: a scan
/// over thousands of candidates then reads only these, densely packed.
#[derive(Debug, Clone, Default)]
pub struct Hot {
    /// What every candidate over the threshold is checked against, together: one
    /// memory access per candidate rather than one per field.
    pub check: Vec<Check>,
    pub published: Vec<Option<i64>>,
    /// Each id's position in sorted order, so ties break by id without a string compare.
    pub id_rank: Vec<u32>,
    /// Each document's position newest first, then by id: a related tie's whole
    /// break in one small read, where `published` and `id_rank` took two cache misses.
    pub newest_rank: Vec<u32>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Check {
    /// How much pivoting raised the document's weights over plain cosine.
    pub boost: f32,
    /// Countries other than Việt Nam that the text names, as bits.
    pub foreign: u64,
    /// A hash of the title key, compared before the key itself.
    pub title_hash: u64,
}

/// What the index keeps about each document.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub id: String,
    /// Folded title words: equal keys are the same headline.
    pub title_key: String,
    pub folded: Vector,
    pub exact: Vector,
    pub places: Vec<&'static Place>,
}

#[derive(Debug, Default)]
pub struct Index {
    vocab: Vocabulary,
    df: Vec<u32>,
    /// All postings in one array (CSR): feature `f`'s are
    /// `postings[starts[f]..starts[f + 1]]`, in document order.
    postings: Vec<(u32, f32)>,
    starts: Vec<usize>,
    /// The largest weight in each feature's postings: its most a document can gain.
    max_weight: Vec<f32>,
    /// For pairs, how much the two syllables behave as one word; see [`Index::cohesion`].
    cohesion: Vec<f32>,
    pub docs: Vec<Doc>,
    pub hot: Hot,
}

/// What the index keeps of an item while the rest arrive.
struct Pending {
    id: String,
    published: Option<i64>,
    title_key: String,
    places: Vec<&'static Place>,
    /// Weighted counts, sorted by feature id.
    tf: Vec<(u32, f32)>,
}

/// Items analysed one by one as they arrive, so a build can stream its input and
/// keep only counts, never the texts. Analysis may run on other threads, each into
/// its own [`Batch`]; merged in input order, feature ids come out exactly as if one
/// thread had read everything.
#[derive(Default)]
pub struct Builder {
    /// Everything added or merged so far, under the builder's own feature ids.
    all: Batch,
}

impl std::ops::Deref for Builder {
    type Target = Batch;
    fn deref(&self) -> &Batch {
        &self.all
    }
}

impl std::ops::DerefMut for Builder {
    fn deref_mut(&mut self) -> &mut Batch {
        &mut self.all
    }
}

/// Items analysed against a vocabulary of their own.
#[derive(Default)]
pub struct Batch {
    vocab: Vocabulary,
    pending: Vec<Pending>,
}

/// An item's counts, in no particular order: a batch's are sorted once their ids
/// are the builder's ([`Builder::merge`], [`Builder::add`]).
fn pending(v: &mut Vocabulary, item: &Item) -> Pending {
    let c = Counts::of_item(&mut Vocab::Grow(v), item);
    let tf: Vec<(u32, f32)> = c.tf.into_iter().collect();
    Pending { id: item.id.clone(), published: item.published_at, title_key: c.title_key, places: c.places, tf }
}

impl Batch {
    pub fn add(&mut self, item: &Item) {
        let p = pending(&mut self.vocab, item);
        self.pending.push(p);
    }

    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }
}

impl Builder {
    pub fn add(&mut self, item: &Item) {
        let mut p = pending(&mut self.all.vocab, item);
        crate::sort::total_by_key(&mut p.tf, |&(f, _)| f);
        self.all.pending.push(p);
    }

    /// Append a batch's items, mapping its feature ids onto the builder's.
    pub fn merge(&mut self, batch: Batch) {
        let mut tagged = String::new();
        let local = batch.vocab;
        let map: Vec<u32> = local
            .kinds
            .iter()
            .zip(&local.keys)
            .zip(&local.surfaces)
            .map(|((kind, key), surface)| {
                tagged.clear();
                tagged.push(kind.tag());
                tagged.push_str(key);
                self.all.vocab.intern(&tagged, || surface.clone())
            })
            .collect();
        for mut p in batch.pending {
            p.tf.iter_mut().for_each(|e| e.0 = map.get(e.0 as usize).copied().unwrap_or(e.0));
            crate::sort::total_by_key(&mut p.tf, |&(f, _)| f);
            self.all.pending.push(p);
        }
    }

    pub fn finish(self) -> Index {
        self.finish_on(1)
    }

    /// [`Builder::finish`], weighing documents on `threads` threads (native only):
    /// the same index, bit for bit.
    pub fn finish_on(self, threads: usize) -> Index {
        let mut ix = Index { vocab: self.all.vocab, ..Index::default() };
        let pending = self.all.pending;
        let features = ix.vocab.kinds.len();
        ix.df = vec![0; features];
        ix.max_weight = vec![0.0; features];
        for p in &pending {
            for &(f, _) in &p.tf {
                if let Some(df) = ix.df.get_mut(f as usize) {
                    *df += 1;
                }
            }
        }
        let top = |v: Vector| {
            let mut v = v.0;
            if v.len() > DOC_FEATURES {
                crate::sort::least(&mut v, DOC_FEATURES, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                crate::sort::total_by_key(&mut v, |&(f, _)| f);
            }
            // Kept for the index's life, once per document: no spare capacity.
            v.shrink_to_fit();
            Vector(v)
        };
        let n = pending.len() as f32;
        let idf: Vec<f32> = (0..features as u32).map(|f| ix.idf(f, n)).collect();
        let idf = |f: u32| idf.get(f as usize).copied().unwrap_or(0.0);
        // Two passes, weighing each document twice: the pivot needs the mean norm
        // first, and holding every weighed vector at once would double peak memory.
        // The first needs only the norms: the same sums, in the same order, as
        // [`Vector::norm`] over the weighed vectors.
        let kinds = &ix.vocab.kinds;
        let norms = par_map(pending.iter().collect(), threads, |p: &Pending| {
            let (mut nf, mut nx) = (0.0f32, 0.0f32);
            for &(f, tf) in &p.tf {
                let w = (1.0 + tf).ln() * idf(f);
                *if kind_in(kinds, f).is_exact() { &mut nx } else { &mut nf } += w * w;
            }
            (nf.sqrt(), nx.sqrt())
        });
        // Summed in document order, as one thread would.
        let (mut sum_f, mut sum_x) = (0.0f32, 0.0f32);
        for (nf, nx) in norms {
            sum_f += nf;
            sum_x += nx;
        }
        let (mean_f, mean_x) = (sum_f / n.max(1.0), sum_x / n.max(1.0));
        let pivot = |v: &Vector, mean: f32| (1.0 - PIVOT_SLOPE) * mean + PIVOT_SLOPE * v.norm();
        let weighed = par_map(pending, threads, |p: Pending| {
            let (folded, exact) = weigh(kinds, &p.tf, idf);
            let (pf, px) = (pivot(&folded, mean_f), pivot(&exact, mean_x));
            let boost = if pf > 0.0 { folded.norm() / pf } else { 1.0 };
            let hot = (boost, foreign_mask(&p.places), hash(&p.title_key), p.published);
            let doc = Doc {
                id: p.id,
                title_key: p.title_key,
                // Norms come from the whole text, before pruning, so scores stay comparable.
                folded: top(folded).scaled(pf),
                exact: top(exact).scaled(px),
                places: p.places,
            };
            (hot, doc)
        });
        for ((boost, foreign, title_hash, published), doc) in weighed {
            ix.hot.check.push(Check { boost, foreign, title_hash });
            ix.hot.published.push(published);
            ix.docs.push(doc);
        }
        // Count each feature's postings, then fill one array in document order.
        let mut starts = vec![0usize; features + 1];
        for doc in &ix.docs {
            for &(f, _) in doc.folded.0.iter().chain(&doc.exact.0) {
                if let Some(n) = starts.get_mut(f as usize + 1) {
                    *n += 1;
                }
            }
        }
        let mut total = 0;
        for s in &mut starts {
            total += *s;
            *s = total;
        }
        let mut next = starts.clone();
        ix.postings = vec![(0, 0.0); total];
        for (d, doc) in ix.docs.iter().enumerate() {
            for &(f, w) in doc.folded.0.iter().chain(&doc.exact.0) {
                if let Some(at) = next.get_mut(f as usize) {
                    if let Some(slot) = ix.postings.get_mut(*at) {
                        *slot = (d as u32, w);
                    }
                    *at += 1;
                }
                if let Some(m) = ix.max_weight.get_mut(f as usize) {
                    *m = m.max(w);
                }
            }
        }
        ix.starts = starts;
        // Millions of features at 100,000 documents: in blocks, on every thread.
        let blocks: Vec<u32> = (0..features as u32).step_by(COHESION_BLOCK).collect();
        let cohesion = par_map(blocks, threads, |from: u32| {
            let mut buf = String::new();
            let to = (from as usize + COHESION_BLOCK).min(features) as u32;
            (from..to).map(|f| ix.dice(f, &mut buf)).collect::<Vec<f32>>()
        });
        ix.cohesion = cohesion.concat();
        let mut by_id: Vec<(&str, usize)> = ix.docs.iter().enumerate().map(|(d, doc)| (doc.id.as_str(), d)).collect();
        crate::sort::ascending(&mut by_id);
        let mut id_rank = vec![0; by_id.len()];
        for (rank, (_, d)) in by_id.into_iter().enumerate() {
            if let Some(r) = id_rank.get_mut(d) {
                *r = rank as u32;
            }
        }
        let mut newest: Vec<(std::cmp::Reverse<Option<i64>>, u32, usize)> =
            ix.hot.published.iter().zip(&id_rank).enumerate().map(|(d, (&p, &r))| (std::cmp::Reverse(p), r, d)).collect();
        crate::sort::total(&mut newest, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut newest_rank = vec![0; newest.len()];
        for (rank, (_, _, d)) in newest.into_iter().enumerate() {
            if let Some(r) = newest_rank.get_mut(d) {
                *r = rank as u32;
            }
        }
        ix.hot.id_rank = id_rank;
        ix.hot.newest_rank = newest_rank;
        ix
    }
}

fn kind_in(kinds: &[FeatureKind], f: u32) -> FeatureKind {
    kinds.get(f as usize).copied().unwrap_or(FeatureKind::Term)
}

/// tf-idf weights, folded and exact apart. Unknown features are dropped: they
/// could not match anything anyway.
fn weigh<'a>(kinds: &[FeatureKind], tf: impl IntoIterator<Item = &'a (u32, f32)>, idf: impl Fn(u32) -> f32) -> (Vector, Vector) {
    let (mut folded, mut exact) = (Vec::new(), Vec::new());
    for &(f, tf) in tf {
        let w = (1.0 + tf).ln() * idf(f);
        if kind_in(kinds, f).is_exact() { &mut exact } else { &mut folded }.push((f, w));
    }
    crate::sort::total_by_key(&mut folded, |&(f, _)| f);
    crate::sort::total_by_key(&mut exact, |&(f, _)| f);
    (Vector(folded), Vector(exact))
}

/// `f` over `items`, results in order; split over `threads` threads natively. The
/// browser only loads built indexes and weighs a handful of seeds: one thread.
fn par_map<T: Send, R: Send>(items: Vec<T>, threads: usize, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    if threads > 1 && items.len() > 1 {
        let per = items.len().div_ceil(threads);
        let mut parts: Vec<Vec<T>> = Vec::new();
        let mut it = items.into_iter().peekable();
        while it.peek().is_some() {
            parts.push(it.by_ref().take(per).collect());
        }
        let f = &f;
        return std::thread::scope(|s| {
            let handles: Vec<_> = parts.into_iter().map(|p| s.spawn(move || p.into_iter().map(f).collect::<Vec<R>>())).collect();
            // A thread that panicked panics here, as it would have on this one.
            handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        });
    }
    #[cfg(target_arch = "wasm32")]
    let _ = threads;
    items.into_iter().map(f).collect()
}

impl Index {
    pub fn build(items: &[Item]) -> Index {
        let mut b = Builder::default();
        items.iter().for_each(|it| b.add(it));
        b.finish()
    }

    fn idf(&self, f: u32, n: f32) -> f32 {
        (1.0 + n / self.df(f).max(1) as f32).ln()
    }

    /// A free-text query's vectors over the features the index knows, each divided
    /// by the length of the whole text's vector. Words no item has count in that
    /// length as an item's own words count in its: a page's text then scores as the
    /// page would if it were an item, rather than putting all its weight on the few
    /// words it happens to share.
    pub fn query(&self, text: &str) -> Doc {
        let mut c = Counts::default();
        c.add(&mut Vocab::Fixed(&self.vocab), text, 1.0);
        let tf: Vec<(u32, f32)> = c.tf.iter().map(|(&f, &w)| (f, w)).collect();
        let n = self.len() as f32;
        let (folded, exact) = weigh(&self.vocab.kinds, &tf, |f| self.idf(f, n));
        // An unseen feature's idf is that of a feature one item has.
        let rare = (1.0 + n).ln();
        let (mut sf, mut sx) = (folded.norm().powi(2), exact.norm().powi(2));
        for (key, &tf) in &c.unseen {
            let w = (1.0 + tf).ln() * rare;
            let exact = key.chars().next().map(FeatureKind::of_tag).is_some_and(FeatureKind::is_exact);
            *if exact { &mut sx } else { &mut sf } += w * w;
        }
        Doc { folded: folded.scaled(sf.sqrt()), exact: exact.scaled(sx.sqrt()), places: c.places.clone(), ..Doc::default() }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// How many distinct features the index holds.
    pub fn features(&self) -> usize {
        self.vocab.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn feature(&self, kind: FeatureKind, key: &str) -> Option<u32> {
        let mut buf = String::with_capacity(key.len() + 1);
        feature_key(&mut buf, kind, &[key]);
        self.vocab.ids.get(buf.as_str()).copied()
    }

    pub fn postings(&self, f: u32) -> &[(u32, f32)] {
        let (Some(&from), Some(&to)) = (self.starts.get(f as usize), self.starts.get(f as usize + 1)) else { return &[] };
        self.postings.get(from..to).unwrap_or(&[])
    }

    /// The Dice coefficient of a pair's document frequency against its two
    /// syllables': "địa phương" scores near 1; "phương việt", cut from "địa phương
    /// Việt Nam", scores low. Zero for anything but a pair.
    fn dice(&self, pair: u32, buf: &mut String) -> f32 {
        if self.kind(pair) != FeatureKind::Pair {
            return 0.0;
        }
        let mut parts = self.key(pair).split(' ').map(|w| {
            feature_key(buf, FeatureKind::Term, &[w]);
            self.vocab.ids.get(buf.as_str()).map_or(0, |&f| self.df(f))
        });
        let (a, b) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        if a + b == 0 {
            return 0.0;
        }
        2.0 * self.df(pair) as f32 / (a + b) as f32
    }

    // Feature ids come from this index's own vocabulary; one from elsewhere reads
    // as a feature no document has.
    pub fn cohesion(&self, f: u32) -> f32 {
        self.cohesion.get(f as usize).copied().unwrap_or(0.0)
    }

    pub fn max_weight(&self, f: u32) -> f32 {
        self.max_weight.get(f as usize).copied().unwrap_or(0.0)
    }

    pub fn df(&self, f: u32) -> u32 {
        self.df.get(f as usize).copied().unwrap_or(0)
    }

    pub fn kind(&self, f: u32) -> FeatureKind {
        self.vocab.kinds.get(f as usize).copied().unwrap_or(FeatureKind::Term)
    }

    pub fn key(&self, f: u32) -> &str {
        self.vocab.keys.get(f as usize).map_or("", String::as_str)
    }

    pub fn surface(&self, f: u32) -> &str {
        self.vocab.surfaces.get(f as usize).map_or("", String::as_str)
    }
}
