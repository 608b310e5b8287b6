//! A built index on disk: one small header and many small files, so that a page
//! fetches only the header and the few files its question needs.
//!
//! `tinbai build` writes it ([`build`], native only); [`read`] reads it, in the
//! browser too: every read is checked, and any byte string gives either data or a
//! [`FormatError`] naming the file part and byte offset, never a panic. [`search`]
//! answers a page's questions from the files read: an article's related list by
//! id, which article a page is ([`key`]: its URL path or headline), and related
//! items for a free text.
//!
//! # Format, version 2
//!
//! Integers are little-endian; `v` is an unsigned LEB128 varint (at most 5 bytes for
//! a u32, 10 for a u64). Scores and priors are stored as whole ten-thousandths,
//! exactly as the API rounds them.
//!
//! Every file starts with an 8-byte preamble, `"TBIX"`, the version (2), the file
//! kind (1 header, 2 shard, 3 routes, 4 terms, 5 docs, 6 facts) and two zero bytes, then its
//! sections, each a u32 byte length and the body. Every file's first section is
//! **strings**: u32 count, count + 1 u32 offsets into the bytes that follow, and the
//! UTF-8 bytes. Every other section names a string by its number; a string used many
//! times in a file (a title listed by many articles, a place) is stored once.
//!
//! A *listed item* is `v` id, `v` title, `v` url (string number + 1; 0 for none)
//! and u8 kind (0 article, 1 infographic, 2 video): what a widget shows.
//!
//! Files are found by hashing: `fnv1a32(UTF-8 bytes) % count` ([`shard_of`]), so a
//! page knows which file holds an id, a route key or a feature from the header's
//! counts alone. The header holds no per-article data: it stays a few KB however
//! large the site.
//!
//! - `index.bin`, the **header** (kind 1): strings; **meta**: `v` articles, `v`
//!   shards, `v` related items kept per article, i64 build time (Unix seconds: the
//!   clock most-read was ranked at), `v` routes files, `v` terms files, `v` articles
//!   per docs file; **most-read**: for each window (24h, 7d, 30d, all): u8 basis (0
//!   views, 1 prior, 2 newest), u8 empty reason (0 none, 1 no views in window, 2 no
//!   views and no prior, 3 all excluded), `v` n, then n entries of a listed item, `v`
//!   views (u64), u8 basis (0 views, 1 prior, 2 newest, 3 total: views that include
//!   an undated count) and `v` prior. A list whose ranked entries are fewer than
//!   [`MOST_READ_KEPT`] continues with the newest other items, basis 2: the fallback
//!   for a page that excludes every ranked one.
//! - `shard-K.bin` (kind 2): the related lists of the articles whose id hashes to K.
//!   **meta**: `v` K, `v` shards, `v` articles; **ids**: per article, sorted by id
//!   bytes, u32 id string and u32 offset of its record (a lookup is a binary
//!   search); **records**: per article, u8 empty reason (0 none, 1 no shared terms,
//!   2 below threshold followed by `v` best and `v` threshold, 3 all excluded), `v`
//!   n, then n related entries: a listed item, `v` score, `v` places and that many
//!   strings, `v` terms and that many strings.
//! - `routes-K.bin` (kind 3): which article a page is. A route key is an article's
//!   URL path or its headline, normalised by [`key`] (a path starts with `/`, a
//!   headline key with `t:`); every article has a headline route, and a path route
//!   when it has a URL. On two articles with one key, the first in the input keeps
//!   it. **meta**: `v` K, `v` routes files, `v` routes; **routes**: per route whose
//!   key hashes to K, sorted by key bytes, u32 key string, u32 article id string and
//!   u32 the shard holding its record.
//! - `terms-K.bin` (kind 4): postings for free text, Pagefind-style: the features
//!   (see [`crate::rank::index`]) whose *tagged key* hashes to K. A tagged key is the
//!   feature's kind, one character (`t` folded syllable, `p` folded syllable pair,
//!   `@` place id), then its key: `thop`, `pha noi`, `@ha-noi`. Left out: features
//!   in more than 30% of the articles (a query never uses them) and the exact,
//!   diacritic-keeping ones (they only reorder matches, and would double the
//!   files). **meta**: `v` K, `v` terms files, `v` features; **features**: per
//!   feature, sorted by tagged-key bytes, u32 key string and u32 offset of its
//!   postings; **postings**: per feature, `v` document frequency, `v` surface form
//!   as a reader would see it (string number + 1; 0 when it is the key itself), u32
//!   the largest weight (f32 bits), `v` cohesion (ten-thousandths; pairs only), `v`
//!   n, then n postings in article-number order: `v` gap from the previous article
//!   number (the first from 0) and u16 the weight as a fraction of the largest
//!   (`largest × w / 65535`).
//! - `docs-K.bin` (kind 5): what free-text results show, by article number: file K
//!   holds articles `K × per` to `K × per + per - 1` (`per` from the header; numbers
//!   in input order). **meta**: `v` K, `v` first article number, `v` articles;
//!   **offsets**: per article, u32 offset of its entry; **entries**: a listed item,
//!   `v64` published (0 none, else the zigzag-coded Unix seconds + 1), `v64` the
//!   foreign countries it names (bits, see [`crate::text::gazetteer::foreign_mask`])
//!   and u32 `fnv1a32` of its folded headline (equal headlines are one story).
//! - `facts.bin` (kind 6): the partnership fact cards, whole, so a page renders them
//!   with no engine ([`read::facts`]). Optional: an index without it has no facts.
//!   **meta**: u8 cite (1: the bundled facts, shown on a site that has no pages for
//!   their sources, which are then cited, not linked), `v` partnerships, `v` items;
//!   **partnerships**: per partnership, `v` id, u8 kind (0 partnership, 1 overview),
//!   `v` title, `v` partners (each `v` name and a string list of aliases), `v` facts,
//!   and a string list of the items that mention every partner. A fact is `v` key,
//!   `v` label, u8 disputed (0 or 1), `v` derived (string number + 1; 0 for none)
//!   and `v` versions, each a value (u8 0 then `v64` zigzag number, 1 then a string,
//!   2 then a string list), u8 at least (0 or 1) and `v` sources, each `v` item id
//!   and `v` quote. A string list is `v` n and n strings. **items**: the items that
//!   sources and mentions name, sorted by id bytes, each a listed item, `v` published
//!   as the data wrote it and `v` image (each string number + 1; 0 for none).
//!
//! An article lives in shard `fnv1a32(id) % shards`, so a page finds its record from
//! its id and the header alone; a page that knows only its URL or headline first
//! reads the routes file its key hashes to.

pub mod key;
pub mod read;
pub mod search;
#[cfg(not(target_arch = "wasm32"))]
pub mod write;
#[cfg(not(target_arch = "wasm32"))]
pub mod build;

pub const MAGIC: &[u8; 4] = b"TBIX";
pub const VERSION: u8 = 2;
pub const HEADER: u8 = 1;
pub const SHARD: u8 = 2;
pub const ROUTES: u8 = 3;
pub const TERMS: u8 = 4;
pub const DOCS: u8 = 5;
pub const FACTS: u8 = 6;
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
/// Not a [`File`]: it is fetched whole with the header, never by a key's hash.
pub const FACTS_FILE: &str = "facts.bin";

/// Which of `n` files a key lives in: FNV-1a (32 bit) of its UTF-8 bytes, mod `n`.
/// Article ids (shards), route keys (routes files) and tagged feature keys (terms
/// files) are all placed by it.
pub fn shard_of(key: &str, n: u32) -> u32 {
    fnv1a32(key) % n.max(1)
}

pub fn fnv1a32(s: &str) -> u32 {
    fnv1a32_more(0x811c_9dc5, s.as_bytes())
}

/// FNV-1a continued over more bytes: `fnv1a32_more(fnv1a32(a), b)` is
/// `fnv1a32(a + b)`, with no string built.
pub fn fnv1a32_more(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

/// One file of a built index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum File {
    Header,
    Shard(u32),
    Routes(u32),
    Terms(u32),
    Docs(u32),
    /// `facts.bin`: the partnership cards' data.
    Facts,
}

impl File {
    /// The file an index directory's `name` is, if it is one.
    pub fn from_name(name: &str) -> Option<File> {
        if name == HEADER_FILE {
            return Some(File::Header);
        }
        if name == FACTS_FILE {
            return Some(File::Facts);
        }
        let (stem, k) = name.strip_suffix(".bin")?.rsplit_once('-')?;
        let k: u32 = k.parse().ok().filter(|_| !k.starts_with('+'))?;
        Some(match stem {
            "shard" => File::Shard(k),
            "routes" => File::Routes(k),
            "terms" => File::Terms(k),
            "docs" => File::Docs(k),
            _ => return None,
        })
    }

    /// Its name in the index directory.
    pub fn name(self) -> String {
        let (stem, k) = match self {
            File::Header => return HEADER_FILE.to_owned(),
            File::Facts => return FACTS_FILE.to_owned(),
            File::Shard(k) => ("shard-", k),
            File::Routes(k) => ("routes-", k),
            File::Terms(k) => ("terms-", k),
            File::Docs(k) => ("docs-", k),
        };
        let mut s = String::from(stem);
        s.push_str(&k.to_string());
        s.push_str(".bin");
        s
    }

    /// The file kind its preamble names.
    pub fn kind(self) -> u8 {
        match self {
            File::Header => HEADER,
            File::Shard(_) => SHARD,
            File::Routes(_) => ROUTES,
            File::Terms(_) => TERMS,
            File::Docs(_) => DOCS,
            File::Facts => FACTS,
        }
    }
}

/// A shard's file name.
pub fn shard_file(k: u32) -> String {
    File::Shard(k).name()
}

/// Bytes that are not a valid index file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// The part of the file: "preamble", "strings", "meta", "most-read", "ids",
    /// "records", "routes", "features", "postings", "offsets", "entries", "partnerships",
    /// "items", "end".
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
