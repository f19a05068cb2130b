//! The connector test ("Tester connecteur", R6): `majInscriptionAdministrative` carrying a fixed
//! fictitious candidate (domain.md §3.1), whose 12-character INE is accepted as it is.
//!
//! A body that looks like the test — the test's INE, or Bernard Minet born 14/07/1789 — must be
//! the whole fixed identity: each field that differs is refused by name, with the expected value,
//! rather than the body being read as a real remontée (whose INE check would then blame the INE).
//! Names are compared ignoring case (assumption: Apogée stores names in capitals, and the identity
//! is fictitious, so `BERNARD` cannot be anyone else). domain.md fixes `etatInscription` 1: a test
//! carrying another state (a cancellation) is refused. It says nothing of `codeSISE`, left free.
//! The UAI must be the university's own, which only the server knows: it is not checked here.

use time::{Date, Month};

use super::remontee::MajInscriptionAdministrative;
use crate::codes::EtatInscription;
use crate::error::WireError;
use crate::validate::quoted;

pub(crate) const CODE_CANDIDAT: u32 = 1;
pub(crate) const NOM: &str = "Bernard";
pub(crate) const PRENOM: &str = "Minet";
pub(crate) const INE: &str = "0123456789AB";
pub(crate) const CODE_FORMATION_PSUP: u32 = 42;
pub(crate) const CODE_FORMATION1: &str = "42";
/// What our connector sends (the examples' value); domain.md leaves it free.
pub(crate) const CODE_SISE: u32 = 42;
pub(crate) const ETAT_INSCRIPTION: EtatInscription = EtatInscription::InscriptionPrincipale;

pub(crate) fn date_naissance() -> Date {
    // 14 July 1789 is a valid calendar date; the fallback is never taken.
    Date::from_calendar_date(1789, Month::July, 14).unwrap_or(Date::MIN)
}

/// Why a body is taken for the connector test, or `None` when it is not.
fn resemblance(request: &MajInscriptionAdministrative) -> Option<&'static str> {
    if request.ine == INE {
        Some("reconnu a l'INE fictif 0123456789AB")
    } else if same_name(&request.nom, NOM)
        && same_name(&request.prenom, PRENOM)
        && request.date_naissance == date_naissance()
    {
        Some("reconnu au candidat fictif Bernard Minet ne le 14/07/1789")
    } else {
        None
    }
}

fn same_name(received: &str, expected: &str) -> bool {
    received.eq_ignore_ascii_case(expected)
}

/// Whether `request` is the connector test; an error names the first field that differs from the
/// fixed identity when the body looks like the test without being it.
pub(crate) fn check(request: &MajInscriptionAdministrative) -> Result<bool, WireError> {
    let Some(why) = resemblance(request) else {
        return Ok(false);
    };
    let differs = |field: &str, received: String, expected: String| {
        WireError::new(
            field,
            format!("{received} au lieu de {expected} pour le test connecteur ({why})"),
        )
    };
    if request.code_candidat != CODE_CANDIDAT {
        return Err(differs(
            "codeCandidat",
            request.code_candidat.to_string(),
            CODE_CANDIDAT.to_string(),
        ));
    }
    if request.ine != INE {
        return Err(differs("ine", quoted(&request.ine), quoted(INE)));
    }
    for (field, received, expected) in [
        ("nom", &request.nom, NOM),
        ("prenom", &request.prenom, PRENOM),
    ] {
        if !same_name(received, expected) {
            return Err(differs(field, quoted(received), quoted(expected)));
        }
    }
    if request.date_naissance != date_naissance() {
        return Err(differs(
            "dateNaissance",
            crate::validate::format_jj_mm_aaaa(request.date_naissance),
            "14/07/1789".to_owned(),
        ));
    }
    if request.code_formation_psup != CODE_FORMATION_PSUP {
        return Err(differs(
            "codeFormationPsup",
            request.code_formation_psup.to_string(),
            CODE_FORMATION_PSUP.to_string(),
        ));
    }
    if request.code_formation1 != CODE_FORMATION1 {
        return Err(differs(
            "codeFormation1",
            quoted(&request.code_formation1),
            quoted(CODE_FORMATION1),
        ));
    }
    if request.etat_inscription != ETAT_INSCRIPTION {
        return Err(differs(
            "etatInscription",
            request.etat_inscription.code().to_string(),
            ETAT_INSCRIPTION.code().to_string(),
        ));
    }
    Ok(true)
}
