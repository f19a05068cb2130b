//! Share links: what the page shows, in the URL fragment, so that a trainer can send a scenario (and
//! the day to open it on) as a plain link that works from any static host.
//!
//! Fragment forms (parameters `&`-separated, in any order):
//! - `integre=echec_bac_webservice` — a built-in scenario;
//! - `scenario=<base64url>` — a scenario's TOML text, deflated (`miniz_oxide`) then base64url without
//!   padding;
//! - `jour=2024-07-09` — optional, the day to open on.
//!
//! The fragment never reaches a server. This module only encodes and decodes; loading is
//! [`crate::Seance`]'s job.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use cycle_scenario::fichier::Jour;
use time::Date;

/// A decoded scenario text may not exceed this, so that a crafted link cannot exhaust memory.
const TAILLE_MAX: usize = 4 * 1024 * 1024;

/// Where the scenario of a link comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Integre(String),
    Texte(String),
}

/// What a link opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lien {
    pub source: Source,
    pub jour: Option<Date>,
}

/// The fragment for `lien`, without the leading `#`.
pub fn fragment(lien: &Lien) -> String {
    let mut fragment = match &lien.source {
        Source::Integre(nom) => format!("integre={nom}"),
        Source::Texte(texte) => {
            let compresse = miniz_oxide::deflate::compress_to_vec(texte.as_bytes(), 9);
            format!("scenario={}", URL_SAFE_NO_PAD.encode(compresse))
        }
    };
    if let Some(jour) = lien.jour {
        fragment.push_str(&format!("&jour={}", crate::vues::Jour(jour).iso()));
    }
    fragment
}

/// Reads a fragment (with or without its `#`). `Ok(None)` when it names no scenario (an empty
/// fragment, or an in-page anchor like `#contenu`).
pub fn lire(fragment: &str) -> Result<Option<Lien>, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut source = None;
    let mut jour = None;
    for parametre in fragment.split('&').filter(|p| !p.is_empty()) {
        let Some((cle, valeur)) = parametre.split_once('=') else {
            continue;
        };
        match cle {
            "integre" => source = Some(Source::Integre(valeur.to_owned())),
            "scenario" => source = Some(Source::Texte(decoder(valeur)?)),
            "jour" => {
                let lu = Jour::depuis_iso(valeur).ok_or_else(|| {
                    format!("lien : jour « {valeur} » n'est pas une date AAAA-MM-JJ")
                })?;
                jour = Some(lu.0);
            }
            _ => {}
        }
    }
    Ok(source.map(|source| Lien { source, jour }))
}

fn decoder(valeur: &str) -> Result<String, String> {
    let compresse = URL_SAFE_NO_PAD
        .decode(valeur)
        .map_err(|_| "lien : le scénario n'est pas en base64url (lien tronqué ?)".to_owned())?;
    let octets = miniz_oxide::inflate::decompress_to_vec_with_limit(&compresse, TAILLE_MAX)
        .map_err(|_| "lien : le scénario compressé est illisible (lien tronqué ?)".to_owned())?;
    String::from_utf8(octets).map_err(|_| "lien : le scénario n'est pas du texte UTF-8".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cycle_scenario::integres::INTEGRES;
    use time::macros::date;

    #[test]
    fn every_built_in_text_survives_a_round_trip_and_gets_smaller() {
        for integre in INTEGRES {
            let lien = Lien {
                source: Source::Texte(integre.texte.to_owned()),
                jour: Some(date!(2024 - 07 - 09)),
            };
            let fragment = fragment(&lien);
            assert!(fragment.ends_with("&jour=2024-07-09"));
            assert!(fragment.len() < integre.texte.len(), "{}", integre.nom);
            assert!(fragment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_=&".contains(c)));
            assert_eq!(lire(&format!("#{fragment}")), Ok(Some(lien)));
        }
    }

    #[test]
    fn a_built_in_link_is_readable_and_anchors_are_not_links() {
        let lien = lire("integre=nominal_f").expect("lisible").expect("lien");
        assert_eq!(lien.source, Source::Integre("nominal_f".to_owned()));
        assert_eq!(lien.jour, None);
        assert_eq!(lire("#contenu"), Ok(None));
        assert_eq!(lire(""), Ok(None));
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        assert_eq!(
            lire("scenario=%%%"),
            Err("lien : le scénario n'est pas en base64url (lien tronqué ?)".to_owned())
        );
        let complet = fragment(&Lien {
            source: Source::Texte("titre = \"t\"\n".repeat(50)),
            jour: None,
        });
        let tronque = &complet[..complet.len() / 2];
        assert!(lire(tronque).unwrap_err().contains("lien tronqué"));
        assert_eq!(
            lire("integre=nominal_f&jour=9-7-2024"),
            Err("lien : jour « 9-7-2024 » n'est pas une date AAAA-MM-JJ".to_owned())
        );
    }
}
