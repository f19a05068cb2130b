//! Pied de page : la nature de l'outil.

use yew::prelude::*;

#[component(PiedDePage)]
pub fn pied_de_page() -> Html {
    html! {
        <footer class="pied-de-page">
            <p>{ "Outil de formation — aucune donnée réelle, aucun échange avec Parcoursup ou Apogée." }</p>
        </footer>
    }
}
