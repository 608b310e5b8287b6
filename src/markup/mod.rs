//! What a widget is made of, decided once: a small tree of elements, attributes and
//! text. The browser builds it with `createElement` and `textContent`; the CLI writes
//! it as escaped HTML for static pages. No path ever parses data as HTML.

mod html;
mod labels;
mod view;
mod widgets;

pub use html::to_html;
pub use labels::Lang;
pub use view::{HeadingLevel, Layout, Theme, View};
pub use widgets::{most_read, most_read_listed, partnership, partnership_card, related, related_listed, Library};

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub tag: &'static str,
    /// Created in the SVG namespace.
    pub svg: bool,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// Every text below this element, in order.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        fn walk(n: &Node, out: &mut String) {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.children.iter().for_each(|c| walk(c, out)),
            }
        }
        self.children.iter().for_each(|c| walk(c, &mut out));
        out
    }

    /// Every element below (and including) this one, depth first.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for c in &self.children {
            if let Node::Element(e) = c {
                out.extend(e.descendants());
            }
        }
        out
    }

    /// Elements with this class, depth first.
    pub fn by_class(&self, class: &str) -> Vec<&Element> {
        self.descendants().into_iter().filter(|e| e.attr("class").is_some_and(|c| c.split(' ').any(|x| x == class))).collect()
    }
}

/// A tiny builder so widget code reads like the markup it makes.
pub(crate) fn el(tag: &'static str) -> Element {
    Element { tag, svg: false, attrs: Vec::new(), children: Vec::new() }
}

pub(crate) fn svg(tag: &'static str) -> Element {
    Element { tag, svg: true, attrs: Vec::new(), children: Vec::new() }
}

impl Element {
    /// Set an attribute, replacing an earlier value of the same name.
    pub(crate) fn a(mut self, name: &'static str, value: impl Into<String>) -> Element {
        let value = value.into();
        match self.attrs.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((name, value)),
        }
        self
    }

    pub(crate) fn class(self, c: &str) -> Element {
        self.a("class", c)
    }

    pub(crate) fn child(mut self, e: Element) -> Element {
        self.children.push(Node::Element(e));
        self
    }

    pub(crate) fn children(mut self, es: impl IntoIterator<Item = Element>) -> Element {
        self.children.extend(es.into_iter().map(Node::Element));
        self
    }

    pub(crate) fn text(mut self, t: impl Into<String>) -> Element {
        self.children.push(Node::Text(t.into()));
        self
    }
}
