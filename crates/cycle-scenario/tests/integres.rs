//! The built-in scenarios: each loads, runs green, its déroulement is pinned by a reviewed snapshot,
//! and together they show every rule R1–R17.

use cycle_core::Regle;
use cycle_scenario::integres::INTEGRES;
use cycle_scenario::rendu::{deroulement, texte_rapport, LigneDeroulement};
use cycle_scenario::{couverture, executer, RapportScenario, Verdict};
use serde::Serialize;

fn rapports() -> Vec<RapportScenario> {
    INTEGRES
        .iter()
        .map(|integre| {
            let scenario = integre.charger().unwrap_or_else(|e| panic!("{e}"));
            executer(&scenario)
        })
        .collect()
}

#[test]
fn every_builtin_scenario_passes() {
    let en_echec: Vec<String> = rapports()
        .into_iter()
        .filter(|rapport| rapport.verdict != Verdict::Reussi)
        .map(|rapport| texte_rapport(&rapport, &[]))
        .collect();
    assert!(en_echec.is_empty(), "{}", en_echec.join("\n"));
}

/// What a trainer reads in a snapshot: the scenario's title and rules, then its déroulement.
#[derive(Serialize)]
struct Instantane {
    titre: String,
    fichier: String,
    regles: Vec<Regle>,
    deroulement: Vec<LigneDeroulement>,
}

#[test]
fn builtin_transcripts_match_their_reviewed_snapshots() {
    for rapport in rapports() {
        let instantane = Instantane {
            titre: rapport.titre.clone(),
            fichier: rapport.fichier.clone(),
            regles: rapport.regles.clone(),
            deroulement: deroulement(&rapport),
        };
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_yaml_snapshot!(rapport.nom.as_str(), instantane);
        });
    }
}

#[test]
fn every_rule_is_declared_and_shown_by_a_builtin_scenario() {
    let rapports = rapports();
    let mut manquantes = Vec::new();
    for ligne in couverture(&rapports) {
        // Declared by a scenario whose own transcript shows it: the runner already fails a scenario
        // declaring a rule it never shows, so this checks both halves together.
        let montree = ligne
            .declaree_dans
            .iter()
            .any(|nom| ligne.illustree_dans.contains(nom));
        if !montree {
            manquantes.push(ligne.regle);
        }
    }
    assert!(
        manquantes.is_empty(),
        "règles sans scénario intégré : {manquantes:?}"
    );
}

#[test]
fn the_scenarios_folder_holds_exactly_the_embedded_files() {
    let dossier = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
    let mut sur_disque: Vec<String> = std::fs::read_dir(dossier)
        .expect("dossier scenarios/")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|nom| nom.strip_suffix(".toml").map(str::to_owned))
        .collect();
    sur_disque.sort();
    let mut embarques: Vec<String> = INTEGRES.iter().map(|i| i.nom.to_owned()).collect();
    embarques.sort();
    assert_eq!(sur_disque, embarques);
}
