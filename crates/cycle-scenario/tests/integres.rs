//! The built-in scenarios: each loads, runs green, and together they show every rule R1–R17.

use cycle_scenario::integres::INTEGRES;
use cycle_scenario::rendu::texte_rapport;
use cycle_scenario::{executer, Verdict};

#[test]
fn every_builtin_scenario_passes() {
    for integre in INTEGRES {
        let scenario = integre.charger().unwrap_or_else(|e| panic!("{e}"));
        let rapport = executer(&scenario);
        println!("{}", texte_rapport(&rapport, &[]));
        assert_eq!(rapport.verdict, Verdict::Reussi, "{}", integre.nom);
    }
}
