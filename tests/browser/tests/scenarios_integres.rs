//! The built-in scenarios played in a real Chromium, checked on what a trainer sees: the vœu that
//! turns D, IA Primo's refusal and its reason, the IA kept with its manual-cancellation flag, the
//! rule of each step with its fiche sentence, and a message's exact payload.

use anyhow::{ensure, Result};
use browser_tests::page::{
    agrandir, attendre, attendre_jour, choisir_integre, cliquer, defiler_jusqu_a, ouvrir,
    sans_defilement_horizontal, texte, textes, DELAI_PAS,
};
use browser_tests::{built_page_dir, save_screenshot, Browser, TestServer};
use fantoccini::{Client, Locator};

const TITRE_ECHEC_BAC: &str = "Échec au bac, mode webservice";
const TITRE_DESISTEMENT: &str = "Désistement après une IA payée : l'IA reste, à annuler à la main";

/// Opens the message of the sequence diagram whose summary contains `resume`; returns its payload.
async fn ouvrir_message(client: &Client, resume: &str) -> Result<String> {
    for message in client
        .find_all(Locator::Css(".messages li.message"))
        .await?
    {
        if message.text().await?.contains(resume) {
            let index = message.attr("data-index").await?.unwrap_or_default();
            message
                .find(Locator::Css("button.ouvrir-message"))
                .await?
                .click()
                .await?;
            let charge = format!("#charge-{index} pre");
            attendre(client, &charge, DELAI_PAS).await?;
            return texte(client, &charge).await;
        }
    }
    anyhow::bail!("aucun message « {resume} » dans le diagramme de séquence")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn echec_au_bac_le_voeu_devient_d_et_ia_primo_refuse_avec_le_motif() -> Result<()> {
    let server = TestServer::start(&built_page_dir()?).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();
    ouvrir(client, server.url()).await?;
    choisir_integre(client, "echec_bac_webservice", TITRE_ECHEC_BAC).await?;

    // The day of the results: still F, IA Primo still offers the VET (R7).
    cliquer(client, "button.jalon[data-jalon='resultats_bac']").await?;
    attendre_jour(client, "2024-07-08").await?;
    let voeu = texte(client, ".panneau-apogee .voeux-opi li[data-vet='DL1OUI/1']").await?;
    ensure!(
        voeu.contains("F favorable"),
        "vœu le jour des résultats : {voeu:?}"
    );
    let offre = texte(client, ".panneau-ia-primo .offre[data-vet='DL1OUI/1']").await?;
    ensure!(
        offre.starts_with("✔ proposée"),
        "IA Primo le jour des résultats : {offre:?}"
    );

    // The morning after: the OPI carries a D (R8), Apogée holds it, IA Primo refuses it (R11).
    cliquer(client, "button.jalon[data-jalon='lendemain_resultats_bac']").await?;
    attendre_jour(client, "2024-07-09").await?;
    let voeu = texte(client, ".panneau-apogee .voeux-opi li[data-vet='DL1OUI/1']").await?;
    ensure!(
        voeu.contains("D défavorable"),
        "vœu le lendemain : {voeu:?}"
    );
    let decision = texte(client, ".panneau-parcoursup .decision-voeu").await?;
    ensure!(
        decision.contains("D défavorable") && decision.contains("R8"),
        "{decision:?}"
    );
    let raison = texte(
        client,
        ".panneau-ia-primo .offre.refusee[data-vet='DL1OUI/1'] .raison",
    )
    .await?;
    ensure!(
        raison == "— décision OPI défavorable",
        "motif affiché : {raison:?}"
    );
    let resume = texte(client, "#resume-pas").await?;
    ensure!(resume.starts_with("mardi 9 juillet 2024 : "), "{resume:?}");
    ensure!(
        resume.contains("R8"),
        "la règle R8 manque au résumé du pas : {resume:?}"
    );
    let regle = texte(client, ".regles-du-pas .regle[data-regle='R8']").await?;
    ensure!(
        regle.contains("Dès le lendemain de la publication des résultats")
            && regle.contains("(fiche §I.B)"),
        "phrase de la fiche absente : {regle:?}"
    );

    // The candidate tries anyway: refused, with the reason.
    cliquer(client, "#bouton-evenement-suivant").await?;
    attendre(client, ".entrees li[data-regle='R11']", DELAI_PAS).await?;
    let explications = textes(client, ".entrees .explication").await?;
    ensure!(
        explications
            .iter()
            .any(|e| e.contains("décision OPI défavorable")),
        "refus sans son motif : {explications:?}"
    );
    ensure!(
        texte(client, ".panneau-apogee")
            .await?
            .contains("Aucune IA."),
        "une IA a été créée malgré le refus"
    );

    // The OPI that carried the D, in its exact SOAP form.
    let charge = ouvrir_message(client, "vœu DL1OUI/1 D").await?;
    ensure!(
        charge.contains("<codDecVeu>D</codDecVeu>") && charge.contains("mettreajourDonneesOpi_v10"),
        "charge SOAP inattendue : {charge}"
    );

    sans_defilement_horizontal(client).await?;
    agrandir(client, 1400).await?;
    defiler_jusqu_a(client, ".suivi").await?;
    let capture = save_screenshot(client, "echec-bac-webservice").await?;
    println!("capture : {}", capture.display());
    browser.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn desistement_apres_ia_payee_l_ia_reste_avec_l_annulation_manuelle_requise() -> Result<()> {
    let server = TestServer::start(&built_page_dir()?).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();
    ouvrir(client, server.url()).await?;
    choisir_integre(client, "desistement_apres_ia_payee", TITRE_DESISTEMENT).await?;

    // « Lecture » at the fastest speed, to the end of the scenario.
    client
        .find(Locator::Css(".vitesse select"))
        .await?
        .select_by_value("500")
        .await?;
    cliquer(client, "#bouton-lecture").await?;
    attendre(
        client,
        "#bouton-lecture[aria-pressed='false'][disabled]",
        std::time::Duration::from_secs(60),
    )
    .await?;
    let avancement = texte(client, ".avancement").await?;
    ensure!(avancement.ends_with("fin du scénario"), "{avancement:?}");

    let ia = ".panneau-apogee tr[data-vet='DL1OUI/1']";
    let etat = texte(client, &format!("{ia} .etat-ia")).await?;
    ensure!(etat == "E en cours (valide)", "état de l'IA : {etat:?}");
    let paiement = texte(client, &format!("{ia} .paiement-ia")).await?;
    ensure!(paiement == "P payée", "paiement de l'IA : {paiement:?}");
    let drapeau = texte(client, &format!("{ia} .annulation-manuelle")).await?;
    ensure!(
        drapeau.contains("annulation manuelle requise") && drapeau.contains("R12"),
        "drapeau : {drapeau:?}"
    );
    let voeu = texte(client, ".panneau-apogee .voeux-opi li[data-vet='DL1OUI/1']").await?;
    ensure!(
        voeu.contains("D défavorable"),
        "vœu après le désistement : {voeu:?}"
    );
    let parcoursup = texte(client, ".panneau-parcoursup").await?;
    ensure!(
        parcoursup.contains("désisté") && parcoursup.contains("état 1 (inscription principale)"),
        "Parcoursup doit voir le désistement et croire encore à l'inscription : {parcoursup}"
    );

    // One step back replays from the first day to the previous position.
    let jour_final = client
        .find(Locator::Css("#jour-courant"))
        .await?
        .attr("data-jour")
        .await?
        .unwrap_or_default();
    cliquer(client, "#bouton-reculer").await?;
    attendre(
        client,
        &format!("#jour-courant:not([data-jour='{jour_final}'])"),
        DELAI_PAS,
    )
    .await?;

    cliquer(client, "#bouton-avancer").await?;
    attendre_jour(client, &jour_final).await?;
    sans_defilement_horizontal(client).await?;
    agrandir(client, 1400).await?;
    defiler_jusqu_a(client, ".suivi").await?;
    let capture = save_screenshot(client, "desistement-apres-ia-payee").await?;
    println!("capture : {}", capture.display());
    browser.close().await
}

/// What the page shows of where the replay stands: the day, the progress line, « what just
/// happened », the messages of the sequence diagram and both sides' panels.
async fn etat_affiche(client: &Client) -> Result<Vec<String>> {
    let jour = client
        .find(Locator::Css("#jour-courant"))
        .await?
        .attr("data-jour")
        .await?
        .unwrap_or_default();
    let mut etat = vec![jour];
    for css in [
        ".avancement",
        "#resume-pas",
        ".panneau-parcoursup",
        ".panneau-apogee",
    ] {
        etat.push(texte(client, css).await?);
    }
    etat.push(textes(client, ".messages li.message").await?.join("\n"));
    Ok(etat)
}

/// Clicks `bouton` and waits until the page shows another state than `avant`.
async fn pas_puis_etat(client: &Client, bouton: &str, avant: &[String]) -> Result<Vec<String>> {
    cliquer(client, bouton).await?;
    for _ in 0..100 {
        let etat = etat_affiche(client).await?;
        if etat != avant {
            return Ok(etat);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    anyhow::bail!("{bouton} n'a rien changé à la page")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reculer_rend_exactement_la_page_d_avant_chaque_pas() -> Result<()> {
    let server = TestServer::start(&built_page_dir()?).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();
    ouvrir(client, server.url()).await?;
    choisir_integre(client, "echec_bac_webservice", TITRE_ECHEC_BAC).await?;
    attendre(client, "#bouton-reculer[disabled]", DELAI_PAS).await?;

    // Three steps forward: the first day's morning, then the acceptance, then on.
    let mut etats = vec![etat_affiche(client).await?];
    for _ in 0..3 {
        let suivant = pas_puis_etat(client, "#bouton-avancer", &etats[etats.len() - 1]).await?;
        etats.push(suivant);
    }
    let jours: Vec<&str> = etats.iter().map(|e| e[0].as_str()).collect();
    ensure!(
        jours[0] < jours[3],
        "les pas n'ont pas fait avancer le jour : {jours:?}"
    );

    // Each « Reculer » gives back the page exactly as it was before the last step, down to the
    // first day, where there is nothing left to undo.
    for attendu in etats[..3].iter().rev() {
        let courant = etat_affiche(client).await?;
        let obtenu = pas_puis_etat(client, "#bouton-reculer", &courant).await?;
        ensure!(
            &obtenu == attendu,
            "après « Reculer » :\n{obtenu:#?}\nattendu :\n{attendu:#?}"
        );
    }
    attendre(client, "#bouton-reculer[disabled]", DELAI_PAS).await?;
    browser.close().await
}

/// Plays the scenario shown to its end with « Avancer »; fails on any error the page shows.
async fn jouer_jusqu_au_bout(client: &Client, nom: &str) -> Result<()> {
    for _ in 0..200 {
        if client
            .find(Locator::Css("#bouton-avancer[disabled]"))
            .await
            .is_ok()
        {
            return Ok(());
        }
        cliquer(client, "#bouton-avancer").await?;
        if let Ok(erreur) = client.find(Locator::Css(".pas .erreur")).await {
            anyhow::bail!("{nom} : la page signale « {} »", erreur.text().await?);
        }
    }
    anyhow::bail!("{nom} : toujours pas fini après 200 pas")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chaque_scenario_integre_se_joue_jusqu_au_bout_et_montre_son_propos() -> Result<()> {
    let server = TestServer::start(&built_page_dir()?).await?;
    let browser = Browser::launch().await?;
    let client = browser.client();
    ouvrir(client, server.url()).await?;
    let mut noms = Vec::new();
    for option in client
        .find_all(Locator::Css("#choix-integre option"))
        .await?
    {
        noms.push((
            option.attr("value").await?.unwrap_or_default(),
            option.text().await?,
        ));
    }
    ensure!(
        noms.len() == 19,
        "{} scénarios intégrés proposés",
        noms.len()
    );
    for (nom, titre) in &noms {
        choisir_integre(client, nom, titre).await?;
        jouer_jusqu_au_bout(client, nom).await?;
        let avancement = texte(client, ".avancement").await?;
        ensure!(
            avancement.ends_with("fin du scénario"),
            "{nom} : {avancement:?}"
        );
        match nom.as_str() {
            // The connector and why no OPI leaves (R6), at the start.
            "connecteur_non_parametre" => {
                cliquer(client, "button[title^='Revenir au premier jour']").await?;
                attendre(client, "#bouton-reculer:not([disabled])", DELAI_PAS).await?;
                let connecteur = texte(client, ".panneau-parcoursup .connecteur").await?;
                ensure!(
                    connecteur.contains("jamais testé avec succès")
                        && connecteur.contains("Aucune OPI ne part : aucun test connecteur réussi"),
                    "{connecteur}"
                );
            }
            "laissez_passer_apres_d" => {
                let apogee = texte(client, ".panneau-apogee").await?;
                ensure!(apogee.contains("Laissez-passer"), "{apogee}");
                let offre = texte(client, ".panneau-ia-primo").await?;
                ensure!(offre.contains("laissez-passer"), "{offre}");
            }
            "oui_si_3_ans" => {
                let ia = texte(client, ".panneau-apogee .tableau-ias").await?;
                ensure!(
                    ia.contains("Oui Si 3A") && ia.contains("cursus aménagé"),
                    "{ia}"
                );
            }
            _ => {}
        }
    }
    browser.close().await
}
