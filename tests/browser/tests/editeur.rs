//! The scenario editor and the ways in: a candidate and an event added by form show their effect on
//! the day displayed, and so does their deletion (with the keyboard); the file is exported, the
//! share link reopens the same scenario on the same day in a fresh page, and a broken file (imported
//! or typed) is refused with the loader's located French message.

use std::io::Write;

use anyhow::{ensure, Context, Result};
use browser_tests::page::{
    agrandir, attendre, attendre_jour, choisir_integre, cliquer, defiler_jusqu_a, ouvrir,
    sans_defilement_horizontal, texte, textes, DELAI_PAS,
};
use browser_tests::{built_page_dir, save_screenshot, Browser, TestServer};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;

const TITRE_NOMINAL: &str = "Néo-bachelier, vœu favorable : le cycle complet";

/// Sets a form field's value as a user would pick it (date fields are typed differently in every
/// locale, so the value is set directly).
async fn remplir(client: &Client, css: &str, valeur: &str) -> Result<()> {
    let trouve = client
        .execute(
            "const champ = document.querySelector(arguments[0]);
             if (!champ) { return false; }
             champ.value = arguments[1];
             champ.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
            vec![json!(css), json!(valeur)],
        )
        .await?;
    ensure!(trouve == json!(true), "{css} absent de la page");
    Ok(())
}

/// Waits for `css` after an edit; on timeout, says what the page reported instead.
async fn attendre_l_effet(client: &Client, css: &str) -> Result<()> {
    if let Err(erreur) = attendre(client, css, DELAI_PAS).await {
        let signale = client
            .execute(
                "return [...document.querySelectorAll('.erreur')].map((e) => e.textContent);",
                vec![],
            )
            .await?;
        anyhow::bail!("{erreur:#} ; erreurs affichées : {signale}");
    }
    Ok(())
}

async fn valeur(client: &Client, css: &str) -> Result<String> {
    client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("{css} absent"))?
        .prop("value")
        .await?
        .with_context(|| format!("{css} sans valeur"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn un_candidat_et_un_evenement_ajoutes_se_voient_aussitot_et_se_partagent() -> Result<()> {
    let server = TestServer::start(&built_page_dir()?).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();
    ouvrir(client, server.url()).await?;
    choisir_integre(client, "nominal_f", TITRE_NOMINAL).await?;
    cliquer(client, "button.jalon[data-jalon='veille_resultats_bac']").await?;
    attendre_jour(client, "2024-07-07").await?;

    // A candidate who will fail the bac…
    remplir(client, "#candidat-code", "2000001").await?;
    remplir(client, "#candidat-prenom", "Zoé").await?;
    remplir(client, "#candidat-nom", "LAMBERT").await?;
    remplir(client, "#candidat-bac", "echec").await?;
    cliquer(client, "#formulaire-candidat button[type=submit]").await?;
    let ligne = ".panneau-parcoursup tr[data-candidat='2000001']";
    attendre_l_effet(client, ligne).await?;
    ensure!(
        texte(client, ligne)
            .await?
            .contains("aucune proposition acceptée"),
        "{}",
        texte(client, ligne).await?
    );
    attendre_jour(client, "2024-07-07").await?;

    // … accepts the history licence in June: on 7 July her OPI (F) is already in Apogée.
    remplir(client, "#evenement-type", "acceptation").await?;
    attendre(client, "#evenement-candidat", DELAI_PAS).await?;
    remplir(client, "#evenement-date", "2024-06-12").await?;
    remplir(client, "#evenement-candidat", "2000001").await?;
    remplir(client, "#evenement-formation", "34567").await?;
    cliquer(client, "#formulaire-evenement button[type=submit]").await?;
    let voeu = ".panneau-apogee tr[data-candidat='2000001'] .voeux-opi li[data-vet='HL1OUI/1']";
    attendre_l_effet(client, voeu).await?;
    ensure!(
        texte(client, voeu).await?.contains("F favorable"),
        "{}",
        texte(client, voeu).await?
    );
    attendre_jour(client, "2024-07-07").await?;
    let choix = texte(client, "#choix-integre option:checked").await?;
    ensure!(
        choix.starts_with("Scénario importé ou modifié"),
        "{choix:?}"
    );

    // The next morning her vœu is D.
    cliquer(client, "button.jalon[data-jalon='lendemain_resultats_bac']").await?;
    attendre_jour(client, "2024-07-09").await?;
    ensure!(texte(client, voeu).await?.contains("D défavorable"));

    // Export: the file with both additions.
    let export = client.find(Locator::Css("#lien-export")).await?;
    assert_eq!(
        export.attr("download").await?.as_deref(),
        Some("nominal_f.toml")
    );
    let adresse = export.attr("href").await?.unwrap_or_default();
    let contenu = client
        .execute(
            "return decodeURIComponent(arguments[0].split(',')[1]);",
            vec![json!(adresse)],
        )
        .await?;
    let contenu = contenu.as_str().unwrap_or_default();
    ensure!(
        contenu.contains("[[candidats]]\ncode = 2000001\nprenom = \"Zoé\"\nnom = \"LAMBERT\"\nbac = \"echec\"")
            && contenu.contains("[[evenements]]\ndate = 2024-06-12\ntype = \"acceptation\"\ncandidat = 2000001\nformation = 34567"),
        "fichier exporté :\n{contenu}"
    );

    sans_defilement_horizontal(client).await?;
    agrandir(client, 1400).await?;
    defiler_jusqu_a(client, ".editeur").await?;
    let capture = save_screenshot(client, "editeur").await?;
    println!("capture : {}", capture.display());

    // Share: a fresh page opened on the link shows the same scenario on the same day.
    cliquer(client, "#bouton-partager").await?;
    attendre(client, "#lien-partage", DELAI_PAS).await?;
    let lien = valeur(client, "#lien-partage").await?;
    ensure!(
        lien.starts_with(server.url())
            && lien.contains("#scenario=")
            && lien.ends_with("&jour=2024-07-09"),
        "{lien}"
    );
    client.goto("about:blank").await?;
    ouvrir(client, &lien).await?;
    attendre_jour(client, "2024-07-09").await?;
    ensure!(texte(client, voeu).await?.contains("D défavorable"));

    // The same candidate twice: refused with the loader's located message, nothing changed.
    remplir(client, "#candidat-code", "2000001").await?;
    cliquer(client, "#formulaire-candidat button[type=submit]").await?;
    attendre(client, "#erreur-editeur", DELAI_PAS).await?;
    let erreur = texte(client, "#erreur-editeur").await?;
    ensure!(
        erreur.starts_with("scenario_partage.toml:") && erreur.contains("2000001"),
        "{erreur}"
    );
    browser.close().await
}

/// Presses « Supprimer » the way a keyboard user does: focus on the button, then Entrée.
async fn supprimer_au_clavier(client: &Client, css: &str, nom_accessible: &str) -> Result<()> {
    let bouton = client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("{css} absent"))?;
    let nom = bouton.attr("aria-label").await?.unwrap_or_default();
    ensure!(nom == nom_accessible, "nom accessible de {css} : {nom:?}");
    bouton.send_keys(&Key::Enter.to_string()).await?;
    Ok(())
}

/// Waits until `css` matches nothing.
async fn attendre_la_disparition(client: &Client, css: &str) -> Result<()> {
    for _ in 0..100 {
        if client.find_all(Locator::Css(css)).await?.is_empty() {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    anyhow::bail!("{css} toujours présent")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn un_evenement_puis_un_candidat_se_suppriment_au_clavier_et_l_effet_se_voit() -> Result<()> {
    let server = TestServer::start(&built_page_dir()?).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();
    ouvrir(client, server.url()).await?;
    choisir_integre(client, "nominal_f", TITRE_NOMINAL).await?;
    cliquer(client, "button.jalon[data-jalon='veille_resultats_bac']").await?;
    attendre_jour(client, "2024-07-07").await?;
    let evenements_avant = client
        .find_all(Locator::Css(".liste-evenements li"))
        .await?
        .len();

    remplir(client, "#candidat-code", "2000001").await?;
    remplir(client, "#candidat-prenom", "Zoé").await?;
    remplir(client, "#candidat-nom", "LAMBERT").await?;
    cliquer(client, "#formulaire-candidat button[type=submit]").await?;
    let liste_zoe = ".liste-candidats li[data-candidat='2000001']";
    attendre_l_effet(client, liste_zoe).await?;
    remplir(client, "#evenement-type", "acceptation").await?;
    attendre(client, "#evenement-candidat", DELAI_PAS).await?;
    remplir(client, "#evenement-date", "2024-06-12").await?;
    remplir(client, "#evenement-candidat", "2000001").await?;
    remplir(client, "#evenement-formation", "34567").await?;
    cliquer(client, "#formulaire-evenement button[type=submit]").await?;
    let voeu = ".panneau-apogee tr[data-candidat='2000001'] .voeux-opi li[data-vet='HL1OUI/1']";
    attendre_l_effet(client, voeu).await?;
    let lignes = textes(client, ".liste-evenements li").await?;
    ensure!(lignes.len() == evenements_avant + 1, "{lignes:?}");
    let (rang, _) = lignes
        .iter()
        .enumerate()
        .find(|(_, ligne)| ligne.contains("12/06/2024"))
        .with_context(|| format!("l'acceptation du 12/06 manque : {lignes:?}"))?;
    let numero = rang + 1;

    // Zoé is named by her acceptance: refused, with the place that names her, nothing changed.
    supprimer_au_clavier(
        client,
        &format!("{liste_zoe} button.supprimer"),
        "Supprimer le candidat Zoé LAMBERT (2000001)",
    )
    .await?;
    attendre(client, "#erreur-editeur", DELAI_PAS).await?;
    let erreur = texte(client, "#erreur-editeur").await?;
    ensure!(
        erreur.starts_with("candidat 2000001 : encore employé dans le scénario")
            && erreur.contains(".candidat: candidat 2000001 inconnu"),
        "{erreur}"
    );
    attendre(client, voeu, DELAI_PAS).await?;

    // Her acceptance deleted: on the same day, Apogée has no OPI for her any more.
    let bouton = format!(".liste-evenements li[data-numero='{numero}'] button.supprimer");
    let nom = client
        .find(Locator::Css(&bouton))
        .await?
        .attr("aria-label")
        .await?
        .unwrap_or_default();
    ensure!(
        nom.starts_with(&format!("Supprimer l'événement {numero}, 12/06/2024")),
        "{nom}"
    );
    supprimer_au_clavier(client, &bouton, &nom).await?;
    attendre_la_disparition(client, voeu).await?;
    attendre_jour(client, "2024-07-07").await?;
    ensure!(
        client
            .find_all(Locator::Css(".liste-evenements li"))
            .await?
            .len()
            == evenements_avant,
        "l'événement est toujours listé"
    );
    ensure!(
        client
            .find_all(Locator::Css("#erreur-editeur"))
            .await?
            .is_empty(),
        "l'erreur précédente est restée affichée"
    );

    // Then Zoé herself: gone from the lists, the panels and the exported file.
    supprimer_au_clavier(
        client,
        &format!("{liste_zoe} button.supprimer"),
        "Supprimer le candidat Zoé LAMBERT (2000001)",
    )
    .await?;
    attendre_la_disparition(client, liste_zoe).await?;
    attendre_la_disparition(client, ".panneau-parcoursup tr[data-candidat='2000001']").await?;
    let adresse = client
        .find(Locator::Css("#lien-export"))
        .await?
        .attr("href")
        .await?
        .unwrap_or_default();
    let contenu = client
        .execute(
            "return decodeURIComponent(arguments[0].split(',')[1]);",
            vec![json!(adresse)],
        )
        .await?;
    let contenu = contenu.as_str().unwrap_or_default();
    ensure!(
        !contenu.contains("2000001") && contenu.contains("[[candidats]]"),
        "fichier exporté :\n{contenu}"
    );
    browser.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn un_fichier_ou_un_texte_errone_est_refuse_avec_sa_ligne_et_son_champ() -> Result<()> {
    let server = TestServer::start(&built_page_dir()?).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();
    ouvrir(client, server.url()).await?;

    let dossier = tempfile::tempdir()?;
    let chemin = dossier.path().join("casse.toml");
    std::fs::File::create(&chemin)?.write_all(
        "titre = \"Cassé\"\ndescription = \"d\"\n\n[[candidats]]\ncode = 1048576\n\n\
         [[evenements]]\ndate = 2024-06-10\ntype = \"acceptation\"\ncandidat = 999\nformation = 23456\n"
            .as_bytes(),
    )?;
    client
        .find(Locator::Css("#import-fichier"))
        .await?
        .send_keys(&chemin.display().to_string())
        .await?;
    attendre(client, "#erreur-chargement", DELAI_PAS).await?;
    let erreur = texte(client, "#erreur-chargement").await?;
    ensure!(
        erreur.starts_with("casse.toml:10:")
            && erreur.contains("evenements[0].candidat: candidat 999 inconnu"),
        "message : {erreur}"
    );
    // The scenario shown before is still there.
    ensure!(texte(client, "#titre-scenario").await? == TITRE_NOMINAL);

    // A valid file is opened under its name.
    let chemin = dossier.path().join("mon_scenario.toml");
    std::fs::File::create(&chemin)?.write_all(
        "titre = \"Mon scénario\"\ndescription = \"d\"\n\n[[candidats]]\ncode = 1048576\n"
            .as_bytes(),
    )?;
    client
        .find(Locator::Css("#import-fichier"))
        .await?
        .send_keys(&chemin.display().to_string())
        .await?;
    client
        .wait()
        .at_most(DELAI_PAS)
        .for_element(Locator::XPath(
            "//h3[@id='titre-scenario'][. = 'Mon scénario']",
        ))
        .await?;
    let choix = texte(client, "#choix-integre option:checked").await?;
    ensure!(choix.contains("(mon_scenario.toml)"), "{choix:?}");

    // The text editor refuses broken TOML with its position, and keeps the scenario.
    cliquer(client, ".texte-scenario summary").await?;
    remplir(
        client,
        "#texte-scenario",
        "titre = \"Sans description\"\n[campagne]\npreset = 2031\n",
    )
    .await?;
    cliquer(client, "#bouton-appliquer").await?;
    attendre(client, "#erreur-editeur", DELAI_PAS).await?;
    let erreur = texte(client, "#erreur-editeur").await?;
    ensure!(
        erreur.starts_with("mon_scenario.toml:"),
        "message : {erreur}"
    );
    ensure!(texte(client, "#titre-scenario").await? == "Mon scénario");
    browser.close().await
}
