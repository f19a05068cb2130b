//! The three OPI flat-file kinds and the names files are given:
//! `{UAI}_{KIND}_V{version}_{yyyyMMdd}.csv`, e.g. `0751234X_OPI_INDIVIDUS_V1_20260708.csv`.

use std::fmt;

use time::Date;

use super::VERSION_DISPOSITION;
use crate::error::WireError;
use crate::validate::{self, quoted};

/// Which OPI flat file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeFichier {
    /// `OPI_INDIVIDUS`: one line per candidate (identity, bac, addresses).
    Individus,
    /// `OPI_VOEUX`: one line per vœu, linked to its candidate by `codOpiIntEpo`.
    Voeux,
    /// `OPI_VOEUX_DEFAVORABLES`: the second file of R8/R10, one line per vœu turned D (bac failed,
    /// désistement); same columns as `OPI_VOEUX`, every `codDecVeu` being `D`.
    VoeuxDefavorables,
}

impl TypeFichier {
    /// Every kind.
    pub const ALL: [TypeFichier; 3] = [
        TypeFichier::Individus,
        TypeFichier::Voeux,
        TypeFichier::VoeuxDefavorables,
    ];

    /// The kind's code, used in file names and error messages.
    pub fn code(self) -> &'static str {
        match self {
            TypeFichier::Individus => "OPI_INDIVIDUS",
            TypeFichier::Voeux => "OPI_VOEUX",
            TypeFichier::VoeuxDefavorables => "OPI_VOEUX_DEFAVORABLES",
        }
    }
}

/// A flat file's name: the university's UAI, the kind, the layout version and the day it was
/// produced. `Display` writes it; [`NomFichier::parse`] reads one back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NomFichier {
    uai: String,
    type_fichier: TypeFichier,
    date: Date,
}

const EXTENSION: &str = ".csv";
const PATH: &str = "nom de fichier";

impl NomFichier {
    /// The name of the `type_fichier` file produced for university `uai` on `date`, in the
    /// current layout version.
    pub fn new(uai: &str, type_fichier: TypeFichier, date: Date) -> Result<Self, WireError> {
        validate::uai(uai).map_err(|reason| WireError::new(PATH, reason))?;
        Ok(NomFichier {
            uai: uai.to_owned(),
            type_fichier,
            date,
        })
    }

    /// Reads a name written by `Display`; refuses another layout version.
    pub fn parse(name: &str) -> Result<Self, WireError> {
        let refuse = |reason: String| WireError::new(PATH, reason);
        let expected = "(UAI_TYPE_V1_AAAAMMJJ.csv attendu)";
        let stem = name
            .strip_suffix(EXTENSION)
            .ok_or_else(|| refuse(format!("{} sans l'extension .csv {expected}", quoted(name))))?;
        let malformed = || refuse(format!("{} mal forme {expected}", quoted(name)));
        let (uai, rest) = stem.split_once('_').ok_or_else(malformed)?;
        let (rest, date) = rest.rsplit_once('_').ok_or_else(malformed)?;
        let (code, version) = rest.rsplit_once('_').ok_or_else(malformed)?;
        let type_fichier = TypeFichier::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
            .ok_or_else(|| {
                refuse(format!(
                    "type de fichier inconnu {} (OPI_INDIVIDUS, OPI_VOEUX ou \
                     OPI_VOEUX_DEFAVORABLES attendu)",
                    quoted(code)
                ))
            })?;
        let current = format!("V{VERSION_DISPOSITION}");
        if version != current {
            return Err(refuse(format!(
                "disposition {} inconnue ({current} attendue)",
                quoted(version)
            )));
        }
        let date = validate::date_aaaammjj(date).map_err(refuse)?;
        NomFichier::new(uai, type_fichier, date)
    }

    /// The university's UAI.
    pub fn uai(&self) -> &str {
        &self.uai
    }

    /// Which file.
    pub fn type_fichier(&self) -> TypeFichier {
        self.type_fichier
    }

    /// The day the file was produced.
    pub fn date(&self) -> Date {
        self.date
    }
}

impl fmt::Display for NomFichier {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{}_{}_V{VERSION_DISPOSITION}_{}{EXTENSION}",
            self.uai,
            self.type_fichier.code(),
            validate::format_aaaammjj(self.date)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn names_are_written_and_read_back() {
        for kind in TypeFichier::ALL {
            let name = NomFichier::new("0751234X", kind, date!(2026 - 07 - 08)).unwrap();
            assert_eq!(NomFichier::parse(&name.to_string()), Ok(name));
        }
        let name = NomFichier::new("0751234X", TypeFichier::Individus, date!(2026 - 07 - 08));
        assert_eq!(
            name.unwrap().to_string(),
            "0751234X_OPI_INDIVIDUS_V1_20260708.csv"
        );
    }

    #[test]
    fn bad_names_are_refused_with_the_reason() {
        let error = |name: &str| NomFichier::parse(name).unwrap_err().to_string();
        assert_eq!(
            error("0751234X_OPI_VOEUX_V1_20260708.txt"),
            "nom de fichier: \"0751234X_OPI_VOEUX_V1_20260708.txt\" sans l'extension .csv \
             (UAI_TYPE_V1_AAAAMMJJ.csv attendu)"
        );
        assert_eq!(
            error("0751234X_OPI_VOEUX_V2_20260708.csv"),
            "nom de fichier: disposition \"V2\" inconnue (V1 attendue)"
        );
        assert_eq!(
            error("0751234X_OPI_ADRESSES_V1_20260708.csv"),
            "nom de fichier: type de fichier inconnu \"OPI_ADRESSES\" (OPI_INDIVIDUS, OPI_VOEUX \
             ou OPI_VOEUX_DEFAVORABLES attendu)"
        );
        assert_eq!(
            error("0751234X_OPI_VOEUX_V1_20260231.csv"),
            "nom de fichier: \"20260231\" n'est pas une date reelle du calendrier (AAAAMMJJ)"
        );
        assert_eq!(
            error("751234X_OPI_VOEUX_V1_20260708.csv"),
            "nom de fichier: \"751234X\" n'est pas un UAI (7 chiffres puis une lettre majuscule)"
        );
        assert_eq!(
            error("voeux.csv"),
            "nom de fichier: \"voeux.csv\" mal forme (UAI_TYPE_V1_AAAAMMJJ.csv attendu)"
        );
    }
}
