//! Replays the `scenario` fuzz target's committed inputs (`fuzz/graines`, `fuzz/corpus`,
//! `fuzz/regressions`) through the properties libFuzzer checks — load, 731-day bound, run and
//! rendering without a panic — on the stable toolchain, so that every case the fuzzer kept stays a
//! test.

use std::path::Path;

#[path = "../../../fuzz/src/rejeu.rs"]
mod rejeu;
#[path = "../../../fuzz/src/scenario.rs"]
mod scenario;

#[test]
fn scenario_corpus_keeps_its_properties() {
    let dossier_fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let rejoues = rejeu::rejouer(&dossier_fuzz, "scenario", scenario::verifier);
    assert!(rejoues >= 20, "{rejoues} entrees seulement");
}
