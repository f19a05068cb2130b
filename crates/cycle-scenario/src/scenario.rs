//! A scenario ready to run: a core [`Configuration`], dated core [`Evenement`]s, and expectations in
//! terms of core types. Everything here has been checked: running it needs no more validation
//! than the core's own.

use cycle_core::apogee::{EtatIa, Paiement};
use cycle_core::calendrier::date_fr;
use cycle_core::transcript::{Autorisation, Canal, MotifRefus};
use cycle_core::{CodeDecision, CodeVet, Configuration, EtatInscription, Evenement, Regle};
use serde::Serialize;
use time::Date;

use crate::erreur::Position;
use crate::fichier::EtatConnecteurAttendu;
use crate::lecture::FichierOpi;

/// A loaded scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The file's name without extension: `echec_bac_webservice`.
    pub nom: String,
    /// The file name as given to [`crate::charger`].
    pub fichier: String,
    pub titre: String,
    pub description: String,
    /// The rules it demonstrates, as declared.
    pub regles: Vec<Regle>,
    pub configuration: Configuration,
    /// In date order.
    pub evenements: Vec<EvenementPrevu>,
    /// The simulation stops on the morning of this day, every day before it closed.
    pub fin: Date,
    pub attendus: Vec<Attendu>,
}

/// One `[[evenements]]` entry.
#[derive(Clone, Debug)]
pub struct EvenementPrevu {
    /// From 1, in file order.
    pub numero: usize,
    pub position: Option<Position>,
    pub jour: Date,
    pub evenement: Evenement,
    pub note: Option<String>,
}

/// One `[[attendus]]` entry.
#[derive(Clone, Debug, Serialize)]
pub struct Attendu {
    /// From 1, in file order.
    pub numero: usize,
    pub position: Option<Position>,
    pub pourquoi: Option<String>,
    pub verification: Verification,
}

/// What an expectation checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "nature", rename_all = "snake_case")]
pub enum Verification {
    /// Entries of the transcript matching the filter: at least one, or exactly `nombre`.
    Transcript {
        filtre: FiltreEntree,
        nombre: Option<usize>,
    },
    /// The candidate's latest IA on the VET (or none).
    Ia {
        candidat: u32,
        vet: CodeVet,
        etat: Option<EtatIa>,
        paiement: Option<Paiement>,
        annulation_manuelle_requise: Option<bool>,
        categorie_oui_si: Option<String>,
        cursus_amenage: Option<String>,
        absente: bool,
    },
    /// IA Primo's verdict on the last day.
    IaPrimo {
        candidat: u32,
        vet: CodeVet,
        verdict: Result<Autorisation, MotifRefus>,
    },
    /// The candidate's OPI records in Apogée.
    DossiersOpi {
        candidat: u32,
        nombre: Option<usize>,
        nombre_voeux: Option<usize>,
        voeu: Option<(CodeVet, Option<CodeDecision>)>,
    },
    /// What Parcoursup learnt from remontées.
    InscriptionParcoursup {
        candidat: u32,
        formation: Option<u32>,
        etat_inscription: Option<EtatInscription>,
        absente: bool,
    },
    /// The connector as Parcoursup sees it.
    Connecteur(EtatConnecteurAttendu),
}

/// A filter on transcript entries: every field given must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FiltreEntree {
    pub regle: Option<Regle>,
    /// `Changement::nom()` or `Contenu::nom()`.
    #[serde(rename = "type")]
    pub nature: Option<String>,
    pub candidat: Option<u32>,
    pub canal: Option<Canal>,
    /// Both days included.
    pub jours: Option<(Date, Date)>,
    pub vet: Option<CodeVet>,
    pub decision: Option<CodeDecision>,
    pub motif: Option<MotifRefus>,
    pub etat_inscription: Option<EtatInscription>,
    pub fichier: Option<FichierOpi>,
}

impl FiltreEntree {
    /// The filter in French, for reports: `règle R8, type « opi », candidat 1048576, le 09/07/2024`.
    pub fn description(&self) -> String {
        let mut parties = Vec::new();
        if let Some(regle) = self.regle {
            parties.push(format!("règle {regle}"));
        }
        if let Some(nature) = &self.nature {
            parties.push(format!("type « {nature} »"));
        }
        if let Some(candidat) = self.candidat {
            parties.push(format!("candidat {candidat}"));
        }
        if let Some(canal) = self.canal {
            parties.push(format!("canal {}", crate::rendu::libelle_canal(canal)));
        }
        match self.jours {
            Some((du, au)) if du == au => parties.push(format!("le {}", date_fr(du))),
            Some((du, au)) if du == Date::MIN => parties.push(format!("jusqu'au {}", date_fr(au))),
            Some((du, au)) if au == Date::MAX => {
                parties.push(format!("à partir du {}", date_fr(du)))
            }
            Some((du, au)) => parties.push(format!("du {} au {}", date_fr(du), date_fr(au))),
            None => {}
        }
        if let Some(vet) = &self.vet {
            parties.push(format!("VET {vet}"));
        }
        if let Some(decision) = self.decision {
            parties.push(format!("décision {}", decision.libelle()));
        }
        if let Some(motif) = self.motif {
            parties.push(format!("motif « {} »", motif.libelle()));
        }
        if let Some(etat) = self.etat_inscription {
            parties.push(format!(
                "état d'inscription {} ({})",
                etat.code(),
                etat.libelle()
            ));
        }
        match self.fichier {
            Some(FichierOpi::Habituel) => parties.push("dans le fichier OPI habituel".to_owned()),
            Some(FichierOpi::VoeuxDefavorables) => {
                parties.push("dans le fichier des vœux défavorables".to_owned())
            }
            None => {}
        }
        if parties.is_empty() {
            "n'importe quelle entrée".to_owned()
        } else {
            parties.join(", ")
        }
    }
}

impl Verification {
    /// What is checked, in French, for reports.
    pub fn description(&self) -> String {
        match self {
            Verification::Transcript { filtre, nombre } => match nombre {
                None => format!("au moins une entrée : {}", filtre.description()),
                Some(0) => format!("aucune entrée : {}", filtre.description()),
                Some(n) => format!("exactement {n} entrée(s) : {}", filtre.description()),
            },
            Verification::Ia {
                candidat,
                vet,
                etat,
                paiement,
                annulation_manuelle_requise,
                categorie_oui_si,
                cursus_amenage,
                absente,
            } => {
                if *absente {
                    return format!("à la fin, aucune IA du candidat {candidat} sur {vet}");
                }
                let mut parties = Vec::new();
                if let Some(etat) = etat {
                    parties.push(crate::verification::libelle_etat_ia(*etat).to_owned());
                }
                if let Some(paiement) = paiement {
                    parties.push(crate::verification::libelle_paiement(*paiement).to_owned());
                }
                match annulation_manuelle_requise {
                    Some(true) => parties.push("annulation manuelle requise".to_owned()),
                    Some(false) => parties.push("sans annulation manuelle requise".to_owned()),
                    None => {}
                }
                if let Some(categorie) = categorie_oui_si {
                    parties.push(format!("catégorie Oui Si {categorie}"));
                }
                if let Some(cursus) = cursus_amenage {
                    parties.push(format!("cursus aménagé {cursus}"));
                }
                format!(
                    "à la fin, l'IA du candidat {candidat} sur {vet} est {}",
                    parties.join(", ")
                )
            }
            Verification::IaPrimo {
                candidat,
                vet,
                verdict,
            } => format!(
                "à la fin, IA Primo pour le candidat {candidat} sur {vet} : {}",
                crate::verification::libelle_verdict(*verdict)
            ),
            Verification::DossiersOpi {
                candidat,
                nombre,
                nombre_voeux,
                voeu,
            } => {
                let mut parties = Vec::new();
                if let Some(n) = nombre {
                    parties.push(format!("{n} dossier(s) OPI"));
                }
                if let Some(n) = nombre_voeux {
                    parties.push(format!("{n} vœu(x) enregistré(s)"));
                }
                match voeu {
                    Some((vet, Some(decision))) => {
                        parties.push(format!("un vœu {vet} {}", decision.libelle()))
                    }
                    Some((vet, None)) => parties.push(format!("un vœu sur {vet}")),
                    None => {}
                }
                format!(
                    "à la fin, Apogée a pour le candidat {candidat} : {}",
                    parties.join(", ")
                )
            }
            Verification::InscriptionParcoursup {
                candidat,
                formation,
                etat_inscription,
                absente,
            } => {
                let ou = formation.map_or(String::new(), |f| format!(" sur la formation {f}"));
                match (absente, etat_inscription) {
                    (true, _) => format!(
                        "à la fin, Parcoursup n'a reçu aucune remontée du candidat {candidat}{ou}"
                    ),
                    (false, Some(etat)) => format!(
                        "à la fin, Parcoursup connaît le candidat {candidat}{ou} en état {} ({})",
                        etat.code(),
                        etat.libelle()
                    ),
                    (false, None) => format!(
                        "à la fin, Parcoursup a reçu une remontée du candidat {candidat}{ou}"
                    ),
                }
            }
            Verification::Connecteur(etat) => format!(
                "à la fin, connecteur {}",
                crate::verification::libelle_connecteur(*etat)
            ),
        }
    }
}
