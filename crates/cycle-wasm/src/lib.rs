//! # cycle-wasm — the simulator for the browser
//!
//! What a page needs to replay a scenario step by step, on top of `cycle-scenario` (loading) and
//! `cycle-core` (rules):
//! - [`Seance`]: a loaded scenario and where the replay stands; it moves by event, by step, to a date
//!   or a milestone, and back (by replaying from the start: the core is deterministic);
//! - [`vues`]: both sides' state, IA Primo and the transcript as display-ready French data, shared by
//!   the yew page and the JavaScript API;
//! - [`editeur`]: the scenario editor's additions (a candidate, a dated event) to the TOML text;
//! - [`lien`]: share links (the scenario in the URL fragment);
//! - [`js`]: the JavaScript API (wasm-bindgen, serde-wasm-bindgen) over all of this.
//!
//! It decides no rule (the core does) and renders no HTML (the page does). Nothing here touches the
//! DOM, so everything but [`js`] is tested natively with `cargo test -p cycle-wasm`.

pub mod editeur;
pub mod js;
pub mod lien;
mod seance;
pub mod vues;

pub use seance::{ErreurPas, ErreurSeance, Position, Seance};
