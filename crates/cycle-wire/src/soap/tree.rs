//! Reading an XML document into a small tree of namespace-resolved elements, and reading that
//! tree field by field with located errors.
//!
//! SOAP messages are small (a few kilobytes), so a tree is simpler to check than a stream: the
//! decoders can ask for "the `etatCivil` child" in any order and name the path of what is missing.
//! Elements are matched by local name whatever their prefix; namespaces are checked only where
//! SOAP and the service define them (envelope, operation).

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::error::{index, join, line_column, utf8_body, WireError};

/// Deeper documents are refused: no SOAP message of the service nests more than 8 levels, and a
/// bound keeps hostile input from exhausting the stack when the tree is dropped.
const MAX_DEPTH: usize = 32;

/// One element: namespace URI, local name, whether it is `xsi:nil`, its text and its children.
#[derive(Debug, Default)]
pub(crate) struct Element {
    pub(crate) namespace: Option<String>,
    pub(crate) name: String,
    pub(crate) nil: bool,
    pub(crate) text: String,
    pub(crate) children: Vec<Element>,
}

/// Parses a whole document into its root element.
pub(crate) fn parse(xml: &[u8]) -> Result<Element, WireError> {
    let source = utf8_body(xml)?;
    let mut reader = NsReader::from_str(source);
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let malformed = |offset: u64, reason: String| {
        let (line, column) = line_column(xml, usize::try_from(offset).unwrap_or(usize::MAX));
        WireError::new(
            "corps",
            format!("XML mal forme ligne {line} colonne {column} : {reason}"),
        )
    };
    // Checked on the raw text too, not only on each text event: whatever path a character takes
    // through the reader, a document XML 1.0 forbids is refused the same way.
    if let Some((offset, forbidden)) = source.char_indices().find(|&(_, c)| !is_xml10_char(c)) {
        return Err(malformed(
            offset as u64,
            format!(
                "caractere U+{:04X} interdit en XML 1.0",
                u32::from(forbidden)
            ),
        ));
    }
    loop {
        let position = reader.buffer_position();
        let (namespace, event) = match reader.read_resolved_event() {
            Ok((namespace, event)) => (owned_namespace(namespace), event),
            Err(error) => return Err(malformed(reader.error_position(), describe(&error))),
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                let namespace = namespace.map_err(|reason| malformed(position, reason))?;
                for attribute in start.attributes() {
                    attribute.map_err(|error| {
                        malformed(position, format!("attribut mal forme ({error})"))
                    })?;
                }
                if root.is_some() {
                    return Err(malformed(position, "plusieurs elements racine".to_owned()));
                }
                if open.len() >= MAX_DEPTH {
                    return Err(malformed(
                        position,
                        format!("plus de {MAX_DEPTH} niveaux d'imbrication"),
                    ));
                }
                let element = Element {
                    namespace,
                    name: start.local_name().as_ref().to_owned(),
                    nil: start.attributes().has_nil(reader.resolver()),
                    ..Element::default()
                };
                if empty {
                    attach(&mut open, &mut root, element);
                } else {
                    open.push(element);
                }
            }
            Event::End(_) => {
                if let Some(element) = open.pop() {
                    attach(&mut open, &mut root, element);
                }
            }
            Event::Text(text) => {
                let content = text.xml10_content();
                append_text(&mut open, &content, |reason| malformed(position, reason))?;
            }
            Event::CData(data) => {
                let content = data.xml10_content();
                append_text(&mut open, &content, |reason| malformed(position, reason))?;
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(character)) => character.to_string(),
                    Ok(None) => match resolve_predefined_entity(&reference) {
                        Some(replacement) => replacement.to_owned(),
                        None => {
                            return Err(malformed(
                                position,
                                format!("entite inconnue &{};", &*reference),
                            ))
                        }
                    },
                    Err(_) => {
                        return Err(malformed(
                            position,
                            format!("reference de caractere invalide &{};", &*reference),
                        ))
                    }
                };
                append_text(&mut open, &resolved, |reason| malformed(position, reason))?;
            }
            Event::Decl(declaration) => {
                if let Some(Ok(encoding)) = declaration.encoding() {
                    if !encoding.eq_ignore_ascii_case("utf-8") {
                        return Err(WireError::new(
                            "corps",
                            format!("encodage {encoding} non pris en charge (UTF-8 attendu)"),
                        ));
                    }
                }
            }
            Event::DocType(_) => {
                return Err(malformed(position, "DTD (<!DOCTYPE>) interdite".to_owned()));
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(malformed(
            reader.buffer_position(),
            format!(
                "fin de document inattendue, <{}> n'est pas ferme",
                unclosed.name
            ),
        ));
    }
    root.ok_or_else(|| WireError::new("corps", "aucun element XML"))
}

fn outside() -> String {
    "texte hors de l'element racine".to_owned()
}

fn owned_namespace(namespace: ResolveResult<'_>) -> Result<Option<String>, String> {
    match namespace {
        ResolveResult::Bound(uri) => Ok(Some(uri.as_ref().to_owned())),
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Unknown(prefix) => Err(format!("prefixe {prefix} non declare")),
    }
}

fn attach(open: &mut [Element], root: &mut Option<Element>, element: Element) {
    match open.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

/// Adds character data to the open element; outside the root only blanks are allowed. Characters
/// XML 1.0 forbids (control characters but tab and line breaks, U+FFFE, U+FFFF), raw or as a
/// reference, make the document malformed: taking them would decode a text no encoder can write.
fn append_text(
    open: &mut [Element],
    content: &str,
    malformed: impl FnOnce(String) -> WireError,
) -> Result<(), WireError> {
    if let Some(forbidden) = content.chars().find(|&c| !is_xml10_char(c)) {
        return Err(malformed(format!(
            "caractere U+{:04X} interdit en XML 1.0",
            u32::from(forbidden)
        )));
    }
    match open.last_mut() {
        Some(element) => {
            element.text.push_str(content);
            Ok(())
        }
        None if content.trim().is_empty() => Ok(()),
        None => Err(malformed(outside())),
    }
}

/// The `Char` production of XML 1.0 (surrogates cannot occur in a `char`).
fn is_xml10_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A French description of a quick-xml error.
fn describe(error: &quick_xml::Error) -> String {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    match error {
        quick_xml::Error::Syntax(syntax) => match syntax {
            SyntaxError::UnclosedTag
            | SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue => "balise non terminee".to_owned(),
            SyntaxError::UnclosedComment => "commentaire non termine".to_owned(),
            SyntaxError::UnclosedCData => "section CDATA non terminee".to_owned(),
            SyntaxError::UnclosedDoctype => "DTD non terminee".to_owned(),
            SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl => {
                "instruction de traitement non terminee".to_owned()
            }
            other => format!("syntaxe invalide ({other})"),
        },
        quick_xml::Error::IllFormed(ill_formed) => match ill_formed {
            IllFormedError::MismatchedEndTag { expected, found } => {
                format!("balise fermante </{found}> alors que <{expected}> est ouvert")
            }
            IllFormedError::UnmatchedEndTag(name) => {
                format!("balise fermante </{name}> sans balise ouvrante")
            }
            IllFormedError::UnclosedReference => "reference & non terminee par ;".to_owned(),
            other => format!("document mal forme ({other})"),
        },
        quick_xml::Error::InvalidAttr(error) => format!("attribut mal forme ({error})"),
        quick_xml::Error::Escape(error) => format!("reference invalide ({error})"),
        quick_xml::Error::Namespace(error) => format!("espace de noms invalide ({error})"),
        other => other.to_string(),
    }
}

/// An element being read, with its path for error messages.
pub(crate) struct Node<'a> {
    element: &'a Element,
    at: String,
}

impl<'a> Node<'a> {
    pub(crate) fn new(element: &'a Element, at: String) -> Self {
        Node { element, at }
    }

    pub(crate) fn element(&self) -> &'a Element {
        self.element
    }

    pub(crate) fn at(&self) -> &str {
        &self.at
    }

    /// The path of child `name`.
    pub(crate) fn path(&self, name: &str) -> String {
        join(&self.at, name)
    }

    /// The single child `name`, absent when missing or `xsi:nil`.
    pub(crate) fn child(&self, name: &str) -> Result<Option<Node<'a>>, WireError> {
        let mut found = self
            .element
            .children
            .iter()
            .filter(|child| child.name == name);
        let first = found.next();
        if found.next().is_some() {
            return Err(WireError::new(
                self.path(name),
                "element present plusieurs fois",
            ));
        }
        Ok(first
            .filter(|child| !child.nil)
            .map(|child| Node::new(child, self.path(name))))
    }

    /// The single child `name`, which must be present.
    pub(crate) fn required_child(&self, name: &str) -> Result<Node<'a>, WireError> {
        self.child(name)?
            .ok_or_else(|| WireError::new(self.path(name), "element obligatoire absent"))
    }

    /// Every child `name`, in document order, with indexed paths (`item[0]`, `item[1]`…).
    pub(crate) fn children(&self, name: &str) -> Vec<Node<'a>> {
        self.element
            .children
            .iter()
            .filter(|child| child.name == name && !child.nil)
            .enumerate()
            .map(|(position, child)| Node::new(child, index(&self.path(name), position)))
            .collect()
    }

    /// The text of the simple child `name`; an empty or `xsi:nil` element counts as absent.
    pub(crate) fn text(&self, name: &str) -> Result<Option<String>, WireError> {
        let Some(child) = self.child(name)? else {
            return Ok(None);
        };
        if !child.element.children.is_empty() {
            return Err(WireError::new(
                child.at,
                "doit contenir une valeur simple, pas des elements",
            ));
        }
        let text = &child.element.text;
        Ok((!text.is_empty()).then(|| text.clone()))
    }

    /// The text of the simple child `name`, which must be present and not empty.
    pub(crate) fn required_text(&self, name: &str) -> Result<String, WireError> {
        self.text(name)?.ok_or_else(|| self.missing(name))
    }

    /// Why the required simple child `name` has no value: absent, `xsi:nil` or empty.
    fn missing(&self, name: &str) -> WireError {
        let reason = match self
            .element
            .children
            .iter()
            .find(|child| child.name == name)
        {
            None => "element obligatoire absent",
            Some(child) if child.nil => "element obligatoire absent (xsi:nil)",
            Some(_) => "element obligatoire vide",
        };
        WireError::new(self.path(name), reason)
    }

    /// Reads the simple child `name` with `read` (blanks around the value ignored, as XML Schema
    /// does for numbers, codes and dates).
    pub(crate) fn value<T>(
        &self,
        name: &str,
        read: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, WireError> {
        match self.text(name)? {
            Some(text) => read(text.trim())
                .map(Some)
                .map_err(|reason| WireError::new(self.path(name), reason)),
            None => Ok(None),
        }
    }

    /// Like [`Node::value`] for a child that must be present.
    pub(crate) fn required_value<T>(
        &self,
        name: &str,
        read: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, WireError> {
        self.value(name, read)?.ok_or_else(|| self.missing(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(xml: &str) -> String {
        parse(xml.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn elements_are_resolved_whatever_the_prefix() {
        let root = parse(
            br#"<a:x xmlns:a="urn:a"><y>1 &amp; &#50;<![CDATA[<3>]]></y><z xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/></a:x>"#,
        )
        .unwrap();
        assert_eq!(root.namespace.as_deref(), Some("urn:a"));
        assert_eq!(root.name, "x");
        assert_eq!(root.children[0].namespace, None);
        assert_eq!(root.children[0].text, "1 & 2<3>");
        assert!(root.children[1].nil);
    }

    #[test]
    fn malformed_documents_are_located() {
        assert_eq!(
            error("<a>\n<b></c></a>"),
            "corps: XML mal forme ligne 2 colonne 4 : balise fermante </c> alors que <b> est ouvert"
        );
        assert_eq!(
            error("<a><b>"),
            "corps: XML mal forme ligne 1 colonne 7 : fin de document inattendue, <b> n'est pas ferme"
        );
        assert_eq!(
            error("<a x='1></a>"),
            "corps: XML mal forme ligne 1 colonne 1 : balise non terminee"
        );
        assert_eq!(
            error("<a>&nbsp;</a>"),
            "corps: XML mal forme ligne 1 colonne 4 : entite inconnue &nbsp;"
        );
        assert_eq!(
            error("<p:a/>"),
            "corps: XML mal forme ligne 1 colonne 1 : prefixe p non declare"
        );
        assert_eq!(
            error("<a/><b/>"),
            "corps: XML mal forme ligne 1 colonne 5 : plusieurs elements racine"
        );
        assert_eq!(
            error("<!DOCTYPE a [<!ENTITY x 'y'>]><a/>"),
            "corps: XML mal forme ligne 1 colonne 1 : DTD (<!DOCTYPE>) interdite"
        );
        assert_eq!(
            error("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>"),
            "corps: encodage ISO-8859-1 non pris en charge (UTF-8 attendu)"
        );
        assert_eq!(error("  "), "corps: aucun element XML");
        assert_eq!(
            error("<a/>x"),
            "corps: XML mal forme ligne 1 colonne 5 : texte hors de l'element racine"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let root =
            parse("\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>".as_bytes()).unwrap();
        assert_eq!(root.name, "a");
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert_eq!(
            error(&deep),
            "corps: XML mal forme ligne 1 colonne 97 : plus de 32 niveaux d'imbrication"
        );
    }

    #[test]
    fn nodes_name_missing_and_repeated_children() {
        let root = parse(
            br#"<r xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><a>x</a><a>y</a><b><c/></b><d></d><n i:nil="1"/></r>"#,
        )
        .unwrap();
        let node = Node::new(&root, "r".to_owned());
        assert_eq!(
            node.text("a").unwrap_err().to_string(),
            "r.a: element present plusieurs fois"
        );
        assert_eq!(
            node.required_child("z").err().map(|e| e.to_string()),
            Some("r.z: element obligatoire absent".to_owned())
        );
        assert_eq!(
            node.text("b").unwrap_err().to_string(),
            "r.b: doit contenir une valeur simple, pas des elements"
        );
        assert_eq!(node.text("d").unwrap(), None);
        assert_eq!(
            node.required_text("d").unwrap_err().to_string(),
            "r.d: element obligatoire vide"
        );
        assert_eq!(
            node.required_text("n").unwrap_err().to_string(),
            "r.n: element obligatoire absent (xsi:nil)"
        );
        assert_eq!(node.children("a").len(), 2);
        assert_eq!(node.children("a")[1].at(), "r.a[1]");
    }
}
