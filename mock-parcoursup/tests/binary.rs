//! The `mock-parcoursup serve` binary's settings and refusals: what it says before it listens.

use std::fs;
use std::process::{Command, Stdio};

const BINARY: &str = env!("CARGO_BIN_EXE_mock-parcoursup");

/// Until `cycle-core` exposes the Parcoursup-side calls, the engine cannot play even the demo: the
/// server says so and serves the page alone, as before the APIs existed.
#[cfg(not(feature = "coeur-parcoursup"))]
#[test]
fn without_the_core_calls_serve_says_why_and_serves_the_page_alone() {
    use std::io::{BufRead, BufReader, Read, Write};

    let web_dir = tempfile::tempdir().unwrap();
    fs::write(web_dir.path().join("index.html"), "<p>page</p>").unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BINARY)
        .args(["serve", "--port", "0", "--web-dir"])
        .arg(web_dir.path())
        .arg("--data-dir")
        .arg(data_dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first_line = String::new();
    stdout.read_line(&mut first_line).unwrap();
    let address = first_line
        .trim()
        .trim_start_matches("Simulateur : http://")
        .trim_end_matches('/')
        .to_owned();
    let get = |path: &str| {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    };
    let page = get("/");
    let api = get("/__admin/etat");
    let _ = child.kill();
    let _ = child.wait();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        page.starts_with("HTTP/1.1 200") && page.ends_with("<p>page</p>"),
        "{page}"
    );
    assert!(api.starts_with("HTTP/1.1 404"), "{api}");
    assert!(
        stderr.contains("API Parcoursup et administration indisponibles : Parcoursup::debut_de_journee : le cœur (cycle-core) ne rend pas encore cet appel public"),
        "{stderr}"
    );
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

/// `--reinitialiser` is suggested only when it would help: when the journal's session cannot be
/// replayed, not when the scenario of a new session does not load.
#[cfg(feature = "coeur-parcoursup")]
#[test]
fn reinitialiser_is_suggested_only_when_the_journal_cannot_be_replayed() {
    let serve = |data_dir: &std::path::Path, scenario: &str| {
        let output = Command::new(BINARY)
            .args(["serve", "--port", "0", "--scenario", scenario, "--data-dir"])
            .arg(data_dir)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(!output.status.success());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let vide = tempfile::tempdir().unwrap();
    let stderr = serve(vide.path(), "nope");
    assert!(
        stderr.contains("builtin: scénario intégré « nope » inconnu (possibles : demo, "),
        "{stderr}"
    );
    assert!(!stderr.contains("--reinitialiser"), "{stderr}");

    // A journal whose session names a built-in scenario that does not exist (any more).
    let journal = tempfile::tempdir().unwrap();
    drop(mock_parcoursup::journal::JournalSqlite::ouvrir(journal.path()).unwrap());
    let sqlite = rusqlite::Connection::open(journal.path().join("journal.sqlite3")).unwrap();
    sqlite
        .execute(
            "INSERT INTO commandes (session, horodatage, nom, commande) VALUES (1, '', 'charger', ?1)",
            [r#"{"commande":"charger","source":{"type":"integre","nom":"disparu"},"evenements_automatiques":true}"#],
        )
        .unwrap();
    drop(sqlite);
    let stderr = serve(journal.path(), "demo");
    assert!(
        stderr.contains("reprise de la session du journal impossible : builtin: scénario intégré « disparu » inconnu")
            && stderr.contains("(pour repartir d'une nouvelle session : --reinitialiser)"),
        "{stderr}"
    );
}
