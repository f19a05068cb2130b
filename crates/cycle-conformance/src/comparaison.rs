//! Expected against observed, rule by rule: each function takes what the core's `Simulation` says
//! must happen and what the pair under test did, and returns the deviations, each naming the rule it
//! breaks and saying in French what was expected and what was seen.
//!
//! Attribution follows the core's transcript: a deviation is charged to the rule the core applied at
//! that point (an extra cancellation after a D is R12, an unpaid IA reported is R13, a refusal
//! motif's rule for an IA Primo verdict). Pure functions, no IO.

use std::collections::BTreeMap;

use cycle_core::apogee::{Apogee, EtatIa, Ia, Paiement};
use cycle_core::parcoursup::EtatConnecteur;
use cycle_core::transcript::{Autorisation, Changement, Contenu, Fait, MotifRefus, OffreVet};
use cycle_core::{CodeVet, Entree, EtatInscription, Regle, Remontee};
use serde::Serialize;
use time::Date;

use crate::observation::{
    EtatApogeeObserve, IaObservee, IssueRemontee, JournalMock, RemonteeObservee,
};

/// One difference between what the core expects and what the pair under test did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ecart {
    pub regle: Regle,
    /// The simulated day it was seen, when it was seen during the run.
    pub jour: Option<Date>,
    /// What is compared: « IA Primo, candidat 1048586, VET DL1OUI/1 ».
    pub sujet: String,
    pub attendu: String,
    pub observe: String,
}

impl Ecart {
    fn new(
        regle: Regle,
        sujet: String,
        attendu: impl Into<String>,
        observe: impl Into<String>,
    ) -> Ecart {
        Ecart {
            regle,
            jour: None,
            sujet,
            attendu: attendu.into(),
            observe: observe.into(),
        }
    }
}

fn verdict_en_texte(verdict: Option<Result<Autorisation, MotifRefus>>) -> String {
    match verdict {
        None => "VET absente de l'offre".to_owned(),
        Some(Ok(Autorisation::Favorable)) => "proposée (vœu favorable)".to_owned(),
        Some(Ok(Autorisation::OuiSi)) => "proposée (vœu Oui Si)".to_owned(),
        Some(Ok(Autorisation::LaissezPasser)) => "proposée (laissez-passer)".to_owned(),
        Some(Err(motif)) => format!("refusée : {}", motif.libelle()),
    }
}

/// What IA Primo offers a candidate (R2, R3, R4, R11, R17). A VET missing from an offer counts as
/// not offered; a refusal must give the core's motif.
pub fn comparer_offres(
    candidat: u32,
    attendues: &[OffreVet],
    observees: &[OffreVet],
) -> Vec<Ecart> {
    let mut vets: BTreeMap<&CodeVet, (Option<_>, Option<_>)> = BTreeMap::new();
    for offre in attendues {
        vets.entry(&offre.vet).or_default().0 = Some(offre.verdict);
    }
    for offre in observees {
        vets.entry(&offre.vet).or_default().1 = Some(offre.verdict);
    }
    let mut ecarts = Vec::new();
    for (vet, (attendu, observe)) in vets {
        let proposee = |v: Option<Result<Autorisation, MotifRefus>>| matches!(v, Some(Ok(_)));
        let difference = match (attendu, observe) {
            (Some(a), Some(o)) => a != o,
            (a, o) => proposee(a) || proposee(o),
        };
        if !difference {
            continue;
        }
        let regle = match attendu {
            Some(Ok(autorisation)) => autorisation.regle(),
            Some(Err(motif)) => motif.regle(),
            None => Regle::R2,
        };
        ecarts.push(Ecart::new(
            regle,
            format!("IA Primo, candidat {candidat}, VET {vet}"),
            verdict_en_texte(attendu),
            verdict_en_texte(observe),
        ));
    }
    ecarts
}

/// A remontée the core sends, with the rule on its message and what the core's Parcoursup answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemonteeAttendue<'a> {
    /// R14, or R15 for a réorientation.
    pub regle: Regle,
    pub jour: Date,
    pub remontee: &'a Remontee,
    /// The core's Parcoursup answered OK (it answers NOK to a remontée its rules refuse).
    pub acceptee: bool,
}

/// The remontées the core sends, each paired with the answer that follows it in the transcript.
pub fn remontees_attendues(transcript: &[Entree]) -> Vec<RemonteeAttendue<'_>> {
    let mut attendues: Vec<RemonteeAttendue<'_>> = Vec::new();
    // The core's batch writes each remontée, then Parcoursup's answer, before the next message.
    let mut sans_reponse = false;
    for entree in transcript {
        let Fait::Message { contenu, .. } = &entree.fait else {
            continue;
        };
        match contenu {
            Contenu::Remontee(remontee) => {
                attendues.push(RemonteeAttendue {
                    regle: entree.regle,
                    jour: entree.jour,
                    remontee,
                    acceptee: true,
                });
                sans_reponse = true;
            }
            Contenu::Reponse(retour) if sans_reponse => {
                if let Some(derniere) = attendues.last_mut() {
                    derniere.acceptee = retour.ok;
                }
                sans_reponse = false;
            }
            _ => sans_reponse = false,
        }
    }
    attendues
}

fn cle(r: &Remontee) -> (u32, u32, EtatInscription) {
    (r.code_candidat, r.code_formation_psup, r.etat_inscription)
}

fn decrire_remontee(r: &Remontee) -> String {
    format!(
        "remontée état {} ({}) du candidat {}, formation {}",
        r.etat_inscription.code(),
        r.etat_inscription.libelle(),
        r.code_candidat,
        r.code_formation_psup
    )
}

/// The fields of a remontée, for a field-by-field comparison.
fn champs(r: &Remontee) -> [(&'static str, String); 7] {
    [
        ("ine", r.ine.to_string()),
        ("nom", r.nom.to_string()),
        ("prenom", r.prenom.to_string()),
        ("dateNaissance", r.date_naissance.to_string()),
        ("codeFormation1", r.code_formation1.to_string()),
        ("codeSISE", r.code_sise.to_string()),
        ("codeEtablissementAffectation", r.uai.to_string()),
    ]
}

/// The observed remontée has the outcome the core's had: accepted, or read and refused.
fn meme_issue(attendue: &RemonteeAttendue<'_>, observee: &RemonteeObservee) -> bool {
    match observee.issue {
        IssueRemontee::Acceptee => attendue.acceptee,
        IssueRemontee::RefuseeParParcoursup { .. } => !attendue.acceptee,
        IssueRemontee::NonTraitee { .. } => false,
    }
}

/// The remontées Parcoursup received against those the core sends (R12, R13, R14, R15). Only what
/// Parcoursup processed stands for an expected remontée: one sent but never accepted (a fault, an
/// HTTP 500, a refusal) is a deviation that says so, unless a later re-send was accepted.
pub fn comparer_remontees(
    transcript: &[Entree],
    apogee: &Apogee,
    observees: &[RemonteeObservee],
) -> Vec<Ecart> {
    let attendues = remontees_attendues(transcript);
    let mut restantes: Vec<&RemonteeObservee> =
        observees.iter().filter(|o| o.issue.traitee()).collect();
    let mut ecarts = Vec::new();
    for attendue in &attendues {
        let sujet = decrire_remontee(attendue.remontee);
        let Some(position) = restantes
            .iter()
            .position(|o| cle(&o.remontee) == cle(attendue.remontee) && meme_issue(attendue, o))
        else {
            ecarts.push(remontee_manquante(attendue, observees));
            // Its attempts with another outcome are told in that deviation, not as extras.
            restantes.retain(|o| cle(&o.remontee) != cle(attendue.remontee));
            continue;
        };
        let observee = restantes.remove(position);
        for ((champ, a), (_, o)) in champs(attendue.remontee)
            .into_iter()
            .zip(champs(&observee.remontee))
        {
            if a != o {
                ecarts.push(Ecart::new(
                    attendue.regle,
                    format!("{sujet}, champ {champ}"),
                    a,
                    o,
                ));
            }
        }
    }
    let attendue_aussi = |r: &Remontee| attendues.iter().any(|a| cle(a.remontee) == cle(r));
    for extra in restantes {
        // A refused attempt at an expected remontée: reported with it, or re-sent and accepted.
        if extra.issue != IssueRemontee::Acceptee && attendue_aussi(&extra.remontee) {
            continue;
        }
        let jour = extra.jour.as_deref().unwrap_or("?");
        let observe = match &extra.issue {
            IssueRemontee::Acceptee => format!("reçue par Parcoursup le {jour}"),
            refus => format!("reçue par Parcoursup le {jour}, {}", refus.en_texte()),
        };
        ecarts.push(remontee_en_trop(
            transcript,
            apogee,
            &extra.remontee,
            observe,
        ));
    }
    // Sent, never processed, and nothing else stands for it: still a remontée that left.
    let mut vues: Vec<(u32, u32, EtatInscription)> = observees
        .iter()
        .filter(|o| o.issue.traitee())
        .map(|o| cle(&o.remontee))
        .collect();
    for perdue in observees.iter().filter(|o| !o.issue.traitee()) {
        let cle_perdue = cle(&perdue.remontee);
        if attendue_aussi(&perdue.remontee) || vues.contains(&cle_perdue) {
            continue;
        }
        vues.push(cle_perdue);
        let observe = format!(
            "envoyée le {}, {}",
            perdue.jour.as_deref().unwrap_or("?"),
            perdue.issue.en_texte()
        );
        ecarts.push(remontee_en_trop(
            transcript,
            apogee,
            &perdue.remontee,
            observe,
        ));
    }
    ecarts
}

/// An expected remontée nothing observed stands for: never sent, or sent and never accepted.
fn remontee_manquante(attendue: &RemonteeAttendue<'_>, observees: &[RemonteeObservee]) -> Ecart {
    let tentatives: Vec<String> = observees
        .iter()
        .filter(|o| cle(&o.remontee) == cle(attendue.remontee) && !meme_issue(attendue, o))
        .map(|o| {
            format!(
                "le {}, {}",
                o.jour.as_deref().unwrap_or("?"),
                o.issue.en_texte()
            )
        })
        .collect();
    let regle = match (attendue.regle, attendue.remontee.etat_inscription) {
        (Regle::R15, _) => Regle::R15,
        // Sent: the row was written (R13) and the batch did not get it through (R14).
        _ if !tentatives.is_empty() => Regle::R14,
        // Never sent: for a cancellation the batch did not send it (R14); otherwise the row was
        // never written (R13).
        (_, EtatInscription::Annulee) => Regle::R14,
        _ => Regle::R13,
    };
    let attendu = if attendue.acceptee {
        "acceptée par Parcoursup"
    } else {
        "lue par Parcoursup, qui répond NOK"
    };
    let observe = if tentatives.is_empty() {
        "jamais reçue par Parcoursup".to_owned()
    } else if attendue.acceptee {
        format!("envoyée mais jamais acceptée : {}", tentatives.join(" ; "))
    } else {
        format!("envoyée : {}", tentatives.join(" ; "))
    };
    let mut ecart = Ecart::new(regle, decrire_remontee(attendue.remontee), attendu, observe);
    ecart.jour = Some(attendue.jour);
    ecart
}

/// A remontée the core does not send.
fn remontee_en_trop(
    transcript: &[Entree],
    apogee: &Apogee,
    r: &Remontee,
    observe: String,
) -> Ecart {
    Ecart::new(
        regle_remontee_en_trop(transcript, apogee, r),
        decrire_remontee(r),
        "aucune remontée de ce genre",
        observe,
    )
}

/// Why a remontée should not have left: a cancellation after a D that must stay manual (R12), an
/// IA unpaid or not first-year (R13), otherwise the batch (R14).
fn regle_remontee_en_trop(transcript: &[Entree], apogee: &Apogee, r: &Remontee) -> Regle {
    let sur_le_candidat = |test: &dyn Fn(&Changement) -> bool| {
        transcript.iter().any(|e| match &e.fait {
            Fait::Etat { changement, .. } => {
                changement.code_candidat() == Some(r.code_candidat) && test(changement)
            }
            _ => false,
        })
    };
    if r.etat_inscription == EtatInscription::Annulee
        && sur_le_candidat(&|c| matches!(c, Changement::AnnulationManuelleRequise { .. }))
    {
        return Regle::R12;
    }
    let non_payee = apogee
        .ias_du_candidat(r.code_candidat)
        .any(|(_, ia)| ia.paiement == Paiement::EnAttente);
    if non_payee || sur_le_candidat(&|c| matches!(c, Changement::IaNonRemontee { .. })) {
        return Regle::R13;
    }
    Regle::R14
}

fn etat_code(etat: EtatIa) -> &'static str {
    match etat {
        EtatIa::EnCours => "E",
        EtatIa::Annulee => "A",
        EtatIa::Resiliee => "R",
        EtatIa::EnCreation => "C",
    }
}

fn paiement_code(paiement: Paiement) -> &'static str {
    match paiement {
        Paiement::Payee => "P",
        Paiement::EnAttente => "A",
    }
}

/// The rule of the core's entry about this IA: its creation, or the refusal's motif.
fn regle_de_l_ia(transcript: &[Entree], candidat: u32, vet: &CodeVet) -> Regle {
    transcript
        .iter()
        .rev()
        .find_map(|e| match &e.fait {
            Fait::Etat {
                changement:
                    Changement::IaCreee {
                        code_candidat,
                        vet: v,
                        ..
                    },
                ..
            } if *code_candidat == candidat && v == vet => Some(e.regle),
            Fait::Etat {
                changement:
                    Changement::IaRefusee {
                        code_candidat,
                        vet: v,
                        motif,
                        ..
                    },
                ..
            } if *code_candidat == candidat && v == vet => Some(motif.regle()),
            _ => None,
        })
        .unwrap_or(Regle::R17)
}

/// The rule of the last OPI the core sent the candidate (R1, R6, R7–R10, R16).
fn regle_derniere_opi(transcript: &[Entree], candidat: u32) -> Regle {
    transcript
        .iter()
        .rev()
        .find_map(|e| match &e.fait {
            Fait::Message {
                contenu: Contenu::Opi(opi),
                ..
            } if opi.code_candidat == candidat => Some(e.regle),
            Fait::Message {
                contenu: Contenu::FichiersOpi(f),
                ..
            } if f.opi.iter().any(|o| o.code_candidat == candidat) => Some(e.regle),
            _ => None,
        })
        .unwrap_or(Regle::R1)
}

fn derniere<'a, T>(liste: impl Iterator<Item = &'a T>, est: impl Fn(&T) -> bool) -> Option<&'a T> {
    liste.filter(|x| est(x)).last()
}

/// Apogée's IAs and OPI records at the end (R1, R3, R12, R13, R16, R17).
pub fn comparer_apogee(
    apogee: &Apogee,
    transcript: &[Entree],
    observe: &EtatApogeeObserve,
) -> Vec<Ecart> {
    let mut ecarts = Vec::new();
    let mut vues: Vec<(u32, CodeVet)> = Vec::new();
    for attendue in apogee.ias() {
        let cle = (attendue.code_candidat, attendue.vet.clone());
        if vues.contains(&cle) {
            continue;
        }
        vues.push(cle.clone());
        let attendue = derniere(apogee.ias().iter(), |ia: &Ia| {
            (ia.code_candidat, ia.vet.clone()) == cle
        })
        .unwrap_or(attendue);
        let sujet = format!("IA du candidat {}, VET {}", cle.0, cle.1);
        let Some(observee) = derniere(observe.ias.iter(), |ia: &IaObservee| {
            (ia.code_candidat, ia.vet.clone()) == cle
        }) else {
            ecarts.push(Ecart::new(
                regle_de_l_ia(transcript, cle.0, &cle.1),
                sujet,
                format!("IA {} créée", etat_code(attendue.etat)),
                "aucune IA",
            ));
            continue;
        };
        ecarts.extend(comparer_une_ia(attendue, observee, &sujet));
    }
    for observee in &observe.ias {
        let cle = (observee.code_candidat, observee.vet.clone());
        if vues.contains(&cle) {
            continue;
        }
        vues.push(cle.clone());
        ecarts.push(Ecart::new(
            regle_de_l_ia(transcript, cle.0, &cle.1),
            format!("IA du candidat {}, VET {}", cle.0, cle.1),
            "aucune IA (refusée ou jamais demandée)",
            format!("IA {} créée", observee.etat.as_deref().unwrap_or("?")),
        ));
    }
    ecarts.extend(comparer_dossiers(apogee, transcript, observe));
    ecarts
}

fn comparer_une_ia(attendue: &Ia, observee: &IaObservee, sujet: &str) -> Vec<Ecart> {
    let mut ecarts = Vec::new();
    let mut champ = |regle, nom: &str, a: Option<String>, o: &Option<String>| {
        // A field the connector does not show is not observable, not a deviation.
        if let Some(o) = o {
            if a.as_deref() != Some(o.as_str()) {
                ecarts.push(Ecart::new(
                    regle,
                    format!("{sujet}, {nom}"),
                    a.unwrap_or_else(|| "vide".to_owned()),
                    o.clone(),
                ));
            }
        }
    };
    let regle_etat = if attendue.annulation_manuelle_requise {
        Regle::R12
    } else {
        Regle::R14
    };
    champ(
        regle_etat,
        "état (ETA_IAE)",
        Some(etat_code(attendue.etat).to_owned()),
        &observee.etat,
    );
    champ(
        Regle::R13,
        "paiement (ETA_PMT_IAE)",
        Some(paiement_code(attendue.paiement).to_owned()),
        &observee.paiement,
    );
    champ(
        Regle::R12,
        "annulation manuelle requise",
        Some(attendue.annulation_manuelle_requise.to_string()),
        &observee.annulation_manuelle_requise.map(|b| b.to_string()),
    );
    // R3: catégorie and cursus aménagé are filled from a vœu S, and only then.
    for (nom, a, o) in [
        (
            "catégorie Oui Si",
            &attendue.categorie_oui_si,
            &observee.categorie_oui_si,
        ),
        (
            "cursus aménagé",
            &attendue.cursus_amenage,
            &observee.cursus_amenage,
        ),
    ] {
        if a != o {
            ecarts.push(Ecart::new(
                Regle::R3,
                format!("{sujet}, {nom}"),
                a.clone().unwrap_or_else(|| "vide".to_owned()),
                o.clone().unwrap_or_else(|| "vide".to_owned()),
            ));
        }
    }
    ecarts
}

fn comparer_dossiers(
    apogee: &Apogee,
    transcript: &[Entree],
    observe: &EtatApogeeObserve,
) -> Vec<Ecart> {
    let mut ecarts = Vec::new();
    let mut candidats: Vec<u32> = apogee
        .dossiers_opi()
        .iter()
        .map(|o| o.code_candidat)
        .collect();
    candidats.extend(observe.dossiers_opi.iter().map(|d| d.code_candidat));
    candidats.sort_unstable();
    candidats.dedup();
    for candidat in candidats {
        let attendu = apogee.dossier_opi(candidat);
        let observes: Vec<_> = observe
            .dossiers_opi
            .iter()
            .filter(|d| d.code_candidat == candidat)
            .collect();
        let sujet = format!("dossier OPI du candidat {candidat}");
        if observes.len() > 1 {
            ecarts.push(Ecart::new(
                Regle::R16,
                sujet.clone(),
                "un seul dossier OPI",
                format!("{} dossiers OPI", observes.len()),
            ));
        }
        let regle = regle_derniere_opi(transcript, candidat);
        match (attendu, observes.last()) {
            (Some(_), None) => ecarts.push(Ecart::new(
                regle,
                sujet,
                "dossier OPI enregistré",
                "aucun dossier",
            )),
            (None, Some(_)) => {
                ecarts.push(Ecart::new(regle, sujet, "aucun dossier OPI", "un dossier"))
            }
            (Some(attendu), Some(observe)) => {
                let mut a: Vec<String> = attendu
                    .voeux
                    .iter()
                    .map(|v| format!("{} {:?}", v.code_vet(), v.decision))
                    .collect();
                let mut o: Vec<String> = observe
                    .voeux
                    .iter()
                    .map(|v| format!("{} {:?}", v.vet, v.decision))
                    .collect();
                a.sort();
                o.sort();
                if a != o {
                    ecarts.push(Ecart::new(
                        regle,
                        format!("{sujet}, vœux"),
                        liste_ou_aucun(&a),
                        liste_ou_aucun(&o),
                    ));
                }
            }
            (None, None) => {}
        }
    }
    ecarts
}

fn liste_ou_aucun(voeux: &[String]) -> String {
    if voeux.is_empty() {
        "aucun vœu".to_owned()
    } else {
        voeux.join(", ")
    }
}

/// OPI deliveries the connector refused or left unanswered (R1: a valid OPI is stored).
pub fn comparer_livraisons(journal: &JournalMock) -> Vec<Ecart> {
    let mut ecarts: Vec<Ecart> = journal
        .livraisons_refusees
        .iter()
        .map(|l| {
            Ecart::new(
                Regle::R1,
                format!(
                    "livraison d'OPI {} du {}",
                    l.route,
                    l.jour.as_deref().unwrap_or("?")
                ),
                "acquittée par le connecteur",
                format!("{} : {}", l.verdict, l.detail),
            )
        })
        .collect();
    ecarts.extend(journal.illisibles.iter().map(|i| {
        Ecart::new(
            Regle::R14,
            format!("remontée du {}", i.jour.as_deref().unwrap_or("?")),
            "un majInscriptionAdministrative lisible",
            i.raison.clone(),
        )
    }));
    ecarts
}

fn etat_connecteur(etat: &EtatConnecteur) -> &'static str {
    match etat {
        EtatConnecteur::NonTeste => "non_teste",
        EtatConnecteur::EnEchec { .. } => "en_echec",
        EtatConnecteur::Valide { .. } => "valide",
    }
}

/// The connector status Parcoursup ends with (R6).
pub fn comparer_connecteur(attendu: &EtatConnecteur, observe: Option<&str>) -> Vec<Ecart> {
    let attendu = etat_connecteur(attendu);
    match observe {
        Some(observe) if observe != attendu => vec![Ecart::new(
            Regle::R6,
            "connecteur vu par Parcoursup".to_owned(),
            attendu,
            observe,
        )],
        _ => Vec::new(),
    }
}
