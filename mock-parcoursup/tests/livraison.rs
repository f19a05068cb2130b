//! OPI delivery to the connector under test, against wiremock doubles: a healthy connector, a SOAP
//! fault, HTTP 500, a timeout, a malformed answer, a connector that is down, the JSON push with its
//! compatibility switches, and the flat files of flat-file mode.

// Needs the core's Parcoursup-side calls (see the `coeur-parcoursup` feature in Cargo.toml).
#![cfg(feature = "coeur-parcoursup")]

mod commun;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use commun::{banc, dossier, Banc, TEST_CONNECTEUR};
use cycle_wire::soap::{
    decode_requete, encode_reponse, FauteSoap, Operation, ReponseSoap, RequeteSoap,
};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const MAJ: &str = "/ApiRest/majInscriptionAdministrative";
const LEA: u32 = 1048576;

fn succes_soap() -> String {
    encode_reponse(&ReponseSoap::Succes, Operation::MettreajourDonneesOpiV10)
}

fn faute_soap() -> String {
    encode_reponse(
        &ReponseSoap::Faute(FauteSoap {
            faultcode: "Server.generalException".into(),
            faultstring: "technical.data.nullretrieve.opi".into(),
            detail: None,
        }),
        Operation::MettreajourDonneesOpiV10,
    )
}

/// `nominal_f` (connector valid from the start) pointed at `url`; Léa's acceptation sends one OPI.
async fn une_opi_vers(url: &str, mode: &str) -> Banc {
    let banc = banc();
    let charge = banc
        .post(
            "/__admin/scenario",
            json!({"builtin": "nominal_f"}).to_string(),
        )
        .await;
    assert_eq!(charge.statut, StatusCode::OK, "{}", charge.corps);
    let connecteur = banc
        .put(
            "/__admin/connecteur",
            &json!({"url": url, "mode": mode, "identifiants": {"login": "etab", "pwd": "secret-etab"}}),
        )
        .await;
    assert_eq!(connecteur.statut, StatusCode::OK, "{}", connecteur.corps);
    let acceptation = banc
        .post(
            "/__admin/evenements",
            json!({"type": "acceptation", "candidat": LEA, "formation": 23456, "date": "2024-06-04"}).to_string(),
        )
        .await;
    assert_eq!(acceptation.statut, StatusCode::OK, "{}", acceptation.corps);
    banc
}

fn livraisons(messages: &[Value]) -> Vec<&Value> {
    messages.iter().filter(|m| m["sens"] == "sortant").collect()
}

async fn attendre_fin(banc: &Banc) -> Value {
    banc.attendre("la fin de la livraison", |etat| {
        etat["opi_en_cours_de_livraison"] == json!([])
    })
    .await
}

#[tokio::test]
async fn a_healthy_soap_connector_gets_each_opi_once_and_acknowledges_it() {
    let connecteur = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/services/OpiMetier"))
        .and(header("SOAPAction", "\"\""))
        .respond_with(ResponseTemplate::new(200).set_body_string(succes_soap()))
        .mount(&connecteur)
        .await;
    let banc = banc();
    // Set up first: the connector test has not succeeded, so nothing leaves yet (R6).
    banc.put(
        "/__admin/connecteur",
        &json!({"url": connecteur.uri(), "mode": "webservice"}),
    )
    .await;
    assert!(connecteur.received_requests().await.unwrap().is_empty());
    assert_eq!(banc.post(MAJ, TEST_CONNECTEUR).await.statut, StatusCode::OK);

    let etat = banc
        .attendre("trois OPI acquittées", |etat| {
            [1048576, 1048577, 1048578]
                .iter()
                .all(|code| !dossier(etat, *code)["dossier"]["opi_acquittee"].is_null())
        })
        .await;
    assert_eq!(etat["opi_en_attente"], json!([]));
    let recues = connecteur.received_requests().await.unwrap();
    assert_eq!(recues.len(), 3);
    let RequeteSoap::DonneesOpi(hugo) = decode_requete(&recues[1].body).unwrap() else {
        panic!("mettreajourDonneesOpi_v10 attendu");
    };
    assert_eq!(hugo.individu.cod_opi_int_epo, "P241048577");
    assert_eq!(hugo.voeux[0].cod_etp, "DL1OS3");
    assert_eq!(hugo.voeux[0].cod_cat_oui_si.as_deref(), Some("3A"));
    let messages = banc.messages().await;
    let sorties = livraisons(&messages);
    assert_eq!(sorties.len(), 3);
    assert!(sorties
        .iter()
        .all(|m| m["verdict"] == "ok" && m["tentative"] == 1));
    assert!(sorties[0]["route"]
        .as_str()
        .unwrap()
        .ends_with("/services/OpiMetier"));
}

#[tokio::test]
async fn a_soap_fault_is_reported_not_retried_and_the_opi_waits_to_leave_again() {
    let connecteur = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string(faute_soap()))
        .mount(&connecteur)
        .await;
    let banc = une_opi_vers(&connecteur.uri(), "webservice").await;
    let etat = attendre_fin(&banc).await;
    assert_eq!(connecteur.received_requests().await.unwrap().len(), 1);
    assert_eq!(
        etat["connecteur"]["derniere_erreur_livraison"],
        "faute SOAP Server.generalException : technical.data.nullretrieve.opi"
    );
    assert_eq!(etat["opi_en_attente"], json!([LEA]));
    assert!(dossier(&etat, LEA)["dossier"]["opi_acquittee"].is_null());
    let messages = banc.messages().await;
    let sortie = livraisons(&messages)[0];
    assert_eq!(sortie["verdict"], "nok");
    assert_eq!(sortie["statut"], 500);

    // The next change sends it again (a re-send, R16).
    banc.post(
        "/__admin/evenements",
        json!({"type": "renvoi_opi", "candidat": LEA}).to_string(),
    )
    .await;
    attendre_fin(&banc).await;
    assert_eq!(connecteur.received_requests().await.unwrap().len(), 2);
}

/// A connector that never acknowledges: every attempt journaled, three in all, with growing waits.
async fn retries_then_gives_up(reponse: ResponseTemplate, raison: &str) {
    let connecteur = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(reponse)
        .mount(&connecteur)
        .await;
    let debut = Instant::now();
    let banc = une_opi_vers(&connecteur.uri(), "webservice").await;
    let etat = attendre_fin(&banc).await;
    // Backoff of the test settings: 20 ms, then 40 ms.
    assert!(
        debut.elapsed() >= Duration::from_millis(60),
        "{:?}",
        debut.elapsed()
    );
    assert_eq!(connecteur.received_requests().await.unwrap().len(), 3);
    let messages = banc.messages().await;
    let tentatives: Vec<(Value, Value)> = livraisons(&messages)
        .iter()
        .map(|m| (m["tentative"].clone(), m["verdict"].clone()))
        .collect();
    assert_eq!(
        tentatives,
        [
            (json!(1), json!("echec")),
            (json!(2), json!("echec")),
            (json!(3), json!("echec"))
        ]
    );
    // Each attempt says why it failed and what follows: the backoff, then the give-up.
    let suites: Vec<String> = livraisons(&messages)
        .iter()
        .map(|m| {
            let detail = m["detail"].as_str().unwrap();
            assert!(detail.contains(raison), "{detail}");
            detail.rsplit(" ; ").next().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        suites,
        [
            "tentative 1/3 : nouvel essai dans 20 ms",
            "tentative 2/3 : nouvel essai dans 40 ms",
            "tentative 3/3 : abandon, l'OPI repartira au prochain changement",
        ]
    );
    let erreur = etat["connecteur"]["derniere_erreur_livraison"]
        .as_str()
        .unwrap();
    assert!(erreur.contains(raison), "{erreur}");
    assert!(erreur.ends_with("(après 3 tentative(s))"), "{erreur}");
    assert_eq!(etat["opi_en_attente"], json!([LEA]), "rien n'est perdu");
}

#[tokio::test]
async fn http_500_without_a_fault_is_retried_with_backoff() {
    retries_then_gives_up(
        ResponseTemplate::new(500).set_body_string("Internal Server Error"),
        "HTTP 500, réponse SOAP illisible",
    )
    .await;
}

#[tokio::test]
async fn a_connector_slower_than_the_timeout_is_retried() {
    retries_then_gives_up(
        ResponseTemplate::new(200)
            .set_body_string(succes_soap())
            .set_delay(Duration::from_secs(2)),
        "pas de réponse du connecteur dans le délai",
    )
    .await;
}

#[tokio::test]
async fn a_malformed_answer_is_retried() {
    retries_then_gives_up(
        ResponseTemplate::new(200).set_body_string("<html>ok</html>"),
        "HTTP 200, réponse SOAP illisible",
    )
    .await;
}

#[tokio::test]
async fn a_connector_that_is_down_is_retried_then_reported() {
    let libre = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let adresse = libre.local_addr().unwrap();
    drop(libre);
    let banc = une_opi_vers(&format!("http://{adresse}"), "webservice").await;
    let etat = attendre_fin(&banc).await;
    let erreur = etat["connecteur"]["derniere_erreur_livraison"]
        .as_str()
        .unwrap();
    assert!(erreur.starts_with("connecteur injoignable"), "{erreur}");
    assert_eq!(livraisons(&banc.messages().await).len(), 3);
}

#[tokio::test]
async fn a_connector_back_after_a_500_gets_the_opi_on_the_next_attempt() {
    let connecteur = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&connecteur)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(succes_soap()))
        .mount(&connecteur)
        .await;
    let banc = une_opi_vers(&connecteur.uri(), "webservice").await;
    let etat = attendre_fin(&banc).await;
    assert!(!dossier(&etat, LEA)["dossier"]["opi_acquittee"].is_null());
    assert_eq!(etat["connecteur"]["derniere_erreur_livraison"], Value::Null);
    let messages = banc.messages().await;
    let verdicts: Vec<&Value> = livraisons(&messages)
        .iter()
        .map(|m| &m["verdict"])
        .collect();
    assert_eq!(verdicts, [&json!("echec"), &json!("ok")]);
}

#[tokio::test]
async fn the_json_push_carries_donnees_candidat_and_a_nok_is_a_refusal() {
    let connecteur = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/admissionCandidat"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(r#"{"retour":"OK","message":"recu"}"#),
        )
        .mount(&connecteur)
        .await;
    let banc = une_opi_vers(&connecteur.uri(), "push_json").await;
    let etat = attendre_fin(&banc).await;
    assert!(!dossier(&etat, LEA)["dossier"]["opi_acquittee"].is_null());
    let recues = connecteur.received_requests().await.unwrap();
    let corps: Value = serde_json::from_slice(&recues[0].body).unwrap();
    assert_eq!(
        corps["identifiant"],
        json!({"login": "etab", "pwd": "secret-etab"})
    );
    assert_eq!(corps["donneesCandidat"]["codeCandidat"], LEA);
    assert_eq!(corps["donneesCandidat"]["codeFormationPsup"], 23456);
    let journal = banc.get("/__admin/journal").await.corps;
    assert!(
        !journal.contains("secret-etab"),
        "mot de passe du connecteur journalisé"
    );

    let refus = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"retour":"NOK","message":"formation inconnue"}"#),
        )
        .mount(&refus)
        .await;
    let banc = une_opi_vers(&refus.uri(), "push_json").await;
    let etat = attendre_fin(&banc).await;
    assert_eq!(refus.received_requests().await.unwrap().len(), 1);
    assert_eq!(
        etat["connecteur"]["derniere_erreur_livraison"],
        "NOK : formation inconnue"
    );
}

#[tokio::test]
async fn compatibility_switches_push_unwrapped_to_the_doubled_path() {
    let connecteur = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/admissionCandidat/admissionCandidat"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"retour":"OK","message":""}"#))
        .mount(&connecteur)
        .await;
    let banc = banc();
    banc.post(
        "/__admin/scenario",
        json!({"builtin": "nominal_f", "compatibilite": {"donnees_candidat_a_plat": true, "chemin_double": true}}).to_string(),
    )
    .await;
    banc.put(
        "/__admin/connecteur",
        &json!({"url": connecteur.uri(), "mode": "push_json", "identifiants": {"login": "etab", "pwd": "p"}}),
    )
    .await;
    banc.post(
        "/__admin/evenements",
        json!({"type": "acceptation", "candidat": LEA, "formation": 23456}).to_string(),
    )
    .await;
    let etat = attendre_fin(&banc).await;
    assert!(
        !dossier(&etat, LEA)["dossier"]["opi_acquittee"].is_null(),
        "{etat:#}"
    );
    let recues = connecteur.received_requests().await.unwrap();
    let corps: Value = serde_json::from_slice(&recues[0].body).unwrap();
    assert!(corps.get("donneesCandidat").is_none());
    assert_eq!(corps["codeCandidat"], LEA);
}

#[tokio::test]
async fn flat_files_are_written_at_the_end_of_the_day_and_listed() {
    let banc = banc();
    let dossier_fichiers = banc.donnees.path().join("opi");
    banc.put(
        "/__admin/connecteur",
        &json!({"mode": "fichiers_plats", "dossier_fichiers": dossier_fichiers}),
    )
    .await;
    banc.post(MAJ, TEST_CONNECTEUR).await;
    assert_eq!(
        banc.get("/__admin/fichiers").await.json()["fichiers"],
        json!([])
    );

    let horloge = banc
        .post(
            "/__admin/horloge",
            json!({"date": "2024-06-05"}).to_string(),
        )
        .await;
    assert_eq!(horloge.statut, StatusCode::OK, "{}", horloge.corps);
    let liste = banc.get("/__admin/fichiers").await.json();
    let noms: Vec<&str> = liste["fichiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["nom"].as_str().unwrap())
        .collect();
    assert_eq!(noms.len(), 3, "{liste:#}");
    assert!(
        noms.iter()
            .all(|n| n.contains("0751234X") && n.contains("20240604")),
        "{noms:?}"
    );
    let individus = noms.iter().find(|n| n.contains("INDIVIDUS")).unwrap();
    let contenu = banc.get(&format!("/__admin/fichiers/{individus}")).await;
    assert_eq!(contenu.statut, StatusCode::OK);
    assert_eq!(
        contenu.type_contenu.as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert!(contenu.corps.contains("P241048576"), "{}", contenu.corps);
    let etat = banc.etat().await;
    assert!(!dossier(&etat, LEA)["dossier"]["opi_acquittee"].is_null());

    let absent = banc.get("/__admin/fichiers/absent.csv").await;
    assert_eq!(absent.statut, StatusCode::NOT_FOUND);
    let evasion = banc.get("/__admin/fichiers/..%2Fjournal.sqlite3").await;
    assert_eq!(evasion.statut, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn flat_files_that_cannot_be_written_are_reported_in_the_answer_the_state_and_the_journal() {
    let banc = banc();
    // A file where the folder should be: the folder cannot be created under it.
    let bouchon = banc.donnees.path().join("bouchon");
    std::fs::write(&bouchon, "pas un dossier").unwrap();
    let dossier_fichiers = bouchon.join("opi");
    banc.put(
        "/__admin/connecteur",
        &json!({"mode": "fichiers_plats", "dossier_fichiers": dossier_fichiers}),
    )
    .await;
    banc.post(MAJ, TEST_CONNECTEUR).await;

    let horloge = banc
        .post(
            "/__admin/horloge",
            json!({"date": "2024-06-05"}).to_string(),
        )
        .await;
    assert_eq!(horloge.statut, StatusCode::OK, "{}", horloge.corps);
    let echecs = horloge.json()["echecs_fichiers"].clone();
    let echec = echecs[0].as_str().unwrap_or_else(|| panic!("{echecs:#}"));
    assert!(
        echec.starts_with(&format!(
            "fichiers OPI du 2024-06-04 non écrits : dossier {} : ",
            dossier_fichiers.display()
        )) && echec.ends_with(
            " ; les OPI de 3 candidat(s) repartiront avec les fichiers du prochain jour"
        ),
        "{echec}"
    );
    let etat = banc.etat().await;
    assert_eq!(etat["connecteur"]["derniere_erreur_livraison"], echec);
    assert_eq!(etat["opi_en_attente"], json!([LEA, 1048577, 1048578]));
    let messages = banc.messages().await;
    let journalise = messages
        .iter()
        .find(|m| m["canal"] == "fichiers_plats")
        .unwrap();
    assert_eq!(journalise["verdict"], "echec");
    assert_eq!(journalise["detail"], echec);

    // The folder can be written again: the next day's files carry the OPI, and the state clears.
    std::fs::remove_file(&bouchon).unwrap();
    let horloge = banc
        .post(
            "/__admin/horloge",
            json!({"date": "2024-06-06"}).to_string(),
        )
        .await;
    assert_eq!(horloge.json()["echecs_fichiers"], json!([]));
    let etat = banc.etat().await;
    assert_eq!(etat["connecteur"]["derniere_erreur_livraison"], Value::Null);
    assert_eq!(etat["opi_en_attente"], json!([]));
    assert_eq!(
        banc.get("/__admin/fichiers").await.json()["fichiers"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}
