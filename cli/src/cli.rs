//! The command line's shape: commands, options, their help and how each value is
//! read. A value that does not parse is a usage error (exit 2) naming its option.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args, Parser, Subcommand};
use std::path::PathBuf;
use tinbai::markup::{Lang, Layout, Theme};
use tinbai::rank::most_read::Window;

const ROOT_AFTER: &str = "\
Every command prints JSON (render prints HTML) to stdout and errors to stderr.
Exit status: 0 on success, 2 for a usage error, 1 for bad data.

Examples:
  tinbai related quyet-tam-o-nam-than --limit 3
  tinbai most-read --window 7d --views views.json
  tinbai render partnership ha-noi-ile-de-france --lang en --html
  tinbai help render related";

/// Vietnamese news widgets: related articles, most read, partnership fact cards.
#[derive(Parser)]
#[command(name = "tinbai", version, after_help = ROOT_AFTER, arg_required_else_help = true)]
// Global: a repeated single-value option keeps its last value, as before clap.
#[command(args_override_self = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// The dataset as {"articles", "partnerships"}
    #[command(after_help = "Examples:\n  tinbai dataset\n  tinbai dataset --dataset site.json --lenient\n  tinbai dataset --dataset rss.xml")]
    Dataset(DatasetOpts),

    /// Related items, best first
    #[command(after_help = "\
Examples:
  tinbai related quyet-tam-o-nam-than --limit 3
  tinbai related --text \"hop tac Lao Cai\" --exclude nhung-mai-am-hoi-sinh")]
    Related {
        #[command(flatten)]
        query: RelatedOpts,
        #[command(flatten)]
        data: DatasetOpts,
    },

    /// Most-read items, best first
    #[command(after_help = "\
Examples:
  tinbai most-read --limit 5
  tinbai most-read --window 7d --views views.json --now 2026-11-22T12:00:00Z
  tinbai most-read --window 30d --views plausible-pages.csv --dataset public/")]
    MostRead {
        #[command(flatten)]
        query: MostReadOpts,
        #[command(flatten)]
        data: DatasetOpts,
    },

    /// Partnerships and their sourced facts
    #[command(after_help = "Examples:\n  tinbai facts --year 2026\n  tinbai facts --check --dataset site.json")]
    Facts {
        /// Fail on any quote missing from its source
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        year: YearOpt,
        #[command(flatten)]
        data: DatasetOpts,
    },

    /// A widget as static HTML
    #[command(subcommand, after_help = "\
Examples:
  tinbai render related quyet-tam-o-nam-than --link-template \"/tin/{id}\" --html
  tinbai render most-read --limit 5 --html
  tinbai render partnership ha-noi-ile-de-france --lang en --heading-level 3 --html")]
    Render(Widget),

    /// A synthetic newsroom: N host-dataset articles as JSONL (deterministic for a seed)
    #[command(after_help = "Examples:\n  tinbai corpus --count 1000 --seed 1 --out corpus.jsonl")]
    Corpus {
        /// How many articles
        #[arg(long, value_name = "N")]
        count: usize,
        /// The generator's seed
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Write to FILE instead of stdout
        #[arg(long, value_name = "FILE.jsonl")]
        out: Option<PathBuf>,
    },

    /// A built index for the browser: DIR/index.bin, DIR/shard-K.bin, DIR/facts.bin…
    #[command(after_help = "\
Each article's related list is precomputed (docs/large-sites.md). facts.bin holds
the partnership fact cards: the input's own partnerships, else the bundled facts
with their sources cited, as the browser shows a site without its own.

Examples:
  tinbai build --input corpus.jsonl --out www/idx
  tinbai build --input feed.xml --out www/idx --shards 64 --lenient
  tinbai build --site public/ --exclude \"tag/**\" --out public/idx
  tinbai build --site public/ --views ga4-pages.csv --out public/idx
  tinbai build --site public/ --out public/tinbai-index --views views.csv --inject
  tinbai build --seeds --out www/seed-index

--inject rewrites each page's <div data-tinbai=\"…\"> placeholders in place with the
widget rendered as `render … --html` would (data-tinbai-state=\"static\"), from the
placeholder's own data-* options: first paint needs no JavaScript, and the loader
upgrades them with no layout shift. Related and most-read never repeat an article
on one page, nor show the page's own. Everything else in the page stays byte for
byte; running it again changes nothing.")]
    Build(BuildOpts),
}

/// The widgets `render` draws, each with its query's options and the view options.
#[derive(Subcommand)]
pub enum Widget {
    /// The related widget: related items as HTML
    #[command(after_help = "\
Examples:
  tinbai render related quyet-tam-o-nam-than --limit 3 --html
  tinbai render related --text \"hop tac\" --lang en --layout grid")]
    Related {
        #[command(flatten)]
        query: RelatedOpts,
        #[command(flatten)]
        render: RenderOpts,
        #[command(flatten)]
        data: DatasetOpts,
    },

    /// The most-read widget: most-read items as HTML
    #[command(after_help = "\
Examples:
  tinbai render most-read --limit 5 --html
  tinbai render most-read --window 7d --views views.json --theme dark")]
    MostRead {
        #[command(flatten)]
        query: MostReadOpts,
        #[command(flatten)]
        render: RenderOpts,
        #[command(flatten)]
        data: DatasetOpts,
    },

    /// A partnership's fact card, or without an id the overview card of them all
    #[command(after_help = "\
Examples:
  tinbai render partnership ha-noi-ile-de-france --lang en --heading-level 3 --html
  tinbai render partnership --year 2026")]
    Partnership {
        /// The partnership, e.g. ha-noi-ile-de-france
        #[arg(value_name = "ID")]
        id: Option<String>,
        #[command(flatten)]
        year: YearOpt,
        #[command(flatten)]
        render: RenderOpts,
        #[command(flatten)]
        data: DatasetOpts,
    },
}

#[derive(Args)]
#[command(next_help_heading = "Dataset options")]
pub struct DatasetOpts {
    /// A site's articles instead of the bundled seeds: dataset .json, .jsonl, JSON Feed, RSS, Atom or a site's folder
    #[arg(long, value_name = "FILE|DIR")]
    pub dataset: Option<PathBuf>,
    /// Skip bad items in --dataset (reported on stderr)
    #[arg(long)]
    pub lenient: bool,
}

/// What both lists take.
#[derive(Args)]
pub struct ListOpts {
    /// At most N items
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Leave this item out (repeatable)
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    pub exclude: Vec<String>,
}

/// Related to an article or to a text: one of the two.
#[derive(Args)]
#[command(group(ArgGroup::new("subject").args(["id", "text"]).required(true)))]
pub struct RelatedOpts {
    /// The article to relate to
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// Relate to this text instead of an article
    #[arg(long, allow_hyphen_values = true)]
    pub text: Option<String>,
    #[command(flatten)]
    pub list: ListOpts,
    /// The lowest score kept, 0 to 10
    #[arg(long, value_name = "X")]
    pub min_score: Option<f32>,
}

#[derive(Args)]
pub struct MostReadOpts {
    #[command(flatten)]
    pub list: ListOpts,
    /// Count the views within this window [default: all]
    #[arg(long, value_parser = one_of(WINDOWS, Window::parse))]
    pub window: Option<Window>,
    /// The clock for --window [default: now]
    #[arg(long, value_name = "RFC3339", value_parser = rfc3339)]
    pub now: Option<i64>,
    /// Views to add: analytics CSV (GA4, Plausible, Matomo) or JSON, by page path or id
    #[arg(long, value_name = "FILE")]
    pub views: Option<PathBuf>,
}

#[derive(Args)]
pub struct YearOpt {
    /// The year facts such as "years of cooperation" are counted at [default: this year]
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i64>,
}

/// How every widget on a page looks: what a page's script tag can set for all of them.
#[derive(Args)]
pub struct SharedViewOpts {
    /// The labels' language
    #[arg(long, value_parser = one_of(LANGS, Lang::parse))]
    pub lang: Option<Lang>,
    /// The heading's level, so the widget fits the page's outline [default: 2]
    #[arg(long, value_name = "1-6", value_parser = clap::value_parser!(u8).range(1..=6))]
    pub heading_level: Option<u8>,
    /// Where an item without its own URL links to, e.g. /tin/{id}
    #[arg(long, value_name = "TEMPLATE")]
    pub link_template: Option<String>,
    /// The links' target: _blank, _self, _parent, _top or a frame name
    #[arg(long, value_name = "T")]
    pub target: Option<String>,
    /// The items' arrangement [default: list]
    #[arg(long, value_parser = one_of(LAYOUTS, |s| Layout::parse(s).ok()))]
    pub layout: Option<Layout>,
    /// Light, dark, or following the page [default: auto]
    #[arg(long, value_parser = one_of(THEMES, |s| Theme::parse(s).ok()))]
    pub theme: Option<Theme>,
}

/// How a widget looks; all but --id-prefix are copied into the --html placeholder.
#[derive(Args)]
#[command(next_help_heading = "View options")]
pub struct ViewOpts {
    #[command(flatten)]
    pub shared: SharedViewOpts,
    /// The heading's text instead of the default label
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub heading: Option<String>,
    /// The prefix of element ids, different per widget on a page [default: tinbai-WIDGET]
    #[arg(long, value_name = "P")]
    pub id_prefix: Option<String>,
}

#[derive(Args)]
pub struct RenderOpts {
    /// Wrap it in its script-tag placeholder, which the loader upgrades in place
    #[arg(long)]
    pub html: bool,
    #[command(flatten)]
    pub view: ViewOpts,
}

#[derive(Args)]
#[command(group(ArgGroup::new("articles").args(["input", "site", "seeds"]).required(true)))]
#[command(group(ArgGroup::new("view").args(["lang", "heading_level", "link_template", "target", "layout", "theme"]).multiple(true).requires("inject")))]
pub struct BuildOpts {
    /// The articles: dataset .json, .jsonl (streamed), JSON Feed, RSS or Atom
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// A built site's folder instead: its article pages (docs/feeds.md)
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
    /// The bundled seed articles and their partnership facts instead: the demo's data
    #[arg(long)]
    pub seeds: bool,
    /// With --site: only pages whose path matches are articles (repeatable)
    #[arg(long, value_name = "GLOB", conflicts_with_all = ["input", "seeds"], value_parser = glob)]
    pub include: Vec<String>,
    /// With --site: pages whose path matches are not articles (repeatable)
    #[arg(long, value_name = "GLOB", conflicts_with_all = ["input", "seeds"], value_parser = glob)]
    pub exclude: Vec<String>,
    /// The directory to write the index to
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// How many shard files [default: one per 64 articles]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub shards: Option<u32>,
    /// Views for most-read: analytics CSV (GA4, Plausible, Matomo) or JSON, by page path or id
    #[arg(long, value_name = "FILE")]
    pub views: Option<PathBuf>,
    /// The clock most-read lists are ranked at [default: now]
    #[arg(long, value_name = "RFC3339", value_parser = rfc3339)]
    pub now: Option<i64>,
    /// Worker threads [default: the number of CPUs]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Skip bad articles (reported on stderr)
    #[arg(long)]
    pub lenient: bool,
    /// With --site: write the widgets, prerendered, into every page's placeholders (docs/prerender.md)
    #[arg(long, conflicts_with_all = ["input", "seeds"])]
    pub inject: bool,
    /// The defaults of the widgets whose placeholder and script tag do not say
    #[command(flatten, next_help_heading = "View options, with --inject")]
    pub view: SharedViewOpts,
}

const WINDOWS: &[&str] = &["24h", "7d", "30d", "all"];
const LANGS: &[&str] = &["vi", "en", "fr"];
const LAYOUTS: &[&str] = &["list", "grid", "compact"];
const THEMES: &[&str] = &["auto", "light", "dark"];

/// One of `names`, read by the library's own parser: help lists the names and a
/// typo is a usage error.
fn one_of<T: Clone + Send + Sync + 'static>(names: &'static [&'static str], parse: fn(&str) -> Option<T>) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(names.iter().copied()).try_map(move |s| parse(&s).ok_or("not a known value"))
}

/// A glob as --include and --exclude match it: `*` within a folder, `**` across.
fn glob(s: &str) -> Result<String, String> {
    globset::GlobBuilder::new(s).literal_separator(true).build().map(|_| s.to_owned()).map_err(|e| e.to_string())
}

fn rfc3339(s: &str) -> Result<i64, String> {
    tinbai::time::parse(s).ok_or_else(|| "expects an RFC 3339 time such as 2026-11-22T12:00:00Z".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_listed_name_is_one_the_library_reads_and_writes() {
        for &w in WINDOWS {
            assert_eq!(Window::parse(w).map(Window::as_str), Some(w));
        }
        for &l in LANGS {
            assert_eq!(Lang::parse(l).map(Lang::code), Some(l));
        }
        for &l in LAYOUTS {
            assert_eq!(Layout::parse(l).map(Layout::as_str).ok(), Some(l));
        }
        for &t in THEMES {
            assert_eq!(Theme::parse(t).map(Theme::as_str).ok(), Some(t));
        }
    }
}
