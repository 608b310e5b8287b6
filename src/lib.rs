//! tinbai's core: everything the widgets know, in plain Rust, tested natively and
//! shared by the command line (`cli/`) and the browser's wasm (`wasm/`). It must not
//! depend on wasm-bindgen, js-sys or web-sys, nor on anything that pulls Unicode or
//! locale tables into the wasm: the browser's own functions come in through
//! [`platform`].
//!
//! - [`text`]: Vietnamese normalisation, folding, syllable tokens, places.
//! - [`dataset`]: the item model, the seed-page parser and host datasets.
//! - [`rank`]: the feature index, related items and most-read.
//! - [`facts`]: sourced partnership facts and the quote check.
//! - [`engine`]: one loaded dataset with its index, and the JSON the API returns.
//! - [`markup`]: each widget as a tree, for the DOM and for static HTML alike.
//! - [`store`]: a built index, a header and shards, for sites with many articles.
//! - `corpus` (native only): a seeded synthetic newsroom for scale tests.
//! - `ingest` (native only): a site's articles from feeds, JSONL or its built HTML.
//! - [`platform`]: the hooks through which the wasm lends the browser's
//!   normalisation and number formats.
//!
//! No input may make the library panic: release builds abort on a panic, and in the
//! browser that kills the whole wasm instance. So outside tests, these lints forbid
//! indexing, slicing and unwrapping; access is checked (`get`, `split_once`…).
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]
#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;
pub mod dataset;
pub mod engine;
pub mod error;
pub mod facts;
#[cfg(not(target_arch = "wasm32"))]
pub mod ingest;
pub mod markup;
pub mod platform;
pub mod rank;
pub mod sort;
pub mod store;
pub mod text;
pub mod time;

pub use engine::Engine;
pub use error::Error;
