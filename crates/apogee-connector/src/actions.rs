//! What a harness (or a person) does inside the university, as the control API receives it, and
//! the core event each request is.
//!
//! The bodies are those of the contract shared with the mock (`docs/connector.md`); each becomes a
//! `cycle_core::Evenement` that [`crate::Connecteur::appliquer`] hands to the core. Nothing here
//! judges whether the action is allowed: the core does.

use cycle_core::transcript::CanalIa;
use cycle_core::{CodeVet, ErreurEvenement, ErreurVet, EtatInscription, Evenement, Universite};
use serde::Deserialize;

use crate::journal::ErreurJournal;
use crate::parametrage::ErreurParametrage;

/// `POST /etats/ia`: an IA entered through IA Primo, IA Réins or by staff.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpsIa {
    pub canal: CanalIa,
    pub candidat: u32,
    /// `DL1OUI/1`, or `DL1OUI` when the étape has one version.
    pub vet: String,
    #[serde(default)]
    pub payee: bool,
    /// IA gestionnaire only: what the remontée reports while the IA is valid (default principale).
    #[serde(default)]
    pub etat_inscription: Option<EtatInscription>,
}

/// `POST /etats/paiement`, `/etats/annulation`, `/etats/resiliation`, `/etats/laissez-passer`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpsCandidatVet {
    pub candidat: u32,
    pub vet: String,
}

/// `POST /etats/panne-ecriture-voeux`: the next OPI write for this candidate loses its vœux.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpsCandidat {
    pub candidat: u32,
}

/// One action of the control API, before its VET is looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Ia(CorpsIa),
    Paiement(CorpsCandidatVet),
    Annulation(CorpsCandidatVet),
    Resiliation(CorpsCandidatVet),
    LaissezPasser(CorpsCandidatVet),
    PanneEcritureVoeux(CorpsCandidat),
}

/// Why an action was not applied. French, naming the field; the state is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErreurAction {
    #[error("vet : « {ecrit} » {raison}")]
    Vet { ecrit: String, raison: String },
    #[error("{0}")]
    Evenement(#[from] ErreurEvenement),
    #[error("type : « {0} » est un événement côté Parcoursup ; il se joue sur le mock (POST /__admin/evenements), pas dans l'université")]
    CoteParcoursup(&'static str),
    #[error("type : « {0} » appelle Parcoursup ; il passe par POST /etats/test-connecteur ou /etats/traitement-remontees")]
    ParLeReseau(&'static str),
    #[error("{0}")]
    Parametrage(#[from] ErreurParametrage),
    #[error("dossier : {0}")]
    Fichiers(String),
    /// The journal could not be written: nothing was applied, the request may be sent again.
    #[error("{0}")]
    Journal(#[from] ErreurJournal),
}

impl Action {
    /// The core event, with the VET looked up in the university's set-up.
    pub fn evenement(&self, universite: &Universite) -> Result<Evenement, ErreurAction> {
        let vet = |texte: &str| lire_vet(texte, universite);
        Ok(match self {
            Action::Ia(corps) => {
                let (candidat, vet, payee) = (corps.candidat, vet(&corps.vet)?, corps.payee);
                match corps.canal {
                    CanalIa::IaPrimo => Evenement::IaPrimo {
                        candidat,
                        vet,
                        payee,
                    },
                    CanalIa::IaReins => Evenement::IaReins {
                        candidat,
                        vet,
                        payee,
                    },
                    CanalIa::Gestionnaire => Evenement::IaGestionnaire {
                        candidat,
                        vet,
                        payee,
                        etat_inscription: corps.etat_inscription,
                    },
                }
            }
            Action::Paiement(c) => Evenement::Paiement {
                candidat: c.candidat,
                vet: vet(&c.vet)?,
            },
            Action::Annulation(c) => Evenement::AnnulationIa {
                candidat: c.candidat,
                vet: vet(&c.vet)?,
            },
            Action::Resiliation(c) => Evenement::ResiliationIa {
                candidat: c.candidat,
                vet: vet(&c.vet)?,
            },
            Action::LaissezPasser(c) => Evenement::LaissezPasser {
                candidat: c.candidat,
                vet: vet(&c.vet)?,
            },
            Action::PanneEcritureVoeux(c) => Evenement::PanneEcritureVoeux {
                candidat: c.candidat,
            },
        })
    }
}

/// `DL1OUI/1`, or `DL1OUI` when the étape names a single VET of the university (the core reads it).
pub fn lire_vet(texte: &str, universite: &Universite) -> Result<CodeVet, ErreurAction> {
    universite
        .vet_ecrite(texte)
        .map_err(|erreur| ErreurAction::Vet {
            ecrit: texte.to_owned(),
            raison: match erreur {
                ErreurVet::VersionInvalide { .. } => format!(": {erreur}"),
                ErreurVet::Inconnue { .. } | ErreurVet::Ambigue { .. } => erreur.to_string(),
            },
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vet_is_found_with_or_without_its_version() {
        let universite = cycle_scenario::universite_demo();
        let attendue = CodeVet {
            cod_etp: "DL1OUI".into(),
            cod_vrs_vet: 1,
        };
        assert_eq!(lire_vet("DL1OUI", &universite), Ok(attendue.clone()));
        assert_eq!(lire_vet(" DL1OUI/1 ", &universite), Ok(attendue));
        let inconnue = lire_vet("DL9XXX/1", &universite).unwrap_err().to_string();
        assert!(
            inconnue.starts_with("vet : « DL9XXX/1 » inconnue de l'université (VET : DL1OUI/1"),
            "{inconnue}"
        );
        let version = lire_vet("DL1OUI/x", &universite).unwrap_err().to_string();
        assert!(
            version.contains("la version « x » n'est pas un nombre"),
            "{version}"
        );
    }

    #[test]
    fn the_contract_bodies_become_core_events() {
        let universite = cycle_scenario::universite_demo();
        let corps: CorpsIa = serde_json::from_str(
            r#"{"canal":"gestionnaire","candidat":7,"vet":"DL1OUI/1","payee":true,"etat_inscription":"double_cursus"}"#,
        )
        .unwrap();
        assert_eq!(
            Action::Ia(corps).evenement(&universite).unwrap(),
            Evenement::IaGestionnaire {
                candidat: 7,
                vet: lire_vet("DL1OUI", &universite).unwrap(),
                payee: true,
                etat_inscription: Some(EtatInscription::DoubleCursus),
            }
        );
        let inconnu =
            serde_json::from_str::<CorpsCandidatVet>(r#"{"candidat":7,"vet":"DL1OUI","x":1}"#)
                .unwrap_err()
                .to_string();
        assert!(inconnu.contains("unknown field `x`"), "{inconnu}");
    }
}
