//! `mock-parcoursup run`: exit status and output, through the library entry point the binary calls.

use std::path::PathBuf;

use cycle_core::Regle;
use cycle_scenario::cli::{
    run_vers, ArgumentsRun, Format, SORTIE_ECHEC, SORTIE_FICHIER, VERSION_JSON,
};

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

/// A scenario whose second event pays an IA that does not exist: the core refuses it.
const PAIEMENT_SANS_IA: &str = "titre = \"t\"\ndescription = \"d\"\n\n[[candidats]]\ncode = 1048576\n\n[[evenements]]\ndate = 2024-06-04\ntype = \"test_connecteur\"\n\n[[evenements]]\ndate = 2024-06-04\ntype = \"paiement\"\ncandidat = 1048576\nvet = \"DL1OUI\"\n";

#[test]
fn an_event_the_core_refuses_is_an_error_located_on_the_event() {
    let dossier = tempfile::tempdir().expect("dossier");
    let fichier = dossier.path().join("paiement.toml");
    std::fs::write(&fichier, PAIEMENT_SANS_IA).expect("écriture");
    let (code, sortie, _) = lancer(&arguments(vec![fichier.clone()]));
    assert_eq!(code, SORTIE_ECHEC);
    assert!(
        sortie.contains(&format!(
            "Verdict : ✘ erreur — {}:11:1: evenements[1]: vet DL1OUI/1: le candidat 1048576 n'a pas d'IA sur cette VET",
            fichier.display()
        )),
        "{sortie}"
    );
}

/// The JSON report counts events from 0, as the text and the load errors do (`evenements[1]`).
#[test]
fn json_event_indexes_are_those_of_the_file_s_evenements() {
    let dossier = tempfile::tempdir().expect("dossier");
    let fichier = dossier.path().join("paiement.toml");
    std::fs::write(&fichier, PAIEMENT_SANS_IA).expect("écriture");
    let mut args = arguments(vec![fichier]);
    args.format = Format::Json;
    let (code, sortie, _) = lancer(&args);
    assert_eq!(code, SORTIE_ECHEC);
    let document: serde_json::Value = serde_json::from_str(&sortie).expect("JSON");
    let rapport = &document["scenarios"][0];
    assert_eq!(rapport["verdict"], "erreur");
    assert_eq!(
        rapport["erreur"],
        serde_json::json!({
            "indice_evenement": 1,
            "position": { "ligne": 11, "colonne": 1 },
            "jour": "2024-06-04",
            "message": "vet DL1OUI/1: le candidat 1048576 n'a pas d'IA sur cette VET",
        })
    );
    let indices: Vec<&serde_json::Value> = rapport["etapes"]
        .as_array()
        .expect("etapes")
        .iter()
        .map(|etape| &etape["indice_evenement"])
        .collect();
    assert_eq!(indices, [0, 1]);
}

/// With many scenarios the ✘ lines scroll away: the summary, at the end, names each scenario that
/// did not pass and what to look at.
#[test]
fn the_summary_names_every_scenario_that_did_not_pass_and_why() {
    let dossier = tempfile::tempdir().expect("dossier");
    std::fs::write(dossier.path().join("a_faux.toml"), scenario_faux()).expect("écriture");
    std::fs::write(dossier.path().join("b_paiement.toml"), PAIEMENT_SANS_IA).expect("écriture");
    std::fs::write(
        dossier.path().join("c_casse.toml"),
        "titre = \"t\"\ndescription = 3\n",
    )
    .expect("écriture");
    // Declares R4, which nothing in its déroulement shows.
    let bon = cycle_scenario::integres::integre("renvoi_opi")
        .expect("renvoi_opi")
        .texte;
    let sans_r4 = bon.replacen("regles = [", "regles = [\"R4\", ", 1);
    assert_ne!(sans_r4, bon);
    std::fs::write(dossier.path().join("d_r4.toml"), sans_r4).expect("écriture");
    std::fs::write(dossier.path().join("e_bon.toml"), bon).expect("écriture");
    let (code, sortie, _) = lancer(&arguments(vec![dossier.path().to_path_buf()]));
    assert_eq!(code, SORTIE_FICHIER);
    let chemin = |nom: &str| dossier.path().join(nom).display().to_string();
    let bilan = &sortie[sortie.find("Bilan : ").expect("bilan")..];
    assert_eq!(
        bilan,
        format!(
            "Bilan : 4 scénario(s) — 1 réussi(s), 2 échoué(s), 1 en erreur ; 1 fichier(s) illisible(s)\n\
             \x20 échoué : {} (attendu n° 6, ligne 96)\n\
             \x20 en erreur : {}:11:1: evenements[1]: vet DL1OUI/1: le candidat 1048576 n'a pas d'IA sur cette VET\n\
             \x20 échoué : {} (règle R4 absente du déroulement)\n\
             \x20 illisible : {}:2:15: description: type invalide : attendu une chaîne, trouvé l'entier 3\n",
            chemin("a_faux.toml"),
            chemin("b_paiement.toml"),
            chemin("d_r4.toml"),
            chemin("c_casse.toml"),
        )
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
fn json_says_why_nothing_ran_when_the_rule_filter_keeps_no_scenario() {
    let dossier = tempfile::tempdir().expect("dossier");
    let fichier = dossier.path().join("faux.toml");
    std::fs::write(&fichier, scenario_faux()).expect("écriture");
    let mut args = arguments(vec![fichier]);
    args.regles = vec![Regle::R4];
    args.format = Format::Json;
    let (code, sortie, erreurs) = lancer(&args);
    assert_eq!(code, SORTIE_FICHIER);
    assert!(erreurs.is_empty());
    let document: serde_json::Value = serde_json::from_str(&sortie).expect("JSON");
    assert_eq!(
        document["aucun_scenario"],
        "aucun scénario n'illustre R4 parmi ceux demandés"
    );
    assert_eq!(document["code_sortie"], 2);
    assert_eq!(document["scenarios"], serde_json::json!([]));
    assert_eq!(document["erreurs"], serde_json::json!([]));

    // The text output says the same, on the error stream.
    args.format = Format::Text;
    let (code, _, erreurs) = lancer(&args);
    assert_eq!(code, SORTIE_FICHIER);
    assert_eq!(
        erreurs,
        "erreur : aucun scénario n'illustre R4 parmi ceux demandés\n"
    );
}

#[test]
fn json_output_is_versioned_and_byte_stable() {
    let mut args = arguments(Vec::new());
    args.builtin = true;
    args.format = Format::Json;
    let (code, premiere, _) = lancer(&args);
    let (_, seconde, _) = lancer(&args);
    assert_eq!(code, 0);
    assert!(premiere == seconde, "deux exécutions, deux sorties");
    let document: serde_json::Value = serde_json::from_str(&premiere).expect("JSON");
    assert_eq!(document["version"], VERSION_JSON);
    assert_eq!(VERSION_JSON, 1);
    assert_eq!(document["code_sortie"], 0);
    assert_eq!(document["aucun_scenario"], serde_json::Value::Null);
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

/// `mock-parcoursup run --help` is French, clap's own words included.
#[test]
fn help_of_run_is_in_french() {
    use clap::{CommandFactory, Parser, Subcommand};

    /// The binary's shape: `run` is a subcommand.
    #[derive(Parser)]
    #[command(name = "mock-parcoursup")]
    struct Binaire {
        #[command(subcommand)]
        commande: Commande,
    }
    #[derive(Subcommand)]
    enum Commande {
        /// Joue des fichiers de scénario et affiche leur déroulement et leurs verdicts.
        Run(ArgumentsRun),
    }

    let aide = Binaire::try_parse_from(["mock-parcoursup", "run", "--help"])
        .err()
        .expect("--help arrête la lecture des arguments sur l'aide")
        .render()
        .to_string();
    assert_eq!(
        aide,
        "Joue des fichiers de scénario et affiche leur déroulement et leurs verdicts

Utilisation : mock-parcoursup run <fichier-ou-dossier>… [--builtin] [--format text|json] [--rule Rn]…

Arguments:
  [FICHIER-OU-DOSSIER]...  Fichiers de scénario (.toml) ou dossiers qui en contiennent

Options:
      --builtin          Joue aussi les scénarios intégrés (ceux de scenarios/)
      --format <FORMAT>  Format de sortie : text (lisible, par défaut) ou json (pour les outils)
      --rule <Rn>        Ne joue que les scénarios qui illustrent cette règle (R1 à R17) ; répétable. Ses entrées sont marquées ► dans le déroulement
  -h, --help             Affiche cette aide
"
    );
    // `-h` too, and the arguments still parse.
    assert!(Binaire::try_parse_from(["mock-parcoursup", "run", "-h"]).is_err());
    assert!(
        Binaire::try_parse_from(["mock-parcoursup", "run", "--format", "json", "a.toml"]).is_ok()
    );
    Binaire::command().debug_assert();
}

/// A small run in JSON, whole: the reviewed snapshot is the example docs/scenarios.md describes
/// field by field. One event, an expectation that holds, one that fails, a declared rule the run
/// never shows.
#[test]
fn json_report_of_a_small_run_matches_its_reviewed_snapshot() {
    const PETIT: &str = r#"titre = "Un vœu accepté"
description = "Léa accepte la Licence de droit : Parcoursup envoie son OPI."
regles = ["R1", "R4"]

[campagne]
preset = "2024"
fin = 2024-06-05

[[candidats]]
code = 1048576
prenom = "Léa"
nom = "DURAND"

[[evenements]]
date = 2024-06-04
type = "acceptation"
candidat = 1048576
formation = 23456
note = "Elle répond « Oui »."

[[attendus]]
type = "opi"
candidat = 1048576
pourquoi = "R1 : l'OPI part dès l'acceptation."

[[attendus]]
type = "ia_creee"
candidat = 1048576
"#;
    let dossier = tempfile::tempdir().expect("dossier");
    let fichier = dossier.path().join("petit.toml");
    std::fs::write(&fichier, PETIT).expect("écriture");
    let mut args = arguments(vec![fichier]);
    args.format = Format::Json;
    let (code, sortie, _) = lancer(&args);
    assert_eq!(code, SORTIE_ECHEC);
    // The temporary folder's name changes from run to run; JSON escapes a Windows path's `\`.
    let dossier_json =
        serde_json::to_string(&dossier.path().display().to_string()).expect("chemin en JSON");
    let sortie = sortie.replace(dossier_json.trim_matches('"'), "<dossier>");
    insta::assert_snapshot!("rapport_json", sortie);
}
