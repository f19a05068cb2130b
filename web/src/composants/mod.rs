//! Composants visuels de la page, un par module ; ils affichent, ils ne décident rien.

mod entete;
mod pied_de_page;
mod presentation;

pub use entete::EnTete;
pub use pied_de_page::PiedDePage;
pub use presentation::Presentation;
