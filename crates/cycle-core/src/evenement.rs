//! The dated inputs of a simulation: what people do on either side.
//!
//! Bac results are not events: they come from each candidate's profile and apply on the campaign's days
//! (R7–R9) when the clock moves past them.

use serde::{Deserialize, Serialize};

use crate::message::EtatInscription;
use crate::referentiel::{CodeVet, Identifiants, Reponse};

/// One thing someone does. Candidates are named by `codeCandidat`, VETs by étape code and version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Evenement {
    // ---- the university sets up its remontée webservice (R6) ----
    /// Staff enter Parcoursup's URL and credentials in the remontée webservice.
    ParametrageWebservice { identifiants: Identifiants },
    /// Staff click "Tester connecteur".
    TestConnecteur,

    // ---- Parcoursup ----
    /// The candidate accepts the formation's proposal with this answer (R5).
    Acceptation {
        candidat: u32,
        formation: u32,
        reponse: Reponse,
    },
    /// The candidate cancels a confirmed candidacy (R10).
    Desistement { candidat: u32, formation: u32 },
    /// Parcoursup sends the candidate's OPI again (R16).
    RenvoiOpi { candidat: u32 },

    // ---- Apogée ----
    /// The candidate opens IA Primo and looks at what it offers (nothing changes).
    ConsultationIaPrimo { candidat: u32 },
    /// The candidate registers online on a VET (R17), and pays at once when `payee`.
    IaPrimo {
        candidat: u32,
        vet: CodeVet,
        #[serde(default)]
        payee: bool,
    },
    /// A known student re-registers online (IA Réins) on a VET.
    IaReins {
        candidat: u32,
        vet: CodeVet,
        #[serde(default)]
        payee: bool,
    },
    /// Staff enter the IA in the Apogée client (IA gestionnaire).
    IaGestionnaire {
        candidat: u32,
        vet: CodeVet,
        #[serde(default)]
        payee: bool,
        /// What the remontée reports for a valid IA; default inscription principale.
        #[serde(default)]
        etat_inscription: Option<EtatInscription>,
    },
    /// The IA is paid (R13).
    Paiement { candidat: u32, vet: CodeVet },
    /// Staff cancel the IA (état A) (R14).
    AnnulationIa { candidat: u32, vet: CodeVet },
    /// Staff résilient the IA (état R).
    ResiliationIa { candidat: u32, vet: CodeVet },
    /// Staff create a laissez-passer on a VET (R4).
    LaissezPasser { candidat: u32, vet: CodeVet },
    /// The remontée batch runs now instead of waiting for the night (R14).
    TraitementRemontees,
    /// Fault injection: Apogée's next OPI write for this candidate stores the individu but not its vœux,
    /// and still answers success — the failure known in the field.
    PanneEcritureVoeux { candidat: u32 },
}

impl Evenement {
    /// The French label of the event kind, for timelines.
    pub fn libelle(&self) -> &'static str {
        match self {
            Evenement::ParametrageWebservice { .. } => "paramétrage du webservice de remontées",
            Evenement::TestConnecteur => "« Tester connecteur »",
            Evenement::Acceptation { .. } => "acceptation d'une proposition",
            Evenement::Desistement { .. } => "désistement",
            Evenement::RenvoiOpi { .. } => "renvoi de l'OPI",
            Evenement::ConsultationIaPrimo { .. } => "consultation d'IA Primo",
            Evenement::IaPrimo { .. } => "IA Primo",
            Evenement::IaReins { .. } => "IA Réins",
            Evenement::IaGestionnaire { .. } => "IA gestionnaire",
            Evenement::Paiement { .. } => "paiement de l'IA",
            Evenement::AnnulationIa { .. } => "annulation de l'IA",
            Evenement::ResiliationIa { .. } => "résiliation de l'IA",
            Evenement::LaissezPasser { .. } => "création d'un laissez-passer",
            Evenement::TraitementRemontees => "traitement des remontées",
            Evenement::PanneEcritureVoeux { .. } => "panne : écriture des vœux OPI",
        }
    }
}
