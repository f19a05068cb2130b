//! Answers for the requests no route takes, so that a typo gets a JSON error that names what was
//! asked and what exists, instead of the static-file server's empty 404 or 405: an unknown admin
//! route, a method an admin route does not take, a path under `/ApiRest` or `/__admin` in the
//! wrong case, and anything but `GET`/`HEAD` on the page's paths. Paths under `/ApiRest` itself go
//! to the REST handler, which refuses them in the REST API's own shape.

use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::admin::ErreurAdmin;
use crate::application::Application;

/// The admin routes as (`VERBE`, `/chemin`), read from the OpenAPI document, which a test keeps
/// equal to the router's routes: one list, so that the messages never name a route that is gone.
static ROUTES_ADMIN: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let document = serde_json::to_value(crate::openapi::document_openapi()).unwrap_or_default();
    let mut routes = Vec::new();
    if let Some(chemins) = document["paths"].as_object() {
        for (chemin, operations) in chemins {
            if !chemin.starts_with("/__admin/") {
                continue;
            }
            for verbe in operations.as_object().into_iter().flat_map(|o| o.keys()) {
                routes.push((verbe.to_uppercase(), chemin.clone()));
            }
        }
    }
    routes
});

/// The route `chemin` nearly is, and how it differs: a trailing slash, the case. `None` when it is
/// not close to any.
pub fn route_proche<'a>(
    chemin: &str,
    routes: impl IntoIterator<Item = &'a str>,
) -> Option<(&'a str, Vec<&'static str>)> {
    let sans_barre = chemin.trim_end_matches('/');
    let route = routes
        .into_iter()
        .find(|route| route.eq_ignore_ascii_case(sans_barre))?;
    let mut ecarts = Vec::new();
    if sans_barre != chemin {
        ecarts.push("sans / final");
    }
    if route != sans_barre {
        ecarts.push("la casse compte");
    }
    Some((route, ecarts))
}

/// `/__admin`, `/__admin/` and any path under it that is no admin route (or one in the wrong case).
pub async fn route_admin_inconnue(verbe: Method, uri: Uri) -> Response {
    admin_inconnue(&verbe, uri.path()).into_response()
}

fn admin_inconnue(verbe: &Method, chemin: &str) -> ErreurAdmin {
    let chemins = ROUTES_ADMIN.iter().map(|(_, chemin)| chemin.as_str());
    let message = match route_proche(chemin, chemins) {
        Some((route, ecarts)) => format!(
            "route : {verbe} {chemin} inconnue ({}) : {route} attendue",
            ecarts.join(" et ")
        ),
        None => format!(
            "route : {verbe} {chemin} inconnue (routes : {})",
            ROUTES_ADMIN
                .iter()
                .map(|(verbe, chemin)| format!("{verbe} {chemin}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    ErreurAdmin::avec_statut(StatusCode::NOT_FOUND, message)
}

/// Turns the empty 405 axum answers for a method an admin route does not take into the admin
/// API's JSON error, naming the methods it takes (axum adds its `Allow` header afterwards).
pub async fn methode_admin_refusee(requete: Request, suite: Next) -> Response {
    let verbe = requete.method().clone();
    let chemin = requete.uri().path().to_owned();
    let reponse = suite.run(requete).await;
    if reponse.status() != StatusCode::METHOD_NOT_ALLOWED
        || reponse.headers().contains_key(header::CONTENT_TYPE)
    {
        return reponse;
    }
    ErreurAdmin::avec_statut(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "méthode {verbe} refusée sur {chemin} (possibles : {})",
            methodes_admin(&chemin).join(", ")
        ),
    )
    .into_response()
}

/// The methods the admin route at `chemin` takes (`HEAD` with `GET`, as axum answers it).
fn methodes_admin(chemin: &str) -> Vec<&str> {
    let mut methodes = Vec::new();
    for (verbe, modele) in ROUTES_ADMIN.iter() {
        if correspond(modele, chemin) {
            methodes.push(verbe.as_str());
            if verbe == "GET" {
                methodes.push("HEAD");
            }
        }
    }
    methodes
}

/// Whether `chemin` is a path of the route `modele` (`/__admin/fichiers/{nom}`).
fn correspond(modele: &str, chemin: &str) -> bool {
    let modele: Vec<&str> = modele.split('/').collect();
    let chemin: Vec<&str> = chemin.split('/').collect();
    modele.len() == chemin.len()
        && modele
            .iter()
            .zip(&chemin)
            .all(|(m, c)| m == c || (m.starts_with('{') && !c.is_empty()))
}

/// Whatever no route took: `/ApiRest` or `/__admin` in the wrong case, or the page.
pub async fn hors_des_api(
    State(application): State<Arc<Application>>,
    requete: Request,
    page: ServeDir,
) -> Response {
    let chemin = requete.uri().path().to_ascii_lowercase();
    let sous = |prefixe: &str| chemin == prefixe || chemin.starts_with(&format!("{prefixe}/"));
    if sous("/apirest") {
        return crate::api_rest::hors_route(&application, requete).await;
    }
    if sous("/__admin") {
        return admin_inconnue(requete.method(), requete.uri().path()).into_response();
    }
    if requete.method() == Method::GET || requete.method() == Method::HEAD {
        return match page.oneshot(requete).await {
            Ok(reponse) => reponse.map(Body::new),
            Err(infaillible) => match infaillible {},
        };
    }
    let mut reponse = ErreurAdmin::avec_statut(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "méthode {} refusée sur {} : seule la page du simulateur est servie ici, en GET ou HEAD (API REST sous /ApiRest/, administration sous /__admin/)",
            requete.method(),
            requete.uri().path()
        ),
    )
    .into_response();
    reponse
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    reponse
}
