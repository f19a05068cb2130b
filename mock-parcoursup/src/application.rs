//! The server's shared state: the engine and its journal behind one lock, the faults to inject, the
//! sender of the delivery queue, and the settings. Handlers reach the engine through
//! [`Application::avec_noyau`], which runs on a blocking thread (SQLite writes), or, for the REST
//! requests the server takes by the thousand, [`Application::avec_noyau_groupe`] (group commit).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use crate::config::ConfigServeur;
use crate::journal::{ErreurJournal, Validations};
use crate::moteur::ErreurCommande;
use crate::noyau::{ErreurNoyau, Noyau};
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
    noyau: Arc<AccesNoyau>,
    /// The engine's `accepter_indentifiant` switch, read by every REST request without the lock.
    accepter_indentifiant: Arc<AtomicBool>,
    pannes: Mutex<Pannes>,
    config: ConfigServeur,
    reprise: bool,
    livreur: tokio::task::JoinHandle<()>,
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
    Noyau(#[from] ErreurNoyau),
}

impl ErreurDemarrage {
    /// Whether the start failed only because `cycle-core` does not expose a call the engine needs
    /// yet (see the `coeur-parcoursup` feature).
    pub fn coeur_incomplet(&self) -> bool {
        matches!(
            self,
            ErreurDemarrage::Noyau(ErreurNoyau::Commande(ErreurCommande::CoeurIncomplet(_)))
        )
    }
}

/// Locks, recovering the data of a lock poisoned by a panicking thread: the engine is only changed
/// through commands that leave it whole, so its data is still consistent.
fn verrouiller<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The engine and its journal behind one lock, with the group commit around it: a caller that
/// writes adds its rows to the journal's open batch, and whoever leaves the lock with nobody else
/// waiting for it commits the batch. Requests that arrive together thus share one commit.
pub struct AccesNoyau {
    noyau: Mutex<Noyau>,
    /// Callers waiting for the lock; each of them commits on its way out if it is the last.
    en_attente: AtomicUsize,
    validations: Arc<Validations>,
}

impl AccesNoyau {
    fn nouveau(noyau: Noyau) -> Arc<AccesNoyau> {
        Arc::new(AccesNoyau {
            validations: noyau.validations(),
            noyau: Mutex::new(noyau),
            en_attente: AtomicUsize::new(0),
        })
    }

    fn prendre(&self) -> MutexGuard<'_, Noyau> {
        self.en_attente.fetch_add(1, Ordering::SeqCst);
        let noyau = verrouiller(&self.noyau);
        self.en_attente.fetch_sub(1, Ordering::SeqCst);
        noyau
    }

    /// Commits the open batch unless a caller is waiting for the lock: that one (or the last of
    /// those after it) will. So a batch never stays open once nobody is left to close it.
    fn valider_si_dernier(&self, noyau: &mut Noyau) {
        if noyau.lot_ouvert().is_some() && self.en_attente.load(Ordering::SeqCst) == 0 {
            if let Err(erreur) = noyau.valider() {
                // Its requests are told by `Validations::attendre`; the engine was rebuilt.
                tracing::error!(%erreur, "lot du journal non validé");
            }
        }
    }
}

/// Runs `f` on a blocking thread (SQLite writes, and at checkpoints syncs to disk).
async fn bloquant<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(f).await {
        Ok(valeur) => valeur,
        // A panic inside `f` is a bug: let it surface where it happened.
        Err(erreur) => std::panic::resume_unwind(erreur.into_panic()),
    }
}

/// Runs `f` on the engine and its journal; what it writes is committed before it returns.
pub(crate) async fn sur_noyau<T: Send + 'static>(
    acces: &Arc<AccesNoyau>,
    f: impl FnOnce(&mut Noyau) -> T + Send + 'static,
) -> T {
    let acces = Arc::clone(acces);
    bloquant(move || {
        let mut noyau = acces.prendre();
        noyau.differer_validation(false);
        let valeur = f(&mut noyau);
        acces.valider_si_dernier(&mut noyau);
        valeur
    })
    .await
}

/// Runs `f` on the engine with its writes added to the open batch, then waits, without the lock, for
/// that batch to be committed: an error if it was rolled back (then nothing of `f` was applied).
pub(crate) async fn sur_noyau_groupe<T, E>(
    acces: &Arc<AccesNoyau>,
    f: impl FnOnce(&mut Noyau) -> Result<T, E> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<ErreurJournal> + Send + 'static,
{
    let acces = Arc::clone(acces);
    bloquant(move || {
        let (resultat, lot) = {
            let mut noyau = acces.prendre();
            noyau.differer_validation(true);
            noyau.prendre_derniere_ecriture();
            let resultat = f(&mut noyau);
            noyau.differer_validation(false);
            let lot = noyau.prendre_derniere_ecriture();
            acces.valider_si_dernier(&mut noyau);
            (resultat, lot)
        };
        let valeur = resultat?;
        if let Some(lot) = lot {
            acces.validations.attendre(lot)?;
        }
        Ok(valeur)
    })
    .await
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
        let noyau = AccesNoyau::nouveau(noyau);
        let livreur = tokio::spawn(crate::livraison::livrer_en_continu(
            Arc::clone(&noyau),
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
        }))
    }

    pub fn config(&self) -> &ConfigServeur {
        &self.config
    }

    /// Whether the journal's last session was resumed at start.
    pub fn reprise(&self) -> bool {
        self.reprise
    }

    /// Runs `f` on the engine and its journal, on a blocking thread; what it writes is committed
    /// before it returns.
    pub async fn avec_noyau<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Noyau) -> T + Send + 'static,
    ) -> T {
        sur_noyau(&self.noyau, f).await
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
        sur_noyau_groupe(&self.noyau, f).await
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
