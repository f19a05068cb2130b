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
///
/// Its help is French: clap writes its own words in English (`Usage:`, `Print help`, `[default: …]`),
/// so the usage line, the help flag and the defaults are written here. clap's error messages
/// (`error: the following required arguments…`) are formatted by the binary's parser, not here.
#[derive(Clone, Debug, clap::Args)]
#[command(
    override_usage = USAGE,
    help_template = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}",
    disable_help_flag = true,
    arg(clap::Arg::new("aide")
        .short('h')
        .long("help")
        .action(clap::ArgAction::Help)
        .help("Affiche cette aide")),
)]
pub struct ArgumentsRun {
    /// Fichiers de scénario (.toml) ou dossiers qui en contiennent.
    #[arg(required_unless_present = "builtin", value_name = "FICHIER-OU-DOSSIER")]
    pub chemins: Vec<PathBuf>,
    /// Joue aussi les scénarios intégrés (ceux de scenarios/).
    #[arg(long)]
    pub builtin: bool,
    /// Format de sortie : text (lisible, par défaut) ou json (pour les outils).
    #[arg(
        long,
        value_enum,
        default_value_t = Format::Text,
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: Format,
    /// Ne joue que les scénarios qui illustrent cette règle (R1 à R17) ; répétable. Ses entrées sont
    /// marquées ► dans le déroulement.
    #[arg(long = "rule", value_name = "Rn", value_parser = lire_regle)]
    pub regles: Vec<Regle>,
}

const USAGE: &str =
    "mock-parcoursup run <fichier-ou-dossier>… [--builtin] [--format text|json] [--rule Rn]…";

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

/// The version of the JSON document, its field `version`: raised when a field changes meaning or
/// goes away (adding a field does not raise it). docs/scenarios.md describes every field.
pub const VERSION_JSON: u32 = 1;

/// The JSON document of `--format json`. Fields in a fixed order and no map: the same run prints
/// the same bytes.
#[derive(Serialize)]
struct SortieJson<'a> {
    version: u32,
    /// Every scenario passed (`code_sortie` is 0).
    reussite: bool,
    /// The process's exit status, for a tool that reads a saved report.
    code_sortie: u8,
    /// Why nothing ran, when nothing did; otherwise `null`.
    aucun_scenario: Option<String>,
    /// Files that could not be loaded, with the located reason.
    erreurs: &'a [ErreurScenario],
    scenarios: &'a [RapportScenario],
    couverture: &'a [LigneCouverture],
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
    let aucun_scenario = (rapports.is_empty() && illisibles.is_empty())
        .then(|| raison_aucun_scenario(&arguments.regles));
    // Write errors (a closed pipe) cannot be reported anywhere better than the exit status.
    let _ = match arguments.format {
        Format::Json => {
            let document = SortieJson {
                version: VERSION_JSON,
                reussite: code == 0,
                code_sortie: code,
                aucun_scenario,
                erreurs: &illisibles,
                scenarios: &rapports,
                couverture: &couverture,
            };
            serde_json::to_writer_pretty(&mut *sortie, &document)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(sortie))
        }
        Format::Text => ecrire_texte(
            arguments,
            &rapports,
            &illisibles,
            aucun_scenario.as_deref(),
            &couverture,
            sortie,
            erreurs,
        ),
    };
    code
}

/// Nothing was run and no file was unreadable: the rule filter left nothing (or nothing was asked,
/// which only a library caller can do: the command line wants a path or `--builtin`).
fn raison_aucun_scenario(regles: &[Regle]) -> String {
    if regles.is_empty() {
        return "aucun scénario à jouer : donnez des fichiers, un dossier ou --builtin".to_owned();
    }
    let regles: Vec<&str> = regles.iter().map(|r| r.code()).collect();
    format!(
        "aucun scénario n'illustre {} parmi ceux demandés",
        regles.join(", ")
    )
}

fn ecrire_texte(
    arguments: &ArgumentsRun,
    rapports: &[RapportScenario],
    illisibles: &[ErreurScenario],
    aucun_scenario: Option<&str>,
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
    if let Some(raison) = aucun_scenario {
        writeln!(erreurs, "erreur : {raison}")?;
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
