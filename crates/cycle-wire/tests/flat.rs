//! OPI flat files: the layout written for the example candidate, bad files refused with kind, line
//! and column, and write → parse round-trips.

mod common;

use common::{adresse, bac, individu, opi_lea_durand, texte, voeu};
use cycle_wire::codes::CodeDecision;
use cycle_wire::flat::{
    parse_individus, parse_voeux, parse_voeux_defavorables, write_individus, write_voeux,
    write_voeux_defavorables, LigneIndividu, LigneVoeu, COLONNES_INDIVIDUS, COLONNES_VOEUX,
};
use proptest::prelude::*;

const INDIVIDUS_HEADER: &str = "individu.codOpiIntEpo;individu.codEtuOpi;\
individu.etatCivil.codNneIndOpi;individu.etatCivil.codSexEtuOpi;\
individu.etatCivil.libNomPatIndOpi;individu.etatCivil.libNomUsuIndOpi;\
individu.etatCivil.libPr1IndOpi;individu.etatCivil.libPr2IndOpi;individu.etatCivil.libPr3IndOpi;\
individu.donneesNaissance.dateNaiIndOpi;individu.donneesNaissance.temDateNaiRelOpi;\
individu.donneesNaissance.codTypDepPayNai;individu.donneesNaissance.codDepPayNai;\
individu.donneesNaissance.codPayNat;individu.donneesNaissance.codComNaiEtuOpi;\
individu.donneesNaissance.libVilNaiEtuOpi;individu.donneesPersonnelles.adrMailOpi;\
individu.donneesPersonnelles.numTelPorOpi;bac.codBac;bac.daaObtBacOba;bac.codMention;bac.codEtb;\
bac.codDep;bac.codTpe;adresseFixe.lib1;adresseFixe.lib2;adresseFixe.lib3;adresseFixe.codBdi;\
adresseFixe.codCom;adresseFixe.codPay;adresseFixe.numTel;adresseAnnuelle.lib1;\
adresseAnnuelle.lib2;adresseAnnuelle.lib3;adresseAnnuelle.codBdi;adresseAnnuelle.codCom;\
adresseAnnuelle.codPay;adresseAnnuelle.numTel";

const LEA_INDIVIDU: &str = "P261048576;;123456789AB;F;DURAND;;LEA;;;03022008;N;D;069;100;;Lyon;;;\
GEN;2026;;;;;;;;;;;;;;;;;;";

const VOEUX_HEADER: &str = "codOpiIntEpo;numCls;codCge;codEtp;codVrsVet;codDip;codVrsVdi;\
codDecVeu;codCatOuiSi;mtfCat;codDemDos;codRge;temValPsd";

const LEA_VOEU: &str = "P261048576;1;DRT;DL1OS4;1;;;S;4A;Licence en 4 ans;C;;";

fn lea_individu() -> LigneIndividu {
    LigneIndividu::from(&opi_lea_durand())
}

fn lea_voeux() -> Vec<LigneVoeu> {
    LigneVoeu::of(&opi_lea_durand())
}

#[test]
fn headers_list_the_documented_columns() {
    assert_eq!(COLONNES_INDIVIDUS.join(";"), INDIVIDUS_HEADER);
    assert_eq!(COLONNES_VOEUX.join(";"), VOEUX_HEADER);
}

#[test]
fn the_example_candidate_is_written_as_documented_and_read_back() {
    let individus = write_individus(&[lea_individu()]).unwrap();
    assert_eq!(individus, format!("{INDIVIDUS_HEADER}\n{LEA_INDIVIDU}\n"));
    assert_eq!(
        parse_individus(individus.as_bytes()).unwrap(),
        vec![lea_individu()]
    );

    let voeux = write_voeux(&lea_voeux()).unwrap();
    assert_eq!(voeux, format!("{VOEUX_HEADER}\n{LEA_VOEU}\n"));
    assert_eq!(parse_voeux(voeux.as_bytes()).unwrap(), lea_voeux());
}

#[test]
fn files_without_records_hold_the_header_only() {
    assert_eq!(write_voeux(&[]).unwrap(), format!("{VOEUX_HEADER}\n"));
    assert_eq!(
        parse_voeux_defavorables(format!("{VOEUX_HEADER}\n").as_bytes()).unwrap(),
        vec![]
    );
}

#[test]
fn windows_line_ends_and_a_byte_order_mark_are_accepted() {
    let file = format!("\u{feff}{VOEUX_HEADER}\r\n{LEA_VOEU}\r\n");
    assert_eq!(parse_voeux(file.as_bytes()).unwrap(), lea_voeux());
    // The last line may lack its newline.
    let file = format!("{VOEUX_HEADER}\n{LEA_VOEU}");
    assert_eq!(parse_voeux(file.as_bytes()).unwrap(), lea_voeux());
}

#[test]
fn the_unfavourable_file_holds_only_d_voeux() {
    let mut defavorable = lea_voeux();
    defavorable[0].voeu.cod_dec_veu = CodeDecision::Defavorable;
    let file = write_voeux_defavorables(&defavorable).unwrap();
    assert_eq!(
        parse_voeux_defavorables(file.as_bytes()).unwrap(),
        defavorable
    );

    assert_eq!(
        write_voeux_defavorables(&lea_voeux())
            .unwrap_err()
            .to_string(),
        "OPI_VOEUX_DEFAVORABLES ligne 2 colonne 8 (codDecVeu): \"S\" interdit dans ce fichier, \
         qui ne contient que des voeux D"
    );
    let file = format!("{VOEUX_HEADER}\n{LEA_VOEU}\n");
    assert_eq!(
        parse_voeux_defavorables(file.as_bytes())
            .unwrap_err()
            .to_string(),
        "OPI_VOEUX_DEFAVORABLES ligne 2 colonne 8 (codDecVeu): \"S\" interdit dans ce fichier, \
         qui ne contient que des voeux D"
    );
}

#[test]
fn a_separator_inside_a_value_cannot_be_written() {
    let mut ligne = lea_individu();
    ligne.adresse_fixe.lib1 = Some("Bat A; Etage 2".into());
    assert_eq!(
        write_individus(&[lea_individu(), ligne])
            .unwrap_err()
            .to_string(),
        "OPI_INDIVIDUS ligne 3 colonne 25 (adresseFixe.lib1): contient le separateur ';', \
         interdit dans un fichier plat"
    );
    let mut voeux = lea_voeux();
    voeux[0].voeu.mtf_cat = Some("Licence\nen 4 ans".into());
    assert_eq!(
        write_voeux(&voeux).unwrap_err().to_string(),
        "OPI_VOEUX ligne 2 colonne 10 (mtfCat): contient le caractere de controle U+000A, interdit"
    );
}

#[test]
fn bad_voeux_files_are_refused_with_kind_line_and_column() {
    let with_line = |line: &str| format!("{VOEUX_HEADER}\n{LEA_VOEU}\n{line}\n");
    let cases: Vec<(String, &str)> =
        vec![
        (
            with_line("P261048576;2;DRT;DL1OUI;1;;;F;;;C;"),
            "OPI_VOEUX ligne 3: 13 colonnes attendues, 12 trouvees",
        ),
        (
            with_line("P261048576;2;DRT;DL1OUI;1;;;X;;;C;;"),
            "OPI_VOEUX ligne 3 colonne 8 (codDecVeu): \"X\" n'est pas un code connu (F, S ou D)",
        ),
        (
            with_line("P261048576;2;DRT;DL1OUI;1000;;;F;;;C;;"),
            "OPI_VOEUX ligne 3 colonne 5 (codVrsVet): 1000 depasse la valeur maximale 999",
        ),
        (
            with_line("P261048576;deux;DRT;DL1OUI;1;;;F;;;C;;"),
            "OPI_VOEUX ligne 3 colonne 2 (numCls): \"deux\" n'est pas un entier positif",
        ),
        (
            with_line("P261048576;2;;DL1OUI;1;;;F;;;C;;"),
            "OPI_VOEUX ligne 3 colonne 3 (codCge): valeur obligatoire absente",
        ),
        (
            with_line("P261048576;2;DRT;DL1OUI99;1;;;F;;;C;;"),
            "OPI_VOEUX ligne 3 colonne 4 (codEtp): \"DL1OUI99\" depasse 6 caracteres (8)",
        ),
        (
            with_line("P261048576;2;DRT;DL1OUI;1;;;F;;;C;;Y"),
            "OPI_VOEUX ligne 3 colonne 13 (temValPsd): \"Y\" n'est pas un code connu (O ou N)",
        ),
        (
            format!("{VOEUX_HEADER}\n\n{LEA_VOEU}\n"),
            "OPI_VOEUX ligne 2: ligne vide",
        ),
        (String::new(), "OPI_VOEUX: fichier vide, la ligne d'en-tete est attendue"),
        (
            format!("{LEA_VOEU}\n"),
            "OPI_VOEUX ligne 1 colonne 1: en-tete \"P261048576\" inattendu, \"codOpiIntEpo\" \
             attendu (disposition V1)",
        ),
        (
            format!("{VOEUX_HEADER};codSpe1Opi\n"),
            "OPI_VOEUX ligne 1: en-tete de 14 colonnes, 13 attendues (disposition V1)",
        ),
        (
            format!("{INDIVIDUS_HEADER}\n"),
            "OPI_VOEUX ligne 1: en-tete de 38 colonnes, 13 attendues (disposition V1)",
        ),
    ];
    for (file, expected) in cases {
        assert_eq!(
            parse_voeux(file.as_bytes()).unwrap_err().to_string(),
            expected,
            "{file}"
        );
    }
}

#[test]
fn bad_individus_files_are_refused_with_kind_line_and_column() {
    let with_cell = |column: usize, value: &str| {
        let mut cells: Vec<&str> = LEA_INDIVIDU.split(';').collect();
        cells[column - 1] = value;
        format!("{INDIVIDUS_HEADER}\n{}\n", cells.join(";"))
    };
    let cases: Vec<(String, &str)> = vec![
        (
            with_cell(10, "31022008"),
            "OPI_INDIVIDUS ligne 2 colonne 10 (individu.donneesNaissance.dateNaiIndOpi): \
             \"31022008\" n'est pas une date reelle du calendrier (JJMMAAAA)",
        ),
        (
            with_cell(10, "03/02/2008"),
            "OPI_INDIVIDUS ligne 2 colonne 10 (individu.donneesNaissance.dateNaiIndOpi): \
             \"03/02/2008\" n'est pas au format JJMMAAAA",
        ),
        (
            with_cell(10, ""),
            "OPI_INDIVIDUS ligne 2 colonne 10 (individu.donneesNaissance.dateNaiIndOpi): \
             valeur obligatoire absente",
        ),
        (
            with_cell(5, "DURAND-DE-LA-TOUR-DU-PIN-CHAMBLY"),
            "OPI_INDIVIDUS ligne 2 colonne 5 (individu.etatCivil.libNomPatIndOpi): \
             \"DURAND-DE-LA-TOUR-DU-PIN-CHAMBLY\" depasse 30 caracteres (32)",
        ),
        (
            with_cell(3, "12345"),
            "OPI_INDIVIDUS ligne 2 colonne 3 (individu.etatCivil.codNneIndOpi): \"12345\" n'est \
             pas un INE (11 caracteres : 10 chiffres ou lettres majuscules puis une cle)",
        ),
        (
            with_cell(4, "X"),
            "OPI_INDIVIDUS ligne 2 colonne 4 (individu.etatCivil.codSexEtuOpi): \
             \"X\" n'est pas un code connu (M ou F)",
        ),
        (
            with_cell(20, "26"),
            "OPI_INDIVIDUS ligne 2 colonne 20 (bac.daaObtBacOba): \"26\" n'est pas une annee AAAA",
        ),
        (
            with_cell(17, "a\tb"),
            "OPI_INDIVIDUS ligne 2 colonne 17 (individu.donneesPersonnelles.adrMailOpi): \
             contient le caractere de controle U+0009, interdit",
        ),
    ];
    for (file, expected) in cases {
        assert_eq!(
            parse_individus(file.as_bytes()).unwrap_err().to_string(),
            expected
        );
    }
    let mut invalid_utf8 =
        format!("{INDIVIDUS_HEADER}\nP261048576;;123456789AB;F;DUR").into_bytes();
    invalid_utf8.extend_from_slice(b"\xe9AND;;LEA\n");
    assert_eq!(
        parse_individus(&invalid_utf8).unwrap_err().to_string(),
        "OPI_INDIVIDUS ligne 2 colonne 5 (individu.etatCivil.libNomPatIndOpi): UTF-8 invalide"
    );
}

prop_compose! {
    fn ligne_individu()(
        individu in individu(), bac in bac(), adresse_fixe in adresse(), adresse_annuelle in adresse(),
    ) -> LigneIndividu {
        LigneIndividu { individu, bac, adresse_fixe, adresse_annuelle }
    }
}

prop_compose! {
    fn ligne_voeu()(cod_opi_int_epo in texte(10), voeu in voeu()) -> LigneVoeu {
        LigneVoeu { cod_opi_int_epo, voeu }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn individus_round_trip(lignes in prop::collection::vec(ligne_individu(), 0..5)) {
        let file = write_individus(&lignes).unwrap();
        prop_assert_eq!(parse_individus(file.as_bytes()).unwrap(), lignes);
    }

    #[test]
    fn voeux_round_trip(lignes in prop::collection::vec(ligne_voeu(), 0..8)) {
        let file = write_voeux(&lignes).unwrap();
        prop_assert_eq!(parse_voeux(file.as_bytes()).unwrap(), lignes);
    }

    #[test]
    fn voeux_defavorables_round_trip(mut lignes in prop::collection::vec(ligne_voeu(), 0..8)) {
        for ligne in &mut lignes {
            ligne.voeu.cod_dec_veu = CodeDecision::Defavorable;
        }
        let file = write_voeux_defavorables(&lignes).unwrap();
        prop_assert_eq!(parse_voeux_defavorables(file.as_bytes()).unwrap(), lignes);
    }

    /// Whatever the bytes, parsers answer with records or an error, never a panic.
    #[test]
    fn parsers_never_panic(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse_individus(&body);
        let _ = parse_voeux(&body);
        let mut with_header = format!("{VOEUX_HEADER}\n").into_bytes();
        with_header.extend_from_slice(&body);
        let _ = parse_voeux_defavorables(&with_header);
    }

    /// Damaged copies of a valid file (a byte replaced, or the file cut) never panic either.
    #[test]
    fn damaged_files_never_panic(position in 0usize..10_000, byte in any::<u8>(), cut in any::<bool>()) {
        let file = format!("{INDIVIDUS_HEADER}\n{LEA_INDIVIDU}\n");
        let mut damaged = file.into_bytes();
        let position = position % damaged.len();
        if cut {
            damaged.truncate(position);
        } else {
            damaged[position] = byte;
        }
        let _ = parse_individus(&damaged);
    }
}
