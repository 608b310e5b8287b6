//! What the command-line and ingest tests share: the binary, the fixtures and
//! scratch folders.
// Each test crate uses a part of this.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `tinbai` binary run with `args`: cargo names it only to the command line's
/// own tests (cli/Cargo.toml), not to the core's.
pub fn tinbai(args: &[&str]) -> Output {
    #[allow(clippy::option_env_unwrap)]
    let bin = option_env!("CARGO_BIN_EXE_tinbai").expect("a test of the cli package");
    Command::new(bin).args(args).output().unwrap()
}

/// [`tinbai`], which must succeed.
pub fn ok(args: &[&str]) -> Output {
    let out = tinbai(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The repository's top folder: the command line's tests build in `cli/`.
pub fn root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    if dir.join("tests").is_dir() { dir.to_path_buf() } else { dir.parent().unwrap().to_path_buf() }
}

/// A path under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// An empty scratch folder of this test process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tinbai-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh copy of the fixture folder `from`, to change: the scratch folder `name`.
pub fn fixture_copy(from: &str, name: &str) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }
    let dir = temp_dir(name);
    copy(&fixture(from), &dir);
    dir
}
