//! `[[evenements]]` → dated core `Evenement`s: the fields each type takes, the day, the order, and the
//! references (candidate, formation, VET, answer).

use cycle_core::calendrier::date_fr;
use cycle_core::{ErreurEvenement, EtatInscription, Evenement, Identifiants};
use serde_spanned::Spanned;
use time::Date;

use super::configuration::JOURS_MAX;
use super::contexte::{date_situee, Contexte, JourEcrit};
use super::raison_du_core;
use crate::erreur::{ErreurScenario, Positions};
use crate::fichier::{EvenementFichier, ReponseFichier, TypeEvenement};
use crate::scenario::EvenementPrevu;

pub(super) fn evenements(
    contexte: &Contexte,
    fichier: &[Spanned<EvenementFichier>],
    debut: Date,
) -> Result<Vec<EvenementPrevu>, ErreurScenario> {
    let mut prevus: Vec<EvenementPrevu> = Vec::with_capacity(fichier.len());
    let mut positions = Positions::new(contexte.loc.texte);
    for (i, spanned) in fichier.iter().enumerate() {
        let champ = format!("evenements[{i}]");
        let e = spanned.get_ref();
        let span = Some(spanned.span());
        verifier_champs(contexte, e, spanned, &champ)?;
        let ecrit = JourEcrit {
            date: date_situee(e.date.as_ref()),
            jalon: e.jalon.as_ref(),
            decalage: e.decalage,
        };
        let jour = contexte.jour(ecrit, span.clone(), &champ)?.ok_or_else(|| {
            contexte.erreur(
                span.clone(),
                champ.clone(),
                "jour absent : indiquez « date = 2024-07-09 » ou « jalon = \"lendemain_resultats_bac\" »",
            )
        })?;
        let champ_jour = if e.jalon.is_some() {
            format!("{champ}.jalon")
        } else {
            format!("{champ}.date")
        };
        if jour < debut {
            return Err(contexte.erreur(
                span,
                champ_jour,
                format!(
                    "le {} précède le premier jour de la simulation ({}, campagne.debut)",
                    date_fr(jour),
                    date_fr(debut)
                ),
            ));
        }
        if (jour - debut).whole_days() >= JOURS_MAX {
            return Err(contexte.erreur(
                span,
                champ_jour,
                format!(
                    "le {} est à plus de {JOURS_MAX} jours du premier jour de la simulation ({})",
                    date_fr(jour),
                    date_fr(debut)
                ),
            ));
        }
        if let Some(precedent) = prevus.last().filter(|p| p.jour > jour) {
            return Err(contexte.erreur(
                span,
                champ_jour,
                format!(
                    "le {} précède l'événement précédent (evenements[{}], le {}) : les événements doivent suivre l'ordre des dates",
                    date_fr(jour),
                    i - 1,
                    date_fr(precedent.jour)
                ),
            ));
        }
        prevus.push(EvenementPrevu {
            numero: i + 1,
            position: Some(positions.de(spanned.span().start)),
            jour,
            evenement: evenement(contexte, e, &champ)?,
            note: e.note.clone(),
        });
    }
    Ok(prevus)
}

/// Each type takes its own fields: a missing one, or one it would ignore, is a mistake worth saying.
fn verifier_champs(
    contexte: &Contexte,
    e: &EvenementFichier,
    spanned: &Spanned<EvenementFichier>,
    champ: &str,
) -> Result<(), ErreurScenario> {
    let nature = *e.nature.get_ref();
    let champs = nature.champs();
    let presents = e.champs_presents();
    let acceptes: Vec<&str> = champs
        .obligatoires
        .iter()
        .chain(champs.facultatifs)
        .copied()
        .collect();
    if let Some(inutile) = presents.iter().find(|c| !acceptes.contains(c)) {
        let possibles = if acceptes.is_empty() {
            "aucun champ en dehors du jour et de la note".to_owned()
        } else {
            format!("champs possibles : {}", acceptes.join(", "))
        };
        return Err(contexte.erreur(
            Some(spanned.span()),
            format!("{champ}.{inutile}"),
            format!("sans objet pour type = « {} » ({possibles})", nature.nom()),
        ));
    }
    if let Some(manquant) = champs.obligatoires.iter().find(|c| !presents.contains(c)) {
        return Err(contexte.erreur(
            Some(spanned.span()),
            format!("{champ}.{manquant}"),
            format!("obligatoire pour type = « {} »", nature.nom()),
        ));
    }
    Ok(())
}

/// The core event; the fields are known present ([`verifier_champs`]) but still read without panic.
fn evenement(
    contexte: &Contexte,
    e: &EvenementFichier,
    champ: &str,
) -> Result<Evenement, ErreurScenario> {
    let candidat = || -> Result<u32, ErreurScenario> {
        let code = e
            .candidat
            .as_ref()
            .ok_or_else(|| manquant(contexte, champ, "candidat"))?;
        contexte.candidat(
            *code.get_ref(),
            Some(code.span()),
            &format!("{champ}.candidat"),
        )
    };
    let formation = || -> Result<u32, ErreurScenario> {
        let code = e
            .formation
            .as_ref()
            .ok_or_else(|| manquant(contexte, champ, "formation"))?;
        contexte.formation(
            *code.get_ref(),
            Some(code.span()),
            &format!("{champ}.formation"),
        )
    };
    let vet = || {
        let texte = e
            .vet
            .as_ref()
            .ok_or_else(|| manquant(contexte, champ, "vet"))?;
        contexte.vet(texte, &format!("{champ}.vet"))
    };
    let payee = e.payee.unwrap_or(false);
    Ok(match *e.nature.get_ref() {
        TypeEvenement::ParametrageWebservice => {
            let delivres = &contexte.configuration.universite.identifiants_parcoursup;
            Evenement::ParametrageWebservice {
                identifiants: Identifiants {
                    login: e.login.clone().unwrap_or_else(|| delivres.login.clone()),
                    pwd: e
                        .mot_de_passe
                        .clone()
                        .unwrap_or_else(|| delivres.pwd.clone()),
                },
            }
        }
        TypeEvenement::TestConnecteur => Evenement::TestConnecteur,
        TypeEvenement::Acceptation => {
            let formation = formation()?;
            let reponse = e.reponse.unwrap_or(ReponseFichier::Oui).vers_core();
            let a_la_vet = contexte
                .configuration
                .universite
                .formation(formation)
                .and_then(|f| f.vet_pour(reponse))
                .is_some();
            if !a_la_vet {
                return Err(contexte.erreur(
                    e.formation.as_ref().map(Spanned::span),
                    format!("{champ}.reponse"),
                    format!(
                        "la formation {formation} n'a pas de VET « {} » (R5)",
                        reponse.libelle()
                    ),
                ));
            }
            Evenement::Acceptation {
                candidat: candidat()?,
                formation,
                reponse,
            }
        }
        TypeEvenement::Desistement => Evenement::Desistement {
            candidat: candidat()?,
            formation: formation()?,
        },
        TypeEvenement::RenvoiOpi => Evenement::RenvoiOpi {
            candidat: candidat()?,
        },
        TypeEvenement::ConsultationIaPrimo => Evenement::ConsultationIaPrimo {
            candidat: candidat()?,
        },
        TypeEvenement::IaPrimo => Evenement::IaPrimo {
            candidat: candidat()?,
            vet: vet()?,
            payee,
        },
        TypeEvenement::IaReins => {
            let code = candidat()?;
            let connu_d_apogee = contexte
                .configuration
                .candidats
                .iter()
                .any(|c| c.code_candidat == code && c.cod_etu.is_some());
            if !connu_d_apogee {
                return Err(contexte.erreur(
                    e.candidat.as_ref().map(Spanned::span),
                    format!("{champ}.candidat"),
                    format!("le candidat {code} n'a pas de cod_etu : l'IA Réins est réservée aux étudiants déjà connus d'Apogée (écrire cod_etu dans [[candidats]])"),
                ));
            }
            Evenement::IaReins {
                candidat: code,
                vet: vet()?,
                payee,
            }
        }
        TypeEvenement::IaGestionnaire => {
            let etat_inscription = e.etat_inscription.as_ref().map(|etat| etat.get_ref().0);
            if etat_inscription == Some(EtatInscription::Annulee) {
                // The core refuses it too; said here with the field's position.
                return Err(contexte.erreur(
                    e.etat_inscription.as_ref().map(Spanned::span),
                    format!("{champ}.etat_inscription"),
                    raison_du_core(&ErreurEvenement::EtatInscriptionAnnulee.to_string()),
                ));
            }
            Evenement::IaGestionnaire {
                candidat: candidat()?,
                vet: vet()?,
                payee,
                etat_inscription,
            }
        }
        TypeEvenement::Paiement => Evenement::Paiement {
            candidat: candidat()?,
            vet: vet()?,
        },
        TypeEvenement::AnnulationIa => Evenement::AnnulationIa {
            candidat: candidat()?,
            vet: vet()?,
        },
        TypeEvenement::ResiliationIa => Evenement::ResiliationIa {
            candidat: candidat()?,
            vet: vet()?,
        },
        TypeEvenement::LaissezPasser => Evenement::LaissezPasser {
            candidat: candidat()?,
            vet: vet()?,
        },
        TypeEvenement::TraitementRemontees => Evenement::TraitementRemontees,
        TypeEvenement::PanneEcritureVoeux => Evenement::PanneEcritureVoeux {
            candidat: candidat()?,
        },
    })
}

fn manquant(contexte: &Contexte, champ: &str, nom: &str) -> ErreurScenario {
    contexte.erreur(None, format!("{champ}.{nom}"), "obligatoire")
}
