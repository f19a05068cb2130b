//! What the load is made of: a scenario of N candidates who accepted the demo university's Licence de
//! droit (so that their remontées are valid: known candidate, INE, birth date, formation accepted),
//! and the request bodies — valid remontées, and invalid ones that validation or the core refuses.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{json, Value};

/// First `codeCandidat` of a load cohort (1 is the connector test's).
const PREMIER_CODE: u32 = 2_000_000;
/// The demo university's Licence de droit, and its « Oui » VET.
pub const FORMATION: u32 = 23456;
pub const VET: &str = "DL1OUI";
const UAI: &str = "0751234X";
const LOGIN: &str = "demo-psup";
const MOT_DE_PASSE: &str = "demo-secret";
/// The scenario's first day: after the bac results (vœux stay F) and inside the IA Primo window.
const PREMIER_JOUR: &str = "2024-07-09";
pub const LENDEMAIN: &str = "2024-07-10";

/// What the scenario is for.
#[derive(Clone, Copy)]
pub enum Usage {
    /// Remontées sent straight to the mock: OPI by webservice, connector not tested yet (the
    /// benchmark clicks « Tester connecteur » first).
    Charge,
    /// The daily batch from the reference connector: OPI as flat files (30,000 in one import), the
    /// connector valid, and no nightly batch of its own (the benchmark runs it).
    Lot,
}

pub fn code_candidat(rang: u32) -> u32 {
    PREMIER_CODE + rang
}

fn ine(code: u32) -> String {
    format!("{code:010}K")
}

/// A surname of its own for each candidate: Apogée takes two OPI with the same name and birth date
/// for the same person (R16), which would merge the whole cohort into one record.
fn nom(code: u32) -> String {
    let mut lettres = String::new();
    let mut reste = code - PREMIER_CODE;
    for _ in 0..4 {
        lettres.insert(0, char::from(b'A' + (reste % 26) as u8));
        reste /= 26;
    }
    format!("CHARGE{lettres}")
}

/// The scenario file of `n` candidates, all accepting [`FORMATION`] on the first day.
pub fn scenario(n: u32, usage: Usage) -> String {
    let mut texte = String::new();
    texte.push_str("titre = \"Banc de charge\"\n");
    let _ = writeln!(
        texte,
        "description = \"{n} candidats acceptent la Licence de droit le premier jour (cargo xtask bench).\""
    );
    texte.push_str("\n[universite]\n");
    match usage {
        Usage::Charge => texte.push_str("connecteur = \"parametre_non_teste\"\n"),
        Usage::Lot => texte.push_str(
            "mode_opi = \"fichiers_plats\"\nconnecteur = \"valide\"\n\n[reglages]\ntraitement_quotidien_automatique = false\n",
        ),
    }
    let _ = writeln!(
        texte,
        "\n[campagne]\npreset = \"2024\"\ndebut = {PREMIER_JOUR}"
    );
    for rang in 0..n {
        let code = code_candidat(rang);
        let _ = writeln!(
            texte,
            "\n[[candidats]]\ncode = {code}\nprenom = \"Camille\"\nnom = \"{}\"\nine = \"{}\"\ndate_naissance = 2006-03-14",
            nom(code),
            ine(code)
        );
    }
    for rang in 0..n {
        let _ = writeln!(
            texte,
            "\n[[evenements]]\ndate = {PREMIER_JOUR}\ntype = \"acceptation\"\ncandidat = {}\nformation = {FORMATION}\nreponse = \"oui\"",
            code_candidat(rang)
        );
    }
    texte
}

/// A remontée of candidate `code` in state `etat`, as the connector would send it.
fn remontee(code: u32, etat: u8) -> Value {
    json!({
        "identifiant": { "login": LOGIN, "pwd": MOT_DE_PASSE },
        "codeCandidat": code,
        "ine": ine(code),
        "nom": nom(code),
        "prenom": "Camille",
        "dateNaissance": "14/03/2006",
        "codeFormationPsup": FORMATION,
        "codeFormation1": FORMATION.to_string(),
        "codeSISE": "2500123",
        "etatInscription": etat,
        "codeEtablissementAffectation": UAI,
    })
}

/// Valid remontées of `n` candidates, each in the five states one after the other: the file is read
/// in order, so a candidate's next body always differs from the last one accepted (not a
/// duplicate, which the mock answers without reaching the core).
pub fn valides(n: u32) -> String {
    let mut lignes = String::new();
    for etat in 1..=5u8 {
        for rang in 0..n {
            lignes.push_str(&remontee(code_candidat(rang), etat).to_string());
            lignes.push('\n');
        }
    }
    lignes
}

/// Invalid bodies, four kinds in turn: an impossible date, an unknown `etatInscription` and a
/// malformed INE (refused by validation, HTTP 400), and an unknown candidate (refused by the core,
/// HTTP 422). Every one is answered `NOK`.
pub fn invalides(n: u32) -> String {
    let mut lignes = String::new();
    for rang in 0..n.min(1000) {
        let code = code_candidat(rang);
        let mut date = remontee(code, 1);
        date["dateNaissance"] = json!("31/02/2006");
        let etat = remontee(code, 7);
        let mut ine_court = remontee(code, 1);
        ine_court["ine"] = json!("12");
        let mut inconnu = remontee(code, 1);
        inconnu["codeCandidat"] = json!(9_000_000 + rang);
        for corps in [date, etat, ine_court, inconnu] {
            lignes.push_str(&corps.to_string());
            lignes.push('\n');
        }
    }
    lignes
}

/// The files of a load of `n` candidates, written to `dossier`.
pub struct FichiersCharge {
    pub scenario: std::path::PathBuf,
    pub valides: std::path::PathBuf,
    pub invalides: std::path::PathBuf,
}

pub fn ecrire_charge(dossier: &Path, n: u32) -> Result<FichiersCharge> {
    fs::create_dir_all(dossier).with_context(|| format!("création de {}", dossier.display()))?;
    let fichiers = FichiersCharge {
        scenario: dossier.join(format!("charge-{n}.toml")),
        valides: dossier.join(format!("valides-{n}.jsonl")),
        invalides: dossier.join(format!("invalides-{n}.jsonl")),
    };
    for (chemin, contenu) in [
        (&fichiers.scenario, scenario(n, Usage::Charge)),
        (&fichiers.valides, valides(n)),
        (&fichiers.invalides, invalides(n)),
    ] {
        fs::write(chemin, contenu).with_context(|| format!("écriture de {}", chemin.display()))?;
    }
    Ok(fichiers)
}

/// The connector test of `shared/domain/examples/connector-test.json`, with the demo credentials.
pub fn test_connecteur() -> String {
    json!({
        "identifiant": { "login": LOGIN, "pwd": MOT_DE_PASSE },
        "codeCandidat": 1,
        "ine": "0123456789AB",
        "nom": "Bernard",
        "prenom": "Minet",
        "dateNaissance": "14/07/1789",
        "codeFormationPsup": 42,
        "codeFormation1": "42",
        "codeSISE": 42,
        "etatInscription": 1,
        "codeEtablissementAffectation": UAI,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_candidate_never_gets_the_same_valid_body_twice_in_a_row() {
        let texte = valides(3);
        let lignes: Vec<&str> = texte.lines().collect();
        assert_eq!(lignes.len(), 15);
        // Bodies 0, 3, 6… are the first candidate's: states 1 to 5 in turn.
        let etats: Vec<u64> = (0..5)
            .map(|k| {
                serde_json::from_str::<Value>(lignes[k * 3]).unwrap()["etatInscription"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        assert_eq!(etats, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn the_scenario_declares_every_candidate_and_their_acceptance() {
        let texte = scenario(2, Usage::Lot);
        assert_eq!(texte.matches("[[candidats]]").count(), 2);
        assert_eq!(texte.matches("type = \"acceptation\"").count(), 2);
        assert!(texte.contains("ine = \"0002000001K\""), "{texte}");
        assert!(texte.contains("nom = \"CHARGEAAAB\""), "{texte}");
        assert!(texte.contains("mode_opi = \"fichiers_plats\""), "{texte}");
    }
}
