//! Masks passwords in a body before it is journaled or logged.
//!
//! Works on the text, not on parsed JSON: a truncated or malformed body (`{"identifiant":
//! {"login":"l","pwd":"secr`) must be masked too, and it does not parse. Every string value that
//! follows a `"pwd"` key (any case) is replaced by `********`, up to its closing quote or the end.

/// What a masked password reads as.
pub const MASQUE: &str = "********";

/// The body as text (invalid UTF-8 replaced by U+FFFD), every `pwd` value masked.
pub fn masquer(corps: &[u8]) -> String {
    let texte = String::from_utf8_lossy(corps);
    let mut sortie = String::with_capacity(texte.len());
    let mut reste: &str = &texte;
    while let Some(position) = trouver_cle_pwd(reste) {
        let apres_cle = position + "\"pwd\"".len();
        sortie.push_str(&reste[..apres_cle]);
        reste = &reste[apres_cle..];
        let Some(debut_valeur) = debut_de_valeur(reste) else {
            continue;
        };
        sortie.push_str(&reste[..debut_valeur]);
        sortie.push_str(MASQUE);
        reste = &reste[debut_valeur..];
        let fin = fin_de_chaine(reste);
        reste = &reste[fin..];
    }
    sortie.push_str(reste);
    sortie
}

/// Byte offset of the next `"pwd"` key, case ignored.
fn trouver_cle_pwd(texte: &str) -> Option<usize> {
    texte
        .as_bytes()
        .windows(5)
        .position(|fenetre| fenetre.eq_ignore_ascii_case(b"\"pwd\""))
}

/// After a key: optional blanks, `:`, optional blanks, `"`; the offset just after that quote.
fn debut_de_valeur(texte: &str) -> Option<usize> {
    let octets = texte.as_bytes();
    let mut i = 0;
    let blancs = |i: &mut usize| {
        while *i < octets.len() && octets[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    blancs(&mut i);
    if octets.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    blancs(&mut i);
    if octets.get(i) != Some(&b'"') {
        return None;
    }
    Some(i + 1)
}

/// Offset of the closing quote of a JSON string whose content starts at 0 (escapes skipped), or the
/// end of the text when it is cut.
fn fin_de_chaine(texte: &str) -> usize {
    let octets = texte.as_bytes();
    let mut i = 0;
    while i < octets.len() {
        match octets[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    octets.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_every_pwd_value_whatever_the_case_and_spacing() {
        let corps = br#"{"identifiant": {"login": "demo-psup", "PWD" : "demo-secret"}, "x": {"pwd":"a\"b"}}"#;
        assert_eq!(
            masquer(corps),
            r#"{"identifiant": {"login": "demo-psup", "PWD" : "********"}, "x": {"pwd":"********"}}"#
        );
    }

    #[test]
    fn masks_a_truncated_password() {
        assert_eq!(
            masquer(br#"{"identifiant":{"login":"l","pwd":"secr"#),
            r#"{"identifiant":{"login":"l","pwd":"********"#
        );
    }

    #[test]
    fn leaves_a_pwd_that_is_not_a_string_and_invalid_utf8_readable() {
        assert_eq!(masquer(br#"{"pwd": 12}"#), r#"{"pwd": 12}"#);
        assert_eq!(masquer(b"{\"nom\": \"\xff\"}"), "{\"nom\": \"\u{fffd}\"}");
    }
}
