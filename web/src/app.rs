//! Root component: holds the replay session and every choice the trainer made (scenario, followed
//! candidate, opened message, playback), turns the controls' requests into moves of the session,
//! and lays the page out.
//!
//! The session ([`Seance`]) does the simulating and [`cycle_wasm::vues`] the reading; this module
//! only wires them to the components and to the browser (URL fragment, file import, timer).

use std::rc::Rc;

use cycle_wasm::editeur::{self, CandidatSaisi, ErreurEdition, EvenementSaisi};
use cycle_wasm::lien::{self, Lien, Source};
use cycle_wasm::vues::{
    self, FiltreEntrees, Jour, Selection, VueCalendrier, VueIntegre, VueScenario,
};
use cycle_wasm::{ErreurPas, Seance};
use gloo::events::EventListener;
use gloo::file::callbacks::FileReader;
use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::composants::communs::CANDIDATS_EN_LISTE;
use crate::composants::{
    ChargeOuverte, ChoixScenario, Chronologie, Deplacement, Editeur, EnTete, PanneauApogee,
    PanneauIaPrimo, PanneauParcoursup, Pas, PiedDePage, Presentation, Sequence, CHOIX_IMPORTE,
    ENTREES_MAX,
};
use crate::navigateur;

/// Identifiant du contenu principal, cible du lien d'évitement « Aller au contenu ».
pub const ID_CONTENU: &str = "contenu";

/// The scenario shown when the address names none.
const INTEGRE_PAR_DEFAUT: &str = "nominal_f";

/// Rows of a state panel when every candidate is shown: a 1,000-candidate scenario stays readable
/// and each step stays fast.
const LIGNES_PAR_PANNEAU: usize = 20;

/// Messages of the sequence diagram shown at first, and added by « Afficher plus ».
const MESSAGES_PAR_PAGE: usize = 30;

/// Up to this many candidates, every one is shown; beyond, the first is followed.
const CANDIDATS_TOUS_AFFICHES: usize = 10;

/// IA Primo screens shown when no candidate is followed.
const ECRANS_IA_PRIMO: usize = 3;

/// Pause between two steps of « lecture » by default, in milliseconds.
const VITESSE_PAR_DEFAUT: u32 = 1500;

pub enum Msg {
    ChoisirIntegre(String),
    FichierChoisi(web_sys::File),
    FichierLu {
        nom: String,
        resultat: Result<String, String>,
    },
    FragmentChange,
    Deplacer(Deplacement),
    Lecture(bool),
    Tic,
    Vitesse(u32),
    SuivreCandidat(Option<u32>),
    BasculerMessage(usize),
    PlusDeMessages,
    AjouterCandidat(CandidatSaisi),
    AjouterEvenement(EvenementSaisi),
    SupprimerCandidat(u32),
    /// By its number, from 1.
    SupprimerEvenement(usize),
    AppliquerTexte(String),
    Partager,
}

/// The loaded scenario and what is derived from it once.
struct Ouvert {
    seance: Seance,
    scenario: Rc<VueScenario>,
    calendrier: Rc<VueCalendrier>,
    texte: Rc<str>,
}

impl Ouvert {
    fn new(seance: Seance) -> Ouvert {
        Ouvert {
            scenario: Rc::new(vues::scenario(&seance)),
            calendrier: Rc::new(vues::calendrier(&seance)),
            texte: Rc::from(seance.texte()),
            seance,
        }
    }
}

pub struct App {
    integres: Rc<Vec<VueIntegre>>,
    ouvert: Option<Ouvert>,
    /// The built-in shown, or [`CHOIX_IMPORTE`].
    choix: String,
    erreur_chargement: Option<String>,
    erreur_pas: Option<String>,
    erreur_editeur: Option<String>,
    lecture: Option<Interval>,
    vitesse: u32,
    candidat_suivi: Option<u32>,
    ouverte: Option<Rc<ChargeOuverte>>,
    limite_messages: usize,
    lien: Option<String>,
    lecteur: Option<FileReader>,
    _ecoute_fragment: Option<EventListener>,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let ecoute_fragment = web_sys::window().map(|fenetre| {
            let lien = ctx.link().clone();
            EventListener::new(&fenetre, "hashchange", move |_| {
                lien.send_message(Msg::FragmentChange)
            })
        });
        let mut app = App {
            integres: Rc::new(vues::integres()),
            ouvert: None,
            choix: INTEGRE_PAR_DEFAUT.to_owned(),
            erreur_chargement: None,
            erreur_pas: None,
            erreur_editeur: None,
            lecture: None,
            vitesse: VITESSE_PAR_DEFAUT,
            candidat_suivi: None,
            ouverte: None,
            limite_messages: MESSAGES_PAR_PAGE,
            lien: None,
            lecteur: None,
            _ecoute_fragment: ecoute_fragment,
        };
        if !app.ouvrir_depuis_le_fragment() {
            app.ouvrir_integre(INTEGRE_PAR_DEFAUT);
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::ChoisirIntegre(nom) => {
                self.ouvrir_integre(&nom);
                self.noter_position();
            }
            Msg::FichierChoisi(fichier) => {
                let nom = fichier.name();
                let lien = ctx.link().clone();
                self.lecteur = Some(gloo::file::callbacks::read_as_text(
                    &gloo::file::Blob::from(fichier),
                    move |resultat| {
                        lien.send_message(Msg::FichierLu {
                            nom,
                            resultat: resultat.map_err(|e| e.to_string()),
                        })
                    },
                ));
                return false;
            }
            Msg::FichierLu { nom, resultat } => {
                self.lecteur = None;
                match resultat.map_err(|e| format!("{nom} : lecture impossible ({e})")) {
                    Ok(texte) => match Seance::depuis_texte(&nom, &texte) {
                        Ok(seance) => {
                            self.installer(seance, CHOIX_IMPORTE.to_owned());
                            navigateur::remplacer_fragment("");
                        }
                        Err(erreur) => self.erreur_chargement = Some(erreur.to_string()),
                    },
                    Err(erreur) => self.erreur_chargement = Some(erreur),
                }
            }
            Msg::FragmentChange => return self.ouvrir_depuis_le_fragment(),
            Msg::Deplacer(deplacement) => {
                self.deplacer(deplacement);
                self.noter_position();
            }
            Msg::Lecture(true) => self.demarrer_lecture(ctx),
            Msg::Lecture(false) => self.lecture = None,
            Msg::Tic => {
                let resultat = match &mut self.ouvert {
                    Some(ouvert) => ouvert.seance.avancer(),
                    None => Err(ErreurPas::PlusDEvenement),
                };
                match resultat {
                    Ok(()) => self.erreur_pas = None,
                    Err(ErreurPas::FinAtteinte { .. }) => self.lecture = None,
                    Err(erreur) => {
                        self.lecture = None;
                        self.erreur_pas = Some(erreur.to_string());
                    }
                }
                self.apres_deplacement();
                self.noter_position();
            }
            Msg::Vitesse(vitesse) => {
                self.vitesse = vitesse;
                if self.lecture.is_some() {
                    self.demarrer_lecture(ctx);
                }
            }
            Msg::SuivreCandidat(candidat) => {
                self.candidat_suivi = candidat;
                self.limite_messages = MESSAGES_PAR_PAGE;
            }
            Msg::BasculerMessage(index) => {
                let deja = self.ouverte.as_ref().is_some_and(|o| o.index == index);
                self.ouverte = match (&self.ouvert, deja) {
                    (Some(ouvert), false) => Some(Rc::new(ChargeOuverte {
                        index,
                        pieces: vues::pieces(&ouvert.seance, index),
                    })),
                    _ => None,
                };
            }
            Msg::PlusDeMessages => self.limite_messages += MESSAGES_PAR_PAGE,
            Msg::AjouterCandidat(saisie) => {
                self.editer(|fichier, texte| editeur::ajouter_candidat(fichier, texte, &saisie))
            }
            Msg::AjouterEvenement(saisie) => {
                self.editer(|fichier, texte| editeur::ajouter_evenement(fichier, texte, &saisie))
            }
            Msg::SupprimerCandidat(code) => {
                self.editer(|fichier, texte| editeur::supprimer_candidat(fichier, texte, code))
            }
            Msg::SupprimerEvenement(numero) => self.editer(|fichier, texte| {
                editeur::supprimer_evenement(fichier, texte, numero.saturating_sub(1))
            }),
            Msg::AppliquerTexte(texte) => self.editer(|_, _| Ok(texte.clone())),
            Msg::Partager => {
                if let Some(ouvert) = &self.ouvert {
                    let source = if self.choix == CHOIX_IMPORTE {
                        Source::Texte(ouvert.seance.texte().to_owned())
                    } else {
                        Source::Integre(self.choix.clone())
                    };
                    let fragment = lien::fragment(&Lien {
                        source,
                        jour: Some(ouvert.seance.jour()),
                    });
                    let adresse = navigateur::adresse_avec_fragment(&fragment);
                    navigateur::copier(&adresse);
                    self.lien = Some(adresse);
                }
            }
        }
        true
    }

    fn rendered(&mut self, _ctx: &Context<Self>, first_render: bool) {
        if first_render {
            navigateur::marquer("simulateur-rendu");
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let lien = ctx.link();
        html! {
            <>
                <a class="lien-evitement" href={format!("#{ID_CONTENU}")}>{ "Aller au contenu" }</a>
                <EnTete />
                <main id={ID_CONTENU} tabindex="-1">
                    <Presentation />
                    <ChoixScenario
                        integres={self.integres.clone()}
                        choix={self.choix.clone()}
                        scenario={self.ouvert.as_ref().map(|o| o.scenario.clone())}
                        erreur={self.erreur_chargement.clone()}
                        on_integre={lien.callback(Msg::ChoisirIntegre)}
                        on_fichier={lien.callback(Msg::FichierChoisi)} />
                    { for self.ouvert.as_ref().map(|ouvert| self.vue_simulation(ctx, ouvert)) }
                </main>
                <PiedDePage />
            </>
        }
    }
}

impl App {
    /// Opens what the URL fragment names; false when it names nothing (or cannot be read, which is
    /// then said on the page).
    fn ouvrir_depuis_le_fragment(&mut self) -> bool {
        let lien = match lien::lire(&navigateur::fragment()) {
            Ok(Some(lien)) => lien,
            Ok(None) => return false,
            Err(erreur) => {
                self.erreur_chargement = Some(erreur);
                return false;
            }
        };
        let (ouverture, choix) = match lien.source {
            Source::Integre(nom) => (Seance::integre(&nom), nom),
            Source::Texte(texte) => (
                Seance::depuis_texte("scenario_partage.toml", &texte),
                CHOIX_IMPORTE.to_owned(),
            ),
        };
        match ouverture {
            Ok(seance) => {
                self.installer(seance, choix);
                if let Some(jour) = lien.jour {
                    self.deplacer(Deplacement::Jour(jour));
                }
                true
            }
            Err(erreur) => {
                self.erreur_chargement = Some(erreur.to_string());
                false
            }
        }
    }

    fn ouvrir_integre(&mut self, nom: &str) {
        match Seance::integre(nom) {
            Ok(seance) => self.installer(seance, nom.to_owned()),
            Err(erreur) => self.erreur_chargement = Some(erreur.to_string()),
        }
    }

    /// Shows a newly opened scenario from its first day.
    fn installer(&mut self, seance: Seance, choix: String) {
        let candidats = &seance.scenario().configuration.candidats;
        self.candidat_suivi = if candidats.len() > CANDIDATS_TOUS_AFFICHES {
            candidats.first().map(|c| c.code_candidat)
        } else {
            None
        };
        self.ouvert = Some(Ouvert::new(seance));
        self.choix = choix;
        self.erreur_chargement = None;
        self.erreur_pas = None;
        self.erreur_editeur = None;
        self.lecture = None;
        self.ouverte = None;
        self.limite_messages = MESSAGES_PAR_PAGE;
        self.lien = None;
    }

    fn deplacer(&mut self, deplacement: Deplacement) {
        let Some(ouvert) = &mut self.ouvert else {
            return;
        };
        let seance = &mut ouvert.seance;
        let resultat = match deplacement {
            Deplacement::Debut => seance.revenir_au_debut(),
            Deplacement::Reculer => seance.reculer(),
            Deplacement::Avancer => seance.avancer(),
            Deplacement::EvenementSuivant => seance.evenement_suivant(),
            Deplacement::Jour(jour) => seance.aller_au(jour),
            Deplacement::Jalon(jalon) => seance.aller_au_jalon(jalon),
        };
        self.erreur_pas = resultat.err().map(|e| e.to_string());
        self.apres_deplacement();
    }

    /// An opened payload stays open while its entry exists (the replay is deterministic: the same
    /// index is the same entry).
    fn apres_deplacement(&mut self) {
        let longueur = self
            .ouvert
            .as_ref()
            .map_or(0, |o| o.seance.transcript().len());
        if self.ouverte.as_ref().is_some_and(|o| o.index >= longueur) {
            self.ouverte = None;
        }
        self.lien = None;
    }

    /// Keeps a built-in's address pointing at the day shown, so that reloading the page comes back
    /// to it.
    fn noter_position(&self) {
        if let (Some(ouvert), false) = (&self.ouvert, self.choix == CHOIX_IMPORTE) {
            navigateur::remplacer_fragment(&lien::fragment(&Lien {
                source: Source::Integre(self.choix.clone()),
                jour: Some(ouvert.seance.jour()),
            }));
        }
    }

    fn demarrer_lecture(&mut self, ctx: &Context<Self>) {
        let lien = ctx.link().clone();
        self.lecture = Some(Interval::new(self.vitesse, move || {
            lien.send_message(Msg::Tic)
        }));
    }

    /// Applies an edit of the scenario's text and reopens it on the same day.
    fn editer(&mut self, edition: impl FnOnce(&str, &str) -> Result<String, ErreurEdition>) {
        let Some(ouvert) = &self.ouvert else {
            return;
        };
        let seance = &ouvert.seance;
        let resultat = edition(&seance.scenario().fichier, seance.texte())
            .map_err(|e| e.to_string())
            .and_then(|texte| seance.recharger(&texte).map_err(|e| e.to_string()));
        match resultat {
            Ok((seance, avertissement)) => {
                let suivi = self.candidat_suivi;
                self.installer(seance, CHOIX_IMPORTE.to_owned());
                let existe = |code: u32| {
                    self.ouvert.as_ref().is_some_and(|o| {
                        o.scenario.candidats.iter().any(|c| c.code_candidat == code)
                    })
                };
                self.candidat_suivi = suivi.filter(|c| existe(*c)).or(self.candidat_suivi);
                self.erreur_pas = avertissement.map(|a| a.to_string());
                navigateur::remplacer_fragment("");
            }
            Err(erreur) => self.erreur_editeur = Some(erreur),
        }
    }

    fn vue_simulation(&self, ctx: &Context<Self>, ouvert: &Ouvert) -> Html {
        let lien = ctx.link();
        let seance = &ouvert.seance;
        let suivi = self.candidat_suivi;
        let selection = Selection {
            candidat: suivi,
            limite: LIGNES_PAR_PANNEAU,
        };
        let (messages, total) = vues::entrees(
            seance,
            FiltreEntrees {
                messages_seulement: true,
                candidat: suivi,
                limite: self.limite_messages,
            },
        );
        let nom_suivi = suivi.and_then(|code| {
            ouvert
                .scenario
                .candidats
                .iter()
                .find(|c| c.code_candidat == code)
                .map(|c| format!("par ou pour {} {}", c.prenom, c.nom))
        });
        let ecrans: Vec<u32> = match suivi {
            Some(code) => vec![code],
            None => ouvert
                .scenario
                .candidats
                .iter()
                .take(ECRANS_IA_PRIMO)
                .map(|c| c.code_candidat)
                .collect(),
        };
        let position = vues::position(seance);
        html! {
            <>
                <Chronologie position={position.clone()} calendrier={ouvert.calendrier.clone()}
                    lecture={self.lecture.is_some()} vitesse={self.vitesse}
                    on_deplacer={lien.callback(Msg::Deplacer)}
                    on_lecture={lien.callback(Msg::Lecture)}
                    on_vitesse={lien.callback(Msg::Vitesse)} />
                { self.choix_candidat(ctx, &ouvert.scenario) }
                <div class="grille">
                    <div class="colonne colonne-deroulement">
                        <Pas pas={vues::pas(seance, ENTREES_MAX)} jour={position.jour}
                            erreur={self.erreur_pas.clone()} />
                        <Sequence messages={messages} total={total} debut_du_pas={seance.debut_du_pas()}
                            ouverte={self.ouverte.clone()} suivi={nom_suivi}
                            on_basculer={lien.callback(Msg::BasculerMessage)}
                            on_plus={lien.callback(|()| Msg::PlusDeMessages)} />
                    </div>
                    <div class="colonne colonne-etats">
                        <PanneauIaPrimo vues={ecrans.into_iter().map(|c| vues::ia_primo(seance, c)).collect::<Vec<_>>()} />
                        <PanneauParcoursup vue={vues::parcoursup(seance, selection)} un_candidat={suivi.is_some()} />
                        <PanneauApogee vue={vues::apogee(seance, selection)} un_candidat={suivi.is_some()} />
                    </div>
                </div>
                <Editeur scenario={ouvert.scenario.clone()} calendrier={ouvert.calendrier.clone()}
                    texte={ouvert.texte.clone()}
                    jour={Jour(seance.jour())} erreur={self.erreur_editeur.clone()} lien={self.lien.clone()}
                    on_candidat={lien.callback(Msg::AjouterCandidat)}
                    on_evenement={lien.callback(Msg::AjouterEvenement)}
                    on_supprimer_candidat={lien.callback(Msg::SupprimerCandidat)}
                    on_supprimer_evenement={lien.callback(Msg::SupprimerEvenement)}
                    on_texte={lien.callback(Msg::AppliquerTexte)}
                    on_partager={lien.callback(|()| Msg::Partager)} />
            </>
        }
    }

    /// « Candidat suivi »: every panel then shows that candidate only.
    fn choix_candidat(&self, ctx: &Context<Self>, scenario: &VueScenario) -> Html {
        let choisir = ctx.link().callback(|evenement: Event| {
            Msg::SuivreCandidat(navigateur::valeur_cible(&evenement).trim().parse().ok())
        });
        let valeur = self.candidat_suivi.map_or(String::new(), |c| c.to_string());
        let champ = if scenario.candidats.len() > CANDIDATS_EN_LISTE {
            html! {
                <input id="candidat-suivi" type="number" onchange={choisir} value={valeur}
                    placeholder="numéro de dossier (vide : tous)" />
            }
        } else {
            html! {
                <select id="candidat-suivi" onchange={choisir}>
                    <option value="" selected={self.candidat_suivi.is_none()}>{ "Tous les candidats" }</option>
                    { for scenario.candidats.iter().map(|c| html! {
                        <option value={c.code_candidat.to_string()} selected={Some(c.code_candidat) == self.candidat_suivi}>
                            { format!("{} {} (n° {})", c.prenom, c.nom, c.code_candidat) }
                        </option>
                    }) }
                </select>
            }
        };
        html! {
            <div class="suivi champ">
                <label for="candidat-suivi">{ "Candidat suivi" }</label>
                { champ }
                <span class="note">{ format!("{} candidat(s) dans le scénario", scenario.candidats.len()) }</span>
            </div>
        }
    }
}
