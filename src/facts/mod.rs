//! Vietnam–France partnership facts. Every number carries the item it comes from and
//! a verbatim quote; where sources disagree every version is kept and the fact is
//! marked disputed; derived values say how they were derived.

use crate::dataset::value::{Fields, Value};
use crate::dataset::Dataset;
use crate::error::Problem;
use crate::error::{number, quote};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartnershipKind {
    /// Two or more localities that cooperate.
    Partnership,
    /// Figures about the cooperation as a whole or one event.
    Overview,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    pub name: String,
    /// Other spellings to look for in the text ("Ile-de-France").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub item: String,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FactValue {
    Number(i64),
    Text(String),
    List(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Version {
    pub value: FactValue,
    /// "trên 800": the number is a lower bound.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub key: String,
    pub label: String,
    pub versions: Vec<Version>,
    /// Sources give different values; every version is kept.
    pub disputed: bool,
    /// How a value not stated outright was computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<String>,
}

impl Fact {
    /// The first version's value, which is the only one unless the fact is disputed.
    pub fn value(&self) -> Option<&FactValue> {
        self.versions.first().map(|v| &v.value)
    }

    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.versions.iter().flat_map(|v| &v.sources)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partnership {
    pub id: String,
    pub kind: PartnershipKind,
    pub title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Partner>,
    pub facts: Vec<Fact>,
    /// Items that name every partner, filled in by the engine.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentioned_in: Vec<String>,
}

impl Partnership {
    pub fn fact(&self, key: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.key == key)
    }

    /// The year cooperation began, if a source states or derives it.
    pub fn since(&self) -> Option<i64> {
        match self.fact("since")?.value()? {
            FactValue::Number(y) => Some(*y),
            _ => None,
        }
    }

    /// A copy with "years" added: the years from `since` to `year`, stating the sum.
    pub fn with_years(&self, year: i64) -> Partnership {
        let mut p = self.clone();
        if let (Some(since), None) = (self.since(), self.fact("years")) {
            if year >= since {
                let sources = self.fact("since").map(|f| f.sources().cloned().collect()).unwrap_or_default();
                p.facts.push(Fact {
                    key: "years".into(),
                    label: "Số năm hợp tác".into(),
                    versions: vec![Version { value: FactValue::Number(year - since), at_least: false, sources }],
                    disputed: false,
                    derived: Some(format!("{year} − {since}: the current year minus the year cooperation began")),
                });
            }
        }
        p
    }
}

const PARTNERSHIP_FIELDS: &[&str] = &["id", "kind", "title", "partners", "facts", "mentioned_in"];
const FACT_FIELDS: &[&str] = &["key", "label", "value", "at_least", "sources", "versions", "disputed", "derived"];

fn read_value(f: &mut Fields<'_>) -> Option<FactValue> {
    match f.value("value") {
        None => {
            f.problem("value", "missing");
            None
        }
        Some(Value::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => Some(FactValue::Number(*n as i64)),
        Some(Value::Number(n)) => {
            f.problem("value", format!("expected a whole number, got {}", number(*n)));
            None
        }
        Some(Value::String(_)) => f.string("value", true).map(FactValue::Text),
        Some(Value::Array(_)) => Some(FactValue::List(f.strings("value"))),
        Some(other) => {
            f.problem("value", format!("expected a number, a string or a list of strings, got {}", other.type_name()));
            None
        }
    }
}

fn read_sources(f: &mut Fields<'_>, data: &Dataset) -> Vec<Source> {
    let list = f.array("sources");
    if list.is_empty() {
        f.problem("sources", "every fact needs at least one source with a quote");
    }
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let mut s = match Fields::new(v, format!("{}.sources[{i}]", f.at)) {
            Ok(s) => s,
            Err(p) => {
                f.problems.push(p);
                continue;
            }
        };
        s.id = f.id.clone();
        let item = s.string("item", true);
        let quote = s.string("quote", true);
        if let Some(id) = &item {
            if data.get(id).is_none() {
                s.problem("item", format!("no item has the id {}", crate::error::quote(id)));
            }
        }
        f.problems.append(&mut s.problems);
        if let (Some(item), Some(quote)) = (item, quote) {
            out.push(Source { item, quote });
        }
    }
    out
}

fn read_version(f: &mut Fields<'_>, data: &Dataset) -> Option<Version> {
    let value = read_value(f);
    let at_least = f.boolean("at_least").unwrap_or(false);
    let sources = read_sources(f, data);
    Some(Version { value: value?, at_least, sources })
}

fn read_fact(v: &Value, at: String, pid: &Option<String>, data: &Dataset, problems: &mut Vec<Problem>) -> Option<Fact> {
    let mut f = match Fields::new(v, at) {
        Ok(f) => f,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    f.id = pid.clone();
    let key = f.string("key", true);
    let label = f.string("label", false);
    let derived = f.string("derived", false);
    let versions: Vec<Version> = if f.value("versions").is_some() {
        let list = f.array("versions");
        if list.is_empty() {
            f.problem("versions", "list at least one version, or give one \"value\" with its \"sources\"");
        }
        list.iter()
            .enumerate()
            .filter_map(|(i, v)| match Fields::new(v, format!("{}.versions[{i}]", f.at)) {
                Ok(mut vf) => {
                    vf.id = f.id.clone();
                    let version = read_version(&mut vf, data);
                    f.problems.append(&mut vf.problems);
                    version
                }
                Err(p) => {
                    f.problems.push(p);
                    None
                }
            })
            .collect()
    } else {
        read_version(&mut f, data).into_iter().collect()
    };
    let before = problems.len();
    problems.append(&mut f.problems);
    if problems.len() > before {
        return None;
    }
    let key = key?;
    let distinct = versions.first().is_some_and(|first| versions.iter().skip(1).any(|v| v.value != first.value));
    Some(Fact { label: label.unwrap_or_else(|| key.clone()), key, disputed: distinct, versions, derived })
}

fn read_partner(v: &Value, f: &mut Fields<'_>, i: usize) -> Option<Partner> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(Partner { name: crate::text::nfc(s), aliases: Vec::new() }),
        Value::Object(_) => {
            let mut p = Fields::new(v, format!("{}.partners[{i}]", f.at)).ok()?;
            p.id = f.id.clone();
            let name = p.string("name", true);
            let aliases = p.strings("aliases");
            f.problems.append(&mut p.problems);
            Some(Partner { name: name?, aliases })
        }
        other => {
            f.problem(&format!("partners[{i}]"), format!("expected a name or an object with a name, got {}", other.type_name()));
            None
        }
    }
}

/// Read the `partnerships` array of a dataset: each one, or what is wrong with it.
/// Sources must name items of `data`. Unknown fields go to `warnings`.
pub fn read_partnerships(list: &[Value], data: &Dataset, warnings: &mut Vec<Problem>) -> Vec<Result<Partnership, Vec<Problem>>> {
    let mut out: Vec<Result<Partnership, Vec<Problem>>> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let mut f = match Fields::new(v, format!("partnerships[{i}]")) {
            Ok(f) => f,
            Err(p) => {
                out.push(Err(vec![p]));
                continue;
            }
        };
        let id = f.string("id", true);
        f.id = id.clone();
        if let Some(id) = &id {
            if let Some(j) = out.iter().position(|p| p.as_ref().is_ok_and(|p| &p.id == id)) {
                f.problem("id", format!("duplicate of partnerships[{j}]"));
            }
        }
        let kind = match f.string("kind", false).as_deref() {
            None | Some("partnership") => PartnershipKind::Partnership,
            Some("overview") => PartnershipKind::Overview,
            Some(other) => {
                f.problem("kind", format!("expected \"partnership\" or \"overview\", got {}", quote(other)));
                PartnershipKind::Partnership
            }
        };
        let partners: Vec<Partner> =
            f.array("partners").iter().enumerate().filter_map(|(j, p)| read_partner(p, &mut f, j)).collect();
        let title = f.string("title", kind == PartnershipKind::Overview);
        if kind == PartnershipKind::Partnership && partners.len() < 2 {
            f.problem("partners", "a partnership names at least two partners");
        }
        let facts_v = f.array("facts");
        let mut problems = Vec::new();
        let facts: Vec<Fact> = facts_v
            .iter()
            .enumerate()
            .filter_map(|(j, fv)| read_fact(fv, format!("partnerships[{i}].facts[{j}]"), &f.id, data, &mut problems))
            .collect();
        for (j, fact) in facts.iter().enumerate() {
            if facts.iter().take(j).any(|g| g.key == fact.key) {
                f.problem("facts", format!("fact key {} appears twice", quote(&fact.key)));
            }
        }
        for u in f.unknown(PARTNERSHIP_FIELDS) {
            warnings.push(Problem { at: f.at.clone(), id: f.id.clone(), field: Some(u), message: "unknown field, ignored".into() });
        }
        for (j, fv) in facts_v.iter().enumerate() {
            if let Ok(ff) = Fields::new(fv, format!("partnerships[{i}].facts[{j}]")) {
                for u in ff.unknown(FACT_FIELDS) {
                    warnings.push(Problem { at: ff.at.clone(), id: f.id.clone(), field: Some(u), message: "unknown field, ignored".into() });
                }
            }
        }
        problems.splice(0..0, f.problems.drain(..));
        out.push(match id {
            Some(id) if problems.is_empty() => {
                let title =
                    title.unwrap_or_else(|| partners.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" – "));
                Ok(Partnership { id, kind, title, partners, facts, mentioned_in: Vec::new() })
            }
            _ => Err(problems),
        });
    }
    out
}

/// A quote that is not in its source item's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub partnership: String,
    pub fact: String,
    pub item: String,
    pub quote: String,
}

/// Every quote that its source does not contain, verbatim.
pub fn check(data: &Dataset) -> Vec<Miss> {
    let mut misses = Vec::new();
    for p in data.partnerships() {
        for fact in &p.facts {
            for s in fact.sources() {
                if !data.get(&s.item).is_some_and(|it| it.contains_quote(&s.quote)) {
                    misses.push(Miss {
                        partnership: p.id.clone(),
                        fact: fact.key.clone(),
                        item: s.item.clone(),
                        quote: s.quote.clone(),
                    });
                }
            }
        }
    }
    misses
}
