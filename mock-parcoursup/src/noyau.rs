//! The engine and its journal kept in step: a command is applied, the flat files it produced are
//! written, then the command and its messages are committed to the journal — all before anyone is
//! answered. If the journal cannot be written the engine goes back to where it was, so that memory
//! never holds what the disk does not.
//!
//! On start the last session of the journal is replayed command by command; OPI that were handed out
//! for delivery and never acknowledged nor failed are given back, to be delivered again.
//!
//! Going back on failure: most commands are undone by restoring a copy of the engine taken before.
//! A remontée — the request the server takes by the thousand — is not copied for: the copy is the
//! whole engine (every candidate's file) and cost more than the request; the core never refuses it,
//! so only a journal failure can undo it, and then the engine is rebuilt from the journal, which
//! holds exactly what was applied before. The live engine keeps no transcript either (it would grow
//! with every request): `GET /__admin/transcript` replays the session to show it.
//!
//! It holds the connector's password in memory only (never journaled, never logged).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use cycle_codec::opi::fichiers_en_texte;
use cycle_core::parcoursup::EnvoiOpi;
use cycle_core::Entree;
use tokio::sync::mpsc;

use crate::journal::{
    CommandeJournalisee, Ecrit, ErreurJournal, JournalSqlite, Lot, NouveauMessage, Sens, Verdict,
};
use crate::moteur::{
    CibleConnecteur, Commande, Compatibilite, Effets, ErreurCommande, FichiersDuJour, Moteur,
};
use crate::scenario_source::SourceScenario;

/// Why a command could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum ErreurNoyau {
    /// Refused by the engine: the caller's input is wrong; nothing changed.
    #[error("{0}")]
    Commande(#[from] ErreurCommande),
    /// The journal could not be written: nothing changed, the request may be sent again.
    #[error("{0}")]
    Journal(#[from] ErreurJournal),
}

/// Why the engine could not start.
#[derive(Debug, thiserror::Error)]
pub enum ErreurOuverture {
    /// The journal cannot be opened, or the new session's scenario does not load.
    #[error("{0}")]
    Ouverture(#[from] ErreurNoyau),
    /// The journal's last session cannot be replayed (`--reinitialiser` would open a new one).
    #[error("reprise de la session du journal impossible : {0}")]
    Reprise(ErreurNoyau),
}

/// The engine, its journal, and what the server keeps in memory only.
pub struct Noyau {
    moteur: Moteur,
    journal: JournalSqlite,
    data_dir: PathBuf,
    /// The password of `admissionCandidat` pushes, from `PUT /__admin/connecteur`.
    mot_de_passe_connecteur: Option<String>,
    /// The last delivery failure, shown in the state until a delivery succeeds.
    derniere_erreur_livraison: Option<String>,
    /// The delivery worker's queue. OPI are queued by the engine thread, right after their command
    /// is committed, so that they leave in the order the core handed them out.
    file_livraison: Option<mpsc::UnboundedSender<EnvoiOpi>>,
    /// Set when a failed write could not be undone (the journal could not even be read back to
    /// rebuild the engine): memory may hold what the disk does not, so nothing more is applied.
    hors_service: Option<String>,
    /// The `accepter_indentifiant` switch, readable off the engine thread: the REST handler needs it
    /// to decode a body, which it does before handing the request to that thread.
    accepter_indentifiant: Arc<AtomicBool>,
    /// Whether writes wait for the caller to commit their batch ([`Noyau::differer_validation`]).
    differer: bool,
    /// OPI handed out by commands of the open batch: queued for delivery once it is committed.
    envois_differes: Vec<EnvoiOpi>,
    /// The batch of the last write, so that a caller knows which batch to wait for.
    derniere_ecriture: Option<Lot>,
}

/// What a start found.
pub struct Demarrage {
    pub noyau: Noyau,
    /// Whether the journal's last session was resumed (rather than a new one opened).
    pub reprise: bool,
    /// OPI to deliver again: handed out before the stop, never acknowledged.
    pub a_relivrer: Vec<EnvoiOpi>,
}

impl Noyau {
    /// Opens the journal in `data_dir`; resumes its last session, or opens one on `source` when the
    /// journal is empty or `reinitialiser` is set.
    pub fn demarrer(
        data_dir: &Path,
        source: SourceScenario,
        reinitialiser: bool,
    ) -> Result<Demarrage, ErreurOuverture> {
        let journal = JournalSqlite::ouvrir(data_dir).map_err(ErreurNoyau::from)?;
        let commandes = if reinitialiser {
            Vec::new()
        } else {
            journal
                .commandes_de_la_session()
                .map_err(|e| ErreurOuverture::Reprise(e.into()))?
        };
        let mut commandes = commandes.into_iter();
        let premiere = commandes.next();
        let Some(premiere) = premiere else {
            let (moteur, _) = Moteur::charger(source.clone(), true).map_err(ErreurNoyau::from)?;
            let mut noyau = Noyau::nouveau(moteur, journal, data_dir);
            noyau
                .journal
                .ecrire(
                    &[Commande::Charger {
                        source,
                        evenements_automatiques: true,
                    }],
                    &[],
                )
                .map_err(ErreurNoyau::from)?;
            noyau.journal.valider().map_err(ErreurNoyau::from)?;
            return Ok(Demarrage {
                noyau,
                reprise: false,
                a_relivrer: Vec::new(),
            });
        };
        let Commande::Charger {
            source,
            evenements_automatiques,
        } = premiere.commande
        else {
            return Err(ErreurOuverture::Reprise(
                ErreurCommande::Scenario(format!(
                    "journal : la session ne commence pas par un chargement (commande n° {})",
                    premiere.seq
                ))
                .into(),
            ));
        };
        let moteur = rejouer(source, evenements_automatiques, commandes, false)
            .map_err(ErreurOuverture::Reprise)?;
        let noyau = Noyau::nouveau(moteur, journal, data_dir);
        let a_relivrer = noyau.moteur.envois_en_cours().cloned().collect();
        Ok(Demarrage {
            noyau,
            reprise: true,
            a_relivrer,
        })
    }

    fn nouveau(mut moteur: Moteur, journal: JournalSqlite, data_dir: &Path) -> Noyau {
        moteur.garder_transcript(false);
        let accepter_indentifiant = moteur.compatibilite().accepter_indentifiant;
        Noyau {
            moteur,
            journal,
            data_dir: data_dir.to_path_buf(),
            mot_de_passe_connecteur: None,
            derniere_erreur_livraison: None,
            file_livraison: None,
            hors_service: None,
            accepter_indentifiant: Arc::new(AtomicBool::new(accepter_indentifiant)),
            differer: false,
            envois_differes: Vec::new(),
            derniere_ecriture: None,
        }
    }

    /// The batch of the last successful write, taken (the next call answers `None` until another).
    pub fn prendre_derniere_ecriture(&mut self) -> Option<Lot> {
        self.derniere_ecriture.take()
    }

    /// When `true`, writes are added to the journal's open batch and committed later by
    /// [`Noyau::valider`] (the engine thread's group commit); when `false` (the default) each write
    /// is committed before the call that made it returns.
    pub fn differer_validation(&mut self, differer: bool) {
        self.differer = differer;
    }

    /// The batch holding writes not committed yet, if any.
    pub fn lot_ouvert(&self) -> Option<Lot> {
        self.journal.lot_ouvert()
    }

    /// A checkpoint of the journal if one is due (see [`JournalSqlite::point_de_controle_si_besoin`]).
    pub fn point_de_controle_si_besoin(&mut self) -> Result<(), ErreurJournal> {
        self.journal.point_de_controle_si_besoin()
    }

    /// The batches rolled back since the last call, with why (see [`crate::fil_noyau`]).
    pub fn prendre_lots_annules(&mut self) -> Vec<(Lot, String)> {
        self.journal.prendre_lots_annules()
    }

    /// Commits the open batch, then queues the OPI its commands handed out. If the commit fails,
    /// the engine is rebuilt from the journal: every command of the batch is undone.
    pub fn valider(&mut self) -> Result<(), ErreurJournal> {
        match self.journal.valider() {
            Ok(()) => {
                let envois = std::mem::take(&mut self.envois_differes);
                self.mettre_en_file(&envois);
                Ok(())
            }
            Err(erreur) => {
                self.envois_differes.clear();
                self.revenir(None);
                Err(erreur)
            }
        }
    }

    /// After a write to the open batch: on success, what the command changed takes effect (now, or
    /// at the commit when deferred); on failure the batch was rolled back, other requests' commands
    /// included, so the engine is rebuilt from the journal.
    fn apres_ecriture(
        &mut self,
        ecrit: Result<Ecrit, ErreurJournal>,
        envois: &[EnvoiOpi],
    ) -> Result<Ecrit, ErreurJournal> {
        match ecrit {
            Ok(ecrit) => {
                self.refleter_compatibilite();
                self.derniere_ecriture = Some(ecrit.lot);
                self.envois_differes.extend_from_slice(envois);
                if !self.differer {
                    self.valider()?;
                }
                Ok(ecrit)
            }
            Err(erreur) => {
                self.envois_differes.clear();
                self.revenir(None);
                Err(erreur)
            }
        }
    }

    /// The `accepter_indentifiant` switch, kept up to date by the engine's changes.
    pub fn accepter_indentifiant(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.accepter_indentifiant)
    }

    /// Mirrors the switches read without the lock, after anything that may change them.
    fn refleter_compatibilite(&self) {
        self.accepter_indentifiant.store(
            self.moteur.compatibilite().accepter_indentifiant,
            Ordering::Relaxed,
        );
    }

    /// The session's engine as the journal holds it, replayed from its first command.
    fn moteur_du_journal(&self, garder_transcript: bool) -> Result<Moteur, ErreurNoyau> {
        let mut commandes = self.journal.commandes_de_la_session()?.into_iter();
        let Some(CommandeJournalisee {
            commande:
                Commande::Charger {
                    source,
                    evenements_automatiques,
                },
            ..
        }) = commandes.next()
        else {
            return Err(ErreurCommande::Scenario(
                "journal : la session ne commence pas par un chargement".to_owned(),
            )
            .into());
        };
        rejouer(
            source,
            evenements_automatiques,
            commandes,
            garder_transcript,
        )
    }

    /// The core's entries since the scenario was loaded, replayed from the journal (the live engine
    /// does not keep them, see the module doc).
    pub fn transcript(&self) -> Result<Vec<Entree>, ErreurNoyau> {
        Ok(self.moteur_du_journal(true)?.transcript().to_vec())
    }

    /// Puts the engine back as it was before a command that failed: the copy taken before it, or,
    /// for a command applied without a copy, the engine rebuilt from the journal.
    fn revenir(&mut self, avant: Option<Moteur>) {
        let reconstruit = match avant {
            Some(moteur) => Ok(moteur),
            None => {
                // The engine may hold other commands of the open batch: they go with it, so that
                // the engine rebuilt and the journal agree.
                self.journal
                    .abandonner_lot("le moteur est reconstruit depuis le journal".to_owned());
                self.moteur_du_journal(false)
            }
        };
        match reconstruit {
            Ok(mut moteur) => {
                moteur.garder_transcript(false);
                self.moteur = moteur;
                self.refleter_compatibilite();
            }
            Err(erreur) => {
                tracing::error!(%erreur, "moteur impossible à reconstruire depuis le journal");
                self.hors_service = Some(erreur.to_string());
            }
        }
    }

    /// Refuses to apply anything once memory may differ from the journal.
    fn verifier_en_service(&self) -> Result<(), ErreurJournal> {
        match &self.hors_service {
            Some(raison) => Err(ErreurJournal::HorsService {
                chemin: self.journal.chemin().to_path_buf(),
                raison: raison.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Connects the delivery worker's queue; OPI handed out from now on are queued there.
    pub fn brancher_livraison(&mut self, file: mpsc::UnboundedSender<EnvoiOpi>) {
        self.file_livraison = Some(file);
    }

    /// Queues OPI the core handed out, once their command is committed to the journal.
    fn mettre_en_file(&self, envois: &[EnvoiOpi]) {
        if let Some(file) = &self.file_livraison {
            for envoi in envois {
                // The worker lives as long as the application: the send fails only while it stops.
                let _ = file.send(envoi.clone());
            }
        }
    }

    pub fn moteur(&self) -> &Moteur {
        &self.moteur
    }

    pub fn journal(&self) -> &JournalSqlite {
        &self.journal
    }

    pub fn mot_de_passe_connecteur(&self) -> Option<&str> {
        self.mot_de_passe_connecteur.as_deref()
    }

    /// Whether OPI pushes cannot leave for want of the password: the connector was given
    /// credentials, but the password is kept in memory only and a restart lost it.
    pub fn mot_de_passe_perdu(&self) -> bool {
        self.moteur.mode_opi() == cycle_core::ModeOpi::PushJson
            && self.moteur.cible().login.is_some()
            && self.mot_de_passe_connecteur.is_none()
    }

    pub fn derniere_erreur_livraison(&self) -> Option<&str> {
        self.derniere_erreur_livraison.as_deref()
    }

    /// Records the journal id of the message that carried the accepted remontée `cle`.
    pub fn noter_message_remontee(&mut self, cle: (u32, u32), message: i64) {
        self.moteur.noter_message_remontee(cle, message);
    }

    pub fn noter_livraison(&mut self, erreur: Option<String>) {
        self.derniere_erreur_livraison = erreur;
    }

    /// Where flat files go: the connector's folder, else `fichiers/` in the data folder.
    pub fn dossier_fichiers(&self) -> PathBuf {
        match &self.moteur.cible().dossier_fichiers {
            Some(dossier) => PathBuf::from(dossier),
            None => self.data_dir.join("fichiers"),
        }
    }

    /// Journals messages that change nothing (a refused request, a delivery attempt).
    pub fn journaliser(&mut self, messages: &[NouveauMessage]) -> Result<Ecrit, ErreurJournal> {
        self.verifier_en_service()?;
        let ecrit = self.journal.ecrire(&[], messages);
        self.apres_ecriture(ecrit, &[])
    }

    /// Loads a scenario: a new session. The connector's set-up and the compatibility switches carry
    /// over (they describe the connector under test, not the scenario) unless `compatibilite` is given.
    pub fn charger(
        &mut self,
        source: SourceScenario,
        evenements_automatiques: bool,
        compatibilite: Option<Compatibilite>,
        message: impl FnOnce(&Moteur) -> NouveauMessage,
    ) -> Result<(Effets, Ecrit), ErreurNoyau> {
        self.verifier_en_service()?;
        let (mut nouveau, mut effets) = Moteur::charger(source.clone(), evenements_automatiques)?;
        nouveau.garder_transcript(false);
        let ancien = std::mem::replace(&mut self.moteur, nouveau);
        let mut commandes = vec![Commande::Charger {
            source,
            evenements_automatiques,
        }];
        let suite = [
            Commande::Connecteur {
                cible: ancien.cible().clone(),
            },
            Commande::Compatibilite {
                compatibilite: compatibilite.unwrap_or(ancien.compatibilite()),
            },
        ];
        for commande in suite {
            match self.moteur.appliquer(&commande) {
                Ok(plus) => {
                    effets.entrees.extend(plus.entrees);
                    effets.envois.extend(plus.envois);
                }
                Err(erreur) => {
                    self.moteur = ancien;
                    return Err(erreur.into());
                }
            }
            commandes.push(commande);
        }
        let message = message(&self.moteur);
        let ecrit = self.journal.ecrire(&commandes, &[message]);
        let ecrit = self.apres_ecriture(ecrit, &effets.envois)?;
        Ok((effets, ecrit))
    }

    /// Applies a command, writes the flat files it produced, journals it with `messages` (built once
    /// the effects are known). On any error nothing changed.
    pub fn executer(
        &mut self,
        commande: Commande,
        messages: impl FnOnce(&Moteur, &Effets) -> Vec<NouveauMessage>,
    ) -> Result<(Effets, Ecrit), ErreurNoyau> {
        self.verifier_en_service()?;
        // No copy for a remontée (see the module doc): the core always answers it.
        let avant = match commande {
            Commande::Remontee { .. } => None,
            _ => Some(self.moteur.clone()),
        };
        let mut effets = match self.moteur.appliquer(&commande) {
            Ok(effets) => effets,
            Err(erreur) => {
                self.revenir(avant);
                return Err(erreur.into());
            }
        };
        let mut commandes = vec![commande];
        let mut messages = messages(&self.moteur, &effets);
        let mut livraison = None;
        for jour in std::mem::take(&mut effets.fichiers) {
            let (message, echec) = self.ecrire_fichiers(&jour);
            messages.push(message);
            let echecs = match echec {
                None => {
                    livraison = Some(None);
                    Vec::new()
                }
                Some((raison, commandes)) => {
                    effets.echecs_fichiers.push(raison.clone());
                    livraison = Some(Some(raison));
                    commandes
                }
            };
            for commande in echecs {
                // Writing to the folder failed: the OPI must leave again (never dropped silently).
                match self.moteur.appliquer(&commande) {
                    Ok(plus) => effets.entrees.extend(plus.entrees),
                    Err(erreur) => {
                        self.revenir(avant);
                        return Err(erreur.into());
                    }
                }
                commandes.push(commande);
            }
            effets.fichiers.push(jour);
        }
        let ecrit = self.journal.ecrire(&commandes, &messages);
        let ecrit = self.apres_ecriture(ecrit, &effets.envois)?;
        // The files are a delivery like the others: the state shows the last one's failure until
        // one succeeds.
        if let Some(erreur) = livraison {
            if let Some(raison) = &erreur {
                tracing::warn!(%raison, "fichiers OPI non écrits");
            }
            self.derniere_erreur_livraison = erreur;
        }
        Ok((effets, ecrit))
    }

    /// Sets the connector: the target is a command (journaled), the password stays in memory.
    pub fn configurer_connecteur(
        &mut self,
        cible: CibleConnecteur,
        mot_de_passe: Option<String>,
        message: NouveauMessage,
    ) -> Result<(Effets, Ecrit), ErreurNoyau> {
        let resultat = self.executer(Commande::Connecteur { cible }, |_, _| vec![message])?;
        self.mot_de_passe_connecteur = mot_de_passe;
        self.derniere_erreur_livraison = None;
        Ok(resultat)
    }

    /// Writes one day's three files; on failure, why, and the commands that put its OPI back to send.
    fn ecrire_fichiers(
        &self,
        jour: &FichiersDuJour,
    ) -> (NouveauMessage, Option<(String, Vec<Commande>)>) {
        let dossier = self.dossier_fichiers();
        let uai = &self.moteur.universite().uai;
        let resultat = fichiers_en_texte(&jour.fichiers, uai, jour.jour)
            .map_err(|e| format!("mise en forme des fichiers : {e}"))
            .and_then(|fichiers| {
                std::fs::create_dir_all(&dossier)
                    .map_err(|e| format!("dossier {} : {e}", dossier.display()))?;
                let mut ecrits = Vec::new();
                for fichier in fichiers {
                    let chemin = dossier.join(&fichier.nom);
                    std::fs::write(&chemin, fichier.contenu.as_bytes())
                        .map_err(|e| format!("écriture de {} : {e}", chemin.display()))?;
                    ecrits.push(fichier.nom);
                }
                Ok(ecrits)
            });
        let codes: Vec<u32> = jour.fichiers.opi.iter().map(|o| o.code_candidat).collect();
        match resultat {
            Ok(noms) => (
                NouveauMessage {
                    jour: jour.jour,
                    sens: Sens::Sortant,
                    canal: "fichiers_plats",
                    route: format!("fichiers OPI du {} dans {}", jour.jour, dossier.display()),
                    corps: Some(noms.join("\n")),
                    statut: None,
                    reponse: None,
                    verdict: Verdict::Ok,
                    detail: Some(format!(
                        "{} OPI, {} vœu(x) défavorable(s)",
                        codes.len(),
                        jour.fichiers.voeux_defavorables.len()
                    )),
                    doublon_de: None,
                    tentative: Some(1),
                },
                None,
            ),
            Err(raison) => {
                let raison = format!(
                    "fichiers OPI du {} non écrits : {raison} ; les OPI de {} candidat(s) repartiront avec les fichiers du prochain jour",
                    jour.jour,
                    codes.len()
                );
                let message = NouveauMessage {
                    jour: jour.jour,
                    sens: Sens::Sortant,
                    canal: "fichiers_plats",
                    route: format!("fichiers OPI du {} dans {}", jour.jour, dossier.display()),
                    corps: None,
                    statut: None,
                    reponse: None,
                    verdict: Verdict::Echec,
                    detail: Some(raison.clone()),
                    doublon_de: None,
                    tentative: Some(1),
                };
                let commandes = codes
                    .into_iter()
                    .map(|code_candidat| Commande::OpiEnEchec {
                        code_candidat,
                        raison: raison.clone(),
                    })
                    .collect();
                (message, Some((raison, commandes)))
            }
        }
    }
}

/// The engine of a session: its scenario loaded, then each journaled command applied again. The core
/// is deterministic, so each command does again what it did; files and deliveries are not redone
/// (their outcomes are commands of their own).
fn rejouer(
    source: SourceScenario,
    evenements_automatiques: bool,
    commandes: impl IntoIterator<Item = CommandeJournalisee>,
    garder_transcript: bool,
) -> Result<Moteur, ErreurNoyau> {
    let (mut moteur, _) = Moteur::charger(source, evenements_automatiques)?;
    moteur.garder_transcript(garder_transcript);
    for journalisee in commandes {
        moteur.appliquer(&journalisee.commande)?;
        if let (Commande::Remontee { remontee, .. }, Some(message)) =
            (&journalisee.commande, journalisee.message)
        {
            moteur.noter_message_remontee(
                (remontee.code_candidat, remontee.code_formation_psup),
                message,
            );
        }
    }
    Ok(moteur)
}

#[cfg(test)]
pub(crate) mod tests {
    use cycle_core::{EtatInscription, Remontee};
    use time::macros::date;

    use super::*;

    /// Léa of the demo scenario, who accepted formation 23456 on the first day.
    pub(crate) fn remontee_de_lea(etat_inscription: EtatInscription) -> Commande {
        Commande::Remontee {
            remontee: Remontee {
                code_candidat: 1_048_576,
                ine: "123456789AB".into(),
                nom: "DURAND".into(),
                prenom: "Léa".into(),
                date_naissance: date!(2008 - 02 - 03),
                code_formation_psup: 23456,
                code_formation1: "23456".into(),
                code_sise: "2500123".into(),
                etat_inscription,
                uai: "0751234X".into(),
            },
            login: "demo-psup".into(),
            identifiants_corrects: true,
            empreinte: format!("{etat_inscription:?}"),
        }
    }

    pub(crate) fn demarrer_demo(dossier: &Path) -> Noyau {
        let source = SourceScenario::Integre { nom: "demo".into() };
        match Noyau::demarrer(dossier, source, true) {
            Ok(demarrage) => demarrage.noyau,
            Err(erreur) => panic!("démarrage : {erreur}"),
        }
    }

    pub(crate) fn etat_connu(noyau: &Noyau) -> Option<EtatInscription> {
        let dossier = noyau.moteur().parcoursup().dossier(1_048_576)?;
        dossier
            .inscriptions
            .iter()
            .find(|i| i.code_formation_psup == 23456)
            .map(|i| i.etat_inscription)
    }

    pub(crate) fn panne_disque(noyau: &Noyau) {
        let panne = "CREATE TEMP TRIGGER panne BEFORE INSERT ON messages \
                     BEGIN SELECT RAISE(ABORT, 'disque plein'); END";
        noyau.journal.sqlite().execute_batch(panne).unwrap();
    }

    pub(crate) fn reparer_disque(noyau: &Noyau) {
        noyau
            .journal
            .sqlite()
            .execute_batch("DROP TRIGGER IF EXISTS panne")
            .unwrap();
    }

    pub(crate) fn message_remontee(moteur: &Moteur) -> NouveauMessage {
        NouveauMessage {
            jour: moteur.jour(),
            sens: Sens::Entrant,
            canal: "api_rest",
            route: "POST /ApiRest/majInscriptionAdministrative".into(),
            corps: None,
            statut: Some(200),
            reponse: None,
            verdict: Verdict::Ok,
            detail: None,
            doublon_de: None,
            tentative: None,
        }
    }

    #[test]
    fn a_remontee_the_journal_cannot_take_is_undone_although_the_engine_was_not_copied() {
        let dossier = tempfile::tempdir().unwrap();
        let mut noyau = demarrer_demo(dossier.path());
        panne_disque(&noyau);
        let refusee = noyau.executer(remontee_de_lea(EtatInscription::Principale), |m, _| {
            vec![message_remontee(m)]
        });
        assert!(
            matches!(refusee, Err(ErreurNoyau::Journal(_))),
            "{refusee:?}"
        );
        assert_eq!(etat_connu(&noyau), None, "rebuilt from the journal");
        assert!(noyau
            .moteur()
            .remontee_acceptee((1_048_576, 23456))
            .is_none());

        reparer_disque(&noyau);
        let acceptee = noyau.executer(remontee_de_lea(EtatInscription::Principale), |m, _| {
            vec![message_remontee(m)]
        });
        assert!(acceptee.is_ok(), "{acceptee:?}");
        assert_eq!(etat_connu(&noyau), Some(EtatInscription::Principale));
    }

    #[test]
    fn a_failed_write_rolls_back_the_whole_batch_and_tells_every_request_of_it() {
        let dossier = tempfile::tempdir().unwrap();
        let mut noyau = demarrer_demo(dossier.path());
        noyau.differer_validation(true);

        // The first request is staged, not committed: it waits for its batch.
        let (_, premiere) = noyau
            .executer(remontee_de_lea(EtatInscription::Principale), |m, _| {
                vec![message_remontee(m)]
            })
            .unwrap();
        assert_eq!(noyau.lot_ouvert(), Some(premiere.lot));
        assert_eq!(etat_connu(&noyau), Some(EtatInscription::Principale));

        // The second fails: the batch goes, the first request with it.
        panne_disque(&noyau);
        let seconde = noyau.executer(remontee_de_lea(EtatInscription::Annulee), |m, _| {
            vec![message_remontee(m)]
        });
        assert!(seconde.is_err());
        assert_eq!(noyau.lot_ouvert(), None);
        let annules = noyau.prendre_lots_annules();
        assert_eq!(annules.len(), 1, "{annules:?}");
        assert_eq!(annules[0].0, premiere.lot);
        assert!(annules[0].1.contains("disque plein"), "{annules:?}");
        assert_eq!(etat_connu(&noyau), None, "neither request applied");
        assert_eq!(noyau.journal().messages(false, 0, 100).unwrap().len(), 0);

        // Next batch: staged, then committed by whoever closes it.
        reparer_disque(&noyau);
        let (_, troisieme) = noyau
            .executer(remontee_de_lea(EtatInscription::Annulee), |m, _| {
                vec![message_remontee(m)]
            })
            .unwrap();
        assert_ne!(troisieme.lot, premiere.lot);
        noyau.valider().unwrap();
        assert_eq!(noyau.lot_ouvert(), None);
        assert!(noyau.prendre_lots_annules().is_empty(), "committed");
        assert_eq!(noyau.journal().messages(false, 0, 100).unwrap().len(), 1);
        assert_eq!(etat_connu(&noyau), Some(EtatInscription::Annulee));
    }
}
