//! Feeds: RSS 2.0 and Atom (read by `feed-rs`) and JSON Feed (read as the host
//! dataset reads it, plus `content_html`). Each item becomes an article in tinbai's
//! own JSON shape, so one validator checks every format alike.

use super::html_text::{fragment_text, Text};
use super::Article;
use crate::dataset::feed::json_feed_item;
use crate::dataset::host::Shape;
use crate::dataset::value::Value;
use feed_rs::model::{Entry, FeedType, Link};

fn string(s: impl Into<String>) -> Value {
    Value::String(s.into())
}

fn strings(list: Vec<String>) -> Value {
    Value::Array(list.into_iter().map(Value::String).collect())
}

/// A JSON Feed's items. An item with `content_html` but no `content_text` gets the
/// HTML's text as `content_text` (and its figure captions as `captions`), which is
/// all the host reader lacks: [`json_feed_item`], as the browser does it too.
pub fn json_feed(items: Vec<Value>) -> Vec<Article> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, mut v)| {
            json_feed_item(&mut v, &fragment_text);
            Article { at: format!("items[{i}]"), shape: Shape::JsonFeed, value: Ok(v) }
        })
        .collect()
}

/// Text of the given media type as plain text: HTML (and XHTML) is read as HTML;
/// plain text is split at blank lines, as `content_text` is.
fn plain(content: &str, media_type: &str) -> Text {
    if essence(media_type) == "text/plain" {
        let paragraphs = crate::text::split(content, "\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
        Text { paragraphs, captions: Vec::new() }
    } else {
        fragment_text(content)
    }
}

fn essence(media_type: &str) -> &str {
    media_type.split(';').next().unwrap_or_default().trim()
}

/// The item's own page: RSS `<link>`, Atom `<link rel="alternate">` (the default rel).
fn page_link(links: &[Link]) -> Option<&Link> {
    links.iter().find(|l| l.target.is_none() && l.rel.as_deref().is_none_or(|r| r == "alternate"))
}

/// A photo for the item: a MediaRSS thumbnail, an image enclosure (RSS
/// `<enclosure>`, MediaRSS content) or an Atom `<link rel="enclosure">` to an image.
fn image(e: &Entry) -> Option<String> {
    let is_image = |t: &str| essence(t).starts_with("image/");
    let thumb = e.media.iter().flat_map(|m| &m.thumbnails).map(|t| t.image.uri.clone()).next();
    // Without a type (`medium="image"` is not kept by feed-rs), the file name tells.
    let named_image = |path: &str| {
        let p = path.to_ascii_lowercase();
        [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"].iter().any(|x| p.ends_with(x))
    };
    let content = || {
        e.media
            .iter()
            .flat_map(|m| &m.content)
            .filter_map(|c| Some((c.url.as_ref()?, c.content_type.as_ref())))
            .find(|(u, t)| t.map_or_else(|| named_image(u.path()), |t| is_image(t.as_str())))
            .map(|(u, _)| u.to_string())
    };
    let link = || {
        e.links
            .iter()
            .find(|l| l.rel.as_deref() == Some("enclosure") && l.media_type.as_deref().is_some_and(is_image))
            .map(|l| l.href.clone())
    };
    thumb.or_else(content).or_else(link)
}

fn entry_value(e: &Entry) -> Value {
    let mut f: Vec<(String, Value)> = Vec::new();
    if !e.id.is_empty() {
        f.push(("id".into(), string(e.id.clone())));
    }
    if let Some(t) = &e.title {
        f.push(("title".into(), string(plain(&t.content, t.content_type.as_str()).line())));
    }
    if let Some(l) = page_link(&e.links) {
        f.push(("url".into(), string(l.href.clone())));
    }
    if let Some(t) = e.published.or(e.updated) {
        f.push(("published".into(), string(crate::time::format(t.timestamp()))));
    }
    if let Some(s) = &e.summary {
        let s = plain(&s.content, s.content_type.as_str()).line();
        if !s.is_empty() {
            f.push(("summary".into(), string(s)));
        }
    }
    if let Some(c) = &e.content {
        let text = plain(c.body.as_deref().unwrap_or_default(), c.content_type.as_str());
        if !text.paragraphs.is_empty() {
            f.push(("body".into(), strings(text.paragraphs)));
        }
        if !text.captions.is_empty() {
            f.push(("captions".into(), strings(text.captions)));
        }
    }
    let tags: Vec<String> = e.categories.iter().map(|c| c.term.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    if !tags.is_empty() {
        f.push(("tags".into(), strings(tags)));
    }
    if let Some(i) = image(e) {
        f.push(("image".into(), string(i)));
    }
    Value::Object(f)
}

/// An RSS or Atom document's items. The error says why it is not a feed.
pub fn xml_feed(bytes: &[u8]) -> Result<Vec<Article>, String> {
    // An item without a guid (or Atom id) is known by its link, as readers do; feed-rs
    // would otherwise make up a hash.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|links, _, _| page_link(links).map(|l| l.href.clone()).unwrap_or_default())
        .build();
    let feed = parser.parse(bytes).map_err(|e| format!("not an RSS or Atom feed: {e}"))?;
    let name = if feed.feed_type == FeedType::Atom { "entries" } else { "items" };
    Ok(feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| Article { at: format!("{name}[{i}]"), shape: Shape::Dataset, value: Ok(entry_value(e)) })
        .collect())
}
