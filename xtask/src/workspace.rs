//! Where things are in the workspace: its root, the target folder, the web page folders.

use std::env;
use std::path::{Path, PathBuf};

pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The workspace is the parent of this crate's folder, whatever the current directory.
    pub fn locate() -> Workspace {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf();
        Workspace { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn cargo_lock(&self) -> PathBuf {
        self.root.join("Cargo.lock")
    }

    /// Honours the same overrides cargo does, so build-web finds the .wasm cargo just wrote.
    pub fn target_dir(&self) -> PathBuf {
        ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR"]
            .iter()
            .find_map(env::var_os)
            .map(|dir| self.root.join(dir))
            .unwrap_or_else(|| self.root.join("target"))
    }

    /// Hand-written files of the page (index.html, CSS), copied as they are.
    pub fn web_static(&self) -> PathBuf {
        self.root.join("web").join("static")
    }

    /// The built page: what any static host (and `mock-parcoursup serve`) serves.
    pub fn web_dist(&self) -> PathBuf {
        self.root.join("web").join("dist")
    }
}
