//! The scenario file format, as written in TOML: plain serde types with their JSON Schema.
//!
//! These types only describe the text; they check nothing beyond its shape. [`crate::chargement`]
//! turns them into a [`crate::Scenario`] (core `Configuration` and `Evenement`s) and reports what
//! does not make sense. Field docs are in French on purpose: they become the schema's descriptions,
//! which editors show to trainers. `Spanned` fields keep their place in the file for error messages.

mod attendu;
mod evenement;
mod valeurs;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_spanned::Spanned;

pub use attendu::{
    AttenduFichier, AttenduIaFichier, AttenduIaPrimoFichier, AttenduInscriptionFichier,
    AttenduOpiFichier, CHAMPS_TRANSCRIPT,
};
pub use evenement::{EvenementFichier, TypeEvenement};
pub use valeurs::{
    AutorisationFichier, BacFichier, CanalFichier, ConnecteurFichier, DecisionFichier,
    EtatConnecteurAttendu, EtatConnecteurFichier, EtatIaFichier, EtatInscriptionFichier,
    FichierOpiFichier, Jour, ModeOpiFichier, MotifFichier, PaiementFichier, PresetFichier,
    ReponseFichier, SexeFichier,
};

/// Un scénario du cycle Parcoursup → Apogée : une université, des candidats, des événements datés,
/// et les résultats attendus.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Scénario du cycle Parcoursup → Apogée")]
pub struct FichierScenario {
    /// Titre du scénario, en français, pour les formateurs.
    pub titre: String,
    /// Ce que le scénario montre et comment le lire, en français.
    pub description: String,
    /// Les règles (R1 à R17) que le scénario illustre ; chacune doit apparaître dans son déroulement.
    #[serde(default)]
    #[schemars(with = "Vec<String>", inner(regex(pattern = r"^R([1-9]|1[0-7])$")), extend("uniqueItems" = true))]
    pub regles: Vec<Spanned<String>>,
    /// Le calendrier de la campagne ; par défaut celui de 2024.
    #[serde(default)]
    #[schemars(with = "Option<CampagneFichier>")]
    pub campagne: Option<Spanned<CampagneFichier>>,
    /// L'université ; par défaut l'université de démonstration (voir docs/scenarios.md).
    #[serde(default)]
    #[schemars(with = "Option<UniversiteFichier>")]
    pub universite: Option<Spanned<UniversiteFichier>>,
    /// Les réglages des hypothèses que les sources laissent ouvertes.
    #[serde(default)]
    pub reglages: ReglagesFichier,
    /// Les candidats de Parcoursup.
    #[serde(default)]
    #[schemars(with = "Vec<CandidatFichier>")]
    pub candidats: Vec<Spanned<CandidatFichier>>,
    /// Ce que font les personnes, dans l'ordre des dates.
    #[serde(default)]
    #[schemars(with = "Vec<EvenementFichier>")]
    pub evenements: Vec<Spanned<EvenementFichier>>,
    /// Ce qui doit s'être passé, vérifié après le déroulement.
    #[serde(default)]
    #[schemars(with = "Vec<AttenduFichier>")]
    pub attendus: Vec<Spanned<AttenduFichier>>,
}

/// Le calendrier : un millésime publié (`preset`) et/ou des dates explicites qui le remplacent.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CampagneFichier {
    /// Année dont le calendrier publié sert de base ; par défaut « 2024 ». Chaque date donnée
    /// ci-dessous remplace celle du preset.
    pub preset: Option<PresetFichier>,
    /// Année de la session (`codAnu`) ; par défaut celle du preset.
    pub annee: Option<u16>,
    /// Jour de publication des résultats du bac (R7 : encore favorable ce jour-là).
    pub resultats_bac: Option<Jour>,
    /// Jour de publication des résultats du rattrapage (R9).
    pub resultats_rattrapage: Option<Jour>,
    pub phase_principale: Option<PeriodeFichier>,
    pub phase_complementaire: Option<PeriodeFichier>,
    /// Période d'ouverture de l'IA Primo (R17 « VET fermée »).
    pub ouverture_ia_primo: Option<PeriodeFichier>,
    /// Premier jour simulé ; par défaut le début de la phase principale.
    #[schemars(with = "Option<Jour>")]
    pub debut: Option<Spanned<Jour>>,
    /// Le matin de ce jour, la simulation s'arrête (tous les jours d'avant sont clos : fichiers plats,
    /// traitement des remontées). Par défaut le lendemain du dernier événement.
    #[schemars(with = "Option<Jour>")]
    pub fin: Option<Spanned<Jour>>,
}

/// Deux jours, bornes comprises.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodeFichier {
    pub debut: Jour,
    pub fin: Jour,
}

/// L'université. Tout champ absent reprend l'université de démonstration.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UniversiteFichier {
    /// UAI : 7 chiffres et une lettre.
    pub uai: Option<String>,
    pub nom: Option<String>,
    /// Comment l'université reçoit les OPI ; par défaut `webservice`.
    pub mode_opi: Option<ModeOpiFichier>,
    /// Où en est le connecteur au premier jour ; par défaut `valide`.
    pub connecteur: Option<ConnecteurFichier>,
    /// Identifiant délivré par Parcoursup pour les remontées.
    pub login: Option<String>,
    /// Mot de passe délivré par Parcoursup pour les remontées.
    pub mot_de_passe: Option<String>,
    /// Les formations Parcoursup et leurs VET (R5) ; remplacent toutes celles de la démonstration.
    #[schemars(with = "Option<Vec<FormationFichier>>")]
    pub formations: Option<Vec<Spanned<FormationFichier>>>,
}

/// Une formation Parcoursup et les VET qui lui correspondent (R5).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormationFichier {
    /// `codeFormationPsup`.
    pub code: u32,
    pub libelle: String,
    /// `codeSISE`.
    pub code_sise: String,
    /// Seules les IA payées de première année sont remontées (R13) ; par défaut `true`.
    #[serde(default = "vrai")]
    pub premiere_annee: bool,
    /// La VET de la réponse « Oui ».
    pub vet_oui: VetFichier,
    /// La VET de la réponse « Oui Si en 3 ans ».
    pub oui_si_3_ans: Option<VetOuiSiFichier>,
    /// La VET de la réponse « Oui Si en 4 ans ».
    pub oui_si_4_ans: Option<VetOuiSiFichier>,
    /// Remplace, pour ces VET, la période d'ouverture de l'IA Primo de la campagne.
    pub ouverture_ia_primo: Option<PeriodeFichier>,
}

fn vrai() -> bool {
    true
}

fn un() -> u16 {
    1
}

/// Une VET Apogée, avec les noms de champs d'Apogée.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VetFichier {
    /// Centre de gestion (3 caractères au plus).
    pub cod_cge: String,
    /// Code étape (6 caractères au plus).
    pub cod_etp: String,
    /// Version d'étape (999 au plus) ; par défaut 1.
    #[serde(default = "un")]
    pub cod_vrs_vet: u16,
    /// Diplôme.
    pub cod_dip: String,
    /// Version de diplôme ; par défaut 1.
    #[serde(default = "un")]
    pub cod_vrs_vdi: u16,
}

/// Une VET « Oui Si » et ce que l'IA porte d'office (R3).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VetOuiSiFichier {
    pub vet: VetFichier,
    /// `codCatOuiSi`, par exemple `3A`.
    pub categorie: String,
    /// `mtfCat`, le motif affiché sur l'IA.
    pub motif: String,
    /// Le cursus aménagé rattaché à l'IA.
    pub cursus_amenage: String,
}

/// Réglages des hypothèses (domain.md « Assumption ») ; un réglage absent garde sa valeur par défaut.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReglagesFichier {
    /// R6 : après un test connecteur réussi, les OPI retenues partent (rattrapage). Défaut `true`.
    pub rattrapage_opi_apres_test: Option<bool>,
    /// R14 : le traitement des remontées tourne seul chaque soir. Défaut `true`.
    pub traitement_quotidien_automatique: Option<bool>,
    /// R8/R10 en fichiers plats : les fichiers habituels portent aussi les vœux devenus D. Défaut `true`.
    pub fichier_habituel_avec_voeux_defavorables: Option<bool>,
    /// L'IA Réins applique les mêmes contrôles de vœux que l'IA Primo. Défaut `true`.
    pub ia_reins_controle_voeux: Option<bool>,
    /// Après chaque écriture d'OPI, l'émetteur relit les vœux et renvoie si seul l'individu est écrit.
    /// Défaut `true`.
    pub verification_ecriture_opi: Option<bool>,
    /// Une IA résiliée est remontée comme annulée (état 3). Défaut `true`.
    pub resiliation_remontee_comme_annulation: Option<bool>,
}

/// Un candidat de Parcoursup. Seul `code` est obligatoire : l'identité a des valeurs par défaut.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidatFichier {
    /// `codeCandidat`, le numéro de dossier Parcoursup (2 à 9 999 999 ; 1 est réservé au test
    /// connecteur).
    #[schemars(with = "u32", range(min = 2, max = 9_999_999))]
    pub code: Spanned<u32>,
    /// `libNomPatIndOpi` (30 caractères au plus).
    #[schemars(length(min = 1, max = 30))]
    pub nom: Option<String>,
    /// `libPr1IndOpi` (20 caractères au plus).
    #[schemars(length(min = 1, max = 20))]
    pub prenom: Option<String>,
    pub sexe: Option<SexeFichier>,
    pub date_naissance: Option<Jour>,
    /// INE (11 caractères : 10 chiffres ou lettres majuscules puis une clé) ; par défaut tiré du code.
    #[schemars(regex(pattern = r"^[0-9A-Z]{11}$"))]
    pub ine: Option<String>,
    /// Résultat du bac, ou `reorientation` ; par défaut `admis`.
    pub bac: Option<BacFichier>,
    /// Numéro étudiant Apogée, pour un étudiant déjà connu (IA Réins).
    pub cod_etu: Option<String>,
}
