//! The university's set-up: its UAI, how it receives OPI, its Parcoursup credentials, and for each
//! Parcoursup formation the VETs it maps (R5).
//!
//! This is configuration, read-only during a simulation: nothing here changes when events happen.

use serde::{Deserialize, Serialize};
use smol_str::SmolStr;

use crate::calendrier::Periode;
use crate::erreur::ErreurVet;

/// An Apogée VET (version d'étape) with the diploma version it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Vet {
    /// `codCge`, the management centre (≤ 3 characters).
    pub cod_cge: SmolStr,
    /// `codEtp`, the étape code (≤ 6 characters).
    pub cod_etp: SmolStr,
    /// `codVrsVet`, the VET version (≤ 999).
    pub cod_vrs_vet: u16,
    /// `codDip`, the diploma.
    pub cod_dip: SmolStr,
    /// `codVrsVdi`, the diploma version.
    pub cod_vrs_vdi: u16,
}

impl Vet {
    pub fn code(&self) -> CodeVet {
        CodeVet {
            cod_etp: self.cod_etp.clone(),
            cod_vrs_vet: self.cod_vrs_vet,
        }
    }

    /// Whether this VET is the one `code` names.
    pub fn est(&self, code: &CodeVet) -> bool {
        self.cod_etp == code.cod_etp && self.cod_vrs_vet == code.cod_vrs_vet
    }
}

/// How events and scenarios name a VET: étape code + version (`DL1OUI/1`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CodeVet {
    pub cod_etp: SmolStr,
    pub cod_vrs_vet: u16,
}

impl std::fmt::Display for CodeVet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.cod_etp, self.cod_vrs_vet)
    }
}

/// A "Oui Si" VET and what registration on it carries automatically (R3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VetOuiSi {
    pub vet: Vet,
    /// `codCatOuiSi`, e.g. `3A`, `4A`.
    pub categorie: String,
    /// `mtfCat`, the motif shown on the IA.
    pub motif: String,
    /// The cursus aménagé attached to the IA for this catégorie.
    pub cursus_amenage: String,
}

/// The answer the candidate accepted in Parcoursup, which picks the VET (R5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reponse {
    Oui,
    // Written as scenario files and the admin API write it; the older spelling is still read, for
    // the journals that hold it.
    #[serde(rename = "oui_si_3_ans", alias = "oui_si3_ans")]
    OuiSi3Ans,
    #[serde(rename = "oui_si_4_ans", alias = "oui_si4_ans")]
    OuiSi4Ans,
}

impl Reponse {
    pub fn libelle(self) -> &'static str {
        match self {
            Reponse::Oui => "Oui",
            Reponse::OuiSi3Ans => "Oui Si en 3 ans",
            Reponse::OuiSi4Ans => "Oui Si en 4 ans",
        }
    }
}

/// A Parcoursup formation of the university and its VET mapping (R5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formation {
    /// `codeFormationPsup`.
    pub code_formation_psup: u32,
    pub libelle: String,
    /// `codeSISE`.
    pub code_sise: SmolStr,
    /// Only paid IAs on first-year formations are reported (R13).
    pub premiere_annee: bool,
    /// The VET of a "Oui".
    pub vet_oui: Vet,
    pub oui_si_3_ans: Option<VetOuiSi>,
    pub oui_si_4_ans: Option<VetOuiSi>,
    /// Overrides the campaign's IA Primo window for this formation's VETs (R17).
    pub ouverture_ia_primo: Option<Periode>,
}

impl Formation {
    /// The VET the vœu names for the answer given (R5), and its Oui Si data when it is one.
    pub fn vet_pour(&self, reponse: Reponse) -> Option<(&Vet, Option<&VetOuiSi>)> {
        match reponse {
            Reponse::Oui => Some((&self.vet_oui, None)),
            Reponse::OuiSi3Ans => self.oui_si_3_ans.as_ref().map(|o| (&o.vet, Some(o))),
            Reponse::OuiSi4Ans => self.oui_si_4_ans.as_ref().map(|o| (&o.vet, Some(o))),
        }
    }

    /// All the VETs this formation maps, with their Oui Si data.
    pub fn vets(&self) -> impl Iterator<Item = (&Vet, Option<&VetOuiSi>)> {
        std::iter::once((&self.vet_oui, None))
            .chain(self.oui_si_3_ans.iter().map(|o| (&o.vet, Some(o))))
            .chain(self.oui_si_4_ans.iter().map(|o| (&o.vet, Some(o))))
    }
}

/// How the university receives OPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModeOpi {
    /// Apogée's SOAP webservice `OpiMetier.mettreajourDonneesOpi_v10`, called at once (synchronous).
    Webservice,
    /// Parcoursup's JSON push `admissionCandidat` to the establishment (synchronous).
    PushJson,
    /// Flat files written once a day (asynchronous), with the second "vœux défavorables" file.
    FichiersPlats,
}

impl ModeOpi {
    pub fn libelle(self) -> &'static str {
        match self {
            ModeOpi::Webservice => "webservice OPI (SOAP)",
            ModeOpi::PushJson => "push JSON admissionCandidat",
            ModeOpi::FichiersPlats => "fichiers plats",
        }
    }
}

/// Login and password issued by Parcoursup. `Debug` never shows the password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifiants {
    pub login: String,
    pub pwd: String,
}

impl Identifiants {
    /// Whether `login` and `pwd` are these credentials, compared in constant time (for a given
    /// length) so that the time an answer takes tells a caller nothing about how close a guess was.
    pub fn sont(&self, login: &str, pwd: &str) -> bool {
        use subtle::ConstantTimeEq;
        let login = self.login.as_bytes().ct_eq(login.as_bytes());
        let pwd = self.pwd.as_bytes().ct_eq(pwd.as_bytes());
        (login & pwd).into()
    }
}

impl std::fmt::Debug for Identifiants {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identifiants")
            .field("login", &self.login)
            .field("pwd", &"***")
            .finish()
    }
}

/// The university as both sides know it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Universite {
    /// `codeEtablissementAffectation`: 7 digits and a letter.
    pub uai: SmolStr,
    pub nom: String,
    pub mode_opi: ModeOpi,
    /// The credentials Parcoursup issued to this university for its remontées.
    pub identifiants_parcoursup: Identifiants,
    pub formations: Vec<Formation>,
}

impl Universite {
    pub fn formation(&self, code_formation_psup: u32) -> Option<&Formation> {
        self.formations
            .iter()
            .find(|f| f.code_formation_psup == code_formation_psup)
    }

    /// Every VET the university maps, in the order of its formations.
    pub fn codes_vet(&self) -> impl Iterator<Item = CodeVet> + '_ {
        self.formations
            .iter()
            .flat_map(|f| f.vets().map(|(vet, _)| vet.code()))
    }

    /// The VET a person wrote: `DL1OUI/1`, or `DL1OUI` when the university maps a single version of
    /// that étape. Spaces around the parts are ignored.
    pub fn vet_ecrite(&self, texte: &str) -> Result<CodeVet, ErreurVet> {
        let ecrit = texte.trim();
        let (etape, version) = match ecrit.split_once('/') {
            Some((etape, version)) => {
                let version = version.trim();
                let numero = version
                    .parse::<u16>()
                    .map_err(|_| ErreurVet::VersionInvalide {
                        version: version.to_owned(),
                    })?;
                (etape.trim(), Some(numero))
            }
            None => (ecrit, None),
        };
        let mut trouvees: Vec<CodeVet> = self
            .codes_vet()
            .filter(|c| c.cod_etp == etape && version.is_none_or(|v| v == c.cod_vrs_vet))
            .collect();
        match trouvees.len() {
            1 => Ok(trouvees.remove(0)),
            0 => Err(ErreurVet::Inconnue {
                connues: self.codes_vet().collect(),
            }),
            _ => Err(ErreurVet::Ambigue {
                possibles: trouvees,
            }),
        }
    }

    /// The formation mapping this VET, with the VET's Oui Si data.
    pub fn formation_de_vet(
        &self,
        code: &CodeVet,
    ) -> Option<(&Formation, &Vet, Option<&VetOuiSi>)> {
        self.formations.iter().find_map(|formation| {
            formation
                .vets()
                .find(|(vet, _)| vet.est(code))
                .map(|(vet, oui_si)| (formation, vet, oui_si))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_written_as_scenario_files_write_them_and_the_old_spelling_still_reads() {
        let ecrit = serde_json::to_string(&[Reponse::Oui, Reponse::OuiSi3Ans, Reponse::OuiSi4Ans]);
        assert_eq!(ecrit.unwrap(), r#"["oui","oui_si_3_ans","oui_si_4_ans"]"#);
        let ancien: Vec<Reponse> =
            serde_json::from_str(r#"["oui_si3_ans","oui_si4_ans"]"#).unwrap();
        assert_eq!(ancien, [Reponse::OuiSi3Ans, Reponse::OuiSi4Ans]);
    }

    #[test]
    fn credentials_match_only_when_both_login_and_password_are_exact() {
        let attendus = Identifiants {
            login: "demo-psup".into(),
            pwd: "demo-secret".into(),
        };
        assert!(attendus.sont("demo-psup", "demo-secret"));
        assert!(!attendus.sont("demo-psup", "demo-secre"));
        assert!(!attendus.sont("demo-psup", "demo-secret!"));
        assert!(!attendus.sont("demo-psuP", "demo-secret"));
        assert!(!attendus.sont("", ""));
    }

    fn vet(cod_etp: &str, cod_vrs_vet: u16) -> Vet {
        Vet {
            cod_cge: "DRT".into(),
            cod_etp: cod_etp.into(),
            cod_vrs_vet,
            cod_dip: "DL".into(),
            cod_vrs_vdi: 1,
        }
    }

    fn formation(code: u32, vet_oui: Vet) -> Formation {
        Formation {
            code_formation_psup: code,
            libelle: format!("Formation {code}"),
            code_sise: "2500".into(),
            premiere_annee: true,
            vet_oui,
            oui_si_3_ans: None,
            oui_si_4_ans: None,
            ouverture_ia_primo: None,
        }
    }

    fn universite() -> Universite {
        Universite {
            uai: "0751234A".into(),
            nom: "Université".to_owned(),
            mode_opi: ModeOpi::Webservice,
            identifiants_parcoursup: Identifiants {
                login: "l".to_owned(),
                pwd: "p".to_owned(),
            },
            formations: vec![
                formation(1, vet("DL1OUI", 1)),
                formation(2, vet("CL1", 1)),
                formation(3, vet("CL1", 2)),
            ],
        }
    }

    fn code(cod_etp: &str, cod_vrs_vet: u16) -> CodeVet {
        vet(cod_etp, cod_vrs_vet).code()
    }

    #[test]
    fn a_written_vet_is_found_with_or_without_its_version() {
        let universite = universite();
        assert_eq!(universite.vet_ecrite("DL1OUI"), Ok(code("DL1OUI", 1)));
        assert_eq!(universite.vet_ecrite(" DL1OUI / 1 "), Ok(code("DL1OUI", 1)));
        assert_eq!(universite.vet_ecrite("CL1/2"), Ok(code("CL1", 2)));
    }

    #[test]
    fn a_written_vet_that_names_none_or_several_says_which_exist() {
        let universite = universite();
        let inconnue = universite.vet_ecrite("DL9XXX").unwrap_err();
        assert_eq!(
            inconnue.to_string(),
            "inconnue de l'université (VET : DL1OUI/1, CL1/1, CL1/2)"
        );
        assert_eq!(
            universite.vet_ecrite("DL1OUI/2").unwrap_err().to_string(),
            inconnue.to_string()
        );
        assert_eq!(
            universite.vet_ecrite("CL1").unwrap_err().to_string(),
            "ambiguë : précisez la version (CL1/1, CL1/2)"
        );
        assert_eq!(
            universite.vet_ecrite("DL1OUI/un"),
            Err(ErreurVet::VersionInvalide {
                version: "un".to_owned()
            })
        );
    }
}
