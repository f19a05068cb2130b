//! The `mock-parcoursup serve` binary end to end: a real socket on 127.0.0.1, the printed URL, a
//! clean stop on Ctrl-C (SIGINT) and a clear refusal when the page is not built.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

const BINARY: &str = env!("CARGO_BIN_EXE_mock-parcoursup");
const URL_PREFIX: &str = "Simulateur : http://";

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

fn start(web_dir: &std::path::Path) -> (Server, BufReader<ChildStdout>) {
    let mut child = Command::new(BINARY)
        .args(["serve", "--port", "0", "--web-dir"])
        .arg(web_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("lancement de mock-parcoursup");
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (Server { child }, stdout)
}

/// Sends one HTTP/1.1 request and returns the whole raw response.
fn http_get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connexion au serveur");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serve_prints_its_url_serves_the_page_and_stops_cleanly_on_ctrl_c() {
    let web_dir = tempfile::tempdir().unwrap();
    fs::write(
        web_dir.path().join("index.html"),
        "<p>page du simulateur</p>",
    )
    .unwrap();
    let (mut server, mut stdout) = start(web_dir.path());

    let mut first_line = String::new();
    stdout.read_line(&mut first_line).unwrap();
    let address = first_line
        .trim()
        .strip_prefix(URL_PREFIX)
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("première ligne inattendue : {first_line:?}"))
        .to_string();
    assert!(address.starts_with("127.0.0.1:"), "{address}");

    let response = http_get(&address, "/");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.ends_with("<p>page du simulateur</p>"),
        "{response}"
    );

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
fn serve_refuses_an_unbuilt_page_and_says_how_to_build_it() {
    let empty = tempfile::tempdir().unwrap();
    let output = Command::new(BINARY)
        .args(["serve", "--port", "0", "--web-dir"])
        .arg(empty.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cargo xtask build-web"), "{stderr}");
    assert!(output.stdout.is_empty(), "aucune URL ne doit être annoncée");
}
