//! Every mapping reads back what it writes, and the examples of `domain.md` read into the core.

use std::sync::Arc;

use cycle_codec::charge::{pieces, Format};
use cycle_codec::opi::*;
use cycle_codec::remontee::*;
use cycle_core::message::{FichiersOpi, OuiSi};
use cycle_core::transcript::{Acteur, Canal, Contenu, Entree, Fait};
use cycle_core::*;
use cycle_wire::rest::{self as rest, decode_maj_inscription, AdmissionCandidat, Compat};
use cycle_wire::soap::{decode_requete, encode_donnees_opi, RequeteSoap};
use time::macros::{date, datetime};

fn vet(cge: &str, etp: &str) -> Vet {
    Vet {
        cod_cge: cge.into(),
        cod_etp: etp.into(),
        cod_vrs_vet: 1,
        cod_dip: "DLDRT".into(),
        cod_vrs_vdi: 1,
    }
}

fn universite() -> Universite {
    Universite {
        uai: "0751234X".into(),
        nom: "Université de démonstration".into(),
        mode_opi: ModeOpi::Webservice,
        identifiants_parcoursup: Identifiants {
            login: "demo-psup".into(),
            pwd: "demo-secret".into(),
        },
        formations: vec![Formation {
            code_formation_psup: 23456,
            libelle: "Licence - Droit".into(),
            code_sise: "2500123".into(),
            premiere_annee: true,
            vet_oui: vet("DRT", "DL1OUI"),
            oui_si_3_ans: None,
            oui_si_4_ans: Some(VetOuiSi {
                vet: vet("DRT", "DL1OS4"),
                categorie: "4A".into(),
                motif: "Licence en 4 ans".into(),
                cursus_amenage: "CA4".into(),
            }),
            ouverture_ia_primo: None,
        }],
    }
}

fn opi(decision: CodeDecision) -> Opi {
    let u = universite();
    let oui_si = decision == CodeDecision::S;
    let vet = if oui_si {
        u.formations[0].oui_si_4_ans.as_ref().unwrap().vet.clone()
    } else {
        u.formations[0].vet_oui.clone()
    };
    Opi {
        cod_opi: "P261048576".into(),
        code_candidat: 1048576,
        cod_etu: None,
        ine: "123456789AB".into(),
        nom: "DURAND".into(),
        prenom: "LEA".into(),
        sexe: Sexe::F,
        date_naissance: date!(2008 - 02 - 03),
        annee_bac: Some(2026),
        voeux: vec![VoeuOpi {
            code_formation_psup: 23456,
            vet: Arc::new(vet),
            decision,
            oui_si: oui_si.then(|| {
                Arc::new(OuiSi {
                    categorie: "4A".into(),
                    motif: "Licence en 4 ans".into(),
                })
            }),
            rang: 1,
        }],
    }
}

#[test]
fn the_soap_example_reads_into_the_core_and_back() {
    let xml = include_bytes!("../../cycle-wire/tests/fixtures/mettreajourDonneesOpi_v10.xml");
    let RequeteSoap::DonneesOpi(donnees) = decode_requete(xml).unwrap() else {
        panic!("OPI attendue")
    };
    let lue = donnees_opi_en_opi(&donnees, &universite()).unwrap();
    assert_eq!(lue, opi(CodeDecision::S));
    let reecrite = encode_donnees_opi(&opi_en_donnees_opi(&lue)).unwrap();
    let RequeteSoap::DonneesOpi(relue) = decode_requete(reecrite.as_bytes()).unwrap() else {
        panic!()
    };
    assert_eq!(donnees_opi_en_opi(&relue, &universite()).unwrap(), lue);
}

#[test]
fn an_unknown_vet_or_opi_code_is_named() {
    let mut donnees = opi_en_donnees_opi(&opi(CodeDecision::F));
    donnees.voeux[0].cod_etp = "XX1".into();
    assert_eq!(
        donnees_opi_en_opi(&donnees, &universite()).unwrap_err().to_string(),
        "voeux.item[0].codEtp: la VET XX1/1 n'est reliée à aucune formation Parcoursup de l'établissement"
    );
    assert_eq!(
        code_candidat_depuis_cod_opi("Q26123").unwrap_err().to_string(),
        "individu.codOpiIntEpo: « Q26123 » n'a pas la forme P + année sur 2 chiffres + codeCandidat"
    );
}

#[test]
fn the_remontee_example_reads_into_the_core_and_back() {
    let json = include_bytes!("../../cycle-wire/tests/fixtures/remontee-ia-principale.json");
    let requete = decode_maj_inscription(json, Compat::default()).unwrap();
    let (identifiants, remontee) = remontee_depuis_wire(&requete);
    assert_eq!(identifiants.login, "demo-psup");
    assert_eq!(remontee.etat_inscription, EtatInscription::Principale);
    assert_eq!(remontee.code_sise, "2500123");
    assert_eq!(remontee_en_wire(&remontee, &identifiants), requete);
}

#[test]
fn a_push_carries_one_formation_and_reads_back_as_the_same_voeu() {
    for decision in [CodeDecision::F, CodeDecision::S, CodeDecision::D] {
        let envoyee = opi(decision);
        let pushes = opi_en_donnees_candidat(&envoyee, &universite(), 2026);
        assert_eq!(pushes.len(), 1);
        let relue = donnees_candidat_en_opi(&pushes[0], &universite(), 2026).unwrap();
        assert_eq!(relue.voeux[0].decision, decision);
        assert_eq!(relue.voeux[0].vet, envoyee.voeux[0].vet);
        assert_eq!(
            (relue.cod_opi.as_str(), relue.ine.as_str()),
            ("P261048576", "123456789AB")
        );
    }
}

#[test]
fn a_push_answers_on_the_day_the_proposal_was_accepted_at_midnight() {
    let envoyee = opi(CodeDecision::F);
    let formation = envoyee.voeux[0].code_formation_psup;
    let acceptations = [(formation, date!(2026 - 06 - 04))];
    let pushes =
        opi_en_donnees_candidat_avec_reponses(&envoyee, &universite(), 2026, &acceptations);
    assert_eq!(
        pushes[0].date_reponse,
        Some(datetime!(2026 - 06 - 04 00:00))
    );
    let push = AdmissionCandidat {
        identifiant: rest::Identifiant {
            login: "etab".into(),
            pwd: "secret".into(),
        },
        donnees_candidat: pushes[0].clone(),
    };
    let json = rest::encode_admission_candidat(&push).unwrap();
    assert!(
        json.contains("\"dateReponse\":\"04/06/2026 00:00\""),
        "{json}"
    );
    // Without the acceptance day the field stays empty, as Parcoursup sends an unknown value.
    let sans = opi_en_donnees_candidat(&envoyee, &universite(), 2026);
    assert_eq!(sans[0].date_reponse, None);
}

#[test]
fn flat_files_read_back_with_the_second_file_overriding() {
    let d = opi(CodeDecision::D);
    let fichiers = FichiersOpi {
        opi: vec![d.clone()],
        voeux_defavorables: vec![(d.cod_opi.clone(), d.voeux[0].clone())],
    };
    let [individus, voeux, defavorables] =
        fichiers_en_texte(&fichiers, "0751234X", date!(2026 - 07 - 09)).unwrap();
    assert_eq!(individus.nom, "0751234X_OPI_INDIVIDUS_V1_20260709.csv");
    assert!(
        defavorables.contenu.lines().count() == 2,
        "{}",
        defavorables.contenu
    );
    let relues = textes_en_opi(
        individus.contenu.as_bytes(),
        voeux.contenu.as_bytes(),
        defavorables.contenu.as_bytes(),
        &universite(),
    )
    .unwrap();
    assert_eq!(relues, vec![d]);
}

#[test]
fn payloads_never_show_the_password() {
    let entree = Entree {
        jour: date!(2026 - 07 - 10),
        regle: Regle::R14,
        explication: String::new(),
        fait: Fait::Message {
            de: Acteur::Apogee,
            vers: Acteur::Parcoursup,
            canal: Canal::ApiRest,
            contenu: Contenu::TestConnecteur(Remontee::test_connecteur("0751234X")),
        },
    };
    let pieces = pieces(&entree, &universite(), 2026).unwrap();
    assert_eq!(pieces.len(), 1);
    assert_eq!(pieces[0].format, Format::Json);
    assert!(
        pieces[0].texte.contains("\"login\":\"demo-psup\""),
        "{}",
        pieces[0].texte
    );
    assert!(!pieces[0].texte.contains("demo-secret"));
    assert!(pieces[0].texte.contains("\"codeSISE\":42"));
}

#[test]
fn flat_files_give_each_candidate_back_their_own_voeux_in_file_order() {
    let candidats: Vec<Opi> = (0..300u32)
        .map(|n| {
            let mut opi = opi(if n % 3 == 0 {
                CodeDecision::S
            } else {
                CodeDecision::F
            });
            opi.cod_opi = format!("P26{:07}", 1_000_000 + n).into();
            opi.code_candidat = 1_000_000 + n;
            opi.ine = format!("{:09}AB", 100_000_000 + n).into();
            opi
        })
        .collect();
    let fichiers = FichiersOpi {
        opi: candidats.clone(),
        voeux_defavorables: vec![],
    };
    let [individus, voeux, defavorables] =
        fichiers_en_texte(&fichiers, "0751234X", date!(2026 - 07 - 09)).unwrap();
    let relues = textes_en_opi(
        individus.contenu.as_bytes(),
        voeux.contenu.as_bytes(),
        defavorables.contenu.as_bytes(),
        &universite(),
    )
    .unwrap();
    assert_eq!(relues, candidats);
}
