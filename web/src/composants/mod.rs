//! Composants visuels de la page, un par module ; ils affichent et demandent, ils ne décident rien.

mod apogee;
mod choix_scenario;
mod chronologie;
pub mod communs;
mod editeur;
mod entete;
mod ia_primo;
mod parcoursup;
mod pas;
mod pied_de_page;
mod presentation;
mod sequence;

pub use apogee::PanneauApogee;
pub use choix_scenario::{ChoixScenario, CHOIX_IMPORTE};
pub use chronologie::{Chronologie, Deplacement};
pub use editeur::Editeur;
pub use entete::EnTete;
pub use ia_primo::PanneauIaPrimo;
pub use parcoursup::PanneauParcoursup;
pub use pas::{Pas, ENTREES_MAX};
pub use pied_de_page::PiedDePage;
pub use presentation::Presentation;
pub use sequence::{ChargeOuverte, Sequence};
