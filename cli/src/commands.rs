//! Running the commands clap has parsed (`cli.rs`). Usage errors never get here;
//! what fails here is the data: exit status 1.

use crate::cli::{BuildOpts, Command, DatasetOpts, ListOpts, MostReadOpts, RelatedOpts, RenderOpts, ViewOpts, Widget, YearOpt};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use tinbai::engine::{Engine, MostReadQuery, RelatedQuery};
use tinbai::markup::{self, HeadingLevel, View};
use tinbai::{time, Error};

/// A data error, printed as `tinbai: error: ...`.
struct Failure(String);

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure(e.to_string())
    }
}

/// Run a parsed command line; returns the exit status.
pub fn run(command: Command) -> i32 {
    match dispatch(command) {
        Ok(()) => 0,
        Err(Failure(m)) => {
            eprintln!("tinbai: error: {m}");
            1
        }
    }
}

fn dispatch(command: Command) -> Result<(), Failure> {
    match command {
        Command::Dataset(data) => print(&tinbai::dataset::host::Dump::of(engine(&data)?.dataset())),
        Command::Related { query, data } => {
            let out = engine(&data)?.related(&query.query())?;
            explain(&out.empty);
            print(&out.items)
        }
        Command::MostRead { query, data } => {
            let e = engine(&data)?;
            let (q, extra) = query.query(&e)?;
            let out = e.most_read(&q, &extra)?;
            explain(&out.empty);
            print(&out.items)
        }
        Command::Facts { check, year, data } => {
            let e = engine(&data)?;
            if check {
                let misses = e.check_facts();
                for m in &misses {
                    eprintln!("tinbai: quote not in {:?} ({} / {}): {:?}", m.item, m.partnership, m.fact, m.quote);
                }
                if !misses.is_empty() {
                    return Err(Failure(format!("{} quote(s) not found in their sources", misses.len())));
                }
            }
            print(&e.partnerships(year.get()))
        }
        Command::Render(widget) => render(widget),
        Command::Corpus { count, seed, out } => corpus(count, seed, out.as_deref()),
        Command::Build(opts) => build(opts),
    }
}

fn engine(data: &DatasetOpts) -> Result<Engine, Failure> {
    let Some(path) = &data.dataset else {
        return Ok(Engine::bundled()?);
    };
    let tinbai::ingest::Loaded { data: dataset, report, notes } = tinbai::ingest::load(path, data.lenient).map_err(Failure)?;
    for n in &notes {
        eprintln!("tinbai: skipped {n}");
    }
    for s in &report.skipped {
        eprintln!("tinbai: skipped {s}");
    }
    for w in &report.warnings {
        eprintln!("tinbai: warning: {w}");
    }
    Ok(Engine::new(dataset))
}

fn print<T: Serialize>(v: &T) -> Result<(), Failure> {
    let s = serde_json::to_string_pretty(v).map_err(|e| Failure(e.to_string()))?;
    out(&s)
}

/// A line to stdout. A reader that stops early (`| head`) is not an error.
fn out(s: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{s}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(format!("cannot write the output: {e}"))),
        _ => Ok(()),
    }
}

/// Say on stderr why a list is empty, so an empty array is never a mystery.
fn explain<T: Serialize>(empty: &Option<T>) {
    if let Some(e) = empty {
        eprintln!("tinbai: empty: {}", serde_json::to_string(e).unwrap_or_default());
    }
}

/// Placeholder attributes: the options a page can restate, in the order they are given.
type Attrs = Vec<(&'static str, String)>;

impl ListOpts {
    fn attrs(&self, attrs: &mut Attrs) {
        if let Some(n) = self.limit {
            attrs.push(("data-limit", n.to_string()));
        }
        if !self.exclude.is_empty() {
            attrs.push(("data-exclude", self.exclude.join(",")));
        }
    }
}

impl RelatedOpts {
    fn query(&self) -> RelatedQuery {
        RelatedQuery {
            article: self.id.clone(),
            text: self.text.clone(),
            limit: self.list.limit,
            exclude: self.list.exclude.clone(),
            min_score: self.min_score,
        }
    }

    fn attrs(&self, attrs: &mut Attrs) {
        if let Some(id) = &self.id {
            attrs.push(("data-article", id.clone()));
        }
        if let Some(t) = &self.text {
            attrs.push(("data-text", t.clone()));
        }
        self.list.attrs(attrs);
        if let Some(m) = self.min_score {
            attrs.push(("data-min-score", m.to_string()));
        }
    }
}

impl MostReadOpts {
    /// The query, and the views from --views keyed by item.
    fn query(&self, e: &Engine) -> Result<(MostReadQuery, HashMap<usize, tinbai::dataset::Views>), Failure> {
        // One clock for the dated views and the window.
        let now = self.now.unwrap_or_else(time::now);
        let extra = match &self.views {
            None => HashMap::new(),
            Some(path) => {
                let matched = tinbai::ingest::views::read(path, now).map_err(Failure)?.assign(e.dataset().items());
                for w in &matched.warnings {
                    eprintln!("tinbai: warning: {w}");
                }
                matched.views
            }
        };
        let q = MostReadQuery { limit: self.list.limit, window: self.window, exclude: self.list.exclude.clone(), now: Some(now) };
        Ok((q, extra))
    }

    fn attrs(&self, attrs: &mut Attrs) {
        self.list.attrs(attrs);
        if let Some(w) = self.window {
            attrs.push(("data-window", w.as_str().to_owned()));
        }
    }
}

impl YearOpt {
    fn get(&self) -> i64 {
        self.year.unwrap_or_else(|| time::year(time::now()))
    }
}

impl ViewOpts {
    /// The lib checks heading, link template and target (data errors, exit 1).
    fn view(&self, default_prefix: &str) -> Result<View, Failure> {
        let s = &self.shared;
        let mut v = View { id_prefix: self.id_prefix.as_deref().unwrap_or(default_prefix).to_owned(), ..View::default() };
        if let Some(n) = s.heading_level {
            v.heading_level = HeadingLevel::new(n.into())?;
        }
        v.lang = s.lang.unwrap_or(v.lang);
        if let Some(h) = &self.heading {
            v = v.heading(h)?;
        }
        if let Some(t) = &s.link_template {
            v = v.link_template(t)?;
        }
        if let Some(t) = &s.target {
            v = v.target(t)?;
        }
        v.layout = s.layout.unwrap_or(v.layout);
        v.theme = s.theme.unwrap_or(v.theme);
        Ok(v)
    }

    fn attrs(&self, attrs: &mut Attrs) {
        let s = &self.shared;
        let mut push = |name, value: Option<String>| attrs.extend(value.map(|v| (name, v)));
        push("data-lang", s.lang.map(|l| l.code().to_owned()));
        push("data-heading", self.heading.clone());
        push("data-heading-level", s.heading_level.map(|n| n.to_string()));
        push("data-link-template", s.link_template.clone());
        push("data-target", s.target.clone());
        push("data-layout", s.layout.map(|l| l.as_str().to_owned()));
        push("data-theme", s.theme.map(|t| t.as_str().to_owned()));
    }
}

/// The related widget for `q` and the ids it lists: what `render related` prints
/// and `build --inject` writes into a page.
pub fn related_widget(e: &Engine, q: &RelatedQuery, view: &View) -> Result<(markup::Element, Vec<String>), Error> {
    let list = e.related(q)?;
    Ok((markup::related(e, &list, view), list.items.into_iter().map(|it| it.id).collect()))
}

/// The most-read widget for `q`, with `extra` views (from --views), and the ids it lists.
pub fn most_read_widget(e: &Engine, q: &MostReadQuery, extra: &HashMap<usize, tinbai::dataset::Views>, view: &View) -> Result<(markup::Element, Vec<String>), Error> {
    let list = e.most_read(q, extra)?;
    Ok((markup::most_read(e, &list, view), list.items.into_iter().map(|it| it.id).collect()))
}

/// A partnership's card, or the overview card without an id.
pub fn partnership_widget(e: &Engine, id: Option<&str>, year: i64, view: &View) -> Result<markup::Element, Error> {
    markup::partnership_card(e, id, year, view)
}

/// `render <widget> ...`: the widget as static HTML, from the same tree the browser builds.
fn render(widget: Widget) -> Result<(), Failure> {
    let (name, tree, mut attrs, render) = match widget {
        Widget::Related { query, render, data } => {
            let e = engine(&data)?;
            let (tree, _) = related_widget(&e, &query.query(), &render.view.view("tinbai-related")?)?;
            let mut attrs = Attrs::new();
            query.attrs(&mut attrs);
            ("related", tree, attrs, render)
        }
        Widget::MostRead { query, render, data } => {
            let e = engine(&data)?;
            let (q, extra) = query.query(&e)?;
            let (tree, _) = most_read_widget(&e, &q, &extra, &render.view.view("tinbai-most-read")?)?;
            let mut attrs = Attrs::new();
            query.attrs(&mut attrs);
            ("most-read", tree, attrs, render)
        }
        Widget::Partnership { id, year, render, data } => {
            let e = engine(&data)?;
            let year = year.get();
            let tree = partnership_widget(&e, id.as_deref(), year, &render.view.view("tinbai-partnership")?)?;
            let attrs = id.map(|id| ("data-partnership", id)).into_iter().collect();
            ("partnership", tree, attrs, render)
        }
    };
    let RenderOpts { view, html } = render;
    let tree = if html {
        view.attrs(&mut attrs);
        placeholder(name, attrs, tree)
    } else {
        tree
    };
    out(&markup::to_html(&tree))
}

/// `--html`: the widget inside the placeholder the script tag would fill, with the
/// same options as attributes, so the loader upgrades it in place.
fn placeholder(widget: &str, options: Attrs, tree: markup::Element) -> markup::Element {
    let mut attrs = vec![("data-tinbai", widget.to_owned())];
    attrs.extend(options);
    attrs.push(("data-tinbai-state", "static".to_owned()));
    markup::Element { tag: "div", svg: false, attrs, children: vec![markup::Node::Element(tree)] }
}

/// `corpus --count N [--seed S] [--out FILE]`: JSONL, one article per line.
fn corpus(count: usize, seed: u64, path: Option<&Path>) -> Result<(), Failure> {
    use std::io::Write;
    let io = |e: std::io::Error| Failure(format!("cannot write the corpus: {e}"));
    let out: Box<dyn Write> = match path {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| Failure(format!("cannot create {}: {e}", path.display())))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(out);
    for item in tinbai::corpus::generate(count, seed) {
        serde_json::to_writer(&mut out, &item).map_err(|e| Failure(e.to_string()))?;
        out.write_all(b"\n").map_err(io)?;
    }
    out.flush().map_err(io)
}

/// `build --input FILE --out DIR`: the index a page loads with `loadIndex`; with
/// `--site DIR --inject`, the site's pages get their widgets prerendered too.
fn build(a: BuildOpts) -> Result<(), Failure> {
    use tinbai::store::build::{self, Input};
    let threads = a.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let opts = build::Options { lenient: a.lenient, now: a.now.unwrap_or_else(time::now), shards: a.shards, threads };
    let views = a.views.as_deref().map(|p| tinbai::ingest::views::read(p, opts.now)).transpose().map_err(Failure)?;
    let mut site = None;
    // With --inject: the site's folder, and its articles checked as the build checks them.
    let mut inject = None;
    let input = match (&a.input, &a.site) {
        (Some(file), _) if tinbai::ingest::is_jsonl(file) => Input::Jsonl(file),
        (Some(file), _) => Input::Read { name: file, source: tinbai::ingest::read(file).map_err(Failure)? },
        (None, Some(dir)) => {
            let opts = tinbai::ingest::site::Options { include: a.include.clone(), exclude: a.exclude.clone() };
            let source = tinbai::ingest::read_site(dir, &opts).map_err(Failure)?;
            site = source.site.clone();
            if a.inject {
                let checked = tinbai::dataset::host::load_entries(source.entries(), &source.partnerships, a.lenient);
                inject = Some((dir, checked, crate::inject::pages(&source)));
            }
            Input::Read { name: dir, source }
        }
        // The demo's data: the seeds' own partnerships, linked to their pages.
        (None, None) if a.seeds => Input::Dataset { name: Path::new("the bundled seeds"), data: tinbai::engine::bundled_dataset()? },
        // clap requires one of the three.
        (None, None) => return Err(Failure("give --input FILE, --site DIR or --seeds".into())),
    };
    for n in site.iter().flat_map(|r| r.notes()) {
        eprintln!("tinbai: skipped {n}");
    }
    let s = build::build(input, views.as_ref(), &a.out, &opts).map_err(Failure)?;
    for m in &s.skipped {
        eprintln!("tinbai: skipped {m}");
    }
    for w in &s.warnings {
        eprintln!("tinbai: warning: {w}");
    }
    let injected = match inject {
        None => None,
        Some((dir, checked, pages)) => {
            // The build refused whatever this refuses, with its own message, before here.
            let (dataset, _) = checked?;
            let e = Engine::new(dataset);
            let extra = views.as_ref().map(|t| t.assign(e.dataset().items()).views).unwrap_or_default();
            // As the browser: the site's own partnerships, else the bundled facts with
            // their sources cited (the site has no pages for the seed articles).
            let bundled = if e.dataset().partnerships().is_empty() { Some(Engine::bundled()?) } else { None };
            let cx = crate::inject::Context { site: &e, views: &extra, facts: bundled.as_ref().unwrap_or(&e), cite: bundled.is_some(), now: opts.now, defaults: &a.view };
            let pages = pages.into_iter().map(|mut p| {
                p.article = p.article.filter(|id| e.dataset().get(id).is_some());
                p
            });
            let o = crate::inject::run(dir, &pages.collect::<Vec<_>>(), &cx, threads).map_err(Failure)?;
            for w in &o.warnings {
                eprintln!("tinbai: warning: {w}");
            }
            Some(Injected { pages: o.pages, placeholders: o.placeholders, left: o.left, changed: o.changed })
        }
    };
    /// A site's pages: how many were found, and how many were not articles.
    #[derive(Serialize)]
    struct Pages {
        found: usize,
        not_articles: usize,
    }
    /// `--inject`: pages and placeholders filled, placeholders left as they were,
    /// and pages whose file changed.
    #[derive(Serialize)]
    struct Injected {
        pages: usize,
        placeholders: usize,
        left: usize,
        changed: usize,
    }
    #[derive(Serialize)]
    struct Built {
        articles: usize,
        shards: u32,
        header_bytes: usize,
        shard_bytes: usize,
        routes: u32,
        routes_bytes: usize,
        terms: u32,
        terms_bytes: usize,
        docs: u32,
        docs_bytes: usize,
        partnerships: usize,
        facts_bytes: usize,
        skipped: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        pages: Option<Pages>,
        #[serde(skip_serializing_if = "Option::is_none")]
        injected: Option<Injected>,
    }
    let pages = site.map(|r| Pages { found: r.pages, not_articles: r.skipped.iter().map(|s| s.paths.len()).sum() });
    print(&Built {
        articles: s.articles,
        shards: s.shards,
        header_bytes: s.header_bytes,
        shard_bytes: s.shard_bytes,
        routes: s.routes,
        routes_bytes: s.routes_bytes,
        terms: s.terms,
        terms_bytes: s.terms_bytes,
        docs: s.docs,
        docs_bytes: s.docs_bytes,
        partnerships: s.partnerships,
        facts_bytes: s.facts_bytes,
        skipped: s.skipped.len(),
        pages,
        injected,
    })
}
