//! Sessions: a connector starts from a scenario, in memory only or on a data folder whose journal
//! ([`crate::journal`]) it resumes, and `POST /etats/reset` starts a new session.
//!
//! Resuming replays the last session's commands through [`Connecteur::appliquer_commande`], the
//! calls the live connector made, so the state is the one the connector had when it stopped: OPI
//! acknowledged to Parcoursup, IAs, payments, laissez-passer, the work table with the rows
//! Parcoursup acknowledged and those still to send. A reset writes a new session and leaves the old
//! ones in the file, as the mock does.

use std::path::Path;

use cycle_scenario::Scenario;

use crate::actions::ErreurAction;
use crate::commande::Commande;
use crate::journal::{ErreurJournal, JournalConnecteur};
use crate::parametrage::{Parametrage, SourceScenario};
use crate::Connecteur;

/// What a start on a data folder found.
#[derive(Debug)]
pub struct Demarrage {
    pub connecteur: Connecteur,
    /// Whether the journal's last session was resumed (rather than a new one started).
    pub reprise: bool,
    /// How many commands were replayed after the session's start.
    pub commandes_rejouees: usize,
}

impl Connecteur {
    /// The connector a scenario describes, Parcoursup at `url_parcoursup`; in memory only.
    pub fn depuis_scenario(scenario: &Scenario, url_parcoursup: Option<String>) -> Connecteur {
        let mut parametrage = Parametrage::depuis_scenario(scenario);
        parametrage.url_parcoursup = url_parcoursup;
        Connecteur::nouveau(parametrage)
    }

    /// Opens the journal of `dossier` and resumes its last session; starts a new one on `source`
    /// when the journal is empty or `reinitialiser` is set. A Parcoursup URL given here replaces
    /// the one the session had (it says where Parcoursup is now).
    pub fn demarrer(
        dossier: &Path,
        source: SourceScenario,
        url_parcoursup: Option<String>,
        reinitialiser: bool,
    ) -> Result<Demarrage, ErreurAction> {
        let mut journal = JournalConnecteur::ouvrir(dossier)?;
        let commandes = if reinitialiser {
            Vec::new()
        } else {
            journal.commandes_de_la_session()?
        };
        let mut commandes = commandes.into_iter();
        let Some(premiere) = commandes.next() else {
            let scenario = source.charger()?;
            journal.ecrire(&Commande::Charger {
                source,
                url_parcoursup: url_parcoursup.clone(),
            })?;
            let mut connecteur = Connecteur::depuis_scenario(&scenario, url_parcoursup);
            connecteur.journal = Some(journal);
            return Ok(Demarrage {
                connecteur,
                reprise: false,
                commandes_rejouees: 0,
            });
        };
        let rejeu = |seq, raison: String| ErreurJournal::Rejeu {
            chemin: journal.chemin().to_path_buf(),
            seq,
            raison,
        };
        let Commande::Charger {
            source,
            url_parcoursup: url_de_la_session,
        } = premiere.commande
        else {
            return Err(rejeu(
                premiere.seq,
                "la session ne commence pas par un chargement de scénario".to_owned(),
            )
            .into());
        };
        let scenario = source
            .charger()
            .map_err(|e| rejeu(premiere.seq, e.to_string()))?;
        let mut connecteur = Connecteur::depuis_scenario(&scenario, url_de_la_session);
        let mut commandes_rejouees = 0;
        for journalisee in commandes {
            // A command the core refused live is refused again: nothing changed then, nor now.
            let _ = connecteur.appliquer_commande(&journalisee.commande);
            commandes_rejouees += 1;
        }
        connecteur.journal = Some(journal);
        if url_parcoursup.is_some() && url_parcoursup.as_deref() != connecteur.url_parcoursup() {
            connecteur.definir_url_parcoursup(url_parcoursup)?;
        }
        Ok(Demarrage {
            connecteur,
            reprise: true,
            commandes_rejouees,
        })
    }

    /// Starts over from a scenario: a new session in the journal, the old ones kept. The Parcoursup
    /// URL is where Parcoursup is, not part of the university: without a new one it carries over.
    /// A scenario that cannot be loaded changes nothing.
    pub fn reinitialiser(
        &mut self,
        source: SourceScenario,
        url_parcoursup: Option<String>,
    ) -> Result<Scenario, ErreurAction> {
        let scenario = source.charger()?;
        let url_parcoursup = url_parcoursup.or_else(|| self.url_parcoursup().map(str::to_owned));
        let commande = Commande::Charger {
            source,
            url_parcoursup: url_parcoursup.clone(),
        };
        if let Some(journal) = &mut self.journal {
            journal.ecrire(&commande)?;
        }
        self.repartir(&scenario, url_parcoursup);
        Ok(scenario)
    }

    /// The journal's file, when the connector has a data folder.
    pub fn fichier_journal(&self) -> Option<&Path> {
        self.journal.as_ref().map(JournalConnecteur::chemin)
    }
}
