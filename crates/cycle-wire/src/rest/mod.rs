//! Parcoursup's REST API (domain.md §3.1–3.2): JSON bodies of `…/ApiRest/<method>` and of the
//! `admissionCandidat` push, with Parcoursup's `{retour, message}` answer.
//!
//! | call | request | decode / encode |
//! |---|---|---|
//! | `majInscriptionAdministrative` (remontée, connector test) | [`MajInscriptionAdministrative`] | [`decode_maj_inscription`] / [`encode_maj_inscription`] |
//! | `getCandidatsAdmis` | [`GetCandidatsAdmis`] → array of [`DonneesCandidat`] | [`decode_get_candidats_admis`], [`decode_candidats_admis`] / [`encode_get_candidats_admis`], [`encode_candidats_admis`] |
//! | `admissionCandidat` (push to an establishment) | [`AdmissionCandidat`] | [`decode_admission_candidat`] / [`encode_admission_candidat`], [`encode_admission_candidat_a_plat`] |
//! | every answer | [`Retour`] | [`decode_retour`] / [`encode_retour`] |
//!
//! Decoding is what a server does with a body: it reads keys case-insensitively (real clients do),
//! ignores unknown keys, checks every field's type and shape, and refuses with a [`WireError`]
//! naming the field, ready to answer `NOK`:
//!
//! ```
//! use cycle_wire::rest::{decode_maj_inscription, encode_retour, Compat, Retour};
//!
//! let body = br#"{"identifiant": {"login": "l", "pwd": "p"}, "codeCandidat": 7,
//!     "ine": "123456789AB", "nom": "DURAND", "prenom": "Lea", "dateNaissance": "03/02/2008",
//!     "codeFormationPsup": 23456, "codeFormation1": "23456", "codeSISE": "2500123",
//!     "etatInscription": 7, "codeEtablissementAffectation": "0751234X"}"#;
//! let error = decode_maj_inscription(body, Compat::default()).unwrap_err();
//! assert_eq!(error.to_string(), "etatInscription: 7 n'est pas un code connu (1 a 5)");
//! assert_eq!(
//!     encode_retour(&Retour::from(&error)),
//!     r#"{"retour":"NOK","message":"etatInscription: 7 n'est pas un code connu (1 a 5)"}"#
//! );
//! ```
//!
//! Encoding is what a client does: it refuses what decoding would refuse, so a message this crate
//! writes is always one it reads back identically. Quirks of real senders are accepted only when a
//! [`Compat`] switch says so. This module does no IO and checks no credentials.

mod admission;
mod body;
mod candidats_admis;
mod identifiant;
mod json;
mod remontee;
mod retour;
mod test_connecteur;

pub use admission::{
    decode_admission_candidat, encode_admission_candidat, encode_admission_candidat_a_plat,
    AdmissionCandidat, DonneesCandidat,
};
pub use candidats_admis::{
    decode_candidats_admis, decode_get_candidats_admis, encode_candidats_admis,
    encode_get_candidats_admis, GetCandidatsAdmis,
};
pub use identifiant::{Compat, Identifiant};
pub use remontee::{
    decode_maj_inscription, encode_maj_inscription, CodeSise, MajInscriptionAdministrative,
};
pub use retour::{decode_retour, encode_retour, Retour};

pub use crate::codes::{CodeRetour, CodeSituation, EtatInscription, Sexe};

use serde::Serialize;

use crate::error::WireError;

/// Serializes a checked message. Our types hold only strings, numbers and maps with string keys,
/// which `serde_json` always serializes; the error branch is kept rather than unwrapped.
fn to_json(message: &impl Serialize) -> Result<String, WireError> {
    serde_json::to_string(message)
        .map_err(|error| WireError::new("", format!("serialisation JSON impossible : {error}")))
}
