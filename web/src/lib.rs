//! Page web du simulateur Parcoursup → Apogée : une application yew rendue côté client.
//!
//! Ce crate ne tourne que dans le navigateur (wasm32) ; `cargo xtask build-web` le compile et génère
//! `web/dist/` avec le JS de liaison. Il affiche et pilote le simulateur : les règles du cycle vivent
//! dans `cycle-core`, jamais ici.
//!
//! Organisation : [`app`] assemble la page ; [`composants`] contient un module par composant visuel.

pub mod app;
pub mod composants;

/// Identifiant de l'élément de `static/index.html` dans lequel l'application se monte.
pub const ID_RACINE: &str = "app";

/// Point d'entrée appelé par le JS de liaison dès que le module WebAssembly est chargé.
///
/// Une erreur remonte au script de `index.html`, qui l'affiche à la place du message de chargement.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn demarrer() -> Result<(), wasm_bindgen::JsValue> {
    let racine = web_sys::window()
        .and_then(|fenetre| fenetre.document())
        .and_then(|document| document.get_element_by_id(ID_RACINE))
        .ok_or_else(|| {
            wasm_bindgen::JsValue::from_str(&format!(
                "élément #{ID_RACINE} introuvable dans index.html"
            ))
        })?;
    yew::Renderer::<app::App>::with_root(racine).render();
    Ok(())
}
