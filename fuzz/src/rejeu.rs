//! Replays a target's committed inputs through its `verifier`, for `cargo test`: the hand-picked
//! seeds (`fuzz/graines/<target>`), the minimized corpus (`fuzz/corpus/<target>`) and the cases
//! that once failed (`fuzz/regressions/<target>`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// The folders replayed, under the fuzz folder, each holding one sub-folder per target.
const DOSSIERS: [&str; 3] = ["graines", "corpus", "regressions"];

/// Feeds every committed input of `cible` under `dossier_fuzz` to `verifier`, then panics naming
/// each file whose check failed. Returns how many files were replayed; missing seeds are an error,
/// so that a moved folder cannot make the replay pass vacuously.
pub fn rejouer(dossier_fuzz: &Path, cible: &str, verifier: fn(&[u8])) -> usize {
    let graines = dossier_fuzz.join("graines").join(cible);
    assert!(
        !fichiers(&graines).is_empty(),
        "graines absentes : {}",
        graines.display()
    );
    let chemins: Vec<PathBuf> = DOSSIERS
        .iter()
        .flat_map(|dossier| fichiers(&dossier_fuzz.join(dossier).join(cible)))
        .collect();
    let mut echecs = Vec::new();
    for chemin in &chemins {
        let octets = std::fs::read(chemin)
            .unwrap_or_else(|erreur| panic!("{} illisible : {erreur}", chemin.display()));
        if catch_unwind(AssertUnwindSafe(|| verifier(&octets))).is_err() {
            echecs.push(chemin.display().to_string());
        }
    }
    assert!(
        echecs.is_empty(),
        "{} entree(s) de {cible} en echec :\n{}",
        echecs.len(),
        echecs.join("\n")
    );
    chemins.len()
}

/// The files of a folder, sorted; none when it does not exist.
fn fichiers(dossier: &Path) -> Vec<PathBuf> {
    let Ok(entrees) = std::fs::read_dir(dossier) else {
        return Vec::new();
    };
    let mut chemins: Vec<_> = entrees
        .filter_map(|entree| entree.ok().map(|e| e.path()))
        .filter(|chemin| chemin.is_file())
        .collect();
    chemins.sort();
    chemins
}
