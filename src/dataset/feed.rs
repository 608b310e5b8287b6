//! What the CLI (`ingest`, with `scraper`) and the browser (`web::feed`, with the
//! browser's own `DOMParser`) share in reading a feed: an article's text, and how a
//! JSON Feed item without `content_text` gets it from `content_html`. The rest of
//! the mapping (docs/feeds.md) is `ingest::feed` natively and `www/feed.js` in the
//! browser; tests/e2e/feeds.mjs holds the two to the same articles.

use super::value::Value;

/// An article's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub paragraphs: Vec<String>,
    /// `figcaption` texts, which a page shows under photos, not in the running text.
    pub captions: Vec<String>,
}

impl Text {
    /// All of it on one line, as a title or a summary is.
    pub fn line(&self) -> String {
        self.paragraphs.join(" ")
    }
}

fn strings(list: Vec<String>) -> Value {
    Value::Array(list.into_iter().map(Value::String).collect())
}

/// A JSON Feed item, made ready for the host reader: with `content_html` but no
/// `content_text`, it gets the HTML's text (`html`: the parser's part) as
/// `content_text`, and its figure captions as `captions`, which is all that reader
/// lacks.
pub fn json_feed_item(v: &mut Value, html: &dyn Fn(&str) -> Text) {
    if let Value::Object(fields) = v {
        let has = |name: &str| fields.iter().any(|(k, v)| k == name && *v != Value::Null);
        let text = fields.iter().find(|(k, _)| k == "content_html").and_then(|(_, v)| v.as_str()).map(html);
        if let (false, Some(Text { paragraphs, captions })) = (has("content_text"), text) {
            let add_captions = !has("captions") && !captions.is_empty();
            fields.retain(|(k, _)| k != "content_text" && !(add_captions && k == "captions"));
            fields.push(("content_text".into(), strings(paragraphs)));
            if add_captions {
                fields.push(("captions".into(), strings(captions)));
            }
        }
    }
}
