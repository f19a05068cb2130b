//! Where the loaded scenario comes from: the server's demo, a built-in scenario of `cycle-scenario`,
//! or a TOML text sent to the admin API. Kept as the source (not the parsed scenario) so that the
//! journal replays exactly what was loaded.

use cycle_scenario::Scenario;
use serde::{Deserialize, Serialize};

/// The demo `mock-parcoursup serve` loads without options (`scenarios/demo.toml` of this package).
pub const DEMO: &str = include_str!("../scenarios/demo.toml");
/// The demo's name, usable wherever a built-in scenario's name is.
pub const NOM_DEMO: &str = "demo";

/// A scenario to load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SourceScenario {
    /// The demo, or one of `cycle_scenario::integres::INTEGRES` by name.
    Integre { nom: String },
    /// A scenario file's text; `fichier` names it in error messages.
    Texte { fichier: String, texte: String },
}

impl SourceScenario {
    pub fn demo() -> SourceScenario {
        SourceScenario::Integre {
            nom: NOM_DEMO.to_owned(),
        }
    }

    /// Parses the scenario; the error is French and located (`fichier:ligne:colonne: champ: raison`).
    pub fn charger(&self) -> Result<Scenario, String> {
        match self {
            SourceScenario::Integre { nom } if nom == NOM_DEMO => {
                cycle_scenario::charger("demo.toml", DEMO).map_err(|e| e.to_string())
            }
            SourceScenario::Integre { nom } => {
                let integre = cycle_scenario::integres::integre(nom).ok_or_else(|| {
                    format!(
                        "builtin: scénario intégré « {nom} » inconnu (possibles : {})",
                        noms_integres().join(", ")
                    )
                })?;
                integre.charger().map_err(|e| e.to_string())
            }
            SourceScenario::Texte { fichier, texte } => {
                cycle_scenario::charger(fichier, texte).map_err(|e| e.to_string())
            }
        }
    }
}

/// The names `Integre` accepts: the demo, then the built-ins in the order trainers meet them.
pub fn noms_integres() -> Vec<&'static str> {
    std::iter::once(NOM_DEMO)
        .chain(cycle_scenario::integres::INTEGRES.iter().map(|s| s.nom))
        .collect()
}
