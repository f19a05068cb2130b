//! Resolving the names a file uses — candidates, formations, VETs, jalons, rules, days — against the
//! scenario's configuration, with an error that names the field and lists what would have been valid.

use std::ops::Range;

use cycle_core::{CodeVet, Configuration, ErreurVet, Jalon, Regle};
use serde_spanned::Spanned;
use time::{Date, Duration};

use crate::erreur::{ErreurScenario, Localisateur};
use crate::fichier::Jour;

/// What references resolve against.
pub(crate) struct Contexte<'a> {
    pub loc: Localisateur<'a>,
    pub configuration: &'a Configuration,
}

/// How a file gives a day: a date, or a jalon with an optional offset.
pub(crate) struct JourEcrit<'a> {
    pub date: Option<(Date, Option<Range<usize>>)>,
    pub jalon: Option<&'a Spanned<String>>,
    pub decalage: Option<i32>,
}

impl Contexte<'_> {
    pub fn erreur(
        &self,
        span: Option<Range<usize>>,
        champ: impl Into<String>,
        raison: impl Into<String>,
    ) -> ErreurScenario {
        self.loc.erreur(span, champ, raison)
    }

    pub fn regle(&self, texte: &Spanned<String>, champ: &str) -> Result<Regle, ErreurScenario> {
        Regle::depuis_code(texte.get_ref()).ok_or_else(|| {
            self.erreur(
                Some(texte.span()),
                champ,
                format!("règle « {} » inconnue (R1 à R17)", texte.get_ref()),
            )
        })
    }

    /// A `codeCandidat` declared in `[[candidats]]`.
    pub fn candidat(
        &self,
        code: u32,
        span: Option<Range<usize>>,
        champ: &str,
    ) -> Result<u32, ErreurScenario> {
        if self
            .configuration
            .candidats
            .iter()
            .any(|c| c.code_candidat == code)
        {
            return Ok(code);
        }
        let connus: Vec<String> = self
            .configuration
            .candidats
            .iter()
            .map(|c| c.code_candidat.to_string())
            .collect();
        let connus = if connus.is_empty() {
            "aucun candidat déclaré dans [[candidats]]".to_owned()
        } else {
            format!("candidats du scénario : {}", connus.join(", "))
        };
        Err(self.erreur(span, champ, format!("candidat {code} inconnu ({connus})")))
    }

    /// A `codeFormationPsup` of the university.
    pub fn formation(
        &self,
        code: u32,
        span: Option<Range<usize>>,
        champ: &str,
    ) -> Result<u32, ErreurScenario> {
        let universite = &self.configuration.universite;
        if universite.formation(code).is_some() {
            return Ok(code);
        }
        let connues: Vec<String> = universite
            .formations
            .iter()
            .map(|f| format!("{} {}", f.code_formation_psup, f.libelle))
            .collect();
        Err(self.erreur(
            span,
            champ,
            format!(
                "formation {code} inconnue de l'université (formations : {})",
                connues.join(", ")
            ),
        ))
    }

    /// `DL1OUI` or `DL1OUI/1`: a VET one of the university's formations maps. Without a version, the
    /// étape code must name a single VET.
    pub fn vet(&self, texte: &Spanned<String>, champ: &str) -> Result<CodeVet, ErreurScenario> {
        let ecrit = texte.get_ref().trim();
        self.configuration
            .universite
            .vet_ecrite(ecrit)
            .map_err(|erreur| {
                let raison = match erreur {
                    ErreurVet::VersionInvalide { .. } => format!("« {ecrit} » : {erreur}"),
                    ErreurVet::Inconnue { .. } | ErreurVet::Ambigue { .. } => {
                        format!("VET « {ecrit} » {erreur}")
                    }
                };
                self.erreur(Some(texte.span()), champ, raison)
            })
    }

    /// The day of an event or an expectation; `None` when neither a date nor a jalon is given.
    pub fn jour(
        &self,
        ecrit: JourEcrit,
        span: Option<Range<usize>>,
        champ: &str,
    ) -> Result<Option<Date>, ErreurScenario> {
        match (ecrit.date, ecrit.jalon, ecrit.decalage) {
            (Some(_), Some(jalon), _) => Err(self.erreur(
                Some(jalon.span()),
                format!("{champ}.jalon"),
                "« date » et « jalon » s'excluent : gardez l'un des deux",
            )),
            (_, None, Some(_)) => Err(self.erreur(
                span,
                format!("{champ}.decalage"),
                "« decalage » compte des jours après un jalon : il ne s'emploie qu'avec « jalon »",
            )),
            (Some((date, _)), None, None) => Ok(Some(date)),
            (None, Some(jalon), decalage) => {
                let jalon_trouve =
                    Jalon::depuis_identifiant(jalon.get_ref().trim()).ok_or_else(|| {
                        self.erreur(
                            Some(jalon.span()),
                            format!("{champ}.jalon"),
                            format!(
                                "jalon « {} » inconnu (possibles : {})",
                                jalon.get_ref(),
                                Jalon::TOUS.map(Jalon::identifiant).join(", ")
                            ),
                        )
                    })?;
                let base = jalon_trouve.date(&self.configuration.campagne);
                base.checked_add(Duration::days(decalage.unwrap_or(0).into()))
                    .map(Some)
                    .ok_or_else(|| {
                        self.erreur(
                            span,
                            format!("{champ}.decalage"),
                            "décalage hors calendrier",
                        )
                    })
            }
            (None, None, _) => Ok(None),
        }
    }
}

/// A spanned day, as [`JourEcrit::date`] wants it.
pub(crate) fn date_situee(jour: Option<&Spanned<Jour>>) -> Option<(Date, Option<Range<usize>>)> {
    jour.map(|j| (j.get_ref().0, Some(j.span())))
}
