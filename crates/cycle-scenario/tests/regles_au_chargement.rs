//! Files the format reads but the rules forbid: refused at load time, with the field's position,
//! rather than run into a summer that cannot happen.

use cycle_scenario::{charger, executer, Verdict};

const DEBUT: &str = r#"titre = "Règles au chargement"
description = "Un candidat, une acceptation, une IA gestionnaire."

[[candidats]]
code = 2000001

[[evenements]]
date = 2024-06-04
type = "acceptation"
candidat = 2000001
formation = 23456
"#;

fn ia_gestionnaire(etat: &str) -> String {
    format!(
        "{DEBUT}
[[evenements]]
date = 2024-06-05
type = \"ia_gestionnaire\"
candidat = 2000001
vet = \"DL1OUI\"
payee = true
etat_inscription = {etat}
"
    )
}

#[test]
fn an_ia_gestionnaire_cannot_be_valid_and_reported_as_cancelled() {
    for etat in ["3", "\"annulee\""] {
        let erreur = charger("gestionnaire.toml", &ia_gestionnaire(etat))
            .map(|_| ())
            .unwrap_err();
        assert_eq!(
            erreur.to_string(),
            "gestionnaire.toml:19:20: evenements[1].etat_inscription: 3 (inscription annulée) ne décrit pas une IA valide ; l'IA se crée en cours, et c'est son annulation (annulation_ia) qui est remontée avec l'état 3 (R14)",
            "etat_inscription = {etat}"
        );
    }
    // The states of a valid IA are read, and the run goes through.
    let scenario = charger("gestionnaire.toml", &ia_gestionnaire("\"double_cursus\""))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(executer(&scenario).verdict, Verdict::Reussi);
}

#[test]
fn candidate_code_0_is_refused_like_1_and_codes_over_7_digits() {
    for (code, raison) in [
        (
            "0",
            "le code candidat 0 n'est pas un codeCandidat Parcoursup (de 2 à 9999999)",
        ),
        (
            "1",
            "le code candidat 1 est réservé au candidat fictif du test connecteur",
        ),
        (
            "10000000",
            "le code candidat 10000000 dépasse 9999999 (le code OPI doit tenir en 10 caractères)",
        ),
    ] {
        let texte = DEBUT.replace("2000001", code);
        let erreur = charger("codes.toml", &texte).map(|_| ()).unwrap_err();
        assert_eq!(
            erreur.to_string(),
            format!("codes.toml:5:8: candidats[0].code: {raison}")
        );
    }
}

#[test]
fn an_acceptation_after_both_admission_phases_stops_the_run_and_says_why() {
    let texte = DEBUT.replace("date = 2024-06-04", "date = 2024-11-05");
    let scenario = charger("tard.toml", &texte).unwrap_or_else(|e| panic!("{e}"));
    let rapport = executer(&scenario);
    assert_eq!(rapport.verdict, Verdict::Erreur);
    let erreur = rapport.erreur.expect("the run says why it stopped");
    assert!(
        erreur.message.contains(
            "hors des phases d'admission de la campagne 2024 (principale du 30/05/2024 au 12/07/2024, complémentaire du 11/06/2024 au 12/09/2024)"
        ),
        "{}",
        erreur.message
    );
}

#[test]
fn a_rule_declared_twice_is_named() {
    let texte = DEBUT.replace(
        "description = \"Un candidat, une acceptation, une IA gestionnaire.\"",
        "description = \"Un candidat, une acceptation, une IA gestionnaire.\"\nregles = [\"R5\", \"R1\", \"R5\"]",
    );
    let erreur = charger("regles.toml", &texte).map(|_| ()).unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "regles.toml:3:23: regles[2]: R5 est déjà dans la liste"
    );
}

#[test]
fn a_university_without_formations_is_refused() {
    let texte = format!("{DEBUT}\n[universite]\nformations = []\n");
    let erreur = charger("vide.toml", &texte).map(|_| ()).unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "vide.toml:13:1: universite.formations: aucune formation : l'université en propose au moins une sur Parcoursup"
    );
}

#[test]
fn an_identity_the_opi_could_not_carry_is_refused_with_its_field() {
    let cas = [
        (
            "ine = \"abc\"",
            "candidats[0].ine: « abc » n'est pas un INE : 11 caractères, 10 chiffres ou lettres majuscules puis une clé",
        ),
        (
            "nom = \"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN\"",
            "candidats[0].nom: « ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN » a 40 caractères, l'OPI en porte au plus 30",
        ),
        (
            "prenom = \"Marie-Christine-Amélie\"",
            "candidats[0].prenom: « Marie-Christine-Amélie » a 22 caractères, l'OPI en porte au plus 20",
        ),
        (
            "prenom = \"  \"",
            "candidats[0].prenom: vide : écrivez-le, ou retirez le champ pour garder celui de la liste par défaut",
        ),
        (
            "date_naissance = 2030-01-01",
            "candidats[0].date_naissance: le 01/01/2030 n'est pas avant le début de la simulation (30/05/2024)",
        ),
    ];
    for (ligne, raison) in cas {
        let texte = DEBUT.replace("code = 2000001\n", &format!("code = 2000001\n{ligne}\n"));
        let erreur = charger("identite.toml", &texte).map(|_| ()).unwrap_err();
        assert_eq!(
            erreur.to_string(),
            format!("identite.toml:4:1: {raison}"),
            "{ligne}"
        );
    }
    // What the wire accepts is read.
    let texte = DEBUT.replace(
        "code = 2000001\n",
        "code = 2000001\nine = \"1234567890A\"\nnom = \"DE LA FONTAINE-SAINT-ANDRÉ\"\nprenom = \"Zoé\"\n",
    );
    charger("identite.toml", &texte).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn an_ia_reins_for_a_candidate_apogee_does_not_know_is_refused_at_load_time() {
    let texte = format!(
        "{DEBUT}
[[evenements]]
date = 2024-06-05
type = \"ia_reins\"
candidat = 2000001
vet = \"DL1OUI\"
"
    );
    let erreur = charger("reins.toml", &texte).map(|_| ()).unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "reins.toml:16:12: evenements[1].candidat: le candidat 2000001 n'a pas de cod_etu : l'IA Réins est réservée aux étudiants déjà connus d'Apogée (écrire cod_etu dans [[candidats]])"
    );
    let connu = texte.replace(
        "code = 2000001\n",
        "code = 2000001\ncod_etu = \"21900001\"\n",
    );
    charger("reins.toml", &connu).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_blank_title_and_a_year_that_is_not_the_campaign_s_are_refused() {
    let erreur = charger("titre.toml", &DEBUT.replace("Règles au chargement", " "))
        .map(|_| ())
        .unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "titre.toml: titre: vide : les formateurs le lisent en tête du scénario"
    );
    let texte = format!("{DEBUT}\n[campagne]\nannee = 2023\n");
    let erreur = charger("annee.toml", &texte).map(|_| ()).unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "annee.toml:13:1: campagne: annee : l'année de la session n'est pas celle des résultats du bac"
    );
}
