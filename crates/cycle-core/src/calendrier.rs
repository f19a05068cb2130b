//! The campaign calendar: bac and rattrapage results days, Parcoursup phases, and the named milestones
//! ("lendemain des résultats du bac") a trainer or a test jumps to.
//!
//! Dates are plain `time::Date`s: the core never reads a clock, the shell tells it which day it is.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// A closed range of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Periode {
    pub debut: Date,
    pub fin: Date,
}

impl Periode {
    pub fn contient(&self, jour: Date) -> bool {
        self.debut <= jour && jour <= self.fin
    }
}

/// One summer of Parcoursup, as far as the OPI and the remontées care.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campagne {
    /// The year of the session (`codAnu`, `session`).
    pub annee: u16,
    /// Publication day of the bac results (R7: included in the "everyone is F" period).
    pub resultats_bac: Date,
    /// Publication day of the rattrapage results (R9).
    pub resultats_rattrapage: Date,
    pub phase_principale: Periode,
    pub phase_complementaire: Periode,
    /// When the VETs are open for online first registration (IA Primo), unless a formation says otherwise
    /// (R17 "VET fermée à cette date").
    pub ouverture_ia_primo: Periode,
}

/// The published calendars of `domain.md` §5, as presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PresetCampagne {
    #[serde(rename = "2019")]
    Annee2019,
    #[serde(rename = "2021")]
    Annee2021,
    #[serde(rename = "2023")]
    Annee2023,
    #[serde(rename = "2024")]
    Annee2024,
    #[serde(rename = "2025")]
    Annee2025,
}

impl PresetCampagne {
    pub const TOUS: [PresetCampagne; 5] = [
        PresetCampagne::Annee2019,
        PresetCampagne::Annee2021,
        PresetCampagne::Annee2023,
        PresetCampagne::Annee2024,
        PresetCampagne::Annee2025,
    ];

    /// The campaign of that year. Bac and rattrapage days are the published ones (`domain.md` §5; 2025's
    /// rattrapage day is an assumption: three working days after the bac, as in 2023 and 2024). Only 2024's
    /// phase dates are published; other years reuse 2024's shape (main phase from the last Thursday of May
    /// to the Friday after the bac results, complementary phase to mid-September) — an assumption.
    pub fn campagne(self) -> Campagne {
        match self {
            PresetCampagne::Annee2019 => campagne_type(2019, (Month::July, 5), (Month::July, 11)),
            PresetCampagne::Annee2021 => campagne_type(2021, (Month::July, 6), (Month::July, 9)),
            PresetCampagne::Annee2023 => campagne_type(2023, (Month::July, 4), (Month::July, 7)),
            PresetCampagne::Annee2024 => Campagne {
                annee: 2024,
                resultats_bac: jour(2024, Month::July, 8),
                resultats_rattrapage: jour(2024, Month::July, 11),
                phase_principale: Periode {
                    debut: jour(2024, Month::May, 30),
                    fin: jour(2024, Month::July, 12),
                },
                phase_complementaire: Periode {
                    debut: jour(2024, Month::June, 11),
                    fin: jour(2024, Month::September, 12),
                },
                ouverture_ia_primo: Periode {
                    debut: jour(2024, Month::May, 30),
                    fin: jour(2024, Month::September, 30),
                },
            },
            PresetCampagne::Annee2025 => campagne_type(2025, (Month::July, 4), (Month::July, 9)),
        }
    }
}

fn jour(annee: i32, mois: Month, jour: u8) -> Date {
    // The presets are constants checked by the tests below; a wrong one is a programming error.
    Date::from_calendar_date(annee, mois, jour).expect("date de preset valide")
}

fn campagne_type(annee: i32, bac: (Month, u8), rattrapage: (Month, u8)) -> Campagne {
    Campagne {
        annee: annee as u16,
        resultats_bac: jour(annee, bac.0, bac.1),
        resultats_rattrapage: jour(annee, rattrapage.0, rattrapage.1),
        phase_principale: Periode {
            debut: jour(annee, Month::May, 30),
            fin: jour(annee, bac.0, bac.1 + 4),
        },
        phase_complementaire: Periode {
            debut: jour(annee, Month::June, 11),
            fin: jour(annee, Month::September, 12),
        },
        ouverture_ia_primo: Periode {
            debut: jour(annee, Month::May, 30),
            fin: jour(annee, Month::September, 30),
        },
    }
}

/// A named day of the campaign, so that people and tests can say "lendemain des résultats du bac"
/// instead of a date that changes every year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Jalon {
    DebutPhasePrincipale,
    VeilleResultatsBac,
    ResultatsBac,
    LendemainResultatsBac,
    ResultatsRattrapage,
    LendemainResultatsRattrapage,
    FinPhasePrincipale,
    FinPhaseComplementaire,
    FinIaPrimo,
}

impl Jalon {
    pub const TOUS: [Jalon; 9] = [
        Jalon::DebutPhasePrincipale,
        Jalon::VeilleResultatsBac,
        Jalon::ResultatsBac,
        Jalon::LendemainResultatsBac,
        Jalon::ResultatsRattrapage,
        Jalon::LendemainResultatsRattrapage,
        Jalon::FinPhasePrincipale,
        Jalon::FinPhaseComplementaire,
        Jalon::FinIaPrimo,
    ];

    pub fn date(self, campagne: &Campagne) -> Date {
        let veille = |d: Date| d.previous_day().unwrap_or(d);
        let lendemain = |d: Date| d.next_day().unwrap_or(d);
        match self {
            Jalon::DebutPhasePrincipale => campagne.phase_principale.debut,
            Jalon::VeilleResultatsBac => veille(campagne.resultats_bac),
            Jalon::ResultatsBac => campagne.resultats_bac,
            Jalon::LendemainResultatsBac => lendemain(campagne.resultats_bac),
            Jalon::ResultatsRattrapage => campagne.resultats_rattrapage,
            Jalon::LendemainResultatsRattrapage => lendemain(campagne.resultats_rattrapage),
            Jalon::FinPhasePrincipale => campagne.phase_principale.fin,
            Jalon::FinPhaseComplementaire => campagne.phase_complementaire.fin,
            Jalon::FinIaPrimo => campagne.ouverture_ia_primo.fin,
        }
    }

    /// The French label shown to trainers.
    pub fn libelle(self) -> &'static str {
        match self {
            Jalon::DebutPhasePrincipale => "début de la phase principale",
            Jalon::VeilleResultatsBac => "veille des résultats du bac",
            Jalon::ResultatsBac => "jour des résultats du bac",
            Jalon::LendemainResultatsBac => "lendemain des résultats du bac",
            Jalon::ResultatsRattrapage => "jour des résultats du rattrapage",
            Jalon::LendemainResultatsRattrapage => "lendemain des résultats du rattrapage",
            Jalon::FinPhasePrincipale => "fin de la phase principale",
            Jalon::FinPhaseComplementaire => "fin de la phase complémentaire",
            Jalon::FinIaPrimo => "fermeture de l'IA Primo",
        }
    }

    /// The identifier used in scenario files and URLs (`lendemain_resultats_bac`).
    pub fn identifiant(self) -> &'static str {
        match self {
            Jalon::DebutPhasePrincipale => "debut_phase_principale",
            Jalon::VeilleResultatsBac => "veille_resultats_bac",
            Jalon::ResultatsBac => "resultats_bac",
            Jalon::LendemainResultatsBac => "lendemain_resultats_bac",
            Jalon::ResultatsRattrapage => "resultats_rattrapage",
            Jalon::LendemainResultatsRattrapage => "lendemain_resultats_rattrapage",
            Jalon::FinPhasePrincipale => "fin_phase_principale",
            Jalon::FinPhaseComplementaire => "fin_phase_complementaire",
            Jalon::FinIaPrimo => "fin_ia_primo",
        }
    }

    pub fn depuis_identifiant(texte: &str) -> Option<Jalon> {
        Jalon::TOUS.into_iter().find(|j| j.identifiant() == texte)
    }
}

/// Formats a date the French way, as trainers read it: `08/07/2024`.
/// « juillet »: the month as French writes it (the page's long dates, the loader's messages).
pub fn mois_fr(mois: Month) -> &'static str {
    match mois {
        Month::January => "janvier",
        Month::February => "février",
        Month::March => "mars",
        Month::April => "avril",
        Month::May => "mai",
        Month::June => "juin",
        Month::July => "juillet",
        Month::August => "août",
        Month::September => "septembre",
        Month::October => "octobre",
        Month::November => "novembre",
        Month::December => "décembre",
    }
}

pub fn date_fr(jour: Date) -> String {
    format!(
        "{:02}/{:02}/{}",
        jour.day(),
        u8::from(jour.month()),
        jour.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_follow_the_published_days_and_are_ordered() {
        for preset in PresetCampagne::TOUS {
            let c = preset.campagne();
            assert!(c.resultats_bac < c.resultats_rattrapage, "{preset:?}");
            assert!(c.phase_principale.contient(c.resultats_bac), "{preset:?}");
            assert!(c.ouverture_ia_primo.contient(c.resultats_rattrapage));
        }
        let c2024 = PresetCampagne::Annee2024.campagne();
        assert_eq!(date_fr(c2024.resultats_bac), "08/07/2024");
        assert_eq!(date_fr(c2024.resultats_rattrapage), "11/07/2024");
        assert_eq!(
            date_fr(PresetCampagne::Annee2019.campagne().resultats_bac),
            "05/07/2019"
        );
    }

    #[test]
    fn milestones_resolve_around_the_results_day() {
        let c = PresetCampagne::Annee2024.campagne();
        assert_eq!(date_fr(Jalon::LendemainResultatsBac.date(&c)), "09/07/2024");
        assert_eq!(date_fr(Jalon::VeilleResultatsBac.date(&c)), "07/07/2024");
        for jalon in Jalon::TOUS {
            assert_eq!(Jalon::depuis_identifiant(jalon.identifiant()), Some(jalon));
        }
    }
}
