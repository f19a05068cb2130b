//! Le Parcoursup du serveur : l'état du cœur ([`Parcoursup`]) pour le scénario chargé, son jour
//! simulé, et les [`Commande`]s qui le font avancer.
//!
//! Toute décision vient du cœur : ce module ne fait que lui passer les commandes dans l'ordre, et dire
//! quelles OPI il a laissé partir. Il est pur : ni socket, ni disque, ni horloge. Chaque commande
//! appliquée est écrite au journal par l'appelant ([`crate::noyau`]) et, au redémarrage, rejouée dans
//! le même ordre : le cœur étant déterministe, l'état retrouvé est celui d'avant l'arrêt.
//!
//! Il ne doit jamais garder un mot de passe : une remontée y entre avec le seul verdict « identifiants
//! corrects ou non », que le cœur retrouve au rejeu en comparant les identifiants de l'université
//! ou une valeur qui en diffère.

use std::collections::BTreeMap;

use cycle_codec::opi::opi_en_donnees_candidat_avec_reponses;
use cycle_core::message::FichiersOpi;
use cycle_core::parcoursup::{EnvoiOpi, EtatConnecteur, Parcoursup};
use cycle_core::transcript::{Acteur, Canal, Contenu, Journal};
use cycle_core::{
    Campagne, ConnecteurInitial, Entree, ErreurEvenement, Evenement, Identifiants, ModeOpi, Opi,
    Reglages, Remontee, Retour, Universite,
};
use cycle_scenario::Scenario;
use cycle_wire::rest::DonneesCandidat;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::scenario_source::SourceScenario;

/// Where and how OPI are delivered, as `PUT /__admin/connecteur` sets it. The password is not here:
/// the server keeps it in memory only ([`crate::noyau`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CibleConnecteur {
    /// Base URL of the connector under test (`http://127.0.0.1:9090`); `None` until configured.
    pub url: Option<String>,
    /// Overrides the scenario's mode when given.
    pub mode: Option<ModeOpi>,
    /// Folder of the flat files; `None`: `fichiers/` in the data folder.
    pub dossier_fichiers: Option<String>,
    /// Login sent in `admissionCandidat` pushes.
    pub login: Option<String>,
    /// Read each OPI back after the connector acknowledged it (`GET {url}/etats/dossiers-opi/{candidat}`,
    /// the control API of the reference connector), so that the core can detect the partial write
    /// known in the field and send the OPI again. Off unless asked: a real Apogée has no such call.
    #[serde(default)]
    pub relecture_opi: bool,
}

/// Tolerances for quirks of real systems, per scenario or through the admin API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Compatibilite {
    /// Accept the early API's misspelt credentials key `indentifiant` in requests received.
    pub accepter_indentifiant: bool,
    /// Push `admissionCandidat` records unwrapped (no `donneesCandidat`), as some senders do.
    pub donnees_candidat_a_plat: bool,
    /// Push to `…/admissionCandidat/admissionCandidat`, the doubled path seen in the wild.
    pub chemin_double: bool,
}

/// One input that changes the mock's Parcoursup; the unit of the journal and of its replay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "commande", rename_all = "snake_case")]
pub enum Commande {
    /// Loads a scenario and starts a new session on its first day.
    Charger {
        source: SourceScenario,
        /// Play the scenario's Parcoursup-side events by themselves when the clock reaches their day.
        #[serde(default)]
        evenements_automatiques: bool,
    },
    /// Moves the clock forward to this day, closing each day on the way.
    Horloge {
        jour: Date,
    },
    /// A Parcoursup-side event (acceptation, désistement, renvoi d'OPI) applied today.
    Evenement {
        evenement: Evenement,
    },
    /// A `majInscriptionAdministrative` that passed wire validation (remontée or connector test).
    Remontee {
        remontee: Remontee,
        login: String,
        identifiants_corrects: bool,
        /// The fingerprint used to recognise the same remontée sent again.
        empreinte: String,
    },
    Connecteur {
        cible: CibleConnecteur,
    },
    Compatibilite {
        compatibilite: Compatibilite,
    },
    /// The connector acknowledged this OPI.
    OpiAcquittee {
        opi: Opi,
    },
    /// The connector acknowledged this OPI and it was read back: `relu` is the record the
    /// connector showed (`None`: it has none). The core acknowledges it, or sends it again when its
    /// vœux are missing.
    OpiRelue {
        opi: Opi,
        relu: Option<Opi>,
    },
    /// The OPI could not be delivered (after every retry): it must leave again.
    OpiEnEchec {
        code_candidat: u32,
        raison: String,
    },
}

impl Commande {
    /// The snake_case name, for the journal and the logs.
    pub fn nom(&self) -> &'static str {
        match self {
            Commande::Charger { .. } => "charger",
            Commande::Horloge { .. } => "horloge",
            Commande::Evenement { .. } => "evenement",
            Commande::Remontee { .. } => "remontee",
            Commande::Connecteur { .. } => "connecteur",
            Commande::Compatibilite { .. } => "compatibilite",
            Commande::OpiAcquittee { .. } => "opi_acquittee",
            Commande::OpiRelue { .. } => "opi_relue",
            Commande::OpiEnEchec { .. } => "opi_en_echec",
        }
    }
}

/// The day's flat files, to write at the end of a simulated day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FichiersDuJour {
    pub jour: Date,
    pub fichiers: FichiersOpi,
}

/// What a command produced.
#[derive(Debug, Default)]
pub struct Effets {
    /// The core's transcript entries, in order.
    pub entrees: Vec<Entree>,
    /// The answer to a remontée.
    pub retour: Option<Retour>,
    /// OPI to deliver now (webservice or JSON push).
    pub envois: Vec<EnvoiOpi>,
    /// Flat files of the days closed (flat-file mode).
    pub fichiers: Vec<FichiersDuJour>,
    /// Why flat files of the days closed could not be written (filled by [`crate::noyau`], which
    /// writes them): their OPI leave again with the next files.
    pub echecs_fichiers: Vec<String>,
}

/// Why a command was refused; [`crate::noyau`] puts the engine back as it was before the command.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErreurCommande {
    #[error("{0}")]
    Scenario(String),
    #[error("{0}")]
    Evenement(#[from] ErreurEvenement),
    #[error(
        "type: « {0} » est un événement côté université (Apogée) : c'est le connecteur testé qui le joue, pas Parcoursup (acceptation, desistement ou renvoi_opi attendus)"
    )]
    EvenementApogee(String),
    #[error(
        "{0} : le cœur (cycle-core) ne rend pas encore cet appel public ; mock-parcoursup doit être construit avec la fonctionnalité coeur-parcoursup une fois qu'il le fait"
    )]
    CoeurIncomplet(&'static str),
}

/// The core's Parcoursup-side calls the mock needs beyond what `cycle-core` exposes today: the
/// candidates' actions, the start of a day and the day's flat files. With the `coeur-parcoursup`
/// feature they call the core; without it (the core keeps them `pub(crate)`), each refuses with
/// [`ErreurCommande::CoeurIncomplet`] and changes nothing.
mod coeur {
    use cycle_core::message::FichiersOpi;
    use cycle_core::parcoursup::{EnvoiOpi, Parcoursup};
    use cycle_core::transcript::Journal;
    use cycle_core::Reponse;

    use super::ErreurCommande;

    #[cfg(feature = "coeur-parcoursup")]
    pub fn accepter(
        parcoursup: &mut Parcoursup,
        journal: &mut Journal,
        candidat: u32,
        formation: u32,
        reponse: Reponse,
    ) -> Result<(), ErreurCommande> {
        Ok(parcoursup.accepter(journal, candidat, formation, reponse)?)
    }

    #[cfg(feature = "coeur-parcoursup")]
    pub fn desister(
        parcoursup: &mut Parcoursup,
        journal: &mut Journal,
        candidat: u32,
        formation: u32,
    ) -> Result<(), ErreurCommande> {
        Ok(parcoursup.desister(journal, candidat, formation)?)
    }

    #[cfg(feature = "coeur-parcoursup")]
    pub fn renvoyer(parcoursup: &mut Parcoursup, candidat: u32) -> Result<(), ErreurCommande> {
        Ok(parcoursup.renvoyer(candidat)?)
    }

    #[cfg(feature = "coeur-parcoursup")]
    pub fn debut_de_journee(
        parcoursup: &mut Parcoursup,
        journal: &mut Journal,
    ) -> Result<(), ErreurCommande> {
        parcoursup.debut_de_journee(journal);
        Ok(())
    }

    #[cfg(feature = "coeur-parcoursup")]
    pub fn fichiers_opi(
        parcoursup: &Parcoursup,
        journal: &mut Journal,
        envois: &[EnvoiOpi],
    ) -> Result<FichiersOpi, ErreurCommande> {
        Ok(parcoursup.fichiers_opi(journal, envois))
    }

    #[cfg(not(feature = "coeur-parcoursup"))]
    pub fn accepter(
        _: &mut Parcoursup,
        _: &mut Journal,
        _: u32,
        _: u32,
        _: Reponse,
    ) -> Result<(), ErreurCommande> {
        Err(ErreurCommande::CoeurIncomplet("Parcoursup::accepter"))
    }

    #[cfg(not(feature = "coeur-parcoursup"))]
    pub fn desister(
        _: &mut Parcoursup,
        _: &mut Journal,
        _: u32,
        _: u32,
    ) -> Result<(), ErreurCommande> {
        Err(ErreurCommande::CoeurIncomplet("Parcoursup::desister"))
    }

    #[cfg(not(feature = "coeur-parcoursup"))]
    pub fn renvoyer(_: &mut Parcoursup, _: u32) -> Result<(), ErreurCommande> {
        Err(ErreurCommande::CoeurIncomplet("Parcoursup::renvoyer"))
    }

    #[cfg(not(feature = "coeur-parcoursup"))]
    pub fn debut_de_journee(_: &mut Parcoursup, _: &mut Journal) -> Result<(), ErreurCommande> {
        Err(ErreurCommande::CoeurIncomplet(
            "Parcoursup::debut_de_journee",
        ))
    }

    #[cfg(not(feature = "coeur-parcoursup"))]
    pub fn fichiers_opi(
        _: &Parcoursup,
        _: &mut Journal,
        _: &[EnvoiOpi],
    ) -> Result<FichiersOpi, ErreurCommande> {
        Err(ErreurCommande::CoeurIncomplet("Parcoursup::fichiers_opi"))
    }
}

/// How many times in a row a partial write is sent again at once (the simulation makes three rounds:
/// the write and two re-sends).
const RENVOIS_IMMEDIATS_MAX: u8 = 2;

/// The remontée accepted last for a (candidate, formation): a new one with the same fingerprint is a
/// duplicate, answered the same without reaching the core again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemonteeAcceptee {
    pub empreinte: String,
    pub retour: Retour,
    /// Journal id of the message that carried it (set once journaled).
    pub message: Option<i64>,
}

/// The loaded scenario and the core's Parcoursup for it.
#[derive(Clone, Debug)]
pub struct Moteur {
    source: SourceScenario,
    scenario: Scenario,
    parcoursup: Parcoursup,
    jour: Date,
    evenements_automatiques: bool,
    /// Index of the next scenario event to play by itself.
    prochain_evenement: usize,
    cible: CibleConnecteur,
    compatibilite: Compatibilite,
    /// The entries since the load, when kept ([`Moteur::garder_transcript`]).
    transcript: Vec<Entree>,
    garder_transcript: bool,
    /// OPI handed out for delivery and not yet acknowledged nor failed, per candidate.
    envois_en_cours: BTreeMap<u32, EnvoiOpi>,
    /// Partial writes detected in a row per candidate, each sent again at once; bounded by
    /// [`RENVOIS_IMMEDIATS_MAX`] so that a connector that never writes vœux is not called in a loop.
    renvois_immediats: BTreeMap<u32, u8>,
    remontees_acceptees: BTreeMap<(u32, u32), RemonteeAcceptee>,
}

/// A password that is not the university's, so that the core refuses credentials found wrong.
fn autre_mot_de_passe(vrai: &str) -> String {
    let mut faux = String::from("********");
    while faux == vrai {
        faux.push('*');
    }
    faux
}

impl Moteur {
    /// A new session on the scenario's first day; the first day's changes are in the effects.
    pub fn charger(
        source: SourceScenario,
        evenements_automatiques: bool,
    ) -> Result<(Moteur, Effets), ErreurCommande> {
        let scenario = source.charger().map_err(ErreurCommande::Scenario)?;
        let configuration = scenario.configuration.clone();
        let connecteur = match configuration.connecteur {
            ConnecteurInitial::NonParametre | ConnecteurInitial::ParametreNonTeste => {
                EtatConnecteur::NonTeste
            }
            ConnecteurInitial::Valide => EtatConnecteur::Valide {
                depuis: configuration.debut,
            },
        };
        let parcoursup = Parcoursup::new(
            configuration.universite,
            configuration.campagne,
            configuration.reglages,
            configuration.candidats,
            connecteur,
        );
        let mut moteur = Moteur {
            source,
            jour: configuration.debut,
            scenario,
            parcoursup,
            evenements_automatiques,
            prochain_evenement: 0,
            cible: CibleConnecteur::default(),
            compatibilite: Compatibilite::default(),
            transcript: Vec::new(),
            garder_transcript: true,
            envois_en_cours: BTreeMap::new(),
            renvois_immediats: BTreeMap::new(),
            remontees_acceptees: BTreeMap::new(),
        };
        let mut effets = Effets::default();
        moteur.ouvrir_journee(&mut effets)?;
        moteur.transcript.extend(effets.entrees.iter().cloned());
        Ok((moteur, effets))
    }

    pub fn source(&self) -> &SourceScenario {
        &self.source
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn parcoursup(&self) -> &Parcoursup {
        &self.parcoursup
    }

    pub fn universite(&self) -> &Universite {
        &self.scenario.configuration.universite
    }

    pub fn campagne(&self) -> &Campagne {
        &self.scenario.configuration.campagne
    }

    pub fn reglages(&self) -> &Reglages {
        &self.scenario.configuration.reglages
    }

    pub fn jour(&self) -> Date {
        self.jour
    }

    pub fn evenements_automatiques(&self) -> bool {
        self.evenements_automatiques
    }

    pub fn cible(&self) -> &CibleConnecteur {
        &self.cible
    }

    pub fn compatibilite(&self) -> Compatibilite {
        self.compatibilite
    }

    /// How OPI leave: the connector's setting, else the scenario university's.
    pub fn mode_opi(&self) -> ModeOpi {
        self.cible.mode.unwrap_or(self.universite().mode_opi)
    }

    /// The entries since the load; empty once [`Moteur::garder_transcript`] turned keeping off.
    pub fn transcript(&self) -> &[Entree] {
        &self.transcript
    }

    /// Whether to keep the entries from now on (kept by default). A server engine does not: the
    /// transcript grows with every request, and the journal can give it back by replay.
    pub fn garder_transcript(&mut self, garder: bool) {
        self.garder_transcript = garder;
        if !garder {
            self.transcript = Vec::new();
        }
    }

    pub fn envois_en_cours(&self) -> impl Iterator<Item = &EnvoiOpi> {
        self.envois_en_cours.values()
    }

    /// The remontée accepted last for this (candidate, formation).
    pub fn remontee_acceptee(&self, cle: (u32, u32)) -> Option<&RemonteeAcceptee> {
        self.remontees_acceptees.get(&cle)
    }

    /// Records the journal id of the message that carried the accepted remontée `cle`.
    pub fn noter_message_remontee(&mut self, cle: (u32, u32), message: i64) {
        if let Some(acceptee) = self.remontees_acceptees.get_mut(&cle) {
            acceptee.message = Some(message);
        }
    }

    /// Applies a command other than `Charger` (which builds a new [`Moteur`]). On error the engine
    /// may be half-way (a clock stopped on a day that failed): the caller keeps a copy to go back to.
    pub fn appliquer(&mut self, commande: &Commande) -> Result<Effets, ErreurCommande> {
        let mut effets = Effets::default();
        match commande {
            Commande::Charger { .. } => {
                // A load replaces the whole engine: the caller builds a new one.
                return Err(ErreurCommande::Scenario(
                    "chargement : une nouvelle session remplace le moteur".to_owned(),
                ));
            }
            Commande::Horloge { jour } => self.avancer_jusqu_au(*jour, &mut effets)?,
            Commande::Evenement { evenement } => {
                self.appliquer_evenement(evenement, &mut effets)?;
                self.livrer_au_fil_de_l_eau(&mut effets);
            }
            Commande::Remontee {
                remontee,
                login,
                identifiants_corrects,
                empreinte,
            } => {
                self.recevoir_remontee(
                    remontee,
                    login,
                    *identifiants_corrects,
                    empreinte,
                    &mut effets,
                );
                self.livrer_au_fil_de_l_eau(&mut effets);
            }
            Commande::Connecteur { cible } => {
                self.cible = cible.clone();
                self.livrer_au_fil_de_l_eau(&mut effets);
            }
            Commande::Compatibilite { compatibilite } => self.compatibilite = *compatibilite,
            Commande::OpiAcquittee { opi } => {
                self.envois_en_cours.remove(&opi.code_candidat);
                self.renvois_immediats.remove(&opi.code_candidat);
                self.parcoursup.acquitter_opi(opi.clone());
            }
            Commande::OpiRelue { opi, relu } => self.relire(opi, relu.as_ref(), &mut effets),
            Commande::OpiEnEchec { code_candidat, .. } => {
                self.envois_en_cours.remove(code_candidat);
                // Back to "to send": it leaves again at the next change (R16 keeps it harmless); not
                // at once, or a connector that is down would be called in a loop.
                self.parcoursup.echec_envoi_opi(*code_candidat);
            }
        }
        if self.garder_transcript {
            self.transcript.extend(effets.entrees.iter().cloned());
        }
        Ok(effets)
    }

    /// The read-back of an acknowledged OPI goes to the core, which decides. A partial write sends
    /// the OPI again at once, as the simulation does, a bounded number of times in a row; past
    /// that it waits for the next change like a failed delivery.
    fn relire(&mut self, opi: &Opi, relu: Option<&Opi>, effets: &mut Effets) {
        let code_candidat = opi.code_candidat;
        self.envois_en_cours.remove(&code_candidat);
        let mut journal = Journal::new(self.jour, &mut effets.entrees);
        let renvoyee = self
            .parcoursup
            .relire_ecriture_opi(&mut journal, opi.clone(), relu);
        if !renvoyee {
            self.renvois_immediats.remove(&code_candidat);
            return;
        }
        let renvois = self.renvois_immediats.entry(code_candidat).or_default();
        if *renvois < RENVOIS_IMMEDIATS_MAX {
            *renvois += 1;
            self.livrer_au_fil_de_l_eau(effets);
        }
    }

    fn avancer_jusqu_au(&mut self, cible: Date, effets: &mut Effets) -> Result<(), ErreurCommande> {
        if cible < self.jour {
            return Err(ErreurEvenement::DateAnterieure {
                jour: cible,
                courant: self.jour,
            }
            .into());
        }
        while self.jour < cible {
            self.fermer_journee(effets)?;
            let Some(lendemain) = self.jour.next_day() else {
                break;
            };
            self.jour = lendemain;
            self.ouvrir_journee(effets)?;
        }
        Ok(())
    }

    /// The new day: bac and rattrapage results (R7–R9), then the scenario's events of the day when
    /// they play by themselves, then the OPI that must leave.
    fn ouvrir_journee(&mut self, effets: &mut Effets) -> Result<(), ErreurCommande> {
        let mut journal = Journal::new(self.jour, &mut effets.entrees);
        coeur::debut_de_journee(&mut self.parcoursup, &mut journal)?;
        if self.evenements_automatiques {
            while let Some(prevu) = self.scenario.evenements.get(self.prochain_evenement) {
                if prevu.jour > self.jour {
                    break;
                }
                self.prochain_evenement += 1;
                let evenement = prevu.evenement.clone();
                if est_cote_parcoursup(&evenement) {
                    self.appliquer_evenement(&evenement, effets)?;
                }
            }
        }
        self.livrer_au_fil_de_l_eau(effets);
        Ok(())
    }

    /// Flat-file mode: the day's OPI go in the day's files, acknowledged once written (the shell
    /// reports a failed write with [`Commande::OpiEnEchec`]).
    fn fermer_journee(&mut self, effets: &mut Effets) -> Result<(), ErreurCommande> {
        if self.mode_opi() != ModeOpi::FichiersPlats {
            return Ok(());
        }
        let mut journal = Journal::new(self.jour, &mut effets.entrees);
        let envois = self.parcoursup.prendre_envois_opi(&mut journal);
        if envois.is_empty() {
            return Ok(());
        }
        let fichiers = coeur::fichiers_opi(&self.parcoursup, &mut journal, &envois)?;
        for envoi in envois {
            self.parcoursup.acquitter_opi(envoi.opi);
        }
        effets.fichiers.push(FichiersDuJour {
            jour: self.jour,
            fichiers,
        });
        Ok(())
    }

    /// Webservice and JSON push: the OPI that must leave go now, if a connector is set up to take them.
    /// Each is written in the transcript as Parcoursup's message to the university, with the core's
    /// explanation, as `Simulation` writes it when it sends one; the connector's answer comes later,
    /// from the delivery worker.
    fn livrer_au_fil_de_l_eau(&mut self, effets: &mut Effets) {
        let canal = match self.mode_opi() {
            ModeOpi::Webservice => Canal::WebserviceOpi,
            ModeOpi::PushJson => Canal::PushJson,
            ModeOpi::FichiersPlats => return,
        };
        if self.cible.url.is_none() {
            return;
        }
        let mut journal = Journal::new(self.jour, &mut effets.entrees);
        for envoi in self.parcoursup.prendre_envois_opi(&mut journal) {
            journal.message(
                (Acteur::Parcoursup, Acteur::Apogee),
                canal,
                envoi.regle,
                Contenu::Opi(envoi.opi.clone()),
                envoi.explication.clone(),
            );
            self.envois_en_cours
                .insert(envoi.opi.code_candidat, envoi.clone());
            effets.envois.push(envoi);
        }
    }

    fn appliquer_evenement(
        &mut self,
        evenement: &Evenement,
        effets: &mut Effets,
    ) -> Result<(), ErreurCommande> {
        let mut journal = Journal::new(self.jour, &mut effets.entrees);
        match evenement {
            Evenement::Acceptation {
                candidat,
                formation,
                reponse,
            } => coeur::accepter(
                &mut self.parcoursup,
                &mut journal,
                *candidat,
                *formation,
                *reponse,
            )?,
            Evenement::Desistement {
                candidat,
                formation,
            } => coeur::desister(&mut self.parcoursup, &mut journal, *candidat, *formation)?,
            Evenement::RenvoiOpi { candidat } => coeur::renvoyer(&mut self.parcoursup, *candidat)?,
            autre => return Err(ErreurCommande::EvenementApogee(nom_evenement(autre))),
        }
        Ok(())
    }

    fn recevoir_remontee(
        &mut self,
        remontee: &Remontee,
        login: &str,
        identifiants_corrects: bool,
        empreinte: &str,
        effets: &mut Effets,
    ) {
        let vrais = &self.universite().identifiants_parcoursup;
        let identifiants = Identifiants {
            login: login.to_owned(),
            pwd: if identifiants_corrects {
                vrais.pwd.clone()
            } else {
                autre_mot_de_passe(&vrais.pwd)
            },
        };
        let mut journal = Journal::new(self.jour, &mut effets.entrees);
        let retour = self
            .parcoursup
            .recevoir_remontee(&mut journal, &identifiants, remontee);
        if retour.ok && !remontee.est_test_connecteur() {
            self.remontees_acceptees.insert(
                (remontee.code_candidat, remontee.code_formation_psup),
                RemonteeAcceptee {
                    empreinte: empreinte.to_owned(),
                    retour: retour.clone(),
                    message: None,
                },
            );
        }
        effets.retour = Some(retour);
    }

    /// `getCandidatsAdmis`: the admission records of today, one per vœu not resigned (a candidate
    /// who resigned disappears from the list), optionally for one candidate or one formation.
    pub fn candidats_admis(
        &self,
        code_candidat: Option<u32>,
        code_formation_psup: Option<u32>,
    ) -> Vec<DonneesCandidat> {
        let universite = self.universite();
        let session = self.campagne().annee;
        self.parcoursup
            .dossiers()
            .filter(|dossier| code_candidat.is_none_or(|c| c == dossier.candidat.code_candidat))
            .filter_map(|dossier| {
                let opi = self
                    .parcoursup
                    .opi_du_jour(dossier.candidat.code_candidat, self.jour)?;
                let actives: Vec<u32> = dossier
                    .voeux
                    .iter()
                    .filter(|v| !v.desiste)
                    .map(|v| v.code_formation_psup)
                    .collect();
                let acceptations = dossier.acceptations();
                Some(
                    opi_en_donnees_candidat_avec_reponses(&opi, universite, session, &acceptations)
                        .into_iter()
                        .filter(move |d| actives.contains(&d.code_formation_psup)),
                )
            })
            .flatten()
            .filter(|d| code_formation_psup.is_none_or(|f| f == d.code_formation_psup))
            .collect()
    }
}

/// Whether Parcoursup plays this event (the others are the university's, played by the connector).
pub fn est_cote_parcoursup(evenement: &Evenement) -> bool {
    matches!(
        evenement,
        Evenement::Acceptation { .. } | Evenement::Desistement { .. } | Evenement::RenvoiOpi { .. }
    )
}

/// The event's `type` as scenario files write it (its serde tag, so that no list is kept here).
pub fn nom_evenement(evenement: &Evenement) -> String {
    serde_json::to_value(evenement)
        .ok()
        .and_then(|valeur| valeur.get("type")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use cycle_core::Reponse;

    use super::*;

    const LEA: u32 = 1048576;

    /// nominal_f with a connector that is read back, and Léa's acceptation: her OPI in flight.
    fn moteur_avec_opi_en_vol() -> (Moteur, Opi) {
        let source = SourceScenario::Integre {
            nom: "nominal_f".to_owned(),
        };
        let (mut moteur, _) = Moteur::charger(source, false).unwrap();
        let cible = CibleConnecteur {
            url: Some("http://127.0.0.1:9".to_owned()),
            relecture_opi: true,
            ..CibleConnecteur::default()
        };
        moteur.appliquer(&Commande::Connecteur { cible }).unwrap();
        let acceptation = Evenement::Acceptation {
            candidat: LEA,
            formation: 23456,
            reponse: Reponse::Oui,
        };
        let effets = moteur
            .appliquer(&Commande::Evenement {
                evenement: acceptation,
            })
            .unwrap();
        let opi = effets.envois[0].opi.clone();
        (moteur, opi)
    }

    fn detectee(effets: &Effets) -> bool {
        effets.entrees.iter().any(|e| {
            matches!(
                &e.fait,
                cycle_core::Fait::Etat {
                    changement: cycle_core::transcript::Changement::EcriturePartielleDetectee { .. },
                    ..
                }
            )
        })
    }

    #[test]
    fn a_record_read_back_without_its_voeux_is_sent_again_at_once_then_at_the_next_change() {
        let (mut moteur, opi) = moteur_avec_opi_en_vol();
        let individu_seul = Some(opi.clone_individu());
        for renvoi in 1..=RENVOIS_IMMEDIATS_MAX {
            let effets = moteur
                .appliquer(&Commande::OpiRelue {
                    opi: opi.clone(),
                    relu: individu_seul.clone(),
                })
                .unwrap();
            assert!(detectee(&effets), "renvoi n° {renvoi}");
            assert_eq!(effets.envois.len(), 1, "renvoi n° {renvoi}");
            assert_eq!(effets.envois[0].opi, opi);
        }
        // A connector that keeps losing the vœux is not called in a loop: the OPI waits.
        let effets = moteur
            .appliquer(&Commande::OpiRelue {
                opi: opi.clone(),
                relu: individu_seul,
            })
            .unwrap();
        assert!(detectee(&effets));
        assert!(effets.envois.is_empty());
        assert_eq!(
            moteur.parcoursup().opi_en_attente().collect::<Vec<_>>(),
            [LEA]
        );
        assert_eq!(moteur.envois_en_cours().count(), 0);
    }

    #[test]
    fn a_record_read_back_with_its_voeux_acknowledges_the_opi() {
        let (mut moteur, opi) = moteur_avec_opi_en_vol();
        let effets = moteur
            .appliquer(&Commande::OpiRelue {
                opi: opi.clone(),
                relu: Some(opi),
            })
            .unwrap();
        assert!(!detectee(&effets));
        assert!(effets.envois.is_empty());
        assert_eq!(moteur.parcoursup().opi_en_attente().count(), 0);
        assert_eq!(moteur.envois_en_cours().count(), 0);
    }

    #[test]
    fn no_record_at_all_is_a_write_to_do_again() {
        let (mut moteur, opi) = moteur_avec_opi_en_vol();
        let effets = moteur
            .appliquer(&Commande::OpiRelue { opi, relu: None })
            .unwrap();
        assert!(detectee(&effets));
        assert_eq!(effets.envois.len(), 1);
    }
}
