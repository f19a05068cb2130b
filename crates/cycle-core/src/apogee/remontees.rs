//! The remontée work table and its daily batch (R13, R14, R15).

use serde::Serialize;
use time::Date;

use super::{Apogee, EtatIa, Paiement};
use crate::message::{EtatInscription, Remontee, Retour};
use crate::referentiel::{CodeVet, Identifiants};
use crate::regle::Regle;
use crate::transcript::{Acteur, Canal, Changement, Contenu, Journal};

/// Where a row of the work table stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "statut", rename_all = "snake_case")]
pub enum StatutLigne {
    /// Waiting for the next batch (or for an answer: a row only leaves this state on an answer).
    AEnvoyer,
    /// Parcoursup answered OK.
    Envoyee { le: Date },
    /// Parcoursup answered NOK: kept for staff to fix, not sent again by itself.
    EnErreur { le: Date, raison: String },
}

/// One row of the work table: the remontée as computed when the IA was paid or cancelled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LigneRemontee {
    pub numero: u32,
    pub vet: CodeVet,
    pub remontee: Remontee,
    pub ecrite_le: Date,
    pub statut: StatutLigne,
    /// The candidate is a réorientation (R15): shown on the remontée.
    pub reorientation: bool,
}

/// A row the batch sends now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LigneAEnvoyer {
    pub numero: u32,
    pub remontee: Remontee,
    pub reorientation: bool,
}

/// A batch about to leave: the credentials staff typed (R6) and the rows, in the order written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LotRemontees {
    pub identifiants: Identifiants,
    pub lignes: Vec<LigneAEnvoyer>,
}

impl Apogee {
    /// Writes the IA's row in the work table when it is on a first-year formation (R13); cancelled or
    /// résiliée IAs are written with `etatInscription` 3 (R14).
    pub(super) fn ecrire_ligne_remontee(&mut self, journal: &mut Journal, index: usize) {
        let ia = &self.ias[index];
        let (code_candidat, vet) = (ia.code_candidat, ia.vet.clone());
        let nom = self.nom_de(code_candidat);
        let de_nom = nom.de();
        let Some(formation) = self.universite.formation(ia.code_formation_psup) else {
            return;
        };
        if !formation.premiere_annee {
            journal.etat(
                Acteur::Apogee,
                Regle::R13,
                Changement::IaNonRemontee { code_candidat, vet: vet.clone() },
                format!("L'IA {de_nom} sur {vet} n'est pas en première année : rien n'est écrit dans la table des remontées."),
            );
            return;
        }
        debug_assert!(
            ia.paiement == Paiement::Payee,
            "seule une IA payée est remontée (R13)"
        );
        let etat_inscription = match ia.etat {
            EtatIa::EnCours | EtatIa::EnCreation => ia.etat_inscription,
            EtatIa::Annulee | EtatIa::Resiliee => EtatInscription::Annulee,
        };
        let Some(dossier) = self.dossier_opi(code_candidat) else {
            return;
        };
        let remontee = Remontee {
            code_candidat,
            ine: dossier.ine.clone(),
            nom: dossier.nom.clone(),
            prenom: dossier.prenom.clone(),
            date_naissance: dossier.date_naissance,
            code_formation_psup: formation.code_formation_psup,
            code_formation1: smol_str::format_smolstr!("{}", formation.code_formation_psup),
            code_sise: formation.code_sise.clone(),
            etat_inscription,
            uai: self.universite.uai.clone(),
        };
        // A bac from an earlier year is how Apogée tells a réorientation (R15).
        let reorientation = dossier.annee_bac != Some(self.campagne.annee);
        let (regle, explication) = if etat_inscription == EtatInscription::Annulee {
            (Regle::R14, format!("L'annulation de l'IA {de_nom} sur {vet} est écrite dans la table des remontées (état 3)."))
        } else {
            (Regle::R13, format!("IA payée en première année : une ligne « {} » {de_nom} est écrite dans la table des remontées.", etat_inscription.libelle()))
        };
        journal.etat(
            Acteur::Apogee,
            regle,
            Changement::LigneRemonteeEcrite {
                code_candidat,
                vet: vet.clone(),
                etat_inscription,
            },
            explication,
        );
        let numero = self.table_remontee.len() as u32 + 1;
        self.lignes_a_envoyer.insert(numero);
        self.table_remontee.push(LigneRemontee {
            numero,
            vet,
            remontee,
            ecrite_le: journal.jour,
            statut: StatutLigne::AEnvoyer,
            reorientation,
        });
    }

    /// The daily batch (R14): the rows to send now, in the order they were written. They stay "à
    /// envoyer" until [`Apogee::acquitter_ligne`] is told the answer, so a batch cut short sends them again.
    pub fn prendre_lot_remontees(&self) -> Vec<LigneAEnvoyer> {
        self.lignes_a_envoyer
            .iter()
            .filter_map(|numero| self.table_remontee.get(*numero as usize - 1))
            .map(|ligne| LigneAEnvoyer {
                numero: ligne.numero,
                remontee: ligne.remontee.clone(),
                reorientation: ligne.reorientation,
            })
            .collect()
    }

    /// The daily batch starts (R14): the rows to send with the credentials to send them with, or
    /// `None` when there is nothing to send or (said in the journal) the remontée webservice is not
    /// set up. Whoever carries the calls then follows [`Apogee::envoyer_ligne`] and
    /// [`Apogee::recevoir_reponse_remontee`] for each row, in order, so that every shell writes the
    /// same transcript.
    pub fn ouvrir_lot_remontees(&self, journal: &mut Journal) -> Option<LotRemontees> {
        let lignes = self.prendre_lot_remontees();
        if lignes.is_empty() {
            return None;
        }
        let Some(identifiants) = self.identifiants_remontees().cloned() else {
            journal.etat(
                Acteur::Apogee,
                Regle::R14,
                Changement::ConnecteurEnEchec { raison: "webservice de remontées non paramétré".to_owned() },
                format!("Traitement des remontées impossible : le webservice n'est pas paramétré ; {} ligne(s) attendent.", lignes.len()),
            );
            return None;
        };
        Some(LotRemontees {
            identifiants,
            lignes,
        })
    }

    /// One row of the batch leaves for Parcoursup: the message, under R15 for a réorientation and
    /// R14 otherwise.
    pub fn envoyer_ligne(&self, journal: &mut Journal, ligne: &LigneAEnvoyer) {
        let regle = if ligne.reorientation {
            Regle::R15
        } else {
            Regle::R14
        };
        let r = &ligne.remontee;
        journal.message(
            (Acteur::Apogee, Acteur::Parcoursup),
            Canal::ApiRest,
            regle,
            Contenu::Remontee(r.clone()),
            format!(
                "Traitement quotidien : Apogée remonte l'IA {} (état {}, {}).",
                self.nom_de(r.code_candidat).de(),
                r.etat_inscription.code(),
                r.etat_inscription.libelle()
            ),
        );
    }

    /// Parcoursup answered row `numero`: the answer's message, then the row marked sent (OK) or in
    /// error (NOK). A row that got no answer is left alone: it stays "à envoyer".
    pub fn recevoir_reponse_remontee(
        &mut self,
        journal: &mut Journal,
        numero: u32,
        retour: &Retour,
    ) {
        journal.message(
            (Acteur::Parcoursup, Acteur::Apogee),
            Canal::ApiRest,
            Regle::R14,
            Contenu::Reponse(retour.clone()),
            if retour.ok {
                "Parcoursup répond OK.".to_owned()
            } else {
                format!("Parcoursup répond NOK : {}.", retour.message)
            },
        );
        self.acquitter_ligne(journal, numero, retour);
    }

    /// Parcoursup's answer to a row.
    pub fn acquitter_ligne(&mut self, journal: &mut Journal, numero: u32, retour: &Retour) {
        let Some(ligne) = self.table_remontee.get_mut(numero as usize - 1) else {
            return;
        };
        if !self.lignes_a_envoyer.remove(&numero) {
            return;
        }
        let code_candidat = ligne.remontee.code_candidat;
        let etat_inscription = ligne.remontee.etat_inscription;
        if retour.ok {
            ligne.statut = StatutLigne::Envoyee { le: journal.jour };
            journal.etat(
                Acteur::Apogee,
                Regle::R14,
                Changement::LigneRemonteeAcquittee {
                    code_candidat,
                    etat_inscription,
                },
                format!(
                    "Parcoursup a accepté la remontée n° {numero} : la ligne est marquée envoyée."
                ),
            );
        } else {
            ligne.statut = StatutLigne::EnErreur {
                le: journal.jour,
                raison: retour.message.clone(),
            };
            journal.etat(
                Acteur::Apogee,
                Regle::R14,
                Changement::LigneRemonteeEnErreur { code_candidat, raison: retour.message.clone() },
                format!("Parcoursup a refusé la remontée n° {numero} ({}) : la ligne reste en erreur pour un gestionnaire.", retour.message),
            );
        }
    }
}
