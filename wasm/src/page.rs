//! The host page as `article: "auto"` reads it: which article it is (its canonical
//! URL, its own path, its headline) and its text.

use tinbai::store::key;
#[cfg(feature = "engine")]
use wasm_bindgen::JsCast;

/// How much of the page's text a free-text query reads: its headline and lead,
/// then the article; enough to say what it is about.
#[cfg(feature = "engine")]
const TEXT_CHARS: usize = 4000;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn text_of(selector: &str) -> Option<String> {
    document()?.query_selector(selector).ok()??.text_content()
}

/// The canonical link's URL, resolved against the page.
fn canonical() -> Option<String> {
    let href = document()?.query_selector("link[rel~=\"canonical\"][href]").ok()??.get_attribute("href")?;
    let page = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new_with_base(&href, &page).ok().map(|u| u.href())
}

/// The keys the page may be indexed under, in the order to try them: canonical
/// path, own path, headline.
pub fn keys() -> Vec<String> {
    let pathname = web_sys::window().and_then(|w| w.location().pathname().ok());
    key::page(canonical().as_deref(), pathname.as_deref(), text_of("h1").as_deref())
}

/// The article's text: the `BODY` element, else `<article>`, else `<main>`, read from
/// a detached copy without what `tinbai build --site` leaves out too
/// (`key::NOT_ARTICLE`, ignored parts, placeholders and the h1): a "see also" box
/// marked `data-tinbai-ignore` lists other headlines, and a page that names a
/// headline is taken to be that story.
#[cfg(feature = "engine")]
fn body_text() -> Option<String> {
    let d = document()?;
    let body = format!("[{}]", key::BODY);
    let el = [body.as_str(), "article", "main"].iter().find_map(|s| d.query_selector(s).ok().flatten())?;
    let copy: web_sys::Element = el.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let mut not_text = format!("[{}], [data-tinbai], h1", key::IGNORE);
    for name in key::NOT_ARTICLE {
        not_text.push_str(", ");
        not_text.push_str(name);
    }
    let drop = copy.query_selector_all(&not_text).ok()?;
    for i in 0..drop.length() {
        if let Some(n) = drop.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
            n.remove();
        }
    }
    copy.text_content()
}

/// The page's own topic: its headline, description and article text, one space
/// between words, at most [`TEXT_CHARS`] characters.
#[cfg(feature = "engine")]
pub fn text() -> String {
    let description = document()
        .and_then(|d| d.query_selector("meta[name=\"description\"], meta[property=\"og:description\"]").ok().flatten())
        .and_then(|m| m.get_attribute("content"));
    let article = body_text();
    let mut out = String::new();
    for part in [text_of("h1"), description, article].into_iter().flatten() {
        for word in part.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    match out.char_indices().nth(TEXT_CHARS) {
        Some((at, _)) => out.get(..at).unwrap_or_default().to_owned(),
        None => out,
    }
}
