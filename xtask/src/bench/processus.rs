//! The servers a benchmark starts: each on 127.0.0.1, its output in a log file, stopped when dropped.

use std::ffi::OsStr;
use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// `programme`, to run on the cores `coeurs` (a `taskset -c` list) when given, else anywhere. Its
/// threads and children inherit the cores.
pub fn commande_sur(coeurs: Option<&str>, programme: impl AsRef<OsStr>) -> Command {
    match coeurs {
        Some(coeurs) => {
            let mut commande = Command::new("taskset");
            commande.args(["-c", coeurs]).arg(programme);
            commande
        }
        None => Command::new(programme),
    }
}

/// A running server; killed when dropped, so that no benchmark leaves one behind.
pub struct Serveur {
    nom: String,
    enfant: Child,
    port: u16,
    journal: PathBuf,
}

/// A port free right now on 127.0.0.1 (the server binds it a moment later).
pub fn port_libre() -> Result<u16> {
    let ecoute = TcpListener::bind("127.0.0.1:0").context("aucun port libre sur 127.0.0.1")?;
    Ok(ecoute.local_addr()?.port())
}

impl Serveur {
    /// Starts `commande` (which must listen on `port`), its output to `journal`, and waits until
    /// the port accepts connections, at most `delai`.
    pub fn demarrer(
        nom: &str,
        mut commande: Command,
        port: u16,
        journal: &Path,
        delai: Duration,
    ) -> Result<Serveur> {
        let sortie =
            File::create(journal).with_context(|| format!("création de {}", journal.display()))?;
        let erreurs = sortie.try_clone()?;
        let enfant = commande
            .stdin(Stdio::null())
            .stdout(sortie)
            .stderr(erreurs)
            .spawn()
            .with_context(|| {
                format!("impossible de lancer {nom} ({:?})", commande.get_program())
            })?;
        let mut serveur = Serveur {
            nom: nom.to_owned(),
            enfant,
            port,
            journal: journal.to_path_buf(),
        };
        serveur.attendre_ecoute(delai)?;
        Ok(serveur)
    }

    fn attendre_ecoute(&mut self, delai: Duration) -> Result<()> {
        let debut = Instant::now();
        while debut.elapsed() < delai {
            if let Some(statut) = self.enfant.try_wait()? {
                bail!(
                    "{} s'est arrêté au démarrage ({statut}) ; voir {}",
                    self.nom,
                    self.journal.display()
                );
            }
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(100));
        }
        bail!(
            "{} n'écoute pas sur 127.0.0.1:{} après {} s ; voir {}",
            self.nom,
            self.port,
            delai.as_secs(),
            self.journal.display()
        )
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn pid(&self) -> u32 {
        self.enfant.id()
    }

    /// Whether the process is still running (a soak fails if the server died under load).
    pub fn en_vie(&mut self) -> bool {
        matches!(self.enfant.try_wait(), Ok(None))
    }
}

impl Drop for Serveur {
    fn drop(&mut self) {
        let _ = self.enfant.kill();
        let _ = self.enfant.wait();
    }
}
