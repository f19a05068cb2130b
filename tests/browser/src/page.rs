//! Driving the simulator's page: open it, wait for the app, read a text, wait for a day, click by
//! CSS selector. The selectors are the page's ids and `data-*` attributes, which exist for this.
//!
//! Checks on what the page shows stay in the tests; this module only moves and waits.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use fantoccini::{Client, Locator};

/// A debug page is several megabytes of WebAssembly: loading it on a busy CI machine takes time.
pub const DELAI_RENDU: Duration = Duration::from_secs(30);

/// How long a step, a jump or a reload may take to show.
pub const DELAI_PAS: Duration = Duration::from_secs(10);

/// Opens `url` and waits until the app has rendered its calendar (a scenario is open).
pub async fn ouvrir(client: &Client, url: &str) -> Result<()> {
    client.goto(url).await?;
    client
        .wait()
        .at_most(DELAI_RENDU)
        .for_element(Locator::Css("#jour-courant"))
        .await
        .with_context(|| format!("{url} : l'application n'a pas affiché le calendrier"))?;
    Ok(())
}

/// The visible text of the first element matching `css`.
pub async fn texte(client: &Client, css: &str) -> Result<String> {
    let element = client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("{css} absent de la page"))?;
    Ok(element.text().await?)
}

/// The visible texts of every element matching `css`.
pub async fn textes(client: &Client, css: &str) -> Result<Vec<String>> {
    let mut textes = Vec::new();
    for element in client.find_all(Locator::Css(css)).await? {
        textes.push(element.text().await?);
    }
    Ok(textes)
}

/// Clicks the first element matching `css`, brought to the middle of the window first: chromedriver
/// would scroll it to the top, under the page's sticky control bar.
pub async fn cliquer(client: &Client, css: &str) -> Result<()> {
    let element = client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("{css} absent de la page"))?;
    client
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![serde_json::to_value(&element)?],
        )
        .await?;
    element
        .click()
        .await
        .with_context(|| format!("clic sur {css} refusé"))?;
    Ok(())
}

/// Waits until an element matching `css` exists.
pub async fn attendre(client: &Client, css: &str, delai: Duration) -> Result<()> {
    client
        .wait()
        .at_most(delai)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("{css} n'est pas apparu en {delai:?}"))?;
    Ok(())
}

/// Waits until the page shows the day `jour` (`AAAA-MM-JJ`).
pub async fn attendre_jour(client: &Client, jour: &str) -> Result<()> {
    let css = format!("#jour-courant[data-jour='{jour}']");
    if let Err(erreur) = attendre(client, &css, DELAI_PAS).await {
        let affiche = client
            .find(Locator::Css("#jour-courant"))
            .await?
            .attr("data-jour")
            .await?;
        bail!("{erreur:#} ; jour affiché : {affiche:?}");
    }
    Ok(())
}

/// Picks a built-in scenario and waits for its title.
pub async fn choisir_integre(client: &Client, nom: &str, titre: &str) -> Result<()> {
    client
        .find(Locator::Css("#choix-integre"))
        .await?
        .select_by_value(nom)
        .await
        .with_context(|| format!("scénario intégré {nom} absent de la liste"))?;
    for _ in 0..100 {
        if texte(client, "#titre-scenario").await? == titre {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("le titre du scénario {nom} ne s'affiche pas : « {titre} » attendu")
}

/// Makes the window `hauteur` pixels tall, so that a screenshot shows more of the page.
pub async fn agrandir(client: &Client, hauteur: u32) -> Result<()> {
    client.set_window_size(1280, hauteur).await?;
    Ok(())
}

/// Scrolls so that the element matching `css` sits just under the sticky control bar.
pub async fn defiler_jusqu_a(client: &Client, css: &str) -> Result<()> {
    client
        .execute(
            "const cible = document.querySelector(arguments[0]);
             if (!cible) { return false; }
             const barre = document.querySelector('.barre-commandes');
             const haut = cible.getBoundingClientRect().top + window.scrollY;
             window.scrollTo(0, haut - (barre ? barre.offsetHeight + 16 : 0));
             return true;",
            vec![serde_json::json!(css)],
        )
        .await?
        .as_bool()
        .filter(|trouve| *trouve)
        .with_context(|| format!("{css} absent de la page"))?;
    Ok(())
}

/// Fails when the page scrolls sideways, naming the elements that stick out of the window (a
/// page must reflow to its width: WCAG 1.4.10).
pub async fn sans_defilement_horizontal(client: &Client) -> Result<()> {
    let depassent = client
        .execute(
            "const largeur = document.documentElement.clientWidth;
             if (document.documentElement.scrollWidth <= largeur) { return []; }
             return [...document.querySelectorAll('body *')]
               .filter((e) => e.getBoundingClientRect().right > largeur + 1)
               .slice(0, 12)
               .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)} px`);",
            vec![],
        )
        .await?;
    let depassent: Vec<String> = serde_json::from_value(depassent)?;
    if !depassent.is_empty() {
        bail!("la page défile horizontalement ; dépassent : {depassent:?}");
    }
    Ok(())
}
