//! The demonstration university every scenario starts from unless it says otherwise; the mock
//! server's demo and the benchmarks reuse it.
//!
//! It is the smallest set-up that shows every rule: a Licence de droit with its three VETs (R3, R5),
//! a Licence d'histoire with a "Oui" VET only, and a second-year formation whose paid IAs are not
//! reported (R13).

use cycle_core::{Formation, Identifiants, ModeOpi, Universite, Vet, VetOuiSi};

/// UAI of the demonstration university.
pub const UAI_DEMO: &str = "0751234X";
/// The credentials Parcoursup issued to the demonstration university.
pub const LOGIN_DEMO: &str = "demo-psup";
pub const MOT_DE_PASSE_DEMO: &str = "demo-secret";

/// `codeFormationPsup` of the demonstration formations.
pub const FORMATION_DROIT: u32 = 23456;
pub const FORMATION_HISTOIRE: u32 = 34567;
pub const FORMATION_DROIT_L2: u32 = 45678;

fn vet(cod_cge: &str, cod_etp: &str, cod_dip: &str) -> Vet {
    Vet {
        cod_cge: cod_cge.into(),
        cod_etp: cod_etp.into(),
        cod_vrs_vet: 1,
        cod_dip: cod_dip.into(),
        cod_vrs_vdi: 1,
    }
}

/// The demonstration university, receiving OPI through Apogée's webservice (set `mode_opi` for
/// another mode).
///
/// | formation | code | VETs |
/// |---|---|---|
/// | Licence - Droit | 23456 | `DL1OUI` (Oui), `DL1OS3` (Oui Si 3 ans, catégorie 3A, cursus CA3), `DL1OS4` (Oui Si 4 ans, 4A, CA4) |
/// | Licence - Histoire | 34567 | `HL1OUI` (Oui) |
/// | Licence 2 - Droit (not first year) | 45678 | `DL2OUI` (Oui) |
pub fn universite_demo() -> Universite {
    Universite {
        uai: UAI_DEMO.into(),
        nom: "Université de démonstration".to_owned(),
        mode_opi: ModeOpi::Webservice,
        identifiants_parcoursup: Identifiants {
            login: LOGIN_DEMO.to_owned(),
            pwd: MOT_DE_PASSE_DEMO.to_owned(),
        },
        formations: vec![
            Formation {
                code_formation_psup: FORMATION_DROIT,
                libelle: "Licence - Droit".to_owned(),
                code_sise: "2500123".into(),
                premiere_annee: true,
                vet_oui: vet("DRT", "DL1OUI", "DLDRT"),
                oui_si_3_ans: Some(VetOuiSi {
                    vet: vet("DRT", "DL1OS3", "DLDRT"),
                    categorie: "3A".to_owned(),
                    motif: "Licence en 3 ans avec accompagnement".to_owned(),
                    cursus_amenage: "CA3".to_owned(),
                }),
                oui_si_4_ans: Some(VetOuiSi {
                    vet: vet("DRT", "DL1OS4", "DLDRT"),
                    categorie: "4A".to_owned(),
                    motif: "Licence en 4 ans avec remise à niveau".to_owned(),
                    cursus_amenage: "CA4".to_owned(),
                }),
                ouverture_ia_primo: None,
            },
            Formation {
                code_formation_psup: FORMATION_HISTOIRE,
                libelle: "Licence - Histoire".to_owned(),
                code_sise: "2500456".into(),
                premiere_annee: true,
                vet_oui: vet("HIS", "HL1OUI", "DLHIS"),
                oui_si_3_ans: None,
                oui_si_4_ans: None,
                ouverture_ia_primo: None,
            },
            Formation {
                code_formation_psup: FORMATION_DROIT_L2,
                libelle: "Licence 2 - Droit (accès en deuxième année)".to_owned(),
                code_sise: "2500124".into(),
                premiere_annee: false,
                vet_oui: vet("DRT", "DL2OUI", "DLDRT"),
                oui_si_3_ans: None,
                oui_si_4_ans: None,
                ouverture_ia_primo: None,
            },
        ],
    }
}
