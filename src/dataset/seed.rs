//! Parser for scraped Vietnamese news pages.
//!
//! A page is a headline, body paragraphs with photo captions and teasers of other
//! articles, then sidebar blocks under known headings. The parser reads each line by
//! its form (pipes, image markers, length, sentence ends), never by its position, so a
//! new page in the same style parses too.

use super::{Item, Kind, SeenIn};
use crate::text::{fold, nfc, nfd, plain_key, slug};
use std::collections::{HashMap, HashSet};

/// Sidebar headings, folded. A page's body ends at the first of them.
const HEADINGS: &[&str] = &[
    "tin bai lien quan",
    "cac tin bai khac",
    "doc nhieu",
    "xem nhieu",
    "tin xem nhieu",
    "bo coi bien dao",
    "multimedia",
    "co the ban quan tam",
    "tin cung chuyen muc",
    "cung chuyen muc",
    "tin lien quan",
    "bai lien quan",
    "bai viet lien quan",
    "tin khac",
    "doc them",
    "xem them",
    "tin moi",
    "tin moi nhat",
    "tin noi bat",
];

/// Sub-navigation labels that sit under a sidebar heading, folded.
const NAV_LABELS: &[&str] =
    &["mien dat - con nguoi", "cuoc song vung bien", "nhip song bien dao", "lich su chu quyen", "giao luu huu nghi"];

/// Share-button strips such as "fb yt zl tw".
const SHARE_WORDS: &[&str] = &["fb", "yt", "zl", "tw", "facebook", "youtube", "zalo", "twitter", "x", "in", "email", "print"];

/// Time phrases that open a news lead ("Sáng 31/5, …"), folded; dropped from derived titles.
const LEAD_TIME_WORDS: &[&str] = &["tu ngay", "ngay", "sang", "chieu", "toi", "trua", "dem", "hom nay", "vua qua", "moi day"];

/// A line with fewer words than this, standing alone in the body, is a photo caption.
const CAPTION_MAX_WORDS: usize = 20;
/// A sidebar line with at least this many words that ends a sentence is a summary.
const SUMMARY_MIN_WORDS: usize = 20;
/// Derived titles are cut at a word boundary to this many characters.
const TITLE_MAX_CHARS: usize = 110;

/// A headline-only item found on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub title: String,
    pub kind: Kind,
    pub summary: Option<String>,
    pub seen_in: SeenIn,
}

/// One page, parsed.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub title: String,
    pub body: Vec<String>,
    pub captions: Vec<String>,
    pub headlines: Vec<Headline>,
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn folded_line(s: &str) -> String {
    fold(s).trim().trim_end_matches(':').trim().to_owned()
}

fn is_image_marker(line: &str) -> bool {
    let l = line.trim_end_matches('|').trim();
    if l.starts_with("![") && l.ends_with(')') {
        return true;
    }
    // A bare file name such as "D1.jpg".
    let lower = l.to_ascii_lowercase();
    !l.contains(' ')
        && [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"].iter().any(|e| lower.ends_with(e))
}

fn is_share_strip(line: &str) -> bool {
    let mut n = 0;
    let all = line.split_whitespace().all(|w| {
        n += 1;
        SHARE_WORDS.contains(&w.to_ascii_lowercase().as_str())
    });
    all && n > 0
}

fn is_punctuation_only(line: &str) -> bool {
    !line.chars().any(char::is_alphanumeric)
}

fn is_nav_line(line: &str) -> bool {
    // A strip starts with one of its labels; most lines fail this at once.
    let first = fold(line.split(' ').next().unwrap_or(""));
    if first.is_empty() || !NAV_LABELS.iter().any(|l| l.starts_with(first.as_str())) {
        return false;
    }
    let mut rest = folded_line(line);
    for label in NAV_LABELS {
        rest = rest.replace(label, " ");
    }
    rest.trim().is_empty()
}

fn heading(line: &str) -> Option<&str> {
    if words(line) > 6 {
        return None;
    }
    let f = folded_line(line);
    HEADINGS.contains(&f.as_str()).then(|| line.trim().trim_end_matches(':').trim())
}

/// `| text |` is wrapped; `text |` (a caption under an image) is trailed.
enum Pipes<'a> {
    Wrapped(&'a str),
    Trailed(&'a str),
    None(&'a str),
}

fn pipes(line: &str) -> Pipes<'_> {
    match (line.strip_prefix('|'), line.strip_suffix('|')) {
        (Some(rest), Some(_)) if line.len() > 1 => Pipes::Wrapped(rest.strip_suffix('|').unwrap_or(rest).trim()),
        (None, Some(inner)) => Pipes::Trailed(inner.trim()),
        _ => Pipes::None(line),
    }
}

fn kind_prefix(title: &str) -> (Kind, &str) {
    let t = title.trim();
    if let Some((tag, rest)) = t.strip_prefix('[').and_then(|r| r.split_once(']')) {
        let kind = match tag.to_ascii_lowercase().as_str() {
            "infographic" | "infographics" => Some(Kind::Infographic),
            "video" | "clip" => Some(Kind::Video),
            _ => None,
        };
        if let Some(kind) = kind {
            return (kind, rest.trim());
        }
    }
    (Kind::Article, t)
}

/// Upper-case the first letter ("tại" → "Tại"); the letter is an ASCII base or đ in NFD.
fn capitalise(s: &str) -> String {
    let d = nfd(s);
    let mut chars = d.chars();
    match chars.next() {
        Some('đ') => nfc(&format!("Đ{}", chars.as_str())),
        Some(c) => nfc(&format!("{}{}", c.to_ascii_uppercase(), chars.as_str())),
        None => String::new(),
    }
}

fn first_sentence(text: &str) -> &str {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|&(_, next)| next.is_whitespace()) {
            return text.get(..i).unwrap_or(text).trim();
        }
    }
    text.trim()
}

/// A short title from a text that has no headline: its first sentence, without an
/// opening time phrase, cut at a word boundary.
pub fn derive_title(text: &str) -> String {
    // A text that opens with a full stop (". Tin…") has no first sentence to take.
    let mut s = match first_sentence(text) {
        "" => text.trim(),
        s => s,
    };
    if let Some((lead, rest)) = s.split_once(", ") {
        let f = fold(lead);
        if words(lead) <= 6 && LEAD_TIME_WORDS.iter().any(|w| f.starts_with(w)) && words(rest) >= 5 {
            s = rest;
        }
    }
    let s = capitalise(s);
    if s.chars().count() <= TITLE_MAX_CHARS {
        return s;
    }
    let mut cut = String::new();
    for w in s.split_whitespace() {
        if cut.chars().count() + w.chars().count() + 1 > TITLE_MAX_CHARS - 1 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(w);
    }
    if cut.is_empty() {
        // One word longer than a title: cut inside it.
        cut = s.chars().take(TITLE_MAX_CHARS - 1).collect();
    }
    cut.trim_end_matches([',', ';', ':', '-', '–']).trim_end().to_owned() + "…"
}

fn looks_like_headline(line: &str) -> bool {
    let t = line.trim();
    !t.starts_with('|') && words(t) <= 40 && !t.ends_with('.') && first_sentence(t).len() == t.len()
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')']);
    t.ends_with(['.', '!', '?', '…'])
}

/// Two sidebar lines for one item (link text, then heading) that differ by at most
/// a word. Both are plain keys of composed text.
fn same_headline(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    a.len() == b.len() && a.len() >= 3 && a.iter().zip(&b).filter(|(x, y)| x != y).count() <= 1
}

/// Parse one page. `source` is its file name.
pub fn parse_page(source: &str, text: &str) -> Page {
    let mut page = Page::default();
    let mut after_image = false;
    let mut section: Option<String> = None;
    let mut teasers = 0;
    let mut position = 0;
    // Plain keys of the last headline and of each body paragraph, for repeat checks.
    let mut last_headline = String::new();
    let mut body_keys: Vec<String> = Vec::new();
    // Composed once for the page: every check below reads NFC.
    let text = nfc(text);
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if is_image_marker(line) {
            after_image = true;
            continue;
        }
        if is_share_strip(line) || is_punctuation_only(line) {
            continue;
        }
        if let Some(h) = heading(line) {
            section = Some(h.to_owned());
            position = 0;
            continue;
        }
        if let Some(sec) = &section {
            if is_nav_line(line) {
                continue;
            }
            let (kind, title) = kind_prefix(line);
            if title.is_empty() {
                continue; // a bare "[Video]"
            }
            let key = plain_key(title);
            if let Some(prev) = page.headlines.last_mut().filter(|h| &h.seen_in.section == sec) {
                if same_headline(&last_headline, &key) {
                    if prev.kind == Kind::Article {
                        prev.kind = kind;
                    }
                    continue;
                }
                if prev.summary.is_none() && words(line) >= SUMMARY_MIN_WORDS && ends_sentence(line) {
                    prev.summary = Some(line.to_owned());
                    continue;
                }
            }
            position += 1;
            last_headline = key;
            page.headlines.push(Headline {
                title: title.to_owned(),
                kind,
                summary: None,
                seen_in: SeenIn { source: source.to_owned(), section: sec.clone(), position },
            });
            continue;
        }
        if page.title.is_empty() {
            if looks_like_headline(line) {
                page.title = line.to_owned();
                continue;
            }
            page.title = derive_title(line);
        }
        let was_after_image = std::mem::take(&mut after_image);
        match pipes(line) {
            Pipes::Wrapped(inner) if was_after_image => page.captions.push(inner.to_owned()),
            Pipes::Trailed(inner) => page.captions.push(inner.to_owned()),
            Pipes::Wrapped(inner) => {
                teasers += 1;
                page.headlines.push(Headline {
                    title: derive_title(inner),
                    kind: Kind::Article,
                    summary: Some(inner.to_owned()),
                    seen_in: SeenIn { source: source.to_owned(), section: "teaser".into(), position: teasers },
                });
            }
            Pipes::None(p) if words(p) < CAPTION_MAX_WORDS && !p.ends_with(':') => {
                // A credit line ("Theo TQĐT.") is neither caption nor body.
                if !(fold(p).starts_with("theo ") && words(p) <= 4) {
                    page.captions.push(p.to_owned());
                }
            }
            Pipes::None(p) => {
                let key = plain_key(p);
                if !body_keys.contains(&key) {
                    body_keys.push(key);
                    page.body.push(p.to_owned());
                }
            }
        }
    }
    page
}

/// The key under which one headline is one item, wherever it appears. Titles here
/// come from parsed pages, so they are composed already.
fn headline_key(title: &str) -> String {
    plain_key(title)
}

/// Gives each new id a unique slug: the title's, then "-2", "-3"… on a clash.
#[derive(Default)]
pub struct IdAllocator {
    used: HashSet<String>,
}

impl IdAllocator {
    /// Keep an id a host chose from being handed out again.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_owned())
    }

    pub fn allocate(&mut self, title: &str) -> String {
        let base = match slug(title, 80) {
            s if s.is_empty() => "item".to_owned(),
            s => s,
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.used.insert(id.clone()))
            .unwrap_or(base)
    }
}

/// Parse several pages into one list of items: the pages' articles first, in the order
/// given, then every headline once, in order of first appearance.
pub fn parse_pages<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<Item> {
    let mut ids = IdAllocator::default();
    let mut items: Vec<Item> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut headlines = Vec::new();
    for (source, text) in pages {
        let page = parse_page(source, text);
        if page.title.is_empty() {
            // Nothing on the page reads as an article; its sidebars still count.
            headlines.extend(page.headlines);
            continue;
        }
        let id = ids.allocate(&page.title);
        by_key.insert(headline_key(&page.title), items.len());
        items.push(Item {
            id,
            title: page.title,
            body: page.body,
            captions: page.captions,
            source: Some(source.to_owned()),
            ..Item::default()
        });
        headlines.extend(page.headlines);
    }
    for h in headlines {
        let key = headline_key(&h.title);
        match by_key.get(&key) {
            Some(&i) => {
                let Some(item) = items.get_mut(i) else { continue };
                // A bare listing of a video is still the video.
                if item.kind == Kind::Article && item.source.is_none() {
                    item.kind = h.kind;
                }
                if item.summary.is_none() && item.source.is_none() {
                    item.summary = h.summary;
                }
                item.seen_in.push(h.seen_in);
            }
            None => {
                by_key.insert(key, items.len());
                items.push(Item {
                    id: ids.allocate(&h.title),
                    title: h.title,
                    kind: h.kind,
                    summary: h.summary,
                    seen_in: vec![h.seen_in],
                    ..Item::default()
                });
            }
        }
    }
    items
}
