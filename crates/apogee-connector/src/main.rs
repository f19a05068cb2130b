//! `apogee-connector serve`: the reference Apogée connector on a socket, set up from a scenario.
//!
//! It only reads the options, builds the [`apogee_connector::Connecteur`] and serves its router.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use apogee_connector::{Connecteur, Parametrage, SourceScenario};
use clap::{Args, Parser, Subcommand};
use tokio::net::TcpListener;

#[derive(Parser)]
#[command(
    name = "apogee-connector",
    version,
    about = "Connecteur Apogée de référence"
)]
struct Cli {
    #[command(subcommand)]
    commande: Commande,
}

#[derive(Subcommand)]
enum Commande {
    /// Sert le webservice OPI, le push admissionCandidat et l'API de contrôle /etats/.
    Serve(ArgumentsServe),
}

#[derive(Args)]
struct ArgumentsServe {
    /// Port d'écoute (0 : un port libre choisi par le système).
    #[arg(long, default_value_t = 8090)]
    port: u16,
    /// Adresse d'écoute ; par défaut la boucle locale seulement.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Fichier de scénario (.toml) décrivant l'université ; par défaut l'université de démonstration.
    #[arg(long, conflicts_with = "builtin")]
    scenario: Option<PathBuf>,
    /// Scénario intégré décrivant l'université (ex. nominal_f).
    #[arg(long)]
    builtin: Option<String>,
    /// URL de Parcoursup (http://hôte:port) où partent les remontées et le test connecteur.
    #[arg(long, env = "APOGEE_CONNECTOR_PARCOURSUP")]
    parcoursup: Option<String>,
    /// Appels du traitement des remontées en attente de réponse à la fois (1 : l'un après l'autre,
    /// dans l'ordre de la table).
    #[arg(long, env = "APOGEE_CONNECTOR_APPELS_SIMULTANES", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    appels_simultanes: u16,
}

fn main() -> ExitCode {
    let Commande::Serve(arguments) = Cli::parse().commande;
    match serve(arguments) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("apogee-connector : erreur : {message}");
            ExitCode::FAILURE
        }
    }
}

fn source(arguments: &ArgumentsServe) -> Result<SourceScenario, String> {
    Ok(match (&arguments.scenario, &arguments.builtin) {
        (Some(chemin), _) => SourceScenario::Texte(
            std::fs::read_to_string(chemin)
                .map_err(|e| format!("{} : lecture impossible ({e})", chemin.display()))?,
        ),
        (None, Some(nom)) => SourceScenario::Integre {
            builtin: nom.clone(),
        },
        (None, None) => SourceScenario::Integre {
            builtin: "nominal_f".to_owned(),
        },
    })
}

fn serve(arguments: ArgumentsServe) -> Result<(), String> {
    let scenario = source(&arguments)?.charger().map_err(|e| e.to_string())?;
    let mut parametrage = Parametrage::depuis_scenario(&scenario);
    parametrage.url_parcoursup = arguments.parcoursup.clone();
    parametrage.appels_simultanes = usize::from(arguments.appels_simultanes);
    let connecteur = Connecteur::nouveau(parametrage);
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| format!("démarrage du runtime tokio impossible : {e}"))?;
    runtime.block_on(async {
        let adresse = SocketAddr::new(arguments.bind, arguments.port);
        let listener = TcpListener::bind(adresse).await.map_err(|e| {
            format!("impossible d'écouter sur {adresse} : {e} (essayez un autre --port)")
        })?;
        let lie = listener
            .local_addr()
            .map_err(|e| format!("adresse d'écoute illisible : {e}"))?;
        println!(
            "Connecteur Apogée : http://{lie}/ (université {}, scénario {})",
            scenario.configuration.universite.uai, scenario.nom
        );
        println!(
            "  OPI : POST http://{lie}/services/OpiMetier, POST http://{lie}/admissionCandidat"
        );
        println!("  contrôle : http://{lie}/etats/…  (Ctrl-C pour arrêter)");
        let arret = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        apogee_connector::http::servir(
            listener,
            apogee_connector::http::application(connecteur),
            arret,
        )
        .await
        .map_err(|e| format!("le serveur s'est arrêté sur une erreur : {e}"))
    })
}
