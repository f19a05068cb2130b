//! The admin API under `/__admin/` (WireMock's convention): load a scenario, move the clock, play a
//! Parcoursup-side event, set the connector, the faults and the compatibility switches, read the
//! state, the journal, the transcript and the flat files.
//!
//! Handlers decode the request, hand a [`Commande`] to the engine and answer with what the core
//! wrote in the transcript. Errors are `{"erreur": "…"}` in French: 400 for a malformed request, 404
//! for an unknown file, 422 for a command the engine refuses (nothing changed), 500 when the journal
//! cannot be written (nothing changed either).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cycle_core::{Entree, Evenement, Jalon, ModeOpi, Reponse};
use serde_json::{json, Map, Value};
use time::Date;

use crate::application::{Application, Pannes};
use crate::journal::{Ecrit, NouveauMessage, Sens, Verdict};
use crate::masque::{masquer, MASQUE};
use crate::moteur::{
    est_cote_parcoursup, CibleConnecteur, Commande, Compatibilite, Effets, Moteur,
};
use crate::noyau::{ErreurNoyau, Noyau};
use crate::scenario_source::{noms_integres, SourceScenario};

/// A refused admin request.
pub struct ErreurAdmin {
    statut: StatusCode,
    message: String,
}

impl ErreurAdmin {
    pub fn requete(message: impl Into<String>) -> ErreurAdmin {
        ErreurAdmin {
            statut: StatusCode::BAD_REQUEST,
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

fn lire_date(texte: &str, champ: &str) -> Result<Date, ErreurAdmin> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(texte, &format).map_err(|_| {
        ErreurAdmin::requete(format!(
            "{champ} : « {texte} » n'est pas une date réelle AAAA-MM-JJ"
        ))
    })
}

/// `date`, or `jalon` (+ `decalage`), resolved on the loaded campaign; `None` when neither is given.
fn jour_demande(
    objet: &Map<String, Value>,
    moteur_campagne: &cycle_core::Campagne,
) -> Result<Option<Date>, ErreurAdmin> {
    let date = texte(objet, "date")?;
    let jalon = texte(objet, "jalon")?;
    let decalage = entier(objet, "decalage")?;
    match (date, jalon) {
        (Some(_), Some(_)) => Err(ErreurAdmin::requete(
            "date, jalon : l'un ou l'autre, pas les deux",
        )),
        (Some(date), None) if decalage.is_none() => lire_date(date, "date").map(Some),
        (_, None) if decalage.is_some() => Err(ErreurAdmin::requete(
            "decalage : ne s'emploie qu'avec jalon",
        )),
        (_, None) => Ok(None),
        (None, Some(jalon)) => {
            let trouve = Jalon::depuis_identifiant(jalon).ok_or_else(|| {
                ErreurAdmin::requete(format!(
                    "jalon : « {jalon} » inconnu (possibles : {})",
                    Jalon::TOUS.map(Jalon::identifiant).join(", ")
                ))
            })?;
            trouve
                .date(moteur_campagne)
                .checked_add(time::Duration::days(decalage.unwrap_or(0)))
                .map(Some)
                .ok_or_else(|| ErreurAdmin::requete("decalage : hors calendrier"))
        }
    }
}

// ---- scenario ----

/// `POST /__admin/scenario`: a scenario's TOML text, or JSON `{"builtin": "nom"}` /
/// `{"toml": "…", "fichier": "nom.toml"}`, with optional `evenements_automatiques` and `compatibilite`.
pub async fn charger_scenario(
    State(application): State<Arc<Application>>,
    entetes: HeaderMap,
    corps: Bytes,
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

/// `POST /__admin/reset`: the loaded scenario again, from its first day, in a new session.
pub async fn reinitialiser(State(application): State<Arc<Application>>) -> Resultat {
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
pub async fn horloge(State(application): State<Arc<Application>>, corps: Bytes) -> Resultat {
    let objet = objet(&corps)?;
    refuser_champs_inconnus(&objet, &["date", "jalon", "decalage"])?;
    let campagne = application
        .avec_noyau(|noyau| noyau.moteur().campagne().clone())
        .await;
    let jour = jour_demande(&objet, &campagne)?
        .ok_or_else(|| ErreurAdmin::requete("date ou jalon : champ obligatoire absent"))?;
    let corps = Some(masquer(&corps));
    let (effets, _, jour) = executer(
        &application,
        "POST /__admin/horloge",
        corps,
        Commande::Horloge { jour },
    )
    .await?;
    Ok(Json(reponse_commande(effets, jour)))
}

/// `POST /__admin/evenements`: one Parcoursup-side event in the scenario event shape
/// (`{"type": "acceptation", "candidat": 1048576, "formation": 23456, "reponse": "oui"}`), with an
/// optional `date` or `jalon` (+ `decalage`) that moves the clock first, and an ignored `note`.
pub async fn evenement(State(application): State<Arc<Application>>, corps: Bytes) -> Resultat {
    let objet = objet(&corps)?;
    let nature = texte(&objet, "type")?
        .ok_or_else(|| ErreurAdmin::requete("type : champ obligatoire absent"))?
        .to_owned();
    let commun = ["type", "date", "jalon", "decalage", "note"];
    let champs: &[&str] = match nature.as_str() {
        "acceptation" => &["candidat", "formation", "reponse"],
        "desistement" => &["candidat", "formation"],
        "renvoi_opi" => &["candidat"],
        _ => &[],
    };
    let connus: Vec<&str> = commun.iter().chain(champs).copied().collect();
    let evenement = match nature.as_str() {
        "acceptation" => Evenement::Acceptation {
            candidat: code(&objet, "candidat")?,
            formation: code(&objet, "formation")?,
            reponse: match objet.get("reponse") {
                None | Some(Value::Null) => Reponse::Oui,
                Some(valeur) => serde_json::from_value(valeur.clone()).map_err(|_| {
                    ErreurAdmin::requete(format!(
                        "reponse : {valeur} inconnue (oui, oui_si_3_ans ou oui_si_4_ans)"
                    ))
                })?,
            },
        },
        "desistement" => Evenement::Desistement {
            candidat: code(&objet, "candidat")?,
            formation: code(&objet, "formation")?,
        },
        "renvoi_opi" => Evenement::RenvoiOpi {
            candidat: code(&objet, "candidat")?,
        },
        autre => {
            // The university's events are the connector's to play; say so rather than "unknown".
            let recu = serde_json::from_value::<Evenement>(Value::Object(objet.clone()));
            let message = match recu {
                Ok(evenement) if !est_cote_parcoursup(&evenement) => format!(
                    "type : « {autre} » est un événement côté université (Apogée) : c'est le connecteur testé qui le joue (acceptation, desistement ou renvoi_opi attendus)"
                ),
                _ => format!(
                    "type : « {autre} » inconnu ou incomplet (acceptation, desistement ou renvoi_opi attendus)"
                ),
            };
            return Err(ErreurAdmin::requete(message));
        }
    };
    refuser_champs_inconnus(&objet, &connus)?;
    let campagne = application
        .avec_noyau(|noyau| noyau.moteur().campagne().clone())
        .await;
    let jour = jour_demande(&objet, &campagne)?;
    let corps = masquer(&corps);
    let mut entrees: Vec<Entree> = Vec::new();
    if let Some(jour) = jour {
        let (effets, _, _) = executer(
            &application,
            "POST /__admin/evenements",
            Some(corps.clone()),
            Commande::Horloge { jour },
        )
        .await?;
        entrees.extend(effets.entrees);
    }
    let (effets, _, jour) = executer(
        &application,
        "POST /__admin/evenements",
        Some(corps),
        Commande::Evenement { evenement },
    )
    .await?;
    entrees.extend(effets.entrees);
    Ok(Json(json!({ "jour": jour, "entrees": entrees })))
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
pub async fn connecteur(State(application): State<Arc<Application>>, corps: Bytes) -> Resultat {
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
pub async fn regler_pannes(State(application): State<Arc<Application>>, corps: Bytes) -> Resultat {
    let objet = objet(&corps)?;
    refuser_champs_inconnus(&objet, &["latence_ms", "http_500", "coupure", "nok"])?;
    let pannes = Pannes {
        latence_ms: entier_positif(&objet, "latence_ms")?,
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
pub async fn compatibilite(State(application): State<Arc<Application>>, corps: Bytes) -> Resultat {
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
    Query(parametres): Query<Vec<(String, String)>>,
) -> Resultat {
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
    Path(nom): Path<String>,
) -> Result<Response, ErreurAdmin> {
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
