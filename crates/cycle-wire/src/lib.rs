//! Exact wire formats of the Parcoursup → Apogée enrolment cycle, with encode, decode and
//! syntactic validation (domain.md §3).
//!
//! - [`rest`]: Parcoursup's REST API in JSON — the remontée `majInscriptionAdministrative` and the
//!   connector test, `getCandidatsAdmis`, the `admissionCandidat` push, the `{retour, message}`
//!   answer.
//! - [`soap`]: Apogée's `OpiMetier` SOAP 1.1 service (`mettreajourDonneesOpi_v10`), the
//!   laissez-passer operation, the empty response and the `WebBaseException` fault.
//! - [`flat`]: the OPI flat files of the asynchronous mode (individus, vœux, vœux défavorables),
//!   whose layout this crate defines (see `docs/flat-files.md`).
//! - [`opi`]: the OPI record shared by [`soap`] and [`flat`].
//! - [`codes`]: closed code lists (decision F/S/D, état d'inscription…).
//! - [`validate`]: field validators (UAI, INE, dates, lengths) returning French reasons.
//!
//! Every decoder takes `&[u8]` and returns `Result<_, `[`WireError`]`>`: it never panics, whatever
//! the bytes, and its error names the field and the reason in French (`etatInscription: 7 n'est
//! pas un code connu (1 a 5)`). Every encoder checks the same rules first, so what this crate writes
//! it reads back identically.
//!
//! This crate is pure: no IO, no clock, no dependency on the rules engine (`cycle-core`), and it
//! builds for `wasm32-unknown-unknown`. Its types are plain data with the exact wire names; mapping
//! them to and from the engine's domain types is the caller's job.

pub mod codes;
mod error;
pub mod flat;
pub mod opi;
pub mod rest;
pub mod soap;
pub mod validate;
mod wire_serde;

pub use error::WireError;
