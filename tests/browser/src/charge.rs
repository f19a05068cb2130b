//! A big scenario for the page's speed budget: `n` candidates of the demonstration university over
//! the 2024 summer (acceptances in June, online registrations in July, bac failures, rattrapage,
//! réorientations, désistements), written as a scenario file like a trainer would.
//!
//! Deterministic: the same `n` gives the same text, so figures can be reproduced.

use std::fmt::Write;

/// First `codeCandidat` of the generated candidates.
const PREMIER_CODE: u32 = 2_000_000;

struct Prevu {
    /// Days after 1 June 2024.
    jour: u32,
    table: String,
}

fn date(jour: u32) -> String {
    // June has 30 days, July 31.
    match jour {
        0..=29 => format!("2024-06-{:02}", jour + 1),
        30..=60 => format!("2024-07-{:02}", jour - 29),
        _ => format!("2024-08-{:02}", jour - 60),
    }
}

/// The scenario's TOML text.
pub fn scenario_de_charge(candidats: u32) -> String {
    let mut texte = format!(
        "titre = \"Charge : {candidats} candidats\"\n\
         description = \"Un été synthétique pour mesurer la vitesse de la page.\"\n\n\
         [campagne]\npreset = \"2024\"\n"
    );
    let mut prevus: Vec<Prevu> = Vec::new();
    for i in 0..candidats {
        let code = PREMIER_CODE + i;
        let bac = match i % 20 {
            0 => "echec",
            1 => "rattrapage_admis",
            2 => "rattrapage_echec",
            3 => "reorientation",
            _ => "admis",
        };
        let _ = write!(texte, "\n[[candidats]]\ncode = {code}\nbac = \"{bac}\"\n");
        let (formation, reponse, vet) = match (i % 2, i % 10) {
            (0, 4) => (23456, "oui_si_3_ans", "DL1OS3"),
            (0, _) => (23456, "oui", "DL1OUI"),
            _ => (34567, "oui", "HL1OUI"),
        };
        prevus.push(Prevu {
            jour: i % 30,
            table: format!(
                "type = \"acceptation\"\ncandidat = {code}\nformation = {formation}\nreponse = \"{reponse}\"\n"
            ),
        });
        if i % 3 != 0 {
            prevus.push(Prevu {
                jour: 30 + i % 15,
                table: format!(
                    "type = \"ia_primo\"\ncandidat = {code}\nvet = \"{vet}\"\npayee = true\n"
                ),
            });
        }
        if i % 50 == 7 {
            prevus.push(Prevu {
                jour: 49,
                table: format!(
                    "type = \"desistement\"\ncandidat = {code}\nformation = {formation}\n"
                ),
            });
        }
    }
    // Events follow the order of dates; the same day keeps generation order.
    prevus.sort_by_key(|p| p.jour);
    for prevu in prevus {
        let _ = write!(
            texte,
            "\n[[evenements]]\ndate = {}\n{}",
            date(prevu.jour),
            prevu.table
        );
    }
    texte
}

#[cfg(test)]
mod tests {
    use super::*;
    use cycle_wasm::{ErreurPas, Seance};

    #[test]
    fn the_load_scenario_loads_and_plays_to_its_end_without_a_refused_event() {
        let texte = scenario_de_charge(200);
        let mut seance = Seance::depuis_texte("charge.toml", &texte).expect("chargé");
        assert_eq!(seance.scenario().configuration.candidats.len(), 200);
        loop {
            match seance.avancer() {
                Ok(()) => {}
                Err(ErreurPas::FinAtteinte { .. }) => break,
                Err(autre) => panic!("{autre}"),
            }
        }
        assert!(seance.transcript().len() > 1_000);
        assert_eq!(date(0), "2024-06-01");
        assert_eq!(date(30), "2024-07-01");
        assert_eq!(date(61), "2024-08-01");
    }
}
