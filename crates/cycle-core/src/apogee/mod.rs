//! Apogée's side: the OPI it stores (R1, R16), what IA Primo offers (R2–R4, R11, R17), the IAs and their
//! states (R12, R13), the laissez-passer (R4) and the remontée work table with its daily batch (R13–R15).
//!
//! It never touches Parcoursup's state: OPI arrive through [`Apogee::recevoir_opi`], and remontées leave
//! through [`Apogee::prendre_lot_remontees`] for whoever drives it to carry.

mod eligibilite;
mod ia;
mod opi;
mod remontees;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use time::Date;

pub use ia::{EtatIa, Ia, Paiement};
pub use remontees::{LigneAEnvoyer, LigneRemontee, LotRemontees, StatutLigne};

use crate::calendrier::Campagne;
use crate::message::Opi;
use crate::referentiel::{CodeVet, Identifiants, Universite};
use crate::reglages::Reglages;
use crate::regle::Regle;
use crate::transcript::{Acteur, Canal, Changement, Contenu, Journal};

/// A laissez-passer: registration allowed on a VET whatever the vœu says (R4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LaissezPasser {
    pub code_candidat: u32,
    pub vet: CodeVet,
    pub cree_le: Date,
}

/// Apogée's whole state for the university.
#[derive(Clone, Debug)]
pub struct Apogee {
    universite: Universite,
    campagne: Campagne,
    reglages: Reglages,
    /// What the staff typed in the remontée webservice set-up (R6).
    parametrage_remontees: Option<Identifiants>,
    /// The OPI records (`IND_OPI` + `VOEUX_INS`), each as last written.
    dossiers: Vec<Opi>,
    index: opi::Index,
    /// Laissez-passer per candidate.
    laissez_passer: BTreeMap<u32, Vec<LaissezPasser>>,
    ias: Vec<Ia>,
    /// Indexes in `ias` per candidate, so that a summer of 100,000 candidates stays linear.
    ias_par_candidat: BTreeMap<u32, Vec<usize>>,
    table_remontee: Vec<LigneRemontee>,
    /// Numbers of the rows still to send.
    lignes_a_envoyer: BTreeSet<u32>,
    /// Candidates whose next OPI write loses its vœux (fault injection).
    pannes_ecriture_voeux: BTreeSet<u32>,
}

impl Apogee {
    pub fn new(
        universite: Universite,
        campagne: Campagne,
        reglages: Reglages,
        parametrage_remontees: Option<Identifiants>,
    ) -> Apogee {
        Apogee {
            universite,
            campagne,
            reglages,
            parametrage_remontees,
            dossiers: Vec::new(),
            index: opi::Index::default(),
            laissez_passer: BTreeMap::new(),
            ias: Vec::new(),
            ias_par_candidat: BTreeMap::new(),
            table_remontee: Vec::new(),
            lignes_a_envoyer: BTreeSet::new(),
            pannes_ecriture_voeux: BTreeSet::new(),
        }
    }

    pub fn universite(&self) -> &Universite {
        &self.universite
    }

    pub fn webservice_parametre(&self) -> bool {
        self.parametrage_remontees.is_some()
    }

    /// The credentials the remontée batch sends, as staff typed them.
    pub fn identifiants_remontees(&self) -> Option<&Identifiants> {
        self.parametrage_remontees.as_ref()
    }

    /// The OPI record of a candidate, as stored.
    pub fn dossier_opi(&self, code_candidat: u32) -> Option<&Opi> {
        self.index
            .par_code_candidat(code_candidat)
            .map(|i| &self.dossiers[i])
    }

    pub fn dossiers_opi(&self) -> &[Opi] {
        &self.dossiers
    }

    pub fn laissez_passer(&self) -> impl Iterator<Item = &LaissezPasser> {
        self.laissez_passer.values().flatten()
    }

    pub fn a_laissez_passer(&self, code_candidat: u32, vet: &CodeVet) -> bool {
        self.laissez_passer
            .get(&code_candidat)
            .is_some_and(|lps| lps.iter().any(|lp| &lp.vet == vet))
    }

    pub fn ias(&self) -> &[Ia] {
        &self.ias
    }

    /// The candidate's IAs with their index, oldest first.
    pub fn ias_du_candidat(&self, code_candidat: u32) -> impl Iterator<Item = (usize, &Ia)> {
        self.ias_par_candidat
            .get(&code_candidat)
            .into_iter()
            .flatten()
            .map(|&i| (i, &self.ias[i]))
    }

    fn ajouter_ia(&mut self, ia: Ia) -> usize {
        let index = self.ias.len();
        self.ias_par_candidat
            .entry(ia.code_candidat)
            .or_default()
            .push(index);
        self.ias.push(ia);
        index
    }

    pub fn table_remontee(&self) -> &[LigneRemontee] {
        &self.table_remontee
    }

    /// Staff enter Parcoursup's credentials in the remontée webservice (R6).
    pub fn parametrer_webservice(&mut self, journal: &mut Journal, identifiants: Identifiants) {
        journal.etat(
            Acteur::Apogee,
            Regle::R6,
            Changement::WebserviceRemonteesParametre,
            format!(
                "Le webservice de remontées est paramétré (login « {} ») : reste à cliquer sur « Tester connecteur ».",
                identifiants.login
            ),
        );
        self.parametrage_remontees = Some(identifiants);
    }

    /// "Tester connecteur" (R6): the call to make, the fixed fictitious candidate already written
    /// to the journal as it leaves; or `None` (said in the journal) when the webservice is not set
    /// up, in which case nothing leaves. Parcoursup's answer goes to
    /// [`Apogee::recevoir_reponse_test`].
    pub fn test_connecteur(
        &self,
        journal: &mut Journal,
    ) -> Option<(Identifiants, crate::message::Remontee)> {
        let Some(identifiants) = &self.parametrage_remontees else {
            journal.etat(
                Acteur::Apogee,
                Regle::R6,
                Changement::ConnecteurEnEchec {
                    raison: "webservice de remontées non paramétré".to_owned(),
                },
                "« Tester connecteur » échoue avant tout appel : le webservice de remontées n'est pas paramétré, Parcoursup n'enverra pas d'OPI.",
            );
            return None;
        };
        let remontee = crate::message::Remontee::test_connecteur(&self.universite.uai);
        journal.message(
            (Acteur::Apogee, Acteur::Parcoursup),
            Canal::ApiRest,
            Regle::R6,
            Contenu::TestConnecteur(remontee.clone()),
            "« Tester connecteur » : Apogée appelle majInscriptionAdministrative avec le candidat fictif Bernard Minet.",
        );
        Some((identifiants.clone(), remontee))
    }

    /// Parcoursup's answer to "Tester connecteur": OK validates the connector on Parcoursup's side
    /// (R6), which is what staff see.
    pub fn recevoir_reponse_test(&self, journal: &mut Journal, retour: &crate::message::Retour) {
        let explication = if retour.ok {
            "Parcoursup répond OK : le connecteur est validé.".to_owned()
        } else {
            format!("Parcoursup répond NOK : {}.", retour.message)
        };
        journal.message(
            (Acteur::Parcoursup, Acteur::Apogee),
            Canal::ApiRest,
            Regle::R6,
            Contenu::Reponse(retour.clone()),
            explication,
        );
    }

    /// Applies a university-side action (an IA through one of its channels, a payment, a
    /// cancellation, a résiliation, a laissez-passer, the webservice set-up, the fault, a look at
    /// IA Primo): the one
    /// mapping from events to Apogée's calls, for the simulation and for a connector. Returns
    /// `Ok(false)`, having done nothing, for an event that is not such an action (Parcoursup's
    /// events, the calls that need Parcoursup). On error nothing changed.
    pub fn appliquer(
        &mut self,
        journal: &mut Journal,
        evenement: &crate::evenement::Evenement,
    ) -> Result<bool, crate::erreur::ErreurEvenement> {
        use crate::evenement::Evenement;
        match evenement.clone() {
            Evenement::ParametrageWebservice { identifiants } => {
                self.parametrer_webservice(journal, identifiants)
            }
            Evenement::IaPrimo {
                candidat,
                vet,
                payee,
            } => self.ia_primo(journal, candidat, vet, payee)?,
            Evenement::IaReins {
                candidat,
                vet,
                payee,
            } => self.ia_reins(journal, candidat, vet, payee)?,
            Evenement::IaGestionnaire {
                candidat,
                vet,
                payee,
                etat_inscription,
            } => self.ia_gestionnaire(
                journal,
                candidat,
                vet,
                payee,
                etat_inscription.unwrap_or(crate::message::EtatInscription::Principale),
            )?,
            Evenement::Paiement { candidat, vet } => self.payer(journal, candidat, vet)?,
            Evenement::AnnulationIa { candidat, vet } => self.annuler(journal, candidat, vet)?,
            Evenement::ResiliationIa { candidat, vet } => self.resilier(journal, candidat, vet)?,
            Evenement::LaissezPasser { candidat, vet } => {
                self.creer_laissez_passer(journal, candidat, vet)?
            }
            Evenement::PanneEcritureVoeux { candidat } => self.armer_panne_ecriture_voeux(candidat),
            Evenement::ConsultationIaPrimo { candidat } => {
                let offres = self.offre_ia_primo(candidat, journal.jour);
                let resume = resume_offres(&offres);
                journal.etat(
                    Acteur::Candidat,
                    Regle::R17,
                    Changement::OffreIaPrimo {
                        code_candidat: candidat,
                        offres,
                    },
                    format!("Ce que voit le candidat {candidat} dans IA Primo : {resume}."),
                );
            }
            Evenement::Acceptation { .. }
            | Evenement::Desistement { .. }
            | Evenement::RenvoiOpi { .. }
            | Evenement::TestConnecteur
            | Evenement::TraitementRemontees => return Ok(false),
        }
        Ok(true)
    }

    /// Fault injection: the next OPI write for this candidate stores the individu only.
    pub fn armer_panne_ecriture_voeux(&mut self, code_candidat: u32) {
        self.pannes_ecriture_voeux.insert(code_candidat);
    }

    /// The candidate's name as Apogée knows it, or "Candidat n° N" before any OPI.
    pub(crate) fn nom_de(&self, code_candidat: u32) -> crate::candidat::NomComplet {
        match self.dossier_opi(code_candidat) {
            Some(opi) => crate::candidat::NomComplet::personne(&opi.prenom, &opi.nom, opi.sexe),
            None => crate::candidat::NomComplet::anonyme(code_candidat),
        }
    }
}

/// What IA Primo shows, in one French sentence.
fn resume_offres(offres: &[crate::transcript::OffreVet]) -> String {
    if offres.is_empty() {
        return "aucune formation (pas d'OPI)".to_owned();
    }
    offres
        .iter()
        .map(|offre| match offre.verdict {
            Ok(_) => format!("{} proposée", offre.vet),
            Err(motif) => format!("{} refusée ({})", offre.vet, motif.libelle()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
