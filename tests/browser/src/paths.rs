//! Where the built page is and where screenshots go, both found from the workspace root.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use fantoccini::Client;

/// Folder of the screenshots, relative to the workspace root (ignored by git).
const SCREENSHOT_DIR: &str = "artifacts/screenshots";

pub fn workspace_root() -> PathBuf {
    // This package lives in `tests/browser/`, two levels below the root.
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .ancestors()
        .nth(2)
        .unwrap_or(manifest_dir)
        .to_path_buf()
}

/// `web/dist/`, checked to hold a built page.
pub fn built_page_dir() -> Result<PathBuf> {
    let dir = workspace_root().join("web").join("dist");
    mock_parcoursup::check_web_dir(&dir)?;
    Ok(dir)
}

/// Saves what the browser shows as `artifacts/screenshots/<name>.png` and returns that path.
pub async fn save_screenshot(client: &Client, name: &str) -> Result<PathBuf> {
    let png = client
        .screenshot()
        .await
        .context("capture d'écran refusée par le navigateur")?;
    let dir = workspace_root().join(SCREENSHOT_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("création de {}", dir.display()))?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).with_context(|| format!("écriture de {}", path.display()))?;
    Ok(path)
}
