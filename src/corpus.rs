//! A synthetic newsroom for scale tests and benchmarks (native only): the seeds'
//! own headlines and sentences recombined with the gazetteer's Vietnamese and French
//! place names, plus people drawn from a Zipf distribution over 50,000 made-up
//! syllable pairs, standing in for the long tail of names real news has. Every item
//! reuses the same few hundred seed sentences, so postings are far longer than in
//! real news: a hard case for the index.
//!
//! Deterministic: the same `count` and `seed` give the same items, byte for byte.
//! `tinbai corpus` writes them as JSONL, one host-dataset article per line.

use crate::dataset::{Item, Kind, Views};
use crate::engine::Engine;
use crate::text::gazetteer::{PlaceKind, PLACES};

/// The corpus clock (2026-11-17): publication dates and view times lie before it.
pub const NOW: i64 = 1_795_000_000;
const NAMES: usize = 50_000;

/// xorshift64*: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    /// SplitMix64 of the seed, so that nearby seeds give unrelated streams (and the
    /// state is never zero, which xorshift cannot leave).
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T: AsRef<str>>(&mut self, v: &'a [T]) -> &'a str {
        v.get(self.below(v.len() as u64) as usize).map_or("", AsRef::as_ref)
    }

    /// A Zipf(1)-distributed rank in 1..=n, by inverting the harmonic CDF approximately.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u)).floor().clamp(1.0, n as f64) as usize
    }
}

/// A made-up two-syllable name for rank `r`, e.g. "Khoan Thuy".
fn name(r: usize) -> String {
    const ON: [&str; 16] = ["B", "Ch", "D", "Gi", "H", "Kh", "L", "M", "Ng", "Nh", "Ph", "Qu", "S", "Th", "Tr", "V"];
    const RIME: [&str; 16] = ["an", "ang", "anh", "ao", "em", "iên", "inh", "oan", "ong", "uân", "ung", "ương", "ây", "ôi", "ưu", "yên"];
    let part = |list: &[&'static str; 16], i: usize| list.get(i % 16).copied().unwrap_or_default();
    let syl = |x: usize| format!("{}{}", part(&ON, x), part(&RIME, x / 16));
    format!("{} {}", syl(r), syl(r / 256 + r * 7))
}

/// The generator: an iterator of `count` items.
pub struct Corpus {
    titles: Vec<String>,
    sentences: Vec<String>,
    places: Vec<&'static str>,
    rng: Rng,
    next: usize,
    count: usize,
}

/// `count` items from `seed`.
pub fn generate(count: usize, seed: u64) -> Corpus {
    // The bundled seeds always load (the test suite checks it).
    let engine = Engine::bundled().ok();
    let mut titles = Vec::new();
    let mut sentences = Vec::new();
    for it in engine.iter().flat_map(|e| e.dataset().items()) {
        titles.push(it.title.clone());
        for p in it.body.iter().chain(&it.summary) {
            sentences.extend(p.split(". ").filter(|s| s.split_whitespace().count() > 5).map(str::to_owned));
        }
    }
    let places = PLACES.iter().filter(|p| matches!(p.kind, PlaceKind::Province | PlaceKind::City | PlaceKind::Region)).map(|p| p.name).collect();
    Corpus { titles, sentences, places, rng: Rng::new(seed), next: 0, count }
}

impl Iterator for Corpus {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.next >= self.count {
            return None;
        }
        let i = self.next;
        self.next += 1;
        let r = &mut self.rng;
        let who = name(r.zipf(NAMES));
        let place = r.pick(&self.places);
        let title = format!("{} tại {place}: {who}", r.pick(&self.titles));
        let mut body: Vec<String> = (0..2 + r.below(4))
            .map(|_| format!("{} {who}, {} và {}.", r.pick(&self.sentences), name(r.zipf(NAMES)), name(r.zipf(NAMES))))
            .collect();
        let published = NOW - r.below(365 * 86_400) as i64;
        let kind = match r.below(40) {
            0 => Kind::Video,
            1 => Kind::Infographic,
            _ => Kind::Article,
        };
        let mut timestamps: Vec<i64> = (0..r.below(8)).map(|_| NOW - r.below(30 * 86_400) as i64).collect();
        timestamps.sort_unstable();
        let views = Views { count: timestamps.len() as u64 + r.below(5000), timestamps };
        let id = format!("item-{i}");
        Some(Item {
            // Each article at its own page, as a site's are: pages find theirs by it.
            url: Some(format!("/tin/{id}/")),
            id,
            title,
            kind,
            published: Some(crate::time::format(published)),
            published_at: Some(published),
            summary: (!body.is_empty()).then(|| body.remove(0)),
            body,
            tags: vec![place.to_owned()],
            views: Some(views),
            ..Item::default()
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.count - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Corpus {}
