//! What the build and the tests need beyond cargo: the wasm32 target and, for the browser tests only,
//! Chromium with its chromedriver. Every check is cheap, so running setup again costs nothing.
//!
//! It installs system packages only as root (CI, containers); elsewhere it says what to install.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::process;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Debian package that provides each program the browser tests start.
const BROWSER_PACKAGES: [(&str, &str); 2] = [
    ("chromium", "chromium"),
    ("chromedriver", "chromium-driver"),
];

pub fn everything() -> Result<()> {
    wasm_target()?;
    browser()
}

pub fn wasm_target() -> Result<()> {
    let installed = process::output(Command::new("rustup").args(["target", "list", "--installed"]))
        .context("rustup est nécessaire pour ajouter la cible wasm32 (https://rustup.rs)")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    process::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

pub fn browser() -> Result<()> {
    let missing: Vec<(&str, &str)> = BROWSER_PACKAGES
        .into_iter()
        .filter(|(program, _)| find_in_path(program).is_none())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let packages: Vec<&str> = missing.iter().map(|(_, package)| *package).collect();
    let programs: Vec<&str> = missing.iter().map(|(program, _)| *program).collect();
    if !is_root()? {
        bail!(
            "{} introuvable(s) dans le PATH ; les tests navigateur en ont besoin.\n\
             Sous Debian ou Ubuntu : sudo apt-get install {}\n\
             puis relancez cargo xtask setup.",
            programs.join(" et "),
            packages.join(" ")
        );
    }
    println!("Installation de {} (apt-get)…", packages.join(" "));
    process::run(Command::new("apt-get").args(["update", "-qq"]))?;
    process::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq"])
            .args(&packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    if let Some(program) = programs.iter().find(|p| find_in_path(p).is_none()) {
        bail!(
            "{program} reste introuvable après apt-get install {}",
            packages.join(" ")
        );
    }
    Ok(())
}

fn is_root() -> Result<bool> {
    let uid = process::output(Command::new("id").arg("-u"))?;
    Ok(uid.trim() == "0")
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_file(candidate))
}

fn is_file(path: &Path) -> bool {
    path.metadata().is_ok_and(|meta| meta.is_file())
}
