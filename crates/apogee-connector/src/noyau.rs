//! The calls to Apogée's side of the core that `cycle-core` does not make public yet: the
//! university's actions and the connector test. One place, so that the day the core exposes them the
//! `coeur-apogee` feature (and this module's second half) can go.
//!
//! Without the feature, each call is refused with an error naming it, never silently skipped.

use cycle_core::apogee::Apogee;
#[cfg(feature = "coeur-apogee")]
use cycle_core::message::EtatInscription;
use cycle_core::transcript::Journal;
use cycle_core::{Evenement, Identifiants, Remontee};

use crate::actions::ErreurAction;

/// Applies a university action that changes Apogée (IA, payment, cancellation, résiliation,
/// laissez-passer, set-up, fault). Other events are the caller's.
#[cfg(feature = "coeur-apogee")]
pub(crate) fn appliquer(
    apogee: &mut Apogee,
    journal: &mut Journal,
    evenement: Evenement,
) -> Result<(), ErreurAction> {
    match evenement {
        Evenement::ParametrageWebservice { identifiants } => {
            apogee.parametrer_webservice(journal, identifiants)
        }
        Evenement::IaPrimo {
            candidat,
            vet,
            payee,
        } => apogee.ia_primo(journal, candidat, vet, payee)?,
        Evenement::IaReins {
            candidat,
            vet,
            payee,
        } => apogee.ia_reins(journal, candidat, vet, payee)?,
        Evenement::IaGestionnaire {
            candidat,
            vet,
            payee,
            etat_inscription,
        } => apogee.ia_gestionnaire(
            journal,
            candidat,
            vet,
            payee,
            etat_inscription.unwrap_or(EtatInscription::Principale),
        )?,
        Evenement::Paiement { candidat, vet } => apogee.payer(journal, candidat, vet)?,
        Evenement::AnnulationIa { candidat, vet } => apogee.annuler(journal, candidat, vet)?,
        Evenement::ResiliationIa { candidat, vet } => apogee.resilier(journal, candidat, vet)?,
        Evenement::LaissezPasser { candidat, vet } => {
            apogee.creer_laissez_passer(journal, candidat, vet)?
        }
        Evenement::PanneEcritureVoeux { candidat } => apogee.armer_panne_ecriture_voeux(candidat),
        autre => return Err(ErreurAction::CoteParcoursup(autre.libelle())),
    }
    Ok(())
}

/// "Tester connecteur": the call to make, or `None` (said by the core) when the remontée webservice
/// is not set up.
#[cfg(feature = "coeur-apogee")]
pub(crate) fn test_connecteur(
    apogee: &Apogee,
    journal: &mut Journal,
) -> Result<Option<(Identifiants, Remontee)>, ErreurAction> {
    Ok(apogee.test_connecteur(journal))
}

#[cfg(not(feature = "coeur-apogee"))]
pub(crate) fn appliquer(
    _: &mut Apogee,
    _: &mut Journal,
    evenement: Evenement,
) -> Result<(), ErreurAction> {
    Err(ErreurAction::CoeurIncomplet(evenement.libelle()))
}

#[cfg(not(feature = "coeur-apogee"))]
pub(crate) fn test_connecteur(
    _: &Apogee,
    _: &mut Journal,
) -> Result<Option<(Identifiants, Remontee)>, ErreurAction> {
    Err(ErreurAction::CoeurIncomplet("« Tester connecteur »"))
}
