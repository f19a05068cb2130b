//! The rules core: the criterion benchmark of a whole summer (1k, 10k, 100k candidates), peak memory
//! of the same runs (`cycle-cohorte`'s `memoire` example) and the 100k summer in WebAssembly under
//! Node.js, with the WASM/native ratio. It runs the commands BENCHMARKS.md gives, and reads their output.

use std::fs;
use std::process::Command;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::process::{self, cargo};
use crate::setup::{self, WASM_TARGET};
use crate::workspace::Workspace;

pub const TAILLES: [u32; 3] = [1_000, 10_000, 100_000];

pub struct Taille {
    pub candidats: u32,
    /// Criterion's median, in ms.
    pub mediane_ms: f64,
    pub pic_mib: f64,
}

pub struct Bilan {
    pub tailles: Vec<Taille>,
    pub wasm_100k_ms: f64,
}

pub fn mesurer(workspace: &Workspace) -> Result<Bilan> {
    let racine = workspace.root();
    process::run(cargo().current_dir(racine).args([
        "bench",
        "-p",
        "cycle-cohorte",
        "--bench",
        "ete_complet",
    ]))?;
    let mut tailles = Vec::new();
    for candidats in TAILLES {
        let estimations = workspace
            .target_dir()
            .join("criterion")
            .join("ete_complet")
            .join(candidats.to_string())
            .join("new")
            .join("estimates.json");
        let texte = fs::read_to_string(&estimations)
            .with_context(|| format!("lecture de {}", estimations.display()))?;
        let json: Value = serde_json::from_str(&texte)?;
        let mediane_ns = json
            .pointer("/median/point_estimate")
            .and_then(Value::as_f64)
            .context("criterion : median.point_estimate absent")?;
        let sortie = process::output(
            cargo()
                .current_dir(racine)
                .args(["run", "--quiet", "--release", "-p", "cycle-cohorte"])
                .args(["--example", "memoire", "--", &candidats.to_string()]),
        )?;
        print!("{sortie}");
        tailles.push(Taille {
            candidats,
            mediane_ms: mediane_ns / 1e6,
            pic_mib: pic_memoire(&sortie)?,
        });
    }
    setup::wasm_target()?;
    process::run(cargo().current_dir(racine).args([
        "build",
        "--release",
        "-p",
        "cycle-cohorte-wasm",
        "--target",
        WASM_TARGET,
    ]))?;
    let sortie = process::output(Command::new("node").current_dir(racine).args([
        "crates/cycle-cohorte-wasm/bench.mjs",
        "100000",
        "5",
    ]))?;
    print!("{sortie}");
    let json: Value = serde_json::from_str(sortie.trim()).context("sortie de bench.mjs")?;
    let wasm_100k_ms = json["mediane_ms"]
        .as_f64()
        .context("bench.mjs : mediane_ms absent")?;
    Ok(Bilan {
        tailles,
        wasm_100k_ms,
    })
}

/// `pic mémoire : 226.5 MiB (…)` from the `memoire` example.
fn pic_memoire(sortie: &str) -> Result<f64> {
    sortie
        .lines()
        .find_map(|ligne| ligne.strip_prefix("pic mémoire : "))
        .and_then(|reste| reste.split_whitespace().next())
        .and_then(|nombre| nombre.parse().ok())
        .with_context(|| format!("pas de « pic mémoire » dans :\n{sortie}"))
}

pub fn afficher(bilan: &Bilan) {
    println!("\n## Cœur : un été complet (criterion, médiane ; pic mémoire de l'exemple memoire)");
    println!(
        "{:>10} {:>12} {:>14} {:>10}",
        "candidats", "temps ms", "µs/candidat", "pic MiB"
    );
    for taille in &bilan.tailles {
        println!(
            "{:>10} {:>12.1} {:>14.2} {:>10.1}",
            taille.candidats,
            taille.mediane_ms,
            taille.mediane_ms * 1000.0 / f64::from(taille.candidats),
            taille.pic_mib
        );
    }
    if let Some(natif) = bilan.tailles.iter().find(|t| t.candidats == 100_000) {
        println!(
            "100k en WASM (Node) : {:.0} ms, natif {:.0} ms, ratio WASM/natif ×{:.2}",
            bilan.wasm_100k_ms,
            natif.mediane_ms,
            bilan.wasm_100k_ms / natif.mediane_ms
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peak_is_read_from_the_example_output() {
        let sortie = "100000 candidats, 310955 événements : 0.791 s, 1549846 entrées\npic mémoire : 226.5 MiB (dont cohorte générée : 42.0 MiB), transcript jeté au fil de l'eau\n";
        assert_eq!(pic_memoire(sortie).unwrap(), 226.5);
        assert!(pic_memoire("rien").is_err());
    }
}
