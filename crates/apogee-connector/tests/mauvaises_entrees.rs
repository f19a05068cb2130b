//! The catalogue of bad inputs at the connector's doors: SOAP envelopes that are not well-formed XML,
//! not SOAP, or carry an operation the `OpiMetier` service does not have; JSON pushes of every wrong
//! shape; flat files with a wrong column count or in another encoding. Each one gets its exact
//! answer (SOAP fault text, `{retour, message}`, or the file, line and column) and leaves the
//! connector's whole state as it was, then the good message is still accepted.

mod commun;

use apogee_connector::Connecteur;
use commun::*;
use cycle_codec::opi::fichiers_en_texte;
use cycle_core::message::FichiersOpi;
use cycle_wire::rest::decode_retour;
use cycle_wire::soap::{decode_reponse, Operation, ReponseSoap};
use serde_json::Value;

const EXEMPLE_SOAP: &str =
    include_str!("../../cycle-wire/tests/fixtures/mettreajourDonneesOpi_v10.xml");
const EXEMPLE_PUSH: &str = include_str!("../../cycle-wire/tests/fixtures/admissionCandidat.json");
const LAISSEZ_PASSER: &str =
    include_str!("../../cycle-wire/tests/fixtures/mettreAJourLaissezPasserWS_V2.xml");

/// Everything `GET /etats/apogee` shows: records, IAs, work table, files imported, day.
fn etat(connecteur: &Connecteur) -> Value {
    serde_json::to_value(connecteur.etat()).expect("état sérialisable")
}

/// Differences between what was expected and what came, all of them at once.
fn verifier(ecarts: Vec<String>) {
    assert!(ecarts.is_empty(), "{}", ecarts.join("\n"));
}

/// `texte` with the first `motif` replaced by raw bytes (which need not be UTF-8).
fn octets_remplaces(texte: &str, motif: &str, par: &[u8]) -> Vec<u8> {
    let debut = texte.find(motif).expect("motif présent");
    let mut octets = texte.as_bytes()[..debut].to_vec();
    octets.extend_from_slice(par);
    octets.extend_from_slice(&texte.as_bytes()[debut + motif.len()..]);
    octets
}

fn enveloppe(corps: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:opi="gouv.education.apogee.commun.servicesmetiers.OpiMetier"><soapenv:Body>{corps}</soapenv:Body></soapenv:Envelope>"#
    )
}

#[test]
fn bad_soap_envelopes_get_the_exact_client_fault_and_change_nothing() {
    let mut connecteur = connecteur("nominal_f");
    let avant = etat(&connecteur);
    // "DURAND" written "DURÉ" in Latin-1, the prologue saying so: the service reads UTF-8 only.
    let latin1 = octets_remplaces(
        &EXEMPLE_SOAP.replace("UTF-8", "ISO-8859-1"),
        "DURAND",
        b"DUR\xc9",
    );
    let cas: Vec<(&str, Vec<u8>, &str)> = vec![
        ("pas du XML", b"<pas du xml".to_vec(), "corps: XML mal forme ligne 1 colonne 1 : balise non terminee"),
        ("corps vide", Vec::new(), "corps: aucun element XML"),
        (
            "enveloppe tronquée",
            EXEMPLE_SOAP.as_bytes()[..EXEMPLE_SOAP.len() / 2].to_vec(),
            "corps: XML mal forme ligne 21 colonne 30 : fin de document inattendue, <individu> n'est pas ferme",
        ),
        (
            "balises croisées",
            enveloppe("<opi:mettreajourDonneesOpi_v10></soapenv:Body></opi:mettreajourDonneesOpi_v10>")
                .into_bytes(),
            "corps: XML mal forme ligne 1 colonne 227 : balise fermante </soapenv:Body> alors que <opi:mettreajourDonneesOpi_v10> est ouvert",
        ),
        (
            "UTF-8 invalide (octet 0xFF)",
            octets_remplaces(EXEMPLE_SOAP, "<codDecVeu>S", b"<codDecVeu>\xff"),
            "corps: UTF-8 invalide ligne 33 colonne 24",
        ),
        ("autre encodage (octet 0xE9)", latin1, "corps: UTF-8 invalide ligne 25 colonne 33"),
        (
            "pas une enveloppe SOAP",
            b"<html><body>bonjour</body></html>".to_vec(),
            "corps: pas une enveloppe SOAP : element racine html de l'espace de noms \"\", Envelope de http://schemas.xmlsoap.org/soap/envelope/ attendu",
        ),
        ("Body vide", enveloppe("").into_bytes(), "Envelope.Body: vide, une operation ou une reponse est attendue"),
        (
            "opération inconnue",
            enveloppe("<opi:supprimerDonneesOpi/>").into_bytes(),
            "Envelope.Body: operation inconnue supprimerDonneesOpi (mettreajourDonneesOpi_v10 ou mettreAJourLaissezPasserWS_V2 attendu)",
        ),
        (
            "ancienne version de l'opération",
            enveloppe("<opi:mettreajourDonneesOpi_v9/>").into_bytes(),
            "Envelope.Body: operation inconnue mettreajourDonneesOpi_v9 (mettreajourDonneesOpi_v10 ou mettreAJourLaissezPasserWS_V2 attendu)",
        ),
        (
            "opération d'un autre service",
            LAISSEZ_PASSER.as_bytes().to_vec(),
            "Envelope.Body: operation mettreAJourLaissezPasserWS_V2 inconnue du service OpiMetier (elle appartient a LaissezPasserMetier)",
        ),
        (
            "code décision inconnu",
            EXEMPLE_SOAP
                .replace("<codDecVeu>S</codDecVeu>", "<codDecVeu>X</codDecVeu>")
                .into_bytes(),
            "mettreajourDonneesOpi_v10._donneesOpi.voeux.item[0].codDecVeu: \"X\" n'est pas un code connu (F, S ou D)",
        ),
        (
            "date impossible",
            EXEMPLE_SOAP.replacen("03022008", "31022008", 1).into_bytes(),
            "mettreajourDonneesOpi_v10._donneesOpi.individu.donneesNaissance.dateNaiIndOpi: \"31022008\" n'est pas une date reelle du calendrier (JJMMAAAA)",
        ),
    ];
    let mut ecarts = Vec::new();
    for (nom, corps, attendu) in &cas {
        let recu = connecteur.recevoir_soap(corps);
        let faute = match decode_reponse(
            recu.reponse.corps.as_bytes(),
            Operation::MettreajourDonneesOpiV10,
        ) {
            Ok(ReponseSoap::Faute(faute)) => faute,
            autre => {
                ecarts.push(format!("{nom} : pas une faute SOAP : {autre:?}"));
                continue;
            }
        };
        if recu.reponse.statut != 500
            || faute.faultcode != "Client"
            || faute.faultstring != *attendu
        {
            ecarts.push(format!(
                "{nom}\n  obtenu : {} {} {}\n  attendu : 500 Client {attendu}",
                recu.reponse.statut, faute.faultcode, faute.faultstring
            ));
        }
        if !recu.entrees.is_empty() {
            ecarts.push(format!("{nom} : des entrées écrites : {:?}", recu.entrees));
        }
        if etat(&connecteur) != avant {
            ecarts.push(format!("{nom} : l'état du connecteur a changé"));
        }
    }
    verifier(ecarts);
    // Nothing was left half-done: the good envelope is still taken.
    assert_eq!(
        connecteur
            .recevoir_soap(EXEMPLE_SOAP.as_bytes())
            .reponse
            .statut,
        200
    );
}

#[test]
fn bad_pushes_get_the_exact_nok_and_change_nothing() {
    let mut connecteur = connecteur("nominal_f");
    let avant = etat(&connecteur);
    let bon = EXEMPLE_PUSH
        .replace("etab-login", "demo-psup")
        .replace("etab-secret", "demo-secret");
    let cas: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("pas du JSON", b"bonjour".to_vec(), 400, "corps: JSON mal forme ligne 1 colonne 1"),
        ("JSON tronqué", bon.as_bytes()[..60].to_vec(), 400, "corps: JSON tronque (fin inattendue) ligne 2 colonne 58"),
        ("UTF-8 invalide", octets_remplaces(&bon, "DURAND", b"DUR\xc9"), 400, "corps: UTF-8 invalide ligne 8 colonne 16"),
        (
            "identifiant mal orthographié",
            bon.replace("\"identifiant\"", "\"indentifiant\"").into_bytes(),
            400,
            "indentifiant: cle mal orthographiee (ancienne API), identifiant attendu; l'option Compat::accept_indentifiant de cycle-wire l'accepte",
        ),
        (
            "date à tirets",
            bon.replace("\"03/02/2008\"", "\"03-02-2008\"").into_bytes(),
            400,
            "donneesCandidat.dateNaissance: \"03-02-2008\" n'est pas au format JJ/MM/AAAA",
        ),
        (
            "date impossible",
            bon.replace("\"03/02/2008\"", "\"31/02/2008\"").into_bytes(),
            400,
            "donneesCandidat.dateNaissance: \"31/02/2008\" n'est pas une date reelle du calendrier (JJ/MM/AAAA)",
        ),
        (
            "codeCandidat en chaîne",
            bon.replace("1048576", "\"1048576\"").into_bytes(),
            400,
            "donneesCandidat.codeCandidat: doit etre un entier, recu la chaine \"1048576\"",
        ),
        ("mauvais mot de passe", EXEMPLE_PUSH.as_bytes().to_vec(), 401, "identifiant : login ou mot de passe incorrect"),
        (
            "formation inconnue",
            bon.replace("23456,", "99999,").into_bytes(),
            422,
            "donneesCandidat.codeFormationPsup: 99999 n'est pas une formation Parcoursup de l'établissement",
        ),
    ];
    let mut ecarts = Vec::new();
    for (nom, corps, statut, attendu) in &cas {
        let recu = connecteur.recevoir_push(corps);
        let message = decode_retour(recu.reponse.corps.as_bytes())
            .map(|retour| (retour.is_ok(), retour.message))
            .unwrap_or_else(|e| (true, format!("réponse illisible : {e}")));
        if recu.reponse.statut != *statut || message != (false, (*attendu).to_owned()) {
            ecarts.push(format!(
                "{nom}\n  obtenu : {} {message:?}\n  attendu : {statut} NOK {attendu}",
                recu.reponse.statut
            ));
        }
        if etat(&connecteur) != avant {
            ecarts.push(format!("{nom} : l'état du connecteur a changé"));
        }
    }
    verifier(ecarts);
    assert_eq!(connecteur.recevoir_push(bon.as_bytes()).reponse.statut, 200);
}

/// Nominal_f's first OPI as the day's flat files in a new folder, with `abimer` applied to the
/// text of the file whose name holds `type_fichier`.
fn fichiers_abimes(type_fichier: &str, abimer: impl Fn(&str) -> Vec<u8>) -> tempfile::TempDir {
    let dossier = tempfile::tempdir().expect("dossier temporaire");
    let (jour, opi) = opi_envoyees("nominal_f").remove(0);
    let fichiers = FichiersOpi {
        opi: vec![opi],
        voeux_defavorables: Vec::new(),
    };
    for fichier in fichiers_en_texte(&fichiers, "0751234X", jour).expect("fichiers écrits") {
        let contenu = if fichier.nom.contains(&format!("_{type_fichier}_V1_")) {
            abimer(&fichier.contenu)
        } else {
            fichier.contenu.into_bytes()
        };
        std::fs::write(dossier.path().join(fichier.nom), contenu).expect("écriture");
    }
    dossier
}

/// `texte` with the `numero`-th line (from 1) rewritten by `changer`.
fn ligne_changee(texte: &str, numero: usize, changer: impl Fn(&str) -> String) -> String {
    texte
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, ligne)| {
            if i + 1 == numero {
                format!("{}\n", changer(ligne.trim_end_matches('\n')))
            } else {
                ligne.to_owned()
            }
        })
        .collect()
}

#[test]
fn flat_files_with_a_wrong_column_count_or_encoding_are_named_by_line_and_change_nothing() {
    let cas: Vec<(&str, tempfile::TempDir, &str)> = vec![
        (
            "individu avec une colonne de moins",
            fichiers_abimes("OPI_INDIVIDUS", |texte| {
                ligne_changee(texte, 2, |ligne| ligne[..ligne.rfind(';').unwrap()].to_owned())
                    .into_bytes()
            }),
            "dossier : fichiers OPI du 2024-06-04 : OPI_INDIVIDUS ligne 2: 38 colonnes attendues, 37 trouvees",
        ),
        (
            "individu avec une colonne de plus",
            fichiers_abimes("OPI_INDIVIDUS", |texte| {
                ligne_changee(texte, 2, |ligne| format!("{ligne};en trop")).into_bytes()
            }),
            "dossier : fichiers OPI du 2024-06-04 : OPI_INDIVIDUS ligne 2: 38 colonnes attendues, 39 trouvees",
        ),
        (
            "vœu avec une colonne de moins",
            fichiers_abimes("OPI_VOEUX", |texte| {
                ligne_changee(texte, 2, |ligne| ligne[..ligne.rfind(';').unwrap()].to_owned())
                    .into_bytes()
            }),
            "dossier : fichiers OPI du 2024-06-04 : OPI_VOEUX ligne 2: 13 colonnes attendues, 12 trouvees",
        ),
        (
            "individus en Latin-1",
            fichiers_abimes("OPI_INDIVIDUS", |texte| {
                let nom = texte.lines().nth(1).unwrap().split(';').nth(4).unwrap().to_owned();
                octets_remplaces(texte, &nom, b"DUR\xc9")
            }),
            "dossier : fichiers OPI du 2024-06-04 : OPI_INDIVIDUS ligne 2 colonne 5 (individu.etatCivil.libNomPatIndOpi): UTF-8 invalide",
        ),
        (
            "vœux en UTF-16 (comme Windows l'écrit, avec BOM)",
            fichiers_abimes("OPI_VOEUX", |texte| {
                let mut octets = vec![0xff, 0xfe];
                octets.extend(texte.encode_utf16().flat_map(u16::to_le_bytes));
                octets
            }),
            "dossier : fichiers OPI du 2024-06-04 : OPI_VOEUX ligne 1 colonne 1 (codOpiIntEpo): UTF-8 invalide",
        ),
    ];
    let mut ecarts = Vec::new();
    for (nom, dossier, attendu) in &cas {
        let mut connecteur = connecteur("echec_bac_fichiers_plats");
        let avant = etat(&connecteur);
        match connecteur.importer_fichiers(dossier.path()) {
            Ok(entrees) => ecarts.push(format!("{nom} : importé ({} entrées)", entrees.len())),
            Err(erreur) if erreur.to_string() != *attendu => {
                ecarts.push(format!("{nom}\n  obtenu : {erreur}\n  attendu : {attendu}"))
            }
            Err(_) => {}
        }
        if etat(&connecteur) != avant {
            ecarts.push(format!("{nom} : l'état du connecteur a changé"));
        }
    }
    verifier(ecarts);
}
