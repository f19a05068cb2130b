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
        NomComplet::personne(&self.prenom, &self.nom, self.sexe)
    }

    pub fn est_en_reorientation(&self) -> bool {
        matches!(self.profil, Profil::Reorientation)
    }
}

/// A person's name as explanations show it: `Léa DURAND`, with what French grammar needs around it
/// (« de Léa » but « d'Inès », « admis » or « admise »). Short names stay inline ([`SmolStr`]), so
/// carrying one into a `format!` costs no allocation — the transcript writes one per entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NomComplet {
    prenom: SmolStr,
    nom: SmolStr,
    feminin: bool,
    /// "Candidat n° 42" when the name is unknown: takes « du », « au ».
    anonyme: bool,
}

impl NomComplet {
    pub fn personne(prenom: &SmolStr, nom: &SmolStr, sexe: Sexe) -> NomComplet {
        NomComplet {
            prenom: prenom.clone(),
            nom: nom.clone(),
            feminin: sexe == Sexe::F,
            anonyme: false,
        }
    }

    /// A candidate known only by number (before Apogée has their OPI).
    pub fn anonyme(code_candidat: u32) -> NomComplet {
        NomComplet {
            prenom: SmolStr::new_static("candidat"),
            nom: smol_str::format_smolstr!("n° {code_candidat}"),
            feminin: false,
            anonyme: true,
        }
    }

    /// « de Léa DURAND », « d'Inès DURAND », « du candidat n° 42 ».
    pub fn de(&self) -> Precede<'_> {
        Precede {
            nom: self,
            preposition: Preposition::De,
        }
    }

    /// « à Léa DURAND », « au candidat n° 42 ».
    pub fn a(&self) -> Precede<'_> {
        Precede {
            nom: self,
            preposition: Preposition::A,
        }
    }

    /// « que Léa DURAND », « qu'Inès DURAND ».
    pub fn que(&self) -> Precede<'_> {
        Precede {
            nom: self,
            preposition: Preposition::Que,
        }
    }

    /// « il » or « elle ».
    pub fn il(&self) -> &'static str {
        if self.feminin {
            "elle"
        } else {
            "il"
        }
    }

    /// The feminine ending of a past participle: « admis » + `e()`.
    pub fn e(&self) -> &'static str {
        if self.feminin {
            "e"
        } else {
            ""
        }
    }
}

impl std::fmt::Display for NomComplet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.anonyme {
            // Capitalised: an unknown candidate mostly starts a sentence (« Candidat n° 42 demande… »).
            return write!(f, "Candidat {}", self.nom);
        }
        write!(f, "{} {}", self.prenom, self.nom)
    }
}

#[derive(Clone, Copy, Debug)]
enum Preposition {
    De,
    A,
    Que,
}

/// A name after « de » or « à », elided or contracted as French wants.
pub struct Precede<'a> {
    nom: &'a NomComplet,
    preposition: Preposition,
}

impl std::fmt::Display for Precede<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let NomComplet {
            prenom,
            nom,
            anonyme,
            ..
        } = self.nom;
        let voyelle = prenom
            .chars()
            .next()
            .is_some_and(|c| "AEIOUYHÉÈÊËÀÂÎÏÔÛaeiouyhéèêàâîïôû".contains(c));
        let preposition = match (self.preposition, anonyme, voyelle) {
            (Preposition::De, true, _) => "du ",
            (Preposition::A, true, _) => "au ",
            (Preposition::De, false, true) => "d'",
            (Preposition::De, false, false) => "de ",
            (Preposition::A, false, _) => "à ",
            (Preposition::Que, _, true) => "qu'",
            (Preposition::Que, _, false) => "que ",
        };
        write!(f, "{preposition}{prenom} {nom}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_take_french_elision_and_agreement() {
        let ines = NomComplet::personne(&"Inès".into(), &"DURAND".into(), Sexe::F);
        let hugo = NomComplet::personne(&"Hugo".into(), &"MARTIN".into(), Sexe::M);
        let lea = NomComplet::personne(&"Léa".into(), &"DURAND".into(), Sexe::F);
        assert_eq!(format!("{}", ines.de()), "d'Inès DURAND");
        assert_eq!(format!("{}", hugo.de()), "d'Hugo MARTIN");
        assert_eq!(format!("{}", lea.de()), "de Léa DURAND");
        assert_eq!(
            format!("{} / {}", ines.que(), lea.que()),
            "qu'Inès DURAND / que Léa DURAND"
        );
        assert_eq!(
            format!("admis{} ; {} peut", lea.e(), lea.il()),
            "admise ; elle peut"
        );
        let anonyme = NomComplet::anonyme(42);
        assert_eq!(
            format!("{anonyme} / {} / {}", anonyme.de(), anonyme.a()),
            "Candidat n° 42 / du candidat n° 42 / au candidat n° 42"
        );
    }
}
