//! The router serves the built page and nothing outside its folder (no socket: `oneshot`).

use std::fs;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tempfile::TempDir;
use tower::ServiceExt;

const INDEX: &str = "<!doctype html><title>page de test</title>";
const SECRET: &str = "secret hors du dossier de la page";

/// A temporary folder holding `site/` (the page) and, beside it, a file that must never be served.
struct Fixture {
    _root: TempDir,
    site: PathBuf,
}

fn fixture() -> Fixture {
    let root = tempfile::tempdir().expect("dossier temporaire");
    let site = root.path().join("site");
    fs::create_dir_all(site.join("assets")).unwrap();
    fs::write(site.join("index.html"), INDEX).unwrap();
    fs::write(site.join("style.css"), "body { color: black; }").unwrap();
    fs::write(site.join("page_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    fs::write(site.join("assets").join("logo.txt"), "logo").unwrap();
    fs::write(root.path().join("secret.txt"), SECRET).unwrap();
    Fixture { _root: root, site }
}

async fn get(fixture: &Fixture, uri: &str) -> (StatusCode, Option<String>, String) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = mock_parcoursup::router(&fixture.site)
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_string());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

#[tokio::test]
async fn root_serves_index_html() {
    let fixture = fixture();
    let (status, content_type, body) = get(&fixture, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type.as_deref(), Some("text/html"));
    assert_eq!(body, INDEX);
}

#[tokio::test]
async fn assets_are_served_with_their_media_type() {
    let fixture = fixture();
    let (status, content_type, _) = get(&fixture, "/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type.as_deref(), Some("text/css"));

    // Browsers compile a .wasm while it downloads only if it comes as application/wasm.
    let (status, content_type, _) = get(&fixture, "/page_bg.wasm").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type.as_deref(), Some("application/wasm"));

    let (status, _, body) = get(&fixture, "/assets/logo.txt").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "logo"));
}

#[tokio::test]
async fn a_missing_file_is_a_404() {
    let fixture = fixture();
    let (status, _, _) = get(&fixture, "/absent.js").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn paths_climbing_out_of_the_page_folder_are_refused() {
    let fixture = fixture();
    for uri in [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
    ] {
        let (status, _, body) = get(&fixture, uri).await;
        assert!(
            status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST,
            "{uri} : statut {status}"
        );
        assert!(!body.contains(SECRET), "{uri} a servi le fichier secret");
    }
}

#[test]
fn an_unbuilt_page_folder_is_reported_with_the_fix() {
    let fixture = fixture();
    assert!(mock_parcoursup::check_web_dir(&fixture.site).is_ok());

    let missing = fixture.site.join("dist");
    let message = mock_parcoursup::check_web_dir(&missing)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&missing.display().to_string()),
        "{message}"
    );
    assert!(message.contains("cargo xtask build-web"), "{message}");

    // A folder without index.html is not a built page either.
    let without_index = fixture.site.join("assets");
    assert!(mock_parcoursup::check_web_dir(&without_index).is_err());
}
