//! A restart loses nothing that was acknowledged: the journal is replayed into the same state, its
//! messages are still there, a duplicate is still recognised, and an OPI that was in flight when
//! the server stopped is delivered again.

// Needs the core's Parcoursup-side calls (see the `coeur-parcoursup` feature in Cargo.toml).
#![cfg(feature = "coeur-parcoursup")]

mod commun;

use std::time::Duration;

use axum::http::StatusCode;
use commun::{banc, banc_avec, dossier, REMONTEE_LEA, TEST_CONNECTEUR};
use cycle_wire::soap::{encode_reponse, Operation, ReponseSoap};
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const MAJ: &str = "/ApiRest/majInscriptionAdministrative";

#[tokio::test]
async fn a_restart_replays_the_journal_into_the_same_state() {
    let premier = banc();
    assert_eq!(
        premier.post(MAJ, TEST_CONNECTEUR).await.statut,
        StatusCode::OK
    );
    assert_eq!(premier.post(MAJ, REMONTEE_LEA).await.statut, StatusCode::OK);
    premier
        .post(
            "/__admin/horloge",
            json!({"jalon": "lendemain_resultats_bac"}).to_string(),
        )
        .await;
    let etat = premier.etat().await;
    let messages = premier.messages().await;
    let transcript = premier.get("/__admin/transcript").await.json();
    let commun::Banc {
        application,
        donnees,
    } = premier;
    drop(application);

    let second = banc_avec(donnees, |_| {});
    assert!(second.application.reprise());
    assert_eq!(second.etat().await, etat);
    assert_eq!(second.messages().await, messages);
    assert_eq!(second.get("/__admin/transcript").await.json(), transcript);
    assert_eq!(
        dossier(&etat, 1048578)["decisions_du_jour"][0]["decision"],
        "D"
    );

    let doublon = second.post(MAJ, REMONTEE_LEA).await;
    assert_eq!(doublon.statut, StatusCode::OK);
    let derniers = second.messages().await;
    let dernier = derniers.last().unwrap();
    assert_eq!(dernier["verdict"], "doublon");
    assert_eq!(dernier["doublon_de"], messages[1]["id"]);
}

#[tokio::test]
async fn reinitialiser_opens_a_new_session_and_keeps_the_old_messages_on_disk() {
    let premier = banc();
    premier.post(MAJ, TEST_CONNECTEUR).await;
    let commun::Banc {
        application,
        donnees,
    } = premier;
    drop(application);
    let second = banc_avec(donnees, |config| config.reinitialiser = true);
    assert!(!second.application.reprise());
    assert_eq!(second.etat().await["connecteur"]["etat"], "non_teste");
    assert_eq!(second.messages().await, Vec::<Value>::new());
    let toutes = second
        .get("/__admin/journal?toutes_sessions=true")
        .await
        .json();
    assert_eq!(toutes["messages"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_opi_in_flight_at_the_stop_is_delivered_again_at_the_start() {
    let connecteur = MockServer::start().await;
    let succes = encode_reponse(&ReponseSoap::Succes, Operation::MettreajourDonneesOpiV10);
    // The first delivery hangs past the stop; the next ones are answered at once.
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(succes.clone())
                .set_delay(Duration::from_secs(30)),
        )
        .up_to_n_times(1)
        .mount(&connecteur)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(succes))
        .mount(&connecteur)
        .await;
    let donnees = tempfile::tempdir().unwrap();
    let premier = banc_avec(donnees, |config| {
        config.livraison.timeout = Duration::from_secs(60)
    });
    premier
        .post(
            "/__admin/scenario",
            json!({"builtin": "nominal_f"}).to_string(),
        )
        .await;
    premier
        .put(
            "/__admin/connecteur",
            &json!({"url": connecteur.uri(), "mode": "webservice"}),
        )
        .await;
    premier
        .post(
            "/__admin/evenements",
            json!({"type": "acceptation", "candidat": 1048576, "formation": 23456}).to_string(),
        )
        .await;
    while connecteur.received_requests().await.unwrap().is_empty() {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let etat = premier.etat().await;
    assert_eq!(etat["opi_en_cours_de_livraison"], json!([1048576]));
    let commun::Banc {
        application,
        donnees,
    } = premier;
    drop(application);

    let second = banc_avec(donnees, |_| {});
    let etat = second
        .attendre("l'OPI relivrée et acquittée", |etat| {
            !dossier(etat, 1048576)["dossier"]["opi_acquittee"].is_null()
        })
        .await;
    assert_eq!(etat["opi_en_cours_de_livraison"], json!([]));
    assert_eq!(connecteur.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_push_password_lost_by_a_restart_is_announced_journaled_and_shown() {
    let connecteur = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"retour":"OK","message":""}"#))
        .mount(&connecteur)
        .await;
    let premier = banc();
    premier
        .post(
            "/__admin/scenario",
            json!({"builtin": "nominal_f"}).to_string(),
        )
        .await;
    premier
        .put(
            "/__admin/connecteur",
            &json!({"url": connecteur.uri(), "mode": "push_json", "identifiants": {"login": "etab", "pwd": "secret-etab"}}),
        )
        .await;
    assert_eq!(
        premier.application.avertissements().await,
        Vec::<String>::new()
    );
    let commun::Banc {
        application,
        donnees,
    } = premier;
    drop(application);

    let second = banc_avec(donnees, |_| {});
    assert_eq!(
        second.application.avertissements().await,
        ["le mot de passe du connecteur (push JSON) n'est gardé qu'en mémoire et s'est perdu au redémarrage : \
          aucune OPI ne partira avant que PUT /__admin/connecteur redonne identifiants"]
    );
    second
        .post(
            "/__admin/evenements",
            json!({"type": "acceptation", "candidat": 1048576, "formation": 23456}).to_string(),
        )
        .await;
    let raison = "mot de passe du connecteur inconnu : il n'est gardé qu'en mémoire et se perd au redémarrage ; renvoyez identifiants par PUT /__admin/connecteur";
    let etat = second
        .attendre("l'échec de la livraison", |etat| {
            !etat["connecteur"]["derniere_erreur_livraison"].is_null()
        })
        .await;
    assert_eq!(etat["connecteur"]["derniere_erreur_livraison"], raison);
    assert_eq!(etat["opi_en_attente"], json!([1048576]));
    let messages = second.messages().await;
    let echec = messages.iter().find(|m| m["verdict"] == "echec").unwrap();
    assert_eq!(echec["canal"], "push_json");
    assert_eq!(
        echec["detail"],
        format!("non envoyée : {raison} ; l'OPI repartira au prochain changement")
    );
    assert!(connecteur.received_requests().await.unwrap().is_empty());

    // Given again, the password lets the OPI leave.
    second
        .put(
            "/__admin/connecteur",
            &json!({"url": connecteur.uri(), "mode": "push_json", "identifiants": {"login": "etab", "pwd": "secret-etab"}}),
        )
        .await;
    second
        .attendre("l'OPI acquittée", |etat| {
            !dossier(etat, 1048576)["dossier"]["opi_acquittee"].is_null()
        })
        .await;
    assert_eq!(
        second.application.avertissements().await,
        Vec::<String>::new()
    );
}
