//! Runs a [`Scenario`] through `cycle_core::Simulation` and reports: the transcript, where each event
//! starts in it, every expectation checked, and the verdict.
//!
//! Nothing is printed here ([`crate::rendu`] does that) and nothing panics: an event the core refuses
//! ends the run with a located error, the scenario's verdict being `erreur`.

use cycle_core::{Entree, Regle, Simulation};
use serde::Serialize;
use time::Date;

use crate::erreur::Position;
use crate::rendu::decrire_evenement;
use crate::scenario::{Attendu, Scenario};
use crate::verification::verifier;

/// How a scenario ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every expectation holds and every declared rule appears.
    Reussi,
    /// Some expectation does not hold, or a declared rule never appears.
    Echoue,
    /// The core refused an event: the scenario itself is wrong.
    Erreur,
}

/// What the core refused: an event, or the scenario's set-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErreurExecution {
    /// The event's index in the file's `evenements`, from 0 as in load errors (`evenements[2]` is
    /// the third); `None` when the core refused the configuration or the days after the last event.
    pub indice_evenement: Option<usize>,
    pub position: Option<Position>,
    /// The simulated day it happened.
    pub jour: Date,
    /// The core's message, in French.
    pub message: String,
}

/// One event of the run: what happened and where its entries start in the transcript (the entries
/// before it, from the previous event on, are what the passing days brought by themselves).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Etape {
    /// The event's index in the file's `evenements`, from 0.
    pub indice_evenement: usize,
    pub jour: Date,
    /// The event in one French sentence.
    pub libelle: String,
    pub note: Option<String>,
    /// Index of the event's first entry in the transcript.
    pub debut: usize,
}

/// One expectation and its outcome.
#[derive(Clone, Debug, Serialize)]
pub struct ResultatAttendu {
    #[serde(flatten)]
    pub attendu: Attendu,
    /// What was checked, in French.
    pub description: String,
    /// `None` when it holds; otherwise why not.
    pub echec: Option<String>,
}

/// Everything a run produced.
#[derive(Clone, Debug, Serialize)]
pub struct RapportScenario {
    pub nom: String,
    pub fichier: String,
    pub titre: String,
    pub description: String,
    pub regles: Vec<Regle>,
    pub verdict: Verdict,
    pub erreur: Option<ErreurExecution>,
    pub attendus: Vec<ResultatAttendu>,
    /// Rules declared in `regles` that no transcript entry names.
    pub regles_non_illustrees: Vec<Regle>,
    pub etapes: Vec<Etape>,
    pub transcript: Vec<Entree>,
    /// The last simulated day.
    pub fin: Date,
}

impl RapportScenario {
    pub fn echecs(&self) -> impl Iterator<Item = &ResultatAttendu> {
        self.attendus.iter().filter(|r| r.echec.is_some())
    }
}

/// Plays the scenario and checks its expectations.
pub fn executer(scenario: &Scenario) -> RapportScenario {
    let mut rapport = RapportScenario {
        nom: scenario.nom.clone(),
        fichier: scenario.fichier.clone(),
        titre: scenario.titre.clone(),
        description: scenario.description.clone(),
        regles: scenario.regles.clone(),
        verdict: Verdict::Reussi,
        erreur: None,
        attendus: Vec::new(),
        regles_non_illustrees: Vec::new(),
        etapes: Vec::new(),
        transcript: Vec::new(),
        fin: scenario.configuration.debut,
    };
    let simulation = match jouer(scenario, &mut rapport) {
        Ok(simulation) => simulation,
        Err(erreur) => {
            rapport.verdict = Verdict::Erreur;
            rapport.erreur = Some(erreur);
            return rapport;
        }
    };
    rapport.fin = simulation.jour();
    rapport.attendus = scenario
        .attendus
        .iter()
        .map(|attendu| ResultatAttendu {
            description: attendu.verification.description(),
            echec: verifier(&attendu.verification, &simulation, &rapport.transcript).err(),
            attendu: attendu.clone(),
        })
        .collect();
    rapport.regles_non_illustrees = scenario
        .regles
        .iter()
        .copied()
        .filter(|regle| !rapport.transcript.iter().any(|e| e.regle == *regle))
        .collect();
    if rapport.echecs().next().is_some() || !rapport.regles_non_illustrees.is_empty() {
        rapport.verdict = Verdict::Echoue;
    }
    rapport
}

/// Runs the events, filling the transcript and the steps; returns the simulation at the end.
fn jouer(
    scenario: &Scenario,
    rapport: &mut RapportScenario,
) -> Result<Simulation, ErreurExecution> {
    let erreur_de_configuration = |message: String| ErreurExecution {
        indice_evenement: None,
        position: None,
        jour: scenario.configuration.debut,
        message,
    };
    let (mut simulation, entrees) = Simulation::nouvelle(scenario.configuration.clone())
        .map_err(|e| erreur_de_configuration(e.to_string()))?;
    rapport.transcript.extend(entrees);
    // The loader keeps the events in file order: their index is the one of `evenements[i]`.
    for (indice_evenement, prevu) in scenario.evenements.iter().enumerate() {
        let erreur = |message: String| ErreurExecution {
            indice_evenement: Some(indice_evenement),
            position: prevu.position,
            jour: prevu.jour,
            message,
        };
        let avance = simulation
            .avancer_jusqu_au(prevu.jour)
            .map_err(|e| erreur(e.to_string()))?;
        rapport.transcript.extend(avance);
        rapport.etapes.push(Etape {
            indice_evenement,
            jour: prevu.jour,
            libelle: decrire_evenement(&prevu.evenement, &scenario.configuration),
            note: prevu.note.clone(),
            debut: rapport.transcript.len(),
        });
        let entrees = simulation
            .traiter(&prevu.evenement)
            .map_err(|e| erreur(e.to_string()))?;
        rapport.transcript.extend(entrees);
    }
    let soirs = simulation
        .avancer_jusqu_au(scenario.fin)
        .map_err(|e| erreur_de_configuration(e.to_string()))?;
    rapport.transcript.extend(soirs);
    Ok(simulation)
}
