//! Parcoursup's REST API at `/ApiRest/<method>` (domain.md §3.1): decode with `cycle-wire`, let the
//! core judge, answer `{"retour","message"}`.
//!
//! HTTP statuses (a client treats any non-2xx as a failure, whatever the body says):
//! 200 `OK` (and the list of `getCandidatsAdmis`) · 400 body refused by validation (not JSON, wrong
//! type, bad date, INE, UAI, code…) · 401 wrong credentials · 404 unknown method or path under
//! `/ApiRest` (a trailing slash, the wrong case: named in the message) · 405 not a POST ·
//! 413 body over 1 MiB · 415 not `application/json` · 422 well-formed but refused by Parcoursup (unknown
//! candidate, formation not accepted, another university's UAI) · 500 only when injected or when the
//! journal cannot be written (nothing was applied then). Every answer is journaled before it is sent.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use cycle_codec::remontee::remontee_depuis_wire;
use cycle_core::{Identifiants, Retour};
use cycle_wire::rest::{
    decode_get_candidats_admis, decode_maj_inscription, encode_candidats_admis, encode_retour,
    Compat, Retour as RetourWire,
};
use sha2::{Digest, Sha256};

use crate::application::{Application, Panne};
use crate::hors_route::route_proche;
use crate::journal::{NouveauMessage, Sens, Verdict};
use crate::masque::masquer;
use crate::moteur::Commande;
use crate::noyau::ErreurNoyau;

/// The largest body accepted, checked before it is read whole.
pub const TAILLE_MAX: usize = 1024 * 1024;

pub const MAJ_INSCRIPTION: &str = "majInscriptionAdministrative";
pub const CANDIDATS_ADMIS: &str = "getCandidatsAdmis";

/// Marks a response whose connection must be closed without sending it (injected fault); the
/// server loop ([`crate::serve`]) honours it.
#[derive(Clone, Copy, Debug)]
pub struct Coupure;

/// One answer and what to journal of it.
struct Issue {
    statut: StatusCode,
    corps: String,
    verdict: Verdict,
    detail: Option<String>,
    doublon_de: Option<i64>,
    /// Already journaled with its command (it reached the core); the others are journaled on the way out.
    journalise: bool,
}

impl Issue {
    fn retour(statut: StatusCode, retour: &RetourWire, verdict: Verdict) -> Issue {
        Issue {
            statut,
            corps: encode_retour(retour),
            verdict,
            detail: Some(retour.message.clone()),
            doublon_de: None,
            journalise: false,
        }
    }

    fn refus(statut: StatusCode, message: impl Into<String>) -> Issue {
        Issue::retour(statut, &RetourWire::nok(message), Verdict::Refuse)
    }
}

fn en_wire(retour: &Retour) -> RetourWire {
    if retour.ok {
        RetourWire::ok(retour.message.clone())
    } else {
        RetourWire::nok(retour.message.clone())
    }
}

fn reponse_json(statut: StatusCode, corps: String) -> Response {
    (
        statut,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        corps,
    )
        .into_response()
}

/// `POST /ApiRest/{methode}`, and any other path under `/ApiRest` (refused by name).
pub async fn api_rest(
    State(application): State<Arc<Application>>,
    uri: Uri,
    verbe: Method,
    entetes: HeaderMap,
    corps: Result<Bytes, BytesRejection>,
) -> Response {
    repondre(&application, uri.path(), verbe, &entetes, corps).await
}

/// A request whose path is `/ApiRest` but for the case (`/apirest/…`), which no route takes: the
/// same refusal, journaled like the others.
pub async fn hors_route(application: &Application, requete: Request) -> Response {
    let chemin = requete.uri().path().to_owned();
    let verbe = requete.method().clone();
    let entetes = requete.headers().clone();
    let corps = Bytes::from_request(requete, &()).await;
    repondre(application, &chemin, verbe, &entetes, corps).await
}

async fn repondre(
    application: &Application,
    chemin: &str,
    verbe: Method,
    entetes: &HeaderMap,
    corps: Result<Bytes, BytesRejection>,
) -> Response {
    let route = format!("{verbe} {chemin}");
    let corps_masque = corps.as_ref().ok().map(|octets| masquer(octets));
    let issue = match verifier_requete(chemin, &verbe, entetes, &corps) {
        Err(issue) => issue,
        Ok((methode, octets)) => {
            let (panne, latence) = application.prendre_panne();
            if latence > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(latence)).await;
            }
            if let Some(panne) = panne {
                return repondre_panne(application, panne, route, corps_masque).await;
            }
            traiter(application, methode, octets, corps_masque.as_deref()).await
        }
    };
    // Debug only: every request is in the journal already, and a log line per request cost a tenth
    // of the server's time under load (BENCHMARKS.md).
    tracing::debug!(%route, statut = issue.statut.as_u16(), verdict = ?issue.verdict, "requête REST");
    // Messages that reached the core were journaled with their command, inside `traiter`; the
    // others (refused, read-only) are journaled here, before the answer leaves.
    if !issue.journalise {
        let message = NouveauMessage {
            jour: time::Date::MIN,
            sens: Sens::Entrant,
            canal: "api_rest",
            route,
            corps: corps_masque,
            statut: Some(issue.statut.as_u16()),
            reponse: Some(issue.corps.clone()),
            verdict: issue.verdict,
            detail: issue.detail.clone(),
            doublon_de: issue.doublon_de,
            tentative: None,
        };
        let journalise = application
            .avec_noyau_groupe(move |noyau| {
                let jour = noyau.moteur().jour();
                noyau.journaliser(&[NouveauMessage { jour, ..message }])
            })
            .await;
        if let Err(erreur) = journalise {
            tracing::error!(%erreur, "journal indisponible");
            return reponse_json(
                StatusCode::INTERNAL_SERVER_ERROR,
                encode_retour(&RetourWire::nok(format!("journal indisponible : {erreur}"))),
            );
        }
    }
    reponse_json(issue.statut, issue.corps)
}

/// The method a path names: one of the two, or the refusal that says what was expected, and what
/// is wrong with a path that is nearly right (a trailing slash, the case).
fn methode_du_chemin(chemin: &str) -> Result<&'static str, String> {
    const METHODES: [&str; 2] = [MAJ_INSCRIPTION, CANDIDATS_ADMIS];
    let demandee = chemin.strip_prefix("/ApiRest/");
    if let Some(connue) = METHODES.into_iter().find(|m| demandee == Some(*m)) {
        return Ok(connue);
    }
    let routes = METHODES.map(|m| format!("/ApiRest/{m}"));
    if let Some((route, ecarts)) = route_proche(chemin, routes.iter().map(String::as_str)) {
        return Err(format!(
            "chemin: {chemin} inconnu ({}) : {route} attendu",
            ecarts.join(" et ")
        ));
    }
    match demandee {
        Some(methode) if !methode.contains('/') && !methode.is_empty() => Err(format!(
            "methode: {methode} inconnue ({MAJ_INSCRIPTION} ou {CANDIDATS_ADMIS} attendue)"
        )),
        _ => Err(format!(
            "chemin: {chemin} inconnu ({} ou {} attendu)",
            routes[0], routes[1]
        )),
    }
}

/// Everything checked before the body is decoded: method name, verb, content type, size.
fn verifier_requete<'a>(
    chemin: &str,
    verbe: &Method,
    entetes: &HeaderMap,
    corps: &'a Result<Bytes, BytesRejection>,
) -> Result<(&'static str, &'a [u8]), Issue> {
    let methode = methode_du_chemin(chemin)
        .map_err(|message| Issue::refus(StatusCode::NOT_FOUND, message))?;
    if verbe != Method::POST {
        return Err(Issue::refus(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("methode HTTP {verbe} refusee, POST attendu"),
        ));
    }
    let type_contenu = entetes
        .get(header::CONTENT_TYPE)
        .and_then(|valeur| valeur.to_str().ok())
        .unwrap_or("");
    let type_media = type_contenu.split(';').next().unwrap_or("").trim();
    if !type_media.eq_ignore_ascii_case("application/json") {
        let recu = if type_contenu.is_empty() {
            "absent".to_owned()
        } else {
            format!("\"{type_contenu}\"")
        };
        return Err(Issue::refus(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("Content-Type: {recu}, application/json attendu"),
        ));
    }
    match corps {
        Ok(octets) => Ok((methode, octets)),
        Err(rejet) if rejet.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(Issue::refus(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("corps: depasse la taille maximale de {TAILLE_MAX} octets (1 Mio)"),
        )),
        Err(rejet) => Err(Issue::refus(
            StatusCode::BAD_REQUEST,
            format!("corps: illisible ({})", rejet.body_text()),
        )),
    }
}

async fn repondre_panne(
    application: &Application,
    panne: Panne,
    route: String,
    corps: Option<String>,
) -> Response {
    let (statut, reponse, detail) = match panne {
        Panne::Coupure => (None, None, "panne injectee : connexion fermee sans reponse"),
        Panne::Http500 => (
            Some(StatusCode::INTERNAL_SERVER_ERROR),
            Some(encode_retour(&RetourWire::nok(
                "panne injectee : erreur interne",
            ))),
            "panne injectee : HTTP 500",
        ),
        Panne::Nok => (
            Some(StatusCode::OK),
            Some(encode_retour(&RetourWire::nok(
                "panne injectee : requete non traitee",
            ))),
            "panne injectee : NOK",
        ),
    };
    let message_reponse = reponse.clone();
    let journalise = application
        .avec_noyau(move |noyau| {
            let jour = noyau.moteur().jour();
            noyau.journaliser(&[NouveauMessage {
                jour,
                sens: Sens::Entrant,
                canal: "api_rest",
                route,
                corps,
                statut: statut.map(|s| s.as_u16()),
                reponse: message_reponse,
                verdict: Verdict::PanneInjectee,
                detail: Some(detail.to_owned()),
                doublon_de: None,
                tentative: None,
            }])
        })
        .await;
    if let Err(erreur) = journalise {
        tracing::error!(%erreur, "journal indisponible");
    }
    tracing::warn!(detail, "panne injectée");
    match (statut, reponse) {
        (Some(statut), Some(reponse)) => reponse_json(statut, reponse),
        _ => {
            let mut reponse = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            reponse.extensions_mut().insert(Coupure);
            reponse
        }
    }
}

/// `corps_masque`: the body as journaled, masked once by the caller.
async fn traiter(
    application: &Application,
    methode: &str,
    corps: &[u8],
    corps_masque: Option<&str>,
) -> Issue {
    // Read off the engine thread, so that decoding happens before the request is handed to it.
    let compat = Compat {
        accept_indentifiant: application.accepter_indentifiant(),
        accept_donnees_candidat_a_plat: false,
    };
    if methode == MAJ_INSCRIPTION {
        maj_inscription(application, corps, corps_masque.unwrap_or_default(), compat).await
    } else {
        candidats_admis(application, corps, compat).await
    }
}

/// Compares credentials in constant time (per length), so the time taken tells nothing of a guess.
fn identifiants_corrects(recus: &Identifiants, attendus: &Identifiants) -> bool {
    attendus.sont(&recus.login, &recus.pwd)
}

/// What identifies a remontée for duplicate detection: its fields, the login, and whether the
/// credentials were right (never the password itself).
fn empreinte(remontee: &cycle_core::Remontee, login: &str, corrects: bool) -> String {
    let canonique = serde_json::json!({
        "remontee": remontee,
        "login": login,
        "identifiants_corrects": corrects,
    });
    let condense = Sha256::digest(canonique.to_string().as_bytes());
    let mut hexa = String::with_capacity(2 * condense.len());
    for octet in condense {
        // Writing to a String cannot fail.
        let _ = write!(hexa, "{octet:02x}");
    }
    hexa
}

async fn maj_inscription(
    application: &Application,
    corps: &[u8],
    corps_masque: &str,
    compat: Compat,
) -> Issue {
    let requete = match decode_maj_inscription(corps, compat) {
        Ok(requete) => requete,
        Err(erreur) => {
            return Issue::retour(
                StatusCode::BAD_REQUEST,
                &RetourWire::from(&erreur),
                Verdict::Refuse,
            )
        }
    };
    let (identifiants, remontee) = remontee_depuis_wire(&requete);
    let corps_masque = corps_masque.to_owned();
    let resultat = application
        .avec_noyau_groupe(move |noyau| {
            let corrects = identifiants_corrects(
                &identifiants,
                &noyau.moteur().universite().identifiants_parcoursup,
            );
            let empreinte = empreinte(&remontee, &identifiants.login, corrects);
            let cle = (remontee.code_candidat, remontee.code_formation_psup);
            let message = |jour, retour: &Retour, verdict, doublon_de| NouveauMessage {
                jour,
                sens: Sens::Entrant,
                canal: "api_rest",
                route: format!("POST /ApiRest/{MAJ_INSCRIPTION}"),
                corps: Some(corps_masque.clone()),
                statut: Some(statut_remontee(retour, corrects).as_u16()),
                reponse: Some(encode_retour(&en_wire(retour))),
                verdict,
                detail: Some(retour.message.clone()),
                doublon_de,
                tentative: None,
            };
            let doublon = noyau
                .moteur()
                .remontee_acceptee(cle)
                .filter(|acceptee| acceptee.empreinte == empreinte)
                .cloned();
            if let Some(acceptee) = doublon {
                // The same remontée again: the same answer, journaled as a duplicate, not re-applied.
                let jour = noyau.moteur().jour();
                noyau.journaliser(&[message(
                    jour,
                    &acceptee.retour,
                    Verdict::Doublon,
                    acceptee.message,
                )])?;
                return Ok(Reponse {
                    retour: acceptee.retour,
                    verdict: Verdict::Doublon,
                    doublon_de: acceptee.message,
                    corrects,
                });
            }
            let commande = Commande::Remontee {
                remontee: remontee.clone(),
                login: identifiants.login.clone(),
                identifiants_corrects: corrects,
                empreinte,
            };
            let (effets, ecrit) = noyau.executer(commande, |moteur, effets| {
                let retour = effets.retour.clone().unwrap_or_else(|| Retour::nok(""));
                vec![message(
                    moteur.jour(),
                    &retour,
                    verdict_du_coeur(&retour),
                    None,
                )]
            })?;
            let retour = effets.retour.unwrap_or_else(|| Retour::nok(""));
            if let Some(id) = ecrit.messages.first() {
                noyau.noter_message_remontee(cle, *id);
            }
            Ok::<_, ErreurNoyau>(Reponse {
                verdict: verdict_du_coeur(&retour),
                retour,
                doublon_de: None,
                corrects,
            })
        })
        .await;
    match resultat {
        Ok(reponse) => Issue {
            statut: statut_remontee(&reponse.retour, reponse.corrects),
            corps: encode_retour(&en_wire(&reponse.retour)),
            verdict: reponse.verdict,
            detail: Some(reponse.retour.message),
            doublon_de: reponse.doublon_de,
            journalise: true,
        },
        Err(erreur) => erreur_noyau(erreur),
    }
}

/// What the core answered a remontée, and what follows.
struct Reponse {
    retour: Retour,
    verdict: Verdict,
    doublon_de: Option<i64>,
    corrects: bool,
}

fn verdict_du_coeur(retour: &Retour) -> Verdict {
    if retour.ok {
        Verdict::Ok
    } else {
        Verdict::Nok
    }
}

/// The status of an answer the core gave: 200 OK, 401 for wrong credentials, 422 otherwise.
fn statut_remontee(retour: &Retour, identifiants_corrects: bool) -> StatusCode {
    if retour.ok {
        StatusCode::OK
    } else if !identifiants_corrects {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

fn erreur_noyau(erreur: ErreurNoyau) -> Issue {
    tracing::error!(%erreur, "requête non appliquée");
    match erreur {
        ErreurNoyau::Commande(erreur) => {
            Issue::refus(StatusCode::UNPROCESSABLE_ENTITY, erreur.to_string())
        }
        // The journal cannot take it: nothing was applied, and nothing more can be journaled.
        ErreurNoyau::Journal(erreur) => Issue {
            journalise: true,
            ..Issue::refus(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("journal indisponible, rien n'a ete applique : {erreur}"),
            )
        },
    }
}

async fn candidats_admis(application: &Application, corps: &[u8], compat: Compat) -> Issue {
    let requete = match decode_get_candidats_admis(corps, compat) {
        Ok(requete) => requete,
        Err(erreur) => {
            return Issue::retour(
                StatusCode::BAD_REQUEST,
                &RetourWire::from(&erreur),
                Verdict::Refuse,
            )
        }
    };
    let reponse = application
        .avec_noyau(move |noyau| {
            let moteur = noyau.moteur();
            let universite = moteur.universite();
            let recus = cycle_codec::remontee::identifiant_depuis_wire(&requete.identifiant);
            if !identifiants_corrects(&recus, &universite.identifiants_parcoursup) {
                return Err(Issue::refus(
                    StatusCode::UNAUTHORIZED,
                    "identifiant : login ou mot de passe incorrect",
                ));
            }
            if requete.code_etablissement != universite.uai.as_str() {
                return Err(Issue::refus(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!(
                        "codeEtablissement : « {} » n'est pas l'UAI de l'établissement ({})",
                        requete.code_etablissement, universite.uai
                    ),
                ));
            }
            let admis = moteur.candidats_admis(requete.code_candidat, requete.code_formation_psup);
            encode_candidats_admis(&admis)
                .map(|texte| (texte, admis.len()))
                .map_err(|erreur| {
                    Issue::refus(StatusCode::INTERNAL_SERVER_ERROR, erreur.to_string())
                })
        })
        .await;
    match reponse {
        Ok((texte, nombre)) => Issue {
            statut: StatusCode::OK,
            corps: texte,
            verdict: Verdict::Ok,
            detail: Some(format!("{nombre} dossier(s) admis")),
            doublon_de: None,
            journalise: false,
        },
        Err(issue) => issue,
    }
}
