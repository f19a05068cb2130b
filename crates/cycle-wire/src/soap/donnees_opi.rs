//! `mettreajourDonneesOpi_v10`: the OPI record in and out of its SOAP body.
//!
//! Encoding follows the reference example exactly: children of `_donneesOpi` in schema sequence
//! order (`adresseAnnuelle`, `adresseFixe`, `bac`, `individu`, `voeux`), unqualified, absent
//! optional elements and empty groups left out, and the `voeux` table opened by the
//! `<modEnv xsi:nil="true"/>` Apogée's Axis stack writes. Decoding accepts the children in any
//! order and skips elements it does not model (the schema has more optional fields).

use super::envelope::{write_envelope, Operation, OPI_METIER_NS, XSI_NS};
use super::tree::Node;
use super::writer::XmlWriter;
use crate::codes::{CodeDecision, Sexe, Temoin, TypeLieuNaissance};
use crate::error::{join, WireError};
use crate::opi::{
    Adresse, Bac, DonneesNaissance, DonneesOpiV10, DonneesPersonnelles, EtatCivil, Individu, Voeu,
};
use crate::validate;

const OPERATION: Operation = Operation::MettreajourDonneesOpiV10;

/// Reads `_donneesOpi` from the operation element, then checks every field rule.
pub(crate) fn decode(operation: &Node<'_>) -> Result<DonneesOpiV10, WireError> {
    let donnees = operation.required_child("_donneesOpi")?;
    let voeux = match donnees.child("voeux")? {
        Some(table) => table
            .children("item")
            .iter()
            .map(decode_voeu)
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let record = DonneesOpiV10 {
        adresse_annuelle: decode_adresse(donnees.child("adresseAnnuelle")?)?,
        adresse_fixe: decode_adresse(donnees.child("adresseFixe")?)?,
        bac: decode_bac(donnees.child("bac")?)?,
        individu: decode_individu(&donnees.required_child("individu")?)?,
        voeux,
    };
    record.check(donnees.at())?;
    Ok(record)
}

fn decode_individu(individu: &Node<'_>) -> Result<Individu, WireError> {
    let etat_civil = individu.required_child("etatCivil")?;
    let naissance = individu.required_child("donneesNaissance")?;
    let donnees_personnelles = match individu.child("donneesPersonnelles")? {
        Some(personnelles) => DonneesPersonnelles {
            adr_mail_opi: personnelles.text("adrMailOpi")?,
            num_tel_por_opi: personnelles.text("numTelPorOpi")?,
        },
        None => DonneesPersonnelles::default(),
    };
    Ok(Individu {
        cod_etu_opi: individu.text("codEtuOpi")?,
        cod_opi_int_epo: individu.required_text("codOpiIntEpo")?,
        donnees_naissance: DonneesNaissance {
            cod_com_nai_etu_opi: naissance.text("codComNaiEtuOpi")?,
            cod_dep_pay_nai: naissance.text("codDepPayNai")?,
            cod_pay_nat: naissance.text("codPayNat")?,
            cod_typ_dep_pay_nai: naissance
                .value("codTypDepPayNai", TypeLieuNaissance::from_code)?,
            date_nai_ind_opi: naissance.required_value("dateNaiIndOpi", validate::date_jjmmaaaa)?,
            lib_vil_nai_etu_opi: naissance.text("libVilNaiEtuOpi")?,
            tem_date_nai_rel_opi: naissance.value("temDateNaiRelOpi", Temoin::from_code)?,
        },
        donnees_personnelles,
        etat_civil: EtatCivil {
            cod_nne_ind_opi: etat_civil.text("codNneIndOpi")?,
            cod_sex_etu_opi: etat_civil.value("codSexEtuOpi", Sexe::from_code)?,
            lib_nom_pat_ind_opi: etat_civil.required_text("libNomPatIndOpi")?,
            lib_nom_usu_ind_opi: etat_civil.text("libNomUsuIndOpi")?,
            lib_pr1_ind_opi: etat_civil.required_text("libPr1IndOpi")?,
            lib_pr2_ind_opi: etat_civil.text("libPr2IndOpi")?,
            lib_pr3_ind_opi: etat_civil.text("libPr3IndOpi")?,
        },
    })
}

fn decode_bac(bac: Option<Node<'_>>) -> Result<Bac, WireError> {
    let Some(bac) = bac else {
        return Ok(Bac::default());
    };
    Ok(Bac {
        cod_bac: bac.text("codBac")?,
        cod_dep: bac.text("codDep")?,
        cod_etb: bac.text("codEtb")?,
        cod_mention: bac.text("codMention")?,
        cod_tpe: bac.text("codTpe")?,
        daa_obt_bac_oba: bac.value("daaObtBacOba", validate::annee)?,
    })
}

fn decode_adresse(adresse: Option<Node<'_>>) -> Result<Adresse, WireError> {
    let Some(adresse) = adresse else {
        return Ok(Adresse::default());
    };
    Ok(Adresse {
        cod_bdi: adresse.text("codBdi")?,
        cod_com: adresse.text("codCom")?,
        cod_pay: adresse.text("codPay")?,
        lib1: adresse.text("lib1")?,
        lib2: adresse.text("lib2")?,
        lib3: adresse.text("lib3")?,
        num_tel: adresse.text("numTel")?,
    })
}

fn decode_voeu(item: &Node<'_>) -> Result<Voeu, WireError> {
    Ok(Voeu {
        cod_cge: item.required_text("codCge")?,
        cod_dec_veu: item.required_value("codDecVeu", CodeDecision::from_code)?,
        cod_cat_oui_si: item.text("codCatOuiSi")?,
        mtf_cat: item.text("mtfCat")?,
        cod_dem_dos: item.required_text("codDemDos")?,
        cod_dip: item.text("codDip")?,
        cod_etp: item.required_text("codEtp")?,
        cod_rge: item.text("codRge")?,
        cod_vrs_vdi: item.value("codVrsVdi", validate::version)?,
        cod_vrs_vet: item.required_value("codVrsVet", validate::version)?,
        num_cls: item.required_value("numCls", validate::entier)?,
        tem_val_psd: item.value("temValPsd", Temoin::from_code)?,
    })
}

/// Writes the request envelope, after checking every field rule.
pub(crate) fn encode(record: &DonneesOpiV10) -> Result<String, WireError> {
    record.check(&join(OPERATION.element(), "_donneesOpi"))?;
    let operation = format!("{}:{}", OPERATION.prefix(), OPERATION.element());
    let declaration = format!("xmlns:{}", OPERATION.prefix());
    Ok(write_envelope(
        &[(declaration.as_str(), OPI_METIER_NS)],
        true,
        |writer| {
            writer.open(&operation, &[]);
            writer.open("_donneesOpi", &[]);
            write_adresse(writer, "adresseAnnuelle", &record.adresse_annuelle);
            write_adresse(writer, "adresseFixe", &record.adresse_fixe);
            write_bac(writer, &record.bac);
            write_individu(writer, &record.individu);
            write_voeux(writer, &record.voeux);
            writer.close("_donneesOpi");
            writer.close(&operation);
        },
    ))
}

fn write_adresse(writer: &mut XmlWriter, name: &str, adresse: &Adresse) {
    if *adresse == Adresse::default() {
        return;
    }
    writer.open(name, &[]);
    writer.optional_leaf("codBdi", adresse.cod_bdi.as_deref());
    writer.optional_leaf("codCom", adresse.cod_com.as_deref());
    writer.optional_leaf("codPay", adresse.cod_pay.as_deref());
    writer.optional_leaf("lib1", adresse.lib1.as_deref());
    writer.optional_leaf("lib2", adresse.lib2.as_deref());
    writer.optional_leaf("lib3", adresse.lib3.as_deref());
    writer.optional_leaf("numTel", adresse.num_tel.as_deref());
    writer.close(name);
}

fn write_bac(writer: &mut XmlWriter, bac: &Bac) {
    if *bac == Bac::default() {
        return;
    }
    writer.open("bac", &[]);
    writer.optional_leaf("codBac", bac.cod_bac.as_deref());
    writer.optional_leaf("codDep", bac.cod_dep.as_deref());
    writer.optional_leaf("codEtb", bac.cod_etb.as_deref());
    writer.optional_leaf("codMention", bac.cod_mention.as_deref());
    writer.optional_leaf("codTpe", bac.cod_tpe.as_deref());
    writer.optional_leaf(
        "daaObtBacOba",
        bac.daa_obt_bac_oba
            .map(|year| format!("{year:04}"))
            .as_deref(),
    );
    writer.close("bac");
}

fn write_individu(writer: &mut XmlWriter, individu: &Individu) {
    writer.open("individu", &[]);
    writer.optional_leaf("codEtuOpi", individu.cod_etu_opi.as_deref());
    writer.leaf("codOpiIntEpo", &individu.cod_opi_int_epo);

    let naissance = &individu.donnees_naissance;
    writer.open("donneesNaissance", &[]);
    writer.optional_leaf("codComNaiEtuOpi", naissance.cod_com_nai_etu_opi.as_deref());
    writer.optional_leaf("codDepPayNai", naissance.cod_dep_pay_nai.as_deref());
    writer.optional_leaf("codPayNat", naissance.cod_pay_nat.as_deref());
    writer.optional_leaf(
        "codTypDepPayNai",
        naissance.cod_typ_dep_pay_nai.map(TypeLieuNaissance::code),
    );
    writer.leaf(
        "dateNaiIndOpi",
        &validate::format_jjmmaaaa(naissance.date_nai_ind_opi),
    );
    writer.optional_leaf("libVilNaiEtuOpi", naissance.lib_vil_nai_etu_opi.as_deref());
    writer.optional_leaf(
        "temDateNaiRelOpi",
        naissance.tem_date_nai_rel_opi.map(Temoin::code),
    );
    writer.close("donneesNaissance");

    let personnelles = &individu.donnees_personnelles;
    if *personnelles != DonneesPersonnelles::default() {
        writer.open("donneesPersonnelles", &[]);
        writer.optional_leaf("adrMailOpi", personnelles.adr_mail_opi.as_deref());
        writer.optional_leaf("numTelPorOpi", personnelles.num_tel_por_opi.as_deref());
        writer.close("donneesPersonnelles");
    }

    let etat_civil = &individu.etat_civil;
    writer.open("etatCivil", &[]);
    writer.optional_leaf("codNneIndOpi", etat_civil.cod_nne_ind_opi.as_deref());
    writer.optional_leaf("codSexEtuOpi", etat_civil.cod_sex_etu_opi.map(Sexe::code));
    writer.leaf("libNomPatIndOpi", &etat_civil.lib_nom_pat_ind_opi);
    writer.optional_leaf("libNomUsuIndOpi", etat_civil.lib_nom_usu_ind_opi.as_deref());
    writer.leaf("libPr1IndOpi", &etat_civil.lib_pr1_ind_opi);
    writer.optional_leaf("libPr2IndOpi", etat_civil.lib_pr2_ind_opi.as_deref());
    writer.optional_leaf("libPr3IndOpi", etat_civil.lib_pr3_ind_opi.as_deref());
    writer.close("etatCivil");

    writer.close("individu");
}

fn write_voeux(writer: &mut XmlWriter, voeux: &[Voeu]) {
    writer.open("voeux", &[]);
    writer.empty("modEnv", &[("xsi:nil", "true"), ("xmlns:xsi", XSI_NS)]);
    for voeu in voeux {
        writer.open("item", &[]);
        writer.leaf("codCge", &voeu.cod_cge);
        writer.leaf("codDecVeu", voeu.cod_dec_veu.code());
        writer.optional_leaf("codCatOuiSi", voeu.cod_cat_oui_si.as_deref());
        writer.optional_leaf("mtfCat", voeu.mtf_cat.as_deref());
        writer.leaf("codDemDos", &voeu.cod_dem_dos);
        writer.optional_leaf("codDip", voeu.cod_dip.as_deref());
        writer.leaf("codEtp", &voeu.cod_etp);
        writer.optional_leaf("codRge", voeu.cod_rge.as_deref());
        writer.optional_leaf(
            "codVrsVdi",
            voeu.cod_vrs_vdi
                .map(|version| version.to_string())
                .as_deref(),
        );
        writer.leaf("codVrsVet", &voeu.cod_vrs_vet.to_string());
        writer.leaf("numCls", &voeu.num_cls.to_string());
        writer.optional_leaf("temValPsd", voeu.tem_val_psd.map(Temoin::code));
        writer.close("item");
    }
    writer.close("voeux");
}
