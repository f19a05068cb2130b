//! The connector's state: Apogée as the core models it, the connector's simulated day and its link
//! to Parcoursup. Everything here works without a socket, so tests drive it directly.
//!
//! It hands every university-side action to `cycle_core::apogee::Apogee` and returns the transcript
//! entries the core wrote. It never decides whether an IA is allowed, what a D means or what goes in
//! the work table: the core does. Receiving OPI lives in [`crate::reception`], the batch and the
//! connector test (which need the network) in [`crate::lot`].

use std::collections::BTreeSet;

use cycle_core::apogee::{Apogee, Ia, LaissezPasser, LigneAEnvoyer, LigneRemontee, LotRemontees};
use cycle_core::transcript::{Journal, OffreVet};
use cycle_core::{Entree, ErreurEvenement, Evenement, Identifiants, Opi, Remontee, Retour};
use serde::Serialize;
use time::Date;

use crate::actions::ErreurAction;
use crate::commande::Commande;
use crate::journal::JournalConnecteur;
use crate::parametrage::Parametrage;

/// The university side of one campaign, and the journal its inputs are written to when it has a
/// data folder ([`crate::session`]).
#[derive(Debug)]
pub struct Connecteur {
    pub(crate) apogee: Apogee,
    pub(crate) jour: Date,
    pub(crate) parametrage: Parametrage,
    /// Flat files already imported, by name: importing a folder twice does not replay them.
    pub(crate) fichiers_importes: BTreeSet<String>,
    /// `None`: in memory only, a restart starts from the scenario again.
    pub(crate) journal: Option<JournalConnecteur>,
}

/// What `GET /etats/apogee` shows: Apogée's tables and the connector's set-up (never a password).
#[derive(Clone, Debug, Serialize)]
pub struct EtatApogee<'a> {
    pub jour: Date,
    pub uai: &'a str,
    pub url_parcoursup: Option<&'a str>,
    /// The login typed in the remontée webservice set-up, if any.
    pub login_remontees: Option<&'a str>,
    pub dossiers_opi: &'a [Opi],
    pub ias: &'a [Ia],
    pub laissez_passer: Vec<&'a LaissezPasser>,
    pub table_remontee: &'a [LigneRemontee],
    pub fichiers_importes: &'a BTreeSet<String>,
}

impl Connecteur {
    pub fn nouveau(parametrage: Parametrage) -> Connecteur {
        let apogee = Apogee::new(
            parametrage.universite.clone(),
            parametrage.campagne.clone(),
            parametrage.reglages.clone(),
            parametrage.identifiants_remontees.clone(),
        );
        Connecteur {
            apogee,
            jour: parametrage.debut,
            parametrage,
            fichiers_importes: BTreeSet::new(),
            journal: None,
        }
    }

    pub fn apogee(&self) -> &Apogee {
        &self.apogee
    }

    pub fn jour(&self) -> Date {
        self.jour
    }

    pub fn parametrage(&self) -> &Parametrage {
        &self.parametrage
    }

    /// How many calls of the remontée batch may wait for their answer at once (1 and up): a setting
    /// of the process (`serve --appels-simultanes`), not journaled, kept by a reset.
    pub fn definir_appels_simultanes(&mut self, appels: usize) {
        self.parametrage.appels_simultanes = appels.max(1);
    }

    pub fn url_parcoursup(&self) -> Option<&str> {
        self.parametrage.url_parcoursup.as_deref()
    }

    /// Where the batch and the connector test go, without touching the remontée set-up.
    pub fn definir_url_parcoursup(&mut self, url: Option<String>) -> Result<(), ErreurAction> {
        self.executer(Commande::UrlParcoursup { url }).map(drop)
    }

    pub fn etat(&self) -> EtatApogee<'_> {
        EtatApogee {
            jour: self.jour,
            uai: &self.parametrage.universite.uai,
            url_parcoursup: self.url_parcoursup(),
            login_remontees: self
                .apogee
                .identifiants_remontees()
                .map(|i| i.login.as_str()),
            dossiers_opi: self.apogee.dossiers_opi(),
            ias: self.apogee.ias(),
            laissez_passer: self.apogee.laissez_passer().collect(),
            table_remontee: self.apogee.table_remontee(),
            fichiers_importes: &self.fichiers_importes,
        }
    }

    /// What the candidate sees in IA Primo today.
    pub fn offre_ia_primo(&self, code_candidat: u32) -> Vec<OffreVet> {
        self.apogee.offre_ia_primo(code_candidat, self.jour)
    }

    /// Whether the day may move to `cible` (never back), and whether that closes at least one day
    /// with the nightly batch due (when the settings run it by themselves).
    pub fn verifier_avance(&self, cible: Date) -> Result<bool, ErreurAction> {
        if cible < self.jour {
            return Err(ErreurEvenement::DateAnterieure {
                jour: cible,
                courant: self.jour,
            }
            .into());
        }
        Ok(cible > self.jour && self.parametrage.reglages.traitement_quotidien_automatique)
    }

    /// Moves the connector's day forward; see [`Connecteur::verifier_avance`] for the answer. The
    /// batch of the days closed is the caller's to run ([`crate::lot`]), before the move.
    pub fn avancer_jusqu_au(&mut self, cible: Date) -> Result<bool, ErreurAction> {
        let lot_du = self.verifier_avance(cible)?;
        self.executer(Commande::Avancer { jour: cible })?;
        Ok(lot_du)
    }

    /// Applies one university-side event today. On error nothing changed and no entry is returned.
    pub fn appliquer(&mut self, evenement: &Evenement) -> Result<Vec<Entree>, ErreurAction> {
        match evenement {
            Evenement::TestConnecteur | Evenement::TraitementRemontees => {
                Err(ErreurAction::ParLeReseau(evenement.libelle()))
            }
            _ => self.executer(Commande::Evenement {
                evenement: evenement.clone(),
            }),
        }
    }

    /// The batch starts: the rows to send and the credentials, or `None` (said by the core in the
    /// entries) when there is nothing to send or the remontée webservice is not set up.
    pub(crate) fn ouvrir_lot(&self, entrees: &mut Vec<Entree>) -> Option<LotRemontees> {
        self.apogee
            .ouvrir_lot_remontees(&mut Journal::new(self.jour, entrees))
    }

    /// One row leaves: the core writes its message.
    pub(crate) fn envoyer_ligne(&self, entrees: &mut Vec<Entree>, ligne: &LigneAEnvoyer) {
        self.apogee
            .envoyer_ligne(&mut Journal::new(self.jour, entrees), ligne);
    }

    /// Parcoursup answered a row (OK or NOK): the core writes the answer and marks the row sent or
    /// in error, once the answer is journaled.
    pub(crate) fn recevoir_reponse(
        &mut self,
        entrees: &mut Vec<Entree>,
        numero: u32,
        retour: &Retour,
    ) -> Result<(), ErreurAction> {
        entrees.extend(self.executer(Commande::ReponseRemontee {
            numero,
            retour: retour.clone(),
        })?);
        Ok(())
    }

    /// "Tester connecteur": the call to make, or `None` (said by the core in the entries) when the
    /// remontée webservice is not set up.
    pub(crate) fn preparer_test(
        &self,
        entrees: &mut Vec<Entree>,
    ) -> Option<(Identifiants, Remontee)> {
        self.apogee
            .test_connecteur(&mut Journal::new(self.jour, entrees))
    }

    /// Parcoursup answered the connector test: the core writes it.
    pub(crate) fn recevoir_reponse_test(&self, entrees: &mut Vec<Entree>, retour: &Retour) {
        self.apogee
            .recevoir_reponse_test(&mut Journal::new(self.jour, entrees), retour);
    }
}
