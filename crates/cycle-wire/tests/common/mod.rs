//! Generators of valid OPI records for the SOAP and flat-file round-trip properties, and the
//! reference record of the example files.

#![allow(dead_code)] // each test binary uses a part of it

use cycle_wire::codes::{CodeDecision, Sexe, Temoin, TypeLieuNaissance};
use cycle_wire::opi::{
    Adresse, Bac, DonneesNaissance, DonneesOpiV10, DonneesPersonnelles, EtatCivil, Individu, Voeu,
};
use proptest::prelude::*;
use time::macros::date;

/// A text as Apogée may hold it: any printable Unicode, markup characters included, but no `;`
/// (the flat files' separator, refused there and tested separately).
pub fn texte(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[^;\\p{{C}}]{{1,{max}}}")).expect("valid regex")
}

pub fn optional_texte(max: usize) -> impl Strategy<Value = Option<String>> {
    prop::option::of(texte(max))
}

pub fn date() -> impl Strategy<Value = time::Date> {
    (1900i32..2100, 1u16..=365).prop_map(|(year, day)| {
        time::Date::from_ordinal_date(year, day).expect("valid ordinal date")
    })
}

pub fn adresse() -> impl Strategy<Value = Adresse> {
    (
        optional_texte(5),
        optional_texte(5),
        optional_texte(3),
        optional_texte(32),
        optional_texte(32),
        optional_texte(32),
        optional_texte(15),
    )
        .prop_map(
            |(cod_bdi, cod_com, cod_pay, lib1, lib2, lib3, num_tel)| Adresse {
                cod_bdi,
                cod_com,
                cod_pay,
                lib1,
                lib2,
                lib3,
                num_tel,
            },
        )
}

pub fn bac() -> impl Strategy<Value = Bac> {
    (
        optional_texte(4),
        optional_texte(3),
        prop::option::of("[0-9]{7}[A-Z]"),
        optional_texte(2),
        optional_texte(2),
        prop::option::of(1000u16..=9999),
    )
        .prop_map(
            |(cod_bac, cod_dep, cod_etb, cod_mention, cod_tpe, daa_obt_bac_oba)| Bac {
                cod_bac,
                cod_dep,
                cod_etb,
                cod_mention,
                cod_tpe,
                daa_obt_bac_oba,
            },
        )
}

pub fn individu() -> impl Strategy<Value = Individu> {
    let etat_civil = (
        prop::option::of("[0-9A-Z]{11}"),
        prop::option::of(prop::sample::select(Sexe::ALL)),
        texte(30),
        optional_texte(30),
        texte(20),
        optional_texte(20),
        optional_texte(20),
    )
        .prop_map(
            |(ine, sexe, nom, nom_usuel, prenom1, prenom2, prenom3)| EtatCivil {
                cod_nne_ind_opi: ine,
                cod_sex_etu_opi: sexe,
                lib_nom_pat_ind_opi: nom,
                lib_nom_usu_ind_opi: nom_usuel,
                lib_pr1_ind_opi: prenom1,
                lib_pr2_ind_opi: prenom2,
                lib_pr3_ind_opi: prenom3,
            },
        );
    let naissance = (
        optional_texte(5),
        optional_texte(3),
        optional_texte(3),
        prop::option::of(prop::sample::select(TypeLieuNaissance::ALL)),
        date(),
        optional_texte(30),
        prop::option::of(prop::sample::select(Temoin::ALL)),
    )
        .prop_map(
            |(commune, dep_pay, nat, typ, date, ville, relative)| DonneesNaissance {
                cod_com_nai_etu_opi: commune,
                cod_dep_pay_nai: dep_pay,
                cod_pay_nat: nat,
                cod_typ_dep_pay_nai: typ,
                date_nai_ind_opi: date,
                lib_vil_nai_etu_opi: ville,
                tem_date_nai_rel_opi: relative,
            },
        );
    let personnelles =
        (optional_texte(200), optional_texte(15)).prop_map(|(mail, tel)| DonneesPersonnelles {
            adr_mail_opi: mail,
            num_tel_por_opi: tel,
        });
    (
        optional_texte(8),
        texte(10),
        naissance,
        personnelles,
        etat_civil,
    )
        .prop_map(
            |(
                cod_etu_opi,
                cod_opi_int_epo,
                donnees_naissance,
                donnees_personnelles,
                etat_civil,
            )| {
                Individu {
                    cod_etu_opi,
                    cod_opi_int_epo,
                    donnees_naissance,
                    donnees_personnelles,
                    etat_civil,
                }
            },
        )
}

pub fn voeu() -> impl Strategy<Value = Voeu> {
    (
        (
            texte(3),
            prop::sample::select(CodeDecision::ALL),
            optional_texte(4),
            optional_texte(40),
            texte(1),
            optional_texte(7),
        ),
        (
            texte(6),
            optional_texte(2),
            prop::option::of(0u16..=999),
            0u16..=999,
            any::<u32>(),
            prop::option::of(prop::sample::select(Temoin::ALL)),
        ),
    )
        .prop_map(
            |(
                (cod_cge, cod_dec_veu, cod_cat_oui_si, mtf_cat, cod_dem_dos, cod_dip),
                (cod_etp, cod_rge, cod_vrs_vdi, cod_vrs_vet, num_cls, tem_val_psd),
            )| Voeu {
                cod_cge,
                cod_dec_veu,
                cod_cat_oui_si,
                mtf_cat,
                cod_dem_dos,
                cod_dip,
                cod_etp,
                cod_rge,
                cod_vrs_vdi,
                cod_vrs_vet,
                num_cls,
                tem_val_psd,
            },
        )
}

pub fn donnees_opi() -> impl Strategy<Value = DonneesOpiV10> {
    (
        adresse(),
        adresse(),
        bac(),
        individu(),
        prop::collection::vec(voeu(), 0..4),
    )
        .prop_map(
            |(adresse_annuelle, adresse_fixe, bac, individu, voeux)| DonneesOpiV10 {
                adresse_annuelle,
                adresse_fixe,
                bac,
                individu,
                voeux,
            },
        )
}

/// Léa Durand's OPI as the example `mettreajourDonneesOpi_v10.xml` carries it: one Oui Si en 4
/// ans vœu.
pub fn opi_lea_durand() -> DonneesOpiV10 {
    DonneesOpiV10 {
        adresse_annuelle: Adresse::default(),
        adresse_fixe: Adresse::default(),
        bac: Bac {
            cod_bac: Some("GEN".into()),
            daa_obt_bac_oba: Some(2026),
            ..Bac::default()
        },
        individu: Individu {
            cod_etu_opi: None,
            cod_opi_int_epo: "P261048576".into(),
            donnees_naissance: DonneesNaissance {
                cod_com_nai_etu_opi: None,
                cod_dep_pay_nai: Some("069".into()),
                cod_pay_nat: Some("100".into()),
                cod_typ_dep_pay_nai: Some(TypeLieuNaissance::Departement),
                date_nai_ind_opi: date!(2008 - 02 - 03),
                lib_vil_nai_etu_opi: Some("Lyon".into()),
                tem_date_nai_rel_opi: Some(Temoin::Non),
            },
            donnees_personnelles: DonneesPersonnelles::default(),
            etat_civil: EtatCivil {
                cod_nne_ind_opi: Some("123456789AB".into()),
                cod_sex_etu_opi: Some(Sexe::Feminin),
                lib_nom_pat_ind_opi: "DURAND".into(),
                lib_nom_usu_ind_opi: None,
                lib_pr1_ind_opi: "LEA".into(),
                lib_pr2_ind_opi: None,
                lib_pr3_ind_opi: None,
            },
        },
        voeux: vec![Voeu {
            cod_cge: "DRT".into(),
            cod_dec_veu: CodeDecision::OuiSi,
            cod_cat_oui_si: Some("4A".into()),
            mtf_cat: Some("Licence en 4 ans".into()),
            cod_dem_dos: "C".into(),
            cod_dip: None,
            cod_etp: "DL1OS4".into(),
            cod_rge: None,
            cod_vrs_vdi: None,
            cod_vrs_vet: 1,
            num_cls: 1,
            tem_val_psd: None,
        }],
    }
}
