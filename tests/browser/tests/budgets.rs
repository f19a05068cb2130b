//! The page's budgets (issue 4), measured on the release page in headless Chromium: bytes to
//! download, first render, and the time a 1,000-candidate scenario takes to step one day. Figures
//! are printed (`cargo test -p browser-tests --test budgets -- --nocapture`) with their verdict
//! and recorded in BENCHMARKS.md, web section.
//!
//! As everywhere in this project, no test asserts a time (a shared CI machine would make it flaky):
//! the timing test asserts what the measured run must do — every day reached and shown, the same
//! transcript in the browser as natively — and prints the times. Bytes are deterministic: the size
//! test asserts the budget.
//!
//! They only mean something on the page trainers get: a debug page is refused with the command
//! that builds the right one.

use std::path::PathBuf;

use anyhow::{bail, ensure, Context, Result};
use browser_tests::charge::scenario_de_charge;
use browser_tests::page::{attendre, ouvrir, DELAI_RENDU};
use browser_tests::{built_page_dir, Browser, TestServer};
use cycle_wasm::lien::{self, Lien, Source};
use fantoccini::Client;
use serde::Deserialize;

/// WASM + JS, gzip -9, in bytes (the issue's « 400 KB »): the test fails above it.
const BUDGET_GZIP: usize = 400_000;
const BUDGET_PREMIER_RENDU_MS: f64 = 1_000.0;
const BUDGET_JOUR_MS: f64 = 50.0;
const CANDIDATS: u32 = 1_000;

/// `web/dist/`, refused when it holds a debug build.
fn page_de_release() -> Result<PathBuf> {
    let dossier = built_page_dir()?;
    let glue = std::fs::read_to_string(dossier.join("simulateur_web.js"))
        .context("lecture de web/dist/simulateur_web.js")?;
    // wasm-bindgen's debug glue checks every number it passes: `_assertNum`.
    if glue.contains("_assertNum") {
        bail!(
            "web/dist/ contient une page de debug : les budgets se mesurent sur la page de \
             release (`cargo xtask build-web --release`)"
        );
    }
    Ok(dossier)
}

/// What gzip -9 sends: the deflate stream plus gzip's 18 bytes of header and trailer.
fn taille_gzip(octets: &[u8]) -> usize {
    miniz_oxide::deflate::compress_to_vec(octets, 9).len() + 18
}

#[test]
fn la_page_tient_dans_son_budget_de_taille() -> Result<()> {
    let dossier = page_de_release()?;
    let mut total = 0;
    for fichier in ["simulateur_web_bg.wasm", "simulateur_web.js"] {
        let octets = std::fs::read(dossier.join(fichier))
            .with_context(|| format!("lecture de web/dist/{fichier}"))?;
        let gzip = taille_gzip(&octets);
        println!(
            "{fichier} : {} octets, {gzip} octets en gzip -9",
            octets.len()
        );
        total += gzip;
    }
    println!("WASM + JS : {total} octets en gzip -9 ; budget {BUDGET_GZIP}");
    ensure!(
        total <= BUDGET_GZIP,
        "WASM + JS = {total} octets en gzip, au-dessus du budget de {BUDGET_GZIP} (BENCHMARKS.md, \
         le simulateur dans le navigateur : ce qui pèse et ce qui a été retiré)"
    );
    Ok(())
}

/// Milliseconds from navigation start to the app's first render (its `simulateur-rendu` mark).
async fn premier_rendu(client: &Client, url: &str) -> Result<f64> {
    ouvrir(client, url).await?;
    let debut = client
        .execute(
            "const [marque] = performance.getEntriesByName('simulateur-rendu');
             return marque ? marque.startTime : null;",
            vec![],
        )
        .await?;
    debut
        .as_f64()
        .context("la marque de performance « simulateur-rendu » est absente")
}

fn lien_de_charge(base: &str) -> String {
    let fragment = lien::fragment(&Lien {
        source: Source::Texte(scenario_de_charge(CANDIDATS)),
        jour: None,
    });
    format!("{base}#{fragment}")
}

/// The median of three fresh loads: one load alone says more about the machine's mood than about
/// the page.
async fn premier_rendu_median(client: &Client, url: &str) -> Result<f64> {
    let mut mesures = Vec::new();
    for _ in 0..3 {
        // A fresh navigation, not a fragment change: through a blank page.
        client.goto("about:blank").await?;
        mesures.push(premier_rendu(client, url).await?);
    }
    mesures.sort_by(f64::total_cmp);
    Ok(mesures[1])
}

/// Durations of a series of steps, in milliseconds.
struct Mesures {
    durees: Vec<f64>,
}

impl Mesures {
    fn rang(&self, part: f64) -> f64 {
        let mut triees = self.durees.clone();
        triees.sort_by(f64::total_cmp);
        let index = ((triees.len() as f64 - 1.0) * part).round() as usize;
        triees.get(index).copied().unwrap_or(f64::NAN)
    }

    fn resume(&self) -> String {
        // Which step is the slowest (from 1): a one-off (the first step) or a day that does much.
        let lent = self
            .durees
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map_or(0, |(i, _)| i + 1);
        format!(
            "{} pas : médiane {:.1} ms, 95e centile {:.1} ms, max {:.1} ms (pas n° {lent})",
            self.durees.len(),
            self.rang(0.5),
            self.rang(0.95),
            self.rang(1.0)
        )
    }
}

/// Steps the page one day at a time with « Aller au matin du », from the first day to the end of
/// the scenario. Each step is timed from the click to the page's change (the work: simulation, views,
/// rendering into the DOM) and to the next frame after it (what the trainer sees, frame wait
/// included).
const PAS_PAR_JOUR_DANS_LA_PAGE: &str = r#"
const [fin, rendre] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const champ = document.getElementById("date-cible");
  const bouton = document.querySelector(".aller-au button[type=submit]");
  const app = document.getElementById("app");
  const lendemain = (iso) => {
    const jour = new Date(iso + "T00:00:00Z");
    jour.setUTCDate(jour.getUTCDate() + 1);
    return jour.toISOString().slice(0, 10);
  };
  const durees = [];
  const affichages = [];
  let jour = document.getElementById("jour-courant").dataset.jour;
  while (jour < fin) {
    jour = lendemain(jour);
    const debut = performance.now();
    await new Promise((fait) => {
      const observateur = new MutationObserver(() => {
        observateur.disconnect();
        durees.push(performance.now() - debut);
        requestAnimationFrame(() => setTimeout(fait, 0));
      });
      observateur.observe(app, { subtree: true, childList: true, characterData: true, attributes: true });
      champ.value = jour;
      bouton.click();
    });
    affichages.push(performance.now() - debut);
    if (document.getElementById("jour-courant").dataset.jour !== jour) {
      throw new Error(`le jour affiché n'est pas ${jour}`);
    }
  }
  return { durees, affichages };
})().then(rendre, (erreur) => rendre({ erreur: String(erreur) }));
"#;

/// The same through the JavaScript API alone: `allerAu` each next day, then one « reculer ».
const PAS_PAR_JOUR_PAR_L_API: &str = r#"
const [texte, rendre] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const module = await import(new URL("simulateur_web.js", document.baseURI));
  await module.default();
  let debut = performance.now();
  const simulateur = module.Simulateur.depuisToml(texte, "charge.toml");
  const chargement = performance.now() - debut;
  const fin = simulateur.position().finDuScenario;
  const lendemain = (iso) => {
    const jour = new Date(iso + "T00:00:00Z");
    jour.setUTCDate(jour.getUTCDate() + 1);
    return jour.toISOString().slice(0, 10);
  };
  const durees = [];
  while (simulateur.jour < fin) {
    const jour = lendemain(simulateur.jour);
    debut = performance.now();
    simulateur.allerAu(jour);
    durees.push(performance.now() - debut);
  }
  const entrees = simulateur.transcript().length;
  debut = performance.now();
  simulateur.reculer();
  const reculer = performance.now() - debut;
  return { durees, chargement, reculer, entrees };
})().then(rendre, (erreur) => rendre({ erreur: String(erreur) }));
"#;

#[derive(Debug, Deserialize)]
struct MesuresPage {
    durees: Vec<f64>,
    affichages: Vec<f64>,
}

#[derive(Debug, Deserialize)]
struct MesuresApi {
    durees: Vec<f64>,
    chargement: f64,
    reculer: f64,
    entrees: usize,
}

fn lire<T: for<'de> Deserialize<'de>>(valeur: serde_json::Value) -> Result<T> {
    if let Some(erreur) = valeur.get("erreur") {
        bail!("erreur dans la page : {erreur}");
    }
    Ok(serde_json::from_value(valeur)?)
}

fn verdict(tenu: bool) -> &'static str {
    if tenu {
        "tenu"
    } else {
        "DÉPASSÉ"
    }
}

/// First render, then a day's step: one test, so that the timings never share the machine with
/// another test of this file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mille_candidats_jour_apres_jour_dans_la_page_et_par_l_api() -> Result<()> {
    let texte = scenario_de_charge(CANDIDATS);
    let mut natif = cycle_wasm::Seance::depuis_texte("charge.toml", &texte)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let fin = natif.fin_du_scenario();
    natif.aller_au(fin).map_err(|e| anyhow::anyhow!("{e}"))?;
    let jours = (fin - natif.premier_jour()).whole_days() as usize;

    let server = TestServer::start(&page_de_release()?).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();

    let accueil = premier_rendu_median(client, server.url()).await?;
    let charge = premier_rendu_median(client, &lien_de_charge(server.url())).await?;
    println!(
        "premier rendu (médiane de 3) : {accueil:.0} ms (page d'accueil), {charge:.0} ms \
         ({CANDIDATS} candidats par lien) ; budget {BUDGET_PREMIER_RENDU_MS} ms : {}",
        verdict(accueil.max(charge) < BUDGET_PREMIER_RENDU_MS)
    );

    // Through the JavaScript API (the core alone, no rendering).
    client.goto(&format!("{}api.html", server.url())).await?;
    attendre(client, "#resultat", DELAI_RENDU).await?;
    let api: MesuresApi = lire(
        client
            .execute_async(PAS_PAR_JOUR_PAR_L_API, vec![serde_json::json!(texte)])
            .await?,
    )?;
    ensure!(
        api.entrees == natif.transcript().len(),
        "{} entrées dans le navigateur, {} en natif : le même scénario doit donner le même \
         déroulement",
        api.entrees,
        natif.transcript().len()
    );
    let par_api = Mesures { durees: api.durees };
    println!(
        "API, {CANDIDATS} candidats : chargement {:.0} ms ; un jour : {} ; reculer (rejeu depuis \
         le début) {:.0} ms ; {} entrées",
        api.chargement,
        par_api.resume(),
        api.reculer,
        api.entrees
    );

    // Through the page: the step and its rendering, up to the scenario's end (the script checks
    // that each day is the one shown).
    client.goto("about:blank").await?;
    ouvrir(client, &lien_de_charge(server.url())).await?;
    let page: MesuresPage = lire(
        client
            .execute_async(
                PAS_PAR_JOUR_DANS_LA_PAGE,
                vec![serde_json::json!(cycle_wasm::vues::Jour(fin).iso())],
            )
            .await?,
    )?;
    let dans_la_page = Mesures {
        durees: page.durees,
    };
    let jusqu_a_l_image = Mesures {
        durees: page.affichages,
    };
    for (mesures, ou) in [
        (&par_api, "par l'API"),
        (&dans_la_page, "dans la page, jusqu'au DOM"),
        (&jusqu_a_l_image, "dans la page, jusqu'à l'image suivante"),
    ] {
        ensure!(
            mesures.durees.len() == jours,
            "{} jours mesurés {ou}, {jours} attendus",
            mesures.durees.len()
        );
        println!(
            "un jour, {CANDIDATS} candidats, {ou} : {} ; budget {BUDGET_JOUR_MS} ms : {}",
            mesures.resume(),
            verdict(mesures.rang(0.95) < BUDGET_JOUR_MS)
        );
    }
    browser.close().await
}
