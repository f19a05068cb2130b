//! The admin API's catalogue of bad inputs (RELIABILITY.md): each request with its exact answer —
//! status and French `{"erreur"}` — and the state checked unchanged afterwards: out-of-calendar days
//! and offsets that would overflow, an unbounded latency, bodies over the limit, a body on a call
//! that takes none, unknown routes and methods, and typos of the paths.

// Needs the core's Parcoursup-side calls (see the `coeur-parcoursup` feature in Cargo.toml).
#![cfg(feature = "coeur-parcoursup")]

mod commun;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use commun::banc;
use serde_json::json;

/// The demo's calendar, as the messages give it: its first day is 04/06/2024, so its last is
/// 731 days later.
const BORNE: &str =
    "au plus tard le 05/06/2026, 731 jours après le premier jour de la simulation, le 04/06/2024";

/// One request the admin API must refuse.
struct Mauvaise {
    nom: &'static str,
    verbe: Method,
    chemin: &'static str,
    type_contenu: Option<&'static str>,
    corps: Vec<u8>,
    statut: StatusCode,
    erreur: String,
}

fn mauvaise(
    nom: &'static str,
    verbe: Method,
    chemin: &'static str,
    corps: impl Into<Vec<u8>>,
    statut: StatusCode,
    erreur: impl Into<String>,
) -> Mauvaise {
    Mauvaise {
        nom,
        verbe,
        chemin,
        type_contenu: Some("application/json"),
        corps: corps.into(),
        statut,
        erreur: erreur.into(),
    }
}

/// The admin routes, by path, as the 404 lists them.
fn routes_admin() -> &'static str {
    "PUT /__admin/compatibilite, GET /__admin/conformite, PUT /__admin/connecteur, GET /__admin/etat, \
     POST /__admin/evenements, GET /__admin/fichiers, GET /__admin/fichiers/{nom}, POST /__admin/horloge, \
     GET /__admin/journal, GET /__admin/openapi.json, GET /__admin/pannes, PUT /__admin/pannes, \
     POST /__admin/reset, POST /__admin/scenario, GET /__admin/transcript"
}

fn mauvaises_entrees() -> Vec<Mauvaise> {
    let enorme = vec![b' '; 3 * 1024 * 1024];
    let trop_gros = "corps : dépasse la taille maximale de 2097152 octets (2 Mio)";
    vec![
        mauvaise(
            "décalage qui déborderait (horloge)",
            Method::POST,
            "/__admin/horloge",
            json!({"jalon": "resultats_bac", "decalage": 200_000_000_000_000i64}).to_string(),
            StatusCode::BAD_REQUEST,
            format!("decalage : resultats_bac (08/07/2024) +200000000000000 jours est hors du calendrier ({BORNE})"),
        ),
        mauvaise(
            "décalage négatif qui déborderait",
            Method::POST,
            "/__admin/horloge",
            json!({"jalon": "resultats_bac", "decalage": i64::MIN}).to_string(),
            StatusCode::BAD_REQUEST,
            format!("decalage : resultats_bac (08/07/2024) -9223372036854775808 jours est hors du calendrier ({BORNE})"),
        ),
        mauvaise(
            "décalage qui déborderait (événement)",
            Method::POST,
            "/__admin/evenements",
            json!({"type": "renvoi_opi", "candidat": 1048576, "jalon": "resultats_bac", "decalage": 200_000_000_000_000i64}).to_string(),
            StatusCode::BAD_REQUEST,
            format!("decalage : resultats_bac (08/07/2024) +200000000000000 jours est hors du calendrier ({BORNE})"),
        ),
        mauvaise(
            "date de l'an 9999",
            Method::POST,
            "/__admin/horloge",
            json!({"date": "9999-12-31"}).to_string(),
            StatusCode::BAD_REQUEST,
            format!("date : le 31/12/9999 est hors du calendrier ({BORNE})"),
        ),
        mauvaise(
            "le lendemain du dernier jour",
            Method::POST,
            "/__admin/horloge",
            json!({"date": "2026-06-06"}).to_string(),
            StatusCode::BAD_REQUEST,
            format!("date : le 06/06/2026 est hors du calendrier ({BORNE})"),
        ),
        mauvaise(
            "événement en l'an 9999",
            Method::POST,
            "/__admin/evenements",
            json!({"type": "renvoi_opi", "candidat": 1048576, "date": "9999-12-31"}).to_string(),
            StatusCode::BAD_REQUEST,
            format!("date : le 31/12/9999 est hors du calendrier ({BORNE})"),
        ),
        mauvaise(
            "latence sans borne",
            Method::PUT,
            "/__admin/pannes",
            json!({"latence_ms": 99_999_999_999_999u64}).to_string(),
            StatusCode::BAD_REQUEST,
            "latence_ms : 99999999999999 ms est trop long (60000 au plus, une minute : au-delà, chaque appel REST semblerait bloqué)",
        ),
        mauvaise(
            "latence d'une minute et une milliseconde",
            Method::PUT,
            "/__admin/pannes",
            json!({"latence_ms": 60_001}).to_string(),
            StatusCode::BAD_REQUEST,
            "latence_ms : 60001 ms est trop long (60000 au plus, une minute : au-delà, chaque appel REST semblerait bloqué)",
        ),
        mauvaise(
            "pannes de 3 Mo",
            Method::PUT,
            "/__admin/pannes",
            enorme.clone(),
            StatusCode::PAYLOAD_TOO_LARGE,
            trop_gros,
        ),
        Mauvaise {
            type_contenu: Some("application/toml"),
            ..mauvaise(
                "scénario de 3 Mo",
                Method::POST,
                "/__admin/scenario",
                enorme,
                StatusCode::PAYLOAD_TOO_LARGE,
                trop_gros,
            )
        },
        mauvaise(
            "reset avec un corps",
            Method::POST,
            "/__admin/reset",
            json!({"builtin": "nominal_f"}).to_string(),
            StatusCode::BAD_REQUEST,
            "corps : POST /__admin/reset ne prend pas de corps (reçu 23 octets) ; pour charger un autre scénario : POST /__admin/scenario",
        ),
        mauvaise(
            "route inconnue",
            Method::GET,
            "/__admin/etats",
            "",
            StatusCode::NOT_FOUND,
            format!("route : GET /__admin/etats inconnue (routes : {})", routes_admin()),
        ),
        mauvaise(
            "racine de l'administration",
            Method::GET,
            "/__admin",
            "",
            StatusCode::NOT_FOUND,
            format!("route : GET /__admin inconnue (routes : {})", routes_admin()),
        ),
        mauvaise(
            "/ final",
            Method::GET,
            "/__admin/etat/",
            "",
            StatusCode::NOT_FOUND,
            "route : GET /__admin/etat/ inconnue (sans / final) : /__admin/etat attendue",
        ),
        mauvaise(
            "casse du chemin",
            Method::POST,
            "/__Admin/Horloge",
            json!({"date": "2024-06-05"}).to_string(),
            StatusCode::NOT_FOUND,
            "route : POST /__Admin/Horloge inconnue (la casse compte) : /__admin/horloge attendue",
        ),
        mauvaise(
            "méthode refusée",
            Method::DELETE,
            "/__admin/etat",
            "",
            StatusCode::METHOD_NOT_ALLOWED,
            "méthode DELETE refusée sur /__admin/etat (possibles : GET, HEAD)",
        ),
        mauvaise(
            "POST sur une route GET et PUT",
            Method::POST,
            "/__admin/pannes",
            json!({"nok": 1}).to_string(),
            StatusCode::METHOD_NOT_ALLOWED,
            "méthode POST refusée sur /__admin/pannes (possibles : GET, HEAD, PUT)",
        ),
        mauvaise(
            "nom de fichier qui n'est pas de l'UTF-8",
            Method::GET,
            "/__admin/fichiers/%FF.csv",
            "",
            StatusCode::BAD_REQUEST,
            "nom : illisible (une fois décodé, le nom n'est pas de l'UTF-8)",
        ),
        mauvaise(
            "POST sur la page",
            Method::POST,
            "/majInscriptionAdministrative",
            "{}",
            StatusCode::METHOD_NOT_ALLOWED,
            "méthode POST refusée sur /majInscriptionAdministrative : seule la page du simulateur est servie ici, en GET ou HEAD (API REST sous /ApiRest/, administration sous /__admin/)",
        ),
    ]
}

#[tokio::test]
async fn bad_admin_inputs_get_a_precise_french_error_and_change_nothing() {
    let banc = banc();
    let etat = banc.etat().await;
    let commandes = banc.nombre_commandes().await;
    let messages = banc.messages().await;
    for cas in mauvaises_entrees() {
        let mut requete = Request::builder().method(cas.verbe.clone()).uri(cas.chemin);
        if let Some(type_contenu) = cas.type_contenu {
            requete = requete.header(header::CONTENT_TYPE, type_contenu);
        }
        let reponse = banc
            .envoyer(requete.body(Body::from(cas.corps.clone())).unwrap())
            .await;
        assert_eq!(
            reponse.statut, cas.statut,
            "{} : {}",
            cas.nom, reponse.corps
        );
        assert_eq!(
            reponse.type_contenu.as_deref(),
            Some("application/json"),
            "{}",
            cas.nom
        );
        assert_eq!(reponse.json(), json!({"erreur": cas.erreur}), "{}", cas.nom);
        assert_eq!(banc.etat().await, etat, "{} : l'état a changé", cas.nom);
        assert_eq!(
            banc.nombre_commandes().await,
            commandes,
            "{} : commande journalisée",
            cas.nom
        );
        assert_eq!(
            banc.messages().await,
            messages,
            "{} : message journalisé",
            cas.nom
        );
    }
}

#[tokio::test]
async fn the_last_day_of_the_calendar_and_a_one_minute_latency_are_accepted() {
    let banc = banc();
    let pannes = banc
        .put("/__admin/pannes", &json!({"latence_ms": 60_000}))
        .await;
    assert_eq!(pannes.statut, StatusCode::OK, "{}", pannes.corps);
    banc.put("/__admin/pannes", &json!({})).await;
    let dernier = banc
        .post(
            "/__admin/horloge",
            json!({"date": "2026-06-05"}).to_string(),
        )
        .await;
    assert_eq!(dernier.statut, StatusCode::OK, "{}", dernier.corps);
    assert_eq!(dernier.json()["jour"], "2026-06-05");
}

#[tokio::test]
async fn a_refused_method_keeps_its_allow_header() {
    let banc = banc();
    let reponse = tower::ServiceExt::oneshot(
        mock_parcoursup::application_router(banc.application.clone()),
        Request::delete("/__admin/pannes")
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(reponse.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reponse.headers()[header::ALLOW], "PUT,GET,HEAD");
}
