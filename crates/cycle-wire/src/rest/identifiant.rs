//! The credentials carried inside every REST body (`identifiant: {login, pwd}`), and the
//! compatibility switches for the quirks real senders have.

use std::fmt;

use serde::Serialize;

use super::json::{describe_kind, JsonObject};
use crate::error::WireError;
use crate::validate::FieldCheck;

/// Credentials travelling in the body: `{"login": "...", "pwd": "..."}`.
///
/// `Debug` never shows the password, so that logging a decoded request cannot leak it. Checking
/// that the credentials are the expected ones is the server's job; decoding only checks that both
/// are non-empty strings.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Identifiant {
    /// The login issued by Parcoursup (or chosen by the establishment for `admissionCandidat`).
    pub login: String,
    /// The password; never logged.
    pub pwd: String,
}

impl fmt::Debug for Identifiant {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Identifiant")
            .field("login", &self.login)
            .field("pwd", &"***")
            .finish()
    }
}

/// Tolerances for quirks seen in the wild (domain.md §3.1–3.2). `Compat::default()` is strict:
/// every quirk is refused with an error that names it and the switch accepting it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Compat {
    /// Accept the early API's misspelt credentials key `indentifiant` (the mock Parcoursup sets it
    /// from its `accepter_indentifiant` switch).
    pub accept_indentifiant: bool,
    /// Accept an `admissionCandidat` push whose record is sent unwrapped, its fields beside
    /// `identifiant` instead of inside `donneesCandidat`.
    pub accept_donnees_candidat_a_plat: bool,
}

impl Compat {
    /// Every quirk accepted.
    pub fn tolerant() -> Self {
        Compat {
            accept_indentifiant: true,
            accept_donnees_candidat_a_plat: true,
        }
    }
}

const MISSPELT: &str = "indentifiant";

/// Who reads the body, hence which switch a sender of the misspelt key is pointed to.
#[derive(Clone, Copy)]
pub(crate) enum Receiver {
    /// Parcoursup's REST API: in this workspace the mock Parcoursup, whose switch is
    /// `accepter_indentifiant` (`PUT /__admin/compatibilite`, docs/mock-server.md).
    Parcoursup,
    /// An establishment receiving the `admissionCandidat` push: only this crate's [`Compat`].
    Etablissement,
}

impl Receiver {
    fn misspelt_key_refused(self) -> &'static str {
        match self {
            Receiver::Parcoursup => {
                "cle mal orthographiee (ancienne API), identifiant attendu; le mock Parcoursup \
                 l'accepte si son interrupteur accepter_indentifiant est active \
                 (PUT /__admin/compatibilite)"
            }
            Receiver::Etablissement => {
                "cle mal orthographiee (ancienne API), identifiant attendu; \
                 l'option Compat::accept_indentifiant de cycle-wire l'accepte"
            }
        }
    }
}

/// Reads the credentials of a request body received by `receiver`.
pub(crate) fn decode_identifiant(
    body: &JsonObject<'_>,
    compat: Compat,
    receiver: Receiver,
) -> Result<Identifiant, WireError> {
    let key = if body.has("identifiant")? {
        "identifiant"
    } else if body.has(MISSPELT)? {
        if !compat.accept_indentifiant {
            return Err(WireError::new(
                body.path(MISSPELT),
                receiver.misspelt_key_refused(),
            ));
        }
        MISSPELT
    } else {
        return Err(WireError::new(
            body.path("identifiant"),
            "champ obligatoire absent ({login, pwd} attendu)",
        ));
    };
    // A misshapen credential is refused by its JSON type only, never quoted: senders that get the
    // shape wrong put the password in it (`"login:secret"`), and the answer gets journaled.
    let valeur = body.required(key)?;
    if !valeur.is_object() {
        return Err(WireError::new(
            body.path(key),
            format!(
                "doit etre un objet {{login, pwd}}, recu {} (valeur non reproduite)",
                describe_kind(valeur)
            ),
        ));
    }
    let credentials = body.object(key, "un objet {login, pwd}")?;
    if let Some(pwd) = credentials.get("pwd")?.filter(|pwd| !pwd.is_string()) {
        return Err(WireError::new(
            credentials.path("pwd"),
            format!(
                "doit etre une chaine, recu {} (valeur non reproduite)",
                describe_kind(pwd)
            ),
        ));
    }
    let identifiant = Identifiant {
        login: credentials.string("login")?,
        pwd: credentials.string("pwd")?,
    };
    identifiant.check(&body.path(key))?;
    Ok(identifiant)
}

impl Identifiant {
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        fields.text("login", &self.login, None)?;
        fields.text("pwd", &self.pwd, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_password() {
        let identifiant = Identifiant {
            login: "demo-psup".into(),
            pwd: "demo-secret".into(),
        };
        let shown = format!("{identifiant:?} {identifiant:#?}");
        assert!(!shown.contains("demo-secret"), "{shown}");
        assert!(shown.contains("demo-psup"), "{shown}");
    }
}
