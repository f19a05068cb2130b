//! Turning a request body into a JSON value in one pass, refusing what a plain `serde_json::Value`
//! would silently accept or report vaguely: a key repeated in an object (a map keeps only the
//! last value, so `"etatInscription":1,"etatInscription":3` would read as 3), nesting deeper than
//! any Parcoursup message needs, and a byte order mark before the document.
//!
//! The value is built by our own [`Visitor`] driven by `serde_json`'s parser: it sees every key as
//! it is read, so duplicates are found without a second parser or a second pass over the body.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::error::{utf8_body, WireError};

/// Deepest nesting of objects and arrays accepted. Parcoursup's messages need three levels; the
/// limit is well below `serde_json`'s own (128), so that ours is the one a sender meets, with a
/// message saying so.
pub(crate) const MAX_DEPTH: usize = 64;

/// The UTF-8 encoding of U+FEFF, which some editors and Windows tools put before a document.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses a whole body as JSON, naming what is wrong with it when it is not acceptable JSON.
pub(crate) fn parse_body(body: &[u8]) -> Result<Value, WireError> {
    if body.starts_with(BOM) {
        return Err(WireError::new(
            "corps",
            "commence par une marque d'ordre des octets (BOM UTF-8 EF BB BF); \
             un document JSON ne doit pas en avoir (RFC 8259 section 8.1), retirez-la",
        ));
    }
    let text = utf8_body(body)?;
    if text.trim().is_empty() {
        return Err(WireError::new(
            "corps",
            "vide, un document JSON est attendu",
        ));
    }
    let refusal = RefCell::new(None);
    let root = Strict {
        at: Path::Root,
        depth: 0,
        refusal: &refusal,
    };
    let mut parser = serde_json::Deserializer::from_str(text);
    let parsed = root
        .deserialize(&mut parser)
        .and_then(|value| parser.end().map(|()| value));
    parsed.map_err(|error| {
        let (line, column) = (error.line(), error.column());
        match refusal.into_inner() {
            Some(Refusal::RepeatedKey(refused)) => refused,
            Some(Refusal::TooDeep) => WireError::new(
                "corps",
                format!(
                    "JSON trop profond ligne {line} colonne {column} (au plus {MAX_DEPTH} \
                     niveaux d'objets et de tableaux imbriques)"
                ),
            ),
            None => {
                let what = match error.classify() {
                    serde_json::error::Category::Eof => "JSON tronque (fin inattendue)",
                    _ => "JSON mal forme",
                };
                WireError::new("corps", format!("{what} ligne {line} colonne {column}"))
            }
        }
    })
}

/// The message for a key found twice in one object (also used when two keys differ only by case).
pub(crate) fn repeated_key(path: String, first: &str, second: &str) -> WireError {
    WireError::new(path, format!("present plusieurs fois ({first}, {second})"))
}

/// Why our visitor stopped the parser; `serde_json` only carries a text, so the reason travels
/// beside it.
enum Refusal {
    RepeatedKey(WireError),
    TooDeep,
}

/// Where a value sits, as a chain borrowed from the callers' stack frames: nothing is allocated
/// unless an error needs the path written out.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    /// The crate's path convention: `identifiant.login`, `[2].ine`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, key) => formatter.write_str(key),
            Path::Key(parent, key) => write!(formatter, "{parent}.{key}"),
            Path::Index(parent, index) => write!(formatter, "{parent}[{index}]"),
        }
    }
}

/// Builds the `Value` found at `at`, `depth` containers deep.
struct Strict<'a> {
    at: Path<'a>,
    depth: usize,
    refusal: &'a RefCell<Option<Refusal>>,
}

impl Strict<'_> {
    fn child<'b>(&'b self, at: Path<'b>) -> Strict<'b> {
        Strict {
            at,
            depth: self.depth + 1,
            refusal: self.refusal,
        }
    }

    fn refuse<E: de::Error>(&self, refusal: Refusal) -> E {
        *self.refusal.borrow_mut() = Some(refusal);
        E::custom("refuse")
    }

    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.depth >= MAX_DEPTH {
            Err(self.refuse(Refusal::TooDeep))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("une valeur JSON")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        // JSON text cannot write NaN or an infinity; `Null` is what `serde_json::Value` does too.
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut values = Vec::with_capacity(items.size_hint().unwrap_or(0));
        while let Some(value) =
            items.next_element_seed(self.child(Path::Index(&self.at, values.len())))?
        {
            values.push(value);
        }
        Ok(Value::Array(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut fields = Map::new();
        while let Some(key) = entries.next_key::<String>()? {
            let value = entries.next_value_seed(self.child(Path::Key(&self.at, &key)))?;
            match fields.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(slot) => {
                    let key = slot.key();
                    let path = Path::Key(&self.at, key).to_string();
                    return Err(self.refuse(Refusal::RepeatedKey(repeated_key(path, key, key))));
                }
            }
        }
        Ok(Value::Object(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(body: &[u8]) -> String {
        parse_body(body).unwrap_err().to_string()
    }

    #[test]
    fn body_errors_are_located() {
        assert_eq!(error(b""), "corps: vide, un document JSON est attendu");
        assert_eq!(
            error(b"{\"a\": 1"),
            "corps: JSON tronque (fin inattendue) ligne 1 colonne 7"
        );
        assert_eq!(
            error(b"{\n\"a\": 1,,}"),
            "corps: JSON mal forme ligne 2 colonne 8"
        );
        assert_eq!(
            error(b"\"\xc3\""),
            "corps: UTF-8 invalide ligne 1 colonne 2"
        );
        assert_eq!(error(b"{} {}"), "corps: JSON mal forme ligne 1 colonne 4");
    }

    #[test]
    fn a_repeated_key_is_refused_with_its_path_at_any_level() {
        assert_eq!(
            error(br#"{"etatInscription": 1, "etatInscription": 3}"#),
            "etatInscription: present plusieurs fois (etatInscription, etatInscription)"
        );
        assert_eq!(
            error(br#"{"identifiant": {"login": "a", "pwd": "p", "login": "b"}}"#),
            "identifiant.login: present plusieurs fois (login, login)"
        );
        assert_eq!(
            error(br#"[{"ine": "a"}, {"x": [{"nom": 1, "nom": 1}]}]"#),
            "[1].x[0].nom: present plusieurs fois (nom, nom)"
        );
        // Keys differing by case are different JSON keys; the field reader judges them.
        assert!(parse_body(br#"{"ine": "a", "INE": "b"}"#).is_ok());
    }

    #[test]
    fn the_value_is_the_one_serde_json_builds() {
        let body = br#"{"a": [1, -2, 1.5, 1e23, "x", null, true, {}], "b": {"c": []}}"#;
        let expected: Value = serde_json::from_slice(body).unwrap();
        assert_eq!(parse_body(body), Ok(expected));
    }

    #[test]
    fn nesting_is_limited_and_the_limit_named() {
        let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_body(at_limit.as_bytes()).is_ok());
        let deeper = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            error(deeper.as_bytes()),
            "corps: JSON trop profond ligne 1 colonne 65 (au plus 64 niveaux d'objets et de \
             tableaux imbriques)"
        );
        let objects = "{\"a\":".repeat(100) + "1" + &"}".repeat(100);
        assert!(error(objects.as_bytes()).starts_with("corps: JSON trop profond ligne 1"));
    }

    #[test]
    fn a_byte_order_mark_is_named() {
        assert_eq!(
            error(b"\xEF\xBB\xBF{\"a\": 1}"),
            "corps: commence par une marque d'ordre des octets (BOM UTF-8 EF BB BF); un document \
             JSON ne doit pas en avoir (RFC 8259 section 8.1), retirez-la"
        );
    }
}
