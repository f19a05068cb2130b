//! Synthetic cohorts: a university with many formations and a whole summer of candidates (acceptances,
//! bac outcomes, désistements, IAs, payments, cancellations), the same for the same size and seed.
//!
//! Used by the benchmarks and load tests; never by the rules themselves. The pseudo-random source is a
//! small seeded generator so that a figure in BENCHMARKS.md can be reproduced exactly.

use cycle_core::{
    Candidat, CodeVet, Configuration, ConnecteurInitial, Evenement, Formation, Identifiants,
    ModeOpi, PresetCampagne, Profil, Reglages, Reponse, ResultatBac, Sexe, Universite, Vet,
    VetOuiSi,
};
use time::{Date, Duration, Month};

/// A summer to replay: the set-up and the dated events, in date order.
pub struct Cohorte {
    pub configuration: Configuration,
    pub evenements: Vec<(Date, Evenement)>,
}

/// The numbers of one replay, to tell a benchmark did real work.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Bilan {
    pub entrees: usize,
    pub evenements_refuses: usize,
    pub opi_envoyees: usize,
    pub remontees: usize,
}

/// How many formations the synthetic university has.
pub const FORMATIONS: u32 = 20;

/// First `codeCandidat` of a cohort (1 is the connector test's).
const PREMIER_CODE: u32 = 100_000;

/// SplitMix64: tiny, seeded, good enough to spread choices evenly.
struct Hasard(u64);

impl Hasard {
    fn suivant(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn jusqu_a(&mut self, n: u32) -> u32 {
        (self.suivant() % u64::from(n)) as u32
    }

    /// True `pourcent` times in a hundred.
    fn pourcent(&mut self, pourcent: u32) -> bool {
        self.jusqu_a(100) < pourcent
    }
}

fn vet(cge: &str, etp: String) -> Vet {
    Vet {
        cod_cge: cge.into(),
        cod_etp: etp.into(),
        cod_vrs_vet: 1,
        cod_dip: format!("D{cge}").into(),
        cod_vrs_vdi: 1,
    }
}

/// A university of [`FORMATIONS`] first-year licences, each with its three VETs (R5).
pub fn universite(mode_opi: ModeOpi) -> Universite {
    let formations = (0..FORMATIONS)
        .map(|i| {
            let cge = format!("C{i:02}");
            let oui_si = |suffixe: &str, categorie: &str, motif: &str| VetOuiSi {
                vet: vet(&cge, format!("L{i:02}{suffixe}")),
                categorie: categorie.to_owned(),
                motif: motif.to_owned(),
                cursus_amenage: format!("CA{}", &categorie[..1]),
            };
            Formation {
                code_formation_psup: 10_000 + i,
                libelle: format!("Licence {i}"),
                code_sise: format!("{}", 2_500_000 + i).into(),
                premiere_annee: true,
                vet_oui: vet(&cge, format!("L{i:02}OUI")),
                oui_si_3_ans: Some(oui_si("OS3", "3A", "Licence en 3 ans avec soutien")),
                oui_si_4_ans: Some(oui_si("OS4", "4A", "Licence en 4 ans")),
                ouverture_ia_primo: None,
            }
        })
        .collect();
    Universite {
        uai: "0751234X".into(),
        nom: "Université synthétique".to_owned(),
        mode_opi,
        identifiants_parcoursup: Identifiants {
            login: "demo-psup".to_owned(),
            pwd: "demo-secret".to_owned(),
        },
        formations,
    }
}

fn jour(mois: Month, jour: u8) -> Date {
    Date::from_calendar_date(2024, mois, jour).expect("jour de 2024 valide")
}

/// `taille` candidates with 1 to 3 vœux each through the 2024 summer.
pub fn cohorte(taille: u32, graine: u64, mode_opi: ModeOpi) -> Cohorte {
    let mut hasard = Hasard(graine);
    let universite = universite(mode_opi);
    let campagne = PresetCampagne::Annee2024.campagne();
    let mut candidats = Vec::with_capacity(taille as usize);
    let mut evenements = Vec::with_capacity(taille as usize * 5);
    let juin = jour(Month::June, 1);
    for n in 0..taille {
        let code_candidat = PREMIER_CODE + n;
        let reorientation = hasard.pourcent(10);
        let profil = if reorientation {
            Profil::Reorientation
        } else {
            let tirage = hasard.jusqu_a(100);
            let resultat_bac = match tirage {
                0..=84 => ResultatBac::Admis,
                85..=89 => ResultatBac::Echec,
                90..=96 => ResultatBac::RattrapageAdmis,
                _ => ResultatBac::RattrapageEchec,
            };
            Profil::NeoBachelier { resultat_bac }
        };
        candidats.push(Candidat {
            code_candidat,
            ine: format!("{code_candidat:010}K").into(),
            nom: format!("NOM{}", n % 9973).into(),
            prenom: format!("Prenom{}", n % 997).into(),
            sexe: if n % 2 == 0 { Sexe::F } else { Sexe::M },
            date_naissance: Date::from_calendar_date(2006, Month::January, 1).expect("date valide")
                + Duration::days(i64::from(n % 700)),
            cod_etu: reorientation.then(|| format!("2{:07}", n).into()),
            profil,
        });

        // 1 to 3 distinct formations, accepted in June.
        let nombre = 1 + hasard.jusqu_a(3);
        let premiere = hasard.jusqu_a(FORMATIONS);
        let mut voeux = Vec::new();
        for k in 0..nombre {
            let formation = 10_000 + (premiere + k * 7) % FORMATIONS;
            let reponse = match hasard.jusqu_a(10) {
                0 => Reponse::OuiSi3Ans,
                1 => Reponse::OuiSi4Ans,
                _ => Reponse::Oui,
            };
            let date = juin + Duration::days(i64::from(hasard.jusqu_a(30)));
            evenements.push((
                date,
                Evenement::Acceptation {
                    candidat: code_candidat,
                    formation,
                    reponse,
                },
            ));
            voeux.push((formation, reponse, date));
        }
        let derniere_acceptation = voeux.iter().map(|v| v.2).max().unwrap_or(juin);

        // Some resign from their first vœu in early July.
        let mut restants = voeux.clone();
        if nombre > 1 && hasard.pourcent(8) {
            let (formation, _, _) = restants.remove(0);
            let date = derniere_acceptation.max(jour(Month::July, 1))
                + Duration::days(i64::from(hasard.jusqu_a(5)));
            evenements.push((
                date,
                Evenement::Desistement {
                    candidat: code_candidat,
                    formation,
                },
            ));
        }

        // Staff give a laissez-passer to a few, before the IA.
        let (formation, reponse, _) = restants[0];
        let formation = universite.formation(formation).expect("formation générée");
        let vet_du_voeu: CodeVet = formation.vet_pour(reponse).expect("VET générée").0.code();
        if hasard.pourcent(1) {
            evenements.push((
                jour(Month::July, 12),
                Evenement::LaissezPasser {
                    candidat: code_candidat,
                    vet: vet_du_voeu.clone(),
                },
            ));
        }

        // Most register after the rattrapage; some pay later; a few are cancelled in August.
        if hasard.pourcent(85) {
            let date_ia =
                campagne.resultats_rattrapage + Duration::days(i64::from(1 + hasard.jusqu_a(30)));
            let payee_tout_de_suite = hasard.pourcent(80);
            let evenement = if reorientation {
                Evenement::IaReins {
                    candidat: code_candidat,
                    vet: vet_du_voeu.clone(),
                    payee: payee_tout_de_suite,
                }
            } else {
                Evenement::IaPrimo {
                    candidat: code_candidat,
                    vet: vet_du_voeu.clone(),
                    payee: payee_tout_de_suite,
                }
            };
            evenements.push((date_ia, evenement));
            if !payee_tout_de_suite {
                evenements.push((
                    date_ia + Duration::days(3),
                    Evenement::Paiement {
                        candidat: code_candidat,
                        vet: vet_du_voeu.clone(),
                    },
                ));
            }
            if hasard.pourcent(3) {
                evenements.push((
                    date_ia + Duration::days(20),
                    Evenement::AnnulationIa {
                        candidat: code_candidat,
                        vet: vet_du_voeu,
                    },
                ));
            }
        }
    }
    // Stable: same-day events keep their generation order.
    evenements.sort_by_key(|(date, _)| *date);
    Cohorte {
        configuration: Configuration {
            universite,
            campagne,
            reglages: Reglages::default(),
            candidats,
            debut: juin,
            connecteur: ConnecteurInitial::Valide,
        },
        evenements,
    }
}

/// Replays the cohort to the end of September, handing each batch of entries to `recevoir` (which
/// may keep or drop them). Events the rules refuse (paying an IA that was refused, say) are counted.
pub fn rejouer(cohorte: &Cohorte, mut recevoir: impl FnMut(Vec<cycle_core::Entree>)) -> Bilan {
    use cycle_core::transcript::Contenu;
    use cycle_core::Fait;
    let mut bilan = Bilan::default();
    let mut compter = |entrees: Vec<cycle_core::Entree>, bilan: &mut Bilan| {
        bilan.entrees += entrees.len();
        for entree in &entrees {
            if let Fait::Message { contenu, .. } = &entree.fait {
                match contenu {
                    Contenu::Opi(_) => bilan.opi_envoyees += 1,
                    Contenu::FichiersOpi(f) => bilan.opi_envoyees += f.opi.len(),
                    Contenu::Remontee(_) => bilan.remontees += 1,
                    _ => {}
                }
            }
        }
        recevoir(entrees);
    };
    let (mut simulation, entrees) =
        cycle_core::Simulation::nouvelle(cohorte.configuration.clone()).expect("cohorte valide");
    compter(entrees, &mut bilan);
    for (date, evenement) in &cohorte.evenements {
        let entrees = simulation
            .avancer_jusqu_au(*date)
            .expect("événements dans l'ordre");
        compter(entrees, &mut bilan);
        match simulation.traiter(evenement) {
            Ok(entrees) => compter(entrees, &mut bilan),
            Err(_) => bilan.evenements_refuses += 1,
        }
    }
    let fin = jour(Month::September, 30);
    let entrees = simulation
        .avancer_jusqu_au(fin)
        .expect("fin de campagne après les événements");
    compter(entrees, &mut bilan);
    bilan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cohort_is_reproducible_and_exercises_the_whole_cycle() {
        let a = cohorte(2_000, 7, ModeOpi::Webservice);
        let b = cohorte(2_000, 7, ModeOpi::Webservice);
        assert_eq!(a.evenements, b.evenements);
        let bilan = rejouer(&a, drop);
        assert!(bilan.opi_envoyees > 2_000, "{bilan:?}");
        assert!(bilan.remontees > 1_000, "{bilan:?}");
        // Refusals exist (payments of refused IAs) but stay a minority.
        assert!(
            bilan.evenements_refuses < a.evenements.len() / 10,
            "{bilan:?}"
        );
        assert_eq!(bilan, rejouer(&b, drop));
    }
}
