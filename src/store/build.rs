//! `tinbai build`: a host dataset in, an index directory out (native only).
//!
//! JSONL input is streamed: lines are read in batches, parsed, checked (by the host
//! dataset's own validator) and analysed on every core, and only the counts the
//! index needs are kept, never the texts. A `.json` file (`{"articles": [...]}`)
//! is parsed whole first, so streaming needs JSONL. The related lists are then
//! ranked per shard, on every core, each shard written as soon as it is done.

use super::{read, shard_file, shard_of, write, HEADER_FILE, KEPT, MOST_READ_KEPT, WINDOWS};
use crate::dataset::host::read_one;
use crate::dataset::value::{parse_json, Value};
use crate::dataset::Item;
use crate::engine::{RelatedItem, RelatedList};
use crate::error::{Error, Problem};
use crate::rank::index::{Batch, Builder, Index};
use crate::rank::most_read::{self, ViewIndex};
use crate::rank::related;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// Lines read, checked and analysed together.
const BATCH: usize = 4096;
/// Articles per shard when not given: about 110 KB a shard. The page waits for its
/// article's shard before the widget shows; at 256 a shard (~400 KB) that fetch was
/// the largest part of the wait.
pub const ARTICLES_PER_SHARD: usize = 64;

pub struct Options {
    /// Skip bad articles (and report them) instead of failing.
    pub lenient: bool,
    /// The clock most-read is ranked at (Unix seconds).
    pub now: i64,
    /// How many shards; by default one per [`ARTICLES_PER_SHARD`] articles.
    pub shards: Option<u32>,
    pub threads: usize,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub articles: usize,
    pub shards: u32,
    pub header_bytes: usize,
    pub shard_bytes: usize,
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
}

/// An article's display fields, views and sidebar places: all a built index needs
/// of it once its text is counted.
fn slim(mut it: Item) -> Item {
    it.summary = None;
    it.body = Vec::new();
    it.captions = Vec::new();
    it.tags = Vec::new();
    it.image = None;
    it.source = None;
    it
}

/// One input article before checking: where it was and its JSON.
enum Raw {
    Line(usize, String),
    Value(String, Value),
}

struct Checked {
    /// Each article with where it was.
    items: Vec<(String, Item)>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

fn check(raws: Vec<Raw>) -> Checked {
    let mut c = Checked { items: Vec::new(), problems: Vec::new(), warnings: Vec::new() };
    for raw in raws {
        let (at, value) = match raw {
            Raw::Value(at, v) => (at, v),
            Raw::Line(n, text) => {
                let at = format!("line {n}");
                match parse_json(&text) {
                    Ok(v) => (at, v),
                    Err(message) => {
                        c.problems.push(Problem { at, id: None, field: None, message });
                        continue;
                    }
                }
            }
        };
        match read_one(&value, at.clone(), &mut c.warnings) {
            Ok(item) => c.items.push((at, item)),
            Err(mut ps) => c.problems.append(&mut ps),
        }
    }
    c
}

const THREAD_FAILED: &str = "a build thread failed";

/// Run `f` on `parts` of `v`, one scoped thread each, results in order.
fn parallel<T: Send, R: Send>(v: Vec<T>, threads: usize, f: impl Fn(Vec<T>) -> R + Sync) -> Result<Vec<R>, String> {
    let threads = threads.max(1);
    let per = v.len().div_ceil(threads).max(1);
    let mut parts: Vec<Vec<T>> = Vec::new();
    let mut it = v.into_iter().peekable();
    while it.peek().is_some() {
        parts.push(it.by_ref().take(per).collect());
    }
    if parts.len() <= 1 {
        return Ok(parts.into_iter().map(&f).collect());
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = parts.into_iter().map(|p| s.spawn(|| f(p))).collect();
        handles.into_iter().map(|h| h.join().map_err(|_| THREAD_FAILED.to_owned())).collect()
    })
}

/// What the build keeps while reading.
struct State {
    builder: Builder,
    views: ViewIndex,
    items: Vec<Item>,
    first_at: HashMap<String, String>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl State {
    fn batch(&mut self, raws: Vec<Raw>, threads: usize) -> Result<(), String> {
        let mut kept = Vec::new();
        // In input order, so the first of two equal ids is the one kept.
        for c in parallel(raws, threads, check)? {
            self.problems.extend(c.problems);
            self.warnings.extend(c.warnings);
            for (at, item) in c.items {
                if let Some(first) = self.first_at.get(&item.id) {
                    let message = format!("duplicate of {first}");
                    self.problems.push(Problem { at, id: Some(item.id), field: Some("id".into()), message });
                    continue;
                }
                self.first_at.insert(item.id.clone(), at);
                kept.push(item);
            }
        }
        for batch in parallel(kept, threads, |items| {
            let mut b = Batch::default();
            items.iter().for_each(|it| b.add(it));
            (b, items.into_iter().map(slim).collect::<Vec<_>>())
        })? {
            self.builder.merge(batch.0);
            for it in batch.1 {
                self.views.push(&it);
                self.items.push(it);
            }
        }
        Ok(())
    }
}

fn io(path: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

/// Build the index of `input` (`.jsonl`: one article per line; else a JSON dataset)
/// into the directory `out`.
pub fn build(input: &Path, out: &Path, opts: &Options) -> Result<Summary, String> {
    let threads = opts.threads.max(1);
    let mut st = State {
        builder: Builder::default(),
        views: ViewIndex::default(),
        items: Vec::new(),
        first_at: HashMap::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    let jsonl = input.extension().is_some_and(|e| e == "jsonl" || e == "ndjson");
    if jsonl {
        let file = std::fs::File::open(input).map_err(|e| io(input, e))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
        let mut raws = Vec::with_capacity(BATCH);
        let mut line = Vec::new();
        let mut n = 0;
        loop {
            line.clear();
            let read = reader.read_until(b'\n', &mut line).map_err(|e| io(input, e))?;
            if read == 0 {
                break;
            }
            n += 1;
            match String::from_utf8(std::mem::take(&mut line)) {
                Ok(text) if text.trim().is_empty() => {}
                Ok(text) => raws.push(Raw::Line(n, text)),
                Err(_) => st.problems.push(Problem { at: format!("line {n}"), id: None, field: None, message: "not UTF-8 text".into() }),
            }
            if raws.len() == BATCH {
                st.batch(std::mem::take(&mut raws), threads)?;
            }
        }
        st.batch(raws, threads)?;
    } else {
        let text = std::fs::read_to_string(input).map_err(|e| io(input, e))?;
        let root = parse_json(&text).map_err(|m| format!("{}: {m}", input.display()))?;
        drop(text);
        let Value::Object(fields) = root else {
            return Err(format!("{}: expected an object with \"articles\", got {}", input.display(), root.type_name()));
        };
        let mut articles = None;
        for (k, v) in fields {
            match (k.as_str(), v) {
                ("articles", Value::Array(a)) => articles = Some(a),
                ("articles", other) => return Err(format!("{}: \"articles\" must be an array, got {}", input.display(), other.type_name())),
                ("partnerships", _) => st.warnings.push(Problem { at: "dataset".into(), id: None, field: Some("partnerships".into()), message: "not part of a built index, ignored".into() }),
                _ => {}
            }
        }
        let articles = articles.ok_or_else(|| format!("{}: missing \"articles\", the list of articles", input.display()))?;
        let mut raws = Vec::with_capacity(BATCH);
        for (i, v) in articles.into_iter().enumerate() {
            raws.push(Raw::Value(format!("articles[{i}]"), v));
            if raws.len() == BATCH {
                st.batch(std::mem::take(&mut raws), threads)?;
            }
        }
        st.batch(raws, threads)?;
    }
    if !st.problems.is_empty() && !opts.lenient {
        return Err(format!("{}: {}", input.display(), Error::Data(st.problems)));
    }
    let State { builder, views, items, problems, warnings, .. } = st;
    drop(st.first_at);
    let index = builder.finish_on(threads);
    write_index(&index, &views, &items, out, opts, threads).map(|mut s| {
        s.skipped = problems.iter().map(ToString::to_string).collect();
        s.warnings = warnings.iter().map(ToString::to_string).collect();
        s
    })
}

fn related_list(ix: &Index, items: &[Item], d: usize) -> RelatedList {
    let opts = related::Options { limit: KEPT, exclude: &[], min_score: related::MIN_SCORE };
    let out = related::related(ix, related::Query::Item(d), &opts);
    let items = out
        .hits
        .into_iter()
        .filter_map(|h| {
            let it = items.get(h.doc)?;
            Some(RelatedItem {
                id: it.id.clone(),
                title: it.title.clone(),
                kind: it.kind,
                url: it.url.clone(),
                score: (f64::from(h.score) * 10_000.0).round() / 10_000.0,
                reasons: h.reasons,
            })
        })
        .collect();
    RelatedList { items, empty: out.empty }
}

fn write_index(ix: &Index, views: &ViewIndex, items: &[Item], out: &Path, opts: &Options, threads: usize) -> Result<Summary, String> {
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    let n = items.len();
    let shards = opts.shards.unwrap_or_else(|| n.div_ceil(ARTICLES_PER_SHARD).max(1) as u32).max(1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); shards as usize];
    for (d, it) in items.iter().enumerate() {
        if let Some(m) = members.get_mut(shard_of(&it.id, shards) as usize) {
            m.push(d);
        }
    }
    // Shards dealt round-robin, so every thread gets a like share of the work.
    let jobs: Vec<(u32, Vec<usize>)> = members.into_iter().enumerate().map(|(k, m)| (k as u32, m)).collect();
    let mut dealt: Vec<Vec<(u32, Vec<usize>)>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, job) in jobs.into_iter().enumerate() {
        if let Some(d) = dealt.get_mut(i % threads) {
            d.push(job);
        }
    }
    let results: Vec<Result<usize, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = dealt
            .into_iter()
            .map(|mine| {
                s.spawn(move || {
                    let mut bytes = 0;
                    for (k, docs) in mine {
                        let mut lists: Vec<(String, RelatedList)> =
                            docs.iter().filter_map(|&d| Some((items.get(d)?.id.clone(), related_list(ix, items, d)))).collect();
                        let data = write::shard(k, shards, &mut lists);
                        read::shard(&data).map_err(|e| format!("internal error: shard {k} does not read back: {e}"))?;
                        let path = out.join(shard_file(k));
                        std::fs::write(&path, &data).map_err(|e| io(&path, e))?;
                        bytes += data.len();
                    }
                    Ok(bytes)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(THREAD_FAILED.to_owned()))).collect()
    });
    let mut shard_bytes = 0;
    for r in results {
        shard_bytes += r?;
    }
    let none = HashMap::new();
    let lists: Vec<_> = WINDOWS
        .iter()
        .map(|&window| {
            let o = most_read::Options { window, now: opts.now, exclude: &[], limit: MOST_READ_KEPT };
            let mut r = most_read::most_read(views, &ix.hot, &none, &o);
            // The newest others follow the ranked items, for a page that excludes
            // every ranked one (the engine's own fallback).
            if r.basis != most_read::Basis::Newest {
                let listed: Vec<usize> = r.entries.iter().map(|e| e.doc).collect();
                let o = most_read::Options { exclude: &listed, limit: MOST_READ_KEPT.saturating_sub(listed.len()), ..o };
                r.entries.extend(most_read::newest(views, &ix.hot, &o));
            }
            crate::engine::MostReadList {
                items: r
                    .entries
                    .into_iter()
                    .filter_map(|e| {
                        let it = items.get(e.doc)?;
                        Some(crate::engine::MostReadItem {
                            id: it.id.clone(),
                            title: it.title.clone(),
                            kind: it.kind,
                            url: it.url.clone(),
                            views: e.views,
                            basis: e.basis,
                            prior: (e.prior * 10_000.0).round() / 10_000.0,
                        })
                    })
                    .collect(),
                basis: r.basis,
                window,
                empty: r.empty,
            }
        })
        .collect();
    let header = write::header(n as u32, shards, KEPT as u32, opts.now, &lists);
    // What was written must read back.
    read::header(&header).map_err(|e| format!("internal error: the header does not read back: {e}"))?;
    let path = out.join(HEADER_FILE);
    std::fs::write(&path, &header).map_err(|e| io(&path, e))?;
    Ok(Summary { articles: n, shards, header_bytes: header.len(), shard_bytes, ..Summary::default() })
}
