//! A university written in full instead of the demonstration one: its formations replace the demo's,
//! its VETs resolve by étape code and version, and its settings reach the run.

use cycle_scenario::{charger, executer, Verdict};

const UNIVERSITE: &str = r#"titre = "Université écrite en entier"
description = "Deux versions de la même étape ; OPI par fichiers plats ; connecteur à tester."
regles = ["R6"]

[universite]
uai = "0999999Z"
nom = "Université de test"
mode_opi = "fichiers_plats"
connecteur = "parametre_non_teste"
login = "test-psup"
mot_de_passe = "test-secret"

[[universite.formations]]
code = 11111
libelle = "Licence - Chimie"
code_sise = "2600001"
vet_oui = { cod_cge = "CHI", cod_etp = "CL1", cod_vrs_vet = 1, cod_dip = "DLCHI" }

[[universite.formations]]
code = 22222
libelle = "Licence - Chimie (nouvelle maquette)"
code_sise = "2600002"
premiere_annee = false
vet_oui = { cod_cge = "CHI", cod_etp = "CL1", cod_vrs_vet = 2, cod_dip = "DLCHI", cod_vrs_vdi = 2 }
ouverture_ia_primo = { debut = 2024-07-01, fin = 2024-07-31 }

[[candidats]]
code = 2000001

[[evenements]]
date = 2024-06-04
type = "acceptation"
candidat = 2000001
formation = 11111

[[evenements]]
date = 2024-06-05
type = "test_connecteur"

[[evenements]]
date = 2024-06-06
type = "ia_primo"
candidat = 2000001
vet = "CL1/1"
payee = true

[[attendus]]
pourquoi = "Paramétré mais pas testé : l'OPI attend le test."
type = "opi_retenue"
date = 2024-06-04

[[attendus]]
pourquoi = "En fichiers plats, l'OPI libérée par le test part le soir."
type = "fichiers_opi"
date = 2024-06-05
vet = "CL1/1"

[[attendus]]
type = "remontee"
date = 2024-06-06

[[attendus]]
connecteur = "valide"
"#;

#[test]
fn a_university_written_in_full_replaces_the_demo() {
    let scenario = charger("universite.toml", UNIVERSITE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scenario.configuration.universite.uai, "0999999Z");
    assert_eq!(scenario.configuration.universite.formations.len(), 2);
    let rapport = executer(&scenario);
    assert_eq!(
        rapport.verdict,
        Verdict::Reussi,
        "{}",
        cycle_scenario::rendu::texte_rapport(&rapport, &[])
    );
}

#[test]
fn an_etape_with_two_versions_must_name_its_version() {
    let texte = UNIVERSITE.replace("vet = \"CL1/1\"\npayee", "vet = \"CL1\"\npayee");
    let erreur = charger("universite.toml", &texte).map(|_| ()).unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "universite.toml:44:7: evenements[2].vet: VET « CL1 » ambiguë : précisez la version (CL1/1, CL1/2)"
    );
}

#[test]
fn a_vet_mapped_twice_is_refused_on_the_second_formation() {
    let texte = UNIVERSITE.replace("cod_vrs_vet = 2, cod_dip", "cod_vrs_vet = 1, cod_dip");
    let erreur = charger("universite.toml", &texte).map(|_| ()).unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "universite.toml:19:1: universite.formations[1]: la VET CL1/1 est reliée deux fois (formations 11111 et 22222)"
    );
}
