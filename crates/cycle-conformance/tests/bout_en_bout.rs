//! End to end over real HTTP on 127.0.0.1: the mock Parcoursup and the reference connector, each in
//! this process on its own port, every built-in scenario played by the harness. The reference
//! connector must conform everywhere; deliberately wrong connectors (the reference one with one
//! behaviour changed by a middleware) must be caught, with the rule they break.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use apogee_connector::http::{router, Partage};
use apogee_connector::Connecteur;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use cycle_conformance::cli::{
    charger_scenarios, executer, ArgumentsConform, Format, SORTIE_ECART, SORTIE_ERREUR,
};
use cycle_conformance::interactif::Console;
use cycle_conformance::{Cibles, Harnais, Operateur, RapportConformite};
use cycle_core::{Evenement, Regle};
use serde_json::Value;
use tokio::net::TcpListener;

async fn servir(router: Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let adresse = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{adresse}")
}

async fn demarrer_mock(dossier: &Path) -> String {
    let mut config =
        mock_parcoursup::ConfigServeur::par_defaut(dossier.join("web"), dossier.join("donnees"));
    // A connector that refuses an OPI is reported, not waited for: few, short retries.
    config.livraison.tentatives = 2;
    config.livraison.delai_initial = Duration::from_millis(20);
    let application = mock_parcoursup::Application::demarrer(config).unwrap();
    servir(mock_parcoursup::application_router(application)).await
}

fn partage() -> Arc<Partage> {
    Partage::new(Connecteur::nouveau(
        apogee_connector::Parametrage::demo().unwrap(),
    ))
}

struct Paire {
    cibles: Cibles,
    _dossier: tempfile::TempDir,
}

async fn paire(connecteur: Router) -> Paire {
    let dossier = tempfile::tempdir().unwrap();
    let cibles = Cibles {
        mock: demarrer_mock(dossier.path()).await,
        connecteur: servir(connecteur).await,
        dossier_fichiers: dossier.path().join("fichiers"),
    };
    Paire {
        cibles,
        _dossier: dossier,
    }
}

fn harnais(paire: &Paire) -> Harnais {
    Harnais::new(&paire.cibles, Operateur::Api).avec_attente(Duration::from_millis(200))
}

async fn jouer(paire: &Paire, noms: &[&str]) -> Vec<RapportConformite> {
    let noms: Vec<String> = noms.iter().map(|n| n.to_string()).collect();
    let mut harnais = harnais(paire);
    let mut rapports = Vec::new();
    for (source, scenario) in charger_scenarios(&noms).unwrap() {
        rapports.push(harnais.jouer(&source, &scenario).await);
    }
    rapports
}

/// The mock's journal of the current scenario, made stable: ports, folders and clock times out.
async fn journal_stable(paire: &Paire) -> Vec<Value> {
    let texte = reqwest::get(format!("{}/__admin/journal", paire.cibles.mock))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace(&paire.cibles.connecteur, "http://connecteur")
        .replace(&paire.cibles.mock, "http://mock")
        .replace(
            &paire.cibles.dossier_fichiers.display().to_string(),
            "<fichiers>",
        );
    let journal: Value = serde_json::from_str(&texte).unwrap();
    journal["messages"]
        .as_array()
        .unwrap()
        .iter()
        // The harness's own calls to the admin API are not messages between the two systems.
        .filter(|m| m["canal"] != "admin")
        .map(|m| {
            let mut m = m.clone();
            let champs = m.as_object_mut().unwrap();
            for variable in ["id", "session", "horodatage"] {
                champs.remove(variable);
            }
            for corps in ["corps", "reponse"] {
                if let Some(texte) = champs.get(corps).and_then(Value::as_str) {
                    let lisible = lisible(texte);
                    champs.insert(corps.to_owned(), lisible);
                }
            }
            m
        })
        .collect()
}

/// A body as a reader wants it in a snapshot: JSON as a map, XML and files line by line.
fn lisible(texte: &str) -> Value {
    if let Ok(json) = serde_json::from_str::<Value>(texte) {
        return json;
    }
    if texte.contains('\n') {
        return Value::Array(texte.lines().map(|l| Value::String(l.to_owned())).collect());
    }
    Value::String(texte.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_connector_conforms_to_every_builtin_scenario() {
    let paire = paire(router(partage())).await;
    let mut harnais = harnais(&paire);
    let mut ecarts = Vec::new();
    let scenarios = charger_scenarios(&[]).unwrap();
    let mut conformes = 0;
    for (source, scenario) in &scenarios {
        let rapport = harnais.jouer(source, scenario).await;
        assert!(rapport.verifications > 0, "{}", scenario.nom);
        insta::assert_yaml_snapshot!(scenario.nom.clone(), journal_stable(&paire).await);
        if rapport.conforme() {
            conformes += 1;
        } else {
            ecarts.push(texte(&rapport));
        }
    }
    assert!(ecarts.is_empty(), "{}", ecarts.join("\n"));
    // Every built-in scenario, the partial write included (the mock reads each OPI back).
    assert_eq!((conformes, scenarios.len()), (19, 19));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_connector_conforms_with_opi_pushed_in_json() {
    // The built-in scenarios on the demo university, OPI by `admissionCandidat` push instead of
    // SOAP: one formation per push, a D as codeSituation 3, no student number (IA Réins finds it
    // by INE), and the read-back after each push.
    let paire = paire(router(partage())).await;
    let mut harnais = harnais(&paire);
    let mut ecarts = Vec::new();
    let mut joues = Vec::new();
    for integre in cycle_scenario::integres::INTEGRES {
        if integre.texte.contains("[universite]") {
            continue;
        }
        let toml = format!(
            "{}\n[universite]\nmode_opi = \"push_json\"\n",
            integre.texte
        );
        let nom = format!("{}.toml", integre.nom);
        let scenario = cycle_scenario::charger(&nom, &toml).unwrap();
        assert_eq!(
            scenario.configuration.universite.mode_opi,
            cycle_core::ModeOpi::PushJson
        );
        let source = cycle_conformance::SourceScenario::Fichier { nom, texte: toml };
        let rapport = harnais.jouer(&source, &scenario).await;
        if !rapport.conforme() {
            ecarts.push(texte(&rapport));
        }
        joues.push(integre.nom);
    }
    assert!(ecarts.is_empty(), "{}", ecarts.join("\n"));
    for attendu in ["ia_reins", "ecriture_partielle", "desistement_avant_ia"] {
        assert!(joues.contains(&attendu), "{joues:?}");
    }
}

fn texte(rapport: &RapportConformite) -> String {
    cycle_conformance::rapport::texte(std::slice::from_ref(rapport))
}

/// Wrong: after each request, cancels the valid IAs a D flagged, instead of leaving them to staff
/// (R12).
async fn annule_sur_un_d(
    State(partage): State<Arc<Partage>>,
    requete: Request,
    suite: Next,
) -> Response {
    let reponse = suite.run(requete).await;
    let mut connecteur = partage.connecteur().lock().await;
    let signalees: Vec<Evenement> = connecteur
        .apogee()
        .ias()
        .iter()
        .filter(|ia| ia.annulation_manuelle_requise)
        .map(|ia| Evenement::AnnulationIa {
            candidat: ia.code_candidat,
            vet: ia.vet.clone(),
        })
        .collect();
    for annulation in signalees {
        let _ = connecteur.appliquer(&annulation);
    }
    reponse
}

async fn corps(requete: Request) -> (axum::http::request::Parts, String) {
    let (parties, corps) = requete.into_parts();
    let octets = axum::body::to_bytes(corps, 1 << 20).await.unwrap();
    (parties, String::from_utf8_lossy(&octets).into_owned())
}

/// Wrong: every IA is recorded as paid, so unpaid ones reach the work table (R13).
async fn paye_tout(requete: Request, suite: Next) -> Response {
    if requete.uri().path() != "/etats/ia" {
        return suite.run(requete).await;
    }
    let (parties, texte) = corps(requete).await;
    let texte = texte.replace("\"payee\":false", "\"payee\":true");
    suite
        .run(Request::from_parts(parties, Body::from(texte)))
        .await
}

/// Wrong: reads a D vœu as favourable.
async fn ignore_les_d(requete: Request, suite: Next) -> Response {
    if requete.uri().path() != "/services/OpiMetier" {
        return suite.run(requete).await;
    }
    let (parties, texte) = corps(requete).await;
    let texte = texte.replace("<codDecVeu>D</codDecVeu>", "<codDecVeu>F</codDecVeu>");
    suite
        .run(Request::from_parts(parties, Body::from(texte)))
        .await
}

fn regles_en_ecart(rapports: &[RapportConformite]) -> Vec<Regle> {
    let mut regles: Vec<Regle> = rapports.iter().flat_map(|r| r.regles_en_ecart()).collect();
    regles.sort();
    regles.dedup();
    regles
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connector_cancelling_a_valid_ia_on_a_d_breaks_r12() {
    let partage = partage();
    let connecteur =
        router(partage.clone()).layer(middleware::from_fn_with_state(partage, annule_sur_un_d));
    let paire = paire(connecteur).await;
    let rapports = jouer(&paire, &["desistement_apres_ia_payee"]).await;
    let texte = cycle_conformance::rapport::texte(&rapports);
    assert!(rapports.iter().all(|r| r.erreur.is_none()), "{texte}");
    assert!(regles_en_ecart(&rapports).contains(&Regle::R12), "{texte}");
    assert!(
        texte.contains("remontée état 3 (inscription annulée) du candidat 1048586"),
        "{texte}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connector_reporting_unpaid_ias_breaks_r13() {
    let paire = paire(router(partage()).layer(middleware::from_fn(paye_tout))).await;
    let rapports = jouer(&paire, &["nominal_f"]).await;
    let texte = cycle_conformance::rapport::texte(&rapports);
    assert!(rapports.iter().all(|r| r.erreur.is_none()), "{texte}");
    assert!(regles_en_ecart(&rapports).contains(&Regle::R13), "{texte}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connector_ignoring_a_d_breaks_r11() {
    let paire = paire(router(partage()).layer(middleware::from_fn(ignore_les_d))).await;
    let rapports = jouer(&paire, &["desistement_avant_ia"]).await;
    let texte = cycle_conformance::rapport::texte(&rapports);
    assert!(rapports.iter().all(|r| r.erreur.is_none()), "{texte}");
    assert!(regles_en_ecart(&rapports).contains(&Regle::R11), "{texte}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_connector_is_an_interrupted_run_not_a_pass() {
    let dossier = tempfile::tempdir().unwrap();
    let cibles = Cibles {
        mock: demarrer_mock(dossier.path()).await,
        connecteur: "http://127.0.0.1:9".to_owned(),
        dossier_fichiers: PathBuf::from(dossier.path()),
    };
    let mut harnais = Harnais::new(&cibles, Operateur::Api);
    let (source, scenario) = charger_scenarios(&["nominal_f".to_owned()])
        .unwrap()
        .remove(0);
    let rapport = harnais.jouer(&source, &scenario).await;
    let erreur = rapport.erreur.clone().expect("interrupted");
    assert!(
        erreur.contains("POST http://127.0.0.1:9/etats/reset : injoignable"),
        "{erreur}"
    );
    assert!(!rapport.conforme());
}

fn options(connecteur: &str, scenarios: &[&str], out: Option<PathBuf>) -> ArgumentsConform {
    ArgumentsConform {
        connector: connecteur.to_owned(),
        scenarios: scenarios.iter().map(|s| s.to_string()).collect(),
        format: Format::Json,
        out,
        interactive: false,
        mock: None,
        fichiers: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_subcommand_writes_three_reports_and_exits_by_verdict() {
    let bonne = paire(router(partage())).await;
    let out = tempfile::tempdir().unwrap();
    let mut sortie = Vec::new();
    let arguments = options(
        &bonne.cibles.connecteur,
        &["nominal_f"],
        Some(out.path().to_owned()),
    );
    let code = executer(&arguments, &bonne.cibles.mock, &mut sortie).await;
    let document: Value = serde_json::from_slice(&sortie).unwrap();
    assert_eq!(code, 0, "{document}");
    assert_eq!(document["conforme"], true);
    for fichier in ["rapport.txt", "rapport.json", "rapport-junit.xml"] {
        assert!(out.path().join(fichier).is_file(), "{fichier}");
    }
    let junit = std::fs::read_to_string(out.path().join("rapport-junit.xml")).unwrap();
    assert!(
        junit.contains(r#"<testsuite name="nominal_f" tests="17" failures="0" errors="0""#),
        "{junit}"
    );

    let fautif = paire(router(partage()).layer(middleware::from_fn(paye_tout))).await;
    let mut sortie = Vec::new();
    let arguments = options(&fautif.cibles.connecteur, &["nominal_f"], None);
    assert_eq!(
        executer(&arguments, &fautif.cibles.mock, &mut sortie).await,
        SORTIE_ECART
    );

    let mut sortie = Vec::new();
    let arguments = options(&bonne.cibles.connecteur, &["inexistant"], None);
    assert_eq!(
        executer(&arguments, &bonne.cibles.mock, &mut sortie).await,
        SORTIE_ERREUR
    );
    let message = String::from_utf8(sortie).unwrap();
    assert!(
        message.starts_with("conform : inexistant : ni fichier, ni dossier, ni scénario intégré"),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interactively_each_university_step_is_asked_in_french() {
    let paire = paire(router(partage())).await;
    let (console_harnais, console_operateur) = tokio::io::duplex(1 << 16);
    let (lecture_harnais, ecriture_harnais) = tokio::io::split(console_harnais);
    let operateur = Operateur::Interactif(tokio::sync::Mutex::new(Console::new(
        tokio::io::BufReader::new(lecture_harnais),
        ecriture_harnais,
    )));
    // The operator reads each step and presses Entrée without doing anything in Apogée.
    let (lecture_operateur, mut ecriture_operateur) = tokio::io::split(console_operateur);
    let operateur_humain = tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut lecture = lecture_operateur;
        let mut lu = Vec::new();
        let mut tampon = [0u8; 4096];
        loop {
            match lecture.read(&mut tampon).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    lu.extend_from_slice(&tampon[..n]);
                    if String::from_utf8_lossy(&lu).ends_with("fait… ")
                        && ecriture_operateur.write_all(b"\n").await.is_err()
                    {
                        break;
                    }
                }
            }
        }
        String::from_utf8_lossy(&lu).into_owned()
    });
    let mut harnais =
        Harnais::new(&paire.cibles, operateur).avec_attente(Duration::from_millis(200));
    let (source, scenario) = charger_scenarios(&["nominal_f".to_owned()])
        .unwrap()
        .remove(0);
    let rapport = harnais.jouer(&source, &scenario).await;
    drop(harnais);
    let ecran = operateur_humain.await.unwrap();
    assert!(
        ecran.contains("Préparez la base Apogée de test pour le scénario"),
        "{ecran}"
    );
    assert!(
        ecran.contains("lancez le traitement des remontées"),
        "{ecran}"
    );
    assert!(ecran.contains("IA Primo"), "{ecran}");
    // Nothing was done in Apogée: the remontée Parcoursup expects never came (R13).
    assert!(rapport.erreur.is_none(), "{:?}", rapport.erreur);
    assert!(
        rapport.regles_en_ecart().contains(&Regle::R13),
        "{}",
        texte(&rapport)
    );
}

async fn injecter_pannes(paire: &Paire, pannes: &str) {
    let reponse = reqwest::Client::new()
        .put(format!("{}/__admin/pannes", paire.cibles.mock))
        .header("content-type", "application/json")
        .body(pannes.to_owned())
        .send()
        .await
        .unwrap();
    assert!(reponse.status().is_success(), "{}", reponse.status());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_remontee_parcoursup_never_accepted_is_a_deviation_naming_the_refusal() {
    // nominal_f sends one remontée, on 2024-07-10; the mock answers it NOK on purpose. The
    // reference connector leaves the row in error for staff: Parcoursup never knows the inscription.
    let paire = paire(router(partage())).await;
    injecter_pannes(&paire, r#"{"nok":1}"#).await;
    let rapports = jouer(&paire, &["nominal_f"]).await;
    let texte = cycle_conformance::rapport::texte(&rapports);
    assert!(rapports.iter().all(|r| r.erreur.is_none()), "{texte}");
    assert_eq!(regles_en_ecart(&rapports), [Regle::R14], "{texte}");
    assert!(
        texte.contains(
            "remontée état 1 (inscription principale) du candidat 1048576, formation 23456 : \
             attendu « acceptée par Parcoursup », observé « envoyée mais jamais acceptée : le \
             2024-07-10, panne injectée par le mock (panne injectee : NOK) »"
        ),
        "{texte}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_remontee_sent_again_after_a_cut_connection_conforms() {
    // The connection is cut on the only remontée; the reference connector leaves the row to send
    // and sends it again: the failed attempt is no deviation.
    let paire = paire(router(partage())).await;
    injecter_pannes(&paire, r#"{"coupure":1}"#).await;
    let rapports = jouer(&paire, &["nominal_f"]).await;
    let texte = cycle_conformance::rapport::texte(&rapports);
    assert!(rapports.iter().all(RapportConformite::conforme), "{texte}");
    let verdicts: Vec<Value> = journal_stable(&paire)
        .await
        .into_iter()
        .filter(|m| {
            m["route"]
                .as_str()
                .is_some_and(|r| r.ends_with("majInscriptionAdministrative"))
        })
        .map(|m| m["verdict"].clone())
        .collect();
    assert_eq!(verdicts, ["panne_injectee", "ok"]);
}

/// The flat files' folder of the scenario the mock was last pointed at.
async fn dossier_du_mock(mock: &str) -> PathBuf {
    let texte = reqwest::get(format!("{mock}/__admin/etat"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let etat: Value = serde_json::from_str(&texte).unwrap();
    PathBuf::from(
        etat["connecteur"]["cible"]["dossier_fichiers"]
            .as_str()
            .unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_flat_files_folder_is_temporary_unless_named() {
    let paire = paire(router(partage())).await;
    let mock = &paire.cibles.mock;
    let plats = ["echec_bac_fichiers_plats"];
    let arguments = options(&paire.cibles.connecteur, &plats, None);
    assert_eq!(executer(&arguments, mock, &mut Vec::new()).await, 0);
    let dossier = dossier_du_mock(mock).await;
    let journal = reqwest::get(format!("{mock}/__admin/journal"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The mock wrote its files there during the run…
    assert!(
        journal.contains(&format!("dans {}", dossier.display())),
        "{journal}"
    );
    let temporaire = dossier.parent().unwrap();
    let nom = temporaire.file_name().unwrap().to_string_lossy();
    assert!(nom.starts_with("conformite-fichiers-"), "{nom}");
    // …and the folder is gone.
    assert!(!temporaire.exists(), "{}", temporaire.display());

    // A run that stops half-way removes it too.
    let arguments = options("http://127.0.0.1:9", &["nominal_f"], None);
    assert_eq!(
        executer(&arguments, mock, &mut Vec::new()).await,
        SORTIE_ERREUR
    );
    let interrompu = dossier_du_mock(mock).await;
    assert_ne!(interrompu, dossier);
    assert!(
        !interrompu.parent().unwrap().exists(),
        "{}",
        interrompu.display()
    );

    // A folder the user names is theirs: kept, with the files.
    let garde = tempfile::tempdir().unwrap();
    let mut arguments = options(&paire.cibles.connecteur, &plats, None);
    arguments.fichiers = Some(garde.path().to_owned());
    assert_eq!(executer(&arguments, mock, &mut Vec::new()).await, 0);
    let fichiers = std::fs::read_dir(garde.path().join(plats[0])).unwrap();
    assert!(fichiers.count() > 0);
}
