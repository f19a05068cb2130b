//! One load run: wrk at fixed concurrency for a fixed time against `majInscriptionAdministrative`,
//! with `bench/remontees.lua` choosing each body, and what it measured.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use super::outils::WRK;
use super::processus::commande_sur;
use crate::workspace::Workspace;

/// wrk threads: one per core of the benchmark machine (the server under test shares them).
pub const THREADS: u32 = 2;

/// A load to send.
pub struct Charge<'a> {
    pub url: &'a str,
    pub connexions: u32,
    pub duree: Duration,
    pub valides: &'a Path,
    /// `None`: valid bodies only.
    pub invalides: Option<&'a Path>,
    /// Share of invalid bodies, in percent.
    pub pourcent_invalides: u32,
    /// The cores wrk runs on (`taskset -c` list), `None` for any.
    pub coeurs: Option<&'a str>,
}

/// What wrk measured (the `BANC_JSON` line of the script).
#[derive(Clone, Debug, PartialEq)]
pub struct Mesure {
    pub requetes: u64,
    pub duree_s: f64,
    pub debit: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Connection, read, write errors and timeouts: requests that got no answer.
    pub erreurs_socket: u64,
    pub statut_200: u64,
    /// 400 (validation) and 422 (refused by the core): the answers to invalid bodies.
    pub statut_400_422: u64,
    pub autres_statuts: u64,
    pub envoyes_invalides: u64,
}

impl Charge<'_> {
    fn commande(&self, workspace: &Workspace) -> Command {
        let script = workspace.root().join("bench").join("remontees.lua");
        let mut commande = commande_sur(self.coeurs, WRK);
        commande
            .arg(format!("-t{THREADS}"))
            .arg(format!("-c{}", self.connexions))
            .arg(format!("-d{}s", self.duree.as_secs().max(1)))
            .arg("--timeout")
            .arg("10s")
            .arg("-s")
            .arg(script)
            .arg(self.url)
            .arg("--")
            .arg(self.valides)
            .arg(
                self.invalides
                    .map_or_else(|| "-".into(), |p| p.as_os_str().to_owned()),
            )
            .arg(self.pourcent_invalides.to_string())
            .arg(THREADS.to_string());
        commande
    }

    /// Runs wrk to the end and reads its measure.
    pub fn executer(&self, workspace: &Workspace) -> Result<Mesure> {
        let enfant = self.lancer(workspace)?;
        attendre(enfant)
    }

    /// Starts wrk and returns at once (the soak samples the server meanwhile); see [`attendre`].
    pub fn lancer(&self, workspace: &Workspace) -> Result<Child> {
        self.commande(workspace)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("impossible de lancer wrk")
    }
}

/// Waits for a wrk started by [`Charge::lancer`] and reads its measure.
pub fn attendre(enfant: Child) -> Result<Mesure> {
    let sortie = enfant.wait_with_output().context("wrk")?;
    let texte = String::from_utf8_lossy(&sortie.stdout);
    if !sortie.status.success() {
        bail!(
            "wrk a échoué ({}) : {}{}",
            sortie.status,
            texte,
            String::from_utf8_lossy(&sortie.stderr)
        );
    }
    lire_mesure(&texte)
}

fn lire_mesure(sortie: &str) -> Result<Mesure> {
    let ligne = sortie
        .lines()
        .find_map(|ligne| ligne.strip_prefix("BANC_JSON "))
        .with_context(|| format!("pas de ligne BANC_JSON dans la sortie de wrk :\n{sortie}"))?;
    let json: Value = serde_json::from_str(ligne).context("BANC_JSON illisible")?;
    let nombre = |chemin: &str| -> Result<f64> {
        json.pointer(chemin)
            .and_then(Value::as_f64)
            .with_context(|| format!("BANC_JSON : {chemin} absent"))
    };
    let entier = |chemin: &str| nombre(chemin).map(|n| n as u64);
    let requetes = entier("/requetes")?;
    let duree_s = nombre("/duree_us")? / 1e6;
    Ok(Mesure {
        requetes,
        duree_s,
        debit: requetes as f64 / duree_s.max(1e-9),
        p50_ms: nombre("/latence_us/p50")? / 1000.0,
        p99_ms: nombre("/latence_us/p99")? / 1000.0,
        max_ms: nombre("/latence_us/max")? / 1000.0,
        erreurs_socket: entier("/erreurs/connexion")?
            + entier("/erreurs/lecture")?
            + entier("/erreurs/ecriture")?
            + entier("/erreurs/delai")?,
        statut_200: entier("/statuts/200")?,
        statut_400_422: entier("/statuts/400")? + entier("/statuts/422")?,
        autres_statuts: entier("/statuts/autres")?,
        envoyes_invalides: entier("/envoyes/invalides")?,
    })
}

impl Mesure {
    /// Requests that failed although they should not have: no answer, an unexpected status, or more
    /// refusals than invalid bodies sent. The requests still in flight when wrk stops (at most one
    /// per connection) are sent but never answered, hence the tolerance on the refusals.
    pub fn erreurs_inattendues(&self, connexions: u32) -> Vec<String> {
        let mut erreurs = Vec::new();
        if self.erreurs_socket > 0 {
            erreurs.push(format!("{} requête(s) sans réponse", self.erreurs_socket));
        }
        if self.autres_statuts > 0 {
            erreurs.push(format!(
                "{} réponse(s) ni 200, ni 400, ni 422",
                self.autres_statuts
            ));
        }
        if self.statut_400_422 > self.envoyes_invalides {
            erreurs.push(format!(
                "{} refus pour {} corps invalides envoyés : des requêtes valides ont été refusées",
                self.statut_400_422, self.envoyes_invalides
            ));
        }
        if self.statut_400_422 + u64::from(connexions) < self.envoyes_invalides {
            erreurs.push(format!(
                "{} refus pour {} corps invalides envoyés : des corps invalides ont été acceptés",
                self.statut_400_422, self.envoyes_invalides
            ));
        }
        erreurs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SORTIE: &str = "Running 10s test @ http://127.0.0.1:1\nBANC_JSON {\"requetes\":1000,\"duree_us\":2000000,\"octets\":1,\"erreurs\":{\"connexion\":0,\"lecture\":0,\"ecriture\":0,\"statut\":100,\"delai\":0},\"latence_us\":{\"moyenne\":1.0,\"p50\":1500,\"p90\":2000,\"p99\":4000,\"p999\":5000,\"max\":9000},\"statuts\":{\"200\":900,\"400\":75,\"422\":25,\"autres\":0},\"envoyes\":{\"valides\":910,\"invalides\":101}}\n";

    #[test]
    fn the_script_line_is_read_into_a_measure() {
        let mesure = lire_mesure(SORTIE).unwrap();
        assert_eq!(mesure.requetes, 1000);
        assert_eq!(mesure.debit, 500.0);
        assert_eq!((mesure.p50_ms, mesure.p99_ms), (1.5, 4.0));
        assert_eq!(mesure.statut_400_422, 100);
        assert!(mesure.erreurs_inattendues(64).is_empty());
    }

    #[test]
    fn refused_valid_bodies_and_silent_sockets_are_errors() {
        let mut mesure = lire_mesure(SORTIE).unwrap();
        mesure.statut_400_422 = 150;
        mesure.erreurs_socket = 2;
        let erreurs = mesure.erreurs_inattendues(64);
        assert_eq!(erreurs.len(), 2, "{erreurs:?}");
        assert!(lire_mesure("no line").is_err());
    }
}
