//! SOAP formats: the example files decode to the expected values and re-encode to an equivalent
//! document, bad inputs are refused with the exact message, and encode → decode round-trips.

mod common;

use common::{donnees_opi, opi_lea_durand, texte};
use cycle_wire::soap::{
    decode_reponse, decode_requete, encode_donnees_opi, encode_laissez_passer, encode_reponse,
    FauteSoap, LaissezPasserV2, Operation, ReponseSoap, RequeteSoap, WebBaseException,
};
use proptest::prelude::*;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::NsReader;

const OPI: &str = include_str!("fixtures/mettreajourDonneesOpi_v10.xml");
const OPI_RESPONSE: &str = include_str!("fixtures/mettreajourDonneesOpi_v10-response.xml");
const FAULT: &str = include_str!("fixtures/soap-fault.xml");
const LAISSEZ_PASSER: &str = include_str!("fixtures/mettreAJourLaissezPasserWS_V2.xml");

// ---------------------------------------------------------------------------------------------
// Document equivalence, computed independently of the crate's own XML reader.

struct Node {
    namespace: String,
    name: String,
    nil: bool,
    text: String,
    children: Vec<Node>,
}

/// The document as one line per element holding something, `depth {namespace}name = text`:
/// prefixes, indentation and empty or `xsi:nil` elements do not count.
fn canonical(xml: &str) -> Vec<String> {
    let mut reader = NsReader::from_str(xml);
    let mut open: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        let (namespace, event) = reader.read_resolved_event().expect("well-formed test XML");
        let namespace = match namespace {
            quick_xml::name::ResolveResult::Bound(uri) => uri.as_ref().to_owned(),
            _ => String::new(),
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                let node = Node {
                    namespace,
                    name: start.local_name().as_ref().to_owned(),
                    nil: start.attributes().has_nil(reader.resolver()),
                    text: String::new(),
                    children: Vec::new(),
                };
                if empty {
                    match open.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => root = Some(node),
                    }
                } else {
                    open.push(node);
                }
            }
            Event::End(_) => {
                let node = open.pop().expect("balanced");
                match open.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Event::Text(text) => {
                if let Some(node) = open.last_mut() {
                    node.text.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().expect("valid reference") {
                    Some(character) => character.to_string(),
                    None => resolve_predefined_entity(&reference)
                        .expect("predefined entity")
                        .to_owned(),
                };
                if let Some(node) = open.last_mut() {
                    node.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut lines = Vec::new();
    flatten(&root.expect("a root element"), 0, &mut lines);
    lines
}

fn flatten(node: &Node, depth: usize, lines: &mut Vec<String>) -> bool {
    if node.nil {
        return false;
    }
    if node.children.is_empty() {
        if node.text.is_empty() {
            return false;
        }
        lines.push(format!(
            "{depth} {{{}}}{} = {}",
            node.namespace, node.name, node.text
        ));
        return true;
    }
    let at = lines.len();
    lines.push(format!("{depth} {{{}}}{}", node.namespace, node.name));
    let mut holds_something = false;
    for child in &node.children {
        holds_something |= flatten(child, depth + 1, lines);
    }
    if !holds_something {
        lines.truncate(at);
    }
    holds_something
}

#[test]
fn canonical_form_ignores_prefixes_blanks_and_empty_elements() {
    assert_eq!(
        canonical(r#"<a:r xmlns:a="urn:x"> <b>1</b> <c/> <d><e></e></d> </a:r>"#),
        canonical(r#"<r xmlns="urn:x"><b xmlns="">1</b></r>"#)
    );
    assert_ne!(
        canonical(r#"<r><b>1</b><c>2</c></r>"#),
        canonical(r#"<r><c>2</c><b>1</b></r>"#)
    );
}

// ---------------------------------------------------------------------------------------------
// Fixtures

#[test]
fn opi_fixture_decodes_to_its_values() {
    assert_eq!(
        decode_requete(OPI.as_bytes()).unwrap(),
        RequeteSoap::DonneesOpi(opi_lea_durand())
    );
}

#[test]
fn opi_fixture_re_encodes_to_an_equivalent_document() {
    let encoded = encode_donnees_opi(&opi_lea_durand()).unwrap();
    assert_eq!(canonical(&encoded), canonical(OPI));
    // The shape details the canonical form does not see: the empty header and the nil modEnv.
    assert!(encoded.contains("<soapenv:Header/>"), "{encoded}");
    assert!(
        encoded.contains(
            "<modEnv xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>"
        ),
        "{encoded}"
    );
    assert!(encoded.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
}

#[test]
fn response_fixture_is_a_success_and_re_encodes() {
    let operation = Operation::MettreajourDonneesOpiV10;
    assert_eq!(
        decode_reponse(OPI_RESPONSE.as_bytes(), operation).unwrap(),
        ReponseSoap::Succes
    );
    let encoded = encode_reponse(&ReponseSoap::Succes, operation);
    assert_eq!(canonical(&encoded), canonical(OPI_RESPONSE));
    assert_eq!(
        decode_reponse(encoded.as_bytes(), operation).unwrap(),
        ReponseSoap::Succes
    );
}

fn fault_fixture_value() -> FauteSoap {
    FauteSoap {
        faultcode: "Server.generalException".into(),
        faultstring: "technical.data.nullretrieve.opi".into(),
        detail: Some(WebBaseException {
            domaine: "opi".into(),
            element: "codEtp".into(),
            messages: vec!["La VET DL1OS4 version 1 n'existe pas".into()],
            nature: "technical".into(),
            r#type: "data".into(),
            last_error_msg: "La VET DL1OS4 version 1 n'existe pas".into(),
        }),
    }
}

#[test]
fn fault_fixture_decodes_and_re_encodes() {
    let operation = Operation::MettreajourDonneesOpiV10;
    let reponse = decode_reponse(FAULT.as_bytes(), operation).unwrap();
    assert_eq!(reponse, ReponseSoap::Faute(fault_fixture_value()));
    let encoded = encode_reponse(&reponse, operation);
    assert_eq!(canonical(&encoded), canonical(FAULT));
}

fn laissez_passer_fixture_value() -> LaissezPasserV2 {
    LaissezPasserV2 {
        typ_lpa: "OPI".into(),
        cod_anu: 2026,
        num_opi: Some("P261048576".into()),
        cod_etu: None,
        cod_etp: "DL1OUI".into(),
        cod_vrs_vet: 1,
        cod_dip: Some("DLDRT".into()),
        cod_vrs_vdi: Some(1),
        cod_rgi: Some("1".into()),
        cod_stu: Some("01".into()),
        lib_cmt_lpa: Some("Admis apres commission de recours".into()),
        cod_cat_oui_si: None,
        mtf_cat: None,
        cod_cat_exo_ext: None,
    }
}

#[test]
fn laissez_passer_fixture_decodes_and_re_encodes_every_element() {
    let request = decode_requete(LAISSEZ_PASSER.as_bytes()).unwrap();
    assert_eq!(
        request,
        RequeteSoap::LaissezPasser(laissez_passer_fixture_value())
    );
    assert_eq!(request.operation(), Operation::MettreAJourLaissezPasserWsV2);
    let encoded = encode_laissez_passer(&laissez_passer_fixture_value()).unwrap();
    assert_eq!(canonical(&encoded), canonical(LAISSEZ_PASSER));
    // Like the example, empty elements are written rather than left out.
    assert!(encoded.contains("<codEtu></codEtu>"), "{encoded}");
}

#[test]
fn any_prefixes_and_child_order_are_accepted_and_unknown_elements_skipped() {
    let rewritten = OPI
        .replace("soapenv:", "SOAP-ENV:")
        .replace("xmlns:soapenv", "xmlns:SOAP-ENV")
        .replace(
            "<opi:mettreajourDonneesOpi_v10>",
            "<mettreajourDonneesOpi_v10 xmlns=\"gouv.education.apogee.commun.servicesmetiers.OpiMetier\">",
        )
        .replace(
            "</opi:mettreajourDonneesOpi_v10>",
            "</mettreajourDonneesOpi_v10>",
        )
        .replace(
            "<codBac>GEN</codBac>",
            "<codSpeBac>X</codSpeBac><codBac>GEN</codBac>",
        )
        .replace(
            "<codCge>DRT</codCge>",
            "<codCmp xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/><codCge>DRT</codCge>",
        );
    let moved = {
        // individu before bac: decoding does not depend on the order.
        let bac_start = rewritten.find("<bac>").unwrap();
        let bac_end = rewritten.find("</bac>").unwrap() + "</bac>".len();
        let bac = &rewritten[bac_start..bac_end];
        let without = format!("{}{}", &rewritten[..bac_start], &rewritten[bac_end..]);
        without.replace("</individu>", &format!("</individu>{bac}"))
    };
    assert_eq!(
        decode_requete(moved.as_bytes()).unwrap(),
        RequeteSoap::DonneesOpi(opi_lea_durand())
    );
}

// ---------------------------------------------------------------------------------------------
// Bad inputs: one row per refusal, with the exact message.

#[test]
fn bad_requests_are_refused_with_path_and_reason() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "<libNomPatIndOpi>DURAND</libNomPatIndOpi>",
            "",
            "mettreajourDonneesOpi_v10._donneesOpi.individu.etatCivil.libNomPatIndOpi: \
             element obligatoire absent",
        ),
        (
            "<libNomPatIndOpi>DURAND</libNomPatIndOpi>",
            "<libNomPatIndOpi>DURAND-DE-LA-TOUR-DU-PIN-CHAMBLY-X</libNomPatIndOpi>",
            "mettreajourDonneesOpi_v10._donneesOpi.individu.etatCivil.libNomPatIndOpi: \
             \"DURAND-DE-LA-TOUR-DU-PIN-CHAMBLY-X\" depasse 30 caracteres (34)",
        ),
        (
            "<dateNaiIndOpi>03022008</dateNaiIndOpi>",
            "<dateNaiIndOpi>31022008</dateNaiIndOpi>",
            "mettreajourDonneesOpi_v10._donneesOpi.individu.donneesNaissance.dateNaiIndOpi: \
             \"31022008\" n'est pas une date reelle du calendrier (JJMMAAAA)",
        ),
        (
            "<dateNaiIndOpi>03022008</dateNaiIndOpi>",
            "<dateNaiIndOpi>2008-02-03</dateNaiIndOpi>",
            "mettreajourDonneesOpi_v10._donneesOpi.individu.donneesNaissance.dateNaiIndOpi: \
             \"2008-02-03\" n'est pas au format JJMMAAAA",
        ),
        (
            "<codDecVeu>S</codDecVeu>",
            "<codDecVeu>X</codDecVeu>",
            "mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].codDecVeu: \
             \"X\" n'est pas un code connu (F, S ou D)",
        ),
        (
            "<codEtp>DL1OS4</codEtp>",
            "<codEtp>DL1OS4X</codEtp>",
            "mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].codEtp: \
             \"DL1OS4X\" depasse 6 caracteres (7)",
        ),
        (
            "<codCge>DRT</codCge>",
            "<codCge>DRT</codCge><codCge>ECO</codCge>",
            "mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].codCge: \
             element present plusieurs fois",
        ),
        (
            "<codVrsVet>1</codVrsVet>",
            "<codVrsVet>1000</codVrsVet>",
            "mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].codVrsVet: \
             1000 depasse la valeur maximale 999",
        ),
        (
            "<codVrsVet>1</codVrsVet>",
            "<codVrsVet>un</codVrsVet>",
            "mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].codVrsVet: \
             \"un\" n'est pas un entier positif",
        ),
        (
            "<numCls>1</numCls>",
            "",
            "mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].numCls: element obligatoire absent",
        ),
        (
            "<codNneIndOpi>123456789AB</codNneIndOpi>",
            "<codNneIndOpi>123456789</codNneIndOpi>",
            "mettreajourDonneesOpi_v10._donneesOpi.individu.etatCivil.codNneIndOpi: \
             \"123456789\" n'est pas un INE \
             (11 caracteres : 10 chiffres ou lettres majuscules puis une cle)",
        ),
        (
            "<codOpiIntEpo>P261048576</codOpiIntEpo>",
            "<codOpiIntEpo>P2610485761</codOpiIntEpo>",
            "mettreajourDonneesOpi_v10._donneesOpi.individu.codOpiIntEpo: \
             \"P2610485761\" depasse 10 caracteres (11)",
        ),
        (
            "<daaObtBacOba>2026</daaObtBacOba>",
            "<daaObtBacOba>26</daaObtBacOba>",
            "mettreajourDonneesOpi_v10._donneesOpi.bac.daaObtBacOba: \"26\" n'est pas une annee AAAA",
        ),
        (
            "<codSexEtuOpi>F</codSexEtuOpi>",
            "<codSexEtuOpi><code>F</code></codSexEtuOpi>",
            "mettreajourDonneesOpi_v10._donneesOpi.individu.etatCivil.codSexEtuOpi: \
             doit contenir une valeur simple, pas des elements",
        ),
        (
            "<libPr1IndOpi>LEA</libPr1IndOpi>",
            "<libPr1IndOpi>LEA&#9;MARIE</libPr1IndOpi>",
            "mettreajourDonneesOpi_v10._donneesOpi.individu.etatCivil.libPr1IndOpi: \
             contient le caractere de controle U+0009, interdit",
        ),
        (
            "opi:mettreajourDonneesOpi_v10>",
            "opi:mettreajourDonneesOpi_v9>",
            "Envelope.Body: operation inconnue mettreajourDonneesOpi_v9 \
             (mettreajourDonneesOpi_v10 ou mettreAJourLaissezPasserWS_V2 attendu)",
        ),
        (
            "xmlns:opi=\"gouv.education.apogee.commun.servicesmetiers.OpiMetier\"",
            "xmlns:opi=\"urn:autre\"",
            "mettreajourDonneesOpi_v10: espace de noms \"urn:autre\" inattendu, \
             \"gouv.education.apogee.commun.servicesmetiers.OpiMetier\" attendu",
        ),
        (
            "http://schemas.xmlsoap.org/soap/envelope/",
            "http://www.w3.org/2003/05/soap-envelope",
            "corps: SOAP 1.2 non pris en charge, SOAP 1.1 attendu \
             (espace de noms http://schemas.xmlsoap.org/soap/envelope/)",
        ),
        (
            "</individu>",
            "</individ>",
            "corps: XML mal forme ligne 28 colonne 9 : \
             balise fermante </individ> alors que <individu> est ouvert",
        ),
        (
            "</soapenv:Envelope>",
            "",
            "corps: XML mal forme ligne 46 colonne 1 : \
             fin de document inattendue, <Envelope> n'est pas ferme",
        ),
    ];
    for (from, to, expected) in cases {
        assert!(OPI.contains(from), "{from}");
        let xml = OPI.replace(from, to);
        let error = decode_requete(xml.as_bytes()).unwrap_err();
        assert_eq!(&error.to_string(), expected, "{from} -> {to}");
    }
}

#[test]
fn bodies_that_are_not_a_request_envelope_are_refused() {
    let envelope = |body: &str| {
        format!(
            "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\">{body}</e:Envelope>"
        )
    };
    let cases: Vec<(String, &str)> = vec![
        (
            "<html><body>502</body></html>".into(),
            "corps: pas une enveloppe SOAP : element racine html de l'espace de noms \"\", \
             Envelope de http://schemas.xmlsoap.org/soap/envelope/ attendu",
        ),
        (
            "{\"retour\": \"OK\"}".into(),
            "corps: XML mal forme ligne 1 colonne 1 : texte hors de l'element racine",
        ),
        (envelope(""), "Envelope.Body: element obligatoire absent"),
        (
            envelope("<e:Body>  </e:Body>"),
            "Envelope.Body: vide, une operation ou une reponse est attendue",
        ),
        (
            envelope("<e:Body><a/><b/></e:Body>"),
            "Envelope.Body: plusieurs elements (a, b…), un seul attendu",
        ),
        (
            envelope("<Body><a/></Body>"),
            "Envelope.Body: espace de noms \"\" inattendu, \
             \"http://schemas.xmlsoap.org/soap/envelope/\" attendu",
        ),
        (
            envelope(
                "<e:Body><o:mettreajourDonneesOpi_v10 \
                 xmlns:o=\"gouv.education.apogee.commun.servicesmetiers.OpiMetier\"/></e:Body>",
            ),
            "mettreajourDonneesOpi_v10._donneesOpi: element obligatoire absent",
        ),
    ];
    for (xml, expected) in cases {
        let error = decode_requete(xml.as_bytes()).unwrap_err();
        assert_eq!(error.to_string(), expected, "{xml}");
    }
    assert_eq!(
        decode_requete(b"<a>\xff</a>").unwrap_err().to_string(),
        "corps: UTF-8 invalide ligne 1 colonne 4"
    );
}

#[test]
fn bad_laissez_passer_requests_are_refused() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "<numOPI>P261048576</numOPI>",
            "<numOPI></numOPI>",
            "mettreAJourLaissezPasserWS_V2.numOPI: element obligatoire absent \
             (numOPI pour un candidat OPI, ou codEtu pour un etudiant connu)",
        ),
        (
            "<codAnu>2026</codAnu>",
            "<codAnu>26</codAnu>",
            "mettreAJourLaissezPasserWS_V2.codAnu: \"26\" n'est pas une annee AAAA",
        ),
        (
            "<codEtp>DL1OUI</codEtp>",
            "",
            "mettreAJourLaissezPasserWS_V2.codEtp: element obligatoire absent",
        ),
    ];
    for (from, to, expected) in cases {
        let xml = LAISSEZ_PASSER.replacen(from, to, 1);
        assert_eq!(
            &decode_requete(xml.as_bytes()).unwrap_err().to_string(),
            expected
        );
    }
    // A known student is named by codEtu instead.
    let xml = LAISSEZ_PASSER
        .replacen("<numOPI>P261048576</numOPI>", "<numOPI/>", 1)
        .replacen("<codEtu></codEtu>", "<codEtu>21001234</codEtu>", 1);
    let RequeteSoap::LaissezPasser(request) = decode_requete(xml.as_bytes()).unwrap() else {
        panic!("a laissez-passer request");
    };
    assert_eq!(request.num_opi, None);
    assert_eq!(request.cod_etu.as_deref(), Some("21001234"));
}

#[test]
fn answers_that_are_neither_the_response_nor_a_fault_are_errors() {
    let opi = Operation::MettreajourDonneesOpiV10;
    let lp_success = encode_reponse(
        &ReponseSoap::Succes,
        Operation::MettreAJourLaissezPasserWsV2,
    );
    assert_eq!(
        decode_reponse(lp_success.as_bytes(), opi)
            .unwrap_err()
            .to_string(),
        "Envelope.Body: reponse inattendue mettreAJourLaissezPasserWS_V2Response \
         (mettreajourDonneesOpi_v10Response ou Fault attendu)"
    );
    assert_eq!(
        decode_reponse(b"<html>Service Unavailable</html>", opi)
            .unwrap_err()
            .to_string(),
        "corps: pas une enveloppe SOAP : element racine html de l'espace de noms \"\", \
         Envelope de http://schemas.xmlsoap.org/soap/envelope/ attendu"
    );
    let no_code = FAULT.replacen(
        "<faultcode>soapenv:Server.generalException</faultcode>",
        "",
        1,
    );
    assert_eq!(
        decode_reponse(no_code.as_bytes(), opi)
            .unwrap_err()
            .to_string(),
        "Envelope.Body.Fault.faultcode: element obligatoire absent"
    );
    // A fault without Apogée's detail is still a fault.
    let plain = FAULT.replacen(
        &FAULT[FAULT.find("<detail>").unwrap()..FAULT.find("</detail>").unwrap() + 9],
        "",
        1,
    );
    let ReponseSoap::Faute(fault) = decode_reponse(plain.as_bytes(), opi).unwrap() else {
        panic!("a fault");
    };
    assert_eq!(fault.detail, None);
    assert_eq!(fault.faultcode, "Server.generalException");
}

#[test]
fn encoders_refuse_what_decoders_refuse() {
    let mut record = opi_lea_durand();
    record.voeux[0].cod_cge = "DROIT".into();
    assert_eq!(
        encode_donnees_opi(&record).unwrap_err().to_string(),
        "mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].codCge: \"DROIT\" depasse 3 caracteres (5)"
    );
    let mut record = opi_lea_durand();
    record.individu.etat_civil.lib_nom_usu_ind_opi = Some(String::new());
    assert_eq!(
        encode_donnees_opi(&record).unwrap_err().to_string(),
        "mettreajourDonneesOpi_v10._donneesOpi.individu.etatCivil.libNomUsuIndOpi: ne doit pas etre vide"
    );
    let mut request = laissez_passer_fixture_value();
    request.cod_vrs_vet = 1000;
    assert_eq!(
        encode_laissez_passer(&request).unwrap_err().to_string(),
        "mettreAJourLaissezPasserWS_V2.codVrsVet: 1000 depasse la valeur maximale 999"
    );
}

#[test]
fn a_client_fault_carries_the_decoding_error() {
    let error = decode_requete(b"<x/>").unwrap_err();
    let fault = FauteSoap::client(&error);
    let encoded = encode_reponse(
        &ReponseSoap::Faute(fault.clone()),
        Operation::MettreajourDonneesOpiV10,
    );
    assert!(
        encoded.contains("<faultcode>soapenv:Client</faultcode>"),
        "{encoded}"
    );
    assert_eq!(
        decode_reponse(encoded.as_bytes(), Operation::MettreajourDonneesOpiV10).unwrap(),
        ReponseSoap::Faute(fault)
    );
}

// ---------------------------------------------------------------------------------------------
// Round-trips

prop_compose! {
    fn laissez_passer()(
        typ_lpa in texte(3),
        cod_anu in 1000u16..=9999,
        (num_opi, cod_etu) in prop_oneof![
            (texte(10).prop_map(Some), Just(None)),
            (Just(None), texte(8).prop_map(Some)),
            (texte(10).prop_map(Some), texte(8).prop_map(Some)),
        ],
        cod_etp in texte(6),
        cod_vrs_vet in 0u16..=999,
        cod_dip in prop::option::of(texte(7)),
        cod_vrs_vdi in prop::option::of(0u16..=999),
        others in prop::collection::vec(prop::option::of(texte(40)), 6),
    ) -> LaissezPasserV2 {
        LaissezPasserV2 {
            typ_lpa, cod_anu, num_opi, cod_etu, cod_etp, cod_vrs_vet, cod_dip, cod_vrs_vdi,
            cod_rgi: others[0].clone(), cod_stu: others[1].clone(),
            lib_cmt_lpa: others[2].clone(), cod_cat_oui_si: others[3].clone(),
            mtf_cat: others[4].clone(), cod_cat_exo_ext: others[5].clone(),
        }
    }
}

/// Fault texts are free: any character but the ones XML 1.0 cannot hold at all.
fn fault_text() -> impl Strategy<Value = String> {
    "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x{FFFE}\\x{FFFF}]{0,30}"
}

prop_compose! {
    fn fault()(
        faultcode in "[A-Za-z.]{1,20}",
        faultstring in fault_text(),
        detail in prop::option::of((
            fault_text(), fault_text(), prop::collection::vec(fault_text(), 0..3),
            fault_text(), fault_text(), fault_text(),
        )),
    ) -> FauteSoap {
        FauteSoap {
            faultcode,
            faultstring,
            detail: detail.map(|(domaine, element, messages, nature, r#type, last_error_msg)| {
                WebBaseException { domaine, element, messages, nature, r#type, last_error_msg }
            }),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn donnees_opi_round_trip(record in donnees_opi()) {
        let encoded = encode_donnees_opi(&record).unwrap();
        prop_assert_eq!(decode_requete(encoded.as_bytes()).unwrap(), RequeteSoap::DonneesOpi(record));
    }

    #[test]
    fn laissez_passer_round_trips(request in laissez_passer()) {
        let encoded = encode_laissez_passer(&request).unwrap();
        prop_assert_eq!(decode_requete(encoded.as_bytes()).unwrap(), RequeteSoap::LaissezPasser(request));
    }

    #[test]
    fn answers_round_trip(fault in prop::option::of(fault())) {
        let reponse = fault.map_or(ReponseSoap::Succes, ReponseSoap::Faute);
        for operation in Operation::ALL {
            let encoded = encode_reponse(&reponse, operation);
            prop_assert_eq!(&decode_reponse(encoded.as_bytes(), operation).unwrap(), &reponse);
        }
    }

    /// Whatever the bytes, decoders answer with a value or an error, never a panic.
    #[test]
    fn decoders_never_panic(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode_requete(&body);
        let _ = decode_reponse(&body, Operation::MettreajourDonneesOpiV10);
    }

    /// Damaged copies of the example (bytes replaced or cut) are refused or read, never a panic.
    #[test]
    fn damaged_examples_never_panic(
        position in 0..OPI.len(),
        byte in any::<u8>(),
        cut in any::<bool>(),
    ) {
        let mut damaged = OPI.as_bytes().to_vec();
        if cut {
            damaged.truncate(position);
        } else {
            damaged[position] = byte;
        }
        let _ = decode_requete(&damaged);
    }
}
