//! The toml crate's syntax errors in French.
//!
//! toml's parser (`toml_parser`, with its date reader `toml_datetime`) writes its messages as
//! `description, expected a, b, c`. Each part is looked up in the tables below, built from the
//! messages those crates can produce; a description the table does not know is kept in English
//! rather than lost, so that a new toml version degrades to the old, unreadable but exact message.

use super::date::pas_une_date;

/// `message` is toml's, `fautif` the text of the file under the error's span (empty when toml gave
/// no span): it names the key written twice and the date that does not exist.
pub(crate) fn traduire_syntaxe(message: &str, fautif: &str) -> String {
    let message = message.trim();
    if message == "duplicate key" {
        return cle_en_double(fautif);
    }
    // toml's dates: the day that does not exist is named, whatever toml_datetime says about it.
    if ["invalid date", "invalid time", "invalid offset"]
        .iter()
        .any(|debut| message.starts_with(debut))
    {
        return if fautif.is_empty() {
            "date ou heure invalide".to_owned()
        } else {
            pas_une_date(fautif)
        };
    }
    let (description, attendus) = match message.split_once(", expected ") {
        Some((description, attendus)) => (description, Some(attendus)),
        None => (message, None),
    };
    let Some(description_fr) = description_fr(description) else {
        return format!("syntaxe TOML invalide ({message})");
    };
    // toml expects "literal string" there, which the description already says.
    let attendus = attendus.filter(|_| description != "string values must be quoted");
    match attendus.and_then(attendus_fr) {
        Some(attendus) => {
            format!("syntaxe TOML invalide : {description_fr} (attendu : {attendus})")
        }
        None => format!("syntaxe TOML invalide : {description_fr}"),
    }
}

/// toml's span of a duplicate key is the second occurrence's key (quotes included when it has some).
fn cle_en_double(fautif: &str) -> String {
    let cle = fautif.trim().trim_matches(['"', '\'']);
    if cle.is_empty() {
        "clé écrite deux fois".to_owned()
    } else {
        format!("clé « {cle} » écrite deux fois : gardez-en une")
    }
}

/// The descriptions toml's parser gives, in French.
fn description_fr(description: &str) -> Option<String> {
    const DESCRIPTIONS: &[(&str, &str)] = &[
        ("invalid basic string", "chaîne entre guillemets mal formée ou non refermée"),
        ("invalid literal string", "chaîne entre apostrophes mal formée ou non refermée"),
        ("invalid multi-line basic string", "chaîne multiligne mal formée ou non refermée"),
        ("invalid multi-line literal string", "chaîne multiligne mal formée ou non refermée"),
        ("invalid string", "chaîne mal formée"),
        ("invalid binary number", "nombre binaire mal formé"),
        ("invalid octal number", "nombre octal mal formé"),
        ("invalid hexadecimal number", "nombre hexadécimal mal formé"),
        ("invalid integer number", "entier mal formé"),
        ("invalid float", "nombre décimal mal formé"),
        ("invalid exponent", "exposant mal formé"),
        ("invalid fraction", "partie décimale mal formée"),
        ("invalid mantissa", "nombre décimal mal formé"),
        ("invalid boolean", "booléen mal formé (true ou false)"),
        ("invalid date-time", "date mal formée (AAAA-MM-JJ)"),
        ("invalid datetime", "date mal formée (AAAA-MM-JJ)"),
        ("invalid key", "clé mal formée"),
        ("invalid unquoted key", "clé mal formée (sans guillemets, une clé s'écrit avec des lettres, des chiffres, - et _)"),
        ("unquoted keys cannot be empty", "clé vide"),
        ("keys cannot be multi-line basic strings", "une clé ne s'écrit pas en chaîne multiligne"),
        ("keys cannot be multi-line literal strings", "une clé ne s'écrit pas en chaîne multiligne"),
        ("invalid table", "en-tête de table mal formé"),
        ("invalid value", "valeur mal formée"),
        ("invalid key-value pair", "ligne « clé = valeur » mal formée"),
        ("invalid inline table element", "élément de table en ligne mal formé"),
        ("invalid comment character", "caractère interdit dans un commentaire"),
        ("string values must be quoted", "valeur illisible : une chaîne s'écrit entre guillemets"),
        ("missing opening quote", "guillemet ouvrant manquant"),
        ("missing escaped value", "caractère inconnu après « \\ »"),
        ("too few unicode value digits", "échappement unicode trop court"),
        ("missing value", "valeur manquante"),
        ("missing value for key", "valeur manquante après la clé"),
        ("key with no value", "clé sans valeur"),
        ("missing assignment between key-value pairs", "« = » manquant entre la clé et la valeur"),
        ("extra assignment between key-value pairs", "« = » en trop"),
        ("extra `=`", "« = » en trop"),
        ("unexpected `=` in array", "« = » dans une liste"),
        ("missing comma between array elements", "virgule manquante entre deux éléments de la liste"),
        ("missing comma between key-value pairs", "virgule manquante entre deux éléments de la table en ligne"),
        ("extra comma in array", "virgule en trop dans la liste"),
        ("extra comma in inline table", "virgule en trop dans la table en ligne"),
        ("missing key for inline table element", "clé manquante dans la table en ligne"),
        ("missing array opening", "« [ » manquant en début de liste"),
        ("missing inline table opening", "« { » manquant en début de table en ligne"),
        ("missing table open", "« [ » manquant en début d'en-tête de table"),
        ("missing comment start", "« # » manquant en début de commentaire"),
        ("unclosed array", "liste non refermée"),
        ("unclosed inline table", "table en ligne non refermée"),
        ("unclosed table", "en-tête de table non refermé"),
        ("unclosed array table", "en-tête [[…]] non refermé"),
        ("unexpected content", "texte en trop après la valeur"),
        ("unexpected content between comment and newline", "texte inattendu après le commentaire"),
        ("unexpected key or value", "clé ou valeur inattendue"),
        ("carriage return must be followed by newline", "retour chariot sans saut de ligne"),
        ("unexpected leading zero", "un nombre ne commence pas par 0"),
        ("unexpected sign", "signe inattendu"),
        ("redundant numeric sign", "signe écrit deux fois"),
        ("`_` may only go between digits", "« _ » ne se place qu'entre deux chiffres"),
        ("integers with a radix cannot be signed", "un entier en base 2, 8 ou 16 ne prend pas de signe"),
        ("radix must be lowercase", "le préfixe de base s'écrit en minuscules (0x, 0o, 0b)"),
        ("redundant integer number prefix", "préfixe de base écrit deux fois"),
        ("cannot recurse further; max recursion depth met", "imbrication trop profonde"),
        ("recursion limit", "imbrication trop profonde"),
    ];
    if let Some((_, francais)) = DESCRIPTIONS
        .iter()
        .find(|(anglais, _)| *anglais == description)
    {
        return Some((*francais).to_owned());
    }
    // `cannot extend value of type integer with a dotted key`: `a.b.c = 2` after `a.b = 1`.
    let genre = description
        .strip_prefix("cannot extend value of type ")?
        .strip_suffix(" with a dotted key")?;
    Some(format!(
        "la clé pointée prolonge une valeur déjà écrite ({}) : seule une table se prolonge",
        genre_fr(genre)
    ))
}

fn genre_fr(genre: &str) -> &str {
    match genre {
        "string" => "une chaîne",
        "integer" => "un entier",
        "float" => "un nombre décimal",
        "boolean" => "un booléen",
        "datetime" => "une date",
        "array" => "une liste",
        "inline table" => "une table en ligne",
        "table" => "une table",
        autre => autre,
    }
}

/// `` `"` ``, `` `,` ``, `letters, numbers, `-`, `_`` → `« " »`, `« , »`, `des lettres, des chiffres,
/// « - » ou « _ »`. `None` when toml expected nothing, or something it names in a way this table
/// does not know (the French description alone is then clearer than half a translation).
fn attendus_fr(attendus: &str) -> Option<String> {
    const ATTENDUS: &[(&str, &str)] = &[
        ("newline", "un saut de ligne"),
        ("basic string", "une chaîne"),
        ("literal string", "une chaîne"),
        ("multi-line basic string", "une chaîne"),
        ("characters", "des caractères"),
        ("printable characters", "des caractères imprimables"),
        (
            "non-double-quote visible characters",
            "des caractères visibles",
        ),
        (
            "non-single-quote visible characters",
            "des caractères visibles",
        ),
        ("non-single-quote characters", "des caractères"),
        ("digits", "des chiffres"),
        ("numbers", "des chiffres"),
        ("letters", "des lettres"),
        ("key", "une clé"),
        ("value", "une valeur"),
        ("unicode hexadecimal value", "des chiffres hexadécimaux"),
        ("'`'", "« ` »"),
    ];
    if attendus == "nothing" {
        return None;
    }
    let mut francais = Vec::new();
    for attendu in split_attendus(attendus) {
        let traduit = match ATTENDUS.iter().find(|(anglais, _)| *anglais == attendu) {
            Some((_, francais)) => (*francais).to_owned(),
            None => {
                let litteral = attendu.strip_prefix('`')?.strip_suffix('`')?;
                format!("« {litteral} »")
            }
        };
        if !francais.contains(&traduit) {
            francais.push(traduit);
        }
    }
    let (dernier, autres) = francais.split_last()?;
    Some(if autres.is_empty() {
        dernier.clone()
    } else {
        format!("{} ou {dernier}", autres.join(", "))
    })
}

/// toml joins what it expected with `, `, and one of them may be `` `,` `` itself.
fn split_attendus(attendus: &str) -> Vec<&str> {
    let mut parties = Vec::new();
    let mut reste = attendus;
    while !reste.is_empty() {
        let fin = if reste.starts_with("`,`") {
            3
        } else {
            reste.find(", ").unwrap_or(reste.len())
        };
        parties.push(&reste[..fin]);
        reste = reste[fin..].trim_start_matches(", ");
    }
    parties
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_messages_are_translated_with_what_toml_expected() {
        assert_eq!(
            traduire_syntaxe("invalid basic string, expected `\"`", "\"t"),
            "syntaxe TOML invalide : chaîne entre guillemets mal formée ou non refermée (attendu : « \" »)"
        );
        assert_eq!(
            traduire_syntaxe("missing comma between array elements, expected `,`", "\"R9\""),
            "syntaxe TOML invalide : virgule manquante entre deux éléments de la liste (attendu : « , »)"
        );
        assert_eq!(
            traduire_syntaxe(
                "unquoted keys cannot be empty, expected letters, numbers, `-`, `_`",
                "="
            ),
            "syntaxe TOML invalide : clé vide (attendu : des lettres, des chiffres, « - » ou « _ »)"
        );
        assert_eq!(
            traduire_syntaxe("unexpected leading zero, expected nothing", "012"),
            "syntaxe TOML invalide : un nombre ne commence pas par 0"
        );
    }

    #[test]
    fn a_comma_among_the_expected_literals_is_one_of_them() {
        assert_eq!(
            split_attendus("`,`, `]`, newline"),
            ["`,`", "`]`", "newline"]
        );
    }

    #[test]
    fn a_duplicate_key_is_named_without_its_quotes() {
        assert_eq!(
            traduire_syntaxe("duplicate key", "\"titre\""),
            "clé « titre » écrite deux fois : gardez-en une"
        );
        assert_eq!(
            traduire_syntaxe("duplicate key", ""),
            "clé écrite deux fois"
        );
    }

    #[test]
    fn an_unknown_message_is_kept_whole() {
        assert_eq!(
            traduire_syntaxe("invalid frobnication, expected `x`", "y"),
            "syntaxe TOML invalide (invalid frobnication, expected `x`)"
        );
        // A known description with an expectation the table does not know keeps the French part.
        assert_eq!(
            traduire_syntaxe("unclosed table, expected something new", "["),
            "syntaxe TOML invalide : en-tête de table non refermé"
        );
    }
}
