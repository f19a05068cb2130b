//! Target `scenario`: the scenario loader (`cycle_scenario::charger`) and, when a file loads, its
//! run (`cycle_scenario::executer`) and rendering.
//!
//! The input is read as UTF-8, invalid sequences replaced (the loader takes text; reading a file's
//! bytes is `disque`'s job, which touches the file system and is not fuzzed here).
//!
//! Properties, on any text:
//! - loading does not panic; a refusal has a reason and, when it has a position, that position is
//!   inside the text;
//! - a loaded scenario ends at most 731 days after its first day (the bound that keeps a typo from
//!   running for minutes), and running and rendering it does not panic.

use cycle_scenario::rendu::{deroulement, texte_rapport};
use cycle_scenario::{charger, executer};

/// The longest simulation a file may ask for, in days (`JOURS_MAX` of the loader).
const JOURS_MAX: i64 = 731;

/// Loads, runs and renders `octets` as a scenario file.
pub fn verifier(octets: &[u8]) {
    let texte = String::from_utf8_lossy(octets);
    let scenario = match charger("fuzz.toml", &texte) {
        Ok(scenario) => scenario,
        Err(erreur) => {
            assert!(
                !erreur.raison.trim().is_empty(),
                "refus sans raison : {erreur}"
            );
            if let Some(position) = erreur.position {
                let lignes = texte.split('\n').count();
                assert!(
                    (1..=lignes).contains(&position.ligne) && position.colonne >= 1,
                    "position {position:?} hors du texte ({lignes} lignes) : {erreur}"
                );
            }
            return;
        }
    };
    let duree = (scenario.fin - scenario.configuration.debut).whole_days();
    assert!(
        (0..=JOURS_MAX).contains(&duree),
        "simulation de {duree} jours acceptee ({JOURS_MAX} au plus)"
    );
    let rapport = executer(&scenario);
    let _ = deroulement(&rapport);
    let _ = texte_rapport(&rapport, &scenario.regles);
}
