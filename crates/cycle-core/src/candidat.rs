//! What Parcoursup knows of a candidate before any event: identity and profile.

use serde::{Deserialize, Serialize};
use smol_str::SmolStr;
use time::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sexe {
    M,
    F,
}

/// The candidate's bac outcome, known to the scenario from the start but applied by Parcoursup only on
/// the published days (R7, R8, R9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultatBac {
    Admis,
    Echec,
    RattrapageAdmis,
    RattrapageEchec,
}

impl ResultatBac {
    pub fn libelle(self) -> &'static str {
        match self {
            ResultatBac::Admis => "admis au bac",
            ResultatBac::Echec => "échec au bac",
            ResultatBac::RattrapageAdmis => "admis après rattrapage",
            ResultatBac::RattrapageEchec => "échec au rattrapage",
        }
    }
}

/// Néo-bachelier (the bac results matter) or réorientation (they never do, R15).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Profil {
    NeoBachelier { resultat_bac: ResultatBac },
    Reorientation,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidat {
    /// Parcoursup's dossier number (`codeCandidat`), at most 7 digits so the OPI code fits 10 characters.
    pub code_candidat: u32,
    pub ine: SmolStr,
    pub nom: SmolStr,
    pub prenom: SmolStr,
    pub sexe: Sexe,
    pub date_naissance: Date,
    /// Apogée student number (`codEtuOpi`) when the candidate was already a student here.
    pub cod_etu: Option<SmolStr>,
    pub profil: Profil,
}

/// The largest `codeCandidat` whose OPI code (`P` + 2-digit year + number) fits `codOpiIntEpo`'s 10 characters.
pub const CODE_CANDIDAT_MAX: u32 = 9_999_999;

impl Candidat {
    /// The OPI code the candidate logs into IA Primo with (`codOpiIntEpo`, ≤ 10 characters).
    /// Assumption: `P` + the session's last two digits + `codeCandidat`, as in the examples.
    pub fn cod_opi(&self, annee: u16) -> SmolStr {
        smol_str::format_smolstr!("P{:02}{}", annee % 100, self.code_candidat)
    }

    /// "Prénom NOM", for explanations; formatting it allocates nothing.
    pub fn nom_complet(&self) -> NomComplet {
        NomComplet {
            prenom: self.prenom.clone(),
            nom: self.nom.clone(),
        }
    }

    pub fn est_en_reorientation(&self) -> bool {
        matches!(self.profil, Profil::Reorientation)
    }
}

/// A person's name as explanations show it: `Léa DURAND`. Short names stay inline ([`SmolStr`]), so
/// carrying one into a `format!` costs no allocation — the transcript writes one per entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NomComplet {
    pub prenom: SmolStr,
    pub nom: SmolStr,
}

impl std::fmt::Display for NomComplet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.prenom, self.nom)
    }
}
