//! The `mock-parcoursup serve` binary end to end on 127.0.0.1: the printed URL and demo credentials,
//! the README's curl of the connector test, a connection cut on purpose, a page not built, and a
//! clean stop on Ctrl-C (SIGINT).

// Needs the core's Parcoursup-side calls (see the `coeur-parcoursup` feature in Cargo.toml).
#![cfg(feature = "coeur-parcoursup")]

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

const BINARY: &str = env!("CARGO_BIN_EXE_mock-parcoursup");
const URL_PREFIX: &str = "Simulateur : http://";

const README: &str = include_str!("../../README.md");

/// The README's curl of the connector test: its `-d '…'` body and the answer it shows (`# …`).
fn curl_du_readme() -> (&'static str, &'static str) {
    let debut = README
        .find("/ApiRest/majInscriptionAdministrative")
        .expect("the README shows the curl of the connector test");
    let suite = &README[debut..];
    let corps = suite
        .split_once("-d '")
        .and_then(|(_, reste)| reste.split_once('\''))
        .expect("the curl sends its body with -d '…'")
        .0;
    let reponse = suite
        .split_once("# ")
        .and_then(|(_, reste)| reste.lines().next())
        .expect("the README shows the answer as # …");
    (corps, reponse)
}

/// Kills the server if a test fails before stopping it.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(web_dir: &Path, data_dir: &Path) -> (Server, BufReader<ChildStdout>, String) {
    let mut child = Command::new(BINARY)
        .args(["serve", "--port", "0", "--web-dir"])
        .arg(web_dir)
        .arg("--data-dir")
        .arg(data_dir)
        .env("MOCK_PARCOURSUP_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lancement de mock-parcoursup");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first_line = String::new();
    stdout.read_line(&mut first_line).unwrap();
    let address = first_line
        .trim()
        .strip_prefix(URL_PREFIX)
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("première ligne inattendue : {first_line:?}"))
        .to_string();
    // The URL is printed once the journal is open and the scenario loaded: ready. How long that
    // takes is a figure of `cargo xtask bench` (BENCHMARKS.md), not something a test times.
    (Server { child }, stdout, address)
}

/// Sends one HTTP/1.1 request and returns the whole raw response ("" when the server closed the
/// connection without answering).
fn http(address: &str, request_head: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connexion au serveur");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{request_head}\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = Vec::new();
    // A connection cut on purpose may end in a reset rather than a clean end of stream.
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn post_json(address: &str, path: &str, body: &str) -> String {
    http(
        address,
        &format!("POST {path} HTTP/1.1\r\nContent-Type: application/json"),
        body,
    )
}

fn stop(mut server: Server, mut stdout: BufReader<ChildStdout>) {
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = server.child.wait().unwrap();
    assert!(exit.success(), "arrêt sur Ctrl-C : {exit}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("Serveur arrêté."), "{rest}");
}

#[test]
fn serve_prints_where_it_listens_answers_the_readme_curl_and_stops_cleanly_on_ctrl_c() {
    let web_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    fs::write(
        web_dir.path().join("index.html"),
        "<p>page du simulateur</p>",
    )
    .unwrap();
    let (server, mut stdout, address) = start(web_dir.path(), data_dir.path());
    assert!(address.starts_with("127.0.0.1:"), "{address}");
    let mut banner = String::new();
    for _ in 0..5 {
        stdout.read_line(&mut banner).unwrap();
    }
    assert!(
        banner.contains("identifiants Parcoursup demo-psup / demo-secret"),
        "{banner}"
    );
    assert!(banner.contains("Scénario : demo"), "{banner}");

    let page = http(&address, "GET / HTTP/1.1", "");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.ends_with("<p>page du simulateur</p>"), "{page}");

    let (corps, reponse_montree) = curl_du_readme();
    assert_eq!(
        reponse_montree,
        r#"{"retour":"OK","message":"Connecteur valide"}"#
    );
    let answer = post_json(&address, "/ApiRest/majInscriptionAdministrative", corps);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with(reponse_montree), "{answer}");
    stop(server, stdout);
}

#[test]
fn an_injected_cut_closes_the_connection_without_an_answer() {
    let web_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let (server, stdout, address) = start(web_dir.path(), data_dir.path());
    let set = http(
        &address,
        "PUT /__admin/pannes HTTP/1.1\r\nContent-Type: application/json",
        r#"{"coupure": 1}"#,
    );
    assert!(set.starts_with("HTTP/1.1 200"), "{set}");
    let cut = post_json(
        &address,
        "/ApiRest/majInscriptionAdministrative",
        curl_du_readme().0,
    );
    assert_eq!(cut, "", "aucune réponse ne doit arriver");
    let next = post_json(
        &address,
        "/ApiRest/majInscriptionAdministrative",
        curl_du_readme().0,
    );
    assert!(next.starts_with("HTTP/1.1 200"), "{next}");
    let journal = http(&address, "GET /__admin/journal HTTP/1.1", "");
    assert!(
        journal.contains("panne injectee : connexion fermee sans reponse"),
        "{journal}"
    );
    stop(server, stdout);
}

#[test]
fn serve_without_a_built_page_says_how_to_build_it_and_still_serves_the_apis() {
    let empty = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let (mut server, stdout, address) = start(empty.path(), data_dir.path());
    let page = http(&address, "GET / HTTP/1.1", "");
    assert!(page.starts_with("HTTP/1.1 404"), "{page}");
    let answer = post_json(
        &address,
        "/ApiRest/majInscriptionAdministrative",
        curl_du_readme().0,
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let mut stderr = String::new();
    let mut err = server.child.stderr.take().unwrap();
    stop(server, stdout);
    err.read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains("cargo xtask build-web"), "{stderr}");
}
