//! `GET /__admin/conformite`: what Parcoursup received from the connector under test, against what
//! the core expected, rule by rule.
//!
//! The expectation is the core's own: the loaded scenario played in `cycle_core::Simulation` (both
//! sides wired in-process) up to the mock's simulated day, its events of the days before and of the
//! day itself included. What is compared is what Parcoursup can see of the university: the
//! connector's status (R6), the last OPI each candidate's university acknowledged (R1, R5, R7–R10,
//! R16), and the inscriptions known from remontées (R14, R15). The report is a snapshot: it means
//! most once a harness has played the whole scenario on both sides (as `conform` does).
//!
//! It decides nothing itself: both sides of every comparison are the core's data.

use std::collections::BTreeMap;

use cycle_core::parcoursup::Parcoursup;
use cycle_core::transcript::{Contenu, Fait};
use cycle_core::{Entree, Regle, Simulation};
use serde::Serialize;
use serde_json::{json, Value};

use crate::moteur::Moteur;

/// One difference between what was expected and what was received.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Ecart {
    #[schema(value_type = String, example = "R14")]
    pub regle: Regle,
    pub candidat: Option<u32>,
    pub quoi: &'static str,
    pub attendu: Value,
    pub recu: Value,
}

/// The report, rule by rule.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = RapportConformite)]
pub struct Rapport {
    pub scenario: String,
    #[serde(with = "date_iso")]
    #[schema(value_type = String, format = Date)]
    pub jour: time::Date,
    /// Every comparison agrees.
    pub conforme: bool,
    /// The rules compared, each with how many checks it had and its deviations.
    pub regles: Vec<BilanRegle>,
    /// Why the expectation could not be computed (an event the core refuses), if so.
    pub erreur: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct BilanRegle {
    #[schema(value_type = String, example = "R14")]
    pub regle: Regle,
    pub verifications: usize,
    pub ecarts: Vec<Ecart>,
}

mod date_iso {
    pub fn serialize<S: serde::Serializer>(jour: &time::Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(jour)
    }
}

/// The scenario played by the core up to `moteur`'s day.
fn simulation_attendue(moteur: &Moteur) -> Result<(Simulation, Vec<Entree>), String> {
    let scenario = moteur.scenario();
    let (mut simulation, mut entrees) = Simulation::nouvelle(scenario.configuration.clone())
        .map_err(|e| format!("configuration : {e}"))?;
    for prevu in scenario
        .evenements
        .iter()
        .take_while(|prevu| prevu.jour <= moteur.jour())
    {
        entrees.extend(
            simulation
                .avancer_jusqu_au(prevu.jour)
                .map_err(|e| format!("evenements[{}] : {e}", prevu.numero - 1))?,
        );
        entrees.extend(
            simulation
                .traiter(&prevu.evenement)
                .map_err(|e| format!("evenements[{}] : {e}", prevu.numero - 1))?,
        );
    }
    entrees.extend(
        simulation
            .avancer_jusqu_au(moteur.jour())
            .map_err(|e| e.to_string())?,
    );
    Ok((simulation, entrees))
}

/// The rule of the last OPI the expected transcript sent to each candidate.
fn regle_des_opi(entrees: &[Entree]) -> BTreeMap<u32, Regle> {
    let mut regles = BTreeMap::new();
    for entree in entrees {
        if let Fait::Message {
            contenu: Contenu::Opi(opi),
            ..
        } = &entree.fait
        {
            regles.insert(opi.code_candidat, entree.regle);
        }
    }
    regles
}

fn voeux_acquittes(parcoursup: &Parcoursup, code: u32) -> Value {
    match parcoursup
        .dossier(code)
        .and_then(|d| d.opi_acquittee.as_ref())
    {
        None => Value::Null,
        Some(voeux) => voeux
            .iter()
            .map(|v| json!({ "vet": v.code_vet().to_string(), "decision": v.decision }))
            .collect(),
    }
}

fn inscriptions(parcoursup: &Parcoursup, code: u32) -> Value {
    let mut liste: Vec<Value> = parcoursup
        .dossier(code)
        .map(|d| {
            d.inscriptions
                .iter()
                .map(|i| {
                    json!({
                        "code_formation_psup": i.code_formation_psup,
                        "etat_inscription": i.etat_inscription,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    liste.sort_by_key(|v| v["code_formation_psup"].as_u64());
    Value::Array(liste)
}

/// Compares the mock's Parcoursup with the core's expectation.
pub fn rapport(moteur: &Moteur) -> Rapport {
    let mut rapport = Rapport {
        scenario: moteur.scenario().nom.clone(),
        jour: moteur.jour(),
        conforme: true,
        regles: Vec::new(),
        erreur: None,
    };
    let (simulation, entrees) = match simulation_attendue(moteur) {
        Ok(attendu) => attendu,
        Err(erreur) => {
            rapport.conforme = false;
            rapport.erreur = Some(erreur);
            return rapport;
        }
    };
    let attendu = simulation.parcoursup();
    let recu = moteur.parcoursup();
    let mut bilans: BTreeMap<Regle, BilanRegle> = BTreeMap::new();
    let mut verifier = |regle: Regle, candidat, quoi, attendu: Value, recu: Value| {
        let bilan = bilans.entry(regle).or_insert_with(|| BilanRegle {
            regle,
            verifications: 0,
            ecarts: Vec::new(),
        });
        bilan.verifications += 1;
        if attendu != recu {
            bilan.ecarts.push(Ecart {
                regle,
                candidat,
                quoi,
                attendu,
                recu,
            });
        }
    };
    let etat = |p: &Parcoursup| {
        serde_json::to_value(p.connecteur())
            .ok()
            .and_then(|v| v.get("etat").cloned())
            .unwrap_or_default()
    };
    verifier(
        Regle::R6,
        None,
        "état du connecteur",
        etat(attendu),
        etat(recu),
    );
    let regles_opi = regle_des_opi(&entrees);
    for dossier in attendu.dossiers() {
        let code = dossier.candidat.code_candidat;
        verifier(
            regles_opi.get(&code).copied().unwrap_or(Regle::R1),
            Some(code),
            "dernière OPI acquittée par l'université (vœux et décisions)",
            voeux_acquittes(attendu, code),
            voeux_acquittes(recu, code),
        );
        let regle = if dossier.candidat.est_en_reorientation() {
            Regle::R15
        } else {
            Regle::R14
        };
        verifier(
            regle,
            Some(code),
            "inscriptions connues de Parcoursup par les remontées",
            inscriptions(attendu, code),
            inscriptions(recu, code),
        );
    }
    rapport.regles = bilans.into_values().collect();
    rapport.conforme = rapport.regles.iter().all(|b| b.ecarts.is_empty());
    rapport
}
