//! Writing the XML of SOAP messages, indented two spaces per level like the reference examples.
//!
//! Texts and attribute values are escaped with quick-xml; names are our own constants. The writer
//! knows nothing about SOAP or the OPI: the `encode` functions decide what to write.

use std::borrow::Cow;

use quick_xml::escape::escape;

/// The XML declaration every message starts with.
const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// An XML document being written.
pub(crate) struct XmlWriter {
    out: String,
    depth: usize,
}

impl XmlWriter {
    /// A new document, its declaration written.
    pub(crate) fn document() -> Self {
        let mut out = String::with_capacity(2048);
        out.push_str(DECLARATION);
        out.push('\n');
        XmlWriter { out, depth: 0 }
    }

    /// Opens element `name` with `attributes`.
    pub(crate) fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.tag(name, attributes, ">");
        self.depth += 1;
    }

    /// Closes element `name`.
    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// Writes the empty element `<name …/>`.
    pub(crate) fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.tag(name, attributes, "/>");
    }

    /// Writes `<name>text</name>`.
    pub(crate) fn leaf(&mut self, name: &str, text: &str) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
        self.out.push_str(&escape_text(text));
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// Writes `<name>text</name>` when there is a text, nothing otherwise.
    pub(crate) fn optional_leaf(&mut self, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.leaf(name, text);
        }
    }

    /// The document's text.
    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn tag(&mut self, name: &str, attributes: &[(&str, &str)], end: &str) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            self.out.push_str(&escape_text(value));
            self.out.push('"');
        }
        self.out.push_str(end);
        self.out.push('\n');
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }
}

/// Escapes markup characters, and writes tabs and line breaks as character references so that a
/// reader gets them back exactly (XML parsers normalise literal line breaks). Other control
/// characters cannot appear in XML 1.0 at all: they become U+FFFD. Checked messages never hold
/// control characters; only free fault texts might.
fn escape_text(text: &str) -> Cow<'_, str> {
    let escaped = escape(text);
    if !escaped.chars().any(char::is_control) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for character in escaped.chars() {
        match character {
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            control if control.is_control() && u32::from(control) < 0x20 => out.push('\u{FFFD}'),
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_an_indented_escaped_document() {
        let mut writer = XmlWriter::document();
        writer.open("a", &[("xmlns:p", "urn:\"x\"")]);
        writer.leaf("b", "1 < 2 & 'c'");
        writer.optional_leaf("c", None);
        writer.empty("d", &[]);
        writer.close("a");
        assert_eq!(
            writer.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <a xmlns:p=\"urn:&quot;x&quot;\">\n  \
               <b>1 &lt; 2 &amp; &apos;c&apos;</b>\n  \
               <d/>\n\
             </a>\n"
        );
    }

    #[test]
    fn control_characters_never_break_the_document() {
        assert_eq!(escape_text("a\tb\r\nc\u{1}"), "a&#9;b&#13;&#10;c\u{FFFD}");
        assert_eq!(escape_text("\u{85}"), "\u{85}");
    }
}
