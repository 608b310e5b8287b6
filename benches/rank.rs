//! Ranking speed on a synthetic newsroom of 100,000 items (`tinbai::corpus`, the
//! same generator as `tinbai corpus`). Prints a Markdown table for docs/performance.md.
//!
//!     cargo bench --bench rank

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};
use tinbai::engine::{Engine, MostReadQuery, RelatedQuery};
use tinbai::rank::most_read::Window;

const ITEMS: usize = 100_000;
const QUERIES: usize = 2_000;

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
    let items: Vec<_> = tinbai::corpus::generate(ITEMS, 1).collect();
    let start = Instant::now();
    let engine = Engine::new(tinbai::dataset::Dataset::new(items, Vec::new()));
    let build = start.elapsed();
    // A fixed stride over the ids: every run asks the same questions.
    let ids: Vec<String> = (0..QUERIES).map(|i| format!("item-{}", (i * 7919) % ITEMS)).collect();
    let texts = ["hop tac Lao Cai", "Hà Nội Île-de-France", "hội nghị hợp tác địa phương Việt Nam Pháp lần thứ 12", "văn hoá di sản du lịch Huế", "Montreuil Hải Dương đào tạo y tế"];

    let related_item = time_queries(QUERIES, |i| {
        black_box(engine.related(&RelatedQuery { article: Some(ids[i].clone()), limit: Some(5), ..Default::default() }).unwrap());
    });
    let related_text = time_queries(QUERIES, |i| {
        black_box(engine.related(&RelatedQuery { text: Some(texts[i % texts.len()].into()), limit: Some(5), ..Default::default() }).unwrap());
    });
    let none = HashMap::new();
    let most_read = time_queries(200, |_| {
        black_box(engine.most_read(&MostReadQuery { limit: Some(5), window: Some(Window::Week), now: Some(tinbai::corpus::NOW), ..Default::default() }, &none).unwrap());
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
