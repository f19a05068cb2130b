//! `mock-parcoursup conform --connector <url> [scénarios…] [--format text|json|junit] [--out dossier]
//! [--interactive] [--mock url] [--fichiers dossier]`: the subcommand's arguments, the choice of
//! scenarios and the exit status. The binary parses the arguments, starts its mock (or takes
//! `--mock`) and calls [`executer`].

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
    /// Dossier des fichiers plats, partagé par le mock et le connecteur [défaut : dossier temporaire].
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
/// scenario could not be loaded.
pub const SORTIE_ECART: u8 = 1;
pub const SORTIE_ERREUR: u8 = 2;

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

/// The whole subcommand for a binary: a runtime, the mock (`--mock`, or the one `demarrer_mock`
/// starts in this process, given a data folder of its own), the run, the exit status.
pub fn principal<F, Fut>(arguments: &ArgumentsConform, demarrer_mock: F) -> ExitCode
where
    F: FnOnce(PathBuf) -> Fut,
    Fut: Future<Output = Result<String, String>>,
{
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("conform : démarrage du runtime tokio impossible : {e}");
            return ExitCode::from(SORTIE_ERREUR);
        }
    };
    let code = runtime.block_on(async {
        let mock = match &arguments.mock {
            Some(url) => url.clone(),
            None => {
                let donnees =
                    std::env::temp_dir().join(format!("conformite-mock-{}", std::process::id()));
                match demarrer_mock(donnees).await {
                    Ok(url) => url,
                    Err(e) => {
                        eprintln!("conform : le mock Parcoursup ne démarre pas : {e}");
                        return SORTIE_ERREUR;
                    }
                }
            }
        };
        executer(arguments, &mock, &mut std::io::stdout().lock()).await
    });
    ExitCode::from(code)
}

/// Plays the scenarios against the connector and the mock at `mock`, writes the reports and returns
/// the exit status.
pub async fn executer(arguments: &ArgumentsConform, mock: &str, sortie: &mut dyn Write) -> u8 {
    let scenarios = match charger_scenarios(&arguments.scenarios) {
        Ok(s) => s,
        Err(erreur) => {
            let _ = writeln!(sortie, "conform : {erreur}");
            return SORTIE_ERREUR;
        }
    };
    let dossier_fichiers = arguments.fichiers.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("conformite-fichiers-{}", std::process::id()))
    });
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
