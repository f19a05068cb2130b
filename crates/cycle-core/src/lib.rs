//! # cycle-core — the rules of the Parcoursup → Apogée enrolment cycle, without IO
//!
//! An executable model of `domain.md`: Parcoursup sends OPI to the university, Apogée lets candidates
//! register online only for what the OPI allows, and every paid first-year IA goes back to Parcoursup
//! through a daily batch. The core never reads a clock, a file, the network or a random source: shells
//! tell it the day and the events, and it answers with a [`transcript`] of what crossed the wire and what
//! changed, each line naming its rule ([`Regle`]) and explaining it in French.
//!
//! ## Glossary (domain words stay French)
//! - **OPI** (opérations préalables à l'inscription): identity + vœux sent by Parcoursup ([`message::Opi`]).
//! - **vœu** (`voeu`): an accepted formation, with a decision code F, S (Oui Si) or D ([`CodeDecision`]).
//! - **VET**: Apogée's version d'étape, what an IA is on ([`referentiel::Vet`]).
//! - **IA**: inscription administrative, entered through IA Primo (online, first registration), IA Réins
//!   (online, known students) or by staff (IA gestionnaire) ([`apogee::Ia`]).
//! - **laissez-passer**: staff's permission to register online on a VET whatever the vœu says.
//! - **remontée**: one IA reported to Parcoursup by the daily batch ([`message::Remontee`]).
//! - **connecteur**: the university's remontée webservice; until its test succeeds, no OPI leaves (R6).
//!
//! ## Where each rule lives
//! | rule | module |
//! |---|---|
//! | R1 OPI = individu + vœux | [`message`], `apogee::opi` |
//! | R2, R3, R4 what F, S, D allow | `apogee::eligibilite`, `apogee::ia` |
//! | R5 VET per answer | [`referentiel`], `parcoursup` (acceptation) |
//! | R6 connector gate and catch-up | `parcoursup` (connecteur, envois), `simulation` (test) |
//! | R7, R8, R9 bac and rattrapage | `parcoursup::decision`, `parcoursup` (début de journée) |
//! | R10 désistement | `parcoursup` (désistement), `parcoursup::decision` |
//! | R11, R12 after a D | `apogee::opi` (conséquences d'un D) |
//! | R13 work table | `apogee::remontees`, `apogee::ia` (paiement) |
//! | R14 daily batch | `apogee::remontees`, `simulation` (traitement) |
//! | R15 réorientation | `parcoursup::decision`, `parcoursup` (remontée reçue) |
//! | R16 same record, no duplicate | `apogee::opi` (index), `parcoursup` (renvoi) |
//! | R17 IA Primo refusals | `apogee::eligibilite` |

pub mod apogee;
pub mod calendrier;
pub mod candidat;
pub mod erreur;
pub mod evenement;
pub mod message;
pub mod parcoursup;
pub mod referentiel;
pub mod reglages;
pub mod regle;
pub mod simulation;
pub mod transcript;

pub use calendrier::{Campagne, Jalon, Periode, PresetCampagne};
pub use candidat::{Candidat, Profil, ResultatBac, Sexe};
pub use erreur::{ErreurConfiguration, ErreurEvenement, ErreurVet};
pub use evenement::Evenement;
pub use message::{CodeDecision, EtatInscription, Opi, Remontee, Retour, VoeuOpi};
pub use referentiel::{
    CodeVet, Formation, Identifiants, ModeOpi, Reponse, Universite, Vet, VetOuiSi,
};
pub use reglages::Reglages;
pub use regle::Regle;
pub use simulation::{Configuration, ConnecteurInitial, Simulation};
pub use transcript::{Entree, Fait};
