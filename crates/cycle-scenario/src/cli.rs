//! `mock-parcoursup run <fichier-ou-dossier>… [--builtin] [--format text|json] [--rule Rn]`: runs
//! scenario files and prints their déroulement and verdicts.
//!
//! The binary only parses its subcommand and calls [`run`]; everything else is here so that the
//! exit status and the output are tested without spawning a process.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use cycle_core::Regle;
use serde::Serialize;

use crate::couverture::{couverture, LigneCouverture};
use crate::disque::charger_chemin;
use crate::erreur::ErreurScenario;
use crate::execution::{executer, RapportScenario, Verdict};
use crate::integres::INTEGRES;
use crate::rendu::{texte_bilan, texte_couverture, texte_rapport};
use crate::scenario::Scenario;

/// Arguments of `run`.
#[derive(Clone, Debug, clap::Args)]
pub struct ArgumentsRun {
    /// Fichiers de scénario (.toml) ou dossiers qui en contiennent.
    #[arg(required_unless_present = "builtin")]
    pub chemins: Vec<PathBuf>,
    /// Joue aussi les scénarios intégrés (ceux de scenarios/).
    #[arg(long)]
    pub builtin: bool,
    /// Format de sortie : texte lisible, ou JSON pour les outils.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Ne joue que les scénarios qui illustrent cette règle (R1 à R17) ; répétable. Ses entrées sont
    /// marquées ► dans le déroulement.
    #[arg(long = "rule", value_name = "Rn", value_parser = lire_regle)]
    pub regles: Vec<Regle>,
}

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn lire_regle(texte: &str) -> Result<Regle, String> {
    Regle::depuis_code(texte).ok_or_else(|| format!("« {texte} » n'est pas une règle (R1 à R17)"))
}

/// Exit status: 0 every scenario passed, 1 some expectation failed or some event was refused, 2 a
/// file could not be loaded or nothing was run.
pub const SORTIE_ECHEC: u8 = 1;
pub const SORTIE_FICHIER: u8 = 2;

/// Runs `run` on the process's standard streams.
pub fn run(arguments: &ArgumentsRun) -> ExitCode {
    let code = run_vers(
        arguments,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}

/// The JSON document of `--format json`.
#[derive(Serialize)]
struct SortieJson<'a> {
    scenarios: &'a [RapportScenario],
    /// Files that could not be loaded, with the located reason.
    erreurs: &'a [ErreurScenario],
    couverture: &'a [LigneCouverture],
    reussite: bool,
}

/// Runs `run`, writing the report to `sortie` and loading errors to `erreurs` (text format; in JSON
/// they are part of the document). Returns the exit status.
pub fn run_vers(arguments: &ArgumentsRun, sortie: &mut dyn Write, erreurs: &mut dyn Write) -> u8 {
    let (scenarios, illisibles) = charger_tout(arguments);
    let scenarios: Vec<Scenario> = scenarios
        .into_iter()
        .filter(|s| {
            arguments.regles.is_empty() || arguments.regles.iter().any(|r| s.regles.contains(r))
        })
        .collect();
    let rapports: Vec<RapportScenario> = scenarios.iter().map(executer).collect();
    let couverture = couverture(&rapports);
    let tous_reussis = rapports.iter().all(|r| r.verdict == Verdict::Reussi);
    let code = if !illisibles.is_empty() || rapports.is_empty() {
        SORTIE_FICHIER
    } else if !tous_reussis {
        SORTIE_ECHEC
    } else {
        0
    };
    // Write errors (a closed pipe) cannot be reported anywhere better than the exit status.
    let _ = match arguments.format {
        Format::Json => {
            let document = SortieJson {
                scenarios: &rapports,
                erreurs: &illisibles,
                couverture: &couverture,
                reussite: code == 0,
            };
            serde_json::to_writer_pretty(&mut *sortie, &document)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(sortie))
        }
        Format::Text => ecrire_texte(
            arguments,
            &rapports,
            &illisibles,
            &couverture,
            sortie,
            erreurs,
        ),
    };
    code
}

fn ecrire_texte(
    arguments: &ArgumentsRun,
    rapports: &[RapportScenario],
    illisibles: &[ErreurScenario],
    couverture: &[LigneCouverture],
    sortie: &mut dyn Write,
    erreurs: &mut dyn Write,
) -> std::io::Result<()> {
    for erreur in illisibles {
        writeln!(erreurs, "erreur : {erreur}")?;
    }
    for rapport in rapports {
        writeln!(sortie, "{}", texte_rapport(rapport, &arguments.regles))?;
    }
    if rapports.is_empty() && illisibles.is_empty() {
        let regles: Vec<&str> = arguments.regles.iter().map(|r| r.code()).collect();
        writeln!(
            erreurs,
            "erreur : aucun scénario n'illustre {} parmi ceux demandés",
            regles.join(", ")
        )?;
    }
    if rapports.len() > 1 {
        writeln!(sortie, "{}", texte_couverture(couverture))?;
    }
    write!(sortie, "{}", texte_bilan(rapports, illisibles))
}

/// The built-ins if asked, then each path given, in order.
fn charger_tout(arguments: &ArgumentsRun) -> (Vec<Scenario>, Vec<ErreurScenario>) {
    let mut scenarios = Vec::new();
    let mut illisibles = Vec::new();
    let integres = arguments
        .builtin
        .then_some(INTEGRES)
        .into_iter()
        .flatten()
        .map(|integre| integre.charger());
    let fichiers = arguments
        .chemins
        .iter()
        .flat_map(|chemin| charger_chemin(chemin));
    for resultat in integres.chain(fichiers) {
        match resultat {
            Ok(scenario) => scenarios.push(scenario),
            Err(erreur) => illisibles.push(erreur),
        }
    }
    (scenarios, illisibles)
}
