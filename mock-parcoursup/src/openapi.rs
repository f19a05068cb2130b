//! The OpenAPI document of the REST and admin APIs, served at `/__admin/openapi.json`.
//!
//! The operations are described here, on functions that only carry the description, so that the
//! handlers stay plain. The bodies' schemas are documentation types mirroring what the handlers
//! build with `json!`; `tests/openapi.rs` keeps them honest: it checks that every route of the
//! router is described and nothing more, and calls each operation to check the status, the content
//! type and the body against what is declared here.

#![allow(dead_code)]

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::application::Pannes;
use crate::conformite::{BilanRegle, Ecart, Rapport};
use crate::journal::Message;
use crate::moteur::Compatibilite;

/// Parcoursup's answer `{"retour": "OK" | "NOK", "message": "…"}`.
#[derive(ToSchema)]
#[schema(as = Retour)]
struct RetourSchema {
    /// `OK` or `NOK`.
    #[schema(pattern = "^(OK|NOK)$")]
    retour: String,
    /// Free text; for `NOK`, the field and the reason.
    message: String,
}

/// An admin error: `{"erreur": "…"}`, in French, naming the field (or route) and the reason.
#[derive(ToSchema)]
#[schema(as = ErreurAdmin)]
struct ErreurSchema {
    erreur: String,
}

/// One transcript entry of the core: a message or a state change, with its rule and its French
/// explanation (`message` or `etat` beside them says which).
#[derive(ToSchema)]
#[schema(as = Entree)]
struct EntreeSchema {
    /// The simulated day.
    #[schema(format = Date)]
    jour: String,
    /// `R1` to `R17`.
    regle: String,
    explication: String,
}

/// What a command changed: the simulated day reached and the core's entries.
#[derive(ToSchema)]
#[schema(as = ReponseCommande)]
struct ReponseCommandeSchema {
    #[schema(format = Date)]
    jour: String,
    entrees: Vec<EntreeSchema>,
}

/// A clock move (or an event with a day): like a command, with the flat files that could not be
/// written on the days closed on the way (their OPI leave with the next day's files).
#[derive(ToSchema)]
#[schema(as = ReponseHorloge)]
struct ReponseHorlogeSchema {
    #[schema(format = Date)]
    jour: String,
    entrees: Vec<EntreeSchema>,
    echecs_fichiers: Vec<String>,
}

#[derive(ToSchema)]
#[schema(as = ScenarioCharge)]
struct ScenarioChargeSchema {
    nom: String,
    titre: String,
}

/// A scenario loaded: the new session and its first day.
#[derive(ToSchema)]
#[schema(as = ReponseScenario)]
struct ReponseScenarioSchema {
    session: i64,
    scenario: ScenarioChargeSchema,
    evenements_automatiques: bool,
    #[schema(format = Date)]
    jour: String,
    entrees: Vec<EntreeSchema>,
}

/// The connector's setting as shown: the password is `********` when known, `null` otherwise.
#[derive(ToSchema)]
#[schema(as = Connecteur)]
struct ConnecteurSchema {
    url: Option<String>,
    /// `webservice`, `push_json` or `fichiers_plats`; `null`: the scenario university's.
    mode: Option<String>,
    dossier_fichiers: Option<String>,
    login: Option<String>,
    pwd: Option<String>,
    relecture_opi: bool,
}

/// The connector set, and the entries of the OPI that leave now.
#[derive(ToSchema)]
#[schema(as = ReponseConnecteur)]
struct ReponseConnecteurSchema {
    #[schema(format = Date)]
    jour: String,
    entrees: Vec<EntreeSchema>,
    connecteur: ConnecteurSchema,
}

#[derive(ToSchema)]
#[schema(as = ReponsePannes)]
struct ReponsePannesSchema {
    pannes: Pannes,
}

#[derive(ToSchema)]
#[schema(as = ReponseCompatibilite)]
struct ReponseCompatibiliteSchema {
    #[schema(format = Date)]
    jour: String,
    entrees: Vec<EntreeSchema>,
    compatibilite: Compatibilite,
}

#[derive(ToSchema)]
#[schema(as = ReponseJournal)]
struct ReponseJournalSchema {
    messages: Vec<Message>,
}

#[derive(ToSchema)]
#[schema(as = ReponseTranscript)]
struct ReponseTranscriptSchema {
    entrees: Vec<EntreeSchema>,
}

#[derive(ToSchema)]
#[schema(as = FichierPlat)]
struct FichierPlatSchema {
    nom: String,
    octets: u64,
}

#[derive(ToSchema)]
#[schema(as = ReponseFichiers)]
struct ReponseFichiersSchema {
    dossier: String,
    fichiers: Vec<FichierPlatSchema>,
}

#[derive(ToSchema)]
#[schema(as = EtatScenario)]
struct EtatScenarioSchema {
    nom: String,
    titre: String,
    evenements_automatiques: bool,
}

#[derive(ToSchema)]
#[schema(as = EtatUniversite)]
struct EtatUniversiteSchema {
    uai: String,
    nom: String,
    login: String,
    mode_opi: String,
}

/// The connector's status: `etat` (`non_teste`, `en_echec`, `valide`) and its details, `valide`,
/// `raison_invalidite`, the target (`cible`), `derniere_erreur_livraison`, `dossier_fichiers`.
#[derive(ToSchema)]
#[schema(as = EtatConnecteur)]
struct EtatConnecteurSchema {
    etat: String,
    valide: bool,
    raison_invalidite: Option<String>,
    cible: ConnecteurSchema,
    derniere_erreur_livraison: Option<String>,
    dossier_fichiers: String,
}

/// One candidate: the Parcoursup file (`dossier`: candidate, vœux, inscriptions known from
/// remontées, last OPI acknowledged) and the decisions of the day.
#[derive(ToSchema)]
#[schema(as = EtatCandidat)]
struct EtatCandidatSchema {
    #[schema(value_type = Object)]
    dossier: serde_json::Value,
    #[schema(value_type = Vec<Object>)]
    decisions_du_jour: Vec<serde_json::Value>,
}

/// Parcoursup's state.
#[derive(ToSchema)]
#[schema(as = Etat)]
struct EtatSchema {
    session: i64,
    #[schema(format = Date)]
    jour: String,
    scenario: EtatScenarioSchema,
    universite: EtatUniversiteSchema,
    connecteur: EtatConnecteurSchema,
    compatibilite: Compatibilite,
    pannes: Pannes,
    opi_en_attente: Vec<u32>,
    opi_en_cours_de_livraison: Vec<u32>,
    candidats: Vec<EtatCandidatSchema>,
}

/// `POST /__admin/scenario` as JSON (any other content type: the scenario's TOML text).
#[derive(ToSchema)]
#[schema(as = RequeteScenario)]
struct RequeteScenarioSchema {
    /// A built-in scenario's name; or `toml`.
    builtin: Option<String>,
    /// A scenario's TOML text; or `builtin`.
    toml: Option<String>,
    /// Names the TOML text in error messages.
    fichier: Option<String>,
    evenements_automatiques: Option<bool>,
    compatibilite: Option<Compatibilite>,
}

/// A day: `date`, or `jalon` with an optional `decalage` (days after it). At most 731 days after
/// the scenario's first day, never before the current day.
#[derive(ToSchema)]
#[schema(as = RequeteHorloge)]
struct RequeteHorlogeSchema {
    #[schema(format = Date)]
    date: Option<String>,
    jalon: Option<String>,
    decalage: Option<i64>,
}

/// A Parcoursup-side event in the scenario files' event shape (docs/scenarios.md).
#[derive(ToSchema)]
#[schema(as = RequeteEvenement)]
struct RequeteEvenementSchema {
    /// `acceptation`, `desistement` or `renvoi_opi`.
    #[serde(rename = "type")]
    nature: String,
    candidat: u32,
    /// Acceptation and désistement.
    formation: Option<u32>,
    /// Acceptation: `oui` (default), `oui_si_3_ans` or `oui_si_4_ans`.
    reponse: Option<String>,
    /// Moves the clock there first.
    #[schema(format = Date)]
    date: Option<String>,
    jalon: Option<String>,
    decalage: Option<i64>,
    /// Ignored.
    note: Option<String>,
}

#[derive(ToSchema)]
#[schema(as = Identifiants)]
struct IdentifiantsSchema {
    login: String,
    pwd: String,
}

#[derive(ToSchema)]
#[schema(as = RequeteConnecteur)]
struct RequeteConnecteurSchema {
    url: Option<String>,
    /// `webservice`, `push_json` or `fichiers_plats`.
    mode: Option<String>,
    dossier_fichiers: Option<String>,
    identifiants: Option<IdentifiantsSchema>,
    relecture_opi: Option<bool>,
}

/// Declares, on every admin operation, the bearer token `--admin-token` asks for and its 401.
struct JetonAdmin;

impl Modify for JetonAdmin {
    fn modify(&self, document: &mut utoipa::openapi::OpenApi) {
        document
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "jeton_admin",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some(
                            "Seulement si le serveur est lancé avec --admin-token : Authorization: Bearer <jeton>.",
                        ))
                        .build(),
                ),
            );
        let refus = ResponseBuilder::new()
            .description(
                "Jeton d'administration absent ou incorrect (seulement avec --admin-token).",
            )
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErreurAdmin")))
                    .build(),
            )
            .build();
        for (chemin, item) in document.paths.paths.iter_mut() {
            if !chemin.starts_with("/__admin/") {
                continue;
            }
            let operations = [&mut item.get, &mut item.put, &mut item.post];
            for operation in operations.into_iter().flatten() {
                operation
                    .responses
                    .responses
                    .insert("401".to_owned(), RefOr::T(refus.clone()));
                // Either no token (the server started without one) or the bearer token.
                operation.security = Some(vec![
                    SecurityRequirement::default(),
                    SecurityRequirement::new("jeton_admin", Vec::<String>::new()),
                ]);
            }
        }
    }
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
    components(schemas(
        RetourSchema,
        ErreurSchema,
        Message,
        Pannes,
        Compatibilite,
        Rapport,
        BilanRegle,
        Ecart,
    )),
    modifiers(&JetonAdmin),
    tags(
        (name = "ApiRest", description = "L'API REST de Parcoursup, appelée par le connecteur de l'université."),
        (name = "admin", description = "Pilotage du simulateur (convention de WireMock) ; jeton Bearer si --admin-token."),
    )
)]
pub struct Documentation;

/// `GET /__admin/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(document_openapi())
}

/// The document, also read for the admin routes' names ([`crate::hors_route`]).
pub fn document_openapi() -> utoipa::openapi::OpenApi {
    Documentation::openapi()
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
        (status = 200, description = "Tableau JSON d'enregistrements donneesCandidat (domain.md §3.2), un par vœu non désisté.", body = Vec<Object>),
        (status = 400, description = "Refusée à la validation.", body = RetourSchema),
        (status = 401, description = "Identifiants incorrects.", body = RetourSchema),
        (status = 405, description = "Pas un POST.", body = RetourSchema),
        (status = 413, description = "Corps de plus de 1 Mio.", body = RetourSchema),
        (status = 415, description = "Content-Type autre que application/json.", body = RetourSchema),
        (status = 422, description = "codeEtablissement n'est pas l'UAI de l'université.", body = RetourSchema),
        (status = 500, description = "Panne injectée, ou journal indisponible.", body = RetourSchema),
    )
)]
fn get_candidats_admis() {}

/// Loads a scenario and starts a new session: TOML text, or JSON `{"builtin": "nom"}` /
/// `{"toml": "…"}` with optional `evenements_automatiques` and `compatibilite`.
#[utoipa::path(
    post,
    path = "/__admin/scenario",
    tag = "admin",
    request_body(content = RequeteScenarioSchema, content_type = "application/json", example = json!({"builtin": "nominal_f", "evenements_automatiques": false})),
    responses(
        (status = 200, description = "Chargé : session, scénario, jour et entrées du premier jour.", body = ReponseScenarioSchema),
        (status = 400, description = "Corps illisible, champ inconnu ou de mauvais type.", body = ErreurSchema),
        (status = 413, description = "Corps de plus de 2 Mio.", body = ErreurSchema),
        (status = 422, description = "Scénario refusé (l'erreur donne fichier:ligne:colonne).", body = ErreurSchema),
        (status = 500, description = "Journal indisponible (rien n'a changé).", body = ErreurSchema),
    )
)]
fn scenario() {}

/// The loaded scenario again, from its first day, in a new session. No body.
#[utoipa::path(post, path = "/__admin/reset", tag = "admin",
    responses(
        (status = 200, description = "Rechargé.", body = ReponseScenarioSchema),
        (status = 400, description = "Un corps a été envoyé : reset n'en prend pas.", body = ErreurSchema),
        (status = 413, description = "Corps de plus de 2 Mio.", body = ErreurSchema),
        (status = 500, description = "Journal indisponible (rien n'a changé).", body = ErreurSchema),
    ))]
fn reset() {}

/// Moves Parcoursup's clock forward to a date or a milestone.
#[utoipa::path(
    post,
    path = "/__admin/horloge",
    tag = "admin",
    request_body(content = RequeteHorlogeSchema, content_type = "application/json", example = json!({"jalon": "lendemain_resultats_bac", "decalage": 0})),
    responses(
        (status = 200, description = "Jour atteint, entrées du transcript produites en chemin, fichiers plats non écrits.", body = ReponseHorlogeSchema),
        (status = 400, description = "Date ou jalon illisible, ou hors du calendrier (plus de 731 jours après le premier jour).", body = ErreurSchema),
        (status = 413, description = "Corps de plus de 2 Mio.", body = ErreurSchema),
        (status = 422, description = "Date antérieure au jour courant.", body = ErreurSchema),
        (status = 500, description = "Journal indisponible (rien n'a changé).", body = ErreurSchema),
    )
)]
fn horloge() {}

/// Plays one Parcoursup-side event (acceptation, desistement, renvoi_opi), in the scenario shape.
#[utoipa::path(
    post,
    path = "/__admin/evenements",
    tag = "admin",
    request_body(content = RequeteEvenementSchema, content_type = "application/json", example = json!({"type": "acceptation", "candidat": 1048576, "formation": 34567, "reponse": "oui"})),
    responses(
        (status = 200, description = "Appliqué ; entrées du transcript.", body = ReponseHorlogeSchema),
        (status = 400, description = "Événement illisible, ou côté université.", body = ErreurSchema),
        (status = 413, description = "Corps de plus de 2 Mio.", body = ErreurSchema),
        (status = 422, description = "Refusé par le cœur (candidat inconnu, déjà acceptée…).", body = ErreurSchema),
        (status = 500, description = "Journal indisponible (rien n'a changé).", body = ErreurSchema),
    )
)]
fn evenements() {}

/// Where and how OPI are delivered to the connector under test.
#[utoipa::path(
    put,
    path = "/__admin/connecteur",
    tag = "admin",
    request_body(content = RequeteConnecteurSchema, content_type = "application/json", example = json!({"url": "http://127.0.0.1:9090", "mode": "webservice", "identifiants": {"login": "etablissement", "pwd": "secret"}})),
    responses(
        (status = 200, description = "Enregistré (mot de passe masqué) ; les OPI en attente partent, leurs entrées avec.", body = ReponseConnecteurSchema),
        (status = 400, description = "URL, mode ou identifiants illisibles.", body = ErreurSchema),
        (status = 413, description = "Corps de plus de 2 Mio.", body = ErreurSchema),
        (status = 500, description = "Journal indisponible (rien n'a changé).", body = ErreurSchema),
    )
)]
fn connecteur() {}

/// Faults injected into the answers to the connector's REST calls.
#[utoipa::path(put, path = "/__admin/pannes", tag = "admin",
    request_body(content = Pannes, content_type = "application/json", example = json!({"latence_ms": 0, "http_500": 2, "coupure": 1, "nok": 0})),
    responses(
        (status = 200, description = "Pannes à venir.", body = ReponsePannesSchema),
        (status = 400, description = "Corps illisible, ou valeur hors bornes (latence_ms : 60000 au plus).", body = ErreurSchema),
        (status = 413, description = "Corps de plus de 2 Mio.", body = ErreurSchema),
    ))]
fn pannes_put() {}

/// The faults still to inject.
#[utoipa::path(get, path = "/__admin/pannes", tag = "admin",
    responses((status = 200, description = "Pannes à venir.", body = ReponsePannesSchema)))]
fn pannes_get() {}

/// The compatibility switches (quirks tolerated or reproduced).
#[utoipa::path(put, path = "/__admin/compatibilite", tag = "admin",
    request_body(content = Compatibilite, content_type = "application/json", example = json!({"chemin_double": true})),
    responses(
        (status = 200, description = "Enregistrées.", body = ReponseCompatibiliteSchema),
        (status = 400, description = "Corps illisible.", body = ErreurSchema),
        (status = 413, description = "Corps de plus de 2 Mio.", body = ErreurSchema),
        (status = 500, description = "Journal indisponible (rien n'a changé).", body = ErreurSchema),
    ))]
fn compatibilite() {}

/// Parcoursup's state: candidates, vœux and decisions of the day, connector status and why it is
/// not valid, inscriptions known from remontées, OPI pending.
#[utoipa::path(get, path = "/__admin/etat", tag = "admin",
    responses((status = 200, description = "État.", body = EtatSchema)))]
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
        (status = 200, description = "Les messages, du plus ancien au plus récent.", body = ReponseJournalSchema),
        (status = 400, description = "Paramètre inconnu, ou valeur illisible (nommés dans le message).", body = ErreurSchema),
        (status = 500, description = "Journal illisible.", body = ErreurSchema),
    )
)]
fn journal() {}

/// What the core wrote since the scenario was loaded.
#[utoipa::path(get, path = "/__admin/transcript", tag = "admin",
    responses(
        (status = 200, description = "Les entrées, rejouées depuis le journal.", body = ReponseTranscriptSchema),
        (status = 500, description = "Journal illisible, ou session impossible à rejouer.", body = ErreurSchema),
    ))]
fn transcript() {}

/// What Parcoursup received from the connector against what the core expected, rule by rule: the
/// scenario played in the core up to the simulated day, compared on the connector's status (R6), the
/// last OPI acknowledged per candidate and the inscriptions known from remontées (R14, R15).
#[utoipa::path(get, path = "/__admin/conformite", tag = "admin",
    responses((status = 200, description = "Le rapport, règle par règle.", body = Rapport)))]
fn conformite() {}

/// The flat files in the folder.
#[utoipa::path(get, path = "/__admin/fichiers", tag = "admin",
    responses(
        (status = 200, description = "Les fichiers du dossier, par nom.", body = ReponseFichiersSchema),
        (status = 500, description = "Dossier illisible.", body = ErreurSchema),
    ))]
fn fichiers() {}

/// One flat file's content.
#[utoipa::path(get, path = "/__admin/fichiers/{nom}", tag = "admin",
    params(("nom" = String, Path, description = "Nom du fichier, sans dossier.")),
    responses(
        (status = 200, description = "Contenu du fichier.", body = String, content_type = "text/csv"),
        (status = 400, description = "Nom qui sort du dossier.", body = ErreurSchema),
        (status = 404, description = "Aucun fichier de ce nom.", body = ErreurSchema),
    ))]
fn fichier() {}

/// This document.
#[utoipa::path(get, path = "/__admin/openapi.json", tag = "admin",
    responses((status = 200, description = "OpenAPI 3.1.", body = Object)))]
fn openapi() {}
