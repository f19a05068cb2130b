//! `mock-parcoursup` : ligne de commande du serveur local du simulateur.
//!
//! Elle ne fait que lire les options, ouvrir la socket et brancher le routeur de la bibliothèque.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tokio::net::TcpListener;

#[derive(Parser)]
#[command(
    name = "mock-parcoursup",
    version,
    about = "Serveur local du simulateur Parcoursup → Apogée"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Sert la page du simulateur (construite par `cargo xtask build-web`) à la racine `/`.
    Serve(ServeArgs),
    /// Joue des fichiers de scénario et affiche leur déroulement et leurs verdicts.
    Run(cycle_scenario::cli::ArgumentsRun),
}

#[derive(Args)]
struct ServeArgs {
    /// Port d'écoute (0 : un port libre choisi par le système).
    #[arg(long, default_value_t = 8080)]
    port: u16,

    /// Adresse d'écoute ; par défaut la boucle locale seulement.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,

    /// Dossier de la page construite [défaut : web/dist du workspace].
    #[arg(long, env = "SIMULATEUR_WEB_DIR")]
    web_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args),
        Command::Run(args) => return cycle_scenario::cli::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mock-parcoursup : erreur : {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: ServeArgs) -> Result<(), String> {
    let web_dir = args.web_dir.unwrap_or_else(default_web_dir);
    mock_parcoursup::check_web_dir(&web_dir).map_err(|error| error.to_string())?;
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|error| format!("démarrage du runtime tokio impossible : {error}"))?;
    runtime.block_on(async {
        let address = SocketAddr::new(args.bind, args.port);
        let listener = TcpListener::bind(address).await.map_err(|error| {
            format!("impossible d'écouter sur {address} : {error} (essayez un autre --port)")
        })?;
        let bound = listener
            .local_addr()
            .map_err(|error| format!("adresse d'écoute illisible : {error}"))?;
        let stop = install_stop_signals()?;
        println!("Simulateur : http://{bound}/");
        println!(
            "(page servie depuis {} ; Ctrl-C pour arrêter)",
            web_dir.display()
        );
        mock_parcoursup::serve(listener, mock_parcoursup::router(&web_dir), stop)
            .await
            .map_err(|error| format!("le serveur s'est arrêté sur une erreur : {error}"))?;
        println!("Serveur arrêté.");
        Ok(())
    })
}

/// `web/dist` of the workspace this binary was built from, so `cargo run` works from any folder.
fn default_web_dir() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir.parent().unwrap_or(manifest_dir);
    workspace.join("web").join("dist")
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM (how CI and process managers ask a server to stop).
///
/// The handlers are installed here, before the URL is printed: a signal sent as soon as the URL is
/// seen must stop the server cleanly, not kill it with the default action.
#[cfg(unix)]
fn install_stop_signals() -> Result<impl std::future::Future<Output = ()>, String> {
    use tokio::signal::unix::{signal, SignalKind};
    let install = |kind: SignalKind| {
        signal(kind).map_err(|error| format!("gestion des signaux impossible : {error}"))
    };
    let mut interrupt = install(SignalKind::interrupt())?;
    let mut terminate = install(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn install_stop_signals() -> Result<impl std::future::Future<Output = ()>, String> {
    Ok(async {
        // Without a Ctrl-C handler only killing the process stops the server.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
}
