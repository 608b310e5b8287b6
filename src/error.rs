//! Errors a caller can act on: each names the item, the field or the option at fault.

use std::fmt;

/// Longer values are cut in messages: an error must stay readable when the input is
/// a megabyte of hostile text.
const QUOTE_MAX: usize = 120;

/// A string in double quotes, for messages. Not `{:?}`: Debug escaping drags
/// Unicode tables into the wasm.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(QUOTE_MAX * 4) + 2);
    out.push('"');
    let total = s.chars().count();
    for c in s.chars().take(QUOTE_MAX) {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // Control, bidi and zero-width characters are shown as escapes: a message
            // must read the same as the bytes it names.
            c if (c as u32) < 0x20 || matches!(c, '\u{7f}'..='\u{9f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    if total > QUOTE_MAX {
        out.push_str(&format!("…\" ({total} characters)"));
        return out;
    }
    out.push('"');
    out
}

/// A number as a message shows it, by integer arithmetic: `5`, `2.5`, `-0.125`.
/// Rust's float formatting would add ~15 KB to the wasm for a few error messages.
pub fn number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if n.abs() >= 1e15 {
        return if n > 0.0 { "a very large number".into() } else { "a very large negative number".into() };
    }
    let sign = if n < 0.0 { "-" } else { "" };
    let scaled = (n.abs() * 1e6).round() as u64;
    let (whole, frac) = (scaled / 1_000_000, scaled % 1_000_000);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{:06}", frac);
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// One thing wrong with input data, located as precisely as the data allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `articles[3]`, `partnerships[0].facts[2]`, `views`.
    pub at: String,
    /// The item's id, where it has one.
    pub id: Option<String>,
    /// The field at fault, where one is.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.at)?;
        if let Some(id) = &self.id {
            write!(f, " (id {})", quote(id))?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field {}", quote(field))?;
        }
        write!(f, ": {}", self.message)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// An id that is not in the dataset.
    UnknownId { what: &'static str, id: String },
    /// An option of the wrong type or out of range.
    Option { name: &'static str, message: String },
    /// Input data that fails validation; every problem found is listed.
    Data(Vec<Problem>),
    /// Text that is not JSON at all.
    Json(String),
}

impl Error {
    pub fn option(name: &'static str, message: impl Into<String>) -> Error {
        Error::Option { name, message: message.into() }
    }
}

/// At most this many problems are spelled out; the rest are counted.
const SHOWN_PROBLEMS: usize = 20;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownId { what, id } => write!(f, "unknown {what} id {}", quote(id)),
            Error::Option { name, message } => write!(f, "option {}: {message}", quote(name)),
            Error::Json(m) => write!(f, "{m}"),
            Error::Data(problems) => {
                let n = problems.len();
                write!(f, "invalid dataset: {n} problem{}", if n == 1 { "" } else { "s" })?;
                for p in problems.iter().take(SHOWN_PROBLEMS) {
                    write!(f, "\n  {p}")?;
                }
                if n > SHOWN_PROBLEMS {
                    write!(f, "\n  … and {} more", n - SHOWN_PROBLEMS)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_quotes_read_like_js() {
        assert_eq!(number(5.0), "5");
        assert_eq!(number(-0.125), "-0.125");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(quote("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(quote("Hà Nội"), "\"Hà Nội\"");
        assert_eq!(quote("a\u{202e}b\u{200b}"), r#""a\u{202e}b\u{200b}""#, "bidi and zero-width characters are shown");
        let long = quote(&"x".repeat(500));
        assert!(long.starts_with("\"xxx") && long.ends_with("…\" (500 characters)") && long.len() < 150, "{long}");
    }
}
