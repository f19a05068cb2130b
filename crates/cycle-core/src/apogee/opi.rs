//! Writing an incoming OPI: find the same record (R16), replace its vœux (R1), and say what each vœu
//! turning D means for the candidate (R4, R11, R12).

use rustc_hash::FxHashMap;
use smol_str::SmolStr;

use time::Date;

use super::{Apogee, EtatIa};
use crate::message::{CodeDecision, Opi, VoeuOpi};
use crate::regle::Regle;
use crate::transcript::{Acteur, Changement, Journal};

/// The lookups of R16: OPI code, then student number, then INE, then name + first name + birth date.
/// Hash maps with a fixed hasher: lookups only, never iterated, so order cannot leak into a transcript.
#[derive(Clone, Debug, Default)]
pub(super) struct Index {
    cod_opi: FxHashMap<SmolStr, usize>,
    cod_etu: FxHashMap<SmolStr, usize>,
    ine: FxHashMap<SmolStr, usize>,
    identite: FxHashMap<(SmolStr, SmolStr, Date), usize>,
    code_candidat: FxHashMap<u32, usize>,
}

impl Index {
    pub(super) fn par_code_candidat(&self, code_candidat: u32) -> Option<usize> {
        self.code_candidat.get(&code_candidat).copied()
    }

    /// The record the OPI updates, and which key found it.
    fn retrouver(&self, opi: &Opi) -> Option<(usize, &'static str)> {
        if let Some(&i) = self.cod_opi.get(&opi.cod_opi) {
            return Some((i, "code OPI"));
        }
        if let Some(&i) = opi.cod_etu.as_ref().and_then(|c| self.cod_etu.get(c)) {
            return Some((i, "numéro étudiant"));
        }
        if let Some(&i) = self.ine.get(&opi.ine) {
            return Some((i, "INE"));
        }
        self.identite
            .get(&(opi.nom.clone(), opi.prenom.clone(), opi.date_naissance))
            .map(|&i| (i, "nom, prénom et date de naissance"))
    }

    fn indexer(&mut self, i: usize, opi: &Opi) {
        self.cod_opi.insert(opi.cod_opi.clone(), i);
        if let Some(cod_etu) = &opi.cod_etu {
            self.cod_etu.insert(cod_etu.clone(), i);
        }
        self.ine.insert(opi.ine.clone(), i);
        self.identite
            .insert((opi.nom.clone(), opi.prenom.clone(), opi.date_naissance), i);
        self.code_candidat.insert(opi.code_candidat, i);
    }
}

impl Apogee {
    /// Writes an OPI as Apogée's webservice (or file import) does. With the fault armed only the
    /// individu is written (said by a `voeux_non_ecrits` entry), and success is answered all the
    /// same, so a careful sender reads the record back ([`Apogee::dossier_opi`]).
    pub fn recevoir_opi(&mut self, journal: &mut Journal, opi: &Opi) {
        let panne = self.pannes_ecriture_voeux.remove(&opi.code_candidat);
        let existant = self.index.retrouver(opi);
        let (i, anciens_voeux) = match existant {
            Some((i, _)) => {
                let ancien = &mut self.dossiers[i];
                let cles_changees = ancien.cod_opi != opi.cod_opi
                    || ancien.cod_etu != opi.cod_etu
                    || ancien.ine != opi.ine
                    || (&ancien.nom, &ancien.prenom, ancien.date_naissance)
                        != (&opi.nom, &opi.prenom, opi.date_naissance)
                    || ancien.code_candidat != opi.code_candidat;
                let anciens_voeux = std::mem::take(&mut ancien.voeux);
                *ancien = Opi {
                    voeux: Vec::new(),
                    ..opi.clone_individu()
                };
                if cles_changees {
                    self.index.indexer(i, &self.dossiers[i]);
                }
                (i, anciens_voeux)
            }
            None => {
                self.dossiers.push(opi.clone_individu());
                let i = self.dossiers.len() - 1;
                self.index.indexer(i, &self.dossiers[i]);
                (i, Vec::new())
            }
        };

        let nom = crate::candidat::NomComplet::personne(&opi.prenom, &opi.nom, opi.sexe);

        let de_nom = nom.de();

        let (regle, explication) = match existant {
            None => (
                Regle::R1,
                format!("Apogée crée le dossier OPI {} {de_nom} : individu et {} vœu(x).", opi.cod_opi, opi.voeux.len()),
            ),
            Some((_, cle)) => (
                Regle::R16,
                format!("Apogée retrouve le dossier OPI {de_nom} par son {cle} et le met à jour, sans doublon ; les vœux sont remplacés par la liste reçue."),
            ),
        };
        journal.etat(
            Acteur::Apogee,
            regle,
            Changement::OpiEnregistree {
                code_candidat: opi.code_candidat,
                cod_opi: opi.cod_opi.clone(),
                creation: existant.is_none(),
                voeux: opi
                    .voeux
                    .iter()
                    .map(|v| (v.code_vet(), v.decision))
                    .collect(),
            },
            explication,
        );
        if panne {
            self.dossiers[i].voeux = anciens_voeux;
            journal.etat(
                Acteur::Apogee,
                Regle::R1,
                Changement::VoeuxNonEcrits {
                    code_candidat: opi.code_candidat,
                    cod_opi: opi.cod_opi.clone(),
                },
                format!("Panne : Apogée écrit l'individu {de_nom} mais pas ses vœux, et répond pourtant « succès »."),
            );
            return;
        }
        for voeu in &opi.voeux {
            let devient_d = voeu.decision == CodeDecision::D
                && !anciens_voeux
                    .iter()
                    .any(|ancien| ancien.cle() == voeu.cle() && ancien.decision == CodeDecision::D);
            if devient_d {
                self.consequences_d(journal, opi.code_candidat, voeu);
            }
        }
        self.dossiers[i].voeux = opi.voeux.clone();
    }

    /// A vœu just turned D: a valid IA is kept and flagged (R12), a laissez-passer is kept (R4), otherwise
    /// online registration closes (R11).
    fn consequences_d(&mut self, journal: &mut Journal, code_candidat: u32, voeu: &VoeuOpi) {
        let vet = voeu.code_vet();
        let nom = self.nom_de(code_candidat);
        let de_nom = nom.de();
        let valides: Vec<usize> = self
            .ias_du_candidat(code_candidat)
            .filter(|(_, ia)| {
                ia.code_formation_psup == voeu.code_formation_psup && ia.etat == EtatIa::EnCours
            })
            .map(|(i, _)| i)
            .collect();
        for &i in &valides {
            let ia = &mut self.ias[i];
            ia.annulation_manuelle_requise = true;
            journal.etat(
                Acteur::Apogee,
                Regle::R12,
                Changement::AnnulationManuelleRequise {
                    code_candidat,
                    vet: ia.vet.clone(),
                },
                format!(
                    "Le vœu {de_nom} devient D mais son IA sur {} est valide : elle reste en l'état, un gestionnaire doit l'annuler à la main.",
                    ia.vet
                ),
            );
        }
        if !valides.is_empty() {
            return;
        }
        if self.a_laissez_passer(code_candidat, &vet) {
            journal.etat(
                Acteur::Apogee,
                Regle::R4,
                Changement::LaissezPasserConserve { code_candidat, vet: vet.clone() },
                format!("Le vœu {de_nom} sur {vet} devient D, mais le laissez-passer existant est conservé : l'inscription web reste possible."),
            );
        } else {
            journal.etat(
                Acteur::Apogee,
                Regle::R11,
                Changement::InscriptionWebFermee { code_candidat, vet: vet.clone() },
                format!("Le vœu {de_nom} sur {vet} est D et {nom} n'a pas d'IA : l'inscription par le web lui est fermée, sauf laissez-passer."),
            );
        }
    }
}
