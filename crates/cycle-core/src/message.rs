//! What crosses the wire between Parcoursup and Apogée, as plain domain data.
//!
//! These types carry exactly the information of the wire shapes of `domain.md` §3 but none of their
//! syntax: `cycle-wire` encodes them as SOAP, JSON or flat-file lines at the edge.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use smol_str::SmolStr;
use time::Date;

use crate::candidat::Sexe;
use crate::referentiel::{CodeVet, Vet};

/// The decision code of a vœu (`codDecVeu`, R1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CodeDecision {
    /// Favorable: the VET is proposed (R2).
    F,
    /// Oui Si: registration allowed with catégorie, motif and cursus aménagé (R3).
    S,
    /// Défavorable: the VET is not proposed (R4, R11).
    D,
}

impl CodeDecision {
    pub fn libelle(self) -> &'static str {
        match self {
            CodeDecision::F => "F (favorable)",
            CodeDecision::S => "S (Oui Si)",
            CodeDecision::D => "D (défavorable)",
        }
    }
}

/// Oui Si catégorie and motif as carried by a vœu (`codCatOuiSi`, `mtfCat`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OuiSi {
    pub categorie: String,
    pub motif: String,
}

/// One vœu of an OPI, keyed in Apogée by (OPI, CGE, étape, VET version) (R16).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VoeuOpi {
    pub code_formation_psup: u32,
    /// Shared with the university's set-up: a summer sends hundreds of thousands of vœux naming a few
    /// dozen VETs.
    pub vet: Arc<Vet>,
    pub decision: CodeDecision,
    pub oui_si: Option<Arc<OuiSi>>,
    /// `numCls`, the vœu's rank in the candidate's list, from 1.
    pub rang: u16,
}

impl VoeuOpi {
    pub fn code_vet(&self) -> CodeVet {
        self.vet.code()
    }

    /// The key under which Apogée stores the vœu (R16), the OPI being implied.
    pub fn cle(&self) -> (&str, &str, u16) {
        (&self.vet.cod_cge, &self.vet.cod_etp, self.vet.cod_vrs_vet)
    }
}

/// One OPI: the Individu part and the candidate's full current list of vœux (R1, R16).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opi {
    /// `codOpiIntEpo`.
    pub cod_opi: SmolStr,
    pub code_candidat: u32,
    /// `codEtuOpi`, when the candidate is a known student.
    pub cod_etu: Option<SmolStr>,
    pub ine: SmolStr,
    pub nom: SmolStr,
    pub prenom: SmolStr,
    pub sexe: Sexe,
    pub date_naissance: Date,
    /// `bac.daaObtBacOba`: the session's year for a néo-bachelier, `None` for a réorientation whose
    /// bac is from an earlier year (R15). This is how Apogée tells them apart.
    pub annee_bac: Option<u16>,
    pub voeux: Vec<VoeuOpi>,
}

impl Opi {
    /// The Individu part alone (no vœux).
    pub fn clone_individu(&self) -> Opi {
        Opi {
            cod_opi: self.cod_opi.clone(),
            code_candidat: self.code_candidat,
            cod_etu: self.cod_etu.clone(),
            ine: self.ine.clone(),
            nom: self.nom.clone(),
            prenom: self.prenom.clone(),
            sexe: self.sexe,
            date_naissance: self.date_naissance,
            annee_bac: self.annee_bac,
            voeux: Vec::new(),
        }
    }

    /// Whether every vœu of this OPI is in `enregistre` (the record read back after writing it) under
    /// the same key (R16) and with the same decision: what a sender checks against the partial write
    /// known in the field (the individu written, not its vœux).
    pub fn voeux_ecrits_dans(&self, enregistre: &Opi) -> bool {
        self.voeux.iter().all(|envoye| {
            enregistre
                .voeux
                .iter()
                .any(|lu| lu.cle() == envoye.cle() && lu.decision == envoye.decision)
        })
    }
}

/// The day's OPI flat files (R8, R10): the usual files, and the second file of unfavourable vœux.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FichiersOpi {
    /// The OPI written to the usual individus + vœux files.
    pub opi: Vec<Opi>,
    /// The vœux turned D that day, for the second "vœux défavorables" file: (OPI code, vœu).
    pub voeux_defavorables: Vec<(SmolStr, VoeuOpi)>,
}

/// `etatInscription` of a remontée (`domain.md` §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EtatInscription {
    Principale,
    DoubleCursus,
    Annulee,
    Parallele,
    ParalleleSecondaire,
}

impl EtatInscription {
    /// The integer on the wire (1 to 5).
    pub fn code(self) -> u8 {
        match self {
            EtatInscription::Principale => 1,
            EtatInscription::DoubleCursus => 2,
            EtatInscription::Annulee => 3,
            EtatInscription::Parallele => 4,
            EtatInscription::ParalleleSecondaire => 5,
        }
    }

    pub fn depuis_code(code: i64) -> Option<EtatInscription> {
        match code {
            1 => Some(EtatInscription::Principale),
            2 => Some(EtatInscription::DoubleCursus),
            3 => Some(EtatInscription::Annulee),
            4 => Some(EtatInscription::Parallele),
            5 => Some(EtatInscription::ParalleleSecondaire),
            _ => None,
        }
    }

    pub fn libelle(self) -> &'static str {
        match self {
            EtatInscription::Principale => "inscription principale",
            EtatInscription::DoubleCursus => "double cursus",
            EtatInscription::Annulee => "inscription annulée",
            EtatInscription::Parallele => "inscription parallèle",
            EtatInscription::ParalleleSecondaire => "inscription parallèle secondaire",
        }
    }
}

/// One IA reported to Parcoursup (`majInscriptionAdministrative`), credentials aside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remontee {
    pub code_candidat: u32,
    pub ine: SmolStr,
    pub nom: SmolStr,
    pub prenom: SmolStr,
    pub date_naissance: Date,
    pub code_formation_psup: u32,
    /// `codeFormation1`.
    pub code_formation1: SmolStr,
    /// `codeSISE`.
    pub code_sise: SmolStr,
    pub etat_inscription: EtatInscription,
    /// `codeEtablissementAffectation`.
    pub uai: SmolStr,
}

/// The fixed fictitious candidate of the "Tester connecteur" call (`domain.md` §3.1).
pub mod test_connecteur {
    pub const CODE_CANDIDAT: u32 = 1;
    pub const NOM: &str = "Bernard";
    pub const PRENOM: &str = "Minet";
    pub const INE: &str = "0123456789AB";
    pub const CODE_FORMATION_PSUP: u32 = 42;
    pub const CODE_FORMATION1: &str = "42";
    pub const CODE_SISE: &str = "42";

    /// 14 July 1789.
    pub fn date_naissance() -> time::Date {
        time::macros::date!(1789 - 07 - 14)
    }
}

impl Remontee {
    /// The "Tester connecteur" call for a university.
    pub fn test_connecteur(uai: &str) -> Remontee {
        Remontee {
            code_candidat: test_connecteur::CODE_CANDIDAT,
            ine: test_connecteur::INE.into(),
            nom: test_connecteur::NOM.into(),
            prenom: test_connecteur::PRENOM.into(),
            date_naissance: test_connecteur::date_naissance(),
            code_formation_psup: test_connecteur::CODE_FORMATION_PSUP,
            code_formation1: test_connecteur::CODE_FORMATION1.into(),
            code_sise: test_connecteur::CODE_SISE.into(),
            etat_inscription: EtatInscription::Principale,
            uai: uai.into(),
        }
    }

    /// Whether this is the fixed fictitious candidate of the connector test.
    pub fn est_test_connecteur(&self) -> bool {
        self.code_candidat == test_connecteur::CODE_CANDIDAT
            && self.nom == test_connecteur::NOM
            && self.prenom == test_connecteur::PRENOM
            && self.date_naissance == test_connecteur::date_naissance()
            && self.code_formation_psup == test_connecteur::CODE_FORMATION_PSUP
    }
}

/// Parcoursup's answer `{retour, message}`, also used for the OPI webservice's success or SOAP fault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retour {
    pub ok: bool,
    pub message: String,
}

impl Retour {
    pub fn ok(message: impl Into<String>) -> Retour {
        Retour {
            ok: true,
            message: message.into(),
        }
    }

    pub fn nok(message: impl Into<String>) -> Retour {
        Retour {
            ok: false,
            message: message.into(),
        }
    }
}
