//! What the build and the tests need beyond cargo: the wasm32 target and, for the browser tests only,
//! Chromium with its chromedriver and wasm-bindgen's test runner. Every check is cheap, so running
//! setup again costs nothing.
//!
//! It installs system packages only as root (CI, containers); elsewhere it says what to install.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::cargo_lock;
use crate::process;
use crate::workspace::Workspace;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Debian package that provides each program the browser tests start.
const BROWSER_PACKAGES: [(&str, &str); 2] = [
    ("chromium", "chromium"),
    ("chromedriver", "chromium-driver"),
];

pub fn everything() -> Result<()> {
    wasm_target()?;
    browser()?;
    wasm_bindgen_test_runner(&Workspace::locate()).map(|_| ())
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

/// The program that runs the wasm32 tests of `cycle-wasm` in Chromium, at the exact version of
/// wasm-bindgen in Cargo.lock (a runner of another version refuses the test module). Installed once
/// with `cargo install` (a few minutes); afterwards one `--version` call finds it.
pub fn wasm_bindgen_test_runner(workspace: &Workspace) -> Result<PathBuf> {
    const RUNNER: &str = "wasm-bindgen-test-runner";
    let lock_path = workspace.cargo_lock();
    let lock = std::fs::read_to_string(&lock_path)
        .with_context(|| format!("lecture de {}", lock_path.display()))?;
    let version = cargo_lock::check_wasm_bindgen_versions(&lock)?;
    let expected = format!("{RUNNER} {version}");
    let installed = |path: &Path| {
        process::output(Command::new(path).arg("--version")).is_ok_and(|out| out.trim() == expected)
    };
    let candidates = [
        find_in_path(RUNNER),
        cargo_bin_dir().map(|dir| dir.join(RUNNER)),
    ];
    if let Some(path) = candidates.iter().flatten().find(|path| installed(path)) {
        return Ok(path.clone());
    }
    println!(
        "Installation de {RUNNER} {version} (cargo install wasm-bindgen-cli, quelques minutes)…"
    );
    // Without --locked: the CLI's own lock file names a yanked release of one of its dependencies.
    process::run(process::cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={version}"),
    ]))?;
    candidates
        .into_iter()
        .flatten()
        .chain(find_in_path(RUNNER))
        .find(|path| installed(path))
        .with_context(|| format!("{RUNNER} {version} introuvable après cargo install"))
}

/// Where `cargo install` puts programs: `$CARGO_HOME/bin`, by default `~/.cargo/bin`.
fn cargo_bin_dir() -> Option<PathBuf> {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin"))
}

/// The chromedriver the browser tests use, for programs that take it from `CHROMEDRIVER`.
pub fn chromedriver() -> Result<PathBuf> {
    find_in_path("chromedriver")
        .context("chromedriver introuvable dans le PATH : lancez cargo xtask setup")
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
