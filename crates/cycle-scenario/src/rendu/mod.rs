//! How a run reads: events in French sentences, transcript entries as labelled lines with arrows for
//! messages, and the "déroulement" (events interleaved with what they caused) that the text output,
//! the snapshots and the browser all show.
//!
//! Only presentation: no rule is decided here, every sentence about the domain comes from the core.

mod texte;

use cycle_core::calendrier::date_fr;
use cycle_core::transcript::Canal;
use cycle_core::{Configuration, Entree, EtatInscription, Evenement, Fait, Regle};
use serde::Serialize;

pub use texte::{texte_bilan, texte_couverture, texte_rapport};

use crate::execution::RapportScenario;
use crate::lecture::nom;

/// One line of the déroulement: an event as the scenario says it, or an entry of the transcript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum LigneDeroulement {
    Evenement {
        /// `04/06/2024`.
        jour: String,
        evenement: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    Entree {
        jour: String,
        regle: Regle,
        /// `Parcoursup → Apogée [webservice OPI] opi`, or `[Apogée] ia_creee`.
        fait: String,
        explication: String,
    },
}

/// The events interleaved with the entries they caused; entries the passing days brought by
/// themselves (results, flat files, the nightly batch) come before the next event.
pub fn deroulement(rapport: &RapportScenario) -> Vec<LigneDeroulement> {
    let mut lignes = Vec::with_capacity(rapport.transcript.len() + rapport.etapes.len());
    let mut etapes = rapport.etapes.iter().peekable();
    for (i, entree) in rapport.transcript.iter().enumerate() {
        while let Some(etape) = etapes.next_if(|etape| etape.debut == i) {
            lignes.push(LigneDeroulement::Evenement {
                jour: date_fr(etape.jour),
                evenement: etape.libelle.clone(),
                note: etape.note.clone(),
            });
        }
        lignes.push(ligne_entree(entree));
    }
    // Events that caused nothing (or a run cut short) still show.
    for etape in etapes {
        lignes.push(LigneDeroulement::Evenement {
            jour: date_fr(etape.jour),
            evenement: etape.libelle.clone(),
            note: etape.note.clone(),
        });
    }
    lignes
}

fn ligne_entree(entree: &Entree) -> LigneDeroulement {
    LigneDeroulement::Entree {
        jour: date_fr(entree.jour),
        regle: entree.regle,
        fait: fait(entree),
        explication: entree.explication.clone(),
    }
}

/// `Parcoursup → Apogée [webservice OPI] opi` for a message, `[Apogée] ia_creee` for a state change.
pub fn fait(entree: &Entree) -> String {
    match &entree.fait {
        Fait::Message {
            de, vers, canal, ..
        } => format!(
            "{} → {} [{}] {}",
            de.libelle(),
            vers.libelle(),
            libelle_canal(*canal),
            nom(entree)
        ),
        Fait::Etat { cote, .. } => format!("[{}] {}", cote.libelle(), nom(entree)),
    }
}

pub fn libelle_canal(canal: Canal) -> &'static str {
    match canal {
        Canal::WebserviceOpi => "webservice OPI",
        Canal::PushJson => "push JSON",
        Canal::FichiersPlats => "fichiers plats",
        Canal::ApiRest => "API REST",
        Canal::IaPrimo => "IA Primo",
    }
}

/// The event in one French sentence, with the candidate's name and the formation's label.
pub fn decrire_evenement(evenement: &Evenement, configuration: &Configuration) -> String {
    let nom = |code: u32| {
        configuration
            .candidats
            .iter()
            .find(|c| c.code_candidat == code)
            .map_or_else(
                || format!("le candidat {code}"),
                |c| c.nom_complet().to_string(),
            )
    };
    // « de Léa DURAND », « d'Hugo MARTIN ».
    let de_nom = |code: u32| {
        configuration
            .candidats
            .iter()
            .find(|c| c.code_candidat == code)
            .map_or_else(
                || format!("du candidat {code}"),
                |c| c.nom_complet().de().to_string(),
            )
    };
    let formation = |code: u32| {
        configuration.universite.formation(code).map_or_else(
            || format!("la formation {code}"),
            |f| format!("« {} »", f.libelle),
        )
    };
    let paiement = |payee: bool| {
        if payee {
            ", et paie aussitôt"
        } else {
            ", sans payer"
        }
    };
    match evenement {
        Evenement::ParametrageWebservice { identifiants } => format!(
            "{} : l'université saisit le login « {} » dans le webservice de remontées",
            evenement.libelle(),
            identifiants.login
        ),
        Evenement::TestConnecteur => format!(
            "{} : un gestionnaire clique sur le bouton",
            evenement.libelle()
        ),
        Evenement::Acceptation {
            candidat,
            formation: code,
            reponse,
        } => format!(
            "{} : {} accepte {} (réponse « {} »)",
            evenement.libelle(),
            nom(*candidat),
            formation(*code),
            reponse.libelle()
        ),
        Evenement::Desistement {
            candidat,
            formation: code,
        } => format!(
            "{} : {} renonce à {}",
            evenement.libelle(),
            nom(*candidat),
            formation(*code)
        ),
        Evenement::RenvoiOpi { candidat } => format!(
            "{} : Parcoursup envoie de nouveau l'OPI de {}",
            evenement.libelle(),
            nom(*candidat)
        ),
        Evenement::ConsultationIaPrimo { candidat } => format!(
            "{} : {} regarde ce qu'IA Primo lui propose",
            evenement.libelle(),
            nom(*candidat)
        ),
        Evenement::IaPrimo {
            candidat,
            vet,
            payee,
        }
        | Evenement::IaReins {
            candidat,
            vet,
            payee,
        } => format!(
            "{} : {} s'inscrit en ligne sur {vet}{}",
            evenement.libelle(),
            nom(*candidat),
            paiement(*payee)
        ),
        Evenement::IaGestionnaire {
            candidat,
            vet,
            payee,
            etat_inscription,
        } => format!(
            "{} : un gestionnaire saisit l'IA {} sur {vet}{}{}",
            evenement.libelle(),
            de_nom(*candidat),
            if *payee { ", payée" } else { ", non payée" },
            etat_inscription
                .filter(|e| *e != EtatInscription::Principale)
                .map_or(String::new(), |e| format!(", en {}", e.libelle()))
        ),
        Evenement::Paiement { candidat, vet } => format!(
            "{} : {} paie son IA sur {vet}",
            evenement.libelle(),
            nom(*candidat)
        ),
        Evenement::AnnulationIa { candidat, vet } => format!(
            "{} : un gestionnaire annule l'IA {} sur {vet}",
            evenement.libelle(),
            de_nom(*candidat)
        ),
        Evenement::ResiliationIa { candidat, vet } => format!(
            "{} : un gestionnaire résilie l'IA {} sur {vet}",
            evenement.libelle(),
            de_nom(*candidat)
        ),
        Evenement::LaissezPasser { candidat, vet } => format!(
            "{} : un gestionnaire en crée un pour {} sur {vet}",
            evenement.libelle(),
            nom(*candidat)
        ),
        Evenement::TraitementRemontees => format!(
            "{} : un gestionnaire le lance sans attendre le soir",
            evenement.libelle()
        ),
        Evenement::PanneEcritureVoeux { candidat } => format!(
            "{} : la prochaine écriture de l'OPI de {} n'enregistrera que l'individu",
            evenement.libelle(),
            nom(*candidat)
        ),
    }
}
