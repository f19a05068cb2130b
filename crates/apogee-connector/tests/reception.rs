//! The connector receiving OPI, as a library (no socket): SOAP, JSON push and flat files.

mod commun;

use apogee_connector::{Connecteur, Parametrage};
use commun::*;
use cycle_core::transcript::{Autorisation, MotifRefus};
use cycle_core::CodeDecision;
use cycle_wire::rest::{
    decode_admission_candidat, decode_retour, encode_admission_candidat_a_plat, Compat,
};
use cycle_wire::soap::{decode_reponse, Operation, ReponseSoap};

const EXEMPLE_SOAP: &str =
    include_str!("../../cycle-wire/tests/fixtures/mettreajourDonneesOpi_v10.xml");
const EXEMPLE_PUSH: &str = include_str!("../../cycle-wire/tests/fixtures/admissionCandidat.json");

fn reponse_soap(corps: &str) -> ReponseSoap {
    decode_reponse(corps.as_bytes(), Operation::MettreajourDonneesOpiV10).expect("SOAP answer")
}

#[test]
fn the_reference_soap_example_is_stored_as_an_oui_si_voeu() {
    let mut connecteur = connecteur("nominal_f");
    let recu = connecteur.recevoir_soap(EXEMPLE_SOAP.as_bytes());
    assert_eq!(recu.reponse.statut, 200);
    assert_eq!(reponse_soap(&recu.reponse.corps), ReponseSoap::Succes);
    assert_eq!(noms(&recu.entrees), ["opi", "opi_enregistree", "reponse"]);
    let dossier = connecteur.apogee().dossier_opi(1048576).expect("dossier");
    assert_eq!(dossier.cod_opi, "P261048576");
    assert_eq!(dossier.voeux.len(), 1);
    assert_eq!(dossier.voeux[0].code_vet(), vet("DL1OS4"));
    assert_eq!(dossier.voeux[0].decision, CodeDecision::S);
    let offre = connecteur.offre_ia_primo(1048576);
    assert_eq!(offre[0].verdict, Ok(Autorisation::OuiSi));
}

#[test]
fn an_opi_sent_twice_updates_the_same_record() {
    let mut connecteur = connecteur("renvoi_opi");
    let opi = premiere_opi("renvoi_opi");
    connecteur.recevoir_soap(soap(&opi).as_bytes());
    let second = connecteur.recevoir_soap(soap(&opi).as_bytes());
    assert_eq!(second.reponse.statut, 200);
    assert_eq!(connecteur.apogee().dossiers_opi().len(), 1);
    assert!(
        second
            .entrees
            .iter()
            .any(|e| e.regle == cycle_core::Regle::R16),
        "{:?}",
        second.entrees
    );
}

#[test]
fn an_unknown_vet_is_an_apogee_fault_naming_the_element_and_changes_nothing() {
    let mut connecteur = connecteur("nominal_f");
    let corps = EXEMPLE_SOAP.replace("DL1OS4", "DL9XXX");
    let recu = connecteur.recevoir_soap(corps.as_bytes());
    assert_eq!(recu.reponse.statut, 500);
    let ReponseSoap::Faute(faute) = reponse_soap(&recu.reponse.corps) else {
        panic!("fault expected: {}", recu.reponse.corps);
    };
    assert_eq!(faute.faultcode, "Server.generalException");
    assert_eq!(
        faute.faultstring,
        "voeux.item[0].codEtp: la VET DL9XXX/1 n'est reliée à aucune formation Parcoursup de l'établissement"
    );
    let detail = faute.detail.expect("WebBaseException");
    assert_eq!(detail.element, "codEtp");
    assert_eq!(detail.domaine, "opi");
    assert!(recu.entrees.is_empty());
    assert!(connecteur.apogee().dossiers_opi().is_empty());
}

#[test]
fn unreadable_envelopes_and_other_operations_are_client_faults_naming_the_path() {
    let mut connecteur = connecteur("nominal_f");
    let cas = [
        ("<pas du xml", "corps: XML mal forme"),
        (
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><o:mettreajourDonneesOpi_v9 xmlns:o="gouv.education.apogee.commun.servicesmetiers.OpiMetier"/></s:Body></s:Envelope>"#,
            "Envelope.Body: operation inconnue mettreajourDonneesOpi_v9",
        ),
        (
            include_str!("../../cycle-wire/tests/fixtures/mettreAJourLaissezPasserWS_V2.xml"),
            "Envelope.Body: operation mettreAJourLaissezPasserWS_V2 inconnue du service OpiMetier",
        ),
        (
            &EXEMPLE_SOAP.replace("<codDecVeu>S</codDecVeu>", "<codDecVeu>X</codDecVeu>"),
            "mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].codDecVeu",
        ),
    ];
    for (corps, debut) in cas {
        let recu = connecteur.recevoir_soap(corps.as_bytes());
        assert_eq!(recu.reponse.statut, 500, "{corps}");
        let ReponseSoap::Faute(faute) = reponse_soap(&recu.reponse.corps) else {
            panic!("fault expected for {corps}");
        };
        assert_eq!(faute.faultcode, "Client");
        assert!(
            faute.faultstring.starts_with(debut),
            "{} / {debut}",
            faute.faultstring
        );
    }
    assert!(connecteur.apogee().dossiers_opi().is_empty());
}

fn retour(corps: &str) -> cycle_wire::rest::Retour {
    decode_retour(corps.as_bytes()).expect("{retour, message}")
}

#[test]
fn a_push_needs_the_establishment_credentials() {
    let mut connecteur = connecteur("nominal_f");
    let recu = connecteur.recevoir_push(EXEMPLE_PUSH.as_bytes());
    assert_eq!(recu.reponse.statut, 401);
    assert_eq!(
        retour(&recu.reponse.corps).message,
        "identifiant : login ou mot de passe incorrect"
    );
    let corps = EXEMPLE_PUSH
        .replace("etab-login", "demo-psup")
        .replace("etab-secret", "demo-secret");
    let recu = connecteur.recevoir_push(corps.as_bytes());
    assert_eq!(recu.reponse.statut, 200, "{}", recu.reponse.corps);
    assert!(retour(&recu.reponse.corps).is_ok());
    let dossier = connecteur.apogee().dossier_opi(1048576).expect("dossier");
    assert_eq!(dossier.voeux[0].code_vet(), vet("DL1OUI"));
    assert_eq!(dossier.voeux[0].decision, CodeDecision::F);
}

#[test]
fn a_bad_push_is_refused_with_the_field() {
    let mut connecteur = connecteur("nominal_f");
    let corps = EXEMPLE_PUSH
        .replace("etab-login", "demo-psup")
        .replace("etab-secret", "demo-secret");
    let cas = [
        ("{", 400, "corps"),
        (
            &corps.replace("\"03/02/2008\"", "\"2008-02-03\""),
            400,
            "donneesCandidat.dateNaissance",
        ),
        (
            &corps.replace("23456,", "99999,"),
            422,
            "donneesCandidat.codeFormationPsup: 99999",
        ),
    ];
    for (corps, statut, debut) in cas {
        let recu = connecteur.recevoir_push(corps.as_bytes());
        assert_eq!(recu.reponse.statut, statut, "{corps}");
        let message = retour(&recu.reponse.corps).message;
        assert!(message.starts_with(debut), "{message} / {debut}");
    }
    assert!(connecteur.apogee().dossiers_opi().is_empty());
}

#[test]
fn an_unwrapped_push_is_accepted_when_the_set_up_allows_it() {
    let mut connecteur = connecteur("nominal_f");
    let opi = premiere_opi("nominal_f");
    let enveloppe = &pushes(&opi, &connecteur)[0];
    let push = decode_admission_candidat(enveloppe.as_bytes(), Compat::default()).unwrap();
    let a_plat = encode_admission_candidat_a_plat(&push).unwrap();
    assert_eq!(
        connecteur.recevoir_push(a_plat.as_bytes()).reponse.statut,
        200
    );

    let mut parametrage = Parametrage::depuis_scenario(&scenario("nominal_f"));
    parametrage.push_a_plat_accepte = false;
    let mut strict = Connecteur::nouveau(parametrage);
    let recu = strict.recevoir_push(a_plat.as_bytes());
    assert_eq!(recu.reponse.statut, 400);
    assert!(retour(&recu.reponse.corps)
        .message
        .contains("accept_donnees_candidat_a_plat"));
}

#[test]
fn a_push_names_one_formation_and_the_others_are_kept() {
    // Jade resigns from law, then accepts history: the last OPI carries both vœux (law D, history F),
    // which the push sends as two records.
    let mut connecteur = connecteur("desistement_puis_autre_formation");
    let (_, derniere) = opi_envoyees("desistement_puis_autre_formation")
        .pop()
        .expect("an OPI");
    assert_eq!(derniere.voeux.len(), 2);
    for push in pushes(&derniere, &connecteur) {
        let recu = connecteur.recevoir_push(push.as_bytes());
        assert_eq!(recu.reponse.statut, 200, "{}", recu.reponse.corps);
    }
    let dossier = connecteur
        .apogee()
        .dossier_opi(derniere.code_candidat)
        .expect("dossier");
    let mut voeux: Vec<_> = dossier
        .voeux
        .iter()
        .map(|v| (v.code_vet(), v.decision))
        .collect();
    voeux.sort_by(|a, b| a.0.cmp(&b.0));
    let mut attendus: Vec<_> = derniere
        .voeux
        .iter()
        .map(|v| (v.code_vet(), v.decision))
        .collect();
    attendus.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(voeux, attendus);
    assert_eq!(connecteur.apogee().dossiers_opi().len(), 1);
}

#[test]
fn a_pushed_known_student_gets_the_student_number_apogee_knows_and_may_use_ia_reins() {
    // Louis, already a student (21000042), re-registers through IA Réins. Parcoursup's OPI knows
    // his number, but the JSON push carries only his INE.
    let louis = premiere_opi("ia_reins");
    assert_eq!(louis.cod_etu.as_deref(), Some("21000042"));
    let ia_reins = cycle_core::Evenement::IaReins {
        candidat: louis.code_candidat,
        vet: vet("HL1OUI"),
        payee: true,
    };
    let recevoir = |connecteur: &mut Connecteur| {
        for push in pushes(&louis, connecteur) {
            assert!(!push.contains("21000042"), "{push}");
            let recu = connecteur.recevoir_push(push.as_bytes());
            assert_eq!(recu.reponse.statut, 200, "{}", recu.reponse.corps);
        }
    };

    let mut connecteur = connecteur("ia_reins");
    recevoir(&mut connecteur);
    let dossier = connecteur
        .apogee()
        .dossier_opi(louis.code_candidat)
        .unwrap();
    assert_eq!(dossier.cod_etu.as_deref(), Some("21000042"));
    assert!(connecteur.appliquer(&ia_reins).is_ok());

    // Why the lookup: without the university's own students, nothing gives the number.
    let mut parametrage = Parametrage::depuis_scenario(&scenario("ia_reins"));
    parametrage.etudiants_connus.clear();
    let mut sans_annuaire = Connecteur::nouveau(parametrage);
    recevoir(&mut sans_annuaire);
    assert_eq!(
        sans_annuaire.appliquer(&ia_reins).unwrap_err().to_string(),
        "candidat 1048591: pas de numéro étudiant Apogée, l'IA Réins est réservée aux étudiants déjà connus"
    );
}

#[test]
fn a_d_received_closes_online_registration() {
    let mut connecteur = connecteur("desistement_avant_ia");
    let envoyees = opi_envoyees("desistement_avant_ia");
    let (_, derniere) = envoyees.last().expect("the D");
    for (_, opi) in &envoyees {
        connecteur.recevoir_soap(soap(opi).as_bytes());
    }
    assert!(derniere.voeux.iter().any(|v| v.decision == CodeDecision::D));
    let offre = connecteur.offre_ia_primo(derniere.code_candidat);
    assert_eq!(offre[0].verdict, Err(MotifRefus::DecisionDefavorable));
}

#[test]
fn flat_files_are_imported_once_and_only_for_this_university() {
    let dossier = tempfile::tempdir().unwrap();
    let mut connecteur = connecteur("echec_bac_fichiers_plats");
    let (jour, opi) = opi_envoyees("nominal_f").remove(0);
    ecrire_fichiers(dossier.path(), "0751234X", jour, vec![opi.clone()]);
    let mut autre = opi.clone();
    autre.code_candidat = 1048999;
    autre.cod_opi = "P241048999".into();
    autre.ine = "1048999999K".into();
    ecrire_fichiers(dossier.path(), "0000001A", jour, vec![autre]);

    let entrees = connecteur.importer_fichiers(dossier.path()).unwrap();
    assert_eq!(noms(&entrees), ["opi", "opi_enregistree"]);
    assert_eq!(connecteur.apogee().dossiers_opi().len(), 1);
    assert_eq!(connecteur.etat().fichiers_importes.len(), 3);
    assert!(connecteur
        .importer_fichiers(dossier.path())
        .unwrap()
        .is_empty());
}

#[test]
fn a_broken_flat_file_is_named_with_its_line() {
    let dossier = tempfile::tempdir().unwrap();
    let mut connecteur: Connecteur = connecteur("echec_bac_fichiers_plats");
    let (jour, opi) = opi_envoyees("nominal_f").remove(0);
    ecrire_fichiers(dossier.path(), "0751234X", jour, vec![opi]);
    let voeux = std::fs::read_dir(dossier.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("_OPI_VOEUX_V"))
        .unwrap();
    let texte = std::fs::read_to_string(&voeux)
        .unwrap()
        .replace(";F;", ";X;");
    std::fs::write(&voeux, texte).unwrap();
    let erreur = connecteur
        .importer_fichiers(dossier.path())
        .unwrap_err()
        .to_string();
    assert!(erreur.contains("OPI_VOEUX ligne 2"), "{erreur}");
    assert!(connecteur.apogee().dossiers_opi().is_empty());
    let manquant = tempfile::tempdir().unwrap();
    assert!(connecteur
        .importer_fichiers(&manquant.path().join("absent"))
        .unwrap_err()
        .to_string()
        .starts_with("dossier : "));
}
