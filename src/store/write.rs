//! Writing index files in the format of [`super`].

use super::read::{Doc, Facts, Feature, Header, Route};
use super::{DOCS, FACTS, HEADER, MAGIC, ROUTES, SHARD, TERMS, VERSION};
use crate::dataset::Kind;
use crate::engine::RelatedList;
use crate::facts::{FactValue, PartnershipKind};
use crate::rank::{most_read, related};
use crate::rank::index::FxMap;

/// Ten-thousandths, as stored.
fn to_fixed(x: f64) -> u32 {
    (x * 10_000.0).round().clamp(0.0, u32::MAX as f64) as u32
}

fn v64(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn v32(out: &mut Vec<u8>, v: u32) {
    v64(out, u64::from(v));
}

/// Parts of a file stay far under 4 GiB (a shard holds a few hundred articles);
/// one that did not would not read back, and `tinbai build` reads every file back.
fn u32le(out: &mut Vec<u8>, v: usize) {
    out.extend_from_slice(&u32::try_from(v).unwrap_or(u32::MAX).to_le_bytes());
}

/// A file's string table, each distinct string stored once. Keyed by the caller's
/// own strings: a copy of each cost a build more than the lookups.
#[derive(Default)]
struct Strings<'a> {
    ids: FxMap<&'a str, u32>,
    data: Vec<u8>,
    offsets: Vec<usize>,
}

impl<'a> Strings<'a> {
    fn with_capacity(n: usize) -> Self {
        Strings { ids: FxMap::with_capacity_and_hasher(n, Default::default()), data: Vec::new(), offsets: Vec::with_capacity(n) }
    }

    fn id(&mut self, s: &'a str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.offsets.len() as u32;
        self.offsets.push(self.data.len());
        self.data.extend_from_slice(s.as_bytes());
        self.ids.insert(s, i);
        i
    }

    fn put(&mut self, out: &mut Vec<u8>, s: &'a str) {
        let i = self.id(s);
        v32(out, i);
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + 4 * (self.offsets.len() + 1) + self.data.len());
        u32le(&mut out, self.offsets.len());
        for &o in self.offsets.iter().chain(std::iter::once(&self.data.len())) {
            u32le(&mut out, o);
        }
        out.extend_from_slice(&self.data);
        out
    }
}

fn kind(k: Kind) -> u8 {
    match k {
        Kind::Article => 0,
        Kind::Infographic => 1,
        Kind::Video => 2,
    }
}

fn listed<'a>(s: &mut Strings<'a>, out: &mut Vec<u8>, id: &'a str, title: &'a str, url: Option<&'a str>, k: Kind) {
    s.put(out, id);
    s.put(out, title);
    match url {
        Some(u) => v32(out, s.id(u) + 1),
        None => v32(out, 0),
    }
    out.push(kind(k));
}

fn file(kind: u8, sections: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + sections.iter().map(|s| s.len() + 4).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[VERSION, kind, 0, 0]);
    for s in sections {
        u32le(&mut out, s.len());
        out.extend_from_slice(s);
    }
    out
}

fn basis(b: most_read::Basis) -> u8 {
    match b {
        most_read::Basis::Views => 0,
        most_read::Basis::Prior => 1,
        most_read::Basis::Newest => 2,
        most_read::Basis::Total => 3,
    }
}

/// The header file: counts, build time, how the other files are split and the
/// most-read list of each window (in the order of [`super::WINDOWS`]).
pub fn header(h: &Header) -> Vec<u8> {
    let mut s = Strings::default();
    let mut meta = Vec::new();
    v32(&mut meta, h.articles);
    v32(&mut meta, h.shards);
    v32(&mut meta, h.kept);
    meta.extend_from_slice(&h.built_at.to_le_bytes());
    v32(&mut meta, h.routes);
    v32(&mut meta, h.terms);
    v32(&mut meta, h.docs_per_file);
    let mut body = Vec::new();
    for list in &h.most_read {
        body.push(basis(list.basis));
        body.push(match list.empty {
            None => 0,
            Some(most_read::Empty::NoViewsInWindow) => 1,
            Some(most_read::Empty::NoViewsNoPrior) => 2,
            Some(most_read::Empty::AllExcluded) => 3,
        });
        v32(&mut body, list.items.len() as u32);
        for it in &list.items {
            listed(&mut s, &mut body, &it.id, &it.title, it.url.as_deref(), it.kind);
            v64(&mut body, it.views);
            body.push(basis(it.basis));
            v32(&mut body, to_fixed(it.prior));
        }
    }
    file(HEADER, &[&s.encode(), &meta, &body])
}

/// Routes file `k` of `files`: `routes` are those whose key hashes to `k`, in any
/// order; on a repeated key the first is kept.
pub fn routes(k: u32, files: u32, routes: &mut Vec<Route>) -> Vec<u8> {
    // Stable, so that of two equal keys the first given stays first.
    crate::sort::by(routes, |a, b| a.key.as_bytes().cmp(b.key.as_bytes()));
    routes.dedup_by(|b, a| a.key == b.key);
    let mut s = Strings::default();
    let mut meta = Vec::new();
    v32(&mut meta, k);
    v32(&mut meta, files);
    v32(&mut meta, routes.len() as u32);
    let mut table = Vec::with_capacity(routes.len() * 12);
    for r in routes.iter() {
        u32le(&mut table, s.id(&r.key) as usize);
        u32le(&mut table, s.id(&r.id) as usize);
        u32le(&mut table, r.shard as usize);
    }
    file(ROUTES, &[&s.encode(), &meta, &table])
}

/// A weight as a fraction of the feature's largest, in 16 bits.
fn weight16(w: f32, max: f32) -> u16 {
    if max > 0.0 {
        (w / max * 65535.0).round().clamp(0.0, 65535.0) as u16
    } else {
        0
    }
}

/// Terms file `k` of `files`: `features` are those whose tagged key hashes to `k`,
/// in any order, each with its postings in article-number order.
pub fn terms(k: u32, files: u32, features: &mut [Feature]) -> Vec<u8> {
    features.sort_unstable_by(|a, b| a.key.as_bytes().cmp(b.key.as_bytes()));
    let mut s = Strings::default();
    let mut meta = Vec::new();
    v32(&mut meta, k);
    v32(&mut meta, files);
    v32(&mut meta, features.len() as u32);
    let (mut table, mut postings) = (Vec::with_capacity(features.len() * 8), Vec::new());
    for f in features.iter() {
        u32le(&mut table, s.id(&f.key) as usize);
        u32le(&mut table, postings.len());
        v32(&mut postings, f.df);
        match &f.surface {
            Some(t) => v32(&mut postings, s.id(t) + 1),
            None => v32(&mut postings, 0),
        }
        postings.extend_from_slice(&f.max.to_bits().to_le_bytes());
        v32(&mut postings, to_fixed(f64::from(f.cohesion)));
        v32(&mut postings, f.postings.len() as u32);
        let mut prev = 0;
        for &(d, w) in &f.postings {
            v32(&mut postings, d.saturating_sub(prev));
            prev = d;
            postings.extend_from_slice(&weight16(w, f.max).to_le_bytes());
        }
    }
    file(TERMS, &[&s.encode(), &meta, &table, &postings])
}

/// Published time as stored: 0 for none, else zigzag + 1.
fn published(p: Option<i64>) -> u64 {
    p.map_or(0, |t| (((t << 1) ^ (t >> 63)) as u64).wrapping_add(1))
}

/// Docs file `k`: the entries of articles `first`, `first + 1`, ….
pub fn docs(k: u32, first: u32, docs: &[Doc]) -> Vec<u8> {
    let mut s = Strings::default();
    let mut meta = Vec::new();
    v32(&mut meta, k);
    v32(&mut meta, first);
    v32(&mut meta, docs.len() as u32);
    let (mut offsets, mut entries) = (Vec::with_capacity(docs.len() * 4), Vec::new());
    for d in docs {
        u32le(&mut offsets, entries.len());
        listed(&mut s, &mut entries, &d.id, &d.title, d.url.as_deref(), d.kind);
        v64(&mut entries, published(d.published));
        v64(&mut entries, d.foreign);
        entries.extend_from_slice(&d.title_hash.to_le_bytes());
    }
    file(DOCS, &[&s.encode(), &meta, &offsets, &entries])
}

/// One shard: `lists` are (article id, its related list), in any order.
pub fn shard(shard: u32, shards: u32, lists: &mut [(String, RelatedList)]) -> Vec<u8> {
    lists.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    // Each list's id, and up to three strings an item, most of them distinct.
    let mut s = Strings::with_capacity(lists.iter().map(|l| 1 + 3 * l.1.items.len()).sum());
    let mut meta = Vec::new();
    v32(&mut meta, shard);
    v32(&mut meta, shards);
    v32(&mut meta, lists.len() as u32);
    let (mut ids, mut records) = (Vec::with_capacity(lists.len() * 8), Vec::new());
    for (id, list) in lists.iter() {
        u32le(&mut ids, s.id(id) as usize);
        u32le(&mut ids, records.len());
        match list.empty {
            None => records.push(0),
            Some(related::Empty::NoSharedTerms) => records.push(1),
            Some(related::Empty::BelowThreshold { best, threshold }) => {
                records.push(2);
                v32(&mut records, to_fixed(f64::from(best)));
                v32(&mut records, to_fixed(f64::from(threshold)));
            }
            Some(related::Empty::AllExcluded) => records.push(3),
        }
        v32(&mut records, list.items.len() as u32);
        for it in &list.items {
            listed(&mut s, &mut records, &it.id, &it.title, it.url.as_deref(), it.kind);
            v32(&mut records, to_fixed(it.score));
            for words in [&it.reasons.places, &it.reasons.terms] {
                v32(&mut records, words.len() as u32);
                for w in words {
                    s.put(&mut records, w);
                }
            }
        }
    }
    file(SHARD, &[&s.encode(), &meta, &ids, &records])
}

fn opt_str<'a>(s: &mut Strings<'a>, out: &mut Vec<u8>, v: Option<&'a str>) {
    match v {
        Some(x) => v32(out, s.id(x) + 1),
        None => v32(out, 0),
    }
}

fn str_list<'a>(s: &mut Strings<'a>, out: &mut Vec<u8>, list: &'a [String]) {
    v32(out, list.len() as u32);
    for x in list {
        s.put(out, x);
    }
}

/// The facts file. `f.items` may come in any order; they are written sorted by id
/// and each id once, as [`super::read::facts`] requires.
pub fn facts(f: &Facts) -> Vec<u8> {
    let mut s = Strings::default();
    let mut meta = Vec::new();
    meta.push(u8::from(f.cite));
    let mut items: Vec<&crate::dataset::Item> = f.items.iter().collect();
    items.sort_unstable_by(|a, b| a.id.as_bytes().cmp(b.id.as_bytes()));
    items.dedup_by(|b, a| a.id == b.id);
    v32(&mut meta, f.partnerships.len() as u32);
    v32(&mut meta, items.len() as u32);
    let mut ps = Vec::new();
    for p in &f.partnerships {
        s.put(&mut ps, &p.id);
        ps.push(match p.kind {
            PartnershipKind::Partnership => 0,
            PartnershipKind::Overview => 1,
        });
        s.put(&mut ps, &p.title);
        v32(&mut ps, p.partners.len() as u32);
        for pt in &p.partners {
            s.put(&mut ps, &pt.name);
            str_list(&mut s, &mut ps, &pt.aliases);
        }
        v32(&mut ps, p.facts.len() as u32);
        for fact in &p.facts {
            s.put(&mut ps, &fact.key);
            s.put(&mut ps, &fact.label);
            ps.push(u8::from(fact.disputed));
            opt_str(&mut s, &mut ps, fact.derived.as_deref());
            v32(&mut ps, fact.versions.len() as u32);
            for v in &fact.versions {
                match &v.value {
                    FactValue::Number(n) => {
                        ps.push(0);
                        v64(&mut ps, ((n << 1) ^ (n >> 63)) as u64);
                    }
                    FactValue::Text(t) => {
                        ps.push(1);
                        s.put(&mut ps, t);
                    }
                    FactValue::List(l) => {
                        ps.push(2);
                        str_list(&mut s, &mut ps, l);
                    }
                }
                ps.push(u8::from(v.at_least));
                v32(&mut ps, v.sources.len() as u32);
                for src in &v.sources {
                    s.put(&mut ps, &src.item);
                    s.put(&mut ps, &src.quote);
                }
            }
        }
        str_list(&mut s, &mut ps, &p.mentioned_in);
    }
    let mut body = Vec::new();
    for it in items {
        listed(&mut s, &mut body, &it.id, &it.title, it.url.as_deref(), it.kind);
        opt_str(&mut s, &mut body, it.published.as_deref());
        opt_str(&mut s, &mut body, it.image.as_deref());
    }
    file(FACTS, &[&s.encode(), &meta, &ps, &body])
}
