//! Sites with many articles: the corpus generator, the index builder and its reader.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};
use tinbai::dataset::host;
use tinbai::dataset::value::{parse_json, Value};

fn tinbai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tinbai")).args(args).output().unwrap()
}

fn corpus(count: &str, seed: &str) -> String {
    let out = tinbai(&["corpus", "--count", count, "--seed", seed]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_corpus_is_deterministic_per_seed_and_every_line_is_a_valid_host_article() {
    let a = corpus("300", "7");
    assert_eq!(a, corpus("300", "7"));
    assert_ne!(a, corpus("300", "8"));
    let lines: Vec<Value> = a.lines().map(|l| parse_json(l).unwrap()).collect();
    assert_eq!(lines.len(), 300);
    let root = Value::Object(vec![("articles".into(), Value::Array(lines))]);
    let (data, report) = host::load(&root, false).unwrap();
    assert_eq!(data.items().len(), 300);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // Vietnamese text with the gazetteer's places, dates and views.
    let it = &data.items()[0];
    assert!(it.title.contains(" tại "), "{}", it.title);
    assert!(it.published_at.is_some() && it.views.is_some() && !it.tags.is_empty());
}

#[test]
fn corpus_needs_a_count() {
    let out = tinbai(&["corpus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--count"));
}
