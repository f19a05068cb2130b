//! Errors of a scenario file, located: file name, line and column, field path, and the reason in French.
//!
//! Every way a file can be wrong ends here — TOML syntax, a field of the wrong type, an unknown jalon,
//! an event out of order — so that the CLI, the browser and the tests print the same precise message.
//! This module never decides what is wrong; it only says where, and phrases serde's and toml's
//! English in French (toml's syntax errors in [`syntaxe`], why a text is not a day in [`date`]).

use std::fmt;
use std::ops::Range;

use serde::Serialize;

mod date;
mod syntaxe;

pub(crate) use date::pas_une_date;
pub(crate) use syntaxe::traduire_syntaxe;

/// A place in the file, both counted from 1; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub ligne: usize,
    pub colonne: usize,
}

impl Position {
    /// The position of the byte `decalage` of `texte` (clamped to the text, and to a character
    /// boundary, so that a span from any source never panics).
    pub fn dans(texte: &str, decalage: usize) -> Position {
        Positions::new(texte).de(decalage)
    }
}

/// Positions of many offsets of one text, each counted on from the previous one: a file's events and
/// expectations are read in file order, so the whole file is scanned once (counting from the start
/// for each was quadratic: 30,000 events took 90 s to load).
pub(crate) struct Positions<'a> {
    texte: &'a str,
    decalage: usize,
    ligne: usize,
    debut_ligne: usize,
}

impl<'a> Positions<'a> {
    pub fn new(texte: &'a str) -> Positions<'a> {
        Positions {
            texte,
            decalage: 0,
            ligne: 1,
            debut_ligne: 0,
        }
    }

    /// The position of the byte `decalage` (clamped to the text, and to a character boundary, so
    /// that a span from any source never panics). An offset before the previous one starts the
    /// count again from the top.
    pub fn de(&mut self, decalage: usize) -> Position {
        let mut fin = decalage.min(self.texte.len());
        while !self.texte.is_char_boundary(fin) {
            fin -= 1;
        }
        if fin < self.decalage {
            *self = Positions::new(self.texte);
        }
        let depuis = self.decalage;
        for (i, _) in self.texte[depuis..fin].match_indices('\n') {
            self.ligne += 1;
            self.debut_ligne = depuis + i + 1;
        }
        self.decalage = fin;
        Position {
            ligne: self.ligne,
            colonne: self.texte[self.debut_ligne..fin].chars().count() + 1,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.ligne, self.colonne)
    }
}

/// Why a scenario file cannot be used. Displayed as `fichier:ligne:colonne: champ: raison`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErreurScenario {
    /// The file name as the caller gave it (`nominal_f.toml`, a path, or a name chosen by the browser).
    pub fichier: String,
    pub position: Option<Position>,
    /// The field path, `evenements[2].candidat` (indexes from 0); empty for a TOML syntax error.
    pub champ: String,
    pub raison: String,
}

impl fmt::Display for ErreurScenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fichier)?;
        if let Some(position) = self.position {
            write!(f, ":{position}")?;
        }
        f.write_str(": ")?;
        if !self.champ.is_empty() {
            write!(f, "{}: ", self.champ)?;
        }
        f.write_str(&self.raison)
    }
}

impl std::error::Error for ErreurScenario {}

/// Builds located errors for one file.
#[derive(Clone, Copy)]
pub(crate) struct Localisateur<'a> {
    pub fichier: &'a str,
    pub texte: &'a str,
}

impl Localisateur<'_> {
    pub fn erreur(
        &self,
        span: Option<Range<usize>>,
        champ: impl Into<String>,
        raison: impl Into<String>,
    ) -> ErreurScenario {
        ErreurScenario {
            fichier: self.fichier.to_owned(),
            position: span.map(|s| Position::dans(self.texte, s.start)),
            champ: champ.into(),
            raison: raison.into(),
        }
    }
}

/// serde's messages, and those of the reader that mirrors toml's deserializer, are English; trainers
/// read French. Known shapes are rephrased, the rest is kept after a French prefix rather than lost.
/// TOML syntax errors have their own table ([`traduire_syntaxe`]).
pub(crate) fn traduire(message: &str) -> String {
    let message = message.trim();
    if let Some(reste) = message.strip_prefix("missing field ") {
        return format!("champ obligatoire absent : {}", nom_entre_accents(reste));
    }
    if let Some(reste) = message.strip_prefix("duplicate field ") {
        return format!("champ écrit deux fois : {}", nom_entre_accents(reste));
    }
    if let Some(reste) = message.strip_prefix("unknown field ") {
        return inconnu("champ inconnu", reste);
    }
    if let Some(reste) = message.strip_prefix("unknown variant ") {
        return inconnu("valeur inconnue", reste);
    }
    if let Some(hors_limites) = entier_hors_limites(message) {
        return hors_limites;
    }
    if let Some(reste) = message.strip_prefix("invalid type: ") {
        return format!("type invalide : {}", attendu(reste));
    }
    if let Some(reste) = message.strip_prefix("invalid value: ") {
        return format!("valeur invalide : {}", attendu(reste));
    }
    if let Some(reste) = message.strip_prefix("invalid length ") {
        return format!("longueur invalide : {}", attendu(reste));
    }
    // The reader's own words (`chargement/lecteur.rs`, after toml's deserializer), for a value that
    // is neither a number nor a table where the format wants a name (`type = 3`, `type = {}`).
    match message {
        "integer number overflowed" => return "valeur hors limites : entier trop grand".to_owned(),
        "floating-point number overflowed" => {
            return "valeur hors limites : nombre décimal trop grand".to_owned()
        }
        "wanted string or table" => return "type invalide : attendu une chaîne".to_owned(),
        _ => {}
    }
    if message.starts_with("wanted exactly 1 element") {
        return "type invalide : attendu une chaîne, pas une table".to_owned();
    }
    if message.is_ascii() {
        return format!("valeur refusée ({message})");
    }
    // Already French: one of our own messages raised inside deserialisation.
    message.to_owned()
}

fn nom_entre_accents(texte: &str) -> String {
    format!("« {} »", texte.trim_matches('`'))
}

/// "`x`, expected one of `a`, `b`" → "« x » (possibles : a, b)"; "`x`, expected `M` or `F`" →
/// "« x » (possibles : M ou F)".
fn inconnu(quoi: &str, reste: &str) -> String {
    let (nom, possibles) = match reste.split_once(", expected ") {
        Some((nom, possibles)) => (nom, possibles),
        None => match reste.split_once(", there are no ") {
            Some((nom, _)) => (nom, ""),
            None => (reste, ""),
        },
    };
    let possibles = possibles
        .trim_start_matches("one of ")
        // serde's form for exactly two: "`a` or `b`".
        .replace("` or `", "` ou `")
        .replace('`', "");
    if possibles.is_empty() {
        format!("{quoi} {}", nom_entre_accents(nom))
    } else {
        format!(
            "{quoi} {} (possibles : {possibles})",
            nom_entre_accents(nom)
        )
    }
}

/// An integer of the file too big (or negative) for the field's type: serde says "invalid value:
/// integer `99999999999`, expected u32" (or "invalid type: integer `…` as i128" beyond 64 bits),
/// which reads as if the number were not positive. The reason is its size: say the bounds.
fn entier_hors_limites(message: &str) -> Option<String> {
    let reste = message
        .strip_prefix("invalid value: ")
        .or_else(|| message.strip_prefix("invalid type: "))?;
    let (trouve, attendu) = reste.split_once(", expected ")?;
    let bornes = match attendu {
        "u16" => "de 0 à 65 535",
        "u32" => "de 0 à 4 294 967 295",
        "i32" => "de -2 147 483 648 à 2 147 483 647",
        _ => return None,
    };
    let nombre = trouve.strip_prefix("integer `")?.split('`').next()?;
    Some(format!(
        "valeur hors limites : attendu un entier {bornes}, trouvé {nombre}"
    ))
}

/// "integer `3`, expected a string" → "attendu une chaîne, trouvé l'entier 3".
fn attendu(reste: &str) -> String {
    let Some((trouve, attendu)) = reste.split_once(", expected ") else {
        return reste.to_owned();
    };
    format!(
        "attendu {}, trouvé {}",
        nature(attendu),
        nature(trouve).replace('`', "")
    )
}

/// The natures serde names, in French.
fn nature(texte: &str) -> String {
    const NATURES: [(&str, &str); 14] = [
        ("a string", "une chaîne"),
        ("string ", "la chaîne "),
        ("a boolean", "un booléen"),
        ("boolean ", "le booléen "),
        ("integer ", "l'entier "),
        ("floating point ", "le nombre "),
        ("u32", "un entier positif"),
        ("u16", "un entier positif"),
        ("i32", "un entier"),
        ("usize", "un entier positif"),
        ("a sequence", "une liste"),
        ("sequence", "une liste"),
        ("map", "une table"),
        ("struct ", "une table "),
    ];
    for (anglais, francais) in NATURES {
        if let Some(reste) = texte.strip_prefix(anglais) {
            return format!("{francais}{reste}");
        }
    }
    texte.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let texte = "a = 1\nbé = 2\n";
        assert_eq!(
            Position::dans(texte, 0),
            Position {
                ligne: 1,
                colonne: 1
            }
        );
        // "bé = " is 6 bytes but 5 characters.
        assert_eq!(
            Position::dans(texte, 12),
            Position {
                ligne: 2,
                colonne: 6
            }
        );
        // Inside a multi-byte character, and past the end: clamped, never a panic.
        assert_eq!(
            Position::dans(texte, 8),
            Position {
                ligne: 2,
                colonne: 2
            }
        );
        assert_eq!(
            Position::dans(texte, 1000),
            Position {
                ligne: 3,
                colonne: 1
            }
        );
    }

    #[test]
    fn counting_on_from_the_last_offset_gives_the_positions_counted_from_the_top() {
        let texte = "[[evenements]]\nle = 2024-06-02\n\n# é\n[[evenements]]\nle = 2024-07-05\n";
        let decalages = [
            0,
            3,
            15,
            15,
            30,
            31,
            34,
            40,
            12,
            0,
            55,
            texte.len(),
            7,
            1000,
        ];
        let mut positions = Positions::new(texte);
        for decalage in decalages {
            let une_a_une = {
                let avant = &texte[..decalage.min(texte.len())];
                let debut_ligne = avant.rfind('\n').map_or(0, |i| i + 1);
                Position {
                    ligne: avant.matches('\n').count() + 1,
                    colonne: avant[debut_ligne..].chars().count() + 1,
                }
            };
            assert_eq!(positions.de(decalage), une_a_une, "décalage {decalage}");
        }
    }

    #[test]
    fn serde_messages_are_rephrased_in_french() {
        assert_eq!(
            traduire("missing field `titre`"),
            "champ obligatoire absent : « titre »"
        );
        assert_eq!(
            traduire("unknown field `candidta`, expected one of `code`, `nom`"),
            "champ inconnu « candidta » (possibles : code, nom)"
        );
        assert_eq!(
            traduire("invalid type: string \"abc\", expected u32"),
            "type invalide : attendu un entier positif, trouvé la chaîne \"abc\""
        );
        assert_eq!(
            traduire("unknown variant `X`, expected `M` or `F`"),
            "valeur inconnue « X » (possibles : M ou F)"
        );
        assert_eq!(
            traduire("invalid value: integer `99999999999`, expected u32"),
            "valeur hors limites : attendu un entier de 0 à 4 294 967 295, trouvé 99999999999"
        );
        assert_eq!(
            traduire("invalid type: integer `99999999999999999999` as i128, expected i32"),
            "valeur hors limites : attendu un entier de -2 147 483 648 à 2 147 483 647, trouvé 99999999999999999999"
        );
        assert_eq!(traduire("déjà en français"), "déjà en français");
    }
}
