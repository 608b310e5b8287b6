//! Errors a caller can act on: each names the item, the field or the option at fault.

use std::fmt;

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
            write!(f, " (id {id:?})")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field {field:?}")?;
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
            Error::UnknownId { what, id } => write!(f, "unknown {what} id {id:?}"),
            Error::Option { name, message } => write!(f, "option {name:?}: {message}"),
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
