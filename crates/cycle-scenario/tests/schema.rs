//! `scenarios/schema.json` is generated from the file types; this test fails when it is stale.
//! To regenerate: `CYCLE_SCENARIO_ECRIRE_SCHEMA=1 cargo test -p cycle-scenario --test schema`.

use cycle_scenario::schema_json;

const CHEMIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/schema.json");

#[test]
fn committed_schema_is_up_to_date() {
    let genere = schema_json();
    if std::env::var_os("CYCLE_SCENARIO_ECRIRE_SCHEMA").is_some() {
        std::fs::write(CHEMIN, &genere).expect("écriture de scenarios/schema.json");
    }
    let engage = std::fs::read_to_string(CHEMIN).unwrap_or_default();
    assert!(
        engage == genere,
        "scenarios/schema.json est périmé : CYCLE_SCENARIO_ECRIRE_SCHEMA=1 cargo test -p cycle-scenario --test schema"
    );
}

#[test]
fn schema_describes_the_format() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).expect("JSON");
    assert_eq!(schema["title"], "Scénario du cycle Parcoursup → Apogée");
    assert_eq!(
        schema["required"],
        serde_json::json!(["titre", "description"])
    );
    let evenement = &schema["$defs"]["EvenementFichier"];
    // The per-type constraints: ia_primo requires candidat and vet, and forbids formation.
    let ia_primo = evenement["allOf"]
        .as_array()
        .expect("allOf")
        .iter()
        .find(|cas| cas["if"]["properties"]["type"]["const"] == "ia_primo")
        .expect("cas ia_primo");
    assert_eq!(
        ia_primo["then"]["required"],
        serde_json::json!(["candidat", "vet"])
    );
    assert_eq!(ia_primo["then"]["properties"]["formation"], false);
}

/// Every built-in file is valid against the schema's required top-level fields and known keys
/// (a light check: full JSON Schema validation would need another crate).
#[test]
fn builtin_files_use_only_keys_the_schema_knows() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).expect("JSON");
    let connues: Vec<&String> = schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .collect();
    for integre in cycle_scenario::integres::INTEGRES {
        let table: toml::Table = toml::from_str(integre.texte).expect("TOML");
        for cle in table.keys() {
            assert!(connues.contains(&cle), "{}: {cle}", integre.nom);
        }
    }
}
