//! The smallest university and candidates that show the rules: one Licence de droit with its three VETs.
#![allow(dead_code)]

use cycle_core::*;
use time::macros::date;

pub fn vet(etp: &str) -> Vet {
    Vet {
        cod_cge: "DRT".into(),
        cod_etp: etp.into(),
        cod_vrs_vet: 1,
        cod_dip: "DLDRT".into(),
        cod_vrs_vdi: 1,
    }
}

pub fn code(etp: &str) -> CodeVet {
    vet(etp).code()
}

pub fn universite(mode_opi: ModeOpi) -> Universite {
    Universite {
        uai: "0751234X".into(),
        nom: "Université de démonstration".into(),
        mode_opi,
        identifiants_parcoursup: Identifiants {
            login: "demo-psup".into(),
            pwd: "demo-secret".into(),
        },
        formations: vec![
            Formation {
                code_formation_psup: 23456,
                libelle: "Licence - Droit".into(),
                code_sise: "2500123".into(),
                premiere_annee: true,
                vet_oui: vet("DL1OUI"),
                oui_si_3_ans: Some(VetOuiSi {
                    vet: vet("DL1OS3"),
                    categorie: "3A".into(),
                    motif: "Licence en 3 ans avec soutien".into(),
                    cursus_amenage: "CA3".into(),
                }),
                oui_si_4_ans: Some(VetOuiSi {
                    vet: vet("DL1OS4"),
                    categorie: "4A".into(),
                    motif: "Licence en 4 ans".into(),
                    cursus_amenage: "CA4".into(),
                }),
                ouverture_ia_primo: None,
            },
            Formation {
                code_formation_psup: 34567,
                libelle: "Licence - Histoire".into(),
                code_sise: "2500456".into(),
                premiere_annee: true,
                vet_oui: Vet {
                    cod_cge: "HIS".into(),
                    ..vet("HL1OUI")
                },
                oui_si_3_ans: None,
                oui_si_4_ans: None,
                ouverture_ia_primo: None,
            },
        ],
    }
}

pub fn candidat(code_candidat: u32, resultat_bac: ResultatBac) -> Candidat {
    Candidat {
        code_candidat,
        ine: format!("{:010}A", code_candidat).into(),
        nom: "DURAND".into(),
        prenom: format!("Léa{code_candidat}").into(),
        sexe: Sexe::F,
        date_naissance: date!(2008 - 02 - 03),
        cod_etu: None,
        profil: Profil::NeoBachelier { resultat_bac },
    }
}

pub fn configuration(mode_opi: ModeOpi, candidats: Vec<Candidat>) -> Configuration {
    Configuration {
        universite: universite(mode_opi),
        campagne: PresetCampagne::Annee2024.campagne(),
        reglages: Reglages::default(),
        candidats,
        debut: date!(2024 - 06 - 01),
        connecteur: ConnecteurInitial::Valide,
    }
}

/// Runs dated events, returning the whole transcript; panics with the event on error (tests only).
pub fn jouer(
    configuration: Configuration,
    evenements: &[(time::Date, Evenement)],
) -> (Simulation, Vec<Entree>) {
    let (mut simulation, mut transcript) =
        Simulation::nouvelle(configuration).expect("configuration valide");
    for (jour, evenement) in evenements {
        transcript.extend(simulation.avancer_jusqu_au(*jour).expect("date valide"));
        transcript.extend(
            simulation
                .traiter(evenement)
                .unwrap_or_else(|e| panic!("{evenement:?}: {e}")),
        );
    }
    (simulation, transcript)
}

pub fn regles(transcript: &[Entree]) -> Vec<Regle> {
    transcript.iter().map(|e| e.regle).collect()
}

pub fn changements<'a>(transcript: &'a [Entree], nom: &str) -> Vec<&'a Entree> {
    transcript
        .iter()
        .filter(|e| matches!(&e.fait, Fait::Etat { changement, .. } if changement.nom() == nom))
        .collect()
}
