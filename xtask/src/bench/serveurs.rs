//! The server benchmark: `majInscriptionAdministrative` under wrk at fixed concurrency, served by the
//! mock Parcoursup (validation, the core, the synced journal) with valid remontées and with 10 %
//! invalid bodies, then by Mockoon CLI and by Prism answering a static `{"retour":"OK"}`, and by
//! the mock's own HTTP stack answering the same static body (`examples/plafond_statique.rs`: the
//! ceiling of what any server does on this machine with wrk beside it).
//!
//! With `--epingler`, every server under test runs on core [`COEUR_SERVEUR`] and wrk on core
//! [`COEUR_WRK`] (`taskset`): the same single core for each server, none shared with wrk.

use std::path::Path;
use std::process::Command;
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
/// How long a server may take to listen: the mock loads a 10,000-candidate scenario first.
const DEMARRAGE: Duration = Duration::from_secs(120);

/// What a line measures: the ratios set each mock line against each competitor's.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    Mock,
    /// The mock's HTTP stack answering a static body: a reference, not a competitor.
    Plafond,
    Concurrent,
}

/// One line of the table.
pub struct Ligne {
    pub nom: &'static str,
    pub genre: Genre,
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
    let serveur = lancer_mock(
        workspace,
        profil,
        &fichiers.scenario,
        &donnees,
        &dossier.join("mock-parcoursup.log"),
        coeurs,
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

/// Starts `mock-parcoursup serve` on a free port, on `scenario` with a new session in `donnees`,
/// its output to `journal`, on the cores `coeurs` (a `taskset -c` list) when given; waits at most
/// `delai` for it to listen (loading a big scenario takes a while).
pub fn lancer_mock(
    workspace: &Workspace,
    profil: Profil,
    scenario: &Path,
    donnees: &Path,
    journal: &Path,
    coeurs: Option<&str>,
    delai: Duration,
) -> Result<Serveur> {
    let port = port_libre()?;
    let mut commande = commande_sur(coeurs, binaire(workspace, profil, "mock-parcoursup"));
    commande
        .arg("serve")
        .args(["--port", &port.to_string()])
        .arg("--data-dir")
        .arg(donnees)
        .arg("--scenario")
        .arg(scenario)
        .arg("--reinitialiser");
    Serveur::demarrer("mock-parcoursup", commande, port, journal, delai)
}

/// What every run of the comparison shares.
struct Banc<'a> {
    workspace: &'a Workspace,
    dossier: &'a Path,
    fichiers: FichiersCharge,
    duree: Duration,
    epingler: bool,
}

impl Banc<'_> {
    /// The cores of the server under test (`taskset -c`), with `--epingler`.
    fn coeurs(&self) -> Option<&'static str> {
        self.epingler.then_some(COEUR_SERVEUR)
    }

    /// One run of the mock, on a server started for it.
    fn mesurer_mock(&self, nom: &'static str, pourcent_invalides: u32) -> Result<Ligne> {
        let mock = demarrer_mock_sur(
            self.workspace,
            Profil::Release,
            self.dossier,
            &self.fichiers,
            self.coeurs(),
        )?;
        self.mesurer(nom, Genre::Mock, &mock, pourcent_invalides)
    }

    /// Starts `commande` (which listens on `port`, its output to `dossier/<journal>`), measures it
    /// with valid bodies, and stops it.
    fn mesurer_statique(
        &self,
        nom: &'static str,
        genre: Genre,
        commande: Command,
        port: u16,
        journal: &str,
    ) -> Result<Ligne> {
        let serveur =
            Serveur::demarrer(nom, commande, port, &self.dossier.join(journal), DEMARRAGE)?;
        self.mesurer(nom, genre, &serveur, 0)
    }

    /// A warm-up, then the measured run; refused when an answer was not the expected one.
    fn mesurer(
        &self,
        nom: &'static str,
        genre: Genre,
        serveur: &Serveur,
        pourcent_invalides: u32,
    ) -> Result<Ligne> {
        let url = serveur.url();
        let charge = |duree| Charge {
            url: &url,
            connexions: CONNEXIONS,
            duree,
            valides: &self.fichiers.valides,
            invalides: Some(&self.fichiers.invalides),
            pourcent_invalides,
            coeurs: self.epingler.then_some(COEUR_WRK),
        };
        println!(
            "› {nom} : échauffement {} s, puis {} s à {CONNEXIONS} connexions",
            ECHAUFFEMENT.as_secs(),
            self.duree.as_secs()
        );
        charge(ECHAUFFEMENT).executer(self.workspace)?;
        let charge_avant = charge_moyenne();
        let mesure = charge(self.duree).executer(self.workspace)?;
        let erreurs = mesure.erreurs_inattendues(CONNEXIONS);
        if !erreurs.is_empty() {
            bail!("{nom} : {}", erreurs.join(" ; "));
        }
        if pourcent_invalides == 0 && mesure.statut_200 == 0 {
            bail!("{nom} : aucune réponse 200");
        }
        Ok(Ligne {
            nom,
            genre,
            mesure,
            charge_avant,
        })
    }
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
    let banc = Banc {
        workspace,
        dossier,
        fichiers: corps::ecrire_charge(dossier, CANDIDATS)?,
        duree,
        epingler,
    };
    let mut lignes = vec![
        banc.mesurer_mock("mock (remontées valides)", 0)?,
        banc.mesurer_mock("mock (10 % de corps invalides)", POURCENT_INVALIDES)?,
    ];
    if !concurrents {
        return Ok(lignes);
    }

    process::run(cargo().current_dir(workspace.root()).args([
        "build",
        "--release",
        "-p",
        "mock-parcoursup",
        "--example",
        PLAFOND,
    ]))?;
    let programme = workspace
        .target_dir()
        .join("release")
        .join("examples")
        .join(PLAFOND);
    let port = port_libre()?;
    let mut commande = commande_sur(banc.coeurs(), programme);
    commande.arg(port.to_string());
    lignes.push(banc.mesurer_statique(
        "plafond : axum statique",
        Genre::Plafond,
        commande,
        port,
        "plafond.log",
    )?);

    let node = outils::node(workspace)?;
    let bench = workspace.root().join("bench");
    let port = port_libre()?;
    let mut commande = commande_sur(banc.coeurs(), &node.mockoon);
    commande
        .arg("start")
        .arg("--data")
        .arg(bench.join("mockoon.json"))
        .args(["--port", &port.to_string(), "--hostname", "127.0.0.1"])
        .arg("--disable-log-to-file");
    lignes.push(banc.mesurer_statique(
        "Mockoon CLI 9.9 (statique)",
        Genre::Concurrent,
        commande,
        port,
        "mockoon.log",
    )?);

    let port = port_libre()?;
    let mut commande = commande_sur(banc.coeurs(), &node.prism);
    commande
        .arg("mock")
        .arg(bench.join("prism.yaml"))
        .args(["-h", "127.0.0.1", "-p", &port.to_string()])
        // Its default logs every request at info level; errors only, as the mock logs.
        .args(["--verboseLevel", "error"]);
    lignes.push(banc.mesurer_statique(
        "Prism 5.12 (statique)",
        Genre::Concurrent,
        commande,
        port,
        "prism.log",
    )?);
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
    for concurrent in lignes.iter().filter(|l| l.genre == Genre::Concurrent) {
        for reference in lignes.iter().filter(|l| l.genre == Genre::Mock) {
            println!(
                "ratio {} / {} : débit ×{:.1}, p99 ×{:.2}",
                reference.nom,
                concurrent.nom,
                reference.mesure.debit / concurrent.mesure.debit,
                reference.mesure.p99_ms / concurrent.mesure.p99_ms
            );
        }
    }
    // The first mock line is the one with valid remontées only.
    if let Some(mock) = lignes.iter().find(|l| l.genre == Genre::Mock) {
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
