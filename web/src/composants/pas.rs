//! « Ce qui vient de se passer »: every entry of the last step with the rule that fired, the
//! explanation, the rule in one sentence and the sentence of the fiche pratique it comes from.
//!
//! Its summary line is an aria-live region: screen readers announce each step.

use cycle_core::transcript::Acteur;
use cycle_core::Regle;
use cycle_wasm::vues::{VueEntree, VueFait, VuePas};
use yew::prelude::*;

use super::communs::{badge_regle, date_longue};

/// More entries than this in one step (a jump over weeks of a big scenario) are summarised.
pub const ENTREES_MAX: usize = 40;

#[derive(Properties, PartialEq)]
pub struct ProprietesPas {
    /// The step, with at most [`ENTREES_MAX`] entries.
    pub pas: VuePas,
    pub jour: cycle_wasm::vues::Jour,
    /// The refusal or error of the last move, if any.
    pub erreur: Option<String>,
}

#[component(Pas)]
pub fn pas(props: &ProprietesPas) -> Html {
    let pas = &props.pas;
    let resume = if pas.nombre == 0 {
        format!("{} : rien ne se passe.", date_longue(props.jour.0))
    } else {
        format!(
            "{} : {} entrée(s), règle(s) {}.",
            date_longue(props.jour.0),
            pas.nombre,
            pas.regles
                .iter()
                .map(|r| r.code())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    html! {
        <section class="pas" aria-labelledby="titre-pas">
            <h2 id="titre-pas">{ "Ce qui vient de se passer" }</h2>
            <p id="resume-pas" class="resume-pas" aria-live="polite" aria-atomic="true">{ resume }</p>
            { for props.erreur.iter().map(|erreur| html! {
                <p class="erreur" role="alert">{ erreur }</p>
            }) }
            <ol class="entrees">
                { for pas.entrees.iter().map(entree) }
            </ol>
            { if pas.nombre > pas.entrees.len() {
                html! { <p class="note">{ format!("… et {} autres entrées (voir le diagramme de séquence).", pas.nombre - pas.entrees.len()) }</p> }
            } else { html! {} } }
            { regles_appliquees(&pas.regles) }
        </section>
    }
}

fn entree(entree: &VueEntree) -> Html {
    let (classe, quoi) = match &entree.fait {
        VueFait::Message {
            de, vers, canal, ..
        } => (
            "entree entree-message",
            format!("{} → {} ({canal})", de.libelle(), vers.libelle()),
        ),
        VueFait::Etat { cote, .. } => ("entree entree-etat", format!("État {}", de_cote(*cote))),
    };
    html! {
        <li class={classe} data-regle={entree.regle.code()}>
            <p class="entete-entree">
                { badge_regle(entree.regle) }
                <span class="date-entree">{ entree.jour.to_string() }</span>
                <span class="quoi">{ quoi }</span>
            </p>
            <p class="explication">{ &entree.explication }</p>
        </li>
    }
}

/// Each rule of the step once: its summary and the sentence of the fiche it comes from.
fn regles_appliquees(regles: &[Regle]) -> Html {
    if regles.is_empty() {
        return html! {};
    }
    html! {
        <div class="regles-du-pas">
            <h3>{ "Les règles appliquées" }</h3>
            <dl>
                { for regles.iter().map(|regle| html! {
                    <div class="regle" data-regle={regle.code()}>
                        <dt>{ badge_regle(*regle) }{ " " }{ regle.resume() }</dt>
                        <dd><blockquote class="citation">{ regle.citation() }</blockquote></dd>
                    </div>
                }) }
            </dl>
        </div>
    }
}

fn de_cote(acteur: Acteur) -> &'static str {
    match acteur {
        Acteur::Candidat => "du candidat",
        Acteur::Parcoursup => "de Parcoursup",
        Acteur::Apogee => "d'Apogée",
    }
}
