//! The cycle end to end through `Simulation`, one behaviour per test.

mod commun;

use commun::*;
use cycle_core::message::Remontee;
use cycle_core::transcript::{Contenu, MotifRefus};
use cycle_core::*;
use time::macros::date;

#[test]
fn nominal_f_registers_pays_and_is_reported_the_same_night() {
    let (simulation, transcript) = jouer(
        configuration(
            ModeOpi::Webservice,
            vec![candidat(1048576, ResultatBac::Admis)],
        ),
        &[
            (
                date!(2024 - 06 - 04),
                Evenement::Acceptation {
                    candidat: 1048576,
                    formation: 23456,
                    reponse: Reponse::Oui,
                },
            ),
            (
                date!(2024 - 07 - 10),
                Evenement::IaPrimo {
                    candidat: 1048576,
                    vet: code("DL1OUI"),
                    payee: true,
                },
            ),
            (
                date!(2024 - 07 - 11),
                Evenement::ConsultationIaPrimo { candidat: 1048576 },
            ),
        ],
    );
    for line in &transcript {
        println!("{} {:>3} {}", line.jour, line.regle, line.explication);
    }
    let remontees: Vec<&Remontee> = transcript
        .iter()
        .filter_map(|e| match &e.fait {
            Fait::Message {
                contenu: Contenu::Remontee(r),
                ..
            } => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(remontees.len(), 1);
    assert_eq!(remontees[0].etat_inscription, EtatInscription::Principale);
    let dossier = simulation.parcoursup().dossier(1048576).unwrap();
    assert_eq!(dossier.inscriptions.len(), 1);
    assert_eq!(
        simulation.eligibilite_ia_primo(1048576, &code("DL1OUI")),
        Err(MotifRefus::DejaInscrit)
    );
}
