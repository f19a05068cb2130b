//! The JavaScript API: the simulator for a plain `<script type="module">`.
//!
//! ```js
//! import init, { scenariosIntegres, Simulateur } from "./simulateur_web.js";
//! await init();
//! const simulateur = Simulateur.integre("echec_bac_webservice");
//! simulateur.allerAuJalon("lendemain_resultats_bac");
//! simulateur.iaPrimo(1048579).offres[0].raison; // "décision OPI défavorable"
//! ```
//!
//! Every method returns plain objects (the structs of [`crate::vues`], camelCase keys, days as
//! `AAAA-MM-JJ`, missing values as `null`); every failure is thrown as a JavaScript `Error` whose
//! message is the precise French one. This module converts and delegates: the behaviour lives in
//! [`Seance`], [`crate::vues`], [`crate::editeur`] and [`crate::lien`].

use cycle_core::calendrier::Jalon;
use cycle_scenario::fichier::Jour;
use serde::Serialize;
use time::Date;
use wasm_bindgen::prelude::*;

use crate::editeur::{self, CandidatSaisi, EvenementSaisi};
use crate::lien::{self, Lien, Source};
use crate::seance::Seance;
use crate::vues::{self, FiltreEntrees, Selection};

fn vers_js<T: Serialize + ?Sized>(valeur: &T) -> Result<JsValue, JsError> {
    valeur
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("conversion en JavaScript impossible : {e}")))
}

fn erreur(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

fn lire_jour(texte: &str) -> Result<Date, JsError> {
    Jour::depuis_iso(texte.trim())
        .map(|jour| jour.0)
        .ok_or_else(|| {
            erreur(format!(
                "jour « {texte} » : pas une date AAAA-MM-JJ (par exemple 2024-07-09)"
            ))
        })
}

/// The built-in scenarios: `[{ nom, titre, description, regles }]`, in the order trainers meet them.
#[wasm_bindgen(js_name = scenariosIntegres)]
pub fn scenarios_integres() -> Result<JsValue, JsError> {
    vers_js(&vues::integres())
}

/// Reads a share link's fragment: `{ integre, texte, jour }` (absent parts `null`), or `null` when
/// the fragment names no scenario.
#[wasm_bindgen(js_name = lireLien)]
pub fn lire_lien(fragment: &str) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct LienJs {
        integre: Option<String>,
        texte: Option<String>,
        jour: Option<vues::Jour>,
    }
    let lien = lien::lire(fragment).map_err(erreur)?;
    vers_js(&lien.map(|lien| {
        let (integre, texte) = match lien.source {
            Source::Integre(nom) => (Some(nom), None),
            Source::Texte(texte) => (None, Some(texte)),
        };
        LienJs {
            integre,
            texte,
            jour: lien.jour.map(vues::Jour),
        }
    }))
}

/// A scenario being replayed step by step.
#[wasm_bindgen]
pub struct Simulateur {
    seance: Seance,
}

#[wasm_bindgen]
impl Simulateur {
    /// Opens a built-in scenario by name (`echec_bac_webservice`).
    pub fn integre(nom: &str) -> Result<Simulateur, JsError> {
        let seance = Seance::integre(nom).map_err(erreur)?;
        Ok(Simulateur { seance })
    }

    /// Opens a scenario from its TOML text; `fichier` names it in error messages.
    #[wasm_bindgen(js_name = depuisToml)]
    pub fn depuis_toml(texte: &str, fichier: Option<String>) -> Result<Simulateur, JsError> {
        let fichier = fichier.unwrap_or_else(|| "scenario.toml".to_owned());
        let seance = Seance::depuis_texte(&fichier, texte).map_err(erreur)?;
        Ok(Simulateur { seance })
    }

    /// The current day, `AAAA-MM-JJ`.
    #[wasm_bindgen(getter)]
    pub fn jour(&self) -> String {
        vues::Jour(self.seance.jour()).iso()
    }

    /// Title, description, rules, candidates and formations of the scenario.
    pub fn scenario(&self) -> Result<JsValue, JsError> {
        vers_js(&vues::scenario(&self.seance))
    }

    /// Where the replay stands, and the next event.
    pub fn position(&self) -> Result<JsValue, JsError> {
        vers_js(&vues::position(&self.seance))
    }

    /// The campaign's milestones and the scenario's events.
    pub fn calendrier(&self) -> Result<JsValue, JsError> {
        vers_js(&vues::calendrier(&self.seance))
    }

    /// Applies the next event; returns the entries it produced.
    #[wasm_bindgen(js_name = evenementSuivant)]
    pub fn evenement_suivant(&mut self) -> Result<JsValue, JsError> {
        self.seance.evenement_suivant().map_err(erreur)?;
        self.entrees_du_pas()
    }

    /// One step: the next event today, or the next day that brings something; returns its entries.
    pub fn avancer(&mut self) -> Result<JsValue, JsError> {
        self.seance.avancer().map_err(erreur)?;
        self.entrees_du_pas()
    }

    /// The morning of `jour` (`AAAA-MM-JJ`), forward or back; returns the entries of the move.
    #[wasm_bindgen(js_name = allerAu)]
    pub fn aller_au(&mut self, jour: &str) -> Result<JsValue, JsError> {
        let jour = lire_jour(jour)?;
        self.seance.aller_au(jour).map_err(erreur)?;
        self.entrees_du_pas()
    }

    /// The morning of a milestone (`lendemain_resultats_bac`…); returns the entries of the move.
    #[wasm_bindgen(js_name = allerAuJalon)]
    pub fn aller_au_jalon(&mut self, jalon: &str) -> Result<JsValue, JsError> {
        let jalon = Jalon::depuis_identifiant(jalon).ok_or_else(|| {
            let ids: Vec<&str> = Jalon::TOUS.iter().map(|j| j.identifiant()).collect();
            erreur(format!(
                "jalon « {jalon} » inconnu (possibles : {})",
                ids.join(", ")
            ))
        })?;
        self.seance.aller_au_jalon(jalon).map_err(erreur)?;
        self.entrees_du_pas()
    }

    /// Undoes the last move (by replaying from the first day); returns that move's entries.
    pub fn reculer(&mut self) -> Result<JsValue, JsError> {
        self.seance.reculer().map_err(erreur)?;
        self.entrees_du_pas()
    }

    /// Back to the first day.
    #[wasm_bindgen(js_name = revenirAuDebut)]
    pub fn revenir_au_debut(&mut self) -> Result<JsValue, JsError> {
        self.seance.revenir_au_debut().map_err(erreur)?;
        self.entrees_du_pas()
    }

    /// The entries of the last move, each with its rule, explanation and fiche sentence.
    #[wasm_bindgen(js_name = entreesDuPas)]
    pub fn entrees_du_pas(&self) -> Result<JsValue, JsError> {
        vers_js(&vues::entrees_du_pas(&self.seance))
    }

    /// Every entry so far; only that candidate's (and the answers to his messages) when given.
    pub fn transcript(&self, candidat: Option<u32>) -> Result<JsValue, JsError> {
        let filtre = FiltreEntrees {
            messages_seulement: false,
            candidat,
            limite: usize::MAX,
        };
        vers_js(&vues::entrees(&self.seance, filtre).0)
    }

    /// Parcoursup's side: connector, candidates with their vœux and decisions.
    #[wasm_bindgen(js_name = etatParcoursup)]
    pub fn etat_parcoursup(&self, candidat: Option<u32>) -> Result<JsValue, JsError> {
        vers_js(&vues::parcoursup(&self.seance, selection(candidat)))
    }

    /// Apogée's side: OPI records, laissez-passer, IAs, work table, last batch.
    #[wasm_bindgen(js_name = etatApogee)]
    pub fn etat_apogee(&self, candidat: Option<u32>) -> Result<JsValue, JsError> {
        vers_js(&vues::apogee(&self.seance, selection(candidat)))
    }

    /// What the candidate sees in IA Primo today: each VET offered or refused, with the reason.
    #[wasm_bindgen(js_name = iaPrimo)]
    pub fn ia_primo(&self, candidat: u32) -> Result<JsValue, JsError> {
        vers_js(&vues::ia_primo(&self.seance, candidat))
    }

    /// Whether the candidate may register online on `vet` (`DL1OUI` or `DL1OUI/1`) today.
    pub fn eligibilite(&self, candidat: u32, vet: &str) -> Result<JsValue, JsError> {
        let vet = vues::vet_de_la_universite(&self.seance, vet).map_err(erreur)?;
        vers_js(&vues::eligibilite(&self.seance, candidat, &vet))
    }

    /// The exact payload of transcript entry `index`: `[{ titre, format, texte }]`.
    pub fn pieces(&self, index: usize) -> Result<JsValue, JsError> {
        vers_js(&vues::pieces(&self.seance, index).map_err(erreur)?)
    }

    /// The scenario's TOML text.
    pub fn texte(&self) -> String {
        self.seance.texte().to_owned()
    }

    /// The share-link fragment (without `#`) of this scenario's text, opening on the current day.
    pub fn lien(&self) -> String {
        lien::fragment(&Lien {
            source: Source::Texte(self.seance.texte().to_owned()),
            jour: Some(self.seance.jour()),
        })
    }

    /// Adds a candidate (`{ code, prenom, nom, sexe, bac, codEtu }`) to the scenario and reopens it
    /// on the same day. Returns a warning when that day cannot be reached, else `null`.
    #[wasm_bindgen(js_name = ajouterCandidat)]
    pub fn ajouter_candidat(&mut self, saisie: JsValue) -> Result<Option<String>, JsError> {
        let saisie: CandidatSaisi = serde_wasm_bindgen::from_value(saisie)
            .map_err(|e| erreur(format!("candidat : {e}")))?;
        let fichier = self.seance.scenario().fichier.clone();
        let texte =
            editeur::ajouter_candidat(&fichier, self.seance.texte(), &saisie).map_err(erreur)?;
        self.remplacer(&texte)
    }

    /// Adds a dated event (`{ date | jalon + decalage, type, candidat, formation, reponse, vet,
    /// payee, etatInscription, note }`) in date order and reopens the scenario on the same day.
    /// Returns a warning when that day cannot be reached, else `null`.
    #[wasm_bindgen(js_name = ajouterEvenement)]
    pub fn ajouter_evenement(&mut self, saisie: JsValue) -> Result<Option<String>, JsError> {
        let saisie: EvenementSaisi = serde_wasm_bindgen::from_value(saisie)
            .map_err(|e| erreur(format!("événement : {e}")))?;
        let fichier = self.seance.scenario().fichier.clone();
        let texte =
            editeur::ajouter_evenement(&fichier, self.seance.texte(), &saisie).map_err(erreur)?;
        self.remplacer(&texte)
    }

    /// Deletes candidate `code`'s table from the scenario and reopens it on the same day; refused,
    /// with the place that still names them, while an event or an expectation does. Returns a
    /// warning when that day cannot be reached, else `null`.
    #[wasm_bindgen(js_name = supprimerCandidat)]
    pub fn supprimer_candidat(&mut self, code: u32) -> Result<Option<String>, JsError> {
        let fichier = self.seance.scenario().fichier.clone();
        let texte =
            editeur::supprimer_candidat(&fichier, self.seance.texte(), code).map_err(erreur)?;
        self.remplacer(&texte)
    }

    /// Deletes the event `numero` (from 1, as in `calendrier().evenements`) and reopens the scenario
    /// on the same day. Returns a warning when that day cannot be reached, else `null`.
    #[wasm_bindgen(js_name = supprimerEvenement)]
    pub fn supprimer_evenement(&mut self, numero: usize) -> Result<Option<String>, JsError> {
        let rang = numero
            .checked_sub(1)
            .ok_or_else(|| erreur("événement 0 : les événements sont numérotés à partir de 1"))?;
        let fichier = self.seance.scenario().fichier.clone();
        let texte =
            editeur::supprimer_evenement(&fichier, self.seance.texte(), rang).map_err(erreur)?;
        self.remplacer(&texte)
    }

    /// Replaces the scenario's text (as typed in an editor) and reopens it on the same day.
    /// Returns a warning when that day cannot be reached, else `null`.
    #[wasm_bindgen(js_name = remplacerTexte)]
    pub fn remplacer_texte(&mut self, texte: &str) -> Result<Option<String>, JsError> {
        self.remplacer(texte)
    }

    fn remplacer(&mut self, texte: &str) -> Result<Option<String>, JsError> {
        let (seance, avertissement) = self.seance.recharger(texte).map_err(erreur)?;
        self.seance = seance;
        Ok(avertissement.map(|a| a.to_string()))
    }
}

fn selection(candidat: Option<u32>) -> Selection {
    Selection {
        candidat,
        limite: usize::MAX,
    }
}
