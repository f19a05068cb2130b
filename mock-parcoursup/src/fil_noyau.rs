//! The engine thread: the one thread that owns the engine and its journal ([`Noyau`]). REST
//! requests, admin calls and the delivery worker reach the engine by sending a job to its queue and
//! awaiting the answer. One writer, no lock: the journal's order is the order the jobs were taken.
//!
//! Group commit. REST requests are decoded and validated on the async workers, then sent as jobs
//! *in a batch* ([`FilNoyau::en_lot`]). The thread takes every job waiting in the queue, applies
//! each (its rows added to the journal's open transaction), commits once — one fsync for all of
//! them — and only then answers each, then checkpoints the journal when one is due (so that no
//! request waits for it). If the commit fails, or a write of the batch does, the batch
//! is rolled back whole, the engine is rebuilt from the journal, and every request of the batch is
//! answered the journal's error (HTTP 500, nothing applied). Other jobs ([`FilNoyau::seul`]: admin
//! calls, deliveries, reads) close the open batch first, then run with their writes committed
//! before they are answered.
//!
//! Why a thread rather than a lock: with a blocking task per request, a contended mutex and a
//! condition variable to wait for the batch's commit, most of the server's time went to the
//! scheduler (BENCHMARKS.md, server section). Here a request costs two hand-offs: into the queue,
//! and its answer back.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::thread;

use tokio::sync::{mpsc, oneshot};

use crate::journal::{ErreurJournal, Lot};
use crate::noyau::Noyau;

/// Most requests applied before the batch is committed: bounds how long the first of them waits.
const LOT_MAX: usize = 256;

/// How a request of a batch is answered once its batch is closed: `Err` when it was rolled back.
type Reponse = Box<dyn FnOnce(Result<(), ErreurJournal>) + Send>;

/// A request of the open batch, waiting for it to be closed.
type EnAttente = (Lot, Reponse);

/// A job of a batch: returns the answer to send once the batch is closed, or `None` when it has
/// answered already (it wrote nothing, or failed).
type TravailEnLot = Box<dyn FnOnce(&mut Noyau) -> Option<EnAttente> + Send>;

/// What the engine thread is asked to do.
enum Travail {
    /// Runs on its own: the open batch is committed first, its writes are committed before it ends.
    Seul(Box<dyn FnOnce(&mut Noyau) + Send>),
    /// Runs with its writes added to the open batch.
    EnLot(TravailEnLot),
    /// Finish the jobs already queued, then stop.
    Arreter,
}

/// A handle to the engine thread; cheap to clone.
#[derive(Clone)]
pub struct FilNoyau {
    file: mpsc::UnboundedSender<Travail>,
}

/// Owns the engine thread: dropping it lets the queued jobs finish, then waits for the thread to
/// end, so that the journal is closed once the application is gone (a restart may open it again).
pub struct FinDuFil {
    file: mpsc::UnboundedSender<Travail>,
    fil: Option<thread::JoinHandle<()>>,
}

impl Drop for FinDuFil {
    fn drop(&mut self) {
        let _ = self.file.send(Travail::Arreter);
        if let Some(fil) = self.fil.take() {
            // Dropped by a job on the thread itself, it cannot wait for itself.
            if fil.thread().id() != thread::current().id() {
                let _ = fil.join();
            }
        }
    }
}

impl FilNoyau {
    /// Starts the thread that owns `noyau`.
    pub fn demarrer(noyau: Noyau) -> std::io::Result<(FilNoyau, FinDuFil)> {
        let (envoi, file) = mpsc::unbounded_channel();
        let fil = thread::Builder::new()
            .name("moteur".to_owned())
            .spawn(move || boucle(noyau, file))?;
        let fin = FinDuFil {
            file: envoi.clone(),
            fil: Some(fil),
        };
        Ok((FilNoyau { file: envoi }, fin))
    }

    /// Runs `f` on the engine; what it writes is committed before it returns. The job is queued
    /// at the call, the future waits for its answer.
    pub fn seul<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Noyau) -> T + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        let (envoi, reception) = oneshot::channel();
        self.envoyer(Travail::Seul(Box::new(move |noyau| {
            let _ = envoi.send(f(noyau));
        })));
        attendre(reception)
    }

    /// Runs `f` on the engine with its writes added to the open batch, and returns once that batch
    /// is committed: `Err` (from the journal's error) if it was rolled back, nothing of `f` applied.
    /// The job is queued at the call, the future waits for its answer.
    pub fn en_lot<T, E>(
        &self,
        f: impl FnOnce(&mut Noyau) -> Result<T, E> + Send + 'static,
    ) -> impl Future<Output = Result<T, E>> + Send + 'static
    where
        T: Send + 'static,
        E: From<ErreurJournal> + Send + 'static,
    {
        let (envoi, reception) = oneshot::channel();
        self.envoyer(Travail::EnLot(Box::new(move |noyau| {
            noyau.prendre_derniere_ecriture();
            let resultat = f(noyau);
            match (resultat, noyau.prendre_derniere_ecriture()) {
                (Ok(valeur), Some(lot)) => {
                    let repondre: Reponse = Box::new(move |issue| {
                        let _ = envoi.send(issue.map(|()| valeur).map_err(E::from));
                    });
                    Some((lot, repondre))
                }
                // Nothing written, or refused: nothing to wait for.
                (resultat, _) => {
                    let _ = envoi.send(resultat);
                    None
                }
            }
        })));
        attendre(reception)
    }

    fn envoyer(&self, travail: Travail) {
        // If the thread is gone the job is dropped with its answer's sender: `attendre` says so.
        let _ = self.file.send(travail);
    }
}

async fn attendre<T>(reception: oneshot::Receiver<T>) -> T {
    match reception.await {
        Ok(valeur) => valeur,
        // A job that panicked (a bug, logged by the thread) or a server that is stopping.
        Err(_) => panic!(
            "le fil du moteur n'a pas répondu : la commande a paniqué ou le serveur s'arrête"
        ),
    }
}

/// The thread's loop: take every job queued, apply each, commit, answer; until told to stop.
fn boucle(mut noyau: Noyau, mut file: mpsc::UnboundedReceiver<Travail>) {
    let mut en_attente: Vec<EnAttente> = Vec::new();
    while let Some(premier) = file.blocking_recv() {
        let mut travail = Some(premier);
        while let Some(courant) = travail.take() {
            match courant {
                Travail::Seul(f) => {
                    clore_lot(&mut noyau, &mut en_attente);
                    sans_panique(|| f(&mut noyau));
                }
                Travail::EnLot(f) => {
                    noyau.differer_validation(true);
                    if let Some(Some(attente)) = sans_panique(|| f(&mut noyau)) {
                        en_attente.push(attente);
                    }
                    noyau.differer_validation(false);
                }
                // Jobs sent before the stop are still received: the queue refuses only new ones.
                Travail::Arreter => file.close(),
            }
            if en_attente.len() < LOT_MAX {
                travail = file.try_recv().ok();
            }
        }
        clore_lot(&mut noyau, &mut en_attente);
    }
}

/// Commits the open batch, then answers its requests — or tells them it was rolled back.
fn clore_lot(noyau: &mut Noyau, en_attente: &mut Vec<EnAttente>) {
    if let Err(erreur) = noyau.valider() {
        // Its requests are told below; the engine was rebuilt from the journal.
        tracing::error!(%erreur, "lot du journal non validé");
    }
    let annules = noyau.prendre_lots_annules();
    for (lot, repondre) in en_attente.drain(..) {
        let issue = match annules.iter().find(|(annule, _)| *annule == lot) {
            Some((_, raison)) => Err(noyau.journal().lot_non_valide(raison.clone())),
            None => Ok(()),
        };
        repondre(issue);
    }
    // After the answers, so that no request of the batch waits for it.
    if let Err(erreur) = noyau.point_de_controle_si_besoin() {
        tracing::warn!(%erreur, "point de contrôle du journal");
    }
}

/// Runs a job; a panic (a bug) is logged and the thread goes on serving the others. The job's
/// caller sees its answer dropped. The engine is only changed through commands that leave it
/// whole, so it is still consistent.
fn sans_panique<T>(f: impl FnOnce() -> T) -> Option<T> {
    match std::panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(valeur) => Some(valeur),
        Err(_) => {
            tracing::error!("une commande a paniqué sur le fil du moteur");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use cycle_core::EtatInscription;

    use super::*;
    use crate::noyau::tests::{
        demarrer_demo, etat_connu, message_remontee, panne_disque, remontee_de_lea, reparer_disque,
    };
    use crate::noyau::ErreurNoyau;

    /// A remontée of Léa's, sent in a batch; answers the batch its rows went to.
    fn remontee_en_lot(
        fil: &FilNoyau,
        etat: EtatInscription,
        avant: fn(&Noyau),
    ) -> impl Future<Output = Result<Lot, ErreurNoyau>> {
        fil.en_lot(move |noyau| {
            avant(noyau);
            let (_, ecrit) =
                noyau.executer(remontee_de_lea(etat), |m, _| vec![message_remontee(m)])?;
            Ok(ecrit.lot)
        })
    }

    /// Holds the engine thread until the returned sender is used, so that what is sent meanwhile
    /// queues up and is taken in one go.
    fn retenir(fil: &FilNoyau) -> (std::sync::mpsc::Sender<()>, impl Future<Output = ()>) {
        let (liberer, attente) = std::sync::mpsc::channel::<()>();
        let retenu = fil.seul(move |_| {
            let _ = attente.recv();
        });
        (liberer, retenu)
    }

    #[tokio::test]
    async fn requests_queued_together_share_one_commit_and_a_failed_batch_fails_every_request_of_it(
    ) {
        let dossier = tempfile::tempdir().unwrap();
        let (fil, _fin) = FilNoyau::demarrer(demarrer_demo(dossier.path())).unwrap();
        let (liberer, retenu) = retenir(&fil);
        let premiere = remontee_en_lot(&fil, EtatInscription::Principale, |_| {});
        // Its write fails: the batch goes, the first request with it.
        let seconde = remontee_en_lot(&fil, EtatInscription::Annulee, panne_disque);
        // The next ones open a new batch, which is committed.
        let troisieme = remontee_en_lot(&fil, EtatInscription::Annulee, reparer_disque);
        let quatrieme = remontee_en_lot(&fil, EtatInscription::Principale, |_| {});
        liberer.send(()).unwrap();
        retenu.await;

        let premiere = premiere.await;
        assert!(
            matches!(
                premiere,
                Err(ErreurNoyau::Journal(ErreurJournal::LotNonValide { .. }))
            ),
            "{premiere:?}"
        );
        let seconde = seconde.await;
        assert!(
            matches!(
                seconde,
                Err(ErreurNoyau::Journal(ErreurJournal::Sqlite { .. }))
            ),
            "{seconde:?}"
        );
        let troisieme = troisieme.await.unwrap();
        assert_eq!(quatrieme.await.unwrap(), troisieme, "one batch, one commit");

        let (messages, etat, ouvert) = fil
            .seul(|noyau| {
                let messages = noyau.journal().messages(false, 0, 100).unwrap().len();
                (messages, etat_connu(noyau), noyau.lot_ouvert())
            })
            .await;
        assert_eq!(messages, 2, "the third and the fourth, not the first");
        assert_eq!(etat, Some(EtatInscription::Principale));
        assert_eq!(ouvert, None);
    }

    #[tokio::test]
    async fn a_job_alone_sees_the_batch_before_it_committed() {
        let dossier = tempfile::tempdir().unwrap();
        let (fil, _fin) = FilNoyau::demarrer(demarrer_demo(dossier.path())).unwrap();
        let (liberer, retenu) = retenir(&fil);
        let en_lot = remontee_en_lot(&fil, EtatInscription::Principale, |_| {});
        let seul = fil.seul(|noyau| {
            (
                noyau.lot_ouvert(),
                noyau.journal().messages(false, 0, 100).unwrap().len(),
            )
        });
        liberer.send(()).unwrap();
        retenu.await;
        assert_eq!(seul.await, (None, 1));
        assert!(en_lot.await.is_ok());
    }

    #[tokio::test]
    async fn a_job_that_panics_leaves_the_thread_serving_the_others() {
        let dossier = tempfile::tempdir().unwrap();
        let (fil, _fin) = FilNoyau::demarrer(demarrer_demo(dossier.path())).unwrap();
        let panique = tokio::spawn(fil.seul(|_| -> u32 { panic!("bogue simulé") }));
        assert!(panique.await.unwrap_err().is_panic());
        let lot = remontee_en_lot(&fil, EtatInscription::Principale, |_| {}).await;
        assert!(lot.is_ok(), "{lot:?}");
        let etat = fil.seul(|noyau| etat_connu(noyau)).await;
        assert_eq!(etat, Some(EtatInscription::Principale));
    }

    #[tokio::test]
    async fn dropping_the_end_of_the_thread_closes_the_journal_after_the_queued_jobs() {
        let dossier = tempfile::tempdir().unwrap();
        let (fil, fin) = FilNoyau::demarrer(demarrer_demo(dossier.path())).unwrap();
        let derniere = remontee_en_lot(&fil, EtatInscription::Principale, |_| {});
        drop(fin);
        assert!(derniere.await.is_ok(), "queued before the stop: applied");
        // The thread is gone: the journal can be opened again, and holds the last request.
        let reouvert = crate::journal::JournalSqlite::ouvrir(dossier.path()).unwrap();
        assert_eq!(reouvert.messages(false, 0, 100).unwrap().len(), 1);
    }
}
