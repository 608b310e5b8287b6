//! `tinbai build`: a site's articles in, an index directory out (native only).
//!
//! JSONL input is streamed: lines are read in batches, parsed, checked (by the host
//! dataset's own validator) and analysed on every core, and only the counts the
//! index needs are kept, never the texts. Every other input (a dataset `.json`, a
//! feed, a site's pages) is read whole by `ingest` first, then checked and analysed
//! in the same batches. The related lists are then ranked per shard, on every core,
//! each shard written as soon as it is done.

use super::read::Facts;
use super::{fnv1a32, fnv1a32_more, key, read, shard_of, write, File, FACTS_FILE, KEPT, MOST_READ_KEPT, WINDOWS};
use crate::dataset::host::{read_shaped, Shape};
use crate::dataset::value::{parse_json, Value};
use crate::ingest::{views, Article, Source};
use crate::dataset::host::{load_entries, Report};
use crate::dataset::{Dataset, Item};
use crate::engine::{Engine, RelatedItem, RelatedList};
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

/// Routes per routes file: about 40 KB.
pub const ROUTES_PER_FILE: usize = 512;
/// Articles per docs file: about 10 KB, so a free-text result fetches little.
pub const DOCS_PER_FILE: u32 = 64;
/// What a terms file should weigh, roughly: a free text reads up to
/// [`super::search::MAX_TERMS_FILES`] of them.
pub const TERMS_FILE_BYTES: usize = 32 * 1024;

#[derive(Debug, Default)]
pub struct Summary {
    pub articles: usize,
    pub shards: u32,
    pub header_bytes: usize,
    pub shard_bytes: usize,
    pub routes: u32,
    pub routes_bytes: usize,
    pub terms: u32,
    pub terms_bytes: usize,
    pub docs: u32,
    pub docs_bytes: usize,
    /// Partnerships in facts.bin, and its size.
    pub partnerships: usize,
    pub facts_bytes: usize,
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
    Value(String, Shape, Value),
    /// An article that could not be read, and why.
    Bad(String, String),
    /// An article already checked (the bundled seeds).
    Item(String, Box<Item>),
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
        let (at, shape, value) = match raw {
            Raw::Value(at, shape, v) => (at, shape, v),
            Raw::Bad(at, message) => {
                c.problems.push(Problem { at, id: None, field: None, message });
                continue;
            }
            Raw::Item(at, item) => {
                c.items.push((at, *item));
                continue;
            }
            Raw::Line(n, text) => {
                let at = format!("line {n}");
                match parse_json(&text) {
                    Ok(v) => (at, Shape::Dataset, v),
                    Err(message) => {
                        c.problems.push(Problem { at, id: None, field: None, message });
                        continue;
                    }
                }
            }
        };
        match read_shaped(&value, at.clone(), shape, &mut c.warnings) {
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
            self.items.extend(batch.1);
        }
        Ok(())
    }
}

fn io(path: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

/// What to build from.
pub enum Input<'a> {
    /// A JSONL file, streamed.
    Jsonl(&'a Path),
    /// Articles `ingest` has read, from the file or folder `name`.
    Read { name: &'a Path, source: Source },
    /// A dataset already checked, with its partnerships: the bundled seeds.
    Dataset { name: &'a Path, data: Dataset },
}

/// Build the index of `input` into the directory `out`, adding the views of a
/// views file (analytics export) to the articles' own.
pub fn build(input: Input<'_>, views: Option<&views::Table>, out: &Path, opts: &Options) -> Result<Summary, String> {
    let threads = opts.threads.max(1);
    let mut st = State {
        builder: Builder::default(),
        items: Vec::new(),
        first_at: HashMap::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    // The input's own partnerships, checked against its articles, for facts.bin.
    let mut own: Option<Result<(Dataset, Report), Error>> = None;
    let input = match input {
        Input::Jsonl(input) => {
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
                    Err(_) => raws.push(Raw::Bad(format!("line {n}"), "not UTF-8 text".into())),
                }
                if raws.len() == BATCH {
                    st.batch(std::mem::take(&mut raws), threads)?;
                }
            }
            st.batch(raws, threads)?;
            input
        }
        Input::Read { name, source } => {
            if !source.partnerships.is_empty() {
                own = Some(load_entries(source.entries(), &source.partnerships, opts.lenient));
            }
            st.warnings.extend(source.warnings);
            let mut raws = Vec::with_capacity(BATCH);
            for Article { at, shape, value } in source.articles {
                raws.push(match value {
                    Ok(v) => Raw::Value(at, shape, v),
                    Err(message) => Raw::Bad(at, message),
                });
                if raws.len() == BATCH {
                    st.batch(std::mem::take(&mut raws), threads)?;
                }
            }
            st.batch(raws, threads)?;
            name
        }
        Input::Dataset { name, data } => {
            let raws = data.items().iter().enumerate().map(|(i, it)| Raw::Item(format!("articles[{i}]"), Box::new(it.clone()))).collect();
            st.batch(raws, threads)?;
            if !data.partnerships().is_empty() {
                own = Some(Ok((data, Report::default())));
            }
            name
        }
    };
    if !st.problems.is_empty() && !opts.lenient {
        return Err(format!("{}: {}", input.display(), Error::Data(st.problems)));
    }
    let State { builder, mut items, problems, warnings, .. } = st;
    drop(st.first_at);
    let mut warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    // Once every article is in: a views key names an article by id before by link.
    if let Some(table) = views {
        let matched = table.assign(&items);
        for (d, v) in matched.views {
            if let Some(it) = items.get_mut(d) {
                let own = it.views.get_or_insert_with(Default::default);
                own.count = own.count.saturating_add(v.count);
                own.timestamps.extend(v.timestamps);
            }
        }
        warnings.extend(matched.warnings);
    }
    let views = ViewIndex::build(&items);
    let index = builder.finish_on(threads);
    let mut s = write_index(&index, &views, &items, out, opts, threads)?;
    s.skipped = problems.iter().map(ToString::to_string).collect();
    s.warnings = warnings;
    let own = own.transpose().map_err(|e| format!("{}: {e}", input.display()))?;
    write_facts(own, out, &mut s)?;
    Ok(s)
}

// ---- facts.bin ----

/// What the partnership card needs of `e`: its partnerships as linked (with
/// `mentioned_in`) and the items their sources and mentions name.
pub fn facts(e: &Engine, cite: bool) -> Facts {
    let ps = e.dataset().partnerships();
    let named = ps.iter().flat_map(|p| p.facts.iter().flat_map(|f| f.sources().map(|s| &s.item)).chain(&p.mentioned_in));
    let mut items: Vec<Item> = named
        .filter_map(|id| e.dataset().get(id))
        .map(|it| Item { id: it.id.clone(), title: it.title.clone(), kind: it.kind, url: it.url.clone(), published: it.published.clone(), image: it.image.clone(), ..Item::default() })
        .collect();
    items.sort_unstable_by(|a, b| a.id.as_bytes().cmp(b.id.as_bytes()));
    items.dedup_by(|b, a| a.id == b.id);
    Facts { cite, partnerships: ps.to_vec(), items }
}

/// Write `facts.bin`: the input's own partnerships when it has some (`own`), linked
/// by the engine; else the bundled facts with their sources cited, which is what the
/// browser and `--inject` show a site without its own.
fn write_facts(own: Option<(Dataset, Report)>, out: &Path, s: &mut Summary) -> Result<(), String> {
    let f = match own {
        Some((data, report)) => {
            // In lenient mode, a partnership left out is reported like an article.
            s.skipped.extend(report.skipped.into_iter().filter(|m| m.starts_with("partnerships")));
            s.warnings.extend(report.warnings.into_iter().filter(|m| m.starts_with("partnerships")));
            facts(&Engine::new(data), false)
        }
        None => facts(&Engine::bundled().map_err(|e| format!("the bundled facts: {e}"))?, true),
    };
    s.partnerships = f.partnerships.len();
    let data = write::facts(&f);
    read::facts(&data).map_err(|e| format!("internal error: {FACTS_FILE} does not read back: {e}"))?;
    let path = out.join(FACTS_FILE);
    std::fs::write(&path, &data).map_err(|e| io(&path, e))?;
    s.facts_bytes = data.len();
    Ok(())
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

/// Run `f` on every job, the jobs dealt round-robin to `threads` scoped threads so
/// that each gets a like share; the bytes each wrote, summed.
fn on_threads<J: Send>(jobs: Vec<J>, threads: usize, f: impl Fn(J) -> Result<usize, String> + Sync) -> Result<usize, String> {
    let threads = threads.max(1);
    let mut dealt: Vec<Vec<J>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, job) in jobs.into_iter().enumerate() {
        if let Some(d) = dealt.get_mut(i % threads) {
            d.push(job);
        }
    }
    let f = &f;
    let results: Vec<Result<usize, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = dealt.into_iter().map(|mine| s.spawn(move || mine.into_iter().map(f).sum::<Result<usize, String>>())).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(THREAD_FAILED.to_owned()))).collect()
    });
    results.into_iter().sum()
}

/// Write `data` as `f` in `out`, once it reads back with `check`.
fn put(out: &Path, f: File, data: &[u8], check: impl Fn(&[u8]) -> Result<(), super::FormatError>) -> Result<usize, String> {
    check(data).map_err(|e| format!("internal error: {} does not read back: {e}", f.name()))?;
    let path = out.join(f.name());
    std::fs::write(&path, data).map_err(|e| io(&path, e))?;
    Ok(data.len())
}

/// `n` things in files of about `per`: at least one file.
fn files_for(n: usize, per: usize) -> u32 {
    n.div_ceil(per.max(1)).max(1) as u32
}

fn write_index(ix: &Index, views: &ViewIndex, items: &[Item], out: &Path, opts: &Options, threads: usize) -> Result<Summary, String> {
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    let n = items.len();
    let shards = opts.shards.unwrap_or_else(|| files_for(n, ARTICLES_PER_SHARD)).max(1);
    let mut members: Vec<(u32, Vec<usize>)> = (0..shards).map(|k| (k, Vec::new())).collect();
    for (d, it) in items.iter().enumerate() {
        if let Some(m) = members.get_mut(shard_of(&it.id, shards) as usize) {
            m.1.push(d);
        }
    }
    let shard_bytes = on_threads(members, threads, |(k, docs)| {
        let mut lists: Vec<(String, RelatedList)> = docs.iter().filter_map(|&d| Some((items.get(d)?.id.clone(), related_list(ix, items, d)))).collect();
        let data = write::shard(k, shards, &mut lists);
        put(out, File::Shard(k), &data, |b| read::shard(b).map(drop))
    })?;
    let (routes, routes_bytes) = write_routes(items, shards, out, threads)?;
    let (terms, terms_bytes) = write_terms(ix, out, threads)?;
    let docs = files_for(n, DOCS_PER_FILE as usize);
    let docs_bytes = write_docs(ix, items, docs, out, threads)?;
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
    let header = read::Header {
        articles: n as u32,
        shards,
        kept: KEPT as u32,
        built_at: opts.now,
        routes,
        terms,
        docs_per_file: DOCS_PER_FILE,
        most_read: lists,
    };
    let data = write::header(&header);
    let header_bytes = put(out, File::Header, &data, |b| read::header(b).map(drop))?;
    Ok(Summary { articles: n, shards, header_bytes, shard_bytes, routes, routes_bytes, terms, terms_bytes, docs, docs_bytes, ..Summary::default() })
}

/// The routes files: every article's headline key and, when it has a URL, its
/// path key, each with the shard holding its record.
fn write_routes(items: &[Item], shards: u32, out: &Path, threads: usize) -> Result<(u32, usize), String> {
    let keys: Vec<(String, usize)> = items
        .iter()
        .enumerate()
        .flat_map(|(d, it)| it.url.as_deref().and_then(key::path).into_iter().chain(key::title(&it.title)).map(move |k| (k, d)))
        .collect();
    // At least one per four shards: on a small site with many shards (the demo's
    // seeds) a page's lookup then costs no more than its shard.
    let files = files_for(keys.len(), ROUTES_PER_FILE).max(shards / 4);
    let mut buckets: Vec<(u32, Vec<read::Route>)> = (0..files).map(|k| (k, Vec::new())).collect();
    for (key, d) in keys {
        let Some(it) = items.get(d) else { continue };
        if let Some(b) = buckets.get_mut(shard_of(&key, files) as usize) {
            b.1.push(read::Route { key, id: it.id.clone(), shard: shard_of(&it.id, shards) });
        }
    }
    let bytes = on_threads(buckets, threads, |(k, mut routes)| {
        let data = write::routes(k, files, &mut routes);
        put(out, File::Routes(k), &data, |b| read::routes(b).map(drop))
    })?;
    Ok((files, bytes))
}

/// The terms files: every feature a query may use, with its postings, each in the
/// file its tagged key hashes to; as many files as make them about
/// [`TERMS_FILE_BYTES`] each.
fn write_terms(ix: &Index, out: &Path, threads: usize) -> Result<(u32, usize), String> {
    let n = ix.len();
    // As the live query: features in most documents say nothing about a topic.
    let cap = if n >= related::MIN_DOCS_FOR_DF_CUT { ((n as f32 * related::MAX_DF_SHARE) as u32).max(2) } else { u32::MAX };
    // Exact (diacritic-keeping) features only add a bonus that reorders matches;
    // their postings would double the files.
    let kept: Vec<u32> = (0..ix.features() as u32).filter(|&f| ix.df(f) <= cap && !ix.kind(f).is_exact()).collect();
    let tagged = |f: u32| {
        let key = ix.key(f);
        let mut t = String::with_capacity(key.len() + 1);
        t.push(ix.kind(f).tag());
        t.push_str(key);
        t
    };
    // About 4 bytes a posting (gap and weight), the rest per feature.
    let bytes: usize = kept.iter().map(|&f| 12 + ix.key(f).len() + ix.surface(f).len() + 4 * ix.postings(f).len()).sum();
    let files = files_for(bytes, TERMS_FILE_BYTES);
    let mut buckets: Vec<(u32, Vec<u32>)> = (0..files).map(|k| (k, Vec::new())).collect();
    for &f in &kept {
        // `shard_of(&tagged(f), files)`, without a string per feature: there are millions.
        let tag = [ix.kind(f).tag() as u8];
        let k = fnv1a32_more(fnv1a32_more(fnv1a32(""), &tag), ix.key(f).as_bytes()) % files;
        if let Some(b) = buckets.get_mut(k as usize) {
            b.1.push(f);
        }
    }
    drop(kept);
    let bytes = on_threads(buckets, threads, |(k, fs)| {
        let mut features: Vec<read::Feature> = fs
            .into_iter()
            .map(|f| read::Feature {
                key: tagged(f),
                df: ix.df(f),
                surface: Some(ix.surface(f)).filter(|s| !s.is_empty() && *s != ix.key(f)).map(str::to_owned),
                max: ix.max_weight(f),
                cohesion: ix.cohesion(f),
                postings: ix.postings(f).to_vec(),
            })
            .collect();
        let data = write::terms(k, files, &mut features);
        put(out, File::Terms(k), &data, |b| read::terms(b).map(drop))
    })?;
    Ok((files, bytes))
}

/// The docs files: what a free-text result shows of each article, and what its
/// ranking needs, [`DOCS_PER_FILE`] articles a file in input order.
fn write_docs(ix: &Index, items: &[Item], files: u32, out: &Path, threads: usize) -> Result<usize, String> {
    let per = DOCS_PER_FILE as usize;
    on_threads((0..files).collect(), threads, |k| {
        let first = k as usize * per;
        let docs: Vec<read::Doc> = (first..(first + per).min(items.len()))
            .filter_map(|d| {
                let (it, doc) = (items.get(d)?, ix.docs.get(d)?);
                Some(read::Doc {
                    id: it.id.clone(),
                    title: it.title.clone(),
                    url: it.url.clone(),
                    kind: it.kind,
                    published: it.published_at,
                    foreign: ix.hot.check.get(d).map_or(0, |c| c.foreign),
                    title_hash: fnv1a32(&doc.title_key),
                })
            })
            .collect();
        let data = write::docs(k, first as u32, &docs);
        put(out, File::Docs(k), &data, |b| read::docs(b).map(drop))
    })
}
