//! Every input the fuzzers found a bug with, replayed through the same checks the
//! fuzz targets run (`fuzz/src/lib.rs`): `tests/fixtures/fuzz/<target>/<file>`.
//! `make fuzz` runs the fuzzers themselves.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    assert!(!files.is_empty(), "no regression inputs in {}", dir.display());
    for f in files {
        let data = std::fs::read(&f).unwrap();
        if let Err(e) = std::panic::catch_unwind(|| check(&data)) {
            let msg = e.downcast_ref::<String>().map(String::as_str).or(e.downcast_ref::<&str>().copied()).unwrap_or("");
            panic!("{} fails again: {msg}", f.display());
        }
    }
}

#[test]
fn seed_parser() {
    replay("seed", checks::seed);
}

#[test]
fn host_json() {
    replay("host_json", checks::host_json);
}

#[test]
fn host_value() {
    replay("host_value", checks::host_value);
}

#[test]
fn text() {
    replay("text", checks::text);
}

#[test]
fn view_log() {
    replay("view_log", checks::view_log);
}

#[test]
fn index_reader() {
    replay("index_reader", checks::index_reader);
}
