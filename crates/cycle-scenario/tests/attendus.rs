//! What expectations mean: matching on the same vœu, day ranges, and the reason each kind of check
//! gives when it does not hold.

use cycle_core::Regle;
use cycle_scenario::{charger, executer, RapportScenario, Verdict};

/// A candidate (named Léa DURAND by default) resigns from the Licence de droit, then accepts the
/// Licence d'histoire: the OPI of 21 June carries both vœux, DL1OUI D and HL1OUI F. She registers
/// in history.
const HISTOIRE: &str = r#"titre = "t"
description = "d"

[[candidats]]
code = 1048598

[[evenements]]
date = 2024-06-04
type = "acceptation"
candidat = 1048598
formation = 23456

[[evenements]]
date = 2024-06-20
type = "desistement"
candidat = 1048598
formation = 23456

[[evenements]]
date = 2024-06-21
type = "acceptation"
candidat = 1048598
formation = 34567

[[evenements]]
date = 2024-07-10
type = "ia_primo"
candidat = 1048598
vet = "HL1OUI"
payee = true
"#;

fn jouer(attendus: &str) -> RapportScenario {
    let texte = format!("{HISTOIRE}\n{attendus}");
    let scenario = charger("attendus.toml", &texte).unwrap_or_else(|e| panic!("{e}"));
    executer(&scenario)
}

/// `(numéro, raison)` of each failed expectation.
fn echecs(rapport: &RapportScenario) -> Vec<(usize, String)> {
    rapport
        .echecs()
        .map(|r| (r.attendu.numero, r.echec.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn vet_and_decision_must_hold_for_the_same_voeu() {
    let rapport = jouer(
        r#"
[[attendus]]
type = "opi"
date = 2024-06-21
vet = "HL1OUI"
decision = "F"

[[attendus]]
type = "opi"
date = 2024-06-21
vet = "DL1OUI"
decision = "F"
"#,
    );
    assert_eq!(
        echecs(&rapport),
        [(
            2,
            "aucune entrée ne correspond (type « opi », le 21/06/2024, VET DL1OUI/1, décision F (favorable)) ; entrées voisines (type « opi ») : 04/06/2024 R1 opi « Parcoursup envoie l'OPI de Léa DURAND : individu et vœux (DL1OUI/1 F (favorable)). » ; 20/06/2024 R10 opi « Désistement de Léa DURAND : l'OPI porte le vœu défavorable (DL1OUI/1 D (défavorable)). » ; 21/06/2024 R1 opi « Parcoursup envoie l'OPI de Léa DURAND : individu et vœux (DL1OUI/1 D (défavorable), HL1OUI/1 F (favorable)). »".to_owned()
        )]
    );
    assert_eq!(rapport.verdict, Verdict::Echoue);
}

#[test]
fn ranges_count_entries_between_their_days() {
    let rapport = jouer(
        r#"
[[attendus]]
type = "opi"
du = 2024-06-20
nombre = 2

[[attendus]]
type = "opi"
au = 2024-06-19
nombre = 1

[[attendus]]
type = "opi"
du = 2024-06-05
au = 2024-06-19
absent = true

[[attendus]]
type = "opi"
nombre = 2
"#,
    );
    assert_eq!(
        echecs(&rapport),
        [(
            4,
            "3 entrée(s) au lieu de 2 (type « opi ») : 04/06/2024 R1 opi « Parcoursup envoie l'OPI de Léa DURAND : individu et vœux (DL1OUI/1 F (favorable)). » ; 20/06/2024 R10 opi « Désistement de Léa DURAND : l'OPI porte le vœu défavorable (DL1OUI/1 D (défavorable)). » ; 21/06/2024 R1 opi « Parcoursup envoie l'OPI de Léa DURAND : individu et vœux (DL1OUI/1 D (défavorable), HL1OUI/1 F (favorable)). »".to_owned()
        )]
    );
}

#[test]
fn each_final_state_check_says_what_it_found() {
    let rapport = jouer(
        r#"
[[attendus]]
ia = { candidat = 1048598, vet = "HL1OUI", etat = "annulee", paiement = "en_attente" }

[[attendus]]
ia = { candidat = 1048598, vet = "DL1OUI", paiement = "payee" }

[[attendus]]
ia_primo = { candidat = 1048598, vet = "DL1OUI", autorisee = "favorable" }

[[attendus]]
dossiers_opi = { candidat = 1048598, nombre = 2 }

[[attendus]]
dossiers_opi = { candidat = 1048598, vet = "DL1OUI", decision = "F" }

[[attendus]]
inscription_parcoursup = { candidat = 1048598, absent = true }

[[attendus]]
inscription_parcoursup = { candidat = 1048598, formation = 23456 }

[[attendus]]
connecteur = "en_echec"

[[attendus]]
ia = { candidat = 1048598, vet = "HL1OUI", categorie_oui_si = "3A" }
"#,
    );
    let attendus: Vec<(usize, String)> = [
        "IA du candidat 1048598 sur HL1OUI/1 : état en cours (E) au lieu de annulée (A) ; paiement payée (P) au lieu de en attente de paiement (A)",
        "le candidat 1048598 n'a aucune IA sur DL1OUI/1",
        "IA Primo du candidat 1048598 sur DL1OUI/1 le 11/07/2024 : refusée (décision OPI défavorable) au lieu de autorisée (vœu favorable)",
        "1 dossier(s) OPI pour le candidat 1048598 dans Apogée au lieu de 2",
        "le vœu DL1OUI/1 du dossier OPI P241048598 est D (défavorable) au lieu de F (favorable)",
        "Parcoursup connaît une inscription du candidat 1048598 (état 1, inscription principale)",
        "Parcoursup n'a reçu aucune remontée pour le candidat 1048598 sur la formation 23456",
        "connecteur valide au lieu de en échec",
        "IA du candidat 1048598 sur HL1OUI/1 : catégorie Oui Si absent(e) au lieu de 3A",
    ]
    .into_iter()
    .enumerate()
    .map(|(i, raison)| (i + 1, raison.to_owned()))
    .collect();
    assert_eq!(echecs(&rapport), attendus);
}

#[test]
fn a_declared_rule_that_never_appears_fails_the_scenario() {
    let texte = HISTOIRE.replace(
        "description = \"d\"",
        "description = \"d\"\nregles = [\"R10\", \"R12\"]",
    );
    let scenario = charger("regles.toml", &texte).unwrap_or_else(|e| panic!("{e}"));
    let rapport = executer(&scenario);
    assert_eq!(rapport.regles_non_illustrees, [Regle::R12]);
    assert_eq!(rapport.verdict, Verdict::Echoue);
}
