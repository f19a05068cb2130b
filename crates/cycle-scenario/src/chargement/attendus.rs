//! `[[attendus]]` → [`Attendu`]s: one kind of check per entry, every reference resolved.

use std::ops::Range;

use serde_spanned::Spanned;
use time::Date;

use super::contexte::{Contexte, JourEcrit};
use crate::erreur::{ErreurScenario, Positions};
use crate::fichier::{
    AttenduFichier, AttenduIaFichier, AttenduIaPrimoFichier, AttenduInscriptionFichier,
    AttenduOpiFichier,
};
use crate::lecture::{NOMS_CHANGEMENTS, NOMS_CONTENUS};
use crate::scenario::{Attendu, FiltreEntree, Verification};

pub(super) fn attendus(
    contexte: &Contexte,
    fichier: &[Spanned<AttenduFichier>],
) -> Result<Vec<Attendu>, ErreurScenario> {
    let mut positions = Positions::new(contexte.loc.texte);
    fichier
        .iter()
        .enumerate()
        .map(|(i, spanned)| {
            let champ = format!("attendus[{i}]");
            Ok(Attendu {
                numero: i + 1,
                position: Some(positions.de(spanned.span().start)),
                pourquoi: spanned.get_ref().pourquoi.clone(),
                verification: verification(contexte, spanned, &champ)?,
            })
        })
        .collect()
}

fn verification(
    contexte: &Contexte,
    spanned: &Spanned<AttenduFichier>,
    champ: &str,
) -> Result<Verification, ErreurScenario> {
    let a = spanned.get_ref();
    let span = Some(spanned.span());
    let etats = a.etats_finaux();
    let recherche = a.champs_transcript();
    match (etats.as_slice(), recherche.first()) {
        ([], None) => Err(contexte.erreur(
            span,
            champ,
            "attendu vide : donnez des critères de recherche (regle, type, candidat…) ou un état final (ia, ia_primo, dossiers_opi, inscription_parcoursup, connecteur)",
        )),
        ([], Some(_)) => transcript(contexte, a, span, champ),
        ([etat], None) => etat_final(contexte, a, etat, span, champ),
        ([etat], Some(critere)) => Err(contexte.erreur(
            span,
            format!("{champ}.{critere}"),
            format!("un critère de recherche ne se combine pas avec l'état final « {etat} » : écrivez deux [[attendus]]"),
        )),
        (plusieurs, _) => Err(contexte.erreur(
            span,
            champ,
            format!(
                "un attendu vérifie un seul état final, pas {} : écrivez un [[attendus]] par état",
                plusieurs.join(" et ")
            ),
        )),
    }
}

fn transcript(
    contexte: &Contexte,
    a: &AttenduFichier,
    span: Option<Range<usize>>,
    champ: &str,
) -> Result<Verification, ErreurScenario> {
    let regle = a
        .regle
        .as_ref()
        .map(|r| contexte.regle(r, &format!("{champ}.regle")))
        .transpose()?;
    let nature = a
        .nature
        .as_ref()
        .map(|n| type_connu(contexte, n, champ))
        .transpose()?;
    let candidat = a
        .candidat
        .as_ref()
        .map(|c| contexte.candidat(*c.get_ref(), Some(c.span()), &format!("{champ}.candidat")))
        .transpose()?;
    let vet = a
        .vet
        .as_ref()
        .map(|v| contexte.vet(v, &format!("{champ}.vet")))
        .transpose()?;
    let filtre = FiltreEntree {
        regle,
        nature,
        candidat,
        canal: a.canal.map(|c| c.vers_core()),
        jours: jours(contexte, a, span.clone(), champ)?,
        vet,
        decision: a.decision.map(|d| d.vers_core()),
        motif: a.motif.map(|m| m.vers_core()),
        etat_inscription: a.etat_inscription.map(|e| e.0),
        fichier: a.fichier.map(|f| f.vers_core()),
    };
    if filtre == FiltreEntree::default() {
        return Err(contexte.erreur(
            span,
            champ,
            "« absent » et « nombre » comptent les entrées d'un critère : donnez au moins regle, type, candidat, un jour, vet, decision, motif, etat_inscription ou fichier",
        ));
    }
    let nombre =
        match (a.absent, a.nombre) {
            (Some(true), Some(_)) => return Err(contexte.erreur(
                span,
                format!("{champ}.nombre"),
                "« absent = true » et « nombre » s'excluent (absent = true équivaut à nombre = 0)",
            )),
            (Some(true), None) => Some(0),
            (_, nombre) => nombre.map(|n| n as usize),
        };
    Ok(Verification::Transcript { filtre, nombre })
}

fn type_connu(
    contexte: &Contexte,
    nature: &Spanned<String>,
    champ: &str,
) -> Result<String, ErreurScenario> {
    let nom = nature.get_ref().trim();
    if NOMS_CHANGEMENTS.contains(&nom) || NOMS_CONTENUS.contains(&nom) {
        return Ok(nom.to_owned());
    }
    Err(contexte.erreur(
        Some(nature.span()),
        format!("{champ}.type"),
        format!(
            "type « {nom} » inconnu (messages : {} ; changements d'état : {})",
            NOMS_CONTENUS.join(", "),
            NOMS_CHANGEMENTS.join(", ")
        ),
    ))
}

/// `date`, `jalon` (+ `decalage`), or the range `du`/`au`.
fn jours(
    contexte: &Contexte,
    a: &AttenduFichier,
    span: Option<Range<usize>>,
    champ: &str,
) -> Result<Option<(Date, Date)>, ErreurScenario> {
    let ecrit = JourEcrit {
        date: a.date.map(|j| (j.0, span.clone())),
        jalon: a.jalon.as_ref(),
        decalage: a.decalage,
    };
    let jour = contexte.jour(ecrit, span.clone(), champ)?;
    let intervalle = (a.du.map(|j| j.0), a.au.map(|j| j.0));
    match (jour, intervalle) {
        (Some(_), (Some(_), _) | (_, Some(_))) => Err(contexte.erreur(
            span,
            format!("{champ}.{}", if a.du.is_some() { "du" } else { "au" }),
            "un jour précis (date ou jalon) et un intervalle (du, au) s'excluent",
        )),
        (Some(jour), _) => Ok(Some((jour, jour))),
        (None, (None, None)) => Ok(None),
        (None, (du, au)) => {
            let (du, au) = (du.unwrap_or(Date::MIN), au.unwrap_or(Date::MAX));
            if au < du {
                return Err(contexte.erreur(span, format!("{champ}.au"), "« au » précède « du »"));
            }
            Ok(Some((du, au)))
        }
    }
}

fn etat_final(
    contexte: &Contexte,
    a: &AttenduFichier,
    etat: &str,
    span: Option<Range<usize>>,
    champ: &str,
) -> Result<Verification, ErreurScenario> {
    let champ = format!("{champ}.{etat}");
    let candidat = |code: u32, sous_champ: &str| {
        contexte.candidat(code, span.clone(), &format!("{champ}.{sous_champ}"))
    };
    if let Some(ia) = &a.ia {
        return verification_ia(contexte, ia, span, &champ);
    }
    if let Some(AttenduIaPrimoFichier {
        candidat: code,
        vet,
        autorisee,
        refusee,
    }) = &a.ia_primo
    {
        let verdict = match (autorisee, refusee) {
            (Some(autorisation), None) => Ok(autorisation.vers_core()),
            (None, Some(motif)) => Err(motif.vers_core()),
            _ => {
                return Err(contexte.erreur(
                    span,
                    champ,
                    "indiquez soit « autorisee » (favorable, oui_si, laissez_passer), soit « refusee » (le motif)",
                ))
            }
        };
        return Ok(Verification::IaPrimo {
            candidat: candidat(*code, "candidat")?,
            vet: contexte.vet(vet, &format!("{champ}.vet"))?,
            verdict,
        });
    }
    if let Some(AttenduOpiFichier {
        candidat: code,
        nombre,
        nombre_voeux,
        vet,
        decision,
    }) = &a.dossiers_opi
    {
        let voeu = match (vet, decision) {
            (None, Some(_)) => {
                return Err(contexte.erreur(
                    span,
                    format!("{champ}.decision"),
                    "« decision » porte sur le vœu d'une VET : indiquez aussi « vet »",
                ))
            }
            (None, None) => None,
            (Some(vet), decision) => Some((
                contexte.vet(vet, &format!("{champ}.vet"))?,
                decision.map(|d| d.vers_core()),
            )),
        };
        if nombre.is_none() && nombre_voeux.is_none() && voeu.is_none() {
            return Err(contexte.erreur(
                span,
                champ,
                "indiquez ce qui est attendu : nombre, nombre_voeux ou vet (et decision)",
            ));
        }
        return Ok(Verification::DossiersOpi {
            candidat: candidat(*code, "candidat")?,
            nombre: nombre.map(|n| n as usize),
            nombre_voeux: nombre_voeux.map(|n| n as usize),
            voeu,
        });
    }
    if let Some(AttenduInscriptionFichier {
        candidat: code,
        formation,
        etat_inscription,
        absent,
    }) = &a.inscription_parcoursup
    {
        let absente = absent.unwrap_or(false);
        if absente && etat_inscription.is_some() {
            return Err(contexte.erreur(
                span,
                format!("{champ}.etat_inscription"),
                "« absent = true » et « etat_inscription » s'excluent",
            ));
        }
        return Ok(Verification::InscriptionParcoursup {
            candidat: candidat(*code, "candidat")?,
            formation: formation
                .map(|f| contexte.formation(f, span.clone(), &format!("{champ}.formation")))
                .transpose()?,
            etat_inscription: etat_inscription.map(|e| e.0),
            absente,
        });
    }
    match a.connecteur {
        Some(etat) => Ok(Verification::Connecteur(etat.vers_core())),
        None => Err(contexte.erreur(span, champ, "état final inconnu")),
    }
}

fn verification_ia(
    contexte: &Contexte,
    ia: &AttenduIaFichier,
    span: Option<Range<usize>>,
    champ: &str,
) -> Result<Verification, ErreurScenario> {
    let absente = ia.absent.unwrap_or(false);
    let precise = ia.etat.is_some()
        || ia.paiement.is_some()
        || ia.annulation_manuelle_requise.is_some()
        || ia.categorie_oui_si.is_some()
        || ia.cursus_amenage.is_some();
    if absente && precise {
        return Err(contexte.erreur(
            span,
            format!("{champ}.absent"),
            "« absent = true » exclut etat, paiement, annulation_manuelle_requise, categorie_oui_si et cursus_amenage",
        ));
    }
    if !absente && !precise {
        return Err(contexte.erreur(
            span,
            champ,
            "indiquez ce qui est attendu : etat, paiement, annulation_manuelle_requise, categorie_oui_si, cursus_amenage, ou absent = true",
        ));
    }
    Ok(Verification::Ia {
        candidat: contexte.candidat(ia.candidat, span, &format!("{champ}.candidat"))?,
        vet: contexte.vet(&ia.vet, &format!("{champ}.vet"))?,
        etat: ia.etat.map(|e| e.vers_core()),
        paiement: ia.paiement.map(|p| p.vers_core()),
        annulation_manuelle_requise: ia.annulation_manuelle_requise,
        categorie_oui_si: ia.categorie_oui_si.clone(),
        cursus_amenage: ia.cursus_amenage.clone(),
        absente,
    })
}
