//! Invariants over random summers: whatever people do, in whatever order, the rules hold.

mod commun;

use commun::*;
use cycle_core::apogee::{EtatIa, Paiement};
use cycle_core::transcript::{Changement, Contenu};
use cycle_core::*;
use proptest::prelude::*;
use time::Date;

const CODES: [u32; 4] = [1001, 1002, 1003, 1004];
const VETS: [&str; 4] = ["DL1OUI", "DL1OS3", "DL1OS4", "HL1OUI"];

fn un_code() -> impl Strategy<Value = u32> {
    prop::sample::select(CODES.to_vec())
}

fn une_vet() -> impl Strategy<Value = CodeVet> {
    prop::sample::select(VETS.to_vec()).prop_map(|etp| CodeVet {
        cod_etp: etp.into(),
        cod_vrs_vet: 1,
    })
}

fn un_evenement() -> impl Strategy<Value = Evenement> {
    let formation = prop::sample::select(vec![23456u32, 34567]);
    let reponse = prop::sample::select(vec![Reponse::Oui, Reponse::OuiSi3Ans, Reponse::OuiSi4Ans]);
    prop_oneof![
        3 => (un_code(), formation.clone(), reponse).prop_map(|(candidat, formation, reponse)| Evenement::Acceptation { candidat, formation, reponse }),
        1 => (un_code(), formation).prop_map(|(candidat, formation)| Evenement::Desistement { candidat, formation }),
        1 => un_code().prop_map(|candidat| Evenement::RenvoiOpi { candidat }),
        3 => (un_code(), une_vet(), any::<bool>()).prop_map(|(candidat, vet, payee)| Evenement::IaPrimo { candidat, vet, payee }),
        1 => (un_code(), une_vet(), any::<bool>()).prop_map(|(candidat, vet, payee)| Evenement::IaGestionnaire { candidat, vet, payee, etat_inscription: None }),
        2 => (un_code(), une_vet()).prop_map(|(candidat, vet)| Evenement::Paiement { candidat, vet }),
        1 => (un_code(), une_vet()).prop_map(|(candidat, vet)| Evenement::AnnulationIa { candidat, vet }),
        1 => (un_code(), une_vet()).prop_map(|(candidat, vet)| Evenement::LaissezPasser { candidat, vet }),
        1 => Just(Evenement::TestConnecteur),
        1 => Just(Evenement::ParametrageWebservice { identifiants: Identifiants { login: "demo-psup".into(), pwd: "demo-secret".into() } }),
        1 => Just(Evenement::TraitementRemontees),
        1 => un_code().prop_map(|candidat| Evenement::PanneEcritureVoeux { candidat }),
    ]
}

fn un_resultat() -> impl Strategy<Value = ResultatBac> {
    prop::sample::select(vec![
        ResultatBac::Admis,
        ResultatBac::Echec,
        ResultatBac::RattrapageAdmis,
        ResultatBac::RattrapageEchec,
    ])
}

/// A random summer: candidates' bac outcomes, the university's mode and connector, and dated events
/// between June and August 2024.
fn un_ete() -> impl Strategy<Value = (Configuration, Vec<(Date, Evenement)>)> {
    let mode = prop::sample::select(vec![
        ModeOpi::Webservice,
        ModeOpi::PushJson,
        ModeOpi::FichiersPlats,
    ]);
    let connecteur = prop::sample::select(vec![
        ConnecteurInitial::NonParametre,
        ConnecteurInitial::ParametreNonTeste,
        ConnecteurInitial::Valide,
    ]);
    let evenements = prop::collection::vec((0u16..90, un_evenement()), 0..40);
    (
        mode,
        connecteur,
        prop::collection::vec(un_resultat(), 4),
        any::<bool>(),
        evenements,
    )
        .prop_map(
            |(mode, connecteur, resultats, reorientation, mut evenements)| {
                let mut candidats: Vec<Candidat> = CODES
                    .iter()
                    .zip(resultats)
                    .map(|(&code, resultat)| candidat(code, resultat))
                    .collect();
                if reorientation {
                    candidats[3].profil = Profil::Reorientation;
                    candidats[3].cod_etu = Some("21000004".into());
                }
                let mut configuration = configuration(mode, candidats);
                configuration.connecteur = connecteur;
                evenements.sort_by_key(|(jour, _)| *jour);
                let debut = configuration.debut;
                let dates = evenements
                    .into_iter()
                    .map(|(jour, e)| (debut + time::Duration::days(jour.into()), e))
                    .collect();
                (configuration, dates)
            },
        )
}

/// Plays a summer, checking after every step what must hold at every step; returns the transcript.
fn jouer_en_verifiant(
    configuration: Configuration,
    evenements: &[(Date, Evenement)],
) -> Result<(Simulation, Vec<Entree>), TestCaseError> {
    let (mut simulation, mut transcript) =
        Simulation::nouvelle(configuration).expect("configuration valide");
    for (jour, evenement) in evenements {
        let avant = simulation.clone();
        transcript.extend(
            simulation
                .avancer_jusqu_au(*jour)
                .expect("dates croissantes"),
        );
        verifier_ia_valides_intactes(&avant, &simulation, None)?;
        let avant = simulation.clone();
        match simulation.traiter(evenement) {
            Ok(entrees) => {
                verifier_ia_valides_intactes(&avant, &simulation, Some(evenement))?;
                transcript.extend(entrees);
            }
            Err(_) => {
                // An error leaves the simulation exactly as it was.
                prop_assert_eq!(
                    format!("{avant:?}"),
                    format!("{simulation:?}"),
                    "{:?}",
                    evenement
                );
            }
        }
        verifier_d_sans_laissez_passer_ferme(&simulation)?;
    }
    transcript.extend(
        simulation
            .avancer_jusqu_au(Date::from_calendar_date(2024, time::Month::September, 30).unwrap())
            .unwrap(),
    );
    verifier_d_sans_laissez_passer_ferme(&simulation)?;
    Ok((simulation, transcript))
}

/// A D never proposes the VET without a laissez-passer (R4, R11).
fn verifier_d_sans_laissez_passer_ferme(simulation: &Simulation) -> Result<(), TestCaseError> {
    let apogee = simulation.apogee();
    for opi in apogee.dossiers_opi() {
        for voeu in opi.voeux.iter().filter(|v| v.decision == CodeDecision::D) {
            let vet = voeu.code_vet();
            if !apogee.a_laissez_passer(opi.code_candidat, &vet) {
                prop_assert!(
                    simulation
                        .eligibilite_ia_primo(opi.code_candidat, &vet)
                        .is_err(),
                    "{} {vet} ouvert malgré un D",
                    opi.code_candidat
                );
            }
        }
    }
    Ok(())
}

/// A D never changes a valid IA (R12): an IA leaves état E only by a staff cancellation or résiliation.
fn verifier_ia_valides_intactes(
    avant: &Simulation,
    apres: &Simulation,
    evenement: Option<&Evenement>,
) -> Result<(), TestCaseError> {
    for (ancienne, nouvelle) in avant.apogee().ias().iter().zip(apres.apogee().ias()) {
        if ancienne.etat == EtatIa::EnCours && nouvelle.etat != EtatIa::EnCours {
            let par_le_gestionnaire = matches!(evenement,
                Some(Evenement::AnnulationIa { candidat, vet } | Evenement::ResiliationIa { candidat, vet })
                    if *candidat == ancienne.code_candidat && *vet == ancienne.vet);
            prop_assert!(
                par_le_gestionnaire,
                "IA {:?} changée par {evenement:?}",
                ancienne
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_any_summer((configuration, evenements) in un_ete()) {
        let connecteur_initial = configuration.connecteur;
        let (simulation, transcript) = jouer_en_verifiant(configuration, &evenements)?;

        // Nothing is sent before a successful connector test (R6).
        let premiere_validation = transcript.iter().position(|e| matches!(&e.fait, Fait::Etat { changement: Changement::ConnecteurValide, .. }));
        let premier_envoi = transcript.iter().position(|e| matches!(&e.fait, Fait::Message { contenu: Contenu::Opi(_) | Contenu::FichiersOpi(_), .. }));
        if connecteur_initial != ConnecteurInitial::Valide {
            if let Some(envoi) = premier_envoi {
                prop_assert!(premiere_validation.is_some_and(|v| v < envoi), "OPI envoyée avant un test connecteur réussi");
            }
        }

        // An unpaid IA is never reported (R13): every remontée matches an IA paid on that formation.
        for entree in &transcript {
            if let Fait::Message { contenu: Contenu::Remontee(r), .. } = &entree.fait {
                let payee = simulation.apogee().ias_du_candidat(r.code_candidat)
                    .any(|(_, ia)| ia.code_formation_psup == r.code_formation_psup && ia.paiement == Paiement::Payee);
                prop_assert!(payee, "remontée sans IA payée : {r:?}");
            }
        }

        // Apogée never holds two OPI records for one candidate (R16).
        let mut codes: Vec<u32> = simulation.apogee().dossiers_opi().iter().map(|o| o.code_candidat).collect();
        let total = codes.len();
        codes.dedup();
        codes.sort();
        codes.dedup();
        prop_assert_eq!(total, codes.len());
    }

    #[test]
    fn replaying_the_same_events_gives_the_same_transcript((configuration, evenements) in un_ete()) {
        let (_, premier) = jouer_en_verifiant(configuration.clone(), &evenements)?;
        let (_, second) = jouer_en_verifiant(configuration, &evenements)?;
        prop_assert_eq!(premier, second);
    }
}
