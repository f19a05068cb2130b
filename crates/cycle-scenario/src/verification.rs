//! Checks expectations against a finished run: the transcript, and the final state of both sides.
//! A failure says what was expected and what was found instead, in French.

use cycle_core::apogee::{EtatIa, Paiement};
use cycle_core::calendrier::date_fr;
use cycle_core::parcoursup::EtatConnecteur;
use cycle_core::transcript::{Autorisation, MotifRefus};
use cycle_core::{Entree, Fait, Simulation};

use crate::fichier::EtatConnecteurAttendu;
use crate::lecture::{facettes, nom, Facette};
use crate::scenario::{FiltreEntree, Verification};

/// How many entries a failure lists, so that a report stays readable.
const ENTREES_MONTREES: usize = 4;

/// `Ok` or the reason of the failure.
pub fn verifier(
    verification: &Verification,
    simulation: &Simulation,
    transcript: &[Entree],
) -> Result<(), String> {
    match verification {
        Verification::Transcript { filtre, nombre } => {
            verifier_transcript(filtre, *nombre, transcript)
        }
        Verification::Ia {
            candidat,
            vet,
            etat,
            paiement,
            annulation_manuelle_requise,
            categorie_oui_si,
            cursus_amenage,
            absente,
        } => {
            let ia = simulation
                .apogee()
                .ias_du_candidat(*candidat)
                .map(|(_, ia)| ia)
                .filter(|ia| &ia.vet == vet)
                .last();
            match (ia, absente) {
                (None, true) => Ok(()),
                (Some(ia), true) => Err(format!(
                    "le candidat {candidat} a une IA sur {vet} ({}, {})",
                    libelle_etat_ia(ia.etat),
                    libelle_paiement(ia.paiement)
                )),
                (None, false) => Err(format!("le candidat {candidat} n'a aucune IA sur {vet}")),
                (Some(ia), false) => {
                    let mut ecarts = Vec::new();
                    if let Some(etat) = etat.filter(|e| *e != ia.etat) {
                        ecarts.push(format!(
                            "état {} au lieu de {}",
                            libelle_etat_ia(ia.etat),
                            libelle_etat_ia(etat)
                        ));
                    }
                    if let Some(paiement) = paiement.filter(|p| *p != ia.paiement) {
                        ecarts.push(format!(
                            "paiement {} au lieu de {}",
                            libelle_paiement(ia.paiement),
                            libelle_paiement(paiement)
                        ));
                    }
                    if let Some(drapeau) =
                        annulation_manuelle_requise.filter(|d| *d != ia.annulation_manuelle_requise)
                    {
                        ecarts.push(format!(
                            "annulation manuelle requise : {} au lieu de {}",
                            oui_non(ia.annulation_manuelle_requise),
                            oui_non(drapeau)
                        ));
                    }
                    for (quoi, attendu, trouve) in [
                        ("catégorie Oui Si", categorie_oui_si, &ia.categorie_oui_si),
                        ("cursus aménagé", cursus_amenage, &ia.cursus_amenage),
                    ] {
                        let trouve = trouve.as_deref();
                        if let Some(attendu) = attendu.as_deref().filter(|a| Some(*a) != trouve) {
                            ecarts.push(format!(
                                "{quoi} {} au lieu de {attendu}",
                                trouve.unwrap_or("absent(e)")
                            ));
                        }
                    }
                    if ecarts.is_empty() {
                        Ok(())
                    } else {
                        Err(format!(
                            "IA du candidat {candidat} sur {vet} : {}",
                            ecarts.join(" ; ")
                        ))
                    }
                }
            }
        }
        Verification::IaPrimo {
            candidat,
            vet,
            verdict,
        } => {
            let trouve = simulation.eligibilite_ia_primo(*candidat, vet);
            if &trouve == verdict {
                Ok(())
            } else {
                Err(format!(
                    "IA Primo du candidat {candidat} sur {vet} le {} : {} au lieu de {}",
                    date_fr(simulation.jour()),
                    libelle_verdict(trouve),
                    libelle_verdict(*verdict)
                ))
            }
        }
        Verification::DossiersOpi {
            candidat,
            nombre,
            nombre_voeux,
            voeu,
        } => {
            let dossiers: Vec<_> = simulation
                .apogee()
                .dossiers_opi()
                .iter()
                .filter(|opi| opi.code_candidat == *candidat)
                .collect();
            if let Some(nombre) = nombre.filter(|n| *n != dossiers.len()) {
                return Err(format!(
                    "{} dossier(s) OPI pour le candidat {candidat} dans Apogée au lieu de {nombre}",
                    dossiers.len()
                ));
            }
            let Some(dossier) = simulation.apogee().dossier_opi(*candidat) else {
                return if nombre_voeux.is_some() || voeu.is_some() {
                    Err(format!(
                        "aucun dossier OPI pour le candidat {candidat} dans Apogée"
                    ))
                } else {
                    Ok(())
                };
            };
            if let Some(attendus) = nombre_voeux.filter(|n| *n != dossier.voeux.len()) {
                return Err(format!(
                    "le dossier OPI {} porte {} vœu(x) au lieu de {attendus}",
                    dossier.cod_opi,
                    dossier.voeux.len()
                ));
            }
            if let Some((vet, decision)) = voeu {
                let Some(stocke) = dossier.voeux.iter().find(|v| v.vet.est(vet)) else {
                    return Err(format!(
                        "le dossier OPI {} n'a pas de vœu sur {vet}",
                        dossier.cod_opi
                    ));
                };
                if let Some(decision) = decision.filter(|d| *d != stocke.decision) {
                    return Err(format!(
                        "le vœu {vet} du dossier OPI {} est {} au lieu de {}",
                        dossier.cod_opi,
                        stocke.decision.libelle(),
                        decision.libelle()
                    ));
                }
            }
            Ok(())
        }
        Verification::InscriptionParcoursup {
            candidat,
            formation,
            etat_inscription,
            absente,
        } => {
            let connues: Vec<_> = simulation
                .parcoursup()
                .dossier(*candidat)
                .map(|d| {
                    d.inscriptions
                        .iter()
                        .filter(|i| formation.is_none_or(|f| f == i.code_formation_psup))
                        .collect()
                })
                .unwrap_or_default();
            let ou = formation.map_or(String::new(), |f| format!(" sur la formation {f}"));
            match (connues.last(), absente) {
                (None, true) => Ok(()),
                (Some(i), true) => Err(format!(
                    "Parcoursup connaît une inscription du candidat {candidat}{ou} (état {}, {})",
                    i.etat_inscription.code(),
                    i.etat_inscription.libelle()
                )),
                (None, false) => Err(format!(
                    "Parcoursup n'a reçu aucune remontée pour le candidat {candidat}{ou}"
                )),
                (Some(i), false) => match etat_inscription {
                    Some(attendu) if *attendu != i.etat_inscription => Err(format!(
                        "Parcoursup connaît le candidat {candidat}{ou} en état {} ({}) au lieu de {} ({})",
                        i.etat_inscription.code(),
                        i.etat_inscription.libelle(),
                        attendu.code(),
                        attendu.libelle()
                    )),
                    _ => Ok(()),
                },
            }
        }
        Verification::Connecteur(attendu) => {
            let etat = simulation.parcoursup().connecteur();
            let trouve = match etat {
                EtatConnecteur::NonTeste => EtatConnecteurAttendu::NonTeste,
                EtatConnecteur::EnEchec { .. } => EtatConnecteurAttendu::EnEchec,
                EtatConnecteur::Valide { .. } => EtatConnecteurAttendu::Valide,
            };
            if trouve == *attendu {
                Ok(())
            } else {
                Err(format!(
                    "connecteur {} au lieu de {}",
                    libelle_connecteur(trouve),
                    libelle_connecteur(*attendu)
                ))
            }
        }
    }
}

/// Whether the entry matches the filter: entry-level criteria, then one facet meeting all the rest.
pub fn correspond(filtre: &FiltreEntree, entree: &Entree) -> bool {
    if filtre.regle.is_some_and(|r| r != entree.regle) {
        return false;
    }
    if let Some(canal) = filtre.canal {
        if !matches!(&entree.fait, Fait::Message { canal: c, .. } if *c == canal) {
            return false;
        }
    }
    if filtre.nature.as_deref().is_some_and(|n| n != nom(entree)) {
        return false;
    }
    if filtre
        .jours
        .is_some_and(|(du, au)| entree.jour < du || entree.jour > au)
    {
        return false;
    }
    facettes(entree)
        .iter()
        .any(|f| facette_correspond(filtre, f))
}

fn facette_correspond(filtre: &FiltreEntree, facette: &Facette) -> bool {
    fn egal<T: PartialEq>(attendu: Option<&T>, trouve: Option<&T>) -> bool {
        attendu.is_none_or(|a| trouve == Some(a))
    }
    egal(filtre.candidat.as_ref(), facette.candidat.as_ref())
        && egal(filtre.vet.as_ref(), facette.vet.as_ref())
        && egal(filtre.decision.as_ref(), facette.decision.as_ref())
        && egal(filtre.motif.as_ref(), facette.motif.as_ref())
        && egal(
            filtre.etat_inscription.as_ref(),
            facette.etat_inscription.as_ref(),
        )
        && egal(filtre.fichier.as_ref(), facette.fichier.as_ref())
}

fn verifier_transcript(
    filtre: &FiltreEntree,
    nombre: Option<usize>,
    transcript: &[Entree],
) -> Result<(), String> {
    let trouvees: Vec<&Entree> = transcript
        .iter()
        .filter(|e| correspond(filtre, e))
        .collect();
    match nombre {
        None if !trouvees.is_empty() => Ok(()),
        Some(n) if n == trouvees.len() => Ok(()),
        None => {
            // What came closest: the same type (and candidate), to show what differs.
            let proche = FiltreEntree {
                nature: filtre.nature.clone(),
                candidat: filtre.candidat,
                ..FiltreEntree::default()
            };
            let voisines: Vec<&Entree> = if proche == FiltreEntree::default() {
                Vec::new()
            } else {
                transcript
                    .iter()
                    .filter(|e| correspond(&proche, e))
                    .collect()
            };
            let mut raison = format!("aucune entrée ne correspond ({})", filtre.description());
            if !voisines.is_empty() {
                raison.push_str(&format!(
                    " ; entrées voisines ({}) : {}",
                    proche.description(),
                    resumer(&voisines)
                ));
            }
            Err(raison)
        }
        Some(n) => {
            let mut raison = format!(
                "{} entrée(s) au lieu de {n} ({})",
                trouvees.len(),
                filtre.description()
            );
            if !trouvees.is_empty() {
                raison.push_str(&format!(" : {}", resumer(&trouvees)));
            }
            Err(raison)
        }
    }
}

/// A few entries, each as `09/07/2024 R8 opi « explication »`.
fn resumer(entrees: &[&Entree]) -> String {
    let mut parties: Vec<String> = entrees
        .iter()
        .take(ENTREES_MONTREES)
        .map(|e| {
            format!(
                "{} {} {} « {} »",
                date_fr(e.jour),
                e.regle,
                nom(e),
                e.explication
            )
        })
        .collect();
    if entrees.len() > ENTREES_MONTREES {
        parties.push(format!("et {} autre(s)", entrees.len() - ENTREES_MONTREES));
    }
    parties.join(" ; ")
}

pub fn libelle_etat_ia(etat: EtatIa) -> &'static str {
    match etat {
        EtatIa::EnCours => "en cours (E)",
        EtatIa::Annulee => "annulée (A)",
        EtatIa::Resiliee => "résiliée (R)",
        EtatIa::EnCreation => "en cours de création (C)",
    }
}

pub fn libelle_paiement(paiement: Paiement) -> &'static str {
    match paiement {
        Paiement::Payee => "payée (P)",
        Paiement::EnAttente => "en attente de paiement (A)",
    }
}

pub fn libelle_verdict(verdict: Result<Autorisation, MotifRefus>) -> String {
    match verdict {
        Ok(Autorisation::Favorable) => "autorisée (vœu favorable)".to_owned(),
        Ok(Autorisation::OuiSi) => "autorisée (vœu Oui Si)".to_owned(),
        Ok(Autorisation::LaissezPasser) => "autorisée (laissez-passer)".to_owned(),
        Err(motif) => format!("refusée ({})", motif.libelle()),
    }
}

pub fn libelle_connecteur(etat: EtatConnecteurAttendu) -> &'static str {
    match etat {
        EtatConnecteurAttendu::NonTeste => "non testé",
        EtatConnecteurAttendu::EnEchec => "en échec",
        EtatConnecteurAttendu::Valide => "valide",
    }
}

fn oui_non(valeur: bool) -> &'static str {
    if valeur {
        "oui"
    } else {
        "non"
    }
}
