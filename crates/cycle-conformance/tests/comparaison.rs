//! Rule attribution without any server: the core's own run of a scenario is the observation, then
//! one thing is changed the way a wrong connector would, and the deviation must name the rule.

use cycle_conformance::comparaison::{
    comparer_apogee, comparer_offres, comparer_remontees, remontees_attendues,
};
use cycle_conformance::observation::{
    EtatApogeeObserve, IaObservee, IssueRemontee, RemonteeObservee,
};
use cycle_core::referentiel::Identifiants;
use cycle_core::transcript::{Autorisation, MotifRefus, OffreVet};
use cycle_core::{CodeVet, Entree, EtatInscription, Evenement, Regle, Simulation};

/// Plays a built-in scenario through the core, as `cycle_scenario::executer` does, keeping the
/// simulation for its final state.
fn simuler(nom: &str) -> (Simulation, Vec<Entree>) {
    let scenario = cycle_scenario::integres::integre(nom)
        .unwrap()
        .charger()
        .unwrap();
    let (mut simulation, mut transcript) = Simulation::nouvelle(scenario.configuration).unwrap();
    for prevu in &scenario.evenements {
        transcript.extend(simulation.avancer_jusqu_au(prevu.jour).unwrap());
        transcript.extend(simulation.traiter(&prevu.evenement).unwrap());
    }
    transcript.extend(simulation.avancer_jusqu_au(scenario.fin).unwrap());
    (simulation, transcript)
}

/// What Parcoursup would have seen of the core's own remontées, with the core's answers.
fn observees(transcript: &[Entree]) -> Vec<RemonteeObservee> {
    remontees_attendues(transcript)
        .into_iter()
        .map(|attendue| RemonteeObservee {
            jour: Some(attendue.jour.to_string()),
            remontee: attendue.remontee.clone(),
            issue: if attendue.acceptee {
                IssueRemontee::Acceptee
            } else {
                IssueRemontee::RefuseeParParcoursup {
                    motif: String::new(),
                }
            },
        })
        .collect()
}

fn panne_http_500() -> IssueRemontee {
    IssueRemontee::NonTraitee {
        verdict: "panne_injectee".to_owned(),
        motif: "panne injectee : HTTP 500".to_owned(),
    }
}

fn regles(ecarts: &[cycle_conformance::Ecart]) -> Vec<Regle> {
    ecarts.iter().map(|e| e.regle).collect()
}

#[test]
fn the_core_run_itself_shows_no_deviation() {
    for integre in cycle_scenario::integres::INTEGRES {
        let (simulation, transcript) = simuler(integre.nom);
        let ecarts = comparer_remontees(&transcript, simulation.apogee(), &observees(&transcript));
        assert_eq!(ecarts, [], "{}", integre.nom);
    }
}

#[test]
fn a_missing_remontee_is_r13_and_a_wrong_field_names_it() {
    let (simulation, transcript) = simuler("nominal_f");
    let mut vues = observees(&transcript);
    assert_eq!(vues.len(), 1);
    let mut fausse = vues[0].clone();
    fausse.remontee.code_sise = "9999999".into();
    let ecarts = comparer_remontees(&transcript, simulation.apogee(), &[fausse]);
    assert_eq!(regles(&ecarts), [Regle::R14]);
    assert_eq!(ecarts[0].sujet, "remontée état 1 (inscription principale) du candidat 1048576, formation 23456, champ codeSISE");
    assert_eq!(
        (ecarts[0].attendu.as_str(), ecarts[0].observe.as_str()),
        ("2500123", "9999999")
    );
    vues.clear();
    let ecarts = comparer_remontees(&transcript, simulation.apogee(), &vues);
    assert_eq!(regles(&ecarts), [Regle::R13]);
    assert_eq!(ecarts[0].observe, "jamais reçue par Parcoursup");
}

#[test]
fn a_remontee_sent_but_never_accepted_is_r14_and_says_why() {
    let (simulation, transcript) = simuler("nominal_f");
    let mut en_panne = observees(&transcript).remove(0);
    en_panne.issue = panne_http_500();
    let ecarts = comparer_remontees(&transcript, simulation.apogee(), &[en_panne.clone()]);
    assert_eq!(regles(&ecarts), [Regle::R14]);
    assert_eq!(
        (ecarts[0].attendu.as_str(), ecarts[0].observe.as_str()),
        (
            "acceptée par Parcoursup",
            "envoyée mais jamais acceptée : le 2024-07-10, panne injectée par le mock (panne injectee : HTTP 500)"
        )
    );
    // Refused by Parcoursup's rules: the same, with Parcoursup's reason.
    let mut refusee = en_panne.clone();
    refusee.issue = IssueRemontee::RefuseeParParcoursup {
        motif: "identifiant : login ou mot de passe incorrect".to_owned(),
    };
    let ecarts = comparer_remontees(&transcript, simulation.apogee(), &[refusee.clone()]);
    assert_eq!(regles(&ecarts), [Regle::R14]);
    assert_eq!(
        ecarts[0].observe,
        "envoyée mais jamais acceptée : le 2024-07-10, refusée par Parcoursup (NOK : identifiant : login ou mot de passe incorrect)"
    );
    // Sent again and accepted: the failed attempts were harmless.
    let mut renvoyee = en_panne.clone();
    renvoyee.issue = IssueRemontee::Acceptee;
    let ecarts = comparer_remontees(
        &transcript,
        simulation.apogee(),
        &[en_panne, refusee, renvoyee],
    );
    assert_eq!(ecarts, []);
}

#[test]
fn a_remontee_that_should_not_leave_is_charged_even_if_parcoursup_never_took_it() {
    // Léa's remontée is sent the day she registers, before she pays, and hits a fault.
    let scenario = cycle_scenario::integres::integre("nominal_f")
        .unwrap()
        .charger()
        .unwrap();
    let (mut simulation, mut transcript) = Simulation::nouvelle(scenario.configuration).unwrap();
    for prevu in scenario.evenements.iter().take(2) {
        transcript.extend(simulation.avancer_jusqu_au(prevu.jour).unwrap());
        transcript.extend(simulation.traiter(&prevu.evenement).unwrap());
    }
    let complet = simuler("nominal_f").1;
    let vue = RemonteeObservee {
        jour: Some("2024-07-05".to_owned()),
        remontee: remontees_attendues(&complet)[0].remontee.clone(),
        issue: panne_http_500(),
    };
    let ecarts = comparer_remontees(&transcript, simulation.apogee(), &[vue.clone(), vue]);
    assert_eq!(regles(&ecarts), [Regle::R13]);
    assert_eq!(
        ecarts[0].observe,
        "envoyée le 2024-07-05, panne injectée par le mock (panne injectee : HTTP 500)"
    );
}

#[test]
fn a_remontee_the_core_sees_refused_must_be_refused_too() {
    // Staff type a wrong password before the batch: the core's Parcoursup answers NOK.
    let scenario = cycle_scenario::integres::integre("nominal_f")
        .unwrap()
        .charger()
        .unwrap();
    let (mut simulation, mut transcript) = Simulation::nouvelle(scenario.configuration).unwrap();
    transcript.extend(
        simulation
            .traiter(&Evenement::ParametrageWebservice {
                identifiants: Identifiants {
                    login: "demo-psup".to_owned(),
                    pwd: "faux".to_owned(),
                },
            })
            .unwrap(),
    );
    for prevu in &scenario.evenements {
        transcript.extend(simulation.avancer_jusqu_au(prevu.jour).unwrap());
        transcript.extend(simulation.traiter(&prevu.evenement).unwrap());
    }
    transcript.extend(simulation.avancer_jusqu_au(scenario.fin).unwrap());
    let attendues = remontees_attendues(&transcript);
    assert_eq!(attendues.len(), 1);
    assert!(!attendues[0].acceptee);
    let refusee = observees(&transcript);
    assert_eq!(
        comparer_remontees(&transcript, simulation.apogee(), &refusee),
        []
    );
    let mut acceptee = refusee[0].clone();
    acceptee.issue = IssueRemontee::Acceptee;
    let ecarts = comparer_remontees(&transcript, simulation.apogee(), &[acceptee]);
    assert_eq!(regles(&ecarts), [Regle::R14]);
    assert_eq!(
        (ecarts[0].attendu.as_str(), ecarts[0].observe.as_str()),
        (
            "lue par Parcoursup, qui répond NOK",
            "envoyée : le 2024-07-10, acceptée par Parcoursup"
        )
    );
}

#[test]
fn a_cancellation_reported_after_a_d_is_r12() {
    let (simulation, transcript) = simuler("desistement_apres_ia_payee");
    let mut vues = observees(&transcript);
    let mut annulation = vues[0].clone();
    annulation.remontee.etat_inscription = EtatInscription::Annulee;
    vues.push(annulation);
    let ecarts = comparer_remontees(&transcript, simulation.apogee(), &vues);
    assert_eq!(regles(&ecarts), [Regle::R12]);
}

#[test]
fn an_unpaid_ia_reported_is_r13() {
    let scenario = cycle_scenario::integres::integre("nominal_f")
        .unwrap()
        .charger()
        .unwrap();
    let (mut simulation, mut transcript) = Simulation::nouvelle(scenario.configuration).unwrap();
    // Léa accepts, then registers without paying: nothing may be reported.
    for prevu in scenario.evenements.iter().take(2) {
        transcript.extend(simulation.avancer_jusqu_au(prevu.jour).unwrap());
        transcript.extend(simulation.traiter(&prevu.evenement).unwrap());
    }
    assert!(matches!(
        scenario.evenements[1].evenement,
        Evenement::IaPrimo { payee: false, .. }
    ));
    let complet = simuler("nominal_f").1;
    let vue = RemonteeObservee {
        jour: None,
        remontee: remontees_attendues(&complet)[0].remontee.clone(),
        issue: IssueRemontee::Acceptee,
    };
    let ecarts = comparer_remontees(&transcript, simulation.apogee(), &[vue]);
    assert_eq!(regles(&ecarts), [Regle::R13]);
}

fn offre(vet: &str, verdict: Result<Autorisation, MotifRefus>) -> OffreVet {
    OffreVet {
        vet: CodeVet {
            cod_etp: vet.into(),
            cod_vrs_vet: 1,
        },
        libelle_formation: String::new(),
        verdict,
    }
}

#[test]
fn ia_primo_verdicts_are_charged_to_the_rule_of_the_expected_one() {
    let d = [offre("DL1OUI", Err(MotifRefus::DecisionDefavorable))];
    let ecarts = comparer_offres(7, &d, &[offre("DL1OUI", Ok(Autorisation::Favorable))]);
    assert_eq!(regles(&ecarts), [Regle::R11]);
    assert_eq!(ecarts[0].attendu, "refusée : décision OPI défavorable");
    assert_eq!(ecarts[0].observe, "proposée (vœu favorable)");
    // A refused VET left out of the offer is not offered either: no deviation.
    assert_eq!(comparer_offres(7, &d, &[]), []);
    let s = [offre("DL1OS3", Ok(Autorisation::OuiSi))];
    assert_eq!(regles(&comparer_offres(7, &s, &[])), [Regle::R3]);
    assert_eq!(
        regles(&comparer_offres(
            7,
            &[],
            &[offre("HL1OUI", Ok(Autorisation::Favorable))]
        )),
        [Regle::R2]
    );
    let deja = [offre("DL1OUI", Err(MotifRefus::DejaInscrit))];
    let attente = [offre("DL1OUI", Err(MotifRefus::EnAttenteDePaiement))];
    assert_eq!(regles(&comparer_offres(7, &deja, &attente)), [Regle::R17]);
}

#[test]
fn a_valid_ia_cancelled_after_a_d_is_r12() {
    let (simulation, transcript) = simuler("desistement_apres_ia_payee");
    let ia = &simulation.apogee().ias()[0];
    assert!(ia.annulation_manuelle_requise);
    let fidele = IaObservee {
        code_candidat: ia.code_candidat,
        vet: ia.vet.clone(),
        etat: Some("E".to_owned()),
        paiement: Some("P".to_owned()),
        annulation_manuelle_requise: Some(true),
        categorie_oui_si: None,
        cursus_amenage: None,
    };
    let dossiers =
        serde_json::from_value(serde_json::to_value(simulation.apogee().dossiers_opi()).unwrap())
            .unwrap();
    let observe = EtatApogeeObserve {
        ias: vec![fidele.clone()],
        dossiers_opi: dossiers,
    };
    assert_eq!(
        comparer_apogee(simulation.apogee(), &transcript, &observe),
        []
    );
    let annulee = IaObservee {
        etat: Some("A".to_owned()),
        annulation_manuelle_requise: Some(false),
        ..fidele
    };
    let observe = EtatApogeeObserve {
        ias: vec![annulee],
        ..observe
    };
    assert_eq!(
        regles(&comparer_apogee(simulation.apogee(), &transcript, &observe)),
        [Regle::R12, Regle::R12]
    );
}
