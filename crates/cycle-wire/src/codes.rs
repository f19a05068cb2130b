//! Closed code lists of the wire formats, as Rust enums with their exact wire codes.
//!
//! Each enum knows its wire code (`code()`), parses one (`from_code()`, whose error is the French
//! reason naming the accepted codes) and serializes as its code. Lists used by one format only live
//! here too when the lead's mapping from core types needs them (e.g. [`EtatInscription`]).

use serde::{Serialize, Serializer};

use crate::validate::quoted;

/// Declares an enum whose wire form is a text code.
macro_rules! text_codes {
    (
        $(#[$meta:meta])*
        $name:ident, expected = $expected:literal {
            $( $(#[$variant_meta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in code-list order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code written on the wire.
            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code, )+
                }
            }

            /// Reads a wire code; the error is the French reason listing the accepted codes.
            pub fn from_code(code: &str) -> Result<Self, String> {
                match code {
                    $( $code => Ok($name::$variant), )+
                    other => Err(format!(
                        "{} n'est pas un code connu ({})",
                        quoted(other),
                        $expected
                    )),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }
    };
}

/// Declares an enum whose wire form is a small integer code.
macro_rules! number_codes {
    (
        $(#[$meta:meta])*
        $name:ident, expected = $expected:literal {
            $( $(#[$variant_meta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in code-list order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code written on the wire.
            pub fn code(self) -> u8 {
                match self {
                    $( $name::$variant => $code, )+
                }
            }

            /// The largest code of the list, the bound named when a number is far too large.
            pub const MAX: u8 = {
                let codes: &[u8] = &[$($code),+];
                let mut max = 0;
                let mut position = 0;
                while position < codes.len() {
                    if codes[position] > max {
                        max = codes[position];
                    }
                    position += 1;
                }
                max
            };

            /// Reads a wire code; the error is the French reason listing the accepted codes.
            pub fn from_code(code: u64) -> Result<Self, String> {
                match code {
                    $( $code => Ok($name::$variant), )+
                    other => Err(format!("{other} n'est pas un code connu ({})", $expected)),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_u8(self.code())
            }
        }
    };
}

text_codes! {
    /// Decision of an OPI vœu (`codDecVeu`), rules R1–R4.
    CodeDecision, expected = "F, S ou D" {
        /// `F`: the vœu's VET is proposed for registration (R2).
        Favorable = "F",
        /// `S`, "Oui Si": registration allowed with the Oui Si catégorie and motif (R3).
        OuiSi = "S",
        /// `D`: not proposed, unless a laissez-passer exists (R4).
        Defavorable = "D",
    }
}

text_codes! {
    /// Sex as both Parcoursup (`sexe`) and Apogée (`codSexEtuOpi`) write it.
    Sexe, expected = "M ou F" {
        /// `M`.
        Masculin = "M",
        /// `F`.
        Feminin = "F",
    }
}

text_codes! {
    /// Apogée's yes/no flag (`temDateNaiRelOpi`, `temValPsd`).
    Temoin, expected = "O ou N" {
        /// `O`, oui.
        Oui = "O",
        /// `N`, non.
        Non = "N",
    }
}

text_codes! {
    /// What `codDepPayNai` holds (`codTypDepPayNai`): a French département or a foreign country.
    TypeLieuNaissance, expected = "D ou P" {
        /// `D`: born in France, `codDepPayNai` is a département.
        Departement = "D",
        /// `P`: born abroad, `codDepPayNai` is a country.
        Pays = "P",
    }
}

text_codes! {
    /// Parcoursup's answer status (`retour`).
    CodeRetour, expected = "OK ou NOK" {
        /// `OK`: the request was processed.
        Ok = "OK",
        /// `NOK`: the request was refused; `message` says why.
        Nok = "NOK",
    }
}

number_codes! {
    /// State of a paid first-year registration sent back to Parcoursup (`etatInscription`, R13–R14).
    EtatInscription, expected = "1 a 5" {
        /// 1: inscription principale.
        InscriptionPrincipale = 1,
        /// 2: double cursus.
        DoubleCursus = 2,
        /// 3: inscription annulée (a cancelled IA is sent too, R14).
        InscriptionAnnulee = 3,
        /// 4: inscription parallèle.
        InscriptionParallele = 4,
        /// 5: inscription parallèle secondaire.
        InscriptionParalleleSecondaire = 5,
    }
}

number_codes! {
    /// Where the candidate stands on the admission (`codeSituation` of `donneesCandidat`).
    CodeSituation, expected = "0 a 3" {
        /// 0: en attente.
        EnAttente = 0,
        /// 1: proposition acceptée définitivement.
        AccepteeDefinitivement = 1,
        /// 2: acceptée, d'autres vœux restant en attente.
        AccepteeAvecVoeuxEnAttente = 2,
        /// 3: refusée ou démission.
        RefuseeOuDemission = 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back() {
        for decision in CodeDecision::ALL {
            assert_eq!(CodeDecision::from_code(decision.code()), Ok(*decision));
        }
        for etat in EtatInscription::ALL {
            assert_eq!(EtatInscription::from_code(etat.code().into()), Ok(*etat));
        }
        assert_eq!(EtatInscription::MAX, 5);
        assert_eq!(CodeSituation::MAX, 3);
        for situation in CodeSituation::ALL {
            assert_eq!(
                CodeSituation::from_code(situation.code().into()),
                Ok(*situation)
            );
        }
    }

    #[test]
    fn unknown_codes_name_the_accepted_ones() {
        assert_eq!(
            EtatInscription::from_code(7),
            Err("7 n'est pas un code connu (1 a 5)".into())
        );
        assert_eq!(
            CodeDecision::from_code("f"),
            Err("\"f\" n'est pas un code connu (F, S ou D)".into())
        );
    }

    #[test]
    fn codes_serialize_as_their_wire_form() {
        assert_eq!(
            serde_json::to_string(&CodeDecision::OuiSi).unwrap(),
            "\"S\""
        );
        assert_eq!(
            serde_json::to_string(&EtatInscription::InscriptionAnnulee).unwrap(),
            "3"
        );
    }
}
