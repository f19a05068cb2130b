//! # cycle-codec — the core's messages in their exact wire shapes, and back
//!
//! `cycle-core` speaks in domain data ([`cycle_core::Opi`], [`cycle_core::Remontee`]); `cycle-wire`
//! speaks in the exact shapes of `domain.md` §3. This crate maps one onto the other, both ways, so
//! that every shell shows and sends the same bytes:
//! - [`opi`]: an OPI as Apogée's SOAP record, as `admissionCandidat` pushes, or as flat files; and
//!   what a connector receives back into an OPI;
//! - [`remontee`]: a remontée as `majInscriptionAdministrative` and back;
//! - [`charge`]: the exact payload of any transcript entry that crosses the wire, for the browser's
//!   sequence diagram and the CLI.
//!
//! Pure like its two parents: no IO, builds for `wasm32-unknown-unknown`.

pub mod charge;
pub mod opi;
pub mod remontee;

use thiserror::Error;

/// Why a wire message cannot become a domain message. French, naming the field.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ErreurCodec {
    #[error("{0}")]
    Wire(#[from] cycle_wire::WireError),
    #[error("{champ}: {raison}")]
    Champ { champ: String, raison: String },
}

impl ErreurCodec {
    pub(crate) fn champ(champ: impl Into<String>, raison: impl Into<String>) -> ErreurCodec {
        ErreurCodec::Champ {
            champ: champ.into(),
            raison: raison.into(),
        }
    }
}
