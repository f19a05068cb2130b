//! The calls the university makes to Parcoursup's REST API: the daily remontée batch (R14) and the
//! connector test (R6), both `majInscriptionAdministrative`.
//!
//! The batch sends the work table's rows one call each. A row leaves the "à envoyer" state only when
//! its answer arrives: OK marks it sent, NOK keeps it in error for staff (both decided by the core,
//! `Apogee::acquitter_ligne`), each row acknowledged on its own as soon as its answer is read. When
//! Parcoursup cannot be reached (connection refused, timeout, HTTP 5xx, an answer that is not
//! `{retour, message}`) no new call starts, and the rows without an answer stay "à envoyer": the next
//! batch sends them again. An answer is journaled before the row changes (with a data folder): a
//! row acknowledged is never sent again after a restart, one not acknowledged always is.
//!
//! Calls leave one at a time by default. With `Parametrage::appels_simultanes` above 1 (`serve
//! --appels-simultanes 32`) that many are in flight at once, because a daily batch of 30,000 rows
//! sent one after the other waits 30,000 times for Parcoursup to write to disk (BENCHMARKS.md, batch
//! section). The rows of one candidate and formation still leave one after the other, in the order
//! they were written (an IA then its cancellation must arrive in that order), and the transcript
//! lists every row's call and answer in table order, whatever order the answers came in; only the
//! order in which Parcoursup receives rows of different candidates varies from run to run.
//!
//! The connector's lock is never held across a network call: Parcoursup may deliver OPI to this very
//! connector while it answers (the catch-up after a successful test, R6).

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use cycle_codec::remontee::remontee_en_wire;
use cycle_core::apogee::{LigneAEnvoyer, LotRemontees};
use cycle_core::{Entree, Identifiants, Retour};
use cycle_wire::rest::{decode_retour, encode_maj_inscription, MajInscriptionAdministrative};
use futures_util::stream::{FuturesUnordered, StreamExt};
use serde::Serialize;
use tokio::sync::Mutex;

use crate::Connecteur;

/// Why a call got no answer from Parcoursup.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErreurEnvoi {
    #[error(
        "url_parcoursup : aucune URL de Parcoursup n'est configurée (POST /etats/parametrage)"
    )]
    PasDUrl,
    #[error("Parcoursup injoignable : {0}")]
    Reseau(String),
    #[error("Parcoursup répond HTTP {statut} : {corps}")]
    Http { statut: u16, corps: String },
    #[error("réponse de Parcoursup illisible : {0}")]
    Reponse(String),
    #[error("requête impossible à encoder : {0}")]
    Encodage(String),
}

/// Carries one `majInscriptionAdministrative` call and brings back Parcoursup's answer.
pub trait Envoyeur {
    fn envoyer(
        &self,
        requete: &MajInscriptionAdministrative,
    ) -> impl Future<Output = Result<Retour, ErreurEnvoi>> + Send;
}

/// Parcoursup over HTTP, at `{base}/ApiRest/majInscriptionAdministrative`.
#[derive(Clone, Debug)]
pub struct ClientParcoursup {
    client: reqwest::Client,
    base: Option<String>,
}

/// How long one call may take before the batch counts Parcoursup as unreachable.
pub const DELAI_APPEL: Duration = Duration::from_secs(10);

impl ClientParcoursup {
    /// `client` is shared by every call (its connection pool); `base` is `http://host:port`.
    pub fn new(client: reqwest::Client, base: Option<&str>) -> ClientParcoursup {
        ClientParcoursup {
            client,
            base: base.map(|b| b.trim_end_matches('/').to_owned()),
        }
    }

    /// A client with the batch's timeout.
    pub fn client_http() -> reqwest::Client {
        reqwest::Client::builder()
            .timeout(DELAI_APPEL)
            .build()
            .unwrap_or_default()
    }
}

impl Envoyeur for ClientParcoursup {
    async fn envoyer(&self, requete: &MajInscriptionAdministrative) -> Result<Retour, ErreurEnvoi> {
        let base = self.base.as_deref().ok_or(ErreurEnvoi::PasDUrl)?;
        let corps =
            encode_maj_inscription(requete).map_err(|e| ErreurEnvoi::Encodage(e.to_string()))?;
        let reponse = self
            .client
            .post(format!("{base}/ApiRest/majInscriptionAdministrative"))
            .header("content-type", "application/json")
            .body(corps)
            .send()
            .await
            .map_err(|e| ErreurEnvoi::Reseau(e.to_string()))?;
        let statut = reponse.status();
        let texte = reponse
            .text()
            .await
            .map_err(|e| ErreurEnvoi::Reseau(e.to_string()))?;
        lire_reponse(statut.as_u16(), &texte)
    }
}

/// A 2xx or 4xx answer carrying `{retour, message}` is Parcoursup's verdict; a 5xx, or a body that
/// is not one, means the call did not go through.
fn lire_reponse(statut: u16, texte: &str) -> Result<Retour, ErreurEnvoi> {
    if statut >= 500 {
        return Err(ErreurEnvoi::Http {
            statut,
            corps: texte.chars().take(200).collect(),
        });
    }
    match decode_retour(texte.as_bytes()) {
        Ok(retour) if (200..300).contains(&statut) || !retour.is_ok() => Ok(Retour {
            ok: retour.is_ok(),
            message: retour.message,
        }),
        Ok(_) => Err(ErreurEnvoi::Http {
            statut,
            corps: texte.chars().take(200).collect(),
        }),
        Err(erreur) => Err(ErreurEnvoi::Reponse(erreur.to_string())),
    }
}

/// What a batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BilanLot {
    pub envoyees: usize,
    pub acceptees: usize,
    pub refusees: usize,
    /// Why the batch stopped before its last row; those rows stay "à envoyer".
    pub interrompu: Option<String>,
    pub entrees: Vec<Entree>,
}

/// The remontée batch (R14): every row still to send goes to Parcoursup, one call each, up to
/// `Parametrage::appels_simultanes` at once. The steps and what they write are the core's
/// (`Apogee::ouvrir_lot_remontees`), as in the simulation; this only carries the calls, without the
/// lock.
pub async fn traitement_remontees(
    connecteur: &Mutex<Connecteur>,
    envoyeur: &impl Envoyeur,
) -> BilanLot {
    let mut bilan = BilanLot::default();
    let (appels_simultanes, lot) = {
        let connecteur = connecteur.lock().await;
        (
            connecteur.parametrage().appels_simultanes.max(1),
            connecteur.ouvrir_lot(&mut bilan.entrees),
        )
    };
    let Some(LotRemontees {
        identifiants,
        lignes,
    }) = lot
    else {
        return bilan;
    };
    let nombre = lignes.len();
    let mut issues: Vec<Option<IssueLigne>> = (0..nombre).map(|_| None).collect();
    let interruption = std::sync::Mutex::new(None::<(usize, String)>);
    let mut en_vol = FuturesUnordered::new();
    let mut suites = suites_par_inscription(lignes).into_iter();
    loop {
        while en_vol.len() < appels_simultanes {
            let Some(suite) = suites.next() else { break };
            en_vol.push(envoyer_suite(
                connecteur,
                envoyeur,
                &identifiants,
                suite,
                &interruption,
            ));
        }
        let Some(terminees) = en_vol.next().await else {
            break;
        };
        for (rang, issue) in terminees {
            issues[rang] = Some(issue);
        }
        if verrou(&interruption).is_some() {
            // No new call once Parcoursup failed to answer; the calls in flight end on their own.
            suites = Vec::new().into_iter();
        }
    }
    // The transcript in table order: each row's call, then its answer and acknowledgement.
    for issue in issues.into_iter().flatten() {
        bilan.entrees.extend(issue.entrees);
        if let Some(retour) = issue.retour {
            bilan.envoyees += 1;
            if retour.ok {
                bilan.acceptees += 1;
            } else {
                bilan.refusees += 1;
            }
        }
    }
    bilan.interrompu = verrou(&interruption).take().map(|(_, raison)| raison);
    bilan
}

/// What became of one row: its entries, and Parcoursup's answer when one came.
struct IssueLigne {
    entrees: Vec<Entree>,
    retour: Option<Retour>,
}

fn verrou<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Records why the batch stops, keeping the reason of the earliest row in the table.
fn interrompre(
    interruption: &std::sync::Mutex<Option<(usize, String)>>,
    rang: usize,
    raison: String,
) {
    let mut premiere = verrou(interruption);
    if premiere.as_ref().is_none_or(|(avant, _)| rang < *avant) {
        *premiere = Some((rang, raison));
    }
}

/// The rows grouped by (candidate, formation), each group in table order, groups in the order of
/// their first row; each row keeps its rank in the table.
fn suites_par_inscription(lot: Vec<LigneAEnvoyer>) -> Vec<Vec<(usize, LigneAEnvoyer)>> {
    let mut suites: Vec<Vec<(usize, LigneAEnvoyer)>> = Vec::new();
    let mut index: HashMap<(u32, u32), usize> = HashMap::new();
    for (rang, ligne) in lot.into_iter().enumerate() {
        let cle = (
            ligne.remontee.code_candidat,
            ligne.remontee.code_formation_psup,
        );
        let suite = *index.entry(cle).or_insert_with(|| {
            suites.push(Vec::new());
            suites.len() - 1
        });
        suites[suite].push((rang, ligne));
    }
    suites
}

/// Sends one group's rows one after the other, acknowledging each as its answer arrives; stops at
/// the first call without an answer (recorded in `interruption`, the earliest row kept) or as soon
/// as another group recorded one.
async fn envoyer_suite(
    connecteur: &Mutex<Connecteur>,
    envoyeur: &impl Envoyeur,
    identifiants: &Identifiants,
    suite: Vec<(usize, LigneAEnvoyer)>,
    interruption: &std::sync::Mutex<Option<(usize, String)>>,
) -> Vec<(usize, IssueLigne)> {
    let mut issues = Vec::with_capacity(suite.len());
    for (rang, ligne) in suite {
        if verrou(interruption).is_some() {
            break;
        }
        let mut entrees = Vec::new();
        connecteur.lock().await.envoyer_ligne(&mut entrees, &ligne);
        let (retour, arret) = match envoyeur
            .envoyer(&remontee_en_wire(&ligne.remontee, identifiants))
            .await
        {
            Err(erreur) => (
                None,
                Some(format!(
                    "remontée n° {} non acquittée, elle et celles restées sans réponse restent à envoyer : {erreur}",
                    ligne.numero
                )),
            ),
            Ok(retour) => {
                let acquittee =
                    connecteur
                        .lock()
                        .await
                        .recevoir_reponse(&mut entrees, ligne.numero, &retour);
                // On a journal failure Parcoursup has the row: sent again by the next batch, it is
                // answered as a duplicate.
                let arret = acquittee.err().map(|erreur| {
                    format!(
                        "réponse à la remontée n° {} non enregistrée, elle et celles restées sans réponse restent à envoyer : {erreur}",
                        ligne.numero
                    )
                });
                (Some(retour), arret)
            }
        };
        issues.push((rang, IssueLigne { entrees, retour }));
        if let Some(raison) = arret {
            interrompre(interruption, rang, raison);
            break;
        }
    }
    issues
}

/// "Tester connecteur" (R6): the fixed fictitious candidate goes to Parcoursup. Returns the entries,
/// and the reason when no answer came back.
pub async fn tester_connecteur(
    connecteur: &Mutex<Connecteur>,
    envoyeur: &impl Envoyeur,
) -> (Vec<Entree>, Result<Option<Retour>, ErreurEnvoi>) {
    let mut entrees = Vec::new();
    let appel = connecteur.lock().await.preparer_test(&mut entrees);
    let Some((identifiants, remontee)) = appel else {
        return (entrees, Ok(None));
    };
    match envoyeur
        .envoyer(&remontee_en_wire(&remontee, &identifiants))
        .await
    {
        Ok(retour) => {
            connecteur
                .lock()
                .await
                .recevoir_reponse_test(&mut entrees, &retour);
            (entrees, Ok(Some(retour)))
        }
        Err(erreur) => (entrees, Err(erreur)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_as_parcoursup_means_them() {
        let ok = r#"{"retour":"OK","message":"Requete correctement traitee"}"#;
        let nok = r#"{"retour":"NOK","message":"ine : faux"}"#;
        assert_eq!(
            lire_reponse(200, ok),
            Ok(Retour::ok("Requete correctement traitee"))
        );
        assert_eq!(lire_reponse(200, nok), Ok(Retour::nok("ine : faux")));
        assert_eq!(lire_reponse(400, nok), Ok(Retour::nok("ine : faux")));
        assert!(matches!(
            lire_reponse(500, nok),
            Err(ErreurEnvoi::Http { statut: 500, .. })
        ));
        assert!(matches!(
            lire_reponse(404, ok),
            Err(ErreurEnvoi::Http { statut: 404, .. })
        ));
        assert!(matches!(
            lire_reponse(200, "<html>"),
            Err(ErreurEnvoi::Reponse(_))
        ));
    }
}
