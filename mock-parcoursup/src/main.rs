//! `mock-parcoursup` : ligne de commande du serveur local du simulateur.
//!
//! Elle ne fait que lire les options, ouvrir la socket et brancher le routeur de la bibliothèque.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mock_parcoursup::scenario_source::SourceScenario;
use mock_parcoursup::{Application, ArgumentsServe, ConfigServeur};
use tokio::net::TcpListener;

/// Requests are read on the async workers and their memory freed on the engine thread, and the
/// other way round: mimalloc frees across threads without the consolidation glibc's malloc spent a
/// seventh of the server's time in under load.
#[global_allocator]
static ALLOCATEUR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Lance le Parcoursup simulé : API REST, API d'administration, livraison des OPI au connecteur
    /// testé, et la page du simulateur (construite par `cargo xtask build-web`) à la racine `/`.
    Serve(ArgumentsServe),
    /// Joue des fichiers de scénario et affiche leur déroulement et leurs verdicts.
    Run(cycle_scenario::cli::ArgumentsRun),
    /// Joue des scénarios contre un connecteur universitaire et dit, règle par règle, où il s'écarte.
    Conform(cycle_conformance::cli::ArgumentsConform),
}

fn main() -> ExitCode {
    let cli: Cli = ligne_de_commande::lire();
    let result = match cli.command {
        Command::Serve(args) => serve(&args),
        Command::Run(args) => return cycle_scenario::cli::run(&args),
        Command::Conform(args) => return cycle_conformance::cli::principal(&args, mock_interne),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mock-parcoursup : erreur : {message}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr; `MOCK_PARCOURSUP_LOG` (or `RUST_LOG`) filters them, `info` by default.
fn installer_les_logs() {
    let filtre = std::env::var("MOCK_PARCOURSUP_LOG")
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .unwrap_or_else(|| "info".to_owned());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filtre))
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}

fn serve(args: &ArgumentsServe) -> Result<(), String> {
    let config = ConfigServeur::depuis(args, &default_web_dir())?;
    installer_les_logs();
    if let Err(error) = mock_parcoursup::check_web_dir(&config.web_dir) {
        // The APIs work without the page: say how to get it, and go on.
        eprintln!("mock-parcoursup : attention : {error}");
    }
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|error| format!("démarrage du runtime tokio impossible : {error}"))?;
    runtime.block_on(async {
        let address = SocketAddr::new(config.bind, config.port);
        let listener = TcpListener::bind(address).await.map_err(|error| {
            format!("impossible d'écouter sur {address} : {error} (essayez un autre --port)")
        })?;
        let bound = listener
            .local_addr()
            .map_err(|error| format!("adresse d'écoute illisible : {error}"))?;
        let stop = install_stop_signals()?;
        let router = match Application::demarrer(config.clone()) {
            Ok(application) => {
                annoncer(bound, &application).await;
                for avertissement in application.avertissements().await {
                    tracing::warn!(%avertissement, "reprise");
                    eprintln!("mock-parcoursup : attention : {avertissement}");
                }
                mock_parcoursup::application_router(application)
            }
            Err(error) if error.coeur_incomplet() => {
                // The page needs no engine: serve it, and say why the APIs are missing.
                println!("Simulateur : http://{bound}/");
                eprintln!(
                    "mock-parcoursup : attention : API Parcoursup et administration indisponibles : {error}"
                );
                mock_parcoursup::router(&config.web_dir)
            }
            Err(error) if error.reinitialiser_aiderait() => {
                return Err(format!(
                    "{error} (pour repartir d'une nouvelle session : --reinitialiser)"
                ))
            }
            Err(error) => return Err(error.to_string()),
        };
        mock_parcoursup::serve(listener, router, stop)
        .await
        .map_err(|error| format!("le serveur s'est arrêté sur une erreur : {error}"))?;
        println!("Serveur arrêté.");
        Ok(())
    })
}

/// Says where the server listens, what it loaded and how to log in, before the first request.
async fn annoncer(bound: SocketAddr, application: &Application) {
    let config = application.config().clone();
    let reprise = application.reprise();
    let lignes = application
        .avec_noyau(move |noyau| {
            let moteur = noyau.moteur();
            let universite = moteur.universite();
            let identifiants = &universite.identifiants_parcoursup;
            // Built-in scenarios carry fictitious, public credentials: show them. A scenario file's
            // password is its author's: never printed.
            let mot_de_passe = match moteur.source() {
                SourceScenario::Integre { .. } => identifiants.pwd.clone(),
                SourceScenario::Texte { .. } => "(celui du scénario)".to_owned(),
            };
            vec![
                format!("Simulateur : http://{bound}/"),
                format!("API REST Parcoursup : http://{bound}/ApiRest/majInscriptionAdministrative (et getCandidatsAdmis)"),
                format!("Administration : http://{bound}/__admin/etat (OpenAPI : http://{bound}/__admin/openapi.json)"),
                format!(
                    "Scénario : {} — « {} », jour simulé {} ({})",
                    moteur.scenario().nom,
                    moteur.scenario().titre,
                    moteur.jour(),
                    if reprise { "session reprise du journal" } else { "nouvelle session" }
                ),
                format!(
                    "Université {} ({}) : identifiants Parcoursup {} / {}",
                    universite.uai, universite.nom, identifiants.login, mot_de_passe
                ),
                format!("Journal : {}", noyau.journal().chemin().display()),
                format!(
                    "(page servie depuis {} ; Ctrl-C pour arrêter)",
                    config.web_dir.display()
                ),
            ]
        })
        .await;
    for ligne in lignes {
        println!("{ligne}");
    }
}

/// `conform` without `--mock`: this mock, in this process, on a free port of the loopback.
async fn mock_interne(donnees: PathBuf) -> Result<String, String> {
    let config = ConfigServeur::par_defaut(default_web_dir(), donnees);
    let application = Application::demarrer(config).map_err(|error| error.to_string())?;
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|error| error.to_string())?;
    let adresse = listener.local_addr().map_err(|error| error.to_string())?;
    let router = mock_parcoursup::application_router(application);
    tokio::spawn(mock_parcoursup::serve(
        listener,
        router,
        std::future::pending(),
    ));
    Ok(format!("http://{adresse}"))
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
