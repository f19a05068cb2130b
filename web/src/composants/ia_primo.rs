//! « Ce que voit le candidat » in IA Primo today: each VET of his vœux and laissez-passer, offered or
//! refused, with the reason and the rule.

use cycle_wasm::vues::VueIaPrimo;
use yew::prelude::*;

use super::communs::badge_regle;

#[derive(Properties, PartialEq)]
pub struct ProprietesIaPrimo {
    pub vues: Vec<VueIaPrimo>,
}

#[component(PanneauIaPrimo)]
pub fn panneau_ia_primo(props: &ProprietesIaPrimo) -> Html {
    html! {
        <section class="panneau panneau-ia-primo" aria-labelledby="titre-ia-primo">
            <h2 id="titre-ia-primo">{ "Ce que voit le candidat dans IA Primo" }</h2>
            { if props.vues.is_empty() { html! { <p class="note">{ "Aucun candidat." }</p> } } else { html! {} } }
            { for props.vues.iter().map(ecran) }
        </section>
    }
}

fn ecran(vue: &VueIaPrimo) -> Html {
    html! {
        <div class="ecran-ia-primo" data-candidat={vue.code_candidat.to_string()}>
            <h3>
                { format!("{} {}", vue.prenom, vue.nom) }
                <span class="note">{ match &vue.cod_opi {
                    Some(cod_opi) => format!(" — connexion avec le code OPI {cod_opi}"),
                    None => " — pas de code OPI : connexion impossible".to_owned(),
                } }</span>
            </h3>
            { if vue.offres.is_empty() {
                html! { <p class="note">{ "Aucune formation proposée : Apogée n'a pas reçu d'OPI pour ce candidat." }</p> }
            } else {
                html! {
                    <ul class="offres">
                        { for vue.offres.iter().map(|offre| {
                            let (classe, verdict) = if offre.proposee {
                                ("offre proposee", "✔ proposée")
                            } else {
                                ("offre refusee", "✘ refusée")
                            };
                            html! {
                                <li class={classe} data-vet={offre.vet.clone()}>
                                    <span class="verdict">{ verdict }</span>{ " " }
                                    <code>{ &offre.vet }</code>{ " " }
                                    <span class="formation">{ &offre.libelle_formation }</span>
                                    <span class="raison">{ format!(" — {}", offre.raison) }</span>{ " " }
                                    { badge_regle(offre.regle) }
                                </li>
                            }
                        }) }
                    </ul>
                }
            } }
        </div>
    }
}
