//! The JavaScript API of the simulator (`cycle-wasm`, exported by the page's module), used as a
//! plain `<script type="module">` would in Chromium: the example page `api.html` runs, and every
//! call returns plain objects or throws an `Error` with the precise French message.
//!
//! These tests exercise the very module trainers download, through JavaScript; the API's Rust side
//! is also tested in Chromium by wasm-bindgen-test (`crates/cycle-wasm/tests/navigateur.rs`).

use anyhow::{bail, ensure, Result};
use browser_tests::page::{texte, DELAI_RENDU};
use browser_tests::{built_page_dir, Browser, TestServer};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// Runs `corps` (the body of an async function receiving `module` and `args`) in the page and
/// returns its value; a thrown error fails the test with its message.
async fn dans_la_page(client: &Client, corps: &str, args: Value) -> Result<Value> {
    let script = format!(
        r#"
const [args, rendre] = [arguments[0], arguments[arguments.length - 1]];
(async () => {{
  const module = await import(new URL("simulateur_web.js", document.baseURI));
  await module.default();
  {corps}
}})().then((valeur) => rendre({{ valeur }}), (erreur) => rendre({{ erreur: String(erreur) }}));
"#
    );
    let resultat = client.execute_async(&script, vec![args]).await?;
    if let Some(erreur) = resultat.get("erreur") {
        bail!("exception dans la page : {erreur}");
    }
    Ok(resultat.get("valeur").cloned().unwrap_or(Value::Null))
}

/// A browser on `api.html`, its example run; keep the server alive as long as the browser.
async fn page_api() -> Result<(TestServer, Browser)> {
    let server = TestServer::start(&built_page_dir()?).await?;
    let browser = Browser::launch().await?;
    ouvrir_api(browser.client(), &server).await?;
    Ok((server, browser))
}

async fn ouvrir_api(client: &Client, server: &TestServer) -> Result<()> {
    client.goto(&format!("{}api.html", server.url())).await?;
    // The example is done when it has shown the expected error, its last line.
    client
        .wait()
        .at_most(DELAI_RENDU)
        .for_element(Locator::XPath(
            "//pre[@id='resultat'][contains(., 'Erreur attendue')]",
        ))
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn la_page_d_exemple_montre_le_refus_d_ia_primo_et_la_charge_soap() -> Result<()> {
    let (_server, browser) = page_api().await?;
    let client = browser.client();
    let resultat = texte(client, "#resultat").await?;
    for attendu in [
        "19 scénarios intégrés, dont :",
        "Le 2024-07-09 au matin :",
        "Apogée : vœu DL1OUI/1 en D",
        "IA Primo : DL1OUI/1 refusée (décision OPI défavorable, R11)",
        "<codDecVeu>D</codDecVeu>",
        "Erreur attendue : cassé.toml:1:1: champ obligatoire absent : « description »",
    ] {
        ensure!(
            resultat.contains(attendu),
            "« {attendu} » absent de :\n{resultat}"
        );
    }
    browser.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l_api_rejoue_un_scenario_et_rend_des_objets_simples() -> Result<()> {
    let (_server, browser) = page_api().await?;
    let client = browser.client();
    let r = dans_la_page(
        client,
        r##"
const s = module.Simulateur.integre("desistement_apres_ia_payee");
const code = s.scenario().candidats[0].codeCandidat;
const r = { code, premierJour: s.jour, integres: module.scenariosIntegres().map((i) => i.nom) };
r.avant = s.eligibilite(code, "DL1OUI");
r.premierPas = s.evenementSuivant();
let pas = 0;
while (!s.position().termine && pas++ < 100) s.avancer();
r.position = s.position();
r.ia = s.etatApogee(code).ias[0];
r.dossier = s.etatParcoursup(code).candidats[0];
r.ecran = s.iaPrimo(code);
r.apres = s.eligibilite(code, "DL1OUI/1");
r.transcript = s.transcript().length;
r.transcriptDuCandidat = s.transcript(code).length;
const opi = s.transcript().find((e) => e.fait.nature === "message" && e.fait.type === "opi");
r.pieces = s.pieces(opi.index);
const jourFinal = s.jour;
s.reculer();
r.apresReculer = s.jour;
s.allerAu(jourFinal);
r.memeTranscript = s.transcript().length === r.transcript;
s.allerAuJalon("veille_resultats_bac");
r.jalon = s.jour;
return r;
"##,
        json!(null),
    )
    .await?;
    ensure!(
        r["integres"].as_array().map(Vec::len) == Some(19),
        "{}",
        r["integres"]
    );
    assert_eq!(r["premierJour"], "2024-05-30");
    assert_eq!(r["avant"]["autorisee"], false);
    assert_eq!(
        r["avant"]["raison"],
        "aucune donnée OPI : connexion à IA Primo impossible"
    );
    let premier_pas = r["premierPas"].as_array().cloned().unwrap_or_default();
    ensure!(
        premier_pas.iter().any(|e| e["regle"] == "R1"
            && e["fait"]["nature"] == "message"
            && e["fait"]["de"] == "parcoursup"
            && e["fait"]["aCharge"] == true
            && e["citation"]
                .as_str()
                .is_some_and(|c| c.contains("(fiche §I.A)"))),
        "le premier pas doit envoyer l'OPI (R1) : {premier_pas:?}"
    );
    assert_eq!(r["position"]["termine"], true);
    assert_eq!(r["position"]["prochainEvenement"], Value::Null);
    assert_eq!(r["ia"]["etat"], "E");
    assert_eq!(r["ia"]["paiement"], "P");
    assert_eq!(r["ia"]["annulationManuelleRequise"], true);
    assert_eq!(r["ia"]["creeeLe"], "2024-07-10");
    assert_eq!(r["dossier"]["voeux"][0]["desiste"], true);
    assert_eq!(r["dossier"]["voeux"][0]["decision"], "D");
    assert_eq!(r["dossier"]["voeux"][0]["regleDecision"], "R10");
    assert_eq!(r["dossier"]["inscriptions"][0]["etatInscription"], 1);
    assert_eq!(r["ecran"]["offres"][0]["raison"], "déjà inscrit");
    assert_eq!(r["apres"]["raison"], "déjà inscrit");
    assert_eq!(r["apres"]["regle"], "R17");
    ensure!(
        r["transcriptDuCandidat"].as_u64() <= r["transcript"].as_u64(),
        "filtre par candidat : {} sur {}",
        r["transcriptDuCandidat"],
        r["transcript"]
    );
    assert_eq!(r["pieces"][0]["format"], "xml");
    ensure!(
        r["pieces"][0]["texte"]
            .as_str()
            .is_some_and(|t| t.contains("<codDecVeu>F</codDecVeu>")),
        "{}",
        r["pieces"][0]
    );
    ensure!(
        r["apresReculer"] != r["position"]["jour"],
        "reculer n'a rien changé"
    );
    assert_eq!(r["memeTranscript"], true);
    assert_eq!(r["jalon"], "2024-07-07");
    browser.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn les_erreurs_sont_des_error_javascript_au_message_precis() -> Result<()> {
    let (_server, browser) = page_api().await?;
    let client = browser.client();
    let r = dans_la_page(
        client,
        r##"
const erreur = (f) => {
  try { f(); return null; } catch (e) { return { estError: e instanceof Error, message: e.message }; }
};
const s = module.Simulateur.integre("nominal_f");
const code = s.scenario().candidats[0].codeCandidat;
return {
  integre: erreur(() => module.Simulateur.integre("inconnu")),
  toml: erreur(() => module.Simulateur.depuisToml("titre = \"t\"\ndescription = \"d\"\n[[candidats]]\ncode = 1\n", "a.toml")),
  jour: erreur(() => s.allerAu("2023-01-01")),
  format: erreur(() => s.allerAu("09/07/2024")),
  jalon: erreur(() => s.allerAuJalon("demain")),
  vet: erreur(() => s.eligibilite(code, "XX1")),
  piece: erreur(() => s.pieces(100000)),
  reculer: erreur(() => s.reculer()),
  lien: erreur(() => module.lireLien("#scenario=%%%")),
  evenement: erreur(() => s.ajouterEvenement({ type: "ia_primo", date: "2024-07-10" })),
};
"##,
        json!(null),
    )
    .await?;
    let attendus = [
        (
            "integre",
            "scénario intégré inconnu : « inconnu » (possibles : nominal_f, ",
        ),
        ("toml", "a.toml:"),
        (
            "jour",
            "le 01/01/2023 est hors du calendrier de ce scénario (du 30/05/2024 au ",
        ),
        (
            "format",
            "jour « 09/07/2024 » : pas une date AAAA-MM-JJ (par exemple 2024-07-09)",
        ),
        (
            "jalon",
            "jalon « demain » inconnu (possibles : debut_phase_principale, ",
        ),
        (
            "vet",
            "vet « XX1 » : inconnue de l'université (VET : DL1OUI/1, ",
        ),
        (
            "piece",
            "entrée 100000 inexistante : le déroulement en compte ",
        ),
        ("reculer", "aucun pas à annuler"),
        (
            "lien",
            "lien : le scénario n'est pas en base64url (lien tronqué ?)",
        ),
        ("evenement", "nominal_f.toml:"),
    ];
    for (cle, debut) in attendus {
        let erreur = &r[cle];
        ensure!(
            erreur["estError"] == true,
            "{cle} : pas une Error JavaScript : {erreur}"
        );
        let message = erreur["message"].as_str().unwrap_or_default();
        ensure!(
            message.starts_with(debut),
            "{cle} : « {message} » ne commence pas par « {debut} »"
        );
    }
    let toml = r["toml"]["message"].as_str().unwrap_or_default();
    ensure!(
        toml.contains("candidats[0].code") && toml.contains("réservé"),
        "{toml}"
    );
    browser.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l_editeur_de_l_api_ajoute_et_le_lien_rend_le_meme_scenario() -> Result<()> {
    let (_server, browser) = page_api().await?;
    let client = browser.client();
    let r = dans_la_page(
        client,
        r##"
const s = module.Simulateur.integre("nominal_f");
s.allerAu("2024-06-20");
s.ajouterCandidat({ code: 2000001, prenom: "Zoé", nom: "LAMBERT", bac: "echec" });
const avertissement = s.ajouterEvenement({ type: "acceptation", date: "2024-06-12", candidat: 2000001, formation: 34567 });
const lien = module.lireLien(s.lien());
return {
  jour: s.jour,
  avertissement,
  dossier: s.etatApogee(2000001).dossiers[0],
  texteContient: s.texte().includes("code = 2000001"),
  lienMemeTexte: lien.texte === s.texte(),
  lienJour: lien.jour,
  integre: module.lireLien("#integre=nominal_f"),
};
"##,
        json!(null),
    )
    .await?;
    assert_eq!(r["jour"], "2024-06-20", "rouvert au même jour");
    assert_eq!(r["avertissement"], Value::Null);
    assert_eq!(r["dossier"]["prenom"], "Zoé");
    assert_eq!(r["dossier"]["voeux"][0]["vet"], "HL1OUI/1");
    assert_eq!(r["dossier"]["voeux"][0]["decision"], "F");
    assert_eq!(r["texteContient"], true);
    assert_eq!(r["lienMemeTexte"], true);
    assert_eq!(r["lienJour"], "2024-06-20");
    assert_eq!(
        r["integre"],
        json!({ "integre": "nominal_f", "texte": null, "jour": null })
    );
    browser.close().await
}
