//! The scenario editor: add a candidate or a dated event by form, delete one from the lists of what
//! the scenario holds, or edit the TOML text itself; then export the file or share it as a link.
//!
//! The forms only collect what was typed ([`CandidatSaisi`], [`EvenementSaisi`]) and the lists which
//! entry to delete; writing it into the file and checking it is `cycle_wasm::editeur`'s job, and the application reopens the scenario on
//! the same day so the effect shows at once.

use std::rc::Rc;

use cycle_core::calendrier::Jalon;
use cycle_scenario::fichier::TypeEvenement;
use cycle_wasm::editeur::{CandidatSaisi, EvenementSaisi};
use cycle_wasm::vues::{Jour, VueCalendrier, VueScenario};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::communs::CANDIDATS_EN_LISTE;
use crate::navigateur::adresse_donnees;

#[derive(Properties, PartialEq)]
pub struct ProprietesEditeur {
    pub scenario: Rc<VueScenario>,
    /// Its events, listed to be deleted.
    pub calendrier: Rc<VueCalendrier>,
    /// The scenario's text as applied.
    pub texte: Rc<str>,
    /// The day shown, proposed as the new event's date.
    pub jour: Jour,
    pub erreur: Option<String>,
    /// The share link, once asked for.
    pub lien: Option<String>,
    pub on_candidat: Callback<CandidatSaisi>,
    pub on_evenement: Callback<EvenementSaisi>,
    pub on_supprimer_candidat: Callback<u32>,
    /// The event's number, from 1.
    pub on_supprimer_evenement: Callback<usize>,
    pub on_texte: Callback<String>,
    pub on_partager: Callback<()>,
}

#[component(Editeur)]
pub fn editeur(props: &ProprietesEditeur) -> Html {
    let partager = {
        let on_partager = props.on_partager.clone();
        Callback::from(move |_: MouseEvent| on_partager.emit(()))
    };
    let nom_fichier = if props.scenario.fichier.ends_with(".toml") {
        props.scenario.fichier.clone()
    } else {
        format!("{}.toml", props.scenario.nom)
    };
    html! {
        <section class="editeur" aria-labelledby="titre-editeur">
            <h2 id="titre-editeur">{ "Modifier le scénario" }</h2>
            <p class="note">{ "Chaque ajout est écrit dans le fichier du scénario, qui est rejoué aussitôt jusqu'au jour affiché." }</p>
            { for props.erreur.iter().map(|erreur| html! {
                <p class="erreur" role="alert" id="erreur-editeur">{ erreur }</p>
            }) }
            <div class="formulaires">
                <FormulaireCandidat scenario={props.scenario.clone()} on_candidat={props.on_candidat.clone()} />
                <FormulaireEvenement scenario={props.scenario.clone()} jour={props.jour}
                    on_evenement={props.on_evenement.clone()} />
            </div>
            <Contenu scenario={props.scenario.clone()} calendrier={props.calendrier.clone()}
                on_supprimer_candidat={props.on_supprimer_candidat.clone()}
                on_supprimer_evenement={props.on_supprimer_evenement.clone()} />
            <TexteScenario texte={props.texte.clone()} on_texte={props.on_texte.clone()} />
            <div class="export">
                <a id="lien-export" class="bouton" download={nom_fichier.clone()} href={adresse_donnees(&props.texte)}>
                    { format!("Exporter le fichier {nom_fichier}") }
                </a>
                <button type="button" id="bouton-partager" onclick={partager}>{ "Créer un lien de partage" }</button>
            </div>
            { for props.lien.iter().map(|lien| html! {
                <div class="champ lien-partage">
                    <label for="lien-partage">{ "Lien à partager (copié dans le presse-papiers si le navigateur le permet)" }</label>
                    <input id="lien-partage" type="text" readonly=true value={lien.clone()} />
                </div>
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ProprietesContenu {
    scenario: Rc<VueScenario>,
    calendrier: Rc<VueCalendrier>,
    on_supprimer_candidat: Callback<u32>,
    on_supprimer_evenement: Callback<usize>,
}

/// What the scenario holds, each entry with its « Supprimer » button: a real `<button>`, so it is
/// reached with Tab and pressed with Entrée or Espace, and its accessible name says what it deletes.
#[component(Contenu)]
fn contenu(props: &ProprietesContenu) -> Html {
    let candidats = props.scenario.candidats.iter().map(|candidat| {
        let code = candidat.code_candidat;
        let nom = format!("{} {} ({code})", candidat.prenom, candidat.nom);
        let supprimer = props
            .on_supprimer_candidat
            .reform(move |_: MouseEvent| code);
        html! {
            <li data-candidat={code.to_string()}>
                <span>{ nom.clone() }</span>
                <button type="button" class="supprimer" onclick={supprimer}
                    aria-label={format!("Supprimer le candidat {nom}")}>{ "Supprimer" }</button>
            </li>
        }
    });
    let evenements = props.calendrier.evenements.iter().map(|evenement| {
        let numero = evenement.numero;
        let libelle = format!("{} : {}", evenement.jour, evenement.libelle);
        let supprimer = props.on_supprimer_evenement.reform(move |_: MouseEvent| numero);
        html! {
            <li data-numero={numero.to_string()}>
                <span>{ libelle.clone() }</span>
                <button type="button" class="supprimer" onclick={supprimer}
                    aria-label={format!("Supprimer l'événement {numero}, {libelle}")}>{ "Supprimer" }</button>
            </li>
        }
    });
    html! {
        <div class="contenu-scenario">
            <section aria-labelledby="titre-liste-candidats">
                <h3 id="titre-liste-candidats">{ "Candidats du scénario" }</h3>
                <p class="note">{ "Un candidat encore nommé par un événement ou un attendu ne peut pas être supprimé : supprimez d'abord ce qui le nomme." }</p>
                <ul class="liste-candidats">{ for candidats }</ul>
            </section>
            <section aria-labelledby="titre-liste-evenements">
                <h3 id="titre-liste-evenements">{ "Événements du scénario" }</h3>
                <ol class="liste-evenements">{ for evenements }</ol>
            </section>
        </div>
    }
}

fn valeur_champ(champ: &NodeRef) -> Option<String> {
    let valeur = if let Some(input) = champ.cast::<HtmlInputElement>() {
        input.value()
    } else if let Some(select) = champ.cast::<HtmlSelectElement>() {
        select.value()
    } else {
        return None;
    };
    Some(valeur).filter(|v| !v.trim().is_empty())
}

fn nombre_champ<T: std::str::FromStr>(champ: &NodeRef) -> Option<T> {
    valeur_champ(champ).and_then(|v| v.trim().parse().ok())
}

// Every `<select>` names its selected option: yew inserts options last first, and a browser
// selects the first option inserted, so without it the last option would be the default.

#[derive(Properties, PartialEq)]
struct ProprietesFormulaireCandidat {
    scenario: Rc<VueScenario>,
    on_candidat: Callback<CandidatSaisi>,
}

#[component(FormulaireCandidat)]
fn formulaire_candidat(props: &ProprietesFormulaireCandidat) -> Html {
    let code = use_node_ref();
    let prenom = use_node_ref();
    let nom = use_node_ref();
    let sexe = use_node_ref();
    let bac = use_node_ref();
    let cod_etu = use_node_ref();
    // Once the candidate is in the scenario, the form is ready for the next one.
    {
        let champs = [prenom.clone(), nom.clone(), cod_etu.clone()];
        use_effect_with(props.scenario.candidats.len(), move |_| {
            for champ in &champs {
                if let Some(input) = champ.cast::<HtmlInputElement>() {
                    input.set_value("");
                }
            }
        });
    }
    let code_libre = props
        .scenario
        .candidats
        .iter()
        .map(|c| c.code_candidat)
        .max()
        .map_or(1_048_576, |c| c + 1);
    let envoyer = {
        let champs = (
            code.clone(),
            prenom.clone(),
            nom.clone(),
            sexe.clone(),
            bac.clone(),
            cod_etu.clone(),
        );
        let on_candidat = props.on_candidat.clone();
        Callback::from(move |evenement: SubmitEvent| {
            evenement.prevent_default();
            let (code, prenom, nom, sexe, bac, cod_etu) = &champs;
            let Some(code) = nombre_champ(code) else {
                return;
            };
            on_candidat.emit(CandidatSaisi {
                code,
                prenom: valeur_champ(prenom),
                nom: valeur_champ(nom),
                sexe: valeur_champ(sexe),
                bac: valeur_champ(bac),
                cod_etu: valeur_champ(cod_etu),
            });
        })
    };
    html! {
        <form class="formulaire" id="formulaire-candidat" onsubmit={envoyer}>
            <fieldset>
                <legend>{ "Ajouter un candidat" }</legend>
                <div class="champ">
                    <label for="candidat-code">{ "Numéro de dossier Parcoursup (codeCandidat)" }</label>
                    <input id="candidat-code" ref={code} type="number" min="2" max="9999999" required=true
                        value={code_libre.to_string()} />
                </div>
                <div class="champ">
                    <label for="candidat-prenom">{ "Prénom" }</label>
                    <input id="candidat-prenom" ref={prenom} type="text" placeholder="par défaut : un prénom de la liste" />
                </div>
                <div class="champ">
                    <label for="candidat-nom">{ "Nom" }</label>
                    <input id="candidat-nom" ref={nom} type="text" />
                </div>
                <div class="champ">
                    <label for="candidat-sexe">{ "Sexe" }</label>
                    <select id="candidat-sexe" ref={sexe}>
                        <option value="" selected=true>{ "par défaut" }</option>
                        <option value="F">{ "F" }</option>
                        <option value="M">{ "M" }</option>
                    </select>
                </div>
                <div class="champ">
                    <label for="candidat-bac">{ "Bac" }</label>
                    <select id="candidat-bac" ref={bac}>
                        <option value="admis" selected=true>{ "admis au bac" }</option>
                        <option value="echec">{ "échec au bac" }</option>
                        <option value="rattrapage_admis">{ "admis après rattrapage" }</option>
                        <option value="rattrapage_echec">{ "échec au rattrapage" }</option>
                        <option value="reorientation">{ "réorientation (pas néo-bachelier)" }</option>
                    </select>
                </div>
                <div class="champ">
                    <label for="candidat-cod-etu">{ "Numéro étudiant Apogée (pour l'IA Réins)" }</label>
                    <input id="candidat-cod-etu" ref={cod_etu} type="text" />
                </div>
                <button type="submit">{ "Ajouter le candidat" }</button>
            </fieldset>
        </form>
    }
}

/// The French label of each event type, as the timeline says it.
fn libelle_type(nature: TypeEvenement) -> &'static str {
    match nature {
        TypeEvenement::ParametrageWebservice => "Paramétrage du webservice de remontées",
        TypeEvenement::TestConnecteur => "« Tester connecteur »",
        TypeEvenement::Acceptation => "Acceptation d'une proposition",
        TypeEvenement::Desistement => "Désistement",
        TypeEvenement::RenvoiOpi => "Renvoi de l'OPI",
        TypeEvenement::ConsultationIaPrimo => "Consultation d'IA Primo",
        TypeEvenement::IaPrimo => "IA Primo (inscription en ligne)",
        TypeEvenement::IaReins => "IA Réins",
        TypeEvenement::IaGestionnaire => "IA gestionnaire",
        TypeEvenement::Paiement => "Paiement de l'IA",
        TypeEvenement::AnnulationIa => "Annulation de l'IA",
        TypeEvenement::ResiliationIa => "Résiliation de l'IA",
        TypeEvenement::LaissezPasser => "Création d'un laissez-passer",
        TypeEvenement::TraitementRemontees => "Traitement des remontées",
        TypeEvenement::PanneEcritureVoeux => "Panne : écriture des vœux OPI",
    }
}

#[derive(Properties, PartialEq)]
struct ProprietesFormulaireEvenement {
    scenario: Rc<VueScenario>,
    jour: Jour,
    on_evenement: Callback<EvenementSaisi>,
}

#[component(FormulaireEvenement)]
fn formulaire_evenement(props: &ProprietesFormulaireEvenement) -> Html {
    let nature = use_state(|| TypeEvenement::Acceptation);
    let par_jalon = use_state(|| false);
    let date = use_node_ref();
    let jalon = use_node_ref();
    let decalage = use_node_ref();
    let candidat = use_node_ref();
    let formation = use_node_ref();
    let reponse = use_node_ref();
    let vet = use_node_ref();
    let payee = use_node_ref();
    let etat = use_node_ref();
    let note = use_node_ref();
    let champs = nature.champs();
    let prend =
        |champ: &str| champs.obligatoires.contains(&champ) || champs.facultatifs.contains(&champ);
    let envoyer = {
        let refs = [
            date.clone(),
            jalon.clone(),
            decalage.clone(),
            candidat.clone(),
            formation.clone(),
            reponse.clone(),
            vet.clone(),
            payee.clone(),
            etat.clone(),
            note.clone(),
        ];
        let nature = *nature;
        let par_jalon = *par_jalon;
        let on_evenement = props.on_evenement.clone();
        Callback::from(move |evenement: SubmitEvent| {
            evenement.prevent_default();
            let [date, jalon, decalage, candidat, formation, reponse, vet, payee, etat, note] =
                &refs;
            on_evenement.emit(EvenementSaisi {
                date: if par_jalon { None } else { valeur_champ(date) },
                jalon: if par_jalon { valeur_champ(jalon) } else { None },
                decalage: if par_jalon {
                    nombre_champ(decalage)
                } else {
                    None
                },
                nature: nature.nom().to_owned(),
                candidat: nombre_champ(candidat),
                formation: nombre_champ(formation),
                reponse: valeur_champ(reponse),
                vet: valeur_champ(vet),
                payee: payee.cast::<HtmlInputElement>().map(|c| c.checked()),
                etat_inscription: nombre_champ(etat),
                note: valeur_champ(note),
            });
        })
    };
    let changer_type = {
        let nature = nature.clone();
        Callback::from(move |evenement: Event| {
            let select: HtmlSelectElement = evenement.target_unchecked_into();
            if let Some(choisi) = TypeEvenement::TOUS
                .into_iter()
                .find(|t| t.nom() == select.value())
            {
                nature.set(choisi);
            }
        })
    };
    let changer_mode = |jalon: bool| {
        let par_jalon = par_jalon.clone();
        Callback::from(move |_: Event| par_jalon.set(jalon))
    };
    let vets: Vec<&String> = props
        .scenario
        .formations
        .iter()
        .flat_map(|f| f.vets.iter())
        .collect();
    html! {
        <form class="formulaire" id="formulaire-evenement" onsubmit={envoyer}>
            <fieldset>
                <legend>{ "Ajouter un événement daté" }</legend>
                <div class="champ">
                    <label for="evenement-type">{ "Type d'événement" }</label>
                    <select id="evenement-type" onchange={changer_type}>
                        { for TypeEvenement::TOUS.into_iter().map(|t| html! {
                            <option value={t.nom()} selected={t == *nature}>{ libelle_type(t) }</option>
                        }) }
                    </select>
                </div>
                <fieldset class="quand">
                    <legend>{ "Quand" }</legend>
                    <label><input type="radio" name="quand" checked={!*par_jalon} onchange={changer_mode(false)} />{ " à une date" }</label>
                    <label><input type="radio" name="quand" checked={*par_jalon} onchange={changer_mode(true)} />{ " à un jalon de la campagne" }</label>
                    { if *par_jalon { html! {
                        <>
                            <div class="champ">
                                <label for="evenement-jalon">{ "Jalon" }</label>
                                <select id="evenement-jalon" ref={jalon}>
                                    { for Jalon::TOUS.into_iter().enumerate().map(|(i, j)| html! {
                                        <option value={j.identifiant()} selected={i == 0}>{ j.libelle() }</option>
                                    }) }
                                </select>
                            </div>
                            <div class="champ">
                                <label for="evenement-decalage">{ "Décalage en jours (négatif : avant)" }</label>
                                <input id="evenement-decalage" ref={decalage} type="number" value="0" />
                            </div>
                        </>
                    } } else { html! {
                        <div class="champ">
                            <label for="evenement-date">{ "Date" }</label>
                            <input id="evenement-date" ref={date} type="date" required=true value={props.jour.iso()} />
                        </div>
                    } } }
                </fieldset>
                { if prend("candidat") { html! {
                    <div class="champ">
                        <label for="evenement-candidat">{ "Candidat" }</label>
                        { if props.scenario.candidats.len() > CANDIDATS_EN_LISTE {
                            html! { <input id="evenement-candidat" ref={candidat} type="number" required=true
                                placeholder="numéro de dossier" /> }
                        } else { html! {
                            <select id="evenement-candidat" ref={candidat}>
                                { for props.scenario.candidats.iter().enumerate().map(|(i, c)| html! {
                                    <option value={c.code_candidat.to_string()} selected={i == 0}>{ format!("{} {} (n° {})", c.prenom, c.nom, c.code_candidat) }</option>
                                }) }
                            </select>
                        } } }
                    </div>
                } } else { html! {} } }
                { if prend("formation") { html! {
                    <div class="champ">
                        <label for="evenement-formation">{ "Formation" }</label>
                        <select id="evenement-formation" ref={formation}>
                            { for props.scenario.formations.iter().enumerate().map(|(i, f)| html! {
                                <option value={f.code_formation_psup.to_string()} selected={i == 0}>{ format!("{} ({})", f.libelle, f.code_formation_psup) }</option>
                            }) }
                        </select>
                    </div>
                } } else { html! {} } }
                { if prend("reponse") { html! {
                    <div class="champ">
                        <label for="evenement-reponse">{ "Réponse acceptée" }</label>
                        <select id="evenement-reponse" ref={reponse}>
                            <option value="oui" selected=true>{ "Oui" }</option>
                            <option value="oui_si_3_ans">{ "Oui Si en 3 ans" }</option>
                            <option value="oui_si_4_ans">{ "Oui Si en 4 ans" }</option>
                        </select>
                    </div>
                } } else { html! {} } }
                { if prend("vet") { html! {
                    <div class="champ">
                        <label for="evenement-vet">{ "VET" }</label>
                        <select id="evenement-vet" ref={vet}>
                            { for vets.iter().enumerate().map(|(i, v)| html! {
                                <option value={(*v).clone()} selected={i == 0}>{ *v }</option>
                            }) }
                        </select>
                    </div>
                } } else { html! {} } }
                { if prend("payee") { html! {
                    <div class="champ case">
                        <input id="evenement-payee" ref={payee} type="checkbox" />
                        <label for="evenement-payee">{ "payée aussitôt" }</label>
                    </div>
                } } else { html! {} } }
                { if prend("etat_inscription") { html! {
                    <div class="champ">
                        <label for="evenement-etat">{ "État remonté tant que l'IA est valide" }</label>
                        <select id="evenement-etat" ref={etat}>
                            <option value="1" selected=true>{ "1 — inscription principale" }</option>
                            <option value="2">{ "2 — double cursus" }</option>
                            <option value="4">{ "4 — inscription parallèle" }</option>
                            <option value="5">{ "5 — inscription parallèle secondaire" }</option>
                        </select>
                    </div>
                } } else { html! {} } }
                <div class="champ">
                    <label for="evenement-note">{ "Note pour les formateurs (facultative)" }</label>
                    <input id="evenement-note" ref={note} type="text" />
                </div>
                <button type="submit">{ "Ajouter l'événement" }</button>
            </fieldset>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ProprietesTexte {
    texte: Rc<str>,
    on_texte: Callback<String>,
}

/// The file itself, editable; « Appliquer » reloads it.
#[component(TexteScenario)]
fn texte_scenario(props: &ProprietesTexte) -> Html {
    let zone = use_node_ref();
    let appliquer = {
        let zone = zone.clone();
        let on_texte = props.on_texte.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(zone) = zone.cast::<HtmlTextAreaElement>() {
                on_texte.emit(zone.value());
            }
        })
    };
    // The text area follows the applied text whenever it changes (an addition, another scenario).
    {
        let zone = zone.clone();
        use_effect_with(props.texte.clone(), move |texte| {
            if let Some(zone) = zone.cast::<HtmlTextAreaElement>() {
                zone.set_value(texte);
            }
        });
    }
    html! {
        <details class="texte-scenario">
            <summary>{ "Le fichier du scénario (TOML), modifiable" }</summary>
            <label for="texte-scenario" class="visuellement-cache">{ "Texte du scénario" }</label>
            <textarea id="texte-scenario" ref={zone} rows="18" spellcheck="false"
                value={props.texte.to_string()} />
            <button type="button" id="bouton-appliquer" onclick={appliquer}>{ "Appliquer le texte" }</button>
        </details>
    }
}
