//! Plays one scenario against the pair under test, in step with the core's `Simulation`: every
//! Parcoursup-side event and clock move goes to the mock's admin API, every university-side event to
//! the connector's control API (or, interactively, to an operator), and the same event goes to the
//! simulation, which says what must happen. After each step the harness compares what IA Primo
//! offers; at the end it compares the remontées Parcoursup received, the OPI deliveries the connector
//! acknowledged, the connector status and Apogée's IAs and OPI records.
//!
//! Days are moved in this order, the order of `Simulation`: the connector closes its day (its
//! nightly batch reaches Parcoursup while Parcoursup is still on that day), then the mock's clock
//! moves (flat files written, start-of-day OPI delivered), then, in flat-file mode, the connector
//! imports the files.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use cycle_core::referentiel::ModeOpi;
use cycle_core::transcript::{CanalIa, OffreVet};
use cycle_core::{Entree, Evenement, Regle, Simulation};
use cycle_scenario::Scenario;
use serde_json::{json, Value};
use time::Date;

use crate::client::Api;
use crate::comparaison::{
    comparer_apogee, comparer_connecteur, comparer_livraisons, comparer_offres, comparer_remontees,
    Ecart,
};
use crate::interactif::Operateur;
use crate::observation::{
    lire_connecteur_mock, lire_journal_mock, EtatApogeeObserve, OffreIaPrimo,
};
use crate::rapport::RapportConformite;

/// Where a scenario comes from, to load the very same one in the mock and the connector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceScenario {
    Integre(String),
    Fichier { nom: String, texte: String },
}

impl SourceScenario {
    /// The body of `POST /etats/reset`'s `scenario`, and of the mock's `/__admin/scenario`.
    fn en_json(&self) -> Value {
        match self {
            SourceScenario::Integre(nom) => json!({ "builtin": nom }),
            SourceScenario::Fichier { texte, .. } => json!(texte),
        }
    }
}

/// The pair under test.
#[derive(Clone, Debug)]
pub struct Cibles {
    /// The mock Parcoursup (`http://127.0.0.1:PORT`).
    pub mock: String,
    /// The connector under test.
    pub connecteur: String,
    /// The folder the mock writes flat files to and the connector imports from.
    pub dossier_fichiers: PathBuf,
}

/// Plays scenarios against one pair.
pub struct Harnais {
    mock: Api,
    connecteur: Api,
    dossier_fichiers: PathBuf,
    /// This scenario's folder inside `dossier_fichiers`, emptied before it starts: files left by
    /// another scenario (same UAI, same days) must not be imported.
    dossier_scenario: PathBuf,
    operateur: Operateur,
    /// How long to wait for the pair to settle (asynchronous OPI delivery) before a deviation is
    /// kept.
    attente: Duration,
}

/// The longest wait for the mock's OPI deliveries to end after a step.
const LIVRAISON_MAX: Duration = Duration::from_secs(10);

/// A run that cannot go on; becomes the report's `erreur`.
type Interruption = String;

impl Harnais {
    pub fn new(cibles: &Cibles, operateur: Operateur) -> Harnais {
        let client = Api::client_http();
        Harnais {
            mock: Api::new(client.clone(), &cibles.mock),
            connecteur: Api::new(client, &cibles.connecteur),
            dossier_fichiers: cibles.dossier_fichiers.clone(),
            dossier_scenario: cibles.dossier_fichiers.clone(),
            operateur,
            attente: Duration::from_millis(1500),
        }
    }

    /// Shortens the settling wait (tests against in-process servers).
    pub fn avec_attente(mut self, attente: Duration) -> Harnais {
        self.attente = attente;
        self
    }

    /// Plays `scenario` (loaded from `source`) and reports rule by rule.
    pub async fn jouer(
        &mut self,
        source: &SourceScenario,
        scenario: &Scenario,
    ) -> RapportConformite {
        let mut partie = Partie {
            rapport: RapportConformite {
                scenario: scenario.nom.clone(),
                titre: scenario.titre.clone(),
                regles_exercees: Vec::new(),
                ecarts: Vec::new(),
                erreur: None,
                verifications: 0,
            },
            transcript: Vec::new(),
            deja_vus: BTreeSet::new(),
        };
        if let Err(interruption) = self.derouler(source, scenario, &mut partie).await {
            partie.rapport.erreur = Some(interruption);
        }
        let regles: BTreeSet<Regle> = partie.transcript.iter().map(|e| e.regle).collect();
        partie.rapport.regles_exercees = regles.into_iter().collect();
        partie.rapport
    }

    async fn derouler(
        &mut self,
        source: &SourceScenario,
        scenario: &Scenario,
        partie: &mut Partie,
    ) -> Result<(), Interruption> {
        let configuration = scenario.configuration.clone();
        let (mut simulation, entrees) =
            Simulation::nouvelle(configuration.clone()).map_err(|e| {
                format!(
                    "scénario {} : configuration refusée par le cœur ({e})",
                    scenario.nom
                )
            })?;
        partie.transcript.extend(entrees);
        self.preparer(source, scenario).await?;
        let candidats: Vec<u32> = configuration
            .candidats
            .iter()
            .map(|c| c.code_candidat)
            .collect();
        self.verifier_offres(&simulation, &candidats, partie)
            .await?;
        for prevu in &scenario.evenements {
            if prevu.jour > simulation.jour() {
                self.avancer(&mut simulation, prevu.jour, scenario, partie)
                    .await?;
            }
            self.appliquer(&mut simulation, &prevu.evenement, scenario, partie)
                .await
                .map_err(|e| {
                    format!(
                        "événement n° {} ({}) : {e}",
                        prevu.numero,
                        prevu.evenement.libelle()
                    )
                })?;
            self.verifier_offres(&simulation, &candidats, partie)
                .await?;
        }
        if scenario.fin > simulation.jour() {
            self.avancer(&mut simulation, scenario.fin, scenario, partie)
                .await?;
            self.verifier_offres(&simulation, &candidats, partie)
                .await?;
        }
        self.verifier_fin(&simulation, partie).await
    }

    /// Loads the scenario in the mock and the connector, and points the mock at the connector.
    async fn preparer(
        &mut self,
        source: &SourceScenario,
        scenario: &Scenario,
    ) -> Result<(), Interruption> {
        self.dossier_scenario = self.dossier_fichiers.join(&scenario.nom);
        let _ = std::fs::remove_dir_all(&self.dossier_scenario);
        std::fs::create_dir_all(&self.dossier_scenario).map_err(|e| {
            format!(
                "{} : création impossible ({e})",
                self.dossier_scenario.display()
            )
        })?;
        match source {
            SourceScenario::Integre(_) => {
                self.mock
                    .post("/__admin/scenario", &source.en_json())
                    .await?;
            }
            SourceScenario::Fichier { texte, .. } => {
                self.mock
                    .envoyer_corps(
                        "POST",
                        "/__admin/scenario",
                        "application/toml",
                        texte.clone(),
                    )
                    .await?;
            }
        }
        let universite = &scenario.configuration.universite;
        self.mock
            .put(
                "/__admin/connecteur",
                &json!({
                    "url": self.connecteur.base(),
                    "mode": universite.mode_opi,
                    "dossier_fichiers": self.dossier_scenario,
                    "identifiants": universite.identifiants_parcoursup,
                    // The mock reads each OPI back through the control API, as the core's
                    // Parcoursup does after every write; a real Apogée offers no such call.
                    "relecture_opi": self.operateur.par_api(),
                }),
            )
            .await?;
        if self.operateur.par_api() {
            self.connecteur
                .post(
                    "/etats/reset",
                    &json!({ "scenario": source.en_json(), "url_parcoursup": self.mock.base() }),
                )
                .await?;
        } else {
            self.operateur
                .demander(&format!(
                    "Préparez la base Apogée de test pour le scénario « {} » (université {}, {} formation(s)) \
                     et faites pointer son webservice de remontées vers {}.",
                    scenario.titre,
                    universite.uai,
                    universite.formations.len(),
                    self.mock.base()
                ))
                .await?;
        }
        Ok(())
    }

    async fn avancer(
        &mut self,
        simulation: &mut Simulation,
        cible: Date,
        scenario: &Scenario,
        partie: &mut Partie,
    ) -> Result<(), Interruption> {
        let jour = json!(cible.to_string());
        if self.operateur.par_api() {
            self.connecteur
                .post("/etats/date", &json!({ "date": jour }))
                .await?;
        } else if scenario
            .configuration
            .reglages
            .traitement_quotidien_automatique
        {
            self.operateur
                .demander(&format!(
                    "Fin de journée du {} : lancez le traitement des remontées vers Parcoursup.",
                    simulation.jour()
                ))
                .await?;
        }
        self.mock
            .post("/__admin/horloge", &json!({ "date": jour }))
            .await?;
        self.attendre_livraisons().await?;
        if scenario.configuration.universite.mode_opi == ModeOpi::FichiersPlats {
            if self.operateur.par_api() {
                self.connecteur
                    .post(
                        "/etats/import-fichiers",
                        &json!({ "dossier": self.dossier_scenario }),
                    )
                    .await?;
            } else {
                self.operateur
                    .demander(&format!(
                        "Importez dans Apogée les fichiers OPI du dossier {}.",
                        self.dossier_scenario.display()
                    ))
                    .await?;
            }
        }
        let entrees = simulation
            .avancer_jusqu_au(cible)
            .map_err(|e| format!("le cœur refuse d'avancer au {cible} : {e}"))?;
        partie.transcript.extend(entrees);
        Ok(())
    }

    async fn appliquer(
        &mut self,
        simulation: &mut Simulation,
        evenement: &Evenement,
        scenario: &Scenario,
        partie: &mut Partie,
    ) -> Result<(), Interruption> {
        let attendu = simulation
            .traiter(evenement)
            .map_err(|e| format!("refusé par le cœur, le scénario est faux : {e}"))?;
        let premiere_regle = attendu
            .iter()
            .find(|e| {
                matches!(
                    e.fait,
                    cycle_core::Fait::Etat {
                        cote: cycle_core::transcript::Acteur::Apogee,
                        ..
                    }
                )
            })
            .map(|e| e.regle);
        partie.transcript.extend(attendu);
        let Some((chemin, corps)) = appel_universite(evenement, self.mock.base()) else {
            // Parcoursup's side.
            self.mock
                .post(
                    "/__admin/evenements",
                    &serde_json::to_value(evenement).unwrap_or_default(),
                )
                .await?;
            return self.attendre_livraisons().await;
        };
        if !self.operateur.par_api() {
            let description =
                cycle_scenario::rendu::decrire_evenement(evenement, &scenario.configuration);
            return self
                .operateur
                .demander(&format!("Le {} : {description}", simulation.jour()))
                .await;
        }
        let reponse = match corps {
            Some(corps) => self.connecteur.post(&chemin, &corps).await,
            None => self.connecteur.get(&chemin).await,
        };
        // A successful connector test releases the OPI held back (R6).
        self.attendre_livraisons().await?;
        if let Err(refus) = reponse {
            // The core accepted this action: a connector that refuses it deviates.
            partie.noter(
                vec![Ecart {
                    regle: premiere_regle.unwrap_or(Regle::R17),
                    jour: Some(simulation.jour()),
                    sujet: format!("action « {} »", evenement.libelle()),
                    attendu: "acceptée par le connecteur".to_owned(),
                    observe: refus,
                }],
                simulation.jour(),
            );
        }
        Ok(())
    }

    /// Waits until the mock has no OPI on its way to the connector (`opi_en_cours_de_livraison` of
    /// `GET /__admin/etat`), so that the next step sees them delivered as the simulation does. A
    /// connector that keeps refusing them is not waited for longer than [`LIVRAISON_MAX`]: the
    /// deliveries it refused are reported at the end.
    async fn attendre_livraisons(&self) -> Result<(), Interruption> {
        let debut = tokio::time::Instant::now();
        loop {
            let etat = self.mock.get("/__admin/etat").await?;
            let en_cours = etat
                .get("opi_en_cours_de_livraison")
                .and_then(Value::as_array)
                .is_some_and(|l| !l.is_empty());
            if !en_cours || debut.elapsed() >= LIVRAISON_MAX {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// What IA Primo offers each candidate, against the core. Waits a little for an OPI still on
    /// its way before keeping a deviation, unless the same deviation was already seen.
    async fn verifier_offres(
        &self,
        simulation: &Simulation,
        candidats: &[u32],
        partie: &mut Partie,
    ) -> Result<(), Interruption> {
        if !self.operateur.par_api() {
            return Ok(());
        }
        for &candidat in candidats {
            let attendues = simulation.offre_ia_primo(candidat);
            let debut = tokio::time::Instant::now();
            let ecarts = loop {
                let observees = self.offres(candidat).await?;
                let ecarts = comparer_offres(candidat, &attendues, &observees);
                let connus = ecarts.iter().all(|e| partie.deja_vus.contains(&cle(e)));
                if ecarts.is_empty() || connus || debut.elapsed() >= self.attente {
                    break ecarts;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            };
            partie.rapport.verifications += 1;
            partie.noter(ecarts, simulation.jour());
        }
        Ok(())
    }

    async fn offres(&self, candidat: u32) -> Result<Vec<OffreVet>, Interruption> {
        let valeur = self
            .connecteur
            .get(&format!("/etats/ia-primo/{candidat}"))
            .await?;
        serde_json::from_value::<OffreIaPrimo>(valeur)
            .map(|o| o.offres)
            .map_err(|e| format!("GET /etats/ia-primo/{candidat} : réponse illisible ({e})"))
    }

    async fn verifier_fin(
        &self,
        simulation: &Simulation,
        partie: &mut Partie,
    ) -> Result<(), Interruption> {
        let jour = simulation.jour();
        let journal = lire_journal_mock(&self.mock.get("/__admin/journal").await?);
        let mut ecarts =
            comparer_remontees(&partie.transcript, simulation.apogee(), &journal.remontees);
        ecarts.extend(comparer_livraisons(&journal));
        let etat_mock = self.mock.get("/__admin/etat").await?;
        ecarts.extend(comparer_connecteur(
            simulation.parcoursup().connecteur(),
            lire_connecteur_mock(&etat_mock).as_deref(),
        ));
        partie.rapport.verifications += 3;
        if self.operateur.par_api() {
            let valeur = self.connecteur.get("/etats/apogee").await?;
            let observe: EtatApogeeObserve = serde_json::from_value(valeur)
                .map_err(|e| format!("GET /etats/apogee : réponse illisible ({e})"))?;
            ecarts.extend(comparer_apogee(
                simulation.apogee(),
                &partie.transcript,
                &observe,
            ));
            partie.rapport.verifications += 1;
        }
        partie.noter(ecarts, jour);
        Ok(())
    }
}

/// A run in progress: the report, the core's transcript so far, and the deviations already kept.
struct Partie {
    rapport: RapportConformite,
    transcript: Vec<Entree>,
    deja_vus: BTreeSet<(Regle, String, String, String)>,
}

fn cle(ecart: &Ecart) -> (Regle, String, String, String) {
    (
        ecart.regle,
        ecart.sujet.clone(),
        ecart.attendu.clone(),
        ecart.observe.clone(),
    )
}

impl Partie {
    /// Keeps each deviation once, dated the first day it was seen.
    fn noter(&mut self, ecarts: Vec<Ecart>, jour: Date) {
        for mut ecart in ecarts {
            if self.deja_vus.insert(cle(&ecart)) {
                ecart.jour = ecart.jour.or(Some(jour));
                self.rapport.ecarts.push(ecart);
            }
        }
    }
}

/// The control API call that performs a university-side event: path, and body (`None`: a GET).
/// `None` for Parcoursup's events.
fn appel_universite(evenement: &Evenement, mock: &str) -> Option<(String, Option<Value>)> {
    let ia = |canal: CanalIa,
              candidat: u32,
              vet: &cycle_core::CodeVet,
              payee: bool,
              etat: Option<cycle_core::EtatInscription>| {
        let mut corps =
            json!({ "canal": canal, "candidat": candidat, "vet": vet.to_string(), "payee": payee });
        if let Some(etat) = etat {
            corps["etat_inscription"] = json!(etat);
        }
        ("/etats/ia".to_owned(), Some(corps))
    };
    let candidat_vet = |chemin: &str, candidat: &u32, vet: &cycle_core::CodeVet| {
        (
            chemin.to_owned(),
            Some(json!({ "candidat": candidat, "vet": vet.to_string() })),
        )
    };
    Some(match evenement {
        Evenement::Acceptation { .. }
        | Evenement::Desistement { .. }
        | Evenement::RenvoiOpi { .. } => return None,
        Evenement::ParametrageWebservice { identifiants } => (
            "/etats/parametrage".to_owned(),
            Some(
                json!({ "url_parcoursup": mock, "login": identifiants.login, "pwd": identifiants.pwd }),
            ),
        ),
        Evenement::TestConnecteur => ("/etats/test-connecteur".to_owned(), Some(json!({}))),
        Evenement::ConsultationIaPrimo { candidat } => {
            (format!("/etats/ia-primo/{candidat}"), None)
        }
        Evenement::IaPrimo {
            candidat,
            vet,
            payee,
        } => ia(CanalIa::IaPrimo, *candidat, vet, *payee, None),
        Evenement::IaReins {
            candidat,
            vet,
            payee,
        } => ia(CanalIa::IaReins, *candidat, vet, *payee, None),
        Evenement::IaGestionnaire {
            candidat,
            vet,
            payee,
            etat_inscription,
        } => ia(
            CanalIa::Gestionnaire,
            *candidat,
            vet,
            *payee,
            *etat_inscription,
        ),
        Evenement::Paiement { candidat, vet } => candidat_vet("/etats/paiement", candidat, vet),
        Evenement::AnnulationIa { candidat, vet } => {
            candidat_vet("/etats/annulation", candidat, vet)
        }
        Evenement::ResiliationIa { candidat, vet } => {
            candidat_vet("/etats/resiliation", candidat, vet)
        }
        Evenement::LaissezPasser { candidat, vet } => {
            candidat_vet("/etats/laissez-passer", candidat, vet)
        }
        Evenement::TraitementRemontees => {
            ("/etats/traitement-remontees".to_owned(), Some(json!({})))
        }
        Evenement::PanneEcritureVoeux { candidat } => (
            "/etats/panne-ecriture-voeux".to_owned(),
            Some(json!({ "candidat": candidat })),
        ),
    })
}
