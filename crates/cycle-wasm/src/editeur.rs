//! The scenario editor's changes to the scenario's TOML text: a candidate or a dated event typed in a
//! form and added, or one of them deleted.
//!
//! The text stays the source of truth, so that what a trainer exports is the file they would have
//! written by hand, comments included. New tables are written by `toml`'s serialiser (quoting is
//! never hand-made) and inserted where the format wants them: a candidate at the end, an event before
//! the first event of a later day (events must follow the order of dates). A deletion removes the
//! table with the comment lines just above it, found from the parsed document's spans. The result is
//! loaded again before it is returned, so a mistake comes back as the loader's located French message
//! and the text is left unchanged.
//!
//! It checks nothing the loader checks: it only writes.

use cycle_core::calendrier::Jalon;
use cycle_scenario::fichier::{Jour, TypeEvenement};
use cycle_scenario::{charger, ErreurScenario, Scenario};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// A candidate typed in the form; empty fields take the format's defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CandidatSaisi {
    pub code: u32,
    #[serde(default)]
    pub prenom: Option<String>,
    #[serde(default)]
    pub nom: Option<String>,
    /// `M` or `F`.
    #[serde(default)]
    pub sexe: Option<String>,
    /// `admis`, `echec`, `rattrapage_admis`, `rattrapage_echec` or `reorientation`.
    #[serde(default)]
    pub bac: Option<String>,
    #[serde(default)]
    pub cod_etu: Option<String>,
}

/// An event typed in the form: a day (`date`, or `jalon` and `decalage`), a `type` and the fields
/// that type takes; fields the type does not take are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvenementSaisi {
    /// `AAAA-MM-JJ`.
    #[serde(default)]
    pub date: Option<String>,
    /// `lendemain_resultats_bac`…
    #[serde(default)]
    pub jalon: Option<String>,
    #[serde(default)]
    pub decalage: Option<i32>,
    /// `acceptation`, `ia_primo`… as in scenario files.
    #[serde(rename = "type")]
    pub nature: String,
    #[serde(default)]
    pub candidat: Option<u32>,
    #[serde(default)]
    pub formation: Option<u32>,
    /// `oui`, `oui_si_3_ans`, `oui_si_4_ans`.
    #[serde(default)]
    pub reponse: Option<String>,
    /// `DL1OUI` or `DL1OUI/1`.
    #[serde(default)]
    pub vet: Option<String>,
    #[serde(default)]
    pub payee: Option<bool>,
    /// 1 to 5.
    #[serde(default)]
    pub etat_inscription: Option<u8>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Why an addition was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErreurEdition {
    /// The form itself is incomplete or wrong.
    Saisie(String),
    /// The text with the addition does not load: the loader's message.
    Scenario(ErreurScenario),
}

impl std::fmt::Display for ErreurEdition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ErreurEdition::Saisie(message) => f.write_str(message),
            ErreurEdition::Scenario(erreur) => erreur.fmt(f),
        }
    }
}

impl std::error::Error for ErreurEdition {}

#[derive(Serialize)]
struct TableCandidat<'a> {
    code: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    prenom: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nom: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sexe: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bac: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cod_etu: Option<&'a str>,
}

#[derive(Serialize)]
struct TableEvenement<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jalon: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decalage: Option<i32>,
    #[serde(rename = "type")]
    nature: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    candidat: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formation: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reponse: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payee: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    etat_inscription: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// `[[candidats]]` or `[[evenements]]` with one table, as `toml` writes an array of tables.
#[derive(Serialize)]
struct Tables<T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    candidats: Option<[T; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evenements: Option<[T; 1]>,
}

/// A trimmed, non-empty text field.
fn rempli(champ: &Option<String>) -> Option<&str> {
    champ.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn ecrire<T: Serialize>(tables: &Tables<T>) -> Result<String, ErreurEdition> {
    toml::to_string(tables)
        .map_err(|e| ErreurEdition::Saisie(format!("écriture TOML impossible : {e}")))
}

/// The text with the candidate added at its end.
pub fn ajouter_candidat(
    fichier: &str,
    texte: &str,
    saisie: &CandidatSaisi,
) -> Result<String, ErreurEdition> {
    let table = TableCandidat {
        code: saisie.code,
        prenom: rempli(&saisie.prenom),
        nom: rempli(&saisie.nom),
        sexe: rempli(&saisie.sexe),
        bac: rempli(&saisie.bac),
        cod_etu: rempli(&saisie.cod_etu),
    };
    let bloc = ecrire(&Tables {
        candidats: Some([table]),
        evenements: None,
    })?;
    let nouveau = format!("{}\n{bloc}", avec_fin_de_ligne(texte));
    verifier(fichier, nouveau)
}

/// The text with the event inserted in date order (after the events of the same day).
pub fn ajouter_evenement(
    fichier: &str,
    texte: &str,
    saisie: &EvenementSaisi,
) -> Result<String, ErreurEdition> {
    let scenario = charger(fichier, texte).map_err(ErreurEdition::Scenario)?;
    let nature = TypeEvenement::TOUS
        .into_iter()
        .find(|t| t.nom() == saisie.nature)
        .ok_or_else(|| {
            let noms: Vec<&str> = TypeEvenement::TOUS.iter().map(|t| t.nom()).collect();
            ErreurEdition::Saisie(format!(
                "type : « {} » n'est pas un type d'événement (possibles : {})",
                saisie.nature,
                noms.join(", ")
            ))
        })?;
    let champs = nature.champs();
    let pris =
        |champ: &str| champs.obligatoires.contains(&champ) || champs.facultatifs.contains(&champ);
    let (jour, date) = jour_saisi(&scenario, saisie)?;
    let table = TableEvenement {
        date,
        jalon: if date.is_some() {
            None
        } else {
            rempli(&saisie.jalon)
        },
        decalage: if date.is_some() {
            None
        } else {
            saisie.decalage.filter(|d| *d != 0)
        },
        nature: nature.nom(),
        candidat: saisie.candidat.filter(|_| pris("candidat")),
        formation: saisie.formation.filter(|_| pris("formation")),
        reponse: rempli(&saisie.reponse).filter(|_| pris("reponse")),
        vet: rempli(&saisie.vet).filter(|_| pris("vet")),
        payee: saisie.payee.filter(|_| pris("payee")),
        etat_inscription: saisie.etat_inscription.filter(|_| pris("etat_inscription")),
        note: rempli(&saisie.note),
    };
    let bloc = ecrire(&Tables {
        candidats: None,
        evenements: Some([table]),
    })?;
    let suivant = scenario.evenements.iter().find(|e| e.jour > jour);
    let nouveau = match suivant.and_then(|e| e.position) {
        Some(position) => {
            let debut = debut_de_table(texte, position.ligne);
            format!("{}{bloc}\n{}", &texte[..debut], &texte[debut..])
        }
        None => format!("{}\n{bloc}", avec_fin_de_ligne(texte)),
    };
    verifier(fichier, nouveau)
}

/// The day the form gives, and the TOML date to write when it gives a date.
fn jour_saisi(
    scenario: &Scenario,
    saisie: &EvenementSaisi,
) -> Result<(Date, Option<toml::value::Datetime>), ErreurEdition> {
    if let Some(date) = rempli(&saisie.date) {
        let Jour(jour) = Jour::depuis_iso(date).ok_or_else(|| {
            ErreurEdition::Saisie(format!(
                "date : « {date} » n'est pas une date AAAA-MM-JJ (par exemple 2024-07-09)"
            ))
        })?;
        let datetime = date.parse::<toml::value::Datetime>().map_err(|_| {
            ErreurEdition::Saisie(format!("date : « {date} » n'est pas une date TOML"))
        })?;
        return Ok((jour, Some(datetime)));
    }
    let Some(id) = rempli(&saisie.jalon) else {
        return Err(ErreurEdition::Saisie(
            "jour : indiquez une date ou un jalon".to_owned(),
        ));
    };
    let jalon = Jalon::depuis_identifiant(id).ok_or_else(|| {
        let ids: Vec<&str> = Jalon::TOUS.iter().map(|j| j.identifiant()).collect();
        ErreurEdition::Saisie(format!(
            "jalon : « {id} » inconnu (possibles : {})",
            ids.join(", ")
        ))
    })?;
    let jour = jalon.date(&scenario.configuration.campagne)
        + Duration::days(i64::from(saisie.decalage.unwrap_or(0)));
    Ok((jour, None))
}

/// Byte offset of the start of the table whose first line is `ligne` (from 1), or of the header
/// line just above it when the loader's position points inside the table.
fn debut_de_table(texte: &str, ligne: usize) -> usize {
    let debuts: Vec<usize> = std::iter::once(0)
        .chain(texte.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut index = ligne.saturating_sub(1).min(debuts.len() - 1);
    while index > 0 && !texte[debuts[index]..].trim_start().starts_with("[[") {
        index -= 1;
    }
    debuts[index]
}

fn avec_fin_de_ligne(texte: &str) -> String {
    let mut texte = texte.to_owned();
    if !texte.is_empty() && !texte.ends_with('\n') {
        texte.push('\n');
    }
    texte
}

fn verifier(fichier: &str, nouveau: String) -> Result<String, ErreurEdition> {
    charger(fichier, &nouveau).map_err(ErreurEdition::Scenario)?;
    Ok(nouveau)
}

/// The text without candidate `code`'s `[[candidats]]` table. A candidate still named by an event
/// or an expectation is refused with the loader's message, which says where: delete those first.
pub fn supprimer_candidat(fichier: &str, texte: &str, code: u32) -> Result<String, ErreurEdition> {
    let document = document(fichier, texte)?;
    let rang = tables(&document, "candidats")
        .iter()
        .position(|table| entier(table, "code") == Some(i64::from(code)))
        .ok_or_else(|| {
            ErreurEdition::Saisie(format!("candidat {code} : absent du fichier du scénario"))
        })?;
    let nouveau = sans_table(
        texte,
        &document,
        "candidats",
        rang,
        &format!("candidat {code}"),
    )?;
    charger(fichier, &nouveau).map_err(|erreur| {
        ErreurEdition::Saisie(format!(
            "candidat {code} : encore employé dans le scénario, supprimez d'abord ce qui le nomme ({erreur})"
        ))
    })?;
    Ok(nouveau)
}

/// The text without the event `rang` (from 0, in file order, as in `Scenario::evenements`).
pub fn supprimer_evenement(
    fichier: &str,
    texte: &str,
    rang: usize,
) -> Result<String, ErreurEdition> {
    let document = document(fichier, texte)?;
    let nouveau = sans_table(
        texte,
        &document,
        "evenements",
        rang,
        &format!("evenements[{rang}]"),
    )?;
    verifier(fichier, nouveau)
}

type Document<'a> = toml::Spanned<toml::de::DeTable<'a>>;

fn document<'a>(fichier: &str, texte: &'a str) -> Result<Document<'a>, ErreurEdition> {
    // The loader gives the located message of a file that does not parse.
    charger(fichier, texte).map_err(ErreurEdition::Scenario)?;
    toml::de::DeTable::parse(texte)
        .map_err(|e| ErreurEdition::Saisie(format!("lecture TOML impossible : {}", e.message())))
}

/// The tables of the array `cle` (`[[cle]]` or `cle = [{…}]`), empty when there is none.
fn tables<'d, 'a>(
    document: &'d Document<'a>,
    cle: &str,
) -> &'d [toml::Spanned<toml::de::DeValue<'a>>] {
    match document.get_ref().get(cle).map(|v| v.get_ref()) {
        Some(toml::de::DeValue::Array(liste)) => liste,
        _ => &[],
    }
}

fn entier(table: &toml::Spanned<toml::de::DeValue>, cle: &str) -> Option<i64> {
    let toml::de::DeValue::Table(table) = table.get_ref() else {
        return None;
    };
    let entier = table.get(cle)?.get_ref().as_integer()?;
    i64::from_str_radix(entier.as_str(), entier.radix()).ok()
}

/// The text without the `rang`-th table of `[[cle]]`: its header, its lines, the comment lines just
/// above it (they describe it) and the blank lines after it. `nom` names it in errors.
fn sans_table(
    texte: &str,
    document: &Document,
    cle: &str,
    rang: usize,
    nom: &str,
) -> Result<String, ErreurEdition> {
    let table = tables(document, cle)
        .get(rang)
        .ok_or_else(|| ErreurEdition::Saisie(format!("{nom} : absent du fichier du scénario")))?;
    let toml::de::DeValue::Table(contenu) = table.get_ref() else {
        return Err(ErreurEdition::Saisie(format!(
            "{nom} : n'est pas une table"
        )));
    };
    let debut = debut_de_ligne(texte, table.span().start);
    if !texte[debut..].trim_start().starts_with("[[") {
        return Err(ErreurEdition::Saisie(format!(
            "{nom} : écrit en ligne (`{cle} = [...]`), il se supprime dans le texte du scénario"
        )));
    }
    let fin_des_valeurs = contenu
        .iter()
        .map(|(cle, valeur)| cle.span().end.max(valeur.span().end))
        .chain(std::iter::once(table.span().end))
        .max()
        .unwrap_or(debut);
    let mut debut = avec_les_commentaires_au_dessus(texte, debut);
    let fin = apres_les_lignes_vides(texte, fin_de_ligne(texte, fin_des_valeurs));
    if fin == texte.len() {
        // The last table: the blank lines that separated it from the one before go with it.
        let garde = texte[..debut].trim_end().len();
        debut = if garde == 0 {
            0
        } else {
            fin_de_ligne(texte, garde)
        };
    }
    Ok(format!("{}{}", &texte[..debut], &texte[fin..]))
}

fn debut_de_ligne(texte: &str, octet: usize) -> usize {
    texte[..octet.min(texte.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1)
}

/// Just past the end of the line holding `octet` (its `\n` included).
fn fin_de_ligne(texte: &str, octet: usize) -> usize {
    let octet = octet.min(texte.len());
    texte[octet..]
        .find('\n')
        .map_or(texte.len(), |i| octet + i + 1)
}

/// Moves `debut` (a line start) up over the comment lines right above it.
fn avec_les_commentaires_au_dessus(texte: &str, mut debut: usize) -> usize {
    while debut > 0 {
        let precedente = debut_de_ligne(texte, debut - 1);
        if !texte[precedente..debut].trim_start().starts_with('#') {
            break;
        }
        debut = precedente;
    }
    debut
}

/// Moves `fin` (a line start) down over blank lines.
fn apres_les_lignes_vides(texte: &str, mut fin: usize) -> usize {
    while fin < texte.len() {
        let suivante = fin_de_ligne(texte, fin);
        if !texte[fin..suivante].trim().is_empty() {
            break;
        }
        fin = suivante;
    }
    fin
}

#[cfg(test)]
mod tests {
    use super::*;
    use cycle_scenario::integres::integre;
    use time::macros::date;

    fn echec_bac() -> (&'static str, String) {
        let integre = integre("echec_bac_webservice").expect("intégré");
        ("echec_bac_webservice.toml", integre.texte.to_owned())
    }

    fn evenement(date: &str, nature: &str) -> EvenementSaisi {
        EvenementSaisi {
            date: Some(date.to_owned()),
            nature: nature.to_owned(),
            ..EvenementSaisi::default()
        }
    }

    #[test]
    fn a_candidate_is_appended_with_only_the_fields_given_and_the_comments_kept() {
        let (fichier, texte) = echec_bac();
        let saisie = CandidatSaisi {
            code: 2000001,
            prenom: Some("Zoé \"Zo\"".to_owned()),
            bac: Some("rattrapage_echec".to_owned()),
            nom: Some("  ".to_owned()),
            ..CandidatSaisi::default()
        };
        let nouveau = ajouter_candidat(fichier, &texte, &saisie).expect("ajouté");
        assert!(nouveau.starts_with(&texte));
        assert!(
            nouveau.ends_with("\n[[candidats]]\ncode = 2000001\nprenom = 'Zoé \"Zo\"'\nbac = \"rattrapage_echec\"\n"),
            "{nouveau}"
        );
        let scenario = charger(fichier, &nouveau).expect("chargé");
        let zoe = scenario.configuration.candidats.last().expect("ajoutée");
        assert_eq!(
            (zoe.code_candidat, zoe.prenom.as_str()),
            (2000001, "Zoé \"Zo\"")
        );
    }

    #[test]
    fn a_candidate_already_there_is_refused_by_the_loader_and_located() {
        let (fichier, texte) = echec_bac();
        let code = charger(fichier, &texte)
            .expect("chargé")
            .configuration
            .candidats[0]
            .code_candidat;
        let erreur = ajouter_candidat(
            fichier,
            &texte,
            &CandidatSaisi {
                code,
                ..CandidatSaisi::default()
            },
        )
        .unwrap_err();
        let message = erreur.to_string();
        assert!(
            message.starts_with("echec_bac_webservice.toml:"),
            "{message}"
        );
        assert!(message.contains(&code.to_string()), "{message}");
    }

    #[test]
    fn an_event_goes_before_the_first_event_of_a_later_day() {
        let (fichier, texte) = echec_bac();
        let avant = charger(fichier, &texte).expect("chargé");
        let code = avant.configuration.candidats[0].code_candidat;
        let saisie = EvenementSaisi {
            candidat: Some(code),
            formation: Some(23456),
            note: Some("ajouté par le formulaire".to_owned()),
            ..evenement("2024-06-20", "consultation_ia_primo")
        };
        let nouveau = ajouter_evenement(fichier, &texte, &saisie).expect("ajouté");
        let apres = charger(fichier, &nouveau).expect("chargé");
        assert_eq!(apres.evenements.len(), avant.evenements.len() + 1);
        let jours: Vec<Date> = apres.evenements.iter().map(|e| e.jour).collect();
        assert!(jours.windows(2).all(|p| p[0] <= p[1]), "{jours:?}");
        let ajoute = apres
            .evenements
            .iter()
            .find(|e| e.jour == date!(2024 - 06 - 20))
            .expect("ajouté");
        assert_eq!(ajoute.note.as_deref(), Some("ajouté par le formulaire"));
        // `formation` is not a field of this type: left out rather than refused.
        assert!(!nouveau.contains("formation = 23456\nnote"), "{nouveau}");
    }

    #[test]
    fn an_event_on_a_milestone_after_every_other_goes_at_the_end() {
        let (fichier, texte) = echec_bac();
        let saisie = EvenementSaisi {
            jalon: Some("fin_phase_complementaire".to_owned()),
            decalage: Some(-2),
            ..evenement("", "traitement_remontees")
        };
        let nouveau = ajouter_evenement(fichier, &texte, &saisie).expect("ajouté");
        assert!(nouveau.ends_with(
            "[[evenements]]\njalon = \"fin_phase_complementaire\"\ndecalage = -2\ntype = \"traitement_remontees\"\n"
        ), "{nouveau}");
        let scenario = charger(fichier, &nouveau).expect("chargé");
        assert_eq!(
            scenario.evenements.last().expect("ajouté").jour,
            date!(2024 - 09 - 10)
        );
    }

    #[test]
    fn a_wrong_form_says_which_field() {
        let (fichier, texte) = echec_bac();
        let erreur =
            ajouter_evenement(fichier, &texte, &evenement("09/07/2024", "ia_primo")).unwrap_err();
        assert_eq!(
            erreur.to_string(),
            "date : « 09/07/2024 » n'est pas une date AAAA-MM-JJ (par exemple 2024-07-09)"
        );
        let erreur = ajouter_evenement(fichier, &texte, &evenement("2024-07-09", "inscription"))
            .unwrap_err();
        assert!(erreur
            .to_string()
            .starts_with("type : « inscription » n'est pas un type d'événement (possibles : parametrage_webservice, "));
        let erreur =
            ajouter_evenement(fichier, &texte, &evenement("", "test_connecteur")).unwrap_err();
        assert_eq!(erreur.to_string(), "jour : indiquez une date ou un jalon");
        // A required field left empty: the loader's own message, located in the new text.
        let erreur =
            ajouter_evenement(fichier, &texte, &evenement("2024-07-10", "ia_primo")).unwrap_err();
        assert!(
            matches!(&erreur, ErreurEdition::Scenario(e) if e.champ.starts_with("evenements[")),
            "{erreur}"
        );
    }

    #[test]
    fn a_candidate_added_then_deleted_gives_back_the_same_text() {
        let (fichier, texte) = echec_bac();
        let saisie = CandidatSaisi {
            code: 2000001,
            prenom: Some("Zoé".to_owned()),
            ..CandidatSaisi::default()
        };
        let avec = ajouter_candidat(fichier, &texte, &saisie).expect("ajouté");
        let sans = supprimer_candidat(fichier, &avec, 2000001).expect("supprimé");
        assert_eq!(sans, texte);
    }

    #[test]
    fn a_candidate_still_named_elsewhere_is_kept_with_the_reason() {
        let (fichier, texte) = echec_bac();
        let erreur = supprimer_candidat(fichier, &texte, 1048579).unwrap_err();
        assert_eq!(
            erreur.to_string(),
            "candidat 1048579 : encore employé dans le scénario, supprimez d'abord ce qui le nomme \
             (echec_bac_webservice.toml:15:12: evenements[0].candidat: candidat 1048579 inconnu \
             (aucun candidat déclaré dans [[candidats]]))"
        );
        let erreur = supprimer_candidat(fichier, &texte, 7).unwrap_err();
        assert_eq!(
            erreur.to_string(),
            "candidat 7 : absent du fichier du scénario"
        );
    }

    #[test]
    fn an_event_is_deleted_with_its_comment_and_the_others_stay_in_order() {
        let texte = "titre = \"t\"\ndescription = \"d\"\n\n[[candidats]]\ncode = 1048576\n\n\
                     [[evenements]]\ndate = 2024-06-04\ntype = \"test_connecteur\"\n\n\
                     # Le lendemain, les remontées.\n[[evenements]]\ndate = 2024-06-05\n\
                     type = \"traitement_remontees\"\nnote = \"soir\"\n\n\
                     [[evenements]]\ndate = 2024-06-06\ntype = \"test_connecteur\"\n";
        let sans = supprimer_evenement("t.toml", texte, 1).expect("supprimé");
        assert_eq!(
            sans,
            "titre = \"t\"\ndescription = \"d\"\n\n[[candidats]]\ncode = 1048576\n\n\
             [[evenements]]\ndate = 2024-06-04\ntype = \"test_connecteur\"\n\n\
             [[evenements]]\ndate = 2024-06-06\ntype = \"test_connecteur\"\n"
        );
        let scenario = charger("t.toml", &sans).expect("chargé");
        let jours: Vec<Date> = scenario.evenements.iter().map(|e| e.jour).collect();
        assert_eq!(jours, [date!(2024 - 06 - 04), date!(2024 - 06 - 06)]);
        let erreur = supprimer_evenement("t.toml", texte, 3).unwrap_err();
        assert_eq!(
            erreur.to_string(),
            "evenements[3] : absent du fichier du scénario"
        );
    }

    #[test]
    fn an_inline_table_is_left_to_the_text_editor() {
        let texte = "titre = \"t\"\ndescription = \"d\"\n\
                     candidats = [{ code = 1048576 }, { code = 1048577 }]\n";
        let erreur = supprimer_candidat("t.toml", texte, 1048577).unwrap_err();
        assert_eq!(
            erreur.to_string(),
            "candidat 1048577 : écrit en ligne (`candidats = [...]`), il se supprime dans le texte \
             du scénario"
        );
    }
}
