//! What the mock's tests share: an application on a temporary data folder, requests through the
//! router without a socket, and readers for the state and the journal.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use mock_parcoursup::config::ConfigLivraison;
use mock_parcoursup::{Application, ConfigServeur};
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt;

/// The connector test of `domain.md` §3.1 for the demo university (the README's curl body).
pub const TEST_CONNECTEUR: &str = r#"{
  "identifiant": { "login": "demo-psup", "pwd": "demo-secret" },
  "codeCandidat": 1,
  "ine": "0123456789AB",
  "nom": "Bernard",
  "prenom": "Minet",
  "dateNaissance": "14/07/1789",
  "codeFormationPsup": 42,
  "codeFormation1": "42",
  "codeSISE": 42,
  "etatInscription": 1,
  "codeEtablissementAffectation": "0751234X"
}"#;

/// Léa's paid IA in the Licence de droit, as the demo's example remontée.
pub const REMONTEE_LEA: &str = r#"{
  "identifiant": { "login": "demo-psup", "pwd": "demo-secret" },
  "codeCandidat": 1048576,
  "ine": "123456789AB",
  "nom": "DURAND",
  "prenom": "Léa",
  "dateNaissance": "03/02/2008",
  "codeFormationPsup": 23456,
  "codeFormation1": "23456",
  "codeSISE": "2500123",
  "etatInscription": 1,
  "codeEtablissementAffectation": "0751234X"
}"#;

/// Short waits, so that retry tests take milliseconds.
pub fn livraison_rapide() -> ConfigLivraison {
    ConfigLivraison {
        tentatives: 3,
        delai_initial: Duration::from_millis(20),
        delai_max: Duration::from_millis(80),
        timeout: Duration::from_millis(300),
    }
}

pub struct Banc {
    pub application: Arc<Application>,
    pub donnees: TempDir,
}

pub fn config(donnees: &Path) -> ConfigServeur {
    let mut config = ConfigServeur::par_defaut(donnees.join("page-absente"), donnees.to_path_buf());
    config.livraison = livraison_rapide();
    config
}

/// The demo scenario on a fresh data folder.
pub fn banc() -> Banc {
    let donnees = tempfile::tempdir().expect("dossier temporaire");
    banc_avec(donnees, |_| {})
}

pub fn banc_avec(donnees: TempDir, regler: impl FnOnce(&mut ConfigServeur)) -> Banc {
    let mut config = config(donnees.path());
    regler(&mut config);
    let application = Application::demarrer(config).expect("démarrage");
    Banc {
        application,
        donnees,
    }
}

pub struct Reponse {
    pub statut: StatusCode,
    pub type_contenu: Option<String>,
    pub corps: String,
}

impl Reponse {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.corps)
            .unwrap_or_else(|e| panic!("réponse non JSON ({e}) : {}", self.corps))
    }
}

impl Banc {
    pub async fn envoyer(&self, requete: Request<Body>) -> Reponse {
        let reponse = mock_parcoursup::application_router(Arc::clone(&self.application))
            .oneshot(requete)
            .await
            .expect("le routeur répond toujours");
        let statut = reponse.status();
        let type_contenu = reponse
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap_or_default().to_owned());
        let octets = reponse.into_body().collect().await.unwrap().to_bytes();
        Reponse {
            statut,
            type_contenu,
            corps: String::from_utf8_lossy(&octets).into_owned(),
        }
    }

    /// `POST` of a JSON body.
    pub async fn post(&self, chemin: &str, corps: impl Into<Body>) -> Reponse {
        self.envoyer(
            Request::post(chemin)
                .header(header::CONTENT_TYPE, "application/json")
                .body(corps.into())
                .unwrap(),
        )
        .await
    }

    pub async fn put(&self, chemin: &str, corps: &Value) -> Reponse {
        self.envoyer(
            Request::put(chemin)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(corps.to_string()))
                .unwrap(),
        )
        .await
    }

    pub async fn get(&self, chemin: &str) -> Reponse {
        self.envoyer(Request::get(chemin).body(Body::empty()).unwrap())
            .await
    }

    pub async fn etat(&self) -> Value {
        let reponse = self.get("/__admin/etat").await;
        assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
        reponse.json()
    }

    pub async fn messages(&self) -> Vec<Value> {
        let reponse = self.get("/__admin/journal").await;
        assert_eq!(reponse.statut, StatusCode::OK, "{}", reponse.corps);
        reponse.json()["messages"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub async fn nombre_commandes(&self) -> i64 {
        self.application
            .avec_noyau(|noyau| noyau.journal().nombre_commandes().unwrap())
            .await
    }

    /// Waits until `condition` holds on the state (deliveries are asynchronous), at most 5 s.
    pub async fn attendre(&self, quoi: &str, condition: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..250 {
            let etat = self.etat().await;
            if condition(&etat) {
                return etat;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("attendu en vain : {quoi}\nétat : {:#}", self.etat().await);
    }
}

/// The candidate's file in the state.
pub fn dossier(etat: &Value, code: u32) -> &Value {
    etat["candidats"]
        .as_array()
        .and_then(|c| {
            c.iter()
                .find(|d| d["dossier"]["candidat"]["code_candidat"] == code)
        })
        .unwrap_or_else(|| panic!("candidat {code} absent de l'état"))
}

/// A university connector that acknowledges every OPI sent by the SOAP webservice.
pub async fn connecteur_soap_qui_acquitte() -> wiremock::MockServer {
    let connecteur = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_string(
            cycle_wire::soap::encode_reponse(
                &cycle_wire::soap::ReponseSoap::Succes,
                cycle_wire::soap::Operation::MettreajourDonneesOpiV10,
            ),
        ))
        .mount(&connecteur)
        .await;
    connecteur
}
