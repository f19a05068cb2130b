//! `[[evenements]]`: one thing someone does, on a day given as a date or as a campaign milestone.
//!
//! The table is flat (every field optional) rather than a tagged enum: serde's tagged enums lose the
//! position of each field and turn every mistake into one vague message. Which fields each `type`
//! takes is said once, in [`TypeEvenement::champs`], and used both to check files and to build the
//! JSON Schema.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_spanned::Spanned;

use super::valeurs::{EtatInscriptionFichier, EtatInscriptionIaValide, Jour, ReponseFichier};

/// Un événement : qui fait quoi, et quel jour.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = contraintes_par_type)]
pub struct EvenementFichier {
    /// Le jour de l'événement. Ou bien `jalon`.
    #[schemars(with = "Option<Jour>")]
    pub date: Option<Spanned<Jour>>,
    /// Un jalon de la campagne (`lendemain_resultats_bac`…), à la place de `date`.
    #[schemars(with = "Option<String>")]
    pub jalon: Option<Spanned<String>>,
    /// Jours après le jalon (négatif : avant) ; seulement avec `jalon`.
    pub decalage: Option<i32>,
    /// Ce qui se passe.
    #[serde(rename = "type")]
    #[schemars(with = "TypeEvenement")]
    pub nature: Spanned<TypeEvenement>,
    /// `codeCandidat` du candidat concerné.
    #[schemars(with = "Option<u32>")]
    pub candidat: Option<Spanned<u32>>,
    /// `codeFormationPsup` de la formation (acceptation, désistement).
    #[schemars(with = "Option<u32>")]
    pub formation: Option<Spanned<u32>>,
    /// La réponse acceptée ; par défaut `oui` (R5).
    pub reponse: Option<ReponseFichier>,
    /// La VET, `DL1OUI` ou `DL1OUI/1` (code étape / version).
    #[schemars(with = "Option<String>")]
    pub vet: Option<Spanned<String>>,
    /// L'IA est payée aussitôt ; par défaut `false`.
    pub payee: Option<bool>,
    /// IA gestionnaire : l'état remonté tant que l'IA est valide (1, 2, 4 ou 5) ; par défaut 1
    /// (principale).
    #[schemars(with = "Option<EtatInscriptionIaValide>")]
    pub etat_inscription: Option<Spanned<EtatInscriptionFichier>>,
    /// Paramétrage du webservice : l'identifiant saisi ; par défaut celui délivré à l'université.
    pub login: Option<String>,
    /// Paramétrage du webservice : le mot de passe saisi ; par défaut celui délivré à l'université.
    pub mot_de_passe: Option<String>,
    /// Un commentaire pour les formateurs, affiché dans le déroulement.
    pub note: Option<String>,
}

/// La nature d'un événement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TypeEvenement {
    /// L'université saisit l'URL et les identifiants Parcoursup du webservice de remontées (R6).
    ParametrageWebservice,
    /// Un gestionnaire clique sur « Tester connecteur » (R6).
    TestConnecteur,
    /// Le candidat accepte la proposition d'une formation (R5).
    Acceptation,
    /// Le candidat se désiste d'une candidature confirmée (R10).
    Desistement,
    /// Parcoursup renvoie l'OPI du candidat (R16).
    RenvoiOpi,
    /// Le candidat regarde ce que lui propose IA Primo (rien ne change).
    ConsultationIaPrimo,
    /// Le candidat s'inscrit en ligne (R17).
    IaPrimo,
    /// Un étudiant déjà connu se réinscrit en ligne.
    IaReins,
    /// Un gestionnaire saisit l'IA dans le client Apogée.
    IaGestionnaire,
    /// L'IA est payée (R13).
    Paiement,
    /// Un gestionnaire annule l'IA (R14).
    AnnulationIa,
    /// Un gestionnaire résilie l'IA.
    ResiliationIa,
    /// Un gestionnaire crée un laissez-passer (R4).
    LaissezPasser,
    /// Le traitement des remontées tourne tout de suite (R14).
    TraitementRemontees,
    /// Panne : la prochaine écriture d'OPI du candidat n'écrit que l'individu.
    PanneEcritureVoeux,
}

/// The fields of an event beyond its day, `type` and `note`.
pub const CHAMPS_EVENEMENT: [&str; 8] = [
    "candidat",
    "formation",
    "reponse",
    "vet",
    "payee",
    "etat_inscription",
    "login",
    "mot_de_passe",
];

/// The fields a type requires and those it accepts besides.
pub struct Champs {
    pub obligatoires: &'static [&'static str],
    pub facultatifs: &'static [&'static str],
}

impl TypeEvenement {
    pub const TOUS: [TypeEvenement; 15] = [
        TypeEvenement::ParametrageWebservice,
        TypeEvenement::TestConnecteur,
        TypeEvenement::Acceptation,
        TypeEvenement::Desistement,
        TypeEvenement::RenvoiOpi,
        TypeEvenement::ConsultationIaPrimo,
        TypeEvenement::IaPrimo,
        TypeEvenement::IaReins,
        TypeEvenement::IaGestionnaire,
        TypeEvenement::Paiement,
        TypeEvenement::AnnulationIa,
        TypeEvenement::ResiliationIa,
        TypeEvenement::LaissezPasser,
        TypeEvenement::TraitementRemontees,
        TypeEvenement::PanneEcritureVoeux,
    ];

    /// The name written in files.
    pub fn nom(self) -> &'static str {
        match self {
            TypeEvenement::ParametrageWebservice => "parametrage_webservice",
            TypeEvenement::TestConnecteur => "test_connecteur",
            TypeEvenement::Acceptation => "acceptation",
            TypeEvenement::Desistement => "desistement",
            TypeEvenement::RenvoiOpi => "renvoi_opi",
            TypeEvenement::ConsultationIaPrimo => "consultation_ia_primo",
            TypeEvenement::IaPrimo => "ia_primo",
            TypeEvenement::IaReins => "ia_reins",
            TypeEvenement::IaGestionnaire => "ia_gestionnaire",
            TypeEvenement::Paiement => "paiement",
            TypeEvenement::AnnulationIa => "annulation_ia",
            TypeEvenement::ResiliationIa => "resiliation_ia",
            TypeEvenement::LaissezPasser => "laissez_passer",
            TypeEvenement::TraitementRemontees => "traitement_remontees",
            TypeEvenement::PanneEcritureVoeux => "panne_ecriture_voeux",
        }
    }

    pub fn champs(self) -> Champs {
        const AUCUN: &[&str] = &[];
        const CANDIDAT: &[&str] = &["candidat"];
        const CANDIDAT_VET: &[&str] = &["candidat", "vet"];
        let (obligatoires, facultatifs): (&'static [&'static str], &'static [&'static str]) =
            match self {
                TypeEvenement::ParametrageWebservice => (AUCUN, &["login", "mot_de_passe"]),
                TypeEvenement::TestConnecteur | TypeEvenement::TraitementRemontees => {
                    (AUCUN, AUCUN)
                }
                TypeEvenement::Acceptation => (&["candidat", "formation"], &["reponse"]),
                TypeEvenement::Desistement => (&["candidat", "formation"], AUCUN),
                TypeEvenement::RenvoiOpi
                | TypeEvenement::ConsultationIaPrimo
                | TypeEvenement::PanneEcritureVoeux => (CANDIDAT, AUCUN),
                TypeEvenement::IaPrimo | TypeEvenement::IaReins => (CANDIDAT_VET, &["payee"]),
                TypeEvenement::IaGestionnaire => (CANDIDAT_VET, &["payee", "etat_inscription"]),
                TypeEvenement::Paiement
                | TypeEvenement::AnnulationIa
                | TypeEvenement::ResiliationIa
                | TypeEvenement::LaissezPasser => (CANDIDAT_VET, AUCUN),
            };
        Champs {
            obligatoires,
            facultatifs,
        }
    }
}

impl EvenementFichier {
    /// The fields of [`CHAMPS_EVENEMENT`] this event fills.
    pub fn champs_presents(&self) -> Vec<&'static str> {
        let presents = [
            self.candidat.is_some(),
            self.formation.is_some(),
            self.reponse.is_some(),
            self.vet.is_some(),
            self.payee.is_some(),
            self.etat_inscription.is_some(),
            self.login.is_some(),
            self.mot_de_passe.is_some(),
        ];
        CHAMPS_EVENEMENT
            .into_iter()
            .zip(presents)
            .filter_map(|(champ, present)| present.then_some(champ))
            .collect()
    }
}

/// Adds to the event's schema, for each `type`, the fields it requires and forbids, and the choice
/// between `date` and `jalon`, so that editors flag what [`crate::chargement`] would refuse.
fn contraintes_par_type(schema: &mut schemars::Schema) {
    let cas: Vec<serde_json::Value> = TypeEvenement::TOUS
        .into_iter()
        .map(|nature| {
            let champs = nature.champs();
            let interdits: serde_json::Map<String, serde_json::Value> = CHAMPS_EVENEMENT
                .into_iter()
                .filter(|c| !champs.obligatoires.contains(c) && !champs.facultatifs.contains(c))
                .map(|c| (c.to_owned(), serde_json::Value::Bool(false)))
                .collect();
            serde_json::json!({
                "if": { "properties": { "type": { "const": nature.nom() } } },
                "then": { "required": champs.obligatoires, "properties": interdits }
            })
        })
        .collect();
    schema.insert("allOf".into(), cas.into());
    schema.insert(
        "oneOf".into(),
        serde_json::json!([{ "required": ["date"] }, { "required": ["jalon"] }]),
    );
}
