//! Reading a JSON body field by field, with keys matched case-insensitively (as real Parcoursup
//! clients do) and every refusal located and explained in French.
//!
//! Decoders parse the body into a `serde_json::Value` (`super::body`, which refuses repeated keys),
//! then pull each field through [`JsonObject`], whose getters check the JSON type and report the
//! canonical wire name in the path, whatever case the sender used.

use serde_json::{Map, Number, Value};
use time::Date;

use super::body::repeated_key;
use crate::error::{join, WireError};
use crate::validate::{self, quoted};

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
            return Err(repeated_key(self.path(name), first_key, other_key));
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
        let number = self.unsigned(name, u64::from(u32::MAX))?;
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

    /// A required integer code read through the code list's `from_code`; `max` is the list's
    /// largest code.
    pub(crate) fn number_code<T>(
        &self,
        name: &str,
        max: u8,
        from_code: impl Fn(u64) -> Result<T, String>,
    ) -> Result<T, WireError> {
        let number = self.unsigned(name, u64::from(max))?;
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
        match self.unsigned(name, 1)? {
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

    /// A required unsigned integer; `bound` is the field's largest value, named when the number is
    /// too large to be read at all.
    fn unsigned(&self, name: &str, bound: u64) -> Result<u64, WireError> {
        let refused = |reason: String| WireError::new(self.path(name), reason);
        match self.required(name)? {
            Value::Number(number) => unsigned(number, bound).map_err(refused),
            other => Err(refused(format!(
                "doit etre un entier, recu {}",
                describe(other)
            ))),
        }
    }
}

/// 2^64, the first integer a `u64` cannot hold.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

/// Reads `number` as an unsigned integer, or says why it is not one. `serde_json` keeps an integer
/// beyond 64 bits as a rounded float that would be shown as `1e+23`, not as the sender wrote it:
/// such a number is refused as too large, naming `bound`, the largest value the field takes.
pub(crate) fn unsigned(number: &Number, bound: u64) -> Result<u64, String> {
    if let Some(unsigned) = number.as_u64() {
        return Ok(unsigned);
    }
    if number.is_i64() {
        return Err(format!("doit etre un entier positif, recu {number}"));
    }
    match number.as_f64() {
        Some(float) if float >= TWO_POW_64 => Err(format!("nombre trop grand (au plus {bound})")),
        Some(float) if float <= -TWO_POW_64 / 2.0 => {
            Err("doit etre un entier positif, recu un nombre negatif".to_owned())
        }
        _ => Err(format!("doit etre un entier, recu le nombre {number}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(json: &str) -> Value {
        super::super::body::parse_body(json.as_bytes()).unwrap()
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
        let value =
            object(r#"{"a": "12", "b": -3, "c": 1.5, "d": null, "f": 5000000000, "g": 1e23}"#);
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
        assert_eq!(
            error(fields.u32("g")),
            "x.g: nombre trop grand (au plus 4294967295)"
        );
        assert_eq!(
            fields.flag_0_1("g").unwrap_err().to_string(),
            "x.g: nombre trop grand (au plus 1)"
        );
        assert_eq!(fields.string_or_empty("z"), Ok(String::new()));
    }
}
