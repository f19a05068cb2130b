//! The read-back after a delivery the connector acknowledged: `GET {url}/etats/dossiers-opi/{candidat}`
//! (the control API of the reference connector, `docs/connector.md`), for the partial write known in
//! the field — the individu written, not its vœux, and success answered all the same
//! (`domain.md` §3.3).
//!
//! This module only fetches and journals the record; whether the vœux are there, and what follows,
//! is the core's decision (`Parcoursup::relire_ecriture_opi`, through [`Commande::OpiRelue`]).
//!
//! [`Commande::OpiRelue`]: crate::moteur::Commande::OpiRelue

use cycle_core::Opi;
use time::Date;

use crate::journal::{NouveauMessage, Sens, Verdict};

/// What a read-back found: the record, or `None` when the connector has none (HTTP 404).
pub type Relu = Option<Opi>;

/// Reads the candidate's record back. `Err` with the reason when it could not be read (the
/// delivery then counts as not confirmed); the message to journal either way.
pub async fn relire(
    client: &reqwest::Client,
    url_connecteur: &str,
    jour: Date,
    code_candidat: u32,
) -> (NouveauMessage, Result<Relu, String>) {
    let url = format!(
        "{}/etats/dossiers-opi/{code_candidat}",
        url_connecteur.trim_end_matches('/')
    );
    let (statut, reponse, resultat) = match client.get(&url).send().await {
        Err(erreur) => (None, None, Err(format!("relecture impossible : {erreur}"))),
        Ok(reponse) => {
            let statut = reponse.status().as_u16();
            match reponse.text().await {
                Err(erreur) => (
                    Some(statut),
                    None,
                    Err(format!("relecture interrompue : {erreur}")),
                ),
                Ok(texte) => {
                    let resultat = juger(statut, &texte);
                    (Some(statut), Some(texte), resultat)
                }
            }
        }
    };
    let message = NouveauMessage {
        jour,
        sens: Sens::Sortant,
        canal: "relecture_opi",
        route: format!("GET {url}"),
        corps: None,
        statut,
        reponse,
        verdict: if resultat.is_ok() {
            Verdict::Ok
        } else {
            Verdict::Echec
        },
        detail: resultat.as_ref().err().cloned(),
        doublon_de: None,
        tentative: Some(1),
    };
    (message, resultat)
}

/// 200 with the record as the core serialises it, or 404: no record. Anything else is a read-back
/// that did not happen.
fn juger(statut: u16, texte: &str) -> Result<Relu, String> {
    match statut {
        200 => serde_json::from_str::<Opi>(texte)
            .map(Some)
            .map_err(|e| format!("relecture : dossier OPI illisible ({e})")),
        404 => Ok(None),
        autre => Err(format!(
            "relecture : HTTP {autre} ({})",
            texte.chars().take(200).collect::<String>()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_record_is_an_answer_and_garbage_is_not() {
        assert_eq!(
            juger(404, r#"{"erreur":"candidat : aucun dossier"}"#),
            Ok(None)
        );
        let illisible = juger(200, "{}").unwrap_err();
        assert!(
            illisible.starts_with("relecture : dossier OPI illisible"),
            "{illisible}"
        );
        assert_eq!(
            juger(500, "panne").unwrap_err(),
            "relecture : HTTP 500 (panne)"
        );
    }
}
