//! Secrets never leave the server: the `mock-parcoursup serve` binary, logging at `trace`, is sent
//! right and wrong credentials in every shape, a connector password and its admin token; then
//! neither its output, nor its logs, nor any admin answer, nor the journal file on disk holds one of
//! them.

// Needs the core's Parcoursup-side calls (see the `coeur-parcoursup` feature in Cargo.toml).
#![cfg(feature = "coeur-parcoursup")]

use std::io::Read;
use std::process::{Command, Stdio};

const BINAIRE: &str = env!("CARGO_BIN_EXE_mock-parcoursup");
const JETON_ADMIN: &str = "jeton-admin-9Zk2";
const MOT_DE_PASSE: &str = "mdp-universite-7Qw4";
const MOT_DE_PASSE_PUSH: &str = "mdp-push-3Wx8";
/// Wrong passwords a client may send: refused, and not written either.
const ESSAIS: [&str; 3] = ["essai-faux-5Xr1", "essai-chaine-6Yt5", "84736251"];

const SCENARIO: &str = r#"
titre = "Secrets"
description = "Une université aux identifiants propres."
[universite]
login = "univ-secrets"
mot_de_passe = "mdp-universite-7Qw4"
connecteur = "parametre_non_teste"
[campagne]
preset = "2024"
debut = 2024-06-04
"#;

fn test_connecteur(identifiant: &str) -> String {
    format!(
        r#"{{"identifiant": {identifiant}, "codeCandidat": 1, "ine": "0123456789AB", "nom": "Bernard",
        "prenom": "Minet", "dateNaissance": "14/07/1789", "codeFormationPsup": 42, "codeFormation1": "42",
        "codeSISE": 42, "etatInscription": 1, "codeEtablissementAffectation": "0751234X"}}"#
    )
}

/// A request with the admin token; the status and the body.
async fn requete(
    client: &reqwest::Client,
    verbe: reqwest::Method,
    url: String,
    corps: Option<String>,
) -> (u16, String) {
    let mut envoi = client
        .request(verbe, url)
        .header("authorization", format!("Bearer {JETON_ADMIN}"));
    if let Some(corps) = corps {
        envoi = envoi.header("content-type", "application/json").body(corps);
    }
    let reponse = envoi.send().await.expect("le serveur répond");
    let statut = reponse.status().as_u16();
    (statut, reponse.text().await.unwrap())
}

#[tokio::test]
async fn no_password_nor_token_reaches_the_logs_the_output_the_admin_api_or_the_journal() {
    let dossier = tempfile::tempdir().unwrap();
    let scenario = dossier.path().join("secrets.toml");
    std::fs::write(&scenario, SCENARIO).unwrap();
    let journal_stderr = dossier.path().join("stderr.log");
    let mut serveur = Command::new(BINAIRE)
        .args(["serve", "--port", "0", "--admin-token", JETON_ADMIN])
        .arg("--web-dir")
        .arg(dossier.path().join("pas-de-page"))
        .arg("--data-dir")
        .arg(dossier.path().join("donnees"))
        .arg("--scenario")
        .arg(&scenario)
        .env("MOCK_PARCOURSUP_LOG", "trace")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&journal_stderr).unwrap())
        .spawn()
        .expect("lancement de mock-parcoursup");
    let mut sortie = serveur.stdout.take().unwrap();
    let mut premiere = Vec::new();
    let mut octet = [0u8; 1];
    while octet[0] != b'\n' {
        sortie.read_exact(&mut octet).unwrap();
        premiere.push(octet[0]);
    }
    let premiere = String::from_utf8(premiere).unwrap();
    let base = premiere
        .trim()
        .strip_prefix("Simulateur : ")
        .and_then(|url| url.strip_suffix('/'))
        .unwrap_or_else(|| panic!("première ligne inattendue : {premiere}"))
        .to_owned();
    let lecteur = std::thread::spawn(move || {
        let mut reste = String::new();
        sortie.read_to_string(&mut reste).unwrap();
        reste
    });

    let client = reqwest::Client::new();
    let maj = format!("{base}/ApiRest/majInscriptionAdministrative");
    let post = reqwest::Method::POST;
    let envois = [
        (
            format!(r#"{{"login": "univ-secrets", "pwd": "{MOT_DE_PASSE}"}}"#),
            200,
        ),
        (
            format!(r#"{{"login": "univ-secrets", "pwd": "{}"}}"#, ESSAIS[0]),
            401,
        ),
        (format!(r#""univ-secrets:{}""#, ESSAIS[1]), 400),
        (
            format!(r#"{{"login": "univ-secrets", "pwd": {}}}"#, ESSAIS[2]),
            400,
        ),
    ];
    for (identifiant, statut) in envois {
        let corps = test_connecteur(&identifiant);
        let (recu, reponse) = requete(&client, post.clone(), maj.clone(), Some(corps)).await;
        assert_eq!(recu, statut, "{identifiant} : {reponse}");
    }
    let (statut, reponse) = requete(
        &client,
        reqwest::Method::PUT,
        format!("{base}/__admin/connecteur"),
        Some(format!(
            r#"{{"url": "http://127.0.0.1:9", "mode": "push_json", "identifiants": {{"login": "etab", "pwd": "{MOT_DE_PASSE_PUSH}"}}}}"#
        )),
    )
    .await;
    assert_eq!(statut, 200, "{reponse}");

    let mut lu = String::new();
    for chemin in [
        "etat",
        "journal?toutes_sessions=true",
        "transcript",
        "conformite",
        "pannes",
        "fichiers",
        "openapi.json",
    ] {
        let (statut, corps) = requete(
            &client,
            reqwest::Method::GET,
            format!("{base}/__admin/{chemin}"),
            None,
        )
        .await;
        assert_eq!(statut, 200, "{chemin} : {corps}");
        lu.push_str(&corps);
    }
    // The journal did record the four attempts and the delivery set-up (with masked passwords).
    assert!(lu.contains(r#"\"pwd\": \"********\""#), "{lu}");

    // Ctrl-C, then everything it wrote.
    let arret = Command::new("kill")
        .args(["-INT", &serveur.id().to_string()])
        .status()
        .unwrap();
    assert!(arret.success());
    assert!(serveur.wait().unwrap().success());
    let stdout = format!("{premiere}{}", lecteur.join().unwrap());
    let stderr = std::fs::read_to_string(&journal_stderr).unwrap();
    assert!(
        stderr.contains("requête REST"),
        "les journaux trace doivent couvrir les requêtes : {stderr}"
    );
    assert!(stdout.contains("identifiants Parcoursup univ-secrets / (celui du scénario)"));
    let base_sur_disque = String::from_utf8_lossy(
        &std::fs::read(dossier.path().join("donnees/journal.sqlite3")).unwrap(),
    )
    .into_owned();

    let mut fuites = Vec::new();
    for (ou, texte) in [
        ("sortie standard", &stdout),
        ("journaux (stderr, trace)", &stderr),
        ("API d'administration", &lu),
    ] {
        for secret in [JETON_ADMIN, MOT_DE_PASSE, MOT_DE_PASSE_PUSH]
            .iter()
            .chain(&ESSAIS)
        {
            if texte.contains(secret) {
                fuites.push(format!("{secret} dans {ou}"));
            }
        }
    }
    // The journal file keeps the scenario's text to replay it (the university's password is in the
    // scenario file anyway), but nothing that came over the wire.
    for secret in [JETON_ADMIN, MOT_DE_PASSE_PUSH].iter().chain(&ESSAIS) {
        if base_sur_disque.contains(secret) {
            fuites.push(format!("{secret} dans journal.sqlite3"));
        }
    }
    assert!(fuites.is_empty(), "{fuites:?}");
}
