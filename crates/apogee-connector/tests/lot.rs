//! The daily batch against a Parcoursup double (wiremock): OK, NOK, HTTP 500 and timeout. A row
//! stays "à envoyer" until an answer arrives; NOK rows are kept in error, not sent again.

mod commun;

use std::time::Duration;

use apogee_connector::lot::{traitement_remontees, ClientParcoursup};
use apogee_connector::Connecteur;
use commun::*;
use cycle_core::apogee::StatutLigne;
use tokio::sync::Mutex;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OK: &str = r#"{"retour":"OK","message":"Requete correctement traitee"}"#;
const NOK: &str = r#"{"retour":"NOK","message":"ine : inconnu"}"#;
const ROUTE: &str = "/ApiRest/majInscriptionAdministrative";

/// Léa's OPI received and her IA paid: one row waits in the work table.
fn avec_une_ligne() -> Mutex<Connecteur> {
    let mut connecteur = connecteur("nominal_f");
    connecteur.recevoir_soap(soap(&premiere_opi("nominal_f")).as_bytes());
    connecteur
        .avancer_jusqu_au(time::macros::date!(2024 - 07 - 10))
        .unwrap();
    let entrees = connecteur
        .appliquer(&ia_primo(1048576, "DL1OUI", true))
        .unwrap();
    assert!(
        noms(&entrees).contains(&"ligne_remontee_ecrite"),
        "{entrees:?}"
    );
    Mutex::new(connecteur)
}

fn client(serveur: &MockServer) -> ClientParcoursup {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    ClientParcoursup::new(http, Some(&serveur.uri()))
}

async fn statut(connecteur: &Mutex<Connecteur>) -> StatutLigne {
    connecteur.lock().await.apogee().table_remontee()[0]
        .statut
        .clone()
}

#[tokio::test]
async fn an_ok_marks_the_row_sent_with_the_wire_fields() {
    let serveur = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ROUTE))
        .respond_with(ResponseTemplate::new(200).set_body_string(OK))
        .expect(1)
        .mount(&serveur)
        .await;
    let connecteur = avec_une_ligne();
    let bilan = traitement_remontees(&connecteur, &client(&serveur)).await;
    assert_eq!(
        (bilan.envoyees, bilan.acceptees, bilan.interrompu),
        (1, 1, None)
    );
    assert!(matches!(
        statut(&connecteur).await,
        StatutLigne::Envoyee { .. }
    ));
    let recues = serveur.received_requests().await.unwrap();
    let corps: serde_json::Value = serde_json::from_slice(&recues[0].body).unwrap();
    assert_eq!(corps["codeCandidat"], 1048576);
    assert_eq!(corps["etatInscription"], 1);
    assert_eq!(corps["codeEtablissementAffectation"], "0751234X");
    assert_eq!(corps["identifiant"]["login"], "demo-psup");
    // Nothing left: a second batch sends nothing.
    let encore = traitement_remontees(&connecteur, &client(&serveur)).await;
    assert_eq!(encore.envoyees, 0);
}

#[tokio::test]
async fn a_nok_keeps_the_row_in_error_and_does_not_resend_it() {
    let serveur = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ROUTE))
        .respond_with(ResponseTemplate::new(200).set_body_string(NOK))
        .expect(1)
        .mount(&serveur)
        .await;
    let connecteur = avec_une_ligne();
    let bilan = traitement_remontees(&connecteur, &client(&serveur)).await;
    assert_eq!((bilan.envoyees, bilan.refusees), (1, 1));
    assert!(noms(&bilan.entrees).contains(&"ligne_remontee_en_erreur"));
    assert_eq!(
        statut(&connecteur).await,
        StatutLigne::EnErreur {
            le: time::macros::date!(2024 - 07 - 10),
            raison: "ine : inconnu".to_owned()
        }
    );
    assert_eq!(
        traitement_remontees(&connecteur, &client(&serveur))
            .await
            .envoyees,
        0
    );
}

#[tokio::test]
async fn a_500_or_a_timeout_keeps_the_row_to_send_and_the_next_batch_resends_it() {
    for panne in [
        ResponseTemplate::new(500).set_body_string("panne"),
        ResponseTemplate::new(200)
            .set_body_string(OK)
            .set_delay(Duration::from_secs(2)),
    ] {
        let serveur = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(ROUTE))
            .respond_with(panne)
            .up_to_n_times(1)
            .mount(&serveur)
            .await;
        Mock::given(method("POST"))
            .and(path(ROUTE))
            .respond_with(ResponseTemplate::new(200).set_body_string(OK))
            .mount(&serveur)
            .await;
        let connecteur = avec_une_ligne();
        let bilan = traitement_remontees(&connecteur, &client(&serveur)).await;
        assert_eq!(bilan.envoyees, 0);
        let raison = bilan.interrompu.expect("batch cut short");
        assert!(
            raison.starts_with("remontée n° 1 non acquittée"),
            "{raison}"
        );
        assert_eq!(statut(&connecteur).await, StatutLigne::AEnvoyer);
        let reprise = traitement_remontees(&connecteur, &client(&serveur)).await;
        assert_eq!((reprise.envoyees, reprise.acceptees), (1, 1));
        assert!(matches!(
            statut(&connecteur).await,
            StatutLigne::Envoyee { .. }
        ));
        assert_eq!(serveur.received_requests().await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn without_a_url_or_a_set_up_nothing_leaves() {
    let une_ligne = avec_une_ligne();
    let sans_url = ClientParcoursup::new(reqwest::Client::new(), None);
    let bilan = traitement_remontees(&une_ligne, &sans_url).await;
    assert!(bilan
        .interrompu
        .unwrap()
        .contains("aucune URL de Parcoursup"));
    assert_eq!(statut(&une_ligne).await, StatutLigne::AEnvoyer);

    // connecteur_non_parametre: the webservice is not set up, the core says so.
    let mut non_parametre = connecteur("connecteur_non_parametre");
    let opi = premiere_opi("connecteur_non_parametre");
    non_parametre.recevoir_soap(soap(&opi).as_bytes());
    non_parametre
        .appliquer(&ia_primo(opi.code_candidat, "DL1OUI", true))
        .unwrap();
    let non_parametre = Mutex::new(non_parametre);
    let bilan = traitement_remontees(&non_parametre, &sans_url).await;
    assert_eq!(noms(&bilan.entrees), ["connecteur_en_echec"]);
}
