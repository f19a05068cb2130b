//! The `apogee-connector serve` binary with `--data-dir`, killed without warning (SIGKILL: no
//! destructor, no flush) and started again: what it answered before the kill is still there.

mod commun;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use commun::{premiere_opi, soap};
use serde_json::{json, Value};

const BINAIRE: &str = env!("CARGO_BIN_EXE_apogee-connector");

/// The running binary, and what it printed before listening.
struct Serveur {
    processus: Child,
    /// Kept open: the binary goes on printing, and a closed pipe would stop it.
    _sortie: BufReader<ChildStdout>,
    adresse: String,
    annonce: Vec<String>,
}

fn lancer(donnees: &Path) -> Serveur {
    let mut processus = Command::new(BINAIRE)
        .args([
            "serve",
            "--port",
            "0",
            "--builtin",
            "nominal_f",
            "--data-dir",
        ])
        .arg(donnees)
        .env_remove("APOGEE_CONNECTOR_PARCOURSUP")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut sortie = BufReader::new(processus.stdout.take().unwrap());
    let mut annonce = Vec::new();
    for _ in 0..2 {
        let mut ligne = String::new();
        sortie.read_line(&mut ligne).unwrap();
        annonce.push(ligne.trim().to_owned());
    }
    let adresse = annonce[0]
        .trim_start_matches("Connecteur Apogée : http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    Serveur {
        processus,
        _sortie: sortie,
        adresse,
        annonce,
    }
}

impl Serveur {
    fn requete(&self, methode: &str, chemin: &str, corps: &str) -> (u16, String) {
        let mut flux = TcpStream::connect(&self.adresse).unwrap();
        write!(
            flux,
            "{methode} {chemin} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{corps}",
            corps.len()
        )
        .unwrap();
        let mut reponse = String::new();
        flux.read_to_string(&mut reponse).unwrap();
        let statut = reponse[9..12].parse().unwrap();
        let corps = reponse
            .split_once("\r\n\r\n")
            .map(|(_, c)| c.to_owned())
            .unwrap();
        (statut, corps)
    }

    fn action(&self, chemin: &str, corps: Value) {
        let (statut, reponse) = self.requete("POST", chemin, &corps.to_string());
        assert_eq!(statut, 200, "{chemin} : {reponse}");
    }

    fn etat(&self) -> Value {
        serde_json::from_str(&self.requete("GET", "/etats/apogee", "").1).unwrap()
    }

    /// SIGKILL on Unix: the process gets no chance to write anything more.
    fn tuer(mut self) {
        self.processus.kill().unwrap();
        self.processus.wait().unwrap();
    }
}

#[test]
fn a_killed_connector_restarts_with_everything_it_answered() {
    let donnees = tempfile::tempdir().unwrap();
    let premier = lancer(donnees.path());
    assert!(
        premier.annonce[1].contains("(nouvelle session)"),
        "{:?}",
        premier.annonce
    );
    let (statut, reponse) = premier.requete(
        "POST",
        "/services/OpiMetier",
        &soap(&premiere_opi("nominal_f")),
    );
    assert_eq!(statut, 200, "{reponse}");
    premier.action("/etats/date", json!({"date": "2024-07-09"}));
    premier.action(
        "/etats/ia",
        json!({"canal": "ia_primo", "candidat": 1048576, "vet": "DL1OUI", "payee": true}),
    );
    let avant = premier.etat();
    assert_eq!(avant["table_remontee"].as_array().unwrap().len(), 1);
    premier.tuer();

    let second = lancer(donnees.path());
    assert!(
        second.annonce[1].contains("session reprise du journal, 3 commande(s) rejouée(s)"),
        "{:?}",
        second.annonce
    );
    assert_eq!(second.etat(), avant);
    second.tuer();
}

#[test]
fn without_a_data_folder_the_connector_says_it_lives_in_memory() {
    let mut processus = Command::new(BINAIRE)
        .args(["serve", "--port", "0"])
        .env_remove("APOGEE_CONNECTOR_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut sortie = BufReader::new(processus.stdout.take().unwrap());
    let mut lignes = String::new();
    for _ in 0..2 {
        sortie.read_line(&mut lignes).unwrap();
    }
    processus.kill().unwrap();
    drop(sortie);
    processus.wait().unwrap();
    assert!(
        lignes.contains(
            "données : en mémoire seulement (sans --data-dir, un redémarrage repart du scénario)"
        ),
        "{lignes}"
    );
}

#[test]
fn a_corrupted_journal_stops_the_start_with_the_file_and_the_reason() {
    let donnees = tempfile::tempdir().unwrap();
    let fichier = donnees.path().join(apogee_connector::journal::FICHIER);
    std::fs::write(&fichier, "pas une base ".repeat(500)).unwrap();
    let sortie = Command::new(BINAIRE)
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(donnees.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!sortie.status.success());
    let erreurs = String::from_utf8_lossy(&sortie.stderr);
    assert!(
        erreurs.contains(&format!(
            "apogee-connector : erreur : journal {} : ce n'est pas une base SQLite",
            fichier.display()
        )),
        "{erreurs}"
    );
    assert!(
        erreurs.contains("(mettez ce fichier de côté pour repartir d'un journal vide)"),
        "{erreurs}"
    );
    assert!(!erreurs.contains("panicked"), "{erreurs}");
}
