//! Fixtures shared by the connector's tests: a connector set up from a built-in scenario, and the
//! very OPI Parcoursup sends in that scenario (taken from the core's own run of it), in their wire
//! shapes.

#![allow(dead_code)]

use apogee_connector::{Connecteur, Parametrage, SourceScenario};
use cycle_codec::opi::{opi_en_donnees_candidat, opi_en_donnees_opi};
use cycle_core::transcript::{Contenu, Fait};
use cycle_core::{Evenement, Opi};
use cycle_scenario::Scenario;
use cycle_wire::rest::{encode_admission_candidat, AdmissionCandidat, Identifiant};
use cycle_wire::soap::encode_donnees_opi;
use time::Date;

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
