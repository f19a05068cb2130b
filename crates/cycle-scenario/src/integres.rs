//! The built-in scenarios (`scenarios/*.toml`), embedded so that the browser and the binary carry
//! them; one per case of `domain.md` §6, each with its expectations.

use crate::chargement::charger;
use crate::erreur::ErreurScenario;
use crate::scenario::Scenario;

/// A built-in scenario's file name (without `.toml`) and text.
#[derive(Clone, Copy, Debug)]
pub struct ScenarioIntegre {
    pub nom: &'static str,
    pub texte: &'static str,
}

macro_rules! integres {
    ($($nom:literal),+ $(,)?) => {
        /// In the order trainers meet them. A `static`, not a `const`: a `const` is copied into each
        /// crate that uses it, and the page carried the 38 KB of texts twice.
        pub static INTEGRES: &[ScenarioIntegre] = &[
            $(ScenarioIntegre { nom: $nom, texte: include_str!(concat!("../../../scenarios/", $nom, ".toml")) },)+
        ];
    };
}

integres![
    "nominal_f",
    "oui_si_3_ans",
    "oui_si_4_ans",
    "echec_bac_webservice",
    "echec_bac_fichiers_plats",
    "rattrapage_admis",
    "rattrapage_echec",
    "desistement_avant_ia",
    "desistement_apres_ia_payee",
    "annulation_ia_gestionnaire",
    "connecteur_non_parametre",
    "ia_reins",
    "ia_gestionnaire",
    "reorientation",
    "laissez_passer_apres_d",
    "renvoi_opi",
    "desistement_puis_autre_formation",
    "ecriture_partielle",
    "refus_ia_primo",
];

impl ScenarioIntegre {
    pub fn fichier(&self) -> String {
        format!("{}.toml", self.nom)
    }

    pub fn charger(&self) -> Result<Scenario, ErreurScenario> {
        charger(&self.fichier(), self.texte)
    }
}

/// Every built-in scenario, loaded (a test makes sure they all load).
pub fn scenarios_integres() -> Result<Vec<Scenario>, ErreurScenario> {
    INTEGRES.iter().map(ScenarioIntegre::charger).collect()
}

/// The built-in scenario of that name.
pub fn integre(nom: &str) -> Option<&'static ScenarioIntegre> {
    INTEGRES.iter().find(|s| s.nom == nom)
}
