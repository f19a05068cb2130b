//! Replays the `fichiers_plats` fuzz target's committed inputs (`fuzz/graines`, `fuzz/corpus`,
//! `fuzz/regressions`) through the properties libFuzzer checks — the three flat-file parsers and
//! `textes_en_opi` — on the stable toolchain, so that every case the fuzzer kept stays a test.

use std::path::Path;

#[path = "../../../fuzz/src/commun.rs"]
mod commun;
#[path = "../../../fuzz/src/fichiers_plats.rs"]
mod fichiers_plats;
#[path = "../../../fuzz/src/rejeu.rs"]
mod rejeu;

#[test]
fn fichiers_plats_corpus_keeps_its_properties() {
    let dossier_fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let rejoues = rejeu::rejouer(&dossier_fuzz, "fichiers_plats", fichiers_plats::verifier);
    assert!(rejoues >= 4, "{rejoues} entrees seulement");
}

/// The seeds reach the end of the pipeline: the fuzz target's university knows their VETs, so
/// `textes_en_opi` gives one OPI per individu line rather than stopping at the look-up.
#[test]
fn the_seeds_become_opi() {
    let graine = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/graines/fichiers_plats/deux_candidats_et_defavorable"),
    )
    .unwrap();
    let mut parties = graine.split(|octet| *octet == fichiers_plats::SEPARATEUR);
    let (individus, voeux, defavorables) = (
        parties.next().unwrap(),
        parties.next().unwrap(),
        parties.next().unwrap(),
    );
    let opi = cycle_codec::opi::textes_en_opi(
        individus,
        voeux,
        defavorables,
        &fichiers_plats::universite(),
    )
    .unwrap();
    let voeux_par_candidat: Vec<_> = opi
        .iter()
        .map(|o| (o.code_candidat, o.voeux.len()))
        .collect();
    assert_eq!(voeux_par_candidat, [(1048576, 2), (1048577, 1)]);
}
