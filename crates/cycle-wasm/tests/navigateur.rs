//! The JavaScript API run in headless Chromium by wasm-bindgen-test: the very exports a plain
//! `<script type="module">` calls, returning real JavaScript objects and throwing real `Error`s.
//!
//! Run by `cargo xtask test` (step « cycle-wasm dans Chromium »), or by hand:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test -p cycle-wasm
//! --target wasm32-unknown-unknown --test navigateur` (chromedriver on the PATH or in CHROMEDRIVER).
//! Natively this file is empty: the behaviour behind the API is tested by the crate's unit tests.

#![cfg(target_arch = "wasm32")]

use cycle_wasm::js::{scenarios_integres, Simulateur};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// `objet.a.b[0]…` of a JavaScript value, `undefined` when a step is missing.
fn champ(objet: &JsValue, chemin: &[&str]) -> JsValue {
    chemin.iter().fold(objet.clone(), |valeur, cle| {
        js_sys::Reflect::get(&valeur, &JsValue::from_str(cle)).unwrap_or(JsValue::UNDEFINED)
    })
}

fn texte(objet: &JsValue, chemin: &[&str]) -> String {
    champ(objet, chemin).as_string().unwrap_or_default()
}

fn longueur(objet: &JsValue) -> u32 {
    objet
        .dyn_ref::<js_sys::Array>()
        .map_or(0, js_sys::Array::length)
}

/// The message of the JavaScript `Error` an API call threw.
fn message(erreur: JsError) -> String {
    let valeur = JsValue::from(erreur);
    match valeur.dyn_ref::<js_sys::Error>() {
        Some(erreur) => String::from(erreur.message()),
        None => format!("pas une Error : {valeur:?}"),
    }
}

fn ouvrir(nom: &str) -> Simulateur {
    Simulateur::integre(nom).unwrap_or_else(|e| panic!("{nom} : {}", message(e)))
}

#[wasm_bindgen_test]
fn the_built_in_scenarios_are_listed_as_plain_objects() {
    let integres = scenarios_integres().expect("liste");
    assert_eq!(longueur(&integres), 19);
    let noms: Vec<String> = js_sys::Array::from(&integres)
        .iter()
        .map(|integre| texte(&integre, &["nom"]))
        .collect();
    assert!(
        noms.contains(&"echec_bac_webservice".to_owned()),
        "{noms:?}"
    );
    let premier = js_sys::Array::from(&integres).get(0);
    assert!(!texte(&premier, &["titre"]).is_empty());
    assert!(js_sys::Array::is_array(&champ(&premier, &["regles"])));
}

#[wasm_bindgen_test]
fn a_failed_bac_turns_the_voeu_d_and_ia_primo_refuses_the_day_after_the_results() {
    let mut s = ouvrir("echec_bac_webservice");
    assert_eq!(s.jour(), "2024-05-30");
    let nathan = 1_048_579;

    s.aller_au_jalon("resultats_bac").expect("jalon");
    assert_eq!(s.jour(), "2024-07-08");
    // R7: on results day the vœu is still F, IA Primo offers the VET.
    let eligibilite = s.eligibilite(nathan, "DL1OUI").expect("éligibilité");
    assert_eq!(champ(&eligibilite, &["autorisee"]), JsValue::TRUE);

    let pas = s.avancer().expect("pas");
    assert!(longueur(&pas) > 0, "un pas sans entrée");
    s.aller_au_jalon("lendemain_resultats_bac").expect("jalon");
    assert_eq!(s.jour(), "2024-07-09");
    let ecran = s.ia_primo(nathan).expect("IA Primo");
    assert_eq!(
        texte(&ecran, &["offres", "0", "raison"]),
        "décision OPI défavorable"
    );
    let eligibilite = s.eligibilite(nathan, "DL1OUI/1").expect("éligibilité");
    assert_eq!(champ(&eligibilite, &["autorisee"]), JsValue::FALSE);

    let parcoursup = s.etat_parcoursup(Some(nathan)).expect("Parcoursup");
    assert_eq!(
        texte(&parcoursup, &["candidats", "0", "voeux", "0", "decision"]),
        "D"
    );
    let apogee = s.etat_apogee(Some(nathan)).expect("Apogée");
    assert!(
        js_sys::Array::is_array(&champ(&apogee, &["ias"])),
        "etatApogee sans liste d'IA"
    );

    // Every entry carries its rule and its French explanation; the OPI has its exact payload.
    let transcript = js_sys::Array::from(&s.transcript(None).expect("transcript"));
    assert!(transcript.length() > 0);
    assert!(transcript
        .iter()
        .all(|e| !texte(&e, &["regle"]).is_empty() && !texte(&e, &["explication"]).is_empty()));
    let opi = transcript
        .iter()
        .find(|e| texte(e, &["fait", "type"]) == "opi")
        .expect("une OPI");
    let index = champ(&opi, &["index"]).as_f64().expect("index") as usize;
    let pieces = s.pieces(index).expect("pièces");
    assert_eq!(texte(&pieces, &["0", "format"]), "xml");
    assert!(texte(&pieces, &["0", "texte"]).contains("<codDecVeu>"));
}

#[wasm_bindgen_test]
fn reculer_undoes_the_last_move_only() {
    let mut s = ouvrir("echec_bac_webservice");
    s.evenement_suivant().expect("acceptation");
    let (jour, entrees) = (s.jour(), longueur(&s.transcript(None).expect("transcript")));
    s.aller_au_jalon("lendemain_resultats_bac").expect("saut");
    assert!(longueur(&s.transcript(None).expect("transcript")) > entrees);

    s.reculer().expect("reculer");
    assert_eq!(s.jour(), jour);
    assert_eq!(longueur(&s.transcript(None).expect("transcript")), entrees);
    s.reculer().expect("reculer");
    assert_eq!(s.jour(), "2024-05-30");
    assert_eq!(message(s.reculer().unwrap_err()), "aucun pas à annuler");
}

#[wasm_bindgen_test]
fn a_bad_scenario_throws_an_error_with_file_line_field_and_reason() {
    let erreur = Simulateur::depuis_toml(
        "titre = \"t\"\ndescription = \"d\"\n\n[[candidats]]\ncode = \"abc\"\n",
        Some("cassé.toml".to_owned()),
    )
    .err()
    .expect("refusé");
    assert_eq!(
        message(erreur),
        "cassé.toml:5:8: candidats[0].code: type invalide : attendu un entier positif, trouvé la \
         chaîne \"abc\""
    );
    let mut s = ouvrir("echec_bac_webservice");
    assert_eq!(
        message(s.aller_au("30/05/2024").unwrap_err()),
        "jour « 30/05/2024 » : pas une date AAAA-MM-JJ (par exemple 2024-07-09)"
    );
    assert!(message(s.aller_au_jalon("demain").unwrap_err())
        .starts_with("jalon « demain » inconnu (possibles : debut_phase_principale, "));
}

#[wasm_bindgen_test]
fn the_editor_adds_and_deletes_and_the_share_link_keeps_the_text() {
    let mut s = ouvrir("echec_bac_webservice");
    let original = s.texte();
    let saisie = js_sys::JSON::parse(r#"{ "code": 2000001, "prenom": "Zoé", "bac": "echec" }"#)
        .expect("JSON");
    assert_eq!(s.ajouter_candidat(saisie).expect("ajouté"), None);
    let candidats = champ(&s.scenario().expect("scénario"), &["candidats"]);
    assert_eq!(longueur(&candidats), 2);
    let fragment = s.lien();
    let lien = cycle_wasm::js::lire_lien(&fragment).expect("lien");
    assert_eq!(texte(&lien, &["texte"]), s.texte());

    assert_eq!(
        message(s.supprimer_candidat(1_048_579).unwrap_err())
            .split(" (")
            .next(),
        Some(
            "candidat 1048579 : encore employé dans le scénario, supprimez d'abord ce qui le nomme"
        )
    );
    assert_eq!(s.supprimer_candidat(2_000_001).expect("supprimé"), None);
    assert_eq!(s.texte(), original);

    let evenements = longueur(&champ(
        &s.calendrier().expect("calendrier"),
        &["evenements"],
    ));
    s.supprimer_evenement(2).expect("supprimé");
    let apres = champ(&s.calendrier().expect("calendrier"), &["evenements"]);
    assert_eq!(longueur(&apres), evenements - 1);
    assert_eq!(
        message(s.supprimer_evenement(0).unwrap_err()),
        "événement 0 : les événements sont numérotés à partir de 1"
    );
}
