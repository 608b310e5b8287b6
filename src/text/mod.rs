//! Vietnamese text: normalisation, folding, syllable tokens and their pairs.
//!
//! Everything works on the NFD form, where Vietnamese letters are ASCII bases plus
//! combining marks (and đ). That keeps case and diacritic handling rule-based, so the
//! wasm build needs no Unicode tables of its own.

pub mod gazetteer;
mod stopwords;
mod unicode;

pub use unicode::{nfc, nfd};

use std::borrow::Cow;

/// The five Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Punctuation, symbols and spaces outside ASCII, by block rather than by table.
fn is_non_ascii_separator(c: char) -> bool {
    matches!(c as u32,
        0x80..=0xBF | 0xD7 | 0xF7 | 0x1680 | 0x2000..=0x2BFF | 0x2E00..=0x2E7F | 0x3000..=0x303F
        | 0xFE30..=0xFE4F | 0xFEFF | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65 | 0x1F000..=0x1FAFF)
}

/// Invisible format characters a CMS leaves inside words: soft hyphen, zero-width
/// space, (non-)joiner, direction marks and embeddings, word joiner, BOM. They are
/// deleted, not read as separators, or "tri\u{ad}ển" would be two words.
fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0xAD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF)
}

/// A character as the tokeniser should see it: `None` to delete it. Ð/ð (Icelandic
/// eth) and Ɖ/ɖ (African D) look like Đ/đ and are typed for them.
fn canonical(c: char) -> Option<char> {
    match c {
        c if is_invisible(c) => None,
        '\u{d0}' | '\u{189}' => Some('Đ'),
        '\u{f0}' | '\u{256}' => Some('đ'),
        c => Some(c),
    }
}

/// `s` with [`canonical`] applied, before normalisation: all of these characters are
/// starters that neither compose nor decompose, so this keeps canonical
/// equivalence, and NFD afterwards can't bring them back.
fn clean(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || s.chars().all(|c| canonical(c) == Some(c)) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter_map(canonical).collect())
    }
}

/// Whitespace, Unicode's spaces included: any run of it is one space.
fn is_space(c: char) -> bool {
    matches!(c as u32, 0x09..=0x0D | 0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_mark(c) || !is_non_ascii_separator(c)
    }
}

/// Lower case for the scripts a Vietnamese or French newsroom writes, by rule.
#[inline]
pub fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    let shifted = match u {
        0x41..=0x5A => u + 0x20,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // U+1E96..U+1E9F break the block's capital/small pairs: ẚ is small, ẞ is ß.
        0x1E9E => 0xDF,
        0x100..=0x137 | 0x14A..=0x177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        // Ơ and Ư, the two Vietnamese letters outside Latin-1 and Extended-A.
        0x1A0 | 0x1AF => u + 1,
        0x391..=0x3A9 if u != 0x3A2 => u + 0x20,
        0x410..=0x42F => u + 0x20,
        0x400..=0x40F => u + 0x50,
        _ => u,
    };
    char::from_u32(shifted).unwrap_or(c)
}

fn is_upper(c: char) -> bool {
    lower_char(c) != c
}

/// The words of an NFC text, lower-cased, one space apart, punctuation dropped. A
/// cheap comparison key for text already composed: no normalisation round trip.
pub fn plain_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars().filter_map(canonical) {
        if is_word_char(c) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(lower_char(c));
        } else {
            gap = true;
        }
    }
    out
}

/// U+034F, the combining grapheme joiner; see [`fold`].
const JOINER: char = '\u{34f}';

/// Strip diacritics from one lower-case NFD character, pushing its base letters.
#[inline]
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    match c {
        c if is_mark(c) => {}
        'đ' => out.push('d'),
        'ø' => out.push('o'),
        'ł' => out.push('l'),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'ß' => out.push_str("ss"),
        c => out.push(c),
    }
}

/// Lower case, no diacritics: "Đà Nẵng" → "da nang". Input may be in any form.
pub fn fold(s: &str) -> String {
    let d = nfd(&clean(s));
    let mut out = String::with_capacity(d.len());
    let mut joiner = false;
    for c in d.chars() {
        joiner |= c == JOINER;
        push_folded(&mut out, lower_char(c));
    }
    // The grapheme joiner is the one mark here that blocks reordering: dropping it
    // can leave two other marks out of canonical order. Folding again reorders
    // them, so folding stays idempotent; the second pass has no joiner to drop.
    if joiner {
        fold(&out)
    } else {
        out
    }
}

/// Where `needle` first occurs in `hay`, by byte (a match of valid UTF-8 in valid
/// UTF-8 starts on a character boundary). Used in place of `str::contains`, `find`,
/// `split` and `replace` with string patterns: core's two-way searcher and the panic
/// paths it drags in cost the wasm about 6 KB for a few short searches.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else { return Some(0) };
    let mut at = 0;
    while let Some(i) = h.get(at..).and_then(|t| t.iter().position(|&b| b == first)) {
        let start = at + i;
        if h.get(start + 1..start + n.len()) == Some(rest) {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// The pieces of `s` between occurrences of `sep` (not empty), as `str::split`.
pub fn split<'a>(s: &'a str, sep: &'a str) -> impl Iterator<Item = &'a str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match find(r, sep).filter(|_| !sep.is_empty()) {
            Some(i) => {
                rest = r.get(i + sep.len()..);
                r.get(..i)
            }
            None => rest.take(),
        }
    })
}

/// `s` with every `from` (not empty) replaced by `to`, as `str::replace`.
pub fn replace(s: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pieces = split(s, from);
    if let Some(p) = pieces.next() {
        out.push_str(p);
    }
    for p in pieces {
        out.push_str(to);
        out.push_str(p);
    }
    out
}

/// A URL- and id-friendly slug: folded words joined by '-', at most `max` bytes.
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    for word in fold(s).split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() && out.len() + 1 + word.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        // Words are ASCII here, so any byte count is a boundary.
        out.push_str(word.get(..word.len().min(max)).unwrap_or(""));
    }
    out
}

/// One syllable (or word, for French and numbers) of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// No case, no diacritics: "hoa".
    pub folded: String,
    /// No case, diacritics kept, the tone moved to the end so old and new
    /// placements agree: "hoà" and "hòa" are both "hoa" + U+0300.
    pub exact: String,
    /// Where the word stands in [`Analysis::text`]; see [`Analysis::surface`].
    pub span: (usize, usize),
    /// Written with a capital first letter.
    pub capital: bool,
    /// Written with any diacritic (including đ).
    pub marked: bool,
    /// A Vietnamese function word that carries no topic.
    pub stop: bool,
    /// Part of a number that counts, measures or dates ("18.000 lượt", "12,5 km",
    /// "3,1 triệu", "30/4"), not one that names: two stories that both count
    /// visitors or both happen on the 30th share nothing. Digits, except a year
    /// ("2026"), and a number word after them ("triệu"); see [`Analysis::pairs`]
    /// for "số 3".
    pub quantity: bool,
    /// What separates it from the previous token.
    pub gap: Gap,
}

impl Token {
    /// Whether the token is a feature on its own: not a function word, not a quantity.
    pub fn topical(&self) -> bool {
        !self.stop && !self.quantity
    }
}

/// What separates a token from the one before it, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// Whitespace inside a paragraph, however much and of whatever kind: one phrase.
    Space,
    /// A bare hyphen or apostrophe, inside a compound ("Île-de-France", "d'Azur").
    /// Pairs form across it as across a space.
    Hyphen,
    /// A dash with space around it, or any long dash ("Bà Rịa - Vũng Tàu"): a place
    /// name may span it, a pair doesn't.
    Dash,
    /// Other punctuation: a comma, a bracket, a quote, a stop inside a word ("3.5").
    Phrase,
    /// A sentence end, a paragraph break, or the start of the text.
    Sentence,
}

/// Administrative abbreviations written with a stop before a place name ("TP. Huế"),
/// folded: that stop ends no sentence.
const ABBREVIATIONS: [&str; 5] = ["tp", "tx", "tt", "q", "p"];

/// The characters between two tokens, summed up as they are read.
#[derive(Default)]
struct GapScan {
    spaces: bool,
    breaks: u8,
    after_cr: bool,
    hyphens: u8,
    apostrophes: u8,
    dashes: u8,
    other: bool,
    sentence: bool,
    /// A '.' or ':' just read: it ends a sentence unless the next word follows at
    /// once ("TP.HCM", "3.5", "10:30").
    stop: bool,
}

impl GapScan {
    fn push(&mut self, c: char) {
        self.sentence |= self.stop;
        self.stop = false;
        match c {
            '\n' if self.after_cr => {}
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' => self.breaks = self.breaks.saturating_add(1),
            '\u{2029}' => self.breaks = 2,
            c if is_space(c) => self.spaces = true,
            '-' | '\u{2010}' | '\u{2011}' => self.hyphens = self.hyphens.saturating_add(1),
            '\'' | '\u{2019}' => self.apostrophes = self.apostrophes.saturating_add(1),
            '\u{2012}'..='\u{2015}' | '\u{2212}' => self.dashes = self.dashes.saturating_add(1),
            '.' | ':' | '\u{ff0e}' | '\u{ff1a}' => self.stop = true,
            '!' | '?' | ';' | '\u{2026}' | '\u{3002}' | '\u{ff01}' | '\u{ff1b}' | '\u{ff1f}' => self.sentence = true,
            _ => self.other = true,
        }
        self.after_cr = c == '\r';
    }

    fn gap(&self) -> Gap {
        let spaced = self.spaces || self.breaks > 0;
        if self.sentence || self.breaks > 1 {
            Gap::Sentence
        } else if self.other || self.stop {
            Gap::Phrase
        } else {
            match (self.hyphens, self.apostrophes, self.dashes) {
                (0, 0, 0) => Gap::Space,
                (1, 0, 0) | (0, 1, 0) if !spaced => Gap::Hyphen,
                (1, 0, 0) | (0, 0, 1) => Gap::Dash,
                _ => Gap::Phrase,
            }
        }
    }
}

/// A text cut into tokens, with what matters about the whole.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The text in NFD, which token spans point into.
    pub text: String,
    pub tokens: Vec<Token>,
    /// Any capital letter at all; a text typed in lower case can't use case as evidence.
    pub any_capital: bool,
    /// Any diacritic at all; a text typed without them can't use them as evidence.
    pub any_marked: bool,
}

impl Analysis {
    /// A token in lower case as written, for showing a term back to a reader. Made on
    /// demand: only a term's first sighting in an index ever needs it.
    pub fn surface(&self, t: &Token) -> String {
        self.text.get(t.span.0..t.span.1).unwrap_or("").chars().map(lower_char).collect()
    }

    /// Whether a token is a word on its own rather than one syllable of a Vietnamese
    /// word: a foreign word ("metro", "startup", "Brazil"), an acronym in capitals
    /// ("IUU", "THPT", "UBND"), a year.
    pub fn whole_word(&self, t: &Token) -> bool {
        let acronym = || {
            let s = self.text.get(t.span.0..t.span.1).unwrap_or("");
            s.len() > 1 && s.chars().all(|c| !c.is_ascii_lowercase()) && s.chars().any(|c| c.is_ascii_uppercase())
        };
        !gazetteer::vietnamese_syllable(&t.folded) || (!t.marked && acronym())
    }

    /// Adjacent pairs of topic-bearing tokens inside one phrase, as (left, right)
    /// indices. A quantity takes part in none, but a number after "số" (No.) names
    /// something ("tuyến số 3", "bão số 15", "Nghị quyết số 68"): that pair stays.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.tokens.windows(2).enumerate().filter_map(|(i, w)| match w {
            [a, b] => (b.gap <= Gap::Hyphen
                && !a.stop
                && !b.stop
                && !a.quantity
                && (!b.quantity || (a.folded == "so" && b.gap == Gap::Space)))
                .then_some((i, i + 1)),
            _ => None,
        })
    }
}

/// (exact, folded, capital) of one NFD word.
fn forms(word: &str) -> (String, String, bool) {
    let mut exact = String::with_capacity(word.len());
    let mut folded = String::with_capacity(word.len());
    let mut tone = None;
    let mut capital = false;
    let mut joiner = false;
    for (i, c) in word.chars().enumerate() {
        let l = lower_char(c);
        if i == 0 {
            capital = l != c;
        }
        joiner |= l == JOINER;
        if !l.is_ascii() && TONES.contains(&l) {
            tone.get_or_insert(l);
        } else {
            exact.push(l);
        }
        push_folded(&mut folded, l);
    }
    exact.extend(tone);
    if joiner {
        folded = fold(&folded); // as in `fold`
    }
    (exact, folded, capital)
}

fn make_token(word: &str, span: (usize, usize), gap: Gap) -> Token {
    let (exact, folded, capital) = forms(word);
    let stop = stopwords::is_stop(&exact);
    // Settled by `mark_quantities`, which sees the neighbours.
    Token { folded, exact, span, capital, marked: !word.is_ascii(), stop, quantity: false, gap }
}

/// Digits only.
fn is_number(t: &Token) -> bool {
    !t.folded.is_empty() && t.folded.bytes().all(|b| b.is_ascii_digit())
}

/// Settle [`Token::quantity`] once all tokens are known. A four-digit number from
/// 1000 to 2999 is a year and names a time, unless it is a piece of a grouped number,
/// joined to another number by a lone '.' or ',' ("2.026", "1,989"); a date's '/'
/// does not group ("1/7/2026" has the year 2026). A number word right after a
/// quantity is part of it.
fn mark_quantities(text: &str, tokens: &mut [Token], marked: bool) {
    let grouped = |a: &Token, b: &Token| {
        is_number(a) && is_number(b) && matches!(text.get(a.span.1..b.span.0), Some("." | ","))
    };
    for i in 0..tokens.len() {
        let (before, rest) = tokens.split_at_mut(i);
        let (Some(t), prev, next) = (rest.first(), before.last(), rest.get(1)) else { continue };
        let quantity = if is_number(t) {
            let year = t.folded.len() == 4 && matches!(t.folded.as_bytes().first(), Some(b'1' | b'2'));
            !year || prev.is_some_and(|p| grouped(p, t)) || next.is_some_and(|n| grouped(t, n))
        } else {
            t.gap == Gap::Space && prev.is_some_and(|p| p.quantity) && stopwords::is_number_word(&t.exact, &t.folded, marked)
        };
        if let Some(t) = rest.first_mut() {
            t.quantity = quantity;
        }
    }
}

/// Cut a text into tokens. Accepts NFC or NFD input alike.
pub fn analyze(text: &str) -> Analysis {
    let d = nfd(&clean(text));
    let mut out = Analysis::default();
    let mut start = None;
    let mut scan = GapScan { sentence: true, ..GapScan::default() };
    // Whether the gap has begun: only its first character can be an abbreviation's stop.
    let mut in_gap = false;
    let flush = |out: &mut Analysis, span: (usize, usize), gap: Gap| {
        let word = d.get(span.0..span.1).unwrap_or("");
        let t = make_token(word, span, gap);
        out.any_capital = out.any_capital || word.chars().any(is_upper);
        out.any_marked |= t.marked;
        out.tokens.push(t);
    };
    for (i, c) in d.char_indices() {
        // A mark with no letter before it (" \u{301}") starts no word: it would fold to nothing.
        if is_word_char(c) && (start.is_some() || !is_mark(c)) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            flush(&mut out, (s, i), std::mem::take(&mut scan).gap());
            in_gap = false;
        }
        let abbreviation = !in_gap && c == '.' && out.tokens.last().is_some_and(|t| ABBREVIATIONS.contains(&t.folded.as_str()));
        if !abbreviation {
            scan.push(c);
        }
        in_gap = true;
    }
    if let Some(s) = start {
        flush(&mut out, (s, d.len()), scan.gap());
    }
    mark_quantities(&d, &mut out.tokens, out.any_marked);
    if !out.any_marked {
        // Typed without diacritics: "cac" may well be "các".
        for t in &mut out.tokens {
            t.stop = stopwords::is_stop_folded(&t.folded);
        }
    }
    out.text = d;
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn find_split_and_replace_agree_with_std() {
        let hays = ["", "a", "Hà Nội và Huế", "x{id}y{id}", "{id}", "aaa", "a\n\nb\n\n", "đđ đ"];
        let needles = ["a", "{id}", "\n\n", "Huế", "aa", " đ", "zz", "Nội và"];
        for h in hays {
            for n in needles {
                assert_eq!(super::find(h, n), h.find(n), "{h:?} {n:?}");
                assert_eq!(super::split(h, n).collect::<Vec<_>>(), h.split(n).collect::<Vec<_>>(), "{h:?} {n:?}");
                assert_eq!(super::replace(h, n, "<>"), h.replace(n, "<>"), "{h:?} {n:?}");
            }
        }
    }

    use super::*;

    fn exacts(s: &str) -> Vec<String> {
        analyze(s).tokens.into_iter().map(|t| t.exact).collect()
    }

    #[test]
    fn nfd_input_gives_the_same_tokens_as_nfc() {
        let nfc_text = "Thừa Thiên Huế hợp tác với Đà Nẵng";
        let nfd_text: String = nfd(nfc_text);
        assert_ne!(nfc_text, nfd_text, "the fixture must really be decomposed");
        assert_eq!(analyze(nfc_text).tokens, analyze(&nfd_text).tokens);
        assert_eq!(nfc(&nfd_text), nfc_text);
    }

    #[test]
    fn folds_case_and_diacritics_including_d_stroke() {
        assert_eq!(fold("Đà Nẵng ĐƯỜNG Île-de-France"), "da nang duong ile-de-france");
        assert_eq!(slug("Thừa Thiên Huế: hợp tác (CH Pháp)", 80), "thua-thien-hue-hop-tac-ch-phap");
        assert_eq!(slug("một hai ba bốn", 8), "mot-hai");
    }

    #[test]
    fn old_and_new_tone_placement_are_one_word() {
        assert_eq!(exacts("hoà thuỷ xoá"), exacts("hòa thủy xóa"));
        // Capital and decomposed forms too.
        assert_eq!(exacts(&nfd("HOÀ")), exacts("hòa"));
    }

    #[test]
    fn tone_and_vowel_marks_still_distinguish_words() {
        let words = exacts("đường dương đương");
        assert_eq!(words.len(), 3);
        assert_ne!(words[0], words[1]);
        assert_ne!(words[1], words[2]);
        assert_ne!(words[0], words[2]);
        let folded: Vec<_> = analyze("đường dương đương").tokens.into_iter().map(|t| t.folded).collect();
        assert_eq!(folded, ["duong", "duong", "duong"]);
    }

    #[test]
    fn pairs_stay_inside_phrases_and_skip_stop_words() {
        let a = analyze("Hà Nội và Île-de-France, Việt Nam - Pháp");
        let pairs: Vec<String> =
            a.pairs().map(|(i, j)| format!("{} {}", a.tokens[i].folded, a.tokens[j].folded)).collect();
        assert_eq!(pairs, ["ha noi", "ile de", "de france", "viet nam"]);
        assert!(a.tokens[2].stop, "\"và\" is a stop word");
    }

    /// The tokens that carry topic, and the pairs, of a text.
    fn topical(s: &str) -> (Vec<String>, Vec<String>) {
        let a = analyze(s);
        let terms = a.tokens.iter().filter(|t| t.topical()).map(|t| t.folded.clone()).collect();
        let pairs = a.pairs().map(|(i, j)| format!("{} {}", a.tokens[i].folded, a.tokens[j].folded)).collect();
        (terms, pairs)
    }

    #[test]
    fn quantities_are_no_topic_but_years_and_numbered_names_are() {
        // Counts, measures and dates, grouped or not: no term, no pair.
        assert_eq!(topical("khoảng 18.000 lượt khách"), (vec!["khoang".into(), "luot".into(), "khach".into()], vec!["luot khach".into()]));
        assert_eq!(topical("dài 12,5 km").0, ["dai", "km"]);
        assert_eq!(topical("sáng 30/4").1, Vec::<String>::new());
        assert_eq!(topical("tăng 40%").0, ["tang"]);
        // A number word after a number is part of it; elsewhere it is a word.
        assert_eq!(topical("hơn 3,1 triệu lượt").0, ["luot"]);
        assert_eq!(topical("5,6 tỷ USD").0, ["usd"]);
        assert_eq!(topical("hon 3 trieu luot").0, ["luot"], "typed without diacritics");
        assert_eq!(topical("được triệu tập").1, ["trieu tap"]);
        assert!(topical("tỷ lệ hành khách").0.contains(&"ty".to_owned()));
        // A year names a time: alone, or ending a date.
        assert_eq!(topical("năm 2026").0, ["nam", "2026"]);
        assert_eq!(topical("từ ngày 1/7/2026").0, ["ngay", "2026"]);
        assert_eq!(topical("năm 1989, 2026 và 2030").0, ["nam", "1989", "2026", "2030"]);
        // ...but not four digits inside a grouped number, nor outside 1000–2999.
        assert_eq!(topical("2.026 người").0, ["nguoi"]);
        assert_eq!(topical("1,989 tấn").0, ["tan"]);
        assert_eq!(topical("24000 TEU").0, ["teu"]);
        assert_eq!(topical("3500 TEU").0, ["teu"]);
        // "số 3" names a line, a storm, a resolution: the pair stays, the bare number doesn't.
        assert_eq!(topical("tuyến metro số 3 Nhổn"), (vec!["tuyen".into(), "metro".into(), "so".into(), "nhon".into()], vec!["tuyen metro".into(), "metro so".into(), "so 3".into()]));
        assert_eq!(topical("bão số 15").1, ["bao so", "so 15"]);
        // Letters and digits together are names: "U23", "5G", "PM2".
        assert_eq!(topical("U23 và 5G").0, ["u23", "5g"]);
    }

    #[test]
    fn foreign_words_acronyms_and_years_are_words_on_their_own() {
        let a = analyze("Tuyến metro Nhổn chống IUU, startup AI gọi vốn năm 2026 ở Brazil, thi THPT");
        let whole: Vec<&str> = a.tokens.iter().filter(|t| a.whole_word(t)).map(|t| t.folded.as_str()).collect();
        assert_eq!(whole, ["metro", "iuu", "startup", "ai", "2026", "brazil", "thpt"]);
        // Typed in capitals, a Vietnamese syllable with its marks is still a syllable.
        let a = analyze("HÀ NỘI");
        assert!(a.tokens.iter().all(|t| !a.whole_word(t)));
    }

    #[test]
    fn stop_words_need_their_diacritics_unless_none_were_typed() {
        let t = analyze("các cá");
        assert!(t.tokens[0].stop);
        assert!(!t.tokens[1].stop, "cá (fish) is not các");
        assert!(analyze("hop tac cac dia phuong").tokens[2].stop);
    }
}
