//! Delivers OPI to the connector under test, one at a time and in order: Apogée's SOAP webservice
//! `mettreajourDonneesOpi_v10` (domain.md §3.3) or the JSON `admissionCandidat` push (§3.2). Flat
//! files are not delivered here: the engine writes them at the end of each simulated day.
//!
//! Each attempt is journaled. A connector that is down, answers HTTP 500 without a SOAP fault, cuts
//! the connection, is slower than the timeout or answers something unreadable is retried with an
//! exponential backoff, a bounded number of times. A SOAP fault or a `NOK` is the connector refusing
//! the OPI: it is reported, not retried. Either way the outcome goes back to the core
//! (`acquitter_opi`, or `echec_envoi_opi` so that the OPI leaves again at the next change): nothing
//! is dropped silently.

use cycle_codec::opi::{opi_en_donnees_candidat_avec_reponses, opi_en_donnees_opi};
use cycle_core::parcoursup::EnvoiOpi;
use cycle_core::ModeOpi;
use cycle_wire::rest::{
    decode_retour, encode_admission_candidat, encode_admission_candidat_a_plat, AdmissionCandidat,
    Identifiant,
};
use cycle_wire::soap::{decode_reponse, encode_donnees_opi, Operation, ReponseSoap};
use time::Date;
use tokio::sync::mpsc;

use crate::config::ConfigLivraison;
use crate::fil_noyau::FilNoyau;
use crate::journal::{NouveauMessage, Sens, Verdict};
use crate::masque::masquer;
use crate::moteur::{Commande, Compatibilite};
use crate::relecture;

/// Longest part of a connector's answer kept in the journal.
const REPONSE_JOURNALISEE_MAX: usize = 16 * 1024;

/// One HTTP request of a delivery.
struct Requete {
    url: String,
    canal: &'static str,
    type_contenu: &'static str,
    soap: bool,
    corps: String,
}

/// How an attempt ended.
enum Issue {
    /// Acknowledged.
    Acquittee { statut: u16, reponse: String },
    /// Refused by the connector (SOAP fault, NOK): reported, not retried.
    Refusee {
        statut: u16,
        reponse: String,
        raison: String,
    },
    /// The connector could not take it (down, 500, timeout, unreadable answer): retried.
    Echec {
        statut: Option<u16>,
        reponse: Option<String>,
        raison: String,
    },
}

/// What a delivery needs from the engine, read when it starts.
struct Contexte {
    jour: Date,
    url: Option<String>,
    mode: ModeOpi,
    compatibilite: Compatibilite,
    identifiant: Identifiant,
    /// Whether the push password is known: it is kept in memory only, so a restart loses it.
    mot_de_passe_connu: bool,
    universite: cycle_core::Universite,
    annee: u16,
    /// Read each acknowledged OPI back ([`crate::relecture`]): asked for on the connector, and the
    /// core's setting on.
    relecture: bool,
}

/// Runs until the application is dropped (the queue's sender with it).
pub async fn livrer_en_continu(
    noyau: FilNoyau,
    config: ConfigLivraison,
    mut file: mpsc::UnboundedReceiver<EnvoiOpi>,
) {
    let client = match reqwest::Client::builder().timeout(config.timeout).build() {
        Ok(client) => client,
        Err(erreur) => {
            tracing::error!(%erreur, "client HTTP de livraison impossible à créer");
            return;
        }
    };
    while let Some(envoi) = file.recv().await {
        livrer(&noyau, &client, &config, envoi).await;
    }
}

async fn livrer(
    noyau: &FilNoyau,
    client: &reqwest::Client,
    config: &ConfigLivraison,
    envoi: EnvoiOpi,
) {
    let contexte = noyau
        .seul(|noyau| {
            let moteur = noyau.moteur();
            let cible = moteur.cible();
            Contexte {
                jour: moteur.jour(),
                url: cible.url.clone(),
                mode: moteur.mode_opi(),
                compatibilite: moteur.compatibilite(),
                identifiant: Identifiant {
                    login: cible.login.clone().unwrap_or_default(),
                    pwd: noyau
                        .mot_de_passe_connecteur()
                        .unwrap_or_default()
                        .to_owned(),
                },
                mot_de_passe_connu: noyau.mot_de_passe_connecteur().is_some(),
                universite: moteur.universite().clone(),
                annee: moteur.campagne().annee,
                relecture: cible.relecture_opi && moteur.reglages().verification_ecriture_opi,
            }
        })
        .await;
    let code_candidat = envoi.opi.code_candidat;
    let issue = match requetes(&contexte, &envoi) {
        Err(raison) => {
            signaler_non_envoyee(noyau, &contexte, code_candidat, &raison).await;
            Err(raison)
        }
        Ok(requetes) => {
            let mut resultat = Ok(());
            for requete in requetes {
                if let Err(raison) = envoyer(noyau, client, config, &contexte, &requete).await {
                    resultat = Err(raison);
                    break;
                }
            }
            resultat
        }
    };
    let issue = match (issue, contexte.url.as_deref()) {
        (Ok(()), Some(url)) if contexte.relecture => {
            let (message, relu) =
                relecture::relire(client, url, contexte.jour, code_candidat).await;
            if let Err(erreur) = noyau.seul(move |noyau| noyau.journaliser(&[message])).await {
                tracing::error!(%erreur, "relecture non journalisée");
            }
            relu.map(Some)
        }
        (issue, _) => issue.map(|()| None),
    };
    let commande = match &issue {
        Ok(Some(relu)) => Commande::OpiRelue {
            opi: envoi.opi,
            relu: relu.clone(),
        },
        Ok(None) => Commande::OpiAcquittee { opi: envoi.opi },
        Err(raison) => Commande::OpiEnEchec {
            code_candidat,
            raison: raison.clone(),
        },
    };
    let erreur = issue.err();
    let resultat = noyau
        .seul(move |noyau| {
            noyau.noter_livraison(erreur);
            noyau.executer(commande, |_, _| Vec::new())
        })
        .await;
    if let Err(erreur) = resultat {
        tracing::error!(%erreur, code_candidat, "issue de la livraison non journalisée");
    }
}

/// An OPI that could not even be put on the wire (no connector, no password since a restart…):
/// journaled and logged like a failed attempt, so that the journal tells every delivery's fate.
async fn signaler_non_envoyee(
    noyau: &FilNoyau,
    contexte: &Contexte,
    code_candidat: u32,
    raison: &str,
) {
    tracing::warn!(code_candidat, %raison, "OPI non envoyée");
    let canal = match contexte.mode {
        ModeOpi::Webservice => "webservice_opi",
        ModeOpi::PushJson => "push_json",
        ModeOpi::FichiersPlats => "fichiers_plats",
    };
    let message = NouveauMessage {
        jour: contexte.jour,
        sens: Sens::Sortant,
        canal,
        route: format!("OPI du candidat {code_candidat}"),
        corps: None,
        statut: None,
        reponse: None,
        verdict: Verdict::Echec,
        detail: Some(format!(
            "non envoyée : {raison} ; l'OPI repartira au prochain changement"
        )),
        doublon_de: None,
        tentative: None,
    };
    if let Err(erreur) = noyau.seul(move |noyau| noyau.journaliser(&[message])).await {
        tracing::error!(%erreur, "OPI non envoyée, et non journalisée");
    }
}

/// The HTTP requests that carry this OPI in the connector's mode.
fn requetes(contexte: &Contexte, envoi: &EnvoiOpi) -> Result<Vec<Requete>, String> {
    let url = contexte
        .url
        .as_deref()
        .ok_or("aucun connecteur configuré (PUT /__admin/connecteur)")?
        .trim_end_matches('/');
    match contexte.mode {
        ModeOpi::Webservice => {
            let corps = encode_donnees_opi(&opi_en_donnees_opi(&envoi.opi))
                .map_err(|e| format!("OPI impossible à mettre en SOAP : {e}"))?;
            Ok(vec![Requete {
                url: format!("{url}/services/OpiMetier"),
                canal: "webservice_opi",
                type_contenu: "text/xml; charset=utf-8",
                soap: true,
                corps,
            }])
        }
        ModeOpi::PushJson => {
            if contexte.identifiant.login.is_empty() {
                return Err("identifiants du connecteur absents : le push admissionCandidat les porte (PUT /__admin/connecteur, champ identifiants)".to_owned());
            }
            if !contexte.mot_de_passe_connu {
                return Err("mot de passe du connecteur inconnu : il n'est gardé qu'en mémoire et se perd au redémarrage ; renvoyez identifiants par PUT /__admin/connecteur".to_owned());
            }
            let chemin = if contexte.compatibilite.chemin_double {
                "admissionCandidat/admissionCandidat"
            } else {
                "admissionCandidat"
            };
            opi_en_donnees_candidat_avec_reponses(
                &envoi.opi,
                &contexte.universite,
                contexte.annee,
                &envoi.acceptations,
            )
            .into_iter()
                .map(|donnees_candidat| {
                    let push = AdmissionCandidat {
                        identifiant: contexte.identifiant.clone(),
                        donnees_candidat,
                    };
                    let corps = if contexte.compatibilite.donnees_candidat_a_plat {
                        encode_admission_candidat_a_plat(&push)
                    } else {
                        encode_admission_candidat(&push)
                    };
                    corps
                        .map(|corps| Requete {
                            url: format!("{url}/{chemin}"),
                            canal: "push_json",
                            type_contenu: "application/json; charset=utf-8",
                            soap: false,
                            corps,
                        })
                        .map_err(|e| {
                            format!("push admissionCandidat impossible à écrire : {e} (identifiants du connecteur renseignés ?)")
                        })
                })
                .collect()
        }
        // The mode changed to flat files since this OPI was taken: it leaves with the day's files.
        ModeOpi::FichiersPlats => {
            Err("mode fichiers plats : l'OPI partira avec les fichiers du jour".to_owned())
        }
    }
}

/// Sends one request, retrying with backoff; `Err` with the reason when it was not acknowledged.
async fn envoyer(
    noyau: &FilNoyau,
    client: &reqwest::Client,
    config: &ConfigLivraison,
    contexte: &Contexte,
    requete: &Requete,
) -> Result<(), String> {
    let mut tentative = 1;
    loop {
        let issue = tenter(client, requete).await;
        let (verdict, statut, reponse, detail) = match &issue {
            Issue::Acquittee { statut, reponse } => {
                (Verdict::Ok, Some(*statut), Some(reponse.clone()), None)
            }
            Issue::Refusee {
                statut,
                reponse,
                raison,
            } => (
                Verdict::Nok,
                Some(*statut),
                Some(reponse.clone()),
                Some(raison.clone()),
            ),
            Issue::Echec {
                statut,
                reponse,
                raison,
            } => (
                Verdict::Echec,
                *statut,
                reponse.clone(),
                Some(format!(
                    "{raison} ; {}",
                    suite_apres_echec(config, tentative)
                )),
            ),
        };
        let message = NouveauMessage {
            jour: contexte.jour,
            sens: Sens::Sortant,
            canal: requete.canal,
            route: format!("POST {}", requete.url),
            corps: Some(masquer(requete.corps.as_bytes())),
            statut,
            reponse: reponse.map(|r| tronquer(&r)),
            verdict,
            detail: detail.clone(),
            doublon_de: None,
            tentative: Some(tentative),
        };
        if let Err(erreur) = noyau.seul(move |noyau| noyau.journaliser(&[message])).await {
            tracing::error!(%erreur, "tentative de livraison non journalisée");
        }
        match issue {
            Issue::Acquittee { .. } => {
                tracing::info!(url = %requete.url, tentative, "OPI livrée");
                return Ok(());
            }
            Issue::Refusee { raison, .. } => {
                tracing::warn!(url = %requete.url, %raison, "OPI refusée par le connecteur");
                return Err(raison);
            }
            Issue::Echec { raison, .. } => {
                tracing::warn!(url = %requete.url, tentative, %raison, "livraison en échec");
                if tentative >= config.tentatives {
                    return Err(format!("{raison} (après {tentative} tentative(s))"));
                }
                tokio::time::sleep(config.attente_apres(tentative)).await;
                tentative += 1;
            }
        }
    }
}

/// What follows a failed attempt, as the journal tells it: so that a report read attempt by attempt
/// shows the backoff, not only that there were several tries.
fn suite_apres_echec(config: &ConfigLivraison, tentative: u32) -> String {
    if tentative >= config.tentatives {
        format!(
            "tentative {tentative}/{} : abandon, l'OPI repartira au prochain changement",
            config.tentatives
        )
    } else {
        format!(
            "tentative {tentative}/{} : nouvel essai dans {} ms",
            config.tentatives,
            config.attente_apres(tentative).as_millis()
        )
    }
}

async fn tenter(client: &reqwest::Client, requete: &Requete) -> Issue {
    let mut envoi = client
        .post(&requete.url)
        .header(reqwest::header::CONTENT_TYPE, requete.type_contenu)
        .body(requete.corps.clone());
    if requete.soap {
        // SOAP 1.1 document/literal with soapAction="" (domain.md §3.3).
        envoi = envoi.header("SOAPAction", "\"\"");
    }
    let reponse = match envoi.send().await {
        Ok(reponse) => reponse,
        Err(erreur) => return echec_reseau(&erreur),
    };
    let statut = reponse.status();
    let texte = match reponse.bytes().await {
        Ok(octets) => String::from_utf8_lossy(&octets).into_owned(),
        Err(erreur) => return echec_reseau(&erreur),
    };
    if requete.soap {
        juger_soap(statut.as_u16(), statut.is_success(), texte)
    } else {
        juger_push(statut.as_u16(), statut.is_success(), texte)
    }
}

fn echec_reseau(erreur: &reqwest::Error) -> Issue {
    let raison = if erreur.is_timeout() {
        "pas de réponse du connecteur dans le délai".to_owned()
    } else if erreur.is_connect() {
        format!("connecteur injoignable : {}", cause_premiere(erreur))
    } else {
        format!("connexion interrompue : {}", cause_premiere(erreur))
    };
    Issue::Echec {
        statut: None,
        reponse: None,
        raison,
    }
}

/// The innermost cause, which says what happened (`Connection refused`), without the URL repeated.
fn cause_premiere(erreur: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = erreur;
    while let Some(suivante) = cause.source() {
        cause = suivante;
    }
    cause.to_string()
}

/// SOAP: an empty response is success; a fault (HTTP 500 by SOAP 1.1) is a refusal; anything else
/// a failure to retry.
fn juger_soap(statut: u16, succes: bool, texte: String) -> Issue {
    match decode_reponse(texte.as_bytes(), Operation::MettreajourDonneesOpiV10) {
        Ok(ReponseSoap::Succes) if succes => Issue::Acquittee {
            statut,
            reponse: texte,
        },
        Ok(ReponseSoap::Faute(faute)) => {
            let detail = faute
                .detail
                .as_ref()
                .map(|d| format!(" ({})", d.last_error_msg))
                .filter(|d| d != " ()")
                .unwrap_or_default();
            Issue::Refusee {
                statut,
                raison: format!(
                    "faute SOAP {} : {}{detail}",
                    faute.faultcode, faute.faultstring
                ),
                reponse: texte,
            }
        }
        Ok(ReponseSoap::Succes) => Issue::Echec {
            statut: Some(statut),
            raison: format!("HTTP {statut} avec une réponse SOAP de succès"),
            reponse: Some(texte),
        },
        Err(erreur) => Issue::Echec {
            statut: Some(statut),
            raison: format!("HTTP {statut}, réponse SOAP illisible : {erreur}"),
            reponse: Some(texte),
        },
    }
}

/// JSON push: `OK` with a 2xx is success; a `NOK` is a refusal; anything else a failure to retry.
fn juger_push(statut: u16, succes: bool, texte: String) -> Issue {
    match decode_retour(texte.as_bytes()) {
        Ok(retour) if retour.is_ok() && succes => Issue::Acquittee {
            statut,
            reponse: texte,
        },
        Ok(retour) if !retour.is_ok() => Issue::Refusee {
            statut,
            raison: format!("NOK : {}", retour.message),
            reponse: texte,
        },
        Ok(_) => Issue::Echec {
            statut: Some(statut),
            raison: format!("HTTP {statut} avec une réponse OK"),
            reponse: Some(texte),
        },
        Err(erreur) => Issue::Echec {
            statut: Some(statut),
            raison: format!("HTTP {statut}, réponse illisible : {erreur}"),
            reponse: Some(texte),
        },
    }
}

fn tronquer(texte: &str) -> String {
    if texte.len() <= REPONSE_JOURNALISEE_MAX {
        return texte.to_owned();
    }
    let mut fin = REPONSE_JOURNALISEE_MAX;
    while !texte.is_char_boundary(fin) {
        fin -= 1;
    }
    format!("{}… (tronqué, {} octets)", &texte[..fin], texte.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_soap_fault_is_a_refusal_and_garbage_a_failure() {
        let faute = cycle_wire::soap::encode_reponse(
            &ReponseSoap::Faute(cycle_wire::soap::FauteSoap {
                faultcode: "Server.generalException".to_owned(),
                faultstring: "technical.data.nullretrieve.opi".to_owned(),
                detail: None,
            }),
            Operation::MettreajourDonneesOpiV10,
        );
        match juger_soap(500, false, faute) {
            Issue::Refusee { raison, .. } => assert_eq!(
                raison,
                "faute SOAP Server.generalException : technical.data.nullretrieve.opi"
            ),
            _ => panic!("une faute SOAP est un refus"),
        }
        assert!(matches!(
            juger_soap(500, false, "<html>erreur</html>".to_owned()),
            Issue::Echec { .. }
        ));
        assert!(matches!(
            juger_push(200, true, r#"{"retour":"OK","message":""}"#.to_owned()),
            Issue::Acquittee { .. }
        ));
        assert!(matches!(
            juger_push(502, false, "Bad Gateway".to_owned()),
            Issue::Echec { .. }
        ));
    }

    #[test]
    fn long_answers_are_cut_on_a_character_boundary() {
        let long = "é".repeat(REPONSE_JOURNALISEE_MAX);
        let coupe = tronquer(&long);
        assert!(coupe.ends_with(&format!("(tronqué, {} octets)", long.len())));
    }
}
