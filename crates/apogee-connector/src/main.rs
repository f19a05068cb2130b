//! `apogee-connector serve`: the reference Apogée connector on a socket, set up from a scenario.
//!
//! It only reads the options, builds the [`apogee_connector::Connecteur`] (in memory, or resumed
//! from the journal of `--data-dir`) and serves its router.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use apogee_connector::{Connecteur, ErreurAction, ErreurJournal, SourceScenario};
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
    /// Dossier de données : le journal SQLite de ce qui change l'état, écrit avant chaque réponse
    /// et rejoué au démarrage. Sans lui, l'état ne vit qu'en mémoire.
    #[arg(long, env = "APOGEE_CONNECTOR_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Ouvre une nouvelle session sur --scenario au lieu de reprendre celle du journal (les
    /// anciennes restent dans le fichier).
    #[arg(long, env = "APOGEE_CONNECTOR_REINITIALISER", requires = "data_dir")]
    reinitialiser: bool,
    /// Appels du traitement des remontées en attente de réponse à la fois (1 : l'un après l'autre,
    /// dans l'ordre de la table).
    #[arg(long, env = "APOGEE_CONNECTOR_APPELS_SIMULTANES", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    appels_simultanes: u16,
}

fn main() -> ExitCode {
    let Commande::Serve(arguments) = ligne_de_commande::lire::<Cli>().commande;
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

/// The connector, resumed from its data folder or started from the scenario, and what to say
/// about where its state lives.
fn demarrer(arguments: &ArgumentsServe) -> Result<(Connecteur, String), String> {
    let source = source(arguments)?;
    let url = arguments.parcoursup.clone();
    let Some(dossier) = &arguments.data_dir else {
        let scenario = source.charger().map_err(|e| e.to_string())?;
        return Ok((
            Connecteur::depuis_scenario(&scenario, url),
            "  données : en mémoire seulement (sans --data-dir, un redémarrage repart du scénario)"
                .to_owned(),
        ));
    };
    let demarrage = Connecteur::demarrer(dossier, source, url, arguments.reinitialiser)
        .map_err(|e| format!("{e}{}", conseil(&e)))?;
    let fichier = demarrage
        .connecteur
        .fichier_journal()
        .map(|f| f.display().to_string())
        .unwrap_or_default();
    let session = if demarrage.reprise {
        format!(
            "session reprise du journal, {} commande(s) rejouée(s) ; --scenario et --builtin ignorés",
            demarrage.commandes_rejouees
        )
    } else {
        "nouvelle session".to_owned()
    };
    Ok((
        demarrage.connecteur,
        format!("  données : journal {fichier} ({session})"),
    ))
}

/// What to do about a journal that stops the start.
fn conseil(erreur: &ErreurAction) -> &'static str {
    match erreur {
        ErreurAction::Journal(
            ErreurJournal::CommandeIllisible { .. } | ErreurJournal::Rejeu { .. },
        ) => " (pour repartir d'une nouvelle session, l'ancienne gardée dans le fichier : --reinitialiser)",
        ErreurAction::Journal(ErreurJournal::Base { .. }) => {
            " (mettez ce fichier de côté pour repartir d'un journal vide)"
        }
        _ => "",
    }
}

fn serve(arguments: ArgumentsServe) -> Result<(), String> {
    let (mut connecteur, donnees) = demarrer(&arguments)?;
    connecteur.definir_appels_simultanes(usize::from(arguments.appels_simultanes));
    let parametrage = connecteur.parametrage();
    let (uai, jour) = (parametrage.universite.uai.clone(), connecteur.jour());
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
        println!("Connecteur Apogée : http://{lie}/ (université {uai}, jour simulé {jour})");
        println!("{donnees}");
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
