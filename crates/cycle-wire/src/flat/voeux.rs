//! The `OPI_VOEUX` file (one line per vœu) and the second `OPI_VOEUX_DEFAVORABLES` file of R8/R10,
//! which has the same columns but holds only D vœux.

use serde::Serialize;

use super::nom_fichier::TypeFichier;
use super::table::{Cells, Layout, Row};
use crate::codes::{CodeDecision, Temoin};
use crate::error::WireError;
use crate::opi::{DonneesOpiV10, Voeu};
use crate::validate::{self, quoted, FieldCheck};

/// One line of a vœux file: a vœu and the OPI code of its candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LigneVoeu {
    /// The candidate's OPI code, linking the line to the individus file.
    pub cod_opi_int_epo: String,
    /// The vœu.
    pub voeu: Voeu,
}

impl LigneVoeu {
    /// One line per vœu of an OPI record.
    pub fn of(donnees: &DonneesOpiV10) -> Vec<LigneVoeu> {
        donnees
            .voeux
            .iter()
            .map(|voeu| LigneVoeu {
                cod_opi_int_epo: donnees.individu.cod_opi_int_epo.clone(),
                voeu: voeu.clone(),
            })
            .collect()
    }

    fn check(&self) -> Result<(), WireError> {
        FieldCheck::at("").text("codOpiIntEpo", &self.cod_opi_int_epo, Some(10))?;
        self.voeu.check("")
    }
}

/// Columns of layout V1 (both vœux files), named like the SOAP `voeux/item` elements.
pub const COLONNES_VOEUX: [&str; 13] = [
    "codOpiIntEpo",
    "numCls",
    "codCge",
    "codEtp",
    "codVrsVet",
    "codDip",
    "codVrsVdi",
    "codDecVeu",
    "codCatOuiSi",
    "mtfCat",
    "codDemDos",
    "codRge",
    "temValPsd",
];

const VOEUX: Layout = Layout {
    kind: TypeFichier::Voeux,
    columns: &COLONNES_VOEUX,
};

const VOEUX_DEFAVORABLES: Layout = Layout {
    kind: TypeFichier::VoeuxDefavorables,
    columns: &COLONNES_VOEUX,
};

/// Writes the vœux file, refusing what [`parse_voeux`] would refuse.
pub fn write_voeux(lignes: &[LigneVoeu]) -> Result<String, WireError> {
    write(VOEUX, lignes)
}

/// Parses a vœux file, checking every cell.
pub fn parse_voeux(content: &[u8]) -> Result<Vec<LigneVoeu>, WireError> {
    parse(VOEUX, content)
}

/// Writes the vœux défavorables file; every vœu must be D.
pub fn write_voeux_defavorables(lignes: &[LigneVoeu]) -> Result<String, WireError> {
    write(VOEUX_DEFAVORABLES, lignes)
}

/// Parses a vœux défavorables file; a vœu that is not D is refused.
pub fn parse_voeux_defavorables(content: &[u8]) -> Result<Vec<LigneVoeu>, WireError> {
    parse(VOEUX_DEFAVORABLES, content)
}

fn check(layout: Layout, ligne: &LigneVoeu, line: usize) -> Result<(), WireError> {
    ligne
        .check()
        .map_err(|error| layout.relocate(line, error))?;
    let decision = ligne.voeu.cod_dec_veu;
    if layout.kind == TypeFichier::VoeuxDefavorables && decision != CodeDecision::Defavorable {
        return Err(WireError::new(
            layout.location(line, "codDecVeu"),
            format!(
                "{} interdit dans ce fichier, qui ne contient que des voeux D",
                quoted(decision.code())
            ),
        ));
    }
    Ok(())
}

fn write(layout: Layout, lignes: &[LigneVoeu]) -> Result<String, WireError> {
    layout.write(lignes, |ligne, line| {
        check(layout, ligne, line)?;
        Ok(cells(layout, ligne))
    })
}

fn parse(layout: Layout, content: &[u8]) -> Result<Vec<LigneVoeu>, WireError> {
    layout
        .read(content)?
        .iter()
        .map(|cells| {
            let ligne = read(cells)?;
            check(layout, &ligne, cells.line())?;
            Ok(ligne)
        })
        .collect()
}

fn cells(layout: Layout, ligne: &LigneVoeu) -> Row {
    let voeu = &ligne.voeu;
    let mut row = Row::new(layout);
    row.set("codOpiIntEpo", &ligne.cod_opi_int_epo);
    row.set("numCls", voeu.num_cls.to_string());
    row.set("codCge", &voeu.cod_cge);
    row.set("codEtp", &voeu.cod_etp);
    row.set("codVrsVet", voeu.cod_vrs_vet.to_string());
    row.set_optional("codDip", voeu.cod_dip.as_deref());
    row.set_optional(
        "codVrsVdi",
        voeu.cod_vrs_vdi.map(|version| version.to_string()),
    );
    row.set("codDecVeu", voeu.cod_dec_veu.code());
    row.set_optional("codCatOuiSi", voeu.cod_cat_oui_si.as_deref());
    row.set_optional("mtfCat", voeu.mtf_cat.as_deref());
    row.set("codDemDos", &voeu.cod_dem_dos);
    row.set_optional("codRge", voeu.cod_rge.as_deref());
    row.set_optional("temValPsd", voeu.tem_val_psd.map(Temoin::code));
    row
}

fn read(cells: &Cells<'_>) -> Result<LigneVoeu, WireError> {
    Ok(LigneVoeu {
        cod_opi_int_epo: cells.text("codOpiIntEpo")?,
        voeu: Voeu {
            cod_cge: cells.text("codCge")?,
            cod_dec_veu: cells.required_value("codDecVeu", CodeDecision::from_code)?,
            cod_cat_oui_si: cells.optional_text("codCatOuiSi"),
            mtf_cat: cells.optional_text("mtfCat"),
            cod_dem_dos: cells.text("codDemDos")?,
            cod_dip: cells.optional_text("codDip"),
            cod_etp: cells.text("codEtp")?,
            cod_rge: cells.optional_text("codRge"),
            cod_vrs_vdi: cells.value("codVrsVdi", validate::version)?,
            cod_vrs_vet: cells.required_value("codVrsVet", validate::version)?,
            num_cls: cells.required_value("numCls", validate::entier)?,
            tem_val_psd: cells.value("temValPsd", Temoin::from_code)?,
        },
    })
}
