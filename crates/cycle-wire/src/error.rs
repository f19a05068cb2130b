//! The one error type of the crate: where in the message, and why it was refused.
//!
//! Every decoder and every encoder reports a [`WireError`] made of a *path* (which field, element or
//! line) and a *reason* in French. Its `Display` is `path: reason`, e.g.
//! `etatInscription: 7 n'est pas un code connu (1 a 5)`, ready to be put in a `NOK` answer or shown to
//! a user as is.
//!
//! Messages are written in French without accents, like Parcoursup's own answers
//! (`Requete correctement traitee`): they travel back inside wire answers read by clients whose
//! character handling we do not control.

/// A refused message: the path of the faulty part and the reason, in French.
///
/// Path conventions, the same in every module:
/// - JSON and XML fields are dotted from the body's root, with 0-based indexes for repeated items:
///   `donneesCandidat.dateNaissance`, `[2].ine`, `_donneesOpi.voeux.item[0].codCge`;
/// - the body as a whole (not UTF-8, not JSON, not XML…) is `corps`;
/// - flat files name the file kind, the 1-based line and, when known, the 1-based column and its
///   name: `OPI_VOEUX ligne 4 colonne 8 (codDecVeu)`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(.path, .reason))]
pub struct WireError {
    path: String,
    reason: String,
}

fn render(path: &str, reason: &str) -> String {
    if path.is_empty() {
        reason.to_owned()
    } else {
        format!("{path}: {reason}")
    }
}

impl WireError {
    /// An error at `path` (see the type's doc for the conventions) for `reason`.
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        WireError {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// Where the message is wrong, e.g. `identifiant.pwd` (empty when nothing narrower than the
    /// whole message applies).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Why it is wrong, in French, e.g. `champ obligatoire absent`.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Joins a field name to the path of its parent (`""` is the root).
pub(crate) fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// The path of the `index`-th (0-based) element of the list at `parent`.
pub(crate) fn index(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// 1-based line and column (in characters) of byte `offset` in `input`, for error messages about
/// a whole body. Only the bytes before `offset` are read, so they may be followed by invalid UTF-8.
pub(crate) fn line_column(input: &[u8], offset: usize) -> (usize, usize) {
    let before = &input[..offset.min(input.len())];
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1);
    let line = 1 + before.iter().filter(|&&byte| byte == b'\n').count();
    let column = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    (line, column)
}

/// Checks that a whole body is UTF-8, naming where it is not.
pub(crate) fn utf8_body(body: &[u8]) -> Result<&str, WireError> {
    std::str::from_utf8(body).map_err(|error| {
        let (line, column) = line_column(body, error.valid_up_to());
        WireError::new(
            "corps",
            format!("UTF-8 invalide ligne {line} colonne {column}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_path_then_reason() {
        let error = WireError::new("etatInscription", "7 n'est pas un code connu (1 a 5)");
        assert_eq!(
            error.to_string(),
            "etatInscription: 7 n'est pas un code connu (1 a 5)"
        );
        assert_eq!(WireError::new("", "vide").to_string(), "vide");
    }

    #[test]
    fn line_column_counts_characters_after_the_last_newline() {
        let input = "ab\ncé\u{e9}x".as_bytes();
        assert_eq!(line_column(input, 0), (1, 1));
        assert_eq!(line_column(input, 3), (2, 1));
        // "cé" is 3 bytes, 2 characters: the next character is column 3.
        assert_eq!(line_column(input, 6), (2, 3));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let error = utf8_body(b"{\n  \"nom\": \"\xff\"}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "corps: UTF-8 invalide ligne 2 colonne 11"
        );
    }
}
