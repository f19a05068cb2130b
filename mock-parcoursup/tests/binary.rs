//! The `mock-parcoursup serve` binary's settings and refusals: what it says before it listens.

use std::fs;
use std::process::{Command, Stdio};

const BINARY: &str = env!("CARGO_BIN_EXE_mock-parcoursup");

/// Until `cycle-core` exposes the Parcoursup-side calls, the server cannot play even its demo: it
/// says so and stops, rather than serve a Parcoursup that cannot move.
#[cfg(not(feature = "coeur-parcoursup"))]
#[test]
fn without_the_core_calls_serve_refuses_to_start_and_says_why() {
    let data_dir = tempfile::tempdir().unwrap();
    let output = Command::new(BINARY)
        .args(["serve", "--port", "0", "--data-dir"])
        .arg(data_dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Parcoursup::debut_de_journee : le cœur (cycle-core) ne rend pas encore cet appel public"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "aucune URL ne doit être annoncée");
}

#[test]
fn a_bad_setting_is_refused_before_anything_starts() {
    let output = Command::new(BINARY)
        .args(["serve", "--port", "0", "--livraison-tentatives", "0"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("livraison_tentatives : 0 tentative ne livrerait rien (1 au moins)"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "aucune URL ne doit être annoncée");
}

#[test]
fn settings_come_from_the_environment_and_the_toml_file_too() {
    let output = Command::new(BINARY)
        .args(["serve", "--port", "0"])
        .env("MOCK_PARCOURSUP_LIVRAISON_TENTATIVES", "0")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("livraison_tentatives : 0"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mock.toml");
    fs::write(&config, "port = 0\n[livraison]\ntentative = 3\n").unwrap();
    let output = Command::new(BINARY)
        .args(["serve", "--config"])
        .arg(&config)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown field `tentative`"), "{stderr}");
}
