//! Every input that changes the connector's state, as one value: a [`Commande`]. Each entry point
//! (an OPI received, a control-API action, a clock move, Parcoursup's answer to a remontée) builds
//! its command, and [`Connecteur::executer`] writes it to the journal, when the connector has a data
//! folder, before applying it; a restart applies the journaled commands again, through the same
//! calls ([`Connecteur::appliquer_commande`]), and the core being deterministic, gets the same state.
//!
//! A command carries what was decided at the edge (an OPI already decoded and merged, a VET already
//! looked up), never raw bytes: the push's password stays out of the journal, and a replay does not
//! depend on the wire decoders. A command the core refuses is journaled all the same and refused
//! again at replay, which changes nothing either time.

use cycle_core::transcript::{Canal, Journal};
use cycle_core::{Entree, Evenement, Opi, Retour};
use cycle_scenario::Scenario;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::actions::ErreurAction;
use crate::parametrage::SourceScenario;
use crate::Connecteur;

/// One input that changes the connector's state, as journaled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Commande {
    /// Starts a session: the university of a scenario, and where Parcoursup is.
    Charger {
        source: SourceScenario,
        url_parcoursup: Option<String>,
    },
    /// An OPI received by the webservice or a push, as Apogée writes it.
    Opi { canal: Canal, opi: Opi },
    /// One day of flat files imported: their names and the OPI they held.
    Fichiers { noms: Vec<String>, opi: Vec<Opi> },
    /// A university-side action (an IA, a payment, the remontée webservice's set-up…).
    Evenement { evenement: Evenement },
    /// Where the batch and the connector test go.
    UrlParcoursup { url: Option<String> },
    /// The connector's simulated day moves forward.
    Avancer { jour: Date },
    /// Parcoursup answered a row of the batch (OK or NOK): the row is acknowledged.
    ReponseRemontee { numero: u32, retour: Retour },
}

impl Commande {
    /// The command's `type`, as the journal's `nom` column shows it.
    pub fn nom(&self) -> &'static str {
        match self {
            Commande::Charger { .. } => "charger",
            Commande::Opi { .. } => "opi",
            Commande::Fichiers { .. } => "fichiers",
            Commande::Evenement { .. } => "evenement",
            Commande::UrlParcoursup { .. } => "url_parcoursup",
            Commande::Avancer { .. } => "avancer",
            Commande::ReponseRemontee { .. } => "reponse_remontee",
        }
    }
}

impl Connecteur {
    /// Journals `commande` (with a data folder), then applies it. When the journal cannot be
    /// written nothing is applied: memory never holds what the disk does not.
    pub(crate) fn executer(&mut self, commande: Commande) -> Result<Vec<Entree>, ErreurAction> {
        if let Some(journal) = &mut self.journal {
            journal.ecrire(&commande)?;
        }
        self.appliquer_commande(&commande)
    }

    /// Applies one command in memory: live once it is journaled, and at replay.
    pub(crate) fn appliquer_commande(
        &mut self,
        commande: &Commande,
    ) -> Result<Vec<Entree>, ErreurAction> {
        match commande {
            Commande::Charger {
                source,
                url_parcoursup,
            } => {
                let scenario = source.charger()?;
                self.repartir(&scenario, url_parcoursup.clone());
                Ok(Vec::new())
            }
            Commande::Opi { canal, opi } => Ok(self.enregistrer_opi(*canal, opi)),
            Commande::Fichiers { noms, opi } => {
                let entrees = opi
                    .iter()
                    .flat_map(|un| self.enregistrer_opi(Canal::FichiersPlats, un))
                    .collect();
                self.fichiers_importes.extend(noms.iter().cloned());
                Ok(entrees)
            }
            Commande::Evenement { evenement } => self.appliquer_evenement(evenement),
            Commande::UrlParcoursup { url } => {
                self.parametrage.url_parcoursup = url.clone();
                Ok(Vec::new())
            }
            Commande::Avancer { jour } => {
                self.verifier_avance(*jour)?;
                self.jour = *jour;
                Ok(Vec::new())
            }
            Commande::ReponseRemontee { numero, retour } => {
                let mut entrees = Vec::new();
                let mut journal = Journal::new(self.jour, &mut entrees);
                self.apogee
                    .recevoir_reponse_remontee(&mut journal, *numero, retour);
                Ok(entrees)
            }
        }
    }

    /// Starts over from `scenario`; the journal, if any, is kept (a new session in it).
    pub(crate) fn repartir(&mut self, scenario: &Scenario, url_parcoursup: Option<String>) {
        let journal = self.journal.take();
        // How many calls the batch keeps in flight is how this process runs, not the university's.
        let appels_simultanes = self.parametrage.appels_simultanes;
        *self = Connecteur::depuis_scenario(scenario, url_parcoursup);
        self.journal = journal;
        self.parametrage.appels_simultanes = appels_simultanes;
    }

    /// The core applies a university-side event today. On error nothing changed.
    fn appliquer_evenement(&mut self, evenement: &Evenement) -> Result<Vec<Entree>, ErreurAction> {
        let mut entrees = Vec::new();
        let mut journal = Journal::new(self.jour, &mut entrees);
        if self.apogee.appliquer(&mut journal, evenement)? {
            Ok(entrees)
        } else {
            Err(ErreurAction::CoteParcoursup(evenement.libelle()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_reads_back_as_it_was_written() {
        let opi = cycle_scenario::executer(
            &SourceScenario::Integre {
                builtin: "nominal_f".to_owned(),
            }
            .charger()
            .unwrap(),
        )
        .transcript
        .into_iter()
        .find_map(|entree| match entree.fait {
            cycle_core::transcript::Fait::Message {
                contenu: cycle_core::transcript::Contenu::Opi(opi),
                ..
            } => Some(opi),
            _ => None,
        })
        .unwrap();
        for commande in [
            Commande::Charger {
                source: SourceScenario::Texte("titre = 'x'".to_owned()),
                url_parcoursup: Some("http://127.0.0.1:8080".to_owned()),
            },
            Commande::Opi {
                canal: Canal::PushJson,
                opi: opi.clone(),
            },
            Commande::Fichiers {
                noms: vec!["0751234X_OPI_INDIVIDUS_V1_20240709.csv".to_owned()],
                opi: vec![opi],
            },
            Commande::Avancer {
                jour: time::macros::date!(2024 - 07 - 10),
            },
            Commande::ReponseRemontee {
                numero: 3,
                retour: Retour::nok("ine : inconnu"),
            },
        ] {
            let texte = serde_json::to_string(&commande).unwrap();
            assert_eq!(
                serde_json::from_str::<Commande>(&texte).unwrap(),
                commande,
                "{texte}"
            );
        }
    }
}
