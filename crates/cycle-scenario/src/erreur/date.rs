//! Why a text is not a day: written in another form, or in the right form but naming a day that does
//! not exist. Both ways of writing a day (a TOML date, a string) give the same reason.

use cycle_core::calendrier::mois_fr;
use time::Month;

/// The reason `texte` is not a day `AAAA-MM-JJ`, in French.
pub(crate) fn pas_une_date(texte: &str) -> String {
    let texte = texte.trim();
    let mal_ecrite =
        || format!("« {texte} » n'est pas une date AAAA-MM-JJ (par exemple 2024-07-09)");
    let Some((annee, mois, jour)) = chiffres(texte) else {
        return mal_ecrite();
    };
    let Ok(mois_lu) = Month::try_from(mois) else {
        return format!("« {texte} » : il n'y a pas de mois {mois:02} (01 à 12)");
    };
    let longueur = mois_lu.length(annee);
    if jour == 0 || jour > longueur {
        return format!(
            "le {jour:02}/{mois:02}/{annee} n'existe pas : {} {annee} a {longueur} jours",
            mois_fr(mois_lu)
        );
    }
    // The form and the day are right: what is wrong is elsewhere (a time after it…).
    mal_ecrite()
}

/// `2024-02-30` → (2024, 2, 30): four, two and two digits, whatever their values.
fn chiffres(texte: &str) -> Option<(i32, u8, u8)> {
    let mut parties = texte.split('-');
    let (annee, mois, jour) = (parties.next()?, parties.next()?, parties.next()?);
    let en_chiffres = |partie: &str, longueur: usize| {
        partie.len() == longueur && partie.bytes().all(|b| b.is_ascii_digit())
    };
    if parties.next().is_some()
        || !en_chiffres(annee, 4)
        || !en_chiffres(mois, 2)
        || !en_chiffres(jour, 2)
    {
        return None;
    }
    Some((annee.parse().ok()?, mois.parse().ok()?, jour.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_that_does_not_exist_is_told_from_a_misformatted_one() {
        assert_eq!(
            pas_une_date("2024-02-30"),
            "le 30/02/2024 n'existe pas : février 2024 a 29 jours"
        );
        assert_eq!(
            pas_une_date("2023-02-29"),
            "le 29/02/2023 n'existe pas : février 2023 a 28 jours"
        );
        assert_eq!(
            pas_une_date("2024-06-00"),
            "le 00/06/2024 n'existe pas : juin 2024 a 30 jours"
        );
        assert_eq!(
            pas_une_date("2024-13-01"),
            "« 2024-13-01 » : il n'y a pas de mois 13 (01 à 12)"
        );
        for mal_ecrite in [
            "2024-6-01",
            "1er juin",
            "2024-06-01T10:00:00",
            "",
            "2024-06-01-02",
        ] {
            assert_eq!(
                pas_une_date(mal_ecrite),
                format!("« {mal_ecrite} » n'est pas une date AAAA-MM-JJ (par exemple 2024-07-09)")
            );
        }
    }
}
