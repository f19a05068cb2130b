//! What the harness sees of the pair under test, read from JSON: the mock's journal (remontées it
//! received and what became of each, OPI it delivered and how the connector answered), the mock's
//! connector status, and the
//! connector's control API (IA Primo offers, Apogée's IAs and OPI records).
//!
//! Reading is lenient on shape (a field the connector does not show is "not observable", never a
//! deviation) and strict on meaning: a remontée body is decoded with `cycle-wire` exactly as
//! Parcoursup reads it. Nothing here compares; [`crate::comparaison`] does.

use cycle_codec::remontee::remontee_depuis_wire;
use cycle_core::transcript::OffreVet;
use cycle_core::{CodeDecision, CodeVet, Remontee};
use cycle_wire::rest::{decode_maj_inscription, Compat};
use serde::Deserialize;
use serde_json::Value;

/// A remontée the connector sent to the mock (connector tests and re-sends of an accepted one left
/// out), with what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemonteeObservee {
    pub jour: Option<String>,
    pub remontee: Remontee,
    pub issue: IssueRemontee,
}

/// What became of a remontée sent to Parcoursup, from the journal's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueRemontee {
    /// Processed and answered OK (`ok`): Parcoursup knows the inscription.
    Acceptee,
    /// Processed and answered NOK (`nok`): Parcoursup read it and refused it, for `motif`.
    RefuseeParParcoursup { motif: String },
    /// Never processed: refused before reaching Parcoursup's rules (`refuse`: wrong content type,
    /// bad value…) or hit by a fault the mock injected on purpose (`panne_injectee`: HTTP 500, a
    /// cut connection, a NOK). A connector must send it again.
    NonTraitee { verdict: String, motif: String },
}

impl IssueRemontee {
    /// From the journal's `verdict` and `detail`; `None` for a re-send of an accepted remontée
    /// (`doublon`), which the original already stands for.
    fn depuis_journal(verdict: &str, detail: &str) -> Option<IssueRemontee> {
        Some(match verdict {
            "ok" => IssueRemontee::Acceptee,
            "doublon" => return None,
            "nok" => IssueRemontee::RefuseeParParcoursup {
                motif: detail.to_owned(),
            },
            autre => IssueRemontee::NonTraitee {
                verdict: autre.to_owned(),
                motif: detail.to_owned(),
            },
        })
    }

    /// Parcoursup's rules read it (answered OK or NOK), as they read every remontée of the core.
    pub fn traitee(&self) -> bool {
        !matches!(self, IssueRemontee::NonTraitee { .. })
    }

    /// In French, for a report: « refusée par Parcoursup (NOK : … ) ».
    pub fn en_texte(&self) -> String {
        match self {
            IssueRemontee::Acceptee => "acceptée par Parcoursup".to_owned(),
            IssueRemontee::RefuseeParParcoursup { motif } => {
                format!("refusée par Parcoursup (NOK : {motif})")
            }
            IssueRemontee::NonTraitee { verdict, motif } => {
                let quoi = match verdict.as_str() {
                    "panne_injectee" => "panne injectée par le mock",
                    "refuse" => "refusée avant traitement",
                    _ => "non traitée",
                };
                if motif.is_empty() {
                    format!("{quoi} (verdict {verdict})")
                } else {
                    format!("{quoi} ({motif})")
                }
            }
        }
    }
}

/// A `majInscriptionAdministrative` body that Parcoursup could not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemonteeIllisible {
    pub jour: Option<String>,
    pub raison: String,
}

/// An OPI delivery the connector refused or never answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LivraisonRefusee {
    pub jour: Option<String>,
    pub route: String,
    pub verdict: String,
    pub detail: String,
}

/// What the mock's journal shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JournalMock {
    pub remontees: Vec<RemonteeObservee>,
    pub illisibles: Vec<RemonteeIllisible>,
    pub livraisons_refusees: Vec<LivraisonRefusee>,
    /// OPI deliveries the connector acknowledged.
    pub livraisons_acquittees: usize,
}

fn texte<'a>(objet: &'a Value, cle: &str) -> Option<&'a str> {
    objet.get(cle).and_then(Value::as_str)
}

/// The messages of `GET /__admin/journal`: the array itself, or the first array field of an object.
fn messages(journal: &Value) -> &[Value] {
    match journal {
        Value::Array(messages) => messages,
        Value::Object(champs) => champs
            .values()
            .find_map(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default(),
        _ => &[],
    }
}

/// Reads the mock's journal.
pub fn lire_journal_mock(journal: &Value) -> JournalMock {
    let mut lu = JournalMock::default();
    for message in messages(journal) {
        let route = texte(message, "route").unwrap_or_default();
        let sens = texte(message, "sens").unwrap_or_default();
        let verdict = texte(message, "verdict").unwrap_or_default();
        let jour = texte(message, "jour").map(str::to_owned);
        if sens == "entrant" && route.ends_with("majInscriptionAdministrative") {
            // A re-send of a remontée already accepted is harmless (the batch was cut short).
            let detail = texte(message, "detail").unwrap_or_default();
            let Some(issue) = IssueRemontee::depuis_journal(verdict, detail) else {
                continue;
            };
            let corps = texte(message, "corps").unwrap_or_default();
            match decode_maj_inscription(corps.as_bytes(), Compat::tolerant()) {
                Ok(requete) if requete.is_connector_test() => {}
                Ok(requete) => lu.remontees.push(RemonteeObservee {
                    jour,
                    remontee: remontee_depuis_wire(&requete).1,
                    issue,
                }),
                Err(erreur) => lu.illisibles.push(RemonteeIllisible {
                    jour,
                    raison: erreur.to_string(),
                }),
            }
        } else if sens == "sortant"
            && (route.contains("OpiMetier") || route.contains("admissionCandidat"))
        {
            match verdict {
                "ok" => lu.livraisons_acquittees += 1,
                // Faults the mock injected on purpose say nothing of the connector.
                "panne_injectee" => {}
                _ => lu.livraisons_refusees.push(LivraisonRefusee {
                    jour,
                    route: route.to_owned(),
                    verdict: verdict.to_owned(),
                    detail: texte(message, "detail")
                        .or_else(|| texte(message, "reponse"))
                        .unwrap_or_default()
                        .chars()
                        .take(300)
                        .collect(),
                }),
            }
        }
    }
    lu
}

/// The connector status in `GET /__admin/etat` (`non_teste`, `en_echec`, `valide`), when shown.
pub fn lire_connecteur_mock(etat: &Value) -> Option<String> {
    let connecteur = etat.get("connecteur")?;
    texte(connecteur, "etat")
        .or_else(|| connecteur.get("statut").and_then(|s| texte(s, "etat")))
        .or_else(|| connecteur.as_str())
        .map(str::to_owned)
}

/// `GET /etats/ia-primo/{candidat}`.
#[derive(Clone, Debug, Deserialize)]
pub struct OffreIaPrimo {
    pub offres: Vec<OffreVet>,
}

/// One IA as the connector shows it in `GET /etats/apogee`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct IaObservee {
    pub code_candidat: u32,
    pub vet: CodeVet,
    /// `ETA_IAE`: `E`, `A`, `R`, `C`.
    #[serde(default)]
    pub etat: Option<String>,
    /// `ETA_PMT_IAE`: `P`, `A`.
    #[serde(default)]
    pub paiement: Option<String>,
    #[serde(default)]
    pub annulation_manuelle_requise: Option<bool>,
    #[serde(default)]
    pub categorie_oui_si: Option<String>,
    #[serde(default)]
    pub cursus_amenage: Option<String>,
}

/// One vœu of an OPI record as the connector shows it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct VoeuObserve {
    pub vet: CodeVet,
    pub decision: CodeDecision,
}

/// One OPI record as the connector shows it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct DossierObserve {
    pub code_candidat: u32,
    #[serde(default)]
    pub voeux: Vec<VoeuObserve>,
}

/// `GET /etats/apogee`, the parts the harness compares.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct EtatApogeeObserve {
    #[serde(default)]
    pub ias: Vec<IaObservee>,
    #[serde(default)]
    pub dossiers_opi: Vec<DossierObserve>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const REMONTEE: &str = r#"{"identifiant":{"login":"demo-psup","pwd":"********"},"codeCandidat":1048576,"ine":"123456789AB","nom":"DURAND","prenom":"Léa","dateNaissance":"03/02/2008","codeFormationPsup":23456,"codeFormation1":"23456","codeSISE":"2500123","etatInscription":1,"codeEtablissementAffectation":"0751234X"}"#;
    const TEST: &str = r#"{"identifiant":{"login":"demo-psup","pwd":"********"},"codeCandidat":1,"ine":"0123456789AB","nom":"Bernard","prenom":"Minet","dateNaissance":"14/07/1789","codeFormationPsup":42,"codeFormation1":"42","codeSISE":42,"etatInscription":1,"codeEtablissementAffectation":"0751234X"}"#;

    #[test]
    fn the_journal_gives_remontees_and_refused_deliveries() {
        let journal = json!({ "messages": [
            { "sens": "entrant", "route": "/ApiRest/majInscriptionAdministrative", "corps": TEST, "verdict": "ok", "jour": "2024-06-04" },
            { "sens": "entrant", "route": "/ApiRest/majInscriptionAdministrative", "corps": REMONTEE, "verdict": "ok", "jour": "2024-07-10" },
            { "sens": "entrant", "route": "/ApiRest/majInscriptionAdministrative", "corps": REMONTEE, "verdict": "doublon", "jour": "2024-07-11" },
            { "sens": "entrant", "route": "/ApiRest/majInscriptionAdministrative", "corps": "{", "verdict": "refuse", "jour": "2024-07-11" },
            { "sens": "sortant", "route": "POST http://127.0.0.1:1/services/OpiMetier", "verdict": "ok" },
            { "sens": "sortant", "route": "POST http://127.0.0.1:1/services/OpiMetier", "verdict": "nok", "detail": "faute SOAP : codEtp" },
            { "sens": "sortant", "route": "POST http://127.0.0.1:1/admissionCandidat", "verdict": "panne_injectee" },
        ]});
        let lu = lire_journal_mock(&journal);
        assert_eq!(lu.remontees.len(), 1);
        assert_eq!(lu.remontees[0].remontee.code_candidat, 1048576);
        assert_eq!(lu.remontees[0].jour.as_deref(), Some("2024-07-10"));
        assert_eq!(lu.remontees[0].issue, IssueRemontee::Acceptee);
        assert_eq!(lu.illisibles.len(), 1);
        assert!(
            lu.illisibles[0].raison.starts_with("corps"),
            "{:?}",
            lu.illisibles
        );
        assert_eq!(lu.livraisons_acquittees, 1);
        assert_eq!(lu.livraisons_refusees.len(), 1);
        assert_eq!(lu.livraisons_refusees[0].detail, "faute SOAP : codEtp");
    }

    #[test]
    fn a_remontee_parcoursup_did_not_accept_keeps_its_verdict_and_reason() {
        let journal = json!({ "messages": [
            { "sens": "entrant", "route": "POST /ApiRest/majInscriptionAdministrative", "corps": REMONTEE, "verdict": "panne_injectee", "detail": "panne injectee : HTTP 500", "jour": "2024-07-10" },
            { "sens": "entrant", "route": "POST /ApiRest/majInscriptionAdministrative", "corps": REMONTEE, "verdict": "nok", "detail": "ine : inconnu", "jour": "2024-07-11" },
            { "sens": "entrant", "route": "POST /ApiRest/majInscriptionAdministrative", "corps": REMONTEE, "verdict": "refuse", "detail": "Content-Type : application/json attendu", "jour": "2024-07-12" },
        ]});
        let issues: Vec<(IssueRemontee, String)> = lire_journal_mock(&journal)
            .remontees
            .into_iter()
            .map(|r| (r.issue.clone(), r.issue.en_texte()))
            .collect();
        assert_eq!(
            issues,
            [
                (
                    IssueRemontee::NonTraitee {
                        verdict: "panne_injectee".to_owned(),
                        motif: "panne injectee : HTTP 500".to_owned()
                    },
                    "panne injectée par le mock (panne injectee : HTTP 500)".to_owned()
                ),
                (
                    IssueRemontee::RefuseeParParcoursup {
                        motif: "ine : inconnu".to_owned()
                    },
                    "refusée par Parcoursup (NOK : ine : inconnu)".to_owned()
                ),
                (
                    IssueRemontee::NonTraitee {
                        verdict: "refuse".to_owned(),
                        motif: "Content-Type : application/json attendu".to_owned()
                    },
                    "refusée avant traitement (Content-Type : application/json attendu)".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn the_connector_status_is_read_in_either_shape() {
        assert_eq!(
            lire_connecteur_mock(&json!({"connecteur": {"etat": "valide"}})).as_deref(),
            Some("valide")
        );
        assert_eq!(
            lire_connecteur_mock(&json!({"connecteur": {"statut": {"etat": "en_echec"}}}))
                .as_deref(),
            Some("en_echec")
        );
        assert_eq!(lire_connecteur_mock(&json!({})), None);
    }
}
