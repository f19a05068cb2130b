//! A full daily batch: N paid IAs sent by the reference connector to the mock in one batch, timed
//! from the call that starts it to its answer; then the journal is read to check nothing was lost.
//!
//! Set-up (not timed): both load the same scenario (N candidates accepted the Licence de droit,
//! OPI by flat files); the mock's clock moves one day, writing the day's files; the connector
//! imports them and each candidate registers and pays through IA Primo, which writes the work table.

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use super::corps::{self, Usage};
use super::http::Client;
use super::processus::{port_libre, Serveur};
use super::serveurs::lancer_mock;
use super::{binaire, charge_moyenne, Profil};
use crate::workspace::Workspace;

pub const IAS: u32 = 30_000;
/// Calls of the batch in flight at once: enough for the mock to group its synced commits.
pub const APPELS_SIMULTANES: u32 = 32;
const ROUTE_REMONTEE: &str = "POST /ApiRest/majInscriptionAdministrative";
/// Loading a 30,000-candidate scenario takes minutes: the scenario loader is quadratic in the
/// number of events (each event's position is counted from the start of the text; BENCHMARKS.md).
const DEMARRAGE: Duration = Duration::from_secs(900);

pub struct Bilan {
    pub ias: u32,
    pub duree: Duration,
    pub envoyees: u64,
    pub acceptees: u64,
    pub refusees: u64,
    pub interrompu: Option<String>,
    /// Remontées the mock journaled as accepted during the batch.
    pub journal_ok: u64,
    /// Parcoursup's first NOK, if any, to say why rows were refused.
    pub premier_refus: Option<String>,
    pub charge_avant: String,
}

pub fn mesurer(workspace: &Workspace, dossier: &Path, ias: u32) -> Result<Bilan> {
    std::fs::create_dir_all(dossier)?;
    let scenario = dossier.join(format!("lot-{ias}.toml"));
    std::fs::write(&scenario, corps::scenario(ias, Usage::Lot))?;
    let fichiers_opi = dossier.join("opi-lot");
    let donnees = dossier.join("donnees-lot");
    for vieux in [&fichiers_opi, &donnees] {
        if vieux.exists() {
            std::fs::remove_dir_all(vieux)?;
        }
    }
    let client = Client::new(Duration::from_secs(600));

    println!("› lot : démarrage du mock et du connecteur sur {ias} candidats");
    let mock = lancer_mock(
        workspace,
        Profil::Release,
        &scenario,
        &donnees,
        &dossier.join("lot-mock.log"),
        None,
        DEMARRAGE,
    )?;
    let port_connecteur = port_libre()?;
    let mut commande = Command::new(binaire(workspace, Profil::Release, "apogee-connector"));
    commande
        .arg("serve")
        .args(["--port", &port_connecteur.to_string()])
        .arg("--scenario")
        .arg(&scenario)
        .args(["--parcoursup", &mock.url()])
        .args(["--appels-simultanes", &APPELS_SIMULTANES.to_string()]);
    let connecteur = Serveur::demarrer(
        "apogee-connector",
        commande,
        port_connecteur,
        &dossier.join("lot-connecteur.log"),
        DEMARRAGE,
    )?;

    println!("› lot : OPI en fichiers plats, puis {ias} IA payées dans IA Primo");
    let dossier_opi = fichiers_opi.to_string_lossy().into_owned();
    client.exiger(client.put(
        &format!("{}/__admin/connecteur", mock.url()),
        &json!({ "mode": "fichiers_plats", "dossier_fichiers": dossier_opi }).to_string(),
    ))?;
    client.exiger(client.post(
        &format!("{}/__admin/horloge", mock.url()),
        &json!({ "date": corps::LENDEMAIN }).to_string(),
    ))?;
    let importees = client.exiger(client.post(
        &format!("{}/etats/import-fichiers", connecteur.url()),
        &json!({ "dossier": dossier_opi }).to_string(),
    ))?;
    let enregistrees = compter(&importees["entrees"], "opi_enregistree");
    if enregistrees != u64::from(ias) {
        bail!("le connecteur a enregistré {enregistrees} OPI sur {ias}");
    }
    inscrire_et_payer(&client, &connecteur.url(), ias)?;
    let table = client.exiger(client.get(&format!("{}/etats/apogee", connecteur.url())))?;
    let lignes = table["table_remontee"].as_array().map_or(0, Vec::len);
    if lignes != ias as usize {
        bail!("la table de travail du connecteur a {lignes} lignes, {ias} attendues");
    }
    let avant = derniers_ids(&client, &mock.url())?;

    println!("› lot : traitement des remontées ({ias} lignes)");
    let charge_avant = charge_moyenne();
    let debut = Instant::now();
    let traitement = client.exiger(client.post(
        &format!("{}/etats/traitement-remontees", connecteur.url()),
        "{}",
    ))?;
    let duree = debut.elapsed();
    let journal_ok = remontees_acceptees_depuis(&client, &mock.url(), avant)?;
    let nombre = |cle: &str| traitement[cle].as_u64().unwrap_or(0);
    Ok(Bilan {
        ias,
        duree,
        envoyees: nombre("envoyees"),
        acceptees: nombre("acceptees"),
        refusees: nombre("refusees"),
        interrompu: traitement["interrompu"].as_str().map(str::to_owned),
        journal_ok,
        premier_refus: traitement["entrees"].as_array().and_then(|entrees| {
            entrees.iter().find_map(|e| {
                e["explication"]
                    .as_str()
                    .filter(|texte| texte.starts_with("Parcoursup répond NOK"))
                    .map(str::to_owned)
            })
        }),
        charge_avant,
    })
}

fn compter(entrees: &Value, type_entree: &str) -> u64 {
    entrees.as_array().map_or(0, |entrees| {
        entrees
            .iter()
            .filter(|e| e.to_string().contains(&format!("\"{type_entree}\"")))
            .count() as u64
    })
}

/// Each candidate registers and pays in IA Primo (one call each, four callers at once).
fn inscrire_et_payer(client: &Client, connecteur: &str, ias: u32) -> Result<()> {
    const APPELANTS: u32 = 4;
    thread::scope(|scope| {
        let taches: Vec<_> = (0..APPELANTS)
            .map(|appelant| {
                scope.spawn(move || -> Result<()> {
                    let url = format!("{connecteur}/etats/ia");
                    for rang in (appelant..ias).step_by(APPELANTS as usize) {
                        let candidat = corps::code_candidat(rang);
                        let corps = json!({
                            "canal": "ia_primo", "candidat": candidat, "vet": corps::VET, "payee": true,
                        });
                        let reponse = client.exiger(client.post(&url, &corps.to_string()))?;
                        if compter(&reponse["entrees"], "ligne_remontee_ecrite") != 1 {
                            bail!("IA de {candidat} : pas de ligne de remontée écrite : {reponse}");
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        for tache in taches {
            tache
                .join()
                .map_err(|_| anyhow::anyhow!("un appelant a paniqué"))??;
        }
        Ok(())
    })
}

/// The highest message id of the mock's journal now.
fn derniers_ids(client: &Client, mock: &str) -> Result<i64> {
    let mut depuis = 0;
    loop {
        let page = page_journal(client, mock, depuis)?;
        match page.last() {
            Some(dernier) => depuis = dernier["id"].as_i64().context("journal : id")? + 1,
            None => return Ok(depuis),
        }
    }
}

fn page_journal(client: &Client, mock: &str, depuis: i64) -> Result<Vec<Value>> {
    let page = client.exiger(client.get(&format!(
        "{mock}/__admin/journal?depuis={depuis}&limite=10000"
    )))?;
    Ok(page["messages"].as_array().cloned().unwrap_or_default())
}

/// Remontées journaled with verdict `ok` from message id `depuis` on.
fn remontees_acceptees_depuis(client: &Client, mock: &str, mut depuis: i64) -> Result<u64> {
    let mut acceptees = 0;
    loop {
        let page = page_journal(client, mock, depuis)?;
        let Some(dernier) = page.last() else {
            return Ok(acceptees);
        };
        depuis = dernier["id"].as_i64().context("journal : id")? + 1;
        acceptees += page
            .iter()
            .filter(|m| m["route"] == ROUTE_REMONTEE && m["verdict"] == "ok")
            .count() as u64;
    }
}

pub fn afficher(bilan: &Bilan) {
    println!(
        "\n## Lot quotidien : {} IA payées, connecteur de référence → mock",
        bilan.ias
    );
    println!(
        "durée du traitement : {:.2} s ({:.0} remontées/s) ; envoyées {}, acceptées {}, refusées {} ; acceptées au journal du mock : {}  charge {}",
        bilan.duree.as_secs_f64(),
        bilan.envoyees as f64 / bilan.duree.as_secs_f64(),
        bilan.envoyees,
        bilan.acceptees,
        bilan.refusees,
        bilan.journal_ok,
        bilan.charge_avant
    );
    if let Some(raison) = &bilan.interrompu {
        println!("INTERROMPU : {raison}");
    }
    if let Some(refus) = &bilan.premier_refus {
        println!("premier refus : {refus}");
    }
    let rien_perdu =
        bilan.journal_ok == u64::from(bilan.ias) && bilan.acceptees == u64::from(bilan.ias);
    println!(
        "objectif < 10 s sans perte : {}",
        if bilan.duree < Duration::from_secs(10) && rien_perdu {
            "atteint"
        } else {
            "MANQUÉ"
        }
    );
}
