//! Settings for what the sources leave open (`domain.md` "Assumption"), each with its documented default.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Reglages {
    /// R6: once the connector test succeeds, Parcoursup sends the OPI held back until then (catch-up).
    /// Default `true`. With `false`, only changes after the successful test are sent.
    pub rattrapage_opi_apres_test: bool,
    /// R14: the remontée batch runs by itself at the end of every simulated day. Default `true`; with
    /// `false` it runs only on a `traitement_remontees` event.
    pub traitement_quotidien_automatique: bool,
    /// R8/R10 in flat-file mode: the usual OPI files also carry the vœux turned D (the second file lists
    /// them besides, "en plus du fichier OPI habituel"). Default `true`.
    pub fichier_habituel_avec_voeux_defavorables: bool,
    /// IA Réins applies the same vœu checks as IA Primo (R17). Default `true`.
    pub ia_reins_controle_voeux: bool,
    /// After each OPI write, the sender reads back the vœux and re-sends when only the individu was
    /// written (the partial write known in the field). Default `true`.
    pub verification_ecriture_opi: bool,
    /// A résiliée IA (`R`) is reported like a cancelled one (`etatInscription` 3). Default `true`.
    pub resiliation_remontee_comme_annulation: bool,
}

impl Default for Reglages {
    fn default() -> Self {
        Reglages {
            rattrapage_opi_apres_test: true,
            traitement_quotidien_automatique: true,
            fichier_habituel_avec_voeux_defavorables: true,
            ia_reins_controle_voeux: true,
            verification_ecriture_opi: true,
            resiliation_remontee_comme_annulation: true,
        }
    }
}
