//! The connector's journal in SQLite, under the data folder: every [`Commande`] that changes the
//! connector's state, committed before the connector answers, so that a restart replays it.
//!
//! A write is one transaction, committed (and so synced to disk, SQLite's default `synchronous =
//! FULL`) before the call returns. A session starts at each [`Commande::Charger`] (start on an
//! empty folder, `POST /etats/reset`); a restart replays the last session, and older sessions stay
//! on disk. The layout follows the mock's journal (`mock-parcoursup/src/journal.rs`), without its
//! table of messages: the connector keeps no transcript.
//!
//! It is Apogée's database: like Apogée's own set-up it holds the remontée webservice's
//! credentials (a restart must still be able to send), so the file is made readable by its owner
//! only. Every failure is a French [`ErreurJournal`] naming the file and the reason, never a panic.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, ErrorCode};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::commande::Commande;

/// The database file inside the data folder (not the mock's name: both may share one folder).
pub const FICHIER: &str = "connecteur.sqlite3";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS commandes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session INTEGER NOT NULL,
    horodatage TEXT NOT NULL,
    nom TEXT NOT NULL,
    commande TEXT NOT NULL
);
";

/// Why the journal cannot be used. French, naming the file (or folder) and the reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErreurJournal {
    #[error("journal {chemin} : {raison}")]
    Base { chemin: PathBuf, raison: String },
    #[error("dossier de données {chemin} : {raison}")]
    Dossier { chemin: PathBuf, raison: String },
    #[error("journal {chemin} : commande n° {seq} illisible ({raison})")]
    CommandeIllisible {
        chemin: PathBuf,
        seq: i64,
        raison: String,
    },
    #[error("journal {chemin} : commande n° {seq} impossible à rejouer ({raison})")]
    Rejeu {
        chemin: PathBuf,
        seq: i64,
        raison: String,
    },
}

/// A command read back for replay, with its number in the journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandeJournalisee {
    pub seq: i64,
    pub commande: Commande,
}

pub struct JournalConnecteur {
    connexion: Connection,
    chemin: PathBuf,
    /// The `seq` of the current session's `Charger` command; `None` on an empty journal.
    session: Option<i64>,
}

impl std::fmt::Debug for JournalConnecteur {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalConnecteur")
            .field("chemin", &self.chemin)
            .field("session", &self.session)
            .finish()
    }
}

impl JournalConnecteur {
    /// Opens (or creates) the journal in `dossier`, creating the folder if needed.
    pub fn ouvrir(dossier: &Path) -> Result<JournalConnecteur, ErreurJournal> {
        std::fs::create_dir_all(dossier).map_err(|e| ErreurJournal::Dossier {
            chemin: dossier.to_path_buf(),
            raison: raison_io(&e),
        })?;
        let chemin = dossier.join(FICHIER);
        let base = |e: rusqlite::Error| ErreurJournal::Base {
            chemin: chemin.clone(),
            raison: raison_sqlite(&e),
        };
        let connexion = Connection::open(&chemin).map_err(base)?;
        // SQLite opens lazily: a file that is not a database is found by the first statement.
        connexion.execute_batch(SCHEMA).map_err(base)?;
        proprietaire_seul(&chemin)?;
        let session = connexion
            .query_row(
                "SELECT session FROM commandes ORDER BY seq DESC LIMIT 1",
                [],
                |ligne| ligne.get::<_, i64>(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                autre => Err(base(autre)),
            })?;
        Ok(JournalConnecteur {
            connexion,
            chemin,
            session,
        })
    }

    pub fn chemin(&self) -> &Path {
        &self.chemin
    }

    /// The current session, `None` on an empty journal.
    pub fn session(&self) -> Option<i64> {
        self.session
    }

    fn erreur(&self, e: &rusqlite::Error) -> ErreurJournal {
        ErreurJournal::Base {
            chemin: self.chemin.clone(),
            raison: raison_sqlite(e),
        }
    }

    /// The commands of the current session, in order (its `Charger` first).
    pub fn commandes_de_la_session(&self) -> Result<Vec<CommandeJournalisee>, ErreurJournal> {
        let Some(session) = self.session else {
            return Ok(Vec::new());
        };
        let mut requete = self
            .connexion
            .prepare("SELECT seq, commande FROM commandes WHERE session = ?1 ORDER BY seq")
            .map_err(|e| self.erreur(&e))?;
        let lignes = requete
            .query_map([session], |ligne| {
                Ok((ligne.get::<_, i64>(0)?, ligne.get::<_, String>(1)?))
            })
            .map_err(|e| self.erreur(&e))?;
        let mut commandes = Vec::new();
        for ligne in lignes {
            let (seq, texte) = ligne.map_err(|e| self.erreur(&e))?;
            let commande =
                serde_json::from_str(&texte).map_err(|e| ErreurJournal::CommandeIllisible {
                    chemin: self.chemin.clone(),
                    seq,
                    raison: e.to_string(),
                })?;
            commandes.push(CommandeJournalisee { seq, commande });
        }
        Ok(commandes)
    }

    /// Writes one command and commits it. A `Charger` starts a new session (numbered by its own
    /// `seq`); the sessions before it stay in the file.
    pub fn ecrire(&mut self, commande: &Commande) -> Result<i64, ErreurJournal> {
        let texte =
            serde_json::to_string(commande).map_err(|e| ErreurJournal::CommandeIllisible {
                chemin: self.chemin.clone(),
                seq: 0,
                raison: e.to_string(),
            })?;
        let horodatage = OffsetDateTime::now_utc()
            .format(&Rfc3339)
            .unwrap_or_default();
        let chemin = self.chemin.clone();
        let base = |e: rusqlite::Error| ErreurJournal::Base {
            chemin: chemin.clone(),
            raison: raison_sqlite(&e),
        };
        let transaction = self.connexion.transaction().map_err(base)?;
        transaction
            .execute(
                "INSERT INTO commandes (session, horodatage, nom, commande) VALUES (?1, ?2, ?3, ?4)",
                params![self.session.unwrap_or(0), horodatage, commande.nom(), texte],
            )
            .map_err(base)?;
        let seq = transaction.last_insert_rowid();
        let nouvelle_session = matches!(commande, Commande::Charger { .. });
        if nouvelle_session {
            transaction
                .execute("UPDATE commandes SET session = ?1 WHERE seq = ?1", [seq])
                .map_err(base)?;
        }
        transaction.commit().map_err(base)?;
        if nouvelle_session {
            self.session = Some(seq);
        }
        Ok(seq)
    }

    /// How many commands the file holds, every session included.
    pub fn nombre_commandes(&self) -> Result<i64, ErreurJournal> {
        self.connexion
            .query_row("SELECT COUNT(*) FROM commandes", [], |ligne| ligne.get(0))
            .map_err(|e| self.erreur(&e))
    }
}

/// The credentials of the remontée webservice are in the file: its owner only may read it.
#[cfg(unix)]
fn proprietaire_seul(chemin: &Path) -> Result<(), ErreurJournal> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(chemin, std::fs::Permissions::from_mode(0o600)).map_err(|e| {
        ErreurJournal::Base {
            chemin: chemin.to_path_buf(),
            raison: format!("droits impossibles à restreindre : {}", raison_io(&e)),
        }
    })
}

#[cfg(not(unix))]
fn proprietaire_seul(_chemin: &Path) -> Result<(), ErreurJournal> {
    Ok(())
}

/// What went wrong, in French, with SQLite's own words after it for the specialist.
fn raison_sqlite(erreur: &rusqlite::Error) -> String {
    let raison = match erreur.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            "ce n'est pas une base SQLite (fichier corrompu, ou écrit par un autre programme)"
        }
        Some(ErrorCode::DatabaseCorrupt) => "base SQLite corrompue",
        Some(ErrorCode::CannotOpen) => {
            "ouverture impossible (dossier absent ou droits insuffisants)"
        }
        Some(ErrorCode::PermissionDenied) => "accès refusé",
        Some(ErrorCode::ReadOnly) => "fichier en lecture seule",
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "base verrouillée par un autre processus (un autre connecteur sur ce dossier ?)"
        }
        Some(ErrorCode::DiskFull) => "disque plein",
        Some(ErrorCode::SystemIoFailure) => "erreur d'entrée-sortie du système",
        _ => "erreur SQLite",
    };
    format!("{raison} ({erreur})")
}

fn raison_io(erreur: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let raison = match erreur.kind() {
        ErrorKind::PermissionDenied => "accès refusé",
        ErrorKind::NotADirectory | ErrorKind::AlreadyExists => "ce n'est pas un dossier",
        ErrorKind::ReadOnlyFilesystem => "système de fichiers en lecture seule",
        ErrorKind::StorageFull => "disque plein",
        _ => "erreur du système",
    };
    format!("{raison} ({erreur})")
}
