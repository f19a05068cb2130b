//! Inscriptions administratives: creation through IA Primo, IA Réins or IA gestionnaire, payment,
//! cancellation and résiliation (R3, R12, R13, R14, R17).

use serde::Serialize;
use time::Date;

use super::Apogee;
use crate::erreur::ErreurEvenement;
use crate::message::{CodeDecision, EtatInscription};
use crate::referentiel::CodeVet;
use crate::regle::Regle;
use crate::transcript::{
    Acteur, Autorisation, Canal, CanalIa, Changement, Contenu, Journal, MotifRefus,
};

/// `ETA_IAE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EtatIa {
    /// E, en cours: the IA is valid.
    #[serde(rename = "E")]
    EnCours,
    /// A, annulée.
    #[serde(rename = "A")]
    Annulee,
    /// R, résiliée.
    #[serde(rename = "R")]
    Resiliee,
    /// C, en cours de création.
    #[serde(rename = "C")]
    EnCreation,
}

/// `ETA_PMT_IAE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Paiement {
    /// P, payée.
    #[serde(rename = "P")]
    Payee,
    /// A, en attente de paiement.
    #[serde(rename = "A")]
    EnAttente,
}

/// One IA (`INS_ADM_ETP`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ia {
    pub code_candidat: u32,
    pub vet: CodeVet,
    pub code_formation_psup: u32,
    pub canal: CanalIa,
    pub etat: EtatIa,
    pub paiement: Paiement,
    /// Filled automatically from a vœu S (R3).
    pub categorie_oui_si: Option<String>,
    pub motif_oui_si: Option<String>,
    pub cursus_amenage: Option<String>,
    /// What the remontée reports while the IA is valid (1, 2, 4 or 5).
    pub etat_inscription: EtatInscription,
    /// A D arrived while the IA was valid: staff must cancel it by hand (R12).
    pub annulation_manuelle_requise: bool,
    pub creee_le: Date,
}

/// How an IA is being entered: the checks differ by service.
struct Demande {
    code_candidat: u32,
    vet: CodeVet,
    canal: CanalIa,
    payee: bool,
    etat_inscription: EtatInscription,
}

impl Apogee {
    /// The candidate registers online on a VET (IA Primo). A refusal is an entry, not an error.
    pub fn ia_primo(
        &mut self,
        journal: &mut Journal,
        code_candidat: u32,
        vet: CodeVet,
        payee: bool,
    ) -> Result<(), ErreurEvenement> {
        self.verifier_vet(&vet)?;
        journal.message(
            (Acteur::Candidat, Acteur::Apogee),
            Canal::IaPrimo,
            Regle::R17,
            Contenu::DemandeIaPrimo {
                code_candidat,
                vet: vet.clone(),
            },
            format!(
                "{} demande à s'inscrire en ligne sur {vet}.",
                self.nom_de(code_candidat)
            ),
        );
        let verdict = self.eligibilite_ia_primo(code_candidat, &vet, journal.jour);
        self.creer_ou_refuser(
            journal,
            Demande {
                code_candidat,
                vet,
                canal: CanalIa::IaPrimo,
                payee,
                etat_inscription: EtatInscription::Principale,
            },
            verdict,
        );
        Ok(())
    }

    /// A known student re-registers online (IA Réins).
    pub fn ia_reins(
        &mut self,
        journal: &mut Journal,
        code_candidat: u32,
        vet: CodeVet,
        payee: bool,
    ) -> Result<(), ErreurEvenement> {
        self.verifier_vet(&vet)?;
        let dossier = self
            .dossier_opi(code_candidat)
            .ok_or(ErreurEvenement::PasDeDossierOpi(code_candidat))?;
        if dossier.cod_etu.is_none() {
            return Err(ErreurEvenement::PasDeNumeroEtudiant(code_candidat));
        }
        let verdict = if self.reglages.ia_reins_controle_voeux {
            self.eligibilite_ia_primo(code_candidat, &vet, journal.jour)
        } else {
            self.verdict_ia_existante(code_candidat, &vet)
                .map(|_| Autorisation::Favorable)
        };
        self.creer_ou_refuser(
            journal,
            Demande {
                code_candidat,
                vet,
                canal: CanalIa::IaReins,
                payee,
                etat_inscription: EtatInscription::Principale,
            },
            verdict,
        );
        Ok(())
    }

    /// Staff enter the IA in the Apogée client: no vœu check, only no second IA on the same VET.
    pub fn ia_gestionnaire(
        &mut self,
        journal: &mut Journal,
        code_candidat: u32,
        vet: CodeVet,
        payee: bool,
        etat_inscription: EtatInscription,
    ) -> Result<(), ErreurEvenement> {
        // A valid IA is reported as 1, 2, 4 or 5; only its cancellation is reported as 3 (R14).
        if etat_inscription == EtatInscription::Annulee {
            return Err(ErreurEvenement::EtatInscriptionAnnulee);
        }
        self.verifier_vet(&vet)?;
        self.dossier_opi(code_candidat)
            .ok_or(ErreurEvenement::PasDeDossierOpi(code_candidat))?;
        let verdict = self.verdict_ia_existante(code_candidat, &vet).map(|()| {
            match self.decision_sur(code_candidat, &vet) {
                Some(CodeDecision::S) => Autorisation::OuiSi,
                _ => Autorisation::Favorable,
            }
        });
        self.creer_ou_refuser(
            journal,
            Demande {
                code_candidat,
                vet,
                canal: CanalIa::Gestionnaire,
                payee,
                etat_inscription,
            },
            verdict,
        );
        Ok(())
    }

    fn verdict_ia_existante(&self, code_candidat: u32, vet: &CodeVet) -> Result<(), MotifRefus> {
        match self.ia_en_cours(code_candidat, vet) {
            Some(ia) if ia.paiement == crate::apogee::Paiement::Payee => {
                Err(MotifRefus::DejaInscrit)
            }
            Some(_) => Err(MotifRefus::EnAttenteDePaiement),
            None => Ok(()),
        }
    }

    fn decision_sur(&self, code_candidat: u32, vet: &CodeVet) -> Option<CodeDecision> {
        self.dossier_opi(code_candidat)?
            .voeux
            .iter()
            .find(|v| v.vet.est(vet))
            .map(|v| v.decision)
    }

    fn creer_ou_refuser(
        &mut self,
        journal: &mut Journal,
        demande: Demande,
        verdict: Result<Autorisation, MotifRefus>,
    ) {
        let nom = self.nom_de(demande.code_candidat);
        let de_nom = nom.de();
        let a_nom = nom.a();
        let Demande {
            code_candidat,
            vet,
            canal,
            payee,
            etat_inscription,
        } = demande;
        let autorisation = match verdict {
            Ok(autorisation) => autorisation,
            Err(motif) => {
                journal.etat(
                    Acteur::Apogee,
                    motif.regle(),
                    Changement::IaRefusee {
                        code_candidat,
                        vet: vet.clone(),
                        canal,
                        motif,
                    },
                    format!(
                        "{} refusée {a_nom} sur {vet} : {}.",
                        canal.libelle(),
                        motif.libelle()
                    ),
                );
                return;
            }
        };
        let Some((formation, _, oui_si)) = self.universite.formation_de_vet(&vet) else {
            return;
        };
        let code_formation_psup = formation.code_formation_psup;
        // R3: a vœu S fills catégorie and motif and attaches the cursus aménagé of the Oui Si VET.
        let oui_si = (autorisation == Autorisation::OuiSi)
            .then_some(oui_si)
            .flatten()
            .cloned();
        let explication = match (&oui_si, autorisation) {
            (Some(o), _) => format!(
                "{} {de_nom} créée sur {vet} (vœu Oui Si) : catégorie {} « {} » et cursus aménagé {} renseignés d'office.",
                canal.libelle(), o.categorie, o.motif, o.cursus_amenage
            ),
            (None, Autorisation::LaissezPasser) => format!("{} {de_nom} créée sur {vet} grâce au laissez-passer.", canal.libelle()),
            (None, _) if canal == CanalIa::Gestionnaire => format!("IA gestionnaire {de_nom} saisie sur {vet} dans le client Apogée."),
            (None, _) => format!("{} {de_nom} créée sur {vet} : la VET du vœu favorable lui est proposée.", canal.libelle()),
        };
        let regle = if canal == CanalIa::Gestionnaire && oui_si.is_none() {
            Regle::R13
        } else {
            autorisation.regle()
        };
        journal.etat(
            Acteur::Apogee,
            regle,
            Changement::IaCreee {
                code_candidat,
                vet: vet.clone(),
                canal,
                autorisation: Some(autorisation),
                categorie_oui_si: oui_si.as_ref().map(|o| o.categorie.clone()),
                motif_oui_si: oui_si.as_ref().map(|o| o.motif.clone()),
                cursus_amenage: oui_si.as_ref().map(|o| o.cursus_amenage.clone()),
            },
            explication,
        );
        let index = self.ajouter_ia(Ia {
            code_candidat,
            vet: vet.clone(),
            code_formation_psup,
            canal,
            etat: EtatIa::EnCours,
            paiement: Paiement::EnAttente,
            categorie_oui_si: oui_si.as_ref().map(|o| o.categorie.clone()),
            motif_oui_si: oui_si.as_ref().map(|o| o.motif.clone()),
            cursus_amenage: oui_si.as_ref().map(|o| o.cursus_amenage.clone()),
            etat_inscription,
            annulation_manuelle_requise: false,
            creee_le: journal.jour,
        });
        if payee {
            self.enregistrer_paiement(journal, index);
        }
    }

    /// The IA is paid (R13).
    pub fn payer(
        &mut self,
        journal: &mut Journal,
        code_candidat: u32,
        vet: CodeVet,
    ) -> Result<(), ErreurEvenement> {
        let index = self.index_ia_en_cours(code_candidat, &vet)?;
        if self.ias[index].paiement == Paiement::Payee {
            return Err(ErreurEvenement::IaDejaPayee {
                candidat: code_candidat,
                vet,
            });
        }
        self.enregistrer_paiement(journal, index);
        Ok(())
    }

    fn enregistrer_paiement(&mut self, journal: &mut Journal, index: usize) {
        let ia = &mut self.ias[index];
        ia.paiement = Paiement::Payee;
        let (code_candidat, vet) = (ia.code_candidat, ia.vet.clone());
        let nom = self.nom_de(code_candidat);
        journal.etat(
            Acteur::Apogee,
            Regle::R13,
            Changement::IaPayee {
                code_candidat,
                vet: vet.clone(),
            },
            format!("{nom} paie son IA sur {vet}."),
        );
        self.ecrire_ligne_remontee(journal, index);
    }

    /// Staff cancel the IA (état A). A paid one is reported with `etatInscription` 3 (R14).
    pub fn annuler(
        &mut self,
        journal: &mut Journal,
        code_candidat: u32,
        vet: CodeVet,
    ) -> Result<(), ErreurEvenement> {
        let index = self.index_ia_en_cours(code_candidat, &vet)?;
        let nom = self.nom_de(code_candidat);
        let de_nom = nom.de();
        let ia = &mut self.ias[index];
        ia.etat = EtatIa::Annulee;
        let etait_payee = ia.paiement == Paiement::Payee;
        let etait_signalee = std::mem::take(&mut ia.annulation_manuelle_requise);
        let (regle, explication) = match (etait_signalee, etait_payee) {
            (true, _) => (Regle::R12, format!("Un gestionnaire annule à la main l'IA {de_nom} sur {vet}, comme le demandait le vœu devenu D.")),
            (false, true) => (Regle::R14, format!("Un gestionnaire annule l'IA payée {de_nom} sur {vet} : l'annulation sera remontée à Parcoursup.")),
            (false, false) => (Regle::R13, format!("Un gestionnaire annule l'IA non payée {de_nom} sur {vet} : elle n'avait jamais été remontée, rien à remonter.")),
        };
        journal.etat(
            Acteur::Apogee,
            regle,
            Changement::IaAnnulee {
                code_candidat,
                vet,
                etait_payee,
            },
            explication,
        );
        if etait_payee {
            self.ecrire_ligne_remontee(journal, index);
        }
        Ok(())
    }

    /// Staff résilient the IA (état R); reported as a cancellation when the setting says so.
    pub fn resilier(
        &mut self,
        journal: &mut Journal,
        code_candidat: u32,
        vet: CodeVet,
    ) -> Result<(), ErreurEvenement> {
        let index = self.index_ia_en_cours(code_candidat, &vet)?;
        let nom = self.nom_de(code_candidat);
        let de_nom = nom.de();
        let ia = &mut self.ias[index];
        ia.etat = EtatIa::Resiliee;
        ia.annulation_manuelle_requise = false;
        let etait_payee = ia.paiement == Paiement::Payee;
        journal.etat(
            Acteur::Apogee,
            Regle::R14,
            Changement::IaResiliee {
                code_candidat,
                vet: vet.clone(),
            },
            format!("L'IA {de_nom} sur {vet} est résiliée."),
        );
        if etait_payee && self.reglages.resiliation_remontee_comme_annulation {
            self.ecrire_ligne_remontee(journal, index);
        }
        Ok(())
    }

    /// Staff create a laissez-passer (R4); a later D never removes it.
    pub fn creer_laissez_passer(
        &mut self,
        journal: &mut Journal,
        code_candidat: u32,
        vet: CodeVet,
    ) -> Result<(), ErreurEvenement> {
        self.verifier_vet(&vet)?;
        self.dossier_opi(code_candidat)
            .ok_or(ErreurEvenement::PasDeDossierOpi(code_candidat))?;
        if self.a_laissez_passer(code_candidat, &vet) {
            return Err(ErreurEvenement::LaissezPasserExistant {
                candidat: code_candidat,
                vet,
            });
        }
        let nom = self.nom_de(code_candidat);
        journal.etat(
            Acteur::Apogee,
            Regle::R4,
            Changement::LaissezPasserCree { code_candidat, vet: vet.clone() },
            format!("Un gestionnaire crée un laissez-passer pour {nom} sur {vet} : la VET lui sera proposée comme sur un vœu favorable."),
        );
        self.laissez_passer
            .entry(code_candidat)
            .or_default()
            .push(super::LaissezPasser {
                code_candidat,
                vet,
                cree_le: journal.jour,
            });
        Ok(())
    }

    fn verifier_vet(&self, vet: &CodeVet) -> Result<(), ErreurEvenement> {
        self.universite
            .formation_de_vet(vet)
            .map(|_| ())
            .ok_or_else(|| ErreurEvenement::VetInconnue(vet.clone()))
    }

    fn ia_en_cours(&self, code_candidat: u32, vet: &CodeVet) -> Option<&Ia> {
        self.ias_du_candidat(code_candidat)
            .map(|(_, ia)| ia)
            .find(|ia| &ia.vet == vet && matches!(ia.etat, EtatIa::EnCours | EtatIa::EnCreation))
    }

    fn index_ia_en_cours(
        &self,
        code_candidat: u32,
        vet: &CodeVet,
    ) -> Result<usize, ErreurEvenement> {
        let mut sur_vet = self
            .ias_du_candidat(code_candidat)
            .filter(|(_, ia)| &ia.vet == vet)
            .peekable();
        if sur_vet.peek().is_none() {
            return Err(ErreurEvenement::IaInconnue {
                candidat: code_candidat,
                vet: vet.clone(),
            });
        }
        sur_vet
            .find(|(_, ia)| ia.etat == EtatIa::EnCours)
            .map(|(i, _)| i)
            .ok_or_else(|| ErreurEvenement::IaNonValide {
                candidat: code_candidat,
                vet: vet.clone(),
            })
    }
}
