//! Builds the web page into `web/dist/` and serves it.
//!
//! `web/dist/` is entirely generated: it is emptied on every build, then filled with the JS glue and
//! the .wasm from wasm-bindgen plus a copy of `web/static/`. Only relative paths appear in it, so
//! the folder works offline from any static file host.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use wasm_bindgen_cli_support::Bindgen;

use crate::cargo_lock;
use crate::process;
use crate::setup::WASM_TARGET;
use crate::workspace::Workspace;

/// The yew crate of the page, and the name cargo gives its .wasm.
pub const WEB_PACKAGE: &str = "simulateur-web";
const WEB_WASM_FILE: &str = "simulateur_web.wasm";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Debug,
    Release,
}

/// The cargo profile of a release page (root Cargo.toml): optimised for size, the WASM budget being
/// in bytes (BENCHMARKS.md, web section).
const WEB_RELEASE_PROFILE: &str = "web";

impl Profile {
    /// Where cargo writes the page's .wasm for this profile.
    fn web_target_subdir(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => WEB_RELEASE_PROFILE,
        }
    }

    /// Profile arguments of the page's wasm32 build.
    fn web_cargo_args(self) -> &'static [&'static str] {
        match self {
            Profile::Debug => &[],
            Profile::Release => &["--profile", WEB_RELEASE_PROFILE],
        }
    }

    /// Profile arguments of the server's build.
    fn cargo_args(self) -> &'static [&'static str] {
        match self {
            Profile::Debug => &[],
            Profile::Release => &["--release"],
        }
    }
}

pub fn build(workspace: &Workspace, profile: Profile) -> Result<()> {
    let lock_path = workspace.cargo_lock();
    let lock = fs::read_to_string(&lock_path)
        .with_context(|| format!("lecture de {}", lock_path.display()))?;
    let version = cargo_lock::check_wasm_bindgen_versions(&lock)?;

    process::run(
        process::cargo()
            .current_dir(workspace.root())
            .args(["build", "--package", WEB_PACKAGE, "--target", WASM_TARGET])
            .args(profile.web_cargo_args()),
    )?;

    let wasm = workspace
        .target_dir()
        .join(WASM_TARGET)
        .join(profile.web_target_subdir())
        .join(WEB_WASM_FILE);
    let dist = workspace.web_dist();
    if dist.exists() {
        fs::remove_dir_all(&dist).with_context(|| format!("vidage de {}", dist.display()))?;
    }
    fs::create_dir_all(&dist).with_context(|| format!("création de {}", dist.display()))?;

    println!("› wasm-bindgen {version} --target web {}", wasm.display());
    Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .typescript(false)
        // The library leaves the .wasm path out of the glue by default (the CLI does not): keep it, so
        // the page finds `simulateur_web_bg.wasm` next to the JS, wherever the folder is hosted.
        .omit_default_module_path(false)
        .debug(profile == Profile::Debug)
        // Function names are for debugging; in a release page they would weigh more than the code.
        .remove_name_section(profile == Profile::Release)
        .remove_producers_section(profile == Profile::Release)
        .generate(&dist)
        .with_context(|| format!("génération du JS de liaison pour {}", wasm.display()))?;

    copy_folder(&workspace.web_static(), &dist)?;
    println!("Page prête dans {}", dist.display());
    Ok(())
}

/// Runs the local server on the built page; returns when the server stops (Ctrl-C).
pub fn serve(workspace: &Workspace, profile: Profile, server_args: &[String]) -> Result<()> {
    let dist = workspace.web_dist();
    process::run(
        process::cargo()
            .current_dir(workspace.root())
            .args(["run", "--package", "mock-parcoursup"])
            .args(profile.cargo_args())
            .args(["--", "serve", "--web-dir"])
            .arg(&dist)
            .args(server_args),
    )
}

fn copy_folder(from: &Path, to: &Path) -> Result<()> {
    let entries = fs::read_dir(from).with_context(|| format!("lecture de {}", from.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("lecture de {}", from.display()))?;
        let source = entry.path();
        let destination = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&destination)?;
            copy_folder(&source, &destination)?;
        } else {
            fs::copy(&source, &destination).with_context(|| {
                format!(
                    "copie de {} vers {}",
                    source.display(),
                    destination.display()
                )
            })?;
        }
    }
    Ok(())
}
