//! `POST /admissionCandidat`: Parcoursup's synchronous JSON push (`domain.md` §3.2).
//!
//! The body is checked field by field by `cycle-wire` (a record sent unwrapped is accepted when the
//! set-up allows that quirk), the credentials must be those the establishment chose, and the record
//! becomes an OPI through `cycle-codec`. Answers are `{"retour","message"}`: OK with HTTP 200, NOK
//! with 400 (unreadable body), 401 (credentials), 422 (a formation the university does not map) or
//! 500 (the journal cannot be written).
//!
//! One push names one formation, whereas an OPI carries the candidate's full list of vœux (R16): the
//! received vœu therefore replaces the stored vœu of the same formation, the others being kept. That
//! is the push's meaning, not a rule; the core then judges the list as for any OPI.
//!
//! A push carries the INE but no student number (no `codEtuOpi` as in SOAP): for a student the
//! university already knows (a réorientation, who re-registers through IA Réins) the number comes
//! from the OPI record already stored, else from the university's own students
//! ([`crate::Parametrage::etudiants_connus`]), found by INE.

use cycle_codec::opi::donnees_candidat_en_opi;
use cycle_core::transcript::Canal;
use cycle_core::Opi;
use cycle_wire::rest::{decode_admission_candidat, encode_retour, Compat, Retour};

use super::soap::{Reception, ReponseHttp};
use crate::{Commande, Connecteur};

const TYPE_JSON: &str = "application/json";

impl Connecteur {
    /// Receives one `admissionCandidat` body.
    pub fn recevoir_push(&mut self, corps: &[u8]) -> Reception {
        let compat = Compat {
            accept_donnees_candidat_a_plat: self.parametrage.push_a_plat_accepte,
            ..Compat::default()
        };
        let push = match decode_admission_candidat(corps, compat) {
            Ok(push) => push,
            Err(erreur) => return repondre(400, Retour::from(&erreur)),
        };
        let attendus = &self.parametrage.identifiants_push;
        if !attendus.sont(&push.identifiant.login, &push.identifiant.pwd) {
            return repondre(
                401,
                Retour::nok("identifiant : login ou mot de passe incorrect"),
            );
        }
        let recu = match donnees_candidat_en_opi(
            &push.donnees_candidat,
            &self.parametrage.universite,
            self.parametrage.campagne.annee,
        ) {
            Ok(opi) => opi,
            Err(erreur) => return repondre(422, Retour::nok(erreur.to_string())),
        };
        let opi = self.avec_le_numero_etudiant(self.avec_les_autres_voeux(recu));
        let commande = Commande::Opi {
            canal: Canal::PushJson,
            opi,
        };
        let entrees = match self.executer(commande) {
            Ok(entrees) => entrees,
            // Not Parcoursup's fault: a 5xx, so that it sends the record again.
            Err(erreur) => return repondre(500, Retour::nok(erreur.to_string())),
        };
        Reception {
            reponse: reponse_json(200, &Retour::ok("Requete correctement traitee")),
            entrees,
        }
    }

    /// The stored list of vœux with the pushed one in place of its formation's (or added last).
    /// A push carries no student number: the one Apogée knows is kept.
    fn avec_les_autres_voeux(&self, mut recu: Opi) -> Opi {
        let Some(dossier) = self.apogee.dossier_opi(recu.code_candidat) else {
            return recu;
        };
        let mut voeux = dossier.voeux.clone();
        for mut nouveau in std::mem::take(&mut recu.voeux) {
            match voeux
                .iter_mut()
                .find(|v| v.code_formation_psup == nouveau.code_formation_psup)
            {
                Some(existant) => {
                    nouveau.rang = existant.rang;
                    *existant = nouveau;
                }
                None => {
                    nouveau.rang = u16::try_from(voeux.len() + 1).unwrap_or(u16::MAX);
                    voeux.push(nouveau);
                }
            }
        }
        recu.voeux = voeux;
        if recu.cod_etu.is_none() {
            recu.cod_etu = dossier.cod_etu.clone();
        }
        recu
    }

    /// The student number the push does not carry: Apogée's own, found by INE.
    fn avec_le_numero_etudiant(&self, mut recu: Opi) -> Opi {
        if recu.cod_etu.is_none() {
            recu.cod_etu = self.parametrage.etudiants_connus.get(&recu.ine).cloned();
        }
        recu
    }
}

fn reponse_json(statut: u16, retour: &Retour) -> ReponseHttp {
    ReponseHttp {
        statut,
        type_contenu: TYPE_JSON,
        corps: encode_retour(retour),
    }
}

fn repondre(statut: u16, retour: Retour) -> Reception {
    Reception {
        reponse: reponse_json(statut, &retour),
        entrees: Vec::new(),
    }
}
