//! The whole cycle in one process: Parcoursup and Apogée wired together, a simulated clock, and the
//! events people cause. This is what the browser, the CLI and the tests replay; the mock server uses the
//! two sides separately.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::apogee::Apogee;
use crate::calendrier::Campagne;
use crate::candidat::{Candidat, CODE_CANDIDAT_MAX};
use crate::erreur::{ErreurConfiguration, ErreurEvenement};
use crate::evenement::Evenement;
use crate::message::Retour;
use crate::parcoursup::{EnvoiOpi, EtatConnecteur, Parcoursup};
use crate::referentiel::{CodeVet, ModeOpi, Universite};
use crate::reglages::Reglages;
use crate::transcript::{
    Acteur, Autorisation, Canal, Contenu, Entree, Journal, MotifRefus, OffreVet,
};

/// Where the connector stands when the simulation starts (R6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnecteurInitial {
    /// Nothing set up: no OPI until the webservice is set up and tested.
    NonParametre,
    /// The webservice is set up with the right credentials but "Tester connecteur" was never clicked.
    ParametreNonTeste,
    /// Set up and tested: OPI flow from the first day.
    #[default]
    Valide,
}

/// Everything a simulation starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Configuration {
    pub universite: Universite,
    pub campagne: Campagne,
    #[serde(default)]
    pub reglages: Reglages,
    pub candidats: Vec<Candidat>,
    /// The first simulated day.
    pub debut: Date,
    #[serde(default)]
    pub connecteur: ConnecteurInitial,
}

/// A summary of the last remontée batch, for the Apogée panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BilanTraitement {
    pub jour: Date,
    pub envoyees: usize,
    pub acceptees: usize,
    pub refusees: usize,
}

/// Parcoursup and Apogée, wired, on a given day.
#[derive(Clone, Debug)]
pub struct Simulation {
    mode_opi: ModeOpi,
    reglages: Reglages,
    jour: Date,
    parcoursup: Parcoursup,
    apogee: Apogee,
    dernier_traitement: Option<BilanTraitement>,
}

impl Simulation {
    /// Checks the configuration and opens the first day. Returns what that day brings by itself.
    pub fn nouvelle(
        configuration: Configuration,
    ) -> Result<(Simulation, Vec<Entree>), ErreurConfiguration> {
        verifier_configuration(&configuration)?;
        let Configuration {
            universite,
            campagne,
            reglages,
            candidats,
            debut,
            connecteur,
        } = configuration;
        let (parametrage, etat_connecteur) = match connecteur {
            ConnecteurInitial::NonParametre => (None, EtatConnecteur::NonTeste),
            ConnecteurInitial::ParametreNonTeste => (
                Some(universite.identifiants_parcoursup.clone()),
                EtatConnecteur::NonTeste,
            ),
            ConnecteurInitial::Valide => (
                Some(universite.identifiants_parcoursup.clone()),
                EtatConnecteur::Valide { depuis: debut },
            ),
        };
        let mut simulation = Simulation {
            mode_opi: universite.mode_opi,
            reglages: reglages.clone(),
            jour: debut,
            parcoursup: Parcoursup::new(
                universite.clone(),
                campagne.clone(),
                reglages.clone(),
                candidats,
                etat_connecteur,
            ),
            apogee: Apogee::new(universite, campagne, reglages, parametrage),
            dernier_traitement: None,
        };
        let mut entrees = Vec::new();
        simulation.debut_de_journee(&mut Journal::new(debut, &mut entrees));
        Ok((simulation, entrees))
    }

    pub fn jour(&self) -> Date {
        self.jour
    }

    pub fn parcoursup(&self) -> &Parcoursup {
        &self.parcoursup
    }

    pub fn apogee(&self) -> &Apogee {
        &self.apogee
    }

    pub fn dernier_traitement(&self) -> Option<&BilanTraitement> {
        self.dernier_traitement.as_ref()
    }

    /// What the candidate sees in IA Primo today.
    pub fn offre_ia_primo(&self, code_candidat: u32) -> Vec<OffreVet> {
        self.apogee.offre_ia_primo(code_candidat, self.jour)
    }

    /// Whether the candidate may register online on `vet` today, and why.
    pub fn eligibilite_ia_primo(
        &self,
        code_candidat: u32,
        vet: &CodeVet,
    ) -> Result<Autorisation, MotifRefus> {
        self.apogee
            .eligibilite_ia_primo(code_candidat, vet, self.jour)
    }

    /// Moves the clock to `cible`, closing each day on the way (flat files, remontée batch) and opening
    /// the next (bac and rattrapage results).
    pub fn avancer_jusqu_au(&mut self, cible: Date) -> Result<Vec<Entree>, ErreurEvenement> {
        if cible < self.jour {
            return Err(ErreurEvenement::DateAnterieure {
                jour: cible,
                courant: self.jour,
            });
        }
        let mut entrees = Vec::new();
        while self.jour < cible {
            self.fin_de_journee(&mut Journal::new(self.jour, &mut entrees));
            // `cible` is a valid date after `jour`, so the next day exists.
            let Some(lendemain) = self.jour.next_day() else {
                break;
            };
            self.jour = lendemain;
            self.debut_de_journee(&mut Journal::new(self.jour, &mut entrees));
        }
        Ok(entrees)
    }

    /// Applies an event today. On error nothing changed.
    pub fn traiter(&mut self, evenement: &Evenement) -> Result<Vec<Entree>, ErreurEvenement> {
        let mut entrees = Vec::new();
        let mut journal = Journal::new(self.jour, &mut entrees);
        self.appliquer(&mut journal, evenement)?;
        if self.mode_opi != ModeOpi::FichiersPlats {
            self.livrer_opi_au_fil_de_l_eau(&mut journal);
        }
        Ok(entrees)
    }

    fn appliquer(
        &mut self,
        journal: &mut Journal,
        evenement: &Evenement,
    ) -> Result<(), ErreurEvenement> {
        match evenement.clone() {
            Evenement::TestConnecteur => self.tester_connecteur(journal),
            Evenement::Acceptation {
                candidat,
                formation,
                reponse,
            } => self
                .parcoursup
                .accepter(journal, candidat, formation, reponse)?,
            Evenement::Desistement {
                candidat,
                formation,
            } => self.parcoursup.desister(journal, candidat, formation)?,
            Evenement::RenvoiOpi { candidat } => self.parcoursup.renvoyer(candidat)?,
            Evenement::TraitementRemontees => self.traitement_remontees(journal),
            action => {
                // A university action on a candidate Parcoursup does not know is a wrong scenario;
                // payments, cancellations and résiliations find their IA or refuse by themselves.
                if let Evenement::IaPrimo { candidat, .. }
                | Evenement::IaReins { candidat, .. }
                | Evenement::IaGestionnaire { candidat, .. }
                | Evenement::LaissezPasser { candidat, .. }
                | Evenement::PanneEcritureVoeux { candidat }
                | Evenement::ConsultationIaPrimo { candidat } = action
                {
                    self.candidat_connu(candidat)?;
                }
                self.apogee.appliquer(journal, &action)?;
            }
        }
        Ok(())
    }

    fn candidat_connu(&self, code_candidat: u32) -> Result<(), ErreurEvenement> {
        self.parcoursup
            .dossier(code_candidat)
            .map(|_| ())
            .ok_or(ErreurEvenement::CandidatInconnu(code_candidat))
    }

    fn debut_de_journee(&mut self, journal: &mut Journal) {
        self.parcoursup.debut_de_journee(journal);
        if self.mode_opi != ModeOpi::FichiersPlats {
            self.livrer_opi_au_fil_de_l_eau(journal);
        }
    }

    fn fin_de_journee(&mut self, journal: &mut Journal) {
        if self.mode_opi == ModeOpi::FichiersPlats {
            self.livrer_fichiers_opi(journal);
        }
        if self.reglages.traitement_quotidien_automatique {
            self.traitement_remontees(journal);
        }
    }

    /// "Tester connecteur": the fixed fictitious candidate goes to Parcoursup (R6); on success the OPI
    /// held back leave.
    fn tester_connecteur(&mut self, journal: &mut Journal) {
        let Some((identifiants, remontee)) = self.apogee.test_connecteur(journal) else {
            return;
        };
        let retour = self
            .parcoursup
            .recevoir_remontee(journal, &identifiants, &remontee);
        self.apogee.recevoir_reponse_test(journal, &retour);
    }

    /// Webservice and JSON push: each OPI leaves at once and is acknowledged, or sent again when the
    /// read-back finds its vœux missing.
    fn livrer_opi_au_fil_de_l_eau(&mut self, journal: &mut Journal) {
        let canal = match self.mode_opi {
            ModeOpi::Webservice => Canal::WebserviceOpi,
            ModeOpi::PushJson | ModeOpi::FichiersPlats => Canal::PushJson,
        };
        // A re-send follows a detected partial write; the fault fires once, so two rounds suffice and
        // the bound only guards against a fault that would never clear.
        for _ in 0..3 {
            let envois = self.parcoursup.prendre_envois_opi(journal);
            if envois.is_empty() {
                return;
            }
            for envoi in envois {
                let EnvoiOpi {
                    opi,
                    regle,
                    explication,
                    ..
                } = envoi;
                journal.message(
                    (Acteur::Parcoursup, Acteur::Apogee),
                    canal,
                    regle,
                    Contenu::Opi(opi.clone()),
                    explication,
                );
                self.apogee.recevoir_opi(journal, &opi);
                journal.message(
                    (Acteur::Apogee, Acteur::Parcoursup),
                    canal,
                    regle,
                    Contenu::Reponse(Retour::ok("")),
                    "Apogée répond succès.",
                );
                self.relire_ecriture(journal, opi);
            }
        }
    }

    /// The read-back a careful sender does after each write; Parcoursup decides from the record
    /// Apogée shows ([`Parcoursup::relire_ecriture_opi`]), as the mock server does over HTTP.
    fn relire_ecriture(&mut self, journal: &mut Journal, opi: crate::message::Opi) {
        let relu = self.apogee.dossier_opi(opi.code_candidat);
        self.parcoursup.relire_ecriture_opi(journal, opi, relu);
    }

    /// Flat files: the day's OPI in the usual files, and the vœux turned D in the second file (R8, R10).
    fn livrer_fichiers_opi(&mut self, journal: &mut Journal) {
        let envois = self.parcoursup.prendre_envois_opi(journal);
        if envois.is_empty() {
            return;
        }
        self.parcoursup.fichiers_opi(journal, &envois);
        // Apogée imports both files: together they give each candidate's full list of vœux.
        for envoi in envois {
            self.apogee.recevoir_opi(journal, &envoi.opi);
            self.relire_ecriture(journal, envoi.opi);
        }
    }

    /// The remontée batch (R14): every row still to send goes to Parcoursup, one call each; the
    /// steps are Apogée's ([`Apogee::ouvrir_lot_remontees`]), the connector takes the same ones.
    fn traitement_remontees(&mut self, journal: &mut Journal) {
        let Some(lot) = self.apogee.ouvrir_lot_remontees(journal) else {
            return;
        };
        let mut bilan = BilanTraitement {
            jour: journal.jour,
            envoyees: 0,
            acceptees: 0,
            refusees: 0,
        };
        for ligne in lot.lignes {
            self.apogee.envoyer_ligne(journal, &ligne);
            let retour =
                self.parcoursup
                    .recevoir_remontee(journal, &lot.identifiants, &ligne.remontee);
            bilan.envoyees += 1;
            if retour.ok {
                bilan.acceptees += 1;
            } else {
                bilan.refusees += 1;
            }
            self.apogee
                .recevoir_reponse_remontee(journal, ligne.numero, &retour);
        }
        self.dernier_traitement = Some(bilan);
    }
}

/// A UAI is 7 digits and a letter.
pub fn uai_valide(uai: &str) -> bool {
    let octets = uai.as_bytes();
    octets.len() == 8
        && octets[..7].iter().all(u8::is_ascii_digit)
        && octets[7].is_ascii_alphabetic()
}

fn verifier_configuration(configuration: &Configuration) -> Result<(), ErreurConfiguration> {
    let universite = &configuration.universite;
    if !uai_valide(&universite.uai) {
        return Err(ErreurConfiguration::UaiInvalide(universite.uai.to_string()));
    }
    if universite.formations.is_empty() {
        return Err(ErreurConfiguration::AucuneFormation);
    }
    let mut formations = std::collections::BTreeSet::new();
    let mut vets: std::collections::BTreeMap<CodeVet, u32> = std::collections::BTreeMap::new();
    for formation in &universite.formations {
        if !formations.insert(formation.code_formation_psup) {
            return Err(ErreurConfiguration::FormationEnDouble(
                formation.code_formation_psup,
            ));
        }
        for (vet, _) in formation.vets() {
            if let Some(premiere) = vets.insert(vet.code(), formation.code_formation_psup) {
                return Err(ErreurConfiguration::VetEnDouble {
                    vet: vet.code(),
                    premiere,
                    seconde: formation.code_formation_psup,
                });
            }
        }
    }
    let mut codes = std::collections::BTreeSet::new();
    for candidat in &configuration.candidats {
        if candidat.code_candidat == crate::message::test_connecteur::CODE_CANDIDAT {
            return Err(ErreurConfiguration::CodeCandidatReserve);
        }
        if candidat.code_candidat == 0 {
            return Err(ErreurConfiguration::CodeCandidatNul);
        }
        if candidat.code_candidat > CODE_CANDIDAT_MAX {
            return Err(ErreurConfiguration::CodeCandidatTropGrand(
                candidat.code_candidat,
            ));
        }
        if !codes.insert(candidat.code_candidat) {
            return Err(ErreurConfiguration::CandidatEnDouble(
                candidat.code_candidat,
            ));
        }
    }
    verifier_campagne(&configuration.campagne)
}

fn verifier_campagne(campagne: &Campagne) -> Result<(), ErreurConfiguration> {
    // The OPI code (`P` + the year's two digits) and `codAnu` come from it.
    if i32::from(campagne.annee) != campagne.resultats_bac.year() {
        return Err(ErreurConfiguration::CampagneIncoherente(
            "annee : l'année de la session n'est pas celle des résultats du bac",
        ));
    }
    if campagne.resultats_rattrapage <= campagne.resultats_bac {
        return Err(ErreurConfiguration::CampagneIncoherente(
            "resultats_rattrapage doit suivre resultats_bac",
        ));
    }
    for (periode, nom) in [
        (
            campagne.phase_principale,
            "phase_principale : la fin précède le début",
        ),
        (
            campagne.phase_complementaire,
            "phase_complementaire : la fin précède le début",
        ),
        (
            campagne.ouverture_ia_primo,
            "ouverture_ia_primo : la fin précède le début",
        ),
    ] {
        if periode.fin < periode.debut {
            return Err(ErreurConfiguration::CampagneIncoherente(nom));
        }
    }
    Ok(())
}
