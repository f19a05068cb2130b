//! The page served in-process on 127.0.0.1, through the very router of `mock-parcoursup`.

use std::path::Path;

use anyhow::{Context, Result};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tower_http::services::ServeDir;

/// A server on a free 127.0.0.1 port, stopped when dropped.
pub struct TestServer {
    base_url: String,
    _stop: oneshot::Sender<()>,
}

impl TestServer {
    /// Serves `web_dir` at `/` with `mock_parcoursup::router`, as `mock-parcoursup serve` does.
    pub async fn start(web_dir: &Path) -> Result<TestServer> {
        Self::start_router(mock_parcoursup::router(web_dir), "/").await
    }

    /// Serves `web_dir` under `prefix` (e.g. `/formation/simulateur/`), as a static host that
    /// puts the page in a sub-folder would: proves the page uses relative paths only.
    pub async fn start_under(prefix: &str, web_dir: &Path) -> Result<TestServer> {
        let route = prefix.trim_end_matches('/');
        let router = Router::new().nest_service(route, ServeDir::new(web_dir));
        Self::start_router(router, &format!("{route}/")).await
    }

    async fn start_router(router: Router, path: &str) -> Result<TestServer> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .context("ouverture d'un port sur 127.0.0.1")?;
        let address = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(mock_parcoursup::serve(listener, router, async {
            // Dropping the sender stops the server too.
            let _ = stopped.await;
        }));
        Ok(TestServer {
            base_url: format!("http://{address}{path}"),
            _stop: stop,
        })
    }

    /// URL of the page, ending with `/`.
    pub fn url(&self) -> &str {
        &self.base_url
    }
}
