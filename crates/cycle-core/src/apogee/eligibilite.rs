//! What IA Primo lets a candidate do on a VET on a given day (R2, R3, R4, R11, R17).

use time::Date;

use super::{Apogee, EtatIa, Paiement};
use crate::message::CodeDecision;
use crate::referentiel::CodeVet;
use crate::transcript::{Autorisation, MotifRefus, OffreVet};

impl Apogee {
    /// Whether the candidate may register online on `vet` on `jour`, and why (R17's reasons first, then
    /// the vœu's decision and the laissez-passer).
    pub fn eligibilite_ia_primo(
        &self,
        code_candidat: u32,
        vet: &CodeVet,
        jour: Date,
    ) -> Result<Autorisation, MotifRefus> {
        let dossier = self
            .dossier_opi(code_candidat)
            .ok_or(MotifRefus::AucuneOpi)?;
        if let Some((_, ia)) = self.ias_du_candidat(code_candidat).find(|(_, ia)| {
            &ia.vet == vet && matches!(ia.etat, EtatIa::EnCours | EtatIa::EnCreation)
        }) {
            return Err(match ia.paiement {
                Paiement::Payee => MotifRefus::DejaInscrit,
                Paiement::EnAttente => MotifRefus::EnAttenteDePaiement,
            });
        }
        if !self.vet_ouverte(vet, jour) {
            return Err(MotifRefus::VetFermee);
        }
        let laissez_passer = self.a_laissez_passer(code_candidat, vet);
        let decision = dossier
            .voeux
            .iter()
            .find(|voeu| voeu.vet.est(vet))
            .map(|voeu| voeu.decision);
        match (decision, laissez_passer) {
            (Some(CodeDecision::F), _) => Ok(Autorisation::Favorable),
            (Some(CodeDecision::S), _) => Ok(Autorisation::OuiSi),
            (_, true) => Ok(Autorisation::LaissezPasser),
            (Some(CodeDecision::D), false) => Err(MotifRefus::DecisionDefavorable),
            (None, false) => Err(MotifRefus::VetNonProposee),
        }
    }

    /// "Ce que voit le candidat": every VET of his vœux and laissez-passer, offered or refused with the
    /// reason.
    pub fn offre_ia_primo(&self, code_candidat: u32, jour: Date) -> Vec<OffreVet> {
        let mut vets: Vec<CodeVet> = Vec::new();
        if let Some(dossier) = self.dossier_opi(code_candidat) {
            vets.extend(dossier.voeux.iter().map(|v| v.code_vet()));
        }
        vets.extend(
            self.laissez_passer
                .get(&code_candidat)
                .into_iter()
                .flatten()
                .map(|lp| lp.vet.clone()),
        );
        let mut vues = std::collections::BTreeSet::new();
        vets.retain(|vet| vues.insert(vet.clone()));
        vets.into_iter()
            .map(|vet| OffreVet {
                libelle_formation: self
                    .universite
                    .formation_de_vet(&vet)
                    .map(|(f, _, _)| f.libelle.clone())
                    .unwrap_or_default(),
                verdict: self.eligibilite_ia_primo(code_candidat, &vet, jour),
                vet,
            })
            .collect()
    }

    fn vet_ouverte(&self, vet: &CodeVet, jour: Date) -> bool {
        let periode = self
            .universite
            .formation_de_vet(vet)
            .and_then(|(formation, _, _)| formation.ouverture_ia_primo)
            .unwrap_or(self.campagne.ouverture_ia_primo);
        periode.contient(jour)
    }
}
