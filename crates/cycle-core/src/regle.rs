//! The rules R1–R17 of `domain.md`, each with its French summary and the sentence of the fiche it comes from.
//!
//! Every entry of a transcript names exactly one rule: the one that made it happen. Trainers read the
//! summary; the citation lets them find the paragraph of the fiche pratique.

use serde::{Deserialize, Serialize};

/// One rule of the cycle. Serialised as `"R1"` … `"R17"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Regle {
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
    R15,
    R16,
    R17,
}

impl Regle {
    pub const TOUTES: [Regle; 17] = [
        Regle::R1,
        Regle::R2,
        Regle::R3,
        Regle::R4,
        Regle::R5,
        Regle::R6,
        Regle::R7,
        Regle::R8,
        Regle::R9,
        Regle::R10,
        Regle::R11,
        Regle::R12,
        Regle::R13,
        Regle::R14,
        Regle::R15,
        Regle::R16,
        Regle::R17,
    ];

    /// `"R1"` … `"R17"`.
    pub fn code(self) -> &'static str {
        match self {
            Regle::R1 => "R1",
            Regle::R2 => "R2",
            Regle::R3 => "R3",
            Regle::R4 => "R4",
            Regle::R5 => "R5",
            Regle::R6 => "R6",
            Regle::R7 => "R7",
            Regle::R8 => "R8",
            Regle::R9 => "R9",
            Regle::R10 => "R10",
            Regle::R11 => "R11",
            Regle::R12 => "R12",
            Regle::R13 => "R13",
            Regle::R14 => "R14",
            Regle::R15 => "R15",
            Regle::R16 => "R16",
            Regle::R17 => "R17",
        }
    }

    /// Parses `"R1"` … `"R17"` (case-insensitive).
    pub fn depuis_code(code: &str) -> Option<Regle> {
        Regle::TOUTES
            .into_iter()
            .find(|regle| regle.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The rule in one French sentence, as a trainer would say it.
    pub fn resume(self) -> &'static str {
        match self {
            Regle::R1 => "Une OPI se compose d'un individu et de vœux, chacun avec un code décision F, S ou D.",
            Regle::R2 => "Vœu F (favorable) : la VET du vœu est proposée au candidat pour son inscription.",
            Regle::R3 => "Vœu S (Oui Si) : inscription possible ; catégorie et motif Oui Si remplis d'office, cursus aménagé rattaché à l'IA.",
            Regle::R4 => "Vœu D : la VET n'est pas proposée, mais un laissez-passer reste possible et n'est jamais effacé par un D ultérieur.",
            Regle::R5 => "Chaque formation Parcoursup est reliée à une VET par réponse qu'elle propose : « Oui », et selon la formation « Oui Si 3 ans » et « Oui Si 4 ans ».",
            Regle::R6 => "Parcoursup n'envoie aucune OPI tant que le webservice de remontées n'est pas paramétré et le connecteur testé avec succès.",
            Regle::R7 => "Jusqu'au jour des résultats du bac inclus, les OPI portent un vœu favorable pour tous les candidats, même ceux qui échoueront.",
            Regle::R8 => "Dès le lendemain des résultats, un candidat ayant échoué au bac reçoit une OPI avec un vœu D (et figure dans le fichier des vœux défavorables).",
            Regle::R9 => "Un candidat au rattrapage garde son vœu favorable ; le vœu ne devient D que s'il échoue au rattrapage.",
            Regle::R10 => "Un désistement dans Parcoursup envoie une OPI avec un vœu D, ajoutée au fichier des vœux défavorables.",
            Regle::R11 => "Après un D, un candidat sans IA ne peut plus s'inscrire par le web, sauf laissez-passer.",
            Regle::R12 => "Un D ne touche jamais une IA déjà valide : elle doit être annulée à la main (annulation manuelle requise).",
            Regle::R13 => "Une IA de première année payée (IA Primo, IA Réins ou gestionnaire) est écrite dans la table de travail des remontées ; une IA non payée ne l'est pas.",
            Regle::R14 => "Un traitement quotidien remonte les lignes de la table à Parcoursup avec l'état de l'IA, annulations comprises.",
            Regle::R15 => "Les remontées concernent tous les étudiants Parcoursup, réorientations comprises, sans attendre les résultats du bac.",
            Regle::R16 => "Un renvoi d'OPI met à jour le même dossier OPI (code OPI, puis n° étudiant, INE, nom + prénom + date de naissance), sans doublon.",
            Regle::R17 => "L'IA Primo est refusée avec un motif : déjà inscrit, en attente de paiement, décision défavorable sans laissez-passer, ou VET fermée à cette date.",
        }
    }

    /// The sentence of the fiche pratique (or of `domain.md`) the rule comes from.
    pub fn citation(self) -> &'static str {
        match self {
            Regle::R1 => "« Parcoursup envoie à Apogée les données Individus et Vœux saisies par les candidats par le biais des OPI. » (fiche §I.A)",
            Regle::R2 => "« Si le code décision a comme valeur F (Favorable), la VET du vœu sera proposée à l'étudiant. » (fiche §I.A)",
            Regle::R3 => "« Si le code décision est S (Oui Si), il pourra s'inscrire à la formation du vœu, la catégorie et le motif Oui Si seront valorisés automatiquement. » (fiche §I.A)",
            Regle::R4 => "« Si le code décision est D (Défavorable), la VET ne sera pas proposée à l'étudiant. Il reste néanmoins toujours possible de lui créer un laissez-passer. » (fiche §I.A)",
            Regle::R5 => "« Il sera possible de paramétrer une VET pour la réponse Oui, une 2ème VET pour la réponse Oui Si en 3 ans, et une autre pour le Oui Si en 4 ans. » (fiche §I.A)",
            Regle::R6 => "« Parcoursup n'enverra pas les données OPI aux établissements qui n'ont pas paramétré le Webservice de remontées. » (fiche §I.A, §II.B)",
            Regle::R7 => "« Jusqu'au jour de la publication des résultats du baccalauréat (inclus), les OPI contiendront tous les candidats, avec un vœu favorable. » (fiche §I.B)",
            Regle::R8 => "« Dès le lendemain de la publication des résultats, si un candidat a un résultat négatif au bac, une OPI avec un vœu défavorable sera envoyée. » (fiche §I.B)",
            Regle::R9 => "« Les candidats qui passent le rattrapage du bac ont un vœu favorable. Le vœu deviendra défavorable uniquement pour ceux qui échoueront au rattrapage. » (fiche §I.B)",
            Regle::R10 => "« Si une candidature confirmée est annulée dans Parcoursup, une OPI avec un vœu défavorable sera envoyée. » (fiche §I.C)",
            Regle::R11 => "« Si le candidat n'a pas encore procédé à son IA, il ne lui sera plus possible de s'inscrire par le web (à moins qu'un laissez-passer soit créé). » (fiche §I.C)",
            Regle::R12 => "« S'il a déjà une IA valide sur Apogée, cette décision n'aura aucun impact sur l'IA en cours ; elle devra être annulée manuellement. » (fiche §I.C)",
            Regle::R13 => "« Lorsqu'une IA sur une formation de première année est payée, ses informations sont enregistrées dans une table de travail. » (fiche §II.A)",
            Regle::R14 => "« Un traitement quotidien a lieu pour remonter les données de la table à Parcoursup. Si une IA est annulée, l'information est remontée. » (fiche §II.A)",
            Regle::R15 => "« Ce principe est généralisé à tous les étudiants de Parcoursup, notamment les cas de réorientation des étudiants non néo-bacheliers. » (fiche §II.A)",
            Regle::R16 => "« Renvoyer une OPI pour le même candidat met à jour le même dossier OPI ; un appel OPI porte la liste complète des vœux. » (domain.md R16)",
            Regle::R17 => "« Un étudiant avec un vœu défavorable ne peut pas s'inscrire par le web, même si ses données OPI sont présentes. » (fiche §I.B, domain.md R17)",
        }
    }
}

impl std::fmt::Display for Regle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_distinct() {
        for regle in Regle::TOUTES {
            assert_eq!(Regle::depuis_code(regle.code()), Some(regle));
            assert!(!regle.resume().is_empty() && !regle.citation().is_empty());
        }
        assert_eq!(Regle::depuis_code("r12"), Some(Regle::R12));
        assert_eq!(Regle::depuis_code("R18"), None);
    }
}
