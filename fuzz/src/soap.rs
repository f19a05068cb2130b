//! Target `soap`: Apogée's SOAP decoders (`cycle_wire::soap`), the request a mock Apogée receives
//! and the answer a client receives.
//!
//! Properties, on any bytes:
//! - neither decoder panics, and every refusal has a message;
//! - a decoded request re-encodes with its operation's encoder and decodes back to the same value;
//! - a decoded answer (success or fault, for either operation) re-encodes and decodes back to the
//!   same value.

use cycle_wire::soap::{
    decode_reponse, decode_requete, encode_donnees_opi, encode_laissez_passer, encode_reponse,
    Operation, RequeteSoap,
};
use cycle_wire::WireError;

use crate::commun::{decoder, relire};

/// Checks both SOAP decoders on `octets`.
pub fn verifier(octets: &[u8]) {
    if let Some(requete) = decoder("requete SOAP", || decode_requete(octets)) {
        let encode = |requete: &RequeteSoap| -> Result<String, WireError> {
            match requete {
                RequeteSoap::DonneesOpi(donnees) => encode_donnees_opi(donnees),
                RequeteSoap::LaissezPasser(demande) => encode_laissez_passer(demande),
            }
        };
        relire(&requete, encode, decode_requete);
    }
    for operation in Operation::ALL {
        let reponse = decoder(operation.element(), || decode_reponse(octets, operation));
        if let Some(reponse) = reponse {
            relire(
                &reponse,
                |r| Ok::<_, WireError>(encode_reponse(r, operation)),
                |o| decode_reponse(o, operation),
            );
        }
    }
}
