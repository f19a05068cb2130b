//! Apogée's side: the OPI records with their vœux F/S/D, the laissez-passer, the IAs (état E/A/R/C,
//! paiement P/A, and the « annulation manuelle requise » flag of R12), the remontée work table and
//! the last batch.

use cycle_core::Regle;
use cycle_wasm::vues::{VueApogee, VueIa};
use yew::prelude::*;

use super::communs::{badge_decision, badge_regle, note_liste_tronquee};

#[derive(Properties, PartialEq)]
pub struct ProprietesApogee {
    pub vue: VueApogee,
    pub un_candidat: bool,
}

#[component(PanneauApogee)]
pub fn panneau_apogee(props: &ProprietesApogee) -> Html {
    let vue = &props.vue;
    let tronque = |affiches: usize, total: usize, quoi: &str| {
        if props.un_candidat {
            html! {}
        } else {
            note_liste_tronquee(affiches, total, quoi)
        }
    };
    html! {
        <section class="panneau panneau-apogee" aria-labelledby="titre-apogee">
            <h2 id="titre-apogee">{ "Apogée" }</h2>

            <h3 id="titre-opi">{ "Dossiers OPI et vœux" }</h3>
            { if vue.dossiers.is_empty() {
                html! { <p class="note">{ "Aucune OPI reçue." }</p> }
            } else {
                html! {
                    <table class="tableau" aria-labelledby="titre-opi">
                        <thead><tr>
                            <th scope="col">{ "Code OPI" }</th>
                            <th scope="col">{ "Individu" }</th>
                            <th scope="col">{ "Vœux (VET : décision)" }</th>
                        </tr></thead>
                        <tbody>
                            { for vue.dossiers.iter().map(|d| html! {
                                <tr data-candidat={d.code_candidat.to_string()}>
                                    <td><code>{ &d.cod_opi }</code></td>
                                    <td>{ format!("{} {}", d.prenom, d.nom) }</td>
                                    <td>
                                        { if d.voeux.is_empty() {
                                            html! { <span class="drapeau">{ "aucun vœu enregistré" }</span> }
                                        } else { html! {
                                            <ul class="liste-simple voeux-opi">
                                                { for d.voeux.iter().map(|v| html! {
                                                    <li data-vet={v.vet.clone()}>
                                                        <code>{ &v.vet }</code>{ " : " }{ badge_decision(v.decision) }
                                                        { for v.oui_si.iter().map(|o| html! { <span class="note">{ format!(" — Oui Si {o}") }</span> }) }
                                                    </li>
                                                }) }
                                            </ul>
                                        } } }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            } }
            { tronque(vue.dossiers.len(), vue.nombre_dossiers, "dossiers OPI") }

            { if vue.laissez_passer.is_empty() { html! {} } else { html! {
                <>
                    <h3>{ "Laissez-passer " }{ badge_regle(Regle::R4) }</h3>
                    <ul class="liste-simple">
                        { for vue.laissez_passer.iter().map(|lp| html! {
                            <li>{ format!("Candidat n° {} sur {}, créé le {}", lp.code_candidat, lp.vet, lp.cree_le) }</li>
                        }) }
                    </ul>
                </>
            } } }

            <h3 id="titre-ias">{ "Inscriptions administratives (IA)" }</h3>
            { if vue.ias.is_empty() {
                html! { <p class="note">{ "Aucune IA." }</p> }
            } else {
                html! {
                    <table class="tableau tableau-ias" aria-labelledby="titre-ias">
                        <thead><tr>
                            <th scope="col">{ "Candidat" }</th>
                            <th scope="col">{ "VET et saisie" }</th>
                            <th scope="col"><abbr title="ETA_IAE : E en cours, A annulée, R résiliée, C en création ; ETA_PMT_IAE : P payée, A en attente de paiement">{ "État et paiement" }</abbr></th>
                            <th scope="col">{ "À faire" }</th>
                        </tr></thead>
                        <tbody>{ for vue.ias.iter().map(ia) }</tbody>
                    </table>
                }
            } }
            { tronque(vue.ias.len(), vue.nombre_ias, "IA") }

            <h3 id="titre-table">{ "Table de travail des remontées " }{ badge_regle(Regle::R13) }</h3>
            { if vue.table_remontee.is_empty() {
                html! { <p class="note">{ "Vide : aucune IA payée de première année." }</p> }
            } else {
                html! {
                    <table class="tableau" aria-labelledby="titre-table">
                        <thead><tr>
                            <th scope="col">{ "N°" }</th>
                            <th scope="col">{ "Candidat" }</th>
                            <th scope="col">{ "VET" }</th>
                            <th scope="col">{ "État remonté" }</th>
                            <th scope="col">{ "Statut" }</th>
                        </tr></thead>
                        <tbody>
                            { for vue.table_remontee.iter().map(|l| html! {
                                <tr data-candidat={l.code_candidat.to_string()}>
                                    <td>{ l.numero }</td>
                                    <td>{ l.code_candidat }{ if l.reorientation { " (réorientation)" } else { "" } }</td>
                                    <td><code>{ &l.vet }</code></td>
                                    <td>{ format!("{} ({})", l.etat_inscription, l.etat_inscription_libelle) }</td>
                                    <td class={format!("statut-{}", l.statut)}>{ &l.statut_libelle }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            } }
            { if !props.un_candidat && vue.table_remontee.len() < vue.nombre_lignes {
                html! { <p class="note">{ format!("Les {} dernières lignes sur {}.", vue.table_remontee.len(), vue.nombre_lignes) }</p> }
            } else { html! {} } }

            <h3>{ "Dernier traitement des remontées " }{ badge_regle(Regle::R14) }</h3>
            { match &vue.dernier_traitement {
                None => html! { <p class="note">{ "Aucun traitement n'a encore envoyé de ligne." }</p> },
                Some(t) => html! {
                    <p class="dernier-traitement">
                        { format!("Le {} : {} ligne(s) envoyée(s), {} acceptée(s), {} refusée(s) par Parcoursup.", t.jour, t.envoyees, t.acceptees, t.refusees) }
                    </p>
                },
            } }
        </section>
    }
}

fn ia(ia: &VueIa) -> Html {
    let oui_si = match (&ia.categorie_oui_si, &ia.cursus_amenage) {
        (Some(categorie), Some(cursus)) => {
            format!(" — Oui Si {categorie}, cursus aménagé {cursus}")
        }
        (Some(categorie), None) => format!(" — Oui Si {categorie}"),
        _ => String::new(),
    };
    html! {
        <tr class={classes!(ia.annulation_manuelle_requise.then_some("a-traiter"))}
            data-candidat={ia.code_candidat.to_string()} data-vet={ia.vet.clone()}>
            <td>{ ia.code_candidat }</td>
            <td>
                <code>{ &ia.vet }</code><span class="note">{ oui_si }</span>
                <span class="note bloc">{ format!("{}, le {}", ia.canal, ia.creee_le) }</span>
            </td>
            <td>
                <span class="etat-ia bloc"><span class="code-etat">{ ia.etat }</span>{ format!(" {}", ia.etat_libelle) }</span>
                <span class="paiement-ia bloc"><span class="code-etat">{ ia.paiement }</span>{ format!(" {}", ia.paiement_libelle) }</span>
            </td>
            <td>
                { if ia.annulation_manuelle_requise {
                    html! { <span class="drapeau annulation-manuelle">{ "⚠ annulation manuelle requise " }{ badge_regle(Regle::R12) }</span> }
                } else { html! { <span class="note">{ "—" }</span> } } }
            </td>
        </tr>
    }
}
