//! `majInscriptionAdministrative`: one paid (or cancelled) IA sent back to Parcoursup (R13–R15),
//! and the connector test that uses the same method with a fixed fictitious candidate (R6).

use std::fmt;

use serde::Serialize;
use serde_json::Value;
use time::Date;

use super::body::parse_body;
use super::identifiant::{decode_identifiant, Compat, Identifiant, Receiver};
use super::json::{describe, unsigned, JsonObject};
use super::test_connecteur;
use crate::codes::EtatInscription;
use crate::error::WireError;
use crate::validate::{self, quoted, FieldCheck};
use crate::wire_serde;

/// A SISE diploma code (`codeSISE`), which senders write as a number or as a string of digits.
/// The form received is kept so that a request re-encodes as it came.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum CodeSise {
    /// Written as a JSON number, e.g. `42`.
    Nombre(u32),
    /// Written as a JSON string of 1 to 7 digits, e.g. `"2500123"`.
    Texte(String),
}

impl fmt::Display for CodeSise {
    /// The digits, whatever the form.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeSise::Nombre(number) => write!(formatter, "{number}"),
            CodeSise::Texte(text) => formatter.write_str(text),
        }
    }
}

/// Highest SISE code: seven digits.
const CODE_SISE_MAX: u32 = 9_999_999;

impl CodeSise {
    /// Reads either form; anything else is refused with the type received.
    pub(crate) fn decode(value: &Value) -> Result<CodeSise, String> {
        match value {
            Value::Number(number) => {
                let number = unsigned(number, u64::from(CODE_SISE_MAX))?;
                u32::try_from(number)
                    .map(CodeSise::Nombre)
                    .map_err(|_| format!("{number} n'est pas un code SISE (1 a 7 chiffres)"))
            }
            Value::String(text) => Ok(CodeSise::Texte(text.clone())),
            other => Err(format!(
                "doit etre un nombre ou une chaine de chiffres, recu {}",
                describe(other)
            )),
        }
    }

    /// 1 to 7 digits in either form (assumption: SISE diploma codes have 7 digits; the connector
    /// test sends `42`).
    pub(crate) fn check(&self) -> Result<(), String> {
        let valid = match self {
            CodeSise::Nombre(number) => *number <= CODE_SISE_MAX,
            CodeSise::Texte(text) => {
                (1..=7).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())
            }
        };
        if valid {
            Ok(())
        } else {
            let shown = match self {
                CodeSise::Nombre(number) => number.to_string(),
                CodeSise::Texte(text) => quoted(text),
            };
            Err(format!("{shown} n'est pas un code SISE (1 a 7 chiffres)"))
        }
    }
}

/// The body of `POST …/ApiRest/majInscriptionAdministrative`: one IA sent back to Parcoursup.
///
/// Fields serialize under their exact wire names, in the order of the examples.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MajInscriptionAdministrative {
    /// The university's Parcoursup credentials.
    pub identifiant: Identifiant,
    /// Parcoursup dossier number (≥ 1).
    pub code_candidat: u32,
    /// INE, 11 characters (except in the connector test, see [`Self::is_connector_test`]).
    pub ine: String,
    /// Birth name.
    pub nom: String,
    /// First name.
    pub prenom: String,
    /// Birth date, written `dd/MM/yyyy`.
    #[serde(serialize_with = "wire_serde::date_jj_mm_aaaa")]
    pub date_naissance: Date,
    /// Parcoursup formation number (≥ 1).
    pub code_formation_psup: u32,
    /// The establishment's own formation code, a string.
    pub code_formation1: String,
    /// SISE diploma code, in the form the sender used.
    #[serde(rename = "codeSISE")]
    pub code_sise: CodeSise,
    /// The IA's state (1 principale … 3 annulée … 5).
    pub etat_inscription: EtatInscription,
    /// UAI of the university where the candidate registered.
    pub code_etablissement_affectation: String,
}

impl MajInscriptionAdministrative {
    /// The "Tester connecteur" request a university's connector sends: the fixed fictitious
    /// candidate (codeCandidat 1, Bernard Minet born 14/07/1789, INE `0123456789AB`, formation 42,
    /// état 1) registered at the university's own UAI.
    pub fn test_connecteur(identifiant: Identifiant, uai: impl Into<String>) -> Self {
        MajInscriptionAdministrative {
            identifiant,
            code_candidat: test_connecteur::CODE_CANDIDAT,
            ine: test_connecteur::INE.to_owned(),
            nom: test_connecteur::NOM.to_owned(),
            prenom: test_connecteur::PRENOM.to_owned(),
            date_naissance: test_connecteur::date_naissance(),
            code_formation_psup: test_connecteur::CODE_FORMATION_PSUP,
            code_formation1: test_connecteur::CODE_FORMATION1.to_owned(),
            code_sise: CodeSise::Nombre(test_connecteur::CODE_SISE),
            etat_inscription: test_connecteur::ETAT_INSCRIPTION,
            code_etablissement_affectation: uai.into(),
        }
    }

    /// Whether this is the connector test: the fixed identity (codeCandidat 1, nom Bernard,
    /// prenom Minet — either in any case —, born 14/07/1789, INE `0123456789AB`,
    /// codeFormationPsup 42, codeFormation1 "42", etatInscription 1), whose 12-character INE is
    /// accepted as it is. A message that looks like the test without being it is refused by
    /// [`decode_maj_inscription`] and [`encode_maj_inscription`].
    pub fn is_connector_test(&self) -> bool {
        matches!(test_connecteur::check(self), Ok(true))
    }

    fn check(&self) -> Result<(), WireError> {
        self.identifiant.check("identifiant")?;
        let fields = FieldCheck::at("");
        fields.field(
            "codeCandidat",
            validate::strictement_positif(self.code_candidat),
        )?;
        if !test_connecteur::check(self)? {
            fields.field("ine", validate::ine(&self.ine))?;
        }
        fields.text("nom", &self.nom, None)?;
        fields.text("prenom", &self.prenom, None)?;
        fields.field(
            "codeFormationPsup",
            validate::strictement_positif(self.code_formation_psup),
        )?;
        fields.text("codeFormation1", &self.code_formation1, None)?;
        fields.field("codeSISE", self.code_sise.check())?;
        fields.field(
            "codeEtablissementAffectation",
            validate::uai(&self.code_etablissement_affectation),
        )
    }
}

/// Decodes a `majInscriptionAdministrative` body, checking every field.
///
/// Keys are matched case-insensitively and unknown keys are ignored; `codeSISE` may be a number or
/// a string. Errors name the field: `etatInscription: 7 n'est pas un code connu (1 a 5)`,
/// `dateNaissance: "31/02/2026" n'est pas une date reelle du calendrier (JJ/MM/AAAA)`,
/// `identifiant: champ obligatoire absent ({login, pwd} attendu)`.
pub fn decode_maj_inscription(
    body: &[u8],
    compat: Compat,
) -> Result<MajInscriptionAdministrative, WireError> {
    let value = parse_body(body)?;
    let fields = JsonObject::new(&value, "", "un objet JSON")?;
    let request = MajInscriptionAdministrative {
        identifiant: decode_identifiant(&fields, compat, Receiver::Parcoursup)?,
        code_candidat: fields.u32("codeCandidat")?,
        ine: fields.string("ine")?,
        nom: fields.string("nom")?,
        prenom: fields.string("prenom")?,
        date_naissance: fields.date("dateNaissance")?,
        code_formation_psup: fields.u32("codeFormationPsup")?,
        code_formation1: fields.string("codeFormation1")?,
        code_sise: CodeSise::decode(fields.required("codeSISE")?)
            .map_err(|reason| WireError::new(fields.path("codeSISE"), reason))?,
        etat_inscription: fields.number_code(
            "etatInscription",
            EtatInscription::MAX,
            EtatInscription::from_code,
        )?,
        code_etablissement_affectation: fields.string("codeEtablissementAffectation")?,
    };
    request.check()?;
    Ok(request)
}

/// Encodes a `majInscriptionAdministrative` body, refusing what [`decode_maj_inscription`] would
/// refuse.
pub fn encode_maj_inscription(request: &MajInscriptionAdministrative) -> Result<String, WireError> {
    request.check()?;
    super::to_json(request)
}
