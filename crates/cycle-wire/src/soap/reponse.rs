//! What Apogée answers: an empty `…Response` element on success, or a SOAP fault whose detail is
//! Apogée's `WebBaseException`. A caller decodes the answer to tell success, fault and garbage
//! apart (garbage being a [`WireError`]).

use serde::Serialize;

use super::envelope::{
    body_content, check_namespace, write_envelope, Operation, SOAP_ENVELOPE_NS,
    WEB_BASE_EXCEPTION_NS,
};
use super::tree::{self, Node};
use crate::error::WireError;

/// Apogée's answer to an operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ReponseSoap {
    /// The empty `…Response` element: the operation was carried out. For an OPI this does not
    /// prove the vœux were written (a partial write is a known failure): check Apogée's state.
    Succes,
    /// A SOAP fault.
    Faute(FauteSoap),
}

/// A SOAP 1.1 fault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FauteSoap {
    /// Local part of the `faultcode` QName, prefix removed, e.g. `Server.generalException`
    /// (written back with the envelope's `soapenv:` prefix).
    pub faultcode: String,
    /// Human-readable summary, e.g. `technical.data.nullretrieve.opi`.
    pub faultstring: String,
    /// Apogée's structured detail, when the fault carries one.
    pub detail: Option<WebBaseException>,
}

/// Apogée's fault detail (`WebBaseException`). Axis leaves out null fields, which read as `""`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebBaseException {
    /// Functional domain, e.g. `opi`.
    pub domaine: String,
    /// The element at fault, e.g. `codEtp`.
    pub element: String,
    /// Every message (`messages/item`).
    pub messages: Vec<String>,
    /// Nature, e.g. `technical`.
    pub nature: String,
    /// Type, e.g. `data`.
    pub r#type: String,
    /// The last message.
    pub last_error_msg: String,
}

impl FauteSoap {
    /// The `Client` fault a server answers to a request it could not decode; the message is the
    /// decoding error (path and reason).
    pub fn client(error: &WireError) -> Self {
        FauteSoap {
            faultcode: "Client".to_owned(),
            faultstring: error.to_string(),
            detail: None,
        }
    }
}

/// Decodes Apogée's answer to `operation`.
///
/// Errors: not UTF-8 or not well-formed XML, not a SOAP 1.1 envelope, or a body holding neither
/// the operation's response nor a fault (`Envelope.Body: reponse inattendue …`).
pub fn decode_reponse(xml: &[u8], operation: Operation) -> Result<ReponseSoap, WireError> {
    let root = tree::parse(xml)?;
    let content = body_content(&root)?;
    let at = format!("Envelope.Body.{}", content.name);
    let node = Node::new(content, at);
    if content.name == "Fault" {
        check_namespace(&node, SOAP_ENVELOPE_NS)?;
        return decode_fault(&node).map(ReponseSoap::Faute);
    }
    if content.name == operation.response_element() {
        check_namespace(&node, operation.namespace())?;
        return Ok(ReponseSoap::Succes);
    }
    Err(WireError::new(
        "Envelope.Body",
        format!(
            "reponse inattendue {} ({} ou Fault attendu)",
            content.name,
            operation.response_element()
        ),
    ))
}

fn decode_fault(fault: &Node<'_>) -> Result<FauteSoap, WireError> {
    let faultcode = fault.required_text("faultcode")?;
    let local = faultcode
        .trim()
        .rsplit_once(':')
        .map_or(faultcode.trim(), |(_, local)| local);
    let detail = match fault.child("detail")? {
        Some(detail) => match detail.child("WebBaseException")? {
            Some(exception) => Some(decode_exception(&exception)?),
            None => None,
        },
        None => None,
    };
    Ok(FauteSoap {
        faultcode: local.to_owned(),
        faultstring: fault.text("faultstring")?.unwrap_or_default(),
        detail,
    })
}

fn decode_exception(exception: &Node<'_>) -> Result<WebBaseException, WireError> {
    let text = |name| exception.text(name).map(Option::unwrap_or_default);
    let messages = match exception.child("messages")? {
        Some(messages) => messages
            .children("item")
            .iter()
            .map(|item| item.element().text.clone())
            .collect(),
        None => Vec::new(),
    };
    Ok(WebBaseException {
        domaine: text("domaine")?,
        element: text("element")?,
        messages,
        nature: text("nature")?,
        r#type: text("type")?,
        last_error_msg: text("lastErrorMsg")?,
    })
}

/// Encodes Apogée's answer to `operation`: the empty response element, or the fault (whose
/// `WebBaseException` fields are written in the example's order).
pub fn encode_reponse(reponse: &ReponseSoap, operation: Operation) -> String {
    write_envelope(&[], false, |writer| match reponse {
        ReponseSoap::Succes => {
            writer.empty(
                &format!("ns1:{}", operation.response_element()),
                &[("xmlns:ns1", operation.namespace())],
            );
        }
        ReponseSoap::Faute(fault) => {
            writer.open("soapenv:Fault", &[]);
            writer.leaf("faultcode", &format!("soapenv:{}", fault.faultcode));
            writer.leaf("faultstring", &fault.faultstring);
            if let Some(exception) = &fault.detail {
                writer.open("detail", &[]);
                writer.open(
                    "ns1:WebBaseException",
                    &[("xmlns:ns1", WEB_BASE_EXCEPTION_NS)],
                );
                writer.leaf("domaine", &exception.domaine);
                writer.leaf("element", &exception.element);
                writer.open("messages", &[]);
                for message in &exception.messages {
                    writer.leaf("item", message);
                }
                writer.close("messages");
                writer.leaf("nature", &exception.nature);
                writer.leaf("type", &exception.r#type);
                writer.leaf("lastErrorMsg", &exception.last_error_msg);
                writer.close("ns1:WebBaseException");
                writer.close("detail");
            }
            writer.close("soapenv:Fault");
        }
    })
}
