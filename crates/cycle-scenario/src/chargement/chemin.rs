//! The field path of a deserialisation error (`evenements[2].type`), found from the error's place in
//! the parsed document.
//!
//! toml's serde errors carry the span of the key, value or table they are about, but not its path.
//! Searching the parsed document for the innermost key, value or array item whose span holds the
//! error's span gives the path as the file writes it. This replaces a wrapper around every visitor of
//! the scenario format (`serde_path_to_error`), which weighed about a fifth of the browser build.

use std::fmt::Write;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// What a key that holds the error's span stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CleFautive {
    /// An unknown field: the key is the field the path ends with.
    Champ,
    /// An unknown variant written as a table (`type = { a = 1 }`): the key is a value of the field
    /// that holds the table, so the path ends before it.
    Variante,
}

/// The path of the innermost part of `racine` whose span holds `erreur`: empty when the error is
/// about the whole document (a missing top-level field), the table's own path when it is about a
/// table (a missing field of the first `[[candidats]]` gives `candidats[0]`).
pub(super) fn chemin_de_l_erreur(
    racine: &Spanned<DeTable>,
    erreur: &Range<usize>,
    cle_fautive: CleFautive,
) -> String {
    let mut segments = Vec::new();
    dans_table(racine.get_ref(), erreur, cle_fautive, &mut segments);
    let mut chemin = String::new();
    // Segments were pushed from the innermost out.
    for segment in segments.iter().rev() {
        match segment {
            Segment::Cle(cle) if chemin.is_empty() => chemin.push_str(cle),
            Segment::Cle(cle) => {
                chemin.push('.');
                chemin.push_str(cle);
            }
            Segment::Rang(rang) => {
                let _ = write!(chemin, "[{rang}]");
            }
        }
    }
    chemin
}

enum Segment<'a> {
    Cle(&'a str),
    Rang(usize),
}

/// Whether the error lies in `table`; if so, pushes the rest of its path, innermost first.
fn dans_table<'a>(
    table: &'a DeTable,
    erreur: &Range<usize>,
    cle_fautive: CleFautive,
    segments: &mut Vec<Segment<'a>>,
) -> bool {
    // A key is checked first: an unknown field is reported on its key, which may sit inside its
    // table item's span (`[[candidtas]]`).
    if let Some((cle, _)) = table.iter().find(|(cle, _)| contient(&cle.span(), erreur)) {
        if cle_fautive == CleFautive::Champ {
            segments.push(Segment::Cle(cle.get_ref()));
        }
        return true;
    }
    // Children before their parents: a table's span need not cover its children (`[universite]`
    // spans its header, while `[[universite.formations]]` lies further down the file).
    let trouve = table
        .iter()
        .find(|(_, valeur)| dans_valeur(valeur.get_ref(), erreur, cle_fautive, segments))
        .or_else(|| {
            table
                .iter()
                .find(|(_, valeur)| contient(&valeur.span(), erreur))
        });
    match trouve {
        Some((cle, _)) => {
            segments.push(Segment::Cle(cle.get_ref()));
            true
        }
        None => false,
    }
}

/// Whether the error lies inside `valeur` (rather than on it); if so, pushes the rest of its path.
fn dans_valeur<'a>(
    valeur: &'a DeValue,
    erreur: &Range<usize>,
    cle_fautive: CleFautive,
    segments: &mut Vec<Segment<'a>>,
) -> bool {
    match valeur {
        DeValue::Table(table) => dans_table(table, erreur, cle_fautive, segments),
        DeValue::Array(liste) => {
            let trouve = liste
                .iter()
                .position(|element| dans_valeur(element.get_ref(), erreur, cle_fautive, segments))
                .or_else(|| {
                    liste
                        .iter()
                        .position(|element| contient(&element.span(), erreur))
                });
            match trouve {
                Some(rang) => {
                    segments.push(Segment::Rang(rang));
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

/// Whether the error's span lies within `span`. An empty error span is toml's way of pointing at the
/// whole document (a missing top-level field): it lies in no key, even the first one.
fn contient(span: &Range<usize>, erreur: &Range<usize>) -> bool {
    !erreur.is_empty() && span.start <= erreur.start && erreur.end <= span.end
}
