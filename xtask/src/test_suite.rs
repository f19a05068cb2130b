//! `cargo xtask test`: every check the project has, in order, stopping at the first failure.
//!
//! This is what CI runs (`.ci/run`), so a green run here means a green CI on the same machine kind.
//! Each step prints its name; a failure names the step that failed.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};

use crate::fuzz;
use crate::process::{self, cargo};
use crate::setup::{self, WASM_TARGET};
use crate::soak;
use crate::web::{self, Profile, WEB_PACKAGE};
use crate::workspace::Workspace;

/// Package of the browser tests: run last, once the page is built.
const BROWSER_TESTS_PACKAGE: &str = "browser-tests";

/// The simulator's JavaScript API, tested in Chromium by its wasm32 test `navigateur`.
const WASM_API_PACKAGE: &str = "cycle-wasm";

/// The rules core runs in the browser too: it must always build for wasm32.
const CORE_PACKAGE: &str = "cycle-core";

struct Step<'a> {
    name: &'static str,
    action: Box<dyn Fn() -> Result<()> + 'a>,
}

pub fn run(workspace: &Workspace) -> Result<()> {
    let root = workspace.root();
    let in_root = |mut command: Command| {
        command.current_dir(root);
        command
    };
    let nextest = has_nextest();
    let steps: Vec<Step> = vec![
        step("setup", setup::everything),
        step("format (cargo fmt --check)", || {
            process::run(in_root(cargo()).args(["fmt", "--all", "--check"]))
                .context("`cargo fmt --all` corrige le formatage")
        }),
        step("clippy (hôte)", || {
            process::run(
                in_root(cargo())
                    .args(["clippy", "--workspace", "--exclude", WEB_PACKAGE])
                    .args(["--all-targets", "--", "-D", "warnings"]),
            )
        }),
        step("clippy (page web, wasm32)", || {
            process::run(
                in_root(cargo())
                    .args(["clippy", "--package", WEB_PACKAGE, "--target", WASM_TARGET])
                    .args(["--all-targets", "--", "-D", "warnings"]),
            )
        }),
        step("cycle-core compile en wasm32", || {
            process::run(in_root(cargo()).args([
                "build",
                "--package",
                CORE_PACKAGE,
                "--target",
                WASM_TARGET,
            ]))
        }),
        // Release, the page trainers get: the browser tests also measure its budgets (size, speed).
        step("build-web --release", || {
            web::build(workspace, Profile::Release)
        }),
        step("tests", || {
            let mut command = in_root(cargo());
            if nextest {
                // Built with the browser tests (one feature set, one build), run without them.
                command
                    .args(["nextest", "run", "--workspace", "--exclude", WEB_PACKAGE])
                    .args(["-E", &format!("not package({BROWSER_TESTS_PACKAGE})")]);
            } else {
                command
                    .args(["test", "--workspace", "--exclude", WEB_PACKAGE])
                    .args(["--exclude", BROWSER_TESTS_PACKAGE]);
            }
            process::run(&mut command)
        }),
        step("doctests", || {
            process::run(
                in_root(cargo())
                    // Same selection as the tests, so the libraries built for them are reused.
                    .args(["test", "--doc", "--workspace", "--exclude", WEB_PACKAGE]),
            )
        }),
        // The JavaScript API's own wasm32 tests, in headless Chromium through wasm-bindgen-test.
        step("cycle-wasm dans Chromium (wasm-bindgen-test)", || {
            let runner = setup::wasm_bindgen_test_runner(workspace)?;
            process::run(
                in_root(cargo())
                    .args([
                        "test",
                        "--package",
                        WASM_API_PACKAGE,
                        "--target",
                        WASM_TARGET,
                    ])
                    .args(["--test", "navigateur"])
                    .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
                    .env("CHROMEDRIVER", setup::chromedriver()?),
            )
        }),
        // After the tests: a parser bug shows first as a named test failure, not as a fuzz input.
        step("fuzzing : smoke de 30 s par cible (fuzz/smoke.sh)", || {
            fuzz::smoke(workspace)
        }),
        // Short: catches a request failing under load, a descriptor leak or a gross memory leak;
        // the 10-minute run is `cargo xtask soak` (RELIABILITY.md, « Load and soak »).
        step(
            "soak court (mock, 25 s, 64 connexions, 10 % invalides)",
            || soak::run(workspace, &soak::Options::ci()),
        ),
        step("tests navigateur (Chromium headless)", || {
            let mut command = in_root(cargo());
            if nextest {
                // Same package selection as the "tests" step, so nothing is compiled again: building
                // the browser tests alone unified other features and rebuilt the whole server.
                command
                    .args(["nextest", "run", "--workspace", "--exclude", WEB_PACKAGE])
                    .args(["-E", &format!("package({BROWSER_TESTS_PACKAGE})")]);
            } else {
                command.args(["test", "--package", BROWSER_TESTS_PACKAGE]);
            }
            process::run(&mut command)
        }),
    ];
    if !nextest {
        println!("cargo-nextest absent : les tests passent par cargo test.");
    }
    run_steps(&steps)
}

fn step<'a>(name: &'static str, action: impl Fn() -> Result<()> + 'a) -> Step<'a> {
    Step {
        name,
        action: Box::new(action),
    }
}

fn has_nextest() -> bool {
    process::succeeds(cargo().args(["nextest", "--version"]))
}

fn run_steps(steps: &[Step]) -> Result<()> {
    let started = Instant::now();
    let mut timings = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        println!("\n=== [{}/{}] {} ===", index + 1, steps.len(), step.name);
        let step_started = Instant::now();
        let outcome = (step.action)();
        timings.push((step.name, step_started.elapsed()));
        if let Err(error) = outcome {
            print_timings(&timings);
            return Err(anyhow!(
                "ÉCHEC à l'étape « {} » ({}/{}) : {error:#}",
                step.name,
                index + 1,
                steps.len()
            ));
        }
    }
    print_timings(&timings);
    println!(
        "\nToutes les étapes ont réussi ({} en {}).",
        steps.len(),
        minutes_seconds(started.elapsed())
    );
    Ok(())
}

fn print_timings(timings: &[(&str, Duration)]) {
    println!("\nDurée des étapes :");
    for (name, duration) in timings {
        println!("  {:>7}  {name}", minutes_seconds(*duration));
    }
}

fn minutes_seconds(duration: Duration) -> String {
    let seconds = duration.as_secs();
    format!("{}:{:02}", seconds / 60, seconds % 60)
}
