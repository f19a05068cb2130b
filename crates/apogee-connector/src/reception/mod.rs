//! Receiving OPI from Parcoursup, in the three ways a university can choose (`domain.md` §3.2–3.4):
//! Apogée's SOAP webservice ([`soap`]), the JSON `admissionCandidat` push ([`push`]) and the flat
//! files of the asynchronous mode ([`fichiers`]).
//!
//! Each decodes with `cycle-wire`, maps with `cycle-codec`, and hands the OPI to
//! `Apogee::recevoir_opi` (through a [`crate::Commande`], journaled first when the connector has a
//! data folder), which finds the same record (R16) and says what each D means (R11, R12, R4). A
//! message that cannot be read is refused with the field and the reason, never a panic, and leaves
//! Apogée as it was; so does a journal that cannot be written (then the answer is an error HTTP 500
//! and Parcoursup sends again).

pub mod fichiers;
pub mod push;
pub mod soap;

use cycle_core::regle::Regle;
use cycle_core::transcript::{Acteur, Canal, Contenu, Journal};
use cycle_core::{Entree, Opi, Retour};

use crate::Connecteur;

impl Connecteur {
    /// Writes one received OPI and records the exchange (the message in, Apogée's answer out).
    /// Called by [`crate::commande`] once the OPI is journaled.
    pub(crate) fn enregistrer_opi(&mut self, canal: Canal, opi: &Opi) -> Vec<Entree> {
        let mut entrees = Vec::new();
        let mut journal = Journal::new(self.jour, &mut entrees);
        journal.message(
            (Acteur::Parcoursup, Acteur::Apogee),
            canal,
            Regle::R1,
            Contenu::Opi(opi.clone()),
            format!(
                "Apogée reçoit l'OPI {} de {} {} ({} vœu(x)).",
                opi.cod_opi,
                opi.prenom,
                opi.nom,
                opi.voeux.len()
            ),
        );
        self.apogee.recevoir_opi(&mut journal, opi);
        if canal != Canal::FichiersPlats {
            journal.message(
                (Acteur::Apogee, Acteur::Parcoursup),
                canal,
                Regle::R1,
                Contenu::Reponse(Retour::ok("")),
                "Apogée répond succès.",
            );
        }
        entrees
    }
}
