//! `LaissezPasserMetier.mettreAJourLaissezPasserWS_V2`: a laissez-passer letting a candidate
//! register on a VET despite a D decision (R4).

use serde::Serialize;

use super::envelope::{write_envelope, Operation, LAISSEZ_PASSER_METIER_NS};
use super::tree::Node;
use crate::error::{join, WireError};
use crate::validate::{self, FieldCheck};

const OPERATION: Operation = Operation::MettreAJourLaissezPasserWsV2;

/// The arguments of `mettreAJourLaissezPasserWS_V2`, in the example's order (the encoder writes
/// every element, empty when absent, as the example does).
///
/// The candidate is named by `num_opi` (an OPI candidate, table `TELEM_LAISSER_PASSER_OPI`) or by
/// `cod_etu` (a known student, `TELEM_LAISSER_PASSER`): at least one is required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LaissezPasserV2 {
    /// Laissez-passer type, e.g. `OPI`.
    pub typ_lpa: String,
    /// Academic year `YYYY`.
    pub cod_anu: u16,
    /// OPI code of the candidate (`numOPI`, ≤ 10).
    #[serde(rename = "numOPI")]
    pub num_opi: Option<String>,
    /// Student number of a known student.
    pub cod_etu: Option<String>,
    /// Étape code of the VET (≤ 6).
    pub cod_etp: String,
    /// VET version (≤ 999).
    pub cod_vrs_vet: u16,
    /// Diploma code.
    pub cod_dip: Option<String>,
    /// Diploma version (≤ 999).
    pub cod_vrs_vdi: Option<u16>,
    /// Registration regime code.
    pub cod_rgi: Option<String>,
    /// Student status code.
    pub cod_stu: Option<String>,
    /// Comment.
    pub lib_cmt_lpa: Option<String>,
    /// Oui Si catégorie.
    pub cod_cat_oui_si: Option<String>,
    /// Oui Si motif.
    pub mtf_cat: Option<String>,
    /// External exemption category.
    pub cod_cat_exo_ext: Option<String>,
}

impl LaissezPasserV2 {
    fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        fields.text("typLpa", &self.typ_lpa, None)?;
        fields.field("codAnu", validate::annee_valeur(self.cod_anu.into()))?;
        fields.optional_text("numOPI", self.num_opi.as_deref(), Some(10))?;
        fields.optional_text("codEtu", self.cod_etu.as_deref(), None)?;
        if self.num_opi.is_none() && self.cod_etu.is_none() {
            return Err(WireError::new(
                join(at, "numOPI"),
                "element obligatoire absent (numOPI pour un candidat OPI, ou codEtu pour un \
                 etudiant connu)",
            ));
        }
        fields.text("codEtp", &self.cod_etp, Some(6))?;
        fields.field(
            "codVrsVet",
            validate::valeur_max(self.cod_vrs_vet.into(), validate::VERSION_MAX),
        )?;
        fields.optional_text("codDip", self.cod_dip.as_deref(), None)?;
        if let Some(version) = self.cod_vrs_vdi {
            fields.field(
                "codVrsVdi",
                validate::valeur_max(version.into(), validate::VERSION_MAX),
            )?;
        }
        for (name, value) in [
            ("codRgi", &self.cod_rgi),
            ("codStu", &self.cod_stu),
            ("libCmtLpa", &self.lib_cmt_lpa),
            ("codCatOuiSi", &self.cod_cat_oui_si),
            ("mtfCat", &self.mtf_cat),
            ("codCatExoExt", &self.cod_cat_exo_ext),
        ] {
            fields.optional_text(name, value.as_deref(), None)?;
        }
        Ok(())
    }
}

/// Reads the operation element's children, then checks every field rule.
pub(crate) fn decode(operation: &Node<'_>) -> Result<LaissezPasserV2, WireError> {
    let request = LaissezPasserV2 {
        typ_lpa: operation.required_text("typLpa")?,
        cod_anu: operation.required_value("codAnu", validate::annee)?,
        num_opi: operation.text("numOPI")?,
        cod_etu: operation.text("codEtu")?,
        cod_etp: operation.required_text("codEtp")?,
        cod_vrs_vet: operation.required_value("codVrsVet", validate::version)?,
        cod_dip: operation.text("codDip")?,
        cod_vrs_vdi: operation.value("codVrsVdi", validate::version)?,
        cod_rgi: operation.text("codRgi")?,
        cod_stu: operation.text("codStu")?,
        lib_cmt_lpa: operation.text("libCmtLpa")?,
        cod_cat_oui_si: operation.text("codCatOuiSi")?,
        mtf_cat: operation.text("mtfCat")?,
        cod_cat_exo_ext: operation.text("codCatExoExt")?,
    };
    request.check(operation.at())?;
    Ok(request)
}

/// Writes the request envelope, after checking every field rule.
pub(crate) fn encode(request: &LaissezPasserV2) -> Result<String, WireError> {
    request.check(OPERATION.element())?;
    let operation = format!("{}:{}", OPERATION.prefix(), OPERATION.element());
    let declaration = format!("xmlns:{}", OPERATION.prefix());
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    Ok(write_envelope(
        &[(declaration.as_str(), LAISSEZ_PASSER_METIER_NS)],
        false,
        |writer| {
            writer.open(&operation, &[]);
            writer.leaf("typLpa", &request.typ_lpa);
            writer.leaf("codAnu", &format!("{:04}", request.cod_anu));
            writer.leaf("numOPI", &optional(&request.num_opi));
            writer.leaf("codEtu", &optional(&request.cod_etu));
            writer.leaf("codEtp", &request.cod_etp);
            writer.leaf("codVrsVet", &request.cod_vrs_vet.to_string());
            writer.leaf("codDip", &optional(&request.cod_dip));
            writer.leaf(
                "codVrsVdi",
                &request
                    .cod_vrs_vdi
                    .map(|version| version.to_string())
                    .unwrap_or_default(),
            );
            writer.leaf("codRgi", &optional(&request.cod_rgi));
            writer.leaf("codStu", &optional(&request.cod_stu));
            writer.leaf("libCmtLpa", &optional(&request.lib_cmt_lpa));
            writer.leaf("codCatOuiSi", &optional(&request.cod_cat_oui_si));
            writer.leaf("mtfCat", &optional(&request.mtf_cat));
            writer.leaf("codCatExoExt", &optional(&request.cod_cat_exo_ext));
            writer.close(&operation);
        },
    ))
}
