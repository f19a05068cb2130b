//! How expectations read a core transcript entry: its type name, and its facets — the (candidate,
//! VET, decision, motif, état d'inscription) tuples it is about, one per vœu or offer.
//!
//! Matching on facets rather than on the entry lets `vet = "DL1OUI", decision = "D"` mean "the same
//! vœu is on DL1OUI and D", not "some vœu is on DL1OUI and some other is D". The matches over the
//! core's enums are exhaustive on purpose: a new variant must be read here before it compiles.

use cycle_core::transcript::{Changement, Contenu, MotifRefus};
use cycle_core::{CodeDecision, CodeVet, Entree, EtatInscription, Fait};

/// `Changement::nom()` of every variant (the core's list; a test checks it against serde's).
pub const NOMS_CHANGEMENTS: [&str; Changement::NOMS.len()] = Changement::NOMS;

/// `Contenu::nom()` of every variant (the core's list; a test checks it against serde's).
pub const NOMS_CONTENUS: [&str; Contenu::NOMS.len()] = Contenu::NOMS;

/// Which of the day's OPI files a vœu travels in (flat-file mode, R8/R10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FichierOpi {
    /// The usual individus + vœux files.
    Habituel,
    /// The second file, of vœux turned D.
    VoeuxDefavorables,
}

/// One thing an entry is about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facette {
    pub candidat: Option<u32>,
    pub vet: Option<CodeVet>,
    pub decision: Option<CodeDecision>,
    pub motif: Option<MotifRefus>,
    pub etat_inscription: Option<EtatInscription>,
    pub fichier: Option<FichierOpi>,
}

/// The entry's name as expectations write it.
pub fn nom(entree: &Entree) -> &'static str {
    match &entree.fait {
        Fait::Message { contenu, .. } => contenu.nom(),
        Fait::Etat { changement, .. } => changement.nom(),
    }
}

/// The entry's facets; an entry about nothing in particular has one empty facet (with its candidate).
pub fn facettes(entree: &Entree) -> Vec<Facette> {
    let candidat = entree.code_candidat();
    let simple = |vet: Option<&CodeVet>| Facette {
        candidat,
        vet: vet.cloned(),
        ..Facette::default()
    };
    let mut facettes = match &entree.fait {
        Fait::Message { contenu, .. } => facettes_contenu(contenu, candidat),
        Fait::Etat { changement, .. } => match changement {
            Changement::CandidatureAcceptee { vet, .. }
            | Changement::InscriptionWebFermee { vet, .. }
            | Changement::LaissezPasserCree { vet, .. }
            | Changement::LaissezPasserConserve { vet, .. }
            | Changement::IaCreee { vet, .. }
            | Changement::IaPayee { vet, .. }
            | Changement::IaAnnulee { vet, .. }
            | Changement::IaResiliee { vet, .. }
            | Changement::AnnulationManuelleRequise { vet, .. }
            | Changement::IaNonRemontee { vet, .. } => vec![simple(Some(vet))],
            Changement::DecisionVoeu { decision, .. } => vec![Facette {
                candidat,
                decision: Some(*decision),
                ..Facette::default()
            }],
            Changement::RemonteeEnregistree {
                etat_inscription, ..
            }
            | Changement::LigneRemonteeAcquittee {
                etat_inscription, ..
            } => vec![Facette {
                candidat,
                etat_inscription: Some(*etat_inscription),
                ..Facette::default()
            }],
            Changement::LigneRemonteeEcrite {
                vet,
                etat_inscription,
                ..
            } => vec![Facette {
                candidat,
                vet: Some(vet.clone()),
                etat_inscription: Some(*etat_inscription),
                ..Facette::default()
            }],
            Changement::OpiEnregistree { voeux, .. } => voeux
                .iter()
                .map(|(vet, decision)| Facette {
                    candidat,
                    vet: Some(vet.clone()),
                    decision: Some(*decision),
                    ..Facette::default()
                })
                .collect(),
            Changement::OffreIaPrimo { offres, .. } => offres
                .iter()
                .map(|offre| Facette {
                    candidat,
                    vet: Some(offre.vet.clone()),
                    motif: offre.verdict.err(),
                    ..Facette::default()
                })
                .collect(),
            Changement::IaRefusee { vet, motif, .. } => vec![Facette {
                candidat,
                vet: Some(vet.clone()),
                motif: Some(*motif),
                ..Facette::default()
            }],
            Changement::Desistement { .. }
            | Changement::ResultatBacPublie { .. }
            | Changement::OpiRetenue { .. }
            | Changement::ConnecteurValide
            | Changement::ConnecteurEnEchec { .. }
            | Changement::RemonteeRejetee { .. }
            | Changement::EcriturePartielleDetectee { .. }
            | Changement::WebserviceRemonteesParametre
            | Changement::VoeuxNonEcrits { .. }
            | Changement::LigneRemonteeEnErreur { .. } => Vec::new(),
        },
    };
    if facettes.is_empty() {
        facettes.push(simple(None));
    }
    facettes
}

fn facettes_contenu(contenu: &Contenu, candidat: Option<u32>) -> Vec<Facette> {
    match contenu {
        Contenu::Opi(opi) => opi
            .voeux
            .iter()
            .map(|voeu| Facette {
                candidat,
                vet: Some(voeu.code_vet()),
                decision: Some(voeu.decision),
                ..Facette::default()
            })
            .collect(),
        Contenu::FichiersOpi(fichiers) => {
            let habituels = fichiers.opi.iter().flat_map(|opi| {
                opi.voeux.iter().map(|voeu| Facette {
                    candidat: Some(opi.code_candidat),
                    vet: Some(voeu.code_vet()),
                    decision: Some(voeu.decision),
                    fichier: Some(FichierOpi::Habituel),
                    ..Facette::default()
                })
            });
            let defavorables = fichiers
                .voeux_defavorables
                .iter()
                .map(|(cod_opi, voeu)| Facette {
                    // The second file names the OPI code; the same day's usual files say whose it is.
                    candidat: fichiers
                        .opi
                        .iter()
                        .find(|opi| &opi.cod_opi == cod_opi)
                        .map(|opi| opi.code_candidat),
                    vet: Some(voeu.code_vet()),
                    decision: Some(voeu.decision),
                    fichier: Some(FichierOpi::VoeuxDefavorables),
                    ..Facette::default()
                });
            habituels.chain(defavorables).collect()
        }
        Contenu::TestConnecteur(remontee) | Contenu::Remontee(remontee) => vec![Facette {
            candidat,
            etat_inscription: Some(remontee.etat_inscription),
            ..Facette::default()
        }],
        Contenu::DemandeIaPrimo { vet, .. } => vec![Facette {
            candidat,
            vet: Some(vet.clone()),
            ..Facette::default()
        }],
        Contenu::Reponse(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde's "unknown variant `x`, expected one of `a`, `b`" lists the core's variants: the names
    /// here must be exactly those (the core serialises variants with the names `nom()` returns).
    fn variantes_du_core<T: serde::de::DeserializeOwned>(valeur: serde_json::Value) -> Vec<String> {
        let message = match serde_json::from_value::<T>(valeur) {
            Err(erreur) => erreur.to_string(),
            Ok(_) => String::new(),
        };
        let liste = message
            .split_once("expected one of ")
            .map(|(_, liste)| liste)
            .unwrap_or_default();
        liste
            .split(", ")
            .map(|nom| nom.trim_matches('`').to_owned())
            .collect()
    }

    #[test]
    fn names_match_the_core_variants() {
        let changements = variantes_du_core::<Changement>(serde_json::json!({ "type": "?" }));
        assert_eq!(changements, NOMS_CHANGEMENTS);
        let contenus = variantes_du_core::<Contenu>(serde_json::json!({ "?": null }));
        assert_eq!(contenus, NOMS_CONTENUS);
    }
}
