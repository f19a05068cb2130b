//! One serde `Deserializer` over toml's parsed document, to read the scenario format.
//!
//! toml's own deserializer hands each visitor of the format to several deserializer types (value,
//! table, array, key, `Spanned`, date), so every type of the format was compiled once per type: about
//! 250 KB of the browser page's 1.4 MB of code. This one does the same work with one deserializer,
//! one map access, one sequence access and one enum access, so each visitor is compiled once.
//!
//! It follows toml 1's `ValueDeserializer` rule for rule — which value goes to which `visit_*`, which
//! errors it raises and which span each error gets — so that the file syntax and every error message
//! stay those of toml (the loader's tests pin them). Only what the format's types use is mirrored:
//! map keys are always strings (structs, never maps keyed by numbers). One divergence is on purpose:
//! a struct is read from a table only, never from an array (see
//! [`Lecteur::entrees_de_structure`]).
//!
//! Structs and lists go straight to their one `visit_*` (`visit_map`, `visit_seq`); anything else
//! gets the message serde's default `visit_*` would give, built once for every visitor
//! ([`type_invalide`]), so that the value dispatch is compiled only for the few types that take
//! several shapes.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Visitor};
use serde::Deserialize;
use toml::de::{DeArray, DeString, DeTable, DeValue};
use toml::Spanned;

/// The field names of serde_spanned's private protocol, as toml hands them over.
const DEBUT_SPANNED: &str = "$__serde_spanned_private_start";
const FIN_SPANNED: &str = "$__serde_spanned_private_end";
const VALEUR_SPANNED: &str = "$__serde_spanned_private_value";
/// The key under which toml hands a date over (toml_datetime's private protocol).
const CLE_DATE: &str = "$__toml_private_datetime";

/// Reads a parsed document into `T`.
pub(super) fn lire<'de, T: Deserialize<'de>>(document: Spanned<DeTable<'de>>) -> Result<T, Erreur> {
    let span = document.span();
    T::deserialize(Lecteur::Valeur {
        valeur: DeValue::Table(document.into_inner()),
        span,
    })
}

/// A deserialisation error: serde's message, and the part of the file it is about.
///
/// Boxed, as serde_json's is: every visitor of the format passes `Result`s around, and a pointer is
/// moved with less code than a message and a place.
#[derive(Debug)]
pub(super) struct Erreur(Box<Contenu>);

#[derive(Debug)]
struct Contenu {
    message: String,
    span: Option<Range<usize>>,
}

impl Erreur {
    fn nouvelle(message: impl Into<String>, span: Range<usize>) -> Self {
        Erreur(Box::new(Contenu {
            message: message.into(),
            span: Some(span),
        }))
    }

    pub(super) fn message(&self) -> &str {
        &self.0.message
    }

    pub(super) fn span(&self) -> Option<Range<usize>> {
        self.0.span.clone()
    }

    /// Places an error that has no place yet: the innermost part of the file that knows wins.
    #[inline(never)]
    fn situer(mut self, span: Range<usize>) -> Self {
        if self.0.span.is_none() {
            self.0.span = Some(span);
        }
        self
    }
}

impl fmt::Display for Erreur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Erreur {}

impl de::Error for Erreur {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Erreur(Box::new(Contenu {
            message: message.to_string(),
            span: None,
        }))
    }
}

/// What is being read.
enum Lecteur<'de> {
    /// A value of the document, with its place (toml's `ValueDeserializer`).
    Valeur {
        valeur: DeValue<'de>,
        span: Range<usize>,
    },
    /// A bound of a `Spanned` value's place.
    Position(usize),
}

impl<'de> de::Deserializer<'de> for Lecteur<'de> {
    type Error = Erreur;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Erreur> {
        match self {
            Lecteur::Valeur { valeur, span } => {
                valeur_quelconque(valeur, span.clone(), visitor).map_err(|e| e.situer(span))
            }
            Lecteur::Position(position) => visitor.visit_u64(position as u64),
        }
    }

    /// `None` is a missing field: a value that is there is always `Some`. The value's own reading
    /// places its errors, as every read of a [`Lecteur::Valeur`] does.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Erreur> {
        match self {
            Lecteur::Position(_) => Err(type_invalide(self, &visitor)),
            Lecteur::Valeur { .. } => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _nom: &'static str,
        visitor: V,
    ) -> Result<V::Value, Erreur> {
        match self {
            Lecteur::Position(_) => Err(type_invalide(self, &visitor)),
            Lecteur::Valeur { .. } => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        nom: &'static str,
        _champs: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Erreur> {
        match self.entrees_de_structure(serde_spanned::de::is_spanned(nom)) {
            Ok((acces, span)) => visitor.visit_map(acces).map_err(|e| e.situer(span)),
            Err(autre) => Err(type_invalide(autre, &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Erreur> {
        match self.elements() {
            Ok((suite, span)) => visitor.visit_seq(suite).map_err(|e| e.situer(span)),
            Err(autre) => Err(type_invalide(autre, &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _nom: &'static str,
        _variantes: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Erreur> {
        match self {
            Lecteur::Valeur { valeur, span } => variante_de_valeur(valeur, span.clone())
                .and_then(|variante| visitor.visit_enum(variante))
                .map_err(|e| e.situer(span)),
            Lecteur::Position(_) => Err(type_invalide(self, &visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string
        bytes byte_buf map unit ignored_any unit_struct tuple_struct tuple identifier
    }
}

/// A key, a variant's name: always a string (toml's `KeyDeserializer`). A type of its own, so that
/// the visitors of field names never meet the value reader. The format has no map keyed by numbers,
/// so keys are never parsed as numbers.
struct Cle<'de>(DeString<'de>);

impl<'de> de::Deserializer<'de> for Cle<'de> {
    type Error = Erreur;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Erreur> {
        match self.0 {
            Cow::Borrowed(texte) => visitor.visit_borrowed_str(texte),
            Cow::Owned(texte) => visitor.visit_string(texte),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _nom: &'static str,
        _variantes: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Erreur> {
        visitor.visit_enum(Variante::Texte(self.0))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        nom: &'static str,
        _champs: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Erreur> {
        if serde_spanned::de::is_spanned(nom) {
            return Err(de::Error::custom("value is missing a span"));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _nom: &'static str,
        visitor: V,
    ) -> Result<V::Value, Erreur> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string seq
        bytes byte_buf map option unit ignored_any unit_struct tuple_struct tuple identifier
    }
}

/// A value read as whatever it is (toml's `ValueDeserializer::deserialize_any`).
fn valeur_quelconque<'de, V: Visitor<'de>>(
    valeur: DeValue<'de>,
    span: Range<usize>,
    visitor: V,
) -> Result<V::Value, Erreur> {
    match forme(valeur, span) {
        Forme::TexteEmprunte(texte) => visitor.visit_borrowed_str(texte),
        Forme::TextePossede(texte) => visitor.visit_string(texte),
        Forme::Signe(n) => visitor.visit_i64(n),
        Forme::NonSigne(n) => visitor.visit_u64(n),
        Forme::HorsLimites(texte) => Err(hors_limites(texte, &visitor)),
        Forme::Flottant(f) => visitor.visit_f64(f),
        Forme::Booleen(b) => visitor.visit_bool(b),
        Forme::Entrees(acces) => visitor.visit_map(acces),
        Forme::Liste(suite) => visitor.visit_seq(suite),
        Forme::Erreur(message) => Err(de::Error::custom(message)),
    }
}

impl<'de> Lecteur<'de> {
    /// The entries a struct is read from, and the place of the struct; the reader back when the
    /// value is not a table.
    ///
    /// A struct is read from a table only (or from a date, which toml hands over as a table of one
    /// entry), never from an array. toml also hands an array to the struct's visitor, whose
    /// `visit_seq` (serde's positional form) then reads the fields in order:
    /// `phase_principale = [2024-06-01, 2024-07-01]`. The format never allowed it (neither
    /// `docs/scenarios.md` nor the JSON Schema do), and taking it instantiated a `visit_seq` and the
    /// whole value dispatch for each struct of the format: a struct written as an array is refused
    /// like any other value that is not a table.
    #[inline(never)]
    fn entrees_de_structure(self, spanned: bool) -> Result<(Acces<'de>, Range<usize>), Self> {
        let Lecteur::Valeur { valeur, span } = self else {
            return Err(self);
        };
        if spanned {
            // serde_spanned's protocol: the place's bounds, then the value.
            let place = Acces::Place {
                debut: Some(span.start),
                fin: Some(span.end),
                valeur: Some(Lecteur::Valeur {
                    valeur,
                    span: span.clone(),
                }),
            };
            return Ok((place, span));
        }
        match valeur {
            DeValue::Table(table) => Ok((
                Acces::Table {
                    entrees: table.into_iter(),
                    courante: None,
                },
                span,
            )),
            DeValue::Datetime(date) => Ok((
                Acces::Date {
                    texte: Some(date.to_string()),
                    span: span.clone(),
                },
                span,
            )),
            valeur => Err(Lecteur::Valeur { valeur, span }),
        }
    }

    /// The items of an array, and its place; the reader back when the value is not an array.
    #[inline(never)]
    fn elements(self) -> Result<(Suite<'de>, Range<usize>), Self> {
        match self {
            Lecteur::Valeur {
                valeur: DeValue::Array(liste),
                span,
            } => Ok((Suite::new(liste), span)),
            autre => Err(autre),
        }
    }
}

/// What a visitor answers, with serde's default `visit_*`, to a value it does not take — the
/// message and place `deserialize_any` would give — without instantiating the value dispatch for it.
#[inline(never)]
fn type_invalide(lecteur: Lecteur<'_>, attendu: &dyn de::Expected) -> Erreur {
    use de::Unexpected;
    let (valeur, span) = match lecteur {
        Lecteur::Valeur { valeur, span } => (valeur, span),
        // Only a visitor that asks for the wrong type meets a bound of a `Spanned` value's place.
        Lecteur::Position(position) => {
            return de::Error::invalid_type(Unexpected::Unsigned(position as u64), attendu)
        }
    };
    let erreur: Erreur = match forme(valeur, span.clone()) {
        Forme::TexteEmprunte(texte) => de::Error::invalid_type(Unexpected::Str(texte), attendu),
        Forme::TextePossede(texte) => de::Error::invalid_type(Unexpected::Str(&texte), attendu),
        Forme::Signe(n) => de::Error::invalid_type(Unexpected::Signed(n), attendu),
        Forme::NonSigne(n) => de::Error::invalid_type(Unexpected::Unsigned(n), attendu),
        Forme::HorsLimites(texte) => hors_limites(texte, attendu),
        Forme::Flottant(f) => de::Error::invalid_type(Unexpected::Float(f), attendu),
        Forme::Booleen(b) => de::Error::invalid_type(Unexpected::Bool(b), attendu),
        Forme::Entrees(_) => de::Error::invalid_type(Unexpected::Map, attendu),
        Forme::Liste(_) => de::Error::invalid_type(Unexpected::Seq, attendu),
        Forme::Erreur(message) => de::Error::custom(message),
    };
    erreur.situer(span)
}

/// What serde's default `visit_i128` and `visit_u128` answer, without instantiating them for every
/// visitor (they weighed 50 KB of the page): no type of the format overrides them, none being a
/// 128-bit integer.
#[inline(never)]
fn hors_limites(texte: String, attendu: &dyn de::Expected) -> Erreur {
    de::Error::invalid_type(de::Unexpected::Other(&texte), attendu)
}

/// A value, sorted out for a visitor. Worked out apart from the visitors, so that this code exists
/// once and not once per type of the format.
enum Forme<'de> {
    TexteEmprunte(&'de str),
    TextePossede(String),
    Signe(i64),
    NonSigne(u64),
    /// An integer beyond 64 bits, written as serde's default `visit_i128` and `visit_u128` say it.
    HorsLimites(String),
    Flottant(f64),
    Booleen(bool),
    Entrees(Acces<'de>),
    Liste(Suite<'de>),
    Erreur(&'static str),
}

#[inline(never)]
fn forme(valeur: DeValue<'_>, span: Range<usize>) -> Forme<'_> {
    match valeur {
        DeValue::String(Cow::Owned(texte)) => Forme::TextePossede(texte),
        DeValue::String(Cow::Borrowed(texte)) => Forme::TexteEmprunte(texte),
        DeValue::Integer(entier) => {
            let (chiffres, base) = (entier.as_str(), entier.radix());
            if let Ok(n) = i64::from_str_radix(chiffres, base) {
                Forme::Signe(n)
            } else if let Ok(n) = u64::from_str_radix(chiffres, base) {
                Forme::NonSigne(n)
            } else if let Ok(n) = i128::from_str_radix(chiffres, base) {
                Forme::HorsLimites(format!("integer `{n}` as i128"))
            } else if let Ok(n) = u128::from_str_radix(chiffres, base) {
                Forme::HorsLimites(format!("integer `{n}` as u128"))
            } else {
                Forme::Erreur("integer number overflowed")
            }
        }
        DeValue::Float(flottant) => {
            let texte = flottant.as_str();
            match texte.parse::<f64>() {
                // An infinity is a float too big, unless the file wrote `inf`.
                Ok(f) if !f.is_infinite() || texte.contains("inf") => Forme::Flottant(f),
                _ => Forme::Erreur("floating-point number overflowed"),
            }
        }
        DeValue::Boolean(b) => Forme::Booleen(b),
        DeValue::Datetime(date) => Forme::Entrees(Acces::Date {
            texte: Some(date.to_string()),
            span,
        }),
        DeValue::Array(liste) => Forme::Liste(Suite::new(liste)),
        DeValue::Table(table) => Forme::Entrees(Acces::Table {
            entrees: table.into_iter(),
            courante: None,
        }),
    }
}

/// An enum written as its variant's name, or as a table of one entry (toml's
/// `ValueDeserializer::deserialize_enum` and `TableDeserializer::deserialize_enum`).
#[inline(never)]
fn variante_de_valeur(valeur: DeValue<'_>, span: Range<usize>) -> Result<Variante<'_>, Erreur> {
    match valeur {
        DeValue::String(texte) => Ok(Variante::Texte(texte)),
        DeValue::Table(table) => {
            if table.is_empty() {
                return Err(Erreur::nouvelle(
                    "wanted exactly 1 element, found 0 elements",
                    span,
                ));
            }
            if table.len() != 1 {
                return Err(Erreur::nouvelle(
                    "wanted exactly 1 element, more than 1 element",
                    span,
                ));
            }
            match table.into_iter().next() {
                Some((cle, valeur)) => Ok(Variante::Table { cle, valeur }),
                None => Err(Erreur::nouvelle(
                    "expected table with exactly 1 entry, found empty table",
                    span,
                )),
            }
        }
        _ => Err(Erreur::nouvelle("wanted string or table", span)),
    }
}

/// The entries of a table, of a `Spanned` value's place, or of a date.
enum Acces<'de> {
    /// toml's `TableMapAccess`.
    Table {
        entrees: <DeTable<'de> as IntoIterator>::IntoIter,
        courante: Option<(Spanned<DeString<'de>>, Spanned<DeValue<'de>>)>,
    },
    /// serde_spanned's `SpannedDeserializer`: start, end, then the value.
    Place {
        debut: Option<usize>,
        fin: Option<usize>,
        valeur: Option<Lecteur<'de>>,
    },
    /// toml_datetime's `DatetimeDeserializer`: one entry, the date's text.
    Date {
        texte: Option<String>,
        span: Range<usize>,
    },
}

impl<'de> Acces<'de> {
    /// The next key, and its place when the file has one.
    #[inline(never)]
    fn prochaine_cle(&mut self) -> Option<(DeString<'de>, Option<Range<usize>>)> {
        let cle = match self {
            Acces::Table { entrees, courante } => {
                let (cle, valeur) = entrees.next()?;
                let lue = (cle.get_ref().clone(), Some(cle.span()));
                *courante = Some((cle, valeur));
                return Some(lue);
            }
            Acces::Place { debut: Some(_), .. } => DEBUT_SPANNED,
            Acces::Place { fin: Some(_), .. } => FIN_SPANNED,
            Acces::Place {
                valeur: Some(_), ..
            } => VALEUR_SPANNED,
            Acces::Date { texte: Some(_), .. } => CLE_DATE,
            Acces::Place { .. } | Acces::Date { texte: None, .. } => return None,
        };
        Some((Cow::Borrowed(cle), None))
    }

    /// The value of the key just read.
    #[inline(never)]
    fn prochaine_valeur(&mut self) -> Option<Lecteur<'de>> {
        match self {
            Acces::Table { courante, .. } => courante.take().map(|(_, valeur)| {
                let span = valeur.span();
                Lecteur::Valeur {
                    valeur: valeur.into_inner(),
                    span,
                }
            }),
            Acces::Place { debut, fin, valeur } => debut
                .take()
                .or_else(|| fin.take())
                .map(Lecteur::Position)
                .or_else(|| valeur.take()),
            Acces::Date { texte, span } => texte.take().map(|texte| Lecteur::Valeur {
                valeur: DeValue::String(Cow::Owned(texte)),
                span: span.clone(),
            }),
        }
    }
}

impl<'de> de::MapAccess<'de> for Acces<'de> {
    type Error = Erreur;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Erreur> {
        match self.prochaine_cle() {
            Some((cle, span)) => seed
                .deserialize(Cle(cle))
                .map(Some)
                .map_err(|e| situer(e, span)),
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Erreur> {
        match self.prochaine_valeur() {
            // The value's own reading places its errors, as every read of a [`Lecteur::Valeur`] does.
            Some(lecteur) => seed.deserialize(lecteur),
            // Serde asks for a value only after its key: this is a visitor's mistake, not the file's.
            None => Err(de::Error::custom("valeur demandée avant sa clé")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        match self {
            Acces::Table { entrees, .. } => Some(entrees.len()),
            Acces::Place { debut, fin, valeur } => Some(
                usize::from(debut.is_some())
                    + usize::from(fin.is_some())
                    + usize::from(valeur.is_some()),
            ),
            Acces::Date { texte, .. } => Some(usize::from(texte.is_some())),
        }
    }
}

/// Places an error on `span`, when there is one and the error has no place yet.
fn situer(erreur: Erreur, span: Option<Range<usize>>) -> Erreur {
    match span {
        Some(span) => erreur.situer(span),
        None => erreur,
    }
}

/// The items of an array (toml's `ArraySeqAccess`).
struct Suite<'de> {
    elements: <DeArray<'de> as IntoIterator>::IntoIter,
}

impl<'de> Suite<'de> {
    fn new(liste: DeArray<'de>) -> Self {
        Suite {
            elements: liste.into_iter(),
        }
    }

    #[inline(never)]
    fn prochain(&mut self) -> Option<Lecteur<'de>> {
        let element = self.elements.next()?;
        let span = element.span();
        Some(Lecteur::Valeur {
            valeur: element.into_inner(),
            span,
        })
    }
}

impl<'de> de::SeqAccess<'de> for Suite<'de> {
    type Error = Erreur;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Erreur> {
        match self.prochain() {
            Some(lecteur) => seed.deserialize(lecteur).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.elements.len())
    }
}

/// An enum's variant: its name as a string, or the one entry of a table.
enum Variante<'de> {
    Texte(DeString<'de>),
    Table {
        cle: Spanned<DeString<'de>>,
        valeur: Spanned<DeValue<'de>>,
    },
}

impl<'de> de::EnumAccess<'de> for Variante<'de> {
    type Error = Erreur;
    type Variant = SuiteVariante<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, SuiteVariante<'de>), Erreur> {
        let (nom, span_nom, suite) = self.en_parties();
        let lue = seed
            .deserialize(Cle(nom))
            .map_err(|e| situer(e, span_nom))?;
        Ok((lue, suite))
    }
}

impl<'de> Variante<'de> {
    /// The variant's name, its place when it is a table's key, and what follows it.
    #[inline(never)]
    fn en_parties(self) -> (DeString<'de>, Option<Range<usize>>, SuiteVariante<'de>) {
        match self {
            Variante::Texte(texte) => (texte, None, SuiteVariante::Nom),
            Variante::Table { cle, valeur } => {
                let span_cle = cle.span();
                let span = valeur.span();
                let suite = SuiteVariante::Table {
                    valeur: valeur.into_inner(),
                    span,
                };
                (cle.into_inner(), Some(span_cle), suite)
            }
        }
    }
}

/// What follows a variant's name: nothing (a string), or the value of its table entry (toml's
/// `TableEnumDeserializer`).
enum SuiteVariante<'de> {
    Nom,
    Table {
        valeur: DeValue<'de>,
        span: Range<usize>,
    },
}

impl<'de> de::VariantAccess<'de> for SuiteVariante<'de> {
    type Error = Erreur;

    fn unit_variant(self) -> Result<(), Erreur> {
        match self {
            SuiteVariante::Nom => Ok(()),
            SuiteVariante::Table { valeur, span } => match valeur {
                DeValue::Array(liste) if liste.is_empty() => Ok(()),
                DeValue::Array(_) => Err(Erreur::nouvelle("expected empty array", span)),
                DeValue::Table(table) if table.is_empty() => Ok(()),
                DeValue::Table(_) => Err(Erreur::nouvelle("expected empty table", span)),
                autre => Err(Erreur::nouvelle(
                    format!("expected table, found {}", autre.type_str()),
                    span,
                )),
            },
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Erreur> {
        match self {
            SuiteVariante::Nom => Err(variante_sans_valeur("newtype variant")),
            SuiteVariante::Table { valeur, span } => {
                seed.deserialize(Lecteur::Valeur { valeur, span })
            }
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, taille: usize, visitor: V) -> Result<V::Value, Erreur> {
        match self {
            SuiteVariante::Nom => Err(variante_sans_valeur("tuple variant")),
            SuiteVariante::Table {
                valeur: DeValue::Array(liste),
                span,
            } => {
                if liste.len() == taille {
                    visitor.visit_seq(Suite::new(liste))
                } else {
                    Err(Erreur::nouvelle(
                        format!("expected tuple with length {taille}"),
                        span,
                    ))
                }
            }
            SuiteVariante::Table {
                valeur: DeValue::Table(table),
                span,
            } => {
                let mut liste = DeArray::new();
                for (rang, (cle, valeur)) in table.into_iter().enumerate() {
                    if cle.get_ref().parse::<usize>().ok() != Some(rang) {
                        return Err(Erreur::nouvelle(
                            format!("expected table key `{rang}`, but was `{}`", cle.get_ref()),
                            cle.span(),
                        ));
                    }
                    liste.push(valeur);
                }
                if liste.len() == taille {
                    visitor.visit_seq(Suite::new(liste))
                } else {
                    Err(Erreur::nouvelle(
                        format!("expected tuple with length {taille}"),
                        span,
                    ))
                }
            }
            SuiteVariante::Table { valeur, span } => Err(Erreur::nouvelle(
                format!("expected table, found {}", valeur.type_str()),
                span,
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        champs: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Erreur> {
        match self {
            SuiteVariante::Nom => Err(variante_sans_valeur("struct variant")),
            SuiteVariante::Table { valeur, span } => {
                if let DeValue::Table(table) = &valeur {
                    cles_connues(table, champs).map_err(|e| e.situer(span.clone()))?;
                }
                de::Deserializer::deserialize_struct(
                    Lecteur::Valeur { valeur, span },
                    "",
                    champs,
                    visitor,
                )
            }
        }
    }
}

/// A variant written as a bare name has no value (serde's `UnitOnly`).
fn variante_sans_valeur(attendu: &'static str) -> Erreur {
    de::Error::invalid_type(de::Unexpected::UnitVariant, &attendu)
}

/// A struct variant's table holds only its fields (toml's `validate_struct_keys`).
fn cles_connues(table: &DeTable<'_>, champs: &'static [&'static str]) -> Result<(), Erreur> {
    let en_trop: Vec<&Spanned<DeString<'_>>> = table
        .keys()
        .filter(|cle| !champs.contains(&cle.get_ref().as_ref()))
        .collect();
    match en_trop.first() {
        None => Ok(()),
        Some(premiere) => Err(Erreur::nouvelle(
            format!(
                "unexpected keys in table: {}, available keys: {}",
                en_trop
                    .iter()
                    .map(|cle| cle.get_ref().as_ref())
                    .collect::<Vec<_>>()
                    .join(", "),
                champs.join(", "),
            ),
            premiere.span(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::fichier::FichierScenario;

    const DEBUT: &str = "titre = \"t\"\ndescription = \"d\"\n";

    /// What toml's own deserialiser makes of `texte`: the file read, or the error's message and
    /// place.
    fn par_toml(texte: &str) -> Result<String, (String, Option<Range<usize>>)> {
        let deserialiseur = toml::Deserializer::parse(texte).expect("TOML valide");
        FichierScenario::deserialize(deserialiseur)
            .map(|fichier| format!("{fichier:?}"))
            .map_err(|e| (e.message().to_owned(), e.span()))
    }

    fn par_le_lecteur(texte: &str) -> Result<String, (String, Option<Range<usize>>)> {
        let document = toml::de::DeTable::parse(texte).expect("TOML valide");
        lire::<FichierScenario>(document)
            .map(|fichier| format!("{fichier:?}"))
            .map_err(|e| (e.message().to_owned(), e.span()))
    }

    /// The reader gives what toml gives, value and error, message and place, on every shape a file
    /// can take: the syntax stays the same and so does every message.
    #[test]
    fn reads_every_shape_as_toml_does() {
        let suites = [
            "",
            "[campagne]\npreset = 2025\ndebut = 2024-06-01\nfin = \"2024-07-01\"\n",
            "[campagne]\ndebut = 2024-06-01T10:00:00\n",
            "[campagne]\nphase_principale = { debut = 2024-06-01, fin = 2024-07-01 }\n",
            "[campagne]\nphase_principale = 2024-06-01\n",
            "[campagne]\nannee = 99999999999999999999\n",
            "[campagne]\nannee = -99999999999999999999\n",
            "[campagne]\nannee = 0xFFFFFFFFFFFFFFFF\n",
            "[campagne]\nannee = 1.5\n",
            "[campagne]\nannee = 1e999\n",
            "[campagne]\npreset = true\n",
            "[campagne]\npreste = 2024\n",
            "campagne = 3\n",
            "campagne = -3\n",
            "campagne = \"x\"\n",
            "campagne = true\n",
            "campagne = 1.5\n",
            "campagne = 1e999\n",
            "campagne = 99999999999999999999\n",
            "campagne = 2024-06-01\n",
            "regles = \"R1\"\n",
            "regles = 3\n",
            "regles = { a = 1 }\n",
            "regles = 2024-06-01\n",
            "regles = 0xFFFFFFFFFFFFFFFF\n",
            "regles = [\"R1\", 2]\n",
            "[universite]\nmode_opi = \"webservice\"\n",
            "[universite]\nmode_opi = \"pigeon\"\n",
            "[universite]\nmode_opi = { webservice = {} }\n",
            "[universite]\nmode_opi = { webservice = [] }\n",
            "[universite]\nmode_opi = { webservice = 1 }\n",
            "[universite]\nmode_opi = { webservice = { a = 1 } }\n",
            "[universite]\nmode_opi = { pigeon = {} }\n",
            "[universite]\nmode_opi = {}\n",
            "[universite]\nmode_opi = { webservice = {}, fichiers_plats = {} }\n",
            "[universite]\nmode_opi = 3\n",
            "[[candidats]]\ncode = 1\n[[candidats]]\ncode = \"x\"\n",
            "[[evenements]]\ndate = 2024-06-01\ntype = \"acceptation\"\ncandidat = 1\n",
            "[[evenements]]\ndate = 2024-06-01\ntype = \"danse\"\n",
            "[[evenements]]\ndate = 2024-06-01\ntype = { danse = 1 }\n",
            "[[evenements]]\ntype = \"paiement\"\netat_inscription = 7\n",
            "[[evenements]]\ntype = \"paiement\"\netat_inscription = \"parallele\"\n",
            "[[evenements]]\ntype = \"paiement\"\netat_inscription = \"x\"\n",
            "[[attendus]]\nia = { candidat = 1, vet = \"DL1OUI\", etat = \"en_cours\" }\n",
            "[[attendus]]\nia = { candidat = 1, vet = 2 }\n",
            "[[attendus]]\nia = { candidat = 1 }\n",
            "[[attendus]]\ncandidat = 1\nnombre = -1\nabsent = \"oui\"\n",
        ];
        for suite in suites {
            let texte = format!("{DEBUT}{suite}");
            assert_eq!(par_le_lecteur(&texte), par_toml(&texte), "{texte}");
        }
    }

    /// The one shape where the reader differs from toml, on purpose: a struct written as an array.
    /// toml reads it field by field in order (serde's positional form); the format never allowed it,
    /// so the reader refuses it as it refuses any other value that is not a table, on the array.
    #[test]
    fn refuses_a_struct_written_as_an_array_which_toml_would_read() {
        let suites = [
            (
                "[campagne]\nphase_principale = [2024-06-01, 2024-07-01]\n",
                "[2024-06-01, 2024-07-01]",
                "invalid type: sequence, expected struct PeriodeFichier",
            ),
            (
                "[campagne]\nphase_principale = [2024-06-01]\n",
                "[2024-06-01]",
                "invalid type: sequence, expected struct PeriodeFichier",
            ),
            (
                "campagne = []\n",
                "[]",
                "invalid type: sequence, expected struct CampagneFichier",
            ),
        ];
        for (suite, tableau, message) in suites {
            let texte = format!("{DEBUT}{suite}");
            let debut = texte.find(tableau).expect("le tableau est dans le texte");
            assert_eq!(
                par_le_lecteur(&texte),
                Err((message.to_owned(), Some(debut..debut + tableau.len()))),
                "{texte}"
            );
        }
        // What toml makes of it: the period, read positionally.
        let positionnel =
            format!("{DEBUT}[campagne]\nphase_principale = [2024-06-01, 2024-07-01]\n");
        let lu = par_toml(&positionnel).expect("toml lit une structure écrite en tableau");
        assert!(
            lu.contains("debut: Jour(2024-06-01), fin: Jour(2024-07-01)"),
            "{lu}"
        );
    }
}
