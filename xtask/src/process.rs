//! Running other programs: echo the command, inherit the terminal, turn a failure into an error.

use std::env;
use std::ffi::OsString;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// `cargo`, the same binary that runs xtask (cargo sets `$CARGO` for its children).
pub fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

/// Runs `command` to completion with the terminal attached; fails if it exits non-zero.
pub fn run(command: &mut Command) -> Result<()> {
    let shown = describe(command);
    println!("› {shown}");
    let status = command
        .status()
        .with_context(|| format!("impossible de lancer « {shown} »"))?;
    if !status.success() {
        bail!("« {shown} » a échoué ({status})");
    }
    Ok(())
}

/// Whether `command` can be started and exits with success; its output is discarded.
pub fn succeeds(command: &mut Command) -> bool {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Standard output of `command`, which must succeed.
pub fn output(command: &mut Command) -> Result<String> {
    let shown = describe(command);
    let output = command
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("impossible de lancer « {shown} »"))?;
    if !output.status.success() {
        bail!(
            "« {shown} » a échoué ({}) : {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn describe(command: &Command) -> String {
    let program = command.get_program().to_string_lossy();
    let program = if program.ends_with("cargo") {
        "cargo".into()
    } else {
        program
    };
    let args: Vec<_> = command
        .get_args()
        .map(|arg| arg.to_string_lossy())
        .collect();
    format!("{program} {}", args.join(" "))
        .trim_end()
        .to_string()
}
