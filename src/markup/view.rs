//! How a host wants a widget shown: language, heading, links, layout, theme.

use super::labels::Lang;
use crate::dataset::host::check_url;
use crate::dataset::Item;
use crate::error::Error;
use crate::error::quote;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    #[default]
    List,
    Grid,
    Compact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Layout {
    pub fn parse(s: &str) -> Result<Layout, Error> {
        match s {
            "list" => Ok(Layout::List),
            "grid" => Ok(Layout::Grid),
            "compact" => Ok(Layout::Compact),
            _ => Err(Error::option("layout", format!("must be \"list\", \"grid\" or \"compact\", got {}", quote(s)))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Layout::List => "list",
            Layout::Grid => "grid",
            Layout::Compact => "compact",
        }
    }
}

impl Theme {
    pub fn parse(s: &str) -> Result<Theme, Error> {
        match s {
            "auto" => Ok(Theme::Auto),
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            _ => Err(Error::option("theme", format!("must be \"auto\", \"light\" or \"dark\", got {}", quote(s)))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Rendering options, already validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct View {
    pub lang: Lang,
    pub heading: Option<String>,
    /// `/tin/{id}`: where an item without its own URL links to.
    pub link_template: Option<String>,
    pub target: Option<String>,
    pub layout: Layout,
    pub theme: Theme,
    /// The heading's level, 1–6, so a widget fits the host page's outline.
    pub heading_level: HeadingLevel,
    /// Prefix for element ids, unique per widget on a page.
    pub id_prefix: String,
    /// Partnership sources as citations (title, publication, date), not links: set
    /// when the facts are the bundled seeds' on a site whose own data is in use,
    /// since the site has no pages for the seed articles.
    pub citations: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingLevel(u8);

impl Default for HeadingLevel {
    fn default() -> Self {
        HeadingLevel(2)
    }
}

impl HeadingLevel {
    pub fn new(n: i64) -> Result<HeadingLevel, Error> {
        match u8::try_from(n) {
            Ok(l @ 1..=6) => Ok(HeadingLevel(l)),
            _ => Err(Error::option("headingLevel", format!("must be a whole number from 1 to 6, got {n}"))),
        }
    }

    /// `h1`…`h6`; `below` levels further down, never past `h6`.
    pub fn tag(self, below: u8) -> &'static str {
        match self.0.saturating_add(below) {
            0 | 1 => "h1",
            2 => "h2",
            3 => "h3",
            4 => "h4",
            5 => "h5",
            _ => "h6",
        }
    }
}

/// Characters an id may keep in a URL path segment; the rest are percent-encoded.
fn encode(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl View {
    pub fn lang(mut self, s: &str) -> Result<View, Error> {
        self.lang = Lang::parse(s).ok_or_else(|| Error::option("lang", format!("must be \"vi\", \"en\" or \"fr\", got {}", quote(s))))?;
        Ok(self)
    }

    /// A template must contain `{id}` and give an http(s) or relative URL.
    pub fn link_template(mut self, t: &str) -> Result<View, Error> {
        if crate::text::find(t, "{id}").is_none() {
            return Err(Error::option("linkTemplate", format!("must contain {{id}}, got {}", quote(t))));
        }
        check_url(&crate::text::replace(t, "{id}", "x")).map_err(|m| Error::option("linkTemplate", format!("{} {m}", quote(t))))?;
        self.link_template = Some(t.to_owned());
        Ok(self)
    }

    /// `_blank`, `_self`, `_parent`, `_top` or a plain frame name.
    pub fn target(mut self, t: &str) -> Result<View, Error> {
        let ok = matches!(t, "_blank" | "_self" | "_parent" | "_top")
            || (!t.is_empty() && !t.starts_with('_') && t.len() <= 64 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        if !ok {
            return Err(Error::option("target", format!("must be _blank, _self, _parent, _top or a frame name, got {}", quote(t))));
        }
        self.target = Some(t.to_owned());
        Ok(self)
    }

    pub fn heading(mut self, h: &str) -> Result<View, Error> {
        if h.trim().is_empty() {
            return Err(Error::option("heading", "must not be empty"));
        }
        self.heading = Some(h.to_owned());
        Ok(self)
    }

    /// The item's own URL wins; else the template; else no link at all.
    pub fn href(&self, item: &Item) -> Option<String> {
        item.url.clone().or_else(|| self.link_template.as_ref().map(|t| crate::text::replace(t, "{id}", &encode(&item.id))))
    }
}
