//! Errors for inputs the simulation cannot apply. A domain refusal (IA Primo refused, remontée NOK) is
//! not an error: it is an entry of the transcript. An error leaves the simulation exactly as it was.

use thiserror::Error;
use time::Date;

use crate::calendrier::{date_fr, Periode};
use crate::referentiel::{CodeVet, Reponse};

/// Why an event, or a move of the clock, was refused. Messages are French and name the culprit.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ErreurEvenement {
    #[error("date {}: antérieure au jour courant de la simulation ({})", date_fr(*jour), date_fr(*courant))]
    DateAnterieure { jour: Date, courant: Date },
    #[error("candidat {0}: inconnu de Parcoursup dans ce scénario")]
    CandidatInconnu(u32),
    #[error("formation {0}: inconnue de l'université (aucune formation Parcoursup de ce code)")]
    FormationInconnue(u32),
    #[error("vet {0}: aucune formation de l'université ne relie cette VET")]
    VetInconnue(CodeVet),
    #[error("reponse: la formation {formation} n'a pas de VET « {} » (R5)", reponse.libelle())]
    ReponseSansVet { formation: u32, reponse: Reponse },
    #[error("formation {formation}: le candidat {candidat} n'a pas de candidature acceptée sur cette formation")]
    PasDeCandidature { candidat: u32, formation: u32 },
    #[error("formation {formation}: le candidat {candidat} a déjà accepté cette formation")]
    DejaAcceptee { candidat: u32, formation: u32 },
    #[error("candidat {0}: pas de numéro étudiant Apogée, l'IA Réins est réservée aux étudiants déjà connus")]
    PasDeNumeroEtudiant(u32),
    #[error(
        "candidat {0}: aucun dossier OPI dans Apogée, l'IA ne peut être rattachée à Parcoursup"
    )]
    PasDeDossierOpi(u32),
    #[error("vet {vet}: le candidat {candidat} n'a pas d'IA sur cette VET")]
    IaInconnue { candidat: u32, vet: CodeVet },
    #[error(
        "vet {vet}: l'IA du candidat {candidat} n'est pas en cours (déjà annulée ou résiliée)"
    )]
    IaNonValide { candidat: u32, vet: CodeVet },
    #[error("vet {vet}: l'IA du candidat {candidat} est déjà payée")]
    IaDejaPayee { candidat: u32, vet: CodeVet },
    #[error("vet {vet}: le candidat {candidat} a déjà un laissez-passer sur cette VET")]
    LaissezPasserExistant { candidat: u32, vet: CodeVet },
    #[error("vet {vet}: le candidat {candidat} a déjà une IA en cours sur cette VET")]
    IaDejaExistante { candidat: u32, vet: CodeVet },
    #[error("etat_inscription: 3 (inscription annulée) ne décrit pas une IA valide ; l'IA se crée en cours, et c'est son annulation (annulation_ia) qui est remontée avec l'état 3 (R14)")]
    EtatInscriptionAnnulee,
    #[error(
        "date {}: hors des phases d'admission de la campagne {annee} (principale du {} au {}, complémentaire du {} au {}) : aucune proposition ne peut y être acceptée",
        date_fr(*jour),
        date_fr(principale.debut),
        date_fr(principale.fin),
        date_fr(complementaire.debut),
        date_fr(complementaire.fin)
    )]
    HorsPhasesAdmission {
        jour: Date,
        annee: u16,
        principale: Periode,
        complementaire: Periode,
    },
}

/// Why a VET written by a person (`DL1OUI/1`, or `DL1OUI` when the étape has one version) names no
/// VET of the university. Callers put the text written and the field in front.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ErreurVet {
    #[error("la version « {version} » n'est pas un nombre (écrire DL1OUI ou DL1OUI/1)")]
    VersionInvalide { version: String },
    #[error("inconnue de l'université (VET : {})", liste_vets(connues))]
    Inconnue { connues: Vec<CodeVet> },
    #[error("ambiguë : précisez la version ({})", liste_vets(possibles))]
    Ambigue { possibles: Vec<CodeVet> },
}

fn liste_vets(vets: &[CodeVet]) -> String {
    vets.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a simulation cannot be set up. Messages are French and name the field.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ErreurConfiguration {
    #[error("universite.uai: « {0} » n'est pas un UAI (7 chiffres et une lettre)")]
    UaiInvalide(String),
    #[error("candidats: le code candidat {0} apparaît deux fois")]
    CandidatEnDouble(u32),
    #[error("candidats: le code candidat {0} dépasse {max} (le code OPI doit tenir en 10 caractères)", max = crate::candidat::CODE_CANDIDAT_MAX)]
    CodeCandidatTropGrand(u32),
    #[error("candidats: le code candidat 1 est réservé au candidat fictif du test connecteur")]
    CodeCandidatReserve,
    #[error("candidats: le code candidat 0 n'est pas un codeCandidat Parcoursup (de 2 à {max})", max = crate::candidat::CODE_CANDIDAT_MAX)]
    CodeCandidatNul,
    #[error("universite.formations: aucune formation : l'université en propose au moins une sur Parcoursup")]
    AucuneFormation,
    #[error("universite.formations: la formation {0} apparaît deux fois")]
    FormationEnDouble(u32),
    #[error("universite.formations: la VET {vet} est reliée deux fois (formations {premiere} et {seconde})")]
    VetEnDouble {
        vet: CodeVet,
        premiere: u32,
        seconde: u32,
    },
    #[error("campagne: {0}")]
    CampagneIncoherente(&'static str),
}
