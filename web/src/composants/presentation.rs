//! Présentation du simulateur : ce qu'il montre, en quelques phrases.

use yew::prelude::*;

#[component(Presentation)]
pub fn presentation() -> Html {
    html! {
        <section class="presentation" aria-labelledby="titre-presentation">
            <h2 id="titre-presentation">{ "De quoi s'agit-il ?" }</h2>
            <p class="introduction">
                { "Ce simulateur rejoue le cycle qui relie Parcoursup et Apogée : Parcoursup envoie à \
                   l'université les OPI (l'identité du candidat et ses vœux, chacun avec une décision \
                   F, S « Oui Si » ou D), le candidat s'inscrit en ligne sur ce que l'OPI autorise, \
                   puis chaque inscription administrative payée remonte chaque jour vers Parcoursup." }
            </p>
            <p>{ "Toutes les données affichées sont fictives." }</p>
        </section>
    }
}
