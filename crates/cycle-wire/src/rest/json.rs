//! Reading a JSON body field by field, with keys matched case-insensitively (as real Parcoursup
//! clients do) and every refusal located and explained in French.
//!
//! Decoders parse the body into a `serde_json::Value`, then pull each field through [`JsonObject`],
//! whose getters check the JSON type and report the canonical wire name in the path, whatever case
//! the sender used.

use serde_json::{Map, Value};
use time::Date;

use crate::error::{join, utf8_body, WireError};
use crate::validate::{self, quoted};

/// Parses a whole body as JSON, naming what is wrong with it when it is not JSON.
pub(crate) fn parse_body(body: &[u8]) -> Result<Value, WireError> {
    let text = utf8_body(body)?;
    if text.trim().is_empty() {
        return Err(WireError::new(
            "corps",
            "vide, un document JSON est attendu",
        ));
    }
    serde_json::from_str(text).map_err(|error| {
        let what = match error.classify() {
            serde_json::error::Category::Eof => "JSON tronque (fin inattendue)",
            _ => "JSON mal forme",
        };
        WireError::new(
            "corps",
            format!("{what} ligne {} colonne {}", error.line(), error.column()),
        )
    })
}

/// Describes a JSON value for a type error, e.g. `une chaine "12"`.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("le booleen {flag}"),
        Value::Number(number) => format!("le nombre {number}"),
        Value::String(text) => format!("la chaine {}", quoted(text)),
        Value::Array(_) => "un tableau".to_owned(),
        Value::Object(_) => "un objet".to_owned(),
    }
}

/// The JSON type of `value`, without its content (for values that may be secret).
pub(crate) fn describe_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "un booleen",
        Value::Number(_) => "un nombre",
        Value::String(_) => "une chaine",
        Value::Array(_) => "un tableau",
        Value::Object(_) => "un objet",
    }
}

/// A JSON object being read, with the path it was found at.
pub(crate) struct JsonObject<'a> {
    at: String,
    fields: &'a Map<String, Value>,
}

impl<'a> JsonObject<'a> {
    /// Reads `value` found at `at` as an object; `what` names the expected content in the error.
    pub(crate) fn new(value: &'a Value, at: &str, what: &str) -> Result<Self, WireError> {
        match value {
            Value::Object(fields) => Ok(JsonObject {
                at: at.to_owned(),
                fields,
            }),
            other => Err(WireError::new(
                if at.is_empty() { "corps" } else { at },
                format!("doit etre {what}, recu {}", describe(other)),
            )),
        }
    }

    /// The path of this object.
    pub(crate) fn at(&self) -> &str {
        &self.at
    }

    /// The path of field `name` of this object.
    pub(crate) fn path(&self, name: &str) -> String {
        join(&self.at, name)
    }

    /// The value of field `name` whatever the case of its key; `null` counts as absent. Two keys
    /// differing only by case are refused rather than one picked at random.
    pub(crate) fn get(&self, name: &str) -> Result<Option<&'a Value>, WireError> {
        let mut matches = self
            .fields
            .iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case(name));
        let found = matches.next();
        if let Some((other_key, _)) = matches.next() {
            let first_key = found.map_or("", |(key, _)| key.as_str());
            return Err(WireError::new(
                self.path(name),
                format!("present plusieurs fois ({first_key}, {other_key})"),
            ));
        }
        Ok(found
            .map(|(_, value)| value)
            .filter(|value| !value.is_null()))
    }

    /// Whether field `name` is present (and not `null`).
    pub(crate) fn has(&self, name: &str) -> Result<bool, WireError> {
        Ok(self.get(name)?.is_some())
    }

    /// The value of a field that must be present.
    pub(crate) fn required(&self, name: &str) -> Result<&'a Value, WireError> {
        self.get(name)?
            .ok_or_else(|| WireError::new(self.path(name), "champ obligatoire absent"))
    }

    /// A nested object that must be present.
    pub(crate) fn object(&self, name: &str, what: &str) -> Result<JsonObject<'a>, WireError> {
        JsonObject::new(self.required(name)?, &self.path(name), what)
    }

    /// A required string (any content; the message type's `check` judges it).
    pub(crate) fn string(&self, name: &str) -> Result<String, WireError> {
        self.as_string(name, self.required(name)?)
    }

    /// A string Parcoursup may leave out or set to `null`, read as `""` then.
    pub(crate) fn string_or_empty(&self, name: &str) -> Result<String, WireError> {
        match self.get(name)? {
            Some(value) => self.as_string(name, value),
            None => Ok(String::new()),
        }
    }

    /// A required unsigned integer that fits in a `u32`.
    pub(crate) fn u32(&self, name: &str) -> Result<u32, WireError> {
        let number = self.u64(name, self.required(name)?)?;
        u32::try_from(number).map_err(|_| {
            WireError::new(
                self.path(name),
                format!("{number} depasse la valeur maximale {}", u32::MAX),
            )
        })
    }

    /// An optional unsigned integer that fits in a `u32`.
    pub(crate) fn optional_u32(&self, name: &str) -> Result<Option<u32>, WireError> {
        match self.get(name)? {
            Some(_) => self.u32(name).map(Some),
            None => Ok(None),
        }
    }

    /// A required integer code read through the code list's `from_code`.
    pub(crate) fn number_code<T>(
        &self,
        name: &str,
        from_code: impl Fn(u64) -> Result<T, String>,
    ) -> Result<T, WireError> {
        let number = self.u64(name, self.required(name)?)?;
        from_code(number).map_err(|reason| WireError::new(self.path(name), reason))
    }

    /// A required text code read through the code list's `from_code`.
    pub(crate) fn text_code<T>(
        &self,
        name: &str,
        from_code: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, WireError> {
        let text = self.string(name)?;
        from_code(&text).map_err(|reason| WireError::new(self.path(name), reason))
    }

    /// A required `dd/MM/yyyy` date.
    pub(crate) fn date(&self, name: &str) -> Result<Date, WireError> {
        let text = self.string(name)?;
        validate::date_jj_mm_aaaa(&text).map_err(|reason| WireError::new(self.path(name), reason))
    }

    /// A flag written `0` or `1`.
    pub(crate) fn flag_0_1(&self, name: &str) -> Result<bool, WireError> {
        match self.u64(name, self.required(name)?)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(WireError::new(
                self.path(name),
                format!("doit valoir 0 ou 1, recu {other}"),
            )),
        }
    }

    fn as_string(&self, name: &str, value: &Value) -> Result<String, WireError> {
        match value {
            Value::String(text) => Ok(text.clone()),
            other => Err(WireError::new(
                self.path(name),
                format!("doit etre une chaine, recu {}", describe(other)),
            )),
        }
    }

    fn u64(&self, name: &str, value: &Value) -> Result<u64, WireError> {
        let refused = |reason: String| WireError::new(self.path(name), reason);
        match value {
            Value::Number(number) => {
                if let Some(unsigned) = number.as_u64() {
                    Ok(unsigned)
                } else if number.is_i64() {
                    Err(refused(format!(
                        "doit etre un entier positif, recu {number}"
                    )))
                } else {
                    Err(refused(format!(
                        "doit etre un entier, recu le nombre {number}"
                    )))
                }
            }
            other => Err(refused(format!(
                "doit etre un entier, recu {}",
                describe(other)
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(json: &str) -> Value {
        parse_body(json.as_bytes()).unwrap()
    }

    #[test]
    fn body_errors_are_located() {
        let error = |body: &[u8]| parse_body(body).unwrap_err().to_string();
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
    }

    #[test]
    fn keys_match_whatever_their_case() {
        let value = object(r#"{"CodeCandidat": 12, "INE": "x"}"#);
        let fields = JsonObject::new(&value, "", "un objet").unwrap();
        assert_eq!(fields.u32("codeCandidat"), Ok(12));
        assert_eq!(fields.string("ine"), Ok("x".to_owned()));
    }

    #[test]
    fn keys_differing_only_by_case_are_ambiguous() {
        let value = object(r#"{"ine": "a", "INE": "b"}"#);
        let fields = JsonObject::new(&value, "", "un objet").unwrap();
        assert_eq!(
            fields.string("ine").unwrap_err().to_string(),
            "ine: present plusieurs fois (INE, ine)"
        );
    }

    #[test]
    fn type_errors_name_what_was_received() {
        let value = object(r#"{"a": "12", "b": -3, "c": 1.5, "d": null, "f": 5000000000}"#);
        let fields = JsonObject::new(&value, "x", "un objet").unwrap();
        let error = |result: Result<u32, WireError>| result.unwrap_err().to_string();
        assert_eq!(
            error(fields.u32("a")),
            "x.a: doit etre un entier, recu la chaine \"12\""
        );
        assert_eq!(
            error(fields.u32("b")),
            "x.b: doit etre un entier positif, recu -3"
        );
        assert_eq!(
            error(fields.u32("c")),
            "x.c: doit etre un entier, recu le nombre 1.5"
        );
        assert_eq!(error(fields.u32("d")), "x.d: champ obligatoire absent");
        assert_eq!(
            error(fields.u32("f")),
            "x.f: 5000000000 depasse la valeur maximale 4294967295"
        );
        assert_eq!(fields.optional_u32("d"), Ok(None));
        assert_eq!(fields.string_or_empty("z"), Ok(String::new()));
    }
}
