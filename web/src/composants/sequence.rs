//! The sequence diagram: the messages exchanged so far between Candidat, Parcoursup and Apogée,
//! latest last, each a button that opens its exact payload (SOAP XML, JSON or flat-file lines).
//!
//! It is an ordered list of buttons, so keyboards and screen readers read it as text; the lanes and
//! arrows are drawn by CSS from each message's `de-…`/`vers-…` classes.

use std::rc::Rc;

use cycle_core::transcript::Acteur;
use cycle_wasm::vues::{VueEntree, VueFait, VuePiece};
use yew::prelude::*;

use super::communs::badge_regle;

/// The payload of an opened message, or why it cannot be written.
#[derive(Clone, Debug, PartialEq)]
pub struct ChargeOuverte {
    pub index: usize,
    pub pieces: Result<Vec<VuePiece>, String>,
}

#[derive(Properties, PartialEq)]
pub struct ProprietesSequence {
    /// The latest messages, oldest first.
    pub messages: Vec<VueEntree>,
    /// How many messages match in all (more than shown when the list is cut).
    pub total: usize,
    /// Transcript index where the last step starts: its messages are highlighted.
    pub debut_du_pas: usize,
    pub ouverte: Option<Rc<ChargeOuverte>>,
    /// « de Nathan PETIT » when the diagram follows one candidate.
    pub suivi: Option<String>,
    pub on_basculer: Callback<usize>,
    pub on_plus: Callback<()>,
}

fn classe_acteur(acteur: Acteur) -> &'static str {
    match acteur {
        Acteur::Candidat => "candidat",
        Acteur::Parcoursup => "parcoursup",
        Acteur::Apogee => "apogee",
    }
}

#[component(Sequence)]
pub fn sequence(props: &ProprietesSequence) -> Html {
    let plus = {
        let on_plus = props.on_plus.clone();
        Callback::from(move |_: MouseEvent| on_plus.emit(()))
    };
    let titre = match &props.suivi {
        Some(suivi) => format!("Messages échangés {suivi}"),
        None => "Messages échangés".to_owned(),
    };
    html! {
        <section class="sequence" aria-labelledby="titre-sequence">
            <h2 id="titre-sequence">{ titre }</h2>
            <p class="note">{ "Chaque message s'ouvre sur son contenu exact, tel qu'il passe sur le réseau." }</p>
            { if props.total > props.messages.len() {
                html! {
                    <p class="note">
                        { format!("{} messages plus anciens ne sont pas affichés. ", props.total - props.messages.len()) }
                        <button type="button" class="lien" onclick={plus}>{ "Afficher plus" }</button>
                    </p>
                }
            } else { html! {} } }
            <div class="couloirs" aria-hidden="true">
                <span class="couloir-candidat">{ "Candidat" }</span>
                <span class="couloir-parcoursup">{ "Parcoursup" }</span>
                <span class="couloir-apogee">{ "Apogée" }</span>
            </div>
            { if props.messages.is_empty() {
                html! { <p class="note vide">{ "Aucun message pour l'instant." }</p> }
            } else { html! {} } }
            <ol class="messages">
                { for props.messages.iter().map(|m| message(m, props)) }
            </ol>
        </section>
    }
}

fn message(entree: &VueEntree, props: &ProprietesSequence) -> Html {
    let VueFait::Message {
        de,
        vers,
        canal,
        nom,
        resume,
        a_charge,
    } = &entree.fait
    else {
        return html! {};
    };
    let ouverte = props.ouverte.as_ref().filter(|o| o.index == entree.index);
    let du_pas = entree.index >= props.debut_du_pas;
    let classes = classes!(
        "message",
        format!("de-{}", classe_acteur(*de)),
        format!("vers-{}", classe_acteur(*vers)),
        du_pas.then_some("du-pas"),
    );
    let id_charge = format!("charge-{}", entree.index);
    let basculer = {
        let on_basculer = props.on_basculer.clone();
        let index = entree.index;
        Callback::from(move |_: MouseEvent| on_basculer.emit(index))
    };
    let etiquette = html! {
        <>
            <span class="jour-message">{ entree.jour.to_string() }</span>
            <span class="fleche" aria-hidden="true"></span>
            <span class="etiquette">
                { badge_regle(entree.regle) }{ " " }
                <span class="sens">{ format!("{} → {}", de.libelle(), vers.libelle()) }</span>
                { format!(" [{canal}] ") }
                <span class="resume-message">{ resume }</span>
            </span>
        </>
    };
    html! {
        <li class={classes} data-index={entree.index.to_string()}
            data-reponse={(*nom == "reponse").then_some("oui")}>
            { if *a_charge {
                html! {
                    <button type="button" class="ouvrir-message" onclick={basculer}
                        aria-expanded={ouverte.is_some().to_string()} aria-controls={id_charge.clone()}>
                        { etiquette }
                    </button>
                }
            } else {
                html! { <div class="ouvrir-message sans-charge">{ etiquette }</div> }
            } }
            { for ouverte.map(|o| charge(&id_charge, o, &entree.explication)) }
        </li>
    }
}

fn charge(id: &str, ouverte: &ChargeOuverte, explication: &str) -> Html {
    html! {
        <div class="charge" id={id.to_owned()}>
            <p class="explication">{ explication }</p>
            { match &ouverte.pieces {
                Err(erreur) => html! { <p class="erreur" role="alert">{ erreur }</p> },
                Ok(pieces) if pieces.is_empty() => html! { <p class="note">{ "Ce message n'a pas de contenu sur le réseau." }</p> },
                Ok(pieces) => html! {
                    { for pieces.iter().map(|piece| html! {
                        <figure class="piece">
                            <figcaption>
                                <span class="titre-piece">{ &piece.titre }</span>
                                // `json`, `xml` or `csv`: ASCII; `to_uppercase` would bring Unicode's case tables into the page.
                                <span class="format-piece">{ piece.format.to_ascii_uppercase() }</span>
                            </figcaption>
                            <pre tabindex="0"><code class={format!("langue-{}", piece.format)}>{ &piece.texte }</code></pre>
                        </figure>
                    }) }
                },
            } }
        </div>
    }
}
