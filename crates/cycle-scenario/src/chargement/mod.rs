//! From the text of a scenario file to a checked [`Scenario`]: parse the TOML, then resolve and check
//! every reference (candidates, formations, VETs, jalons, rules) and the order of events.
//!
//! Pure: it takes the text, never a path, so that the browser loads scenarios the same way as the
//! CLI. It does not run anything; the core's own checks run at [`crate::executer`] time.

mod attendus;
mod chemin;
mod configuration;
mod contexte;
mod evenements;
mod lecteur;

use cycle_core::{Regle, Simulation};

use crate::erreur::{traduire, traduire_syntaxe, ErreurScenario, Localisateur};
use crate::fichier::FichierScenario;
use crate::scenario::Scenario;

pub use configuration::JOURS_MAX;
pub(crate) use contexte::Contexte;

/// Loads a scenario from its text. `fichier` names it in errors and reports (a path, or any name).
pub fn charger(fichier: &str, texte: &str) -> Result<Scenario, ErreurScenario> {
    let loc = Localisateur { fichier, texte };
    let brut = lire(loc)?;
    let configuration = configuration::configuration(loc, &brut)?;
    let contexte = Contexte {
        loc,
        configuration: &configuration,
    };
    for (champ, texte) in [("titre", &brut.titre), ("description", &brut.description)] {
        if texte.trim().is_empty() {
            return Err(contexte.erreur(
                None,
                champ,
                "vide : les formateurs le lisent en tête du scénario",
            ));
        }
    }
    let regles = regles_declarees(&contexte, &brut)?;
    let debut = configuration.debut;
    let evenements = evenements::evenements(&contexte, &brut.evenements, debut)?;
    let dernier_jour = evenements.last().map_or(debut, |e| e.jour);
    let fin = configuration::fin(&contexte, brut.campagne.as_ref(), dernier_jour)?;
    let attendus = attendus::attendus(&contexte, &brut.attendus)?;
    Ok(Scenario {
        nom: nom_du_fichier(fichier),
        fichier: fichier.to_owned(),
        titre: brut.titre,
        description: brut.description,
        regles,
        configuration,
        evenements,
        fin,
        attendus,
    })
}

/// The TOML and serde stage: syntax, types, unknown or missing fields.
fn lire(loc: Localisateur) -> Result<FichierScenario, ErreurScenario> {
    let document = toml::de::DeTable::parse(loc.texte).map_err(|erreur| {
        let fautif = erreur
            .span()
            .and_then(|span| loc.texte.get(span))
            .unwrap_or_default();
        loc.erreur(
            erreur.span(),
            "",
            traduire_syntaxe(erreur.message(), fautif),
        )
    })?;
    lecteur::lire(document).map_err(|erreur| {
        // The reader consumed the parsed document; parsing the text again costs only on this error
        // path, and cannot fail since it parsed a moment ago.
        let chemin = match (toml::de::DeTable::parse(loc.texte), erreur.span()) {
            (Ok(document), Some(span)) => {
                let cle_fautive = if erreur.message().starts_with("unknown variant") {
                    chemin::CleFautive::Variante
                } else {
                    chemin::CleFautive::Champ
                };
                chemin::chemin_de_l_erreur(&document, &span, cle_fautive)
            }
            _ => String::new(),
        };
        loc.erreur(erreur.span(), chemin, traduire(erreur.message()))
    })
}

fn regles_declarees(
    contexte: &Contexte,
    brut: &FichierScenario,
) -> Result<Vec<Regle>, ErreurScenario> {
    let mut regles: Vec<Regle> = Vec::with_capacity(brut.regles.len());
    for (i, texte) in brut.regles.iter().enumerate() {
        let champ = format!("regles[{i}]");
        let regle = contexte.regle(texte, &champ)?;
        if regles.contains(&regle) {
            return Err(contexte.erreur(
                Some(texte.span()),
                champ,
                format!("{regle} est déjà dans la liste"),
            ));
        }
        regles.push(regle);
    }
    Ok(regles)
}

/// The reason of a core message, which starts with the core's own field name (`candidats: …`): the
/// loader replaces that name with the field it has located in the file.
fn raison_du_core(message: &str) -> &str {
    message
        .split_once(": ")
        .map_or(message, |(_, raison)| raison)
}

/// `scenarios/echec_bac.toml` → `echec_bac`.
fn nom_du_fichier(fichier: &str) -> String {
    let base = fichier.rsplit(['/', '\\']).next().unwrap_or(fichier);
    base.strip_suffix(".toml").unwrap_or(base).to_owned()
}

/// Runs the core's own configuration checks now, so that a file the core would refuse is refused at
/// load time (and located on the part of the file it is about).
fn verifier_avec_le_core(
    configuration: &cycle_core::Configuration,
) -> Result<(), cycle_core::ErreurConfiguration> {
    Simulation::nouvelle(configuration.clone()).map(|_| ())
}
