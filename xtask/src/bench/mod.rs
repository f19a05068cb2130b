//! `cargo xtask bench`: every figure of BENCHMARKS.md from a clean checkout — the server's start-up
//! and the server under load against Mockoon and Prism, the daily batch of 30,000 IAs, and the rules core natively and in
//! WebAssembly. It installs what it needs (wrk, the npm tools), builds in release, prints one table
//! per part. Figures go to BENCHMARKS.md by hand, with the date, the machine and the load average.

mod charge;
mod coeur;
mod corps;
mod demarrage;
mod http;
mod lot;
mod outils;
mod processus;
mod serveurs;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Result};

use crate::process::{self, cargo};
use crate::workspace::Workspace;

pub use charge::{attendre as attendre_charge, Charge, Mesure};
pub use corps::ecrire_charge;
pub use outils::wrk as installer_wrk;
pub use serveurs::demarrer_mock;

/// Which build of the servers to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profil {
    Debug,
    Release,
}

/// What `cargo xtask bench` runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub serveur: bool,
    pub concurrents: bool,
    pub lot: bool,
    pub coeur: bool,
    /// Server under test on one core, wrk on the other (`taskset`).
    pub epingler: bool,
    /// Length of each measured load run.
    pub duree: Duration,
    /// Paid IAs in the daily batch.
    pub ias: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            serveur: true,
            concurrents: true,
            lot: true,
            coeur: true,
            epingler: false,
            duree: Duration::from_secs(20),
            ias: lot::IAS,
        }
    }
}

pub const AIDE_OPTIONS: &str =
    "--sans-serveur, --sans-concurrents, --sans-lot, --sans-coeur, --epingler, --duree SECONDES";

impl Options {
    pub fn lire(args: &[String]) -> Result<Options> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--sans-serveur" => options.serveur = false,
                "--sans-concurrents" => options.concurrents = false,
                "--sans-lot" => options.lot = false,
                "--sans-coeur" => options.coeur = false,
                "--epingler" => options.epingler = true,
                "--duree" => {
                    let valeur = args.next().map(String::as_str).unwrap_or("");
                    options.duree = lire_duree(valeur)?;
                }
                "--ias" => {
                    let valeur = args.next().map(String::as_str).unwrap_or("");
                    options.ias = match valeur.parse() {
                        Ok(n) if n > 0 => n,
                        _ => bail!("--ias « {valeur} » : un nombre d'IA positif attendu"),
                    };
                }
                autre => bail!("option inconnue pour bench : {autre} ({AIDE_OPTIONS})"),
            }
        }
        Ok(options)
    }
}

/// `90`, `90s`, `10m`: a duration in seconds or minutes.
pub fn lire_duree(texte: &str) -> Result<Duration> {
    let (nombre, facteur) = match texte.strip_suffix('m') {
        Some(minutes) => (minutes, 60),
        None => (texte.strip_suffix('s').unwrap_or(texte), 1),
    };
    match nombre.parse::<u64>() {
        Ok(n) if n > 0 => Ok(Duration::from_secs(n * facteur)),
        _ => bail!(
            "durée « {texte} » illisible : un nombre de secondes (90, 90s) ou de minutes (10m)"
        ),
    }
}

/// Where the benchmarks write their scenarios, bodies, data folders and server logs.
pub fn dossier_travail(workspace: &Workspace) -> PathBuf {
    workspace.target_dir().join("bench")
}

/// The binary `nom` of the workspace, built with `profil`.
pub fn binaire(workspace: &Workspace, profil: Profil, nom: &str) -> PathBuf {
    let sous_dossier = match profil {
        Profil::Debug => "debug",
        Profil::Release => "release",
    };
    workspace.target_dir().join(sous_dossier).join(nom)
}

pub fn construire(workspace: &Workspace, profil: Profil, paquets: &[&str]) -> Result<()> {
    let mut commande = cargo();
    commande.current_dir(workspace.root()).arg("build");
    if profil == Profil::Release {
        commande.arg("--release");
    }
    for paquet in paquets {
        commande.args(["-p", paquet]);
    }
    process::run(&mut commande)
}

/// `/proc/loadavg`'s three averages, to write next to each figure (the machine is shared).
pub fn charge_moyenne() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|texte| {
            let moyennes: Vec<&str> = texte.split_whitespace().take(3).collect();
            format!("(load average {})", moyennes.join(" "))
        })
        .unwrap_or_default()
}

pub fn run(workspace: &Workspace, options: &Options) -> Result<()> {
    let dossier = dossier_travail(workspace);
    println!(
        "Banc : {} cœur(s), {} ; durée de chaque mesure de charge {} s{}",
        std::thread::available_parallelism().map_or(0, usize::from),
        charge_moyenne(),
        options.duree.as_secs(),
        if options.epingler {
            " ; serveur testé sur le cœur 0, wrk sur le cœur 1 (taskset)"
        } else {
            ""
        }
    );
    if options.serveur || options.lot {
        construire(
            workspace,
            Profil::Release,
            &["mock-parcoursup", "apogee-connector"],
        )?;
    }
    let demarrages = if options.serveur {
        Some(demarrage::mesurer(workspace, &dossier)?)
    } else {
        None
    };
    let serveur = if options.serveur {
        Some(serveurs::mesurer_tout(
            workspace,
            &dossier,
            options.duree,
            options.concurrents,
            options.epingler,
        )?)
    } else {
        None
    };
    let lot = if options.lot {
        Some(lot::mesurer(workspace, &dossier, options.ias)?)
    } else {
        None
    };
    let coeur = if options.coeur {
        Some(coeur::mesurer(workspace)?)
    } else {
        None
    };
    println!("\n# Résultats ({})", charge_moyenne());
    if let Some(demarrages) = &demarrages {
        demarrage::afficher(demarrages);
    }
    if let Some(lignes) = &serveur {
        serveurs::afficher(lignes);
    }
    if let Some(bilan) = &lot {
        lot::afficher(bilan);
    }
    if let Some(bilan) = &coeur {
        coeur::afficher(bilan);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;

    #[test]
    fn durations_read_seconds_or_minutes() {
        assert_eq!(lire_duree("90").unwrap(), Duration::from_secs(90));
        assert_eq!(lire_duree("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(lire_duree("10m").unwrap(), Duration::from_secs(600));
        assert!(lire_duree("dix").is_err());
        assert!(lire_duree("0").is_err());
    }

    #[test]
    fn parts_can_be_left_out_and_unknown_options_are_named() {
        let args: Vec<String> = ["--sans-coeur", "--duree", "5"].map(String::from).to_vec();
        let options = Options::lire(&args).unwrap();
        assert!(!options.coeur && options.serveur && options.lot);
        assert!(!options.epingler, "not pinned unless asked");
        assert_eq!(options.duree, Duration::from_secs(5));
        assert!(Options::lire(&["--epingler".to_owned()]).unwrap().epingler);
        let erreur = Options::lire(&["--vite".to_owned()])
            .unwrap_err()
            .to_string();
        assert!(erreur.contains("--vite"), "{erreur}");
    }

    /// BENCHMARKS.md's experiments are patches of the server: they must still apply, or their
    /// figures could no longer be reproduced.
    #[test]
    fn the_experiment_patches_still_apply_to_the_server() {
        let racine = Workspace::locate().root().to_path_buf();
        let dossier = racine.join("bench").join("experiences");
        let mut patches: Vec<PathBuf> = std::fs::read_dir(&dossier)
            .unwrap()
            .map(|entree| entree.unwrap().path())
            .filter(|chemin| chemin.extension().is_some_and(|ext| ext == "patch"))
            .collect();
        patches.sort();
        let noms: Vec<_> = patches
            .iter()
            .map(|chemin| chemin.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            noms,
            [
                "sans-fsync.patch",
                "sans-journal.patch",
                "synchro-a-part.patch"
            ]
        );
        for patch in &patches {
            let sortie = Command::new("git")
                .args(["apply", "--check"])
                .arg(patch)
                .current_dir(&racine)
                .output()
                .expect("git");
            assert!(
                sortie.status.success(),
                "{} ne s'applique plus : {}",
                patch.display(),
                String::from_utf8_lossy(&sortie.stderr)
            );
        }
    }
}
