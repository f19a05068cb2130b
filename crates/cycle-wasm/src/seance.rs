//! A replay session: one loaded scenario, the simulation at some point of its calendar, and the way
//! back.
//!
//! A point of the replay is a [`Position`]: a day and how many of the scenario's events have been
//! applied. Moving forward drives the very same `Simulation` the CLI drives; moving back replays from
//! the first day to the earlier position, which gives the same transcript because the core is
//! deterministic. Each move remembers where it started, so « reculer » undoes moves one at a time.
//!
//! This module only moves the clock and applies the scenario's events: what the page shows is in
//! [`crate::vues`].

use std::fmt;

use cycle_core::calendrier::{date_fr, Jalon};
use cycle_core::{Entree, Simulation};
use cycle_scenario::integres::{integre, INTEGRES};
use cycle_scenario::{
    charger, ErreurScenario, EvenementPrevu, Position as PositionFichier, Scenario,
};
use time::Date;

/// Where the replay stands: the morning of `jour` (or later that day), with the first
/// `evenements_joues` events of the scenario applied. Ordered as the replay goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub jour: Date,
    pub evenements_joues: usize,
}

/// A position left by a move, and where that move's entries started.
#[derive(Clone, Copy, Debug)]
struct Repere {
    position: Position,
    debut_du_pas: usize,
}

/// Why a scenario cannot be opened. The message is the one to show, in French.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErreurSeance {
    /// The file is wrong: `fichier:ligne:colonne: champ: raison`.
    Scenario(ErreurScenario),
    IntegreInconnu(String),
}

impl fmt::Display for ErreurSeance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurSeance::Scenario(erreur) => erreur.fmt(f),
            ErreurSeance::IntegreInconnu(nom) => {
                let noms: Vec<&str> = INTEGRES.iter().map(|s| s.nom).collect();
                write!(
                    f,
                    "scénario intégré inconnu : « {nom} » (possibles : {})",
                    noms.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for ErreurSeance {}

/// Why a move could not be made, or stopped on the way. The message is the one to show, in French.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErreurPas {
    /// Every event has been applied.
    PlusDEvenement,
    /// Every event has been applied and the scenario's last day is reached.
    FinAtteinte { fin: Date },
    /// The day asked for is outside the days this session can show.
    HorsCalendrier {
        jour: Date,
        premier: Date,
        dernier: Date,
    },
    /// No move to undo.
    RienAAnnuler,
    /// The rules engine refused one of the scenario's events: the replay stopped just before it.
    Evenement {
        numero: usize,
        position: Option<PositionFichier>,
        jour: Date,
        message: String,
    },
}

impl fmt::Display for ErreurPas {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurPas::PlusDEvenement => {
                f.write_str("tous les événements du scénario ont été joués")
            }
            ErreurPas::FinAtteinte { fin } => write!(
                f,
                "fin du scénario atteinte ({}) : tous les événements ont été joués",
                date_fr(*fin)
            ),
            ErreurPas::HorsCalendrier {
                jour,
                premier,
                dernier,
            } => write!(
                f,
                "le {} est hors du calendrier de ce scénario (du {} au {})",
                date_fr(*jour),
                date_fr(*premier),
                date_fr(*dernier)
            ),
            ErreurPas::RienAAnnuler => f.write_str("aucun pas à annuler"),
            ErreurPas::Evenement {
                numero,
                position,
                jour,
                message,
            } => {
                write!(f, "événement n° {numero}")?;
                if let Some(position) = position {
                    write!(f, " (ligne {})", position.ligne)?;
                }
                write!(f, " du {} refusé : {message}", date_fr(*jour))
            }
        }
    }
}

impl std::error::Error for ErreurPas {}

/// A scenario being replayed.
pub struct Seance {
    scenario: Scenario,
    /// The scenario's text, for the editor and for share links.
    texte: String,
    simulation: Simulation,
    transcript: Vec<Entree>,
    position: Position,
    /// Index in `transcript` of the first entry of the last move.
    debut_du_pas: usize,
    historique: Vec<Repere>,
    dernier_jour: Date,
}

impl Seance {
    /// Opens a built-in scenario by its name (`echec_bac_webservice`).
    pub fn integre(nom: &str) -> Result<Seance, ErreurSeance> {
        let integre = integre(nom).ok_or_else(|| ErreurSeance::IntegreInconnu(nom.to_owned()))?;
        Seance::depuis_texte(&integre.fichier(), integre.texte)
    }

    /// Opens a scenario from its TOML text; `fichier` names it in error messages.
    pub fn depuis_texte(fichier: &str, texte: &str) -> Result<Seance, ErreurSeance> {
        let scenario = charger(fichier, texte).map_err(ErreurSeance::Scenario)?;
        // The loader already ran the core's configuration checks, so this cannot fail; the error is
        // still reported rather than assumed away.
        let (simulation, transcript) = Simulation::nouvelle(scenario.configuration.clone())
            .map_err(|erreur| {
                ErreurSeance::Scenario(ErreurScenario {
                    fichier: fichier.to_owned(),
                    position: None,
                    champ: String::new(),
                    raison: erreur.to_string(),
                })
            })?;
        let debut = scenario.configuration.debut;
        let fin_ia_primo = Jalon::FinIaPrimo.date(&scenario.configuration.campagne);
        let dernier_jour = scenario.fin.max(fin_ia_primo);
        Ok(Seance {
            texte: texte.to_owned(),
            simulation,
            transcript,
            position: Position {
                jour: debut,
                evenements_joues: 0,
            },
            debut_du_pas: 0,
            historique: Vec::new(),
            dernier_jour,
            scenario,
        })
    }

    /// The same scenario with a new text (from the editor), opened on the current day when the new
    /// calendar has it. The move's error, if any, comes back beside the session: the text is
    /// applied, the day could not be reached.
    pub fn recharger(&self, texte: &str) -> Result<(Seance, Option<ErreurPas>), ErreurSeance> {
        let mut seance = Seance::depuis_texte(&self.scenario.fichier, texte)?;
        let jour = self
            .jour()
            .clamp(seance.premier_jour(), seance.dernier_jour());
        let erreur = seance.aller_au(jour).err();
        Ok((seance, erreur))
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn texte(&self) -> &str {
        &self.texte
    }

    pub fn simulation(&self) -> &Simulation {
        &self.simulation
    }

    /// Every entry since the first day, up to the current position.
    pub fn transcript(&self) -> &[Entree] {
        &self.transcript
    }

    /// Index in [`Seance::transcript`] of the first entry the last move produced.
    pub fn debut_du_pas(&self) -> usize {
        self.debut_du_pas
    }

    /// What the last move produced (on opening: what the first day brought).
    pub fn entrees_du_pas(&self) -> &[Entree] {
        &self.transcript[self.debut_du_pas..]
    }

    pub fn position(&self) -> Position {
        self.position
    }

    pub fn jour(&self) -> Date {
        self.position.jour
    }

    /// The first day of the replay.
    pub fn premier_jour(&self) -> Date {
        self.scenario.configuration.debut
    }

    /// The last day one can jump to: the scenario's end, or the closing of IA Primo if later, so
    /// that every milestone of the campaign can be visited.
    pub fn dernier_jour(&self) -> Date {
        self.dernier_jour
    }

    /// The day the scenario's expectations are checked: stepping stops there.
    pub fn fin_du_scenario(&self) -> Date {
        self.scenario.fin
    }

    pub fn prochain_evenement(&self) -> Option<&EvenementPrevu> {
        self.scenario.evenements.get(self.position.evenements_joues)
    }

    pub fn peut_reculer(&self) -> bool {
        !self.historique.is_empty()
    }

    /// Every event applied and the scenario's end reached.
    pub fn termine(&self) -> bool {
        self.prochain_evenement().is_none() && self.position.jour >= self.scenario.fin
    }

    /// Applies the next event of the scenario, moving the clock to its day first.
    pub fn evenement_suivant(&mut self) -> Result<(), ErreurPas> {
        let prochain = self.prochain_evenement().ok_or(ErreurPas::PlusDEvenement)?;
        let cible = Position {
            jour: prochain.jour,
            evenements_joues: self.position.evenements_joues + 1,
        };
        self.deplacer(cible)
    }

    /// One step: the next event if it is today; otherwise the clock moves day by day until a day
    /// brings something (bac results, a batch…) or the next event's day (or the scenario's end) is
    /// reached. Quiet days are skipped, so that « play » never idles.
    pub fn avancer(&mut self) -> Result<(), ErreurPas> {
        let limite = match self.prochain_evenement() {
            Some(prochain) if prochain.jour == self.position.jour => {
                return self.evenement_suivant();
            }
            Some(prochain) => prochain.jour,
            None if self.position.jour >= self.scenario.fin => {
                return Err(ErreurPas::FinAtteinte {
                    fin: self.scenario.fin,
                });
            }
            None => self.scenario.fin,
        };
        self.marquer_depart();
        while self.position.jour < limite {
            let Some(lendemain) = self.position.jour.next_day() else {
                break;
            };
            let avant = self.transcript.len();
            self.avancer_au_matin(lendemain);
            if self.transcript.len() > avant {
                break;
            }
        }
        Ok(())
    }

    /// The morning of `jour`: every event of the days before applied, none of that day's.
    pub fn aller_au(&mut self, jour: Date) -> Result<(), ErreurPas> {
        if jour < self.premier_jour() || jour > self.dernier_jour {
            return Err(ErreurPas::HorsCalendrier {
                jour,
                premier: self.premier_jour(),
                dernier: self.dernier_jour,
            });
        }
        let cible = Position {
            jour,
            evenements_joues: self
                .scenario
                .evenements
                .iter()
                .take_while(|prevu| prevu.jour < jour)
                .count(),
        };
        if cible == self.position {
            return Ok(());
        }
        self.deplacer(cible)
    }

    /// The morning of a milestone of the campaign (« lendemain des résultats du bac »).
    pub fn aller_au_jalon(&mut self, jalon: Jalon) -> Result<(), ErreurPas> {
        self.aller_au(jalon.date(&self.scenario.configuration.campagne))
    }

    /// Back to the first day, as on opening (undoable).
    pub fn revenir_au_debut(&mut self) -> Result<(), ErreurPas> {
        let debut = Position {
            jour: self.premier_jour(),
            evenements_joues: 0,
        };
        if debut == self.position {
            return Ok(());
        }
        self.deplacer(debut)
    }

    /// Undoes the last move.
    pub fn reculer(&mut self) -> Result<(), ErreurPas> {
        let repere = self.historique.pop().ok_or(ErreurPas::RienAAnnuler)?;
        let resultat = self.rejouer_jusqu_a(repere.position);
        self.debut_du_pas = repere.debut_du_pas.min(self.transcript.len());
        resultat
    }

    /// Moves to `cible`, forward by continuing, backward by replaying from the first day.
    fn deplacer(&mut self, cible: Position) -> Result<(), ErreurPas> {
        self.marquer_depart();
        if cible >= self.position {
            self.atteindre(cible)
        } else {
            let resultat = self.rejouer_jusqu_a(cible);
            // Going back, « what just happened » is what that day has brought so far.
            self.debut_du_pas = self
                .transcript
                .iter()
                .position(|entree| entree.jour >= cible.jour)
                .unwrap_or(self.transcript.len());
            resultat
        }
    }

    /// Remembers the current position for « reculer »; what follows is the new step.
    fn marquer_depart(&mut self) {
        self.historique.push(Repere {
            position: self.position,
            debut_du_pas: self.debut_du_pas,
        });
        self.debut_du_pas = self.transcript.len();
    }

    fn rejouer_jusqu_a(&mut self, cible: Position) -> Result<(), ErreurPas> {
        let debut = self.premier_jour();
        // Already opened once with this very configuration.
        let (simulation, entrees) = Simulation::nouvelle(self.scenario.configuration.clone())
            .map_err(|erreur| ErreurPas::Evenement {
                numero: 0,
                position: None,
                jour: debut,
                message: erreur.to_string(),
            })?;
        self.simulation = simulation;
        self.transcript = entrees;
        self.position = Position {
            jour: debut,
            evenements_joues: 0,
        };
        self.atteindre(cible)
    }

    /// Forward only: applies the events up to `cible` and moves the clock to its day.
    fn atteindre(&mut self, cible: Position) -> Result<(), ErreurPas> {
        while self.position.evenements_joues < cible.evenements_joues {
            self.appliquer_prochain_evenement()?;
        }
        if cible.jour > self.position.jour {
            self.avancer_au_matin(cible.jour);
        }
        Ok(())
    }

    fn appliquer_prochain_evenement(&mut self) -> Result<(), ErreurPas> {
        let Some(prevu) = self.scenario.evenements.get(self.position.evenements_joues) else {
            return Err(ErreurPas::PlusDEvenement);
        };
        let refus = |message: String| ErreurPas::Evenement {
            numero: prevu.numero,
            position: prevu.position,
            jour: prevu.jour,
            message,
        };
        let avance = self
            .simulation
            .avancer_jusqu_au(prevu.jour)
            .map_err(|e| refus(e.to_string()))?;
        self.transcript.extend(avance);
        self.position.jour = prevu.jour;
        let entrees = self
            .simulation
            .traiter(&prevu.evenement)
            .map_err(|e| refus(e.to_string()))?;
        self.transcript.extend(entrees);
        self.position.evenements_joues += 1;
        Ok(())
    }

    fn avancer_au_matin(&mut self, jour: Date) {
        // Only ever called with a later day, which the core always accepts.
        if let Ok(entrees) = self.simulation.avancer_jusqu_au(jour) {
            self.transcript.extend(entrees);
            self.position.jour = jour;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cycle_core::transcript::{Contenu, Fait};
    use cycle_core::CodeDecision;
    use cycle_scenario::executer;
    use time::macros::date;

    fn echec_bac() -> Seance {
        Seance::integre("echec_bac_webservice").expect("scénario intégré")
    }

    fn decisions_opi(entrees: &[Entree]) -> Vec<CodeDecision> {
        entrees
            .iter()
            .filter_map(|e| match &e.fait {
                Fait::Message {
                    contenu: Contenu::Opi(opi),
                    ..
                } => Some(opi.voeux.iter().map(|v| v.decision).collect::<Vec<_>>()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn stepping_to_the_end_gives_the_runner_s_transcript() {
        for integre in INTEGRES {
            let scenario = integre.charger().expect("intégré");
            let rapport = executer(&scenario);
            let mut seance = Seance::integre(integre.nom).expect("intégré");
            let mut pas = 0;
            loop {
                match seance.avancer() {
                    Ok(()) => pas += 1,
                    Err(ErreurPas::FinAtteinte { .. }) => break,
                    Err(autre) => panic!("{}: {autre}", integre.nom),
                }
                assert!(pas < 1_000, "{} : avancer ne termine pas", integre.nom);
            }
            assert!(seance.termine());
            assert_eq!(seance.jour(), rapport.fin, "{}", integre.nom);
            assert_eq!(seance.transcript(), rapport.transcript, "{}", integre.nom);
        }
    }

    #[test]
    fn the_morning_after_the_bac_results_carries_the_d_vœu_and_not_the_day_s_event() {
        let mut seance = echec_bac();
        seance.aller_au_jalon(Jalon::ResultatsBac).expect("jalon");
        seance
            .aller_au_jalon(Jalon::LendemainResultatsBac)
            .expect("jalon");
        assert_eq!(seance.jour(), date!(2024 - 07 - 09));
        assert_eq!(decisions_opi(seance.entrees_du_pas()), [CodeDecision::D]);
        let prochain = seance
            .prochain_evenement()
            .expect("l'IA Primo du jour reste à jouer");
        assert_eq!(prochain.jour, date!(2024 - 07 - 09));
    }

    #[test]
    fn avancer_skips_quiet_days_but_stops_on_a_day_that_brings_something() {
        let mut seance = echec_bac();
        seance.evenement_suivant().expect("acceptation");
        let apres_acceptation = seance.jour();
        seance.avancer().expect("pas");
        assert!(seance.jour() > apres_acceptation.next_day().expect("lendemain"));
        assert!(!seance.entrees_du_pas().is_empty());
    }

    #[test]
    fn reculer_undoes_moves_one_at_a_time_with_the_same_transcript() {
        let mut seance = echec_bac();
        let initial = seance.transcript().to_vec();
        seance.evenement_suivant().expect("1");
        let apres_un = (seance.position(), seance.transcript().to_vec());
        let pas_un = seance.entrees_du_pas().to_vec();
        seance.aller_au(date!(2024 - 07 - 20)).expect("saut");
        seance.reculer().expect("annule le saut");
        assert_eq!((seance.position(), seance.transcript().to_vec()), apres_un);
        assert_eq!(seance.entrees_du_pas(), pas_un);
        seance.reculer().expect("annule le premier pas");
        assert_eq!(seance.transcript(), initial);
        assert_eq!(seance.reculer(), Err(ErreurPas::RienAAnnuler));
    }

    #[test]
    fn going_back_to_an_earlier_day_replays_to_that_morning() {
        let mut seance = echec_bac();
        seance.aller_au(date!(2024 - 07 - 20)).expect("saut");
        seance.aller_au(date!(2024 - 07 - 08)).expect("retour");
        assert_eq!(seance.jour(), date!(2024 - 07 - 08));
        assert_eq!(decisions_opi(seance.transcript()), [CodeDecision::F]);
        assert!(seance.transcript().iter().all(|e| e.jour <= seance.jour()));
    }

    #[test]
    fn days_outside_the_calendar_are_refused_by_date() {
        let mut seance = echec_bac();
        let erreur = seance.aller_au(date!(2023 - 01 - 01)).unwrap_err();
        assert_eq!(
            erreur.to_string(),
            "le 01/01/2023 est hors du calendrier de ce scénario (du 30/05/2024 au 30/09/2024)"
        );
        assert_eq!(seance.jour(), seance.premier_jour());
    }

    #[test]
    fn a_refused_event_stops_the_replay_with_its_line() {
        let texte = "titre = \"t\"\ndescription = \"d\"\n[[candidats]]\ncode = 1048576\n\n\
                     [[evenements]]\ndate = 2024-06-10\ntype = \"paiement\"\ncandidat = 1048576\nvet = \"DL1OUI\"\n";
        let mut seance = Seance::depuis_texte("paiement.toml", texte).expect("chargé");
        let erreur = seance.evenement_suivant().unwrap_err();
        assert_eq!(
            erreur.to_string(),
            "événement n° 1 (ligne 6) du 10/06/2024 refusé : vet DL1OUI/1: le candidat 1048576 n'a pas d'IA sur cette VET"
        );
        assert_eq!(seance.position().evenements_joues, 0);
    }

    #[test]
    fn unknown_built_ins_and_broken_files_say_why() {
        let erreur = Seance::integre("inconnu").err().expect("refusé");
        assert!(erreur
            .to_string()
            .starts_with("scénario intégré inconnu : « inconnu » (possibles : nominal_f, "));
        let erreur = Seance::depuis_texte("a.toml", "titre = \"t\"\n")
            .err()
            .expect("refusé");
        assert_eq!(
            erreur.to_string(),
            "a.toml:1:1: champ obligatoire absent : « description »"
        );
    }
}
