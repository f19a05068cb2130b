//! The two HTTP peers of a conformance run: the mock Parcoursup's admin API (`/__admin/…`) and the
//! connector's control API (`/etats/…`), both JSON over HTTP. Errors name the call and say what came
//! back, in French.

use std::time::Duration;

use serde_json::Value;

/// One JSON API at `base`.
#[derive(Clone, Debug)]
pub struct Api {
    client: reqwest::Client,
    base: String,
}

/// How long one call may take.
const DELAI: Duration = Duration::from_secs(30);

impl Api {
    pub fn new(client: reqwest::Client, base: &str) -> Api {
        Api {
            client,
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn client_http() -> reqwest::Client {
        reqwest::Client::builder()
            .timeout(DELAI)
            .build()
            .unwrap_or_default()
    }

    pub async fn get(&self, chemin: &str) -> Result<Value, String> {
        let requete = self.client.get(format!("{}{chemin}", self.base));
        self.envoyer("GET", chemin, requete).await
    }

    pub async fn post(&self, chemin: &str, corps: &Value) -> Result<Value, String> {
        self.envoyer_corps("POST", chemin, "application/json", corps.to_string())
            .await
    }

    pub async fn put(&self, chemin: &str, corps: &Value) -> Result<Value, String> {
        let requete = self
            .client
            .put(format!("{}{chemin}", self.base))
            .header("content-type", "application/json")
            .body(corps.to_string());
        self.envoyer("PUT", chemin, requete).await
    }

    pub async fn envoyer_corps(
        &self,
        methode: &str,
        chemin: &str,
        type_contenu: &str,
        corps: String,
    ) -> Result<Value, String> {
        let requete = self
            .client
            .post(format!("{}{chemin}", self.base))
            .header("content-type", type_contenu)
            .body(corps);
        self.envoyer(methode, chemin, requete).await
    }

    async fn envoyer(
        &self,
        methode: &str,
        chemin: &str,
        requete: reqwest::RequestBuilder,
    ) -> Result<Value, String> {
        let appel = format!("{methode} {}{chemin}", self.base);
        let reponse = requete
            .send()
            .await
            .map_err(|e| format!("{appel} : injoignable ({e})"))?;
        let statut = reponse.status();
        let texte = reponse
            .text()
            .await
            .map_err(|e| format!("{appel} : réponse interrompue ({e})"))?;
        if !statut.is_success() {
            let extrait: String = texte.chars().take(300).collect();
            return Err(format!("{appel} : HTTP {} {extrait}", statut.as_u16()));
        }
        if texte.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&texte).map_err(|e| format!("{appel} : réponse non JSON ({e})"))
    }
}
