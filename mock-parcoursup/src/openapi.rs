//! The OpenAPI document of the REST and admin APIs, served at `/__admin/openapi.json`.
//!
//! The operations are described here, on functions that only carry the description, so that the
//! handlers stay plain; a test checks that every route of the router is described and nothing more.

#![allow(dead_code)]

use axum::Json;
use utoipa::{OpenApi, ToSchema};

use crate::application::Pannes;
use crate::journal::Message;
use crate::moteur::Compatibilite;

/// Parcoursup's answer `{"retour": "OK" | "NOK", "message": "…"}`.
#[derive(ToSchema)]
#[schema(as = Retour)]
struct RetourSchema {
    /// `OK` or `NOK`.
    retour: String,
    /// Free text; for `NOK`, the field and the reason.
    message: String,
}

/// An admin error: `{"erreur": "…"}`, in French.
#[derive(ToSchema)]
#[schema(as = ErreurAdmin)]
struct ErreurSchema {
    erreur: String,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "mock-parcoursup",
        description = "Parcoursup simulé pour tester les connecteurs des universités : l'API REST de Parcoursup (domain.md §3.1) et l'API d'administration du simulateur. Voir docs/mock-server.md."
    ),
    paths(
        maj_inscription_administrative,
        get_candidats_admis,
        scenario,
        reset,
        horloge,
        evenements,
        connecteur,
        pannes_put,
        pannes_get,
        compatibilite,
        etat,
        journal,
        transcript,
        conformite,
        fichiers,
        fichier,
        openapi,
    ),
    components(schemas(RetourSchema, ErreurSchema, Message, Pannes, Compatibilite)),
    tags(
        (name = "ApiRest", description = "L'API REST de Parcoursup, appelée par le connecteur de l'université."),
        (name = "admin", description = "Pilotage du simulateur (convention de WireMock) ; jeton Bearer si --admin-token."),
    )
)]
pub struct Documentation;

/// `GET /__admin/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(Documentation::openapi())
}

/// A remontée (one paid or cancelled IA), or the connector test with the fixed fictitious candidate.
#[utoipa::path(
    post,
    path = "/ApiRest/majInscriptionAdministrative",
    tag = "ApiRest",
    request_body(content = serde_json::Value, content_type = "application/json", example = json!({
        "identifiant": { "login": "demo-psup", "pwd": "demo-secret" },
        "codeCandidat": 1, "ine": "0123456789AB", "nom": "Bernard", "prenom": "Minet",
        "dateNaissance": "14/07/1789", "codeFormationPsup": 42, "codeFormation1": "42",
        "codeSISE": 42, "etatInscription": 1, "codeEtablissementAffectation": "0751234X"
    })),
    responses(
        (status = 200, description = "Acceptée (ou doublon d'une remontée déjà acceptée, même réponse).", body = RetourSchema, example = json!({"retour": "OK", "message": "Requete correctement traitee"})),
        (status = 400, description = "Refusée à la validation : le message nomme le champ et la raison.", body = RetourSchema, example = json!({"retour": "NOK", "message": "etatInscription: 7 n'est pas un code connu (1 a 5)"})),
        (status = 401, description = "Identifiants incorrects.", body = RetourSchema),
        (status = 405, description = "Pas un POST.", body = RetourSchema),
        (status = 413, description = "Corps de plus de 1 Mio.", body = RetourSchema),
        (status = 415, description = "Content-Type autre que application/json.", body = RetourSchema),
        (status = 422, description = "Bien formée mais refusée par Parcoursup (candidat inconnu, formation non acceptée, autre UAI).", body = RetourSchema),
        (status = 500, description = "Panne injectée, ou journal indisponible (rien n'a été appliqué).", body = RetourSchema),
    )
)]
fn maj_inscription_administrative() {}

/// The admitted candidates of the establishment, as `donneesCandidat` records.
#[utoipa::path(
    post,
    path = "/ApiRest/getCandidatsAdmis",
    tag = "ApiRest",
    request_body(content = serde_json::Value, content_type = "application/json", example = json!({
        "identifiant": { "login": "demo-psup", "pwd": "demo-secret" },
        "codeEtablissement": "0751234X", "codeCandidat": 1048576, "codeFormationpsup": 23456
    })),
    responses(
        (status = 200, description = "Tableau JSON d'enregistrements donneesCandidat (domain.md §3.2), un par vœu non désisté.", body = Vec<serde_json::Value>),
        (status = 400, description = "Refusée à la validation.", body = RetourSchema),
        (status = 401, description = "Identifiants incorrects.", body = RetourSchema),
        (status = 422, description = "codeEtablissement n'est pas l'UAI de l'université.", body = RetourSchema),
    )
)]
fn get_candidats_admis() {}

/// Loads a scenario and starts a new session: TOML text, or JSON `{"builtin": "nom"}` /
/// `{"toml": "…"}` with optional `evenements_automatiques` and `compatibilite`.
#[utoipa::path(
    post,
    path = "/__admin/scenario",
    tag = "admin",
    request_body(content = serde_json::Value, example = json!({"builtin": "nominal_f", "evenements_automatiques": false})),
    responses(
        (status = 200, description = "Chargé : session, scénario, jour et entrées du premier jour.", body = serde_json::Value),
        (status = 400, description = "Corps illisible.", body = ErreurSchema),
        (status = 422, description = "Scénario refusé (l'erreur donne fichier:ligne:colonne).", body = ErreurSchema),
    )
)]
fn scenario() {}

/// The loaded scenario again, from its first day, in a new session.
#[utoipa::path(post, path = "/__admin/reset", tag = "admin",
    responses((status = 200, description = "Rechargé.", body = serde_json::Value)))]
fn reset() {}

/// Moves Parcoursup's clock forward to a date or a milestone.
#[utoipa::path(
    post,
    path = "/__admin/horloge",
    tag = "admin",
    request_body(content = serde_json::Value, example = json!({"jalon": "lendemain_resultats_bac", "decalage": 0})),
    responses(
        (status = 200, description = "Jour atteint et entrées du transcript produites en chemin.", body = serde_json::Value),
        (status = 400, description = "Date ou jalon illisible.", body = ErreurSchema),
        (status = 422, description = "Date antérieure au jour courant.", body = ErreurSchema),
    )
)]
fn horloge() {}

/// Plays one Parcoursup-side event (acceptation, desistement, renvoi_opi), in the scenario shape.
#[utoipa::path(
    post,
    path = "/__admin/evenements",
    tag = "admin",
    request_body(content = serde_json::Value, example = json!({"type": "acceptation", "candidat": 1048576, "formation": 23456, "reponse": "oui"})),
    responses(
        (status = 200, description = "Appliqué ; entrées du transcript.", body = serde_json::Value),
        (status = 400, description = "Événement illisible, ou côté université.", body = ErreurSchema),
        (status = 422, description = "Refusé par le cœur (candidat inconnu, déjà acceptée…).", body = ErreurSchema),
    )
)]
fn evenements() {}

/// Where and how OPI are delivered to the connector under test.
#[utoipa::path(
    put,
    path = "/__admin/connecteur",
    tag = "admin",
    request_body(content = serde_json::Value, example = json!({"url": "http://127.0.0.1:9090", "mode": "webservice", "dossier_fichiers": "/tmp/opi", "identifiants": {"login": "etablissement", "pwd": "secret"}})),
    responses(
        (status = 200, description = "Enregistré (mot de passe masqué) ; les OPI en attente partent.", body = serde_json::Value),
        (status = 400, description = "URL ou mode illisible.", body = ErreurSchema),
    )
)]
fn connecteur() {}

/// Faults injected into the answers to the connector's REST calls.
#[utoipa::path(put, path = "/__admin/pannes", tag = "admin", request_body = Pannes,
    responses((status = 200, description = "Pannes à venir.", body = serde_json::Value), (status = 400, description = "Corps illisible.", body = ErreurSchema)))]
fn pannes_put() {}

/// The faults still to inject.
#[utoipa::path(get, path = "/__admin/pannes", tag = "admin",
    responses((status = 200, description = "Pannes à venir.", body = serde_json::Value)))]
fn pannes_get() {}

/// The compatibility switches (quirks tolerated or reproduced).
#[utoipa::path(put, path = "/__admin/compatibilite", tag = "admin", request_body = Compatibilite,
    responses((status = 200, description = "Enregistrées.", body = serde_json::Value), (status = 400, description = "Corps illisible.", body = ErreurSchema)))]
fn compatibilite() {}

/// Parcoursup's state: candidates, vœux and decisions of the day, connector status and why it is
/// not valid, inscriptions known from remontées, OPI pending.
#[utoipa::path(get, path = "/__admin/etat", tag = "admin",
    responses((status = 200, description = "État.", body = serde_json::Value)))]
fn etat() {}

/// Every message in and out, with its verdict (passwords masked).
#[utoipa::path(
    get,
    path = "/__admin/journal",
    tag = "admin",
    params(
        ("depuis" = Option<i64>, Query, description = "Premier id renvoyé."),
        ("limite" = Option<u32>, Query, description = "Nombre maximal de messages (10 000 par défaut)."),
        ("toutes_sessions" = Option<bool>, Query, description = "Toutes les sessions, pas seulement la courante."),
    ),
    responses(
        (status = 200, description = "{\"messages\": [...]}", body = Vec<Message>),
        (status = 400, description = "Paramètre inconnu, ou valeur illisible (nommés dans le message).", body = ErreurSchema),
        (status = 500, description = "Journal illisible.", body = ErreurSchema),
    )
)]
fn journal() {}

/// What the core wrote since the scenario was loaded.
#[utoipa::path(get, path = "/__admin/transcript", tag = "admin",
    responses(
        (status = 200, description = "{\"entrees\": [...]}", body = serde_json::Value),
        (status = 500, description = "Journal illisible, ou session impossible à rejouer.", body = ErreurSchema),
    ))]
fn transcript() {}

/// What Parcoursup received from the connector against what the core expected, rule by rule: the
/// scenario played in the core up to the simulated day, compared on the connector's status (R6), the
/// last OPI acknowledged per candidate and the inscriptions known from remontées (R14, R15).
#[utoipa::path(get, path = "/__admin/conformite", tag = "admin",
    responses((status = 200, description = "{\"conforme\", \"regles\": [{\"regle\", \"verifications\", \"ecarts\"}], \"erreur\"}", body = serde_json::Value)))]
fn conformite() {}

/// The flat files in the folder.
#[utoipa::path(get, path = "/__admin/fichiers", tag = "admin",
    responses((status = 200, description = "{\"dossier\", \"fichiers\": [{\"nom\", \"octets\"}]}", body = serde_json::Value)))]
fn fichiers() {}

/// One flat file's content.
#[utoipa::path(get, path = "/__admin/fichiers/{nom}", tag = "admin",
    params(("nom" = String, Path, description = "Nom du fichier, sans dossier.")),
    responses((status = 200, description = "Contenu (text/csv).", body = String), (status = 404, description = "Aucun fichier de ce nom.", body = ErreurSchema)))]
fn fichier() {}

/// This document.
#[utoipa::path(get, path = "/__admin/openapi.json", tag = "admin",
    responses((status = 200, description = "OpenAPI 3.1.", body = serde_json::Value)))]
fn openapi() {}
