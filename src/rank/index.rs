//! An inverted index of weighted features: folded syllables, folded syllable pairs and
//! places, with exact (diacritic-preserving) syllables and pairs kept apart so they
//! can only add a bonus, never decide what matches.

use crate::dataset::Item;
use crate::text::gazetteer::{find_places, Place};
use crate::text::{analyze, Analysis};
use std::collections::HashMap;

/// How much each field counts towards a term's frequency.
const TITLE: f32 = 3.0;
const SUMMARY: f32 = 2.0;
const TAGS: f32 = 2.0;
const BODY: f32 = 1.0;
const CAPTION: f32 = 0.5;
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
    fn is_exact(self) -> bool {
        matches!(self, FeatureKind::ExactTerm | FeatureKind::ExactPair)
    }
}

/// Raw weighted counts for one text, before idf.
#[derive(Default, Debug)]
pub struct Counts {
    pub tf: HashMap<(FeatureKind, String), f32>,
    /// NFD lower-case surface of each term or pair, first seen.
    pub surface: HashMap<(FeatureKind, String), String>,
    pub places: Vec<&'static Place>,
}

impl Counts {
    fn bump(&mut self, kind: FeatureKind, key: String, w: f32, surface: impl FnOnce() -> String) {
        let k = (kind, key);
        if !self.surface.contains_key(&k) && matches!(kind, FeatureKind::Term | FeatureKind::Pair) {
            self.surface.insert(k.clone(), surface());
        }
        *self.tf.entry(k).or_insert(0.0) += w;
    }

    /// Add one field's text with weight `w`.
    pub fn add(&mut self, text: &str, w: f32) {
        self.add_analysis(&analyze(text), w);
    }

    pub fn add_analysis(&mut self, a: &Analysis, w: f32) {
        for t in a.tokens.iter().filter(|t| !t.stop) {
            self.bump(FeatureKind::Term, t.folded.clone(), w, || t.surface.clone());
            if t.marked {
                self.bump(FeatureKind::ExactTerm, t.exact.clone(), w, String::new);
            }
        }
        for (i, j) in a.pairs() {
            let (x, y) = (&a.tokens[i], &a.tokens[j]);
            self.bump(FeatureKind::Pair, format!("{} {}", x.folded, y.folded), w, || {
                format!("{} {}", x.surface, y.surface)
            });
            if x.marked || y.marked {
                self.bump(FeatureKind::ExactPair, format!("{} {}", x.exact, y.exact), w, String::new);
            }
        }
        for hit in find_places(a) {
            self.bump(FeatureKind::Place, hit.place.id.to_owned(), w * PLACE_BOOST, String::new);
            if !self.places.contains(&hit.place) {
                self.places.push(hit.place);
            }
        }
    }

    /// Counts for a dataset item, each field weighted by how much it says about the topic.
    pub fn of_item(item: &Item) -> Counts {
        let mut c = Counts::default();
        c.add(&item.title, TITLE);
        if let Some(s) = &item.summary {
            c.add(s, SUMMARY);
        }
        for t in &item.tags {
            c.add(t, TAGS);
        }
        for p in &item.body {
            c.add(p, BODY);
        }
        for p in &item.captions {
            c.add(p, CAPTION);
        }
        c
    }
}

pub fn title_key(title: &str) -> String {
    analyze(title).tokens.iter().map(|t| t.folded.as_str()).collect::<Vec<_>>().join(" ")
}

/// A unit-length sparse vector, sorted by feature id.
#[derive(Debug, Clone, Default)]
pub struct Vector(pub Vec<(u32, f32)>);

impl Vector {
    fn norm(&self) -> f32 {
        self.0.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
    }

    fn scaled(mut self, by: f32) -> Vector {
        if by > 0.0 {
            self.0.iter_mut().for_each(|(_, w)| *w /= by);
        }
        self
    }

    fn normalised(mut v: Vec<(u32, f32)>) -> Vector {
        v.sort_unstable_by_key(|&(f, _)| f);
        let v = Vector(v);
        let norm = v.norm();
        v.scaled(norm)
    }

    /// Keep the `n` heaviest features, then renormalise.
    pub fn top(&self, n: usize, keep: impl Fn(u32) -> bool) -> Vector {
        let mut v: Vec<_> = self.0.iter().copied().filter(|&(f, _)| keep(f)).collect();
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        Vector::normalised(v)
    }

    pub fn dot(&self, other: &Vector) -> f32 {
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < self.0.len() && j < other.0.len() {
            match self.0[i].0.cmp(&other.0[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += self.0[i].1 * other.0[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }
}

/// What the index keeps about each document.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub id: String,
    /// Folded title words: equal keys are the same headline.
    pub title_key: String,
    pub published: Option<i64>,
    pub folded: Vector,
    pub exact: Vector,
    pub places: Vec<&'static Place>,
    /// How much pivoting raised this document's weights over plain cosine.
    pub boost: f32,
}

#[derive(Debug, Default)]
pub struct Index {
    ids: HashMap<(FeatureKind, String), u32>,
    kinds: Vec<FeatureKind>,
    keys: Vec<String>,
    surfaces: Vec<String>,
    df: Vec<u32>,
    postings: Vec<Vec<(u32, f32)>>,
    pub docs: Vec<Doc>,
}

impl Index {
    pub fn build(items: &[Item]) -> Index {
        let counts: Vec<Counts> = items.iter().map(Counts::of_item).collect();
        let mut ix = Index::default();
        for c in &counts {
            for k in c.tf.keys() {
                let f = ix.intern(k, c.surface.get(k));
                ix.df[f as usize] += 1;
            }
        }
        let n = items.len() as f32;
        let raw: Vec<(Vector, Vector)> = counts.iter().map(|c| ix.weigh(c, n)).collect();
        let mean = |pick: fn(&(Vector, Vector)) -> &Vector| {
            raw.iter().map(|r| pick(r).norm()).sum::<f32>() / n.max(1.0)
        };
        let (mean_f, mean_x) = (mean(|r| &r.0), mean(|r| &r.1));
        let pivot = |v: &Vector, mean: f32| (1.0 - PIVOT_SLOPE) * mean + PIVOT_SLOPE * v.norm();
        for (d, ((folded, exact), (c, item))) in raw.into_iter().zip(counts.iter().zip(items)).enumerate() {
            let (pf, px) = (pivot(&folded, mean_f), pivot(&exact, mean_x));
            let boost = if pf > 0.0 { folded.norm() / pf } else { 1.0 };
            let doc = Doc {
                id: item.id.clone(),
                title_key: title_key(&item.title),
                published: item.published_at,
                folded: folded.scaled(pf),
                exact: exact.scaled(px),
                places: c.places.clone(),
                boost,
            };
            for &(f, w) in doc.folded.0.iter().chain(&doc.exact.0) {
                ix.postings[f as usize].push((d as u32, w));
            }
            ix.docs.push(doc);
        }
        ix
    }

    fn intern(&mut self, k: &(FeatureKind, String), surface: Option<&String>) -> u32 {
        if let Some(&f) = self.ids.get(k) {
            return f;
        }
        let f = self.kinds.len() as u32;
        self.ids.insert(k.clone(), f);
        self.kinds.push(k.0);
        self.keys.push(k.1.clone());
        self.surfaces.push(surface.cloned().unwrap_or_default());
        self.df.push(0);
        self.postings.push(Vec::new());
        f
    }

    fn idf(&self, f: u32, n: f32) -> f32 {
        (1.0 + n / self.df[f as usize].max(1) as f32).ln()
    }

    /// tf-idf weights, folded and exact apart. Unknown features are dropped: they
    /// could not match anything anyway.
    fn weigh(&self, c: &Counts, n: f32) -> (Vector, Vector) {
        let (mut folded, mut exact) = (Vec::new(), Vec::new());
        for (k, &tf) in &c.tf {
            if let Some(&f) = self.ids.get(k) {
                let w = (1.0 + tf).ln() * self.idf(f, n);
                if k.0.is_exact() { &mut exact } else { &mut folded }.push((f, w));
            }
        }
        folded.sort_unstable_by_key(|&(f, _)| f);
        exact.sort_unstable_by_key(|&(f, _)| f);
        (Vector(folded), Vector(exact))
    }

    /// A query's unit vectors.
    pub fn vectorise(&self, c: &Counts) -> Doc {
        let (folded, exact) = self.weigh(c, self.len() as f32);
        let (nf, nx) = (folded.norm(), exact.norm());
        Doc { folded: folded.scaled(nf), exact: exact.scaled(nx), places: c.places.clone(), boost: 1.0, ..Doc::default() }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn feature(&self, kind: FeatureKind, key: &str) -> Option<u32> {
        self.ids.get(&(kind, key.to_owned())).copied()
    }

    pub fn postings(&self, f: u32) -> &[(u32, f32)] {
        &self.postings[f as usize]
    }

    pub fn df(&self, f: u32) -> u32 {
        self.df[f as usize]
    }

    pub fn kind(&self, f: u32) -> FeatureKind {
        self.kinds[f as usize]
    }

    pub fn key(&self, f: u32) -> &str {
        &self.keys[f as usize]
    }

    pub fn surface(&self, f: u32) -> &str {
        &self.surfaces[f as usize]
    }
}
