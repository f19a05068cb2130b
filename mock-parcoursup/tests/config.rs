//! Settings: flags and environment win over the TOML file, which wins over the defaults.

use std::time::Duration;

use clap::Parser;
use mock_parcoursup::{ArgumentsServe, ConfigServeur};

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    serve: ArgumentsServe,
}

#[test]
fn flags_override_the_file_which_overrides_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let fichier = dir.path().join("mock.toml");
    std::fs::write(
        &fichier,
        "port = 9000\nbind = \"127.0.0.2\"\nadmin_token = \"jeton\"\ncors = [\"http://a\"]\n[livraison]\ntentatives = 7\ndelai_initial_ms = 50\n",
    )
    .unwrap();
    let cli = Cli::try_parse_from([
        "test",
        "--config",
        fichier.to_str().unwrap(),
        "--port",
        "9100",
        "--livraison-delai-max-ms",
        "900",
    ])
    .unwrap();
    let config = ConfigServeur::depuis(&cli.serve, dir.path()).unwrap();
    assert_eq!(config.port, 9100);
    assert_eq!(config.bind.to_string(), "127.0.0.2");
    assert_eq!(config.admin_token.as_deref(), Some("jeton"));
    assert_eq!(config.cors, ["http://a"]);
    assert_eq!(config.livraison.tentatives, 7);
    assert_eq!(config.livraison.delai_initial, Duration::from_millis(50));
    assert_eq!(config.livraison.delai_max, Duration::from_millis(900));
    assert_eq!(config.livraison.timeout, Duration::from_secs(5));
    assert_eq!(config.scenario, "demo");
    assert_eq!(config.web_dir, dir.path());
}

#[test]
fn the_defaults_listen_on_the_loopback_only() {
    let cli = Cli::try_parse_from(["test"]).unwrap();
    let config = ConfigServeur::depuis(&cli.serve, std::path::Path::new("web")).unwrap();
    assert_eq!(config.bind.to_string(), "127.0.0.1");
    assert_eq!(config.port, 8080);
    assert_eq!(config.admin_token, None);
    assert!(config.cors.is_empty());
    assert_eq!(
        config.data_dir,
        std::env::temp_dir().join("mock-parcoursup")
    );
}

#[test]
fn a_missing_file_is_named() {
    let cli = Cli::try_parse_from(["test", "--config", "/nulle/part.toml"]).unwrap();
    let erreur = ConfigServeur::depuis(&cli.serve, std::path::Path::new("web")).unwrap_err();
    assert!(
        erreur.starts_with("configuration /nulle/part.toml : lecture impossible"),
        "{erreur}"
    );
}
