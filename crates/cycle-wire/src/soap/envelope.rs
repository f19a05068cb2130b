//! The SOAP 1.1 envelope: its namespace, the operations this crate knows, finding the one element
//! of the `Body`, and writing an envelope around a body.

use super::tree::{Element, Node};
use super::writer::XmlWriter;
use crate::error::WireError;
use crate::validate::quoted;

/// Namespace of SOAP 1.1 envelopes.
pub const SOAP_ENVELOPE_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// Namespace of SOAP 1.2 envelopes, recognised only to refuse it precisely.
const SOAP12_ENVELOPE_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
/// Target namespace of Apogée's `OpiMetier` service.
pub const OPI_METIER_NS: &str = "gouv.education.apogee.commun.servicesmetiers.OpiMetier";
/// Target namespace of Apogée's `LaissezPasserMetier` service.
pub const LAISSEZ_PASSER_METIER_NS: &str =
    "gouv.education.apogee.commun.servicesmetiers.LaissezPasserMetier";
/// Namespace of Apogée's `WebBaseException` fault detail.
pub const WEB_BASE_EXCEPTION_NS: &str = "exception.transverse.commun.apogee.education.gouv";
/// Namespace of `xsi:nil`.
pub(crate) const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The Apogée operations this crate encodes and decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `OpiMetier.mettreajourDonneesOpi_v10`: create or update one candidate's OPI (R16).
    MettreajourDonneesOpiV10,
    /// `LaissezPasserMetier.mettreAJourLaissezPasserWS_V2`: create a laissez-passer (R4).
    MettreAJourLaissezPasserWsV2,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 2] = [
        Operation::MettreajourDonneesOpiV10,
        Operation::MettreAJourLaissezPasserWsV2,
    ];

    /// The request element's local name, e.g. `mettreajourDonneesOpi_v10`.
    pub fn element(self) -> &'static str {
        match self {
            Operation::MettreajourDonneesOpiV10 => "mettreajourDonneesOpi_v10",
            Operation::MettreAJourLaissezPasserWsV2 => "mettreAJourLaissezPasserWS_V2",
        }
    }

    /// The success response element's local name, e.g. `mettreajourDonneesOpi_v10Response`.
    pub fn response_element(self) -> &'static str {
        match self {
            Operation::MettreajourDonneesOpiV10 => "mettreajourDonneesOpi_v10Response",
            Operation::MettreAJourLaissezPasserWsV2 => "mettreAJourLaissezPasserWS_V2Response",
        }
    }

    /// The service's target namespace, which qualifies the operation element.
    pub fn namespace(self) -> &'static str {
        match self {
            Operation::MettreajourDonneesOpiV10 => OPI_METIER_NS,
            Operation::MettreAJourLaissezPasserWsV2 => LAISSEZ_PASSER_METIER_NS,
        }
    }

    /// The prefix the encoder declares for the namespace, as in the reference examples.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Operation::MettreajourDonneesOpiV10 => "opi",
            Operation::MettreAJourLaissezPasserWsV2 => "lp",
        }
    }
}

/// The single element inside the envelope's `Body`, after checking the envelope is SOAP 1.1.
pub(crate) fn body_content(root: &Element) -> Result<&Element, WireError> {
    let namespace = root.namespace.as_deref().unwrap_or("");
    if root.name != "Envelope" || namespace != SOAP_ENVELOPE_NS {
        let reason = if root.name == "Envelope" && namespace == SOAP12_ENVELOPE_NS {
            format!(
                "SOAP 1.2 non pris en charge, SOAP 1.1 attendu (espace de noms {SOAP_ENVELOPE_NS})"
            )
        } else {
            format!(
                "pas une enveloppe SOAP : element racine {} de l'espace de noms {}, \
                 Envelope de {SOAP_ENVELOPE_NS} attendu",
                root.name,
                quoted(namespace)
            )
        };
        return Err(WireError::new("corps", reason));
    }
    let envelope = Node::new(root, "Envelope".to_owned());
    let body = envelope.required_child("Body")?;
    check_namespace(&body, SOAP_ENVELOPE_NS)?;
    let mut contents = body.element().children.iter();
    match (contents.next(), contents.next()) {
        (Some(content), None) => Ok(content),
        (None, _) => Err(WireError::new(
            body.at(),
            "vide, une operation ou une reponse est attendue",
        )),
        (Some(first), Some(second)) => Err(WireError::new(
            body.at(),
            format!(
                "plusieurs elements ({}, {}…), un seul attendu",
                first.name, second.name
            ),
        )),
    }
}

/// Refuses an element of the right name in the wrong namespace.
pub(crate) fn check_namespace(node: &Node<'_>, expected: &str) -> Result<(), WireError> {
    let found = node.element().namespace.as_deref().unwrap_or("");
    if found == expected {
        Ok(())
    } else {
        Err(WireError::new(
            node.at(),
            format!(
                "espace de noms {} inattendu, {} attendu",
                quoted(found),
                quoted(expected)
            ),
        ))
    }
}

/// Writes an envelope whose body holds what `body` writes. `declarations` are extra namespace
/// declarations put on the envelope; `header` writes the empty `Header` the OPI example has.
pub(crate) fn write_envelope(
    declarations: &[(&str, &str)],
    header: bool,
    body: impl FnOnce(&mut XmlWriter),
) -> String {
    let mut attributes = vec![("xmlns:soapenv", SOAP_ENVELOPE_NS)];
    attributes.extend_from_slice(declarations);
    let mut writer = XmlWriter::document();
    writer.open("soapenv:Envelope", &attributes);
    if header {
        writer.empty("soapenv:Header", &[]);
    }
    writer.open("soapenv:Body", &[]);
    body(&mut writer);
    writer.close("soapenv:Body");
    writer.close("soapenv:Envelope");
    writer.finish()
}
