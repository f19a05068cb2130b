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

fn accepter(candidat: u32, reponse: Reponse) -> Evenement {
    Evenement::Acceptation {
        candidat,
        formation: 23456,
        reponse,
    }
}

fn decision_dans_apogee(simulation: &Simulation, candidat: u32) -> Vec<CodeDecision> {
    simulation
        .apogee()
        .dossier_opi(candidat)
        .unwrap()
        .voeux
        .iter()
        .map(|v| v.decision)
        .collect()
}

#[test]
fn bac_failure_keeps_f_on_results_day_then_sends_d_and_closes_ia_primo() {
    let config = configuration(
        ModeOpi::Webservice,
        vec![candidat(2001, ResultatBac::Echec)],
    );
    let (mut simulation, transcript) = jouer(
        config,
        &[(date!(2024 - 06 - 04), accepter(2001, Reponse::Oui))],
    );
    assert_eq!(
        regles(&transcript)[1],
        Regle::R7,
        "the OPI of a future failure says R7"
    );
    simulation.avancer_jusqu_au(date!(2024 - 07 - 08)).unwrap();
    assert_eq!(decision_dans_apogee(&simulation, 2001), [CodeDecision::F]);
    assert!(simulation
        .eligibilite_ia_primo(2001, &code("DL1OUI"))
        .is_ok());
    let lendemain = simulation.avancer_jusqu_au(date!(2024 - 07 - 09)).unwrap();
    assert_eq!(decision_dans_apogee(&simulation, 2001), [CodeDecision::D]);
    assert!(regles(&lendemain).contains(&Regle::R8));
    assert_eq!(changements(&lendemain, "inscription_web_fermee").len(), 1);
    assert_eq!(
        simulation.eligibilite_ia_primo(2001, &code("DL1OUI")),
        Err(MotifRefus::DecisionDefavorable)
    );
}

#[test]
fn rattrapage_failure_turns_d_the_day_after_its_results_only() {
    let config = configuration(
        ModeOpi::Webservice,
        vec![candidat(2002, ResultatBac::RattrapageEchec)],
    );
    let (mut simulation, _) = jouer(
        config,
        &[(date!(2024 - 06 - 04), accepter(2002, Reponse::Oui))],
    );
    simulation.avancer_jusqu_au(date!(2024 - 07 - 11)).unwrap();
    assert_eq!(decision_dans_apogee(&simulation, 2002), [CodeDecision::F]);
    let lendemain = simulation.avancer_jusqu_au(date!(2024 - 07 - 12)).unwrap();
    assert_eq!(decision_dans_apogee(&simulation, 2002), [CodeDecision::D]);
    assert!(lendemain
        .iter()
        .any(|e| e.regle == Regle::R9 && matches!(e.fait, Fait::Message { .. })));
}

#[test]
fn desistement_after_a_paid_ia_keeps_the_ia_and_flags_it() {
    let config = configuration(
        ModeOpi::Webservice,
        vec![candidat(2003, ResultatBac::Admis)],
    );
    let (simulation, transcript) = jouer(
        config,
        &[
            (date!(2024 - 06 - 04), accepter(2003, Reponse::Oui)),
            (
                date!(2024 - 07 - 10),
                Evenement::IaPrimo {
                    candidat: 2003,
                    vet: code("DL1OUI"),
                    payee: true,
                },
            ),
            (
                date!(2024 - 07 - 20),
                Evenement::Desistement {
                    candidat: 2003,
                    formation: 23456,
                },
            ),
        ],
    );
    let ia = &simulation.apogee().ias()[0];
    assert_eq!(
        (ia.etat, ia.paiement),
        (
            cycle_core::apogee::EtatIa::EnCours,
            cycle_core::apogee::Paiement::Payee
        )
    );
    assert!(ia.annulation_manuelle_requise);
    assert_eq!(
        changements(&transcript, "annulation_manuelle_requise")[0].regle,
        Regle::R12
    );
}

#[test]
fn cancelling_a_paid_ia_is_reported_with_etat_3_and_an_unpaid_one_is_not() {
    let config = configuration(
        ModeOpi::Webservice,
        vec![
            candidat(2004, ResultatBac::Admis),
            candidat(2005, ResultatBac::Admis),
        ],
    );
    let (simulation, transcript) = jouer(
        config,
        &[
            (date!(2024 - 06 - 04), accepter(2004, Reponse::Oui)),
            (date!(2024 - 06 - 04), accepter(2005, Reponse::Oui)),
            (
                date!(2024 - 07 - 10),
                Evenement::IaPrimo {
                    candidat: 2004,
                    vet: code("DL1OUI"),
                    payee: true,
                },
            ),
            (
                date!(2024 - 07 - 10),
                Evenement::IaPrimo {
                    candidat: 2005,
                    vet: code("DL1OUI"),
                    payee: false,
                },
            ),
            (
                date!(2024 - 07 - 15),
                Evenement::AnnulationIa {
                    candidat: 2004,
                    vet: code("DL1OUI"),
                },
            ),
            (
                date!(2024 - 07 - 15),
                Evenement::AnnulationIa {
                    candidat: 2005,
                    vet: code("DL1OUI"),
                },
            ),
            (date!(2024 - 07 - 16), Evenement::TraitementRemontees),
        ],
    );
    let etats: Vec<(u32, u8)> = transcript
        .iter()
        .filter_map(|e| match &e.fait {
            Fait::Message {
                contenu: Contenu::Remontee(r),
                ..
            } => Some((r.code_candidat, r.etat_inscription.code())),
            _ => None,
        })
        .collect();
    assert_eq!(etats, [(2004, 1), (2004, 3)]);
    let connu = &simulation.parcoursup().dossier(2004).unwrap().inscriptions[0];
    assert_eq!(connu.etat_inscription, EtatInscription::Annulee);
}

#[test]
fn no_opi_until_the_connector_test_succeeds_then_the_held_ones_leave() {
    let mut config = configuration(
        ModeOpi::Webservice,
        vec![candidat(2006, ResultatBac::Admis)],
    );
    config.connecteur = ConnecteurInitial::NonParametre;
    let mauvais = Identifiants {
        login: "demo-psup".into(),
        pwd: "faux".into(),
    };
    let bons = Identifiants {
        login: "demo-psup".into(),
        pwd: "demo-secret".into(),
    };
    let (simulation, transcript) = jouer(
        config,
        &[
            (date!(2024 - 06 - 04), accepter(2006, Reponse::Oui)),
            (date!(2024 - 06 - 05), Evenement::TestConnecteur),
            (
                date!(2024 - 06 - 06),
                Evenement::ParametrageWebservice {
                    identifiants: mauvais,
                },
            ),
            (date!(2024 - 06 - 06), Evenement::TestConnecteur),
            (
                date!(2024 - 06 - 07),
                Evenement::ParametrageWebservice { identifiants: bons },
            ),
            (date!(2024 - 06 - 07), Evenement::TestConnecteur),
        ],
    );
    let opi: Vec<&Entree> = transcript
        .iter()
        .filter(|e| {
            matches!(
                &e.fait,
                Fait::Message {
                    contenu: Contenu::Opi(_),
                    ..
                }
            )
        })
        .collect();
    assert_eq!(opi.len(), 1);
    assert_eq!(
        (opi[0].jour, opi[0].regle),
        (date!(2024 - 06 - 07), Regle::R6)
    );
    assert_eq!(
        changements(&transcript, "opi_retenue").len(),
        1,
        "held once, said once"
    );
    assert_eq!(changements(&transcript, "connecteur_en_echec").len(), 2);
    assert!(simulation.parcoursup().connecteur_valide());
}

#[test]
fn a_resent_opi_updates_the_same_record_even_when_found_by_ine() {
    let config = configuration(
        ModeOpi::Webservice,
        vec![candidat(2007, ResultatBac::Admis)],
    );
    let (simulation, transcript) = jouer(
        config,
        &[
            (date!(2024 - 06 - 04), accepter(2007, Reponse::Oui)),
            (
                date!(2024 - 06 - 05),
                Evenement::RenvoiOpi { candidat: 2007 },
            ),
        ],
    );
    assert_eq!(simulation.apogee().dossiers_opi().len(), 1);
    let maj = changements(&transcript, "opi_enregistree");
    assert_eq!(
        maj.iter().map(|e| e.regle).collect::<Vec<_>>(),
        [Regle::R1, Regle::R16]
    );
    // The same person under another OPI code is found by INE.
    let mut opi = simulation.apogee().dossier_opi(2007).unwrap().clone();
    opi.cod_opi = "P24AUTRE".into();
    let mut entrees = Vec::new();
    let mut journal = cycle_core::transcript::Journal::new(date!(2024 - 06 - 06), &mut entrees);
    let mut apogee = simulation.apogee().clone();
    apogee.recevoir_opi(&mut journal, &opi);
    assert_eq!(apogee.dossiers_opi().len(), 1);
    assert!(
        entrees[0].explication.contains("INE"),
        "{}",
        entrees[0].explication
    );
}

#[test]
fn a_partial_write_is_detected_and_the_opi_sent_again() {
    let config = configuration(
        ModeOpi::Webservice,
        vec![candidat(2008, ResultatBac::Admis)],
    );
    let (simulation, transcript) = jouer(
        config,
        &[
            (
                date!(2024 - 06 - 03),
                Evenement::PanneEcritureVoeux { candidat: 2008 },
            ),
            (date!(2024 - 06 - 04), accepter(2008, Reponse::Oui)),
        ],
    );
    assert_eq!(changements(&transcript, "voeux_non_ecrits").len(), 1);
    assert_eq!(
        changements(&transcript, "ecriture_partielle_detectee").len(),
        1
    );
    assert_eq!(decision_dans_apogee(&simulation, 2008), [CodeDecision::F]);
    assert_eq!(simulation.apogee().dossiers_opi().len(), 1);
}

#[test]
fn flat_files_list_the_new_d_in_the_second_file_at_the_end_of_the_day() {
    let config = configuration(
        ModeOpi::FichiersPlats,
        vec![candidat(2009, ResultatBac::Echec)],
    );
    let (mut simulation, _) = jouer(
        config,
        &[(date!(2024 - 06 - 04), accepter(2009, Reponse::Oui))],
    );
    assert!(
        simulation.apogee().dossier_opi(2009).is_none(),
        "files leave at the end of the day"
    );
    let entrees = simulation.avancer_jusqu_au(date!(2024 - 07 - 10)).unwrap();
    let fichiers: Vec<&cycle_core::message::FichiersOpi> = entrees
        .iter()
        .filter_map(|e| match &e.fait {
            Fait::Message {
                contenu: Contenu::FichiersOpi(f),
                ..
            } => Some(f),
            _ => None,
        })
        .collect();
    assert_eq!(fichiers.len(), 2, "one set on 4 June, one on 9 July");
    assert!(fichiers[0].voeux_defavorables.is_empty());
    assert_eq!(fichiers[1].voeux_defavorables.len(), 1);
    assert_eq!(
        fichiers[1].voeux_defavorables[0].1.decision,
        CodeDecision::D
    );
}

#[test]
fn laissez_passer_opens_a_d_vet_and_survives_a_later_d() {
    let config = configuration(
        ModeOpi::Webservice,
        vec![candidat(2010, ResultatBac::Echec)],
    );
    let (simulation, transcript) = jouer(
        config,
        &[
            (date!(2024 - 06 - 04), accepter(2010, Reponse::Oui)),
            (
                date!(2024 - 07 - 01),
                Evenement::LaissezPasser {
                    candidat: 2010,
                    vet: code("DL1OUI"),
                },
            ),
            (
                date!(2024 - 07 - 10),
                Evenement::IaPrimo {
                    candidat: 2010,
                    vet: code("DL1OUI"),
                    payee: false,
                },
            ),
        ],
    );
    assert_eq!(changements(&transcript, "laissez_passer_conserve").len(), 1);
    let creee = changements(&transcript, "ia_creee");
    assert_eq!(creee[0].regle, Regle::R4);
    assert_eq!(simulation.apogee().ias().len(), 1);
}

#[test]
fn oui_si_fills_categorie_motif_and_cursus_amenage() {
    let config = configuration(
        ModeOpi::Webservice,
        vec![candidat(2011, ResultatBac::Admis)],
    );
    let (simulation, _) = jouer(
        config,
        &[
            (date!(2024 - 06 - 04), accepter(2011, Reponse::OuiSi4Ans)),
            (
                date!(2024 - 07 - 10),
                Evenement::IaPrimo {
                    candidat: 2011,
                    vet: code("DL1OS4"),
                    payee: false,
                },
            ),
        ],
    );
    let ia = &simulation.apogee().ias()[0];
    assert_eq!(ia.categorie_oui_si.as_deref(), Some("4A"));
    assert_eq!(ia.motif_oui_si.as_deref(), Some("Licence en 4 ans"));
    assert_eq!(ia.cursus_amenage.as_deref(), Some("CA4"));
    assert_eq!(decision_dans_apogee(&simulation, 2011), [CodeDecision::S]);
    assert_eq!(
        simulation.eligibilite_ia_primo(2011, &code("DL1OUI")),
        Err(MotifRefus::VetNonProposee),
        "the Oui VET is not the one the answer named"
    );
}

#[test]
fn errors_name_the_culprit_and_change_nothing() {
    let config = configuration(
        ModeOpi::Webservice,
        vec![candidat(2012, ResultatBac::Admis)],
    );
    let (mut simulation, _) = Simulation::nouvelle(config).unwrap();
    let erreur = simulation
        .traiter(&Evenement::Acceptation {
            candidat: 9999,
            formation: 23456,
            reponse: Reponse::Oui,
        })
        .unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "candidat 9999: inconnu de Parcoursup dans ce scénario"
    );
    let erreur = simulation
        .traiter(&Evenement::Acceptation {
            candidat: 2012,
            formation: 34567,
            reponse: Reponse::OuiSi3Ans,
        })
        .unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "reponse: la formation 34567 n'a pas de VET « Oui Si en 3 ans » (R5)"
    );
    let erreur = simulation
        .avancer_jusqu_au(date!(2024 - 05 - 01))
        .unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "date 01/05/2024: antérieure au jour courant de la simulation (01/06/2024)"
    );
    // A manager cannot create a valid IA that Parcoursup would read as cancelled (R14).
    let erreur = simulation
        .traiter(&Evenement::IaGestionnaire {
            candidat: 2012,
            vet: code("DL1OUI"),
            payee: true,
            etat_inscription: Some(EtatInscription::Annulee),
        })
        .unwrap_err();
    assert!(
        erreur
            .to_string()
            .starts_with("etat_inscription: 3 (inscription annulée) ne décrit pas une IA valide"),
        "{erreur}"
    );
    // No proposal is accepted once both admission phases are over.
    simulation.avancer_jusqu_au(date!(2024 - 11 - 05)).unwrap();
    let erreur = simulation
        .traiter(&Evenement::Acceptation {
            candidat: 2012,
            formation: 23456,
            reponse: Reponse::Oui,
        })
        .unwrap_err();
    assert_eq!(
        erreur.to_string(),
        "date 05/11/2024: hors des phases d'admission de la campagne 2024 (principale du 30/05/2024 au 12/07/2024, complémentaire du 11/06/2024 au 12/09/2024) : aucune proposition ne peut y être acceptée"
    );
    assert!(simulation
        .parcoursup()
        .dossier(2012)
        .unwrap()
        .voeux
        .is_empty());
}

#[test]
fn configuration_errors_name_the_field() {
    let mut config = configuration(
        ModeOpi::Webservice,
        vec![
            candidat(2013, ResultatBac::Admis),
            candidat(2013, ResultatBac::Admis),
        ],
    );
    assert_eq!(
        Simulation::nouvelle(config.clone())
            .unwrap_err()
            .to_string(),
        "candidats: le code candidat 2013 apparaît deux fois"
    );
    config.candidats.pop();
    config.candidats[0].code_candidat = 0;
    assert_eq!(
        Simulation::nouvelle(config.clone())
            .unwrap_err()
            .to_string(),
        "candidats: le code candidat 0 n'est pas un codeCandidat Parcoursup (de 2 à 9999999)"
    );
    config.candidats[0].code_candidat = 2013;
    config.universite.uai = "075123X".into();
    assert_eq!(
        Simulation::nouvelle(config).unwrap_err().to_string(),
        "universite.uai: « 075123X » n'est pas un UAI (7 chiffres et une lettre)"
    );
}
