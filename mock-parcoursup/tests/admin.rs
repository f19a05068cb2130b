//! The admin API through the router: scenarios, clock, events, connector, faults, journal,
//! transcript, reset, token and CORS (the OpenAPI document: `tests/openapi.rs`).

// Needs the core's Parcoursup-side calls (see the `coeur-parcoursup` feature in Cargo.toml).
#![cfg(feature = "coeur-parcoursup")]

mod commun;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use commun::{
    banc, banc_avec, connecteur_soap_qui_acquitte, dossier, REMONTEE_LEA, TEST_CONNECTEUR,
};
use serde_json::{json, Value};

const MAJ: &str = "/ApiRest/majInscriptionAdministrative";

fn decisions(etat: &Value, code: u32) -> Value {
    dossier(etat, code)["decisions_du_jour"].clone()
}

#[tokio::test]
async fn the_clock_moves_by_date_or_milestone_and_bac_results_turn_voeux_d() {
    let banc = banc();
    assert_eq!(decisions(&banc.etat().await, 1048578)[0]["decision"], "F");

    let reponse = banc
        .post(
            "/__admin/horloge",
            json!({"jalon": "resultats_bac"}).to_string(),
        )
        .await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
    assert_eq!(reponse.json()["jour"], "2024-07-08");
    // R7: on the publication day itself, Inès (who failed) is still F.
    assert_eq!(decisions(&banc.etat().await, 1048578)[0]["decision"], "F");

    let lendemain = banc
        .post(
            "/__admin/horloge",
            json!({"date": "2024-07-09"}).to_string(),
        )
        .await
        .json();
    let regles: Vec<&str> = lendemain["entrees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["regle"].as_str().unwrap())
        .collect();
    assert!(regles.contains(&"R8"), "{lendemain:#}");
    let etat = banc.etat().await;
    assert_eq!(decisions(&etat, 1048578)[0]["decision"], "D");
    assert_eq!(decisions(&etat, 1048576)[0]["decision"], "F");

    let en_arriere = banc
        .post(
            "/__admin/horloge",
            json!({"date": "2024-07-01"}).to_string(),
        )
        .await;
    assert_eq!(en_arriere.statut, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        en_arriere.json()["erreur"],
        "date 01/07/2024: antérieure au jour courant de la simulation (09/07/2024)"
    );
    for (corps, erreur) in [
        (json!({"jalon": "la_rentree"}), "jalon : « la_rentree » inconnu (possibles : debut_phase_principale, veille_resultats_bac, resultats_bac, lendemain_resultats_bac, resultats_rattrapage, lendemain_resultats_rattrapage, fin_phase_principale, fin_phase_complementaire, fin_ia_primo)"),
        (json!({"date": "2024-02-31"}), "date : « 2024-02-31 » n'est pas une date réelle AAAA-MM-JJ"),
        (json!({"date": "2024-08-01", "jalon": "resultats_bac"}), "date, jalon : l'un ou l'autre, pas les deux"),
        (json!({}), "date ou jalon : champ obligatoire absent"),
        (json!({"jour": "2024-08-01"}), "jour : champ inconnu (possibles : date, jalon, decalage)"),
    ] {
        let reponse = banc.post("/__admin/horloge", corps.to_string()).await;
        assert_eq!(reponse.statut, StatusCode::BAD_REQUEST);
        assert_eq!(reponse.json()["erreur"], erreur);
    }
}

#[tokio::test]
async fn parcoursup_events_are_applied_and_university_events_are_sent_back_to_the_connector() {
    let banc = banc();
    let reponse = banc
        .post(
            "/__admin/evenements",
            json!({"type": "desistement", "candidat": 1048577, "formation": 23456, "jalon": "veille_resultats_bac", "note": "Hugo renonce"}).to_string(),
        )
        .await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
    let json = reponse.json();
    assert_eq!(json["jour"], "2024-07-07");
    assert!(json["entrees"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["regle"] == "R10" && e["etat"]["changement"]["type"] == "desistement"));
    assert_eq!(decisions(&banc.etat().await, 1048577)[0]["decision"], "D");

    for (corps, statut, erreur) in [
        (
            json!({"type": "ia_primo", "candidat": 1048576, "vet": {"cod_etp": "DL1OUI", "cod_vrs_vet": 1}}),
            StatusCode::BAD_REQUEST,
            "type : « ia_primo » est un événement côté université (Apogée) : c'est le connecteur testé qui le joue (acceptation, desistement ou renvoi_opi attendus)",
        ),
        (
            json!({"type": "tombola"}),
            StatusCode::BAD_REQUEST,
            "type : « tombola » inconnu (acceptation, desistement ou renvoi_opi attendus)",
        ),
        (
            json!({"type": "acceptation", "candidat": 1048576}),
            StatusCode::BAD_REQUEST,
            "formation : obligatoire pour type = « acceptation »",
        ),
        (
            json!({"type": "acceptation", "candidat": 1048576, "formation": 34567, "reponse": "peut_etre"}),
            StatusCode::BAD_REQUEST,
            "reponse : « peut_etre » inconnue (oui, oui_si_3_ans ou oui_si_4_ans)",
        ),
        (
            // The spelling of the core's serde names, which scenario files do not use.
            json!({"type": "acceptation", "candidat": 1048576, "formation": 34567, "reponse": "oui_si3_ans"}),
            StatusCode::BAD_REQUEST,
            "reponse : « oui_si3_ans » inconnue (oui, oui_si_3_ans ou oui_si_4_ans)",
        ),
        (
            json!({"type": "acceptation", "candidat": 1048576, "formation": 34567, "reponse": 3}),
            StatusCode::BAD_REQUEST,
            "reponse : une chaîne est attendue, reçu 3",
        ),
        (
            json!({"type": "renvoi_opi", "candidat": 1048576, "formation": 1}),
            StatusCode::BAD_REQUEST,
            "formation : sans objet pour type = « renvoi_opi » (champs possibles : candidat)",
        ),
        (
            json!({"type": "desistement", "candidat": 1048576, "formation": 23456, "couleur": "bleu"}),
            StatusCode::BAD_REQUEST,
            "couleur : champ inconnu (possibles : type, date, jalon, decalage, note, candidat, formation)",
        ),
        (
            json!({"type": "acceptation", "candidat": 1048576, "formation": 23456}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "formation 23456: le candidat 1048576 a déjà accepté cette formation",
        ),
        (
            json!({"type": "renvoi_opi", "candidat": 42}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "candidat 42: inconnu de Parcoursup dans ce scénario",
        ),
        (
            // Refused: the clock does not move either.
            json!({"type": "renvoi_opi", "candidat": 42, "date": "2024-07-20"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "candidat 42: inconnu de Parcoursup dans ce scénario",
        ),
    ] {
        let commandes = banc.nombre_commandes().await;
        let reponse = banc.post("/__admin/evenements", corps.to_string()).await;
        assert_eq!(reponse.statut, statut, "{corps} : {}", reponse.corps);
        assert_eq!(reponse.json()["erreur"], erreur);
        assert_eq!(banc.nombre_commandes().await, commandes, "{corps}");
    }
    // docs/mock-server.md's second example.
    let oui_si = banc
        .post(
            "/__admin/evenements",
            json!({"type": "acceptation", "candidat": 1048578, "formation": 23456, "reponse": "oui_si_3_ans"}).to_string(),
        )
        .await;
    assert_eq!(oui_si.statut, StatusCode::OK, "{}", oui_si.corps);
}

#[tokio::test]
async fn a_scenario_loads_from_a_builtin_or_toml_and_reset_starts_it_again() {
    let banc = banc();
    let charge = banc
        .post(
            "/__admin/scenario",
            json!({"builtin": "nominal_f"}).to_string(),
        )
        .await;
    assert_eq!(charge.statut, StatusCode::OK, "{}", charge.corps);
    let json = charge.json();
    assert_eq!(json["scenario"]["nom"], "nominal_f");
    assert_eq!(json["evenements_automatiques"], false);
    let etat = banc.etat().await;
    assert_eq!(etat["connecteur"]["etat"], "valide");
    assert_eq!(etat["scenario"]["nom"], "nominal_f");
    // Events are the harness's to play: nobody has accepted yet.
    assert_eq!(dossier(&etat, 1048576)["dossier"]["voeux"], json!([]));
    assert_eq!(
        banc.messages().await.len(),
        1,
        "le journal de la nouvelle session"
    );

    let toml = r#"
titre = "Petit"
description = "Un candidat."
[[candidats]]
code = 5
[[evenements]]
date = 2024-06-04
type = "acceptation"
candidat = 5
formation = 34567
"#;
    let texte = banc
        .envoyer(
            Request::post("/__admin/scenario")
                .header(header::CONTENT_TYPE, "application/toml")
                .body(Body::from(toml))
                .unwrap(),
        )
        .await;
    assert_eq!(texte.statut, StatusCode::OK, "{}", texte.corps);
    let auto = banc
        .post(
            "/__admin/scenario",
            json!({"toml": toml, "fichier": "petit.toml", "evenements_automatiques": true})
                .to_string(),
        )
        .await;
    assert_eq!(auto.statut, StatusCode::OK, "{}", auto.corps);
    // The scenario starts on the main phase's first day; its event plays when the clock gets there.
    let etat = banc.etat().await;
    assert_eq!(etat["jour"], "2024-05-30");
    assert_eq!(dossier(&etat, 5)["dossier"]["voeux"], json!([]));
    banc.post(
        "/__admin/horloge",
        json!({"date": "2024-06-04"}).to_string(),
    )
    .await;
    let etat = banc.etat().await;
    assert_eq!(
        dossier(&etat, 5)["dossier"]["voeux"][0]["code_formation_psup"],
        34567
    );

    let session = etat["session"].clone();
    let reset = banc.post("/__admin/reset", "").await;
    assert_eq!(reset.statut, StatusCode::OK, "{}", reset.corps);
    let apres = banc.etat().await;
    assert_ne!(apres["session"], session);
    assert_eq!(apres["scenario"]["nom"], "petit");

    let casse = banc
        .post(
            "/__admin/scenario",
            json!({"toml": "titre = 3", "fichier": "casse.toml"}).to_string(),
        )
        .await;
    assert_eq!(casse.statut, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        casse.json()["erreur"]
            .as_str()
            .unwrap()
            .starts_with("casse.toml:1:"),
        "{}",
        casse.corps
    );
    let inconnu = banc
        .post(
            "/__admin/scenario",
            json!({"builtin": "nulle_part"}).to_string(),
        )
        .await;
    assert_eq!(inconnu.statut, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(inconnu.json()["erreur"].as_str().unwrap().starts_with(
        "builtin: scénario intégré « nulle_part » inconnu (possibles : demo, nominal_f"
    ));
    assert_eq!(
        banc.etat().await["scenario"]["nom"],
        "petit",
        "un échec ne change rien"
    );
}

#[tokio::test]
async fn injected_faults_answer_500_or_nok_without_touching_the_state() {
    let banc = banc();
    let reponse = banc
        .put(
            "/__admin/pannes",
            &json!({"http_500": 1, "nok": 1, "latence_ms": 30}),
        )
        .await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
    let etat = banc.etat().await;

    let debut = std::time::Instant::now();
    let premiere = banc.post(MAJ, REMONTEE_LEA).await;
    assert!(debut.elapsed() >= std::time::Duration::from_millis(30));
    assert_eq!(premiere.statut, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(premiere.json()["retour"], "NOK");
    let seconde = banc.post(MAJ, REMONTEE_LEA).await;
    assert_eq!(seconde.statut, StatusCode::OK);
    assert_eq!(
        seconde.corps,
        r#"{"retour":"NOK","message":"panne injectee : requete non traitee"}"#
    );
    let mut sans_pannes = banc.etat().await;
    sans_pannes["pannes"] = etat["pannes"].clone();
    assert_eq!(sans_pannes, etat);
    assert_eq!(
        banc.etat().await["pannes"],
        json!({"latence_ms": 30, "http_500": 0, "coupure": 0, "nok": 0})
    );
    let troisieme = banc.post(MAJ, REMONTEE_LEA).await;
    assert_eq!(troisieme.statut, StatusCode::OK);
    assert_eq!(troisieme.json()["retour"], "OK");
    let verdicts: Vec<Value> = banc
        .messages()
        .await
        .iter()
        .map(|m| m["verdict"].clone())
        .collect();
    assert_eq!(verdicts, ["panne_injectee", "panne_injectee", "ok"]);

    for (corps, erreur) in [
        (
            json!({"http500": 1}),
            "http500 : champ inconnu (possibles : latence_ms, http_500, coupure, nok)",
        ),
        (
            json!({"nok": -1}),
            "nok : -1 est négatif, un entier positif ou nul est attendu",
        ),
        (
            json!({"coupure": 5_000_000_000u64}),
            "coupure : 5000000000 est trop grand (au plus 4294967295)",
        ),
        (
            json!({"latence_ms": "10"}),
            "latence_ms : un entier est attendu, reçu \"10\"",
        ),
        (
            json!([1]),
            "corps : un objet JSON {…} est attendu, reçu un tableau",
        ),
    ] {
        let mauvaise = banc.put("/__admin/pannes", &corps).await;
        assert_eq!(mauvaise.statut, StatusCode::BAD_REQUEST, "{corps}");
        assert_eq!(mauvaise.json()["erreur"], erreur, "{corps}");
    }
    let tronque = banc
        .envoyer(
            Request::put("/__admin/pannes")
                .header("content-type", "application/json")
                .body(Body::from("{\"nok\": 1"))
                .unwrap(),
        )
        .await;
    assert_eq!(
        tronque.json()["erreur"],
        "corps : JSON tronqué (fin inattendue) ligne 1 colonne 9"
    );
    // Refused bodies changed nothing.
    assert_eq!(
        banc.etat().await["pannes"],
        json!({"latence_ms": 30, "http_500": 0, "coupure": 0, "nok": 0})
    );
}

#[tokio::test]
async fn compatibility_switches_are_read_field_by_field_in_french() {
    let banc = banc();
    let reponse = banc
        .put("/__admin/compatibilite", &json!({"chemin_double": true}))
        .await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
    assert_eq!(
        reponse.json()["compatibilite"],
        json!({"accepter_indentifiant": false, "donnees_candidat_a_plat": false, "chemin_double": true})
    );
    for (chemin, corps, erreur) in [
        (
            "/__admin/compatibilite",
            json!({"chemin_double": "oui"}),
            "chemin_double : true ou false attendu, reçu \"oui\"",
        ),
        (
            "/__admin/compatibilite",
            json!({"chemin_doublé": true}),
            "chemin_doublé : champ inconnu (possibles : accepter_indentifiant, donnees_candidat_a_plat, chemin_double)",
        ),
    ] {
        let reponse = banc.put(chemin, &corps).await;
        assert_eq!(reponse.statut, StatusCode::BAD_REQUEST, "{corps}");
        assert_eq!(reponse.json()["erreur"], erreur, "{corps}");
    }
    let scenario = banc
        .post(
            "/__admin/scenario",
            json!({"builtin": "nominal_f", "compatibilite": {"a_plat": true}}).to_string(),
        )
        .await;
    assert_eq!(scenario.statut, StatusCode::BAD_REQUEST);
    assert_eq!(
        scenario.json()["erreur"],
        "compatibilite.a_plat : champ inconnu (possibles : accepter_indentifiant, donnees_candidat_a_plat, chemin_double)"
    );
    let scenario = banc
        .post(
            "/__admin/scenario",
            json!({"builtin": "nominal_f", "compatibilite": true}).to_string(),
        )
        .await;
    assert_eq!(
        scenario.json()["erreur"],
        "compatibilite : un objet est attendu, reçu true"
    );
    assert_eq!(banc.etat().await["compatibilite"]["chemin_double"], true);
}

#[tokio::test]
async fn the_connector_setting_is_validated_and_its_password_never_shown() {
    let banc = banc();
    let reponse = banc
        .put(
            "/__admin/connecteur",
            &json!({"url": "http://127.0.0.1:9", "mode": "push_json", "identifiants": {"login": "etab", "pwd": "tres-secret"}}),
        )
        .await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
    assert_eq!(
        reponse.json()["connecteur"],
        json!({"url": "http://127.0.0.1:9", "mode": "push_json", "dossier_fichiers": null, "login": "etab", "pwd": "********", "relecture_opi": false})
    );
    let etat = banc.etat().await;
    assert_eq!(etat["universite"]["mode_opi"], "push_json");
    assert!(!etat.to_string().contains("tres-secret"));
    let journal = banc.get("/__admin/journal").await.corps;
    assert!(!journal.contains("tres-secret"), "{journal}");

    for (corps, erreur) in [
        (
            json!({"url": "ftp://x"}),
            "url : « ftp://x » doit commencer par http:// ou https://",
        ),
        (
            json!({"url": "pas une url"}),
            "url : « pas une url » n'est pas une adresse complète (par exemple http://127.0.0.1:8090)",
        ),
        (json!({"url": 8090}), "url : une chaîne est attendue, reçu 8090"),
        (
            json!({"adresse": "http://127.0.0.1:9"}),
            "adresse : champ inconnu (possibles : url, mode, dossier_fichiers, identifiants, relecture_opi)",
        ),
        (
            json!({"identifiants": {"login": "etab"}}),
            "identifiants.pwd : champ obligatoire absent",
        ),
        (
            json!({"identifiants": {"login": 7, "pwd": "x"}}),
            "identifiants.login : une chaîne est attendue, reçu 7",
        ),
        (
            json!({"identifiants": {"login": "etab", "pwd": "x", "mdp": "y"}}),
            "identifiants.mdp : champ inconnu (possibles : login, pwd)",
        ),
        (
            json!({"identifiants": "etab:x"}),
            "identifiants : un objet {\"login\", \"pwd\"} est attendu, reçu \"etab:x\"",
        ),
        (
            json!({"relecture_opi": "oui"}),
            "relecture_opi : true ou false attendu, reçu \"oui\"",
        ),
        (
            json!({"mode": "pigeon"}),
            "mode : « pigeon » inconnu (webservice, push_json ou fichiers_plats)",
        ),
    ] {
        let reponse = banc.put("/__admin/connecteur", &corps).await;
        assert_eq!(reponse.statut, StatusCode::BAD_REQUEST);
        assert_eq!(reponse.json()["erreur"], erreur);
    }
}

#[tokio::test]
async fn the_journal_and_transcript_tell_what_happened() {
    let banc = banc();
    banc.post(MAJ, TEST_CONNECTEUR).await;
    let transcript = banc.get("/__admin/transcript").await.json();
    let types: Vec<&str> = transcript["entrees"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["etat"]["changement"]["type"].as_str())
        .collect();
    assert!(types.contains(&"candidature_acceptee"), "{types:?}");
    assert!(types.contains(&"connecteur_valide"), "{types:?}");
    let page = banc.get("/__admin/journal?depuis=1&limite=1").await.json();
    assert_eq!(page["messages"].as_array().unwrap().len(), 1);
    let vide = banc.get("/__admin/journal?depuis=99").await.json();
    assert_eq!(vide["messages"], json!([]));
}

#[tokio::test]
async fn the_admin_token_is_required_when_set() {
    let donnees = tempfile::tempdir().unwrap();
    let banc = banc_avec(donnees, |config| {
        config.admin_token = Some("jeton-admin".into())
    });
    let sans = banc.get("/__admin/etat").await;
    assert_eq!(sans.statut, StatusCode::UNAUTHORIZED);
    assert_eq!(
        sans.json()["erreur"],
        "Authorization : jeton d'administration absent ou incorrect (Authorization: Bearer <jeton>)"
    );
    let faux = banc
        .envoyer(
            Request::get("/__admin/etat")
                .header(header::AUTHORIZATION, "Bearer jeton-admiN")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(faux.statut, StatusCode::UNAUTHORIZED);
    let bon = banc
        .envoyer(
            Request::get("/__admin/etat")
                .header(header::AUTHORIZATION, "Bearer jeton-admin")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(bon.statut, StatusCode::OK);
    // The scheme's name is case-insensitive (RFC 6750); the token is not.
    for (entete, statut) in [
        ("bearer jeton-admin", StatusCode::OK),
        ("BEARER  jeton-admin", StatusCode::OK),
        ("Basic jeton-admin", StatusCode::UNAUTHORIZED),
        ("Bearerjeton-admin", StatusCode::UNAUTHORIZED),
    ] {
        let reponse = banc
            .envoyer(
                Request::get("/__admin/etat")
                    .header(header::AUTHORIZATION, entete)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(reponse.statut, statut, "{entete}");
    }
    // The REST API is Parcoursup's: its credentials are in the body, not the admin token.
    assert_eq!(banc.post(MAJ, TEST_CONNECTEUR).await.statut, StatusCode::OK);
}

#[tokio::test]
async fn cors_is_off_by_default_and_on_for_the_origins_given() {
    let requete = || {
        Request::builder()
            .method(Method::GET)
            .uri("/__admin/etat")
            .header(header::ORIGIN, "http://localhost:3000")
            .body(Body::empty())
            .unwrap()
    };
    let ferme = banc();
    let reponse = mock_parcoursup::application_router(ferme.application.clone());
    let sans = tower::ServiceExt::oneshot(reponse, requete())
        .await
        .unwrap();
    assert!(sans
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());

    let donnees = tempfile::tempdir().unwrap();
    let ouvert = banc_avec(donnees, |config| {
        config.cors = vec!["http://localhost:3000".into()]
    });
    let routeur = mock_parcoursup::application_router(ouvert.application.clone());
    let avec = tower::ServiceExt::oneshot(routeur, requete())
        .await
        .unwrap();
    assert_eq!(
        avec.headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .unwrap(),
        "http://localhost:3000"
    );
}

#[tokio::test]
async fn conformity_compares_what_was_received_with_what_the_core_expected() {
    let connecteur = connecteur_soap_qui_acquitte().await;
    let banc = banc();
    banc.post(
        "/__admin/scenario",
        json!({"builtin": "nominal_f"}).to_string(),
    )
    .await;
    let debut = banc.get("/__admin/conformite").await.json();
    assert_eq!(debut["conforme"], true, "{debut:#}");

    // Léa accepts: the core expects her OPI acknowledged; no connector has taken it yet.
    banc.post(
        "/__admin/evenements",
        json!({"type": "acceptation", "candidat": 1048576, "formation": 23456, "reponse": "oui", "date": "2024-06-04"}).to_string(),
    )
    .await;
    let sans_connecteur = banc.get("/__admin/conformite").await.json();
    assert_eq!(sans_connecteur["conforme"], false);
    let r1 = sans_connecteur["regles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["regle"] == "R1")
        .unwrap();
    assert_eq!(
        r1["ecarts"],
        json!([{
            "regle": "R1",
            "candidat": 1048576,
            "quoi": "dernière OPI acquittée par l'université (vœux et décisions)",
            "attendu": [{"vet": "DL1OUI/1", "decision": "F"}],
            "recu": null,
        }])
    );

    banc.put(
        "/__admin/connecteur",
        &json!({"url": connecteur.uri(), "mode": "webservice"}),
    )
    .await;
    banc.attendre("l'OPI acquittée", |etat| {
        !dossier(etat, 1048576)["dossier"]["opi_acquittee"].is_null()
    })
    .await;
    assert_eq!(
        banc.get("/__admin/conformite").await.json()["conforme"],
        true
    );

    // The evening after the payment, the core expects the remontée: until the connector sends it, R14 differs.
    banc.post(
        "/__admin/horloge",
        json!({"jalon": "lendemain_resultats_bac", "decalage": 2}).to_string(),
    )
    .await;
    let sans_remontee = banc.get("/__admin/conformite").await.json();
    let r14 = sans_remontee["regles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["regle"] == "R14")
        .unwrap();
    assert_eq!(
        r14["ecarts"][0]["attendu"],
        json!([{"code_formation_psup": 23456, "etat_inscription": "principale"}])
    );
    assert_eq!(r14["ecarts"][0]["recu"], json!([]));
    let remontee = r#"{"identifiant": {"login": "demo-psup", "pwd": "demo-secret"}, "codeCandidat": 1048576,
        "ine": "0001048576K", "nom": "DURAND", "prenom": "Léa", "dateNaissance": "14/03/2006",
        "codeFormationPsup": 23456, "codeFormation1": "23456", "codeSISE": "2500123", "etatInscription": 1,
        "codeEtablissementAffectation": "0751234X"}"#;
    let reponse = banc.post(MAJ, remontee).await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
    let fin = banc.get("/__admin/conformite").await.json();
    assert_eq!(fin["conforme"], true, "{fin:#}");
}

#[tokio::test]
async fn a_bad_journal_query_is_refused_in_french_naming_the_parameter() {
    let banc = banc();
    for (requete, erreur) in [
        (
            "depuis=abc",
            "depuis : « abc » n'est pas un id de message (entier)",
        ),
        (
            "limite=-1",
            "limite : « -1 » n'est pas un nombre de messages (entier positif)",
        ),
        (
            "toutes_sessions=oui",
            "toutes_sessions : « oui » n'est pas true ou false",
        ),
        (
            "toutes_session=true",
            "toutes_session : paramètre inconnu (depuis, limite ou toutes_sessions)",
        ),
        (
            "depuis=1&depuis=2",
            "depuis : paramètre donné plusieurs fois",
        ),
    ] {
        let reponse = banc.get(&format!("/__admin/journal?{requete}")).await;
        assert_eq!(reponse.statut, StatusCode::BAD_REQUEST, "{requete}");
        assert_eq!(reponse.json()["erreur"], erreur, "{requete}");
    }
    let bonne = banc
        .get("/__admin/journal?depuis=0&limite=5&toutes_sessions=false")
        .await;
    assert_eq!(bonne.statut, StatusCode::OK);
}

/// Three candidates who have accepted nothing yet: the harness plays their events.
const TROIS_CANDIDATS: &str = r#"
titre = "Trois candidats"
description = "Personne n'a encore accepté."
[[candidats]]
code = 11
[[candidats]]
code = 12
[[candidats]]
code = 13
"#;

#[tokio::test]
async fn events_are_read_with_the_spelling_of_scenario_files_every_type_of_them() {
    let banc = banc();
    let charge = banc
        .post(
            "/__admin/scenario",
            json!({"toml": TROIS_CANDIDATS, "fichier": "trois.toml"}).to_string(),
        )
        .await;
    assert_eq!(charge.statut, StatusCode::OK, "{}", charge.corps);
    // The three Parcoursup-side types, and every answer as docs/scenarios.md spells it.
    for (evenement, candidat, vet) in [
        (
            json!({"type": "acceptation", "candidat": 11, "formation": 23456}),
            11,
            "DL1OUI/1",
        ),
        (
            json!({"type": "acceptation", "candidat": 12, "formation": 23456, "reponse": "oui_si_3_ans"}),
            12,
            "DL1OS3/1",
        ),
        (
            json!({"type": "acceptation", "candidat": 13, "formation": 23456, "reponse": "oui_si_4_ans"}),
            13,
            "DL1OS4/1",
        ),
        (
            json!({"type": "acceptation", "candidat": 11, "formation": 34567, "reponse": "oui", "note": "le candidat hésite"}),
            11,
            "DL1OUI/1",
        ),
    ] {
        let reponse = banc
            .post("/__admin/evenements", evenement.to_string())
            .await;
        assert_eq!(
            reponse.statut,
            StatusCode::OK,
            "{evenement} : {}",
            reponse.corps
        );
        assert_eq!(
            decisions(&banc.etat().await, candidat)[0]["vet"],
            vet,
            "{evenement}"
        );
    }
    for evenement in [
        json!({"type": "desistement", "candidat": 11, "formation": 34567}),
        json!({"type": "renvoi_opi", "candidat": 12}),
    ] {
        let reponse = banc
            .post("/__admin/evenements", evenement.to_string())
            .await;
        assert_eq!(
            reponse.statut,
            StatusCode::OK,
            "{evenement} : {}",
            reponse.corps
        );
    }
    // The university's twelve, each recognised as such rather than "unknown".
    for nature in [
        "parametrage_webservice",
        "test_connecteur",
        "consultation_ia_primo",
        "ia_primo",
        "ia_reins",
        "ia_gestionnaire",
        "paiement",
        "annulation_ia",
        "resiliation_ia",
        "laissez_passer",
        "traitement_remontees",
        "panne_ecriture_voeux",
    ] {
        let reponse = banc
            .post(
                "/__admin/evenements",
                json!({"type": nature, "candidat": 11}).to_string(),
            )
            .await;
        assert_eq!(reponse.statut, StatusCode::BAD_REQUEST, "{nature}");
        assert_eq!(
            reponse.json()["erreur"],
            format!("type : « {nature} » est un événement côté université (Apogée) : c'est le connecteur testé qui le joue (acceptation, desistement ou renvoi_opi attendus)"),
        );
    }
}

#[tokio::test]
async fn the_connector_answer_shows_the_entries_of_the_opi_that_leave_now() {
    let connecteur = connecteur_soap_qui_acquitte().await;
    let banc = banc();
    // The demo's connector test releases the three OPI held (R6); with no URL yet they wait.
    assert_eq!(banc.post(MAJ, TEST_CONNECTEUR).await.statut, StatusCode::OK);
    let reponse = banc
        .put(
            "/__admin/connecteur",
            &json!({"url": connecteur.uri(), "mode": "webservice"}),
        )
        .await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
    let json = reponse.json();
    let opi: Vec<(u64, &str)> = json["entrees"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["message"]["canal"] == "webservice_opi")
        .map(|e| {
            (
                e["message"]["contenu"]["opi"]["code_candidat"]
                    .as_u64()
                    .unwrap(),
                e["explication"].as_str().unwrap(),
            )
        })
        .collect();
    let codes: Vec<u64> = opi.iter().map(|(code, _)| *code).collect();
    assert_eq!(codes, [1048576, 1048577, 1048578], "{json:#}");
    assert!(opi.iter().all(|(_, explication)| !explication.is_empty()));
    // The transcript replayed from the journal shows them too.
    let transcript = banc.get("/__admin/transcript").await.json();
    let envoyees = transcript["entrees"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["message"]["canal"] == "webservice_opi")
        .count();
    assert_eq!(envoyees, 3);
}
