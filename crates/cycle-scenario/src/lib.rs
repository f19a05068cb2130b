//! # cycle-scenario — scenario files of the Parcoursup → Apogée cycle
//!
//! One human-writable format (TOML) shared by the browser, the CLI, the mock server and the tests:
//! a university, candidates, dated events and expected outcomes. This crate parses it into the core's
//! types ([`charger`]), runs it through `cycle_core::Simulation` ([`executer`]), checks the
//! expectations and renders the result as French text or JSON ([`rendu`]). It also embeds the
//! built-in scenarios of `domain.md` §6 ([`integres`]) and the demonstration university
//! ([`universite_demo`]).
//!
//! It decides no rule: every domain behaviour comes from `cycle-core`. The format is documented in
//! `docs/scenarios.md` and its JSON Schema is `scenarios/schema.json`.
//!
//! Builds for `wasm32-unknown-unknown`: only [`disque`] touches the file system, and it is left out
//! there; the `cli` feature adds the `run` subcommand of the `mock-parcoursup` binary.

mod chargement;
pub mod couverture;
mod demo;
mod erreur;
mod execution;
pub mod fichier;
pub mod integres;
mod lecture;
pub mod rendu;
mod scenario;
mod schema;
mod verification;

#[cfg(not(target_arch = "wasm32"))]
pub mod disque;

#[cfg(feature = "cli")]
pub mod cli;

pub use chargement::{charger, JOURS_MAX};
pub use couverture::{couverture, LigneCouverture};
pub use demo::{
    universite_demo, FORMATION_DROIT, FORMATION_DROIT_L2, FORMATION_HISTOIRE, LOGIN_DEMO,
    MOT_DE_PASSE_DEMO, UAI_DEMO,
};
pub use erreur::{ErreurScenario, Position};
pub use execution::{executer, ErreurExecution, Etape, RapportScenario, ResultatAttendu, Verdict};
pub use lecture::{facettes, Facette, FichierOpi, NOMS_CHANGEMENTS, NOMS_CONTENUS};
pub use scenario::{Attendu, EvenementPrevu, FiltreEntree, Scenario, Verification};
pub use schema::schema_json;
pub use verification::correspond;
