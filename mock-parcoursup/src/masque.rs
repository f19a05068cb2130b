//! Masks passwords in a body before it is journaled or logged.
//!
//! Works on the text, not on parsed JSON: a truncated or malformed body (`{"identifiant":
//! {"login":"l","pwd":"secr`) must be masked too, and it does not parse. The whole value that
//! follows a `"pwd"` key (any case) is replaced by `********`, whatever its JSON type, up to its end
//! or the end of the text; so is an `identifiant` (or the early API's `indentifiant`) sent as
//! anything but an object, since clients that get its shape wrong put the password in it
//! (`"login:motdepasse"`).

/// What a masked password reads as.
pub const MASQUE: &str = "********";

/// The keys whose value is masked (compared whatever the case, quotes included), and whether an
/// object value is left to be searched rather than masked whole.
const CLES_SECRETES: [(&str, bool); 3] = [
    ("\"pwd\"", false),
    ("\"identifiant\"", true),
    ("\"indentifiant\"", true),
];

/// The body as text (invalid UTF-8 replaced by U+FFFD), every password masked.
pub fn masquer(corps: &[u8]) -> String {
    let texte = String::from_utf8_lossy(corps);
    let mut sortie = String::with_capacity(texte.len());
    let mut reste: &str = &texte;
    while let Some((position, (cle, objet_fouille))) = trouver_cle_secrete(reste) {
        let apres_cle = position + cle.len();
        sortie.push_str(&reste[..apres_cle]);
        reste = &reste[apres_cle..];
        let Some(debut_valeur) = debut_de_valeur(reste) else {
            continue;
        };
        if objet_fouille && reste[debut_valeur..].starts_with('{') {
            continue;
        }
        sortie.push_str(&reste[..debut_valeur]);
        let valeur = &reste[debut_valeur..];
        let fin = fin_de_valeur(valeur);
        if valeur.starts_with('"') {
            sortie.push('"');
            sortie.push_str(MASQUE);
            if fin > 1 && valeur[..fin].ends_with('"') {
                sortie.push('"');
            }
        } else {
            sortie.push_str(MASQUE);
        }
        reste = &valeur[fin..];
    }
    sortie.push_str(reste);
    sortie
}

/// Byte offset of the next key of [`CLES_SECRETES`], case ignored, and that key. One pass over the
/// text: every key starts with a quote, so only quotes are tried (this runs on every request).
fn trouver_cle_secrete(texte: &str) -> Option<(usize, (&'static str, bool))> {
    let octets = texte.as_bytes();
    octets
        .iter()
        .enumerate()
        .filter(|(_, octet)| **octet == b'"')
        .find_map(|(position, _)| {
            let suite = &octets[position..];
            CLES_SECRETES
                .iter()
                .find(|(cle, _)| {
                    suite
                        .get(..cle.len())
                        .is_some_and(|debut| debut.eq_ignore_ascii_case(cle.as_bytes()))
                })
                .map(|(cle, objet_fouille)| (position, (*cle, *objet_fouille)))
        })
}

/// After a key: optional blanks, `:`, optional blanks; the offset of the value's first byte.
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
    (i < octets.len()).then_some(i)
}

/// Length of the JSON value at the start of `texte` (a string with its quotes, an array or object
/// up to its matching bracket, or a bare number or literal), or the whole text when it is cut.
fn fin_de_valeur(texte: &str) -> usize {
    let octets = texte.as_bytes();
    let mut profondeur = 0usize;
    let mut i = 0;
    while i < octets.len() {
        match octets[i] {
            b'"' => {
                i += 1 + fin_de_chaine(&texte[i + 1..]);
                if profondeur == 0 {
                    return (i + 1).min(octets.len());
                }
            }
            b'[' | b'{' => profondeur += 1,
            b']' | b'}' if profondeur > 0 => {
                profondeur -= 1;
                if profondeur == 0 {
                    return i + 1;
                }
            }
            b',' | b']' | b'}' if profondeur == 0 => return i,
            octet if octet.is_ascii_whitespace() && profondeur == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    octets.len()
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
    fn masks_credentials_sent_as_one_string() {
        assert_eq!(
            masquer(br#"{"identifiant": "demo-psup:demo-secret", "Indentifiant":"l:p"}"#),
            r#"{"identifiant": "********", "Indentifiant":"********"}"#
        );
        // The usual object: only its pwd is masked.
        assert_eq!(
            masquer(br#"{"identifiant": {"login": "l", "pwd": "p"}}"#),
            r#"{"identifiant": {"login": "l", "pwd": "********"}}"#
        );
    }

    #[test]
    fn masks_a_pwd_of_any_json_type() {
        assert_eq!(
            masquer(br#"{"pwd": 73914526, "a": 1}"#),
            r#"{"pwd": ********, "a": 1}"#
        );
        assert_eq!(
            masquer(br#"{"pwd":["s", "]"],"a":{"pwd":{"x":"y"}}}"#),
            r#"{"pwd":********,"a":{"pwd":********}}"#
        );
        assert_eq!(
            masquer(br#"{"identifiant": 12}"#),
            r#"{"identifiant": ********}"#
        );
    }

    #[test]
    fn leaves_other_fields_and_invalid_utf8_readable() {
        assert_eq!(
            masquer(br#"{"pwdx": 12, "pw": "a"}"#),
            r#"{"pwdx": 12, "pw": "a"}"#
        );
        assert_eq!(masquer(b"{\"nom\": \"\xff\"}"), "{\"nom\": \"\u{fffd}\"}");
    }
}
