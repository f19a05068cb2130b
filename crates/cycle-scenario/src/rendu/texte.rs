//! The readable text report: a header per scenario, its déroulement with dates and rule ids, the
//! expectations with ✔/✘, the verdict; then the summary and the rule coverage.

use std::fmt::{self, Write};

use cycle_core::Regle;

use super::{deroulement, LigneDeroulement};
use crate::couverture::LigneCouverture;
use crate::erreur::ErreurScenario;
use crate::execution::{ErreurExecution, RapportScenario, Verdict};

/// One scenario's report. Entries of the rules in `en_relief` are marked `►` in the margin.
pub fn texte_rapport(rapport: &RapportScenario, en_relief: &[Regle]) -> String {
    let mut texte = String::new();
    // Writing to a String never fails.
    let _ = ecrire_rapport(&mut texte, rapport, en_relief);
    texte
}

fn ecrire_rapport(
    texte: &mut String,
    rapport: &RapportScenario,
    en_relief: &[Regle],
) -> fmt::Result {
    writeln!(texte, "══ {} ══", rapport.titre)?;
    let regles: Vec<&str> = rapport.regles.iter().map(|r| r.code()).collect();
    writeln!(
        texte,
        "fichier : {} · règles : {}",
        rapport.fichier,
        if regles.is_empty() {
            "—".to_owned()
        } else {
            regles.join(", ")
        }
    )?;
    for ligne in rapport.description.trim().lines() {
        writeln!(texte, "  {}", ligne.trim_end())?;
    }
    texte.push('\n');
    for ligne in deroulement(rapport) {
        match ligne {
            LigneDeroulement::Evenement {
                jour,
                evenement,
                note,
            } => {
                writeln!(texte, "▸ {jour}  {evenement}")?;
                if let Some(note) = note {
                    for ligne in note.trim().lines() {
                        writeln!(texte, "              ↳ {}", ligne.trim())?;
                    }
                }
            }
            LigneDeroulement::Entree {
                jour,
                regle,
                fait,
                explication,
            } => {
                let marge = if en_relief.contains(&regle) {
                    "►"
                } else {
                    " "
                };
                writeln!(
                    texte,
                    "{marge} {jour}  {:<4} {fait} — {explication}",
                    regle.code()
                )?;
            }
        }
    }
    texte.push('\n');
    if !rapport.attendus.is_empty() {
        texte.push_str("Attendus :\n");
    }
    for resultat in &rapport.attendus {
        let attendu = &resultat.attendu;
        let ligne = attendu
            .position
            .map_or(String::new(), |p| format!(" (ligne {})", p.ligne));
        let marque = if resultat.echec.is_some() {
            "✘"
        } else {
            "✔"
        };
        writeln!(
            texte,
            "  {marque} n° {}{ligne} : {}",
            attendu.numero, resultat.description
        )?;
        if let Some(pourquoi) = &attendu.pourquoi {
            writeln!(texte, "      pourquoi : {}", pourquoi.trim())?;
        }
        if let Some(echec) = &resultat.echec {
            writeln!(texte, "      → {echec}")?;
        }
    }
    for regle in &rapport.regles_non_illustrees {
        writeln!(
            texte,
            "  ✘ règle {regle} annoncée dans « regles » mais absente du déroulement"
        )?;
    }
    writeln!(texte, "Verdict : {}", verdict(rapport))
}

fn verdict(rapport: &RapportScenario) -> String {
    match (&rapport.verdict, &rapport.erreur) {
        (Verdict::Erreur, Some(erreur)) => format!("✘ erreur — {}", erreur_situee(rapport, erreur)),
        (Verdict::Erreur, None) => "✘ erreur".to_owned(),
        (Verdict::Echoue, _) => {
            let echecs = rapport.echecs().count() + rapport.regles_non_illustrees.len();
            format!(
                "✘ échoué ({echecs} point(s) en échec sur {})",
                rapport.attendus.len() + rapport.regles.len()
            )
        }
        (Verdict::Reussi, _) => format!(
            "✔ réussi ({} attendu(s) vérifié(s), {} règle(s) illustrée(s))",
            rapport.attendus.len(),
            rapport.regles.len()
        ),
    }
}

/// `fichier:7:1: evenements[0]: message`, as a load error is written; `fichier: message` when the
/// core refused the set-up rather than an event.
fn erreur_situee(rapport: &RapportScenario, erreur: &ErreurExecution) -> String {
    let ou = erreur.position.map_or(String::new(), |p| format!(":{p}"));
    let champ = erreur
        .indice_evenement
        .map_or(String::new(), |i| format!(" evenements[{i}]:"));
    format!("{}{ou}:{champ} {}", rapport.fichier, erreur.message)
}

/// The last lines of a run: counts of verdicts and of unreadable files, then one line per scenario
/// that did not pass and per unreadable file, saying what to look at (a CI log shows its end first).
pub fn texte_bilan(rapports: &[RapportScenario], illisibles: &[ErreurScenario]) -> String {
    let compte = |v: Verdict| rapports.iter().filter(|r| r.verdict == v).count();
    let mut texte = format!(
        "Bilan : {} scénario(s) — {} réussi(s), {} échoué(s), {} en erreur",
        rapports.len(),
        compte(Verdict::Reussi),
        compte(Verdict::Echoue),
        compte(Verdict::Erreur)
    );
    if !illisibles.is_empty() {
        texte.push_str(&format!(" ; {} fichier(s) illisible(s)", illisibles.len()));
    }
    texte.push('\n');
    for rapport in rapports {
        match (&rapport.verdict, &rapport.erreur) {
            (Verdict::Reussi, _) => {}
            (Verdict::Echoue, _) => {
                texte.push_str(&format!(
                    "  échoué : {} ({})\n",
                    rapport.fichier,
                    points_en_echec(rapport).join(" ; ")
                ));
            }
            (Verdict::Erreur, Some(erreur)) => {
                texte.push_str(&format!(
                    "  en erreur : {}\n",
                    erreur_situee(rapport, erreur)
                ));
            }
            (Verdict::Erreur, None) => {
                texte.push_str(&format!("  en erreur : {}\n", rapport.fichier));
            }
        }
    }
    for illisible in illisibles {
        texte.push_str(&format!("  illisible : {illisible}\n"));
    }
    texte
}

/// `attendu n° 5, ligne 91`, `règle R4 absente du déroulement`: what made a scenario fail.
fn points_en_echec(rapport: &RapportScenario) -> Vec<String> {
    let attendus = rapport.echecs().map(|resultat| {
        let attendu = &resultat.attendu;
        match attendu.position {
            Some(position) => format!("attendu n° {}, ligne {}", attendu.numero, position.ligne),
            None => format!("attendu n° {}", attendu.numero),
        }
    });
    let regles = rapport
        .regles_non_illustrees
        .iter()
        .map(|regle| format!("règle {regle} absente du déroulement"));
    attendus.chain(regles).collect()
}

/// Which scenarios show each rule.
pub fn texte_couverture(couverture: &[LigneCouverture]) -> String {
    let mut texte = String::from("Couverture des règles :\n");
    for ligne in couverture {
        let scenarios = if ligne.illustree_dans.is_empty() {
            "jamais illustrée".to_owned()
        } else {
            ligne.illustree_dans.join(", ")
        };
        texte.push_str(&format!("  {:<4} {scenarios}\n", ligne.regle.code()));
    }
    texte
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    /// The engine refused the set-up, not an event: no `evenements[…]` is named (it used to say
    /// `evenements[0]`, an event the file may not even have).
    #[test]
    fn a_set_up_error_names_no_event() {
        let rapport = RapportScenario {
            nom: "s".to_owned(),
            fichier: "s.toml".to_owned(),
            titre: "t".to_owned(),
            description: String::new(),
            regles: Vec::new(),
            verdict: Verdict::Erreur,
            erreur: Some(ErreurExecution {
                indice_evenement: None,
                position: None,
                jour: date!(2024 - 05 - 30),
                message: "configuration refusée".to_owned(),
            }),
            attendus: Vec::new(),
            regles_non_illustrees: Vec::new(),
            etapes: Vec::new(),
            transcript: Vec::new(),
            fin: date!(2024 - 05 - 30),
        };
        assert!(texte_rapport(&rapport, &[])
            .ends_with("Verdict : ✘ erreur — s.toml: configuration refusée\n"));
        assert_eq!(
            texte_bilan(&[rapport], &[]),
            "Bilan : 1 scénario(s) — 0 réussi(s), 0 échoué(s), 1 en erreur\n  en erreur : s.toml: configuration refusée\n"
        );
    }
}
