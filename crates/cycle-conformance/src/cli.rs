//! `mock-parcoursup conform --connector <url> [scénarios…] [--format text|json|junit] [--out dossier]
//! [--interactive] [--mock url] [--fichiers dossier]`: the subcommand's arguments, the choice of
//! scenarios and the exit status. The binary parses the arguments and calls [`principal`], which
//! starts the mock in the process (or takes `--mock`), plays the scenarios ([`executer`]) and
//! removes its temporary folders at the end, on an error and on Ctrl-C.

use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cycle_scenario::integres::{self, INTEGRES};
use cycle_scenario::Scenario;

use crate::deroule::{Cibles, Harnais, SourceScenario};
use crate::interactif::Operateur;
use crate::rapport::{self, RapportConformite};

/// Arguments of `conform`.
#[derive(Clone, Debug, clap::Args)]
pub struct ArgumentsConform {
    /// URL du connecteur testé (http://hôte:port), qui expose l'API de contrôle /etats/.
    #[arg(long)]
    pub connector: String,
    /// Scénarios : fichiers .toml, dossiers qui en contiennent, ou noms de scénarios intégrés.
    /// Par défaut : tous les scénarios intégrés.
    pub scenarios: Vec<String>,
    /// Format du rapport affiché.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Dossier où écrire les trois rapports : rapport.txt, rapport.json, rapport-junit.xml.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Un opérateur fait chaque étape côté université à la main (base Apogée de test).
    #[arg(long)]
    pub interactive: bool,
    /// URL d'un mock Parcoursup déjà lancé ; sans elle, le mock démarre dans ce processus.
    #[arg(long)]
    pub mock: Option<String>,
    /// Dossier des fichiers plats, partagé par le mock et le connecteur, gardé à la fin [défaut :
    /// dossier temporaire, supprimé à la fin].
    #[arg(long)]
    pub fichiers: Option<PathBuf>,
}

/// Report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Junit,
}

/// Exit status: 0 every scenario conforms, 1 a deviation, 2 a run could not be completed or a
/// scenario could not be loaded, 130 interrupted.
pub const SORTIE_ECART: u8 = 1;
pub const SORTIE_ERREUR: u8 = 2;
/// Ctrl-C or SIGTERM stopped the run (128 + SIGINT, as shells report it).
pub const SORTIE_INTERROMPU: u8 = 130;

/// The scenarios named on the command line, each with its source (built-ins by default).
pub fn charger_scenarios(noms: &[String]) -> Result<Vec<(SourceScenario, Scenario)>, String> {
    if noms.is_empty() {
        return INTEGRES.iter().map(|i| charger_integre(i.nom)).collect();
    }
    let mut scenarios = Vec::new();
    for nom in noms {
        let chemin = Path::new(nom);
        if chemin.is_dir() {
            let mut fichiers: Vec<PathBuf> = std::fs::read_dir(chemin)
                .map_err(|e| format!("{nom} : lecture impossible ({e})"))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            fichiers.sort();
            for fichier in fichiers {
                scenarios.push(charger_fichier(&fichier)?);
            }
        } else if chemin.is_file() {
            scenarios.push(charger_fichier(chemin)?);
        } else {
            scenarios.push(charger_integre(nom)?);
        }
    }
    Ok(scenarios)
}

fn charger_integre(nom: &str) -> Result<(SourceScenario, Scenario), String> {
    let integre = integres::integre(nom).ok_or_else(|| {
        let noms: Vec<&str> = INTEGRES.iter().map(|i| i.nom).collect();
        format!(
            "{nom} : ni fichier, ni dossier, ni scénario intégré (intégrés : {})",
            noms.join(", ")
        )
    })?;
    let scenario = integre.charger().map_err(|e| e.to_string())?;
    Ok((SourceScenario::Integre(nom.to_owned()), scenario))
}

fn charger_fichier(chemin: &Path) -> Result<(SourceScenario, Scenario), String> {
    let texte = std::fs::read_to_string(chemin)
        .map_err(|e| format!("{} : lecture impossible ({e})", chemin.display()))?;
    let nom = chemin.display().to_string();
    let scenario = cycle_scenario::charger(&nom, &texte).map_err(|e| e.to_string())?;
    Ok((SourceScenario::Fichier { nom, texte }, scenario))
}

/// The whole subcommand for a binary: [`lancer`], its status as the process's.
pub fn principal<F, Fut>(arguments: &ArgumentsConform, demarrer_mock: F) -> ExitCode
where
    F: FnOnce(PathBuf) -> Fut,
    Fut: Future<Output = Result<String, String>>,
{
    ExitCode::from(lancer(arguments, demarrer_mock))
}

/// A runtime, the mock (`--mock`, or the one `demarrer_mock` starts in this process, given a
/// temporary data folder of its own), the run, the exit status. Ctrl-C (or SIGTERM) stops the run
/// with [`SORTIE_INTERROMPU`], after the temporary folders are removed.
pub fn lancer<F, Fut>(arguments: &ArgumentsConform, demarrer_mock: F) -> u8
where
    F: FnOnce(PathBuf) -> Fut,
    Fut: Future<Output = Result<String, String>>,
{
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("conform : démarrage du runtime tokio impossible : {e}");
            return SORTIE_ERREUR;
        }
    };
    let code = runtime.block_on(async {
        let arret = arret_demande();
        tokio::select! {
            code = jouer_contre_le_mock(arguments, demarrer_mock) => code,
            // The run's future is dropped here, and with it its temporary folders.
            () = arret => {
                eprintln!("conform : interrompu ; les dossiers temporaires sont supprimés");
                SORTIE_INTERROMPU
            }
        }
    });
    // The interactive console reads the standard input on a thread that cannot be cancelled:
    // waiting for it would hold the exit until the operator presses Entrée.
    runtime.shutdown_background();
    code
}

async fn jouer_contre_le_mock<F, Fut>(arguments: &ArgumentsConform, demarrer_mock: F) -> u8
where
    F: FnOnce(PathBuf) -> Fut,
    Fut: Future<Output = Result<String, String>>,
{
    // The in-process mock's data folder lives as long as the run, like the flat files' folder.
    let (mock, _donnees_mock) = match &arguments.mock {
        Some(url) => (url.clone(), None),
        None => match demarrer_mock_interne(demarrer_mock).await {
            Ok((url, donnees)) => (url, Some(donnees)),
            Err(e) => {
                eprintln!("conform : {e}");
                return SORTIE_ERREUR;
            }
        },
    };
    // Not `stdout().lock()` for the whole run: the interactive console writes its steps to the
    // standard output from another thread, which would wait for that lock forever.
    executer(arguments, &mock, &mut std::io::stdout()).await
}

/// The mock `demarrer_mock` starts in this process, on a temporary data folder: its URL, and the
/// folder, removed when dropped.
async fn demarrer_mock_interne<F, Fut>(
    demarrer_mock: F,
) -> Result<(String, tempfile::TempDir), String>
where
    F: FnOnce(PathBuf) -> Fut,
    Fut: Future<Output = Result<String, String>>,
{
    let donnees = dossier_temporaire("conformite-mock-")?;
    let url = demarrer_mock(donnees.path().to_owned())
        .await
        .map_err(|e| format!("le mock Parcoursup ne démarre pas : {e}"))?;
    Ok((url, donnees))
}

/// A folder under the system's temporary folder, removed when dropped.
fn dossier_temporaire(prefixe: &str) -> Result<tempfile::TempDir, String> {
    tempfile::Builder::new()
        .prefix(prefixe)
        .tempdir()
        .map_err(|e| {
            format!(
                "{}/{prefixe}… : création du dossier temporaire impossible ({e})",
                std::env::temp_dir().display()
            )
        })
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM. The handlers are installed when this is called, so
/// that a signal arriving before the first poll is not lost; one that cannot be installed never
/// completes.
#[cfg(unix)]
fn arret_demande() -> impl Future<Output = ()> {
    use tokio::signal::unix::{signal, Signal, SignalKind};
    async fn recevoir(signal: Option<Signal>) {
        match signal {
            Some(mut signal) => {
                signal.recv().await;
            }
            None => std::future::pending().await,
        }
    }
    let interruption = signal(SignalKind::interrupt()).ok();
    let terminaison = signal(SignalKind::terminate()).ok();
    async move {
        tokio::select! {
            () = recevoir(interruption) => {}
            () = recevoir(terminaison) => {}
        }
    }
}

#[cfg(not(unix))]
fn arret_demande() -> impl Future<Output = ()> {
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Plays the scenarios against the connector and the mock at `mock`, writes the reports and returns
/// the exit status. Without `--fichiers`, the flat files go to a temporary folder removed on return
/// (or when this future is dropped).
pub async fn executer(arguments: &ArgumentsConform, mock: &str, sortie: &mut dyn Write) -> u8 {
    let scenarios = match charger_scenarios(&arguments.scenarios) {
        Ok(s) => s,
        Err(erreur) => {
            let _ = writeln!(sortie, "conform : {erreur}");
            return SORTIE_ERREUR;
        }
    };
    let (dossier_fichiers, _temporaire) = match &arguments.fichiers {
        Some(dossier) => (dossier.clone(), None),
        None => match dossier_temporaire("conformite-fichiers-") {
            Ok(temporaire) => (temporaire.path().to_owned(), Some(temporaire)),
            Err(erreur) => {
                let _ = writeln!(sortie, "conform : {erreur}");
                return SORTIE_ERREUR;
            }
        },
    };
    let cibles = Cibles {
        mock: mock.to_owned(),
        connecteur: arguments.connector.clone(),
        dossier_fichiers,
    };
    let operateur = if arguments.interactive {
        Operateur::au_terminal()
    } else {
        Operateur::Api
    };
    let mut harnais = Harnais::new(&cibles, operateur);
    let mut rapports = Vec::new();
    for (source, scenario) in &scenarios {
        rapports.push(harnais.jouer(source, scenario).await);
    }
    if arguments.interactive {
        // Answers read from a file or a pipe are not echoed: the report starts on a line of its own.
        let _ = writeln!(sortie);
    }
    ecrire(arguments, &rapports, sortie)
}

/// Prints the report in the chosen format, writes the three files under `--out`, and returns the
/// exit status.
pub fn ecrire(
    arguments: &ArgumentsConform,
    rapports: &[RapportConformite],
    sortie: &mut dyn Write,
) -> u8 {
    let rendu = match arguments.format {
        Format::Text => rapport::texte(rapports),
        Format::Json => rapport::json(rapports),
        Format::Junit => rapport::junit(rapports),
    };
    let _ = sortie.write_all(rendu.as_bytes());
    let _ = sortie.flush();
    if let Some(dossier) = &arguments.out {
        let ecrits = std::fs::create_dir_all(dossier).and_then(|()| {
            std::fs::write(dossier.join("rapport.txt"), rapport::texte(rapports))?;
            std::fs::write(dossier.join("rapport.json"), rapport::json(rapports))?;
            std::fs::write(dossier.join("rapport-junit.xml"), rapport::junit(rapports))
        });
        if let Err(e) = ecrits {
            let _ = writeln!(
                sortie,
                "conform : {} : écriture impossible ({e})",
                dossier.display()
            );
            return SORTIE_ERREUR;
        }
    }
    if rapports.iter().any(|r| r.erreur.is_some()) {
        SORTIE_ERREUR
    } else if rapports.iter().all(RapportConformite::conforme) {
        0
    } else {
        SORTIE_ECART
    }
}
