//! The OPI record as Apogée's `OpiMetier` webservice defines it (domain.md §3.3), shared by the two
//! ways an OPI reaches Apogée: the SOAP call ([`crate::soap`]) and the flat files ([`crate::flat`]).
//!
//! Types are plain data named after the wire (`cod_opi_int_epo` is `codOpiIntEpo`); their fields
//! are declared in the order the published schema's sequences give, which is the order the SOAP
//! encoder writes them. Absence is always `None`, never `Some("")`: an empty text is refused, so
//! every format writes and reads an absent value back the same way. A group whose fields are all
//! absent ([`Bac`], [`Adresse`], [`DonneesPersonnelles`]) equals its `Default` and is not written.
//!
//! Field rules checked here (the same on decode and on encode):
//!
//! | field | rule |
//! |---|---|
//! | `codOpiIntEpo` | required, ≤ 10 characters |
//! | `codNneIndOpi` | INE shape (11 capital alphanumerics) |
//! | `libNomPatIndOpi` | required, ≤ 30 |
//! | `libNomUsuIndOpi` | ≤ 30 (assumption: same column size as the birth name) |
//! | `libPr1IndOpi` | required, ≤ 20 |
//! | `libPr2IndOpi`, `libPr3IndOpi` | ≤ 20 (assumption: same column size as the first first name) |
//! | `dateNaiIndOpi` | required, a real date `ddMMyyyy` |
//! | `adrMailOpi` | ≤ 200 |
//! | `numTelPorOpi` | ≤ 15 |
//! | `daaObtBacOba` | a four-digit year |
//! | `codCge` | required, ≤ 3 |
//! | `codEtp` | required, ≤ 6 |
//! | `codVrsVet`, `codVrsVdi` | ≤ 999 (`codVrsVet` required) |
//! | `codDecVeu` | required, `F`, `S` or `D` |
//! | `codDemDos`, `numCls` | required (Apogée refuses a vœu without them) |
//! | any other text | not empty when present, no control character |
//!
//! No public source gives the other columns' sizes, so they are not limited here. This module must
//! not know about XML or CSV: it only holds the record and its field rules.

use serde::Serialize;
use time::Date;

use crate::codes::{CodeDecision, Sexe, Temoin, TypeLieuNaissance};
use crate::error::{index, join, WireError};
use crate::validate::{self, FieldCheck};
use crate::wire_serde;

/// The `_donneesOpi` argument of `mettreajourDonneesOpi_v10`: one candidate and their full current
/// list of vœux (R1, R16).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DonneesOpiV10 {
    /// Term-time address (`adresseAnnuelle`); not written when empty.
    pub adresse_annuelle: Adresse,
    /// Permanent address (`adresseFixe`); not written when empty.
    pub adresse_fixe: Adresse,
    /// The candidate's baccalauréat (`bac`); not written when empty.
    pub bac: Bac,
    /// Who the candidate is (`individu`).
    pub individu: Individu,
    /// Every current vœu (`voeux/item`), possibly none.
    pub voeux: Vec<Voeu>,
}

/// The candidate (`individu`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Individu {
    /// Apogée student number when the candidate is already known (`codEtuOpi`).
    pub cod_etu_opi: Option<String>,
    /// OPI code the candidate logs in to IA Primo with (`codOpiIntEpo`, ≤ 10).
    pub cod_opi_int_epo: String,
    /// Birth data (`donneesNaissance`).
    pub donnees_naissance: DonneesNaissance,
    /// Contact data (`donneesPersonnelles`); not written when empty.
    pub donnees_personnelles: DonneesPersonnelles,
    /// Civil status (`etatCivil`).
    pub etat_civil: EtatCivil,
}

/// Civil status (`etatCivil`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EtatCivil {
    /// INE (`codNneIndOpi`), absent for candidates who have none.
    pub cod_nne_ind_opi: Option<String>,
    /// Sex (`codSexEtuOpi`).
    pub cod_sex_etu_opi: Option<Sexe>,
    /// Birth name (`libNomPatIndOpi`, ≤ 30).
    pub lib_nom_pat_ind_opi: String,
    /// Usual name (`libNomUsuIndOpi`, ≤ 30).
    pub lib_nom_usu_ind_opi: Option<String>,
    /// First first name (`libPr1IndOpi`, ≤ 20).
    pub lib_pr1_ind_opi: String,
    /// Second first name (`libPr2IndOpi`, ≤ 20).
    pub lib_pr2_ind_opi: Option<String>,
    /// Third first name (`libPr3IndOpi`, ≤ 20).
    pub lib_pr3_ind_opi: Option<String>,
}

/// Birth data (`donneesNaissance`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DonneesNaissance {
    /// INSEE code of the birth commune (`codComNaiEtuOpi`).
    pub cod_com_nai_etu_opi: Option<String>,
    /// Birth département or country code (`codDepPayNai`), see `cod_typ_dep_pay_nai`.
    pub cod_dep_pay_nai: Option<String>,
    /// Nationality country code (`codPayNat`).
    pub cod_pay_nat: Option<String>,
    /// Whether `cod_dep_pay_nai` is a département or a country (`codTypDepPayNai`).
    pub cod_typ_dep_pay_nai: Option<TypeLieuNaissance>,
    /// Birth date (`dateNaiIndOpi`, written `ddMMyyyy`); with the OPI code it is the IA Primo login.
    #[serde(serialize_with = "wire_serde::date_jjmmaaaa")]
    pub date_nai_ind_opi: Date,
    /// Birth town name (`libVilNaiEtuOpi`).
    pub lib_vil_nai_etu_opi: Option<String>,
    /// Whether the birth date is approximate (`temDateNaiRelOpi`, usually `N`).
    pub tem_date_nai_rel_opi: Option<Temoin>,
}

/// Contact data (`donneesPersonnelles`). The schema has more optional fields than these; decoders
/// skip the ones not modelled here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DonneesPersonnelles {
    /// E-mail address (`adrMailOpi`, ≤ 200).
    pub adr_mail_opi: Option<String>,
    /// Mobile phone (`numTelPorOpi`, ≤ 15).
    pub num_tel_por_opi: Option<String>,
}

/// The baccalauréat (`bac`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bac {
    /// Bac series code (`codBac`).
    pub cod_bac: Option<String>,
    /// Département of the school (`codDep`).
    pub cod_dep: Option<String>,
    /// School UAI (`codEtb`).
    pub cod_etb: Option<String>,
    /// Mention code (`codMention`).
    pub cod_mention: Option<String>,
    /// School type code (`codTpe`).
    pub cod_tpe: Option<String>,
    /// Year obtained (`daaObtBacOba`, written `YYYY`).
    pub daa_obt_bac_oba: Option<u16>,
}

/// A postal address (`adresseFixe`, `adresseAnnuelle`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Adresse {
    /// Postal code (`codBdi`, "bureau distributeur").
    pub cod_bdi: Option<String>,
    /// INSEE commune code (`codCom`).
    pub cod_com: Option<String>,
    /// Country code (`codPay`).
    pub cod_pay: Option<String>,
    /// Address line 1 (`lib1`).
    pub lib1: Option<String>,
    /// Address line 2 (`lib2`).
    pub lib2: Option<String>,
    /// Address line 3 (`lib3`).
    pub lib3: Option<String>,
    /// Phone number (`numTel`).
    pub num_tel: Option<String>,
}

/// One vœu (`voeux/item`), keyed in Apogée by (OPI, `codCge`, `codEtp`, `codVrsVet`) (R16).
///
/// Field order is the one the SOAP encoder writes: the example's order (`codCge`, `codDecVeu`,
/// `codCatOuiSi`, `mtfCat`, then alphabetical), the fields the example lacks being placed in the
/// alphabetical tail (an assumption: no public schema gives their place).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Voeu {
    /// Centre de gestion (`codCge`, ≤ 3).
    pub cod_cge: String,
    /// The decision F / S / D (`codDecVeu`).
    pub cod_dec_veu: CodeDecision,
    /// Oui Si catégorie (`codCatOuiSi`), filled when the decision is S (R3).
    pub cod_cat_oui_si: Option<String>,
    /// Oui Si motif (`mtfCat`).
    pub mtf_cat: Option<String>,
    /// Request type (`codDemDos`, e.g. `C`).
    pub cod_dem_dos: String,
    /// Diploma code (`codDip`).
    pub cod_dip: Option<String>,
    /// Étape code of the VET (`codEtp`, ≤ 6).
    pub cod_etp: String,
    /// Regime code (`codRge`).
    pub cod_rge: Option<String>,
    /// Diploma version (`codVrsVdi`, ≤ 999).
    pub cod_vrs_vdi: Option<u16>,
    /// VET version (`codVrsVet`, ≤ 999).
    pub cod_vrs_vet: u16,
    /// Rank of the vœu (`numCls`).
    pub num_cls: u32,
    /// Whether the prerequisites were validated (`temValPsd`).
    pub tem_val_psd: Option<Temoin>,
}

impl DonneesOpiV10 {
    /// Checks every field rule of the module table; `at` is the path of `_donneesOpi`.
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        self.adresse_annuelle.check(&join(at, "adresseAnnuelle"))?;
        self.adresse_fixe.check(&join(at, "adresseFixe"))?;
        self.bac.check(&join(at, "bac"))?;
        self.individu.check(&join(at, "individu"))?;
        let items = join(&join(at, "voeux"), "item");
        for (position, voeu) in self.voeux.iter().enumerate() {
            voeu.check(&index(&items, position))?;
        }
        Ok(())
    }
}

impl Individu {
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        fields.optional_text("codEtuOpi", self.cod_etu_opi.as_deref(), None)?;
        fields.text("codOpiIntEpo", &self.cod_opi_int_epo, Some(10))?;
        self.donnees_naissance
            .check(&join(at, "donneesNaissance"))?;
        self.donnees_personnelles
            .check(&join(at, "donneesPersonnelles"))?;
        self.etat_civil.check(&join(at, "etatCivil"))
    }
}

impl EtatCivil {
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        if let Some(ine) = &self.cod_nne_ind_opi {
            fields.field("codNneIndOpi", validate::ine(ine))?;
        }
        fields.text("libNomPatIndOpi", &self.lib_nom_pat_ind_opi, Some(30))?;
        fields.optional_text(
            "libNomUsuIndOpi",
            self.lib_nom_usu_ind_opi.as_deref(),
            Some(30),
        )?;
        fields.text("libPr1IndOpi", &self.lib_pr1_ind_opi, Some(20))?;
        fields.optional_text("libPr2IndOpi", self.lib_pr2_ind_opi.as_deref(), Some(20))?;
        fields.optional_text("libPr3IndOpi", self.lib_pr3_ind_opi.as_deref(), Some(20))
    }
}

impl DonneesNaissance {
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        fields.optional_text("codComNaiEtuOpi", self.cod_com_nai_etu_opi.as_deref(), None)?;
        fields.optional_text("codDepPayNai", self.cod_dep_pay_nai.as_deref(), None)?;
        fields.optional_text("codPayNat", self.cod_pay_nat.as_deref(), None)?;
        fields.optional_text("libVilNaiEtuOpi", self.lib_vil_nai_etu_opi.as_deref(), None)
    }
}

impl DonneesPersonnelles {
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        fields.optional_text("adrMailOpi", self.adr_mail_opi.as_deref(), Some(200))?;
        fields.optional_text("numTelPorOpi", self.num_tel_por_opi.as_deref(), Some(15))
    }
}

impl Bac {
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        fields.optional_text("codBac", self.cod_bac.as_deref(), None)?;
        fields.optional_text("codDep", self.cod_dep.as_deref(), None)?;
        fields.optional_text("codEtb", self.cod_etb.as_deref(), None)?;
        fields.optional_text("codMention", self.cod_mention.as_deref(), None)?;
        fields.optional_text("codTpe", self.cod_tpe.as_deref(), None)?;
        if let Some(year) = self.daa_obt_bac_oba {
            fields.field("daaObtBacOba", validate::annee_valeur(year.into()))?;
        }
        Ok(())
    }
}

impl Adresse {
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        for (name, value) in [
            ("codBdi", &self.cod_bdi),
            ("codCom", &self.cod_com),
            ("codPay", &self.cod_pay),
            ("lib1", &self.lib1),
            ("lib2", &self.lib2),
            ("lib3", &self.lib3),
            ("numTel", &self.num_tel),
        ] {
            fields.optional_text(name, value.as_deref(), None)?;
        }
        Ok(())
    }
}

impl Voeu {
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        fields.text("codCge", &self.cod_cge, Some(3))?;
        fields.optional_text("codCatOuiSi", self.cod_cat_oui_si.as_deref(), None)?;
        fields.optional_text("mtfCat", self.mtf_cat.as_deref(), None)?;
        fields.text("codDemDos", &self.cod_dem_dos, None)?;
        fields.optional_text("codDip", self.cod_dip.as_deref(), None)?;
        fields.text("codEtp", &self.cod_etp, Some(6))?;
        fields.optional_text("codRge", self.cod_rge.as_deref(), None)?;
        if let Some(version) = self.cod_vrs_vdi {
            fields.field(
                "codVrsVdi",
                validate::valeur_max(version.into(), validate::VERSION_MAX),
            )?;
        }
        fields.field(
            "codVrsVet",
            validate::valeur_max(self.cod_vrs_vet.into(), validate::VERSION_MAX),
        )
    }
}
