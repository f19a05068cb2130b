//! The tools the benchmarks need beyond cargo, installed on first use like `cargo xtask setup` does:
//! wrk (Debian package, installed only as root) and, for the comparison, Mockoon CLI and Prism from
//! the npm registry, at the versions pinned by `bench/package-lock.json`, into `bench/node_modules/`.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::process;
use crate::workspace::Workspace;

/// The load tool: closed-loop, fixed connections, Lua to vary bodies per request.
pub const WRK: &str = "wrk";

pub fn wrk() -> Result<()> {
    if process::succeeds(Command::new(WRK).arg("--version")) || wrk_repond() {
        return Ok(());
    }
    let root = process::output(Command::new("id").arg("-u"))?.trim() == "0";
    if !root {
        bail!("wrk introuvable ; sous Debian ou Ubuntu : sudo apt-get install wrk");
    }
    println!("Installation de wrk (apt-get)…");
    process::run(Command::new("apt-get").args(["update", "-qq"]))?;
    process::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "wrk"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    if !wrk_repond() {
        bail!("wrk reste introuvable après apt-get install wrk");
    }
    Ok(())
}

/// `wrk --version` exits with 1 although it ran: look for its banner instead.
fn wrk_repond() -> bool {
    Command::new(WRK)
        .arg("--version")
        .output()
        .is_ok_and(|sortie| String::from_utf8_lossy(&sortie.stdout).contains("wrk"))
}

/// The npm tools of `bench/`: installed with `npm ci` (exact versions of the lock file) when missing.
pub struct OutilsNode {
    pub mockoon: PathBuf,
    pub prism: PathBuf,
}

pub fn node(workspace: &Workspace) -> Result<OutilsNode> {
    let bench = workspace.root().join("bench");
    let binaires = bench.join("node_modules").join(".bin");
    let outils = OutilsNode {
        mockoon: binaires.join("mockoon-cli"),
        prism: binaires.join("prism"),
    };
    if outils.mockoon.is_file() && outils.prism.is_file() {
        return Ok(outils);
    }
    if !process::succeeds(Command::new("npm").arg("--version")) {
        bail!("npm introuvable : Node.js 20 ou plus est nécessaire pour comparer avec Mockoon et Prism (ou --sans-concurrents)");
    }
    process::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&bench),
    )
    .context("installation de Mockoon CLI et Prism dans bench/node_modules")?;
    if !(outils.mockoon.is_file() && outils.prism.is_file()) {
        bail!(
            "npm ci n'a pas installé mockoon-cli et prism dans {}",
            binaires.display()
        );
    }
    Ok(outils)
}
