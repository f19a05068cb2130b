//! The transcript: every message that crosses the wire and every state change, each with the rule that
//! caused it and a one-line French explanation.
//!
//! The core appends entries; the shells show them (web), print them (CLI), snapshot them (tests) or
//! compare them with what a real connector did (server). Entries are plain data: they never point back
//! into the simulation.

use serde::{Deserialize, Serialize};
use smol_str::SmolStr;
use time::Date;

use crate::candidat::ResultatBac;
use crate::message::{CodeDecision, EtatInscription, FichiersOpi, Opi, Remontee, Retour};
use crate::referentiel::{CodeVet, Reponse};
use crate::regle::Regle;

/// Who acts or holds state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Acteur {
    Candidat,
    Parcoursup,
    Apogee,
}

impl Acteur {
    pub fn libelle(self) -> &'static str {
        match self {
            Acteur::Candidat => "Candidat",
            Acteur::Parcoursup => "Parcoursup",
            Acteur::Apogee => "Apogée",
        }
    }
}

/// The channel a message travels on; it decides its wire shape (`domain.md` §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Canal {
    /// Apogée's SOAP `OpiMetier.mettreajourDonneesOpi_v10` (§3.3).
    WebserviceOpi,
    /// Parcoursup's JSON `admissionCandidat` push (§3.2).
    PushJson,
    /// The day's OPI flat files (§3.4).
    FichiersPlats,
    /// Parcoursup's REST `ApiRest/majInscriptionAdministrative` (§3.1).
    ApiRest,
    /// The candidate's screens in IA Primo (not a wire message: shown in the sequence diagram only).
    IaPrimo,
}

/// What a message carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contenu {
    Opi(Opi),
    FichiersOpi(FichiersOpi),
    TestConnecteur(Remontee),
    Remontee(Remontee),
    /// The answer to the previous message of the same exchange.
    Reponse(Retour),
    /// A candidate's request to register online on a VET.
    DemandeIaPrimo {
        code_candidat: u32,
        vet: CodeVet,
    },
}

/// How a vœu leaves IA Primo's list, or why an IA Primo request is refused (R17 and its neighbours).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MotifRefus {
    /// No OPI: the candidate cannot even log in (R1, R6).
    AucuneOpi,
    /// No vœu names this VET and no laissez-passer opens it (R2).
    VetNonProposee,
    /// The vœu is D and no laissez-passer exists (R11, R17).
    DecisionDefavorable,
    /// A paid IA on this VET exists this year (R17).
    DejaInscrit,
    /// An unpaid IA on this VET exists (R17).
    EnAttenteDePaiement,
    /// The VET is not open for online first registration on that day (R17).
    VetFermee,
}

impl MotifRefus {
    pub fn libelle(self) -> &'static str {
        match self {
            MotifRefus::AucuneOpi => "aucune donnée OPI : connexion à IA Primo impossible",
            MotifRefus::VetNonProposee => "VET non proposée : aucun vœu ni laissez-passer",
            MotifRefus::DecisionDefavorable => "décision OPI défavorable",
            MotifRefus::DejaInscrit => "déjà inscrit",
            MotifRefus::EnAttenteDePaiement => "en attente de paiement",
            MotifRefus::VetFermee => "VET fermée à l'inscription en ligne à cette date",
        }
    }

    /// The rule the refusal applies.
    pub fn regle(self) -> Regle {
        match self {
            MotifRefus::AucuneOpi => Regle::R1,
            MotifRefus::VetNonProposee => Regle::R2,
            MotifRefus::DecisionDefavorable => Regle::R11,
            MotifRefus::DejaInscrit | MotifRefus::EnAttenteDePaiement | MotifRefus::VetFermee => {
                Regle::R17
            }
        }
    }
}

/// Through which Apogée service the IA was entered (R13).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CanalIa {
    IaPrimo,
    IaReins,
    Gestionnaire,
}

impl CanalIa {
    pub fn libelle(self) -> &'static str {
        match self {
            CanalIa::IaPrimo => "IA Primo",
            CanalIa::IaReins => "IA Réins",
            CanalIa::Gestionnaire => "IA gestionnaire",
        }
    }
}

/// Why a VET is open to a candidate in IA Primo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Autorisation {
    /// Vœu F (R2).
    Favorable,
    /// Vœu S (R3).
    OuiSi,
    /// Laissez-passer (R4).
    LaissezPasser,
}

impl Autorisation {
    pub fn regle(self) -> Regle {
        match self {
            Autorisation::Favorable => Regle::R2,
            Autorisation::OuiSi => Regle::R3,
            Autorisation::LaissezPasser => Regle::R4,
        }
    }
}

/// One VET as the candidate sees it in IA Primo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffreVet {
    pub vet: CodeVet,
    pub libelle_formation: String,
    /// `Ok` when offered, with why; `Err` with the refusal's motif.
    pub verdict: Result<Autorisation, MotifRefus>,
}

/// A state change on one side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Changement {
    // ---- Parcoursup ----
    CandidatureAcceptee {
        code_candidat: u32,
        code_formation_psup: u32,
        reponse: Reponse,
        vet: CodeVet,
    },
    Desistement {
        code_candidat: u32,
        code_formation_psup: u32,
    },
    ResultatBacPublie {
        code_candidat: u32,
        resultat: ResultatBac,
    },
    DecisionVoeu {
        code_candidat: u32,
        code_formation_psup: u32,
        decision: CodeDecision,
    },
    OpiRetenue {
        code_candidat: u32,
    },
    ConnecteurValide,
    ConnecteurEnEchec {
        raison: String,
    },
    RemonteeEnregistree {
        code_candidat: u32,
        code_formation_psup: u32,
        etat_inscription: EtatInscription,
    },
    RemonteeRejetee {
        code_candidat: u32,
        raison: String,
    },
    EcriturePartielleDetectee {
        code_candidat: u32,
    },
    // ---- Apogée ----
    WebserviceRemonteesParametre,
    OpiEnregistree {
        code_candidat: u32,
        cod_opi: SmolStr,
        creation: bool,
        voeux: Vec<(CodeVet, CodeDecision)>,
    },
    VoeuxNonEcrits {
        code_candidat: u32,
        cod_opi: SmolStr,
    },
    InscriptionWebFermee {
        code_candidat: u32,
        vet: CodeVet,
    },
    LaissezPasserCree {
        code_candidat: u32,
        vet: CodeVet,
    },
    LaissezPasserConserve {
        code_candidat: u32,
        vet: CodeVet,
    },
    OffreIaPrimo {
        code_candidat: u32,
        offres: Vec<OffreVet>,
    },
    IaRefusee {
        code_candidat: u32,
        vet: CodeVet,
        canal: CanalIa,
        motif: MotifRefus,
    },
    IaCreee {
        code_candidat: u32,
        vet: CodeVet,
        canal: CanalIa,
        autorisation: Option<Autorisation>,
        categorie_oui_si: Option<String>,
        motif_oui_si: Option<String>,
        cursus_amenage: Option<String>,
    },
    IaPayee {
        code_candidat: u32,
        vet: CodeVet,
    },
    IaAnnulee {
        code_candidat: u32,
        vet: CodeVet,
        etait_payee: bool,
    },
    IaResiliee {
        code_candidat: u32,
        vet: CodeVet,
    },
    AnnulationManuelleRequise {
        code_candidat: u32,
        vet: CodeVet,
    },
    LigneRemonteeEcrite {
        code_candidat: u32,
        vet: CodeVet,
        etat_inscription: EtatInscription,
    },
    IaNonRemontee {
        code_candidat: u32,
        vet: CodeVet,
    },
    LigneRemonteeAcquittee {
        code_candidat: u32,
        etat_inscription: EtatInscription,
    },
    LigneRemonteeEnErreur {
        code_candidat: u32,
        raison: String,
    },
}

/// What happened: a message, or a state change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fait {
    Message {
        de: Acteur,
        vers: Acteur,
        canal: Canal,
        contenu: Contenu,
    },
    Etat {
        cote: Acteur,
        changement: Changement,
    },
}

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entree {
    pub jour: Date,
    pub regle: Regle,
    /// Why it happened, in one French sentence.
    pub explication: String,
    #[serde(flatten)]
    pub fait: Fait,
}

impl Entree {
    /// The candidate the entry is about, if any.
    pub fn code_candidat(&self) -> Option<u32> {
        match &self.fait {
            Fait::Message { contenu, .. } => match contenu {
                Contenu::Opi(opi) => Some(opi.code_candidat),
                Contenu::TestConnecteur(r) | Contenu::Remontee(r) => Some(r.code_candidat),
                Contenu::DemandeIaPrimo { code_candidat, .. } => Some(*code_candidat),
                Contenu::FichiersOpi(_) | Contenu::Reponse(_) => None,
            },
            Fait::Etat { changement, .. } => changement.code_candidat(),
        }
    }
}

impl Changement {
    /// Every name [`Changement::nom`] can return, in declaration order.
    pub const NOMS: [&'static str; 27] = [
        "candidature_acceptee",
        "desistement",
        "resultat_bac_publie",
        "decision_voeu",
        "opi_retenue",
        "connecteur_valide",
        "connecteur_en_echec",
        "remontee_enregistree",
        "remontee_rejetee",
        "ecriture_partielle_detectee",
        "webservice_remontees_parametre",
        "opi_enregistree",
        "voeux_non_ecrits",
        "inscription_web_fermee",
        "laissez_passer_cree",
        "laissez_passer_conserve",
        "offre_ia_primo",
        "ia_refusee",
        "ia_creee",
        "ia_payee",
        "ia_annulee",
        "ia_resiliee",
        "annulation_manuelle_requise",
        "ligne_remontee_ecrite",
        "ia_non_remontee",
        "ligne_remontee_acquittee",
        "ligne_remontee_en_erreur",
    ];

    /// The snake_case name of the variant, as written in scenario expectations.
    pub fn nom(&self) -> &'static str {
        match self {
            Changement::CandidatureAcceptee { .. } => "candidature_acceptee",
            Changement::Desistement { .. } => "desistement",
            Changement::ResultatBacPublie { .. } => "resultat_bac_publie",
            Changement::DecisionVoeu { .. } => "decision_voeu",
            Changement::OpiRetenue { .. } => "opi_retenue",
            Changement::ConnecteurValide => "connecteur_valide",
            Changement::ConnecteurEnEchec { .. } => "connecteur_en_echec",
            Changement::RemonteeEnregistree { .. } => "remontee_enregistree",
            Changement::RemonteeRejetee { .. } => "remontee_rejetee",
            Changement::EcriturePartielleDetectee { .. } => "ecriture_partielle_detectee",
            Changement::WebserviceRemonteesParametre => "webservice_remontees_parametre",
            Changement::OpiEnregistree { .. } => "opi_enregistree",
            Changement::VoeuxNonEcrits { .. } => "voeux_non_ecrits",
            Changement::InscriptionWebFermee { .. } => "inscription_web_fermee",
            Changement::LaissezPasserCree { .. } => "laissez_passer_cree",
            Changement::LaissezPasserConserve { .. } => "laissez_passer_conserve",
            Changement::OffreIaPrimo { .. } => "offre_ia_primo",
            Changement::IaRefusee { .. } => "ia_refusee",
            Changement::IaCreee { .. } => "ia_creee",
            Changement::IaPayee { .. } => "ia_payee",
            Changement::IaAnnulee { .. } => "ia_annulee",
            Changement::IaResiliee { .. } => "ia_resiliee",
            Changement::AnnulationManuelleRequise { .. } => "annulation_manuelle_requise",
            Changement::LigneRemonteeEcrite { .. } => "ligne_remontee_ecrite",
            Changement::IaNonRemontee { .. } => "ia_non_remontee",
            Changement::LigneRemonteeAcquittee { .. } => "ligne_remontee_acquittee",
            Changement::LigneRemonteeEnErreur { .. } => "ligne_remontee_en_erreur",
        }
    }

    pub fn code_candidat(&self) -> Option<u32> {
        match self {
            Changement::CandidatureAcceptee { code_candidat, .. }
            | Changement::Desistement { code_candidat, .. }
            | Changement::ResultatBacPublie { code_candidat, .. }
            | Changement::DecisionVoeu { code_candidat, .. }
            | Changement::OpiRetenue { code_candidat }
            | Changement::RemonteeEnregistree { code_candidat, .. }
            | Changement::RemonteeRejetee { code_candidat, .. }
            | Changement::EcriturePartielleDetectee { code_candidat }
            | Changement::OpiEnregistree { code_candidat, .. }
            | Changement::VoeuxNonEcrits { code_candidat, .. }
            | Changement::InscriptionWebFermee { code_candidat, .. }
            | Changement::LaissezPasserCree { code_candidat, .. }
            | Changement::LaissezPasserConserve { code_candidat, .. }
            | Changement::OffreIaPrimo { code_candidat, .. }
            | Changement::IaRefusee { code_candidat, .. }
            | Changement::IaCreee { code_candidat, .. }
            | Changement::IaPayee { code_candidat, .. }
            | Changement::IaAnnulee { code_candidat, .. }
            | Changement::IaResiliee { code_candidat, .. }
            | Changement::AnnulationManuelleRequise { code_candidat, .. }
            | Changement::LigneRemonteeEcrite { code_candidat, .. }
            | Changement::IaNonRemontee { code_candidat, .. }
            | Changement::LigneRemonteeAcquittee { code_candidat, .. }
            | Changement::LigneRemonteeEnErreur { code_candidat, .. } => Some(*code_candidat),
            Changement::ConnecteurValide
            | Changement::ConnecteurEnEchec { .. }
            | Changement::WebserviceRemonteesParametre => None,
        }
    }
}

impl Contenu {
    /// Every name [`Contenu::nom`] can return, in declaration order.
    pub const NOMS: [&'static str; 6] = [
        "opi",
        "fichiers_opi",
        "test_connecteur",
        "remontee",
        "reponse",
        "demande_ia_primo",
    ];

    /// The snake_case name of the variant, as written in scenario expectations.
    pub fn nom(&self) -> &'static str {
        match self {
            Contenu::Opi(_) => "opi",
            Contenu::FichiersOpi(_) => "fichiers_opi",
            Contenu::TestConnecteur(_) => "test_connecteur",
            Contenu::Remontee(_) => "remontee",
            Contenu::Reponse(_) => "reponse",
            Contenu::DemandeIaPrimo { .. } => "demande_ia_primo",
        }
    }
}

/// Appends entries dated with the current simulated day. Shells that drive one side alone (the mock
/// server drives Parcoursup, the reference connector drives Apogée) pass one to each call.
pub struct Journal<'a> {
    pub jour: Date,
    entrees: &'a mut Vec<Entree>,
}

impl<'a> Journal<'a> {
    pub fn new(jour: Date, entrees: &'a mut Vec<Entree>) -> Journal<'a> {
        Journal { jour, entrees }
    }

    pub fn etat(
        &mut self,
        cote: Acteur,
        regle: Regle,
        changement: Changement,
        explication: impl Into<String>,
    ) {
        self.entrees.push(Entree {
            jour: self.jour,
            regle,
            explication: explication.into(),
            fait: Fait::Etat { cote, changement },
        });
    }

    pub fn message(
        &mut self,
        (de, vers): (Acteur, Acteur),
        canal: Canal,
        regle: Regle,
        contenu: Contenu,
        explication: impl Into<String>,
    ) {
        self.entrees.push(Entree {
            jour: self.jour,
            regle,
            explication: explication.into(),
            fait: Fait::Message {
                de,
                vers,
                canal,
                contenu,
            },
        });
    }
}
