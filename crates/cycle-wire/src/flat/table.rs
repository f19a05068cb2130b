//! The CSV mechanics every OPI flat file shares: a header line, one `;`-separated record per line,
//! and errors located by file kind, line and column. The record types decide what the cells mean.

use super::nom_fichier::TypeFichier;
use crate::error::WireError;

/// The separator between cells.
pub(crate) const SEPARATOR: char = ';';
/// An optional byte-order mark some spreadsheets write; accepted on read, never written.
const BOM: &str = "\u{feff}";

/// The layout of one file kind: its name for messages and its columns in order.
#[derive(Clone, Copy)]
pub(crate) struct Layout {
    pub(crate) kind: TypeFichier,
    pub(crate) columns: &'static [&'static str],
}

impl Layout {
    /// Where a cell is: `OPI_VOEUX ligne 4 colonne 8 (codDecVeu)`; a path that is not a column
    /// (a rule spanning several cells) is shown as it is.
    pub(crate) fn location(&self, line: usize, path: &str) -> String {
        match self.columns.iter().position(|column| *column == path) {
            Some(index) => format!(
                "{} ligne {line} colonne {} ({path})",
                self.kind.code(),
                index + 1
            ),
            None if path.is_empty() => format!("{} ligne {line}", self.kind.code()),
            None => format!("{} ligne {line} ({path})", self.kind.code()),
        }
    }

    /// Re-locates an error whose path is a column name (as the record checks report them) to
    /// its line and column.
    pub(crate) fn relocate(&self, line: usize, error: WireError) -> WireError {
        WireError::new(self.location(line, error.path()), error.reason())
    }

    /// The position of column `name`. The record types only ask for their own columns, which the
    /// debug assertion (on in tests) checks.
    fn index(&self, name: &str) -> Option<usize> {
        let index = self.columns.iter().position(|column| *column == name);
        debug_assert!(index.is_some(), "unknown column {name}");
        index
    }

    fn header(&self) -> String {
        self.columns.join(";")
    }

    /// Writes the header then one line per record, `cells` giving a record's cells by column
    /// name. A cell holding the separator is refused: no escaping rule, so that any spreadsheet
    /// or `cut -d';'` reads the file the same way (line breaks are already refused as control
    /// characters by the record checks).
    pub(crate) fn write<R>(
        &self,
        records: &[R],
        cells: impl Fn(&R, usize) -> Result<Row, WireError>,
    ) -> Result<String, WireError> {
        let mut out = self.header();
        out.push('\n');
        for (position, record) in records.iter().enumerate() {
            let line = position + 2;
            let row = cells(record, line)?;
            for (column, cell) in self.columns.iter().zip(&row.cells) {
                if cell.contains(SEPARATOR) {
                    return Err(WireError::new(
                        self.location(line, column),
                        "contient le separateur ';', interdit dans un fichier plat",
                    ));
                }
            }
            out.push_str(&row.cells.join(";"));
            out.push('\n');
        }
        Ok(out)
    }

    /// Splits a file into its data lines (header checked), each with its 1-based line number.
    pub(crate) fn read<'a>(&self, content: &'a [u8]) -> Result<Vec<Cells<'a>>, WireError> {
        let text = std::str::from_utf8(content).map_err(|error| {
            let offset = error.valid_up_to();
            let before = &content[..offset];
            let line = 1 + before.iter().filter(|&&byte| byte == b'\n').count();
            let line_start = before
                .iter()
                .rposition(|&byte| byte == b'\n')
                .map_or(0, |newline| newline + 1);
            let column = before[line_start..]
                .iter()
                .filter(|&&byte| byte == b';')
                .count();
            let path = match self.columns.get(column) {
                Some(name) => self.location(line, name),
                None => format!("{} ligne {line} colonne {}", self.kind.code(), column + 1),
            };
            WireError::new(path, "UTF-8 invalide")
        })?;
        let text = text.strip_prefix(BOM).unwrap_or(text);
        let mut lines = text
            .split('\n')
            .map(|line| line.strip_suffix('\r').unwrap_or(line));
        let header = lines.next().unwrap_or("");
        if header.is_empty() {
            return Err(WireError::new(
                self.kind.code(),
                "fichier vide, la ligne d'en-tete est attendue",
            ));
        }
        self.check_header(header)?;
        let mut rows = Vec::new();
        let body: Vec<&str> = lines.collect();
        for (position, line_text) in body.iter().enumerate() {
            let line = position + 2;
            let is_last = position + 1 == body.len();
            if line_text.is_empty() {
                if is_last {
                    break; // the newline ending the last record
                }
                return Err(WireError::new(
                    format!("{} ligne {line}", self.kind.code()),
                    "ligne vide",
                ));
            }
            let cells: Vec<&str> = line_text.split(SEPARATOR).collect();
            if cells.len() != self.columns.len() {
                return Err(WireError::new(
                    format!("{} ligne {line}", self.kind.code()),
                    format!(
                        "{} colonnes attendues, {} trouvees",
                        self.columns.len(),
                        cells.len()
                    ),
                ));
            }
            rows.push(Cells {
                layout: *self,
                line,
                cells,
            });
        }
        Ok(rows)
    }

    fn check_header(&self, header: &str) -> Result<(), WireError> {
        let found: Vec<&str> = header.split(SEPARATOR).collect();
        let version = super::VERSION_DISPOSITION;
        if found.len() != self.columns.len() {
            return Err(WireError::new(
                format!("{} ligne 1", self.kind.code()),
                format!(
                    "en-tete de {} colonnes, {} attendues (disposition V{version})",
                    found.len(),
                    self.columns.len()
                ),
            ));
        }
        for (index, (found, expected)) in found.iter().zip(self.columns).enumerate() {
            if found != expected {
                return Err(WireError::new(
                    format!("{} ligne 1 colonne {}", self.kind.code(), index + 1),
                    format!(
                        "en-tete {} inattendu, {} attendu (disposition V{version})",
                        crate::validate::quoted(found),
                        crate::validate::quoted(expected)
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The cells of one record being written, in column order.
pub(crate) struct Row {
    layout: Layout,
    cells: Vec<String>,
}

impl Row {
    pub(crate) fn new(layout: Layout) -> Self {
        Row {
            layout,
            cells: vec![String::new(); layout.columns.len()],
        }
    }

    /// Sets the cell of column `name`.
    pub(crate) fn set(&mut self, name: &str, value: impl Into<String>) {
        if let Some(index) = self.layout.index(name) {
            self.cells[index] = value.into();
        }
    }

    /// Sets the cell of column `name` when there is a value (absent is an empty cell).
    pub(crate) fn set_optional(&mut self, name: &str, value: Option<impl Into<String>>) {
        if let Some(value) = value {
            self.set(name, value);
        }
    }
}

/// The cells of one record being read.
pub(crate) struct Cells<'a> {
    layout: Layout,
    line: usize,
    cells: Vec<&'a str>,
}

impl Cells<'_> {
    /// The record's 1-based line number.
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    fn cell(&self, name: &str) -> &str {
        self.layout
            .index(name)
            .and_then(|index| self.cells.get(index))
            .copied()
            .unwrap_or("")
    }

    /// An error about column `name` of this record.
    pub(crate) fn error(&self, name: &str, reason: impl Into<String>) -> WireError {
        WireError::new(self.layout.location(self.line, name), reason)
    }

    /// A cell that must not be empty.
    pub(crate) fn text(&self, name: &str) -> Result<String, WireError> {
        match self.cell(name) {
            "" => Err(self.error(name, "valeur obligatoire absente")),
            text => Ok(text.to_owned()),
        }
    }

    /// A cell that may be empty (absent).
    pub(crate) fn optional_text(&self, name: &str) -> Option<String> {
        match self.cell(name) {
            "" => None,
            text => Some(text.to_owned()),
        }
    }

    /// A cell read with `read`, absent when empty.
    pub(crate) fn value<T>(
        &self,
        name: &str,
        read: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, WireError> {
        match self.cell(name) {
            "" => Ok(None),
            text => read(text)
                .map(Some)
                .map_err(|reason| self.error(name, reason)),
        }
    }

    /// A cell read with `read` that must not be empty.
    pub(crate) fn required_value<T>(
        &self,
        name: &str,
        read: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, WireError> {
        self.value(name, read)?
            .ok_or_else(|| self.error(name, "valeur obligatoire absente"))
    }
}
