//! The exact payload of a transcript entry that crosses the wire, as a connector would see it: what
//! the browser opens from its sequence diagram and the CLI prints with `--charges`.
//!
//! Passwords are never shown: the `identifiant` of a payload carries the real login and `********`.

use cycle_core::transcript::{Canal, Contenu, Entree, Fait};
use cycle_core::{Identifiants, Universite};
use cycle_wire::rest::{self, AdmissionCandidat, Retour};
use cycle_wire::soap::{self, FauteSoap, Operation, ReponseSoap};
use serde::Serialize;

use crate::opi::{fichiers_en_texte, opi_en_donnees_candidat, opi_en_donnees_opi};
use crate::remontee::{identifiant_en_wire, remontee_en_wire};
use crate::ErreurCodec;

/// How a payload is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Json,
    Xml,
    /// `;`-separated flat file.
    Csv,
}

/// One document of a message: a request body, an answer, or one of the day's files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// Where it goes: `POST /ApiRest/majInscriptionAdministrative`, a file name…
    pub titre: String,
    pub format: Format,
    pub texte: String,
}

const MASQUE: &str = "********";

fn masque(identifiants: &Identifiants) -> Identifiants {
    Identifiants {
        login: identifiants.login.clone(),
        pwd: MASQUE.to_owned(),
    }
}

/// The payload of `entree`, or nothing when it is a state change or a candidate's screen.
/// `annee` is the session (`codAnu`, `session`).
pub fn pieces(
    entree: &Entree,
    universite: &Universite,
    annee: u16,
) -> Result<Vec<Piece>, ErreurCodec> {
    let Fait::Message { canal, contenu, .. } = &entree.fait else {
        return Ok(Vec::new());
    };
    let identifiants = masque(&universite.identifiants_parcoursup);
    let piece = |titre: &str, format, texte| Piece {
        titre: titre.to_owned(),
        format,
        texte,
    };
    Ok(match (canal, contenu) {
        (_, Contenu::DemandeIaPrimo { .. }) | (Canal::IaPrimo, _) => Vec::new(),
        (Canal::WebserviceOpi, Contenu::Opi(opi)) => vec![piece(
            "POST /services/OpiMetier (mettreajourDonneesOpi_v10)",
            Format::Xml,
            soap::encode_donnees_opi(&opi_en_donnees_opi(opi))?,
        )],
        (Canal::WebserviceOpi, Contenu::Reponse(retour)) => {
            let reponse = if retour.ok {
                ReponseSoap::Succes
            } else {
                ReponseSoap::Faute(FauteSoap {
                    faultcode: "Server.generalException".to_owned(),
                    faultstring: retour.message.clone(),
                    detail: None,
                })
            };
            vec![piece(
                "Réponse SOAP",
                Format::Xml,
                soap::encode_reponse(&reponse, Operation::MettreajourDonneesOpiV10),
            )]
        }
        (_, Contenu::Opi(opi)) => opi_en_donnees_candidat(opi, universite, annee)
            .into_iter()
            .map(|donnees_candidat| {
                let push = AdmissionCandidat {
                    identifiant: rest::Identifiant {
                        login: "etablissement".to_owned(),
                        pwd: MASQUE.to_owned(),
                    },
                    donnees_candidat,
                };
                rest::encode_admission_candidat(&push)
                    .map(|texte| piece("POST …/admissionCandidat", Format::Json, texte))
            })
            .collect::<Result<_, _>>()?,
        (_, Contenu::FichiersOpi(fichiers)) => {
            fichiers_en_texte(fichiers, &universite.uai, entree.jour)?
                .into_iter()
                .map(|f| Piece {
                    titre: f.nom,
                    format: Format::Csv,
                    texte: f.contenu,
                })
                .collect()
        }
        (_, Contenu::TestConnecteur(remontee) | Contenu::Remontee(remontee)) => vec![piece(
            "POST /ApiRest/majInscriptionAdministrative",
            Format::Json,
            rest::encode_maj_inscription(&remontee_en_wire(remontee, &identifiants))?,
        )],
        (_, Contenu::Reponse(retour)) => {
            let retour = if retour.ok {
                Retour::ok(retour.message.clone())
            } else {
                Retour::nok(retour.message.clone())
            };
            vec![piece("Réponse", Format::Json, rest::encode_retour(&retour))]
        }
    })
}

/// The credentials as a payload shows them.
pub fn identifiant_affiche(identifiants: &Identifiants) -> rest::Identifiant {
    identifiant_en_wire(&masque(identifiants))
}
