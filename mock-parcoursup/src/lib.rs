//! # mock-parcoursup — a local Parcoursup for testing university connectors
//!
//! One process, one axum router: the simulator's web page at `/`, Parcoursup's REST API at
//! `/ApiRest/<method>` ([`api_rest`]), and an admin API under `/__admin/` ([`admin`]) to load a
//! scenario, move the simulated clock, set the connector under test and read what happened. OPI
//! leave for that connector by SOAP, JSON push or flat files ([`livraison`], [`noyau`]); every message
//! in and out is journaled in SQLite ([`journal`]) before it is answered, and a restart replays the
//! journal.
//!
//! No rule of the cycle lives here: every decision comes from `cycle-core` ([`moteur`] hands it the
//! commands), wire shapes from `cycle-wire` and `cycle-codec`, scenarios from `cycle-scenario`.
//! Handlers stay thin — decode, call the engine, encode — and the router is testable without a
//! socket (`tower::ServiceExt::oneshot`). How to run and configure it: `docs/mock-server.md`.

pub mod admin;
pub mod api_rest;
pub mod application;
pub mod config;
pub mod conformite;
pub mod fil_noyau;
pub mod hors_route;
pub mod journal;
pub mod livraison;
pub mod masque;
pub mod moteur;
pub mod noyau;
pub mod openapi;
pub mod relecture;
pub mod scenario_source;

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
use axum::{Json, Router};
use hyper_util::rt::TokioIo;
use subtle::ConstantTimeEq;
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

pub use application::Application;
pub use config::{ArgumentsServe, ConfigServeur};

/// Page servie à la racine ; son absence veut dire que la page n'a pas été construite.
const INDEX_FILE: &str = "index.html";

/// Why the page folder cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum WebDirError {
    #[error(
        "le dossier de la page {} n'existe pas ou ne contient pas {INDEX_FILE} : \
         construisez la page avec `cargo xtask build-web` (ou lancez `cargo xtask serve`), \
         ou indiquez un autre dossier avec --web-dir",
        .0.display()
    )]
    PageNotBuilt(PathBuf),
}

/// Checks that `web_dir` holds a built page, before any socket is opened.
pub fn check_web_dir(web_dir: &Path) -> Result<(), WebDirError> {
    if web_dir.join(INDEX_FILE).is_file() {
        Ok(())
    } else {
        Err(WebDirError::PageNotBuilt(web_dir.to_path_buf()))
    }
}

/// The page alone: the files of `web_dir` at `/` (`index.html` for a folder).
///
/// Requests that climb out of `web_dir` (`..`, encoded or not) get a 404, never a file.
pub fn router(web_dir: &Path) -> Router {
    Router::new().fallback_service(ServeDir::new(web_dir))
}

/// The whole HTTP surface of `mock-parcoursup serve`: the REST API, the admin API and the page.
///
/// Every path under `/ApiRest` goes to the REST handler, which names the two methods when the
/// path is not one of them (a trailing slash, the wrong case); every path under `/__admin` that is
/// no admin route, and every method an admin route does not take, gets a JSON error listing what
/// exists ([`hors_route`]). Only the rest goes to the page's files.
pub fn application_router(application: Arc<Application>) -> Router {
    let api_rest = Router::new()
        .route("/ApiRest", any(api_rest::api_rest))
        .route("/ApiRest/", any(api_rest::api_rest))
        .route("/ApiRest/{*reste}", any(api_rest::api_rest))
        .layer(DefaultBodyLimit::max(api_rest::TAILLE_MAX));
    let admin = Router::new()
        .route("/__admin/scenario", post(admin::charger_scenario))
        .route("/__admin/reset", post(admin::reinitialiser))
        .route("/__admin/horloge", post(admin::horloge))
        .route("/__admin/evenements", post(admin::evenement))
        .route("/__admin/connecteur", put(admin::connecteur))
        .route(
            "/__admin/pannes",
            put(admin::regler_pannes).get(admin::pannes),
        )
        .route("/__admin/compatibilite", put(admin::compatibilite))
        .route("/__admin/etat", get(admin::etat))
        .route("/__admin/journal", get(admin::journal))
        .route("/__admin/transcript", get(admin::transcript))
        .route("/__admin/conformite", get(admin::conformite))
        .route("/__admin/fichiers", get(admin::fichiers))
        .route("/__admin/fichiers/{nom}", get(admin::fichier))
        .route("/__admin/openapi.json", get(openapi::document))
        .route_layer(middleware::from_fn(hors_route::methode_admin_refusee))
        .route("/__admin", any(hors_route::route_admin_inconnue))
        .route("/__admin/", any(hors_route::route_admin_inconnue))
        .route("/__admin/{*reste}", any(hors_route::route_admin_inconnue))
        .layer(DefaultBodyLimit::max(admin::TAILLE_MAX))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&application),
            exiger_jeton,
        ));
    let page = ServeDir::new(&application.config().web_dir);
    let mut routeur = api_rest
        .merge(admin)
        .fallback(move |etat: State<Arc<Application>>, requete: Request| {
            hors_route::hors_des_api(etat, requete, page.clone())
        })
        .with_state(Arc::clone(&application));
    if let Some(cors) = cors(&application.config().cors) {
        routeur = routeur.layer(cors);
    }
    routeur
}

/// CORS for the origins configured; none configured, none allowed.
fn cors(origines: &[String]) -> Option<CorsLayer> {
    if origines.is_empty() {
        return None;
    }
    let autorisees = if origines.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origines
                .iter()
                .filter_map(|o| HeaderValue::from_str(o).ok()),
        )
    };
    Some(
        CorsLayer::new()
            .allow_origin(autorisees)
            .allow_methods(tower_http::cors::Any)
            .allow_headers(tower_http::cors::Any),
    )
}

/// With `--admin-token`, `/__admin/` wants `Authorization: Bearer <token>`, compared in constant time.
async fn exiger_jeton(
    State(application): State<Arc<Application>>,
    requete: Request,
    suite: Next,
) -> Response {
    let Some(attendu) = &application.config().admin_token else {
        return suite.run(requete).await;
    };
    let recu = requete
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|valeur| valeur.to_str().ok())
        .and_then(jeton_bearer)
        .unwrap_or("");
    if bool::from(recu.as_bytes().ct_eq(attendu.as_bytes())) {
        return suite.run(requete).await;
    }
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        Json(serde_json::json!({
            "erreur": "Authorization : jeton d'administration absent ou incorrect (Authorization: Bearer <jeton>)"
        })),
    )
        .into_response()
}

/// The token of an `Authorization: Bearer <token>` header; the scheme's name is case-insensitive
/// (RFC 7235 §2.1, RFC 6750 §2.1), so `bearer` and `BEARER` are accepted too.
fn jeton_bearer(valeur: &str) -> Option<&str> {
    let (schema, jeton) = valeur.trim().split_once(' ')?;
    schema
        .eq_ignore_ascii_case("bearer")
        .then_some(jeton.trim_start())
}

/// The error a connection ends on when a fault asks to cut it: hyper then closes it unanswered.
#[derive(Debug)]
struct CoupureVoulue;

impl std::fmt::Display for CoupureVoulue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connexion coupée volontairement (panne injectée)")
    }
}

impl std::error::Error for CoupureVoulue {}

/// Serves `router` on `listener` until `shutdown` completes, then lets open requests finish.
///
/// A response marked [`api_rest::Coupure`] is not sent: its connection is closed instead, which is
/// how the "connection reset" fault reaches the client.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let arret = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepte = tokio::select! {
            accepte = listener.accept() => accepte,
            () = &mut shutdown => break,
        };
        let flux = match accepte {
            Ok((flux, _)) => flux,
            Err(erreur) => {
                // Out of file descriptors and the like: wait rather than spin.
                tracing::warn!(%erreur, "connexion refusée");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let routeur = router.clone();
        let service =
            hyper::service::service_fn(move |requete: hyper::Request<hyper::body::Incoming>| {
                let routeur = routeur.clone();
                async move {
                    let reponse = routeur
                        .oneshot(requete.map(Body::new))
                        .await
                        .unwrap_or_else(|infaillible: Infallible| match infaillible {});
                    if reponse.extensions().get::<api_rest::Coupure>().is_some() {
                        Err(CoupureVoulue)
                    } else {
                        Ok(reponse)
                    }
                }
            });
        let connexion = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(flux), service);
        let connexion = arret.watch(connexion);
        tokio::spawn(async move {
            if let Err(erreur) = connexion.await {
                tracing::debug!(%erreur, "connexion terminée sur une erreur");
            }
        });
    }
    drop(listener);
    arret.shutdown().await;
    Ok(())
}
