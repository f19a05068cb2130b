//! Fixtures shared by the connector's tests: a connector set up from a built-in scenario, and the
//! very OPI Parcoursup sends in that scenario (taken from the core's own run of it), in their wire
//! shapes.

#![allow(dead_code)]

use apogee_connector::{Connecteur, Parametrage, SourceScenario};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use cycle_codec::opi::{fichiers_en_texte, opi_en_donnees_candidat, opi_en_donnees_opi};
use cycle_core::message::FichiersOpi;
use cycle_core::transcript::{Contenu, Fait};
use cycle_core::{Evenement, Opi};
use cycle_scenario::Scenario;
use cycle_wire::rest::{encode_admission_candidat, AdmissionCandidat, Identifiant};
use cycle_wire::soap::encode_donnees_opi;
use http_body_util::BodyExt;
use serde_json::Value;
use time::Date;
use tower::ServiceExt;

pub fn scenario(builtin: &str) -> Scenario {
    SourceScenario::Integre {
        builtin: builtin.to_owned(),
    }
    .charger()
    .expect("built-in scenario")
}

pub fn connecteur(builtin: &str) -> Connecteur {
    Connecteur::nouveau(Parametrage::depuis_scenario(&scenario(builtin)))
}

/// Every OPI the core sends in the scenario, in order, with the day it leaves.
pub fn opi_envoyees(builtin: &str) -> Vec<(Date, Opi)> {
    cycle_scenario::executer(&scenario(builtin))
        .transcript
        .into_iter()
        .filter_map(|entree| match entree.fait {
            Fait::Message {
                contenu: Contenu::Opi(opi),
                ..
            } => Some((entree.jour, opi)),
            _ => None,
        })
        .collect()
}

pub fn premiere_opi(builtin: &str) -> Opi {
    opi_envoyees(builtin).remove(0).1
}

pub fn soap(opi: &Opi) -> String {
    encode_donnees_opi(&opi_en_donnees_opi(opi)).expect("OPI encodable")
}

/// The `admissionCandidat` pushes of an OPI (one per vœu), with the demo credentials.
pub fn pushes(opi: &Opi, connecteur: &Connecteur) -> Vec<String> {
    let parametrage = connecteur.parametrage();
    opi_en_donnees_candidat(opi, &parametrage.universite, parametrage.campagne.annee)
        .into_iter()
        .map(|donnees_candidat| {
            encode_admission_candidat(&AdmissionCandidat {
                identifiant: Identifiant {
                    login: parametrage.identifiants_push.login.clone(),
                    pwd: parametrage.identifiants_push.pwd.clone(),
                },
                donnees_candidat,
            })
            .expect("push encodable")
        })
        .collect()
}

pub fn vet(code: &str) -> cycle_core::CodeVet {
    cycle_core::CodeVet {
        cod_etp: code.into(),
        cod_vrs_vet: 1,
    }
}

pub fn noms(entrees: &[cycle_core::Entree]) -> Vec<&'static str> {
    entrees
        .iter()
        .map(|e| match &e.fait {
            Fait::Message { contenu, .. } => contenu.nom(),
            Fait::Etat { changement, .. } => changement.nom(),
        })
        .collect()
}

/// An IA Primo registration, paid or not.
pub fn ia_primo(candidat: u32, code: &str, payee: bool) -> Evenement {
    Evenement::IaPrimo {
        candidat,
        vet: vet(code),
        payee,
    }
}

/// One day's flat files of `uai` holding `opi`, written in `dossier` as Parcoursup names them.
pub fn ecrire_fichiers(dossier: &std::path::Path, uai: &str, jour: Date, opi: Vec<Opi>) {
    let fichiers = FichiersOpi {
        opi,
        voeux_defavorables: Vec::new(),
    };
    for fichier in fichiers_en_texte(&fichiers, uai, jour).unwrap() {
        std::fs::write(dossier.join(fichier.nom), fichier.contenu).unwrap();
    }
}

/// One request through the router, without a socket: the status and the body as text.
pub async fn appel(
    app: &axum::Router,
    methode: &str,
    chemin: &str,
    corps: Option<String>,
) -> (StatusCode, String) {
    let requete = Request::builder()
        .method(methode)
        .uri(chemin)
        .header("content-type", "application/json")
        .body(corps.map(Body::from).unwrap_or_else(Body::empty))
        .unwrap();
    let reponse = app.clone().oneshot(requete).await.unwrap();
    let statut = reponse.status();
    let octets = reponse.into_body().collect().await.unwrap().to_bytes();
    (statut, String::from_utf8(octets.to_vec()).unwrap())
}

/// A JSON request; the answer as JSON (or as a JSON string when it is not JSON).
pub async fn json_de(
    app: &axum::Router,
    methode: &str,
    chemin: &str,
    corps: Value,
) -> (StatusCode, Value) {
    let (statut, texte) = appel(app, methode, chemin, Some(corps.to_string())).await;
    (
        statut,
        serde_json::from_str(&texte).unwrap_or(Value::String(texte)),
    )
}
