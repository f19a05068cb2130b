//! The ceiling of the server benchmark: the mock's HTTP stack (tokio, hyper, axum, the same accept
//! loop [`mock_parcoursup::serve`]) answering `POST /ApiRest/majInscriptionAdministrative` with a
//! static `{"retour":"OK"}` — no validation, no engine, no journal. What it does on the benchmark
//! machine bounds what the mock can do there (`cargo xtask bench`, BENCHMARKS.md).
//!
//! `cargo run --release -p mock-parcoursup --example plafond_statique -- PORT`

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use tokio::net::TcpListener;

#[global_allocator]
static ALLOCATEUR: mimalloc::MiMalloc = mimalloc::MiMalloc;

async fn retour_ok() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        r#"{"retour":"OK"}"#,
    )
}

#[tokio::main]
async fn main() -> ExitCode {
    let port = match std::env::args().nth(1).map(|texte| texte.parse::<u16>()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!("usage : plafond_statique PORT (un numéro de port attendu)");
            return ExitCode::from(2);
        }
    };
    let adresse = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let ecoute = match TcpListener::bind(adresse).await {
        Ok(ecoute) => ecoute,
        Err(erreur) => {
            eprintln!("{adresse} : {erreur}");
            return ExitCode::FAILURE;
        }
    };
    let routeur = Router::new().route("/ApiRest/{methode}", post(retour_ok));
    let arret = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match mock_parcoursup::serve(ecoute, routeur, arret).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(erreur) => {
            eprintln!("{erreur}");
            ExitCode::FAILURE
        }
    }
}
