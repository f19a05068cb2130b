//! The journal in SQLite, under the data folder: every message in and out with its verdict (what
//! people read), and every [`Commande`] applied to the engine (what a restart replays).
//!
//! Every write is committed, and so synced to disk, before the server answers: an acknowledged
//! remontée is never lost, not even by a power cut. The database is in WAL mode with `synchronous =
//! FULL`: a commit appends to the write-ahead log and syncs it (one `fsync`).
//!
//! Writes are grouped: [`JournalSqlite::ecrire`] adds its rows to the open transaction (the *batch*,
//! [`Lot`]), and [`JournalSqlite::valider`] commits it. The engine thread ([`crate::fil_noyau`])
//! commits once it has applied every request waiting in its queue, so that requests arriving
//! together share one commit; each is answered once its batch is committed. If a batch cannot be
//! committed it is rolled back whole ([`JournalSqlite::prendre_lots_annules`] says which), and none
//! of its requests is answered as applied. A sync cost about 4 ms on the benchmark machine
//! under load (0.3 ms when it is quiet): one per request allowed 60 requests a second, one per
//! batch allows tens of thousands (BENCHMARKS.md, server section).
//!
//! Checkpoints (the log copied back into the database file, which is then synced, so that the log
//! can start over) are not left to SQLite, which runs them inside the commit that brings the log to
//! 1,000 pages: the requests of that batch, and those queued behind it, waited a few ms more (the
//! server's p99, BENCHMARKS.md). The engine thread runs them instead, on a shorter log, once the
//! batch's requests are answered ([`JournalSqlite::point_de_controle_si_besoin`]).
//!
//! A session starts at each scenario load; a restart replays the commands of the last session.
//!
//! Passwords never reach this module: bodies are masked by the caller ([`crate::masque`]), and
//! commands carry none by construction.

use std::cell::Cell;
use std::ffi::c_int;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::moteur::Commande;

/// The database file inside the data folder.
pub const FICHIER: &str = "journal.sqlite3";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS commandes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session INTEGER NOT NULL,
    horodatage TEXT NOT NULL,
    nom TEXT NOT NULL,
    commande TEXT NOT NULL,
    message INTEGER
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session INTEGER NOT NULL,
    horodatage TEXT NOT NULL,
    jour TEXT NOT NULL,
    sens TEXT NOT NULL,
    canal TEXT NOT NULL,
    route TEXT NOT NULL,
    corps TEXT,
    statut INTEGER,
    reponse TEXT,
    verdict TEXT NOT NULL,
    detail TEXT,
    doublon_de INTEGER,
    tentative INTEGER
);
CREATE INDEX IF NOT EXISTS messages_session ON messages (session, id);
";

/// Pages of log past which a checkpoint is due: a quarter of SQLite's default (1,000). Smaller
/// checkpoints, more often, each holding the engine thread less long: at 1,000 pages the server's
/// p99 stayed at 5.7–6.3 ms, at 500 it was 4.4–4.6 ms, at 250 3.6–4.0 ms, for a few % of
/// throughput (BENCHMARKS.md, server section).
const PAGES_AVANT_POINT_DE_CONTROLE: i32 = 250;

thread_local! {
    /// Pages in the log after the last commit made on this thread, as SQLite's WAL hook tells it.
    /// The hook is a plain function (it cannot reach the journal); the journal reads the count on
    /// the same thread right after its commit.
    static PAGES_DU_LOG: Cell<i32> = const { Cell::new(0) };
}

fn noter_pages_du_log(_: &rusqlite::hooks::Wal, pages: c_int) -> rusqlite::Result<()> {
    PAGES_DU_LOG.with(|compte| compte.set(pages));
    Ok(())
}

/// Why the journal cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ErreurJournal {
    #[error("journal {chemin} : {source}")]
    Sqlite {
        chemin: PathBuf,
        source: rusqlite::Error,
    },
    #[error("dossier de données {chemin} : {source}")]
    Dossier {
        chemin: PathBuf,
        source: std::io::Error,
    },
    #[error("journal {chemin} : écriture non validée, rien n'a été appliqué ({raison})")]
    LotNonValide { chemin: PathBuf, raison: String },
    #[error("journal {chemin} : hors service depuis un échec d'écriture que le moteur n'a pas pu défaire ({raison}) ; redémarrez le serveur")]
    HorsService { chemin: PathBuf, raison: String },
    #[error("journal {chemin} : commande n° {seq} illisible ({raison})")]
    CommandeIllisible {
        chemin: PathBuf,
        seq: i64,
        raison: String,
    },
}

/// Which way a message went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sens {
    /// Received by the mock (remontée, admin call).
    Entrant,
    /// Sent by the mock (OPI to the connector, files written).
    Sortant,
}

/// What became of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Processed: `OK`, or a delivery the connector acknowledged.
    Ok,
    /// Processed and refused by the core (`NOK`), or refused by the connector (SOAP fault, `NOK`).
    Nok,
    /// Refused before reaching the core (malformed, wrong type, bad value, wrong content type…).
    Refuse,
    /// The same remontée as one already accepted: answered the same, not applied again.
    Doublon,
    /// A fault injected on purpose (`PUT /__admin/pannes`).
    PanneInjectee,
    /// A delivery attempt that failed (connector down, HTTP 500, timeout, malformed answer).
    Echec,
}

/// A message to journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NouveauMessage {
    pub jour: Date,
    pub sens: Sens,
    pub canal: &'static str,
    pub route: String,
    /// The body, passwords masked.
    pub corps: Option<String>,
    pub statut: Option<u16>,
    pub reponse: Option<String>,
    pub verdict: Verdict,
    pub detail: Option<String>,
    pub doublon_de: Option<i64>,
    pub tentative: Option<u32>,
}

/// A journaled message, as `GET /__admin/journal` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Message {
    pub id: i64,
    pub session: i64,
    /// When the mock handled it (UTC, RFC 3339).
    pub horodatage: String,
    /// The simulated day.
    #[schema(value_type = String, format = Date)]
    pub jour: Date,
    #[schema(value_type = String)]
    pub sens: Sens,
    pub canal: String,
    pub route: String,
    pub corps: Option<String>,
    pub statut: Option<u16>,
    pub reponse: Option<String>,
    #[schema(value_type = String)]
    pub verdict: Verdict,
    pub detail: Option<String>,
    pub doublon_de: Option<i64>,
    pub tentative: Option<u32>,
}

/// A command read back for replay.
#[derive(Clone, Debug, PartialEq)]
pub struct CommandeJournalisee {
    pub seq: i64,
    pub commande: Commande,
    pub message: Option<i64>,
}

/// What one write produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ecrit {
    pub session: i64,
    /// The ids of the messages written, in order.
    pub messages: Vec<i64>,
    /// The batch the rows were added to: they are on disk once it is committed.
    pub lot: Lot,
}

/// The number of a batch of writes (one transaction). Batches are numbered in the order they open,
/// and each is closed — committed or rolled back — before the next opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Lot(u64);

pub struct JournalSqlite {
    connexion: Connection,
    chemin: PathBuf,
    session: Option<i64>,
    /// The batch being filled (an open transaction), if any.
    lot_ouvert: Option<Lot>,
    prochain_lot: u64,
    /// The batches rolled back since [`JournalSqlite::prendre_lots_annules`] last took them, with
    /// why: their requests are answered that nothing of them was applied.
    lots_annules: Vec<(Lot, String)>,
    /// Pages in the log after the last commit (see [`JournalSqlite::point_de_controle_si_besoin`]).
    pages_du_log: i32,
}

fn maintenant() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
}

fn texte_sens(sens: Sens) -> &'static str {
    match sens {
        Sens::Entrant => "entrant",
        Sens::Sortant => "sortant",
    }
}

/// The verdict as stored: its serde name (checked by a test), without going through JSON on every
/// write.
fn texte_verdict(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Ok => "ok",
        Verdict::Nok => "nok",
        Verdict::Refuse => "refuse",
        Verdict::Doublon => "doublon",
        Verdict::PanneInjectee => "panne_injectee",
        Verdict::Echec => "echec",
    }
}

impl JournalSqlite {
    /// Opens (or creates) the journal in `dossier`, creating the folder if needed.
    pub fn ouvrir(dossier: &Path) -> Result<JournalSqlite, ErreurJournal> {
        std::fs::create_dir_all(dossier).map_err(|source| ErreurJournal::Dossier {
            chemin: dossier.to_path_buf(),
            source,
        })?;
        let chemin = dossier.join(FICHIER);
        let sqlite = |source| ErreurJournal::Sqlite {
            chemin: chemin.clone(),
            source,
        };
        let connexion = Connection::open(&chemin).map_err(sqlite)?;
        // One fsync of the log per commit; commits are grouped (see the module doc).
        connexion
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .map_err(sqlite)?;
        connexion
            .pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite)?;
        connexion.execute_batch(SCHEMA).map_err(sqlite)?;
        // Replaces SQLite's own checkpoint inside the commit (see the module doc).
        connexion.wal_hook(Some(noter_pages_du_log));
        let session = connexion
            .query_row("SELECT MAX(session) FROM commandes", [], |row| {
                row.get::<_, Option<i64>>(0)
            })
            .map_err(sqlite)?;
        Ok(JournalSqlite {
            connexion,
            chemin,
            session,
            lot_ouvert: None,
            prochain_lot: 0,
            lots_annules: Vec::new(),
            pages_du_log: 0,
        })
    }

    /// The connection itself, for tests that make SQLite fail on purpose.
    #[cfg(test)]
    pub(crate) fn sqlite(&self) -> &Connection {
        &self.connexion
    }

    /// The batches rolled back since the last call, with why (the engine thread takes them after
    /// each commit to answer their requests).
    pub fn prendre_lots_annules(&mut self) -> Vec<(Lot, String)> {
        std::mem::take(&mut self.lots_annules)
    }

    /// The batch being filled, if rows are waiting to be committed.
    pub fn lot_ouvert(&self) -> Option<Lot> {
        self.lot_ouvert
    }

    /// Commits the open batch, if any. On failure it is rolled back: none of its rows is on disk.
    pub fn valider(&mut self) -> Result<(), ErreurJournal> {
        if self.lot_ouvert.is_none() {
            return Ok(());
        }
        match self.connexion.execute_batch("COMMIT") {
            Ok(()) => {
                self.lot_ouvert = None;
                self.pages_du_log = PAGES_DU_LOG.with(Cell::get);
                Ok(())
            }
            Err(source) => {
                let erreur = self.erreur(source);
                self.annuler_lot(&erreur);
                Err(erreur)
            }
        }
    }

    /// Pages in the log after the last commit.
    pub fn pages_du_log(&self) -> i32 {
        self.pages_du_log
    }

    /// Copies the log into the database file and syncs it (a checkpoint) once the log holds
    /// [`PAGES_AVANT_POINT_DE_CONTROLE`] pages and no batch is open; the next commit then starts the
    /// log over. The engine thread calls it after answering a batch, so that no request waits for
    /// it. Durability does not depend on it: every commit is synced to the log already.
    pub fn point_de_controle_si_besoin(&mut self) -> Result<(), ErreurJournal> {
        if self.pages_du_log < PAGES_AVANT_POINT_DE_CONTROLE || self.lot_ouvert.is_some() {
            return Ok(());
        }
        // Tried again after the next commit if it fails: the count comes back then.
        self.pages_du_log = 0;
        self.connexion
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .map_err(|source| self.erreur(source))
    }

    /// Rolls the open batch back, if any: its requests are told `raison`.
    pub fn abandonner_lot(&mut self, raison: String) {
        let cause = self.lot_non_valide(raison);
        self.annuler_lot(&cause);
    }

    /// Rolls the open batch back and tells its requests why.
    fn annuler_lot(&mut self, cause: &ErreurJournal) {
        let Some(lot) = self.lot_ouvert.take() else {
            return;
        };
        if let Err(erreur) = self.connexion.execute_batch("ROLLBACK") {
            // SQLite rolls back by itself after some failures; nothing more to undo then.
            tracing::debug!(%erreur, "ROLLBACK sans transaction ouverte");
        }
        // A session opened in the batch is gone with it.
        self.session = self
            .connexion
            .query_row("SELECT MAX(session) FROM commandes", [], |row| row.get(0))
            .unwrap_or(self.session);
        self.lots_annules.push((lot, cause.to_string()));
    }

    /// The error told to a request whose batch was rolled back for `raison`.
    pub fn lot_non_valide(&self, raison: String) -> ErreurJournal {
        ErreurJournal::LotNonValide {
            chemin: self.chemin.clone(),
            raison,
        }
    }

    pub fn chemin(&self) -> &Path {
        &self.chemin
    }

    /// The current session (the `seq` of its load command), `None` on an empty journal.
    pub fn session(&self) -> Option<i64> {
        self.session
    }

    fn erreur(&self, source: rusqlite::Error) -> ErreurJournal {
        ErreurJournal::Sqlite {
            chemin: self.chemin.clone(),
            source,
        }
    }

    /// The commands of the current session, in order.
    pub fn commandes_de_la_session(&self) -> Result<Vec<CommandeJournalisee>, ErreurJournal> {
        let Some(session) = self.session else {
            return Ok(Vec::new());
        };
        let mut requete = self
            .connexion
            .prepare("SELECT seq, commande, message FROM commandes WHERE session = ?1 ORDER BY seq")
            .map_err(|e| self.erreur(e))?;
        let lignes = requete
            .query_map([session], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<i64>>(2)?,
                ))
            })
            .map_err(|e| self.erreur(e))?;
        let mut commandes = Vec::new();
        for ligne in lignes {
            let (seq, texte, message) = ligne.map_err(|e| self.erreur(e))?;
            let commande =
                serde_json::from_str(&texte).map_err(|e| ErreurJournal::CommandeIllisible {
                    chemin: self.chemin.clone(),
                    seq,
                    raison: e.to_string(),
                })?;
            commandes.push(CommandeJournalisee {
                seq,
                commande,
                message,
            });
        }
        Ok(commandes)
    }

    /// Adds the commands and the messages to the open batch (opening one if needed); they are on disk
    /// once [`JournalSqlite::valider`] commits it. A `Charger` command starts a new session, to which
    /// the messages then belong; each command points to the first message. On failure the whole batch
    /// is rolled back, other requests' rows included.
    pub fn ecrire(
        &mut self,
        commandes: &[Commande],
        messages: &[NouveauMessage],
    ) -> Result<Ecrit, ErreurJournal> {
        let lot = match self.lot_ouvert {
            Some(lot) => lot,
            None => {
                self.connexion
                    .execute_batch("BEGIN IMMEDIATE")
                    .map_err(|e| self.erreur(e))?;
                let lot = Lot(self.prochain_lot);
                self.prochain_lot += 1;
                self.lot_ouvert = Some(lot);
                lot
            }
        };
        match self.inserer(commandes, messages) {
            Ok((session, messages)) => {
                self.session = Some(session);
                Ok(Ecrit {
                    session,
                    messages,
                    lot,
                })
            }
            Err(erreur) => {
                self.annuler_lot(&erreur);
                Err(erreur)
            }
        }
    }

    /// The rows of one write, inside the open transaction: the session and the message ids.
    ///
    /// Messages are inserted first, so that each command is inserted pointing to the first of them
    /// (one row written per command, not a row then its update) — unless a command opens a session:
    /// the session is that command's `seq`, which its messages need.
    fn inserer(
        &self,
        commandes: &[Commande],
        messages: &[NouveauMessage],
    ) -> Result<(i64, Vec<i64>), ErreurJournal> {
        let horodatage = maintenant();
        if commandes
            .iter()
            .any(|commande| matches!(commande, Commande::Charger { .. }))
        {
            let (session, seqs) = self.inserer_commandes(commandes, &horodatage, None)?;
            let ids = self.inserer_messages(messages, session, &horodatage)?;
            if let Some(premier) = ids.first() {
                for seq in &seqs {
                    self.connexion
                        .prepare_cached("UPDATE commandes SET message = ?1 WHERE seq = ?2")
                        .and_then(|mut requete| requete.execute([*premier, *seq]))
                        .map_err(|source| self.erreur(source))?;
                }
            }
            return Ok((session, ids));
        }
        let session = self.session.unwrap_or(0);
        let ids = self.inserer_messages(messages, session, &horodatage)?;
        self.inserer_commandes(commandes, &horodatage, ids.first().copied())?;
        Ok((session, ids))
    }

    /// Inserts the commands (each pointing to `message`); the session they end in, and their `seq`.
    fn inserer_commandes(
        &self,
        commandes: &[Commande],
        horodatage: &str,
        message: Option<i64>,
    ) -> Result<(i64, Vec<i64>), ErreurJournal> {
        let mut session = self.session;
        let mut seqs = Vec::with_capacity(commandes.len());
        for commande in commandes {
            let texte =
                serde_json::to_string(commande).map_err(|e| ErreurJournal::CommandeIllisible {
                    chemin: self.chemin.clone(),
                    seq: 0,
                    raison: e.to_string(),
                })?;
            self.connexion
                .prepare_cached(
                    "INSERT INTO commandes (session, horodatage, nom, commande, message) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .and_then(|mut requete| {
                    requete.execute(params![
                        session.unwrap_or(0),
                        horodatage,
                        commande.nom(),
                        texte,
                        message
                    ])
                })
                .map_err(|source| self.erreur(source))?;
            let seq = self.connexion.last_insert_rowid();
            if matches!(commande, Commande::Charger { .. }) {
                self.connexion
                    .prepare_cached("UPDATE commandes SET session = ?1 WHERE seq = ?1")
                    .and_then(|mut requete| requete.execute([seq]))
                    .map_err(|source| self.erreur(source))?;
                session = Some(seq);
            }
            seqs.push(seq);
        }
        Ok((session.unwrap_or(0), seqs))
    }

    /// Inserts the messages into `session`; their ids, in order.
    fn inserer_messages(
        &self,
        messages: &[NouveauMessage],
        session: i64,
        horodatage: &str,
    ) -> Result<Vec<i64>, ErreurJournal> {
        let mut ids = Vec::with_capacity(messages.len());
        for message in messages {
            self.connexion
                .prepare_cached(
                    "INSERT INTO messages (session, horodatage, jour, sens, canal, route, corps, statut, reponse, verdict, detail, doublon_de, tentative)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .and_then(|mut requete| {
                    requete.execute(params![
                        session,
                        horodatage,
                        message.jour.to_string(),
                        texte_sens(message.sens),
                        message.canal,
                        message.route,
                        message.corps,
                        message.statut,
                        message.reponse,
                        texte_verdict(message.verdict),
                        message.detail,
                        message.doublon_de,
                        message.tentative,
                    ])
                })
                .map_err(|source| self.erreur(source))?;
            ids.push(self.connexion.last_insert_rowid());
        }
        Ok(ids)
    }

    /// The messages of the current session (or of every session), from id `depuis` on, oldest first.
    pub fn messages(
        &self,
        toutes_sessions: bool,
        depuis: i64,
        limite: u32,
    ) -> Result<Vec<Message>, ErreurJournal> {
        let session = if toutes_sessions {
            None
        } else {
            Some(self.session.unwrap_or(0))
        };
        let mut requete = self
            .connexion
            .prepare(
                "SELECT id, session, horodatage, jour, sens, canal, route, corps, statut, reponse, verdict, detail, doublon_de, tentative
                 FROM messages WHERE (?1 IS NULL OR session = ?1) AND id >= ?2 ORDER BY id LIMIT ?3",
            )
            .map_err(|e| self.erreur(e))?;
        let lignes = requete
            .query_map(params![session, depuis, limite], |row| {
                let jour: String = row.get(3)?;
                let sens: String = row.get(4)?;
                let verdict: String = row.get(10)?;
                Ok(Message {
                    id: row.get(0)?,
                    session: row.get(1)?,
                    horodatage: row.get(2)?,
                    jour: lire_date(&jour),
                    sens: serde_json::from_value(serde_json::Value::String(sens))
                        .unwrap_or(Sens::Entrant),
                    canal: row.get(5)?,
                    route: row.get(6)?,
                    corps: row.get(7)?,
                    statut: row.get(8)?,
                    reponse: row.get(9)?,
                    verdict: serde_json::from_value(serde_json::Value::String(verdict))
                        .unwrap_or(Verdict::Refuse),
                    detail: row.get(11)?,
                    doublon_de: row.get(12)?,
                    tentative: row.get(13)?,
                })
            })
            .map_err(|e| self.erreur(e))?;
        lignes
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.erreur(e))
    }

    /// How many commands the journal holds, every session included.
    pub fn nombre_commandes(&self) -> Result<i64, ErreurJournal> {
        self.connexion
            .query_row("SELECT COUNT(*) FROM commandes", [], |row| row.get(0))
            .map_err(|e| self.erreur(e))
    }
}

/// Dates are written `YYYY-MM-DD` by `Date`'s `Display`.
fn lire_date(texte: &str) -> Date {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(texte, &format).unwrap_or(Date::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Commits one message whose body is `octets` long.
    fn ecrire_message(journal: &mut JournalSqlite, octets: usize) {
        let message = NouveauMessage {
            jour: Date::MIN,
            sens: Sens::Entrant,
            canal: "api_rest",
            route: "POST /ApiRest/majInscriptionAdministrative".to_owned(),
            corps: Some("x".repeat(octets)),
            statut: Some(200),
            reponse: None,
            verdict: Verdict::Ok,
            detail: None,
            doublon_de: None,
            tentative: None,
        };
        journal.ecrire(&[], &[message]).unwrap();
        journal.valider().unwrap();
    }

    #[test]
    fn the_log_grows_until_a_checkpoint_then_starts_over() {
        let dossier = tempfile::tempdir().unwrap();
        let mut journal = JournalSqlite::ouvrir(dossier.path()).unwrap();
        // 64 KiB a message: the threshold in pages of 4 KiB is reached in a few dozen messages.
        for _ in 0..200 {
            if journal.pages_du_log() >= PAGES_AVANT_POINT_DE_CONTROLE {
                break;
            }
            ecrire_message(&mut journal, 64 * 1024);
        }
        assert!(
            journal.pages_du_log() >= PAGES_AVANT_POINT_DE_CONTROLE,
            "the WAL hook counts the log's pages: {}",
            journal.pages_du_log()
        );
        // SQLite does not checkpoint by itself, nor does the journal while a batch is open: the
        // log keeps growing.
        let avant = journal.pages_du_log();
        journal.ecrire(&[], &[]).unwrap();
        journal.point_de_controle_si_besoin().unwrap();
        journal.valider().unwrap();
        ecrire_message(&mut journal, 10);
        assert!(journal.pages_du_log() > avant, "{}", journal.pages_du_log());

        journal.point_de_controle_si_besoin().unwrap();
        ecrire_message(&mut journal, 10);
        assert!(
            journal.pages_du_log() < 10,
            "the log started over: {} pages",
            journal.pages_du_log()
        );
        // Nothing was lost on the way.
        let messages = journal.messages(true, 0, 10_000).unwrap();
        assert_eq!(
            messages.last().map(|m| m.corps.as_deref()),
            Some(Some("x".repeat(10).as_str()))
        );
    }

    #[test]
    fn a_short_log_is_left_alone() {
        let dossier = tempfile::tempdir().unwrap();
        let mut journal = JournalSqlite::ouvrir(dossier.path()).unwrap();
        ecrire_message(&mut journal, 10);
        let court = journal.pages_du_log();
        journal.point_de_controle_si_besoin().unwrap();
        ecrire_message(&mut journal, 10);
        assert!(journal.pages_du_log() > court, "short log left alone");
    }

    #[test]
    fn verdicts_are_stored_under_their_serde_name_and_read_back() {
        let verdicts = [
            Verdict::Ok,
            Verdict::Nok,
            Verdict::Refuse,
            Verdict::Doublon,
            Verdict::PanneInjectee,
            Verdict::Echec,
        ];
        for verdict in verdicts {
            let texte = texte_verdict(verdict);
            assert_eq!(serde_json::to_value(verdict).unwrap(), texte);
            let relu: Verdict =
                serde_json::from_value(serde_json::Value::String(texte.to_owned())).unwrap();
            assert_eq!(relu, verdict);
        }
    }
}
