//! Target `fichiers_plats`: the OPI flat files (`cycle_wire::flat`) and what a connector makes of a
//! day's three files (`cycle_codec::opi::textes_en_opi`).
//!
//! The input holds the three files one after the other, separated by the byte 0x1E (ASCII "record
//! separator", which the files themselves refuse like every control character): individus, vœux,
//! vœux défavorables; a missing part is an empty file.
//!
//! Properties, on any bytes:
//! - no parser panics, and every refusal has a message;
//! - a parsed file written again parses back to the same lines;
//! - `textes_en_opi` does not panic, and when it succeeds it gives one OPI per individu line.

use cycle_codec::opi::textes_en_opi;
use cycle_core::{Formation, Identifiants, ModeOpi, Universite, Vet, VetOuiSi};
use cycle_wire::flat::{
    parse_individus, parse_voeux, parse_voeux_defavorables, write_individus, write_voeux,
    write_voeux_defavorables,
};

use crate::commun::{decoder, relire};

/// Separates the three files in a fuzz input.
pub const SEPARATEUR: u8 = 0x1E;

/// Checks the three flat-file parsers and `textes_en_opi` on `octets`.
pub fn verifier(octets: &[u8]) {
    let mut parties = octets.splitn(3, |octet| *octet == SEPARATEUR);
    let individus = parties.next().unwrap_or_default();
    let voeux = parties.next().unwrap_or_default();
    let defavorables = parties.next().unwrap_or_default();

    let lignes_individus = decoder("OPI_INDIVIDUS", || parse_individus(individus));
    if let Some(lignes) = &lignes_individus {
        relire(lignes, |l| write_individus(l), parse_individus);
    }
    if let Some(lignes) = decoder("OPI_VOEUX", || parse_voeux(voeux)) {
        relire(&lignes, |l| write_voeux(l), parse_voeux);
    }
    let lignes_defavorables = decoder("OPI_VOEUX_DEFAVORABLES", || {
        parse_voeux_defavorables(defavorables)
    });
    if let Some(lignes) = lignes_defavorables {
        relire(
            &lignes,
            |l| write_voeux_defavorables(l),
            parse_voeux_defavorables,
        );
    }

    let opi = decoder("textes_en_opi", || {
        textes_en_opi(individus, voeux, defavorables, &universite())
    });
    if let (Some(opi), Some(individus)) = (opi, lignes_individus) {
        assert_eq!(opi.len(), individus.len(), "une OPI par ligne d'individu");
    }
}

/// A university whose VETs are those of the reference examples (Droit, `DRT`/`DL1OUI`,
/// `DL1OS3`, `DL1OS4`), so that the seeds reach the VET look-up rather than stop before it.
pub fn universite() -> Universite {
    let vet = |cod_etp: &str| Vet {
        cod_cge: "DRT".into(),
        cod_etp: cod_etp.into(),
        cod_vrs_vet: 1,
        cod_dip: "DLDRT".into(),
        cod_vrs_vdi: 1,
    };
    let oui_si = |cod_etp: &str, annees: u8| VetOuiSi {
        vet: vet(cod_etp),
        categorie: format!("{annees}A"),
        motif: format!("Licence en {annees} ans"),
        cursus_amenage: format!("CA{annees}"),
    };
    Universite {
        uai: "0751234X".into(),
        nom: "Universite des fuzzers".to_owned(),
        mode_opi: ModeOpi::FichiersPlats,
        identifiants_parcoursup: Identifiants {
            login: "fuzz".to_owned(),
            pwd: "fuzz".to_owned(),
        },
        formations: vec![Formation {
            code_formation_psup: 23456,
            libelle: "Licence - Droit".to_owned(),
            code_sise: "2500123".into(),
            premiere_annee: true,
            vet_oui: vet("DL1OUI"),
            oui_si_3_ans: Some(oui_si("DL1OS3", 3)),
            oui_si_4_ans: Some(oui_si("DL1OS4", 4)),
            ouverture_ia_primo: None,
        }],
    }
}
