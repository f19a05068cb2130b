//! Replays the fuzzers' committed inputs (`fuzz/graines`, `fuzz/corpus`, `fuzz/regressions`) of the
//! `rest_json` and `soap` targets through the same properties libFuzzer checks, on the stable
//! toolchain: every case a fuzzer kept or once failed on stays a regression test.

use std::path::{Path, PathBuf};

#[path = "../../../fuzz/src/commun.rs"]
mod commun;
#[path = "../../../fuzz/src/rejeu.rs"]
mod rejeu;
#[path = "../../../fuzz/src/rest_json.rs"]
mod rest_json;
#[path = "../../../fuzz/src/soap.rs"]
mod soap;

fn dossier_fuzz() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

#[test]
fn rest_json_corpus_keeps_its_properties() {
    let rejoues = rejeu::rejouer(&dossier_fuzz(), "rest_json", rest_json::verifier);
    assert!(rejoues >= 9, "{rejoues} entrees seulement");
}

#[test]
fn soap_corpus_keeps_its_properties() {
    let rejoues = rejeu::rejouer(&dossier_fuzz(), "soap", soap::verifier);
    assert!(rejoues >= 4, "{rejoues} entrees seulement");
}
