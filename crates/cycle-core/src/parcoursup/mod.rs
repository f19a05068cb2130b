//! Parcoursup's side: candidates and their accepted formations, the decision on each vœu, the connector
//! status, which OPI leave and when (R5–R10, R16), and the remontées it receives (R6, R14, R15).
//!
//! It never touches Apogée's state: it hands OPI to whoever drives it (the in-process simulation, or the
//! mock server which delivers them to a real connector) and is told whether they were acknowledged.

mod decision;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;
use time::Date;

pub use decision::decision_du_jour;

use crate::calendrier::{date_fr, Campagne};
use crate::candidat::{Candidat, Profil, ResultatBac};
use crate::erreur::ErreurEvenement;
use crate::message::{CodeDecision, EtatInscription, Opi, OuiSi, Remontee, Retour, VoeuOpi};
use crate::referentiel::{Identifiants, Reponse, Universite, Vet};
use crate::reglages::Reglages;
use crate::regle::Regle;
use crate::transcript::{Acteur, Changement, Journal};

/// A vœu as Parcoursup holds it: an accepted proposal, possibly resigned since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VoeuParcoursup {
    pub code_formation_psup: u32,
    pub reponse: Reponse,
    pub accepte_le: Date,
    pub desiste: bool,
}

/// What Parcoursup learnt from a remontée.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InscriptionConnue {
    pub code_formation_psup: u32,
    pub etat_inscription: EtatInscription,
    pub recue_le: Date,
}

/// One candidate's file at Parcoursup.
#[derive(Clone, Debug, Serialize)]
pub struct Dossier {
    pub candidat: Candidat,
    pub voeux: Vec<VoeuParcoursup>,
    /// The vœux of the last OPI the university acknowledged; `None` when none was.
    pub opi_acquittee: Option<Vec<VoeuOpi>>,
    /// The latest remontée received per formation.
    pub inscriptions: Vec<InscriptionConnue>,
    /// Why the next OPI leaves (the rule shown on the message).
    #[serde(skip)]
    motif_envoi: Regle,
    /// An OPI must leave even if it equals the last one acknowledged (R16 re-send).
    #[serde(skip)]
    envoi_force: bool,
    /// "OPI retenue" was already said for the pending change (R6): say it once.
    #[serde(skip)]
    retenue_signalee: bool,
}

impl Dossier {
    /// The day each formation was accepted, resigned ones included (their OPI vœu is D).
    pub fn acceptations(&self) -> Vec<(u32, Date)> {
        self.voeux
            .iter()
            .map(|voeu| (voeu.code_formation_psup, voeu.accepte_le))
            .collect()
    }
}

/// The candidates' files, in `codeCandidat` order (the order of the results days' entries), with a
/// lookup by code. A vector keeps a summer of 100,000 files compact; the map is only looked up.
#[derive(Clone, Debug, Default)]
struct Dossiers {
    liste: Vec<Dossier>,
    index: rustc_hash::FxHashMap<u32, usize>,
}

impl Dossiers {
    fn new(dossiers: impl Iterator<Item = Dossier>) -> Dossiers {
        let mut liste: Vec<Dossier> = dossiers.collect();
        liste.sort_by_key(|d| d.candidat.code_candidat);
        let index = liste
            .iter()
            .enumerate()
            .map(|(i, d)| (d.candidat.code_candidat, i))
            .collect();
        Dossiers { liste, index }
    }

    fn get(&self, code_candidat: &u32) -> Option<&Dossier> {
        self.index.get(code_candidat).map(|&i| &self.liste[i])
    }

    fn get_mut(&mut self, code_candidat: &u32) -> Option<&mut Dossier> {
        self.index.get(code_candidat).map(|&i| &mut self.liste[i])
    }

    fn values(&self) -> std::slice::Iter<'_, Dossier> {
        self.liste.iter()
    }
}

/// Whether Parcoursup may send OPI to the university (R6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "etat", rename_all = "snake_case")]
pub enum EtatConnecteur {
    /// No successful connector test yet.
    NonTeste,
    /// The last connector test failed.
    EnEchec { raison: String, le: Date },
    /// The connector test succeeded: OPI may leave.
    Valide { depuis: Date },
}

impl EtatConnecteur {
    /// Why the connector is not valid yet, in French; `None` when it is.
    pub fn raison_invalidite(&self) -> Option<String> {
        match self {
            EtatConnecteur::NonTeste => Some(
                "aucun test connecteur réussi : le webservice de remontées doit être paramétré puis « Tester connecteur » cliqué".to_owned(),
            ),
            EtatConnecteur::EnEchec { raison, le } => {
                Some(format!("dernier test connecteur en échec le {} : {raison}", date_fr(*le)))
            }
            EtatConnecteur::Valide { .. } => None,
        }
    }
}

/// An OPI ready to leave Parcoursup, with the rule that makes it leave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvoiOpi {
    pub opi: Opi,
    pub regle: Regle,
    pub explication: String,
    /// The day each of the candidate's formations was accepted (`codeFormationPsup`, day): the
    /// JSON push carries it (`dateReponse`), the OPI itself does not.
    pub acceptations: Vec<(u32, Date)>,
}

/// Parcoursup's whole state for one university.
#[derive(Clone, Debug)]
pub struct Parcoursup {
    universite: Universite,
    campagne: Campagne,
    reglages: Reglages,
    dossiers: Dossiers,
    connecteur: EtatConnecteur,
    /// Candidates whose OPI must leave (changed, or re-send asked) and is not in flight.
    a_envoyer: BTreeSet<u32>,
    /// Candidates whose OPI left and awaits acknowledgement.
    en_vol: BTreeSet<u32>,
    /// The VET (and Oui Si data) each (formation, answer) names, built once and shared by every vœu.
    vets_par_reponse: BTreeMap<(u32, Reponse), VetPartagee>,
}

type VetPartagee = (Arc<Vet>, Option<Arc<OuiSi>>);

fn vets_par_reponse(universite: &Universite) -> BTreeMap<(u32, Reponse), VetPartagee> {
    let mut table = BTreeMap::new();
    for formation in &universite.formations {
        for reponse in [Reponse::Oui, Reponse::OuiSi3Ans, Reponse::OuiSi4Ans] {
            if let Some((vet, oui_si)) = formation.vet_pour(reponse) {
                let oui_si = oui_si.map(|o| {
                    Arc::new(OuiSi {
                        categorie: o.categorie.clone(),
                        motif: o.motif.clone(),
                    })
                });
                table.insert(
                    (formation.code_formation_psup, reponse),
                    (Arc::new(vet.clone()), oui_si),
                );
            }
        }
    }
    table
}

impl Parcoursup {
    /// `candidats` must have distinct codes (checked by [`crate::Simulation`]'s configuration).
    pub fn new(
        universite: Universite,
        campagne: Campagne,
        reglages: Reglages,
        candidats: Vec<Candidat>,
        connecteur: EtatConnecteur,
    ) -> Parcoursup {
        let dossiers = Dossiers::new(candidats.into_iter().map(|candidat| Dossier {
            candidat,
            voeux: Vec::new(),
            opi_acquittee: None,
            inscriptions: Vec::new(),
            motif_envoi: Regle::R1,
            envoi_force: false,
            retenue_signalee: false,
        }));
        Parcoursup {
            vets_par_reponse: vets_par_reponse(&universite),
            universite,
            campagne,
            reglages,
            dossiers,
            connecteur,
            a_envoyer: BTreeSet::new(),
            en_vol: BTreeSet::new(),
        }
    }

    pub fn connecteur(&self) -> &EtatConnecteur {
        &self.connecteur
    }

    pub fn connecteur_valide(&self) -> bool {
        matches!(self.connecteur, EtatConnecteur::Valide { .. })
    }

    pub fn dossier(&self, code_candidat: u32) -> Option<&Dossier> {
        self.dossiers.get(&code_candidat)
    }

    pub fn dossiers(&self) -> impl Iterator<Item = &Dossier> {
        self.dossiers.values()
    }

    /// Candidates whose OPI is waiting to leave (held by R6, or not yet sent today in flat-file mode).
    pub fn opi_en_attente(&self) -> impl Iterator<Item = u32> + '_ {
        self.a_envoyer.iter().copied()
    }

    fn dossier_mut(&mut self, code_candidat: u32) -> Result<&mut Dossier, ErreurEvenement> {
        self.dossiers
            .get_mut(&code_candidat)
            .ok_or(ErreurEvenement::CandidatInconnu(code_candidat))
    }

    fn marquer(&mut self, code_candidat: u32, motif: Regle) {
        if let Some(dossier) = self.dossiers.get_mut(&code_candidat) {
            dossier.motif_envoi = motif;
            dossier.retenue_signalee = false;
            self.a_envoyer.insert(code_candidat);
        }
    }

    // ---- candidates' actions ----

    /// The candidate accepts a proposal (R5): the vœu names the VET of the answer given.
    pub fn accepter(
        &mut self,
        journal: &mut Journal,
        code_candidat: u32,
        code_formation_psup: u32,
        reponse: Reponse,
    ) -> Result<(), ErreurEvenement> {
        let campagne = &self.campagne;
        let jour = journal.jour;
        if !campagne.phase_principale.contient(jour)
            && !campagne.phase_complementaire.contient(jour)
        {
            return Err(ErreurEvenement::HorsPhasesAdmission {
                jour,
                annee: campagne.annee,
                principale: campagne.phase_principale,
                complementaire: campagne.phase_complementaire,
            });
        }
        let formation = self
            .universite
            .formation(code_formation_psup)
            .ok_or(ErreurEvenement::FormationInconnue(code_formation_psup))?;
        let (vet, _) = formation
            .vet_pour(reponse)
            .ok_or(ErreurEvenement::ReponseSansVet {
                formation: code_formation_psup,
                reponse,
            })?;
        let vet = vet.code();
        let libelle = formation.libelle.clone();
        let campagne = &self.campagne;
        let dossier = self
            .dossiers
            .get_mut(&code_candidat)
            .ok_or(ErreurEvenement::CandidatInconnu(code_candidat))?;
        if dossier
            .voeux
            .iter()
            .any(|v| v.code_formation_psup == code_formation_psup && !v.desiste)
        {
            return Err(ErreurEvenement::DejaAcceptee {
                candidat: code_candidat,
                formation: code_formation_psup,
            });
        }
        dossier
            .voeux
            .retain(|v| v.code_formation_psup != code_formation_psup);
        dossier.voeux.push(VoeuParcoursup {
            code_formation_psup,
            reponse,
            accepte_le: journal.jour,
            desiste: false,
        });
        let nom = dossier.candidat.nom_complet();
        let (_, regle_decision) =
            decision_du_jour(&dossier.candidat, reponse, false, campagne, journal.jour);
        journal.etat(
            Acteur::Parcoursup,
            Regle::R5,
            Changement::CandidatureAcceptee {
                code_candidat,
                code_formation_psup,
                reponse,
                vet: vet.clone(),
            },
            format!(
                "{nom} accepte « {libelle} » avec la réponse « {} » : le vœu nommera la VET {vet}.",
                reponse.libelle()
            ),
        );
        // When the bac decides the vœu, the OPI says so: still favourable until the results (R7), D
        // from the day after a failure (R8), or waiting for the rattrapage (R9).
        let motif = match regle_decision {
            Regle::R7 | Regle::R8 | Regle::R9 => regle_decision,
            _ => Regle::R1,
        };
        self.marquer(code_candidat, motif);
        Ok(())
    }

    /// The candidate resigns a confirmed candidacy (R10).
    pub fn desister(
        &mut self,
        journal: &mut Journal,
        code_candidat: u32,
        code_formation_psup: u32,
    ) -> Result<(), ErreurEvenement> {
        let libelle = self
            .universite
            .formation(code_formation_psup)
            .map(|f| f.libelle.clone())
            .ok_or(ErreurEvenement::FormationInconnue(code_formation_psup))?;
        let dossier = self.dossier_mut(code_candidat)?;
        let voeu = dossier
            .voeux
            .iter_mut()
            .find(|v| v.code_formation_psup == code_formation_psup && !v.desiste)
            .ok_or(ErreurEvenement::PasDeCandidature {
                candidat: code_candidat,
                formation: code_formation_psup,
            })?;
        voeu.desiste = true;
        let nom = dossier.candidat.nom_complet();
        journal.etat(
            Acteur::Parcoursup,
            Regle::R10,
            Changement::Desistement {
                code_candidat,
                code_formation_psup,
            },
            format!(
                "{nom} se désiste de « {libelle} » : Parcoursup enverra une OPI avec un vœu D."
            ),
        );
        self.marquer(code_candidat, Regle::R10);
        Ok(())
    }

    /// Parcoursup sends the candidate's OPI again, unchanged (R16).
    pub fn renvoyer(&mut self, code_candidat: u32) -> Result<(), ErreurEvenement> {
        self.dossier_mut(code_candidat)?.envoi_force = true;
        self.marquer(code_candidat, Regle::R16);
        Ok(())
    }

    // ---- the calendar ----

    /// What the new day changes by itself: bac and rattrapage results (R7, R8, R9).
    pub fn debut_de_journee(&mut self, journal: &mut Journal) {
        let jour = journal.jour;
        let campagne = &self.campagne;
        let publication_bac = jour == campagne.resultats_bac;
        let bascule_bac = Some(jour) == campagne.resultats_bac.next_day();
        let publication_rattrapage = jour == campagne.resultats_rattrapage;
        let bascule_rattrapage = Some(jour) == campagne.resultats_rattrapage.next_day();
        if !(publication_bac || bascule_bac || publication_rattrapage || bascule_rattrapage) {
            return;
        }
        let mut a_marquer = Vec::new();
        for dossier in self.dossiers.values() {
            let Profil::NeoBachelier { resultat_bac } = dossier.candidat.profil else {
                continue;
            };
            let actifs: Vec<&VoeuParcoursup> =
                dossier.voeux.iter().filter(|v| !v.desiste).collect();
            if actifs.is_empty() {
                continue;
            }
            let code_candidat = dossier.candidat.code_candidat;
            let nom = dossier.candidat.nom_complet();
            let de_nom = nom.de();
            if publication_bac && resultat_bac != ResultatBac::Admis {
                let (regle, explication) = match resultat_bac {
                    ResultatBac::Echec => (Regle::R7, format!("Résultats du bac : {nom} échoue. Aujourd'hui encore (jour de publication inclus) son vœu reste favorable.")),
                    _ => (Regle::R9, format!("Résultats du bac : {nom} passe le rattrapage ; son vœu reste favorable et {} peut s'inscrire par le web.", nom.il())),
                };
                journal.etat(
                    Acteur::Parcoursup,
                    regle,
                    Changement::ResultatBacPublie {
                        code_candidat,
                        resultat: resultat_bac,
                    },
                    explication,
                );
            }
            if publication_rattrapage
                && matches!(
                    resultat_bac,
                    ResultatBac::RattrapageAdmis | ResultatBac::RattrapageEchec
                )
            {
                let explication = if resultat_bac == ResultatBac::RattrapageAdmis {
                    format!(
                        "Résultats du rattrapage : {nom} est admis{} ; son vœu reste favorable.",
                        nom.e()
                    )
                } else {
                    format!("Résultats du rattrapage : {nom} échoue ; son vœu deviendra défavorable dès demain.")
                };
                journal.etat(
                    Acteur::Parcoursup,
                    Regle::R9,
                    Changement::ResultatBacPublie {
                        code_candidat,
                        resultat: resultat_bac,
                    },
                    explication,
                );
            }
            let bascule = (bascule_bac && resultat_bac == ResultatBac::Echec)
                || (bascule_rattrapage && resultat_bac == ResultatBac::RattrapageEchec);
            if bascule {
                let regle = if resultat_bac == ResultatBac::Echec {
                    Regle::R8
                } else {
                    Regle::R9
                };
                for voeu in actifs {
                    journal.etat(
                        Acteur::Parcoursup,
                        regle,
                        Changement::DecisionVoeu {
                            code_candidat,
                            code_formation_psup: voeu.code_formation_psup,
                            decision: CodeDecision::D,
                        },
                        format!(
                            "Lendemain des résultats : le vœu {de_nom} sur la formation {} devient défavorable (D).",
                            voeu.code_formation_psup
                        ),
                    );
                }
                a_marquer.push((code_candidat, regle));
            }
        }
        for (code_candidat, regle) in a_marquer {
            self.marquer(code_candidat, regle);
        }
    }

    // ---- OPI leaving ----

    /// The OPI of the candidate as of `jour`: identity and full current list of vœux (R1, R16).
    pub fn opi_du_jour(&self, code_candidat: u32, jour: Date) -> Option<Opi> {
        let dossier = self.dossiers.get(&code_candidat)?;
        let candidat = &dossier.candidat;
        let voeux = dossier
            .voeux
            .iter()
            .enumerate()
            .filter_map(|(rang, voeu)| {
                let (vet, oui_si) = self
                    .vets_par_reponse
                    .get(&(voeu.code_formation_psup, voeu.reponse))?;
                let (decision, _) =
                    decision_du_jour(candidat, voeu.reponse, voeu.desiste, &self.campagne, jour);
                Some(VoeuOpi {
                    code_formation_psup: voeu.code_formation_psup,
                    vet: Arc::clone(vet),
                    decision,
                    oui_si: oui_si.clone(),
                    rang: rang as u16 + 1,
                })
            })
            .collect();
        Some(Opi {
            cod_opi: candidat.cod_opi(self.campagne.annee),
            code_candidat,
            cod_etu: candidat.cod_etu.clone(),
            ine: candidat.ine.clone(),
            nom: candidat.nom.clone(),
            prenom: candidat.prenom.clone(),
            sexe: candidat.sexe,
            date_naissance: candidat.date_naissance,
            annee_bac: (!candidat.est_en_reorientation()).then_some(self.campagne.annee),
            voeux,
        })
    }

    /// Takes the OPI that must leave now and puts them in flight. While the connector is not valid
    /// nothing leaves and each held candidate is said once (R6). An OPI identical to the last one
    /// acknowledged does not leave again unless a re-send was asked (R16).
    pub fn prendre_envois_opi(&mut self, journal: &mut Journal) -> Vec<EnvoiOpi> {
        if !self.connecteur_valide() {
            let raison = self.connecteur.raison_invalidite().unwrap_or_default();
            for code in &self.a_envoyer {
                let Some(dossier) = self.dossiers.get_mut(code) else {
                    continue;
                };
                if dossier.retenue_signalee {
                    continue;
                }
                dossier.retenue_signalee = true;
                journal.etat(
                    Acteur::Parcoursup,
                    Regle::R6,
                    Changement::OpiRetenue {
                        code_candidat: *code,
                    },
                    format!(
                        "L'OPI {} n'est pas envoyée : {raison}.",
                        dossier.candidat.nom_complet().de()
                    ),
                );
            }
            return Vec::new();
        }
        let codes: Vec<u32> = std::mem::take(&mut self.a_envoyer).into_iter().collect();
        let mut envois = Vec::with_capacity(codes.len());
        for code in codes {
            let Some(opi) = self.opi_du_jour(code, journal.jour) else {
                continue;
            };
            let Some(dossier) = self.dossiers.get_mut(&code) else {
                continue;
            };
            let inchangee = dossier.opi_acquittee.as_ref() == Some(&opi.voeux);
            if inchangee && !dossier.envoi_force {
                continue;
            }
            dossier.envoi_force = false;
            let regle = dossier.motif_envoi;
            let explication = explication_envoi(regle, &dossier.candidat, &opi);
            let acceptations = dossier.acceptations();
            self.en_vol.insert(code);
            envois.push(EnvoiOpi {
                opi,
                regle,
                explication,
                acceptations,
            });
        }
        envois
    }

    /// The university acknowledged the OPI it was sent.
    pub fn acquitter_opi(&mut self, opi: Opi) {
        self.en_vol.remove(&opi.code_candidat);
        if let Some(dossier) = self.dossiers.get_mut(&opi.code_candidat) {
            dossier.opi_acquittee = Some(opi.voeux);
        }
    }

    /// The OPI did not reach the university, or reached it incompletely: it must leave again (R16 keeps
    /// the re-send harmless).
    pub fn echec_envoi_opi(&mut self, code_candidat: u32) {
        self.en_vol.remove(&code_candidat);
        if let Some(dossier) = self.dossiers.get_mut(&code_candidat) {
            dossier.envoi_force = true;
            dossier.motif_envoi = Regle::R16;
            self.a_envoyer.insert(code_candidat);
        }
    }

    /// The read-back after a write the university answered with success (the partial write known
    /// in the field, `domain.md` §3.3): `relu` is the record as the university shows it afterwards,
    /// `None` when it has none. When a vœu sent is missing from it, the OPI must leave again (R16
    /// makes the re-send harmless); otherwise it is acknowledged. Without the read-back setting
    /// (`verification_ecriture_opi`) every success is acknowledged. Returns whether it leaves again.
    pub fn relire_ecriture_opi(
        &mut self,
        journal: &mut Journal,
        opi: Opi,
        relu: Option<&Opi>,
    ) -> bool {
        let ecrite = relu.is_some_and(|relu| opi.voeux_ecrits_dans(relu));
        if ecrite || !self.reglages.verification_ecriture_opi {
            self.acquitter_opi(opi);
            return false;
        }
        let nom = crate::candidat::NomComplet::personne(&opi.prenom, &opi.nom, opi.sexe);
        let de_nom = nom.de();
        let constat = match relu {
            Some(_) => format!("Apogée n'a enregistré que l'individu {de_nom}, pas ses vœux"),
            None => format!("Apogée n'a aucun dossier OPI {de_nom}"),
        };
        journal.etat(
            Acteur::Parcoursup,
            Regle::R16,
            Changement::EcriturePartielleDetectee {
                code_candidat: opi.code_candidat,
            },
            format!("Relecture : {constat} ; l'OPI est renvoyée (le renvoi met à jour le même dossier)."),
        );
        self.echec_envoi_opi(opi.code_candidat);
        true
    }

    // ---- remontées received ----

    /// `majInscriptionAdministrative`: a remontée, or the connector test when it carries the fixed
    /// fictitious candidate (R6, R14, R15). The answer is what the wire carries back.
    pub fn recevoir_remontee(
        &mut self,
        journal: &mut Journal,
        identifiants: &Identifiants,
        remontee: &Remontee,
    ) -> Retour {
        let test = remontee.est_test_connecteur();
        if !identifiants_egaux(identifiants, &self.universite.identifiants_parcoursup) {
            let raison = "identifiant : login ou mot de passe incorrect".to_owned();
            return self.refuser(journal, remontee, test, raison);
        }
        if remontee.uai != self.universite.uai {
            let raison = format!(
                "codeEtablissementAffectation : « {} » n'est pas l'UAI de l'établissement ({})",
                remontee.uai, self.universite.uai
            );
            return self.refuser(journal, remontee, test, raison);
        }
        if test {
            return self.valider_connecteur(journal);
        }
        if let Err(raison) = self.verifier_remontee(remontee) {
            return self.refuser(journal, remontee, test, raison);
        }
        let Some(dossier) = self.dossiers.get_mut(&remontee.code_candidat) else {
            return Retour::nok("codeCandidat : candidat inconnu");
        };
        dossier
            .inscriptions
            .retain(|i| i.code_formation_psup != remontee.code_formation_psup);
        dossier.inscriptions.push(InscriptionConnue {
            code_formation_psup: remontee.code_formation_psup,
            etat_inscription: remontee.etat_inscription,
            recue_le: journal.jour,
        });
        let reorientation = dossier.candidat.est_en_reorientation();
        let nom = dossier.candidat.nom_complet();
        let de_nom = nom.de();
        let (regle, explication) = if reorientation {
            (Regle::R15, format!("Parcoursup enregistre l'inscription {de_nom} ({}), en réorientation : les remontées couvrent aussi les non néo-bacheliers.", remontee.etat_inscription.libelle()))
        } else {
            (
                Regle::R14,
                format!(
                    "Parcoursup sait désormais {} est en « {} » sur la formation {}.",
                    nom.que(),
                    remontee.etat_inscription.libelle(),
                    remontee.code_formation_psup
                ),
            )
        };
        journal.etat(
            Acteur::Parcoursup,
            regle,
            Changement::RemonteeEnregistree {
                code_candidat: remontee.code_candidat,
                code_formation_psup: remontee.code_formation_psup,
                etat_inscription: remontee.etat_inscription,
            },
            explication,
        );
        Retour::ok("Requete correctement traitee")
    }

    /// Checks a remontée against what Parcoursup knows; the error names the field.
    pub fn verifier_remontee(&self, remontee: &Remontee) -> Result<(), String> {
        let dossier = self.dossiers.get(&remontee.code_candidat).ok_or_else(|| {
            format!(
                "codeCandidat : le candidat {} est inconnu de Parcoursup",
                remontee.code_candidat
            )
        })?;
        let candidat = &dossier.candidat;
        if remontee.ine != candidat.ine {
            return Err(format!(
                "ine : « {} » n'est pas l'INE du candidat {}",
                remontee.ine, candidat.code_candidat
            ));
        }
        if remontee.date_naissance != candidat.date_naissance {
            return Err(format!(
                "dateNaissance : {} n'est pas la date de naissance du candidat {}",
                date_fr(remontee.date_naissance),
                candidat.code_candidat
            ));
        }
        if !dossier
            .voeux
            .iter()
            .any(|v| v.code_formation_psup == remontee.code_formation_psup)
        {
            return Err(format!(
                "codeFormationPsup : le candidat {} n'a pas accepté la formation {}",
                candidat.code_candidat, remontee.code_formation_psup
            ));
        }
        Ok(())
    }

    fn valider_connecteur(&mut self, journal: &mut Journal) -> Retour {
        if self.connecteur_valide() {
            return Retour::ok("Connecteur valide");
        }
        self.connecteur = EtatConnecteur::Valide {
            depuis: journal.jour,
        };
        let en_attente: Vec<u32> = self.a_envoyer.iter().copied().collect();
        let explication = if self.reglages.rattrapage_opi_apres_test {
            format!(
                "Test connecteur réussi : Parcoursup peut désormais envoyer les OPI ({} en attente partent maintenant).",
                en_attente.len()
            )
        } else {
            self.a_envoyer.clear();
            format!(
                "Test connecteur réussi : seules les OPI des changements à venir seront envoyées ({} en attente abandonnées, réglage sans rattrapage).",
                en_attente.len()
            )
        };
        journal.etat(
            Acteur::Parcoursup,
            Regle::R6,
            Changement::ConnecteurValide,
            explication,
        );
        if self.reglages.rattrapage_opi_apres_test {
            for code in en_attente {
                self.marquer(code, Regle::R6);
            }
        }
        Retour::ok("Connecteur valide")
    }

    fn refuser(
        &mut self,
        journal: &mut Journal,
        remontee: &Remontee,
        test: bool,
        raison: String,
    ) -> Retour {
        if test {
            if !self.connecteur_valide() {
                self.connecteur = EtatConnecteur::EnEchec {
                    raison: raison.clone(),
                    le: journal.jour,
                };
            }
            journal.etat(
                Acteur::Parcoursup,
                Regle::R6,
                Changement::ConnecteurEnEchec { raison: raison.clone() },
                format!("Test connecteur refusé ({raison}) : aucune OPI ne sera envoyée tant qu'un test ne réussit pas."),
            );
        } else {
            journal.etat(
                Acteur::Parcoursup,
                Regle::R14,
                Changement::RemonteeRejetee {
                    code_candidat: remontee.code_candidat,
                    raison: raison.clone(),
                },
                format!(
                    "Parcoursup rejette la remontée du candidat {} : {raison}.",
                    remontee.code_candidat
                ),
            );
        }
        Retour::nok(raison)
    }
}

/// Compares credentials without stopping at the first differing byte, so that the time taken says
/// nothing about how much of a guess was right.
fn identifiants_egaux(a: &Identifiants, b: &Identifiants) -> bool {
    egaux_temps_constant(a.login.as_bytes(), b.login.as_bytes())
        & egaux_temps_constant(a.pwd.as_bytes(), b.pwd.as_bytes())
}

fn egaux_temps_constant(a: &[u8], b: &[u8]) -> bool {
    let mut difference = (a.len() ^ b.len()) as u64;
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        difference |= u64::from(x ^ y);
    }
    difference == 0
}

fn explication_envoi(regle: Regle, candidat: &Candidat, opi: &Opi) -> String {
    use std::fmt::Write;
    let nom = candidat.nom_complet();
    let de_nom = nom.de();
    let mut voeux = String::new();
    for (i, v) in opi.voeux.iter().enumerate() {
        let separateur = if i == 0 { "" } else { ", " };
        let _ = write!(
            voeux,
            "{separateur}{}/{} {}",
            v.vet.cod_etp,
            v.vet.cod_vrs_vet,
            v.decision.libelle()
        );
    }
    if voeux.is_empty() {
        voeux.push_str("aucun vœu");
    }
    match regle {
        Regle::R6 => format!("Connecteur désormais valide : l'OPI retenue {de_nom} part enfin ({voeux})."),
        Regle::R7 => format!("OPI {de_nom} : vœu favorable jusqu'aux résultats du bac inclus, même pour un candidat qui échouera ({voeux})."),
        Regle::R8 => format!("Lendemain des résultats du bac : {nom} a échoué, l'OPI porte un vœu défavorable ({voeux})."),
        Regle::R9 => format!("Lendemain des résultats du rattrapage : {nom} a échoué, l'OPI porte un vœu défavorable ({voeux})."),
        Regle::R10 => format!("Désistement {de_nom} : l'OPI porte le vœu défavorable ({voeux})."),
        Regle::R16 => format!("Renvoi de l'OPI {de_nom} avec la liste complète de ses vœux ({voeux}) : Apogée doit mettre à jour le même dossier."),
        _ => format!("Parcoursup envoie l'OPI {de_nom} : individu et vœux ({voeux})."),
    }
}

impl Parcoursup {
    /// The vœux of this OPI that are D now but were not in the last OPI acknowledged: the lines of the
    /// second "vœux défavorables" file (R8, R10).
    pub fn nouveaux_voeux_defavorables(&self, opi: &Opi) -> Vec<VoeuOpi> {
        let precedents = self
            .dossiers
            .get(&opi.code_candidat)
            .and_then(|d| d.opi_acquittee.as_ref());
        opi.voeux
            .iter()
            .filter(|voeu| voeu.decision == CodeDecision::D)
            .filter(|voeu| {
                !precedents.is_some_and(|p| {
                    p.iter().any(|ancien| {
                        ancien.cle() == voeu.cle() && ancien.decision == CodeDecision::D
                    })
                })
            })
            .cloned()
            .collect()
    }

    /// The day's flat files for the OPI taken (R8, R10): the usual files, and the vœux turned D in the
    /// second file; the message is written to the transcript.
    pub fn fichiers_opi(
        &self,
        journal: &mut Journal,
        envois: &[EnvoiOpi],
    ) -> crate::message::FichiersOpi {
        use crate::transcript::{Canal, Contenu};
        let mut voeux_defavorables = Vec::new();
        for envoi in envois {
            for voeu in self.nouveaux_voeux_defavorables(&envoi.opi) {
                voeux_defavorables.push((envoi.opi.cod_opi.clone(), voeu));
            }
        }
        let regle = [
            Regle::R8,
            Regle::R9,
            Regle::R10,
            Regle::R7,
            Regle::R6,
            Regle::R16,
        ]
        .into_iter()
        .find(|r| envois.iter().any(|e| e.regle == *r))
        .or(envois.first().map(|e| e.regle))
        .unwrap_or(Regle::R1);
        let usuels: Vec<Opi> = envois
            .iter()
            .map(|e| {
                let mut opi = e.opi.clone();
                if !self.reglages.fichier_habituel_avec_voeux_defavorables {
                    opi.voeux.retain(|v| v.decision != CodeDecision::D);
                }
                opi
            })
            .collect();
        let explication = format!(
            "Fichiers OPI du jour : {} OPI dans les fichiers habituels, {} vœu(x) dans le fichier des vœux défavorables.",
            usuels.len(),
            voeux_defavorables.len()
        );
        let fichiers = crate::message::FichiersOpi {
            opi: usuels,
            voeux_defavorables,
        };
        journal.message(
            (Acteur::Parcoursup, Acteur::Apogee),
            Canal::FichiersPlats,
            regle,
            Contenu::FichiersOpi(fichiers.clone()),
            explication,
        );
        fichiers
    }
}
