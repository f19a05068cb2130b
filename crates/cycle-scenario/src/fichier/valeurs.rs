//! The small values a scenario file writes: days, decision codes, refusal motifs, IA states… each with
//! its own serde and JSON Schema shape, and its conversion to the core's type.
//!
//! These types exist so that the file format stays stable and documented even when the core's types
//! change shape; conversions are exhaustive matches, so a new core variant is a compile error here.

use std::borrow::Cow;

use cycle_core::transcript::{Autorisation, MotifRefus};
use cycle_core::{CodeDecision, EtatInscription, Reponse, ResultatBac, Sexe};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use time::Date;

/// A day, written as a TOML date (`2024-07-09`) or as a string (`"2024-07-09"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Jour(pub Date);

/// The key under which the `toml` deserialiser hands over a TOML date (a private protocol of the
/// `toml` crate, stable across its versions).
const CLE_DATE_TOML: &str = "$__toml_private_datetime";

impl Jour {
    /// `2024-07-09` → that day; `None` for anything else (a time, an offset, a day that does not
    /// exist). Every shell reads typed days with it, so that they all accept the same text.
    ///
    /// It uses toml's date parser, already in every build that reads scenarios: `time`'s own parser
    /// weighed some 40 KB of the browser page.
    pub fn depuis_iso(texte: &str) -> Option<Jour> {
        let lu: toml::value::Datetime = texte.parse().ok()?;
        let (Some(date), None, None) = (lu.date, lu.time, lu.offset) else {
            return None;
        };
        let mois = time::Month::try_from(date.month).ok()?;
        Date::from_calendar_date(i32::from(date.year), mois, date.day)
            .ok()
            .map(Jour)
    }
}

fn lire_jour<E: de::Error>(texte: &str) -> Result<Jour, E> {
    Jour::depuis_iso(texte).ok_or_else(|| E::custom(crate::erreur::pas_une_date(texte)))
}

impl<'de> Deserialize<'de> for Jour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct VisiteurJour;
        impl<'de> Visitor<'de> for VisiteurJour {
            type Value = Jour;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("une date AAAA-MM-JJ")
            }
            fn visit_str<E: de::Error>(self, texte: &str) -> Result<Jour, E> {
                lire_jour(texte)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut table: A) -> Result<Jour, A::Error> {
                match table.next_key::<String>()? {
                    Some(cle) if cle == CLE_DATE_TOML => {
                        let texte: String = table.next_value()?;
                        lire_jour(&texte)
                    }
                    _ => Err(de::Error::custom(
                        "une date AAAA-MM-JJ est attendue, pas une table",
                    )),
                }
            }
        }
        deserializer.deserialize_any(VisiteurJour)
    }
}

impl JsonSchema for Jour {
    fn schema_name() -> Cow<'static, str> {
        "Jour".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Un jour AAAA-MM-JJ (date TOML ou chaîne).",
            "type": "string",
            "format": "date"
        })
    }
}

/// Generates a unit-only enum of the file format with its snake_case names, its French description,
/// and its conversion to the core type.
macro_rules! valeurs {
    (
        $(#[$doc:meta])*
        $nom:ident => $cible:ty {
            $( $(#[$vdoc:meta])* $variante:ident = $texte:literal => $valeur:expr, )+
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
        pub enum $nom {
            $( $(#[$vdoc])* #[serde(rename = $texte)] $variante, )+
        }

        impl $nom {
            pub fn vers_core(self) -> $cible {
                match self {
                    $( $nom::$variante => $valeur, )+
                }
            }
        }
    };
}

valeurs! {
    /// Le résultat du bac du candidat, ou `reorientation` pour un candidat non néo-bachelier (R15).
    BacFichier => Option<ResultatBac> {
        Admis = "admis" => Some(ResultatBac::Admis),
        Echec = "echec" => Some(ResultatBac::Echec),
        /// Envoyé au rattrapage, puis admis (R9).
        RattrapageAdmis = "rattrapage_admis" => Some(ResultatBac::RattrapageAdmis),
        /// Envoyé au rattrapage, puis refusé (R9).
        RattrapageEchec = "rattrapage_echec" => Some(ResultatBac::RattrapageEchec),
        /// Étudiant en réorientation : les résultats du bac ne le concernent pas (R15).
        Reorientation = "reorientation" => None,
    }
}

valeurs! {
    /// Sexe à l'état civil.
    SexeFichier => Sexe {
        M = "M" => Sexe::M,
        F = "F" => Sexe::F,
    }
}

valeurs! {
    /// La réponse acceptée dans Parcoursup, qui choisit la VET du vœu (R5).
    ReponseFichier => Reponse {
        Oui = "oui" => Reponse::Oui,
        OuiSi3Ans = "oui_si_3_ans" => Reponse::OuiSi3Ans,
        OuiSi4Ans = "oui_si_4_ans" => Reponse::OuiSi4Ans,
    }
}

valeurs! {
    /// Code décision d'un vœu : F favorable, S Oui Si, D défavorable (R1).
    DecisionFichier => CodeDecision {
        F = "F" => CodeDecision::F,
        S = "S" => CodeDecision::S,
        D = "D" => CodeDecision::D,
    }
}

valeurs! {
    /// Motif de refus d'une inscription en ligne (R17 et voisines).
    MotifFichier => MotifRefus {
        /// Pas d'OPI : connexion à IA Primo impossible (R1, R6).
        AucuneOpi = "aucune_opi" => MotifRefus::AucuneOpi,
        /// Aucun vœu ni laissez-passer sur cette VET (R2).
        VetNonProposee = "vet_non_proposee" => MotifRefus::VetNonProposee,
        /// Vœu D sans laissez-passer (R11, R17).
        DecisionDefavorable = "decision_defavorable" => MotifRefus::DecisionDefavorable,
        /// IA payée existante sur la VET (R17).
        DejaInscrit = "deja_inscrit" => MotifRefus::DejaInscrit,
        /// IA non payée existante sur la VET (R17).
        EnAttenteDePaiement = "en_attente_de_paiement" => MotifRefus::EnAttenteDePaiement,
        /// VET fermée à l'inscription en ligne ce jour-là (R17).
        VetFermee = "vet_fermee" => MotifRefus::VetFermee,
    }
}

valeurs! {
    /// Pourquoi une VET est ouverte au candidat dans IA Primo.
    AutorisationFichier => Autorisation {
        /// Vœu F (R2).
        Favorable = "favorable" => Autorisation::Favorable,
        /// Vœu S (R3).
        OuiSi = "oui_si" => Autorisation::OuiSi,
        /// Laissez-passer (R4).
        LaissezPasser = "laissez_passer" => Autorisation::LaissezPasser,
    }
}

valeurs! {
    /// Comment l'université reçoit les OPI.
    ModeOpiFichier => cycle_core::ModeOpi {
        /// Webservice SOAP d'Apogée `mettreajourDonneesOpi_v10` (synchrone).
        Webservice = "webservice" => cycle_core::ModeOpi::Webservice,
        /// Push JSON `admissionCandidat` de Parcoursup (synchrone).
        PushJson = "push_json" => cycle_core::ModeOpi::PushJson,
        /// Fichiers plats quotidiens, avec le second fichier des vœux défavorables (asynchrone).
        FichiersPlats = "fichiers_plats" => cycle_core::ModeOpi::FichiersPlats,
    }
}

valeurs! {
    /// Où en est le connecteur au premier jour (R6).
    ConnecteurFichier => cycle_core::ConnecteurInitial {
        /// Webservice de remontées non paramétré : aucune OPI.
        NonParametre = "non_parametre" => cycle_core::ConnecteurInitial::NonParametre,
        /// Paramétré, mais « Tester connecteur » jamais cliqué : aucune OPI.
        ParametreNonTeste = "parametre_non_teste" => cycle_core::ConnecteurInitial::ParametreNonTeste,
        /// Paramétré et testé : les OPI partent dès le premier jour.
        Valide = "valide" => cycle_core::ConnecteurInitial::Valide,
    }
}

valeurs! {
    /// Le canal d'un message.
    CanalFichier => cycle_core::transcript::Canal {
        /// Webservice OPI d'Apogée (SOAP).
        WebserviceOpi = "webservice_opi" => cycle_core::transcript::Canal::WebserviceOpi,
        /// Push JSON `admissionCandidat`.
        PushJson = "push_json" => cycle_core::transcript::Canal::PushJson,
        /// Fichiers OPI plats.
        FichiersPlats = "fichiers_plats" => cycle_core::transcript::Canal::FichiersPlats,
        /// API REST de Parcoursup (remontées, test connecteur).
        ApiRest = "api_rest" => cycle_core::transcript::Canal::ApiRest,
        /// Les écrans d'IA Primo.
        IaPrimo = "ia_primo" => cycle_core::transcript::Canal::IaPrimo,
    }
}

valeurs! {
    /// Le fichier OPI qui porte un vœu, en mode fichiers plats (R8, R10).
    FichierOpiFichier => crate::lecture::FichierOpi {
        /// Les fichiers habituels (individus et vœux).
        Habituel = "habituel" => crate::lecture::FichierOpi::Habituel,
        /// Le second fichier, des vœux défavorables.
        VoeuxDefavorables = "voeux_defavorables" => crate::lecture::FichierOpi::VoeuxDefavorables,
    }
}

valeurs! {
    /// État de l'IA dans Apogée (`ETA_IAE`).
    EtatIaFichier => cycle_core::apogee::EtatIa {
        /// E : en cours (valide).
        EnCours = "en_cours" => cycle_core::apogee::EtatIa::EnCours,
        /// A : annulée.
        Annulee = "annulee" => cycle_core::apogee::EtatIa::Annulee,
        /// R : résiliée.
        Resiliee = "resiliee" => cycle_core::apogee::EtatIa::Resiliee,
        /// C : en cours de création.
        EnCreation = "en_creation" => cycle_core::apogee::EtatIa::EnCreation,
    }
}

valeurs! {
    /// Paiement de l'IA (`ETA_PMT_IAE`).
    PaiementFichier => cycle_core::apogee::Paiement {
        /// P : payée.
        Payee = "payee" => cycle_core::apogee::Paiement::Payee,
        /// A : en attente de paiement.
        EnAttente = "en_attente" => cycle_core::apogee::Paiement::EnAttente,
    }
}

valeurs! {
    /// État du connecteur vu de Parcoursup (R6).
    EtatConnecteurFichier => EtatConnecteurAttendu {
        /// Aucun test réussi ni tenté.
        NonTeste = "non_teste" => EtatConnecteurAttendu::NonTeste,
        /// Dernier test en échec.
        EnEchec = "en_echec" => EtatConnecteurAttendu::EnEchec,
        /// Test réussi : les OPI partent.
        Valide = "valide" => EtatConnecteurAttendu::Valide,
    }
}

/// The connector states an expectation may name (the core's state carries dates and reasons).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EtatConnecteurAttendu {
    NonTeste,
    EnEchec,
    Valide,
}

/// `etatInscription` of a remontée: its wire code 1–5, or its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EtatInscriptionFichier(pub EtatInscription);

const NOMS_ETAT_INSCRIPTION: [(&str, EtatInscription); 5] = [
    ("principale", EtatInscription::Principale),
    ("double_cursus", EtatInscription::DoubleCursus),
    ("annulee", EtatInscription::Annulee),
    ("parallele", EtatInscription::Parallele),
    ("parallele_secondaire", EtatInscription::ParalleleSecondaire),
];

impl<'de> Deserialize<'de> for EtatInscriptionFichier {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct VisiteurEtat;
        impl Visitor<'_> for VisiteurEtat {
            type Value = EtatInscriptionFichier;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("un état d'inscription 1 à 5 ou son nom")
            }
            fn visit_i64<E: de::Error>(self, code: i64) -> Result<Self::Value, E> {
                EtatInscription::depuis_code(code)
                    .map(EtatInscriptionFichier)
                    .ok_or_else(|| {
                        E::custom(format!(
                            "etatInscription {code} inconnu (1 principale, 2 double cursus, 3 annulée, 4 parallèle, 5 parallèle secondaire)"
                        ))
                    })
            }
            fn visit_u64<E: de::Error>(self, code: u64) -> Result<Self::Value, E> {
                self.visit_i64(i64::try_from(code).unwrap_or(i64::MAX))
            }
            fn visit_str<E: de::Error>(self, nom: &str) -> Result<Self::Value, E> {
                NOMS_ETAT_INSCRIPTION
                    .iter()
                    .find(|(texte, _)| *texte == nom)
                    .map(|(_, etat)| EtatInscriptionFichier(*etat))
                    .ok_or_else(|| {
                        E::custom(format!(
                            "état d'inscription « {nom} » inconnu (possibles : 1 à 5, ou {})",
                            NOMS_ETAT_INSCRIPTION.map(|(texte, _)| texte).join(", ")
                        ))
                    })
            }
        }
        deserializer.deserialize_any(VisiteurEtat)
    }
}

impl JsonSchema for EtatInscriptionFichier {
    fn schema_name() -> Cow<'static, str> {
        "EtatInscription".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "etatInscription d'une remontée : 1 principale, 2 double cursus, 3 annulée, 4 parallèle, 5 parallèle secondaire (le code ou le nom).",
            "oneOf": [
                { "type": "integer", "minimum": 1, "maximum": 5 },
                { "type": "string", "enum": NOMS_ETAT_INSCRIPTION.map(|(texte, _)| texte) }
            ]
        })
    }
}

/// The schema of an IA gestionnaire's `etatInscription`: the states of a valid IA, 3 (annulée)
/// left out, since only a cancellation is reported as 3 (R14). Read as [`EtatInscriptionFichier`];
/// the loader refuses 3 with its position.
pub struct EtatInscriptionIaValide;

impl JsonSchema for EtatInscriptionIaValide {
    fn schema_name() -> Cow<'static, str> {
        "EtatInscriptionIaValide".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let noms: Vec<&str> = NOMS_ETAT_INSCRIPTION
            .iter()
            .filter(|(_, etat)| *etat != EtatInscription::Annulee)
            .map(|(texte, _)| *texte)
            .collect();
        json_schema!({
            "description": "etatInscription remonté tant que l'IA est valide : 1 principale, 2 double cursus, 4 parallèle, 5 parallèle secondaire (le code ou le nom). 3 (annulée) n'est remonté qu'à l'annulation de l'IA.",
            "oneOf": [
                { "type": "integer", "enum": [1, 2, 4, 5] },
                { "type": "string", "enum": noms }
            ]
        })
    }
}

/// `preset` of the campaign: a year of `domain.md` §5, as a string or an integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PresetFichier(pub cycle_core::PresetCampagne);

impl<'de> Deserialize<'de> for PresetFichier {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct VisiteurPreset;
        impl Visitor<'_> for VisiteurPreset {
            type Value = PresetFichier;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("une année de campagne")
            }
            fn visit_i64<E: de::Error>(self, annee: i64) -> Result<Self::Value, E> {
                self.visit_str(&annee.to_string())
            }
            fn visit_u64<E: de::Error>(self, annee: u64) -> Result<Self::Value, E> {
                self.visit_str(&annee.to_string())
            }
            fn visit_str<E: de::Error>(self, annee: &str) -> Result<Self::Value, E> {
                cycle_core::PresetCampagne::TOUS
                    .into_iter()
                    .find(|preset| annee_du_preset(*preset) == annee)
                    .map(PresetFichier)
                    .ok_or_else(|| {
                        E::custom(format!(
                            "pas de calendrier publié pour « {annee} » (possibles : {})",
                            annees_des_presets().join(", ")
                        ))
                    })
            }
        }
        deserializer.deserialize_any(VisiteurPreset)
    }
}

fn annee_du_preset(preset: cycle_core::PresetCampagne) -> String {
    preset.campagne().annee.to_string()
}

fn annees_des_presets() -> Vec<String> {
    cycle_core::PresetCampagne::TOUS
        .into_iter()
        .map(annee_du_preset)
        .collect()
}

impl JsonSchema for PresetFichier {
    fn schema_name() -> Cow<'static, str> {
        "PresetCampagne".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let annees = annees_des_presets();
        json_schema!({
            "description": "Calendrier publié d'une année (domain.md §5), en chaîne ou en entier.",
            "oneOf": [
                { "type": "string", "enum": annees },
                { "type": "integer", "enum": annees.iter().filter_map(|a| a.parse::<u16>().ok()).collect::<Vec<_>>() }
            ]
        })
    }
}
