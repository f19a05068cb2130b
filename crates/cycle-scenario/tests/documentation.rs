//! The complete example of `docs/scenarios.md` loads and passes, so the documentation cannot drift
//! from the format.

use cycle_scenario::{charger, executer, Verdict};

#[test]
fn the_documented_example_runs_green() {
    let doc = include_str!("../../../docs/scenarios.md");
    let debut = doc.find("```toml\n").expect("un bloc ```toml") + "```toml\n".len();
    let longueur = doc[debut..].find("```").expect("fin du bloc");
    let exemple = &doc[debut..debut + longueur];
    let scenario = charger("exemple.toml", exemple).unwrap_or_else(|e| panic!("{e}"));
    let rapport = executer(&scenario);
    assert_eq!(
        rapport.verdict,
        Verdict::Reussi,
        "{}",
        cycle_scenario::rendu::texte_rapport(&rapport, &[])
    );
    assert_eq!(rapport.attendus.len(), 3);
}
