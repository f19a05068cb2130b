//! Broken scenario files: each gets one precise French message — file, line:column, field path,
//! reason — and never a panic.

use cycle_scenario::charger;

/// A minimal valid scenario, to which each case adds its mistake.
const DEBUT: &str = r#"titre = "t"
description = "d"

[[candidats]]
code = 1048576
"#;

fn erreur(texte: &str) -> String {
    match charger("casse.toml", texte) {
        Ok(_) => "chargé sans erreur".to_owned(),
        Err(erreur) => erreur.to_string(),
    }
}

#[test]
fn each_broken_file_gets_its_precise_message() {
    let cas: Vec<(&str, String, &str)> = vec![
        (
            "syntaxe", "titre = \"t\ndescription = \"d\"\n".to_owned(),
            "casse.toml:1:11: syntaxe TOML invalide (invalid basic string, expected `\"`)",
        ),
        (
            "fichier vide", String::new(),
            "casse.toml:1:1: champ obligatoire absent : « titre »",
        ),
        (
            "champ du document absent", "titre = \"t\"\n".to_owned(),
            "casse.toml:1:1: champ obligatoire absent : « description »",
        ),
        (
            "champ inconnu", format!("{DEBUT}\n[campagne]\npreste = \"2024\"\n"),
            "casse.toml:8:1: campagne.preste: champ inconnu « preste » (possibles : preset, annee, resultats_bac, resultats_rattrapage, phase_principale, phase_complementaire, ouverture_ia_primo, debut, fin)",
        ),
        (
            "type invalide", DEBUT.replace("code = 1048576", "code = \"abc\""),
            "casse.toml:5:8: candidats[0].code: type invalide : attendu un entier positif, trouvé la chaîne \"abc\"",
        ),
        (
            "code trop grand pour u32", DEBUT.replace("code = 1048576", "code = 99999999999"),
            "casse.toml:5:8: candidats[0].code: valeur invalide : attendu un entier positif, trouvé l'entier 99999999999",
        ),
        (
            "date invalide", format!("{DEBUT}\n[campagne]\ndebut = 2024-13-01\n"),
            "casse.toml:8:9: syntaxe TOML invalide (invalid date, expected month between 01 and 12)",
        ),
        (
            "date en chaîne invalide", format!("{DEBUT}\n[campagne]\ndebut = \"1er juin\"\n"),
            "casse.toml:8:9: campagne.debut: « 1er juin » n'est pas une date AAAA-MM-JJ (par exemple 2024-07-09)",
        ),
        (
            // toml alone would read it positionally (serde's form); the format wants a table.
            "période écrite en tableau", format!("{DEBUT}\n[campagne]\nphase_principale = [2024-06-01, 2024-07-01]\n"),
            "casse.toml:8:20: campagne.phase_principale: type invalide : attendu une table PeriodeFichier, trouvé une liste",
        ),
        (
            "preset inconnu", format!("{DEBUT}\n[campagne]\npreset = \"2022\"\n"),
            "casse.toml:8:10: campagne.preset: pas de calendrier publié pour « 2022 » (possibles : 2019, 2021, 2023, 2024, 2025)",
        ),
        (
            "mode inconnu", format!("{DEBUT}\n[universite]\nmode_opi = \"fax\"\n"),
            "casse.toml:8:12: universite.mode_opi: valeur inconnue « fax » (possibles : webservice, push_json, fichiers_plats)",
        ),
        (
            "uai invalide", format!("{DEBUT}\n[universite]\nuai = \"ABC\"\n"),
            "casse.toml:7:1: universite.uai: « ABC » n'est pas un UAI (7 chiffres et une lettre)",
        ),
        (
            "candidat en double", format!("{DEBUT}\n[[candidats]]\ncode = 1048576\n"),
            "casse.toml:8:8: candidats[1].code: le code candidat 1048576 apparaît deux fois",
        ),
        (
            "code réservé", DEBUT.replace("code = 1048576", "code = 1"),
            "casse.toml:5:8: candidats[0].code: le code candidat 1 est réservé au candidat fictif du test connecteur",
        ),
        (
            "règle inconnue", DEBUT.replace("description = \"d\"", "description = \"d\"\nregles = [\"R8\", \"R18\"]"),
            "casse.toml:3:17: regles[1]: règle « R18 » inconnue (R1 à R17)",
        ),
        (
            "type d'événement inconnu", format!("{DEBUT}\n[[evenements]]\ndate = 2024-06-04\ntype = \"inscription\"\ncandidat = 1048576\n"),
            "casse.toml:9:8: evenements[0].type: valeur inconnue « inscription » (possibles : parametrage_webservice, test_connecteur, acceptation, desistement, renvoi_opi, consultation_ia_primo, ia_primo, ia_reins, ia_gestionnaire, paiement, annulation_ia, resiliation_ia, laissez_passer, traitement_remontees, panne_ecriture_voeux)",
        ),
        (
            "jour absent", format!("{DEBUT}\n[[evenements]]\ntype = \"test_connecteur\"\n"),
            "casse.toml:7:1: evenements[0]: jour absent : indiquez « date = 2024-07-09 » ou « jalon = \"lendemain_resultats_bac\" »",
        ),
        (
            "date et jalon", format!("{DEBUT}\n[[evenements]]\ndate = 2024-06-04\njalon = \"resultats_bac\"\ntype = \"test_connecteur\"\n"),
            "casse.toml:9:9: evenements[0].jalon: « date » et « jalon » s'excluent : gardez l'un des deux",
        ),
        (
            "décalage sans jalon", format!("{DEBUT}\n[[evenements]]\ndate = 2024-06-04\ndecalage = 2\ntype = \"test_connecteur\"\n"),
            "casse.toml:7:1: evenements[0].decalage: « decalage » compte des jours après un jalon : il ne s'emploie qu'avec « jalon »",
        ),
        (
            "jalon inconnu", format!("{DEBUT}\n[[evenements]]\njalon = \"lendemain_du_bac\"\ntype = \"test_connecteur\"\n"),
            "casse.toml:8:9: evenements[0].jalon: jalon « lendemain_du_bac » inconnu (possibles : debut_phase_principale, veille_resultats_bac, resultats_bac, lendemain_resultats_bac, resultats_rattrapage, lendemain_resultats_rattrapage, fin_phase_principale, fin_phase_complementaire, fin_ia_primo)",
        ),
        (
            "champ obligatoire pour le type", format!("{DEBUT}\n[[evenements]]\ndate = 2024-07-10\ntype = \"ia_primo\"\ncandidat = 1048576\n"),
            "casse.toml:7:1: evenements[0].vet: obligatoire pour type = « ia_primo »",
        ),
        (
            "champ sans objet pour le type", format!("{DEBUT}\n[[evenements]]\ndate = 2024-07-10\ntype = \"paiement\"\ncandidat = 1048576\nvet = \"DL1OUI\"\nformation = 23456\n"),
            "casse.toml:7:1: evenements[0].formation: sans objet pour type = « paiement » (champs possibles : candidat, vet)",
        ),
        (
            "candidat inconnu (3e événement)", format!("{DEBUT}\n[[evenements]]\ndate = 2024-06-04\ntype = \"test_connecteur\"\n\n[[evenements]]\ndate = 2024-06-04\ntype = \"traitement_remontees\"\n\n[[evenements]]\ndate = 2024-06-05\ntype = \"acceptation\"\ncandidat = 999\nformation = 23456\n"),
            "casse.toml:18:12: evenements[2].candidat: candidat 999 inconnu (candidats du scénario : 1048576)",
        ),
        (
            "formation inconnue", format!("{DEBUT}\n[[evenements]]\ndate = 2024-06-04\ntype = \"acceptation\"\ncandidat = 1048576\nformation = 11111\n"),
            "casse.toml:11:13: evenements[0].formation: formation 11111 inconnue de l'université (formations : 23456 Licence - Droit, 34567 Licence - Histoire, 45678 Licence 2 - Droit (accès en deuxième année))",
        ),
        (
            "réponse sans VET", format!("{DEBUT}\n[[evenements]]\ndate = 2024-06-04\ntype = \"acceptation\"\ncandidat = 1048576\nformation = 34567\nreponse = \"oui_si_3_ans\"\n"),
            "casse.toml:11:13: evenements[0].reponse: la formation 34567 n'a pas de VET « Oui Si en 3 ans » (R5)",
        ),
        (
            "VET inconnue", format!("{DEBUT}\n[[evenements]]\ndate = 2024-07-10\ntype = \"ia_primo\"\ncandidat = 1048576\nvet = \"DL1XXX\"\n"),
            "casse.toml:11:7: evenements[0].vet: VET « DL1XXX » inconnue de l'université (VET : DL1OUI/1, DL1OS3/1, DL1OS4/1, HL1OUI/1, DL2OUI/1)",
        ),
        (
            "version de VET illisible", format!("{DEBUT}\n[[evenements]]\ndate = 2024-07-10\ntype = \"ia_primo\"\ncandidat = 1048576\nvet = \"DL1OUI/un\"\n"),
            "casse.toml:11:7: evenements[0].vet: « DL1OUI/un » : la version « un » n'est pas un nombre (écrire DL1OUI ou DL1OUI/1)",
        ),
        (
            "événements dans le désordre", format!("{DEBUT}\n[[evenements]]\ndate = 2024-07-10\ntype = \"test_connecteur\"\n\n[[evenements]]\njalon = \"resultats_bac\"\ntype = \"test_connecteur\"\n"),
            "casse.toml:11:1: evenements[1].jalon: le 08/07/2024 précède l'événement précédent (evenements[0], le 10/07/2024) : les événements doivent suivre l'ordre des dates",
        ),
        (
            "événement avant le début", format!("{DEBUT}\n[[evenements]]\ndate = 2024-05-01\ntype = \"test_connecteur\"\n"),
            "casse.toml:7:1: evenements[0].date: le 01/05/2024 précède le premier jour de la simulation (30/05/2024, campagne.debut)",
        ),
        (
            "fin avant le dernier événement", format!("{DEBUT}\n[campagne]\npreset = 2024\nfin = 2024-06-04\n\n[[evenements]]\ndate = 2024-06-04\ntype = \"test_connecteur\"\n"),
            "casse.toml:9:7: campagne.fin: la simulation doit s'arrêter après le dernier jour joué (04/06/2024) pour que sa soirée soit jouée",
        ),
        (
            "simulation trop longue",
            format!("{DEBUT}\n[campagne]\nfin = 9024-07-01\n"),
            "casse.toml:8:7: campagne.fin: la simulation couvrirait 2556729 jours depuis le 30/05/2024 : 731 au plus",
        ),
        (
            "événement trop lointain",
            format!("{DEBUT}\n[[evenements]]\njalon = \"resultats_bac\"\ndecalage = 100000\ntype = \"test_connecteur\"\n"),
            "casse.toml:7:1: evenements[0].jalon: le 23/04/2298 est à plus de 731 jours du premier jour de la simulation (30/05/2024)",
        ),
        (
            "état d'inscription hors bornes", format!("{DEBUT}\n[[evenements]]\ndate = 2024-07-10\ntype = \"ia_gestionnaire\"\ncandidat = 1048576\nvet = \"DL1OUI\"\netat_inscription = 7\n"),
            "casse.toml:12:20: evenements[0].etat_inscription: etatInscription 7 inconnu (1 principale, 2 double cursus, 3 annulée, 4 parallèle, 5 parallèle secondaire)",
        ),
        (
            "attendu vide", format!("{DEBUT}\n[[attendus]]\npourquoi = \"rien\"\n"),
            "casse.toml:7:1: attendus[0]: attendu vide : donnez des critères de recherche (regle, type, candidat…) ou un état final (ia, ia_primo, dossiers_opi, inscription_parcoursup, connecteur)",
        ),
        (
            "attendu de type inconnu", format!("{DEBUT}\n[[attendus]]\ntype = \"opi_envoyee\"\n"),
            "casse.toml:8:8: attendus[0].type: type « opi_envoyee » inconnu (messages : opi, fichiers_opi, test_connecteur, remontee, reponse, demande_ia_primo ; changements d'état : candidature_acceptee, desistement, resultat_bac_publie, decision_voeu, opi_retenue, connecteur_valide, connecteur_en_echec, remontee_enregistree, remontee_rejetee, ecriture_partielle_detectee, webservice_remontees_parametre, opi_enregistree, voeux_non_ecrits, inscription_web_fermee, laissez_passer_cree, laissez_passer_conserve, offre_ia_primo, ia_refusee, ia_creee, ia_payee, ia_annulee, ia_resiliee, annulation_manuelle_requise, ligne_remontee_ecrite, ia_non_remontee, ligne_remontee_acquittee, ligne_remontee_en_erreur)",
        ),
        (
            "attendu mélangé", format!("{DEBUT}\n[[attendus]]\nregle = \"R8\"\nconnecteur = \"valide\"\n"),
            "casse.toml:7:1: attendus[0].regle: un critère de recherche ne se combine pas avec l'état final « connecteur » : écrivez deux [[attendus]]",
        ),
        (
            "deux états finaux", format!("{DEBUT}\n[[attendus]]\nconnecteur = \"valide\"\ndossiers_opi = {{ candidat = 1048576, nombre = 1 }}\n"),
            "casse.toml:7:1: attendus[0]: un attendu vérifie un seul état final, pas dossiers_opi et connecteur : écrivez un [[attendus]] par état",
        ),
        (
            "absent et nombre", format!("{DEBUT}\n[[attendus]]\ntype = \"opi\"\nabsent = true\nnombre = 2\n"),
            "casse.toml:7:1: attendus[0].nombre: « absent = true » et « nombre » s'excluent (absent = true équivaut à nombre = 0)",
        ),
        (
            "absent sans critère", format!("{DEBUT}\n[[attendus]]\nabsent = true\n"),
            "casse.toml:7:1: attendus[0]: « absent » et « nombre » comptent les entrées d'un critère : donnez au moins regle, type, candidat, un jour, vet, decision, motif, etat_inscription ou fichier",
        ),
        (
            "verdict IA Primo double", format!("{DEBUT}\n[[attendus]]\nia_primo = {{ candidat = 1048576, vet = \"DL1OUI\", autorisee = \"favorable\", refusee = \"deja_inscrit\" }}\n"),
            "casse.toml:7:1: attendus[0].ia_primo: indiquez soit « autorisee » (favorable, oui_si, laissez_passer), soit « refusee » (le motif)",
        ),
        (
            "motif inconnu", format!("{DEBUT}\n[[attendus]]\ntype = \"ia_refusee\"\nmotif = \"trop_tard\"\n"),
            "casse.toml:9:9: attendus[0].motif: valeur inconnue « trop_tard » (possibles : aucune_opi, vet_non_proposee, decision_defavorable, deja_inscrit, en_attente_de_paiement, vet_fermee)",
        ),
        (
            "candidat inconnu dans un état final", format!("{DEBUT}\n[[attendus]]\nia = {{ candidat = 7, vet = \"DL1OUI\", absent = true }}\n"),
            "casse.toml:7:1: attendus[0].ia.candidat: candidat 7 inconnu (candidats du scénario : 1048576)",
        ),
        (
            "clé en double", DEBUT.replace("description = \"d\"", "description = \"d\"\ntitre = \"encore\""),
            "casse.toml:3:1: clé écrite deux fois (duplicate key)",
        ),
        (
            "imbrication profonde", format!("{DEBUT}\n[campagne]\npreset = {}{}\n", "[".repeat(5000), "]".repeat(5000)),
            "casse.toml:8:90: syntaxe TOML invalide (cannot recurse further; max recursion depth met)",
        ),
        (
            "octet NUL", DEBUT.replace("\"t\"", "\"t\u{0}\""),
            "casse.toml:1:11: syntaxe TOML invalide (invalid basic string, expected non-double-quote visible characters, `\\`)",
        ),
        (
            "tableau d'événements écrit en table", format!("{DEBUT}\n[evenements]\ndate = 2024-06-04\ntype = \"test_connecteur\"\n"),
            "casse.toml:7:1: evenements: type invalide : attendu une liste, trouvé une table",
        ),
        (
            "VET de formation trop longue", format!("{DEBUT}\n[universite]\n[[universite.formations]]\ncode = 1\nlibelle = \"L\"\ncode_sise = \"1\"\nvet_oui = {{ cod_cge = \"DROIT\", cod_etp = \"X\", cod_dip = \"D\" }}\n"),
            "casse.toml:8:1: universite.formations[0].vet_oui.cod_cge: 5 caractère(s) : Apogée en attend 1 à 3",
        ),
        // Paths found from the error's place: through arrays of tables, inline tables, and a table
        // written where a value was expected.
        (
            "type invalide dans une table en ligne", format!("{DEBUT}\n[universite]\nnom = \"U\"\n\n[[universite.formations]]\ncode = 1\nlibelle = \"L\"\ncode_sise = \"1\"\nvet_oui = {{ cod_cge = 1, cod_etp = \"X\", cod_dip = \"D\" }}\n"),
            "casse.toml:14:23: universite.formations[0].vet_oui.cod_cge: type invalide : attendu une chaîne, trouvé l'entier 1",
        ),
        (
            "champ absent d'une table de liste", format!("{DEBUT}\n[[candidats]]\nnom = \"x\"\n"),
            "casse.toml:7:1: candidats[1]: champ obligatoire absent : « code »",
        ),
        (
            "champ absent d'une table en ligne", format!("{DEBUT}\n[campagne]\nphase_principale = {{ debut = 2024-06-01 }}\n"),
            "casse.toml:8:20: campagne.phase_principale: champ obligatoire absent : « fin »",
        ),
        (
            "valeur écrite en table", format!("{DEBUT}\n[[evenements]]\ndate = 2024-06-04\ntype = {{ inscription = true }}\n"),
            "casse.toml:9:10: evenements[0].type: valeur inconnue « inscription » (possibles : parametrage_webservice, test_connecteur, acceptation, desistement, renvoi_opi, consultation_ia_primo, ia_primo, ia_reins, ia_gestionnaire, paiement, annulation_ia, resiliation_ia, laissez_passer, traitement_remontees, panne_ecriture_voeux)",
        ),
    ];
    let mut ecarts = Vec::new();
    for (nom, texte, attendu) in &cas {
        let message = erreur(texte);
        if message != *attendu {
            ecarts.push(format!(
                "{nom}\n  obtenu : {message}\n  attendu : {attendu}"
            ));
        }
    }
    assert!(ecarts.is_empty(), "{}", ecarts.join("\n"));
}

#[test]
fn files_that_cannot_be_read_are_named_with_the_reason() {
    use cycle_scenario::disque::charger_chemin;
    let dossier = tempfile::tempdir().expect("dossier temporaire");
    let absent = dossier.path().join("absent.toml");
    let erreurs: Vec<String> = charger_chemin(&absent)
        .into_iter()
        .filter_map(Result::err)
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        erreurs,
        [format!(
            "{}: fichier ou dossier introuvable",
            absent.display()
        )]
    );

    let binaire = dossier.path().join("binaire.toml");
    std::fs::write(&binaire, [0xff, 0xfe, 0x00]).expect("écriture");
    std::fs::write(dossier.path().join("bon.toml"), DEBUT).expect("écriture");
    std::fs::write(dossier.path().join("notes.txt"), "pas un scénario").expect("écriture");
    let resultats = charger_chemin(dossier.path());
    // One result per .toml file, in name order; the broken one does not hide the good one.
    assert_eq!(resultats.len(), 2);
    assert_eq!(
        resultats[0]
            .as_ref()
            .map(|_| ())
            .map_err(ToString::to_string),
        Err(format!(
            "{}: le fichier n'est pas du texte UTF-8",
            binaire.display()
        ))
    );
    assert!(resultats[1].is_ok());

    let vide = tempfile::tempdir().expect("dossier temporaire");
    let erreurs: Vec<String> = charger_chemin(vide.path())
        .into_iter()
        .filter_map(Result::err)
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        erreurs,
        [format!(
            "{}: aucun fichier .toml dans ce dossier",
            vide.path().display()
        )]
    );
}

mod jamais_de_panique {
    use cycle_scenario::integres::INTEGRES;
    use cycle_scenario::{charger, executer};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any cut, insertion or replacement in a built-in file loads or fails with an error, and a
        /// file that loads also runs, without a panic.
        #[test]
        fn damaged_builtin_files_never_panic(
            rang in 0..INTEGRES.len(),
            debut in 0.0..1.0f64,
            longueur in 0usize..40,
            insertion in "[a-z0-9_=\\[\\]\"{}., \n-]{0,12}",
        ) {
            let texte = INTEGRES[rang].texte;
            let mut debut = (debut * texte.len() as f64) as usize;
            while !texte.is_char_boundary(debut) {
                debut -= 1;
            }
            let mut fin = (debut + longueur).min(texte.len());
            while !texte.is_char_boundary(fin) {
                fin -= 1;
            }
            let abime = format!("{}{insertion}{}", &texte[..debut], &texte[fin..]);
            if let Ok(scenario) = charger("abime.toml", &abime) {
                let _ = executer(&scenario);
            }
        }

        /// Arbitrary text never panics the loader.
        #[test]
        fn arbitrary_text_never_panics(texte in "\\PC{0,200}") {
            let _ = charger("quelconque.toml", &texte);
        }
    }
}
