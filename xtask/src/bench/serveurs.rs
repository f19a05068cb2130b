//! The server benchmark: `majInscriptionAdministrative` under wrk at fixed concurrency, served by the
//! mock Parcoursup (validation, the core, the synced journal) with valid remontées and with 10 %
//! invalid bodies, then by Mockoon CLI and by Prism answering a static `{"retour":"OK"}`, and by
//! the mock's own HTTP stack answering the same static body (`examples/plafond_statique.rs`: the
//! ceiling of what any server does on this machine with wrk beside it).
//!
//! With `--epingler`, every server under test runs on core [`COEUR_SERVEUR`] and wrk on core
//! [`COEUR_WRK`] (`taskset`): the same single core for each server, none shared with wrk.

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Result};

use super::charge::{Charge, Mesure};
use super::corps::{self, FichiersCharge};
use super::http::Client;
use super::outils;
use super::processus::{commande_sur, port_libre, Serveur};
use super::{binaire, charge_moyenne, Profil};
use crate::process::{self, cargo};
use crate::workspace::Workspace;

/// Candidates of the load scenario: every valid body names one of them.
pub const CANDIDATS: u32 = 10_000;
/// The concurrency of the target (p99 under 5 ms at 64 connections).
pub const CONNEXIONS: u32 = 64;
pub const POURCENT_INVALIDES: u32 = 10;
const ECHAUFFEMENT: Duration = Duration::from_secs(3);
/// `--epingler`: the core of the server under test, and wrk's.
pub const COEUR_SERVEUR: &str = "0";
pub const COEUR_WRK: &str = "1";
/// The ceiling: the mock's HTTP stack with a static answer (an example of `mock-parcoursup`).
const PLAFOND: &str = "plafond_statique";
/// Loading a 10,000-candidate scenario takes seconds (the loader is quadratic, BENCHMARKS.md).
const DEMARRAGE: Duration = Duration::from_secs(120);

/// One line of the table.
pub struct Ligne {
    pub nom: &'static str,
    pub mesure: Mesure,
    pub charge_avant: String,
}

/// Starts the mock on the load scenario, in a fresh data folder, with the connector test done.
pub fn demarrer_mock(
    workspace: &Workspace,
    profil: Profil,
    dossier: &Path,
    fichiers: &FichiersCharge,
) -> Result<Serveur> {
    demarrer_mock_sur(workspace, profil, dossier, fichiers, None)
}

/// [`demarrer_mock`] on the cores `coeurs` (a `taskset -c` list) when given.
fn demarrer_mock_sur(
    workspace: &Workspace,
    profil: Profil,
    dossier: &Path,
    fichiers: &FichiersCharge,
    coeurs: Option<&str>,
) -> Result<Serveur> {
    let donnees = dossier.join("donnees-mock");
    if donnees.exists() {
        std::fs::remove_dir_all(&donnees)?;
    }
    let port = port_libre()?;
    let mut commande = commande_sur(coeurs, binaire(workspace, profil, "mock-parcoursup"));
    commande
        .arg("serve")
        .args(["--port", &port.to_string()])
        .arg("--data-dir")
        .arg(&donnees)
        .arg("--scenario")
        .arg(&fichiers.scenario)
        .arg("--reinitialiser");
    let serveur = Serveur::demarrer(
        "mock-parcoursup",
        commande,
        port,
        &dossier.join("mock-parcoursup.log"),
        DEMARRAGE,
    )?;
    let client = Client::new(Duration::from_secs(30));
    let url = format!("{}/ApiRest/majInscriptionAdministrative", serveur.url());
    let retour = client.exiger(client.post(&url, &corps::test_connecteur()))?;
    if retour["retour"] != "OK" {
        bail!("le test connecteur est refusé : {retour}");
    }
    Ok(serveur)
}

fn mesurer(
    workspace: &Workspace,
    nom: &'static str,
    serveur: &Serveur,
    fichiers: &FichiersCharge,
    pourcent_invalides: u32,
    duree: Duration,
    epingler: bool,
) -> Result<Ligne> {
    let url = serveur.url();
    let charge = |duree| Charge {
        url: &url,
        connexions: CONNEXIONS,
        duree,
        valides: &fichiers.valides,
        invalides: Some(&fichiers.invalides),
        pourcent_invalides,
        coeurs: epingler.then_some(COEUR_WRK),
    };
    println!(
        "› {nom} : échauffement {} s, puis {} s à {CONNEXIONS} connexions",
        ECHAUFFEMENT.as_secs(),
        duree.as_secs()
    );
    charge(ECHAUFFEMENT).executer(workspace)?;
    let charge_avant = charge_moyenne();
    let mesure = charge(duree).executer(workspace)?;
    let erreurs = mesure.erreurs_inattendues(CONNEXIONS);
    if !erreurs.is_empty() {
        bail!("{nom} : {}", erreurs.join(" ; "));
    }
    if pourcent_invalides == 0 && mesure.statut_200 == 0 {
        bail!("{nom} : aucune réponse 200");
    }
    Ok(Ligne {
        nom,
        mesure,
        charge_avant,
    })
}

/// The runs, each on its own server started for it.
pub fn mesurer_tout(
    workspace: &Workspace,
    dossier: &Path,
    duree: Duration,
    concurrents: bool,
    epingler: bool,
) -> Result<Vec<Ligne>> {
    outils::wrk()?;
    let fichiers = corps::ecrire_charge(dossier, CANDIDATS)?;
    let coeurs = epingler.then_some(COEUR_SERVEUR);
    let mut lignes = Vec::new();
    {
        let mock = demarrer_mock_sur(workspace, Profil::Release, dossier, &fichiers, coeurs)?;
        lignes.push(mesurer(
            workspace,
            "mock (remontées valides)",
            &mock,
            &fichiers,
            0,
            duree,
            epingler,
        )?);
    }
    {
        let mock = demarrer_mock_sur(workspace, Profil::Release, dossier, &fichiers, coeurs)?;
        lignes.push(mesurer(
            workspace,
            "mock (10 % de corps invalides)",
            &mock,
            &fichiers,
            POURCENT_INVALIDES,
            duree,
            epingler,
        )?);
    }
    if concurrents {
        let mut construction = cargo();
        construction.current_dir(workspace.root()).args([
            "build",
            "--release",
            "-p",
            "mock-parcoursup",
            "--example",
            PLAFOND,
        ]);
        process::run(&mut construction)?;
        let programme = workspace
            .target_dir()
            .join("release")
            .join("examples")
            .join(PLAFOND);
        let port = port_libre()?;
        let mut commande = commande_sur(coeurs, programme);
        commande.arg(port.to_string());
        let plafond = Serveur::demarrer(
            "plafond (pile HTTP du mock, réponse statique)",
            commande,
            port,
            &dossier.join("plafond.log"),
            DEMARRAGE,
        )?;
        lignes.push(mesurer(
            workspace,
            "plafond : axum statique",
            &plafond,
            &fichiers,
            0,
            duree,
            epingler,
        )?);
        drop(plafond);

        let node = outils::node(workspace)?;
        let bench = workspace.root().join("bench");
        let port = port_libre()?;
        let mut commande = commande_sur(coeurs, &node.mockoon);
        commande
            .arg("start")
            .arg("--data")
            .arg(bench.join("mockoon.json"))
            .args(["--port", &port.to_string(), "--hostname", "127.0.0.1"])
            .arg("--disable-log-to-file");
        let mockoon = Serveur::demarrer(
            "Mockoon CLI",
            commande,
            port,
            &dossier.join("mockoon.log"),
            DEMARRAGE,
        )?;
        lignes.push(mesurer(
            workspace,
            "Mockoon CLI 9.9 (statique)",
            &mockoon,
            &fichiers,
            0,
            duree,
            epingler,
        )?);
        drop(mockoon);

        let port = port_libre()?;
        let mut commande = commande_sur(coeurs, &node.prism);
        commande
            .arg("mock")
            .arg(bench.join("prism.yaml"))
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            // Its default logs every request at info level; errors only, as the mock logs.
            .args(["--verboseLevel", "error"]);
        let prism = Serveur::demarrer(
            "Prism",
            commande,
            port,
            &dossier.join("prism.log"),
            DEMARRAGE,
        )?;
        lignes.push(mesurer(
            workspace,
            "Prism 5.12 (statique)",
            &prism,
            &fichiers,
            0,
            duree,
            epingler,
        )?);
    }
    Ok(lignes)
}

pub fn afficher(lignes: &[Ligne]) {
    println!(
        "\n## Serveur : majInscriptionAdministrative, wrk -t{} -c{CONNEXIONS}",
        super::charge::THREADS
    );
    println!(
        "{:<32} {:>10} {:>9} {:>9} {:>9} {:>10}  charge",
        "serveur", "requêtes/s", "p50 ms", "p99 ms", "max ms", "requêtes"
    );
    for ligne in lignes {
        let m = &ligne.mesure;
        println!(
            "{:<32} {:>10.0} {:>9.2} {:>9.2} {:>9.1} {:>10}  {}",
            ligne.nom, m.debit, m.p50_ms, m.p99_ms, m.max_ms, m.requetes, ligne.charge_avant
        );
    }
    let mock = lignes.iter().find(|l| l.nom.starts_with("mock (remontées"));
    let mixte = lignes.iter().find(|l| l.nom.starts_with("mock (10"));
    for concurrent in lignes
        .iter()
        .filter(|l| !l.nom.starts_with("mock") && !l.nom.starts_with("plafond"))
    {
        for reference in [mock, mixte].into_iter().flatten() {
            println!(
                "ratio {} / {} : débit ×{:.1}, p99 ×{:.2}",
                reference.nom,
                concurrent.nom,
                reference.mesure.debit / concurrent.mesure.debit,
                reference.mesure.p99_ms / concurrent.mesure.p99_ms
            );
        }
    }
    if let Some(mock) = mock {
        println!(
            "objectif p99 < 5 ms à {CONNEXIONS} connexions (mock, remontées valides) : {}",
            if mock.mesure.p99_ms < 5.0 {
                "atteint"
            } else {
                "MANQUÉ"
            }
        );
    }
}
