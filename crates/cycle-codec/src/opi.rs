//! An OPI (R1) in each of the three ways Parcoursup delivers it, and back into the core's [`Opi`] for
//! a connector that receives it.
//!
//! Assumptions (documented in ARCHITECTURE.md): `codDemDos` is `C` (the examples' value); in the JSON
//! push, a vœu D is a record with `codeSituation` 3 (refusée / démission) and a Oui Si one carries
//! `codeAmenagement` 3 or 4 after its catégorie; the OPI code is `P` + the year's two digits +
//! `codeCandidat` (`cycle_core::Candidat::cod_opi`), which is how a SOAP receiver finds the dossier
//! number it must report; `dateReponse` ("dd/MM/yyyy HH:mm", Europe/Paris) is the day the candidate
//! accepted the proposal at 00:00, the core counting in days with no time of day
//! ([`date_reponse`]).

use std::collections::HashMap;
use std::sync::Arc;

use cycle_core::message::{FichiersOpi, OuiSi};
use cycle_core::{CodeDecision, CodeVet, Opi, Sexe, Universite, VoeuOpi};
use cycle_wire::codes::{CodeDecision as DecisionWire, CodeSituation, Sexe as SexeWire, Temoin};
use cycle_wire::flat::{self, LigneIndividu, LigneVoeu, NomFichier, TypeFichier};
use cycle_wire::opi::{
    Adresse, Bac, DonneesNaissance, DonneesOpiV10, DonneesPersonnelles, EtatCivil, Individu, Voeu,
};
use cycle_wire::rest::{CodeSise, DonneesCandidat};
use smol_str::SmolStr;
use time::{Date, PrimitiveDateTime};

use crate::ErreurCodec;

fn decision_en_wire(decision: CodeDecision) -> DecisionWire {
    match decision {
        CodeDecision::F => DecisionWire::Favorable,
        CodeDecision::S => DecisionWire::OuiSi,
        CodeDecision::D => DecisionWire::Defavorable,
    }
}

fn decision_depuis_wire(decision: DecisionWire) -> CodeDecision {
    match decision {
        DecisionWire::Favorable => CodeDecision::F,
        DecisionWire::OuiSi => CodeDecision::S,
        DecisionWire::Defavorable => CodeDecision::D,
    }
}

fn sexe_en_wire(sexe: Sexe) -> SexeWire {
    match sexe {
        Sexe::M => SexeWire::Masculin,
        Sexe::F => SexeWire::Feminin,
    }
}

fn sexe_depuis_wire(sexe: SexeWire) -> Sexe {
    match sexe {
        SexeWire::Masculin => Sexe::M,
        SexeWire::Feminin => Sexe::F,
    }
}

/// The `_donneesOpi` record of `mettreajourDonneesOpi_v10` (and of the flat files).
pub fn opi_en_donnees_opi(opi: &Opi) -> DonneesOpiV10 {
    DonneesOpiV10 {
        adresse_annuelle: Adresse::default(),
        adresse_fixe: Adresse::default(),
        bac: Bac {
            daa_obt_bac_oba: opi.annee_bac,
            ..Bac::default()
        },
        individu: Individu {
            cod_etu_opi: opi.cod_etu.as_ref().map(|c| c.to_string()),
            cod_opi_int_epo: opi.cod_opi.to_string(),
            donnees_naissance: DonneesNaissance {
                cod_com_nai_etu_opi: None,
                cod_dep_pay_nai: None,
                cod_pay_nat: None,
                cod_typ_dep_pay_nai: None,
                date_nai_ind_opi: opi.date_naissance,
                lib_vil_nai_etu_opi: None,
                tem_date_nai_rel_opi: Some(Temoin::Non),
            },
            donnees_personnelles: DonneesPersonnelles::default(),
            etat_civil: EtatCivil {
                cod_nne_ind_opi: Some(opi.ine.to_string()),
                cod_sex_etu_opi: Some(sexe_en_wire(opi.sexe)),
                lib_nom_pat_ind_opi: opi.nom.to_string(),
                lib_nom_usu_ind_opi: None,
                lib_pr1_ind_opi: opi.prenom.to_string(),
                lib_pr2_ind_opi: None,
                lib_pr3_ind_opi: None,
            },
        },
        voeux: opi.voeux.iter().map(voeu_en_wire).collect(),
    }
}

fn voeu_en_wire(voeu: &VoeuOpi) -> Voeu {
    Voeu {
        cod_cge: voeu.vet.cod_cge.to_string(),
        cod_dec_veu: decision_en_wire(voeu.decision),
        cod_cat_oui_si: voeu.oui_si.as_ref().map(|o| o.categorie.clone()),
        mtf_cat: voeu.oui_si.as_ref().map(|o| o.motif.clone()),
        cod_dem_dos: "C".to_owned(),
        cod_dip: Some(voeu.vet.cod_dip.to_string()),
        cod_etp: voeu.vet.cod_etp.to_string(),
        cod_rge: None,
        cod_vrs_vdi: Some(voeu.vet.cod_vrs_vdi),
        cod_vrs_vet: voeu.vet.cod_vrs_vet,
        num_cls: u32::from(voeu.rang),
        tem_val_psd: None,
    }
}

/// The dossier number inside an OPI code `P` + 2 digits + `codeCandidat`.
pub fn code_candidat_depuis_cod_opi(cod_opi: &str) -> Result<u32, ErreurCodec> {
    let raison = || {
        ErreurCodec::champ(
            "individu.codOpiIntEpo",
            format!("« {cod_opi} » n'a pas la forme P + année sur 2 chiffres + codeCandidat"),
        )
    };
    let reste = cod_opi.strip_prefix('P').ok_or_else(raison)?;
    if reste.len() < 3 || !reste.bytes().all(|b| b.is_ascii_digit()) {
        return Err(raison());
    }
    reste[2..].parse().map_err(|_| raison())
}

/// What a connector makes of a received SOAP record: the VETs are looked up in its own set-up (each
/// must map to a Parcoursup formation, R5).
pub fn donnees_opi_en_opi(
    donnees: &DonneesOpiV10,
    universite: &Universite,
) -> Result<Opi, ErreurCodec> {
    let individu = &donnees.individu;
    let etat_civil = &individu.etat_civil;
    let sexe = etat_civil
        .cod_sex_etu_opi
        .map(sexe_depuis_wire)
        .ok_or_else(|| {
            ErreurCodec::champ(
                "individu.etatCivil.codSexEtuOpi",
                "champ obligatoire absent",
            )
        })?;
    let voeux = donnees
        .voeux
        .iter()
        .enumerate()
        .map(|(position, voeu)| voeu_depuis_wire(voeu, position, universite))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Opi {
        cod_opi: individu.cod_opi_int_epo.as_str().into(),
        code_candidat: code_candidat_depuis_cod_opi(&individu.cod_opi_int_epo)?,
        cod_etu: individu.cod_etu_opi.as_deref().map(SmolStr::from),
        ine: etat_civil
            .cod_nne_ind_opi
            .as_deref()
            .unwrap_or_default()
            .into(),
        nom: etat_civil.lib_nom_pat_ind_opi.as_str().into(),
        prenom: etat_civil.lib_pr1_ind_opi.as_str().into(),
        sexe,
        date_naissance: individu.donnees_naissance.date_nai_ind_opi,
        annee_bac: donnees.bac.daa_obt_bac_oba,
        voeux,
    })
}

fn voeu_depuis_wire(
    voeu: &Voeu,
    position: usize,
    universite: &Universite,
) -> Result<VoeuOpi, ErreurCodec> {
    let code = CodeVet {
        cod_etp: voeu.cod_etp.as_str().into(),
        cod_vrs_vet: voeu.cod_vrs_vet,
    };
    let (formation, vet, _) = universite.formation_de_vet(&code).ok_or_else(|| {
        ErreurCodec::champ(
            format!("voeux.item[{position}].codEtp"),
            format!("la VET {code} n'est reliée à aucune formation Parcoursup de l'établissement"),
        )
    })?;
    let oui_si = match (&voeu.cod_cat_oui_si, &voeu.mtf_cat) {
        (Some(categorie), motif) => Some(Arc::new(OuiSi {
            categorie: categorie.clone(),
            motif: motif.clone().unwrap_or_default(),
        })),
        (None, _) => None,
    };
    Ok(VoeuOpi {
        code_formation_psup: formation.code_formation_psup,
        vet: Arc::new(vet.clone()),
        decision: decision_depuis_wire(voeu.cod_dec_veu),
        oui_si,
        rang: u16::try_from(voeu.num_cls).unwrap_or(u16::MAX),
    })
}

/// `codeAmenagement` of a push: 0 for none, else the Oui Si duration read from the catégorie.
fn code_amenagement(voeu: &VoeuOpi) -> u32 {
    match &voeu.oui_si {
        None => 0,
        Some(oui_si) if oui_si.categorie.starts_with('4') => 4,
        Some(_) => 3,
    }
}

/// `dateReponse` of a proposal accepted on `accepte_le`: that day at 00:00. The core knows the day
/// of each answer (`VoeuParcoursup::accepte_le`) but no time of day; midnight is the convention,
/// the same in every shell, so that a record reads the same wherever it is made.
pub fn date_reponse(accepte_le: Date) -> PrimitiveDateTime {
    accepte_le.midnight()
}

/// The `donneesCandidat` records of a JSON push, one per vœu (each push names one formation),
/// for a caller who does not know when the candidate answered: `dateReponse` is left empty.
pub fn opi_en_donnees_candidat(
    opi: &Opi,
    universite: &Universite,
    session: u16,
) -> Vec<DonneesCandidat> {
    opi_en_donnees_candidat_avec_reponses(opi, universite, session, &[])
}

/// The `donneesCandidat` records of a JSON push or of `getCandidatsAdmis`, one per vœu, with
/// `dateReponse` from `acceptations`: the day the proposal of each formation (`codeFormationPsup`)
/// was accepted, as Parcoursup's side of the core hands it out (`EnvoiOpi::acceptations`,
/// `Dossier::acceptations`).
pub fn opi_en_donnees_candidat_avec_reponses(
    opi: &Opi,
    universite: &Universite,
    session: u16,
    acceptations: &[(u32, Date)],
) -> Vec<DonneesCandidat> {
    opi.voeux
        .iter()
        .map(|voeu| {
            let formation = universite.formation(voeu.code_formation_psup);
            DonneesCandidat {
                session,
                code_candidat: opi.code_candidat,
                ine: opi.ine.to_string(),
                sexe: sexe_en_wire(opi.sexe),
                nom: opi.nom.to_string(),
                prenom: opi.prenom.to_string(),
                prenom2: String::new(),
                prenom3: String::new(),
                date_naissance: opi.date_naissance,
                code_commune_naissance: String::new(),
                libelle_commune_naissance: String::new(),
                code_pays_naissance: String::new(),
                code_pays_nationalite: String::new(),
                adresse1: String::new(),
                adresse2: String::new(),
                adresse3: String::new(),
                code_postal: String::new(),
                libelle_commune: String::new(),
                code_commune: String::new(),
                code_paysadresse: String::new(),
                libelle_paysadresse: String::new(),
                mail: String::new(),
                telmobile: String::new(),
                telfixe: String::new(),
                nom_rl1: String::new(),
                prenom_rl1: String::new(),
                mail_rl1: String::new(),
                tel_rl1: String::new(),
                nom_rl2: String::new(),
                prenom_rl2: String::new(),
                mail_rl2: String::new(),
                tel_rl2: String::new(),
                code_etablissement_sco: String::new(),
                libelle_etablissement_sco: String::new(),
                annee_bac: opi
                    .annee_bac
                    .map(|annee| annee.to_string())
                    .unwrap_or_default(),
                mois_bac: String::new(),
                serie_bac: String::new(),
                mention_bac: String::new(),
                code_formation_psup: voeu.code_formation_psup,
                code_formation1: voeu.code_formation_psup.to_string(),
                code_formation2: String::new(),
                code_formation3: String::new(),
                code_formation4: String::new(),
                code_sise: formation.map(|f| CodeSise::Texte(f.code_sise.to_string())),
                libelle_formation: formation.map(|f| f.libelle.clone()).unwrap_or_default(),
                code_amenagement: code_amenagement(voeu),
                libelle_amenagement: voeu
                    .oui_si
                    .as_ref()
                    .map(|o| o.motif.clone())
                    .unwrap_or_else(|| "Pas d'aménagement".to_owned()),
                code_situation: if voeu.decision == CodeDecision::D {
                    CodeSituation::RefuseeOuDemission
                } else {
                    CodeSituation::AccepteeDefinitivement
                },
                date_reponse: acceptations
                    .iter()
                    .find(|(code, _)| *code == voeu.code_formation_psup)
                    .map(|(_, jour)| date_reponse(*jour)),
                code_etablissement_affectation: universite.uai.to_string(),
                cesure: false,
                internat: false,
                etat_inscription: None,
            }
        })
        .collect()
}

/// What a connector makes of one pushed record: the candidate's identity and the one vœu it names.
/// The VET is the formation's for the answer the `codeAmenagement` gives (R5).
pub fn donnees_candidat_en_opi(
    donnees: &DonneesCandidat,
    universite: &Universite,
    annee: u16,
) -> Result<Opi, ErreurCodec> {
    let formation = universite
        .formation(donnees.code_formation_psup)
        .ok_or_else(|| {
            ErreurCodec::champ(
                "donneesCandidat.codeFormationPsup",
                format!(
                    "{} n'est pas une formation Parcoursup de l'établissement",
                    donnees.code_formation_psup
                ),
            )
        })?;
    let (vet, oui_si) = match donnees.code_amenagement {
        0 => (&formation.vet_oui, None),
        4 => formation
            .oui_si_4_ans
            .as_ref()
            .map(|o| (&o.vet, Some(o)))
            .ok_or_else(|| {
                ErreurCodec::champ(
                    "donneesCandidat.codeAmenagement",
                    "la formation n'a pas de VET Oui Si en 4 ans",
                )
            })?,
        _ => formation
            .oui_si_3_ans
            .as_ref()
            .map(|o| (&o.vet, Some(o)))
            .ok_or_else(|| {
                ErreurCodec::champ(
                    "donneesCandidat.codeAmenagement",
                    "la formation n'a pas de VET Oui Si en 3 ans",
                )
            })?,
    };
    let decision = match (donnees.code_situation, oui_si.is_some()) {
        (CodeSituation::RefuseeOuDemission, _) => CodeDecision::D,
        (_, true) => CodeDecision::S,
        (_, false) => CodeDecision::F,
    };
    let cycle_candidat = cycle_core::Candidat {
        code_candidat: donnees.code_candidat,
        ine: donnees.ine.as_str().into(),
        nom: donnees.nom.as_str().into(),
        prenom: donnees.prenom.as_str().into(),
        sexe: sexe_depuis_wire(donnees.sexe),
        date_naissance: donnees.date_naissance,
        cod_etu: None,
        profil: cycle_core::Profil::Reorientation,
    };
    Ok(Opi {
        cod_opi: cycle_candidat.cod_opi(annee),
        code_candidat: donnees.code_candidat,
        cod_etu: None,
        ine: cycle_candidat.ine,
        nom: cycle_candidat.nom,
        prenom: cycle_candidat.prenom,
        sexe: cycle_candidat.sexe,
        date_naissance: donnees.date_naissance,
        annee_bac: donnees.annee_bac.parse().ok(),
        voeux: vec![VoeuOpi {
            code_formation_psup: formation.code_formation_psup,
            vet: Arc::new(vet.clone()),
            decision,
            oui_si: oui_si.map(|o| {
                Arc::new(OuiSi {
                    categorie: o.categorie.clone(),
                    motif: o.motif.clone(),
                })
            }),
            rang: 1,
        }],
    })
}

/// One flat file: its name and its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FichierPlat {
    pub nom: String,
    pub contenu: String,
}

/// The day's three files (§3.4): individus, vœux, and the second "vœux défavorables" file (R8, R10).
pub fn fichiers_en_texte(
    fichiers: &FichiersOpi,
    uai: &str,
    jour: Date,
) -> Result<[FichierPlat; 3], ErreurCodec> {
    let donnees: Vec<DonneesOpiV10> = fichiers.opi.iter().map(opi_en_donnees_opi).collect();
    let individus: Vec<LigneIndividu> = donnees.iter().map(LigneIndividu::from).collect();
    let voeux: Vec<LigneVoeu> = donnees.iter().flat_map(LigneVoeu::of).collect();
    let defavorables: Vec<LigneVoeu> = fichiers
        .voeux_defavorables
        .iter()
        .map(|(cod_opi, voeu)| LigneVoeu {
            cod_opi_int_epo: cod_opi.to_string(),
            voeu: voeu_en_wire(voeu),
        })
        .collect();
    let nom = |type_fichier| NomFichier::new(uai, type_fichier, jour).map(|n| n.to_string());
    Ok([
        FichierPlat {
            nom: nom(TypeFichier::Individus)?,
            contenu: flat::write_individus(&individus)?,
        },
        FichierPlat {
            nom: nom(TypeFichier::Voeux)?,
            contenu: flat::write_voeux(&voeux)?,
        },
        FichierPlat {
            nom: nom(TypeFichier::VoeuxDefavorables)?,
            contenu: flat::write_voeux_defavorables(&defavorables)?,
        },
    ])
}

/// The vœux file with the second file's lines applied: a "vœu défavorable" line replaces the line of
/// the same candidate and VET in place, or comes after the others when the first file had none.
fn voeux_apres_defavorables(
    mut lignes: Vec<LigneVoeu>,
    defavorables: Vec<LigneVoeu>,
) -> Vec<LigneVoeu> {
    type Cle = (String, String, String, u16);
    let cle = |l: &LigneVoeu| -> Cle {
        (
            l.cod_opi_int_epo.clone(),
            l.voeu.cod_cge.clone(),
            l.voeu.cod_etp.clone(),
            l.voeu.cod_vrs_vet,
        )
    };
    let mut position: HashMap<Cle, usize> = HashMap::with_capacity(lignes.len());
    for (index, ligne) in lignes.iter().enumerate() {
        position.entry(cle(ligne)).or_insert(index);
    }
    for ligne in defavorables {
        match position.get(&cle(&ligne)) {
            Some(&index) => lignes[index] = ligne,
            None => {
                position.insert(cle(&ligne), lignes.len());
                lignes.push(ligne);
            }
        }
    }
    lignes
}

/// What a connector makes of a day's files: one OPI per individu, with its vœux from the vœux file,
/// where the défavorables file's lines (same key) override.
pub fn textes_en_opi(
    individus: &[u8],
    voeux: &[u8],
    defavorables: &[u8],
    universite: &Universite,
) -> Result<Vec<Opi>, ErreurCodec> {
    let individus = flat::parse_individus(individus)?;
    let lignes = voeux_apres_defavorables(
        flat::parse_voeux(voeux)?,
        flat::parse_voeux_defavorables(defavorables)?,
    );
    // Indexed by candidate: a summer's files hold tens of thousands of lines, and scanning them all
    // for every candidate was quadratic (16,000 lines took 5.5 s).
    let mut voeux_par_candidat: HashMap<&str, Vec<&LigneVoeu>> = HashMap::new();
    for ligne in &lignes {
        voeux_par_candidat
            .entry(ligne.cod_opi_int_epo.as_str())
            .or_default()
            .push(ligne);
    }
    individus
        .into_iter()
        .map(|individu| {
            let donnees = DonneesOpiV10 {
                voeux: voeux_par_candidat
                    .get(individu.individu.cod_opi_int_epo.as_str())
                    .map(|lignes| lignes.iter().map(|l| l.voeu.clone()).collect())
                    .unwrap_or_default(),
                individu: individu.individu,
                bac: individu.bac,
                adresse_fixe: individu.adresse_fixe,
                adresse_annuelle: individu.adresse_annuelle,
            };
            donnees_opi_en_opi(&donnees, universite)
        })
        .collect()
}
