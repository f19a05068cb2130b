//! The campaign calendar and the replay's controls: the current day, début / reculer / lecture /
//! avancer / événement suivant, a date to go to, the campaign's milestones, and the events around
//! the current one.
//!
//! It only asks for moves ([`Deplacement`]); the application makes them.

use std::rc::Rc;

use cycle_core::calendrier::Jalon;
use cycle_scenario::fichier::Jour;
use cycle_wasm::vues::{VueCalendrier, VueEvenement, VuePosition};
use time::Date;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::communs::date_longue;

/// A move the trainer asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deplacement {
    Debut,
    Reculer,
    Avancer,
    EvenementSuivant,
    Jour(Date),
    Jalon(Jalon),
}

/// Playback speeds: milliseconds between two steps, and their labels.
pub const VITESSES: [(u32, &str); 3] = [(3000, "lente"), (1500, "normale"), (500, "rapide")];

/// How many played events stay listed before the next one, and upcoming ones after it.
const EVENEMENTS_AVANT: usize = 3;
const EVENEMENTS_APRES: usize = 6;

#[derive(Properties, PartialEq)]
pub struct ProprietesChronologie {
    pub position: VuePosition,
    pub calendrier: Rc<VueCalendrier>,
    pub lecture: bool,
    pub vitesse: u32,
    pub on_deplacer: Callback<Deplacement>,
    /// `true`: play; `false`: pause.
    pub on_lecture: Callback<bool>,
    pub on_vitesse: Callback<u32>,
}

#[component(Chronologie)]
pub fn chronologie(props: &ProprietesChronologie) -> Html {
    let position = &props.position;
    let deplacer = |deplacement: Deplacement| {
        let on_deplacer = props.on_deplacer.clone();
        Callback::from(move |_: MouseEvent| on_deplacer.emit(deplacement))
    };
    let au_debut = position.jour == position.premier_jour && position.evenements_joues == 0;
    let basculer_lecture = {
        let on_lecture = props.on_lecture.clone();
        let lecture = props.lecture;
        Callback::from(move |_: MouseEvent| on_lecture.emit(!lecture))
    };
    let changer_vitesse = {
        let on_vitesse = props.on_vitesse.clone();
        Callback::from(move |evenement: Event| {
            let select: web_sys::HtmlSelectElement = evenement.target_unchecked_into();
            if let Ok(vitesse) = select.value().parse() {
                on_vitesse.emit(vitesse);
            }
        })
    };
    // The control bar is a sibling of the calendar, not inside it, so that it stays at the top of
    // the window over the whole page (a sticky element sticks within its parent only).
    html! {
        <>
            <div class="barre-commandes" role="group" aria-label="Commandes du déroulement">
                <p class="jour-courant">
                    { "Jour simulé : " }
                    <output id="jour-courant" data-jour={position.jour.iso()}>
                        { date_longue(position.jour.0) }
                    </output>
                </p>
                <div class="boutons">
                    <button type="button" onclick={deplacer(Deplacement::Debut)} disabled={au_debut}
                        title="Revenir au premier jour du scénario">{ "⇤ Début" }</button>
                    <button type="button" id="bouton-reculer" onclick={deplacer(Deplacement::Reculer)}
                        disabled={!position.peut_reculer}
                        title="Annuler le dernier pas (le scénario est rejoué depuis le début)">{ "◀ Reculer" }</button>
                    <button type="button" id="bouton-lecture" onclick={basculer_lecture}
                        aria-pressed={props.lecture.to_string()} disabled={position.termine && !props.lecture}>
                        { if props.lecture { "‖ Pause" } else { "▶ Lecture" } }
                    </button>
                    <button type="button" id="bouton-avancer" onclick={deplacer(Deplacement::Avancer)}
                        disabled={position.termine}
                        title="L'événement suivant s'il a lieu aujourd'hui, sinon le prochain jour où il se passe quelque chose">
                        { "Avancer ▶" }</button>
                    <button type="button" id="bouton-evenement-suivant"
                        onclick={deplacer(Deplacement::EvenementSuivant)}
                        disabled={position.prochain_evenement.is_none()}>{ "Événement suivant ⇥" }</button>
                    <label class="vitesse">
                        { "Vitesse " }
                        <select onchange={changer_vitesse}>
                            { for VITESSES.iter().map(|(ms, libelle)| html! {
                                <option value={ms.to_string()} selected={*ms == props.vitesse}>{ *libelle }</option>
                            }) }
                        </select>
                    </label>
                </div>
                <p class="avancement">
                    { format!("{} événement(s) joué(s) sur {}", position.evenements_joues, position.nombre_evenements) }
                    { if position.termine { " — fin du scénario" } else { "" } }
                </p>
                { frise(position, &props.calendrier) }
            </div>
            <section class="chronologie" aria-labelledby="titre-chronologie">
            <h2 id="titre-chronologie">{ "Calendrier de la campagne" }</h2>
            <AllerAu position={position.clone()} on_deplacer={props.on_deplacer.clone()} />
            <Jalons position={position.clone()} calendrier={props.calendrier.clone()}
                on_deplacer={props.on_deplacer.clone()} />
            <Evenements position={position.clone()} calendrier={props.calendrier.clone()}
                on_deplacer={props.on_deplacer.clone()} />
            </section>
        </>
    }
}

/// The calendar at a glance: the days gone by, one dot per day with events, a tick per milestone
/// and the current day. Decorative for assistive technologies: the lists below say the same.
fn frise(position: &VuePosition, calendrier: &VueCalendrier) -> Html {
    let debut = position.premier_jour.0;
    let total = (position.dernier_jour.0 - debut).whole_days().max(1);
    // In hundredths of a percent, integers: formatting a float would bring its ~20 KB printer into
    // the page for this alone.
    let pourcent = |jour: Date| {
        let centiemes = ((jour - debut).whole_days() * 10_000 / total).clamp(0, 10_000);
        format!("{}.{:02}%", centiemes / 100, centiemes % 100)
    };
    let a_gauche = |jour: Date| format!("left: {}", pourcent(jour));
    let mut jours: Vec<(Date, usize)> = Vec::new();
    for evenement in &calendrier.evenements {
        match jours.last_mut() {
            Some((jour, nombre)) if *jour == evenement.jour.0 => *nombre += 1,
            _ => jours.push((evenement.jour.0, 1)),
        }
    }
    let mois = std::iter::successors(Some(debut), |jour| {
        let (annee, mois) = (jour.year(), jour.month());
        let (annee, mois) = match mois {
            time::Month::December => (annee + 1, time::Month::January),
            autre => (annee, autre.next()),
        };
        Date::from_calendar_date(annee, mois, 1)
            .ok()
            .filter(|suivant| *suivant <= position.dernier_jour.0)
    });
    html! {
        <div class="frise" aria-hidden="true">
            <div class="frise-passee" style={format!("width: {}", pourcent(position.jour.0))}></div>
            { for mois.skip(1).map(|debut_du_mois| html! {
                <span class="frise-mois" style={a_gauche(debut_du_mois)}>{ nom_du_mois(debut_du_mois) }</span>
            }) }
            { for calendrier.jalons.iter().filter(|j| j.accessible).map(|jalon| html! {
                <span class="frise-jalon" style={a_gauche(jalon.jour.0)}
                    title={format!("{} ({})", jalon.libelle, jalon.jour)}></span>
            }) }
            { for jours.iter().map(|(jour, nombre)| html! {
                <span class="frise-evenement" style={a_gauche(*jour)}
                    title={format!("{} : {nombre} événement(s)", cycle_wasm::vues::Jour(*jour))}></span>
            }) }
            <span class="frise-curseur" style={a_gauche(position.jour.0)}></span>
        </div>
    }
}

fn nom_du_mois(jour: Date) -> &'static str {
    match jour.month() {
        time::Month::January => "janv.",
        time::Month::February => "févr.",
        time::Month::March => "mars",
        time::Month::April => "avril",
        time::Month::May => "mai",
        time::Month::June => "juin",
        time::Month::July => "juil.",
        time::Month::August => "août",
        time::Month::September => "sept.",
        time::Month::October => "oct.",
        time::Month::November => "nov.",
        time::Month::December => "déc.",
    }
}

#[derive(Properties, PartialEq)]
struct ProprietesAllerAu {
    position: VuePosition,
    on_deplacer: Callback<Deplacement>,
}

/// « Aller au » a date typed or picked.
#[component(AllerAu)]
fn aller_au(props: &ProprietesAllerAu) -> Html {
    let champ = use_node_ref();
    let envoyer = {
        let champ = champ.clone();
        let on_deplacer = props.on_deplacer.clone();
        Callback::from(move |evenement: SubmitEvent| {
            evenement.prevent_default();
            let Some(input) = champ.cast::<HtmlInputElement>() else {
                return;
            };
            if let Some(Jour(jour)) = Jour::depuis_iso(&input.value()) {
                on_deplacer.emit(Deplacement::Jour(jour));
            }
        })
    };
    let position = &props.position;
    html! {
        <form class="aller-au" onsubmit={envoyer}>
            <label for="date-cible">{ "Aller au matin du" }</label>
            <input id="date-cible" type="date" ref={champ} required=true
                min={position.premier_jour.iso()} max={position.dernier_jour.iso()}
                value={position.jour.iso()} />
            <button type="submit">{ "Aller" }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ProprietesListe {
    position: VuePosition,
    calendrier: Rc<VueCalendrier>,
    on_deplacer: Callback<Deplacement>,
}

/// The campaign's milestones, each a button to its morning.
#[component(Jalons)]
fn jalons(props: &ProprietesListe) -> Html {
    html! {
        <nav class="jalons" aria-label="Jalons de la campagne">
            <h3>{ "Aller à un jalon" }</h3>
            <ul>
                { for props.calendrier.jalons.iter().filter_map(|jalon| {
                    let cible = Jalon::depuis_identifiant(jalon.id)?;
                    let on_deplacer = props.on_deplacer.clone();
                    let courant = jalon.jour == props.position.jour;
                    Some(html! {
                        <li>
                            <button type="button" class="jalon" data-jalon={jalon.id}
                                disabled={!jalon.accessible}
                                aria-current={courant.then_some("date")}
                                onclick={Callback::from(move |_: MouseEvent| on_deplacer.emit(Deplacement::Jalon(cible)))}>
                                <span class="jalon-libelle">{ jalon.libelle }</span>
                                <span class="jalon-date">{ jalon.jour.to_string() }</span>
                            </button>
                        </li>
                    })
                }) }
            </ul>
        </nav>
    }
}

/// The events around the current position: a few played ones, the next, a few upcoming.
#[component(Evenements)]
fn evenements(props: &ProprietesListe) -> Html {
    let tous = &props.calendrier.evenements;
    if tous.is_empty() {
        return html! { <p class="note">{ "Ce scénario n'a aucun événement daté." }</p> };
    }
    let joues = props.position.evenements_joues;
    let debut = joues.saturating_sub(EVENEMENTS_AVANT);
    let fin = (joues + EVENEMENTS_APRES).min(tous.len());
    let element = |index: usize, evenement: &VueEvenement| {
        let (classe, etat) = if index < joues {
            ("evenement joue", "joué")
        } else if index == joues {
            ("evenement prochain", "prochain")
        } else {
            ("evenement a-venir", "à venir")
        };
        let on_deplacer = props.on_deplacer.clone();
        let jour = evenement.jour.0;
        html! {
            <li class={classe} aria-current={(index == joues).then_some("step")}>
                <span class="numero-evenement">{ format!("{}.", evenement.numero) }</span>
                <button type="button" class="lien-jour"
                    title="Aller au matin de ce jour, avant l'événement"
                    onclick={Callback::from(move |_: MouseEvent| on_deplacer.emit(Deplacement::Jour(jour)))}>
                    { evenement.jour.to_string() }
                </button>
                <span class="etat-evenement">{ etat }</span>
                <span class="libelle-evenement">{ &evenement.libelle }</span>
                { for evenement.note.iter().map(|note| html! { <span class="note-evenement">{ note }</span> }) }
            </li>
        }
    };
    html! {
        <div class="evenements">
            <h3>{ "Événements du scénario" }</h3>
            { if debut > 0 { html! { <p class="note">{ format!("… {debut} événement(s) joué(s) plus tôt") }</p> } } else { html! {} } }
            <ul>
                { for tous[debut..fin].iter().enumerate().map(|(i, e)| element(debut + i, e)) }
            </ul>
            { if fin < tous.len() { html! { <p class="note">{ format!("… et {} autre(s) à venir", tous.len() - fin) }</p> } } else { html! {} } }
        </div>
    }
}
