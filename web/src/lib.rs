//! Page web du simulateur Parcoursup → Apogée : une application yew rendue côté client.
//!
//! Ce crate ne tourne que dans le navigateur (wasm32) ; `cargo xtask build-web` le compile et génère
//! `web/dist/` avec le JS de liaison. Il affiche et pilote le simulateur : les règles du cycle vivent
//! dans `cycle-core`, le rejeu et les vues dans `cycle-wasm`, jamais ici.
//!
//! Organisation : [`app`] tient la séance et assemble la page ; [`composants`] contient un module par
//! composant visuel ; [`navigateur`] les quelques appels au navigateur (fragment d'URL, presse-papiers).
//!
//! Le module WebAssembly exporte aussi l'API JavaScript de `cycle-wasm` (`Simulateur`,
//! `scenariosIntegres`…) : une page sans `#app` peut l'importer et s'en servir seule.

pub mod app;
pub mod composants;
pub mod navigateur;

// Linked for its `#[wasm_bindgen]` exports, which this module re-exports to JavaScript.
pub use cycle_wasm::js;

/// Identifiant de l'élément de `static/index.html` dans lequel l'application se monte.
pub const ID_RACINE: &str = "app";

/// Point d'entrée appelé par le JS de liaison dès que le module WebAssembly est chargé.
///
/// L'application se monte dans `#app` quand la page en a un ; une page sans `#app` (comme
/// `static/api.html`) n'utilise que l'API JavaScript.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn demarrer() {
    let racine = web_sys::window()
        .and_then(|fenetre| fenetre.document())
        .and_then(|document| document.get_element_by_id(ID_RACINE));
    if let Some(racine) = racine {
        yew::Renderer::<app::App>::with_root(racine).render();
    }
}
