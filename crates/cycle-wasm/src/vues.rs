//! What the page shows, as plain display-ready data: the scenario and its calendar, the transcript
//! entries with their rule, each side's state, and what IA Primo offers a candidate.
//!
//! The yew page reads these structs directly; the JavaScript API hands the same structs over through
//! serde (camelCase keys, dates as `AAAA-MM-JJ`). Labels are French and come from the core wherever
//! it has one. Lists over candidates take a [`Selection`], so that a 1,000-candidate scenario never
//! builds views the page would not show.
//!
//! Views only read a [`Seance`]; they never change it.

use std::fmt;

use cycle_codec::charge::{self, Format, Piece};
use cycle_core::apogee::{EtatIa, Ia, LigneRemontee, Paiement, StatutLigne};
use cycle_core::calendrier::{date_fr, Jalon};
use cycle_core::parcoursup::{decision_du_jour, Dossier, EtatConnecteur};
use cycle_core::transcript::{Acteur, Autorisation, Canal, Contenu, Entree, Fait, OffreVet};
use cycle_core::{CodeDecision, CodeVet, Opi, Profil, Regle};
use cycle_scenario::integres::INTEGRES;
use cycle_scenario::rendu::{decrire_evenement, libelle_canal};
use serde::{Serialize, Serializer};
use time::Date;

use crate::seance::Seance;

/// A day: `2024-07-09` for programs (serde), `09/07/2024` for people (Display).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Jour(pub Date);

impl Jour {
    /// `2024-07-09`, as HTML date inputs and scenario files write it.
    pub fn iso(&self) -> String {
        let (annee, mois, jour) = self.0.to_calendar_date();
        format!("{annee:04}-{:02}-{jour:02}", u8::from(mois))
    }
}

impl Serialize for Jour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl fmt::Display for Jour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&date_fr(self.0))
    }
}

/// Which candidates a list shows: one, or the first `limite`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub candidat: Option<u32>,
    pub limite: usize,
}

impl Selection {
    pub const TOUT: Selection = Selection {
        candidat: None,
        limite: usize::MAX,
    };

    fn retient(&self, code_candidat: u32) -> bool {
        self.candidat.is_none_or(|c| c == code_candidat)
    }
}

// ---------------------------------------------------------------- scenario and calendar

/// A built-in scenario, as the picker lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueIntegre {
    pub nom: &'static str,
    pub titre: String,
    pub description: String,
    pub regles: Vec<Regle>,
}

/// The built-in scenarios in the order trainers meet them; one that fails to load is left out (a
/// test of `cycle-scenario` keeps them all loading).
pub fn integres() -> Vec<VueIntegre> {
    INTEGRES
        .iter()
        .filter_map(|integre| {
            let scenario = integre.charger().ok()?;
            Some(VueIntegre {
                nom: integre.nom,
                titre: scenario.titre,
                description: scenario.description,
                regles: scenario.regles,
            })
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueScenario {
    pub nom: String,
    pub fichier: String,
    pub titre: String,
    pub description: String,
    pub regles: Vec<Regle>,
    pub candidats: Vec<VueCandidat>,
    pub formations: Vec<VueFormation>,
}

/// A candidate of the scenario, for pickers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueCandidat {
    pub code_candidat: u32,
    pub prenom: String,
    pub nom: String,
}

/// A formation of the university and its VETs, for pickers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueFormation {
    pub code_formation_psup: u32,
    pub libelle: String,
    /// `DL1OUI/1`…
    pub vets: Vec<String>,
}

pub fn scenario(seance: &Seance) -> VueScenario {
    let scenario = seance.scenario();
    let configuration = &scenario.configuration;
    VueScenario {
        nom: scenario.nom.clone(),
        fichier: scenario.fichier.clone(),
        titre: scenario.titre.clone(),
        description: scenario.description.clone(),
        regles: scenario.regles.clone(),
        candidats: configuration
            .candidats
            .iter()
            .map(|c| VueCandidat {
                code_candidat: c.code_candidat,
                prenom: c.prenom.to_string(),
                nom: c.nom.to_string(),
            })
            .collect(),
        formations: configuration
            .universite
            .formations
            .iter()
            .map(|f| VueFormation {
                code_formation_psup: f.code_formation_psup,
                libelle: f.libelle.clone(),
                vets: f.vets().map(|(vet, _)| vet.code().to_string()).collect(),
            })
            .collect(),
    }
}

/// Where the replay stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VuePosition {
    pub jour: Jour,
    pub premier_jour: Jour,
    pub dernier_jour: Jour,
    pub fin_du_scenario: Jour,
    pub evenements_joues: usize,
    pub nombre_evenements: usize,
    pub peut_reculer: bool,
    pub termine: bool,
    pub prochain_evenement: Option<VueEvenement>,
}

pub fn position(seance: &Seance) -> VuePosition {
    let position = seance.position();
    VuePosition {
        jour: Jour(position.jour),
        premier_jour: Jour(seance.premier_jour()),
        dernier_jour: Jour(seance.dernier_jour()),
        fin_du_scenario: Jour(seance.fin_du_scenario()),
        evenements_joues: position.evenements_joues,
        nombre_evenements: seance.scenario().evenements.len(),
        peut_reculer: seance.peut_reculer(),
        termine: seance.termine(),
        prochain_evenement: seance
            .scenario()
            .evenements
            .get(position.evenements_joues)
            .map(|_| evenement(seance, position.evenements_joues)),
    }
}

/// One event of the scenario on the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueEvenement {
    /// From 1, in file order.
    pub numero: usize,
    pub jour: Jour,
    /// The event in one French sentence.
    pub libelle: String,
    pub note: Option<String>,
    pub joue: bool,
    /// Line of the event in the file.
    pub ligne: Option<usize>,
}

fn evenement(seance: &Seance, index: usize) -> VueEvenement {
    let prevu = &seance.scenario().evenements[index];
    VueEvenement {
        numero: prevu.numero,
        jour: Jour(prevu.jour),
        libelle: decrire_evenement(&prevu.evenement, &seance.scenario().configuration),
        note: prevu.note.clone(),
        joue: index < seance.position().evenements_joues,
        ligne: prevu.position.map(|p| p.ligne),
    }
}

/// A milestone of the campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueJalon {
    /// `lendemain_resultats_bac`.
    pub id: &'static str,
    /// « lendemain des résultats du bac ».
    pub libelle: &'static str,
    pub jour: Jour,
    /// Within the days the session can show.
    pub accessible: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueCalendrier {
    pub jalons: Vec<VueJalon>,
    pub evenements: Vec<VueEvenement>,
}

pub fn calendrier(seance: &Seance) -> VueCalendrier {
    let campagne = &seance.scenario().configuration.campagne;
    let jalons = Jalon::TOUS
        .into_iter()
        .map(|jalon| {
            let jour = jalon.date(campagne);
            VueJalon {
                id: jalon.identifiant(),
                libelle: jalon.libelle(),
                jour: Jour(jour),
                accessible: seance.premier_jour() <= jour && jour <= seance.dernier_jour(),
            }
        })
        .collect();
    let evenements = (0..seance.scenario().evenements.len())
        .map(|index| evenement(seance, index))
        .collect();
    VueCalendrier { jalons, evenements }
}

// ---------------------------------------------------------------- transcript

/// One transcript entry with its rule explained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueEntree {
    /// Index in the transcript; [`pieces`] takes it.
    pub index: usize,
    pub jour: Jour,
    pub regle: Regle,
    /// The rule in one French sentence.
    pub resume_regle: &'static str,
    /// The sentence of the fiche pratique the rule comes from.
    pub citation: &'static str,
    /// Why this entry happened.
    pub explication: String,
    pub candidat: Option<u32>,
    pub fait: VueFait,
}

/// A message on the wire, or a change of state on one side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "nature", rename_all = "snake_case")]
pub enum VueFait {
    #[serde(rename_all = "camelCase")]
    Message {
        de: Acteur,
        vers: Acteur,
        /// « webservice OPI », « API REST »…
        canal: &'static str,
        /// `opi`, `remontee`… as in scenario expectations.
        #[serde(rename = "type")]
        nom: &'static str,
        /// What it carries, in a few French words.
        resume: String,
        /// Whether [`pieces`] gives an exact payload (every message but a candidate's screen).
        a_charge: bool,
    },
    Etat {
        cote: Acteur,
        /// `ia_creee`, `annulation_manuelle_requise`… as in scenario expectations.
        #[serde(rename = "type")]
        nom: &'static str,
    },
}

impl VueFait {
    pub fn est_message(&self) -> bool {
        matches!(self, VueFait::Message { .. })
    }
}

pub fn entree(index: usize, entree: &Entree) -> VueEntree {
    let fait = match &entree.fait {
        Fait::Message {
            de,
            vers,
            canal,
            contenu,
        } => VueFait::Message {
            de: *de,
            vers: *vers,
            canal: libelle_canal(*canal),
            nom: contenu.nom(),
            resume: resume_contenu(contenu),
            a_charge: *canal != Canal::IaPrimo
                && !matches!(contenu, Contenu::DemandeIaPrimo { .. }),
        },
        Fait::Etat { cote, changement } => VueFait::Etat {
            cote: *cote,
            nom: changement.nom(),
        },
    };
    VueEntree {
        index,
        jour: Jour(entree.jour),
        regle: entree.regle,
        resume_regle: entree.regle.resume(),
        citation: entree.regle.citation(),
        explication: entree.explication.clone(),
        candidat: entree.code_candidat(),
        fait,
    }
}

fn resume_contenu(contenu: &Contenu) -> String {
    match contenu {
        Contenu::Opi(opi) => format!("OPI de {} {} : {}", opi.prenom, opi.nom, resume_voeux(opi)),
        Contenu::FichiersOpi(fichiers) => format!(
            "Fichiers OPI du jour : {} OPI, {} vœu(x) défavorable(s)",
            fichiers.opi.len(),
            fichiers.voeux_defavorables.len()
        ),
        Contenu::TestConnecteur(_) => {
            "Tester connecteur (candidat fictif Bernard Minet)".to_owned()
        }
        Contenu::Remontee(r) => format!(
            "Remontée de l'IA de {} {} : état {} ({})",
            r.prenom,
            r.nom,
            r.etat_inscription.code(),
            r.etat_inscription.libelle()
        ),
        Contenu::Reponse(retour) if retour.ok => "Réponse OK".to_owned(),
        Contenu::Reponse(retour) => format!("Réponse NOK : {}", retour.message),
        Contenu::DemandeIaPrimo { vet, .. } => format!("Demande d'inscription en ligne sur {vet}"),
    }
}

fn resume_voeux(opi: &Opi) -> String {
    if opi.voeux.is_empty() {
        return "aucun vœu".to_owned();
    }
    opi.voeux
        .iter()
        .map(|v| format!("vœu {} {}", v.code_vet(), lettre(v.decision)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lettre(decision: CodeDecision) -> &'static str {
    match decision {
        CodeDecision::F => "F",
        CodeDecision::S => "S",
        CodeDecision::D => "D",
    }
}

/// What the last move produced.
pub fn entrees_du_pas(seance: &Seance) -> Vec<VueEntree> {
    pas(seance, usize::MAX).entrees
}

/// The last move in short: its first entries, how many there are, and every rule that fired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VuePas {
    /// At most the `limite` first entries.
    pub entrees: Vec<VueEntree>,
    pub nombre: usize,
    /// Each rule once, in order R1…R17.
    pub regles: Vec<Regle>,
}

/// The last move, with at most `limite` entries built: a jump over a results day of a big scenario
/// produces thousands, and the page shows a few.
pub fn pas(seance: &Seance, limite: usize) -> VuePas {
    let debut = seance.debut_du_pas();
    let du_pas = seance.entrees_du_pas();
    let mut regles: Vec<Regle> = du_pas.iter().map(|e| e.regle).collect();
    regles.sort();
    regles.dedup();
    VuePas {
        entrees: du_pas
            .iter()
            .take(limite)
            .enumerate()
            .map(|(i, e)| entree(debut + i, e))
            .collect(),
        nombre: du_pas.len(),
        regles,
    }
}

/// Which entries a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FiltreEntrees {
    pub messages_seulement: bool,
    /// Only that candidate's entries, with the answers to his messages.
    pub candidat: Option<u32>,
    /// At most this many, the latest.
    pub limite: usize,
}

/// The latest entries matching `filtre`, in order, and how many match in all.
pub fn entrees(seance: &Seance, filtre: FiltreEntrees) -> (Vec<VueEntree>, usize) {
    let transcript = seance.transcript();
    let mut retenues: Vec<usize> = Vec::new();
    for (index, e) in transcript.iter().enumerate() {
        if filtre.messages_seulement && !matches!(e.fait, Fait::Message { .. }) {
            continue;
        }
        let retenue = match filtre.candidat {
            None => true,
            Some(code) => match e.code_candidat() {
                Some(c) => c == code,
                // An answer belongs to the message it answers.
                None if est_reponse(e) => retenues.last() == Some(&(index.wrapping_sub(1))),
                None => concerne_fichiers(e, code),
            },
        };
        if retenue {
            retenues.push(index);
        }
    }
    let total = retenues.len();
    let vues = retenues[total.saturating_sub(filtre.limite)..]
        .iter()
        .map(|&i| entree(i, &transcript[i]))
        .collect();
    (vues, total)
}

fn est_reponse(e: &Entree) -> bool {
    matches!(
        e.fait,
        Fait::Message {
            contenu: Contenu::Reponse(_),
            ..
        }
    )
}

fn concerne_fichiers(e: &Entree, code_candidat: u32) -> bool {
    match &e.fait {
        Fait::Message {
            contenu: Contenu::FichiersOpi(fichiers),
            ..
        } => fichiers
            .opi
            .iter()
            .any(|o| o.code_candidat == code_candidat),
        _ => false,
    }
}

/// One document of a message's payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VuePiece {
    pub titre: String,
    /// `json`, `xml` or `csv`.
    pub format: &'static str,
    pub texte: String,
}

/// The exact payload of the transcript entry `index` (empty for a state change or a candidate's
/// screen), or why it cannot be written.
pub fn pieces(seance: &Seance, index: usize) -> Result<Vec<VuePiece>, String> {
    let entree = seance.transcript().get(index).ok_or_else(|| {
        format!(
            "entrée {index} inexistante : le déroulement en compte {}",
            seance.transcript().len()
        )
    })?;
    let configuration = &seance.scenario().configuration;
    let pieces = charge::pieces(
        entree,
        &configuration.universite,
        configuration.campagne.annee,
    )
    .map_err(|erreur| format!("charge de l'entrée {index} impossible à écrire : {erreur}"))?;
    Ok(pieces.into_iter().map(vue_piece).collect())
}

fn vue_piece(piece: Piece) -> VuePiece {
    VuePiece {
        titre: piece.titre,
        format: match piece.format {
            Format::Json => "json",
            Format::Xml => "xml",
            Format::Csv => "csv",
        },
        texte: piece.texte,
    }
}

// ---------------------------------------------------------------- Parcoursup

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueParcoursup {
    pub connecteur: VueConnecteur,
    /// Candidates whose OPI waits to leave (held back by R6, or for tonight's files).
    pub opi_en_attente: usize,
    pub candidats: Vec<VueDossierParcoursup>,
    /// How many candidates in all (the list may show fewer).
    pub nombre_candidats: usize,
}

/// The connector as Parcoursup sees it (R6), and why it is not valid yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueConnecteur {
    /// `valide`, `non_teste` or `en_echec`.
    pub etat: &'static str,
    /// « validé le 30/05/2024 », « jamais testé avec succès »…
    pub libelle: String,
    pub raison: Option<String>,
    /// Whether staff have set up the remontée webservice in Apogée.
    pub webservice_parametre: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueDossierParcoursup {
    pub code_candidat: u32,
    pub prenom: String,
    pub nom: String,
    /// « néo-bachelier (échec au bac) », « réorientation ».
    pub profil: String,
    pub voeux: Vec<VueVoeuParcoursup>,
    /// Whether the university acknowledged an OPI of this candidate.
    pub opi_acquittee: bool,
    pub inscriptions: Vec<VueInscriptionConnue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueVoeuParcoursup {
    pub code_formation_psup: u32,
    pub libelle_formation: String,
    /// « Oui », « Oui Si en 3 ans »…
    pub reponse: &'static str,
    pub accepte_le: Jour,
    pub desiste: bool,
    /// The decision Parcoursup puts on the vœu today, and the rule that sets it.
    pub decision: CodeDecision,
    pub regle_decision: Regle,
}

/// What a remontée told Parcoursup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueInscriptionConnue {
    pub code_formation_psup: u32,
    pub etat_inscription: u8,
    pub libelle: &'static str,
    pub recue_le: Jour,
}

pub fn parcoursup(seance: &Seance, selection: Selection) -> VueParcoursup {
    let simulation = seance.simulation();
    let parcoursup = simulation.parcoursup();
    let connecteur = match parcoursup.connecteur() {
        EtatConnecteur::Valide { depuis } => ("valide", format!("validé le {}", date_fr(*depuis))),
        EtatConnecteur::NonTeste => ("non_teste", "jamais testé avec succès".to_owned()),
        EtatConnecteur::EnEchec { le, .. } => ("en_echec", format!("en échec le {}", date_fr(*le))),
    };
    VueParcoursup {
        connecteur: VueConnecteur {
            etat: connecteur.0,
            libelle: connecteur.1,
            raison: parcoursup.connecteur().raison_invalidite(),
            webservice_parametre: simulation.apogee().webservice_parametre(),
        },
        opi_en_attente: parcoursup.opi_en_attente().count(),
        candidats: parcoursup
            .dossiers()
            .filter(|d| selection.retient(d.candidat.code_candidat))
            .take(selection.limite)
            .map(|d| dossier_parcoursup(seance, d))
            .collect(),
        nombre_candidats: seance.scenario().configuration.candidats.len(),
    }
}

fn dossier_parcoursup(seance: &Seance, dossier: &Dossier) -> VueDossierParcoursup {
    let configuration = &seance.scenario().configuration;
    let candidat = &dossier.candidat;
    let profil = match &candidat.profil {
        Profil::NeoBachelier { resultat_bac } => {
            format!("néo-bachelier ({})", resultat_bac.libelle())
        }
        Profil::Reorientation => "réorientation".to_owned(),
    };
    VueDossierParcoursup {
        code_candidat: candidat.code_candidat,
        prenom: candidat.prenom.to_string(),
        nom: candidat.nom.to_string(),
        profil,
        voeux: dossier
            .voeux
            .iter()
            .map(|voeu| {
                let (decision, regle_decision) = decision_du_jour(
                    candidat,
                    voeu.reponse,
                    voeu.desiste,
                    &configuration.campagne,
                    seance.jour(),
                );
                VueVoeuParcoursup {
                    code_formation_psup: voeu.code_formation_psup,
                    libelle_formation: libelle_formation(seance, voeu.code_formation_psup),
                    reponse: voeu.reponse.libelle(),
                    accepte_le: Jour(voeu.accepte_le),
                    desiste: voeu.desiste,
                    decision,
                    regle_decision,
                }
            })
            .collect(),
        opi_acquittee: dossier.opi_acquittee.is_some(),
        inscriptions: dossier
            .inscriptions
            .iter()
            .map(|i| VueInscriptionConnue {
                code_formation_psup: i.code_formation_psup,
                etat_inscription: i.etat_inscription.code(),
                libelle: i.etat_inscription.libelle(),
                recue_le: Jour(i.recue_le),
            })
            .collect(),
    }
}

fn libelle_formation(seance: &Seance, code_formation_psup: u32) -> String {
    seance
        .scenario()
        .configuration
        .universite
        .formation(code_formation_psup)
        .map_or_else(
            || format!("formation {code_formation_psup}"),
            |f| f.libelle.clone(),
        )
}

// ---------------------------------------------------------------- Apogée

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueApogee {
    pub dossiers: Vec<VueDossierOpi>,
    pub nombre_dossiers: usize,
    pub laissez_passer: Vec<VueLaissezPasser>,
    pub ias: Vec<VueIa>,
    pub nombre_ias: usize,
    /// The remontée work table (R13).
    pub table_remontee: Vec<VueLigneRemontee>,
    pub nombre_lignes: usize,
    /// The last remontée batch (R14).
    pub dernier_traitement: Option<VueTraitement>,
}

/// An OPI record (`IND_OPI` + `VOEUX_INS`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueDossierOpi {
    pub cod_opi: String,
    pub code_candidat: u32,
    pub prenom: String,
    pub nom: String,
    pub voeux: Vec<VueVoeuOpi>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueVoeuOpi {
    pub vet: String,
    pub libelle_formation: String,
    pub decision: CodeDecision,
    /// « 3A — motif » for a vœu S.
    pub oui_si: Option<String>,
    pub rang: u16,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueLaissezPasser {
    pub code_candidat: u32,
    pub vet: String,
    pub cree_le: Jour,
}

/// An IA (`INS_ADM_ETP`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueIa {
    pub code_candidat: u32,
    pub vet: String,
    /// « IA Primo », « IA Réins », « IA gestionnaire ».
    pub canal: &'static str,
    /// `ETA_IAE`: E, A, R or C.
    pub etat: &'static str,
    pub etat_libelle: &'static str,
    /// `ETA_PMT_IAE`: P or A.
    pub paiement: &'static str,
    pub paiement_libelle: &'static str,
    /// A D arrived while the IA was valid (R12).
    pub annulation_manuelle_requise: bool,
    pub categorie_oui_si: Option<String>,
    pub motif_oui_si: Option<String>,
    pub cursus_amenage: Option<String>,
    pub etat_inscription: u8,
    pub etat_inscription_libelle: &'static str,
    pub creee_le: Jour,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueLigneRemontee {
    pub numero: u32,
    pub code_candidat: u32,
    pub vet: String,
    pub etat_inscription: u8,
    pub etat_inscription_libelle: &'static str,
    pub ecrite_le: Jour,
    /// `a_envoyer`, `envoyee` or `en_erreur`.
    pub statut: &'static str,
    /// « à envoyer », « envoyée le 10/07/2024 », « en erreur le … : raison ».
    pub statut_libelle: String,
    pub reorientation: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueTraitement {
    pub jour: Jour,
    pub envoyees: usize,
    pub acceptees: usize,
    pub refusees: usize,
}

pub fn apogee(seance: &Seance, selection: Selection) -> VueApogee {
    let apogee = seance.simulation().apogee();
    let dossiers: Vec<&Opi> = apogee
        .dossiers_opi()
        .iter()
        .filter(|o| selection.retient(o.code_candidat))
        .collect();
    let ias: Vec<&Ia> = apogee
        .ias()
        .iter()
        .filter(|ia| selection.retient(ia.code_candidat))
        .collect();
    let lignes: Vec<&LigneRemontee> = apogee
        .table_remontee()
        .iter()
        .filter(|l| selection.retient(l.remontee.code_candidat))
        .collect();
    VueApogee {
        nombre_dossiers: dossiers.len(),
        dossiers: dossiers
            .iter()
            .take(selection.limite)
            .map(|opi| dossier_opi(seance, opi))
            .collect(),
        laissez_passer: apogee
            .laissez_passer()
            .filter(|lp| selection.retient(lp.code_candidat))
            .take(selection.limite)
            .map(|lp| VueLaissezPasser {
                code_candidat: lp.code_candidat,
                vet: lp.vet.to_string(),
                cree_le: Jour(lp.cree_le),
            })
            .collect(),
        nombre_ias: ias.len(),
        ias: ias
            .iter()
            .take(selection.limite)
            .map(|ia| vue_ia(ia))
            .collect(),
        nombre_lignes: lignes.len(),
        table_remontee: lignes
            .iter()
            .rev()
            .take(selection.limite)
            .rev()
            .map(|l| ligne_remontee(l))
            .collect(),
        dernier_traitement: seance
            .simulation()
            .dernier_traitement()
            .map(|b| VueTraitement {
                jour: Jour(b.jour),
                envoyees: b.envoyees,
                acceptees: b.acceptees,
                refusees: b.refusees,
            }),
    }
}

fn dossier_opi(seance: &Seance, opi: &Opi) -> VueDossierOpi {
    VueDossierOpi {
        cod_opi: opi.cod_opi.to_string(),
        code_candidat: opi.code_candidat,
        prenom: opi.prenom.to_string(),
        nom: opi.nom.to_string(),
        voeux: opi
            .voeux
            .iter()
            .map(|v| VueVoeuOpi {
                vet: v.code_vet().to_string(),
                libelle_formation: libelle_formation(seance, v.code_formation_psup),
                decision: v.decision,
                oui_si: v
                    .oui_si
                    .as_ref()
                    .map(|o| format!("{} — {}", o.categorie, o.motif)),
                rang: v.rang,
            })
            .collect(),
    }
}

fn vue_ia(ia: &Ia) -> VueIa {
    let (etat, etat_libelle) = match ia.etat {
        EtatIa::EnCours => ("E", "en cours (valide)"),
        EtatIa::Annulee => ("A", "annulée"),
        EtatIa::Resiliee => ("R", "résiliée"),
        EtatIa::EnCreation => ("C", "en cours de création"),
    };
    let (paiement, paiement_libelle) = match ia.paiement {
        Paiement::Payee => ("P", "payée"),
        Paiement::EnAttente => ("A", "en attente de paiement"),
    };
    VueIa {
        code_candidat: ia.code_candidat,
        vet: ia.vet.to_string(),
        canal: ia.canal.libelle(),
        etat,
        etat_libelle,
        paiement,
        paiement_libelle,
        annulation_manuelle_requise: ia.annulation_manuelle_requise,
        categorie_oui_si: ia.categorie_oui_si.clone(),
        motif_oui_si: ia.motif_oui_si.clone(),
        cursus_amenage: ia.cursus_amenage.clone(),
        etat_inscription: ia.etat_inscription.code(),
        etat_inscription_libelle: ia.etat_inscription.libelle(),
        creee_le: Jour(ia.creee_le),
    }
}

fn ligne_remontee(ligne: &LigneRemontee) -> VueLigneRemontee {
    let (statut, statut_libelle) = match &ligne.statut {
        StatutLigne::AEnvoyer => ("a_envoyer", "à envoyer au prochain traitement".to_owned()),
        StatutLigne::Envoyee { le } => ("envoyee", format!("envoyée le {}", date_fr(*le))),
        StatutLigne::EnErreur { le, raison } => (
            "en_erreur",
            format!("en erreur le {} : {raison}", date_fr(*le)),
        ),
    };
    let etat = ligne.remontee.etat_inscription;
    VueLigneRemontee {
        numero: ligne.numero,
        code_candidat: ligne.remontee.code_candidat,
        vet: ligne.vet.to_string(),
        etat_inscription: etat.code(),
        etat_inscription_libelle: etat.libelle(),
        ecrite_le: Jour(ligne.ecrite_le),
        statut,
        statut_libelle,
        reorientation: ligne.reorientation,
    }
}

// ---------------------------------------------------------------- IA Primo

/// « Ce que voit le candidat » in IA Primo today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueIaPrimo {
    pub code_candidat: u32,
    pub prenom: String,
    pub nom: String,
    /// The login: the OPI code (with the birth date), when Apogée has an OPI.
    pub cod_opi: Option<String>,
    pub offres: Vec<VueOffre>,
}

/// One VET as IA Primo shows it, or refuses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueOffre {
    pub vet: String,
    pub libelle_formation: String,
    pub proposee: bool,
    /// Why it is offered (« vœu favorable (F) »…) or the refusal's motif (« décision OPI
    /// défavorable »…).
    pub raison: &'static str,
    pub regle: Regle,
}

pub fn ia_primo(seance: &Seance, code_candidat: u32) -> VueIaPrimo {
    let configuration = &seance.scenario().configuration;
    let candidat = configuration
        .candidats
        .iter()
        .find(|c| c.code_candidat == code_candidat);
    VueIaPrimo {
        code_candidat,
        prenom: candidat.map_or_else(String::new, |c| c.prenom.to_string()),
        nom: candidat.map_or_else(String::new, |c| c.nom.to_string()),
        cod_opi: seance
            .simulation()
            .apogee()
            .dossier_opi(code_candidat)
            .map(|o| o.cod_opi.to_string()),
        offres: seance
            .simulation()
            .offre_ia_primo(code_candidat)
            .into_iter()
            .map(vue_offre)
            .collect(),
    }
}

fn vue_offre(offre: OffreVet) -> VueOffre {
    let (proposee, raison, regle) = match offre.verdict {
        Ok(autorisation) => (
            true,
            libelle_autorisation(autorisation),
            autorisation.regle(),
        ),
        Err(motif) => (false, motif.libelle(), motif.regle()),
    };
    VueOffre {
        vet: offre.vet.to_string(),
        libelle_formation: offre.libelle_formation,
        proposee,
        raison,
        regle,
    }
}

fn libelle_autorisation(autorisation: Autorisation) -> &'static str {
    match autorisation {
        Autorisation::Favorable => "vœu favorable (F)",
        Autorisation::OuiSi => {
            "vœu Oui Si (S) : catégorie, motif et cursus aménagé remplis d'office"
        }
        Autorisation::LaissezPasser => "laissez-passer",
    }
}

/// Whether the candidate may register online on a VET today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VueEligibilite {
    pub code_candidat: u32,
    pub vet: String,
    pub autorisee: bool,
    pub raison: &'static str,
    pub regle: Regle,
}

pub fn eligibilite(seance: &Seance, code_candidat: u32, vet: &CodeVet) -> VueEligibilite {
    let offre = OffreVet {
        vet: vet.clone(),
        libelle_formation: String::new(),
        verdict: seance.simulation().eligibilite_ia_primo(code_candidat, vet),
    };
    let vue = vue_offre(offre);
    VueEligibilite {
        code_candidat,
        vet: vue.vet,
        autorisee: vue.proposee,
        raison: vue.raison,
        regle: vue.regle,
    }
}

/// The VET written `DL1OUI/1`, or `DL1OUI` when the university has a single version of that étape
/// (the core reads it).
pub fn vet_de_la_universite(seance: &Seance, texte: &str) -> Result<CodeVet, String> {
    seance
        .scenario()
        .configuration
        .universite
        .vet_ecrite(texte)
        .map_err(|erreur| format!("vet « {} » : {erreur}", texte.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cycle_core::calendrier::Jalon;

    fn seance(nom: &str) -> Seance {
        Seance::integre(nom).expect("intégré")
    }

    fn jouer_jusqu_a_la_fin(seance: &mut Seance) {
        while seance.avancer().is_ok() {}
        assert!(seance.termine());
    }

    #[test]
    fn every_built_in_is_listed_with_its_french_title() {
        let liste = integres();
        assert_eq!(liste.len(), INTEGRES.len());
        let echec = liste
            .iter()
            .find(|s| s.nom == "echec_bac_webservice")
            .expect("listé");
        assert!(echec.titre.contains("bac"), "{}", echec.titre);
        assert!(echec.regles.contains(&Regle::R8));
    }

    #[test]
    fn after_a_failed_bac_apogee_holds_a_d_vœu_and_ia_primo_refuses_it() {
        let mut seance = seance("echec_bac_webservice");
        seance
            .aller_au_jalon(Jalon::LendemainResultatsBac)
            .expect("jalon");
        let code = seance.scenario().configuration.candidats[0].code_candidat;
        let apogee = apogee(&seance, Selection::TOUT);
        assert_eq!(apogee.dossiers[0].voeux[0].decision, CodeDecision::D);
        let offre = &ia_primo(&seance, code).offres[0];
        assert!(!offre.proposee);
        assert_eq!(offre.raison, "décision OPI défavorable");
        assert_eq!(offre.regle, Regle::R11);
        let voeu = &parcoursup(&seance, Selection::TOUT).candidats[0].voeux[0];
        assert_eq!(
            (voeu.decision, voeu.regle_decision),
            (CodeDecision::D, Regle::R8)
        );
    }

    #[test]
    fn a_d_after_a_paid_ia_keeps_it_with_the_manual_cancellation_flag() {
        let mut seance = seance("desistement_apres_ia_payee");
        jouer_jusqu_a_la_fin(&mut seance);
        let ias = apogee(&seance, Selection::TOUT).ias;
        assert_eq!(ias.len(), 1);
        let ia = &ias[0];
        assert_eq!((ia.etat, ia.paiement), ("E", "P"));
        assert!(ia.annulation_manuelle_requise);
    }

    #[test]
    fn the_step_s_entries_carry_rule_summary_and_fiche_sentence() {
        let mut seance = seance("echec_bac_webservice");
        seance.aller_au_jalon(Jalon::ResultatsBac).expect("jalon");
        seance
            .aller_au_jalon(Jalon::LendemainResultatsBac)
            .expect("jalon");
        let pas = entrees_du_pas(&seance);
        let r8 = pas
            .iter()
            .find(|e| e.regle == Regle::R8)
            .expect("R8 ce matin");
        assert_eq!(r8.resume_regle, Regle::R8.resume());
        assert!(r8.citation.contains("Dès le lendemain de la publication"));
        let opi = pas
            .iter()
            .find(|e| matches!(e.fait, VueFait::Message { nom: "opi", .. }))
            .expect("l'OPI D part ce matin");
        let VueFait::Message {
            resume, a_charge, ..
        } = &opi.fait
        else {
            unreachable!()
        };
        assert!(resume.ends_with("vœu DL1OUI/1 D"), "{resume}");
        assert!(a_charge);
        let pieces = pieces(&seance, opi.index).expect("charge");
        assert_eq!(pieces[0].format, "xml");
        assert!(
            pieces[0].texte.contains("<codDecVeu>D</codDecVeu>"),
            "{}",
            pieces[0].texte
        );
    }

    #[test]
    fn a_missing_entry_has_no_payload_and_says_how_many_there_are() {
        let seance = seance("nominal_f");
        let erreur = pieces(&seance, 10_000).unwrap_err();
        assert!(erreur.starts_with("entrée 10000 inexistante : le déroulement en compte "));
    }

    #[test]
    fn the_candidate_filter_keeps_his_messages_and_their_answers() {
        let mut seance = seance("desistement_puis_autre_formation");
        jouer_jusqu_a_la_fin(&mut seance);
        let code = seance.scenario().configuration.candidats[0].code_candidat;
        let filtre = FiltreEntrees {
            messages_seulement: true,
            candidat: Some(code),
            limite: usize::MAX,
        };
        let (messages, total) = entrees(&seance, filtre);
        assert_eq!(messages.len(), total);
        assert!(!messages.is_empty());
        for (i, m) in messages.iter().enumerate() {
            match m.candidat {
                Some(c) => assert_eq!(c, code),
                None => assert_eq!(messages[i - 1].index + 1, m.index, "réponse isolée"),
            }
        }
        let (derniers, total_sans_limite) = entrees(
            &seance,
            FiltreEntrees {
                limite: 2,
                ..filtre
            },
        );
        assert_eq!(total_sans_limite, total);
        assert_eq!(derniers, messages[total - 2..]);
    }

    #[test]
    fn dates_serialise_as_iso_days_and_display_the_french_way() {
        let jour = Jour(time::macros::date!(2024 - 07 - 09));
        assert_eq!(jour.to_string(), "09/07/2024");
        let mut sortie = String::new();
        serde::Serialize::serialize(&jour, toml::ser::ValueSerializer::new(&mut sortie))
            .expect("sérialisé");
        assert_eq!(sortie, "\"2024-07-09\"");
    }

    #[test]
    fn vets_are_found_with_or_without_their_version() {
        let seance = seance("nominal_f");
        assert_eq!(
            vet_de_la_universite(&seance, "DL1OUI")
                .expect("connue")
                .to_string(),
            "DL1OUI/1"
        );
        assert_eq!(
            vet_de_la_universite(&seance, "DL1OUI/1")
                .expect("connue")
                .to_string(),
            "DL1OUI/1"
        );
        let erreur = vet_de_la_universite(&seance, "XX1").unwrap_err();
        assert!(
            erreur.starts_with("vet « XX1 » : inconnue de l'université (VET : DL1OUI/1, "),
            "{erreur}"
        );
        let erreur = vet_de_la_universite(&seance, "DL1OUI/x").unwrap_err();
        assert_eq!(
            erreur,
            "vet « DL1OUI/x » : la version « x » n'est pas un nombre (écrire DL1OUI ou DL1OUI/1)"
        );
    }
}
