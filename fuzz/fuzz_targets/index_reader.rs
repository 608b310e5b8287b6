#![no_main]
// Checks live in src/lib.rs, shared with tests/fuzz_regressions.rs.
libfuzzer_sys::fuzz_target!(|data: &[u8]| tinbai_fuzz::index_reader(data));
