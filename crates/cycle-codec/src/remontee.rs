//! A remontée (R13–R15) and the connector test (R6) as `majInscriptionAdministrative`, and back.

use cycle_core::message::EtatInscription;
use cycle_core::{Identifiants, Remontee};
use cycle_wire::codes::EtatInscription as EtatWire;
use cycle_wire::rest::{CodeSise, Identifiant, MajInscriptionAdministrative};

pub fn etat_en_wire(etat: EtatInscription) -> EtatWire {
    match etat {
        EtatInscription::Principale => EtatWire::InscriptionPrincipale,
        EtatInscription::DoubleCursus => EtatWire::DoubleCursus,
        EtatInscription::Annulee => EtatWire::InscriptionAnnulee,
        EtatInscription::Parallele => EtatWire::InscriptionParallele,
        EtatInscription::ParalleleSecondaire => EtatWire::InscriptionParalleleSecondaire,
    }
}

pub fn etat_depuis_wire(etat: EtatWire) -> EtatInscription {
    match etat {
        EtatWire::InscriptionPrincipale => EtatInscription::Principale,
        EtatWire::DoubleCursus => EtatInscription::DoubleCursus,
        EtatWire::InscriptionAnnulee => EtatInscription::Annulee,
        EtatWire::InscriptionParallele => EtatInscription::Parallele,
        EtatWire::InscriptionParalleleSecondaire => EtatInscription::ParalleleSecondaire,
    }
}

pub fn identifiant_en_wire(identifiants: &Identifiants) -> Identifiant {
    Identifiant {
        login: identifiants.login.clone(),
        pwd: identifiants.pwd.clone(),
    }
}

pub fn identifiant_depuis_wire(identifiant: &Identifiant) -> Identifiants {
    Identifiants {
        login: identifiant.login.clone(),
        pwd: identifiant.pwd.clone(),
    }
}

/// The request Apogée's batch sends for a row of its work table. The connector test's SISE code goes
/// as the number `42` like the examples; real ones as strings of digits.
pub fn remontee_en_wire(
    remontee: &Remontee,
    identifiants: &Identifiants,
) -> MajInscriptionAdministrative {
    let code_sise = if remontee.est_test_connecteur() {
        remontee
            .code_sise
            .parse()
            .map(CodeSise::Nombre)
            .unwrap_or_else(|_| CodeSise::Texte(remontee.code_sise.to_string()))
    } else {
        CodeSise::Texte(remontee.code_sise.to_string())
    };
    MajInscriptionAdministrative {
        identifiant: identifiant_en_wire(identifiants),
        code_candidat: remontee.code_candidat,
        ine: remontee.ine.to_string(),
        nom: remontee.nom.to_string(),
        prenom: remontee.prenom.to_string(),
        date_naissance: remontee.date_naissance,
        code_formation_psup: remontee.code_formation_psup,
        code_formation1: remontee.code_formation1.to_string(),
        code_sise,
        etat_inscription: etat_en_wire(remontee.etat_inscription),
        code_etablissement_affectation: remontee.uai.to_string(),
    }
}

/// What Parcoursup's side of the core needs from a decoded request: the credentials and the remontée.
/// The connector test is the core's own (`Remontee::test_connecteur`): the wire recognises it
/// whatever the case of its names (`BERNARD`, as Apogée stores them), the core by exact values.
pub fn remontee_depuis_wire(requete: &MajInscriptionAdministrative) -> (Identifiants, Remontee) {
    let identifiants = identifiant_depuis_wire(&requete.identifiant);
    if requete.is_connector_test() {
        let mut test = Remontee::test_connecteur(&requete.code_etablissement_affectation);
        test.code_sise = requete.code_sise.to_string().into();
        return (identifiants, test);
    }
    let remontee = Remontee {
        code_candidat: requete.code_candidat,
        ine: requete.ine.as_str().into(),
        nom: requete.nom.as_str().into(),
        prenom: requete.prenom.as_str().into(),
        date_naissance: requete.date_naissance,
        code_formation_psup: requete.code_formation_psup,
        code_formation1: requete.code_formation1.as_str().into(),
        code_sise: requete.code_sise.to_string().into(),
        etat_inscription: etat_depuis_wire(requete.etat_inscription),
        uai: requete.code_etablissement_affectation.as_str().into(),
    };
    (identifiants, remontee)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cycle_wire::rest::{decode_maj_inscription, encode_maj_inscription, Compat};

    #[test]
    fn the_core_connector_test_is_the_wire_connector_test() {
        let identifiants = Identifiants {
            login: "demo-psup".into(),
            pwd: "demo-secret".into(),
        };
        let requete = remontee_en_wire(&Remontee::test_connecteur("0751234X"), &identifiants);
        assert!(requete.is_connector_test());
        let json = encode_maj_inscription(&requete).unwrap();
        let relue = decode_maj_inscription(json.as_bytes(), Compat::default()).unwrap();
        let (ids, remontee) = remontee_depuis_wire(&relue);
        assert_eq!(ids, identifiants);
        assert_eq!(remontee, Remontee::test_connecteur("0751234X"));
        assert!(remontee.est_test_connecteur());
    }

    #[test]
    fn a_connector_test_in_capitals_is_the_core_connector_test() {
        let corps = r#"{"identifiant": {"login": "demo-psup", "pwd": "demo-secret"},
            "codeCandidat": 1, "ine": "0123456789AB", "nom": "BERNARD", "prenom": "MINET",
            "dateNaissance": "14/07/1789", "codeFormationPsup": 42, "codeFormation1": "42",
            "codeSISE": 42, "etatInscription": 1, "codeEtablissementAffectation": "0751234X"}"#;
        let requete = decode_maj_inscription(corps.as_bytes(), Compat::default()).unwrap();
        let (_, remontee) = remontee_depuis_wire(&requete);
        assert_eq!(remontee, Remontee::test_connecteur("0751234X"));
        assert!(remontee.est_test_connecteur());
    }
}
