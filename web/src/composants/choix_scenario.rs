//! The scenario picker: the built-in scenarios by French title, the import of a scenario file, and
//! the current scenario's description with the rules it shows.

use std::rc::Rc;

use cycle_wasm::vues::{VueIntegre, VueScenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::communs::badge_regle;

/// Value of the picker's option for a scenario that is not a built-in (imported, edited, shared).
pub const CHOIX_IMPORTE: &str = "";

#[derive(Properties, PartialEq)]
pub struct ProprietesChoix {
    pub integres: Rc<Vec<VueIntegre>>,
    /// The built-in shown, or [`CHOIX_IMPORTE`].
    pub choix: String,
    pub scenario: Option<Rc<VueScenario>>,
    /// Why the last import or link could not be opened.
    pub erreur: Option<String>,
    pub on_integre: Callback<String>,
    pub on_fichier: Callback<web_sys::File>,
}

#[component(ChoixScenario)]
pub fn choix_scenario(props: &ProprietesChoix) -> Html {
    let choisir = {
        let on_integre = props.on_integre.clone();
        Callback::from(move |evenement: Event| {
            let select: web_sys::HtmlSelectElement = evenement.target_unchecked_into();
            let valeur = select.value();
            if valeur != CHOIX_IMPORTE {
                on_integre.emit(valeur);
            }
        })
    };
    let importer = {
        let on_fichier = props.on_fichier.clone();
        Callback::from(move |evenement: Event| {
            let input: HtmlInputElement = evenement.target_unchecked_into();
            if let Some(fichier) = input.files().and_then(|fichiers| fichiers.get(0)) {
                on_fichier.emit(fichier);
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let importe = props.choix == CHOIX_IMPORTE;
    html! {
        <section class="choix-scenario" aria-labelledby="titre-choix">
            <h2 id="titre-choix">{ "Scénario" }</h2>
            <div class="champs-choix">
                <div class="champ">
                    <label for="choix-integre">{ "Scénario intégré" }</label>
                    <select id="choix-integre" onchange={choisir}>
                        { if importe {
                            let nom = props.scenario.as_ref().map_or(String::new(), |s| s.fichier.clone());
                            html! { <option value={CHOIX_IMPORTE} selected=true>{ format!("Scénario importé ou modifié ({nom})") }</option> }
                        } else { html! {} } }
                        { for props.integres.iter().map(|integre| html! {
                            <option value={integre.nom} selected={integre.nom == props.choix}>{ &integre.titre }</option>
                        }) }
                    </select>
                </div>
                <div class="champ">
                    <label for="import-fichier">{ "Ou importer un fichier de scénario (.toml)" }</label>
                    <input id="import-fichier" type="file" accept=".toml,text/plain,application/toml" onchange={importer} />
                </div>
            </div>
            { for props.erreur.iter().map(|erreur| html! {
                <p class="erreur" role="alert" id="erreur-chargement">{ erreur }</p>
            }) }
            { for props.scenario.iter().map(|scenario| html! {
                <div class="description-scenario">
                    <h3 id="titre-scenario">{ &scenario.titre }</h3>
                    { for scenario.description.split("\n\n").map(|paragraphe| html! { <p>{ paragraphe.trim() }</p> }) }
                    { if scenario.regles.is_empty() { html! {} } else { html! {
                        <p class="regles-scenario">
                            { "Règles illustrées : " }
                            { for scenario.regles.iter().map(|r| html! { <>{ badge_regle(*r) }{ " " }</> }) }
                        </p>
                    } } }
                </div>
            }) }
        </section>
    }
}
