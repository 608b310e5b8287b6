//! HTML to the plain text of an article: paragraphs split where the page breaks
//! blocks, photo captions apart, entities decoded, and nothing a reader never sees
//! (scripts, styles, templates…).

pub use crate::dataset::feed::Text;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// Elements whose content is never text a reader sees.
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head", "title", "button", "select", "textarea"];

/// Elements that end a paragraph where they start and end.
const BLOCKS: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "header", "footer",
    "figure", "figcaption", "table", "tr", "thead", "tbody", "tfoot", "caption", "dl", "dt", "dd", "pre", "main", "aside", "nav",
    "address", "hr", "details", "summary", "form", "fieldset", "body", "html",
];

/// Whitespace-collapsing accumulator of one paragraph at a time.
#[derive(Default)]
struct Para {
    done: Vec<String>,
    current: String,
    /// `<br>`s since the last text: two in a row end a paragraph.
    breaks: u32,
}

impl Para {
    fn text(&mut self, t: &str) {
        for c in t.chars() {
            // NBSP and the other Unicode spaces are spaces here; runs collapse, as a browser shows them.
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
                self.breaks = 0;
            }
        }
    }

    fn br(&mut self) {
        self.breaks += 1;
        if self.breaks >= 2 {
            self.flush();
        } else {
            self.text(" ");
        }
    }

    fn flush(&mut self) {
        let p = self.current.trim();
        if !p.is_empty() {
            self.done.push(p.to_owned());
        }
        self.current.clear();
        self.breaks = 0;
    }
}

/// The text under `root`, leaving out every element `skip` says to (with its
/// content) besides the always hidden ones.
pub fn text_of(root: ElementRef<'_>, skip: &dyn Fn(&Element) -> bool) -> Text {
    let mut body = Para::default();
    let mut caption = Para::default();
    let mut captions = Vec::new();
    // The element whose subtree is being left out, and the figcaption being read.
    let mut skipping = None;
    let mut in_caption = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => {
                        let to = if in_caption.is_some() { &mut caption } else { &mut body };
                        to.text(t);
                    }
                    Node::Element(el) => {
                        let name = el.name();
                        if node.id() != root.id() && (HIDDEN.contains(&name) || skip(el)) {
                            skipping = Some(node.id());
                        } else if name == "br" {
                            let to = if in_caption.is_some() { &mut caption } else { &mut body };
                            to.br();
                        } else if name == "figcaption" && in_caption.is_none() {
                            body.flush();
                            in_caption = Some(node.id());
                        } else if BLOCKS.contains(&name) {
                            let to = if in_caption.is_some() { &mut caption } else { &mut body };
                            to.flush();
                        } else if matches!(name, "td" | "th") {
                            let to = if in_caption.is_some() { &mut caption } else { &mut body };
                            to.text(" ");
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if in_caption == Some(node.id()) {
                    caption.flush();
                    let c = caption.done.join(" ");
                    caption.done.clear();
                    if !c.is_empty() {
                        captions.push(c);
                    }
                    in_caption = None;
                } else if let Node::Element(el) = node.value() {
                    if BLOCKS.contains(&el.name()) {
                        let to = if in_caption.is_some() { &mut caption } else { &mut body };
                        to.flush();
                    }
                }
            }
        }
    }
    body.flush();
    Text { paragraphs: body.done, captions }
}

/// The text of an HTML fragment, such as a feed item's content.
pub fn fragment_text(html: &str) -> Text {
    let doc = Html::parse_fragment(html);
    text_of(doc.root_element(), &|_| false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blocks_and_double_breaks() {
        let t = fragment_text("<p>Một&nbsp;hai\n  ba</p>bốn<br>năm<br><br>sáu<div>bảy<ul><li>tám</li><li>chín</li></ul></div><h2>Mười</h2>");
        assert_eq!(t.paragraphs, ["Một hai ba", "bốn năm", "sáu", "bảy", "tám", "chín", "Mười"]);
    }

    #[test]
    fn entities_decode_and_hidden_parts_go() {
        let t = fragment_text("<p>Hà Nội &amp; Toulouse &ndash; cộng&shy;tác &#7871;</p><script>alert(1)</script><style>p{}</style><template><p>x</p></template><noscript>bật JS</noscript><svg><text>y</text></svg>");
        assert_eq!(t.paragraphs, ["Hà Nội & Toulouse – cộng\u{ad}tác ế"]);
    }

    #[test]
    fn captions_are_apart() {
        let t = fragment_text("<p>Trước</p><figure><img src=a.jpg><figcaption>Ảnh: <b>Lê</b> Văn</figcaption></figure><p>Sau</p>");
        assert_eq!(t.paragraphs, ["Trước", "Sau"]);
        assert_eq!(t.captions, ["Ảnh: Lê Văn"]);
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        // html5ever's scope checks make deeper input slow to parse, not our walk.
        let html = "<div>".repeat(3_000) + "sâu" + &"</div>".repeat(3_000);
        assert_eq!(fragment_text(&html).paragraphs, ["sâu"]);
    }
}
