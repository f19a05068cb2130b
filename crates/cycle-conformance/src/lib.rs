//! # cycle-conformance — does a university connector behave as the rules say?
//!
//! `mock-parcoursup conform --connector <url>` plays scenarios against a pair (the mock Parcoursup
//! and the connector under test), runs the core's `Simulation` on the same events to know what must
//! happen, and reports rule by rule where the connector differs: the remontées Parcoursup received
//! and their fields, the OPI deliveries it acknowledged, what IA Primo offers, and Apogée's IAs and
//! OPI records through the connector's control API (`docs/conformance.md`).
//!
//! - [`deroule`]: plays one scenario in step with the simulation ([`Harnais`]).
//! - [`observation`]: reads what the mock and the connector show.
//! - [`comparaison`]: expected against observed, each deviation charged to a rule.
//! - [`rapport`]: text, JSON and JUnit XML reports.
//! - [`cli`]: the `conform` subcommand (arguments, scenario selection, exit status).
//!
//! It decides no rule: the expected behaviour is the core's, and a deviation is charged to the rule
//! the core applied at that point.

pub mod cli;
pub mod client;
pub mod comparaison;
pub mod deroule;
pub mod interactif;
pub mod observation;
pub mod rapport;

pub use comparaison::Ecart;
pub use deroule::{Cibles, Harnais, SourceScenario};
pub use interactif::Operateur;
pub use rapport::{RapportConformite, StatutRegle};
