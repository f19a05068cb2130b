//! Serveur local du simulateur : le routeur HTTP et son lancement sur une socket.
//!
//! Aujourd'hui il sert la page web construite (`web/dist/`) à la racine `/` ; l'API REST de
//! Parcoursup simulée viendra s'ajouter au même [`router`]. Les handlers restent minces : décoder,
//! appeler le cœur (`cycle-core`), encoder. Ce module ne contient aucune règle du cycle, et rien
//! n'y dépend d'une socket : les tests passent des requêtes au routeur avec `tower::ServiceExt`.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};

use axum::Router;
use tokio::net::TcpListener;
use tower_http::services::ServeDir;

/// Page servie à la racine ; son absence veut dire que la page n'a pas été construite.
const INDEX_FILE: &str = "index.html";

/// Why the page folder cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum WebDirError {
    #[error(
        "le dossier de la page {} n'existe pas ou ne contient pas {INDEX_FILE} : \
         construisez la page avec `cargo xtask build-web` (ou lancez `cargo xtask serve`), \
         ou indiquez un autre dossier avec --web-dir",
        .0.display()
    )]
    PageNotBuilt(PathBuf),
}

/// Checks that `web_dir` holds a built page, before any socket is opened.
pub fn check_web_dir(web_dir: &Path) -> Result<(), WebDirError> {
    if web_dir.join(INDEX_FILE).is_file() {
        Ok(())
    } else {
        Err(WebDirError::PageNotBuilt(web_dir.to_path_buf()))
    }
}

/// The whole HTTP surface: the files of `web_dir` at `/` (`index.html` for a folder).
///
/// Requests that climb out of `web_dir` (`..`, encoded or not) get a 404, never a file.
pub fn router(web_dir: &Path) -> Router {
    Router::new().fallback_service(ServeDir::new(web_dir))
}

/// Serves `router` on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}
