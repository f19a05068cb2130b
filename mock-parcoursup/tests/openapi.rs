//! The OpenAPI document against the server it describes: the same routes, and every answer — its
//! status, its content type and its body — as the document declares it for that operation.
//!
//! Each documented operation is called with the document's own request example (which must then
//! succeed), with a malformed body, with a body over the size limit, and without the admin token;
//! each answer must have a status the operation declares, the content type declared for that
//! status, and a body valid against the declared schema (checked by `jsonschema`).

// Needs the core's Parcoursup-side calls (see the `coeur-parcoursup` feature in Cargo.toml).
#![cfg(feature = "coeur-parcoursup")]

mod commun;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use commun::{banc, banc_avec, connecteur_soap_qui_acquitte, Banc, Reponse};
use serde_json::{json, Value};

/// One documented operation.
struct Operation {
    verbe: String,
    chemin: String,
    description: Value,
}

impl Operation {
    fn nom(&self) -> String {
        format!("{} {}", self.verbe, self.chemin)
    }

    /// The path to call: `{nom}` names a file the test wrote.
    fn uri(&self) -> String {
        self.chemin.replace("{nom}", "essai.csv")
    }

    /// The request body's content type and example, when the operation takes one.
    fn exemple(&self) -> Option<(String, Value)> {
        let contenus = self.description["requestBody"]["content"].as_object()?;
        let (type_contenu, contenu) = contenus.iter().next()?;
        Some((type_contenu.clone(), contenu["example"].clone()))
    }
}

async fn document(banc: &Banc) -> Value {
    let reponse = banc.get("/__admin/openapi.json").await;
    assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
    reponse.json()
}

fn operations(document: &Value) -> Vec<Operation> {
    let mut operations = Vec::new();
    for (chemin, item) in document["paths"].as_object().unwrap() {
        for (verbe, description) in item.as_object().unwrap() {
            operations.push(Operation {
                verbe: verbe.to_uppercase(),
                chemin: chemin.clone(),
                description: description.clone(),
            });
        }
    }
    operations
}

/// Checks an answer against what the document declares for its status: declared at all, the same
/// media type, and a body valid against the schema.
fn verifier(document: &Value, operation: &Operation, reponse: &Reponse) {
    let nom = operation.nom();
    let statut = reponse.statut.as_u16().to_string();
    let declaree = &operation.description["responses"][&statut];
    assert!(
        declaree.is_object(),
        "{nom} : statut {statut} non déclaré (déclarés : {:?}) ; réponse : {}",
        operation.description["responses"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        reponse.corps
    );
    let contenus = declaree["content"]
        .as_object()
        .unwrap_or_else(|| panic!("{nom} {statut} : aucun contenu déclaré"));
    let recu = reponse
        .type_contenu
        .as_deref()
        .unwrap_or_else(|| panic!("{nom} {statut} : réponse sans Content-Type"));
    let media = recu.split(';').next().unwrap().trim();
    let contenu = contenus.get(media).unwrap_or_else(|| {
        panic!(
            "{nom} {statut} : Content-Type {recu}, déclaré : {:?}",
            contenus.keys().collect::<Vec<_>>()
        )
    });
    if media != "application/json" {
        return;
    }
    // The schema may refer to `#/components/schemas/…`: it is checked with the document's
    // components beside it, where the reference points.
    let mut schema = contenu["schema"].clone();
    if let Value::Object(champs) = &mut schema {
        champs.insert("components".into(), document["components"].clone());
    }
    let validateur = jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("{nom} {statut} : schéma invalide : {e}"));
    let corps = reponse.json();
    let erreurs: Vec<String> = validateur
        .iter_errors(&corps)
        .map(|e| {
            let texte = e.to_string();
            let court: String = texte.chars().take(300).collect();
            format!("{} : {court}", e.instance_path())
        })
        .collect();
    assert!(
        erreurs.is_empty(),
        "{nom} {statut} : corps non conforme au schéma déclaré :\n{}\ncorps : {}",
        erreurs.join("\n"),
        reponse.corps
    );
}

async fn appeler(
    banc: &Banc,
    operation: &Operation,
    type_contenu: Option<&str>,
    corps: impl Into<Body>,
    jeton: Option<&str>,
) -> Reponse {
    let mut requete = Request::builder()
        .method(operation.verbe.as_str())
        .uri(operation.uri());
    if let Some(type_contenu) = type_contenu {
        requete = requete.header(header::CONTENT_TYPE, type_contenu);
    }
    if let Some(jeton) = jeton {
        requete = requete.header(header::AUTHORIZATION, format!("Bearer {jeton}"));
    }
    banc.envoyer(requete.body(corps.into()).unwrap()).await
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let banc = banc();
    let document = document(&banc).await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    let mut chemins: Vec<String> = operations(&document).iter().map(Operation::nom).collect();
    chemins.sort();
    assert_eq!(
        chemins,
        [
            "GET /__admin/conformite",
            "GET /__admin/etat",
            "GET /__admin/fichiers",
            "GET /__admin/fichiers/{nom}",
            "GET /__admin/journal",
            "GET /__admin/openapi.json",
            "GET /__admin/pannes",
            "GET /__admin/transcript",
            "POST /ApiRest/getCandidatsAdmis",
            "POST /ApiRest/majInscriptionAdministrative",
            "POST /__admin/evenements",
            "POST /__admin/horloge",
            "POST /__admin/reset",
            "POST /__admin/scenario",
            "PUT /__admin/compatibilite",
            "PUT /__admin/connecteur",
            "PUT /__admin/pannes",
        ]
    );
    // Every documented route answers something other than "no such route".
    for chemin in &chemins {
        let (verbe, uri) = chemin.split_once(' ').unwrap();
        let uri = uri.replace("{nom}", "absent.csv");
        let reponse = banc
            .envoyer(
                Request::builder()
                    .method(verbe)
                    .uri(&uri)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from("{}"))
                    .unwrap(),
            )
            .await;
        assert_ne!(reponse.type_contenu, None, "{chemin} : {}", reponse.statut);
        assert!(
            !reponse.corps.contains("inconnue (routes :"),
            "{chemin} : {}",
            reponse.corps
        );
    }
}

#[tokio::test]
async fn each_operation_answers_its_own_example_as_documented() {
    // The connector's example points at a local double rather than at whatever listens on the
    // example's port.
    let connecteur = connecteur_soap_qui_acquitte().await;
    let banc = banc();
    let dossier = banc.donnees.path().join("fichiers");
    std::fs::create_dir_all(&dossier).unwrap();
    std::fs::write(dossier.join("essai.csv"), "a;b\n").unwrap();
    let document = document(&banc).await;
    for operation in operations(&document) {
        let reponse = match operation.exemple() {
            Some((type_contenu, mut exemple)) => {
                if operation.chemin == "/__admin/connecteur" {
                    exemple["url"] = json!(connecteur.uri());
                }
                appeler(
                    &banc,
                    &operation,
                    Some(&type_contenu),
                    exemple.to_string(),
                    None,
                )
                .await
            }
            None => appeler(&banc, &operation, None, Body::empty(), None).await,
        };
        verifier(&document, &operation, &reponse);
        // The examples are meant to be copied: each must work.
        assert_eq!(
            reponse.statut,
            StatusCode::OK,
            "{} : son exemple échoue : {}",
            operation.nom(),
            reponse.corps
        );
    }
}

#[tokio::test]
async fn refusals_are_answered_as_documented_too() {
    let banc = banc();
    let document = document(&banc).await;
    let trop_gros = vec![b' '; 3 * 1024 * 1024];
    for operation in operations(&document) {
        let avec_corps = operation.verbe != "GET";
        if avec_corps {
            let tronque =
                appeler(&banc, &operation, Some("application/json"), "{\"a\":", None).await;
            assert_eq!(
                tronque.statut,
                StatusCode::BAD_REQUEST,
                "{} : {}",
                operation.nom(),
                tronque.corps
            );
            verifier(&document, &operation, &tronque);
            let enorme = appeler(
                &banc,
                &operation,
                Some("application/json"),
                trop_gros.clone(),
                None,
            )
            .await;
            assert_eq!(
                enorme.statut,
                StatusCode::PAYLOAD_TOO_LARGE,
                "{} : {}",
                operation.nom(),
                enorme.corps
            );
            verifier(&document, &operation, &enorme);
        }
    }
    // A journal query the server refuses.
    let journal = operations(&document)
        .into_iter()
        .find(|o| o.chemin == "/__admin/journal")
        .unwrap();
    let refus = banc.get("/__admin/journal?limite=dix").await;
    assert_eq!(refus.statut, StatusCode::BAD_REQUEST);
    verifier(&document, &journal, &refus);
    let absent = operations(&document)
        .into_iter()
        .find(|o| o.chemin == "/__admin/fichiers/{nom}")
        .unwrap();
    let reponse = banc.get("/__admin/fichiers/absent.csv").await;
    assert_eq!(reponse.statut, StatusCode::NOT_FOUND);
    verifier(&document, &absent, &reponse);
}

#[tokio::test]
async fn without_the_admin_token_every_admin_operation_answers_the_documented_401() {
    let donnees = tempfile::tempdir().unwrap();
    let banc = banc_avec(donnees, |config| config.admin_token = Some("jeton".into()));
    let document = {
        let reponse = banc
            .envoyer(
                Request::get("/__admin/openapi.json")
                    .header(header::AUTHORIZATION, "Bearer jeton")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        reponse.json()
    };
    assert_eq!(
        document["components"]["securitySchemes"]["jeton_admin"],
        json!({"type": "http", "scheme": "bearer", "description": "Seulement si le serveur est lancé avec --admin-token : Authorization: Bearer <jeton>."})
    );
    for operation in operations(&document) {
        let reponse = appeler(&banc, &operation, None, Body::empty(), None).await;
        if operation.chemin.starts_with("/__admin/") {
            assert_eq!(
                reponse.statut,
                StatusCode::UNAUTHORIZED,
                "{}",
                operation.nom()
            );
        }
        verifier(&document, &operation, &reponse);
    }
}
