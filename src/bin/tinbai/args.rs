//! A small argument reader: `--flag value`, `--flag=value`, repeated flags, positionals.

use std::collections::HashMap;

pub struct Args {
    pub positional: Vec<String>,
    values: HashMap<String, Vec<String>>,
    switches: Vec<String>,
}

/// `flags` take a value; `switches` do not. Anything else starting with `--` is an error.
pub fn parse(raw: &[String], flags: &[&str], switches: &[&str]) -> Result<Args, String> {
    let mut a = Args { positional: vec![], values: HashMap::new(), switches: vec![] };
    let mut it = raw.iter();
    while let Some(arg) = it.next() {
        let Some(name) = arg.strip_prefix("--") else {
            a.positional.push(arg.clone());
            continue;
        };
        let (name, inline) = match name.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (name, None),
        };
        if flags.contains(&name) {
            let value = match inline {
                Some(v) => v,
                None => it.next().cloned().ok_or_else(|| format!("--{name} needs a value"))?,
            };
            a.values.entry(name.to_owned()).or_default().push(value);
        } else if switches.contains(&name) && inline.is_none() {
            a.switches.push(name.to_owned());
        } else {
            return Err(format!("unknown option --{name}"));
        }
    }
    Ok(a)
}

impl Args {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.last()).map(String::as_str)
    }

    pub fn values(&self, name: &str) -> Vec<String> {
        self.values.get(name).cloned().unwrap_or_default()
    }

    pub fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }

    pub fn number(&self, name: &str) -> Result<Option<usize>, String> {
        self.value(name)
            .map(|v| v.parse().map_err(|_| format!("--{name} expects a whole number, got {v:?}")))
            .transpose()
    }
}
