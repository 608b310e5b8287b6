//! The seed dataset compiled into the library: natively its source files, in the
//! browser build the bytes they give (`packed`), so the wasm holds no seed text.

/// `seeds/bundled.bin`: the seed files parsed and checked, see `packed`.
#[cfg(target_arch = "wasm32")]
pub const PACKED: &[u8] = include_bytes!("../../seeds/bundled.bin");

/// (file name, text) of each seed page, in file-name order.
#[cfg(not(target_arch = "wasm32"))]
pub const PAGES: &[(&str, &str)] = &[
    ("000_eccbb825d31a92b6.txt", include_str!("../../seeds/000_eccbb825d31a92b6.txt")),
    ("001_46b3f4552a540828.txt", include_str!("../../seeds/001_46b3f4552a540828.txt")),
    ("002_b17673bf02c39bf4.txt", include_str!("../../seeds/002_b17673bf02c39bf4.txt")),
    ("003_72eb4590d053dbb4.txt", include_str!("../../seeds/003_72eb4590d053dbb4.txt")),
    ("004_921db87d3866f0f0.txt", include_str!("../../seeds/004_921db87d3866f0f0.txt")),
];

/// Partnership facts quoted from the seed pages; see docs/datasets.md for the schema.
#[cfg(not(target_arch = "wasm32"))]
pub const PARTNERSHIPS_JSON: &str = include_str!("../../seeds/partnerships.json");
