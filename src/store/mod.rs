//! A built index on disk: one small header and many shards, so that a page fetches
//! only the header and the one shard that holds its article.
//!
//! `tinbai build` writes it ([`build`], native only); [`read`] reads it, in the
//! browser too: every read is checked, and any byte string gives either data or a
//! [`FormatError`] naming the file part and byte offset, never a panic.
//!
//! # Format, version 1
//!
//! Integers are little-endian; `v` is an unsigned LEB128 varint (at most 5 bytes for
//! a u32, 10 for a u64). Scores and priors are stored as whole ten-thousandths,
//! exactly as the API rounds them.
//!
//! Every file starts with an 8-byte preamble, `"TBIX"`, the version (1), the file
//! kind (1 = header, 2 = shard) and two zero bytes, then its sections, each a u32
//! byte length and the body:
//!
//! - **strings**: u32 count, count + 1 u32 offsets into the bytes that follow, and the
//!   UTF-8 bytes. Every other section names a string by its number; a string used
//!   many times in a file (a title listed by many articles, a place) is stored once.
//! - header **meta**: `v` articles, `v` shards, `v` related items kept per article,
//!   i64 build time (Unix seconds: the clock most-read was ranked at).
//! - header **most-read**: for each window (24h, 7d, 30d, all): u8 basis (0 views,
//!   1 prior, 2 newest), u8 empty reason (0 none, 1 no views in window, 2 no views
//!   and no prior, 3 all excluded), `v` n, then n entries of a listed item, `v` views
//!   (u64), u8 basis (0 views, 1 prior, 2 newest, 3 total: views that include an
//!   undated count) and `v` prior. A list whose ranked entries are fewer than
//!   [`MOST_READ_KEPT`] continues with the newest other items, basis 2: the
//!   fallback for a page that excludes every ranked one.
//! - shard **meta**: `v` shard number, `v` shards, `v` articles.
//! - shard **ids**: per article, sorted by id bytes, u32 id string and u32 offset of
//!   its record: a lookup is a binary search.
//! - shard **records**: per article, u8 empty reason (0 none, 1 no shared terms,
//!   2 below threshold followed by `v` best and `v` threshold, 3 all excluded),
//!   `v` n, then n related entries: a listed item, `v` score, `v` places and that
//!   many strings, `v` terms and that many strings.
//!
//! A *listed item* is `v` id, `v` title, `v` url (string number + 1; 0 for none)
//! and u8 kind (0 article, 1 infographic, 2 video): what a widget shows.
//!
//! An article lives in shard `fnv1a32(id bytes) % shards`, so a page finds its shard
//! from its id and the header alone. Files: `DIR/index.bin` and `DIR/shard-K.bin`.

pub mod read;
#[cfg(not(target_arch = "wasm32"))]
pub mod write;
#[cfg(not(target_arch = "wasm32"))]
pub mod build;

pub const MAGIC: &[u8; 4] = b"TBIX";
pub const VERSION: u8 = 1;
pub const HEADER: u8 = 1;
pub const SHARD: u8 = 2;
/// The windows most-read is precomputed for, in file order.
pub const WINDOWS: [crate::rank::most_read::Window; 4] = {
    use crate::rank::most_read::Window::*;
    [Day, Week, Month, All]
};
/// Related items kept per article: enough for the default limit of 5 with room
/// for exclusions.
pub const KEPT: usize = 10;
/// Most-read items kept per window: the largest limit, with room for exclusions.
pub const MOST_READ_KEPT: usize = 60;
pub const HEADER_FILE: &str = "index.bin";

/// Which shard an article id lives in: FNV-1a (32 bit) of its UTF-8 bytes.
pub fn shard_of(id: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

/// A shard's file name.
pub fn shard_file(k: u32) -> String {
    let mut s = String::from("shard-");
    s.push_str(&k.to_string());
    s.push_str(".bin");
    s
}

/// Bytes that are not a valid index file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// The part of the file: "preamble", "strings", "meta", "most-read", "ids", "records".
    pub section: &'static str,
    /// Byte offset in the file.
    pub offset: usize,
    pub message: &'static str,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid index file: {} at byte {}: {}", self.section, self.offset, self.message)
    }
}

impl std::error::Error for FormatError {}

fn from_fixed(v: u32) -> f64 {
    f64::from(v) / 10_000.0
}
