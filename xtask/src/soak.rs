//! `cargo xtask soak [--duree 10m] [--debug]`: the mock Parcoursup under mixed valid and invalid
//! remontées (10 % invalid) at 64 connections for a long time, its memory (VmRSS) and open file
//! descriptors sampled from `/proc/<pid>` all along. It fails when a request fails that should not
//! (no answer, an unexpected status, a valid body refused, an invalid one accepted), when the server
//! dies, when descriptors grow, or when memory clearly grows without bound (thresholds below).
//! RELIABILITY.md, « Load and soak », records the figures; CI runs a short one (`cargo xtask test`).

use std::fs;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::bench::{self, Charge, Profil};
use crate::workspace::Workspace;

const CONNEXIONS: u32 = 64;
const POURCENT_INVALIDES: u32 = 10;
const CANDIDATS: u32 = 10_000;
/// Descriptors may vary by a few under load (SQLite's WAL, a connection being accepted); a leak of
/// one per request would add thousands.
const CROISSANCE_FD_TOLEREE: i64 = 16;
/// Memory fails only on clear growth: the median of the last third of the samples above 1.5 times
/// the median of the first third (warm-up excluded) *and* 64 MiB more. Allocator arenas, SQLite's
/// page cache and the blocking threads settle in the first seconds; a leak of 100 bytes per request
/// at 10,000 requests a second adds 60 MB a minute and is caught by a 10-minute run (a 25-second
/// smoke catches only leaks of kilobytes per request, like the transcript that once kept growing).
const FACTEUR_MEMOIRE: f64 = 1.5;
const MARGE_MEMOIRE_KIB: u64 = 64 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub duree: Duration,
    pub profil: Profil,
}

impl Options {
    pub fn lire(args: &[String]) -> Result<Options> {
        let mut options = Options {
            duree: Duration::from_secs(600),
            profil: Profil::Release,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--duree" => {
                    options.duree = bench::lire_duree(args.next().map_or("", String::as_str))?
                }
                "--debug" => options.profil = Profil::Debug,
                autre => bail!("option inconnue pour soak : {autre} (--duree 10m, --debug)"),
            }
        }
        Ok(options)
    }

    /// The short run of CI: the debug build the tests already made, 25 seconds.
    pub fn ci() -> Options {
        Options {
            duree: Duration::from_secs(25),
            profil: Profil::Debug,
        }
    }
}

/// One look at the server.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Echantillon {
    t: Duration,
    rss_kib: u64,
    fds: i64,
}

fn echantillon(pid: u32, t: Duration) -> Result<Echantillon> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("lecture de /proc/{pid}/status"))?;
    let rss_kib = status
        .lines()
        .find_map(|ligne| ligne.strip_prefix("VmRSS:"))
        .and_then(|reste| reste.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .context("VmRSS absent de /proc/<pid>/status")?;
    let fds = fs::read_dir(format!("/proc/{pid}/fd"))
        .with_context(|| format!("lecture de /proc/{pid}/fd"))?
        .count() as i64;
    Ok(Echantillon { t, rss_kib, fds })
}

pub fn run(workspace: &Workspace, options: &Options) -> Result<()> {
    bench::installer_wrk()?;
    bench::construire(workspace, options.profil, &["mock-parcoursup"])?;
    let dossier = bench::dossier_travail(workspace).join("soak");
    let fichiers = bench::ecrire_charge(&dossier, CANDIDATS)?;
    let mut mock = bench::demarrer_mock(workspace, options.profil, &dossier, &fichiers)?;
    let url = mock.url();
    println!(
        "› soak : {} s à {CONNEXIONS} connexions, {POURCENT_INVALIDES} % de corps invalides, mock {:?} (pid {}) {}",
        options.duree.as_secs(),
        options.profil,
        mock.pid(),
        bench::charge_moyenne()
    );
    let charge = Charge {
        url: &url,
        connexions: CONNEXIONS,
        duree: options.duree,
        valides: &fichiers.valides,
        invalides: Some(&fichiers.invalides),
        pourcent_invalides: POURCENT_INVALIDES,
        coeurs: None,
    };
    let debut = Instant::now();
    let au_repos = echantillon(mock.pid(), Duration::ZERO)?;
    let mut wrk = charge.lancer(workspace)?;
    let intervalle = (options.duree / 20).max(Duration::from_secs(1));
    let mut echantillons = Vec::new();
    while wrk.try_wait()?.is_none() {
        std::thread::sleep(intervalle);
        if !mock.en_vie() {
            let _ = wrk.kill();
            bail!(
                "le mock s'est arrêté pendant le soak ; voir {}",
                dossier.join("mock-parcoursup.log").display()
            );
        }
        if wrk.try_wait()?.is_none() {
            echantillons.push(echantillon(mock.pid(), debut.elapsed())?);
        }
    }
    let mesure = bench::attendre_charge(wrk)?;
    let apres = echantillon(mock.pid(), debut.elapsed())?;
    afficher(&au_repos, &echantillons, &apres, &mesure);
    let mut echecs = mesure.erreurs_inattendues(CONNEXIONS);
    echecs.extend(verifier_ressources(&echantillons, options.duree));
    if !echecs.is_empty() {
        bail!("soak : {}", echecs.join(" ; "));
    }
    println!("soak réussi : aucune erreur hors des corps invalides, descripteurs stables, mémoire bornée.");
    // The journal keeps every request (about 1 KB each: 7.6 GB for a 10-minute soak); it is kept
    // only when the soak fails, to look at.
    drop(mock);
    let donnees = dossier.join("donnees-mock");
    fs::remove_dir_all(&donnees)
        .with_context(|| format!("suppression de {}", donnees.display()))?;
    Ok(())
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn afficher(
    au_repos: &Echantillon,
    echantillons: &[Echantillon],
    apres: &Echantillon,
    m: &bench::Mesure,
) {
    println!("\n{:>7} {:>10} {:>6}", "t (s)", "RSS MiB", "fds");
    println!(
        "{:>7} {:>10.1} {:>6}  (avant la charge)",
        0,
        mib(au_repos.rss_kib),
        au_repos.fds
    );
    for e in echantillons {
        println!("{:>7} {:>10.1} {:>6}", e.t.as_secs(), mib(e.rss_kib), e.fds);
    }
    println!(
        "{:>7} {:>10.1} {:>6}  (après la charge)",
        apres.t.as_secs(),
        mib(apres.rss_kib),
        apres.fds
    );
    println!(
        "\n{} requêtes en {:.0} s ({:.0}/s, p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms) : {} × 200, {} × 400/422 pour {} corps invalides envoyés, {} autres statuts, {} sans réponse {}",
        m.requetes,
        m.duree_s,
        m.debit,
        m.p50_ms,
        m.p99_ms,
        m.max_ms,
        m.statut_200,
        m.statut_400_422,
        m.envoyes_invalides,
        m.autres_statuts,
        m.erreurs_socket,
        bench::charge_moyenne()
    );
}

fn mediane(mut valeurs: Vec<u64>) -> u64 {
    valeurs.sort_unstable();
    valeurs.get(valeurs.len() / 2).copied().unwrap_or(0)
}

/// Descriptor and memory growth under load, between the first and the last third of the run (the
/// first tenth, the warm-up, left out).
fn verifier_ressources(echantillons: &[Echantillon], duree: Duration) -> Vec<String> {
    let chauds: Vec<&Echantillon> = echantillons.iter().filter(|e| e.t >= duree / 10).collect();
    if chauds.len() < 3 {
        return vec![format!(
            "trop peu d'échantillons ({}) pour juger la mémoire et les descripteurs",
            chauds.len()
        )];
    }
    let tiers = chauds.len() / 3;
    let debut = &chauds[..tiers.max(1)];
    let fin = &chauds[chauds.len() - tiers.max(1)..];
    let mut echecs = Vec::new();
    let fds_debut = debut.iter().map(|e| e.fds).min().unwrap_or(0);
    let fds_fin = fin.iter().map(|e| e.fds).max().unwrap_or(0);
    if fds_fin - fds_debut > CROISSANCE_FD_TOLEREE {
        echecs.push(format!(
            "descripteurs ouverts : {fds_debut} → {fds_fin} sous la même charge"
        ));
    }
    let rss_debut = mediane(debut.iter().map(|e| e.rss_kib).collect());
    let rss_fin = mediane(fin.iter().map(|e| e.rss_kib).collect());
    if rss_fin as f64 > rss_debut as f64 * FACTEUR_MEMOIRE
        && rss_fin > rss_debut + MARGE_MEMOIRE_KIB
    {
        echecs.push(format!(
            "mémoire : {:.1} MiB → {:.1} MiB (médianes du premier et du dernier tiers)",
            mib(rss_debut),
            mib(rss_fin)
        ));
    }
    echecs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serie(points: &[(u64, u64, i64)]) -> Vec<Echantillon> {
        points
            .iter()
            .map(|&(t, rss_mib, fds)| Echantillon {
                t: Duration::from_secs(t),
                rss_kib: rss_mib * 1024,
                fds,
            })
            .collect()
    }

    #[test]
    fn a_flat_run_passes_and_growth_is_named() {
        let duree = Duration::from_secs(60);
        let plat = serie(&[
            (3, 90, 80),
            (10, 40, 80),
            (20, 41, 81),
            (30, 42, 80),
            (40, 41, 82),
            (50, 42, 80),
            (58, 41, 81),
        ]);
        assert!(verifier_ressources(&plat, duree).is_empty());

        let fuite = serie(&[
            (10, 40, 80),
            (20, 40, 80),
            (30, 90, 80),
            (40, 140, 80),
            (50, 190, 80),
            (58, 240, 80),
        ]);
        let echecs = verifier_ressources(&fuite, duree);
        assert!(
            echecs.iter().any(|e| e.starts_with("mémoire")),
            "{echecs:?}"
        );

        let descripteurs = serie(&[
            (10, 40, 80),
            (20, 40, 80),
            (30, 40, 120),
            (40, 40, 160),
            (50, 40, 200),
            (58, 40, 240),
        ]);
        let echecs = verifier_ressources(&descripteurs, duree);
        assert!(
            echecs.iter().any(|e| e.starts_with("descripteurs")),
            "{echecs:?}"
        );
    }

    #[test]
    fn too_short_a_run_cannot_pass_silently() {
        let echecs = verifier_ressources(&serie(&[(1, 40, 80)]), Duration::from_secs(60));
        assert_eq!(echecs.len(), 1);
    }
}
