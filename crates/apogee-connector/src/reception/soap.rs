//! `POST /services/OpiMetier`: Apogée's SOAP 1.1 webservice, operation `mettreajourDonneesOpi_v10`.
//!
//! Success is the empty `mettreajourDonneesOpi_v10Response`. A body that is not a readable request
//! gets a `Client` fault naming the path of the faulty element; a record that reads but names a VET
//! the university does not map (or lacks what the OPI needs) gets Apogée's `Server.generalException`
//! fault whose `WebBaseException` names the element, like the real service. A journal that cannot
//! be written gets a plain `Server` fault naming the file. A fault leaves Apogée untouched.

use cycle_codec::opi::donnees_opi_en_opi;
use cycle_codec::ErreurCodec;
use cycle_core::transcript::Canal;
use cycle_core::Entree;
use cycle_wire::soap::{
    decode_requete, encode_reponse, FauteSoap, Operation, ReponseSoap, RequeteSoap,
    WebBaseException,
};
use cycle_wire::WireError;

use crate::{Commande, Connecteur};

/// An HTTP answer, before any framework sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReponseHttp {
    pub statut: u16,
    pub type_contenu: &'static str,
    pub corps: String,
}

/// What receiving a message gave: the answer to send back and the entries the core wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reception {
    pub reponse: ReponseHttp,
    pub entrees: Vec<Entree>,
}

const TYPE_XML: &str = "text/xml; charset=utf-8";
const OPERATION: Operation = Operation::MettreajourDonneesOpiV10;

impl Connecteur {
    /// Receives one SOAP request for the `OpiMetier` service.
    pub fn recevoir_soap(&mut self, corps: &[u8]) -> Reception {
        let donnees = match decode_requete(corps) {
            Ok(RequeteSoap::DonneesOpi(donnees)) => donnees,
            Ok(RequeteSoap::LaissezPasser(_)) => {
                return faute(FauteSoap::client(&WireError::new(
                    "Envelope.Body",
                    "operation mettreAJourLaissezPasserWS_V2 inconnue du service OpiMetier \
                     (elle appartient a LaissezPasserMetier)",
                )))
            }
            Err(erreur) => return faute(FauteSoap::client(&erreur)),
        };
        let opi = match donnees_opi_en_opi(&donnees, &self.parametrage.universite) {
            Ok(opi) => opi,
            Err(erreur) => return faute(faute_apogee(&erreur)),
        };
        let commande = Commande::Opi {
            canal: Canal::WebserviceOpi,
            opi,
        };
        let entrees = match self.executer(commande) {
            Ok(entrees) => entrees,
            Err(erreur) => {
                return faute(FauteSoap {
                    faultcode: "Server".to_owned(),
                    faultstring: erreur.to_string(),
                    detail: None,
                })
            }
        };
        Reception {
            reponse: ReponseHttp {
                statut: 200,
                type_contenu: TYPE_XML,
                corps: encode_reponse(&ReponseSoap::Succes, OPERATION),
            },
            entrees,
        }
    }
}

/// Apogée's own fault for a record it cannot store, with the element at fault.
fn faute_apogee(erreur: &ErreurCodec) -> FauteSoap {
    let (chemin, raison) = match erreur {
        ErreurCodec::Wire(wire) => (wire.path().to_owned(), wire.reason().to_owned()),
        ErreurCodec::Champ { champ, raison } => (champ.clone(), raison.clone()),
    };
    let element = chemin
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .split('[')
        .next()
        .unwrap_or_default()
        .to_owned();
    FauteSoap {
        faultcode: "Server.generalException".to_owned(),
        faultstring: erreur.to_string(),
        detail: Some(WebBaseException {
            domaine: "opi".to_owned(),
            element,
            messages: vec![raison],
            nature: "technical".to_owned(),
            r#type: "data".to_owned(),
            last_error_msg: erreur.to_string(),
        }),
    }
}

/// SOAP 1.1 answers a fault with HTTP 500.
fn faute(faute: FauteSoap) -> Reception {
    Reception {
        reponse: ReponseHttp {
            statut: 500,
            type_contenu: TYPE_XML,
            corps: encode_reponse(&ReponseSoap::Faute(faute), OPERATION),
        },
        entrees: Vec::new(),
    }
}
