//! Unicode normalisation, borrowed from the platform so the wasm carries no tables:
//! `unicode-normalization` natively, `String.prototype.normalize` in the browser
//! (handed in through [`crate::platform`]).

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

    pub fn nfc(s: &str) -> String {
        // Most text arrives composed already: checking is far cheaper than recomposing.
        if is_nfc_quick(s.chars()) == IsNormalized::Yes {
            return s.to_owned();
        }
        // Sized once: most of a related list's reasons come through here.
        let mut out = String::with_capacity(s.len());
        out.extend(s.nfc());
        out
    }
    /// The iterator adapter's algorithm (decompose, then stably sort each run of
    /// marks by combining class), written out: the adapter re-buffers every
    /// character and was a tenth of an index build.
    pub fn nfd(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + s.len() / 4);
        let mut marks: Vec<(u8, char)> = Vec::new();
        let flush = |out: &mut String, marks: &mut Vec<(u8, char)>| {
            if !marks.is_empty() {
                marks.sort_by_key(|m| m.0);
                out.extend(marks.drain(..).map(|m| m.1));
            }
        };
        for c in s.chars() {
            if c.is_ascii() {
                flush(&mut out, &mut marks);
                out.push(c);
                continue;
            }
            decompose_canonical(c, |d| match canonical_combining_class(d) {
                0 => {
                    flush(&mut out, &mut marks);
                    out.push(d);
                }
                class => marks.push((class, d)),
            });
        }
        flush(&mut out, &mut marks);
        out
    }

    #[cfg(test)]
    mod tests {
        use unicode_normalization::UnicodeNormalization;

        #[test]
        fn plainly_composed_letters_pass_the_full_check() {
            use unicode_normalization::char::canonical_combining_class;
            use unicode_normalization::{is_nfc_quick, IsNormalized};
            let all = (0..0x3_0000u32).filter_map(char::from_u32).filter(|&c| super::super::plainly_composed(c));
            for c in all {
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            }
        }

        #[test]
        fn nfd_agrees_with_the_crate() {
            // Every character of the Latin, Greek, Cyrillic and Hangul blocks, and
            // marks out of canonical order, alone and after a letter.
            let mut texts: Vec<String> = (0..0x3000u32).chain(0x1E00..0x1F00).chain(0xAC00..0xAC40).filter_map(char::from_u32).map(String::from).collect();
            texts.extend(["e\u{302}\u{323}", "\u{323}\u{302}a\u{301}\u{31b}\u{323}", "ệ\u{301}\u{323}", "Hoà Thuỷ Việt Nam ĐƯỜNG", "\u{34f}\u{301}\u{323}x"].map(String::from));
            for t in &texts {
                assert_eq!(super::nfd(t), t.nfd().collect::<String>(), "{t:?}");
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    fn normalize(s: &str, form: &str) -> String {
        crate::platform::hooks().and_then(|h| (h.normalize)(s, form)).unwrap_or_else(|| s.to_owned())
    }
    pub fn nfc(s: &str) -> String {
        normalize(s, "NFC")
    }
    pub fn nfd(s: &str) -> String {
        normalize(s, "NFD")
    }
}

/// Latin letters, precomposed Vietnamese ones included: each is NFC on its own
/// and combines with nothing before it (a test checks every one), so a text of
/// only these is NFC without the table lookups of the full check, and in the
/// browser without a round trip through `normalize`.
fn plainly_composed(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x1E00..=0x1EFF)
}

/// Canonical composition. Most text is composed already, so it skips the work.
pub fn nfc(s: &str) -> String {
    if s.chars().all(plainly_composed) {
        s.to_owned()
    } else {
        imp::nfc(s)
    }
}

/// Canonical decomposition: base letters followed by their combining marks.
pub fn nfd(s: &str) -> String {
    if s.is_ascii() {
        s.to_owned()
    } else {
        imp::nfd(s)
    }
}
