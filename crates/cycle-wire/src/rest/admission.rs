//! The admission record (`donneesCandidat`, domain.md §3.2): pushed by Parcoursup to an
//! establishment (`admissionCandidat`) and returned as a list by `getCandidatsAdmis`.

use serde::Serialize;
use time::{Date, PrimitiveDateTime};

use super::body::parse_body;
use super::identifiant::{decode_identifiant, Compat, Identifiant, Receiver};
use super::json::JsonObject;
use super::remontee::CodeSise;
use crate::codes::{CodeSituation, EtatInscription, Sexe};
use crate::error::WireError;
use crate::validate::{self, quoted, FieldCheck};
use crate::wire_serde;

/// One admitted candidate as Parcoursup describes them, with every field of the wire record.
///
/// Texts Parcoursup may leave empty are `String`s where `""` means unknown (it sends them so, and
/// a missing or `null` key is read as `""`). Fields serialize under their exact wire names
/// (`codePaysadresse`, `nomRL1`, `codeSISE`…) in the order of the example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DonneesCandidat {
    /// Campaign year, e.g. 2026.
    pub session: u16,
    /// Parcoursup dossier number (≥ 1).
    pub code_candidat: u32,
    /// INE, or `""` when the candidate has none.
    pub ine: String,
    /// `M` or `F`.
    pub sexe: Sexe,
    /// Birth name (required).
    pub nom: String,
    /// First name (required).
    pub prenom: String,
    /// Second first name.
    pub prenom2: String,
    /// Third first name.
    pub prenom3: String,
    /// Birth date, written `dd/MM/yyyy`.
    #[serde(serialize_with = "wire_serde::date_jj_mm_aaaa")]
    pub date_naissance: Date,
    /// INSEE code of the birth commune.
    pub code_commune_naissance: String,
    /// Birth commune name.
    pub libelle_commune_naissance: String,
    /// Birth country code.
    pub code_pays_naissance: String,
    /// Nationality country code.
    pub code_pays_nationalite: String,
    /// Address line 1.
    pub adresse1: String,
    /// Address line 2.
    pub adresse2: String,
    /// Address line 3.
    pub adresse3: String,
    /// Postal code.
    pub code_postal: String,
    /// Commune name.
    pub libelle_commune: String,
    /// INSEE commune code.
    pub code_commune: String,
    /// Address country code (`codePaysadresse`).
    pub code_paysadresse: String,
    /// Address country name (`libellePaysadresse`).
    pub libelle_paysadresse: String,
    /// E-mail.
    pub mail: String,
    /// Mobile phone.
    pub telmobile: String,
    /// Landline phone.
    pub telfixe: String,
    /// Legal representative 1: name (`nomRL1`).
    #[serde(rename = "nomRL1")]
    pub nom_rl1: String,
    /// Legal representative 1: first name (`prenomRL1`).
    #[serde(rename = "prenomRL1")]
    pub prenom_rl1: String,
    /// Legal representative 1: e-mail (`mailRL1`).
    #[serde(rename = "mailRL1")]
    pub mail_rl1: String,
    /// Legal representative 1: phone (`telRL1`).
    #[serde(rename = "telRL1")]
    pub tel_rl1: String,
    /// Legal representative 2: name (`nomRL2`).
    #[serde(rename = "nomRL2")]
    pub nom_rl2: String,
    /// Legal representative 2: first name (`prenomRL2`).
    #[serde(rename = "prenomRL2")]
    pub prenom_rl2: String,
    /// Legal representative 2: e-mail (`mailRL2`).
    #[serde(rename = "mailRL2")]
    pub mail_rl2: String,
    /// Legal representative 2: phone (`telRL2`).
    #[serde(rename = "telRL2")]
    pub tel_rl2: String,
    /// UAI of the candidate's school.
    pub code_etablissement_sco: String,
    /// Name of the candidate's school.
    pub libelle_etablissement_sco: String,
    /// Bac year `YYYY`, or `""`.
    pub annee_bac: String,
    /// Bac month `MM` (01–12), or `""`.
    pub mois_bac: String,
    /// Bac series.
    pub serie_bac: String,
    /// Bac mention.
    pub mention_bac: String,
    /// Parcoursup formation number (≥ 1).
    pub code_formation_psup: u32,
    /// The establishment's formation code 1.
    pub code_formation1: String,
    /// The establishment's formation code 2.
    pub code_formation2: String,
    /// The establishment's formation code 3.
    pub code_formation3: String,
    /// The establishment's formation code 4.
    pub code_formation4: String,
    /// SISE code; `None` is written `""` (formations without one).
    #[serde(rename = "codeSISE", serialize_with = "sise_ou_vide")]
    pub code_sise: Option<CodeSise>,
    /// Formation name.
    pub libelle_formation: String,
    /// 0 = no aménagement; non-zero = Oui Si / cursus aménagé.
    pub code_amenagement: u32,
    /// Aménagement name.
    pub libelle_amenagement: String,
    /// Where the candidate stands (0 en attente … 3 refusée / démission).
    pub code_situation: CodeSituation,
    /// When the candidate answered (`dd/MM/yyyy HH:mm`, Europe/Paris); `None` is written `""`.
    #[serde(serialize_with = "wire_serde::date_heure_ou_vide")]
    pub date_reponse: Option<PrimitiveDateTime>,
    /// UAI of the admitting establishment (required).
    pub code_etablissement_affectation: String,
    /// Gap year requested (`cesure`, 0/1).
    #[serde(serialize_with = "wire_serde::booleen_0_1")]
    pub cesure: bool,
    /// Boarding requested (`internat`, 0/1).
    #[serde(serialize_with = "wire_serde::booleen_0_1")]
    pub internat: bool,
    /// Registration state; `None` is written `0` (not registered yet, as in every push).
    #[serde(serialize_with = "wire_serde::etat_ou_0")]
    pub etat_inscription: Option<EtatInscription>,
}

fn sise_ou_vide<S: serde::Serializer>(
    code: &Option<CodeSise>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match code {
        Some(code) => code.serialize(serializer),
        None => serializer.serialize_str(""),
    }
}

/// The texts that may be empty, by wire name, with their accessor, so that checking them is one
/// loop rather than 35 lines.
type TextField = (&'static str, fn(&DonneesCandidat) -> &String);

const OPTIONAL_TEXTS: [TextField; 35] = [
    ("prenom2", |d| &d.prenom2),
    ("prenom3", |d| &d.prenom3),
    ("codeCommuneNaissance", |d| &d.code_commune_naissance),
    ("libelleCommuneNaissance", |d| &d.libelle_commune_naissance),
    ("codePaysNaissance", |d| &d.code_pays_naissance),
    ("codePaysNationalite", |d| &d.code_pays_nationalite),
    ("adresse1", |d| &d.adresse1),
    ("adresse2", |d| &d.adresse2),
    ("adresse3", |d| &d.adresse3),
    ("codePostal", |d| &d.code_postal),
    ("libelleCommune", |d| &d.libelle_commune),
    ("codeCommune", |d| &d.code_commune),
    ("codePaysadresse", |d| &d.code_paysadresse),
    ("libellePaysadresse", |d| &d.libelle_paysadresse),
    ("mail", |d| &d.mail),
    ("telmobile", |d| &d.telmobile),
    ("telfixe", |d| &d.telfixe),
    ("nomRL1", |d| &d.nom_rl1),
    ("prenomRL1", |d| &d.prenom_rl1),
    ("mailRL1", |d| &d.mail_rl1),
    ("telRL1", |d| &d.tel_rl1),
    ("nomRL2", |d| &d.nom_rl2),
    ("prenomRL2", |d| &d.prenom_rl2),
    ("mailRL2", |d| &d.mail_rl2),
    ("telRL2", |d| &d.tel_rl2),
    ("codeEtablissementSco", |d| &d.code_etablissement_sco),
    ("libelleEtablissementSco", |d| &d.libelle_etablissement_sco),
    ("serieBac", |d| &d.serie_bac),
    ("mentionBac", |d| &d.mention_bac),
    ("codeFormation2", |d| &d.code_formation2),
    ("codeFormation3", |d| &d.code_formation3),
    ("codeFormation4", |d| &d.code_formation4),
    ("libelleFormation", |d| &d.libelle_formation),
    ("libelleAmenagement", |d| &d.libelle_amenagement),
    ("ine", |d| &d.ine),
];

impl DonneesCandidat {
    /// Reads the record from the object `fields` (at `donneesCandidat`, at the body's root for the
    /// unwrapped quirk, or at `[i]` in a `getCandidatsAdmis` answer).
    pub(crate) fn decode(fields: &JsonObject<'_>) -> Result<DonneesCandidat, WireError> {
        let text = |name| fields.string_or_empty(name);
        let sise = match fields.get("codeSISE")? {
            Some(serde_json::Value::String(empty)) if empty.is_empty() => None,
            Some(value) => Some(
                CodeSise::decode(value)
                    .map_err(|reason| WireError::new(fields.path("codeSISE"), reason))?,
            ),
            None => None,
        };
        let date_reponse = match text("dateReponse")?.as_str() {
            "" => None,
            moment => Some(
                validate::date_heure_jj_mm_aaaa_hh_mm(moment)
                    .map_err(|reason| WireError::new(fields.path("dateReponse"), reason))?,
            ),
        };
        let etat_inscription =
            match fields.number_code("etatInscription", EtatInscription::MAX, Ok)? {
                0 => None,
                code => Some(EtatInscription::from_code(code).map_err(|_| {
                    WireError::new(
                        fields.path("etatInscription"),
                        format!("{code} n'est pas un code connu (0 a 5)"),
                    )
                })?),
            };
        let record = DonneesCandidat {
            session: annee_session(fields)?,
            code_candidat: fields.u32("codeCandidat")?,
            ine: text("ine")?,
            sexe: fields.text_code("sexe", Sexe::from_code)?,
            nom: fields.string("nom")?,
            prenom: fields.string("prenom")?,
            prenom2: text("prenom2")?,
            prenom3: text("prenom3")?,
            date_naissance: fields.date("dateNaissance")?,
            code_commune_naissance: text("codeCommuneNaissance")?,
            libelle_commune_naissance: text("libelleCommuneNaissance")?,
            code_pays_naissance: text("codePaysNaissance")?,
            code_pays_nationalite: text("codePaysNationalite")?,
            adresse1: text("adresse1")?,
            adresse2: text("adresse2")?,
            adresse3: text("adresse3")?,
            code_postal: text("codePostal")?,
            libelle_commune: text("libelleCommune")?,
            code_commune: text("codeCommune")?,
            code_paysadresse: text("codePaysadresse")?,
            libelle_paysadresse: text("libellePaysadresse")?,
            mail: text("mail")?,
            telmobile: text("telmobile")?,
            telfixe: text("telfixe")?,
            nom_rl1: text("nomRL1")?,
            prenom_rl1: text("prenomRL1")?,
            mail_rl1: text("mailRL1")?,
            tel_rl1: text("telRL1")?,
            nom_rl2: text("nomRL2")?,
            prenom_rl2: text("prenomRL2")?,
            mail_rl2: text("mailRL2")?,
            tel_rl2: text("telRL2")?,
            code_etablissement_sco: text("codeEtablissementSco")?,
            libelle_etablissement_sco: text("libelleEtablissementSco")?,
            annee_bac: text("anneeBac")?,
            mois_bac: text("moisBac")?,
            serie_bac: text("serieBac")?,
            mention_bac: text("mentionBac")?,
            code_formation_psup: fields.u32("codeFormationPsup")?,
            code_formation1: fields.string("codeFormation1")?,
            code_formation2: text("codeFormation2")?,
            code_formation3: text("codeFormation3")?,
            code_formation4: text("codeFormation4")?,
            code_sise: sise,
            libelle_formation: text("libelleFormation")?,
            code_amenagement: fields.u32("codeAmenagement")?,
            libelle_amenagement: text("libelleAmenagement")?,
            code_situation: fields.number_code(
                "codeSituation",
                CodeSituation::MAX,
                CodeSituation::from_code,
            )?,
            date_reponse,
            code_etablissement_affectation: fields.string("codeEtablissementAffectation")?,
            cesure: fields.flag_0_1("cesure")?,
            internat: fields.flag_0_1("internat")?,
            etat_inscription,
        };
        record.check(fields.at())?;
        Ok(record)
    }

    /// Checks the field rules; `at` is the record's path.
    pub(crate) fn check(&self, at: &str) -> Result<(), WireError> {
        let fields = FieldCheck::at(at);
        fields.field("session", validate::annee_valeur(self.session.into()))?;
        fields.field(
            "codeCandidat",
            validate::strictement_positif(self.code_candidat),
        )?;
        for (name, value) in OPTIONAL_TEXTS {
            fields.text_or_empty(name, value(self))?;
        }
        if !self.ine.is_empty() {
            fields.field("ine", validate::ine(&self.ine))?;
        }
        fields.text("nom", &self.nom, None)?;
        fields.text("prenom", &self.prenom, None)?;
        if !self.annee_bac.is_empty() {
            fields.field("anneeBac", validate::annee(&self.annee_bac))?;
        }
        if !self.mois_bac.is_empty() {
            fields.field("moisBac", mois(&self.mois_bac))?;
        }
        fields.field(
            "codeFormationPsup",
            validate::strictement_positif(self.code_formation_psup),
        )?;
        fields.text("codeFormation1", &self.code_formation1, None)?;
        if let Some(code) = &self.code_sise {
            fields.field("codeSISE", code.check())?;
        }
        fields.field(
            "codeEtablissementAffectation",
            validate::uai(&self.code_etablissement_affectation),
        )
    }
}

/// The campaign year, a number that must have four digits.
fn annee_session(fields: &JsonObject<'_>) -> Result<u16, WireError> {
    let year = fields.u32("session")?;
    validate::annee_valeur(year)
        .map_err(|reason| WireError::new(fields.path("session"), reason))?;
    u16::try_from(year).map_err(|_| {
        WireError::new(
            fields.path("session"),
            format!("{year} n'est pas une annee a 4 chiffres"),
        )
    })
}

/// A month written `MM`, 01 to 12.
fn mois(value: &str) -> Result<(), String> {
    let valid = value.len() == 2
        && value.bytes().all(|byte| byte.is_ascii_digit())
        && matches!(value.parse::<u8>(), Ok(1..=12));
    if valid {
        Ok(())
    } else {
        Err(format!("{} n'est pas un mois MM (01 a 12)", quoted(value)))
    }
}

/// The body Parcoursup POSTs to an establishment's `…/admissionCandidat`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdmissionCandidat {
    /// Credentials chosen by the establishment.
    pub identifiant: Identifiant,
    /// The admitted candidate.
    pub donnees_candidat: DonneesCandidat,
}

/// Decodes an `admissionCandidat` push, checking every field.
///
/// The record must be inside `donneesCandidat`; when it is sent unwrapped (its fields beside
/// `identifiant`, a quirk seen in the wild) it is accepted only with
/// [`Compat::accept_donnees_candidat_a_plat`], and refused otherwise with an error saying so.
pub fn decode_admission_candidat(
    body: &[u8],
    compat: Compat,
) -> Result<AdmissionCandidat, WireError> {
    let value = parse_body(body)?;
    let fields = JsonObject::new(&value, "", "un objet JSON")?;
    let identifiant = decode_identifiant(&fields, compat, Receiver::Etablissement)?;
    let donnees_candidat = if fields.has("donneesCandidat")? {
        DonneesCandidat::decode(&fields.object("donneesCandidat", "un objet")?)?
    } else if fields.has("codeCandidat")? {
        if !compat.accept_donnees_candidat_a_plat {
            return Err(WireError::new(
                "donneesCandidat",
                "champ obligatoire absent (dossier envoye a plat, sans donneesCandidat; \
                 l'option de compatibilite accept_donnees_candidat_a_plat l'accepte)",
            ));
        }
        DonneesCandidat::decode(&fields)?
    } else {
        return Err(WireError::new(
            "donneesCandidat",
            "champ obligatoire absent",
        ));
    };
    Ok(AdmissionCandidat {
        identifiant,
        donnees_candidat,
    })
}

/// Encodes an `admissionCandidat` push (record wrapped in `donneesCandidat`).
pub fn encode_admission_candidat(push: &AdmissionCandidat) -> Result<String, WireError> {
    push.identifiant.check("identifiant")?;
    push.donnees_candidat.check("donneesCandidat")?;
    super::to_json(push)
}

/// Encodes an `admissionCandidat` push the way some senders do, the record's fields unwrapped
/// beside `identifiant`: lets a mock Parcoursup exercise an establishment's tolerance.
pub fn encode_admission_candidat_a_plat(push: &AdmissionCandidat) -> Result<String, WireError> {
    push.identifiant.check("identifiant")?;
    push.donnees_candidat.check("")?;
    #[derive(Serialize)]
    struct APlat<'a> {
        identifiant: &'a Identifiant,
        #[serde(flatten)]
        donnees_candidat: &'a DonneesCandidat,
    }
    super::to_json(&APlat {
        identifiant: &push.identifiant,
        donnees_candidat: &push.donnees_candidat,
    })
}
