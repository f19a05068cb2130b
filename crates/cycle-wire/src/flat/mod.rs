//! OPI flat files of the asynchronous mode (domain.md §3.4), in a layout this project defines
//! because no public one exists. The full description, for people who produce or read the files
//! by hand, is `docs/flat-files.md`; this doc is its summary.
//!
//! **Layout V1.** Three files per delivery, UTF-8 without byte-order mark (one is accepted on
//! read), lines ending `\n` (`\r\n` accepted on read), a header line naming the columns, then one
//! record per line, cells separated by `;`:
//!
//! | kind ([`TypeFichier`]) | record | columns |
//! |---|---|---|
//! | `OPI_INDIVIDUS` | [`LigneIndividu`]: the OPI without its vœux | [`COLONNES_INDIVIDUS`] (38) |
//! | `OPI_VOEUX` | [`LigneVoeu`]: one vœu and its candidate's `codOpiIntEpo` | [`COLONNES_VOEUX`] (13) |
//! | `OPI_VOEUX_DEFAVORABLES` | [`LigneVoeu`], every `codDecVeu` being `D` (R8, R10) | [`COLONNES_VOEUX`] |
//!
//! Columns are named after the SOAP record's elements, by their path from `_donneesOpi`
//! (`individu.etatCivil.libNomPatIndOpi`), so both modes share one vocabulary and one set of field
//! rules ([`crate::opi`]). An empty cell is an absent value. Dates are `ddMMyyyy`, years `yyyy`,
//! codes as in SOAP (`F`/`S`/`D`, `O`/`N`, `M`/`F`, `D`/`P`).
//!
//! **No escaping.** A value can never hold `;` or a line break: line breaks (like every control
//! character) are refused by the field rules, and writing a value holding `;` fails with an error
//! naming its line and column, rather than relying on a quoting rule every reader would have to
//! know.
//!
//! **Names.** `{UAI}_{kind}_V{version}_{yyyyMMdd}.csv`, e.g.
//! `0751234X_OPI_INDIVIDUS_V1_20260708.csv` ([`NomFichier`]); the date sorts, the version names the
//! layout. The header line identifies the layout too: a file whose header differs is refused.
//!
//! Errors name the file kind, the line and the column: `OPI_VOEUX ligne 4 colonne 8 (codDecVeu):
//! "X" n'est pas un code connu (F, S ou D)`. Write then parse gives back identical records.
//! This module builds and reads file contents only; it never touches a file system.

mod individus;
mod nom_fichier;
mod table;
mod voeux;

pub use individus::{parse_individus, write_individus, LigneIndividu, COLONNES_INDIVIDUS};
pub use nom_fichier::{NomFichier, TypeFichier};
pub use voeux::{
    parse_voeux, parse_voeux_defavorables, write_voeux, write_voeux_defavorables, LigneVoeu,
    COLONNES_VOEUX,
};

/// The layout version this crate writes and reads.
pub const VERSION_DISPOSITION: u32 = 1;
