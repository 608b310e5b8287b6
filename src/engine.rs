//! One loaded dataset with its index: what the CLI and the browser both call. The
//! output types here are the JSON both print, so their fields are the API.

use crate::dataset::value::Value;
use crate::dataset::{bundled, host, Dataset, Item, Kind, Views};
use crate::error::Error;
use crate::facts::{self, Miss, Partnership, PartnershipKind};
use crate::rank::index::Index;
use crate::rank::most_read::{self, Basis, Window};
use crate::rank::related::{self, Reasons};
use crate::text::gazetteer::lookup;
use crate::text::{analyze, Analysis, Gap};
use serde::Serialize;
use std::collections::HashMap;

pub const DEFAULT_LIMIT: usize = 5;
pub const MAX_LIMIT: usize = 50;

pub struct Engine {
    data: Dataset,
    index: Index,
    views: most_read::ViewIndex,
}

/// What to find related items for, and how many.
#[derive(Debug, Clone, Default)]
pub struct RelatedQuery {
    pub article: Option<String>,
    pub text: Option<String>,
    pub limit: Option<usize>,
    pub exclude: Vec<String>,
    pub min_score: Option<f32>,
}

impl RelatedQuery {
    /// The limit and the score floor, defaulted and checked.
    pub fn checked(&self) -> Result<(usize, f32), Error> {
        let limit = limit(self.limit)?;
        let min_score = self.min_score.unwrap_or(related::MIN_SCORE);
        if !(0.0..=10.0).contains(&min_score) {
            return Err(Error::option("minScore", format!("must be from 0 to 10, got {}", crate::error::number(f64::from(min_score)))));
        }
        Ok((limit, min_score))
    }
}

#[derive(Debug, Clone, Default)]
pub struct MostReadQuery {
    pub limit: Option<usize>,
    pub window: Option<Window>,
    pub exclude: Vec<String>,
    /// Unix seconds; the current time when absent.
    pub now: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedItem {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub score: f64,
    pub reasons: Reasons,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedList {
    pub items: Vec<RelatedItem>,
    /// Why `items` is empty, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty: Option<related::Empty>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MostReadItem {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Views in the window; 0 when ranked by the prior or listed as one of the newest.
    pub views: u64,
    /// What ranked this item: its views in the window (`views`), views that include
    /// a plain count with no dates, which counts in every window (`total`), the
    /// "Đọc nhiều" prior when it has none (`prior`), or, when nothing ranked, its
    /// publication date (`newest`).
    pub basis: Basis,
    /// The "Đọc nhiều" prior, rounded.
    pub prior: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MostReadList {
    pub items: Vec<MostReadItem>,
    pub basis: Basis,
    pub window: Window,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty: Option<most_read::Empty>,
}

impl MostReadList {
    /// A list `tinbai build` stored, as a query with these exclusions and this limit
    /// sees it: the same answer the engine gives live. The newest items the build
    /// put after the ranked ones stand in only when every ranked one is excluded.
    pub fn narrowed(&self, exclude: &[String], limit: usize) -> MostReadList {
        let mut list = self.clone();
        list.items.retain(|it| !exclude.contains(&it.id));
        if list.items.iter().any(|it| it.basis != Basis::Newest) {
            list.items.retain(|it| it.basis != Basis::Newest);
        } else if !list.items.is_empty() {
            (list.basis, list.empty) = (Basis::Newest, None);
        }
        list.items.truncate(limit);
        if list.items.is_empty() && list.empty.is_none() {
            list.empty = Some(most_read::Empty::AllExcluded);
        }
        list
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn limit(l: Option<usize>) -> Result<usize, Error> {
    match l.unwrap_or(DEFAULT_LIMIT) {
        n @ 1..=MAX_LIMIT => Ok(n),
        n => Err(Error::option("limit", format!("must be from 1 to {MAX_LIMIT}, got {n}"))),
    }
}

/// Whether a text names a partner: by place (with every alias the gazetteer knows)
/// when it is one, else by its words.
struct Mention {
    place: Option<&'static str>,
    phrases: Vec<Vec<String>>,
}

impl Mention {
    fn new(p: &facts::Partner) -> Mention {
        let phrases = std::iter::once(&p.name)
            .chain(&p.aliases)
            .map(|n| analyze(n).tokens.into_iter().map(|t| t.folded).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect();
        Mention { place: lookup(&p.name).map(|pl| pl.id), phrases }
    }

    fn in_text(&self, places: &[&str], a: &Analysis) -> bool {
        self.place.is_some_and(|id| places.contains(&id))
            || self.phrases.iter().any(|ph| {
                // As a place name: not across a sentence end or a comma.
                a.tokens.windows(ph.len()).any(|w| {
                    w.iter().zip(ph).all(|(t, p)| &t.folded == p) && w.iter().skip(1).all(|t| t.gap <= Gap::Dash)
                })
            })
    }
}

/// The seed pages parsed, with the partnership facts read and checked against them
/// as a host's would be: even a warning is a bug here.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled_dataset() -> Result<Dataset, Error> {
    use crate::dataset::seed;
    let partnerships = crate::dataset::value::parse_json(bundled::PARTNERSHIPS_JSON).map_err(Error::Json)?;
    let articles = Dataset::new(seed::parse_pages(bundled::PAGES.iter().copied()), Vec::new());
    let Some(Value::Array(list)) = partnerships.get("partnerships") else {
        return Err(Error::Json("bundled partnerships: expected {\"partnerships\": [...]}".into()));
    };
    let mut problems = Vec::new();
    let mut ps = Vec::new();
    for r in facts::read_partnerships(list, &articles, &mut problems) {
        match r {
            Ok(p) => ps.push(p),
            Err(mut e) => problems.append(&mut e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Data(problems));
    }
    Ok(Dataset::new(articles.items().to_vec(), ps))
}

/// Fields a paragraph apart, so no name runs from one into the next.
fn full_text(item: &Item) -> String {
    item.texts().collect::<Vec<_>>().join("\n\n")
}

impl Engine {
    pub fn new(data: Dataset) -> Engine {
        let index = Index::build(data.items());
        let views = most_read::ViewIndex::build(data.items());
        let mut e = Engine { data, index, views };
        e.link_partnerships();
        e
    }

    /// The bundled seed dataset, parsed from the seed files.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> Result<Engine, Error> {
        bundled_dataset().map(Engine::new)
    }

    /// The bundled seed dataset, decoded from the bytes `bundled_dataset` gave at
    /// build time: the browser carries neither the seed text nor its parser.
    #[cfg(target_arch = "wasm32")]
    pub fn bundled() -> Result<Engine, Error> {
        crate::dataset::packed::decode(bundled::PACKED).map(Engine::new).map_err(|m| Error::Json(format!("bundled dataset: {m}")))
    }

    /// A host dataset; see [`host::load`].
    pub fn from_host(root: &Value, lenient: bool) -> Result<(Engine, host::Report), Error> {
        let (data, report) = host::load(root, lenient)?;
        Ok((Engine::new(data), report))
    }

    fn link_partnerships(&mut self) {
        let mut ps = self.data.partnerships().to_vec();
        let pairs = || ps.iter().filter(|p| p.kind == PartnershipKind::Partnership);
        if pairs().next().is_none() {
            return;
        }
        // Partners the gazetteer knows are found through the index's places; only a
        // partner it does not know needs the item texts read again.
        let need_text = pairs().flat_map(|p| &p.partners).any(|pt| lookup(&pt.name).is_none());
        let analyses: Vec<Analysis> = if need_text {
            self.data.items().iter().map(|it| analyze(&full_text(it))).collect()
        } else {
            vec![Analysis::default(); self.data.items().len()]
        };
        let places: Vec<Vec<&str>> =
            self.index.docs.iter().map(|d| d.places.iter().map(|p| p.id).collect()).collect();
        for p in ps.iter_mut().filter(|p| p.kind == PartnershipKind::Partnership) {
            let mentions: Vec<Mention> = p.partners.iter().map(Mention::new).collect();
            p.mentioned_in = self
                .data
                .items()
                .iter()
                .zip(places.iter().zip(&analyses))
                .filter(|(_, (places, a))| mentions.iter().all(|m| m.in_text(places, a)))
                .map(|(it, _)| it.id.clone())
                .collect();
        }
        self.data = Dataset::new(self.data.items().to_vec(), ps);
    }

    pub fn dataset(&self) -> &Dataset {
        &self.data
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    fn position(&self, id: &str) -> Result<usize, Error> {
        self.data.index_of(id).ok_or_else(|| Error::UnknownId { what: "article", id: id.to_owned() })
    }

    fn positions(&self, ids: &[String]) -> Vec<usize> {
        // Ids the dataset lacks are already absent from every list.
        ids.iter().filter_map(|id| self.data.index_of(id)).collect()
    }

    pub fn related(&self, q: &RelatedQuery) -> Result<RelatedList, Error> {
        let (limit, min_score) = q.checked()?;
        let query = match (&q.article, &q.text) {
            (Some(id), None) => related::Query::Item(self.position(id)?),
            (None, Some(t)) if !t.trim().is_empty() => related::Query::Text(t),
            (None, Some(_)) => return Err(Error::option("text", "must not be empty")),
            (Some(_), Some(_)) => return Err(Error::option("article", "give either \"article\" or \"text\", not both")),
            (None, None) => return Err(Error::option("article", "give an article id or a \"text\" to relate to")),
        };
        let exclude = self.positions(&q.exclude);
        let out = related::related(&self.index, query, &related::Options { limit, exclude: &exclude, min_score });
        let items = out
            .hits
            .into_iter()
            .filter_map(|h| {
                let it = self.data.items().get(h.doc)?;
                Some(RelatedItem {
                    id: it.id.clone(),
                    title: it.title.clone(),
                    kind: it.kind,
                    url: it.url.clone(),
                    score: round4(f64::from(h.score)),
                    reasons: h.reasons,
                })
            })
            .collect();
        Ok(RelatedList { items, empty: out.empty })
    }

    /// Most read, counting the dataset's own views plus `extra` (from a views file or
    /// the browser's log), keyed by item id.
    pub fn most_read(&self, q: &MostReadQuery, extra: &HashMap<usize, Views>) -> Result<MostReadList, Error> {
        let limit = limit(q.limit)?;
        let window = q.window.unwrap_or(Window::All);
        let exclude = self.positions(&q.exclude);
        let now = q.now.unwrap_or_else(crate::time::now);
        let out = most_read::most_read(
            &self.views,
            &self.index.hot,
            extra,
            &most_read::Options { window, now, exclude: &exclude, limit },
        );
        let items = out
            .entries
            .into_iter()
            .filter_map(|e| {
                let it = self.data.items().get(e.doc)?;
                Some(MostReadItem {
                    id: it.id.clone(),
                    title: it.title.clone(),
                    kind: it.kind,
                    url: it.url.clone(),
                    views: e.views,
                    basis: e.basis,
                    prior: round4(e.prior),
                })
            })
            .collect();
        Ok(MostReadList { items, basis: out.basis, window, empty: out.empty })
    }

    /// Partnerships with "years" derived for `year`.
    pub fn partnerships(&self, year: i64) -> Vec<Partnership> {
        self.data.partnerships().iter().map(|p| p.with_years(year)).collect()
    }

    pub fn partnership(&self, id: &str, year: i64) -> Result<Partnership, Error> {
        self.data
            .partnerships()
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.with_years(year))
            .ok_or_else(|| Error::UnknownId { what: "partnership", id: id.to_owned() })
    }

    /// Quotes missing from their sources.
    pub fn check_facts(&self) -> Vec<Miss> {
        facts::check(&self.data)
    }

    /// Read a `{"id": views}` map against this dataset.
    pub fn read_views(&self, v: &Value) -> Result<(HashMap<usize, Views>, Vec<String>), Error> {
        host::read_view_map(v, &self.data)
    }
}
