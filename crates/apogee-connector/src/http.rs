//! The connector's HTTP application (axum): the OPI endpoints Parcoursup calls, and the control API
//! (`/etats/…`, "provider states") a harness uses to act inside the university. Routes and bodies are
//! described in `docs/connector.md`.
//!
//! Handlers are thin: read the body, call [`Connecteur`] or [`crate::lot`], write the answer. A body
//! that cannot be read gets HTTP 400 with `{"erreur": "…"}` naming the field; an action the core
//! refuses gets 422 with its French message. Every control answer carries the transcript entries
//! the core produced (`{"entrees": […]}`).

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use cycle_core::{Entree, Evenement, Identifiants};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::Date;
use tokio::net::TcpListener;
use tokio::sync::Mutex;

use crate::actions::{Action, CorpsCandidat, CorpsCandidatVet, CorpsIa, ErreurAction};
use crate::lot::{self, BilanLot, ClientParcoursup};
use crate::parametrage::{Parametrage, SourceScenario};
use crate::reception::soap::Reception;
use crate::Connecteur;

/// What every handler shares: the connector, and one HTTP client for the calls to Parcoursup.
pub struct Partage {
    connecteur: Mutex<Connecteur>,
    /// Held for the whole of a batch, so two batches never send the same rows at once.
    lot_en_cours: Mutex<()>,
    client: reqwest::Client,
}

impl Partage {
    pub fn new(connecteur: Connecteur) -> Arc<Partage> {
        Arc::new(Partage {
            connecteur: Mutex::new(connecteur),
            lot_en_cours: Mutex::new(()),
            client: ClientParcoursup::client_http(),
        })
    }

    /// The connector itself, for tests and embedding programs.
    pub fn connecteur(&self) -> &Mutex<Connecteur> {
        &self.connecteur
    }

    async fn envoyeur(&self) -> ClientParcoursup {
        let connecteur = self.connecteur.lock().await;
        ClientParcoursup::new(self.client.clone(), connecteur.url_parcoursup())
    }

    /// Runs the batch now against the configured Parcoursup URL.
    pub async fn traitement_remontees(&self) -> BilanLot {
        let _un_seul = self.lot_en_cours.lock().await;
        let envoyeur = self.envoyeur().await;
        lot::traitement_remontees(&self.connecteur, &envoyeur).await
    }
}

/// The whole HTTP surface around `connecteur`.
pub fn application(connecteur: Connecteur) -> Router {
    router(Partage::new(connecteur))
}

pub fn router(partage: Arc<Partage>) -> Router {
    Router::new()
        .route("/services/OpiMetier", post(opi_soap))
        .route("/admissionCandidat", post(admission_candidat))
        // A quirk seen in the wild: Parcoursup configured with the path written twice.
        .route(
            "/admissionCandidat/admissionCandidat",
            post(admission_candidat),
        )
        .route("/etats/import-fichiers", post(import_fichiers))
        .route("/etats/parametrage", post(parametrage))
        .route("/etats/test-connecteur", post(test_connecteur))
        .route("/etats/ia", post(ia))
        .route("/etats/paiement", post(paiement))
        .route("/etats/annulation", post(annulation))
        .route("/etats/resiliation", post(resiliation))
        .route("/etats/laissez-passer", post(laissez_passer))
        .route("/etats/panne-ecriture-voeux", post(panne_ecriture_voeux))
        .route("/etats/traitement-remontees", post(traitement_remontees))
        .route("/etats/apogee", get(etat_apogee))
        .route("/etats/ia-primo/{candidat}", get(ia_primo))
        .route("/etats/dossiers-opi/{candidat}", get(dossier_opi))
        .route("/etats/reset", post(reset))
        .route("/etats/date", post(date))
        .with_state(partage)
}

/// Serves `router` on `listener` until `arret` completes.
pub async fn servir(
    listener: TcpListener,
    router: Router,
    arret: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(arret)
        .await
}

type Etat = State<Arc<Partage>>;

/// A request refused: `{"erreur": "…"}` with its status.
struct Refus {
    statut: StatusCode,
    message: String,
}

impl IntoResponse for Refus {
    fn into_response(self) -> Response {
        (self.statut, Json(json!({ "erreur": self.message }))).into_response()
    }
}

impl From<ErreurAction> for Refus {
    /// The core (or the set-up) refused the action: 422 with its French message.
    fn from(e: ErreurAction) -> Refus {
        Refus {
            statut: StatusCode::UNPROCESSABLE_ENTITY,
            message: e.to_string(),
        }
    }
}

type Reponse = Result<Response, Refus>;

fn lire<T: DeserializeOwned>(corps: &Bytes) -> Result<T, Refus> {
    serde_json::from_slice(corps).map_err(|e| Refus {
        statut: StatusCode::BAD_REQUEST,
        message: format!("corps : JSON illisible ou incomplet ({e})"),
    })
}

fn entrees(entrees: Vec<Entree>) -> Reponse {
    Ok(Json(json!({ "entrees": entrees })).into_response())
}

fn reception(r: Reception) -> Response {
    let statut = StatusCode::from_u16(r.reponse.statut).unwrap_or(StatusCode::OK);
    (
        statut,
        [(header::CONTENT_TYPE, r.reponse.type_contenu)],
        r.reponse.corps,
    )
        .into_response()
}

async fn opi_soap(State(p): Etat, corps: Bytes) -> Response {
    reception(p.connecteur.lock().await.recevoir_soap(&corps))
}

async fn admission_candidat(State(p): Etat, corps: Bytes) -> Response {
    reception(p.connecteur.lock().await.recevoir_push(&corps))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpsDossier {
    dossier: PathBuf,
}

async fn import_fichiers(State(p): Etat, corps: Bytes) -> Reponse {
    let corps: CorpsDossier = lire(&corps)?;
    let importees = p
        .connecteur
        .lock()
        .await
        .importer_fichiers(&corps.dossier)?;
    entrees(importees)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpsParametrage {
    #[serde(default)]
    url_parcoursup: Option<String>,
    login: String,
    pwd: String,
}

async fn parametrage(State(p): Etat, corps: Bytes) -> Reponse {
    let corps: CorpsParametrage = lire(&corps)?;
    let mut connecteur = p.connecteur.lock().await;
    if corps.url_parcoursup.is_some() {
        connecteur.definir_url_parcoursup(corps.url_parcoursup);
    }
    let evenement = Evenement::ParametrageWebservice {
        identifiants: Identifiants {
            login: corps.login,
            pwd: corps.pwd,
        },
    };
    entrees(connecteur.appliquer(&evenement)?)
}

async fn test_connecteur(State(p): Etat) -> Response {
    let envoyeur = p.envoyeur().await;
    let (journal, resultat) = lot::tester_connecteur(&p.connecteur, &envoyeur).await;
    match resultat {
        Ok(retour) => Json(json!({ "entrees": journal, "retour": retour })).into_response(),
        Err(e) => (
            match e {
                lot::ErreurEnvoi::Impossible(_) => StatusCode::UNPROCESSABLE_ENTITY,
                _ => StatusCode::BAD_GATEWAY,
            },
            Json(json!({ "entrees": journal, "erreur": e.to_string() })),
        )
            .into_response(),
    }
}

async fn action(p: &Partage, action: Action) -> Reponse {
    let mut connecteur = p.connecteur.lock().await;
    let evenement = action.evenement(&connecteur.parametrage().universite)?;
    entrees(connecteur.appliquer(&evenement)?)
}

macro_rules! handler_action {
    ($nom:ident, $corps:ty, $variante:path) => {
        async fn $nom(State(p): Etat, corps: Bytes) -> Reponse {
            let corps: $corps = lire(&corps)?;
            action(&p, $variante(corps)).await
        }
    };
}

handler_action!(ia, CorpsIa, Action::Ia);
handler_action!(paiement, CorpsCandidatVet, Action::Paiement);
handler_action!(annulation, CorpsCandidatVet, Action::Annulation);
handler_action!(resiliation, CorpsCandidatVet, Action::Resiliation);
handler_action!(laissez_passer, CorpsCandidatVet, Action::LaissezPasser);
handler_action!(
    panne_ecriture_voeux,
    CorpsCandidat,
    Action::PanneEcritureVoeux
);

async fn traitement_remontees(State(p): Etat) -> Response {
    Json(p.traitement_remontees().await).into_response()
}

async fn etat_apogee(State(p): Etat) -> Response {
    Json(p.connecteur.lock().await.etat()).into_response()
}

fn lire_candidat(texte: &str) -> Result<u32, Refus> {
    texte.parse().map_err(|_| Refus {
        statut: StatusCode::BAD_REQUEST,
        message: format!("candidat : « {texte} » n'est pas un codeCandidat (entier positif)"),
    })
}

async fn ia_primo(State(p): Etat, Path(candidat): Path<String>) -> Reponse {
    let candidat = lire_candidat(&candidat)?;
    let connecteur = p.connecteur.lock().await;
    Ok(Json(json!({
        "candidat": candidat,
        "jour": connecteur.jour(),
        "offres": connecteur.offre_ia_primo(candidat),
    }))
    .into_response())
}

async fn dossier_opi(State(p): Etat, Path(candidat): Path<String>) -> Reponse {
    let candidat = lire_candidat(&candidat)?;
    match p.connecteur.lock().await.apogee().dossier_opi(candidat) {
        Some(opi) => Ok(Json(opi).into_response()),
        None => Err(Refus {
            statut: StatusCode::NOT_FOUND,
            message: format!("candidat : aucun dossier OPI pour le candidat {candidat}"),
        }),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpsReset {
    scenario: SourceScenario,
    #[serde(default)]
    url_parcoursup: Option<String>,
}

async fn reset(State(p): Etat, corps: Bytes) -> Reponse {
    let corps: CorpsReset = lire(&corps)?;
    let scenario = corps.scenario.charger().map_err(ErreurAction::from)?;
    let mut connecteur = p.connecteur.lock().await;
    let mut parametrage = Parametrage::depuis_scenario(&scenario);
    // The URL is where Parcoursup is, and how many calls it takes at once is how the connector
    // runs, not part of the university: both survive a reset.
    parametrage.url_parcoursup = corps
        .url_parcoursup
        .or_else(|| connecteur.url_parcoursup().map(str::to_owned));
    parametrage.appels_simultanes = connecteur.parametrage().appels_simultanes;
    *connecteur = Connecteur::nouveau(parametrage);
    Ok(
        Json(json!({ "entrees": [], "jour": connecteur.jour(), "scenario": scenario.nom }))
            .into_response(),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpsDate {
    date: Date,
}

#[derive(Serialize)]
struct ReponseDate {
    jour: Date,
    /// The nightly batch of the days that closed, when the settings run it by themselves.
    traitement: Option<BilanLot>,
    entrees: Vec<Entree>,
}

async fn date(State(p): Etat, corps: Bytes) -> Reponse {
    let corps: CorpsDate = lire(&corps)?;
    // The batch closes the days being left, so it runs before the day changes.
    let lot_du = p.connecteur.lock().await.verifier_avance(corps.date)?;
    let traitement = if lot_du {
        Some(p.traitement_remontees().await)
    } else {
        None
    };
    let mut connecteur = p.connecteur.lock().await;
    connecteur.avancer_jusqu_au(corps.date)?;
    let entrees = traitement
        .as_ref()
        .map(|t| t.entrees.clone())
        .unwrap_or_default();
    Ok(Json(ReponseDate {
        jour: connecteur.jour(),
        traitement,
        entrees,
    })
    .into_response())
}
