//! Which decision code Parcoursup puts on a vœu on a given day (R2, R3, R7, R8, R9, R10, R15).

use time::Date;

use crate::calendrier::Campagne;
use crate::candidat::{Candidat, Profil, ResultatBac};
use crate::message::CodeDecision;
use crate::referentiel::Reponse;
use crate::regle::Regle;

/// The decision of one accepted (or resigned) vœu on `jour`, and the rule that sets it.
pub fn decision_du_jour(
    candidat: &Candidat,
    reponse: Reponse,
    desiste: bool,
    campagne: &Campagne,
    jour: Date,
) -> (CodeDecision, Regle) {
    if desiste {
        return (CodeDecision::D, Regle::R10);
    }
    let accord = match reponse {
        Reponse::Oui => (CodeDecision::F, Regle::R2),
        Reponse::OuiSi3Ans | Reponse::OuiSi4Ans => (CodeDecision::S, Regle::R3),
    };
    let resultat = match &candidat.profil {
        // A réorientation never waits for bac results (R15).
        Profil::Reorientation => return accord,
        Profil::NeoBachelier { resultat_bac } => *resultat_bac,
    };
    // "Dès le lendemain de la publication": the results day itself still carries the favourable vœu (R7).
    let apres_bac = jour > campagne.resultats_bac;
    let apres_rattrapage = jour > campagne.resultats_rattrapage;
    match resultat {
        ResultatBac::Echec if apres_bac => (CodeDecision::D, Regle::R8),
        ResultatBac::RattrapageEchec if apres_rattrapage => (CodeDecision::D, Regle::R9),
        ResultatBac::RattrapageAdmis | ResultatBac::RattrapageEchec if apres_bac => {
            (accord.0, Regle::R9)
        }
        ResultatBac::Echec | ResultatBac::RattrapageAdmis | ResultatBac::RattrapageEchec => {
            (accord.0, Regle::R7)
        }
        ResultatBac::Admis => accord,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendrier::PresetCampagne;
    use crate::candidat::Sexe;
    use time::macros::date;

    fn candidat(profil: Profil) -> Candidat {
        Candidat {
            code_candidat: 1048576,
            ine: "123456789AB".into(),
            nom: "DURAND".into(),
            prenom: "Léa".into(),
            sexe: Sexe::F,
            date_naissance: date!(2008 - 02 - 03),
            cod_etu: None,
            profil,
        }
    }

    fn neo(resultat_bac: ResultatBac) -> Candidat {
        candidat(Profil::NeoBachelier { resultat_bac })
    }

    #[test]
    fn bac_failure_turns_d_only_the_day_after_the_results() {
        let c = PresetCampagne::Annee2024.campagne(); // results on 8 July
        let echec = neo(ResultatBac::Echec);
        let decision = |jour| decision_du_jour(&echec, Reponse::Oui, false, &c, jour);
        assert_eq!(
            decision(date!(2024 - 07 - 08)),
            (CodeDecision::F, Regle::R7)
        );
        assert_eq!(
            decision(date!(2024 - 07 - 09)),
            (CodeDecision::D, Regle::R8)
        );
    }

    #[test]
    fn rattrapage_keeps_the_voeu_until_its_own_results() {
        let c = PresetCampagne::Annee2024.campagne(); // rattrapage results on 11 July
        let echec = neo(ResultatBac::RattrapageEchec);
        let admis = neo(ResultatBac::RattrapageAdmis);
        let d = |cand: &Candidat, jour| decision_du_jour(cand, Reponse::OuiSi4Ans, false, &c, jour);
        assert_eq!(
            d(&echec, date!(2024 - 07 - 10)),
            (CodeDecision::S, Regle::R9)
        );
        assert_eq!(
            d(&echec, date!(2024 - 07 - 11)),
            (CodeDecision::S, Regle::R9)
        );
        assert_eq!(
            d(&echec, date!(2024 - 07 - 12)),
            (CodeDecision::D, Regle::R9)
        );
        assert_eq!(
            d(&admis, date!(2024 - 07 - 12)),
            (CodeDecision::S, Regle::R9)
        );
    }

    #[test]
    fn desistement_wins_and_reorientation_ignores_the_bac() {
        let c = PresetCampagne::Annee2024.campagne();
        let admis = neo(ResultatBac::Admis);
        assert_eq!(
            decision_du_jour(&admis, Reponse::Oui, true, &c, date!(2024 - 06 - 01)),
            (CodeDecision::D, Regle::R10)
        );
        let reo = candidat(Profil::Reorientation);
        assert_eq!(
            decision_du_jour(&reo, Reponse::Oui, false, &c, date!(2024 - 08 - 01)),
            (CodeDecision::F, Regle::R2)
        );
    }
}
