//! Target `rest_json`: Parcoursup's REST JSON decoders (`cycle_wire::rest`), in both [`Compat`]
//! modes.
//!
//! Properties, on any bytes:
//! - no decoder panics, and every refusal has a message;
//! - what the strict mode accepts, the tolerant mode accepts identically;
//! - a decoded message re-encodes (the encoder accepts what the decoder accepted) and decodes back
//!   to the same value — including a push written unwrapped (`a_plat`), read in tolerant mode.

use std::fmt::Debug;

use cycle_wire::rest::{
    decode_admission_candidat, decode_candidats_admis, decode_get_candidats_admis,
    decode_maj_inscription, decode_retour, encode_admission_candidat,
    encode_admission_candidat_a_plat, encode_candidats_admis, encode_get_candidats_admis,
    encode_maj_inscription, encode_retour, Compat,
};
use cycle_wire::WireError;

use crate::commun::{decoder, relire};

/// Checks every REST decoder on `octets`.
pub fn verifier(octets: &[u8]) {
    let remontee = selon_compat(octets, "majInscriptionAdministrative", |o, c| {
        decode_maj_inscription(o, c)
    });
    if let Some(requete) = remontee {
        relire(&requete, encode_maj_inscription, |o| {
            decode_maj_inscription(o, Compat::default())
        });
    }

    let push = selon_compat(octets, "admissionCandidat", |o, c| {
        decode_admission_candidat(o, c)
    });
    if let Some(push) = push {
        relire(&push, encode_admission_candidat, |o| {
            decode_admission_candidat(o, Compat::default())
        });
        relire(&push, encode_admission_candidat_a_plat, |o| {
            decode_admission_candidat(o, Compat::tolerant())
        });
    }

    let demande = selon_compat(octets, "getCandidatsAdmis", |o, c| {
        decode_get_candidats_admis(o, c)
    });
    if let Some(demande) = demande {
        relire(&demande, encode_get_candidats_admis, |o| {
            decode_get_candidats_admis(o, Compat::default())
        });
    }

    if let Some(dossiers) = decoder("candidats admis", || decode_candidats_admis(octets)) {
        relire(
            &dossiers,
            |d| encode_candidats_admis(d),
            decode_candidats_admis,
        );
    }

    if let Some(retour) = decoder("retour", || decode_retour(octets)) {
        relire(&retour, |r| Ok(encode_retour(r)), decode_retour);
    }
}

/// Decodes in strict then tolerant mode; a strict success must be a tolerant success too, with the
/// same value. Returns the tolerant result, the larger set.
fn selon_compat<T: PartialEq + Debug>(
    octets: &[u8],
    quoi: &str,
    decode: impl Fn(&[u8], Compat) -> Result<T, WireError>,
) -> Option<T> {
    let strict = decoder(quoi, || decode(octets, Compat::default()));
    let tolerant = decoder(quoi, || decode(octets, Compat::tolerant()));
    if let Some(strict) = &strict {
        assert_eq!(
            tolerant.as_ref(),
            Some(strict),
            "{quoi}: le mode tolerant doit accepter a l'identique ce que le mode strict accepte"
        );
    }
    tolerant
}
