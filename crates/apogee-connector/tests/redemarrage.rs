//! A restart loses nothing the connector acknowledged: with a data folder, every input that
//! changed the state (OPI received, control-API actions, clock moves, Parcoursup's answers to the
//! batch) is journaled before the answer and replayed at start into the same state. Rows Parcoursup
//! acknowledged are not sent again; the others are. A reset opens a new session and keeps the old
//! one on disk; a data file that cannot be read is named, with the reason, in French.

mod commun;

use std::path::Path;

use apogee_connector::http::{router, Partage};
use apogee_connector::journal::{JournalConnecteur, FICHIER};
use apogee_connector::{Connecteur, SourceScenario};
use axum::http::StatusCode;
use commun::*;
use cycle_core::CodeDecision;
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const OK: &str = r#"{"retour":"OK","message":"Requete correctement traitee"}"#;
const LEA: u32 = 1048576;
/// A second candidate, received through flat files.
const MAX: u32 = 1048999;

fn integre(nom: &str) -> SourceScenario {
    SourceScenario::Integre {
        builtin: nom.to_owned(),
    }
}

fn demarrer(dossier: &Path, source: SourceScenario, url: Option<String>) -> Connecteur {
    let demarrage = Connecteur::demarrer(dossier, source, url, false).unwrap();
    demarrage.connecteur
}

async fn post(app: &axum::Router, chemin: &str, corps: Value) -> Value {
    let (statut, reponse) = json_de(app, "POST", chemin, corps).await;
    assert_eq!(statut, StatusCode::OK, "{chemin} : {reponse}");
    reponse
}

/// What the control API shows of the state: every table, what IA Primo offers, the records.
async fn vue(app: &axum::Router) -> Vec<Value> {
    let mut vue = Vec::new();
    for chemin in [
        "/etats/apogee".to_owned(),
        format!("/etats/ia-primo/{LEA}"),
        format!("/etats/ia-primo/{MAX}"),
        format!("/etats/dossiers-opi/{LEA}"),
        format!("/etats/dossiers-opi/{MAX}"),
    ] {
        let (statut, valeur) = json_de(app, "GET", &chemin, Value::Null).await;
        assert_eq!(statut, StatusCode::OK, "{chemin} : {valeur}");
        vue.push(valeur);
    }
    vue
}

fn statuts(etat: &Value) -> Vec<String> {
    etat["table_remontee"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ligne| ligne["statut"]["statut"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_restart_replays_the_journal_into_the_same_state_and_resends_only_what_was_not_acknowledged(
) {
    let parcoursup = MockServer::start().await;
    // The first row is acknowledged; then Parcoursup fails, and the batch stops.
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(OK))
        .up_to_n_times(1)
        .mount(&parcoursup)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&parcoursup)
        .await;
    let donnees = tempfile::tempdir().unwrap();
    let fichiers = tempfile::tempdir().unwrap();
    let (jour, lea) = opi_envoyees("nominal_f").remove(0);
    let mut max = lea.clone();
    max.code_candidat = MAX;
    max.cod_opi = "P241048999".into();
    max.ine = "1048999999K".into();
    max.nom = "MARTIN".into();
    ecrire_fichiers(fichiers.path(), "0751234X", jour, vec![max]);
    let premier = demarrer(donnees.path(), integre("nominal_f"), Some(parcoursup.uri()));
    let pushes = pushes(&lea, &premier);
    let app = router(Partage::new(premier));

    let (statut, _) = appel(&app, "POST", "/services/OpiMetier", Some(soap(&lea))).await;
    assert_eq!(statut, StatusCode::OK);
    for push in pushes {
        let (statut, corps) = appel(&app, "POST", "/admissionCandidat", Some(push)).await;
        assert_eq!(statut, StatusCode::OK, "{corps}");
    }
    let importees = post(
        &app,
        "/etats/import-fichiers",
        json!({"dossier": fichiers.path()}),
    )
    .await;
    assert!(!importees["entrees"].as_array().unwrap().is_empty());
    post(
        &app,
        "/etats/parametrage",
        json!({"login": "remontees", "pwd": "secret-du-jour"}),
    )
    .await;
    post(&app, "/etats/date", json!({"date": "2024-07-09"})).await;
    let ia = |candidat, canal, payee| json!({"canal": canal, "candidat": candidat, "vet": "DL1OUI", "payee": payee});
    post(&app, "/etats/ia", ia(LEA, "ia_primo", false)).await;
    post(
        &app,
        "/etats/paiement",
        json!({"candidat": LEA, "vet": "DL1OUI"}),
    )
    .await;
    post(
        &app,
        "/etats/annulation",
        json!({"candidat": LEA, "vet": "DL1OUI"}),
    )
    .await;
    post(&app, "/etats/ia", ia(MAX, "gestionnaire", false)).await;
    post(
        &app,
        "/etats/laissez-passer",
        json!({"candidat": MAX, "vet": "DL1OUI"}),
    )
    .await;
    post(
        &app,
        "/etats/panne-ecriture-voeux",
        json!({"candidat": LEA}),
    )
    .await;
    let lot = post(&app, "/etats/traitement-remontees", json!(null)).await;
    assert_eq!(lot["envoyees"], 1, "{lot}");
    assert!(
        lot["interrompu"].as_str().unwrap().contains("HTTP 500"),
        "{lot}"
    );
    let avant = vue(&app).await;
    assert_eq!(statuts(&avant[0]), ["envoyee", "a_envoyer"], "{}", avant[0]);
    assert_eq!(avant[0]["login_remontees"], "remontees");
    assert_eq!(avant[0]["laissez_passer"].as_array().unwrap().len(), 1);
    drop(app);

    // Another scenario on the command line: the journal's session wins.
    let demarrage = Connecteur::demarrer(donnees.path(), integre("ia_reins"), None, false).unwrap();
    assert!(demarrage.reprise);
    let app = router(Partage::new(demarrage.connecteur));
    assert_eq!(vue(&app).await, avant);

    assert_eq!(avant[0]["url_parcoursup"], parcoursup.uri());
    parcoursup.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(OK))
        .mount(&parcoursup)
        .await;
    let lot = post(&app, "/etats/traitement-remontees", json!(null)).await;
    assert_eq!(
        (lot["envoyees"].clone(), lot["interrompu"].clone()),
        (json!(1), Value::Null)
    );
    let envoyees = parcoursup.received_requests().await.unwrap();
    assert_eq!(envoyees.len(), 1, "the acknowledged row is not sent again");
    let corps = String::from_utf8_lossy(&envoyees[0].body).into_owned();
    assert!(
        corps.contains("\"secret-du-jour\""),
        "the credentials survived: {corps}"
    );
    let (_, etat) = json_de(&app, "GET", "/etats/apogee", Value::Null).await;
    assert_eq!(statuts(&etat), ["envoyee", "envoyee"], "{etat}");

    // The fault armed before the stop is still armed: the next write of Léa's OPI, her vœu now
    // D, stores the individu only.
    let mut defavorable = lea.clone();
    defavorable.voeux[0].decision = CodeDecision::D;
    let (statut, _) = appel(
        &app,
        "POST",
        "/services/OpiMetier",
        Some(soap(&defavorable)),
    )
    .await;
    assert_eq!(statut, StatusCode::OK);
    let chemin = format!("/etats/dossiers-opi/{LEA}");
    let (_, dossier) = json_de(&app, "GET", &chemin, Value::Null).await;
    assert_eq!(
        dossier["voeux"], avant[3]["voeux"],
        "the vœux were not rewritten"
    );
    assert_eq!(dossier["voeux"][0]["decision"], "F");
}

#[tokio::test]
async fn a_reset_opens_a_new_session_and_keeps_the_old_one_on_disk() {
    let donnees = tempfile::tempdir().unwrap();
    let app = router(Partage::new(demarrer(
        donnees.path(),
        integre("nominal_f"),
        None,
    )));
    post(&app, "/etats/date", json!({"date": "2024-07-09"})).await;
    post(
        &app,
        "/etats/reset",
        json!({"scenario": {"builtin": "ia_reins"}, "url_parcoursup": "http://127.0.0.1:9"}),
    )
    .await;
    let apres_reset = vue_apogee(&app).await;
    drop(app);

    let journal = JournalConnecteur::ouvrir(donnees.path()).unwrap();
    assert_eq!(journal.nombre_commandes().unwrap(), 3);
    #[cfg(unix)]
    {
        // It holds the remontée webservice's password: its owner only reads it.
        use std::os::unix::fs::PermissionsExt;
        let droits = std::fs::metadata(journal.chemin()).unwrap().permissions();
        assert_eq!(droits.mode() & 0o777, 0o600);
    }
    assert_eq!(journal.commandes_de_la_session().unwrap().len(), 1);
    drop(journal);
    let demarrage =
        Connecteur::demarrer(donnees.path(), integre("nominal_f"), None, false).unwrap();
    assert_eq!(demarrage.commandes_rejouees, 0);
    let app = router(Partage::new(demarrage.connecteur));
    assert_eq!(vue_apogee(&app).await, apres_reset);
    assert_eq!(apres_reset["url_parcoursup"], "http://127.0.0.1:9");

    // --reinitialiser: a new session on the scenario given, the old ones still counted.
    drop(app);
    let nouveau = Connecteur::demarrer(donnees.path(), integre("nominal_f"), None, true).unwrap();
    assert!(!nouveau.reprise);
    assert_eq!(nouveau.connecteur.url_parcoursup(), None);
    drop(nouveau);
    let journal = JournalConnecteur::ouvrir(donnees.path()).unwrap();
    assert_eq!(journal.nombre_commandes().unwrap(), 4);
}

async fn vue_apogee(app: &axum::Router) -> Value {
    json_de(app, "GET", "/etats/apogee", Value::Null).await.1
}

#[test]
fn an_unreadable_data_file_is_named_with_the_reason_in_french() {
    let donnees = tempfile::tempdir().unwrap();
    let fichier = donnees.path().join(FICHIER);
    std::fs::write(&fichier, "ceci n'est pas une base SQLite ".repeat(200)).unwrap();
    let erreur = Connecteur::demarrer(donnees.path(), integre("nominal_f"), None, false)
        .unwrap_err()
        .to_string();
    assert!(
        erreur.starts_with(&format!(
            "journal {} : ce n'est pas une base SQLite (fichier corrompu, ou écrit par un autre programme)",
            fichier.display()
        )),
        "{erreur}"
    );

    let pas_un_dossier = donnees.path().join("fichier");
    std::fs::write(&pas_un_dossier, "x").unwrap();
    let erreur = Connecteur::demarrer(&pas_un_dossier, integre("nominal_f"), None, false)
        .unwrap_err()
        .to_string();
    assert!(
        erreur.starts_with(&format!(
            "dossier de données {} : ce n'est pas un dossier",
            pas_un_dossier.display()
        )),
        "{erreur}"
    );
}

#[test]
fn a_command_that_cannot_be_read_or_replayed_is_named_by_its_number() {
    let donnees = tempfile::tempdir().unwrap();
    drop(demarrer(donnees.path(), integre("nominal_f"), None));
    let fichier = donnees.path().join(FICHIER);
    let base = rusqlite::Connection::open(&fichier).unwrap();
    base.execute(
        "INSERT INTO commandes (session, horodatage, nom, commande) VALUES (1, 'x', 'avancer', '{\"type\":\"avancer\"}')",
        [],
    )
    .unwrap();
    drop(base);
    let erreur = Connecteur::demarrer(donnees.path(), integre("nominal_f"), None, false)
        .unwrap_err()
        .to_string();
    assert_eq!(
        erreur,
        format!(
            "journal {} : commande n° 2 illisible (missing field `jour`)",
            fichier.display()
        )
    );

    let autre = tempfile::tempdir().unwrap();
    drop(demarrer(autre.path(), integre("nominal_f"), None));
    let fichier = autre.path().join(FICHIER);
    let base = rusqlite::Connection::open(&fichier).unwrap();
    base.execute(
        "UPDATE commandes SET commande = '{\"type\":\"charger\",\"source\":{\"builtin\":\"disparu\"},\"url_parcoursup\":null}'",
        [],
    )
    .unwrap();
    drop(base);
    let erreur = Connecteur::demarrer(autre.path(), integre("nominal_f"), None, false)
        .unwrap_err()
        .to_string();
    assert!(
        erreur.starts_with(&format!(
            "journal {} : commande n° 1 impossible à rejouer (scenario.builtin : « disparu » n'est pas un scénario intégré",
            fichier.display()
        )),
        "{erreur}"
    );
}
