//! Apogée's SOAP 1.1 webservices (domain.md §3.3): `OpiMetier.mettreajourDonneesOpi_v10`, which
//! Parcoursup calls to send an OPI, and `LaissezPasserMetier.mettreAJourLaissezPasserWS_V2`, with
//! their answers (empty response or `WebBaseException` fault).
//!
//! | side | function |
//! |---|---|
//! | client (Parcoursup, tests) | [`encode_donnees_opi`], [`encode_laissez_passer`], then [`decode_reponse`] to tell success, fault or garbage |
//! | server (mock Apogée) | [`decode_requete`] to get a [`RequeteSoap`], then [`encode_reponse`] |
//!
//! Encoding writes exactly the reference examples' shape: `soapenv` envelope, the operation
//! qualified by the service namespace, its children unqualified and in schema sequence order,
//! absent optional elements left out (the laissez-passer example writes them empty, so that
//! encoder does too). Decoding accepts any namespace prefixes and any child order, skips unknown
//! elements, treats empty and `xsi:nil` elements as absent, and refuses with a [`WireError`] naming
//! the path from the operation element:
//!
//! ```
//! use cycle_wire::soap::decode_requete;
//!
//! let xml = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
//!   <o:mettreajourDonneesOpi_v10 xmlns:o="gouv.education.apogee.commun.servicesmetiers.OpiMetier">
//!     <_donneesOpi><individu><codOpiIntEpo>P1</codOpiIntEpo></individu></_donneesOpi>
//!   </o:mettreajourDonneesOpi_v10></s:Body></s:Envelope>"#;
//! assert_eq!(
//!     decode_requete(xml).unwrap_err().to_string(),
//!     "mettreajourDonneesOpi_v10._donneesOpi.individu.etatCivil: element obligatoire absent"
//! );
//! ```
//!
//! Field rules are those of [`crate::opi`]. This module does no IO and knows nothing of Apogée's
//! tables: a decoded request is data for the rules engine to judge.

mod donnees_opi;
mod envelope;
mod laissez_passer;
mod reponse;
mod tree;
mod writer;

pub use envelope::{
    Operation, LAISSEZ_PASSER_METIER_NS, OPI_METIER_NS, SOAP_ENVELOPE_NS, WEB_BASE_EXCEPTION_NS,
};
pub use laissez_passer::LaissezPasserV2;
pub use reponse::{decode_reponse, encode_reponse, FauteSoap, ReponseSoap, WebBaseException};

pub use crate::opi::DonneesOpiV10;

use envelope::{body_content, check_namespace};
use tree::Node;

use crate::error::WireError;

/// A request a mock Apogée server received.
// One value per HTTP request: its size does not matter, and a box would only make matching
// clumsier for the server.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequeteSoap {
    /// `mettreajourDonneesOpi_v10`.
    DonneesOpi(DonneesOpiV10),
    /// `mettreAJourLaissezPasserWS_V2`.
    LaissezPasser(LaissezPasserV2),
}

impl RequeteSoap {
    /// Which operation this is, to answer with [`encode_reponse`].
    pub fn operation(&self) -> Operation {
        match self {
            RequeteSoap::DonneesOpi(_) => Operation::MettreajourDonneesOpiV10,
            RequeteSoap::LaissezPasser(_) => Operation::MettreAJourLaissezPasserWsV2,
        }
    }
}

/// Decodes a request envelope, whichever known operation it carries.
///
/// Errors: not UTF-8 or not well-formed XML (`corps: XML mal forme ligne 3 colonne 7 : …`), not a
/// SOAP 1.1 envelope, an unknown operation (`Envelope.Body: operation inconnue
/// mettreajourDonneesOpi_v9 …`), an operation in the wrong namespace, a missing required element
/// or a refused value (its path from the operation element).
pub fn decode_requete(xml: &[u8]) -> Result<RequeteSoap, WireError> {
    let root = tree::parse(xml)?;
    let content = body_content(&root)?;
    let Some(operation) = Operation::ALL
        .into_iter()
        .find(|operation| operation.element() == content.name)
    else {
        let known: Vec<_> = Operation::ALL.iter().map(|op| op.element()).collect();
        return Err(WireError::new(
            "Envelope.Body",
            format!(
                "operation inconnue {} ({} attendu)",
                content.name,
                known.join(" ou ")
            ),
        ));
    };
    let node = Node::new(content, content.name.clone());
    check_namespace(&node, operation.namespace())?;
    match operation {
        Operation::MettreajourDonneesOpiV10 => {
            donnees_opi::decode(&node).map(RequeteSoap::DonneesOpi)
        }
        Operation::MettreAJourLaissezPasserWsV2 => {
            laissez_passer::decode(&node).map(RequeteSoap::LaissezPasser)
        }
    }
}

/// Encodes a `mettreajourDonneesOpi_v10` request envelope, refusing what [`decode_requete`] would
/// refuse (e.g. `mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].codEtp: "DL1OUI2" depasse 6
/// caracteres (7)`).
pub fn encode_donnees_opi(record: &DonneesOpiV10) -> Result<String, WireError> {
    donnees_opi::encode(record)
}

/// Encodes a `mettreAJourLaissezPasserWS_V2` request envelope, refusing what [`decode_requete`]
/// would refuse.
pub fn encode_laissez_passer(request: &LaissezPasserV2) -> Result<String, WireError> {
    laissez_passer::encode(request)
}
