//! The admin API under `/__admin/` (WireMock's convention): load a scenario, move the clock, play a
//! Parcoursup-side event, set the connector, the faults and the compatibility switches, read the
//! state, the journal, the transcript and the flat files.
//!
//! Handlers decode the request, hand a [`Commande`] to the engine and answer with what the core
//! wrote in the transcript. Errors are `{"erreur": "…"}` in French: 400 for a malformed request, 404
//! for an unknown file, 413 for a body over [`TAILLE_MAX`], 422 for a command the engine refuses
//! (nothing changed), 500 when the journal cannot be written (nothing changed either). Unknown
//! routes and methods get the same shape ([`crate::hors_route`]).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cycle_core::calendrier::date_fr;
use cycle_core::{Entree, Evenement, Jalon, ModeOpi};
use cycle_scenario::fichier::{Jour, ReponseFichier, TypeEvenement};
use cycle_scenario::JOURS_MAX;
use serde_json::{json, Map, Value};
use time::Date;

use crate::application::{Application, Pannes};
use crate::journal::{Ecrit, NouveauMessage, Sens, Verdict};
use crate::masque::{masquer, MASQUE};
use crate::moteur::{CibleConnecteur, Commande, Compatibilite, Effets, Moteur};
use crate::noyau::{ErreurNoyau, Noyau};
use crate::scenario_source::{noms_integres, SourceScenario};

/// The largest admin body accepted: a scenario's TOML text is the largest there is, and the
/// built-in ones weigh a few KiB.
pub const TAILLE_MAX: usize = 2 * 1024 * 1024;

/// The longest latency `PUT /__admin/pannes` injects: beyond a minute every connector has given
/// up long before, and the REST API would only look hung.
pub const LATENCE_MAX_MS: u64 = 60_000;

/// A refused admin request.
pub struct ErreurAdmin {
    statut: StatusCode,
    message: String,
}

impl ErreurAdmin {
    pub fn requete(message: impl Into<String>) -> ErreurAdmin {
        ErreurAdmin::avec_statut(StatusCode::BAD_REQUEST, message)
    }

    pub fn avec_statut(statut: StatusCode, message: impl Into<String>) -> ErreurAdmin {
        ErreurAdmin {
            statut,
            message: message.into(),
        }
    }
}

impl ErreurAdmin {
    /// The same error, its field located inside an object (`identifiants.` + `login : …`).
    fn prefixee(self, prefixe: &str) -> ErreurAdmin {
        ErreurAdmin {
            message: format!("{prefixe}{}", self.message),
            ..self
        }
    }
}

impl From<ErreurNoyau> for ErreurAdmin {
    fn from(erreur: ErreurNoyau) -> ErreurAdmin {
        let statut = match erreur {
            ErreurNoyau::Commande(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ErreurNoyau::Journal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ErreurAdmin {
            statut,
            message: erreur.to_string(),
        }
    }
}

impl IntoResponse for ErreurAdmin {
    fn into_response(self) -> Response {
        (self.statut, Json(json!({ "erreur": self.message }))).into_response()
    }
}

type Resultat = Result<Json<Value>, ErreurAdmin>;

/// An admin request's body, read whole. Over [`TAILLE_MAX`] it is refused with 413 before it is
/// read whole, in French (axum's own rejection is English plain text).
pub struct Corps(Bytes);

impl<S: Send + Sync> FromRequest<S> for Corps {
    type Rejection = ErreurAdmin;

    async fn from_request(requete: Request, etat: &S) -> Result<Corps, ErreurAdmin> {
        match Bytes::from_request(requete, etat).await {
            Ok(octets) => Ok(Corps(octets)),
            Err(rejet) if rejet.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ErreurAdmin::avec_statut(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "corps : dépasse la taille maximale de {TAILLE_MAX} octets ({} Mio)",
                        TAILLE_MAX / (1024 * 1024)
                    ),
                ))
            }
            Err(rejet) => Err(ErreurAdmin::requete(format!(
                "corps : illisible ({})",
                rejet.body_text()
            ))),
        }
    }
}

/// Refuses a body on a call that takes none, rather than ignoring what the caller meant to say.
fn sans_corps(corps: &[u8], route: &str) -> Result<(), ErreurAdmin> {
    if corps.iter().all(u8::is_ascii_whitespace) {
        Ok(())
    } else {
        Err(ErreurAdmin::requete(format!(
            "corps : {route} ne prend pas de corps (reçu {} octets) ; pour charger un autre scénario : POST /__admin/scenario",
            corps.len()
        )))
    }
}

/// The message journaled for an admin call that reached the engine.
fn message_admin(moteur: &Moteur, route: &str, corps: Option<String>) -> NouveauMessage {
    NouveauMessage {
        jour: moteur.jour(),
        sens: Sens::Entrant,
        canal: "admin",
        route: route.to_owned(),
        corps,
        statut: Some(200),
        reponse: None,
        verdict: Verdict::Ok,
        detail: None,
        doublon_de: None,
        tentative: None,
    }
}

/// Applies a command from the admin API, journals it with the call, queues the OPI it releases.
async fn executer(
    application: &Application,
    route: &'static str,
    corps: Option<String>,
    commande: Commande,
) -> Result<(Effets, Ecrit, Date), ErreurAdmin> {
    let resultat = application
        .avec_noyau(move |noyau| {
            let (effets, ecrit) = noyau.executer(commande, |moteur, _| {
                vec![message_admin(moteur, route, corps)]
            })?;
            Ok::<_, ErreurNoyau>((effets, ecrit, noyau.moteur().jour()))
        })
        .await?;
    Ok(resultat)
}

fn reponse_commande(effets: Effets, jour: Date) -> Value {
    json!({ "jour": jour, "entrees": effets.entrees })
}

/// The body as a JSON object. Each field is then read by the helpers below, which say in French
/// which field is wrong and why (serde's own messages are English).
fn objet(corps: &[u8]) -> Result<Map<String, Value>, ErreurAdmin> {
    match serde_json::from_slice::<Value>(corps) {
        Ok(Value::Object(objet)) => Ok(objet),
        Ok(autre) => Err(ErreurAdmin::requete(format!(
            "corps : un objet JSON {{…}} est attendu, reçu {}",
            nature(&autre)
        ))),
        Err(erreur) => {
            let quoi = match erreur.classify() {
                serde_json::error::Category::Eof => "JSON tronqué (fin inattendue)",
                serde_json::error::Category::Io => "illisible",
                serde_json::error::Category::Syntax | serde_json::error::Category::Data => {
                    if std::str::from_utf8(corps).is_err() {
                        "pas en UTF-8"
                    } else {
                        "JSON mal formé"
                    }
                }
            };
            Err(ErreurAdmin::requete(format!(
                "corps : {quoi} ligne {} colonne {}",
                erreur.line(),
                erreur.column()
            )))
        }
    }
}

/// A JSON value's kind, for the messages.
fn nature(valeur: &Value) -> &'static str {
    match valeur {
        Value::Null => "null",
        Value::Bool(_) => "un booléen",
        Value::Number(_) => "un nombre",
        Value::String(_) => "une chaîne",
        Value::Array(_) => "un tableau",
        Value::Object(_) => "un objet",
    }
}

fn refuser_champs_inconnus(objet: &Map<String, Value>, connus: &[&str]) -> Result<(), ErreurAdmin> {
    refuser_champs_inconnus_dans(objet, "", connus)
}

/// Same, for an object nested at `prefixe` (`identifiants.`).
fn refuser_champs_inconnus_dans(
    objet: &Map<String, Value>,
    prefixe: &str,
    connus: &[&str],
) -> Result<(), ErreurAdmin> {
    match objet.keys().find(|cle| !connus.contains(&cle.as_str())) {
        Some(cle) => Err(ErreurAdmin::requete(format!(
            "{prefixe}{cle} : champ inconnu (possibles : {})",
            connus.join(", ")
        ))),
        None => Ok(()),
    }
}

fn texte<'a>(objet: &'a Map<String, Value>, champ: &str) -> Result<Option<&'a str>, ErreurAdmin> {
    match objet.get(champ) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(texte)) => Ok(Some(texte)),
        Some(autre) => Err(ErreurAdmin::requete(format!(
            "{champ} : une chaîne est attendue, reçu {autre}"
        ))),
    }
}

fn entier(objet: &Map<String, Value>, champ: &str) -> Result<Option<i64>, ErreurAdmin> {
    match objet.get(champ) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(nombre)) if nombre.is_i64() => Ok(nombre.as_i64()),
        Some(autre) => Err(ErreurAdmin::requete(format!(
            "{champ} : un entier est attendu, reçu {autre}"
        ))),
    }
}

fn code(objet: &Map<String, Value>, champ: &str) -> Result<u32, ErreurAdmin> {
    let valeur = entier(objet, champ)?
        .ok_or_else(|| ErreurAdmin::requete(format!("{champ} : champ obligatoire absent")))?;
    u32::try_from(valeur)
        .map_err(|_| ErreurAdmin::requete(format!("{champ} : {valeur} n'est pas un code positif")))
}

/// A duration or a count: a whole number, 0 or more; 0 when absent.
fn entier_positif(objet: &Map<String, Value>, champ: &str) -> Result<u64, ErreurAdmin> {
    let valeur = entier(objet, champ)?.unwrap_or(0);
    u64::try_from(valeur).map_err(|_| {
        ErreurAdmin::requete(format!(
            "{champ} : {valeur} est négatif, un entier positif ou nul est attendu"
        ))
    })
}

/// A number of times: a whole number from 0 to 4 294 967 295; 0 when absent.
fn compteur(objet: &Map<String, Value>, champ: &str) -> Result<u32, ErreurAdmin> {
    let valeur = entier_positif(objet, champ)?;
    u32::try_from(valeur).map_err(|_| {
        ErreurAdmin::requete(format!(
            "{champ} : {valeur} est trop grand (au plus {})",
            u32::MAX
        ))
    })
}

fn booleen(objet: &Map<String, Value>, champ: &str) -> Result<Option<bool>, ErreurAdmin> {
    match objet.get(champ) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(valeur)) => Ok(Some(*valeur)),
        Some(autre) => Err(ErreurAdmin::requete(format!(
            "{champ} : true ou false attendu, reçu {autre}"
        ))),
    }
}

/// A day written `AAAA-MM-JJ`, read as scenario files read theirs.
fn lire_date(texte: &str, champ: &str) -> Result<Date, ErreurAdmin> {
    Jour::depuis_iso(texte).map(|jour| jour.0).ok_or_else(|| {
        ErreurAdmin::requete(format!(
            "{champ} : « {texte} » n'est pas une date réelle AAAA-MM-JJ"
        ))
    })
}

/// What bounds the days a request may name: the loaded campaign, and the scenario's first day.
pub struct Calendrier {
    campagne: cycle_core::Campagne,
    debut: Date,
}

impl Calendrier {
    async fn du_scenario(application: &Application) -> Calendrier {
        application
            .avec_noyau(|noyau| {
                let moteur = noyau.moteur();
                Calendrier {
                    campagne: moteur.campagne().clone(),
                    debut: moteur.scenario().configuration.debut,
                }
            })
            .await
    }

    /// The last day the clock may reach: [`JOURS_MAX`] days after the first, as in scenario files
    /// (the clock moves day by day: a typo such as 9024 would keep the engine busy for minutes).
    fn dernier_jour(&self) -> Date {
        self.decaler(self.debut, JOURS_MAX).unwrap_or(Date::MAX)
    }

    /// `jour` + `jours`, `None` out of the calendar (checked: no offset can overflow).
    fn decaler(&self, jour: Date, jours: i64) -> Option<Date> {
        let julien = i64::from(jour.to_julian_day()).checked_add(jours)?;
        Date::from_julian_day(i32::try_from(julien).ok()?).ok()
    }

    fn borne(&self) -> String {
        format!(
            "au plus tard le {}, {JOURS_MAX} jours après le premier jour de la simulation, le {}",
            date_fr(self.dernier_jour()),
            date_fr(self.debut)
        )
    }

    /// `date`, or `jalon` (+ `decalage`), resolved on the loaded campaign; `None` when neither is
    /// given. A day past [`Calendrier::dernier_jour`] is refused here; one before the current day
    /// by the engine.
    fn jour_demande(&self, objet: &Map<String, Value>) -> Result<Option<Date>, ErreurAdmin> {
        let date = texte(objet, "date")?;
        let jalon = texte(objet, "jalon")?;
        let decalage = entier(objet, "decalage")?;
        let jour = match (date, jalon) {
            (Some(_), Some(_)) => {
                return Err(ErreurAdmin::requete(
                    "date, jalon : l'un ou l'autre, pas les deux",
                ))
            }
            (_, None) if decalage.is_some() => {
                return Err(ErreurAdmin::requete(
                    "decalage : ne s'emploie qu'avec jalon",
                ))
            }
            (None, None) => return Ok(None),
            (Some(texte), None) => {
                let jour = lire_date(texte, "date")?;
                if jour > self.dernier_jour() {
                    return Err(ErreurAdmin::requete(format!(
                        "date : le {} est hors du calendrier ({})",
                        date_fr(jour),
                        self.borne()
                    )));
                }
                jour
            }
            (None, Some(jalon)) => {
                let trouve = Jalon::depuis_identifiant(jalon).ok_or_else(|| {
                    ErreurAdmin::requete(format!(
                        "jalon : « {jalon} » inconnu (possibles : {})",
                        Jalon::TOUS.map(Jalon::identifiant).join(", ")
                    ))
                })?;
                let base = trouve.date(&self.campagne);
                let decalage = decalage.unwrap_or(0);
                match self.decaler(base, decalage) {
                    Some(jour) if jour <= self.dernier_jour() => jour,
                    _ => {
                        return Err(ErreurAdmin::requete(format!(
                        "decalage : {jalon} ({}) {decalage:+} jours est hors du calendrier ({})",
                        date_fr(base),
                        self.borne()
                    )))
                    }
                }
            }
        };
        Ok(Some(jour))
    }
}

// ---- scenario ----

/// `POST /__admin/scenario`: a scenario's TOML text, or JSON `{"builtin": "nom"}` /
/// `{"toml": "…", "fichier": "nom.toml"}`, with optional `evenements_automatiques` and `compatibilite`.
pub async fn charger_scenario(
    State(application): State<Arc<Application>>,
    entetes: HeaderMap,
    Corps(corps): Corps,
) -> Resultat {
    let est_json = entetes
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"));
    let (source, automatiques, compatibilite) = if est_json {
        let objet = objet(&corps)?;
        refuser_champs_inconnus(
            &objet,
            &[
                "builtin",
                "toml",
                "fichier",
                "evenements_automatiques",
                "compatibilite",
            ],
        )?;
        let source = match (texte(&objet, "builtin")?, texte(&objet, "toml")?) {
            (Some(nom), None) => SourceScenario::Integre {
                nom: nom.to_owned(),
            },
            (None, Some(toml)) => SourceScenario::Texte {
                fichier: texte(&objet, "fichier")?
                    .unwrap_or("scenario.toml")
                    .to_owned(),
                texte: toml.to_owned(),
            },
            _ => {
                return Err(ErreurAdmin::requete(format!(
                    "builtin ou toml : l'un des deux est attendu (scénarios intégrés : {})",
                    noms_integres().join(", ")
                )))
            }
        };
        let compatibilite = match objet.get("compatibilite") {
            None | Some(Value::Null) => None,
            Some(Value::Object(champs)) => Some(lire_compatibilite(champs, "compatibilite.")?),
            Some(autre) => {
                return Err(ErreurAdmin::requete(format!(
                    "compatibilite : un objet est attendu, reçu {autre}"
                )))
            }
        };
        (
            source,
            booleen(&objet, "evenements_automatiques")?.unwrap_or(false),
            compatibilite,
        )
    } else {
        let texte = String::from_utf8(corps.to_vec())
            .map_err(|_| ErreurAdmin::requete("corps : le texte TOML doit être en UTF-8"))?;
        (
            SourceScenario::Texte {
                fichier: "scenario.toml".to_owned(),
                texte,
            },
            false,
            None,
        )
    };
    charger(
        &application,
        source,
        automatiques,
        compatibilite,
        "POST /__admin/scenario",
    )
    .await
}

async fn charger(
    application: &Application,
    source: SourceScenario,
    automatiques: bool,
    compatibilite: Option<Compatibilite>,
    route: &'static str,
) -> Resultat {
    let resume = match &source {
        SourceScenario::Integre { nom } => format!("scénario intégré {nom}"),
        SourceScenario::Texte { fichier, .. } => format!("scénario {fichier}"),
    };
    let (effets, ecrit, jour, titre, nom) = application
        .avec_noyau(move |noyau| {
            let (effets, ecrit) = noyau.charger(source, automatiques, compatibilite, |moteur| {
                NouveauMessage {
                    detail: Some(resume),
                    ..message_admin(moteur, route, None)
                }
            })?;
            let moteur = noyau.moteur();
            Ok::<_, ErreurNoyau>((
                effets,
                ecrit,
                moteur.jour(),
                moteur.scenario().titre.clone(),
                moteur.scenario().nom.clone(),
            ))
        })
        .await?;
    Ok(Json(json!({
        "session": ecrit.session,
        "scenario": { "nom": nom, "titre": titre },
        "evenements_automatiques": automatiques,
        "jour": jour,
        "entrees": effets.entrees,
    })))
}

/// `POST /__admin/reset`: the loaded scenario again, from its first day, in a new session. It takes
/// no body: one is refused, since whatever it asked for would not happen.
pub async fn reinitialiser(
    State(application): State<Arc<Application>>,
    Corps(corps): Corps,
) -> Resultat {
    sans_corps(&corps, "POST /__admin/reset")?;
    let (source, automatiques) = application
        .avec_noyau(|noyau| {
            let moteur = noyau.moteur();
            (moteur.source().clone(), moteur.evenements_automatiques())
        })
        .await;
    charger(
        &application,
        source,
        automatiques,
        None,
        "POST /__admin/reset",
    )
    .await
}

// ---- clock and events ----

/// `POST /__admin/horloge`: `{"date": "2024-07-09"}` or `{"jalon": "lendemain_resultats_bac",
/// "decalage": 0}`.
pub async fn horloge(State(application): State<Arc<Application>>, Corps(corps): Corps) -> Resultat {
    let objet = objet(&corps)?;
    refuser_champs_inconnus(&objet, &["date", "jalon", "decalage"])?;
    let jour = Calendrier::du_scenario(&application)
        .await
        .jour_demande(&objet)?
        .ok_or_else(|| ErreurAdmin::requete("date ou jalon : champ obligatoire absent"))?;
    let corps = Some(masquer(&corps));
    let (effets, _, jour) = executer(
        &application,
        "POST /__admin/horloge",
        corps,
        Commande::Horloge { jour },
    )
    .await?;
    // The flat files of the days closed on the way that could not be written: their OPI leave
    // again with the next day's files, and the answer says so rather than only the core's entries.
    Ok(Json(json!({
        "jour": jour,
        "entrees": effets.entrees,
        "echecs_fichiers": effets.echecs_fichiers,
    })))
}

/// The fields of `POST /__admin/evenements` besides the event's own: the day to move the clock to
/// first, and a note (ignored), as a scenario file's event has them.
const CHAMPS_DU_JOUR: [&str; 5] = ["type", "date", "jalon", "decalage", "note"];

/// The event of a `POST /__admin/evenements` body, read in the scenario files' event shape with
/// `cycle-scenario`'s own names: the `type`s ([`TypeEvenement`]), the fields each type requires and
/// accepts ([`TypeEvenement::champs`]) and the answers ([`ReponseFichier`]). Only the
/// Parcoursup-side types are played: the others are the connector's.
fn lire_evenement(objet: &Map<String, Value>) -> Result<Evenement, ErreurAdmin> {
    let nom = texte(objet, "type")?
        .ok_or_else(|| ErreurAdmin::requete("type : champ obligatoire absent"))?;
    let nature =
        serde_json::from_value::<TypeEvenement>(Value::String(nom.to_owned())).map_err(|_| {
            ErreurAdmin::requete(format!(
                "type : « {nom} » inconnu (acceptation, desistement ou renvoi_opi attendus)"
            ))
        })?;
    if !matches!(
        nature,
        TypeEvenement::Acceptation | TypeEvenement::Desistement | TypeEvenement::RenvoiOpi
    ) {
        return Err(ErreurAdmin::requete(format!(
            "type : « {nom} » est un événement côté université (Apogée) : c'est le connecteur testé qui le joue (acceptation, desistement ou renvoi_opi attendus)"
        )));
    }
    let champs = nature.champs();
    let acceptes: Vec<&str> = champs
        .obligatoires
        .iter()
        .chain(champs.facultatifs)
        .copied()
        .collect();
    for cle in objet.keys().map(String::as_str) {
        if CHAMPS_DU_JOUR.contains(&cle) || acceptes.contains(&cle) {
            continue;
        }
        let d_un_autre_type = TypeEvenement::TOUS.into_iter().any(|autre| {
            let champs = autre.champs();
            champs.obligatoires.contains(&cle) || champs.facultatifs.contains(&cle)
        });
        return Err(ErreurAdmin::requete(if d_un_autre_type {
            // The scenario loader's wording for the same mistake in a file.
            format!(
                "{cle} : sans objet pour type = « {nom} » (champs possibles : {})",
                acceptes.join(", ")
            )
        } else {
            format!(
                "{cle} : champ inconnu (possibles : {})",
                CHAMPS_DU_JOUR
                    .iter()
                    .chain(&acceptes)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }));
    }
    if let Some(manquant) = champs
        .obligatoires
        .iter()
        .find(|champ| objet.get(**champ).is_none_or(Value::is_null))
    {
        return Err(ErreurAdmin::requete(format!(
            "{manquant} : obligatoire pour type = « {nom} »"
        )));
    }
    let candidat = code(objet, "candidat")?;
    Ok(match nature {
        TypeEvenement::Acceptation => Evenement::Acceptation {
            candidat,
            formation: code(objet, "formation")?,
            reponse: reponse(objet)?.vers_core(),
        },
        TypeEvenement::Desistement => Evenement::Desistement {
            candidat,
            formation: code(objet, "formation")?,
        },
        _ => Evenement::RenvoiOpi { candidat },
    })
}

/// `reponse`: `oui` (the default), `oui_si_3_ans` or `oui_si_4_ans`, as in scenario files.
fn reponse(objet: &Map<String, Value>) -> Result<ReponseFichier, ErreurAdmin> {
    let Some(ecrite) = texte(objet, "reponse")? else {
        return Ok(ReponseFichier::Oui);
    };
    serde_json::from_value(Value::String(ecrite.to_owned())).map_err(|_| {
        ErreurAdmin::requete(format!(
            "reponse : « {ecrite} » inconnue (oui, oui_si_3_ans ou oui_si_4_ans)"
        ))
    })
}

/// `POST /__admin/evenements`: one Parcoursup-side event in the scenario event shape
/// (`{"type": "acceptation", "candidat": 1048576, "formation": 23456, "reponse": "oui_si_3_ans"}`),
/// with an optional `date` or `jalon` (+ `decalage`) that moves the clock first, and an ignored `note`.
pub async fn evenement(
    State(application): State<Arc<Application>>,
    Corps(corps): Corps,
) -> Resultat {
    let objet = objet(&corps)?;
    let evenement = lire_evenement(&objet)?;
    let jour = Calendrier::du_scenario(&application)
        .await
        .jour_demande(&objet)?;
    let corps = masquer(&corps);
    let mut commandes = Vec::new();
    if let Some(jour) = jour {
        commandes.push(Commande::Horloge { jour });
    }
    commandes.push(Commande::Evenement { evenement });
    let (entrees, echecs, jour) = application
        .avec_noyau(move |noyau| {
            if commandes.len() > 1 {
                // Tried on a copy first (the engine is pure): an event the core refuses must not
                // leave the clock moved.
                let mut essai = noyau.moteur().clone();
                for commande in &commandes {
                    essai.appliquer(commande)?;
                }
            }
            let mut entrees: Vec<Entree> = Vec::new();
            let mut echecs: Vec<String> = Vec::new();
            for commande in commandes {
                let (effets, _) = noyau.executer(commande, |moteur, _| {
                    vec![message_admin(
                        moteur,
                        "POST /__admin/evenements",
                        Some(corps.clone()),
                    )]
                })?;
                entrees.extend(effets.entrees);
                echecs.extend(effets.echecs_fichiers);
            }
            Ok::<_, ErreurNoyau>((entrees, echecs, noyau.moteur().jour()))
        })
        .await?;
    Ok(Json(
        json!({ "jour": jour, "entrees": entrees, "echecs_fichiers": echecs }),
    ))
}

// ---- connector, faults, compatibility ----

fn cible_affichee(cible: &CibleConnecteur, mot_de_passe_connu: bool) -> Value {
    json!({
        "url": cible.url,
        "mode": cible.mode,
        "dossier_fichiers": cible.dossier_fichiers,
        "login": cible.login,
        "pwd": if mot_de_passe_connu { Some(MASQUE) } else { None },
        "relecture_opi": cible.relecture_opi,
    })
}

/// `PUT /__admin/connecteur`: where and how OPI are delivered.
pub async fn connecteur(
    State(application): State<Arc<Application>>,
    Corps(corps): Corps,
) -> Resultat {
    let objet = objet(&corps)?;
    refuser_champs_inconnus(
        &objet,
        &[
            "url",
            "mode",
            "dossier_fichiers",
            "identifiants",
            "relecture_opi",
        ],
    )?;
    let url = texte(&objet, "url")?.map(str::to_owned);
    if let Some(url) = &url {
        let analysee = reqwest::Url::parse(url).map_err(|_| {
            ErreurAdmin::requete(format!(
                "url : « {url} » n'est pas une adresse complète (par exemple http://127.0.0.1:8090)"
            ))
        })?;
        if analysee.scheme() != "http" && analysee.scheme() != "https" {
            return Err(ErreurAdmin::requete(format!(
                "url : « {url} » doit commencer par http:// ou https://"
            )));
        }
    }
    let mode = match texte(&objet, "mode")? {
        None => None,
        Some(texte) => Some(
            serde_json::from_value::<ModeOpi>(Value::String(texte.to_owned())).map_err(|_| {
                ErreurAdmin::requete(format!(
                    "mode : « {texte} » inconnu (webservice, push_json ou fichiers_plats)"
                ))
            })?,
        ),
    };
    let (login, pwd) = match objet.get("identifiants") {
        None | Some(Value::Null) => (None, None),
        Some(Value::Object(identifiants)) => {
            refuser_champs_inconnus_dans(identifiants, "identifiants.", &["login", "pwd"])?;
            let obligatoire = |champ: &str| {
                texte(identifiants, champ)
                    .map_err(|e| e.prefixee("identifiants."))?
                    .map(str::to_owned)
                    .ok_or_else(|| {
                        ErreurAdmin::requete(format!(
                            "identifiants.{champ} : champ obligatoire absent"
                        ))
                    })
            };
            (Some(obligatoire("login")?), Some(obligatoire("pwd")?))
        }
        Some(autre) => {
            return Err(ErreurAdmin::requete(format!(
                "identifiants : un objet {{\"login\", \"pwd\"}} est attendu, reçu {autre}"
            )))
        }
    };
    let cible = CibleConnecteur {
        url,
        mode,
        dossier_fichiers: texte(&objet, "dossier_fichiers")?.map(str::to_owned),
        login,
        relecture_opi: booleen(&objet, "relecture_opi")?.unwrap_or(false),
    };
    let corps = Some(masquer(&corps));
    let (effets, jour, affichee) = application
        .avec_noyau(move |noyau| {
            let message = message_admin(noyau.moteur(), "PUT /__admin/connecteur", corps);
            let (effets, _) = noyau.configurer_connecteur(cible, pwd, message)?;
            let affichee = cible_affichee(
                noyau.moteur().cible(),
                noyau.mot_de_passe_connecteur().is_some(),
            );
            Ok::<_, ErreurNoyau>((effets, noyau.moteur().jour(), affichee))
        })
        .await?;
    let mut reponse = reponse_commande(effets, jour);
    reponse["connecteur"] = affichee;
    Ok(Json(reponse))
}

/// `PUT /__admin/pannes`: faults injected into the answers to the connector's REST calls.
pub async fn regler_pannes(
    State(application): State<Arc<Application>>,
    Corps(corps): Corps,
) -> Resultat {
    let objet = objet(&corps)?;
    refuser_champs_inconnus(&objet, &["latence_ms", "http_500", "coupure", "nok"])?;
    let latence_ms = entier_positif(&objet, "latence_ms")?;
    if latence_ms > LATENCE_MAX_MS {
        return Err(ErreurAdmin::requete(format!(
            "latence_ms : {latence_ms} ms est trop long ({LATENCE_MAX_MS} au plus, une minute : au-delà, chaque appel REST semblerait bloqué)"
        )));
    }
    let pannes = Pannes {
        latence_ms,
        http_500: compteur(&objet, "http_500")?,
        coupure: compteur(&objet, "coupure")?,
        nok: compteur(&objet, "nok")?,
    };
    application.regler_pannes(pannes);
    Ok(Json(json!({ "pannes": pannes })))
}

/// `GET /__admin/pannes`: the faults still to inject.
pub async fn pannes(State(application): State<Arc<Application>>) -> Json<Value> {
    Json(json!({ "pannes": application.pannes() }))
}

/// `PUT /__admin/compatibilite`: the quirks tolerated in requests and reproduced in pushes.
pub async fn compatibilite(
    State(application): State<Arc<Application>>,
    Corps(corps): Corps,
) -> Resultat {
    let compatibilite = lire_compatibilite(&objet(&corps)?, "")?;
    let (effets, _, jour) = executer(
        &application,
        "PUT /__admin/compatibilite",
        Some(masquer(&corps)),
        Commande::Compatibilite { compatibilite },
    )
    .await?;
    let mut reponse = reponse_commande(effets, jour);
    reponse["compatibilite"] = json!(compatibilite);
    Ok(Json(reponse))
}

/// The compatibility switches, each optional (`false` when absent); `prefixe` locates the object in
/// the body for the messages.
fn lire_compatibilite(
    objet: &Map<String, Value>,
    prefixe: &str,
) -> Result<Compatibilite, ErreurAdmin> {
    let champs = [
        "accepter_indentifiant",
        "donnees_candidat_a_plat",
        "chemin_double",
    ];
    refuser_champs_inconnus_dans(objet, prefixe, &champs)?;
    let interrupteur = |champ: &str| {
        booleen(objet, champ)
            .map(Option::unwrap_or_default)
            .map_err(|e| e.prefixee(prefixe))
    };
    Ok(Compatibilite {
        accepter_indentifiant: interrupteur("accepter_indentifiant")?,
        donnees_candidat_a_plat: interrupteur("donnees_candidat_a_plat")?,
        chemin_double: interrupteur("chemin_double")?,
    })
}

// ---- reading ----

/// `GET /__admin/etat`: Parcoursup's state.
pub async fn etat(State(application): State<Arc<Application>>) -> Json<Value> {
    let pannes = application.pannes();
    Json(
        application
            .avec_noyau(move |noyau| etat_json(noyau, pannes))
            .await,
    )
}

fn etat_json(noyau: &Noyau, pannes: Pannes) -> Value {
    let moteur = noyau.moteur();
    let parcoursup = moteur.parcoursup();
    let universite = moteur.universite();
    let candidats: Vec<Value> = parcoursup
        .dossiers()
        .map(|dossier| {
            let code = dossier.candidat.code_candidat;
            let voeux_du_jour: Vec<Value> = parcoursup
                .opi_du_jour(code, moteur.jour())
                .map(|opi| {
                    opi.voeux
                        .iter()
                        .map(|v| {
                            json!({
                                "code_formation_psup": v.code_formation_psup,
                                "vet": v.vet.code().to_string(),
                                "decision": v.decision,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "dossier": dossier,
                "decisions_du_jour": voeux_du_jour,
            })
        })
        .collect();
    // `etat` is the status's name (`non_teste`, `en_echec`, `valide`), its details beside it.
    let mut connecteur = serde_json::to_value(parcoursup.connecteur()).unwrap_or_default();
    if let Value::Object(champs) = &mut connecteur {
        champs.insert("valide".into(), json!(parcoursup.connecteur_valide()));
        champs.insert(
            "raison_invalidite".into(),
            json!(parcoursup.connecteur().raison_invalidite()),
        );
        champs.insert(
            "cible".into(),
            cible_affichee(moteur.cible(), noyau.mot_de_passe_connecteur().is_some()),
        );
        champs.insert(
            "derniere_erreur_livraison".into(),
            json!(noyau.derniere_erreur_livraison()),
        );
        champs.insert("dossier_fichiers".into(), json!(noyau.dossier_fichiers()));
    }
    json!({
        "session": noyau.journal().session(),
        "jour": moteur.jour(),
        "scenario": {
            "nom": moteur.scenario().nom,
            "titre": moteur.scenario().titre,
            "evenements_automatiques": moteur.evenements_automatiques(),
        },
        "universite": {
            "uai": universite.uai,
            "nom": universite.nom,
            "login": universite.identifiants_parcoursup.login,
            "mode_opi": moteur.mode_opi(),
        },
        "connecteur": connecteur,
        "compatibilite": moteur.compatibilite(),
        "pannes": pannes,
        "opi_en_attente": parcoursup.opi_en_attente().collect::<Vec<_>>(),
        "opi_en_cours_de_livraison": moteur.envois_en_cours().map(|e| e.opi.code_candidat).collect::<Vec<_>>(),
        "candidats": candidats,
    })
}

/// The query string of `GET /__admin/journal`.
pub struct FiltreJournal {
    /// First message id to return.
    depuis: i64,
    /// At most this many messages (default 10 000).
    limite: u32,
    /// Every session, not only the current one.
    toutes_sessions: bool,
}

impl FiltreJournal {
    /// Reads the parameters one by one, so that a refusal names the parameter and the reason in
    /// French (axum's `Query` would answer its own English text); an unknown parameter is refused
    /// rather than ignored, since a misspelt filter would silently show another page.
    fn lire(parametres: &[(String, String)]) -> Result<FiltreJournal, ErreurAdmin> {
        fn valeur<T: std::str::FromStr>(
            nom: &str,
            texte: &str,
            attendu: &str,
        ) -> Result<T, ErreurAdmin> {
            texte.parse().map_err(|_| {
                ErreurAdmin::requete(format!("{nom} : « {texte} » n'est pas {attendu}"))
            })
        }
        let mut filtre = FiltreJournal {
            depuis: 0,
            limite: 10_000,
            toutes_sessions: false,
        };
        let mut vus: Vec<&str> = Vec::new();
        for (nom, texte) in parametres {
            if vus.contains(&nom.as_str()) {
                return Err(ErreurAdmin::requete(format!(
                    "{nom} : paramètre donné plusieurs fois"
                )));
            }
            vus.push(nom);
            match nom.as_str() {
                "depuis" => filtre.depuis = valeur(nom, texte, "un id de message (entier)")?,
                "limite" => {
                    filtre.limite = valeur(nom, texte, "un nombre de messages (entier positif)")?
                }
                "toutes_sessions" => filtre.toutes_sessions = valeur(nom, texte, "true ou false")?,
                _ => {
                    return Err(ErreurAdmin::requete(format!(
                        "{nom} : paramètre inconnu (depuis, limite ou toutes_sessions)"
                    )))
                }
            }
        }
        Ok(filtre)
    }
}

/// `GET /__admin/journal`: every message in and out, with its verdict (passwords masked).
pub async fn journal(
    State(application): State<Arc<Application>>,
    parametres: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Resultat {
    let Query(parametres) = parametres.map_err(|_| {
        ErreurAdmin::requete(
            "paramètres : chaîne de requête illisible (depuis, limite ou toutes_sessions attendus)",
        )
    })?;
    let filtre = FiltreJournal::lire(&parametres)?;
    let messages = application
        .avec_noyau(move |noyau| {
            noyau
                .journal()
                .messages(filtre.toutes_sessions, filtre.depuis, filtre.limite)
        })
        .await
        .map_err(ErreurNoyau::Journal)?;
    Ok(Json(json!({ "messages": messages })))
}

/// `GET /__admin/transcript`: what the core wrote since the scenario was loaded, replayed from the
/// journal (the live engine does not keep it).
pub async fn transcript(State(application): State<Arc<Application>>) -> Resultat {
    let entrees = application.avec_noyau(|noyau| noyau.transcript()).await?;
    Ok(Json(json!({ "entrees": entrees })))
}

/// `GET /__admin/conformite`: what was received against what the core expected, rule by rule.
pub async fn conformite(State(application): State<Arc<Application>>) -> Json<Value> {
    Json(
        application
            .avec_noyau(|noyau| json!(crate::conformite::rapport(noyau.moteur())))
            .await,
    )
}

/// `GET /__admin/fichiers`: the flat files in the folder, by name.
pub async fn fichiers(State(application): State<Arc<Application>>) -> Resultat {
    let dossier = application
        .avec_noyau(|noyau| noyau.dossier_fichiers())
        .await;
    let mut liste = Vec::new();
    match std::fs::read_dir(&dossier) {
        Ok(entrees) => {
            for entree in entrees.flatten() {
                let Ok(meta) = entree.metadata() else {
                    continue;
                };
                if meta.is_file() {
                    liste.push(json!({
                        "nom": entree.file_name().to_string_lossy(),
                        "octets": meta.len(),
                    }));
                }
            }
        }
        // No file written yet: an empty list, not an error.
        Err(erreur) if erreur.kind() == std::io::ErrorKind::NotFound => {}
        Err(erreur) => {
            return Err(ErreurAdmin {
                statut: StatusCode::INTERNAL_SERVER_ERROR,
                message: format!("dossier {} : {erreur}", dossier.display()),
            })
        }
    }
    liste.sort_by(|a, b| a["nom"].as_str().cmp(&b["nom"].as_str()));
    Ok(Json(json!({ "dossier": dossier, "fichiers": liste })))
}

/// `GET /__admin/fichiers/{nom}`: one flat file's content.
pub async fn fichier(
    State(application): State<Arc<Application>>,
    nom: Result<Path<String>, PathRejection>,
) -> Result<Response, ErreurAdmin> {
    // The only way a single segment fails to read: it decodes to bytes that are not UTF-8.
    let Path(nom) = nom.map_err(|_| {
        ErreurAdmin::requete("nom : illisible (une fois décodé, le nom n'est pas de l'UTF-8)")
    })?;
    if nom.is_empty() || nom.starts_with('.') || nom.contains(['/', '\\']) {
        return Err(ErreurAdmin::requete(format!(
            "nom : « {nom} » n'est pas un nom de fichier du dossier"
        )));
    }
    let dossier = application
        .avec_noyau(|noyau| noyau.dossier_fichiers())
        .await;
    let contenu = std::fs::read(dossier.join(&nom)).map_err(|_| ErreurAdmin {
        statut: StatusCode::NOT_FOUND,
        message: format!("nom : aucun fichier « {nom} » dans {}", dossier.display()),
    })?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], contenu).into_response())
}
