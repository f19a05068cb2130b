//! En-tête de la page : le titre du simulateur.

use yew::prelude::*;

/// Titre affiché en tête de page ; il reprend le `<title>` de `static/index.html`.
pub const TITRE: &str = "Simulateur Parcoursup → Apogée";

#[component(EnTete)]
pub fn entete() -> Html {
    html! {
        <header class="entete">
            <h1>{ TITRE }</h1>
            <p class="sous-titre">{ "Le cycle d'inscription des candidats Parcoursup, pas à pas" }</p>
        </header>
    }
}
