//! The server killed (SIGKILL) in the middle of the reference connector's remontée batch, then
//! restarted on the same data folder: no remontée it answered OK is lost, none is recorded twice,
//! and the connector's next batch sends exactly what was not acknowledged.
//!
//! The real `mock-parcoursup serve` binary runs a generated scenario of N candidates who accepted
//! the Licence de droit; the reference connector (in-process, `apogee_connector`) receives their
//! admissions through `getCandidatsAdmis` as JSON pushes, registers and pays each one in IA Primo,
//! and runs its batch against the binary through its HTTP client. At the call of the first third's
//! last row, once the server has answered OK, the server is killed and that answer dropped, as if
//! the kill had caught it on the wire. Nothing is timed: the kill point is a count of calls.
//!
//! N is `COUPURE_IA` (default 1,000, the CI run). Each remontée is one synced SQLite transaction, so
//! N = 30,000 takes minutes: `just coupure` runs it in release mode (RELIABILITY.md has the figures).

// Needs the core's Parcoursup-side calls (see the `coeur-parcoursup` feature in Cargo.toml).
#![cfg(feature = "coeur-parcoursup")]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex as StdMutex;
use std::time::Instant;

use apogee_connector::lot::{traitement_remontees, ClientParcoursup, Envoyeur, ErreurEnvoi};
use apogee_connector::{Connecteur, Parametrage};
use cycle_core::apogee::StatutLigne;
use cycle_core::{CodeVet, Evenement, Retour};
use cycle_wire::rest::MajInscriptionAdministrative;
use serde_json::{json, Value};
use tokio::sync::Mutex;

const BINAIRE: &str = env!("CARGO_BIN_EXE_mock-parcoursup");
const PREFIXE_URL: &str = "Simulateur : http://";
const PREMIER_CODE: u32 = 100_000;
const FORMATION: u32 = 23456;
const MAJ: &str = "POST /ApiRest/majInscriptionAdministrative";
/// Default number of paid IAs to report (CI); `COUPURE_IA` changes it.
const IA_PAR_DEFAUT: u32 = 1_000;

fn nombre_ia() -> u32 {
    match std::env::var("COUPURE_IA") {
        Ok(texte) => texte
            .parse()
            .unwrap_or_else(|_| panic!("COUPURE_IA : « {texte} » n'est pas un entier")),
        Err(_) => IA_PAR_DEFAUT,
    }
}

/// The demonstration university, its connector valid, and `n` néo-bacheliers who all accepted the
/// Licence de droit on the first day (played by the server itself, as its start-up scenario).
fn scenario(n: u32) -> String {
    let mut texte = String::from(
        "titre = \"Coupure du serveur pendant le traitement des remontées\"\n\
         description = \"Des candidats admis en Licence de droit, à remonter une fois inscrits.\"\n\
         [campagne]\npreset = \"2024\"\ndebut = 2024-06-04\n",
    );
    for i in 0..n {
        let code = PREMIER_CODE + i;
        writeln!(texte, "[[candidats]]\ncode = {code}").unwrap();
    }
    for i in 0..n {
        let code = PREMIER_CODE + i;
        writeln!(
            texte,
            "[[evenements]]\ndate = 2024-06-04\ntype = \"acceptation\"\ncandidat = {code}\nformation = {FORMATION}\nreponse = \"oui\""
        )
        .unwrap();
    }
    texte
}

/// The server process, killed if the test fails before it does.
struct Serveur {
    processus: Child,
    adresse: String,
}

impl Drop for Serveur {
    fn drop(&mut self) {
        let _ = self.processus.kill();
        let _ = self.processus.wait();
    }
}

impl Serveur {
    /// Starts the binary on `port` (0: any) and waits for its first line: it is printed once the
    /// journal is open and the session loaded or replayed.
    fn demarrer(donnees: &Path, scenario: &Path, port: u16, journal_stderr: &str) -> Serveur {
        let stderr = std::fs::File::create(donnees.join(journal_stderr)).unwrap();
        let mut processus = Command::new(BINAIRE)
            .args(["serve", "--port", &port.to_string(), "--web-dir"])
            .arg(donnees.join("pas-de-page"))
            .arg("--data-dir")
            .arg(donnees.join("donnees"))
            .arg("--scenario")
            .arg(scenario)
            .env("MOCK_PARCOURSUP_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("lancement de mock-parcoursup");
        let mut sortie = BufReader::new(processus.stdout.take().unwrap());
        let mut premiere = String::new();
        sortie.read_line(&mut premiere).unwrap();
        // The rest of the banner is read and dropped: a closed pipe would kill the server at its
        // next line.
        std::thread::spawn(move || std::io::copy(&mut sortie, &mut std::io::sink()));
        let adresse = premiere
            .trim()
            .strip_prefix(PREFIXE_URL)
            .and_then(|reste| reste.strip_suffix('/'))
            .unwrap_or_else(|| {
                let erreurs = std::fs::read_to_string(donnees.join(journal_stderr));
                panic!("première ligne inattendue : {premiere:?}\n{erreurs:?}")
            })
            .to_owned();
        Serveur { processus, adresse }
    }

    fn port(&self) -> u16 {
        self.adresse.rsplit(':').next().unwrap().parse().unwrap()
    }

    fn url(&self) -> String {
        format!("http://{}", self.adresse)
    }

    /// SIGKILL: no shutdown code runs, whatever the server was doing.
    fn tuer(mut self) {
        self.processus.kill().unwrap();
        self.processus.wait().unwrap();
    }
}

async fn post_json(client: &reqwest::Client, url: String, corps: Value) -> String {
    let reponse = client
        .post(url)
        .header("content-type", "application/json")
        .body(corps.to_string())
        .send()
        .await
        .expect("le serveur répond");
    let statut = reponse.status();
    let texte = reponse.text().await.unwrap();
    assert!(statut.is_success(), "{statut} : {texte}");
    texte
}

async fn get_json(client: &reqwest::Client, url: String) -> Value {
    let texte = client
        .get(url)
        .send()
        .await
        .expect("le serveur répond")
        .text()
        .await
        .unwrap();
    serde_json::from_str(&texte).unwrap_or_else(|e| panic!("{e} : {texte}"))
}

/// Every message of the current session, read page by page.
async fn journal(client: &reqwest::Client, serveur: &Serveur) -> Vec<Value> {
    let mut messages: Vec<Value> = Vec::new();
    loop {
        let depuis = messages.last().map_or(0, |m| m["id"].as_i64().unwrap() + 1);
        let url = format!(
            "{}/__admin/journal?depuis={depuis}&limite=5000",
            serveur.url()
        );
        let page = get_json(client, url).await["messages"]
            .as_array()
            .unwrap()
            .clone();
        if page.is_empty() {
            return messages;
        }
        messages.extend(page);
    }
}

/// One journaled `majInscriptionAdministrative` message.
#[derive(Debug)]
struct Recue {
    verdict: String,
    id: i64,
    doublon_de: Option<i64>,
}

/// The remontées of the journal, by candidate.
type RemonteesJournalisees = BTreeMap<u32, Vec<Recue>>;

fn remontees_par_candidat(messages: &[Value]) -> RemonteesJournalisees {
    let mut par_candidat = RemonteesJournalisees::new();
    for message in messages.iter().filter(|m| m["route"] == MAJ) {
        let corps: Value = serde_json::from_str(message["corps"].as_str().unwrap()).unwrap();
        let code = corps["codeCandidat"].as_u64().unwrap() as u32;
        par_candidat.entry(code).or_default().push(Recue {
            verdict: message["verdict"].as_str().unwrap().to_owned(),
            id: message["id"].as_i64().unwrap(),
            doublon_de: message["doublon_de"].as_i64(),
        });
    }
    par_candidat
}

/// The candidates with at least one remontée journaled with `verdict`.
fn candidats_en_verdict(remontees: &RemonteesJournalisees, verdict: &str) -> BTreeSet<u32> {
    remontees
        .iter()
        .filter(|(_, recues)| recues.iter().any(|r| r.verdict == verdict))
        .map(|(code, _)| *code)
        .collect()
}

/// The candidates whose row the connector holds as sent (Parcoursup answered OK).
async fn acquittees(connecteur: &Mutex<Connecteur>) -> BTreeSet<u32> {
    connecteur
        .lock()
        .await
        .apogee()
        .table_remontee()
        .iter()
        .filter(|ligne| matches!(ligne.statut, StatutLigne::Envoyee { .. }))
        .map(|ligne| ligne.remontee.code_candidat)
        .collect()
}

/// The reference connector for the same scenario, holding one paid IA per candidate: admissions read
/// from the server (`getCandidatsAdmis`), received as JSON pushes, then IA Primo paid the day after
/// the bac results.
async fn connecteur_avec_ia(
    client: &reqwest::Client,
    serveur: &Serveur,
    scenario: &str,
    n: u32,
) -> Connecteur {
    let charge = cycle_scenario::charger("coupure.toml", scenario).expect("scénario généré");
    let mut connecteur = Connecteur::nouveau(Parametrage::depuis_scenario(&charge));
    let identifiants = json!({"login": "demo-psup", "pwd": "demo-secret"});
    let admis = post_json(
        client,
        format!("{}/ApiRest/getCandidatsAdmis", serveur.url()),
        json!({"identifiant": identifiants, "codeEtablissement": "0751234X"}),
    )
    .await;
    let admis: Vec<Value> = serde_json::from_str(&admis).unwrap();
    assert_eq!(admis.len(), n as usize, "un admis par candidat");
    let push = &connecteur.parametrage().identifiants_push;
    let identifiants_push = json!({"login": push.login, "pwd": push.pwd});
    for donnees_candidat in admis {
        let corps = json!({"identifiant": identifiants_push, "donneesCandidat": donnees_candidat});
        let recu = connecteur.recevoir_push(corps.to_string().as_bytes());
        assert_eq!(recu.reponse.statut, 200, "{}", recu.reponse.corps);
    }
    connecteur
        .avancer_jusqu_au(time::macros::date!(2024 - 07 - 10))
        .unwrap();
    for i in 0..n {
        let ia = Evenement::IaPrimo {
            candidat: PREMIER_CODE + i,
            vet: CodeVet {
                cod_etp: "DL1OUI".into(),
                cod_vrs_vet: 1,
            },
            payee: true,
        };
        connecteur.appliquer(&ia).expect("IA Primo payée");
    }
    connecteur
        .definir_url_parcoursup(Some(serveur.url()))
        .expect("connecteur en mémoire : l'URL est prise sans journal");
    let a_envoyer = connecteur.apogee().table_remontee().len();
    assert_eq!(a_envoyer, n as usize, "une ligne par IA payée");
    connecteur
}

/// The real HTTP client, which kills the server at its `seuil`-th call once the answer is in, and
/// drops that answer.
struct Coupeur {
    http: ClientParcoursup,
    appels: AtomicUsize,
    seuil: usize,
    serveur: StdMutex<Option<Serveur>>,
    /// The killed server's port and the candidate whose answer was dropped.
    coupee_apres: StdMutex<Option<(u16, u32)>>,
}

impl Envoyeur for Coupeur {
    async fn envoyer(&self, requete: &MajInscriptionAdministrative) -> Result<Retour, ErreurEnvoi> {
        let reponse = self.http.envoyer(requete).await;
        if self.appels.fetch_add(1, Ordering::SeqCst) + 1 != self.seuil {
            return reponse;
        }
        let serveur = self.serveur.lock().unwrap().take().expect("un seul arrêt");
        let port = serveur.port();
        serveur.tuer();
        *self.coupee_apres.lock().unwrap() = Some((port, requete.code_candidat));
        assert!(matches!(&reponse, Ok(retour) if retour.ok), "{reponse:?}");
        Err(ErreurEnvoi::Reseau(
            "réponse perdue : serveur tué (SIGKILL) pendant qu'elle revenait".to_owned(),
        ))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_batch_loses_no_acknowledged_remontee_and_the_batch_resumes() {
    let n = nombre_ia();
    let seuil = (n / 3).max(1) as usize;
    let dossier = tempfile::tempdir().unwrap();
    let texte = scenario(n);
    let chemin_scenario = dossier.path().join("coupure.toml");
    std::fs::write(&chemin_scenario, &texte).unwrap();
    let client = reqwest::Client::new();
    let debut = Instant::now();

    let serveur = Serveur::demarrer(dossier.path(), &chemin_scenario, 0, "serveur-1.log");
    let connecteur = Mutex::new(connecteur_avec_ia(&client, &serveur, &texte, n).await);
    let pret = debut.elapsed();

    // The batch runs through the real HTTP client; at the `seuil`-th call, once the server has
    // answered it, the server is killed and the answer dropped, as if the kill had come while it was
    // on the wire: that remontée is journaled but never acknowledged.
    let coupeur = Coupeur {
        http: ClientParcoursup::new(ClientParcoursup::client_http(), Some(&serveur.url())),
        appels: AtomicUsize::new(0),
        seuil,
        serveur: StdMutex::new(Some(serveur)),
        coupee_apres: StdMutex::new(None),
    };
    let premier_lot = traitement_remontees(&connecteur, &coupeur).await;
    let (port, reponse_perdue) = coupeur
        .coupee_apres
        .lock()
        .unwrap()
        .expect("le serveur est tué pendant le lot");
    let acquittees_avant = acquittees(&connecteur).await;
    let coupure = premier_lot
        .interrompu
        .clone()
        .expect("le lot s'arrête quand le serveur meurt");
    assert!(coupure.contains("non acquittée"), "{coupure}");
    assert_eq!(premier_lot.acceptees, acquittees_avant.len());
    assert!(!acquittees_avant.is_empty());
    assert!(!acquittees_avant.contains(&reponse_perdue));

    // Restarted on the same data folder (and port): it replays its journal.
    let serveur = Serveur::demarrer(dossier.path(), &chemin_scenario, port, "serveur-2.log");
    let apres_redemarrage = remontees_par_candidat(&journal(&client, &serveur).await);
    let journalisees = candidats_en_verdict(&apres_redemarrage, "ok");
    let perdues: Vec<&u32> = acquittees_avant.difference(&journalisees).collect();
    assert!(perdues.is_empty(), "acquittées puis perdues : {perdues:?}");
    // Answered (journaled) but the answer never reached the connector: the batch sends them again.
    let sans_reponse: BTreeSet<u32> = journalisees
        .difference(&acquittees_avant)
        .copied()
        .collect();
    assert!(sans_reponse.contains(&reponse_perdue), "{sans_reponse:?}");

    let http = ClientParcoursup::new(ClientParcoursup::client_http(), Some(&serveur.url()));
    let reprise = traitement_remontees(&connecteur, &http).await;
    assert_eq!(reprise.interrompu, None);
    assert_eq!(
        (reprise.envoyees, reprise.acceptees, reprise.refusees),
        (
            n as usize - acquittees_avant.len(),
            n as usize - acquittees_avant.len(),
            0
        ),
        "la reprise envoie exactement ce qui n'était pas acquitté"
    );
    let table = connecteur.lock().await.apogee().table_remontee().to_vec();
    let restantes: Vec<_> = table
        .iter()
        .filter(|l| !matches!(l.statut, StatutLigne::Envoyee { .. }))
        .collect();
    assert!(
        restantes.is_empty(),
        "lignes non acquittées : {restantes:?}"
    );

    let remontees = remontees_par_candidat(&journal(&client, &serveur).await);
    let attendus: BTreeSet<u32> = (0..n).map(|i| PREMIER_CODE + i).collect();
    assert_eq!(remontees.keys().copied().collect::<BTreeSet<_>>(), attendus);
    let mut doublons = BTreeSet::new();
    for (code, recues) in &remontees {
        let ok: Vec<i64> = recues
            .iter()
            .filter(|r| r.verdict == "ok")
            .map(|r| r.id)
            .collect();
        assert_eq!(ok.len(), 1, "candidat {code} : {recues:?}");
        for autre in recues.iter().filter(|r| r.verdict != "ok") {
            assert_eq!(autre.verdict, "doublon", "candidat {code} : {recues:?}");
            assert_eq!(
                autre.doublon_de,
                Some(ok[0]),
                "candidat {code} : {recues:?}"
            );
            doublons.insert(*code);
        }
    }
    assert_eq!(
        doublons, sans_reponse,
        "seules les remontées restées sans réponse reviennent, marquées doublon"
    );
    let etat = get_json(&client, format!("{}/__admin/etat", serveur.url())).await;
    let inscrits = etat["candidats"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["dossier"]["inscriptions"]
                == json!([{"code_formation_psup": FORMATION, "etat_inscription": "principale", "recue_le": "2024-06-04"}])
        })
        .count();
    assert_eq!(inscrits, n as usize);
    eprintln!(
        "coupure : {n} IA à remonter, prêtes en {pret:.1?} ; {} acquittées avant SIGKILL, {} journalisées sans réponse, \
         {} renvoyées après redémarrage ; perdues 0, en double 0 ({} doublons marqués) ; total {:.1?}",
        acquittees_avant.len(),
        sans_reponse.len(),
        reprise.envoyees,
        doublons.len(),
        debut.elapsed()
    );
}
