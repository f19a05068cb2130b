//! Parcoursup's REST API through the router (no socket): the connector test, remontées, duplicates,
//! `getCandidatsAdmis`, and a table of bad inputs, each with its exact answer and proof that it
//! changed nothing but the message log.

// Needs the core's Parcoursup-side calls (see the `coeur-parcoursup` feature in Cargo.toml).
#![cfg(feature = "coeur-parcoursup")]

mod commun;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use commun::{banc, dossier, Banc, REMONTEE_LEA, TEST_CONNECTEUR};
use serde_json::{json, Value};

const MAJ: &str = "/ApiRest/majInscriptionAdministrative";
const ADMIS: &str = "/ApiRest/getCandidatsAdmis";

/// Léa's remontée with one field replaced (or removed with `Value::Null`).
fn remontee_avec(champ: &str, valeur: Value) -> String {
    let mut corps: Value = serde_json::from_str(REMONTEE_LEA).unwrap();
    match valeur {
        Value::Null => {
            corps.as_object_mut().unwrap().remove(champ);
        }
        valeur => corps[champ] = valeur,
    }
    corps.to_string()
}

#[tokio::test]
async fn the_readme_connector_test_validates_the_connector_and_releases_the_held_opi() {
    let banc = banc();
    let avant = banc.etat().await;
    assert_eq!(avant["connecteur"]["etat"], "non_teste");
    assert!(avant["connecteur"]["raison_invalidite"]
        .as_str()
        .unwrap()
        .contains("Tester connecteur"));
    assert_eq!(avant["opi_en_attente"], json!([1048576, 1048577, 1048578]));

    let reponse = banc.post(MAJ, TEST_CONNECTEUR).await;
    assert_eq!(reponse.statut, StatusCode::OK);
    assert_eq!(
        reponse.type_contenu.as_deref(),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(
        reponse.corps,
        r#"{"retour":"OK","message":"Connecteur valide"}"#
    );

    let apres = banc.etat().await;
    assert_eq!(apres["connecteur"]["etat"], "valide");
    assert_eq!(apres["connecteur"]["raison_invalidite"], Value::Null);
    // No connector is configured yet: the released OPI wait for one (nothing is lost).
    assert_eq!(apres["opi_en_attente"], json!([1048576, 1048577, 1048578]));
    let messages = banc.messages().await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["verdict"], "ok");
    assert_eq!(messages[0]["statut"], 200);
    let corps = messages[0]["corps"].as_str().unwrap();
    assert!(corps.contains(r#""pwd": "********""#), "{corps}");
    assert!(!corps.contains("demo-secret"), "{corps}");
}

#[tokio::test]
async fn a_remontee_is_recorded_and_the_same_one_again_is_a_duplicate() {
    let banc = banc();
    let reponse = banc.post(MAJ, REMONTEE_LEA).await;
    assert_eq!(reponse.statut, StatusCode::OK);
    assert_eq!(
        reponse.corps,
        r#"{"retour":"OK","message":"Requete correctement traitee"}"#
    );
    let etat = banc.etat().await;
    assert_eq!(
        dossier(&etat, 1048576)["dossier"]["inscriptions"],
        json!([{"code_formation_psup": 23456, "etat_inscription": "principale", "recue_le": "2024-06-04"}])
    );
    let commandes = banc.nombre_commandes().await;

    let encore = banc.post(MAJ, REMONTEE_LEA).await;
    assert_eq!(
        (encore.statut, encore.corps),
        (reponse.statut, reponse.corps)
    );
    assert_eq!(
        banc.nombre_commandes().await,
        commandes,
        "un doublon n'est pas rejoué"
    );
    assert_eq!(banc.etat().await, etat);
    let messages = banc.messages().await;
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1]["verdict"], "doublon");
    assert_eq!(messages[1]["doublon_de"], messages[0]["id"]);

    // A different état for the same formation is not a duplicate: the cancellation is recorded.
    let annulee = banc
        .post(MAJ, remontee_avec("etatInscription", json!(3)))
        .await;
    assert_eq!(annulee.statut, StatusCode::OK);
    let etat = banc.etat().await;
    assert_eq!(
        dossier(&etat, 1048576)["dossier"]["inscriptions"][0]["etat_inscription"],
        "annulee"
    );
}

#[tokio::test]
async fn keys_are_read_whatever_their_case() {
    let banc = banc();
    let corps = REMONTEE_LEA
        .replace("\"codeCandidat\"", "\"CODECANDIDAT\"")
        .replace("\"etatInscription\"", "\"EtatInscription\"");
    let reponse = banc.post(MAJ, corps).await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
}

#[tokio::test]
async fn the_core_refusals_answer_nok_with_their_status_and_change_no_state() {
    let banc = banc();
    let cas: [(&str, String, StatusCode, &str); 4] = [
        (
            "mauvais mot de passe",
            REMONTEE_LEA.replace("demo-secret", "devine"),
            StatusCode::UNAUTHORIZED,
            "identifiant : login ou mot de passe incorrect",
        ),
        (
            "candidat inconnu",
            remontee_avec("codeCandidat", json!(999)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "codeCandidat : le candidat 999 est inconnu de Parcoursup",
        ),
        (
            "formation non acceptée",
            remontee_avec("codeFormationPsup", json!(34567)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "codeFormationPsup : le candidat 1048576 n'a pas accepté la formation 34567",
        ),
        (
            "autre université",
            remontee_avec("codeEtablissementAffectation", json!("0330000A")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "codeEtablissementAffectation : « 0330000A » n'est pas l'UAI de l'établissement (0751234X)",
        ),
    ];
    let etat = banc.etat().await;
    for (nom, corps, statut, message) in cas {
        let reponse = banc.post(MAJ, corps).await;
        assert_eq!(reponse.statut, statut, "{nom} : {}", reponse.corps);
        assert_eq!(
            reponse.json(),
            json!({"retour": "NOK", "message": message}),
            "{nom}"
        );
        assert_eq!(banc.etat().await, etat, "{nom} : l'état a changé");
        let messages = banc.messages().await;
        let dernier = messages.last().unwrap();
        assert_eq!(dernier["verdict"], "nok", "{nom}");
        assert_eq!(dernier["statut"], statut.as_u16(), "{nom}");
    }
}

#[tokio::test]
async fn a_failed_connector_test_says_why_the_connector_is_not_valid() {
    let banc = banc();
    let reponse = banc
        .post(MAJ, TEST_CONNECTEUR.replace("demo-secret", "faux"))
        .await;
    assert_eq!(reponse.statut, StatusCode::UNAUTHORIZED);
    let etat = banc.etat().await;
    assert_eq!(etat["connecteur"]["etat"], "en_echec");
    assert_eq!(
        etat["connecteur"]["raison_invalidite"],
        "dernier test connecteur en échec le 04/06/2024 : identifiant : login ou mot de passe incorrect"
    );
}

/// A request that must be refused before reaching the core.
struct Mauvaise {
    nom: &'static str,
    verbe: Method,
    chemin: &'static str,
    type_contenu: Option<&'static str>,
    corps: Vec<u8>,
    statut: StatusCode,
    message: String,
}

fn mauvaise(
    nom: &'static str,
    corps: impl Into<Vec<u8>>,
    statut: StatusCode,
    message: &str,
) -> Mauvaise {
    Mauvaise {
        nom,
        verbe: Method::POST,
        chemin: MAJ,
        type_contenu: Some("application/json"),
        corps: corps.into(),
        statut,
        message: message.to_owned(),
    }
}

fn mauvaises_entrees() -> Vec<Mauvaise> {
    let profond = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let mut trop_gros = REMONTEE_LEA.as_bytes().to_vec();
    trop_gros.extend(std::iter::repeat_n(b' ', 1024 * 1024));
    vec![
        mauvaise("pas du JSON", "bonjour", StatusCode::BAD_REQUEST, "corps: JSON mal forme ligne 1 colonne 1"),
        mauvaise(
            "JSON tronqué",
            &REMONTEE_LEA[..40],
            StatusCode::BAD_REQUEST,
            "corps: JSON tronque (fin inattendue) ligne 2 colonne 38",
        ),
        mauvaise("corps vide", "", StatusCode::BAD_REQUEST, "corps: vide, un document JSON est attendu"),
        mauvaise(
            "UTF-8 invalide",
            b"{\"nom\": \"\xff\"}".to_vec(),
            StatusCode::BAD_REQUEST,
            "corps: UTF-8 invalide ligne 1 colonne 10",
        ),
        mauvaise(
            "imbrication profonde",
            profond,
            StatusCode::BAD_REQUEST,
            "corps: JSON trop profond ligne 1 colonne 65 (au plus 64 niveaux d'objets et de tableaux imbriques)",
        ),
        mauvaise(
            "pas un objet",
            "[1, 2]",
            StatusCode::BAD_REQUEST,
            "corps: doit etre un objet JSON, recu un tableau",
        ),
        mauvaise(
            "identifiant absent",
            remontee_avec("identifiant", Value::Null),
            StatusCode::BAD_REQUEST,
            "identifiant: champ obligatoire absent ({login, pwd} attendu)",
        ),
        mauvaise(
            "indentifiant mal orthographié",
            REMONTEE_LEA.replace("\"identifiant\"", "\"indentifiant\""),
            StatusCode::BAD_REQUEST,
            "indentifiant: cle mal orthographiee (ancienne API), identifiant attendu; le mock Parcoursup l'accepte si son interrupteur accepter_indentifiant est active (PUT /__admin/compatibilite)",
        ),
        mauvaise(
            "mot de passe vide",
            REMONTEE_LEA.replace("demo-secret", ""),
            StatusCode::BAD_REQUEST,
            "identifiant.pwd: ne doit pas etre vide",
        ),
        mauvaise(
            "codeCandidat en chaîne",
            remontee_avec("codeCandidat", json!("1048576")),
            StatusCode::BAD_REQUEST,
            "codeCandidat: doit etre un entier, recu la chaine \"1048576\"",
        ),
        mauvaise(
            "date impossible",
            remontee_avec("dateNaissance", json!("31/02/2026")),
            StatusCode::BAD_REQUEST,
            "dateNaissance: \"31/02/2026\" n'est pas une date reelle du calendrier (JJ/MM/AAAA)",
        ),
        mauvaise(
            "date ISO",
            remontee_avec("dateNaissance", json!("2026-02-31")),
            StatusCode::BAD_REQUEST,
            "dateNaissance: \"2026-02-31\" n'est pas au format JJ/MM/AAAA",
        ),
        mauvaise(
            "date à tirets",
            remontee_avec("dateNaissance", json!("31-02-2026")),
            StatusCode::BAD_REQUEST,
            "dateNaissance: \"31-02-2026\" n'est pas au format JJ/MM/AAAA",
        ),
        mauvaise(
            "date AAAA/MM/JJ",
            remontee_avec("dateNaissance", json!("2026/06/01")),
            StatusCode::BAD_REQUEST,
            "dateNaissance: \"2026/06/01\" n'est pas au format JJ/MM/AAAA",
        ),
        mauvaise(
            "date en nombre",
            remontee_avec("dateNaissance", json!(20080203)),
            StatusCode::BAD_REQUEST,
            "dateNaissance: doit etre une chaine, recu le nombre 20080203",
        ),
        mauvaise(
            "etatInscription en chaîne",
            remontee_avec("etatInscription", json!("1")),
            StatusCode::BAD_REQUEST,
            "etatInscription: doit etre un entier, recu la chaine \"1\"",
        ),
        mauvaise(
            "codeFormationPsup décimal",
            remontee_avec("codeFormationPsup", json!(23456.5)),
            StatusCode::BAD_REQUEST,
            "codeFormationPsup: doit etre un entier, recu le nombre 23456.5",
        ),
        mauvaise(
            "codeCandidat négatif",
            remontee_avec("codeCandidat", json!(-1)),
            StatusCode::BAD_REQUEST,
            "codeCandidat: doit etre un entier positif, recu -1",
        ),
        mauvaise(
            "nom en tableau",
            remontee_avec("nom", json!(["DURAND"])),
            StatusCode::BAD_REQUEST,
            "nom: doit etre une chaine, recu un tableau",
        ),
        mauvaise(
            "ine booléen",
            remontee_avec("ine", json!(false)),
            StatusCode::BAD_REQUEST,
            "ine: doit etre une chaine, recu le booleen false",
        ),
        mauvaise(
            "identifiant en chaîne",
            remontee_avec("identifiant", json!("demo-psup:demo-secret")),
            StatusCode::BAD_REQUEST,
            "identifiant: doit etre un objet {login, pwd}, recu une chaine (valeur non reproduite)",
        ),
        mauvaise(
            "mot de passe en nombre",
            remontee_avec(
                "identifiant",
                json!({"login": "demo-psup", "pwd": 73914526}),
            ),
            StatusCode::BAD_REQUEST,
            "identifiant.pwd: doit etre une chaine, recu un nombre (valeur non reproduite)",
        ),
        mauvaise(
            "login absent",
            remontee_avec("identifiant", json!({"pwd": "demo-secret"})),
            StatusCode::BAD_REQUEST,
            "identifiant.login: champ obligatoire absent",
        ),
        mauvaise(
            "INE trop court",
            remontee_avec("ine", json!("12345")),
            StatusCode::BAD_REQUEST,
            "ine: ",
        ),
        mauvaise(
            "UAI sans lettre",
            remontee_avec("codeEtablissementAffectation", json!("07512345")),
            StatusCode::BAD_REQUEST,
            "codeEtablissementAffectation: ",
        ),
        mauvaise(
            "etatInscription inconnu",
            remontee_avec("etatInscription", json!(7)),
            StatusCode::BAD_REQUEST,
            "etatInscription: 7 n'est pas un code connu (1 a 5)",
        ),
        mauvaise(
            "corps de plus de 1 Mio",
            trop_gros,
            StatusCode::PAYLOAD_TOO_LARGE,
            "corps: depasse la taille maximale de 1048576 octets (1 Mio)",
        ),
        Mauvaise {
            type_contenu: Some("text/plain"),
            ..mauvaise(
                "mauvais Content-Type",
                REMONTEE_LEA,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Type: \"text/plain\", application/json attendu",
            )
        },
        Mauvaise {
            type_contenu: None,
            ..mauvaise(
                "Content-Type absent",
                REMONTEE_LEA,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Type: absent, application/json attendu",
            )
        },
        Mauvaise {
            chemin: "/ApiRest/majInscriptionPedagogique",
            ..mauvaise(
                "méthode inconnue",
                REMONTEE_LEA,
                StatusCode::NOT_FOUND,
                "methode: majInscriptionPedagogique inconnue (majInscriptionAdministrative ou getCandidatsAdmis attendue)",
            )
        },
        Mauvaise {
            chemin: "/ApiRest/majInscriptionAdministrative/",
            ..mauvaise(
                "/ final",
                REMONTEE_LEA,
                StatusCode::NOT_FOUND,
                "chemin: /ApiRest/majInscriptionAdministrative/ inconnu (sans / final) : /ApiRest/majInscriptionAdministrative attendu",
            )
        },
        Mauvaise {
            chemin: "/ApiRest/majinscriptionadministrative",
            ..mauvaise(
                "casse de la méthode",
                REMONTEE_LEA,
                StatusCode::NOT_FOUND,
                "chemin: /ApiRest/majinscriptionadministrative inconnu (la casse compte) : /ApiRest/majInscriptionAdministrative attendu",
            )
        },
        Mauvaise {
            chemin: "/apirest/getCandidatsAdmis/",
            ..mauvaise(
                "casse du préfixe et / final",
                REMONTEE_LEA,
                StatusCode::NOT_FOUND,
                "chemin: /apirest/getCandidatsAdmis/ inconnu (sans / final et la casse compte) : /ApiRest/getCandidatsAdmis attendu",
            )
        },
        Mauvaise {
            chemin: "/ApiRest/",
            ..mauvaise(
                "préfixe seul",
                REMONTEE_LEA,
                StatusCode::NOT_FOUND,
                "chemin: /ApiRest/ inconnu (/ApiRest/majInscriptionAdministrative ou /ApiRest/getCandidatsAdmis attendu)",
            )
        },
        Mauvaise {
            verbe: Method::GET,
            ..mauvaise(
                "GET au lieu de POST",
                "",
                StatusCode::METHOD_NOT_ALLOWED,
                "methode HTTP GET refusee, POST attendu",
            )
        },
        Mauvaise {
            chemin: ADMIS,
            ..mauvaise(
                "getCandidatsAdmis sans UAI",
                r#"{"identifiant": {"login": "demo-psup", "pwd": "demo-secret"}}"#,
                StatusCode::BAD_REQUEST,
                "codeEtablissement: champ obligatoire absent",
            )
        },
    ]
}

async fn envoyer(banc: &Banc, cas: &Mauvaise) -> commun::Reponse {
    let mut requete = Request::builder().method(cas.verbe.clone()).uri(cas.chemin);
    if let Some(type_contenu) = cas.type_contenu {
        requete = requete.header(header::CONTENT_TYPE, type_contenu);
    }
    banc.envoyer(requete.body(Body::from(cas.corps.clone())).unwrap())
        .await
}

#[tokio::test]
async fn bad_inputs_get_a_precise_nok_and_change_nothing_but_the_message_log() {
    let banc = banc();
    let etat = banc.etat().await;
    let commandes = banc.nombre_commandes().await;
    for (i, cas) in mauvaises_entrees().iter().enumerate() {
        let reponse = envoyer(&banc, cas).await;
        assert_eq!(
            reponse.statut, cas.statut,
            "{} : {}",
            cas.nom, reponse.corps
        );
        let json = reponse.json();
        assert_eq!(json["retour"], "NOK", "{}", cas.nom);
        let message = json["message"].as_str().unwrap();
        if cas.message.ends_with(": ") {
            // The validator's own wording is pinned by cycle-wire; here, that it names the field.
            assert!(message.starts_with(&cas.message), "{} : {message}", cas.nom);
        } else {
            assert_eq!(message, cas.message, "{}", cas.nom);
        }
        assert_eq!(banc.etat().await, etat, "{} : l'état a changé", cas.nom);
        assert_eq!(
            banc.nombre_commandes().await,
            commandes,
            "{} : commande journalisée",
            cas.nom
        );
        let messages = banc.messages().await;
        assert_eq!(messages.len(), i + 1, "{} : un message et un seul", cas.nom);
        let dernier = messages.last().unwrap();
        assert_eq!(dernier["verdict"], "refuse", "{}", cas.nom);
        assert_eq!(dernier["statut"], cas.statut.as_u16(), "{}", cas.nom);
        // Nowhere in the journaled message: body, answer, detail.
        assert!(
            !dernier.to_string().contains("demo-secret")
                && !dernier.to_string().contains("73914526"),
            "{} : mot de passe journalisé : {dernier}",
            cas.nom
        );
    }
}

#[tokio::test]
async fn the_misspelt_key_is_accepted_once_the_switch_is_on() {
    let banc = banc();
    let reponse = banc
        .put(
            "/__admin/compatibilite",
            &json!({"accepter_indentifiant": true}),
        )
        .await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
    let corps = REMONTEE_LEA.replace("\"identifiant\"", "\"indentifiant\"");
    assert_eq!(banc.post(MAJ, corps).await.statut, StatusCode::OK);
}

#[tokio::test]
async fn get_candidats_admis_lists_the_admitted_as_donnees_candidat_records() {
    let banc = banc();
    let demande = |filtre: Value| {
        let mut corps = json!({
            "identifiant": {"login": "demo-psup", "pwd": "demo-secret"},
            "codeEtablissement": "0751234X",
        });
        corps
            .as_object_mut()
            .unwrap()
            .extend(filtre.as_object().unwrap().clone());
        corps.to_string()
    };
    let tous = banc.post(ADMIS, demande(json!({}))).await;
    assert_eq!(tous.statut, StatusCode::OK, "{}", tous.corps);
    let liste = tous.json();
    let codes: Vec<u64> = liste
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["codeCandidat"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [1048576, 1048577, 1048578]);
    // Hugo accepted "Oui Si 3 ans": aménagement 3.
    assert_eq!(liste[1]["codeAmenagement"], 3);
    assert_eq!(liste[0]["codeSituation"], 1);

    let droit = banc
        .post(ADMIS, demande(json!({"codeFormationpsup": 23456})))
        .await
        .json();
    assert_eq!(droit.as_array().unwrap().len(), 2);
    let lea = banc
        .post(ADMIS, demande(json!({"codeCandidat": 1048576})))
        .await
        .json();
    assert_eq!(lea.as_array().unwrap().len(), 1);
    assert_eq!(lea[0]["dateNaissance"], "03/02/2008");
    // The day Léa accepted, at midnight: the core knows no time of day.
    assert_eq!(lea[0]["dateReponse"], "04/06/2024 00:00");

    // A candidate who resigns disappears from the list.
    let desistement = banc
        .post(
            "/__admin/evenements",
            json!({"type": "desistement", "candidat": 1048576, "formation": 23456}).to_string(),
        )
        .await;
    assert_eq!(desistement.statut, StatusCode::OK, "{}", desistement.corps);
    let lea = banc
        .post(ADMIS, demande(json!({"codeCandidat": 1048576})))
        .await
        .json();
    assert_eq!(lea, json!([]));

    let intrus = banc
        .post(ADMIS, demande(json!({})).replace("demo-secret", "x"))
        .await;
    assert_eq!(intrus.statut, StatusCode::UNAUTHORIZED);
    let ailleurs = banc
        .post(ADMIS, demande(json!({})).replace("0751234X", "0330000A"))
        .await;
    assert_eq!(ailleurs.statut, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        ailleurs.json()["message"],
        "codeEtablissement : « 0330000A » n'est pas l'UAI de l'établissement (0751234X)"
    );
}
