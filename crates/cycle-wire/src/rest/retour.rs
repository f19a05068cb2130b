//! Parcoursup's answer to every REST call: `{"retour": "OK" | "NOK", "message": "..."}`.

use serde::Serialize;

use super::body::parse_body;
use super::json::JsonObject;
use crate::codes::CodeRetour;
use crate::error::WireError;

/// An answer. `OK` comes with HTTP 200; a client treats any non-2xx status as a failure whatever
/// the body says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Retour {
    /// `OK` or `NOK`.
    pub retour: CodeRetour,
    /// Free text; for `NOK`, why.
    pub message: String,
}

impl Retour {
    /// `OK` with `message`.
    pub fn ok(message: impl Into<String>) -> Self {
        Retour {
            retour: CodeRetour::Ok,
            message: message.into(),
        }
    }

    /// `NOK` with `message`.
    pub fn nok(message: impl Into<String>) -> Self {
        Retour {
            retour: CodeRetour::Nok,
            message: message.into(),
        }
    }

    /// Whether the request was processed.
    pub fn is_ok(&self) -> bool {
        self.retour == CodeRetour::Ok
    }
}

impl From<&WireError> for Retour {
    /// The `NOK` answer to a refused request: its message is the error, field and reason.
    fn from(error: &WireError) -> Self {
        Retour::nok(error.to_string())
    }
}

/// Encodes an answer.
pub fn encode_retour(answer: &Retour) -> String {
    // A struct of two strings always serializes; the fallback is never taken.
    serde_json::to_string(answer).unwrap_or_default()
}

/// Decodes an answer; `retour` must be exactly `OK` or `NOK` and `message` a string.
pub fn decode_retour(body: &[u8]) -> Result<Retour, WireError> {
    let value = parse_body(body)?;
    let fields = JsonObject::new(&value, "", "un objet JSON {retour, message}")?;
    Ok(Retour {
        retour: fields.text_code("retour", CodeRetour::from_code)?,
        message: fields.string("message")?,
    })
}
