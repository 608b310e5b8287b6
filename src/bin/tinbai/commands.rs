//! The commands: dataset, related, most-read, facts.

use crate::args::{self, Args};
use serde::Serialize;
use std::collections::HashMap;
use tinbai::dataset::value::{parse_json, Value};
use tinbai::engine::{Engine, MostReadQuery, RelatedQuery};
use tinbai::markup::{self, Layout, Theme, View};
use tinbai::rank::most_read::Window;
use tinbai::{time, Error};

const USAGE: &str = "\
usage: tinbai <command> [options]

commands:
  dataset                         the dataset as {\"articles\", \"partnerships\"}
  related <id> | --text TEXT      related items, best first
      [--limit N] [--exclude ID]... [--min-score X]
  most-read                       most-read items, best first
      [--limit N] [--window 24h|7d|30d|all] [--exclude ID]...
      [--now RFC3339] [--views views.json]
  facts [--check] [--year YYYY]   partnerships and their sourced facts;
                                  --check fails on any quote missing from its source
  render related|most-read|partnership ...
                                  a widget as static HTML (same options as above,
                                  partnership takes an optional id and --year), plus
      [--lang vi|en|fr] [--heading H] [--link-template /tin/{id}] [--target T]
      [--layout list|grid|compact] [--theme auto|light|dark]
      [--heading-level 1-6] [--id-prefix P]
      [--html]                    wrapped in its script-tag placeholder, which the
                                  loader upgrades in place

  corpus --count N [--seed S] [--out FILE.jsonl]
                                  a synthetic newsroom of N articles, one host-dataset
                                  article per line (deterministic for a seed)

  build --input FILE.jsonl|FILE.json --out DIR
      [--shards N] [--now RFC3339] [--threads N] [--lenient]
                                  a built index for the browser: DIR/index.bin and
                                  DIR/shard-K.bin, each article's related list
                                  precomputed (docs/large-sites.md)

every command but corpus and build:
  --dataset FILE.json             a site's dataset instead of the bundled seeds
  --lenient                       skip bad items in --dataset (reported on stderr)
";

enum Failure {
    Usage(String),
    Run(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Run(e.to_string())
    }
}

/// Run a command line; returns the exit status.
pub fn run(raw: Vec<String>) -> i32 {
    match dispatch(&raw) {
        Ok(()) => 0,
        Err(Failure::Usage(m)) => {
            eprintln!("tinbai: {m}\n\n{USAGE}");
            2
        }
        Err(Failure::Run(m)) => {
            eprintln!("tinbai: error: {m}");
            1
        }
    }
}

fn read_json(path: &str) -> Result<Value, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| Failure::Run(format!("cannot read {path}: {e}")))?;
    parse_json(&text).map_err(|m| Failure::Run(format!("{path}: {m}")))
}

fn engine(a: &Args) -> Result<Engine, Failure> {
    match a.value("dataset") {
        None => Ok(Engine::bundled()?),
        Some(path) => {
            let (engine, report) = Engine::from_host(&read_json(path)?, a.switch("lenient"))
                .map_err(|e| Failure::Run(format!("{path}: {e}")))?;
            for s in &report.skipped {
                eprintln!("tinbai: skipped {s}");
            }
            for w in &report.warnings {
                eprintln!("tinbai: warning: {w}");
            }
            Ok(engine)
        }
    }
}

fn print<T: Serialize>(v: &T) -> Result<(), Failure> {
    let s = serde_json::to_string_pretty(v).map_err(|e| Failure::Run(e.to_string()))?;
    out(&s)
}

/// A line to stdout. A reader that stops early (`| head`) is not an error.
fn out(s: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{s}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Run(format!("cannot write the output: {e}"))),
        _ => Ok(()),
    }
}

fn parse(raw: &[String], flags: &[&str], switches: &[&str]) -> Result<Args, Failure> {
    let mut f = vec!["dataset"];
    f.extend_from_slice(flags);
    let mut s = vec!["lenient"];
    s.extend_from_slice(switches);
    args::parse(raw, &f, &s).map_err(Failure::Usage)
}

fn no_positionals(a: &Args) -> Result<(), Failure> {
    match a.positional.first() {
        Some(p) => Err(Failure::Usage(format!("unexpected argument {p:?}"))),
        None => Ok(()),
    }
}

/// Say on stderr why a list is empty, so an empty array is never a mystery.
fn explain<T: Serialize>(empty: &Option<T>) {
    if let Some(e) = empty {
        eprintln!("tinbai: empty: {}", serde_json::to_string(e).unwrap_or_default());
    }
}

const RELATED_FLAGS: &[&str] = &["limit", "text", "exclude", "min-score"];
const MOST_READ_FLAGS: &[&str] = &["limit", "window", "exclude", "now", "views"];
const VIEW_FLAGS: &[&str] = &["lang", "heading", "heading-level", "link-template", "target", "layout", "theme", "id-prefix"];

fn related_query(a: &Args) -> Result<RelatedQuery, Failure> {
    let article = match a.positional.as_slice() {
        [] => None,
        [id] => Some(id.clone()),
        [_, extra, ..] => return Err(Failure::Usage(format!("unexpected argument {extra:?}"))),
    };
    let min_score = a
        .value("min-score")
        .map(|v| v.parse::<f32>().map_err(|_| Failure::Usage(format!("--min-score expects a number, got {v:?}"))))
        .transpose()?;
    Ok(RelatedQuery {
        article,
        text: a.value("text").map(str::to_owned),
        limit: a.number("limit").map_err(Failure::Usage)?,
        exclude: a.values("exclude"),
        min_score,
    })
}

fn most_read_query(a: &Args, e: &Engine) -> Result<(MostReadQuery, HashMap<usize, tinbai::dataset::Views>), Failure> {
    let window = a
        .value("window")
        .map(|w| Window::parse(w).ok_or_else(|| Failure::Usage(format!("--window must be 24h, 7d, 30d or all, got {w:?}"))))
        .transpose()?;
    let extra = match a.value("views") {
        None => HashMap::new(),
        Some(path) => {
            let (views, unknown) = e.read_views(&read_json(path)?).map_err(|err| Failure::Run(format!("{path}: {err}")))?;
            for u in unknown {
                eprintln!("tinbai: warning: {path}: {u}");
            }
            views
        }
    };
    let q = MostReadQuery { limit: a.number("limit").map_err(Failure::Usage)?, window, exclude: a.values("exclude"), now: now(a)? };
    Ok((q, extra))
}

fn now(a: &Args) -> Result<Option<i64>, Failure> {
    a.value("now")
        .map(|n| time::parse(n).ok_or_else(|| Failure::Usage(format!("--now expects an RFC 3339 time, got {n:?}"))))
        .transpose()
}

fn view(a: &Args, prefix: &str) -> Result<View, Failure> {
    let mut v = View { id_prefix: a.value("id-prefix").unwrap_or(prefix).to_owned(), ..View::default() };
    if let Some(l) = a.value("heading-level") {
        let n = l.parse::<i64>().map_err(|_| Failure::Usage(format!("--heading-level expects 1 to 6, got {l:?}")))?;
        v.heading_level = tinbai::markup::HeadingLevel::new(n)?;
    }
    if let Some(l) = a.value("lang") {
        v = v.lang(l)?;
    }
    if let Some(h) = a.value("heading") {
        v = v.heading(h)?;
    }
    if let Some(t) = a.value("link-template") {
        v = v.link_template(t)?;
    }
    if let Some(t) = a.value("target") {
        v = v.target(t)?;
    }
    if let Some(l) = a.value("layout") {
        v.layout = Layout::parse(l)?;
    }
    if let Some(t) = a.value("theme") {
        v.theme = Theme::parse(t)?;
    }
    Ok(v)
}

/// `render <widget> ...`: the widget as static HTML, from the same tree the browser builds.
fn render(raw: &[String]) -> Result<(), Failure> {
    let Some((widget, rest)) = raw.split_first() else {
        return Err(Failure::Usage("render needs a widget: related, most-read or partnership".into()));
    };
    let flags: Vec<&str> = match widget.as_str() {
        "related" => RELATED_FLAGS.to_vec(),
        "most-read" => MOST_READ_FLAGS.to_vec(),
        "partnership" => vec!["year"],
        other => return Err(Failure::Usage(format!("unknown widget {other:?}"))),
    };
    let a = parse(rest, &[flags, VIEW_FLAGS.to_vec()].concat(), &["html"])?;
    let e = engine(&a)?;
    let tree = match widget.as_str() {
        "related" => markup::related(&e, &e.related(&related_query(&a)?)?, &view(&a, "tinbai-related")?),
        "most-read" => {
            no_positionals(&a)?;
            let (q, extra) = most_read_query(&a, &e)?;
            markup::most_read(&e, &e.most_read(&q, &extra)?, &view(&a, "tinbai-most-read")?)
        }
        _ => {
            let year = match a.value("year") {
                Some(y) => y.parse().map_err(|_| Failure::Usage(format!("--year expects a year, got {y:?}")))?,
                None => time::year(time::now()),
            };
            let p = match a.positional.as_slice() {
                [] => None,
                [id] => Some(e.partnership(id, year)?),
                [_, extra, ..] => return Err(Failure::Usage(format!("unexpected argument {extra:?}"))),
            };
            markup::partnership(&e, p.as_ref(), year, &view(&a, "tinbai-partnership")?)
        }
    };
    let tree = if a.switch("html") { placeholder(widget, &a, tree) } else { tree };
    out(&markup::to_html(&tree))
}

/// Placeholder attributes for the options a page can restate, by command-line flag.
const PLACEHOLDER_ATTRS: &[(&str, &str)] = &[
    ("text", "data-text"),
    ("limit", "data-limit"),
    ("exclude", "data-exclude"),
    ("min-score", "data-min-score"),
    ("window", "data-window"),
    ("lang", "data-lang"),
    ("heading", "data-heading"),
    ("heading-level", "data-heading-level"),
    ("link-template", "data-link-template"),
    ("target", "data-target"),
    ("layout", "data-layout"),
    ("theme", "data-theme"),
];

/// `--html`: the widget inside the placeholder the script tag would fill, with the
/// same options as attributes, so the loader upgrades it in place.
fn placeholder(widget: &str, a: &Args, tree: markup::Element) -> markup::Element {
    let mut attrs = vec![("data-tinbai", widget.to_owned())];
    match (widget, a.positional.first()) {
        ("related", Some(id)) => attrs.push(("data-article", id.clone())),
        ("partnership", Some(id)) => attrs.push(("data-partnership", id.clone())),
        _ => {}
    }
    for &(flag, attr) in PLACEHOLDER_ATTRS {
        let values = a.values(flag);
        if !values.is_empty() {
            attrs.push((attr, values.join(",")));
        }
    }
    attrs.push(("data-tinbai-state", "static".to_owned()));
    markup::Element { tag: "div", svg: false, attrs, children: vec![markup::Node::Element(tree)] }
}

/// `corpus --count N [--seed S] [--out FILE]`: JSONL, one article per line.
fn corpus(raw: &[String]) -> Result<(), Failure> {
    use std::io::Write;
    let a = args::parse(raw, &["count", "seed", "out"], &[]).map_err(Failure::Usage)?;
    no_positionals(&a)?;
    let count = a.number("count").map_err(Failure::Usage)?.ok_or_else(|| Failure::Usage("corpus needs --count N".into()))?;
    let seed = a.value("seed").map(|s| s.parse::<u64>().map_err(|_| Failure::Usage(format!("--seed expects a whole number, got {s:?}")))).transpose()?.unwrap_or(1);
    let io = |e: std::io::Error| Failure::Run(format!("cannot write the corpus: {e}"));
    let out: Box<dyn Write> = match a.value("out") {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| Failure::Run(format!("cannot create {path}: {e}")))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(out);
    for item in tinbai::corpus::generate(count, seed) {
        serde_json::to_writer(&mut out, &item).map_err(|e| Failure::Run(e.to_string()))?;
        out.write_all(b"\n").map_err(io)?;
    }
    out.flush().map_err(io)
}

/// `build --input FILE --out DIR`: the index a page loads with `loadIndex`.
fn build(raw: &[String]) -> Result<(), Failure> {
    use tinbai::store::build;
    let a = args::parse(raw, &["input", "out", "shards", "now", "threads"], &["lenient"]).map_err(Failure::Usage)?;
    no_positionals(&a)?;
    let input = a.value("input").ok_or_else(|| Failure::Usage("build needs --input FILE.jsonl|FILE.json".into()))?;
    let out = a.value("out").ok_or_else(|| Failure::Usage("build needs --out DIR".into()))?;
    let shards = match a.number("shards").map_err(Failure::Usage)? {
        Some(n @ 1..=100_000) => Some(n as u32),
        Some(n) => return Err(Failure::Usage(format!("--shards must be from 1 to 100000, got {n}"))),
        None => None,
    };
    let threads = a.number("threads").map_err(Failure::Usage)?.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let opts = build::Options { lenient: a.switch("lenient"), now: now(&a)?.unwrap_or_else(time::now), shards, threads };
    let s = build::build(std::path::Path::new(input), std::path::Path::new(out), &opts).map_err(Failure::Run)?;
    for m in &s.skipped {
        eprintln!("tinbai: skipped {m}");
    }
    for w in &s.warnings {
        eprintln!("tinbai: warning: {w}");
    }
    #[derive(Serialize)]
    struct Built {
        articles: usize,
        shards: u32,
        header_bytes: usize,
        shard_bytes: usize,
        skipped: usize,
    }
    print(&Built { articles: s.articles, shards: s.shards, header_bytes: s.header_bytes, shard_bytes: s.shard_bytes, skipped: s.skipped.len() })
}

fn dispatch(raw: &[String]) -> Result<(), Failure> {
    let Some((cmd, rest)) = raw.split_first() else {
        return Err(Failure::Usage("no command given".into()));
    };
    match cmd.as_str() {
        "dataset" => {
            let a = parse(rest, &[], &[])?;
            no_positionals(&a)?;
            let e = engine(&a)?;
            print(&tinbai::dataset::host::Dump::of(e.dataset()))
        }
        "related" => {
            let a = parse(rest, RELATED_FLAGS, &[])?;
            let out = engine(&a)?.related(&related_query(&a)?)?;
            explain(&out.empty);
            print(&out.items)
        }
        "most-read" => {
            let a = parse(rest, MOST_READ_FLAGS, &[])?;
            no_positionals(&a)?;
            let e = engine(&a)?;
            let (q, extra) = most_read_query(&a, &e)?;
            let out = e.most_read(&q, &extra)?;
            explain(&out.empty);
            print(&out.items)
        }
        "render" => render(rest),
        "corpus" => corpus(rest),
        "build" => build(rest),
        "facts" => {
            let a = parse(rest, &["year"], &["check"])?;
            no_positionals(&a)?;
            let year = match a.value("year") {
                Some(y) => y.parse().map_err(|_| Failure::Usage(format!("--year expects a year, got {y:?}")))?,
                None => time::year(time::now()),
            };
            let e = engine(&a)?;
            if a.switch("check") {
                let misses = e.check_facts();
                for m in &misses {
                    eprintln!("tinbai: quote not in {:?} ({} / {}): {:?}", m.item, m.partnership, m.fact, m.quote);
                }
                if !misses.is_empty() {
                    return Err(Failure::Run(format!("{} quote(s) not found in their sources", misses.len())));
                }
            }
            print(&e.partnerships(year))
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        "--version" | "-V" => {
            println!("tinbai {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}
