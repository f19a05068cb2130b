//! The conformance report: per scenario and per rule, conform, deviating (with each deviation) or
//! not exercised; rendered as French text for people, JSON for tools and JUnit XML for CI (one
//! testcase per scenario × rule).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use cycle_core::calendrier::date_fr;
use cycle_core::Regle;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::Serialize;

use crate::comparaison::Ecart;

/// One scenario played against the pair under test.
#[derive(Clone, Debug, Serialize)]
pub struct RapportConformite {
    pub scenario: String,
    pub titre: String,
    /// The rules the core's transcript of this scenario applies.
    pub regles_exercees: Vec<Regle>,
    pub ecarts: Vec<Ecart>,
    /// The run could not go to its end (mock or connector unreachable, a control call refused…).
    pub erreur: Option<String>,
    /// How many comparisons were made.
    pub verifications: usize,
}

/// Where a rule stands in a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "statut", rename_all = "snake_case")]
pub enum StatutRegle {
    Conforme,
    Ecart {
        nombre: usize,
    },
    /// The run stopped before its end: the rule could not be judged.
    Erreur,
    NonExercee,
}

impl RapportConformite {
    pub fn conforme(&self) -> bool {
        self.erreur.is_none() && self.ecarts.is_empty()
    }

    pub fn regles_en_ecart(&self) -> BTreeSet<Regle> {
        self.ecarts.iter().map(|e| e.regle).collect()
    }

    pub fn statut(&self, regle: Regle) -> StatutRegle {
        let nombre = self.ecarts.iter().filter(|e| e.regle == regle).count();
        let exercee = self.regles_exercees.contains(&regle);
        match (nombre, exercee, &self.erreur) {
            (n, _, _) if n > 0 => StatutRegle::Ecart { nombre: n },
            (_, true, Some(_)) => StatutRegle::Erreur,
            (_, true, None) => StatutRegle::Conforme,
            (_, false, _) => StatutRegle::NonExercee,
        }
    }

    fn ecarts_de(&self, regle: Regle) -> impl Iterator<Item = &Ecart> {
        self.ecarts.iter().filter(move |e| e.regle == regle)
    }
}

fn ligne_ecart(ecart: &Ecart) -> String {
    let quand = ecart
        .jour
        .map(|j| format!(" (le {})", date_fr(j)))
        .unwrap_or_default();
    format!(
        "{} : attendu « {} », observé « {} »{quand}",
        ecart.sujet, ecart.attendu, ecart.observe
    )
}

/// The report in French, for a terminal.
pub fn texte(rapports: &[RapportConformite]) -> String {
    let mut sortie = String::new();
    let _ = writeln!(
        sortie,
        "Conformité du connecteur — {} scénario(s)",
        rapports.len()
    );
    for rapport in rapports {
        let _ = writeln!(sortie, "\n▸ {} — {}", rapport.scenario, rapport.titre);
        if let Some(erreur) = &rapport.erreur {
            let _ = writeln!(sortie, "  ⚠ déroulement interrompu : {erreur}");
        }
        for regle in Regle::TOUTES {
            match rapport.statut(regle) {
                StatutRegle::NonExercee => {}
                StatutRegle::Conforme => {
                    let _ = writeln!(sortie, "  ✔ {:<3} conforme", regle.code());
                }
                StatutRegle::Erreur => {
                    let _ = writeln!(
                        sortie,
                        "  ? {:<3} non jugée (déroulement interrompu)",
                        regle.code()
                    );
                }
                StatutRegle::Ecart { nombre } => {
                    let _ = writeln!(
                        sortie,
                        "  ✘ {:<3} {nombre} écart(s) — {}",
                        regle.code(),
                        regle.resume()
                    );
                    for ecart in rapport.ecarts_de(regle) {
                        let _ = writeln!(sortie, "      - {}", ligne_ecart(ecart));
                    }
                }
            }
        }
        let _ = writeln!(sortie, "  {} vérification(s)", rapport.verifications);
    }
    let conformes = rapports.iter().filter(|r| r.conforme()).count();
    let en_ecart: BTreeSet<Regle> = rapports.iter().flat_map(|r| r.regles_en_ecart()).collect();
    let _ = writeln!(
        sortie,
        "\nBilan : {conformes} scénario(s) conforme(s) sur {}.",
        rapports.len()
    );
    if !en_ecart.is_empty() {
        let codes: Vec<&str> = en_ecart.iter().map(|r| r.code()).collect();
        let _ = writeln!(sortie, "Règles en écart : {}.", codes.join(", "));
    }
    sortie
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    conforme: bool,
    regles_en_ecart: BTreeSet<Regle>,
    scenarios: Vec<ScenarioJson<'a>>,
}

#[derive(Serialize)]
struct ScenarioJson<'a> {
    #[serde(flatten)]
    rapport: &'a RapportConformite,
    regles: Vec<(Regle, StatutRegle)>,
}

/// The report as one JSON document.
pub fn json(rapports: &[RapportConformite]) -> String {
    let document = DocumentJson {
        conforme: rapports.iter().all(RapportConformite::conforme),
        regles_en_ecart: rapports.iter().flat_map(|r| r.regles_en_ecart()).collect(),
        scenarios: rapports
            .iter()
            .map(|rapport| ScenarioJson {
                rapport,
                regles: Regle::TOUTES
                    .into_iter()
                    .map(|r| (r, rapport.statut(r)))
                    .collect(),
            })
            .collect(),
    };
    // Plain data (strings, numbers, dates): serialising it cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// The report as JUnit XML: one testsuite per scenario, one testcase per rule; a deviation is a
/// `failure`, an interrupted run an `error`, a rule the scenario does not exercise `skipped`.
pub fn junit(rapports: &[RapportConformite]) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let compte = |test: &dyn Fn(&StatutRegle) -> bool| {
        rapports
            .iter()
            .flat_map(|r| Regle::TOUTES.map(|regle| r.statut(regle)))
            .filter(|s| test(s))
            .count()
            .to_string()
    };
    let total = (rapports.len() * Regle::TOUTES.len()).to_string();
    let echecs = compte(&|s| matches!(s, StatutRegle::Ecart { .. }));
    let erreurs = compte(&|s| matches!(s, StatutRegle::Erreur));
    let ignores = compte(&|s| matches!(s, StatutRegle::NonExercee));
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let _ = writer.write_event(Event::Start(BytesStart::new("testsuites").with_attributes(
        [
            ("name", "conformite-connecteur"),
            ("tests", total.as_str()),
            ("failures", echecs.as_str()),
            ("errors", erreurs.as_str()),
            ("skipped", ignores.as_str()),
        ],
    )));
    for rapport in rapports {
        ecrire_suite(&mut writer, rapport);
    }
    let _ = writer.write_event(Event::End(BytesEnd::new("testsuites")));
    String::from_utf8(writer.into_inner()).unwrap_or_default()
}

fn ecrire_suite(writer: &mut Writer<Vec<u8>>, rapport: &RapportConformite) {
    let statuts = Regle::TOUTES.map(|r| rapport.statut(r));
    let compte =
        |test: fn(&StatutRegle) -> bool| statuts.iter().filter(|s| test(s)).count().to_string();
    let tests = Regle::TOUTES.len().to_string();
    let echecs = compte(|s| matches!(s, StatutRegle::Ecart { .. }));
    let erreurs = compte(|s| matches!(s, StatutRegle::Erreur));
    let ignores = compte(|s| matches!(s, StatutRegle::NonExercee));
    let _ = writer.write_event(Event::Start(BytesStart::new("testsuite").with_attributes(
        [
            ("name", rapport.scenario.as_str()),
            ("tests", tests.as_str()),
            ("failures", echecs.as_str()),
            ("errors", erreurs.as_str()),
            ("skipped", ignores.as_str()),
        ],
    )));
    for (regle, statut) in Regle::TOUTES.into_iter().zip(statuts) {
        let nom = format!("{} — {}", regle.code(), regle.resume());
        let debut = BytesStart::new("testcase").with_attributes([
            ("classname", rapport.scenario.as_str()),
            ("name", nom.as_str()),
        ]);
        let (balise, message, texte) = match statut {
            StatutRegle::Conforme => {
                let _ = writer.write_event(Event::Empty(debut));
                continue;
            }
            StatutRegle::NonExercee => (
                "skipped",
                "règle non exercée par ce scénario".to_owned(),
                String::new(),
            ),
            StatutRegle::Erreur => (
                "error",
                rapport.erreur.clone().unwrap_or_default(),
                String::new(),
            ),
            StatutRegle::Ecart { nombre } => (
                "failure",
                format!("{nombre} écart(s) à la règle {}", regle.code()),
                rapport
                    .ecarts_de(regle)
                    .map(ligne_ecart)
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        };
        let _ = writer.write_event(Event::Start(debut));
        let element = BytesStart::new(balise).with_attributes([("message", message.as_str())]);
        if texte.is_empty() {
            let _ = writer.write_event(Event::Empty(element));
        } else {
            let _ = writer.write_event(Event::Start(element));
            let _ = writer.write_event(Event::Text(BytesText::new(&texte)));
            let _ = writer.write_event(Event::End(BytesEnd::new(balise)));
        }
        let _ = writer.write_event(Event::End(BytesEnd::new("testcase")));
    }
    let _ = writer.write_event(Event::End(BytesEnd::new("testsuite")));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rapport(ecarts: Vec<Ecart>, erreur: Option<&str>) -> RapportConformite {
        RapportConformite {
            scenario: "desistement_apres_ia_payee".to_owned(),
            titre: "Désistement après une IA payée".to_owned(),
            regles_exercees: vec![Regle::R10, Regle::R12, Regle::R13],
            ecarts,
            erreur: erreur.map(str::to_owned),
            verifications: 12,
        }
    }

    fn ecart_r12() -> Ecart {
        Ecart {
            regle: Regle::R12,
            jour: None,
            sujet: "IA du candidat 1048586, VET DL1OUI/1, état (ETA_IAE)".to_owned(),
            attendu: "E".to_owned(),
            observe: "A & <annulée>".to_owned(),
        }
    }

    #[test]
    fn each_rule_gets_its_status() {
        let r = rapport(vec![ecart_r12()], None);
        assert_eq!(r.statut(Regle::R12), StatutRegle::Ecart { nombre: 1 });
        assert_eq!(r.statut(Regle::R10), StatutRegle::Conforme);
        assert_eq!(r.statut(Regle::R2), StatutRegle::NonExercee);
        assert!(!r.conforme());
        let interrompu = rapport(Vec::new(), Some("mock injoignable"));
        assert_eq!(interrompu.statut(Regle::R10), StatutRegle::Erreur);
        assert!(!interrompu.conforme());
    }

    #[test]
    fn junit_has_one_testcase_per_rule_and_escapes_text() {
        let xml = junit(&[rapport(vec![ecart_r12()], None)]);
        assert_eq!(xml.matches("<testcase ").count(), 17);
        assert!(xml.contains(r#"<testsuites name="conformite-connecteur" tests="17" failures="1" errors="0" skipped="14">"#), "{xml}");
        assert!(
            xml.contains(r#"<failure message="1 écart(s) à la règle R12">"#),
            "{xml}"
        );
        assert!(xml.contains("A &amp; &lt;annulée&gt;"), "{xml}");
        assert!(
            xml.contains(r#"<skipped message="règle non exercée par ce scénario"/>"#),
            "{xml}"
        );
    }

    #[test]
    fn text_names_the_broken_rule() {
        let sortie = texte(&[rapport(vec![ecart_r12()], None)]);
        assert!(sortie.contains("✘ R12 1 écart(s)"), "{sortie}");
        assert!(sortie.contains("✔ R10 conforme"), "{sortie}");
        assert!(sortie.contains("Règles en écart : R12."), "{sortie}");
        let document: serde_json::Value =
            serde_json::from_str(&json(&[rapport(Vec::new(), None)])).unwrap();
        assert_eq!(document["conforme"], true);
    }
}
