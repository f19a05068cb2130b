//! The fuzzing step of `cargo xtask test`: the 30-second smoke of every cargo-fuzz target of `fuzz/`.
//!
//! The work is `fuzz/smoke.sh`'s, the script a developer runs by hand (RELIABILITY.md): it installs
//! cargo-fuzz when the pinned version is missing (a no-op when present), builds the targets into
//! `fuzz/target/` (their own workspace and lock file, instrumented flags kept away from every other
//! build) and fuzzes each one from the committed corpus, failing with the saved input's path. Calling
//! it rather than repeating it keeps CI and the documented command the same thing.

use std::process::Command;

use anyhow::{Context, Result};

use crate::process;
use crate::workspace::Workspace;

/// Seconds of fuzzing per target in CI (`fuzz/smoke.sh` reads it from `DUREE_SMOKE`).
const SECONDES_PAR_CIBLE: u32 = 30;

pub fn smoke(workspace: &Workspace) -> Result<()> {
    let script = workspace.root().join("fuzz").join("smoke.sh");
    process::run(
        Command::new("bash")
            .arg(&script)
            .current_dir(workspace.root())
            .env("DUREE_SMOKE", SECONDES_PAR_CIBLE.to_string()),
    )
    .context("le smoke du fuzzing a échoué : la ligne « ERREUR fuzz » ci-dessus dit quelle cible et quelle entrée")
}
