//! The few HTTP calls the benchmarks make to the mock's admin API and the connector's control API:
//! JSON over plain HTTP on 127.0.0.1, any status read as an answer (the caller judges it).

use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde_json::Value;
use ureq::Agent;

/// Answers of the admin API can be large (a page of the journal is 10,000 messages).
const TAILLE_MAX_REPONSE: u64 = 256 * 1024 * 1024;

pub struct Client {
    agent: Agent,
}

/// An answer: its status and its body read as JSON (`Value::Null` when it is not JSON).
pub struct Reponse {
    pub statut: u16,
    pub json: Value,
    pub texte: String,
}

impl Client {
    /// `delai`: the longest a call may take (the 30,000-row batch is one call).
    pub fn new(delai: Duration) -> Client {
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(delai))
            .build()
            .into();
        Client { agent }
    }

    pub fn post(&self, url: &str, corps: &str) -> Result<Reponse> {
        let reponse = self
            .agent
            .post(url)
            .header("Content-Type", "application/json")
            .send(corps)
            .with_context(|| format!("POST {url}"))?;
        lire(url, reponse)
    }

    pub fn put(&self, url: &str, corps: &str) -> Result<Reponse> {
        let reponse = self
            .agent
            .put(url)
            .header("Content-Type", "application/json")
            .send(corps)
            .with_context(|| format!("PUT {url}"))?;
        lire(url, reponse)
    }

    pub fn get(&self, url: &str) -> Result<Reponse> {
        let reponse = self
            .agent
            .get(url)
            .call()
            .with_context(|| format!("GET {url}"))?;
        lire(url, reponse)
    }

    /// A call that must succeed (2xx): its JSON.
    pub fn exiger(&self, reponse: Result<Reponse>) -> Result<Value> {
        let reponse = reponse?;
        if !(200..300).contains(&reponse.statut) {
            bail!(
                "HTTP {} : {}",
                reponse.statut,
                reponse.texte.chars().take(400).collect::<String>()
            );
        }
        Ok(reponse.json)
    }
}

fn lire(url: &str, mut reponse: ureq::http::Response<ureq::Body>) -> Result<Reponse> {
    let statut = reponse.status().as_u16();
    let texte = reponse
        .body_mut()
        .with_config()
        .limit(TAILLE_MAX_REPONSE)
        .read_to_string()
        .with_context(|| format!("lecture de la réponse de {url}"))?;
    let json = serde_json::from_str(&texte).unwrap_or(Value::Null);
    Ok(Reponse {
        statut,
        json,
        texte,
    })
}
