//! The HTTP application without a socket (`tower::ServiceExt::oneshot`): the OPI endpoints and the
//! control API of the contract.

mod commun;

use apogee_connector::http::application;
use axum::http::StatusCode;
use commun::*;
use serde_json::{json, Value};

fn types(reponse: &Value) -> Vec<String> {
    reponse["entrees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["etat"]["changement"]["type"]
                .as_str()
                .or_else(|| {
                    e["message"]["contenu"]
                        .as_object()
                        .and_then(|o| o.keys().next().map(String::as_str))
                })
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_whole_registration_goes_through_the_control_api() {
    let app = application(connecteur("nominal_f"));
    let (statut, _) = appel(
        &app,
        "POST",
        "/services/OpiMetier",
        Some(soap(&premiere_opi("nominal_f"))),
    )
    .await;
    assert_eq!(statut, StatusCode::OK);

    let (statut, reponse) =
        json_de(&app, "POST", "/etats/date", json!({"date": "2024-07-09"})).await;
    assert_eq!(statut, StatusCode::OK, "{reponse}");
    assert_eq!(reponse["jour"], "2024-07-09");

    let (statut, offre) = json_de(&app, "GET", "/etats/ia-primo/1048576", Value::Null).await;
    assert_eq!(statut, StatusCode::OK);
    assert_eq!(offre["offres"][0]["verdict"], json!({"Ok": "favorable"}));

    let (statut, reponse) = json_de(
        &app,
        "POST",
        "/etats/ia",
        json!({"canal": "ia_primo", "candidat": 1048576, "vet": "DL1OUI/1", "payee": false}),
    )
    .await;
    assert_eq!(statut, StatusCode::OK, "{reponse}");
    assert_eq!(types(&reponse), ["demande_ia_primo", "ia_creee"]);

    let (statut, reponse) = json_de(
        &app,
        "POST",
        "/etats/paiement",
        json!({"candidat": 1048576, "vet": "DL1OUI"}),
    )
    .await;
    assert_eq!(statut, StatusCode::OK, "{reponse}");
    assert_eq!(types(&reponse), ["ia_payee", "ligne_remontee_ecrite"]);

    let (_, etat) = json_de(&app, "GET", "/etats/apogee", Value::Null).await;
    assert_eq!(etat["ias"][0]["etat"], "E");
    assert_eq!(etat["ias"][0]["paiement"], "P");
    assert_eq!(etat["table_remontee"][0]["statut"]["statut"], "a_envoyer");
    assert_eq!(etat["login_remontees"], "demo-psup");
    assert!(!etat.to_string().contains("demo-secret"), "{etat}");

    let (_, offre) = json_de(&app, "GET", "/etats/ia-primo/1048576", Value::Null).await;
    assert_eq!(
        offre["offres"][0]["verdict"],
        json!({"Err": "deja_inscrit"})
    );

    let (statut, dossier) = json_de(&app, "GET", "/etats/dossiers-opi/1048576", Value::Null).await;
    assert_eq!(statut, StatusCode::OK);
    assert_eq!(dossier["voeux"][0]["decision"], "F");
}

#[tokio::test]
async fn bad_requests_name_the_field_and_change_nothing() {
    let app = application(connecteur("nominal_f"));
    let cas = [
        (
            "/etats/ia",
            json!({"canal": "ia_primo", "candidat": 1048576, "vet": "XX9/1"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "vet : « XX9/1 » inconnue de l'université",
        ),
        (
            "/etats/ia",
            json!({"canal": "ailleurs", "candidat": 1048576, "vet": "DL1OUI"}),
            StatusCode::BAD_REQUEST,
            "corps : JSON illisible ou incomplet (unknown variant `ailleurs`",
        ),
        (
            "/etats/paiement",
            json!({"candidat": 1048576, "vet": "DL1OUI"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "vet DL1OUI/1: le candidat 1048576 n'a pas d'IA sur cette VET",
        ),
        (
            "/etats/date",
            json!({"date": "2024-05-01"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "date 01/05/2024",
        ),
        (
            "/etats/reset",
            json!({"scenario": {"builtin": "absent"}}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "scenario.builtin : « absent »",
        ),
        (
            "/etats/reset",
            json!({"scenario": "titre = 1"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "scenario : scenario.toml:1:",
        ),
        (
            "/etats/import-fichiers",
            json!({"dossier": "/nulle/part"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "dossier : /nulle/part : lecture impossible",
        ),
    ];
    for (chemin, corps, statut_attendu, debut) in cas {
        let (statut, reponse) = json_de(&app, "POST", chemin, corps.clone()).await;
        assert_eq!(statut, statut_attendu, "{chemin} {corps} → {reponse}");
        let message = reponse["erreur"].as_str().unwrap_or_default();
        assert!(message.starts_with(debut), "{message} / {debut}");
    }
    let (statut, reponse) = json_de(&app, "GET", "/etats/ia-primo/abc", Value::Null).await;
    assert_eq!(statut, StatusCode::BAD_REQUEST);
    assert_eq!(
        reponse["erreur"],
        "candidat : « abc » n'est pas un codeCandidat (entier positif)"
    );
    let (_, etat) = json_de(&app, "GET", "/etats/apogee", Value::Null).await;
    assert_eq!(etat["ias"], json!([]));
    assert_eq!(etat["jour"], "2024-05-30");
}

#[tokio::test]
async fn the_push_answers_on_both_paths_and_reset_starts_over() {
    let connecteur = connecteur("nominal_f");
    let push = pushes(&premiere_opi("nominal_f"), &connecteur).remove(0);
    let app = application(connecteur);
    for chemin in ["/admissionCandidat", "/admissionCandidat/admissionCandidat"] {
        let (statut, corps) = appel(&app, "POST", chemin, Some(push.clone())).await;
        assert_eq!(statut, StatusCode::OK, "{chemin}: {corps}");
        assert_eq!(
            corps,
            r#"{"retour":"OK","message":"Requete correctement traitee"}"#
        );
    }
    let (_, etat) = json_de(&app, "GET", "/etats/apogee", Value::Null).await;
    assert_eq!(etat["dossiers_opi"].as_array().unwrap().len(), 1);

    let (statut, reponse) = json_de(
        &app,
        "POST",
        "/etats/reset",
        json!({"scenario": {"builtin": "connecteur_non_parametre"}}),
    )
    .await;
    assert_eq!(statut, StatusCode::OK, "{reponse}");
    let (_, etat) = json_de(&app, "GET", "/etats/apogee", Value::Null).await;
    assert_eq!(etat["dossiers_opi"], json!([]));
    assert_eq!(etat["login_remontees"], Value::Null);
    let (statut, reponse) = json_de(&app, "POST", "/etats/test-connecteur", Value::Null).await;
    assert_eq!(statut, StatusCode::OK);
    assert_eq!(types(&reponse), ["connecteur_en_echec"]);
    assert_eq!(reponse["retour"], Value::Null);
}
