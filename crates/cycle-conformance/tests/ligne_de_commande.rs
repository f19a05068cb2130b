//! `conform` through its real entry point ([`cli::lancer`], what `mock-parcoursup conform` calls), in
//! a process of its own whose standard input and output are pipes, as an operator's terminal or a
//! file of answers would be: the interactive console writes to the real standard output while the
//! report waits to be written there too, and Ctrl-C must leave no temporary folder behind.
//!
//! Each test runs this very test binary again, filtered to itself, with [`ENFANT`] set: the child
//! starts the mock and the reference connector in its process and runs `conform --interactive`.
//! The parent plays the operator through the pipes. A child that never writes is stopped after
//! [`FILET`]: a safety net against a hang, not a measure of time.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use apogee_connector::http::{router, Partage};
use apogee_connector::Connecteur;
use cycle_conformance::cli::{self, ArgumentsConform, Format, SORTIE_ECART};

/// Set in the child: the scenario to play interactively.
const ENFANT: &str = "CYCLE_CONFORMANCE_ENFANT";

/// How long the parent waits for the child's next output before calling it hung.
const FILET: Duration = Duration::from_secs(120);

/// In the child process: `conform --interactive <scenario>` against this process's mock and
/// reference connector, then the process exits with its status. Does nothing in the parent.
fn jouer_en_enfant_si_demande() {
    let Ok(scenario) = std::env::var(ENFANT) else {
        return;
    };
    let connecteur = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let arguments = ArgumentsConform {
        connector: format!("http://{}", connecteur.local_addr().unwrap()),
        scenarios: vec![scenario],
        format: Format::Text,
        out: None,
        interactive: true,
        mock: None,
        fichiers: None,
    };
    connecteur.set_nonblocking(true).unwrap();
    let code = cli::lancer(&arguments, |donnees: PathBuf| async move {
        let connecteur = tokio::net::TcpListener::from_std(connecteur).unwrap();
        let partage = Partage::new(Connecteur::nouveau(
            apogee_connector::Parametrage::demo().unwrap(),
        ));
        tokio::spawn(async move { axum::serve(connecteur, router(partage)).await });
        let config = mock_parcoursup::ConfigServeur::par_defaut(donnees.join("web"), donnees);
        let application =
            mock_parcoursup::Application::demarrer(config).map_err(|e| e.to_string())?;
        let mock = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", mock.local_addr().unwrap());
        let routeur = mock_parcoursup::application_router(application);
        tokio::spawn(async move { axum::serve(mock, routeur).await });
        Ok(url)
    });
    std::process::exit(i32::from(code));
}

/// The child playing `scenario`, and what it writes, chunk by chunk.
struct Enfant {
    processus: Child,
    entree: Option<ChildStdin>,
    sortie: Receiver<Vec<u8>>,
    erreurs: std::thread::JoinHandle<String>,
    /// Everything written so far.
    ecran: String,
}

impl Enfant {
    fn lancer(test: &str, scenario: &str) -> Enfant {
        let mut processus = Command::new(std::env::current_exe().unwrap())
            .args([test, "--exact", "--nocapture", "--test-threads=1"])
            .env(ENFANT, scenario)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = processus.stdout.take().unwrap();
        let (envoi, sortie) = mpsc::channel();
        std::thread::spawn(move || {
            let mut tampon = [0u8; 4096];
            while let Ok(n @ 1..) = stdout.read(&mut tampon) {
                if envoi.send(tampon[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut stderr = processus.stderr.take().unwrap();
        let erreurs = std::thread::spawn(move || {
            let mut texte = String::new();
            let _ = stderr.read_to_string(&mut texte);
            texte
        });
        Enfant {
            entree: processus.stdin.take(),
            processus,
            sortie,
            erreurs,
            ecran: String::new(),
        }
    }

    /// Reads until what the child has written satisfies `assez`, or it has closed its output
    /// (false then).
    fn lire_tant_que(&mut self, assez: impl Fn(&str) -> bool) -> bool {
        while !assez(&self.ecran) {
            match self.sortie.recv_timeout(FILET) {
                Ok(morceau) => self.ecran.push_str(&String::from_utf8_lossy(&morceau)),
                Err(RecvTimeoutError::Disconnected) => return false,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.processus.kill();
                    panic!(
                        "conform n'écrit plus rien depuis {FILET:?} (bloqué ?) ; écran :\n{}",
                        self.ecran
                    );
                }
            }
        }
        true
    }

    /// Reads until the child asks for its `n`-th confirmation; that step's text.
    fn etape(&mut self, n: usize) -> String {
        let posee = self.lire_tant_que(|ecran| ecran.matches(INVITE).count() >= n);
        assert!(posee, "étape n° {n} jamais posée ; écran :\n{}", self.ecran);
        self.ecran
            .split(INVITE)
            .nth(n - 1)
            .unwrap_or_default()
            .to_owned()
    }

    fn repondre(&mut self, texte: &str) {
        let entree = self.entree.as_mut().unwrap();
        entree.write_all(texte.as_bytes()).unwrap();
        entree.flush().unwrap();
    }

    /// Reads to the end: the exit status, the output and the standard error. The input stays open
    /// until the child has ended: closed, it would end a run waiting for the operator by itself.
    fn terminer(mut self) -> Fin {
        self.lire_tant_que(|_| false);
        let statut = self.processus.wait().unwrap();
        drop(self.entree.take());
        Fin {
            code: statut.code(),
            ecran: self.ecran,
            erreurs: self.erreurs.join().unwrap(),
        }
    }
}

struct Fin {
    code: Option<i32>,
    ecran: String,
    erreurs: String,
}

const INVITE: &str = "Appuyez sur Entrée quand c'est fait… ";

#[test]
fn interactively_the_first_step_is_printed_and_the_report_follows() {
    jouer_en_enfant_si_demande();
    let mut enfant = Enfant::lancer(
        "interactively_the_first_step_is_printed_and_the_report_follows",
        "nominal_f",
    );
    // The operator's answers are a file of empty lines, read as the steps come.
    enfant.repondre(&"\n".repeat(200));
    let premiere = enfant.etape(1);
    assert!(
        premiere.contains("➜ Préparez la base Apogée de test pour le scénario"),
        "{premiere}"
    );
    let fin = enfant.terminer();
    let (etapes, rapport) = fin
        .ecran
        .split_once("Conformité du connecteur — 1 scénario(s)")
        .unwrap_or_else(|| panic!("aucun rapport : {}\n{}", fin.ecran, fin.erreurs));
    assert!(
        etapes.contains("lancez le traitement des remontées"),
        "{etapes}"
    );
    // Nothing was done in Apogée: the remontée Parcoursup expects never came.
    assert!(rapport.contains("✘ R13 1 écart(s)"), "{rapport}");
    assert_eq!(fin.code, Some(i32::from(SORTIE_ECART)), "{}", fin.erreurs);
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_a_step_removes_the_temporary_folders() {
    jouer_en_enfant_si_demande();
    let mut enfant = Enfant::lancer(
        "ctrl_c_at_a_step_removes_the_temporary_folders",
        "echec_bac_fichiers_plats",
    );
    const IMPORT: &str = "Importez dans Apogée les fichiers OPI du dossier ";
    // Every step is confirmed until a flat-file import whose folder holds the mock's files.
    let mut n = 1;
    let dossier = loop {
        let etape = enfant.etape(n);
        if let Some((_, suite)) = etape.split_once(IMPORT) {
            let chemin = suite.lines().next().unwrap_or_default();
            let dossier = PathBuf::from(chemin.strip_suffix('.').unwrap_or(chemin));
            if std::fs::read_dir(&dossier).unwrap().count() > 0 {
                break dossier;
            }
        }
        enfant.repondre("\n");
        n += 1;
    };
    let temporaire = dossier.parent().unwrap().to_owned();
    let nom = temporaire
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        nom.starts_with("conformite-fichiers-"),
        "{}",
        dossier.display()
    );
    // The operator presses Ctrl-C instead of importing the files.
    let pid = libc::pid_t::try_from(enfant.processus.id()).unwrap();
    // SAFETY: kill(2) only sends a signal, to the child this test started and has not reaped.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let fin = enfant.terminer();
    assert_eq!(
        fin.code,
        Some(i32::from(cli::SORTIE_INTERROMPU)),
        "{}\n{}",
        fin.ecran,
        fin.erreurs
    );
    assert!(
        fin.erreurs
            .contains("conform : interrompu ; les dossiers temporaires sont supprimés"),
        "{}",
        fin.erreurs
    );
    assert!(!temporaire.exists(), "{}", temporaire.display());
}
