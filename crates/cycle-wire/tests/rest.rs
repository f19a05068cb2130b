//! REST JSON formats: the example files decode to the expected values and re-encode to the same
//! document, bad inputs are refused with the exact message, and encode → decode round-trips.

use cycle_wire::rest::{
    decode_admission_candidat, decode_candidats_admis, decode_get_candidats_admis,
    decode_maj_inscription, decode_retour, encode_admission_candidat,
    encode_admission_candidat_a_plat, encode_candidats_admis, encode_get_candidats_admis,
    encode_maj_inscription, encode_retour, AdmissionCandidat, CodeRetour, CodeSise, CodeSituation,
    Compat, DonneesCandidat, EtatInscription, GetCandidatsAdmis, Identifiant,
    MajInscriptionAdministrative, Retour, Sexe,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use time::macros::{date, datetime};

const CONNECTOR_TEST: &str = include_str!("fixtures/connector-test.json");
const REMONTEE: &str = include_str!("fixtures/remontee-ia-principale.json");
const ADMISSION: &str = include_str!("fixtures/admissionCandidat.json");
const ANSWER_OK: &str = include_str!("fixtures/answer-ok.json");
const ANSWER_NOK: &str = include_str!("fixtures/answer-nok.json");

fn parse(json: &str) -> Value {
    serde_json::from_str(json).expect("test JSON")
}

/// The fixture `base` with `edit` applied to its top-level object, as bytes.
fn edited(base: &str, edit: impl FnOnce(&mut Map<String, Value>)) -> Vec<u8> {
    let mut value = parse(base);
    edit(value.as_object_mut().expect("fixture is an object"));
    serde_json::to_vec(&value).expect("serializable")
}

fn demo_identifiant() -> Identifiant {
    Identifiant {
        login: "demo-psup".into(),
        pwd: "demo-secret".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Fixtures

#[test]
fn connector_test_fixture_decodes_and_is_recognised() {
    let request = decode_maj_inscription(CONNECTOR_TEST.as_bytes(), Compat::default()).unwrap();
    assert_eq!(
        request,
        MajInscriptionAdministrative::test_connecteur(demo_identifiant(), "0751234X")
    );
    assert!(request.is_connector_test());
    assert_eq!(request.ine, "0123456789AB");
    assert_eq!(request.date_naissance, date!(1789 - 07 - 14));
    assert_eq!(request.code_sise, CodeSise::Nombre(42));
    let encoded = encode_maj_inscription(&request).unwrap();
    assert_eq!(parse(&encoded), parse(CONNECTOR_TEST));
}

#[test]
fn remontee_fixture_decodes_to_its_values_and_re_encodes_identically() {
    let request = decode_maj_inscription(REMONTEE.as_bytes(), Compat::default()).unwrap();
    assert_eq!(
        request,
        MajInscriptionAdministrative {
            identifiant: demo_identifiant(),
            code_candidat: 1_048_576,
            ine: "123456789AB".into(),
            nom: "DURAND".into(),
            prenom: "Léa".into(),
            date_naissance: date!(2008 - 02 - 03),
            code_formation_psup: 23456,
            code_formation1: "23456".into(),
            code_sise: CodeSise::Texte("2500123".into()),
            etat_inscription: EtatInscription::InscriptionPrincipale,
            code_etablissement_affectation: "0751234X".into(),
        }
    );
    assert!(!request.is_connector_test());
    let encoded = encode_maj_inscription(&request).unwrap();
    assert_eq!(parse(&encoded), parse(REMONTEE));
}

#[test]
fn admission_fixture_decodes_every_field() {
    let push = decode_admission_candidat(ADMISSION.as_bytes(), Compat::default()).unwrap();
    assert_eq!(
        push.identifiant,
        Identifiant {
            login: "etab-login".into(),
            pwd: "etab-secret".into()
        }
    );
    assert_eq!(push.donnees_candidat, lea_durand());
}

#[test]
fn admission_fixture_re_encodes_to_the_same_document_plus_its_missing_fields_empty() {
    let push = decode_admission_candidat(ADMISSION.as_bytes(), Compat::default()).unwrap();
    let encoded = parse(&encode_admission_candidat(&push).unwrap());
    let mut expected = parse(ADMISSION);
    // The example leaves out legal representative 2 and formation codes 2 to 4; the encoder
    // writes every field, "" when unknown, as Parcoursup does for the other empty ones.
    let record = expected["donneesCandidat"].as_object_mut().unwrap();
    for key in [
        "nomRL2",
        "prenomRL2",
        "mailRL2",
        "telRL2",
        "codeFormation2",
        "codeFormation3",
        "codeFormation4",
    ] {
        record.insert(key.into(), json!(""));
    }
    assert_eq!(encoded, expected);
}

#[test]
fn answers_decode_and_re_encode() {
    let ok = decode_retour(ANSWER_OK.as_bytes()).unwrap();
    assert_eq!(ok, Retour::ok("Requete correctement traitee"));
    assert!(ok.is_ok());
    assert_eq!(parse(&encode_retour(&ok)), parse(ANSWER_OK));

    let nok = decode_retour(ANSWER_NOK.as_bytes()).unwrap();
    assert_eq!(nok.retour, CodeRetour::Nok);
    assert_eq!(
        nok.message,
        "etatInscription: 7 n'est pas un code connu (1 a 5)"
    );
    assert_eq!(parse(&encode_retour(&nok)), parse(ANSWER_NOK));
}

/// The `NOK` example is exactly what a server answers when it decodes état 7.
#[test]
fn a_refused_remontee_becomes_the_nok_example() {
    let body = edited(REMONTEE, |fields| {
        fields.insert("etatInscription".into(), json!(7));
    });
    let error = decode_maj_inscription(&body, Compat::default()).unwrap_err();
    assert_eq!(
        parse(&encode_retour(&Retour::from(&error))),
        parse(ANSWER_NOK)
    );
}

fn lea_durand() -> DonneesCandidat {
    DonneesCandidat {
        session: 2026,
        code_candidat: 1_048_576,
        ine: "123456789AB".into(),
        sexe: Sexe::Feminin,
        nom: "DURAND".into(),
        prenom: "Léa".into(),
        prenom2: String::new(),
        prenom3: String::new(),
        date_naissance: date!(2008 - 02 - 03),
        code_commune_naissance: "69123".into(),
        libelle_commune_naissance: "Lyon".into(),
        code_pays_naissance: "99100".into(),
        code_pays_nationalite: "99100".into(),
        adresse1: "12 rue des Lilas".into(),
        adresse2: String::new(),
        adresse3: String::new(),
        code_postal: "69003".into(),
        libelle_commune: "Lyon".into(),
        code_commune: "69383".into(),
        code_paysadresse: "99100".into(),
        libelle_paysadresse: "France".into(),
        mail: "lea.durand@example.org".into(),
        telmobile: "0600000000".into(),
        telfixe: String::new(),
        nom_rl1: "DURAND".into(),
        prenom_rl1: "Marc".into(),
        mail_rl1: "marc.durand@example.org".into(),
        tel_rl1: "0600000001".into(),
        nom_rl2: String::new(),
        prenom_rl2: String::new(),
        mail_rl2: String::new(),
        tel_rl2: String::new(),
        code_etablissement_sco: "0690001A".into(),
        libelle_etablissement_sco: "Lycée du Parc".into(),
        annee_bac: "2026".into(),
        mois_bac: "07".into(),
        serie_bac: "GEN".into(),
        mention_bac: String::new(),
        code_formation_psup: 23456,
        code_formation1: "23456".into(),
        code_formation2: String::new(),
        code_formation3: String::new(),
        code_formation4: String::new(),
        code_sise: Some(CodeSise::Nombre(2_500_123)),
        libelle_formation: "Licence - Droit".into(),
        code_amenagement: 0,
        libelle_amenagement: "Pas d'aménagement".into(),
        code_situation: CodeSituation::AccepteeDefinitivement,
        date_reponse: Some(datetime!(2026 - 06 - 04 18:42)),
        code_etablissement_affectation: "0751234X".into(),
        cesure: false,
        internat: false,
        etat_inscription: None,
    }
}

// ---------------------------------------------------------------------------------------------
// What real clients send

#[test]
fn keys_are_read_whatever_their_case_and_unknown_keys_are_ignored() {
    let body = r#"{"IDENTIFIANT": {"Login": "demo-psup", "PWD": "demo-secret"},
        "codecandidat": 1048576, "INE": "123456789AB", "Nom": "DURAND", "PRENOM": "Léa",
        "DateNaissance": "03/02/2008", "codeformationpsup": 23456, "CodeFormation1": "23456",
        "codesise": "2500123", "ETATINSCRIPTION": 1, "codeEtablissementaffectation": "0751234X",
        "commentaire": "ignore", "version": 3}"#;
    let request = decode_maj_inscription(body.as_bytes(), Compat::default()).unwrap();
    assert_eq!(
        request,
        decode_maj_inscription(REMONTEE.as_bytes(), Compat::default()).unwrap()
    );
}

#[test]
fn the_misspelt_credentials_key_needs_its_compat_switch() {
    let body = edited(REMONTEE, |fields| {
        let credentials = fields.remove("identifiant").unwrap();
        fields.insert("indentifiant".into(), credentials);
    });
    assert_eq!(
        decode_maj_inscription(&body, Compat::default())
            .unwrap_err()
            .to_string(),
        "indentifiant: cle mal orthographiee (ancienne API), identifiant attendu; le mock \
         Parcoursup l'accepte si son interrupteur accepter_indentifiant est active \
         (PUT /__admin/compatibilite)"
    );
    // A push goes to an establishment, which has no such switch: the library's option is named.
    let push = edited(ADMISSION, |fields| {
        let credentials = fields.remove("identifiant").unwrap();
        fields.insert("indentifiant".into(), credentials);
    });
    assert_eq!(
        decode_admission_candidat(&push, Compat::default())
            .unwrap_err()
            .to_string(),
        "indentifiant: cle mal orthographiee (ancienne API), identifiant attendu; \
         l'option Compat::accept_indentifiant de cycle-wire l'accepte"
    );
    let compat = Compat {
        accept_indentifiant: true,
        ..Compat::default()
    };
    let request = decode_maj_inscription(&body, compat).unwrap();
    assert_eq!(request.identifiant, demo_identifiant());
}

#[test]
fn the_unwrapped_admission_record_needs_its_compat_switch() {
    let push = decode_admission_candidat(ADMISSION.as_bytes(), Compat::default()).unwrap();
    let unwrapped = encode_admission_candidat_a_plat(&push).unwrap();
    let unwrapped_value = parse(&unwrapped);
    assert!(unwrapped_value.get("donneesCandidat").is_none());
    assert_eq!(unwrapped_value["codeCandidat"], json!(1_048_576));

    assert_eq!(
        decode_admission_candidat(unwrapped.as_bytes(), Compat::default())
            .unwrap_err()
            .to_string(),
        "donneesCandidat: champ obligatoire absent (dossier envoye a plat, sans donneesCandidat; \
         l'option de compatibilite accept_donnees_candidat_a_plat l'accepte)"
    );
    let compat = Compat {
        accept_donnees_candidat_a_plat: true,
        ..Compat::default()
    };
    assert_eq!(
        decode_admission_candidat(unwrapped.as_bytes(), compat).unwrap(),
        push
    );
    // Field errors of an unwrapped record are located at the root.
    let broken = unwrapped.replace("\"03/02/2008\"", "\"2008-02-03\"");
    assert_eq!(
        decode_admission_candidat(broken.as_bytes(), compat)
            .unwrap_err()
            .to_string(),
        "dateNaissance: \"2008-02-03\" n'est pas au format JJ/MM/AAAA"
    );
}

#[test]
fn connector_test_identity_is_the_only_twelve_character_ine_accepted() {
    // A body with the test's INE is the test: whatever else differs is named, with the value the
    // test carries, rather than the INE being judged as a real one.
    let refused = |edit: &dyn Fn(&mut Map<String, Value>)| {
        decode_maj_inscription(&edited(CONNECTOR_TEST, edit), Compat::default())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        refused(&|fields| {
            fields.insert("codeCandidat".into(), json!(2));
        }),
        "codeCandidat: 2 au lieu de 1 pour le test connecteur (reconnu a l'INE fictif \
         0123456789AB)"
    );
    assert_eq!(
        refused(&|fields| {
            fields.insert("nom".into(), json!("DURAND"));
        }),
        "nom: \"DURAND\" au lieu de \"Bernard\" pour le test connecteur (reconnu a l'INE fictif \
         0123456789AB)"
    );
    assert_eq!(
        refused(&|fields| {
            fields.insert("dateNaissance".into(), json!("14/07/1790"));
        }),
        "dateNaissance: 14/07/1790 au lieu de 14/07/1789 pour le test connecteur (reconnu a \
         l'INE fictif 0123456789AB)"
    );
    assert_eq!(
        refused(&|fields| {
            fields.insert("codeFormation1".into(), json!("43"));
        }),
        "codeFormation1: \"43\" au lieu de \"42\" pour le test connecteur (reconnu a l'INE \
         fictif 0123456789AB)"
    );
    // domain.md §3.1: the test carries etatInscription 1; a cancelled test validates nothing.
    assert_eq!(
        refused(&|fields| {
            fields.insert("etatInscription".into(), json!(3));
        }),
        "etatInscription: 3 au lieu de 1 pour le test connecteur (reconnu a l'INE fictif \
         0123456789AB)"
    );
    // The fictitious person with a well-formed INE is the test with a wrong INE, not a remontée.
    assert_eq!(
        refused(&|fields| {
            fields.insert("ine".into(), json!("1234567890A"));
        }),
        "ine: \"1234567890A\" au lieu de \"0123456789AB\" pour le test connecteur (reconnu au \
         candidat fictif Bernard Minet ne le 14/07/1789)"
    );
    // The test identity does not excuse anything else.
    assert_eq!(
        refused(&|fields| {
            fields.insert("codeEtablissementAffectation".into(), json!("751234X"));
        }),
        "codeEtablissementAffectation: \"751234X\" n'est pas un UAI \
         (7 chiffres puis une lettre majuscule)"
    );
}

#[test]
fn connector_test_names_are_recognised_whatever_their_case() {
    // Apogée stores names in capitals.
    let body = edited(CONNECTOR_TEST, |fields| {
        fields.insert("nom".into(), json!("BERNARD"));
        fields.insert("prenom".into(), json!("minet"));
    });
    let request = decode_maj_inscription(&body, Compat::default()).unwrap();
    assert!(request.is_connector_test());
    assert_eq!(request.nom, "BERNARD");
    let encoded = encode_maj_inscription(&request).unwrap();
    assert_eq!(
        decode_maj_inscription(encoded.as_bytes(), Compat::default()),
        Ok(request)
    );
}

/// The remontée fixture with `from` replaced by `to` in its text: for what a JSON value cannot
/// hold (a key written twice, a number beyond 64 bits).
fn remontee_rewritten(from: &str, to: &str) -> String {
    assert!(REMONTEE.contains(from), "{from} absent de la remontee");
    let body = REMONTEE.replacen(from, to, 1);
    decode_maj_inscription(body.as_bytes(), Compat::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn a_key_written_twice_is_refused_at_any_level() {
    // A map would keep the last value: this remontée would have been recorded as « annulée ».
    assert_eq!(
        remontee_rewritten(
            "\"etatInscription\": 1",
            "\"etatInscription\": 1, \"etatInscription\": 3"
        ),
        "etatInscription: present plusieurs fois (etatInscription, etatInscription)"
    );
    assert_eq!(
        remontee_rewritten(
            "\"pwd\": \"demo-secret\"",
            "\"pwd\": \"x\", \"login\": \"autre\""
        ),
        "identifiant.login: present plusieurs fois (login, login)"
    );
    // An unknown key is refused too when repeated: the body is ambiguous whatever it means.
    assert_eq!(
        remontee_rewritten("\"ine\"", "\"commentaire\": 1, \"commentaire\": 2, \"ine\""),
        "commentaire: present plusieurs fois (commentaire, commentaire)"
    );
    // Keys differing only by case are refused with the same words.
    assert_eq!(
        remontee_rewritten(
            "\"etatInscription\": 1",
            "\"etatInscription\": 1, \"EtatInscription\": 3"
        ),
        "etatInscription: present plusieurs fois (EtatInscription, etatInscription)"
    );
}

#[test]
fn numbers_too_large_to_read_name_the_field_bound() {
    assert_eq!(
        remontee_rewritten("1048576", "100000000000000000000000"),
        "codeCandidat: nombre trop grand (au plus 4294967295)"
    );
    assert_eq!(
        remontee_rewritten("1048576", "-100000000000000000000000"),
        "codeCandidat: doit etre un entier positif, recu un nombre negatif"
    );
    assert_eq!(
        remontee_rewritten(
            "\"etatInscription\": 1",
            "\"etatInscription\": 18446744073709551616"
        ),
        "etatInscription: nombre trop grand (au plus 5)"
    );
    assert_eq!(
        remontee_rewritten("\"2500123\"", "1e30"),
        "codeSISE: nombre trop grand (au plus 9999999)"
    );
    // Still within 64 bits: shown as written.
    assert_eq!(
        remontee_rewritten("1048576", "18446744073709551615"),
        "codeCandidat: 18446744073709551615 depasse la valeur maximale 4294967295"
    );
    assert_eq!(
        remontee_rewritten("\"etatInscription\": 1", "\"etatInscription\": 5000000000"),
        "etatInscription: 5000000000 n'est pas un code connu (1 a 5)"
    );
    assert_eq!(
        remontee_rewritten("1048576", "1.5"),
        "codeCandidat: doit etre un entier, recu le nombre 1.5"
    );
}

#[test]
fn bodies_too_deep_or_with_a_byte_order_mark_say_so() {
    let bom = [b"\xEF\xBB\xBF".as_slice(), REMONTEE.as_bytes()].concat();
    assert_eq!(
        decode_maj_inscription(&bom, Compat::default())
            .unwrap_err()
            .to_string(),
        "corps: commence par une marque d'ordre des octets (BOM UTF-8 EF BB BF); un document \
         JSON ne doit pas en avoir (RFC 8259 section 8.1), retirez-la"
    );
    let deep = remontee_rewritten(
        "\"2500123\"",
        &format!("{}{}", "[".repeat(100), "]".repeat(100)),
    );
    assert!(
        deep.starts_with("corps: JSON trop profond ligne 10 colonne ")
            && deep.ends_with("(au plus 64 niveaux d'objets et de tableaux imbriques)"),
        "{deep}"
    );
}

// ---------------------------------------------------------------------------------------------
// Bad inputs: one row per refusal, with the exact message.

type Edit = fn(&mut Map<String, Value>);

#[test]
fn bad_remontees_are_refused_with_field_and_reason() {
    let cases: &[(Edit, &str)] = &[
        (
            |f| {
                f.insert("etatInscription".into(), json!(7));
            },
            "etatInscription: 7 n'est pas un code connu (1 a 5)",
        ),
        (
            |f| {
                f.insert("etatInscription".into(), json!("1"));
            },
            "etatInscription: doit etre un entier, recu la chaine \"1\"",
        ),
        (
            |f| {
                f.insert("dateNaissance".into(), json!("31/02/2026"));
            },
            "dateNaissance: \"31/02/2026\" n'est pas une date reelle du calendrier (JJ/MM/AAAA)",
        ),
        (
            |f| {
                f.insert("dateNaissance".into(), json!("2008-02-03"));
            },
            "dateNaissance: \"2008-02-03\" n'est pas au format JJ/MM/AAAA",
        ),
        (
            |f| {
                f.insert("ine".into(), json!("12345"));
            },
            "ine: \"12345\" n'est pas un INE \
             (11 caracteres : 10 chiffres ou lettres majuscules puis une cle)",
        ),
        (
            |f| {
                f.insert("codeEtablissementAffectation".into(), json!("0751234"));
            },
            "codeEtablissementAffectation: \"0751234\" n'est pas un UAI \
             (7 chiffres puis une lettre majuscule)",
        ),
        (
            |f| {
                f.insert("codeCandidat".into(), json!("1048576"));
            },
            "codeCandidat: doit etre un entier, recu la chaine \"1048576\"",
        ),
        (
            |f| {
                f.insert("codeCandidat".into(), json!(0));
            },
            "codeCandidat: doit etre un entier strictement positif, recu 0",
        ),
        (
            |f| {
                f.insert("codeCandidat".into(), json!(-5));
            },
            "codeCandidat: doit etre un entier positif, recu -5",
        ),
        (
            |f| {
                f.remove("codeFormationPsup");
            },
            "codeFormationPsup: champ obligatoire absent",
        ),
        (
            |f| {
                f.insert("codeFormation1".into(), json!(23456));
            },
            "codeFormation1: doit etre une chaine, recu le nombre 23456",
        ),
        (
            |f| {
                f.insert("codeSISE".into(), json!("25A0123"));
            },
            "codeSISE: \"25A0123\" n'est pas un code SISE (1 a 7 chiffres)",
        ),
        (
            |f| {
                f.insert("codeSISE".into(), json!(true));
            },
            "codeSISE: doit etre un nombre ou une chaine de chiffres, recu le booleen true",
        ),
        (
            |f| {
                f.insert("nom".into(), json!(""));
            },
            "nom: ne doit pas etre vide",
        ),
        (
            |f| {
                f.insert("prenom".into(), json!("Lé\na"));
            },
            "prenom: contient le caractere de controle U+000A, interdit",
        ),
        (
            |f| {
                f.remove("identifiant");
            },
            "identifiant: champ obligatoire absent ({login, pwd} attendu)",
        ),
        (
            |f| {
                f.insert("identifiant".into(), json!("demo-psup:demo-secret"));
            },
            "identifiant: doit etre un objet {login, pwd}, recu une chaine (valeur non reproduite)",
        ),
        (
            |f| {
                f.insert(
                    "identifiant".into(),
                    json!({"login": "demo-psup", "pwd": 73914526}),
                );
            },
            "identifiant.pwd: doit etre une chaine, recu un nombre (valeur non reproduite)",
        ),
        (
            |f| {
                f.insert("identifiant".into(), json!({"login": "demo-psup"}));
            },
            "identifiant.pwd: champ obligatoire absent",
        ),
        (
            |f| {
                f.insert("identifiant".into(), json!({"login": "", "pwd": "x"}));
            },
            "identifiant.login: ne doit pas etre vide",
        ),
        (
            |f| {
                f.insert("ETATINSCRIPTION".into(), json!(3));
            },
            "etatInscription: present plusieurs fois (ETATINSCRIPTION, etatInscription)",
        ),
    ];
    for (edit, expected) in cases {
        let body = edited(REMONTEE, edit);
        let error = decode_maj_inscription(&body, Compat::default()).unwrap_err();
        assert_eq!(&error.to_string(), expected);
    }
}

#[test]
fn bodies_that_are_not_a_json_object_are_refused_with_position() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "corps: vide, un document JSON est attendu"),
        (b"[1, 2]", "corps: doit etre un objet JSON, recu un tableau"),
        (
            b"\"OK\"",
            "corps: doit etre un objet JSON, recu la chaine \"OK\"",
        ),
        (
            b"{\"identifiant\": {\"login\": \"a\",\n \"pwd\": \"b\"}, \"codeCandidat\": 1",
            "corps: JSON tronque (fin inattendue) ligne 2 colonne 31",
        ),
        (
            b"{\"codeCandidat\": 1,}",
            "corps: JSON mal forme ligne 1 colonne 20",
        ),
        (
            b"{\"nom\": \"DUR\xe9AND\"}",
            "corps: UTF-8 invalide ligne 1 colonne 13",
        ),
    ];
    for (body, expected) in cases {
        let error = decode_maj_inscription(body, Compat::default()).unwrap_err();
        assert_eq!(
            &error.to_string(),
            expected,
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn bad_admission_records_are_refused_with_their_path() {
    let wrapped = |edit: Edit| {
        edited(ADMISSION, |body| {
            edit(body["donneesCandidat"].as_object_mut().unwrap())
        })
    };
    let cases: &[(Edit, &str)] = &[
        (
            |f| {
                f.insert("sexe".into(), json!("X"));
            },
            "donneesCandidat.sexe: \"X\" n'est pas un code connu (M ou F)",
        ),
        (
            |f| {
                f.insert("codeSituation".into(), json!(4));
            },
            "donneesCandidat.codeSituation: 4 n'est pas un code connu (0 a 3)",
        ),
        (
            |f| {
                f.insert("etatInscription".into(), json!(6));
            },
            "donneesCandidat.etatInscription: 6 n'est pas un code connu (0 a 5)",
        ),
        (
            |f| {
                f.insert("dateReponse".into(), json!("04/06/2026"));
            },
            "donneesCandidat.dateReponse: \"04/06/2026\" n'est pas au format JJ/MM/AAAA HH:MM",
        ),
        (
            |f| {
                f.insert("cesure".into(), json!(2));
            },
            "donneesCandidat.cesure: doit valoir 0 ou 1, recu 2",
        ),
        (
            |f| {
                f.insert("moisBac".into(), json!("13"));
            },
            "donneesCandidat.moisBac: \"13\" n'est pas un mois MM (01 a 12)",
        ),
        (
            |f| {
                f.insert("anneeBac".into(), json!("26"));
            },
            "donneesCandidat.anneeBac: \"26\" n'est pas une annee AAAA",
        ),
        (
            |f| {
                f.insert("session".into(), json!(26));
            },
            "donneesCandidat.session: 26 n'est pas une annee a 4 chiffres",
        ),
        (
            |f| {
                f.insert("adresse2".into(), json!("Bat A\tEtage 2"));
            },
            "donneesCandidat.adresse2: contient le caractere de controle U+0009, interdit",
        ),
        (
            |f| {
                f.insert("mail".into(), json!(12));
            },
            "donneesCandidat.mail: doit etre une chaine, recu le nombre 12",
        ),
        (
            |f| {
                f.remove("nom");
            },
            "donneesCandidat.nom: champ obligatoire absent",
        ),
    ];
    for (edit, expected) in cases {
        let error = decode_admission_candidat(&wrapped(*edit), Compat::default()).unwrap_err();
        assert_eq!(&error.to_string(), expected);
    }
    let body = edited(ADMISSION, |body| {
        body.insert("donneesCandidat".into(), json!([]));
    });
    assert_eq!(
        decode_admission_candidat(&body, Compat::default())
            .unwrap_err()
            .to_string(),
        "donneesCandidat: doit etre un objet, recu un tableau"
    );
}

#[test]
fn empty_optional_values_of_an_admission_record_are_accepted() {
    let body = edited(ADMISSION, |body| {
        let record = body["donneesCandidat"].as_object_mut().unwrap();
        record.insert("codeSISE".into(), json!(""));
        record.insert("dateReponse".into(), json!(""));
        record.insert("ine".into(), Value::Null);
        record.remove("telfixe");
    });
    let record = decode_admission_candidat(&body, Compat::default())
        .unwrap()
        .donnees_candidat;
    assert_eq!(record.code_sise, None);
    assert_eq!(record.date_reponse, None);
    assert_eq!(record.ine, "");
    assert_eq!(record.telfixe, "");
}

#[test]
fn bad_answers_are_refused() {
    let cases: &[(&[u8], &str)] = &[
        (
            br#"{"retour": "KO", "message": "x"}"#,
            "retour: \"KO\" n'est pas un code connu (OK ou NOK)",
        ),
        (br#"{"retour": "OK"}"#, "message: champ obligatoire absent"),
        (
            b"<html>502</html>",
            "corps: JSON mal forme ligne 1 colonne 1",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(&decode_retour(body).unwrap_err().to_string(), expected);
    }
}

// ---------------------------------------------------------------------------------------------
// getCandidatsAdmis

#[test]
fn get_candidats_admis_reads_the_lower_case_p_and_leaves_out_absent_filters() {
    let body = br#"{"identifiant": {"login": "l", "pwd": "p"}, "codeEtablissement": "0751234X",
        "codeFormationpsup": 23456}"#;
    let request = decode_get_candidats_admis(body, Compat::default()).unwrap();
    assert_eq!(
        request,
        GetCandidatsAdmis {
            identifiant: Identifiant {
                login: "l".into(),
                pwd: "p".into()
            },
            code_etablissement: "0751234X".into(),
            code_candidat: None,
            code_formation_psup: Some(23456),
        }
    );
    assert_eq!(
        encode_get_candidats_admis(&request).unwrap(),
        r#"{"identifiant":{"login":"l","pwd":"p"},"codeEtablissement":"0751234X","codeFormationpsup":23456}"#
    );
    let bad = br#"{"identifiant": {"login": "l", "pwd": "p"}, "codeEtablissement": "X"}"#;
    assert_eq!(
        decode_get_candidats_admis(bad, Compat::default())
            .unwrap_err()
            .to_string(),
        "codeEtablissement: \"X\" n'est pas un UAI (7 chiffres puis une lettre majuscule)"
    );
}

#[test]
fn candidats_admis_answer_is_an_array_with_indexed_errors() {
    let records = vec![lea_durand(), lea_durand()];
    let encoded = encode_candidats_admis(&records).unwrap();
    assert_eq!(decode_candidats_admis(encoded.as_bytes()).unwrap(), records);
    assert_eq!(decode_candidats_admis(b"[]").unwrap(), vec![]);

    let mut value = parse(&encoded);
    value[1]["dateNaissance"] = json!("30/02/2008");
    assert_eq!(
        decode_candidats_admis(&serde_json::to_vec(&value).unwrap())
            .unwrap_err()
            .to_string(),
        "[1].dateNaissance: \"30/02/2008\" n'est pas une date reelle du calendrier (JJ/MM/AAAA)"
    );
    assert_eq!(
        decode_candidats_admis(b"{}").unwrap_err().to_string(),
        "corps: doit etre un tableau JSON, recu un objet"
    );
}

#[test]
fn encoders_refuse_what_decoders_refuse() {
    let mut request = MajInscriptionAdministrative::test_connecteur(demo_identifiant(), "0751234X");
    request.code_candidat = 99;
    assert_eq!(
        encode_maj_inscription(&request).unwrap_err().to_string(),
        "codeCandidat: 99 au lieu de 1 pour le test connecteur (reconnu a l'INE fictif \
         0123456789AB)"
    );
    // Neither the test's INE nor its person: a real remontée, whose INE is judged as such.
    request.ine = "0123456789".into();
    request.nom = "DURAND".into();
    assert_eq!(
        encode_maj_inscription(&request).unwrap_err().to_string(),
        "ine: \"0123456789\" n'est pas un INE \
         (11 caracteres : 10 chiffres ou lettres majuscules puis une cle)"
    );
    let mut push = AdmissionCandidat {
        identifiant: demo_identifiant(),
        donnees_candidat: lea_durand(),
    };
    push.donnees_candidat.code_etablissement_affectation = "paris".into();
    assert_eq!(
        encode_admission_candidat(&push).unwrap_err().to_string(),
        "donneesCandidat.codeEtablissementAffectation: \"paris\" n'est pas un UAI \
         (7 chiffres puis une lettre majuscule)"
    );
}

// ---------------------------------------------------------------------------------------------
// Round-trips

/// Texts as they come: any printable Unicode, including quotes and backslashes.
fn texte() -> impl Strategy<Value = String> {
    "\\PC{1,24}"
}

fn texte_ou_vide() -> impl Strategy<Value = String> {
    "\\PC{0,24}"
}

fn ine() -> impl Strategy<Value = String> {
    "[0-9A-Z]{11}"
}

fn uai() -> impl Strategy<Value = String> {
    "[0-9]{7}[A-Z]"
}

fn date() -> impl Strategy<Value = time::Date> {
    (1900i32..2100, 1u16..=366).prop_map(|(year, day)| {
        time::Date::from_ordinal_date(year, day.min(365)).expect("valid ordinal")
    })
}

fn code_sise() -> impl Strategy<Value = CodeSise> {
    prop_oneof![
        (0u32..=9_999_999).prop_map(CodeSise::Nombre),
        "[0-9]{1,7}".prop_map(CodeSise::Texte),
    ]
}

fn identifiant() -> impl Strategy<Value = Identifiant> {
    (texte(), texte()).prop_map(|(login, pwd)| Identifiant { login, pwd })
}

prop_compose! {
    fn remontee()(
        identifiant in identifiant(),
        code_candidat in 1u32..,
        ine in ine(),
        nom in texte(),
        prenom in texte(),
        date_naissance in date(),
        code_formation_psup in 1u32..,
        code_formation1 in texte(),
        code_sise in code_sise(),
        etat in prop::sample::select(EtatInscription::ALL),
        uai in uai(),
    ) -> MajInscriptionAdministrative {
        MajInscriptionAdministrative {
            identifiant, code_candidat, ine, nom, prenom, date_naissance, code_formation_psup,
            code_formation1, code_sise, etat_inscription: etat,
            code_etablissement_affectation: uai,
        }
    }
}

prop_compose! {
    fn donnees_candidat()(
        base in (2000u16..2100, 1u32.., prop::option::of(ine()),
                 prop::sample::select(Sexe::ALL), texte(), texte(), date(), 1u32..),
        texts in prop::collection::vec(texte_ou_vide(), 33),
        bac in prop::option::of((1990u16..2100, 1u8..=12)),
        code_sise in prop::option::of(code_sise()),
        situation in (0u32..5, prop::sample::select(CodeSituation::ALL)),
        date_reponse in prop::option::of((date(), 0u8..24, 0u8..60)),
        flags in (any::<bool>(), any::<bool>(),
                  prop::option::of(prop::sample::select(EtatInscription::ALL))),
        affectation in (texte(), uai()),
    ) -> DonneesCandidat {
        let (session, code_candidat, ine, sexe, nom, prenom, date_naissance, code_formation_psup)
            = base;
        let text = |i: usize| texts[i].clone();
        DonneesCandidat {
            session, code_candidat, ine: ine.unwrap_or_default(), sexe, nom, prenom,
            prenom2: text(0), prenom3: text(1), date_naissance,
            code_commune_naissance: text(2), libelle_commune_naissance: text(3),
            code_pays_naissance: text(4), code_pays_nationalite: text(5),
            adresse1: text(6), adresse2: text(7), adresse3: text(8), code_postal: text(9),
            libelle_commune: text(10), code_commune: text(11), code_paysadresse: text(12),
            libelle_paysadresse: text(13), mail: text(14), telmobile: text(15), telfixe: text(16),
            nom_rl1: text(17), prenom_rl1: text(18), mail_rl1: text(19), tel_rl1: text(20),
            nom_rl2: text(21), prenom_rl2: text(22), mail_rl2: text(23), tel_rl2: text(24),
            code_etablissement_sco: text(25), libelle_etablissement_sco: text(26),
            annee_bac: bac.map(|(year, _)| year.to_string()).unwrap_or_default(),
            mois_bac: bac.map(|(_, month)| format!("{month:02}")).unwrap_or_default(),
            serie_bac: text(27), mention_bac: text(28), code_formation_psup,
            code_formation1: affectation.0, code_formation2: text(29), code_formation3: text(30),
            code_formation4: text(31), code_sise, libelle_formation: text(32),
            code_amenagement: situation.0, libelle_amenagement: text(0),
            code_situation: situation.1,
            date_reponse: date_reponse.map(|(day, hour, minute)| {
                time::PrimitiveDateTime::new(
                    day,
                    time::Time::from_hms(hour, minute, 0).expect("valid time"),
                )
            }),
            code_etablissement_affectation: affectation.1,
            cesure: flags.0, internat: flags.1, etat_inscription: flags.2,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn remontee_round_trips(request in remontee()) {
        let encoded = encode_maj_inscription(&request).unwrap();
        prop_assert_eq!(decode_maj_inscription(encoded.as_bytes(), Compat::default()).unwrap(), request);
    }

    #[test]
    fn admission_round_trips_wrapped_and_unwrapped(
        identifiant in identifiant(),
        donnees_candidat in donnees_candidat(),
    ) {
        let push = AdmissionCandidat { identifiant, donnees_candidat };
        let wrapped = encode_admission_candidat(&push).unwrap();
        prop_assert_eq!(&decode_admission_candidat(wrapped.as_bytes(), Compat::default()).unwrap(), &push);
        let unwrapped = encode_admission_candidat_a_plat(&push).unwrap();
        prop_assert_eq!(&decode_admission_candidat(unwrapped.as_bytes(), Compat::tolerant()).unwrap(), &push);
    }

    #[test]
    fn get_candidats_admis_round_trips(
        identifiant in identifiant(),
        code_etablissement in uai(),
        code_candidat in prop::option::of(1u32..),
        code_formation_psup in prop::option::of(1u32..),
    ) {
        let request = GetCandidatsAdmis { identifiant, code_etablissement, code_candidat, code_formation_psup };
        let encoded = encode_get_candidats_admis(&request).unwrap();
        prop_assert_eq!(decode_get_candidats_admis(encoded.as_bytes(), Compat::default()).unwrap(), request);
    }

    #[test]
    fn answers_round_trip(ok in any::<bool>(), message in texte_ou_vide()) {
        let answer = if ok { Retour::ok(message) } else { Retour::nok(message) };
        prop_assert_eq!(decode_retour(encode_retour(&answer).as_bytes()).unwrap(), answer);
    }

    /// Whatever the bytes, decoders answer with a value or an error, never a panic.
    #[test]
    fn decoders_never_panic(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode_maj_inscription(&body, Compat::tolerant());
        let _ = decode_admission_candidat(&body, Compat::tolerant());
        let _ = decode_candidats_admis(&body);
        let _ = decode_retour(&body);
    }

    /// Damaged copies of the examples (a byte replaced, or the body cut) never panic either.
    #[test]
    fn damaged_examples_never_panic(
        position in 0..ADMISSION.len(),
        byte in any::<u8>(),
        cut in any::<bool>(),
    ) {
        for example in [ADMISSION, REMONTEE] {
            let mut damaged = example.as_bytes().to_vec();
            let position = position % damaged.len();
            if cut {
                damaged.truncate(position);
            } else {
                damaged[position] = byte;
            }
            let _ = decode_admission_candidat(&damaged, Compat::tolerant());
            let _ = decode_maj_inscription(&damaged, Compat::default());
        }
    }
}
