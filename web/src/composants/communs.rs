//! Small pieces shared by the panels: a rule's badge, a decision code, a long French date.
//!
//! Meaning never rests on colour alone: every coloured badge carries its letter and a text.

use cycle_core::calendrier::mois_fr;
use cycle_core::{CodeDecision, Regle};
use time::{Date, Weekday};
use yew::prelude::*;

/// Beyond this many candidates, a candidate is picked by number rather than from a list: a list of
/// a thousand options would slow every step down.
pub const CANDIDATS_EN_LISTE: usize = 200;

/// `R8`, with the rule's summary as a tooltip.
pub fn badge_regle(regle: Regle) -> Html {
    html! {
        <abbr class="badge-regle" title={regle.resume()}>{ regle.code() }</abbr>
    }
}

/// `D` in its badge, followed by « défavorable ».
pub fn badge_decision(decision: CodeDecision) -> Html {
    let (classe, libelle) = match decision {
        CodeDecision::F => ("decision decision-f", "favorable"),
        CodeDecision::S => ("decision decision-s", "Oui Si"),
        CodeDecision::D => ("decision decision-d", "défavorable"),
    };
    html! {
        <span class="decision-complete">
            <span class={classe}>{ lettre(decision) }</span>
            { " " }{ libelle }
        </span>
    }
}

pub fn lettre(decision: CodeDecision) -> &'static str {
    match decision {
        CodeDecision::F => "F",
        CodeDecision::S => "S",
        CodeDecision::D => "D",
    }
}

/// « mardi 9 juillet 2024 ».
pub fn date_longue(jour: Date) -> String {
    let semaine = match jour.weekday() {
        Weekday::Monday => "lundi",
        Weekday::Tuesday => "mardi",
        Weekday::Wednesday => "mercredi",
        Weekday::Thursday => "jeudi",
        Weekday::Friday => "vendredi",
        Weekday::Saturday => "samedi",
        Weekday::Sunday => "dimanche",
    };
    let mois = mois_fr(jour.month());
    let numero = if jour.day() == 1 {
        "1er".to_owned()
    } else {
        jour.day().to_string()
    };
    format!("{semaine} {numero} {mois} {}", jour.year())
}

/// « 3 candidats affichés sur 1 000 » when a list is cut, else nothing.
pub fn note_liste_tronquee(affiches: usize, total: usize, quoi: &str) -> Html {
    if affiches >= total {
        return html! {};
    }
    html! {
        <p class="note">
            { format!("{affiches} {quoi} affichés sur {total} : choisissez un candidat dans « Candidat suivi » pour voir le sien.") }
        </p>
    }
}
