//! Cases the fuzzers (`fuzz/`, see RELIABILITY.md) found, each reduced to its smallest form and
//! pinned to the answer it must get. The raw inputs are also kept in `fuzz/regressions/<target>`
//! and replayed by `fuzz_corpus.rs`.

use cycle_wire::soap::{decode_reponse, decode_requete, encode_reponse, Operation};

const ENVELOPPE_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// A fault answer whose `faultcode` text is `texte`, written raw into the document.
fn faute(texte: &str) -> String {
    format!(
        "<soapenv:Envelope xmlns:soapenv=\"{ENVELOPPE_NS}\"><soapenv:Body>\n\
         <soapenv:Fault><faultcode>{texte}</faultcode></soapenv:Fault>\
         </soapenv:Body>\n</soapenv:Envelope>\n"
    )
}

/// fuzz/regressions/soap/nul_dans_faultcode: a NUL byte inside an element. XML 1.0 allows no
/// control character but tab and line breaks, raw or as a reference; the decoder took it, and the
/// encoder (rightly) wrote it back as U+FFFD, so the answer did not read back as itself.
#[test]
fn control_characters_in_xml_text_are_refused_as_malformed() {
    let cas = [
        (
            "\0",
            "corps: XML mal forme ligne 2 colonne 27 : caractere U+0000 interdit en XML 1.0",
        ),
        (
            "a\u{1b}b",
            // The raw character itself is located, one column after the text starts.
            "corps: XML mal forme ligne 2 colonne 28 : caractere U+001B interdit en XML 1.0",
        ),
        (
            "&#1;",
            "corps: XML mal forme ligne 2 colonne 27 : caractere U+0001 interdit en XML 1.0",
        ),
        (
            "\u{FFFF}",
            "corps: XML mal forme ligne 2 colonne 27 : caractere U+FFFF interdit en XML 1.0",
        ),
    ];
    for (texte, attendu) in cas {
        let xml = faute(texte);
        for operation in Operation::ALL {
            let erreur = decode_reponse(xml.as_bytes(), operation).unwrap_err();
            assert_eq!(erreur.to_string(), attendu, "{texte:?}");
        }
        let erreur = decode_requete(xml.as_bytes()).unwrap_err();
        assert_eq!(erreur.to_string(), attendu, "{texte:?}");
    }
}

/// What XML 1.0 does allow still reads back as itself: tabs and line breaks (as references, which
/// the encoder writes), and characters beyond the Basic Multilingual Plane.
#[test]
fn allowed_characters_in_fault_texts_read_back_identically() {
    let xml = faute("a&#9;b&#10;c&#13;d \u{1F600} \u{FFFD}");
    let operation = Operation::MettreajourDonneesOpiV10;
    let reponse = decode_reponse(xml.as_bytes(), operation).unwrap();
    let relu = decode_reponse(encode_reponse(&reponse, operation).as_bytes(), operation).unwrap();
    assert_eq!(relu, reponse);
}
