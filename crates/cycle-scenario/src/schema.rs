//! The JSON Schema of the scenario file format, generated from [`crate::fichier`]'s types and
//! committed as `scenarios/schema.json` for editors (a test fails when the committed file is stale).

use crate::fichier::FichierScenario;

/// The schema, pretty-printed, with a final newline.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(FichierScenario);
    // A schema built from our own types always serialises; an empty text would fail the staleness test.
    let mut texte = serde_json::to_string_pretty(&schema).unwrap_or_default();
    texte.push('\n');
    texte
}
