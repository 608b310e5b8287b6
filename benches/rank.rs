//! Ranking speed on a synthetic newsroom of 100,000 items: the seeds' own headlines
//! and sentences recombined, plus names drawn from a Zipf distribution over 50,000
//! made-up syllable pairs, standing in for the long tail of people, places and
//! organisations real news has. Prints a Markdown table for the README.
//!
//!     cargo bench --bench rank

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};
use tinbai::dataset::{Item, Kind, Views};
use tinbai::engine::{Engine, MostReadQuery, RelatedQuery};
use tinbai::rank::most_read::Window;

const ITEMS: usize = 100_000;
const QUERIES: usize = 2_000;

/// xorshift64*: deterministic, so every run ranks the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
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
    let syl = |x: usize| format!("{}{}", ON[x % 16], RIME[(x / 16) % 16]);
    format!("{} {}", syl(r), syl(r / 256 + r * 7))
}

fn corpus() -> Vec<Item> {
    let seed = Engine::bundled().unwrap();
    let mut sentences: Vec<String> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    for it in seed.dataset().items() {
        titles.push(it.title.clone());
        for p in it.body.iter().chain(&it.summary) {
            sentences.extend(p.split(". ").filter(|s| s.split_whitespace().count() > 5).map(str::to_owned));
        }
    }
    let places = ["Hà Nội", "Huế", "Lào Cai", "Đà Nẵng", "TP.HCM", "Toulouse", "Île-de-France", "Nouvelle-Aquitaine", "Montreuil", "Cần Thơ", "Lyon", "Quảng Ngãi"];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let now = 1_795_000_000;
    (0..ITEMS)
        .map(|i| {
            let who = name(rng.zipf(50_000));
            let title = format!("{} tại {}: {}", rng.pick(&titles), rng.pick(&places), who);
            let body = (0..2 + rng.next() % 4)
                .map(|_| format!("{} {}, {} và {}.", rng.pick(&sentences), who, name(rng.zipf(50_000)), name(rng.zipf(50_000))))
                .collect();
            let views = Views { count: rng.next() % 5000, timestamps: (0..rng.next() % 8).map(|_| now - (rng.next() % 2_592_000) as i64).collect() };
            Item { id: format!("item-{i}"), title, body, kind: Kind::Article, views: Some(views), ..Item::default() }
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn time_queries(n: usize, mut f: impl FnMut(usize)) -> (Duration, Duration, Duration) {
    let mut t: Vec<Duration> = (0..n)
        .map(|i| {
            let start = Instant::now();
            f(i);
            start.elapsed()
        })
        .collect();
    t.sort();
    (percentile(&t, 0.5), percentile(&t, 0.99), *t.last().unwrap())
}

fn us(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let seeds = time_queries(20, |_| {
        black_box(Engine::bundled().unwrap());
    });
    let items = corpus();
    let start = Instant::now();
    let engine = Engine::new(tinbai::dataset::Dataset::new(items, Vec::new()));
    let build = start.elapsed();
    let mut rng = Rng(42);
    let ids: Vec<String> = (0..QUERIES).map(|_| format!("item-{}", rng.next() % ITEMS as u64)).collect();
    let texts = ["hop tac Lao Cai", "Hà Nội Île-de-France", "hội nghị hợp tác địa phương Việt Nam Pháp lần thứ 12", "văn hoá di sản du lịch Huế", "Montreuil Hải Dương đào tạo y tế"];

    let related_item = time_queries(QUERIES, |i| {
        black_box(engine.related(&RelatedQuery { article: Some(ids[i].clone()), limit: Some(5), ..Default::default() }).unwrap());
    });
    let related_text = time_queries(QUERIES, |i| {
        black_box(engine.related(&RelatedQuery { text: Some(texts[i % texts.len()].into()), limit: Some(5), ..Default::default() }).unwrap());
    });
    let none = HashMap::new();
    let most_read = time_queries(200, |_| {
        black_box(engine.most_read(&MostReadQuery { limit: Some(5), window: Some(Window::Week), now: Some(1_795_000_000), ..Default::default() }, &none).unwrap());
    });

    println!("Native, release build, {ITEMS} synthetic items ({} distinct features), one core:\n", engine.index().features());
    println!("| operation | p50 | p99 | max |");
    println!("|---|---|---|---|");
    println!("| load the bundled seeds: parse 5 pages, build the index, link the facts | {} | {} | {} |", us(seeds.0), us(seeds.1), us(seeds.2));
    println!("| build the index of 100,000 items | {:.2} s | | |", build.as_secs_f64());
    for (name, (p50, p99, max)) in [("related, by item", related_item), ("related, free text", related_text), ("most read, 7 days", most_read)] {
        println!("| {name} | {} | {} | {} |", us(p50), us(p99), us(max));
    }
}
