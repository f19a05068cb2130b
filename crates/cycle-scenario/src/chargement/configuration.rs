//! `[campagne]`, `[universite]`, `[reglages]` and `[[candidats]]` → the core's `Configuration`, with
//! the defaults that let a trainer write little: the 2024 calendar, the demonstration university, and
//! an identity for every candidate.

use std::ops::Range;

use cycle_core::calendrier::date_fr;
use cycle_core::{
    Campagne, Candidat, Configuration, ConnecteurInitial, ErreurConfiguration, Formation, Periode,
    PresetCampagne, Profil, Reglages, ResultatBac, Sexe, Universite, Vet, VetOuiSi,
};
use serde_spanned::Spanned;
use time::{Date, Month};

use super::contexte::Contexte;
use super::{raison_du_core, verifier_avec_le_core};
use crate::demo::universite_demo;
use crate::erreur::{ErreurScenario, Localisateur};
use crate::fichier::{
    CampagneFichier, CandidatFichier, FichierScenario, FormationFichier, PeriodeFichier,
    ReglagesFichier, UniversiteFichier, VetFichier, VetOuiSiFichier,
};

pub(super) fn configuration(
    loc: Localisateur,
    brut: &FichierScenario,
) -> Result<Configuration, ErreurScenario> {
    let campagne_fichier = brut.campagne.as_ref();
    let campagne = campagne(campagne_fichier);
    let debut = match campagne_fichier.and_then(|c| c.get_ref().debut.as_ref()) {
        Some(debut) => debut.get_ref().0,
        None => campagne.phase_principale.debut,
    };
    let universite_fichier = brut.universite.as_ref().map(Spanned::get_ref);
    let universite = universite(loc, brut.universite.as_ref())?;
    let connecteur = universite_fichier
        .and_then(|u| u.connecteur)
        .map_or(ConnecteurInitial::Valide, |c| c.vers_core());
    for (rang, fichier) in brut.candidats.iter().enumerate() {
        verifier_identite(loc, fichier, rang, debut)?;
    }
    let candidats = brut
        .candidats
        .iter()
        .enumerate()
        .map(|(rang, c)| candidat(c.get_ref(), rang, campagne.annee))
        .collect();
    let configuration = Configuration {
        universite,
        campagne,
        reglages: reglages(&brut.reglages),
        candidats,
        debut,
        connecteur,
    };
    verifier_avec_le_core(&configuration)
        .map_err(|erreur| situer_erreur_du_core(loc, brut, &erreur))?;
    Ok(configuration)
}

/// The longest simulation a file may ask for: two campaigns. The clock moves day by day, so a typo
/// such as `fin = 9024-07-01` would otherwise keep a browser tab busy for minutes. The mock server
/// bounds its clock by it too.
pub const JOURS_MAX: i64 = 731;

/// The day the simulation stops: `[campagne] fin`, or the day after the last event so that its
/// evening (flat files, remontée batch) is played.
pub(super) fn fin(
    contexte: &Contexte,
    campagne: Option<&Spanned<CampagneFichier>>,
    dernier_jour: Date,
) -> Result<Date, ErreurScenario> {
    let debut = contexte.configuration.debut;
    let Some(fin) = campagne.and_then(|c| c.get_ref().fin.as_ref()) else {
        return Ok(dernier_jour.next_day().unwrap_or(dernier_jour));
    };
    let jour = fin.get_ref().0;
    if (jour - debut).whole_days() > JOURS_MAX {
        return Err(contexte.erreur(
            Some(fin.span()),
            "campagne.fin",
            format!(
                "la simulation couvrirait {} jours depuis le {} : {JOURS_MAX} au plus",
                (jour - debut).whole_days(),
                date_fr(debut)
            ),
        ));
    }
    if jour <= dernier_jour {
        return Err(contexte.erreur(
            Some(fin.span()),
            "campagne.fin",
            format!(
                "la simulation doit s'arrêter après le dernier jour joué ({}) pour que sa soirée soit jouée",
                date_fr(dernier_jour)
            ),
        ));
    }
    Ok(jour)
}

/// The campaign: the preset's calendar (2024 by default), each date given overriding it.
fn campagne(fichier: Option<&Spanned<CampagneFichier>>) -> Campagne {
    let defaut = CampagneFichier::default();
    let c = fichier.map_or(&defaut, Spanned::get_ref);
    let base = c
        .preset
        .map_or(PresetCampagne::Annee2024, |preset| preset.0)
        .campagne();
    let periode = |p: Option<PeriodeFichier>, defaut: Periode| {
        p.map_or(defaut, |p| Periode {
            debut: p.debut.0,
            fin: p.fin.0,
        })
    };
    Campagne {
        annee: c.annee.unwrap_or(base.annee),
        resultats_bac: c.resultats_bac.map_or(base.resultats_bac, |j| j.0),
        resultats_rattrapage: c
            .resultats_rattrapage
            .map_or(base.resultats_rattrapage, |j| j.0),
        phase_principale: periode(c.phase_principale, base.phase_principale),
        phase_complementaire: periode(c.phase_complementaire, base.phase_complementaire),
        ouverture_ia_primo: periode(c.ouverture_ia_primo, base.ouverture_ia_primo),
    }
}

fn universite(
    loc: Localisateur,
    fichier: Option<&Spanned<UniversiteFichier>>,
) -> Result<Universite, ErreurScenario> {
    let mut universite = universite_demo();
    let Some(fichier) = fichier else {
        return Ok(universite);
    };
    let u = fichier.get_ref();
    if let Some(uai) = &u.uai {
        universite.uai = uai.as_str().into();
    }
    if let Some(nom) = &u.nom {
        universite.nom.clone_from(nom);
    }
    if let Some(mode) = u.mode_opi {
        universite.mode_opi = mode.vers_core();
    }
    if let Some(login) = &u.login {
        universite.identifiants_parcoursup.login.clone_from(login);
    }
    if let Some(mot_de_passe) = &u.mot_de_passe {
        universite
            .identifiants_parcoursup
            .pwd
            .clone_from(mot_de_passe);
    }
    if let Some(formations) = &u.formations {
        universite.formations = formations
            .iter()
            .enumerate()
            .map(|(i, f)| formation(loc, f, i))
            .collect::<Result<_, _>>()?;
    }
    Ok(universite)
}

fn formation(
    loc: Localisateur,
    fichier: &Spanned<FormationFichier>,
    i: usize,
) -> Result<Formation, ErreurScenario> {
    let f = fichier.get_ref();
    let champ = format!("universite.formations[{i}]");
    let vet =
        |v: &VetFichier, suffixe: &str| vet(loc, v, fichier.span(), &format!("{champ}.{suffixe}"));
    let oui_si =
        |o: &Option<VetOuiSiFichier>, suffixe: &str| -> Result<Option<VetOuiSi>, ErreurScenario> {
            o.as_ref()
                .map(|o| {
                    Ok(VetOuiSi {
                        vet: vet(&o.vet, &format!("{suffixe}.vet"))?,
                        categorie: o.categorie.clone(),
                        motif: o.motif.clone(),
                        cursus_amenage: o.cursus_amenage.clone(),
                    })
                })
                .transpose()
        };
    Ok(Formation {
        code_formation_psup: f.code,
        libelle: f.libelle.clone(),
        code_sise: f.code_sise.as_str().into(),
        premiere_annee: f.premiere_annee,
        vet_oui: vet(&f.vet_oui, "vet_oui")?,
        oui_si_3_ans: oui_si(&f.oui_si_3_ans, "oui_si_3_ans")?,
        oui_si_4_ans: oui_si(&f.oui_si_4_ans, "oui_si_4_ans")?,
        ouverture_ia_primo: f.ouverture_ia_primo.map(|p| Periode {
            debut: p.debut.0,
            fin: p.fin.0,
        }),
    })
}

/// A VET within the limits of Apogée's OPI webservice (`domain.md` §3.3).
fn vet(
    loc: Localisateur,
    v: &VetFichier,
    span: Range<usize>,
    champ: &str,
) -> Result<Vet, ErreurScenario> {
    let limites = [
        ("cod_cge", v.cod_cge.chars().count(), 3),
        ("cod_etp", v.cod_etp.chars().count(), 6),
        ("cod_vrs_vet", usize::from(v.cod_vrs_vet), 999),
    ];
    for (nom, valeur, max) in limites {
        if valeur > max || valeur == 0 {
            let raison = if nom == "cod_vrs_vet" {
                format!("{valeur} hors des bornes d'Apogée (1 à {max})")
            } else {
                format!("{valeur} caractère(s) : Apogée en attend 1 à {max}")
            };
            return Err(loc.erreur(Some(span), format!("{champ}.{nom}"), raison));
        }
    }
    if v.cod_etp.contains('/') {
        return Err(loc.erreur(
            Some(span),
            format!("{champ}.cod_etp"),
            "« / » sépare le code étape de la version dans les événements : il ne peut pas figurer dans le code",
        ));
    }
    Ok(Vet {
        cod_cge: v.cod_cge.as_str().into(),
        cod_etp: v.cod_etp.as_str().into(),
        cod_vrs_vet: v.cod_vrs_vet,
        cod_dip: v.cod_dip.as_str().into(),
        cod_vrs_vdi: v.cod_vrs_vdi,
    })
}

fn reglages(fichier: &ReglagesFichier) -> Reglages {
    let defaut = Reglages::default();
    Reglages {
        rattrapage_opi_apres_test: fichier
            .rattrapage_opi_apres_test
            .unwrap_or(defaut.rattrapage_opi_apres_test),
        traitement_quotidien_automatique: fichier
            .traitement_quotidien_automatique
            .unwrap_or(defaut.traitement_quotidien_automatique),
        fichier_habituel_avec_voeux_defavorables: fichier
            .fichier_habituel_avec_voeux_defavorables
            .unwrap_or(defaut.fichier_habituel_avec_voeux_defavorables),
        ia_reins_controle_voeux: fichier
            .ia_reins_controle_voeux
            .unwrap_or(defaut.ia_reins_controle_voeux),
        verification_ecriture_opi: fichier
            .verification_ecriture_opi
            .unwrap_or(defaut.verification_ecriture_opi),
        resiliation_remontee_comme_annulation: fichier
            .resiliation_remontee_comme_annulation
            .unwrap_or(defaut.resiliation_remontee_comme_annulation),
    }
}

/// Default identities: distinct names, so that R16's last lookup (name + first name + birth date)
/// never merges two candidates by accident.
const IDENTITES: [(&str, &str, Sexe); 8] = [
    ("DURAND", "Léa", Sexe::F),
    ("MARTIN", "Hugo", Sexe::M),
    ("BERNARD", "Chloé", Sexe::F),
    ("PETIT", "Nathan", Sexe::M),
    ("ROBERT", "Inès", Sexe::F),
    ("RICHARD", "Louis", Sexe::M),
    ("MOREAU", "Jade", Sexe::F),
    ("SIMON", "Adam", Sexe::M),
];

/// `libNomPatIndOpi` and `libPr1IndOpi` (domain.md §3.3): longer, the OPI could not be delivered.
const NOM_MAX: usize = 30;
const PRENOM_MAX: usize = 20;

/// The identity a file writes must be one the OPI can carry to Apogée: an INE of the right shape,
/// names that fit their fields, a birth date before the campaign.
fn verifier_identite(
    loc: Localisateur,
    fichier: &Spanned<CandidatFichier>,
    rang: usize,
    debut: Date,
) -> Result<(), ErreurScenario> {
    let candidat = fichier.get_ref();
    let erreur = |champ: &str, raison: String| {
        loc.erreur(
            Some(fichier.span()),
            format!("candidats[{rang}].{champ}"),
            raison,
        )
    };
    if let Some(ine) = &candidat.ine {
        if cycle_wire::validate::ine(ine).is_err() {
            return Err(erreur(
                "ine",
                format!("« {ine} » n'est pas un INE : 11 caractères, 10 chiffres ou lettres majuscules puis une clé"),
            ));
        }
    }
    for (champ, valeur, max) in [
        ("nom", &candidat.nom, NOM_MAX),
        ("prenom", &candidat.prenom, PRENOM_MAX),
    ] {
        let Some(valeur) = valeur else { continue };
        let longueur = valeur.chars().count();
        if valeur.trim().is_empty() {
            return Err(erreur(
                champ,
                "vide : écrivez-le, ou retirez le champ pour garder celui de la liste par défaut"
                    .to_owned(),
            ));
        }
        if longueur > max {
            return Err(erreur(
                champ,
                format!("« {valeur} » a {longueur} caractères, l'OPI en porte au plus {max}"),
            ));
        }
    }
    if let Some(naissance) = candidat.date_naissance {
        if naissance.0 >= debut {
            return Err(erreur(
                "date_naissance",
                format!(
                    "le {} n'est pas avant le début de la simulation ({})",
                    date_fr(naissance.0),
                    date_fr(debut)
                ),
            ));
        }
    }
    Ok(())
}

fn candidat(fichier: &CandidatFichier, rang: usize, annee: u16) -> Candidat {
    let code = *fichier.code.get_ref();
    let (nom, prenom, sexe) = IDENTITES[rang % IDENTITES.len()];
    // Beyond the list, the rank keeps default names distinct.
    let nom = if rang < IDENTITES.len() {
        nom.to_owned()
    } else {
        format!("{nom}-{}", rang / IDENTITES.len() + 1)
    };
    // Eighteen in the year of the session, as most néo-bacheliers.
    let naissance =
        Date::from_calendar_date(i32::from(annee) - 18, Month::March, 14).unwrap_or(Date::MIN);
    let profil = match fichier
        .bac
        .map_or(Some(ResultatBac::Admis), |b| b.vers_core())
    {
        Some(resultat_bac) => Profil::NeoBachelier { resultat_bac },
        None => Profil::Reorientation,
    };
    Candidat {
        code_candidat: code,
        ine: fichier
            .ine
            .clone()
            .unwrap_or_else(|| format!("{code:010}K"))
            .into(),
        nom: fichier.nom.clone().unwrap_or(nom).into(),
        prenom: fichier
            .prenom
            .clone()
            .unwrap_or_else(|| prenom.to_owned())
            .into(),
        sexe: fichier.sexe.map_or(sexe, |s| s.vers_core()),
        date_naissance: fichier.date_naissance.map_or(naissance, |j| j.0),
        cod_etu: fichier.cod_etu.as_deref().map(Into::into),
        profil,
    }
}

/// Places the core's refusal of the configuration on the part of the file it is about.
fn situer_erreur_du_core(
    loc: Localisateur,
    brut: &FichierScenario,
    erreur: &ErreurConfiguration,
) -> ErreurScenario {
    let span_universite = brut.universite.as_ref().map(Spanned::span);
    let candidat = |code: u32, dernier: bool| {
        let mut trouves = brut
            .candidats
            .iter()
            .enumerate()
            .filter(|(_, c)| *c.get_ref().code.get_ref() == code);
        let trouve = if dernier {
            trouves.next_back()
        } else {
            trouves.next()
        };
        match trouve {
            Some((i, c)) => (
                Some(c.get_ref().code.span()),
                format!("candidats[{i}].code"),
            ),
            None => (None, "candidats".to_owned()),
        }
    };
    let formation = |code: u32| {
        let formations = brut
            .universite
            .as_ref()
            .and_then(|u| u.get_ref().formations.as_ref());
        let trouvee = formations.and_then(|fs| {
            fs.iter()
                .enumerate()
                .rfind(|(_, f)| f.get_ref().code == code)
        });
        match trouvee {
            Some((i, f)) => (Some(f.span()), format!("universite.formations[{i}]")),
            None => (span_universite.clone(), "universite.formations".to_owned()),
        }
    };
    let (span, champ) = match erreur {
        ErreurConfiguration::UaiInvalide(_) => {
            (span_universite.clone(), "universite.uai".to_owned())
        }
        ErreurConfiguration::CandidatEnDouble(code) => candidat(*code, true),
        ErreurConfiguration::CodeCandidatTropGrand(code) => candidat(*code, false),
        ErreurConfiguration::CodeCandidatReserve => candidat(1, false),
        ErreurConfiguration::CodeCandidatNul => candidat(0, false),
        ErreurConfiguration::FormationEnDouble(code) => formation(*code),
        ErreurConfiguration::AucuneFormation => {
            (span_universite.clone(), "universite.formations".to_owned())
        }
        ErreurConfiguration::VetEnDouble { seconde, .. } => formation(*seconde),
        ErreurConfiguration::CampagneIncoherente(_) => (
            brut.campagne.as_ref().map(Spanned::span),
            "campagne".to_owned(),
        ),
    };
    loc.erreur(span, champ, raison_du_core(&erreur.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every core setting can be written in `[reglages]`, and each one reaches its own field.
    #[test]
    fn every_core_setting_is_reachable_from_the_file() {
        let defaut = serde_json::to_value(Reglages::default()).expect("JSON");
        let noms: Vec<&String> = defaut.as_object().expect("objet").keys().collect();
        for nom in noms {
            let inverse = !defaut[nom.as_str()].as_bool().expect("booléen");
            let fichier: ReglagesFichier = toml::from_str(&format!("{nom} = {inverse}"))
                .unwrap_or_else(|e| panic!("{nom}: {e}"));
            let obtenu = serde_json::to_value(reglages(&fichier)).expect("JSON");
            let mut attendu = defaut.clone();
            attendu[nom.as_str()] = serde_json::Value::Bool(inverse);
            assert_eq!(obtenu, attendu, "{nom}");
        }
    }
}
