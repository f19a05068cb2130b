//! The `OPI_INDIVIDUS` file: one line per candidate, the OPI record without its vœux.

use serde::Serialize;

use super::nom_fichier::TypeFichier;
use super::table::{Cells, Layout, Row};
use crate::codes::{Sexe, Temoin, TypeLieuNaissance};
use crate::error::WireError;
use crate::opi::{
    Adresse, Bac, DonneesNaissance, DonneesOpiV10, DonneesPersonnelles, EtatCivil, Individu,
};
use crate::validate;

/// One line of the individus file: everything an OPI carries but the vœux.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LigneIndividu {
    /// The candidate.
    pub individu: Individu,
    /// The baccalauréat (empty cells when unknown).
    pub bac: Bac,
    /// Permanent address.
    pub adresse_fixe: Adresse,
    /// Term-time address.
    pub adresse_annuelle: Adresse,
}

impl From<&DonneesOpiV10> for LigneIndividu {
    fn from(donnees: &DonneesOpiV10) -> Self {
        LigneIndividu {
            individu: donnees.individu.clone(),
            bac: donnees.bac.clone(),
            adresse_fixe: donnees.adresse_fixe.clone(),
            adresse_annuelle: donnees.adresse_annuelle.clone(),
        }
    }
}

/// Columns of layout V1, named by their path in the SOAP record (`_donneesOpi` being the root).
pub const COLONNES_INDIVIDUS: [&str; 38] = [
    "individu.codOpiIntEpo",
    "individu.codEtuOpi",
    "individu.etatCivil.codNneIndOpi",
    "individu.etatCivil.codSexEtuOpi",
    "individu.etatCivil.libNomPatIndOpi",
    "individu.etatCivil.libNomUsuIndOpi",
    "individu.etatCivil.libPr1IndOpi",
    "individu.etatCivil.libPr2IndOpi",
    "individu.etatCivil.libPr3IndOpi",
    "individu.donneesNaissance.dateNaiIndOpi",
    "individu.donneesNaissance.temDateNaiRelOpi",
    "individu.donneesNaissance.codTypDepPayNai",
    "individu.donneesNaissance.codDepPayNai",
    "individu.donneesNaissance.codPayNat",
    "individu.donneesNaissance.codComNaiEtuOpi",
    "individu.donneesNaissance.libVilNaiEtuOpi",
    "individu.donneesPersonnelles.adrMailOpi",
    "individu.donneesPersonnelles.numTelPorOpi",
    "bac.codBac",
    "bac.daaObtBacOba",
    "bac.codMention",
    "bac.codEtb",
    "bac.codDep",
    "bac.codTpe",
    "adresseFixe.lib1",
    "adresseFixe.lib2",
    "adresseFixe.lib3",
    "adresseFixe.codBdi",
    "adresseFixe.codCom",
    "adresseFixe.codPay",
    "adresseFixe.numTel",
    "adresseAnnuelle.lib1",
    "adresseAnnuelle.lib2",
    "adresseAnnuelle.lib3",
    "adresseAnnuelle.codBdi",
    "adresseAnnuelle.codCom",
    "adresseAnnuelle.codPay",
    "adresseAnnuelle.numTel",
];

const LAYOUT: Layout = Layout {
    kind: TypeFichier::Individus,
    columns: &COLONNES_INDIVIDUS,
};

impl LigneIndividu {
    /// Checks the field rules of [`crate::opi`], paths being the column names.
    fn check(&self) -> Result<(), WireError> {
        self.individu.check("individu")?;
        self.bac.check("bac")?;
        self.adresse_fixe.check("adresseFixe")?;
        self.adresse_annuelle.check("adresseAnnuelle")
    }
}

/// Writes the individus file (header line then one line per candidate), refusing what
/// [`parse_individus`] would refuse.
pub fn write_individus(lignes: &[LigneIndividu]) -> Result<String, WireError> {
    LAYOUT.write(lignes, |ligne, line| {
        ligne
            .check()
            .map_err(|error| LAYOUT.relocate(line, error))?;
        Ok(cells(ligne))
    })
}

/// Parses an individus file, checking every cell.
pub fn parse_individus(content: &[u8]) -> Result<Vec<LigneIndividu>, WireError> {
    LAYOUT
        .read(content)?
        .iter()
        .map(|cells| {
            let ligne = read(cells)?;
            ligne
                .check()
                .map_err(|error| LAYOUT.relocate(cells.line(), error))?;
            Ok(ligne)
        })
        .collect()
}

fn cells(ligne: &LigneIndividu) -> Row {
    let mut row = Row::new(LAYOUT);
    let individu = &ligne.individu;
    row.set("individu.codOpiIntEpo", &individu.cod_opi_int_epo);
    row.set_optional("individu.codEtuOpi", individu.cod_etu_opi.as_deref());

    let etat_civil = &individu.etat_civil;
    row.set_optional(
        "individu.etatCivil.codNneIndOpi",
        etat_civil.cod_nne_ind_opi.as_deref(),
    );
    row.set_optional(
        "individu.etatCivil.codSexEtuOpi",
        etat_civil.cod_sex_etu_opi.map(Sexe::code),
    );
    row.set(
        "individu.etatCivil.libNomPatIndOpi",
        &etat_civil.lib_nom_pat_ind_opi,
    );
    row.set_optional(
        "individu.etatCivil.libNomUsuIndOpi",
        etat_civil.lib_nom_usu_ind_opi.as_deref(),
    );
    row.set(
        "individu.etatCivil.libPr1IndOpi",
        &etat_civil.lib_pr1_ind_opi,
    );
    row.set_optional(
        "individu.etatCivil.libPr2IndOpi",
        etat_civil.lib_pr2_ind_opi.as_deref(),
    );
    row.set_optional(
        "individu.etatCivil.libPr3IndOpi",
        etat_civil.lib_pr3_ind_opi.as_deref(),
    );

    let naissance = &individu.donnees_naissance;
    row.set(
        "individu.donneesNaissance.dateNaiIndOpi",
        validate::format_jjmmaaaa(naissance.date_nai_ind_opi),
    );
    row.set_optional(
        "individu.donneesNaissance.temDateNaiRelOpi",
        naissance.tem_date_nai_rel_opi.map(Temoin::code),
    );
    row.set_optional(
        "individu.donneesNaissance.codTypDepPayNai",
        naissance.cod_typ_dep_pay_nai.map(TypeLieuNaissance::code),
    );
    row.set_optional(
        "individu.donneesNaissance.codDepPayNai",
        naissance.cod_dep_pay_nai.as_deref(),
    );
    row.set_optional(
        "individu.donneesNaissance.codPayNat",
        naissance.cod_pay_nat.as_deref(),
    );
    row.set_optional(
        "individu.donneesNaissance.codComNaiEtuOpi",
        naissance.cod_com_nai_etu_opi.as_deref(),
    );
    row.set_optional(
        "individu.donneesNaissance.libVilNaiEtuOpi",
        naissance.lib_vil_nai_etu_opi.as_deref(),
    );

    let personnelles = &individu.donnees_personnelles;
    row.set_optional(
        "individu.donneesPersonnelles.adrMailOpi",
        personnelles.adr_mail_opi.as_deref(),
    );
    row.set_optional(
        "individu.donneesPersonnelles.numTelPorOpi",
        personnelles.num_tel_por_opi.as_deref(),
    );

    let bac = &ligne.bac;
    row.set_optional("bac.codBac", bac.cod_bac.as_deref());
    row.set_optional(
        "bac.daaObtBacOba",
        bac.daa_obt_bac_oba.map(|year| format!("{year:04}")),
    );
    row.set_optional("bac.codMention", bac.cod_mention.as_deref());
    row.set_optional("bac.codEtb", bac.cod_etb.as_deref());
    row.set_optional("bac.codDep", bac.cod_dep.as_deref());
    row.set_optional("bac.codTpe", bac.cod_tpe.as_deref());

    set_adresse(&mut row, "adresseFixe", &ligne.adresse_fixe);
    set_adresse(&mut row, "adresseAnnuelle", &ligne.adresse_annuelle);
    row
}

fn adresse_fields(adresse: &Adresse) -> [(&'static str, Option<&str>); 7] {
    [
        ("lib1", adresse.lib1.as_deref()),
        ("lib2", adresse.lib2.as_deref()),
        ("lib3", adresse.lib3.as_deref()),
        ("codBdi", adresse.cod_bdi.as_deref()),
        ("codCom", adresse.cod_com.as_deref()),
        ("codPay", adresse.cod_pay.as_deref()),
        ("numTel", adresse.num_tel.as_deref()),
    ]
}

fn set_adresse(row: &mut Row, prefix: &str, adresse: &Adresse) {
    for (name, value) in adresse_fields(adresse) {
        row.set_optional(&format!("{prefix}.{name}"), value);
    }
}

fn read_adresse(cells: &Cells<'_>, prefix: &str) -> Adresse {
    let text = |name: &str| cells.optional_text(&format!("{prefix}.{name}"));
    Adresse {
        cod_bdi: text("codBdi"),
        cod_com: text("codCom"),
        cod_pay: text("codPay"),
        lib1: text("lib1"),
        lib2: text("lib2"),
        lib3: text("lib3"),
        num_tel: text("numTel"),
    }
}

fn read(cells: &Cells<'_>) -> Result<LigneIndividu, WireError> {
    Ok(LigneIndividu {
        individu: Individu {
            cod_etu_opi: cells.optional_text("individu.codEtuOpi"),
            cod_opi_int_epo: cells.text("individu.codOpiIntEpo")?,
            donnees_naissance: DonneesNaissance {
                cod_com_nai_etu_opi: cells
                    .optional_text("individu.donneesNaissance.codComNaiEtuOpi"),
                cod_dep_pay_nai: cells.optional_text("individu.donneesNaissance.codDepPayNai"),
                cod_pay_nat: cells.optional_text("individu.donneesNaissance.codPayNat"),
                cod_typ_dep_pay_nai: cells.value(
                    "individu.donneesNaissance.codTypDepPayNai",
                    TypeLieuNaissance::from_code,
                )?,
                date_nai_ind_opi: cells.required_value(
                    "individu.donneesNaissance.dateNaiIndOpi",
                    validate::date_jjmmaaaa,
                )?,
                lib_vil_nai_etu_opi: cells
                    .optional_text("individu.donneesNaissance.libVilNaiEtuOpi"),
                tem_date_nai_rel_opi: cells.value(
                    "individu.donneesNaissance.temDateNaiRelOpi",
                    Temoin::from_code,
                )?,
            },
            donnees_personnelles: DonneesPersonnelles {
                adr_mail_opi: cells.optional_text("individu.donneesPersonnelles.adrMailOpi"),
                num_tel_por_opi: cells.optional_text("individu.donneesPersonnelles.numTelPorOpi"),
            },
            etat_civil: EtatCivil {
                cod_nne_ind_opi: cells.optional_text("individu.etatCivil.codNneIndOpi"),
                cod_sex_etu_opi: cells.value("individu.etatCivil.codSexEtuOpi", Sexe::from_code)?,
                lib_nom_pat_ind_opi: cells.text("individu.etatCivil.libNomPatIndOpi")?,
                lib_nom_usu_ind_opi: cells.optional_text("individu.etatCivil.libNomUsuIndOpi"),
                lib_pr1_ind_opi: cells.text("individu.etatCivil.libPr1IndOpi")?,
                lib_pr2_ind_opi: cells.optional_text("individu.etatCivil.libPr2IndOpi"),
                lib_pr3_ind_opi: cells.optional_text("individu.etatCivil.libPr3IndOpi"),
            },
        },
        bac: Bac {
            cod_bac: cells.optional_text("bac.codBac"),
            cod_dep: cells.optional_text("bac.codDep"),
            cod_etb: cells.optional_text("bac.codEtb"),
            cod_mention: cells.optional_text("bac.codMention"),
            cod_tpe: cells.optional_text("bac.codTpe"),
            daa_obt_bac_oba: cells.value("bac.daaObtBacOba", validate::annee)?,
        },
        adresse_fixe: read_adresse(cells, "adresseFixe"),
        adresse_annuelle: read_adresse(cells, "adresseAnnuelle"),
    })
}
