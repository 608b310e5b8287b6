//! A loose JSON value, so that one validator serves JSON text (natively) and JS
//! objects (in the browser) and can name the exact item and field that is wrong.

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value's type as an error message names it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Value {
        use serde_json::Value as J;
        match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(b),
            J::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            J::String(s) => Value::String(s),
            J::Array(a) => Value::Array(a.into_iter().map(Value::from).collect()),
            J::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, Value::from(v))).collect()),
        }
    }
}

/// Parse JSON text. The error names the line and column.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str::<serde_json::Value>(text).map(Value::from).map_err(|e| format!("invalid JSON: {e}"))
}

use crate::error::Problem;
use crate::text::nfc;

/// Reads one JSON object's fields and records a [`Problem`] for each wrong one, so a
/// whole item is checked at once. `null` counts as absent. Strings come back in NFC.
pub struct Fields<'a> {
    fields: &'a [(String, Value)],
    pub at: String,
    pub id: Option<String>,
    pub problems: Vec<Problem>,
}

impl<'a> Fields<'a> {
    pub fn new(v: &'a Value, at: impl Into<String>) -> Result<Fields<'a>, Problem> {
        let at = at.into();
        match v {
            Value::Object(fields) => Ok(Fields { fields, at, id: None, problems: Vec::new() }),
            other => Err(Problem { at, id: None, field: None, message: format!("expected an object, got {}", other.type_name()) }),
        }
    }

    pub fn problem(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            at: self.at.clone(),
            id: self.id.clone(),
            field: Some(field.to_owned()),
            message: message.into(),
        });
    }

    pub fn value(&self, name: &str) -> Option<&'a Value> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v).filter(|v| **v != Value::Null)
    }

    fn wrong_type(&mut self, name: &str, expected: &str, got: &Value) {
        self.problem(name, format!("expected {expected}, got {}", got.type_name()));
    }

    /// A string field; `required` ones must be present and not blank.
    pub fn string(&mut self, name: &str, required: bool) -> Option<String> {
        match self.value(name) {
            None if required => {
                self.problem(name, "missing");
                None
            }
            None => None,
            Some(Value::String(s)) if required && s.trim().is_empty() => {
                self.problem(name, "must not be empty");
                None
            }
            Some(Value::String(s)) => Some(nfc(s)),
            Some(other) => {
                self.wrong_type(name, "a string", other);
                None
            }
        }
    }

    /// An array of strings; a single string is taken as a one-element array.
    pub fn strings(&mut self, name: &str) -> Vec<String> {
        match self.value(name) {
            None => Vec::new(),
            Some(Value::String(s)) => vec![nfc(s)],
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    match v {
                        Value::String(s) => out.push(nfc(s)),
                        other => self.wrong_type(&format!("{name}[{i}]"), "a string", other),
                    }
                }
                out
            }
            Some(other) => {
                self.wrong_type(name, "a string or an array of strings", other);
                Vec::new()
            }
        }
    }

    /// A whole number within `range`.
    pub fn integer(&mut self, name: &str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
        match self.value(name)? {
            Value::Number(n) if n.fract() == 0.0 && range.contains(&(*n as i64)) => Some(*n as i64),
            Value::Number(n) => {
                self.problem(name, format!("expected a whole number from {} to {}, got {}", range.start(), range.end(), crate::error::number(*n)));
                None
            }
            other => {
                self.wrong_type(name, "a number", other);
                None
            }
        }
    }

    pub fn boolean(&mut self, name: &str) -> Option<bool> {
        match self.value(name)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(name, "true or false", other);
                None
            }
        }
    }

    /// An array field's elements.
    pub fn array(&mut self, name: &str) -> &'a [Value] {
        match self.value(name) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong_type(name, "an array", other);
                &[]
            }
        }
    }

    /// Field names outside `known`, which are most likely typos.
    pub fn unknown(&self, known: &[&str]) -> Vec<String> {
        self.fields.iter().map(|(k, _)| k).filter(|k| !known.contains(&k.as_str())).cloned().collect()
    }
}
