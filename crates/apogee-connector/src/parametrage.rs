//! The connector's set-up: the university (UAI, formations and their VETs, credentials), the
//! campaign calendar and the settings, read from a scenario file so that the connector and the mock
//! Parcoursup it talks to describe the same university.
//!
//! This module only reads a scenario; it decides nothing about OPI or IAs.

use std::collections::BTreeMap;

use cycle_core::{Campagne, ConnecteurInitial, Identifiants, Reglages, Universite};
use cycle_scenario::{integres, Scenario};
use serde::{Deserialize, Serialize};
use smol_str::SmolStr;
use time::Date;

/// Where a scenario comes from: a built-in (`{"builtin": "nominal_f"}`) or the TOML text itself,
/// the same body as the mock's `POST /__admin/scenario`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SourceScenario {
    Integre { builtin: String },
    Texte(String),
}

/// Why a set-up cannot be read. French, naming the scenario.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErreurParametrage {
    #[error("scenario.builtin : « {0} » n'est pas un scénario intégré (possibles : {1})")]
    IntegreInconnu(String, String),
    #[error("scenario : {0}")]
    Scenario(String),
}

impl SourceScenario {
    /// Loads the scenario, with the loader's located French error when the text is wrong.
    pub fn charger(&self) -> Result<Scenario, ErreurParametrage> {
        match self {
            SourceScenario::Integre { builtin } => {
                let integre = integres::integre(builtin).ok_or_else(|| {
                    let noms: Vec<&str> = integres::INTEGRES.iter().map(|s| s.nom).collect();
                    ErreurParametrage::IntegreInconnu(builtin.clone(), noms.join(", "))
                })?;
                integre
                    .charger()
                    .map_err(|e| ErreurParametrage::Scenario(e.to_string()))
            }
            SourceScenario::Texte(texte) => cycle_scenario::charger("scenario.toml", texte)
                .map_err(|e| ErreurParametrage::Scenario(e.to_string())),
        }
    }
}

/// Everything the connector starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parametrage {
    pub universite: Universite,
    pub campagne: Campagne,
    pub reglages: Reglages,
    /// The connector's first simulated day.
    pub debut: Date,
    /// The credentials typed in the remontée webservice set-up on the first day; `None` when staff
    /// have not set it up yet (R6).
    pub identifiants_remontees: Option<Identifiants>,
    /// Parcoursup's REST API base (`http://host:port`, the connector adds `/ApiRest/<méthode>`),
    /// where the batch and the connector test go; `None` until configured.
    pub url_parcoursup: Option<String>,
    /// The credentials Parcoursup must present with an `admissionCandidat` push: chosen by the
    /// establishment; by default the same pair as the remontées, so one scenario sets up both ends.
    pub identifiants_push: Identifiants,
    /// Accept a push whose `donneesCandidat` is sent unwrapped, a quirk seen in the wild.
    pub push_a_plat_accepte: bool,
    /// The university's own students (Apogée's `INDIVIDU` table): student number by INE. A JSON
    /// push carries the INE but no student number (`domain.md` §3.2), so the connector finds it
    /// here, as a real connector would in its information system. From the scenario: the
    /// candidates it gives a `cod_etu`.
    pub etudiants_connus: BTreeMap<SmolStr, SmolStr>,
    /// How many calls of the remontée batch may wait for their answer at once (at least 1). One by
    /// default: Parcoursup receives the rows in table order, every run alike.
    pub appels_simultanes: usize,
}

impl Parametrage {
    /// The set-up a scenario describes; the Parcoursup URL is left to the caller.
    pub fn depuis_scenario(scenario: &Scenario) -> Parametrage {
        let configuration = &scenario.configuration;
        let universite = configuration.universite.clone();
        let identifiants_remontees = match configuration.connecteur {
            ConnecteurInitial::NonParametre => None,
            ConnecteurInitial::ParametreNonTeste | ConnecteurInitial::Valide => {
                Some(universite.identifiants_parcoursup.clone())
            }
        };
        Parametrage {
            identifiants_push: universite.identifiants_parcoursup.clone(),
            universite,
            campagne: configuration.campagne.clone(),
            reglages: configuration.reglages.clone(),
            debut: configuration.debut,
            identifiants_remontees,
            url_parcoursup: None,
            push_a_plat_accepte: true,
            etudiants_connus: configuration
                .candidats
                .iter()
                .filter_map(|c| Some((c.ine.clone(), c.cod_etu.clone()?)))
                .collect(),
            appels_simultanes: 1,
        }
    }

    /// The demonstration university of `cycle_scenario::universite_demo`, as the smallest built-in
    /// scenario sets it up.
    pub fn demo() -> Result<Parametrage, ErreurParametrage> {
        SourceScenario::Integre {
            builtin: "nominal_f".to_owned(),
        }
        .charger()
        .map(|scenario| Parametrage::depuis_scenario(&scenario))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_builtin_and_its_text_give_the_same_set_up() {
        let integre = integres::integre("connecteur_non_parametre").unwrap();
        let par_nom = SourceScenario::Integre {
            builtin: integre.nom.to_owned(),
        }
        .charger()
        .unwrap();
        let par_texte = SourceScenario::Texte(integre.texte.to_owned())
            .charger()
            .unwrap();
        let parametrage = Parametrage::depuis_scenario(&par_nom);
        assert_eq!(parametrage, Parametrage::depuis_scenario(&par_texte));
        assert_eq!(parametrage.identifiants_remontees, None);
        assert_eq!(parametrage.universite.uai, "0751234X");
    }

    #[test]
    fn an_unknown_builtin_is_named_with_the_known_ones() {
        let erreur = SourceScenario::Integre {
            builtin: "inconnu".to_owned(),
        }
        .charger()
        .unwrap_err()
        .to_string();
        assert!(
            erreur.starts_with("scenario.builtin : « inconnu »"),
            "{erreur}"
        );
        assert!(erreur.contains("nominal_f"), "{erreur}");
    }

    #[test]
    fn the_body_shapes_of_the_contract_are_read() {
        let integre: SourceScenario = serde_json::from_str(r#"{"builtin":"nominal_f"}"#).unwrap();
        assert_eq!(
            integre,
            SourceScenario::Integre {
                builtin: "nominal_f".to_owned()
            }
        );
        let texte: SourceScenario = serde_json::from_str(r#""titre = 'x'""#).unwrap();
        assert_eq!(texte, SourceScenario::Texte("titre = 'x'".to_owned()));
    }
}
