//! The home page in a real Chromium: the WASM app renders the French title and introduction, from
//! the server root and from a sub-folder, with every resource loaded from the page's own host.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use browser_tests::{built_page_dir, save_screenshot, Browser, TestServer};
use fantoccini::{Client, Locator};

const TITRE: &str = "Simulateur Parcoursup → Apogée";

/// The WASM module is a few hundred kilobytes in debug: loading it on a busy CI machine takes time.
const RENDER_TIMEOUT: Duration = Duration::from_secs(30);

/// Waits for the title that only the yew app creates: `#app` is empty in the static index.html.
async fn wait_for_app(client: &Client) -> Result<String> {
    let titre = client
        .wait()
        .at_most(RENDER_TIMEOUT)
        .for_element(Locator::Css("#app header h1"))
        .await
        .context("l'application WASM n'a pas rendu son titre dans #app")?;
    Ok(titre.text().await?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn la_page_affiche_le_titre_et_l_introduction_rendus_par_l_application() -> Result<()> {
    let page = built_page_dir()?;
    let server = TestServer::start(&page).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();
    client.goto(server.url()).await?;

    assert_eq!(wait_for_app(client).await?, TITRE);
    assert_eq!(client.title().await?, TITRE);
    let introduction = client
        .find(Locator::Css("#app main .introduction"))
        .await?
        .text()
        .await?;
    ensure!(
        introduction.starts_with("Ce simulateur rejoue le cycle qui relie Parcoursup et Apogée"),
        "introduction inattendue : {introduction:?}"
    );
    let lang = client
        .execute("return document.documentElement.lang;", vec![])
        .await?;
    assert_eq!(lang, "fr");
    for landmark in ["#app > header", "#app > main", "#app > footer"] {
        client
            .find(Locator::Css(landmark))
            .await
            .with_context(|| format!("{landmark} absent de la page"))?;
    }
    let chargement = client.find(Locator::Id("chargement")).await?;
    ensure!(
        !chargement.is_displayed().await?,
        "le message de chargement reste affiché une fois l'application rendue"
    );

    let capture = save_screenshot(client, "page-accueil").await?;
    println!("capture : {}", capture.display());
    browser.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn la_page_marche_depuis_un_sous_dossier_sans_rien_charger_d_ailleurs() -> Result<()> {
    let page = built_page_dir()?;
    let server = TestServer::start_under("/formation/simulateur/", &page).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();
    client.goto(server.url()).await?;

    assert_eq!(wait_for_app(client).await?, TITRE);
    let resources = client
        .execute(
            "return performance.getEntriesByType('resource').map((entry) => entry.name);",
            vec![],
        )
        .await?;
    let resources: Vec<String> = serde_json::from_value(resources)?;
    for expected in ["style.css", "simulateur_web.js", "simulateur_web_bg.wasm"] {
        let url = format!("{}{expected}", server.url());
        ensure!(
            resources.contains(&url),
            "{url} non chargé ; ressources : {resources:?}"
        );
    }
    for resource in &resources {
        ensure!(
            resource.starts_with(server.url()),
            "ressource chargée hors du dossier de la page : {resource}"
        );
    }
    browser.close().await
}
