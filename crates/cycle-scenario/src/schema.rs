//! The JSON Schema of the scenario file format, generated from [`crate::fichier`]'s types and
//! committed as `scenarios/schema.json` for editors (a test fails when the committed file is stale).

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::Schema;
use serde_json::Value;

use crate::fichier::FichierScenario;

/// The schema, pretty-printed, with a final newline.
pub fn schema_json() -> String {
    let schema = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(sans_null))
        .into_generator()
        .into_root_schema_for::<FichierScenario>();
    // A schema built from our own types always serialises; an empty text would fail the staleness test.
    let mut texte = serde_json::to_string_pretty(&schema).unwrap_or_default();
    texte.push('\n');
    texte
}

/// TOML has no null: an optional field is written or left out, never `null`. schemars describes
/// `Option<T>` as "T or null"; this keeps "T".
fn sans_null(schema: &mut Schema) {
    let Some(objet) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = objet.get_mut("type") {
        types.retain(|t| t != "null");
        if let [seul] = types.as_slice() {
            let seul = seul.clone();
            objet.insert("type".into(), seul);
        }
    }
    if let Some(Value::Array(valeurs)) = objet.get_mut("enum") {
        valeurs.retain(|v| !v.is_null());
    }
    let Some(Value::Array(variantes)) = objet.get_mut("anyOf") else {
        return;
    };
    variantes.retain(|v| v.get("type").is_none_or(|t| t != "null"));
    if let [seule] = variantes.as_slice() {
        let Value::Object(seule) = seule.clone() else {
            return;
        };
        objet.remove("anyOf");
        for (cle, valeur) in seule {
            objet.entry(cle).or_insert(valeur);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn optional_fields_are_never_null() {
        let texte = super::schema_json();
        assert!(!texte.contains("\"null\""), "{texte}");
    }
}
