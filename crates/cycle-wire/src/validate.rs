//! Field validators shared by every wire format: UAI, INE, dates, years, lengths, free text.
//!
//! Each validator looks at one value and, when it refuses it, returns the French *reason* only; the
//! caller knows where the value came from and turns it into a [`WireError`] with the path.
//! A crate-internal `FieldCheck` does that pairing for the `check` methods of the message types.
//!
//! These are *syntactic* checks (shape, length, real calendar date). Whether a code exists in
//! Apogée or a candidate is known is the rules engine's business, never this module's.

use time::{Date, Month, PrimitiveDateTime, Time};

use crate::error::{join, WireError};

/// Quotes a value for a message the way JSON would show it, so that empty or blank values stay
/// visible (`""`, `" "`).
pub(crate) fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
}

/// An établissement code (UAI, ex-RNE): 7 digits then one upper-case letter, e.g. `0751234X`.
pub fn uai(value: &str) -> Result<(), String> {
    let bytes = value.as_bytes();
    let shaped = bytes.len() == 8
        && bytes[..7].iter().all(u8::is_ascii_digit)
        && bytes[7].is_ascii_uppercase();
    if shaped {
        Ok(())
    } else {
        Err(format!(
            "{} n'est pas un UAI (7 chiffres puis une lettre majuscule)",
            quoted(value)
        ))
    }
}

/// A student national identifier (INE): 11 characters, 10 digits or upper-case letters then a key
/// digit or letter, e.g. `123456789AB`. The key is not recomputed: there are several INE families
/// with different key rules and the simulator only needs the shape.
pub fn ine(value: &str) -> Result<(), String> {
    let shaped = value.len() == 11
        && value
            .bytes()
            .all(|byte| byte.is_ascii_digit() || byte.is_ascii_uppercase());
    if shaped {
        Ok(())
    } else {
        Err(format!(
            "{} n'est pas un INE (11 caracteres : 10 chiffres ou lettres majuscules puis une cle)",
            quoted(value)
        ))
    }
}

/// A date written `dd/MM/yyyy` (Parcoursup's JSON), e.g. `14/07/1789`.
pub fn date_jj_mm_aaaa(value: &str) -> Result<Date, String> {
    let shaped = value.len() == 10 && value.as_bytes()[2] == b'/' && value.as_bytes()[5] == b'/';
    if !shaped {
        return Err(format!("{} n'est pas au format JJ/MM/AAAA", quoted(value)));
    }
    calendar_date(
        value,
        &value[0..2],
        &value[3..5],
        &value[6..10],
        "JJ/MM/AAAA",
    )
}

/// Writes a date as `dd/MM/yyyy`.
pub fn format_jj_mm_aaaa(date: Date) -> String {
    format!(
        "{:02}/{:02}/{:04}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// A date written `ddMMyyyy` (Apogée's SOAP and the flat files), e.g. `03022008`.
pub fn date_jjmmaaaa(value: &str) -> Result<Date, String> {
    if value.len() != 8 || !value.is_ascii() {
        return Err(format!("{} n'est pas au format JJMMAAAA", quoted(value)));
    }
    calendar_date(value, &value[0..2], &value[2..4], &value[4..8], "JJMMAAAA")
}

/// Writes a date as `ddMMyyyy`.
pub fn format_jjmmaaaa(date: Date) -> String {
    format!(
        "{:02}{:02}{:04}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// A date written `yyyyMMdd` (the flat files' names, so that they sort by date), e.g. `20260708`.
pub fn date_aaaammjj(value: &str) -> Result<Date, String> {
    if value.len() != 8 || !value.is_ascii() {
        return Err(format!("{} n'est pas au format AAAAMMJJ", quoted(value)));
    }
    calendar_date(value, &value[6..8], &value[4..6], &value[0..4], "AAAAMMJJ")
}

/// Writes a date as `yyyyMMdd`.
pub fn format_aaaammjj(date: Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A local date and time written `dd/MM/yyyy HH:mm` (Parcoursup's `dateReponse`, Europe/Paris).
pub fn date_heure_jj_mm_aaaa_hh_mm(value: &str) -> Result<PrimitiveDateTime, String> {
    let expected = "JJ/MM/AAAA HH:MM";
    let shaped = value.len() == 16
        && value.is_ascii()
        && value.as_bytes()[10] == b' '
        && value.as_bytes()[13] == b':';
    if !shaped {
        return Err(format!("{} n'est pas au format {expected}", quoted(value)));
    }
    let date = date_jj_mm_aaaa(&value[..10]).map_err(|_| not_real(value, expected))?;
    let hour = digits_to_u8(&value[11..13]).ok_or_else(|| not_shaped(value, expected))?;
    let minute = digits_to_u8(&value[14..16]).ok_or_else(|| not_shaped(value, expected))?;
    let time = Time::from_hms(hour, minute, 0).map_err(|_| not_real(value, expected))?;
    Ok(PrimitiveDateTime::new(date, time))
}

/// Writes a local date and time as `dd/MM/yyyy HH:mm`.
pub fn format_jj_mm_aaaa_hh_mm(moment: PrimitiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        format_jj_mm_aaaa(moment.date()),
        moment.hour(),
        moment.minute()
    )
}

/// A four-digit year, e.g. `2026`.
pub fn annee(value: &str) -> Result<u16, String> {
    if value.len() == 4 && value.bytes().all(|byte| byte.is_ascii_digit()) {
        value
            .parse()
            .map_err(|_| format!("{} n'est pas une annee AAAA", quoted(value)))
    } else {
        Err(format!("{} n'est pas une annee AAAA", quoted(value)))
    }
}

/// Checks a year held as a number can be written with four digits.
pub fn annee_valeur(value: u32) -> Result<(), String> {
    if (1000..=9999).contains(&value) {
        Ok(())
    } else {
        Err(format!("{value} n'est pas une annee a 4 chiffres"))
    }
}

/// An unsigned integer written with ASCII digits only (no sign, no blank), e.g. a VET version.
pub fn entier(value: &str) -> Result<u32, String> {
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        value
            .parse()
            .map_err(|_| format!("{} depasse la valeur maximale {}", value, u32::MAX))
    } else {
        Err(format!("{} n'est pas un entier positif", quoted(value)))
    }
}

/// A number at least 1 (Parcoursup's dossier and formation numbers).
pub fn strictement_positif(value: u32) -> Result<(), String> {
    if value == 0 {
        Err("doit etre un entier strictement positif, recu 0".to_owned())
    } else {
        Ok(())
    }
}

/// Free text: not empty, and without control characters (tabs and line breaks included), which no
/// Apogée or Parcoursup field holds and which XML and the flat files cannot carry faithfully.
pub fn texte(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("ne doit pas etre vide".to_owned());
    }
    texte_ou_vide(value)
}

/// Like [`texte`], but the empty string is allowed (Parcoursup sends `""` for an unknown value).
pub fn texte_ou_vide(value: &str) -> Result<(), String> {
    match value.chars().find(|character| character.is_control()) {
        Some(control) => Err(format!(
            "contient le caractere de controle U+{:04X}, interdit",
            u32::from(control)
        )),
        None => Ok(()),
    }
}

/// At most `max` characters (Unicode scalar values, as Apogée counts them in its UTF-8 columns).
pub fn longueur_max(value: &str, max: usize) -> Result<(), String> {
    let length = value.chars().count();
    if length <= max {
        Ok(())
    } else {
        Err(format!(
            "{} depasse {max} caracteres ({length})",
            quoted(value)
        ))
    }
}

/// Highest VET or VDI version number Apogée accepts.
pub const VERSION_MAX: u32 = 999;

/// A VET or VDI version: digits, at most [`VERSION_MAX`].
pub fn version(text: &str) -> Result<u16, String> {
    let number = entier(text)?;
    valeur_max(number, VERSION_MAX)?;
    u16::try_from(number).map_err(|_| format!("{number} depasse la valeur maximale {VERSION_MAX}"))
}

/// A number not above `max`, e.g. a VET version (≤ 999).
pub fn valeur_max(value: u32, max: u32) -> Result<(), String> {
    if value <= max {
        Ok(())
    } else {
        Err(format!("{value} depasse la valeur maximale {max}"))
    }
}

fn calendar_date(
    whole: &str,
    day: &str,
    month: &str,
    year: &str,
    expected: &str,
) -> Result<Date, String> {
    let day = digits_to_u8(day).ok_or_else(|| not_shaped(whole, expected))?;
    let month = digits_to_u8(month).ok_or_else(|| not_shaped(whole, expected))?;
    let year: i32 = if year.bytes().all(|byte| byte.is_ascii_digit()) {
        year.parse().map_err(|_| not_shaped(whole, expected))?
    } else {
        return Err(not_shaped(whole, expected));
    };
    let month = Month::try_from(month).map_err(|_| not_real(whole, expected))?;
    Date::from_calendar_date(year, month, day).map_err(|_| not_real(whole, expected))
}

fn digits_to_u8(two: &str) -> Option<u8> {
    if two.len() == 2 && two.bytes().all(|byte| byte.is_ascii_digit()) {
        two.parse().ok()
    } else {
        None
    }
}

fn not_shaped(value: &str, expected: &str) -> String {
    format!("{} n'est pas au format {expected}", quoted(value))
}

fn not_real(value: &str, expected: &str) -> String {
    format!(
        "{} n'est pas une date reelle du calendrier ({expected})",
        quoted(value)
    )
}

/// Checks the fields of one message part, naming each refused field under the part's path.
///
/// The message types' `check` methods are written with it, so that decoding (which calls `check`
/// after reading) and encoding (which calls it before writing) refuse exactly the same values.
pub(crate) struct FieldCheck<'a> {
    at: &'a str,
}

impl<'a> FieldCheck<'a> {
    /// Checks fields of the part found at `at` (`""` for the root).
    pub(crate) fn at(at: &'a str) -> Self {
        FieldCheck { at }
    }

    /// Turns a validator's verdict on field `name` into a located error.
    pub(crate) fn field<T>(&self, name: &str, verdict: Result<T, String>) -> Result<T, WireError> {
        verdict.map_err(|reason| WireError::new(join(self.at, name), reason))
    }

    /// A required free text field of at most `max` characters (no limit when `None`).
    pub(crate) fn text(
        &self,
        name: &str,
        value: &str,
        max: Option<usize>,
    ) -> Result<(), WireError> {
        self.field(name, texte(value))?;
        match max {
            Some(max) => self.field(name, longueur_max(value, max)),
            None => Ok(()),
        }
    }

    /// An optional free text field: when present it must be a non-empty text (absence is `None`,
    /// never `Some("")`, so that every format writes and reads it back the same way).
    pub(crate) fn optional_text(
        &self,
        name: &str,
        value: Option<&str>,
        max: Option<usize>,
    ) -> Result<(), WireError> {
        match value {
            Some(value) => self.text(name, value, max),
            None => Ok(()),
        }
    }

    /// A text that Parcoursup may send empty (`""` meaning unknown).
    pub(crate) fn text_or_empty(&self, name: &str, value: &str) -> Result<(), WireError> {
        self.field(name, texte_ou_vide(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn uai_is_seven_digits_and_a_capital_letter() {
        assert_eq!(uai("0751234X"), Ok(()));
        for refused in [
            "0751234x",
            "075123X",
            "07512345X",
            "A751234X",
            "",
            "0751234",
        ] {
            assert_eq!(
                uai(refused),
                Err(format!(
                    "{} n'est pas un UAI (7 chiffres puis une lettre majuscule)",
                    quoted(refused)
                )),
                "{refused}"
            );
        }
    }

    #[test]
    fn ine_is_eleven_capital_alphanumerics() {
        assert_eq!(ine("123456789AB"), Ok(()));
        assert_eq!(ine("0123456789A"), Ok(()));
        for refused in [
            "0123456789AB",
            "123456789ab",
            "12345678-AB",
            "é23456789AB",
            "",
        ] {
            assert!(ine(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn slashed_dates_are_real_calendar_dates() {
        assert_eq!(date_jj_mm_aaaa("14/07/1789"), Ok(date!(1789 - 07 - 14)));
        assert_eq!(date_jj_mm_aaaa("29/02/2024"), Ok(date!(2024 - 02 - 29)));
        assert_eq!(
            date_jj_mm_aaaa("31/02/2026"),
            Err("\"31/02/2026\" n'est pas une date reelle du calendrier (JJ/MM/AAAA)".into())
        );
        assert_eq!(
            date_jj_mm_aaaa("29/02/2025"),
            Err("\"29/02/2025\" n'est pas une date reelle du calendrier (JJ/MM/AAAA)".into())
        );
        assert_eq!(
            date_jj_mm_aaaa("01/13/2026"),
            Err("\"01/13/2026\" n'est pas une date reelle du calendrier (JJ/MM/AAAA)".into())
        );
        for refused in [
            "2008-02-03",
            "3/2/2008",
            "03/02/08",
            "0a/02/2008",
            "03/02/+008",
        ] {
            assert_eq!(
                date_jj_mm_aaaa(refused),
                Err(format!(
                    "{} n'est pas au format JJ/MM/AAAA",
                    quoted(refused)
                )),
                "{refused}"
            );
        }
        assert_eq!(format_jj_mm_aaaa(date!(1789 - 07 - 14)), "14/07/1789");
    }

    #[test]
    fn compact_dates_are_real_calendar_dates() {
        assert_eq!(date_jjmmaaaa("03022008"), Ok(date!(2008 - 02 - 03)));
        assert_eq!(
            date_jjmmaaaa("31042026"),
            Err("\"31042026\" n'est pas une date reelle du calendrier (JJMMAAAA)".into())
        );
        assert_eq!(
            date_jjmmaaaa("03/02/2008"),
            Err("\"03/02/2008\" n'est pas au format JJMMAAAA".into())
        );
        // Eight bytes but not eight ASCII characters: refused, never sliced inside a character.
        assert_eq!(
            date_jjmmaaaa("0302é08"),
            Err("\"0302é08\" n'est pas au format JJMMAAAA".into())
        );
        assert_eq!(format_jjmmaaaa(date!(0999 - 01 - 05)), "05010999");
        assert_eq!(date_aaaammjj("20260708"), Ok(date!(2026 - 07 - 08)));
        assert_eq!(
            date_aaaammjj("20260230"),
            Err("\"20260230\" n'est pas une date reelle du calendrier (AAAAMMJJ)".into())
        );
        assert_eq!(format_aaaammjj(date!(2026 - 07 - 08)), "20260708");
    }

    #[test]
    fn reply_moments_have_real_hours() {
        assert_eq!(
            date_heure_jj_mm_aaaa_hh_mm("04/06/2026 18:42"),
            Ok(datetime!(2026 - 06 - 04 18:42))
        );
        assert_eq!(
            date_heure_jj_mm_aaaa_hh_mm("04/06/2026 24:00"),
            Err(
                "\"04/06/2026 24:00\" n'est pas une date reelle du calendrier (JJ/MM/AAAA HH:MM)"
                    .into()
            )
        );
        assert_eq!(
            date_heure_jj_mm_aaaa_hh_mm("04/06/2026"),
            Err("\"04/06/2026\" n'est pas au format JJ/MM/AAAA HH:MM".into())
        );
        assert_eq!(
            format_jj_mm_aaaa_hh_mm(datetime!(2026 - 06 - 04 08:05)),
            "04/06/2026 08:05"
        );
    }

    #[test]
    fn text_refuses_empty_and_control_characters() {
        assert_eq!(texte("Léa"), Ok(()));
        assert_eq!(texte(""), Err("ne doit pas etre vide".into()));
        assert_eq!(texte_ou_vide(""), Ok(()));
        assert_eq!(
            texte("a\nb"),
            Err("contient le caractere de controle U+000A, interdit".into())
        );
        assert_eq!(longueur_max("éé", 2), Ok(()));
        assert_eq!(
            longueur_max("ééé", 2),
            Err("\"ééé\" depasse 2 caracteres (3)".into())
        );
    }

    #[test]
    fn numbers_and_years() {
        assert_eq!(entier("042"), Ok(42));
        assert_eq!(
            entier("+1"),
            Err("\"+1\" n'est pas un entier positif".into())
        );
        assert_eq!(
            entier("99999999999"),
            Err("99999999999 depasse la valeur maximale 4294967295".into())
        );
        assert_eq!(annee("2026"), Ok(2026));
        assert_eq!(annee("26"), Err("\"26\" n'est pas une annee AAAA".into()));
        assert_eq!(
            annee_valeur(999),
            Err("999 n'est pas une annee a 4 chiffres".into())
        );
        assert_eq!(
            valeur_max(1000, 999),
            Err("1000 depasse la valeur maximale 999".into())
        );
    }
}
