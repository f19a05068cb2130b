//! The server's settings, from (highest first) command-line flags, `MOCK_PARCOURSUP_*` environment
//! variables, a TOML file (`--config`), and the defaults documented in `docs/mock-server.md`.
//!
//! Only settings: nothing here opens a socket or a file other than the TOML file.

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use serde::Deserialize;

/// `mock-parcoursup serve` options. Each may also come from the environment or the TOML file.
#[derive(Args, Clone, Debug, Default)]
pub struct ArgumentsServe {
    /// Fichier de configuration TOML (mêmes noms que les options, avec des `_`).
    #[arg(long, env = "MOCK_PARCOURSUP_CONFIG")]
    pub config: Option<PathBuf>,

    /// Port d'écoute (0 : un port libre choisi par le système) [défaut : 8080].
    #[arg(long, env = "MOCK_PARCOURSUP_PORT")]
    pub port: Option<u16>,

    /// Adresse d'écoute [défaut : 127.0.0.1, la boucle locale seulement].
    #[arg(long, env = "MOCK_PARCOURSUP_BIND")]
    pub bind: Option<IpAddr>,

    /// Dossier de la page construite [défaut : web/dist du workspace].
    #[arg(long, env = "SIMULATEUR_WEB_DIR")]
    pub web_dir: Option<PathBuf>,

    /// Dossier des données : journal SQLite et fichiers OPI [défaut : mock-parcoursup dans le dossier temporaire du système].
    #[arg(long, env = "MOCK_PARCOURSUP_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Scénario chargé au démarrage si le journal n'a pas de session : nom d'un scénario intégré
    /// (`demo`, `nominal_f`…) ou chemin d'un fichier .toml [défaut : demo].
    #[arg(long, env = "MOCK_PARCOURSUP_SCENARIO")]
    pub scenario: Option<String>,

    /// Ouvre une nouvelle session sur le scénario au lieu de reprendre celle du journal.
    #[arg(long, env = "MOCK_PARCOURSUP_REINITIALISER")]
    pub reinitialiser: bool,

    /// Jeton exigé sur /__admin/ (en-tête `Authorization: Bearer <jeton>`) [défaut : aucun].
    #[arg(long, env = "MOCK_PARCOURSUP_ADMIN_TOKEN")]
    pub admin_token: Option<String>,

    /// Origine autorisée par CORS (répétable ; `*` pour toutes) [défaut : CORS désactivé].
    #[arg(long = "cors", env = "MOCK_PARCOURSUP_CORS", value_delimiter = ',')]
    pub cors: Vec<String>,

    /// Nombre maximal de tentatives par livraison d'OPI [défaut : 5].
    #[arg(long, env = "MOCK_PARCOURSUP_LIVRAISON_TENTATIVES")]
    pub livraison_tentatives: Option<u32>,

    /// Attente avant la 2e tentative, doublée ensuite, en ms [défaut : 200].
    #[arg(long, env = "MOCK_PARCOURSUP_LIVRAISON_DELAI_INITIAL_MS")]
    pub livraison_delai_initial_ms: Option<u64>,

    /// Attente maximale entre deux tentatives, en ms [défaut : 5000].
    #[arg(long, env = "MOCK_PARCOURSUP_LIVRAISON_DELAI_MAX_MS")]
    pub livraison_delai_max_ms: Option<u64>,

    /// Délai de réponse accordé au connecteur par tentative, en ms [défaut : 5000].
    #[arg(long, env = "MOCK_PARCOURSUP_LIVRAISON_TIMEOUT_MS")]
    pub livraison_timeout_ms: Option<u64>,
}

/// The TOML file: the same settings, every one optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FichierConfig {
    port: Option<u16>,
    bind: Option<IpAddr>,
    web_dir: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    scenario: Option<String>,
    reinitialiser: Option<bool>,
    admin_token: Option<String>,
    cors: Option<Vec<String>>,
    livraison: Option<FichierLivraison>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FichierLivraison {
    tentatives: Option<u32>,
    delai_initial_ms: Option<u64>,
    delai_max_ms: Option<u64>,
    timeout_ms: Option<u64>,
}

/// How OPI deliveries are retried (exponential backoff, bounded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigLivraison {
    /// Attempts per OPI, the first included (≥ 1).
    pub tentatives: u32,
    /// Wait before the second attempt; doubled after each failure.
    pub delai_initial: Duration,
    /// Longest wait between two attempts.
    pub delai_max: Duration,
    /// How long the connector may take to answer one attempt.
    pub timeout: Duration,
}

impl Default for ConfigLivraison {
    fn default() -> Self {
        ConfigLivraison {
            tentatives: 5,
            delai_initial: Duration::from_millis(200),
            delai_max: Duration::from_secs(5),
            timeout: Duration::from_secs(5),
        }
    }
}

impl ConfigLivraison {
    /// The wait after failed attempt `tentative` (1-based): initial × 2^(tentative-1), at most `delai_max`.
    pub fn attente_apres(&self, tentative: u32) -> Duration {
        let facteur = 2u32.saturating_pow(tentative.saturating_sub(1));
        self.delai_initial
            .saturating_mul(facteur)
            .min(self.delai_max)
    }
}

/// Everything the server runs with.
#[derive(Clone, Debug)]
pub struct ConfigServeur {
    pub port: u16,
    pub bind: IpAddr,
    pub web_dir: PathBuf,
    pub data_dir: PathBuf,
    /// A built-in scenario's name or a `.toml` path.
    pub scenario: String,
    pub reinitialiser: bool,
    pub admin_token: Option<String>,
    pub cors: Vec<String>,
    pub livraison: ConfigLivraison,
}

impl ConfigServeur {
    /// The defaults, with the page in `web_dir` and the data in `data_dir`: what tests start from.
    pub fn par_defaut(web_dir: PathBuf, data_dir: PathBuf) -> ConfigServeur {
        ConfigServeur {
            port: 8080,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            web_dir,
            data_dir,
            scenario: crate::scenario_source::NOM_DEMO.to_owned(),
            reinitialiser: false,
            admin_token: None,
            cors: Vec::new(),
            livraison: ConfigLivraison::default(),
        }
    }

    /// Merges flags and environment (already in `arguments`), the TOML file they name, and the
    /// defaults. `web_dir_defaut` is the workspace's `web/dist`.
    pub fn depuis(
        arguments: &ArgumentsServe,
        web_dir_defaut: &Path,
    ) -> Result<ConfigServeur, String> {
        let fichier = match &arguments.config {
            Some(chemin) => lire_fichier(chemin)?,
            None => FichierConfig::default(),
        };
        let livraison_fichier = fichier.livraison.clone().unwrap_or_default();
        let defaut = ConfigLivraison::default();
        let ms = Duration::from_millis;
        let livraison = ConfigLivraison {
            tentatives: arguments
                .livraison_tentatives
                .or(livraison_fichier.tentatives)
                .unwrap_or(defaut.tentatives),
            delai_initial: arguments
                .livraison_delai_initial_ms
                .or(livraison_fichier.delai_initial_ms)
                .map_or(defaut.delai_initial, ms),
            delai_max: arguments
                .livraison_delai_max_ms
                .or(livraison_fichier.delai_max_ms)
                .map_or(defaut.delai_max, ms),
            timeout: arguments
                .livraison_timeout_ms
                .or(livraison_fichier.timeout_ms)
                .map_or(defaut.timeout, ms),
        };
        if livraison.tentatives == 0 {
            return Err(
                "livraison_tentatives : 0 tentative ne livrerait rien (1 au moins)".to_owned(),
            );
        }
        let cors = if arguments.cors.is_empty() {
            fichier.cors.unwrap_or_default()
        } else {
            arguments.cors.clone()
        };
        Ok(ConfigServeur {
            port: arguments.port.or(fichier.port).unwrap_or(8080),
            bind: arguments
                .bind
                .or(fichier.bind)
                .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            web_dir: arguments
                .web_dir
                .clone()
                .or(fichier.web_dir)
                .unwrap_or_else(|| web_dir_defaut.to_path_buf()),
            data_dir: arguments
                .data_dir
                .clone()
                .or(fichier.data_dir)
                .unwrap_or_else(|| std::env::temp_dir().join("mock-parcoursup")),
            scenario: arguments
                .scenario
                .clone()
                .or(fichier.scenario)
                .unwrap_or_else(|| crate::scenario_source::NOM_DEMO.to_owned()),
            reinitialiser: arguments.reinitialiser || fichier.reinitialiser.unwrap_or(false),
            admin_token: arguments
                .admin_token
                .clone()
                .or(fichier.admin_token)
                .filter(|jeton| !jeton.is_empty()),
            cors,
            livraison,
        })
    }
}

fn lire_fichier(chemin: &Path) -> Result<FichierConfig, String> {
    let texte = std::fs::read_to_string(chemin).map_err(|e| {
        format!(
            "configuration {} : lecture impossible ({e})",
            chemin.display()
        )
    })?;
    toml::from_str(&texte).map_err(|e| format!("configuration {} : {e}", chemin.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let config = ConfigLivraison {
            tentatives: 5,
            delai_initial: Duration::from_millis(100),
            delai_max: Duration::from_millis(350),
            timeout: Duration::from_secs(1),
        };
        let attentes: Vec<u128> = (1..=4)
            .map(|t| config.attente_apres(t).as_millis())
            .collect();
        assert_eq!(attentes, [100, 200, 350, 350]);
    }
}
