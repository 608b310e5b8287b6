//! The tree as static HTML, for pages rendered ahead of time and readers without JS.

use super::{Element, Node};

fn escape(s: &str, out: &mut String, attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

fn write(n: &Node, out: &mut String) {
    match n {
        Node::Text(t) => escape(t, out, false),
        Node::Element(e) => write_element(e, out),
    }
}

fn write_element(e: &Element, out: &mut String) {
    out.push('<');
    out.push_str(e.tag);
    if e.tag == "svg" {
        out.push_str(" xmlns=\"");
        out.push_str(super::SVG_NS);
        out.push('"');
    }
    for (k, v) in &e.attrs {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        escape(v, out, true);
        out.push('"');
    }
    out.push('>');
    if e.tag == "script" {
        // JSON-LD: "</script>" inside a string must not end the element early.
        for c in &e.children {
            if let Node::Text(t) = c {
                out.push_str(&t.replace("</", "<\\/"));
            }
        }
    } else {
        e.children.iter().for_each(|c| write(c, out));
    }
    if !matches!(e.tag, "img" | "br") {
        out.push_str("</");
        out.push_str(e.tag);
        out.push('>');
    }
}

/// Serialise a widget. Text and attribute values are escaped; nothing is trusted.
pub fn to_html(e: &Element) -> String {
    let mut out = String::new();
    write_element(e, &mut out);
    out
}
