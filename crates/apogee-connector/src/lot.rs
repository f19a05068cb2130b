//! The calls the university makes to Parcoursup's REST API: the daily remontée batch (R14) and the
//! connector test (R6), both `majInscriptionAdministrative`.
//!
//! The batch sends the work table's rows one call each. A row leaves the "à envoyer" state only when
//! its answer arrives: OK marks it sent, NOK keeps it in error for staff (both decided by the core,
//! `Apogee::acquitter_ligne`), each row acknowledged on its own as soon as its answer is read. When
//! Parcoursup cannot be reached (connection refused, timeout, HTTP 5xx, an answer that is not
//! `{retour, message}`) no new call starts, and the rows without an answer stay "à envoyer": the next
//! batch sends them again.
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
use cycle_core::apogee::LigneAEnvoyer;
use cycle_core::regle::Regle;
use cycle_core::transcript::{Acteur, Canal, Contenu, Journal};
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
    /// The call could not even be prepared (the connector cannot do it).
    #[error("{0}")]
    Impossible(String),
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
/// `Parametrage::appels_simultanes` at once.
pub async fn traitement_remontees(
    connecteur: &Mutex<Connecteur>,
    envoyeur: &impl Envoyeur,
) -> BilanLot {
    let mut bilan = BilanLot::default();
    let (jour, appels_simultanes, prepare) = {
        let connecteur = connecteur.lock().await;
        (
            connecteur.jour(),
            connecteur.parametrage().appels_simultanes.max(1),
            connecteur.preparer_lot(&mut bilan.entrees),
        )
    };
    let Some((identifiants, lot)) = prepare else {
        return bilan;
    };
    let nombre = lot.len();
    let mut issues: Vec<Option<IssueLigne>> = (0..nombre).map(|_| None).collect();
    let interruption = std::sync::Mutex::new(None::<(usize, String)>);
    let mut en_vol = FuturesUnordered::new();
    let mut suites = suites_par_inscription(lot).into_iter();
    loop {
        while en_vol.len() < appels_simultanes {
            let Some(suite) = suites.next() else { break };
            en_vol.push(envoyer_suite(
                connecteur,
                envoyeur,
                &identifiants,
                jour,
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
    jour: time::Date,
    suite: Vec<(usize, LigneAEnvoyer)>,
    interruption: &std::sync::Mutex<Option<(usize, String)>>,
) -> Vec<(usize, IssueLigne)> {
    let mut issues = Vec::with_capacity(suite.len());
    for (rang, ligne) in suite {
        if verrou(interruption).is_some() {
            break;
        }
        let mut entrees = Vec::new();
        let r = &ligne.remontee;
        let regle = if ligne.reorientation {
            Regle::R15
        } else {
            Regle::R14
        };
        Journal::new(jour, &mut entrees).message(
            (Acteur::Apogee, Acteur::Parcoursup),
            Canal::ApiRest,
            regle,
            Contenu::Remontee(r.clone()),
            format!(
                "Traitement quotidien : Apogée remonte l'IA de {} {} (état {}, {}).",
                r.prenom,
                r.nom,
                r.etat_inscription.code(),
                r.etat_inscription.libelle()
            ),
        );
        let retour = match envoyeur.envoyer(&remontee_en_wire(r, identifiants)).await {
            Ok(retour) => retour,
            Err(erreur) => {
                let mut premiere = verrou(interruption);
                if premiere.as_ref().is_none_or(|(avant, _)| rang < *avant) {
                    *premiere = Some((
                        rang,
                        format!(
                            "remontée n° {} non acquittée, elle et celles restées sans réponse restent à envoyer : {erreur}",
                            ligne.numero
                        ),
                    ));
                }
                break;
            }
        };
        noter_reponse(jour, &mut entrees, &retour, Regle::R14);
        connecteur
            .lock()
            .await
            .acquitter(&mut entrees, ligne.numero, &retour);
        issues.push((
            rang,
            IssueLigne {
                entrees,
                retour: Some(retour),
            },
        ));
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
    let (jour, prepare) = {
        let connecteur = connecteur.lock().await;
        (connecteur.jour(), connecteur.preparer_test(&mut entrees))
    };
    let (identifiants, remontee) = match prepare {
        Ok(Some(appel)) => appel,
        Ok(None) => return (entrees, Ok(None)),
        Err(erreur) => return (entrees, Err(ErreurEnvoi::Impossible(erreur.to_string()))),
    };
    Journal::new(jour, &mut entrees).message(
        (Acteur::Apogee, Acteur::Parcoursup),
        Canal::ApiRest,
        Regle::R6,
        Contenu::TestConnecteur(remontee.clone()),
        "« Tester connecteur » : Apogée appelle majInscriptionAdministrative avec le candidat fictif Bernard Minet.",
    );
    match envoyeur
        .envoyer(&remontee_en_wire(&remontee, &identifiants))
        .await
    {
        Ok(retour) => {
            noter_reponse(jour, &mut entrees, &retour, Regle::R6);
            (entrees, Ok(Some(retour)))
        }
        Err(erreur) => (entrees, Err(erreur)),
    }
}

fn noter_reponse(jour: time::Date, entrees: &mut Vec<Entree>, retour: &Retour, regle: Regle) {
    let explication = if retour.ok {
        "Parcoursup répond OK.".to_owned()
    } else {
        format!("Parcoursup répond NOK : {}.", retour.message)
    };
    Journal::new(jour, entrees).message(
        (Acteur::Parcoursup, Acteur::Apogee),
        Canal::ApiRest,
        regle,
        Contenu::Reponse(retour.clone()),
        explication,
    );
}

#[cfg(test)]
mod tests {
    use cycle_core::EtatInscription;

    use super::*;

    fn ligne(numero: u32, candidat: u32, formation: u32, etat: EtatInscription) -> LigneAEnvoyer {
        LigneAEnvoyer {
            numero,
            remontee: cycle_core::Remontee {
                code_candidat: candidat,
                ine: "123456789AB".into(),
                nom: "DURAND".into(),
                prenom: "Léa".into(),
                date_naissance: time::macros::date!(2008 - 02 - 03),
                code_formation_psup: formation,
                code_formation1: formation.to_string().into(),
                code_sise: "2500123".into(),
                etat_inscription: etat,
                uai: "0751234X".into(),
            },
            reorientation: false,
        }
    }

    #[test]
    fn rows_of_one_inscription_stay_together_in_table_order() {
        use EtatInscription::{Annulee, Principale};
        let lot = vec![
            ligne(1, 10, 100, Principale),
            ligne(2, 11, 100, Principale),
            ligne(3, 10, 100, Annulee),
            ligne(4, 10, 200, Principale),
            ligne(5, 11, 100, Annulee),
        ];
        let suites: Vec<Vec<(usize, u32)>> = suites_par_inscription(lot)
            .into_iter()
            .map(|suite| {
                suite
                    .into_iter()
                    .map(|(rang, l)| (rang, l.numero))
                    .collect()
            })
            .collect();
        assert_eq!(
            suites,
            vec![vec![(0, 1), (2, 3)], vec![(1, 2), (4, 5)], vec![(3, 4)],]
        );
    }

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
