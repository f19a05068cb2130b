//! The checks every target shares: a refusal has a message, and a decoded value reads back
//! identically once re-encoded.

use std::fmt::{Debug, Display};

/// The decoded value, or `None` after checking that the refusal says something.
pub fn decoder<T, E: Display>(quoi: &str, decode: impl FnOnce() -> Result<T, E>) -> Option<T> {
    match decode() {
        Ok(valeur) => Some(valeur),
        Err(erreur) => {
            assert!(
                !erreur.to_string().trim().is_empty(),
                "{quoi}: refus sans message"
            );
            None
        }
    }
}

/// Encodes a decoded value and decodes the text again: it must give the same value.
pub fn relire<T: PartialEq + Debug, E: Display>(
    valeur: &T,
    encode: impl FnOnce(&T) -> Result<String, E>,
    decode: impl FnOnce(&[u8]) -> Result<T, E>,
) {
    let texte = match encode(valeur) {
        Ok(texte) => texte,
        Err(erreur) => {
            panic!("l'encodeur refuse ce que le decodeur a accepte : {erreur}\n{valeur:?}")
        }
    };
    match decode(texte.as_bytes()) {
        Ok(relu) => assert_eq!(&relu, valeur, "relu different apres encodage :\n{texte}"),
        Err(erreur) => panic!("le decodeur refuse ce que l'encodeur a ecrit : {erreur}\n{texte}"),
    }
}
