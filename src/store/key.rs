//! Route keys: how the build and a page name the same article, by its URL path or
//! its headline, and which parts of a page are its text. Both sides call these functions, so they cannot drift apart.
//!
//! Byte-level parsing throughout: the browser build does no string-pattern
//! searches (see [`crate::text::find`]).

use crate::text::{fold, nfc, plain_key};

/// Marks the element that holds a page's article text; `tinbai build --site` and a
/// page's own free-text query read the same parts of a page.
pub const BODY: &str = "data-tinbai-body";
/// Leaves an element (or, on `<html>` or `<body>`, the whole page) out.
pub const IGNORE: &str = "data-tinbai-ignore";
/// Parts of a page that are not its article: left out of its text, and an
/// `<article>` inside them is not counted.
pub const NOT_ARTICLE: &[&str] = &["nav", "aside", "form", "script", "style", "noscript", "template", "svg"];

/// A headline key's prefix; a path key always starts with `/`.
pub const TITLE: &str = "t:";

/// A URL reduced to the path that names its page: scheme and host, query and
/// fragment dropped, percent-escapes decoded (when they decode to UTF-8), and a
/// trailing `/` or `/index.html` dropped, so `https://bao.vn/tin/a/?x=1#top`,
/// `/tin/a` and `/tin/a/index.html` are all `/tin/a`. A relative URL is read from
/// the root. `None` for a URL with no path to name (`mailto:`, empty).
pub fn path(url: &str) -> Option<String> {
    let b = url.trim().as_bytes();
    // Fragment first: a `?` after a `#` is the fragment's.
    let end = b.iter().position(|&c| c == b'#').unwrap_or(b.len());
    let b = b.get(..end)?;
    let end = b.iter().position(|&c| c == b'?').unwrap_or(b.len());
    let mut b = b.get(..end)?;
    if b.starts_with(b"//") {
        b = after_authority(b.get(2..)?);
    } else if let Some(colon) = scheme_end(b) {
        let rest = b.get(colon + 1..)?;
        if !rest.starts_with(b"//") {
            return None;
        }
        b = after_authority(rest.get(2..)?);
    }
    let mut out = Vec::with_capacity(b.len() + 1);
    if b.first() != Some(&b'/') {
        out.push(b'/');
    }
    decode_into(b, &mut out);
    let mut p = match String::from_utf8(out) {
        Ok(s) => s,
        // Escapes that are not UTF-8 stay escaped, on both sides alike.
        Err(_) => {
            let mut s = String::with_capacity(b.len() + 1);
            if b.first() != Some(&b'/') {
                s.push('/');
            }
            s.push_str(std::str::from_utf8(b).ok()?);
            s
        }
    };
    if !p.is_ascii() {
        p = nfc(&p);
    }
    if p.ends_with("/index.html") {
        p.truncate(p.len() - "index.html".len());
    }
    while p.len() > 1 && p.ends_with('/') {
        p.pop();
    }
    Some(p)
}

/// Where a scheme's `:` is, if `b` starts with one (`https:`), per RFC 3986: a
/// letter, then letters, digits, `+`, `-` or `.`.
fn scheme_end(b: &[u8]) -> Option<usize> {
    let colon = b.iter().position(|&c| c == b':')?;
    let scheme = b.get(..colon)?;
    let ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    ok.then_some(colon)
}

/// The path after `host[:port]`: from the first `/`, or empty.
fn after_authority(b: &[u8]) -> &[u8] {
    let at = b.iter().position(|&c| c == b'/').unwrap_or(b.len());
    b.get(at..).unwrap_or_default()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// `%XX` escapes decoded; a `%` not followed by two hex digits stays as it is.
fn decode_into(b: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let pair = (b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex));
        match (c, pair) {
            (b'%', (Some(h), Some(l))) => {
                out.push(h * 16 + l);
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
}

/// A headline's key: `t:` and its folded words (no case, no diacritics, no
/// punctuation), so `Hà Nội: mùa thu` and `HA NOI – Mùa thu!` are one key. `None`
/// for a headline without words.
pub fn title(headline: &str) -> Option<String> {
    let words = plain_key(&fold(headline));
    (!words.is_empty()).then(|| {
        let mut k = String::with_capacity(TITLE.len() + words.len());
        k.push_str(TITLE);
        k.push_str(&words);
        k
    })
}

/// The keys a page tries, in order and without repeats: its canonical URL's path,
/// its own path, its headline.
pub fn page(canonical: Option<&str>, pathname: Option<&str>, headline: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for k in [canonical.and_then(path), pathname.and_then(path), headline.and_then(title)].into_iter().flatten() {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_origin_query_fragment_and_trailing_slash_or_index_html() {
        for url in [
            "https://bao.vn/tin/a/?x=1#top",
            "http://bao.vn:8080/tin/a",
            "//cdn.bao.vn/tin/a/index.html",
            "/tin/a/",
            "/tin/a/index.html",
            "tin/a",
            "/tin/a#x?y",
            " /tin/a ",
        ] {
            assert_eq!(path(url).as_deref(), Some("/tin/a"), "{url}");
        }
        for url in ["https://bao.vn", "https://bao.vn/", "/", "/index.html", "https://bao.vn?x", ""] {
            assert_eq!(path(url).as_deref(), Some("/"), "{url:?}");
        }
        assert_eq!(path("mailto:a@b.vn"), None);
        assert_eq!(path("/tin/h%C3%A0-n%E1%BB%99i").as_deref(), Some("/tin/hà-nội"));
        // Decomposed and composed spellings are one path.
        assert_eq!(path("/tin/ha\u{300}").as_deref(), Some("/tin/hà"));
        assert_eq!(path("/tin/%E1%BB").as_deref(), Some("/tin/%E1%BB"), "not UTF-8: left escaped");
        assert_eq!(path("/a%2").as_deref(), Some("/a%2"));
        assert_eq!(path("/a%").as_deref(), Some("/a%"));
        assert_eq!(path("/tin/index.htm").as_deref(), Some("/tin/index.htm"));
    }

    #[test]
    fn headlines_fold_case_diacritics_and_punctuation() {
        assert_eq!(title("Hà Nội: mùa thu"), title("HA NOI – Mùa thu!"));
        assert_eq!(title("Hà Nội: mùa thu").as_deref(), Some("t:ha noi mua thu"));
        assert_eq!(title(" – "), None);
    }

    #[test]
    fn a_page_tries_canonical_then_path_then_headline_once_each() {
        assert_eq!(page(Some("https://bao.vn/tin/a/"), Some("/tin/a"), Some("Tin A")), ["/tin/a", "t:tin a"]);
        assert_eq!(page(None, Some("/x"), None), ["/x"]);
        assert_eq!(page(Some("https://bao.vn/amp/a"), Some("/a"), Some("")), ["/amp/a", "/a"]);
    }
}
