//! The few browser facilities the page uses beyond rendering: the URL fragment, the clipboard, a
//! download link and a performance mark.
//!
//! Each function degrades to doing nothing when the facility is missing (a page opened from a file,
//! an old browser): none of them is needed to simulate.

use wasm_bindgen::JsValue;

fn fenetre() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The URL fragment, with its `#`, or an empty string.
pub fn fragment() -> String {
    fenetre()
        .and_then(|f| f.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry (so « Précédent » leaves the page as
/// usual); an empty `fragment` removes it.
pub fn remplacer_fragment(fragment: &str) {
    let Some(fenetre) = fenetre() else {
        return;
    };
    let location = fenetre.location();
    let (Ok(chemin), Ok(recherche)) = (location.pathname(), location.search()) else {
        return;
    };
    let url = if fragment.is_empty() {
        format!("{chemin}{recherche}")
    } else {
        format!("{chemin}{recherche}#{fragment}")
    };
    if let Ok(historique) = fenetre.history() {
        let _ = historique.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's address with `fragment`: the link to share.
pub fn adresse_avec_fragment(fragment: &str) -> String {
    let Some(fenetre) = fenetre() else {
        return format!("#{fragment}");
    };
    let location = fenetre.location();
    let base = format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    format!("{base}#{fragment}")
}

/// Copies `texte` to the clipboard; false when the browser offers no clipboard here (a page not
/// served over HTTPS or from 127.0.0.1).
pub fn copier(texte: &str) -> bool {
    let Some(fenetre) = fenetre() else {
        return false;
    };
    let navigateur = fenetre.navigator();
    let disponible = js_sys::Reflect::get(&navigateur, &JsValue::from_str("clipboard"))
        .is_ok_and(|presse_papiers| !presse_papiers.is_undefined());
    if disponible {
        // The promise's outcome is not awaited: the link stays visible to copy by hand anyway.
        let _ = navigateur.clipboard().write_text(texte);
    }
    disponible
}

/// A `data:` address holding `texte`, for a download link.
pub fn adresse_donnees(texte: &str) -> String {
    let encode: String = js_sys::encode_uri_component(texte).into();
    format!("data:application/toml;charset=utf-8,{encode}")
}

/// The `value` of the element an event comes from, whether an `<input>` or a `<select>`.
pub fn valeur_cible(evenement: &web_sys::Event) -> String {
    evenement
        .target()
        .and_then(|cible| js_sys::Reflect::get(&cible, &JsValue::from_str("value")).ok())
        .and_then(|valeur| valeur.as_string())
        .unwrap_or_default()
}

/// Marks the moment in the page's performance timeline (read by the browser tests).
pub fn marquer(nom: &str) {
    if let Some(performance) = fenetre().and_then(|f| f.performance()) {
        let _ = performance.mark(nom);
    }
}
