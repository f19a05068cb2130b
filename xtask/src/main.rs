//! `cargo xtask <commande>` : the project's tasks, so that a fresh clone needs only `cargo`.
//!
//! - `setup`: installs what the build and the tests need outside cargo (wasm32 target, Chromium,
//!   wasm-bindgen-test-runner).
//! - `build-web [--release]`: builds the yew page for wasm32 and writes `web/dist/`.
//! - `serve [--release] [options du serveur…]`: builds the page, then runs `mock-parcoursup serve`.
//! - `test`: the whole test suite, exactly what CI runs.
//! - `bench [options]`: every figure of BENCHMARKS.md (server, daily batch, core, WASM).
//! - `soak [--duree 10m] [--debug]`: the mock under mixed load, memory and descriptors watched.
//!
//! xtask only orchestrates other programs; it holds no rule of the simulator and no test of its own
//! beyond its helpers. It is compiled on every fresh machine, so its dependencies stay few.

mod bench;
mod cargo_lock;
mod fuzz;
mod process;
mod setup;
mod soak;
mod test_suite;
mod web;
mod workspace;

use std::process::ExitCode;

use anyhow::{bail, Result};

use crate::web::Profile;
use crate::workspace::Workspace;

const USAGE: &str = "\
Usage : cargo xtask <commande>

Commandes :
  setup                     installe la cible wasm32, Chromium + chromedriver et
                            wasm-bindgen-test-runner (tests navigateur)
  build-web [--release]     compile la page (wasm32) et l'écrit dans web/dist/
  serve [--release] [ARGS]  compile la page puis lance `mock-parcoursup serve [ARGS]`
                            (ex. : cargo xtask serve --port 9000)
  test                      toute la suite de tests, celle que lance la CI
  bench [OPTIONS]           tous les chiffres de BENCHMARKS.md (serveur, lot quotidien, cœur, WASM)
                            (--sans-serveur, --sans-concurrents, --sans-lot, --sans-coeur, --duree S,
                            --ias N)
  soak [--duree 10m] [--debug]
                            le mock sous charge mixte ; mémoire et descripteurs surveillés
  help                      affiche cette aide";

/// A task asked for on the command line.
#[derive(Debug, PartialEq, Eq)]
enum Task {
    Setup,
    BuildWeb(Profile),
    Serve {
        profile: Profile,
        server_args: Vec<String>,
    },
    Test,
    Bench(bench::Options),
    Soak(soak::Options),
    Help,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask : erreur : {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: Task) -> Result<()> {
    let workspace = Workspace::locate();
    match task {
        Task::Setup => setup::everything(),
        Task::BuildWeb(profile) => {
            setup::wasm_target()?;
            web::build(&workspace, profile)
        }
        Task::Serve {
            profile,
            server_args,
        } => {
            setup::wasm_target()?;
            web::build(&workspace, profile)?;
            web::serve(&workspace, profile, &server_args)
        }
        Task::Test => test_suite::run(&workspace),
        Task::Bench(options) => bench::run(&workspace, &options),
        Task::Soak(options) => soak::run(&workspace, &options),
        Task::Help => {
            println!("{USAGE}");
            Ok(())
        }
    }
}

fn parse_args(args: &[String]) -> Result<Task> {
    let Some((command, rest)) = args.split_first() else {
        bail!("aucune commande donnée\n\n{USAGE}");
    };
    let release = rest.iter().any(|arg| arg == "--release");
    let profile = if release {
        Profile::Release
    } else {
        Profile::Debug
    };
    let task = match command.as_str() {
        "setup" => no_options(command, rest, Task::Setup)?,
        "test" => no_options(command, rest, Task::Test)?,
        "help" | "-h" | "--help" => Task::Help,
        "bench" => Task::Bench(bench::Options::lire(rest)?),
        "soak" => Task::Soak(soak::Options::lire(rest)?),
        "build-web" => {
            let others: Vec<&String> = rest.iter().filter(|arg| *arg != "--release").collect();
            if let Some(unknown) = others.first() {
                bail!("option inconnue pour build-web : {unknown}\n\n{USAGE}");
            }
            Task::BuildWeb(profile)
        }
        "serve" => Task::Serve {
            profile,
            server_args: rest
                .iter()
                .filter(|arg| *arg != "--release")
                .cloned()
                .collect(),
        },
        other => bail!("commande inconnue : {other}\n\n{USAGE}"),
    };
    Ok(task)
}

fn no_options(command: &str, rest: &[String], task: Task) -> Result<Task> {
    match rest.first() {
        Some(unknown) => bail!("la commande {command} ne prend pas d'option (reçu : {unknown})"),
        None => Ok(task),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Task> {
        let owned: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
        parse_args(&owned)
    }

    #[test]
    fn build_web_is_debug_unless_release_is_asked() {
        assert_eq!(
            parse(&["build-web"]).unwrap(),
            Task::BuildWeb(Profile::Debug)
        );
        assert_eq!(
            parse(&["build-web", "--release"]).unwrap(),
            Task::BuildWeb(Profile::Release)
        );
    }

    #[test]
    fn serve_passes_everything_but_release_to_the_server() {
        assert_eq!(
            parse(&["serve", "--port", "9000", "--release"]).unwrap(),
            Task::Serve {
                profile: Profile::Release,
                server_args: vec!["--port".into(), "9000".into()],
            }
        );
    }

    #[test]
    fn unknown_commands_and_options_are_refused_by_name() {
        let error = parse(&["deploy"]).unwrap_err().to_string();
        assert!(error.contains("commande inconnue : deploy"), "{error}");
        let error = parse(&["test", "--fast"]).unwrap_err().to_string();
        assert!(error.contains("--fast"), "{error}");
        let error = parse(&["build-web", "--port"]).unwrap_err().to_string();
        assert!(error.contains("--port"), "{error}");
        assert!(parse(&[]).is_err());
    }
}
