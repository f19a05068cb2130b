//! Parcoursup's side: the connector (R6) and why it is not valid yet, then each candidate with his
//! accepted vœux, the decision Parcoursup puts on them today (and the rule), and what remontées told
//! it.

use cycle_wasm::vues::{VueConnecteur, VueDossierParcoursup, VueParcoursup};
use yew::prelude::*;

use super::communs::{badge_decision, badge_regle, note_liste_tronquee};

#[derive(Properties, PartialEq)]
pub struct ProprietesParcoursup {
    pub vue: VueParcoursup,
    /// Whether the list follows one candidate (then the « N affichés sur M » note is not shown).
    pub un_candidat: bool,
}

#[component(PanneauParcoursup)]
pub fn panneau_parcoursup(props: &ProprietesParcoursup) -> Html {
    let vue = &props.vue;
    html! {
        <section class="panneau panneau-parcoursup" aria-labelledby="titre-parcoursup">
            <h2 id="titre-parcoursup">{ "Parcoursup" }</h2>
            { connecteur(&vue.connecteur) }
            { if vue.opi_en_attente > 0 {
                html! { <p class="note">{ format!("{} OPI en attente d'envoi.", vue.opi_en_attente) }</p> }
            } else { html! {} } }
            { if vue.candidats.is_empty() {
                html! { <p class="note">{ "Aucun candidat." }</p> }
            } else {
                html! {
                    <table class="tableau">
                        <caption>{ "Candidats, vœux acceptés et décision du jour" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Candidat" }</th>
                                <th scope="col">{ "Vœu (réponse)" }</th>
                                <th scope="col">{ "Décision" }</th>
                                <th scope="col">{ "Inscription remontée" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for vue.candidats.iter().map(candidat) }
                        </tbody>
                    </table>
                }
            } }
            { if props.un_candidat { html! {} } else { note_liste_tronquee(vue.candidats.len(), vue.nombre_candidats, "candidats") } }
        </section>
    }
}

fn connecteur(connecteur: &VueConnecteur) -> Html {
    let classe = classes!("connecteur", format!("connecteur-{}", connecteur.etat));
    html! {
        <div class={classe}>
            <p>
                <strong>{ "Connecteur : " }</strong>
                <span class="etat-connecteur">{ &connecteur.libelle }</span>
                { " " }{ badge_regle(cycle_core::Regle::R6) }
            </p>
            { for connecteur.raison.iter().map(|raison| html! {
                <p class="raison">{ format!("Aucune OPI ne part : {raison}.") }</p>
            }) }
            <p class="note">
                { if connecteur.webservice_parametre {
                    "Webservice de remontées paramétré dans Apogée."
                } else {
                    "Webservice de remontées non paramétré dans Apogée."
                } }
            </p>
        </div>
    }
}

fn candidat(dossier: &VueDossierParcoursup) -> Html {
    let nom = html! {
        <th scope="row" rowspan={dossier.voeux.len().max(1).to_string()}>
            <span class="nom">{ format!("{} {}", dossier.prenom, dossier.nom) }</span>
            <span class="code">{ format!("n° {}", dossier.code_candidat) }</span>
            <span class="profil">{ &dossier.profil }</span>
        </th>
    };
    let inscriptions = if dossier.inscriptions.is_empty() {
        html! { <span class="note">{ "aucune" }</span> }
    } else {
        html! {
            <ul class="liste-simple">
                { for dossier.inscriptions.iter().map(|i| html! {
                    <li>{ format!("formation {} : état {} ({}), reçue le {}", i.code_formation_psup, i.etat_inscription, i.libelle, i.recue_le) }</li>
                }) }
            </ul>
        }
    };
    if dossier.voeux.is_empty() {
        return html! {
            <tr data-candidat={dossier.code_candidat.to_string()}>
                { nom }
                <td colspan="2"><span class="note">{ "aucune proposition acceptée" }</span></td>
                <td>{ inscriptions }</td>
            </tr>
        };
    }
    let lignes = dossier.voeux.iter().enumerate().map(|(i, voeu)| {
        html! {
            <tr data-candidat={dossier.code_candidat.to_string()}>
                { if i == 0 { nom.clone() } else { html! {} } }
                <td>
                    { &voeu.libelle_formation }
                    <span class="note">{ format!(" ({}, acceptée le {})", voeu.reponse, voeu.accepte_le) }</span>
                    { if voeu.desiste { html! { <span class="drapeau">{ " désisté" }</span> } } else { html! {} } }
                </td>
                <td class="decision-voeu">{ badge_decision(voeu.decision) }{ " " }{ badge_regle(voeu.regle_decision) }</td>
                { if i == 0 {
                    html! { <td rowspan={dossier.voeux.len().to_string()}>{ inscriptions.clone() }</td> }
                } else { html! {} } }
            </tr>
        }
    });
    html! { <>{ for lignes }</> }
}
