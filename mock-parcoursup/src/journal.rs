//! The journal in SQLite, under the data folder: every message in and out with its verdict (what
//! people read), and every [`Commande`] applied to the engine (what a restart replays).
//!
//! A write is one transaction, committed before the server answers: an acknowledged remontée is never
//! lost when the server process stops, crashes or is killed. The database is in WAL mode with
//! `synchronous = NORMAL`: a commit appends to the write-ahead log (one `write`, no `fsync`), and the
//! log is synced to disk at each checkpoint. So a crash of the *machine* (power loss, kernel panic) may
//! lose the transactions committed since the last checkpoint — the database itself stays consistent —
//! while a crash of the *process* loses nothing. Syncing every commit (`FULL`) cost one `fsync` per
//! request, 4 ms on the benchmark machine: 60 requests a second (BENCHMARKS.md, server section).
//! A session starts at each scenario load; a restart replays the commands of the last session.
//!
//! Passwords never reach this module: bodies are masked by the caller ([`crate::masque`]), and
//! commands carry none by construction.

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
}

pub struct JournalSqlite {
    connexion: Connection,
    chemin: PathBuf,
    session: Option<i64>,
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

fn texte_verdict(verdict: Verdict) -> String {
    serde_json::to_value(verdict)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
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
        // Durable across a process crash, synced at checkpoints (see the module doc).
        connexion
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .map_err(sqlite)?;
        connexion
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite)?;
        connexion.execute_batch(SCHEMA).map_err(sqlite)?;
        let session = connexion
            .query_row("SELECT MAX(session) FROM commandes", [], |row| {
                row.get::<_, Option<i64>>(0)
            })
            .map_err(sqlite)?;
        Ok(JournalSqlite {
            connexion,
            chemin,
            session,
        })
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

    /// Writes the commands and the messages in one transaction. A `Charger` command starts a new
    /// session, to which the messages then belong; each command points to the first message.
    pub fn ecrire(
        &mut self,
        commandes: &[Commande],
        messages: &[NouveauMessage],
    ) -> Result<Ecrit, ErreurJournal> {
        let horodatage = maintenant();
        let chemin = self.chemin.clone();
        let sqlite = |source| ErreurJournal::Sqlite {
            chemin: chemin.clone(),
            source,
        };
        let transaction = self.connexion.transaction().map_err(sqlite)?;
        let mut session = self.session;
        let mut seqs = Vec::with_capacity(commandes.len());
        for commande in commandes {
            let texte =
                serde_json::to_string(commande).map_err(|e| ErreurJournal::CommandeIllisible {
                    chemin: chemin.clone(),
                    seq: 0,
                    raison: e.to_string(),
                })?;
            transaction
                .execute(
                    "INSERT INTO commandes (session, horodatage, nom, commande) VALUES (?1, ?2, ?3, ?4)",
                    params![session.unwrap_or(0), horodatage, commande.nom(), texte],
                )
                .map_err(sqlite)?;
            let seq = transaction.last_insert_rowid();
            if matches!(commande, Commande::Charger { .. }) {
                transaction
                    .execute("UPDATE commandes SET session = ?1 WHERE seq = ?1", [seq])
                    .map_err(sqlite)?;
                session = Some(seq);
            }
            seqs.push(seq);
        }
        let session = session.unwrap_or(0);
        let mut ids = Vec::with_capacity(messages.len());
        for message in messages {
            transaction
                .execute(
                    "INSERT INTO messages (session, horodatage, jour, sens, canal, route, corps, statut, reponse, verdict, detail, doublon_de, tentative)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    params![
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
                    ],
                )
                .map_err(sqlite)?;
            ids.push(transaction.last_insert_rowid());
        }
        if let Some(premier) = ids.first() {
            for seq in &seqs {
                transaction
                    .execute(
                        "UPDATE commandes SET message = ?1 WHERE seq = ?2",
                        [*premier, *seq],
                    )
                    .map_err(sqlite)?;
            }
        }
        transaction.commit().map_err(sqlite)?;
        self.session = Some(session);
        Ok(Ecrit {
            session,
            messages: ids,
        })
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
