//! The dataset: articles and headline-only items, and the partnerships they describe.
//!
//! Seed pages arrive through `seed` (natively; the browser gets them pre-parsed
//! through [`packed`]), a site's own JSON through [`host`]; all end in the same
//! [`Dataset`].

pub mod bundled;
pub mod feed;
pub mod host;
pub mod packed;
#[cfg(not(target_arch = "wasm32"))]
pub mod seed;
pub mod value;

use crate::facts::Partnership;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Article,
    Infographic,
    Video,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Infographic => "infographic",
            Kind::Video => "video",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        [Kind::Article, Kind::Infographic, Kind::Video].into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a headline was shown: page, sidebar section, 1-based place in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeenIn {
    pub source: String,
    pub section: String,
    pub position: u32,
}

/// Views a host supplies for one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Views {
    /// All-time total; at least as many as there are timestamps.
    pub count: u64,
    /// Unix seconds of individual views, where the host knows them.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "ser_times")]
    pub timestamps: Vec<i64>,
}

fn ser_times<S: serde::Serializer>(t: &[i64], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(t.iter().map(|&t| crate::time::format(t)))
}

/// An article with its text, or a headline-only item seen in a sidebar or teaser.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// As the host wrote it (validated); the parsed time is `published_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip)]
    pub published_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The seed file an article was parsed from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub seen_in: Vec<SeenIn>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub views: Option<Views>,
}

impl Item {
    /// Every piece of text a reader can see, in reading order: what quotes are checked against.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.title.as_str())
            .chain(self.summary.as_deref())
            .chain(self.body.iter().map(String::as_str))
            .chain(self.captions.iter().map(String::as_str))
    }

    /// Whether a verbatim quote appears in one of the item's texts.
    pub fn contains_quote(&self, quote: &str) -> bool {
        let quote = crate::text::nfc(quote);
        !quote.trim().is_empty() && self.texts().any(|t| crate::text::find(t, &quote).is_some())
    }
}

/// Items and partnerships, with an id lookup.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    items: Vec<Item>,
    partnerships: Vec<Partnership>,
    by_id: HashMap<String, usize>,
}

impl Dataset {
    /// Ids must already be unique: the seed parser and the host loader both ensure it.
    pub fn new(items: Vec<Item>, partnerships: Vec<Partnership>) -> Dataset {
        let by_id = items.iter().enumerate().map(|(i, it)| (it.id.clone(), i)).collect();
        Dataset { items, partnerships, by_id }
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn partnerships(&self) -> &[Partnership] {
        &self.partnerships
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Item> {
        self.index_of(id).and_then(|i| self.items.get(i))
    }
}
