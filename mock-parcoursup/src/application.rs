//! The server's shared state: the engine thread that owns the engine and its journal, the faults to
//! inject, the delivery worker, and the settings. Handlers reach the engine through
//! [`Application::avec_noyau`], or, for the REST requests the server takes by the thousand,
//! [`Application::avec_noyau_groupe`] (group commit); both hand the work to the engine thread
//! ([`crate::fil_noyau`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use crate::config::ConfigServeur;
use crate::fil_noyau::{FilNoyau, FinDuFil};
use crate::journal::ErreurJournal;
use crate::moteur::ErreurCommande;
use crate::noyau::{ErreurNoyau, ErreurOuverture, Noyau};
use crate::scenario_source::SourceScenario;

/// Faults injected into the answers to the connector's REST calls (`PUT /__admin/pannes`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Pannes {
    /// Delay added before every answer, in ms, while it is set.
    pub latence_ms: u64,
    /// How many of the next answers are HTTP 500.
    pub http_500: u32,
    /// How many of the next requests get their connection closed without an answer.
    pub coupure: u32,
    /// How many of the next answers are `NOK` although the request is valid.
    pub nok: u32,
}

/// The fault to inject into one answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panne {
    Coupure,
    Http500,
    Nok,
}

impl Pannes {
    /// Takes the next fault to inject, if any (a connection cut first, then a 500, then a NOK).
    pub fn prendre(&mut self) -> Option<Panne> {
        if self.coupure > 0 {
            self.coupure -= 1;
            Some(Panne::Coupure)
        } else if self.http_500 > 0 {
            self.http_500 -= 1;
            Some(Panne::Http500)
        } else if self.nok > 0 {
            self.nok -= 1;
            Some(Panne::Nok)
        } else {
            None
        }
    }
}

pub struct Application {
    noyau: FilNoyau,
    /// The engine's `accepter_indentifiant` switch, read by every REST request off the engine thread.
    accepter_indentifiant: Arc<AtomicBool>,
    pannes: Mutex<Pannes>,
    config: ConfigServeur,
    reprise: bool,
    livreur: tokio::task::JoinHandle<()>,
    /// Declared last: the engine thread stops (and closes the journal) once the rest is gone.
    _fin_du_fil: FinDuFil,
}

impl Drop for Application {
    /// Deliveries stop with the application, as they would with the process: what was in flight
    /// stays "in delivery" in the journal and leaves again at the next start.
    fn drop(&mut self) {
        self.livreur.abort();
    }
}

/// Why the server cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ErreurDemarrage {
    #[error("{0}")]
    Scenario(String),
    #[error("{0}")]
    Noyau(#[from] ErreurOuverture),
    #[error("fil du moteur impossible à démarrer : {0}")]
    Fil(#[from] std::io::Error),
}

impl ErreurDemarrage {
    /// Whether the start failed only because `cycle-core` does not expose a call the engine needs
    /// yet (see the `coeur-parcoursup` feature).
    pub fn coeur_incomplet(&self) -> bool {
        matches!(
            self,
            ErreurDemarrage::Noyau(
                ErreurOuverture::Ouverture(ErreurNoyau::Commande(ErreurCommande::CoeurIncomplet(
                    _
                ))) | ErreurOuverture::Reprise(ErreurNoyau::Commande(
                    ErreurCommande::CoeurIncomplet(_)
                ))
            )
        )
    }

    /// Whether `--reinitialiser` (a new session instead of the journal's) would get past it: only
    /// when the journal's session could not be replayed.
    pub fn reinitialiser_aiderait(&self) -> bool {
        matches!(self, ErreurDemarrage::Noyau(ErreurOuverture::Reprise(_)))
    }
}

/// Locks, recovering the data of a lock poisoned by a panicking thread: the faults are plain
/// counters, still consistent.
fn verrouiller<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Application {
    /// Opens the journal, resumes or starts the session, and starts the delivery worker (on the
    /// current tokio runtime). OPI left undelivered by a previous run are queued again.
    pub fn demarrer(config: ConfigServeur) -> Result<Arc<Application>, ErreurDemarrage> {
        let source = source_de_demarrage(&config.scenario)?;
        let demarrage = Noyau::demarrer(&config.data_dir, source, config.reinitialiser)?;
        let (livraisons, file) = mpsc::unbounded_channel();
        let mut noyau = demarrage.noyau;
        noyau.brancher_livraison(livraisons.clone());
        let accepter_indentifiant = noyau.accepter_indentifiant();
        let (noyau, fin_du_fil) = FilNoyau::demarrer(noyau)?;
        let livreur = tokio::spawn(crate::livraison::livrer_en_continu(
            noyau.clone(),
            config.livraison.clone(),
            file,
        ));
        for envoi in demarrage.a_relivrer {
            let _ = livraisons.send(envoi);
        }
        Ok(Arc::new(Application {
            noyau,
            accepter_indentifiant,
            pannes: Mutex::new(Pannes::default()),
            config,
            reprise: demarrage.reprise,
            livreur,
            _fin_du_fil: fin_du_fil,
        }))
    }

    pub fn config(&self) -> &ConfigServeur {
        &self.config
    }

    /// Whether the journal's last session was resumed at start.
    pub fn reprise(&self) -> bool {
        self.reprise
    }

    /// What the start-up banner must warn about: what a restart lost that the session needs.
    pub async fn avertissements(&self) -> Vec<String> {
        let reprise = self.reprise;
        self.avec_noyau(move |noyau| {
            let mut avertissements = Vec::new();
            if reprise && noyau.mot_de_passe_perdu() {
                avertissements.push(
                    "le mot de passe du connecteur (push JSON) n'est gardé qu'en mémoire et s'est perdu au redémarrage : \
                     aucune OPI ne partira avant que PUT /__admin/connecteur redonne identifiants"
                        .to_owned(),
                );
            }
            avertissements
        })
        .await
    }

    /// Runs `f` on the engine and its journal, on the engine thread; what it writes is committed
    /// before it returns.
    pub async fn avec_noyau<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Noyau) -> T + Send + 'static,
    ) -> T {
        self.noyau.seul(f).await
    }

    /// Like [`Application::avec_noyau`], but what `f` writes shares its commit with the requests
    /// that arrived with it (group commit); `Err` when that commit failed and nothing was applied.
    pub async fn avec_noyau_groupe<T, E>(
        &self,
        f: impl FnOnce(&mut Noyau) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<ErreurJournal> + Send + 'static,
    {
        self.noyau.en_lot(f).await
    }

    /// Whether requests may carry the early API's misspelt `indentifiant` key (compatibility switch).
    pub fn accepter_indentifiant(&self) -> bool {
        self.accepter_indentifiant.load(Ordering::Relaxed)
    }

    pub fn pannes(&self) -> Pannes {
        *verrouiller(&self.pannes)
    }

    pub fn regler_pannes(&self, pannes: Pannes) {
        *verrouiller(&self.pannes) = pannes;
    }

    /// Takes the fault for the next answer, with the latency to add.
    pub fn prendre_panne(&self) -> (Option<Panne>, u64) {
        let mut pannes = verrouiller(&self.pannes);
        let latence = pannes.latence_ms;
        (pannes.prendre(), latence)
    }
}

/// `--scenario`: a built-in name, or the path of a `.toml` file.
pub fn source_de_demarrage(scenario: &str) -> Result<SourceScenario, ErreurDemarrage> {
    let chemin = std::path::Path::new(scenario);
    if scenario.ends_with(".toml") || chemin.is_file() {
        let texte = std::fs::read_to_string(chemin).map_err(|e| {
            ErreurDemarrage::Scenario(format!("scénario {scenario} : lecture impossible ({e})"))
        })?;
        return Ok(SourceScenario::Texte {
            fichier: scenario.to_owned(),
            texte,
        });
    }
    Ok(SourceScenario::Integre {
        nom: scenario.to_owned(),
    })
}
