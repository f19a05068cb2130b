//! How long `mock-parcoursup serve` takes to be ready, started as a connector developer starts it:
//! the demo scenario, a fresh data folder (a new session), the release build. Ready is the first
//! line it prints (the page's URL): it comes once the journal is open, the scenario loaded and the
//! port bound.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::{binaire, Profil};
use crate::workspace::Workspace;

/// Starts measured; the figure is their median.
pub const ESSAIS: usize = 5;

/// The first line the server prints when it is ready.
const PRET: &str = "Simulateur : http://";

/// The start-up times, shortest first.
pub struct Demarrages(Vec<Duration>);

pub fn mesurer(workspace: &Workspace, dossier: &Path) -> Result<Demarrages> {
    let donnees = dossier.join("donnees-demarrage");
    let mut durees = Vec::with_capacity(ESSAIS);
    for _ in 0..ESSAIS {
        if donnees.exists() {
            std::fs::remove_dir_all(&donnees)?;
        }
        durees.push(demarrer_une_fois(workspace, &donnees)?);
    }
    durees.sort();
    Ok(Demarrages(durees))
}

fn demarrer_une_fois(workspace: &Workspace, donnees: &Path) -> Result<Duration> {
    let debut = Instant::now();
    let mut enfant = Command::new(binaire(workspace, Profil::Release, "mock-parcoursup"))
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(donnees)
        .env("MOCK_PARCOURSUP_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("impossible de lancer mock-parcoursup serve")?;
    let mut premiere_ligne = String::new();
    let lue = match enfant.stdout.take() {
        Some(sortie) => BufReader::new(sortie).read_line(&mut premiere_ligne),
        None => Ok(0),
    };
    let duree = debut.elapsed();
    let _ = enfant.kill();
    let _ = enfant.wait();
    lue.context("lecture de la sortie de mock-parcoursup serve")?;
    if !premiere_ligne.starts_with(PRET) {
        bail!("mock-parcoursup serve n'a pas dit qu'il était prêt (première ligne : {premiere_ligne:?})");
    }
    Ok(duree)
}

pub fn afficher(demarrages: &Demarrages) {
    let durees = &demarrages.0;
    let (Some(min), Some(max)) = (durees.first(), durees.last()) else {
        return;
    };
    let ms = |duree: &Duration| duree.as_secs_f64() * 1000.0;
    println!("\n## Démarrage : mock-parcoursup serve, scénario de démonstration, nouvelle session");
    println!(
        "prêt en {:.0} ms (médiane de {}, de {:.0} à {:.0} ms)",
        ms(&durees[durees.len() / 2]),
        durees.len(),
        ms(min),
        ms(max)
    );
}
