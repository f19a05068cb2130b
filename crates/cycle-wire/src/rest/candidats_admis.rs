//! `getCandidatsAdmis`: an establishment asks Parcoursup for its admitted candidates and gets back
//! a JSON array of admission records. A candidate who disappears from it after accepting has
//! resigned.

use serde::Serialize;

use super::admission::DonneesCandidat;
use super::body::parse_body;
use super::identifiant::{decode_identifiant, Compat, Identifiant, Receiver};
use super::json::JsonObject;
use crate::error::{index, WireError};
use crate::validate::{self, FieldCheck};

/// The body of `POST …/ApiRest/getCandidatsAdmis`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetCandidatsAdmis {
    /// The establishment's Parcoursup credentials.
    pub identifiant: Identifiant,
    /// UAI of the establishment asking.
    pub code_etablissement: String,
    /// Only this candidate, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_candidat: Option<u32>,
    /// Only this formation, when given; written `codeFormationpsup` (lower-case p) on the wire.
    #[serde(rename = "codeFormationpsup", skip_serializing_if = "Option::is_none")]
    pub code_formation_psup: Option<u32>,
}

impl GetCandidatsAdmis {
    fn check(&self) -> Result<(), WireError> {
        self.identifiant.check("identifiant")?;
        let fields = FieldCheck::at("");
        fields.field("codeEtablissement", validate::uai(&self.code_etablissement))?;
        if let Some(code) = self.code_candidat {
            fields.field("codeCandidat", validate::strictement_positif(code))?;
        }
        if let Some(code) = self.code_formation_psup {
            fields.field("codeFormationpsup", validate::strictement_positif(code))?;
        }
        Ok(())
    }
}

/// Decodes a `getCandidatsAdmis` request. Keys are matched case-insensitively, so
/// `codeFormationPsup` is read as `codeFormationpsup`.
pub fn decode_get_candidats_admis(
    body: &[u8],
    compat: Compat,
) -> Result<GetCandidatsAdmis, WireError> {
    let value = parse_body(body)?;
    let fields = JsonObject::new(&value, "", "un objet JSON")?;
    let request = GetCandidatsAdmis {
        identifiant: decode_identifiant(&fields, compat, Receiver::Parcoursup)?,
        code_etablissement: fields.string("codeEtablissement")?,
        code_candidat: fields.optional_u32("codeCandidat")?,
        code_formation_psup: fields.optional_u32("codeFormationpsup")?,
    };
    request.check()?;
    Ok(request)
}

/// Encodes a `getCandidatsAdmis` request; absent filters are left out.
pub fn encode_get_candidats_admis(request: &GetCandidatsAdmis) -> Result<String, WireError> {
    request.check()?;
    super::to_json(request)
}

/// Decodes a `getCandidatsAdmis` answer: a JSON array of records, errors located by index
/// (`[2].dateNaissance: …`).
pub fn decode_candidats_admis(body: &[u8]) -> Result<Vec<DonneesCandidat>, WireError> {
    let value = parse_body(body)?;
    let serde_json::Value::Array(items) = &value else {
        return Err(WireError::new(
            "corps",
            format!(
                "doit etre un tableau JSON, recu {}",
                super::json::describe(&value)
            ),
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(position, item)| {
            DonneesCandidat::decode(&JsonObject::new(item, &index("", position), "un objet")?)
        })
        .collect()
}

/// Encodes a `getCandidatsAdmis` answer.
pub fn encode_candidats_admis(records: &[DonneesCandidat]) -> Result<String, WireError> {
    for (position, record) in records.iter().enumerate() {
        record.check(&index("", position))?;
    }
    super::to_json(&records)
}
