//! # apogee-connector — the reference Apogée connector
//!
//! The university side of the cycle, as a connector developer would build it around Apogée: it
//! receives OPI from Parcoursup (SOAP `OpiMetier`, JSON `admissionCandidat` push, or flat files read
//! from a folder), keeps the Apogée-side state, answers what IA Primo offers, records paid IAs in the
//! remontée work table, and runs the daily batch against Parcoursup's REST API.
//!
//! Every decision comes from `cycle_core::apogee::Apogee`: this crate decodes, calls the core, encodes
//! and carries bytes. It holds no rule of its own; where the wire forces a choice (one vœu per JSON
//! push), the choice is documented where it is made.
//!
//! - [`Connecteur`]: the state and everything that does not need a socket (reception of OPI, the
//!   university's actions, the work table). Fast tests use it directly.
//! - [`lot`]: the daily batch and the connector test, carried to Parcoursup by an [`lot::Envoyeur`]
//!   (HTTP with `reqwest` in [`lot::ClientParcoursup`]).
//! - [`http`]: the axum application: the OPI endpoints and the control API (`/etats/…`) a harness
//!   uses to act inside the university (`docs/connector.md`).
//! - [`commande`], [`journal`], [`session`]: persistence. Every input that changes the state is a
//!   [`Commande`], written to a SQLite journal under the data folder before the connector answers
//!   and replayed at start ([`Connecteur::demarrer`]); without a data folder the connector lives in
//!   memory only.
//! - [`parametrage`]: the set-up (formations, VETs, UAI, credentials) read from a scenario, so the
//!   connector matches the mock Parcoursup it talks to.

pub mod actions;
pub mod commande;
pub mod connecteur;
pub mod http;
pub mod journal;
pub mod lot;
pub mod parametrage;
pub mod reception;
pub mod session;

pub use actions::{Action, ErreurAction};
pub use commande::Commande;
pub use connecteur::{Connecteur, EtatApogee};
pub use journal::ErreurJournal;
pub use parametrage::{ErreurParametrage, Parametrage, SourceScenario};
pub use session::Demarrage;
