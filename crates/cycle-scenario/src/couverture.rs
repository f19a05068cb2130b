//! Which rules fired in which scenarios: the coverage summary printed after a run of several
//! scenarios, and the test that every rule R1–R17 is shown by a built-in scenario.

use cycle_core::Regle;
use serde::Serialize;

use crate::execution::RapportScenario;

/// One rule and the scenarios about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LigneCouverture {
    pub regle: Regle,
    pub resume: &'static str,
    /// Scenarios listing the rule in `regles`.
    pub declaree_dans: Vec<String>,
    /// Scenarios whose transcript has an entry of the rule.
    pub illustree_dans: Vec<String>,
}

/// Coverage of R1–R17, in rule order.
pub fn couverture(rapports: &[RapportScenario]) -> Vec<LigneCouverture> {
    Regle::TOUTES
        .into_iter()
        .map(|regle| LigneCouverture {
            regle,
            resume: regle.resume(),
            declaree_dans: rapports
                .iter()
                .filter(|r| r.regles.contains(&regle))
                .map(|r| r.nom.clone())
                .collect(),
            illustree_dans: rapports
                .iter()
                .filter(|r| r.transcript.iter().any(|e| e.regle == regle))
                .map(|r| r.nom.clone())
                .collect(),
        })
        .collect()
}
