//! A headless Chromium session through chromedriver, each test with its own driver and profile.

use std::env;
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tempfile::TempDir;
use tokio::net::TcpStream;

/// How long chromedriver may take to accept connections.
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(20);

/// Flags for a headless Chromium on a machine without network nor display: no sandbox (CI runs as
/// root), no GPU, and none of the background connections that would only be refused here.
const CHROMIUM_FLAGS: [&str; 11] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--window-size=1280,800",
    // The pages are French: `navigator.language` and Accept-Language say so (headless Chromium
    // still writes date fields the American way).
    "--lang=fr-FR",
];

/// A Chromium session; [`Browser::close`] ends it, and dropping it kills chromedriver and Chromium.
pub struct Browser {
    client: Client,
    driver: Chromedriver,
    _profile: TempDir,
}

impl Browser {
    /// Starts chromedriver on a free 127.0.0.1 port and opens a Chromium session with a fresh profile.
    pub async fn launch() -> Result<Browser> {
        let chromium = program("CHROMIUM", "chromium")?;
        let driver = Chromedriver::start(&program("CHROMEDRIVER", "chromedriver")?).await?;
        let profile = tempfile::tempdir().context("dossier de profil Chromium")?;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|flag| flag.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": chromium, "args": args }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
            .with_context(|| format!("ouverture d'une session Chromium via {}", driver.url()))?;
        Ok(Browser {
            client,
            driver,
            _profile: profile,
        })
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Ends the session cleanly (Chromium quits), then stops chromedriver.
    pub async fn close(self) -> Result<()> {
        let Browser {
            client,
            driver,
            _profile: profile,
        } = self;
        let closed = client.close().await;
        // Chromium must be gone before its profile folder is deleted.
        drop(driver);
        drop(profile);
        closed.context("fermeture de la session Chromium")
    }
}

/// The chromedriver process, in its own process group so that Chromium dies with it.
struct Chromedriver {
    child: Child,
    port: u16,
}

impl Chromedriver {
    async fn start(program: &Path) -> Result<Chromedriver> {
        let port = free_port()?;
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .process_group(0)
            .spawn()
            .with_context(|| format!("lancement de {}", program.display()))?;
        let mut driver = Chromedriver { child, port };
        driver.wait_until_listening().await?;
        Ok(driver)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn wait_until_listening(&mut self) -> Result<()> {
        let deadline = Instant::now() + DRIVER_START_TIMEOUT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                bail!("chromedriver s'est arrêté au démarrage ({status})");
            }
            if TcpStream::connect((Ipv4Addr::LOCALHOST, self.port))
                .await
                .is_ok()
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        bail!(
            "chromedriver n'écoute toujours pas sur le port {} après {DRIVER_START_TIMEOUT:?}",
            self.port
        )
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // The whole group: chromedriver and the Chromium processes it started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago; chromedriver takes it right away.
fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("recherche d'un port libre")?;
    Ok(listener.local_addr()?.port())
}

/// `$VARIABLE` if set, else `name` found in the PATH; a clear error otherwise.
fn program(variable: &str, name: &str) -> Result<PathBuf> {
    if let Some(path) = env::var_os(variable) {
        return Ok(PathBuf::from(path));
    }
    let path = env::var_os("PATH").unwrap_or_default();
    env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
        .with_context(|| {
            format!(
                "{name} introuvable dans le PATH (ni ${variable}) : les tests navigateur en ont \
                 besoin ; lancez `cargo xtask setup` (ou installez chromium et chromium-driver)"
            )
        })
}
