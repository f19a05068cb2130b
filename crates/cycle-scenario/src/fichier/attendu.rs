//! `[[attendus]]`: what must have happened, checked after the run.
//!
//! An expectation is either a search in the transcript (the flat fields: `regle`, `type`, `candidat`…)
//! or one final-state check (one of the tables `ia`, `ia_primo`, `dossiers_opi`,
//! `inscription_parcoursup`, or `connecteur`). [`crate::chargement`] refuses a mix of the two.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_spanned::Spanned;

use super::valeurs::{
    AutorisationFichier, CanalFichier, DecisionFichier, EtatConnecteurFichier, EtatIaFichier,
    EtatInscriptionFichier, FichierOpiFichier, Jour, MotifFichier, PaiementFichier,
};

/// Un résultat attendu : une entrée du déroulement, ou un état final.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttenduFichier {
    /// Pourquoi ce résultat est attendu, en français ; affiché quand il manque.
    pub pourquoi: Option<String>,

    // ---- search in the transcript: an entry matching every field given ----
    /// La règle de l'entrée (`R8`).
    #[schemars(with = "Option<String>")]
    pub regle: Option<Spanned<String>>,
    /// Le nom de l'entrée : un changement d'état (`ia_creee`, `decision_voeu`…) ou un message
    /// (`opi`, `fichiers_opi`, `remontee`, `test_connecteur`, `reponse`, `demande_ia_primo`).
    #[serde(rename = "type")]
    #[schemars(with = "Option<String>")]
    pub nature: Option<Spanned<String>>,
    /// Le `codeCandidat` dont parle l'entrée.
    #[schemars(with = "Option<u32>")]
    pub candidat: Option<Spanned<u32>>,
    /// Le canal du message (`webservice_opi`, `push_json`, `fichiers_plats`, `api_rest`, `ia_primo`).
    pub canal: Option<CanalFichier>,
    /// Le jour de l'entrée. Ou bien `jalon`, ou bien `du`/`au`.
    pub date: Option<Jour>,
    /// Le jour de l'entrée, en jalon de campagne.
    #[schemars(with = "Option<String>")]
    pub jalon: Option<Spanned<String>>,
    /// Jours après le jalon (négatif : avant).
    pub decalage: Option<i32>,
    /// Entrées à partir de ce jour (compris).
    pub du: Option<Jour>,
    /// Entrées jusqu'à ce jour (compris).
    pub au: Option<Jour>,
    /// La VET concernée (`DL1OUI` ou `DL1OUI/1`) ; avec `decision`, le même vœu porte les deux.
    #[schemars(with = "Option<String>")]
    pub vet: Option<Spanned<String>>,
    /// Le code décision d'un vœu de l'entrée.
    pub decision: Option<DecisionFichier>,
    /// Le motif d'un refus d'IA (`decision_defavorable`…).
    pub motif: Option<MotifFichier>,
    /// L'état d'inscription d'une remontée (1 à 5 ou son nom).
    pub etat_inscription: Option<EtatInscriptionFichier>,
    /// Fichiers plats : le fichier OPI qui porte le vœu (`habituel` ou `voeux_defavorables`).
    pub fichier: Option<FichierOpiFichier>,
    /// Aucune entrée ne doit correspondre (équivaut à `nombre = 0`).
    pub absent: Option<bool>,
    /// Nombre exact d'entrées qui doivent correspondre ; par défaut au moins une.
    pub nombre: Option<u32>,

    // ---- final state ----
    /// L'IA du candidat sur la VET, à la fin.
    pub ia: Option<AttenduIaFichier>,
    /// Le verdict de l'IA Primo pour le candidat sur la VET, à la fin.
    pub ia_primo: Option<AttenduIaPrimoFichier>,
    /// Les dossiers OPI du candidat dans Apogée, à la fin (R16 : jamais de doublon).
    pub dossiers_opi: Option<AttenduOpiFichier>,
    /// Ce que Parcoursup sait de l'inscription du candidat (remontées reçues), à la fin.
    pub inscription_parcoursup: Option<AttenduInscriptionFichier>,
    /// L'état du connecteur vu de Parcoursup, à la fin.
    pub connecteur: Option<EtatConnecteurFichier>,
}

/// The transcript-search fields, for messages and checks.
pub const CHAMPS_TRANSCRIPT: [&str; 16] = [
    "regle",
    "type",
    "candidat",
    "canal",
    "date",
    "jalon",
    "decalage",
    "du",
    "au",
    "vet",
    "decision",
    "motif",
    "etat_inscription",
    "fichier",
    "absent",
    "nombre",
];

impl AttenduFichier {
    /// The transcript-search fields this expectation fills.
    pub fn champs_transcript(&self) -> Vec<&'static str> {
        let presents = [
            self.regle.is_some(),
            self.nature.is_some(),
            self.candidat.is_some(),
            self.canal.is_some(),
            self.date.is_some(),
            self.jalon.is_some(),
            self.decalage.is_some(),
            self.du.is_some(),
            self.au.is_some(),
            self.vet.is_some(),
            self.decision.is_some(),
            self.motif.is_some(),
            self.etat_inscription.is_some(),
            self.fichier.is_some(),
            self.absent.is_some(),
            self.nombre.is_some(),
        ];
        CHAMPS_TRANSCRIPT
            .into_iter()
            .zip(presents)
            .filter_map(|(champ, present)| present.then_some(champ))
            .collect()
    }

    /// The final-state checks this expectation fills.
    pub fn etats_finaux(&self) -> Vec<&'static str> {
        [
            ("ia", self.ia.is_some()),
            ("ia_primo", self.ia_primo.is_some()),
            ("dossiers_opi", self.dossiers_opi.is_some()),
            (
                "inscription_parcoursup",
                self.inscription_parcoursup.is_some(),
            ),
            ("connecteur", self.connecteur.is_some()),
        ]
        .into_iter()
        .filter_map(|(nom, present)| present.then_some(nom))
        .collect()
    }
}

/// L'IA la plus récente du candidat sur la VET.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttenduIaFichier {
    pub candidat: u32,
    /// `DL1OUI` ou `DL1OUI/1`.
    #[schemars(with = "String")]
    pub vet: Spanned<String>,
    /// `en_cours` (E), `annulee` (A), `resiliee` (R), `en_creation` (C).
    pub etat: Option<EtatIaFichier>,
    /// `payee` (P) ou `en_attente` (A).
    pub paiement: Option<PaiementFichier>,
    /// Un D est arrivé alors que l'IA était valide : à annuler à la main (R12).
    pub annulation_manuelle_requise: Option<bool>,
    /// La catégorie Oui Si portée d'office par l'IA (R3).
    pub categorie_oui_si: Option<String>,
    /// Le cursus aménagé rattaché à l'IA (R3).
    pub cursus_amenage: Option<String>,
    /// Le candidat n'a aucune IA sur cette VET.
    pub absent: Option<bool>,
}

/// Le verdict d'IA Primo : `autorisee` avec la raison, ou `refusee` avec le motif.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttenduIaPrimoFichier {
    pub candidat: u32,
    #[schemars(with = "String")]
    pub vet: Spanned<String>,
    /// Inscription en ligne possible, grâce à : `favorable`, `oui_si` ou `laissez_passer`.
    pub autorisee: Option<AutorisationFichier>,
    /// Inscription en ligne refusée, pour ce motif.
    pub refusee: Option<MotifFichier>,
}

/// Les dossiers OPI d'un candidat dans Apogée.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttenduOpiFichier {
    pub candidat: u32,
    /// Nombre de dossiers OPI (individus) du candidat ; 1 = pas de doublon (R16).
    pub nombre: Option<u32>,
    /// Nombre de vœux enregistrés dans son dossier.
    pub nombre_voeux: Option<u32>,
    /// Une VET que doit porter un vœu du dossier.
    #[schemars(with = "Option<String>")]
    pub vet: Option<Spanned<String>>,
    /// Le code décision de ce vœu (avec `vet`).
    pub decision: Option<DecisionFichier>,
}

/// L'inscription que Parcoursup connaît par les remontées.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttenduInscriptionFichier {
    pub candidat: u32,
    /// `codeFormationPsup` ; par défaut n'importe laquelle.
    pub formation: Option<u32>,
    /// Le dernier `etatInscription` reçu (1 à 5 ou son nom).
    pub etat_inscription: Option<EtatInscriptionFichier>,
    /// Parcoursup n'a reçu aucune remontée pour ce candidat (et cette formation).
    pub absent: Option<bool>,
}
