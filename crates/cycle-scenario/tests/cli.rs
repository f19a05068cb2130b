//! `mock-parcoursup run`: exit status and output, through the library entry point the binary calls.

use std::path::PathBuf;

use cycle_core::Regle;
use cycle_scenario::cli::{run_vers, ArgumentsRun, Format, SORTIE_ECHEC, SORTIE_FICHIER};

fn arguments(chemins: Vec<PathBuf>) -> ArgumentsRun {
    ArgumentsRun {
        chemins,
        builtin: false,
        format: Format::Text,
        regles: Vec::new(),
    }
}

fn lancer(arguments: &ArgumentsRun) -> (u8, String, String) {
    let (mut sortie, mut erreurs) = (Vec::new(), Vec::new());
    let code = run_vers(arguments, &mut sortie, &mut erreurs);
    (
        code,
        String::from_utf8(sortie).expect("UTF-8"),
        String::from_utf8(erreurs).expect("UTF-8"),
    )
}

/// The nominal built-in scenario with one expectation made wrong: Léa's remontée is said to be
/// "annulée" (3) when it is an inscription principale (1).
fn scenario_faux() -> String {
    let texte = cycle_scenario::integres::integre("nominal_f")
        .expect("nominal_f")
        .texte;
    let faux = texte.replace(
        "inscription_parcoursup = { candidat = 1048576, formation = 23456, etat_inscription = \"principale\" }",
        "inscription_parcoursup = { candidat = 1048576, formation = 23456, etat_inscription = \"annulee\" }",
    );
    assert_ne!(faux, texte, "le remplacement doit toucher l'attendu");
    faux
}

#[test]
fn builtin_scenarios_pass_and_exit_zero() {
    let mut args = arguments(Vec::new());
    args.builtin = true;
    let (code, sortie, erreurs) = lancer(&args);
    assert_eq!(code, 0, "{sortie}{erreurs}");
    assert!(erreurs.is_empty());
    assert!(sortie.contains("Couverture des règles :"));
    assert!(sortie.contains("Bilan : 19 scénario(s) — 19 réussi(s), 0 échoué(s), 0 en erreur"));
    assert!(sortie.contains("Parcoursup → Apogée [webservice OPI] opi"));
}

#[test]
fn a_wrong_expectation_fails_the_run_with_its_reason() {
    let dossier = tempfile::tempdir().expect("dossier");
    let fichier = dossier.path().join("faux.toml");
    std::fs::write(&fichier, scenario_faux()).expect("écriture");
    let (code, sortie, _) = lancer(&arguments(vec![fichier]));
    assert_eq!(code, SORTIE_ECHEC, "{sortie}");
    assert!(sortie.contains("  ✘ n° 6 (ligne 96) : à la fin, Parcoursup connaît le candidat 1048576 sur la formation 23456 en état 3 (inscription annulée)\n      → Parcoursup connaît le candidat 1048576 sur la formation 23456 en état 1 (inscription principale) au lieu de 3 (inscription annulée)\n"), "{sortie}");
    assert!(
        sortie.contains("Verdict : ✘ échoué (1 point(s) en échec sur 13)"),
        "{sortie}"
    );
}

#[test]
fn a_broken_file_exits_two_with_the_located_error_and_others_still_run() {
    let dossier = tempfile::tempdir().expect("dossier");
    std::fs::write(
        dossier.path().join("a_casse.toml"),
        "titre = \"t\"\ndescription = 3\n",
    )
    .expect("écriture");
    let bon = cycle_scenario::integres::integre("renvoi_opi")
        .expect("renvoi_opi")
        .texte;
    std::fs::write(dossier.path().join("b_bon.toml"), bon).expect("écriture");
    let (code, sortie, erreurs) = lancer(&arguments(vec![dossier.path().to_path_buf()]));
    assert_eq!(code, SORTIE_FICHIER);
    let casse = dossier.path().join("a_casse.toml");
    assert_eq!(
        erreurs,
        format!(
            "erreur : {}:2:15: description: type invalide : attendu une chaîne, trouvé l'entier 3\n",
            casse.display()
        )
    );
    assert!(sortie.contains("Bilan : 1 scénario(s) — 1 réussi(s), 0 échoué(s), 0 en erreur ; 1 fichier(s) illisible(s)"), "{sortie}");
}

#[test]
fn an_event_the_core_refuses_is_an_error_located_on_the_event() {
    let dossier = tempfile::tempdir().expect("dossier");
    let fichier = dossier.path().join("paiement.toml");
    let texte = "titre = \"t\"\ndescription = \"d\"\n\n[[candidats]]\ncode = 1048576\n\n[[evenements]]\ndate = 2024-06-04\ntype = \"paiement\"\ncandidat = 1048576\nvet = \"DL1OUI\"\n";
    std::fs::write(&fichier, texte).expect("écriture");
    let (code, sortie, _) = lancer(&arguments(vec![fichier.clone()]));
    assert_eq!(code, SORTIE_ECHEC);
    assert!(
        sortie.contains(&format!(
            "Verdict : ✘ erreur — {}:7:1: evenements[0]: vet DL1OUI/1: le candidat 1048576 n'a pas d'IA sur cette VET",
            fichier.display()
        )),
        "{sortie}"
    );
}

#[test]
fn rule_filter_keeps_the_scenarios_of_the_rule_and_marks_its_entries() {
    let mut args = arguments(Vec::new());
    args.builtin = true;
    args.regles = vec![Regle::R12];
    let (code, sortie, _) = lancer(&args);
    assert_eq!(code, 0);
    assert!(
        sortie.contains("Bilan : 2 scénario(s) — 2 réussi(s)"),
        "{sortie}"
    );
    assert!(
        sortie.contains("► 25/07/2024  R12  [Apogée] annulation_manuelle_requise"),
        "{sortie}"
    );
    assert!(!sortie.contains("Néo-bachelier, vœu favorable"));
}

#[test]
fn json_output_is_one_document_with_reports_errors_and_coverage() {
    let dossier = tempfile::tempdir().expect("dossier");
    let fichier = dossier.path().join("faux.toml");
    std::fs::write(&fichier, scenario_faux()).expect("écriture");
    let mut args = arguments(vec![fichier]);
    args.format = Format::Json;
    let (code, sortie, erreurs) = lancer(&args);
    assert_eq!(code, SORTIE_ECHEC);
    assert!(erreurs.is_empty());
    let document: serde_json::Value = serde_json::from_str(&sortie).expect("JSON");
    assert_eq!(document["reussite"], false);
    let rapport = &document["scenarios"][0];
    assert_eq!(rapport["verdict"], "echoue");
    assert_eq!(rapport["nom"], "faux");
    let echecs: Vec<&serde_json::Value> = rapport["attendus"]
        .as_array()
        .expect("attendus")
        .iter()
        .filter(|a| !a["echec"].is_null())
        .collect();
    assert_eq!(echecs.len(), 1);
    assert_eq!(echecs[0]["numero"], 6);
    assert_eq!(echecs[0]["position"]["ligne"], 96);
    assert_eq!(rapport["transcript"][0]["regle"], "R5");
    assert_eq!(document["couverture"].as_array().map(Vec::len), Some(17));
}
