//! The seed pages and partnership facts compiled into the library.

/// (file name, text) of each seed page, in file-name order.
pub const PAGES: &[(&str, &str)] = &[
    ("000_eccbb825d31a92b6.txt", include_str!("../../seeds/000_eccbb825d31a92b6.txt")),
    ("001_46b3f4552a540828.txt", include_str!("../../seeds/001_46b3f4552a540828.txt")),
    ("002_b17673bf02c39bf4.txt", include_str!("../../seeds/002_b17673bf02c39bf4.txt")),
    ("003_72eb4590d053dbb4.txt", include_str!("../../seeds/003_72eb4590d053dbb4.txt")),
    ("004_921db87d3866f0f0.txt", include_str!("../../seeds/004_921db87d3866f0f0.txt")),
];

/// Partnership facts quoted from the seed pages; see the README for the schema.
pub const PARTNERSHIPS_JSON: &str = include_str!("../../seeds/partnerships.json");
