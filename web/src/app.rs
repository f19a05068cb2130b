//! Composant racine : la mise en page commune (en-tête, contenu principal, pied de page).
//!
//! Il ne fait qu'assembler des composants ; chaque partie de la page vit dans son module de
//! [`crate::composants`].

use yew::prelude::*;

use crate::composants::{EnTete, PiedDePage, Presentation};

/// Identifiant du contenu principal, cible du lien d'évitement « Aller au contenu ».
pub const ID_CONTENU: &str = "contenu";

#[component(App)]
pub fn app() -> Html {
    html! {
        <>
            <a class="lien-evitement" href={format!("#{ID_CONTENU}")}>{ "Aller au contenu" }</a>
            <EnTete />
            <main id={ID_CONTENU} tabindex="-1">
                <Presentation />
            </main>
            <PiedDePage />
        </>
    }
}
