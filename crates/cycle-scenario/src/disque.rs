//! Loading scenario files from disk, for the CLI and the tests; the browser passes text to
//! [`crate::charger`] instead, so this module is left out of wasm builds.

use std::path::{Path, PathBuf};

use crate::chargement::charger;
use crate::erreur::ErreurScenario;
use crate::scenario::Scenario;

/// Loads a `.toml` file, or every `.toml` file of a folder (not its sub-folders), in name order.
/// Each file is loaded on its own: one broken file does not hide the others.
pub fn charger_chemin(chemin: &Path) -> Vec<Result<Scenario, ErreurScenario>> {
    match fichiers(chemin) {
        Ok(fichiers) => fichiers.iter().map(|f| charger_fichier(f)).collect(),
        Err(erreur) => vec![Err(erreur)],
    }
}

/// Loads one file.
pub fn charger_fichier(fichier: &Path) -> Result<Scenario, ErreurScenario> {
    let nom = fichier.display().to_string();
    let texte = std::fs::read_to_string(fichier).map_err(|e| illisible(&nom, &e))?;
    charger(&nom, &texte)
}

fn fichiers(chemin: &Path) -> Result<Vec<PathBuf>, ErreurScenario> {
    let nom = chemin.display().to_string();
    let metadonnees = std::fs::metadata(chemin).map_err(|e| illisible(&nom, &e))?;
    if !metadonnees.is_dir() {
        return Ok(vec![chemin.to_path_buf()]);
    }
    let mut fichiers = Vec::new();
    for entree in std::fs::read_dir(chemin).map_err(|e| illisible(&nom, &e))? {
        let entree = entree.map_err(|e| illisible(&nom, &e))?;
        let fichier = entree.path();
        if fichier
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"))
            && fichier.is_file()
        {
            fichiers.push(fichier);
        }
    }
    fichiers.sort();
    if fichiers.is_empty() {
        return Err(ErreurScenario {
            fichier: nom,
            position: None,
            champ: String::new(),
            raison: "aucun fichier .toml dans ce dossier".to_owned(),
        });
    }
    Ok(fichiers)
}

fn illisible(fichier: &str, erreur: &std::io::Error) -> ErreurScenario {
    let raison = match erreur.kind() {
        std::io::ErrorKind::NotFound => "fichier ou dossier introuvable".to_owned(),
        std::io::ErrorKind::PermissionDenied => "lecture refusée (droits)".to_owned(),
        std::io::ErrorKind::InvalidData => "le fichier n'est pas du texte UTF-8".to_owned(),
        _ => format!("lecture impossible : {erreur}"),
    };
    ErreurScenario {
        fichier: fichier.to_owned(),
        position: None,
        champ: String::new(),
        raison,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_s_scenarios_are_found_whatever_the_case_of_their_extension() {
        let dossier = tempfile::tempdir().unwrap();
        let texte = crate::integres::INTEGRES[0].texte;
        std::fs::write(dossier.path().join("A.TOML"), texte).unwrap();
        std::fs::write(dossier.path().join("b.toml"), texte).unwrap();
        std::fs::write(dossier.path().join("notes.txt"), "pas un scénario").unwrap();
        let charges = charger_chemin(dossier.path());
        assert_eq!(charges.len(), 2);
        assert!(charges.iter().all(Result::is_ok));
    }
}
