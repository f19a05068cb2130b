//! `serialize_with` helpers writing values in their wire form (dates as text, flags as 0/1).
//!
//! Only serialization lives here: every decoder reads by hand so that it can name the refused field
//! and give a French reason, which serde's derived `Deserialize` cannot do.

use serde::Serializer;
use time::{Date, PrimitiveDateTime};

use crate::codes::EtatInscription;
use crate::validate;

/// `dd/MM/yyyy`.
pub(crate) fn date_jj_mm_aaaa<S: Serializer>(
    date: &Date,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&validate::format_jj_mm_aaaa(*date))
}

/// `ddMMyyyy`.
pub(crate) fn date_jjmmaaaa<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&validate::format_jjmmaaaa(*date))
}

/// `dd/MM/yyyy HH:mm`, or `""` when unknown (as Parcoursup sends it).
pub(crate) fn date_heure_ou_vide<S: Serializer>(
    moment: &Option<PrimitiveDateTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match moment {
        Some(moment) => serializer.serialize_str(&validate::format_jj_mm_aaaa_hh_mm(*moment)),
        None => serializer.serialize_str(""),
    }
}

/// `1` or `0`.
pub(crate) fn booleen_0_1<S: Serializer>(flag: &bool, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u8(u8::from(*flag))
}

/// The registration state, `0` when there is none yet.
pub(crate) fn etat_ou_0<S: Serializer>(
    etat: &Option<EtatInscription>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_u8(etat.map_or(0, EtatInscription::code))
}
