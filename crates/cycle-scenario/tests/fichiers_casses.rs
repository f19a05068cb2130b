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
            "casse.toml:1:11: syntaxe TOML invalide : chaîne entre guillemets mal formée ou non refermée (attendu : « \" »)",
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
            "casse.toml:5:8: candidats[0].code: valeur hors limites : attendu un entier de 0 à 4 294 967 295, trouvé 99999999999",
        ),
        (
            "code négatif", DEBUT.replace("code = 1048576", "code = -5"),
            "casse.toml:5:8: candidats[0].code: valeur hors limites : attendu un entier de 0 à 4 294 967 295, trouvé -5",
        ),
        (
            "code au-delà de 64 bits", DEBUT.replace("code = 1048576", "code = 99999999999999999999"),
            "casse.toml:5:8: candidats[0].code: valeur hors limites : attendu un entier de 0 à 4 294 967 295, trouvé 99999999999999999999",
        ),
        (
            "décalage trop grand pour i32", format!("{DEBUT}\n[[evenements]]\njalon = \"resultats_bac\"\ndecalage = 3000000000\ntype = \"test_connecteur\"\n"),
            "casse.toml:9:12: evenements[0].decalage: valeur hors limites : attendu un entier de -2 147 483 648 à 2 147 483 647, trouvé 3000000000",
        ),
        (
            "sexe inconnu (deux possibles)", format!("{DEBUT}sexe = \"X\"\n"),
            "casse.toml:6:8: candidats[0].sexe: valeur inconnue « X » (possibles : M ou F)",
        ),
        (
            "jour inexistant (date TOML)", format!("{DEBUT}\n[campagne]\ndebut = 2024-02-30\n"),
            "casse.toml:8:9: le 30/02/2024 n'existe pas : février 2024 a 29 jours",
        ),
        (
            "jour inexistant (chaîne)", format!("{DEBUT}\n[campagne]\ndebut = \"2023-02-29\"\n"),
            "casse.toml:8:9: campagne.debut: le 29/02/2023 n'existe pas : février 2023 a 28 jours",
        ),
        (
            "mois inexistant (chaîne)", format!("{DEBUT}\n[campagne]\ndebut = \"2024-13-01\"\n"),
            "casse.toml:8:9: campagne.debut: « 2024-13-01 » : il n'y a pas de mois 13 (01 à 12)",
        ),
        (
            "date TOML mal écrite", format!("{DEBUT}\n[campagne]\ndebut = 2024-6-01\n"),
            "casse.toml:8:9: « 2024-6-01 » n'est pas une date AAAA-MM-JJ (par exemple 2024-07-09)",
        ),
        (
            "date invalide", format!("{DEBUT}\n[campagne]\ndebut = 2024-13-01\n"),
            "casse.toml:8:9: « 2024-13-01 » : il n'y a pas de mois 13 (01 à 12)",
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
            "casse.toml:3:1: clé « titre » écrite deux fois : gardez-en une",
        ),
        (
            "table écrite deux fois", format!("{DEBUT}\n[campagne]\npreset = 2024\n\n[campagne]\nfin = 2024-09-01\n"),
            "casse.toml:10:2: clé « campagne » écrite deux fois : gardez-en une",
        ),
        (
            "virgule en trop dans une liste", DEBUT.replace("description = \"d\"", "description = \"d\"\nregles = [\"R8\",,]"),
            "casse.toml:3:16: syntaxe TOML invalide : virgule en trop dans la liste (attendu : une valeur)",
        ),
        (
            "virgule en trop dans une table en ligne", format!("{DEBUT}\n[campagne]\nphase_principale = {{ debut = 2024-06-01,, fin = 2024-07-01 }}\n"),
            "casse.toml:8:41: syntaxe TOML invalide : virgule en trop dans la table en ligne (attendu : une clé)",
        ),
        (
            "virgule manquante dans une liste", DEBUT.replace("description = \"d\"", "description = \"d\"\nregles = [\"R8\" \"R9\"]"),
            "casse.toml:3:16: syntaxe TOML invalide : virgule manquante entre deux éléments de la liste (attendu : « , »)",
        ),
        (
            "liste non refermée", DEBUT.replace("description = \"d\"", "description = \"d\"\nregles = [\"R8\""),
            "casse.toml:5:1: syntaxe TOML invalide : virgule manquante entre deux éléments de la liste (attendu : « , »)",
        ),
        (
            "en-tête de table non refermé", format!("{DEBUT}\n[campagne\npreset = 2024\n"),
            "casse.toml:7:10: syntaxe TOML invalide : en-tête de table non refermé (attendu : « ] »)",
        ),
        (
            "table en ligne non refermée", format!("{DEBUT}\n[campagne]\nphase_principale = {{ debut = 2024-06-01\n"),
            "casse.toml:8:40: syntaxe TOML invalide : table en ligne non refermée (attendu : « } »)",
        ),
        (
            "chaîne sans guillemets", format!("{DEBUT}\n[campagne]\npreset = deux\n"),
            "casse.toml:8:10: syntaxe TOML invalide : valeur illisible : une chaîne s'écrit entre guillemets",
        ),
        (
            "clé sans valeur", format!("{DEBUT}\n[campagne]\npreset 2024\n"),
            "casse.toml:8:8: syntaxe TOML invalide : clé sans valeur (attendu : « = »)",
        ),
        (
            "nom écrit en nombre", format!("{DEBUT}\n[[evenements]]\ndate = 2024-06-04\ntype = 3\n"),
            "casse.toml:9:8: evenements[0].type: type invalide : attendu une chaîne",
        ),
        (
            "imbrication profonde", format!("{DEBUT}\n[campagne]\npreset = {}{}\n", "[".repeat(5000), "]".repeat(5000)),
            "casse.toml:8:90: syntaxe TOML invalide : imbrication trop profonde",
        ),
        (
            "octet NUL", DEBUT.replace("\"t\"", "\"t\u{0}\""),
            "casse.toml:1:11: syntaxe TOML invalide : chaîne entre guillemets mal formée ou non refermée (attendu : des caractères visibles ou « \\ »)",
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
