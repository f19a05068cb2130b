//! The asynchronous mode: OPI flat files (`docs/flat-files.md`) read from a folder.
//!
//! Files are named `{UAI}_{kind}_V1_{yyyyMMdd}.csv`; each day's individus, vœux and vœux
//! défavorables files are imported together (the défavorables file overrides the vœux of the same key,
//! R8, R10), oldest day first. Files of another UAI are left alone, and a file already imported is not
//! replayed. A day whose files cannot be read stops the import with the file, line and column; the
//! days before it stay imported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cycle_codec::opi::textes_en_opi;
use cycle_core::Entree;
use cycle_wire::flat::{NomFichier, TypeFichier};
use time::Date;

use crate::actions::ErreurAction;
use crate::{Commande, Connecteur};

/// One day's three files.
#[derive(Default)]
struct Livraison {
    individus: Option<PathBuf>,
    voeux: Option<PathBuf>,
    defavorables: Option<PathBuf>,
}

impl Connecteur {
    /// Imports the files of `dossier` not imported yet.
    pub fn importer_fichiers(&mut self, dossier: &Path) -> Result<Vec<Entree>, ErreurAction> {
        let mut entrees = Vec::new();
        for (jour, livraison) in self.livraisons(dossier)? {
            let Some(individus) = livraison.individus else {
                continue;
            };
            let nom = nom_de(&individus);
            if self.fichiers_importes.contains(&nom) {
                continue;
            }
            let voeux = livraison.voeux.ok_or_else(|| {
                ErreurAction::Fichiers(format!(
                    "{} : le fichier OPI_VOEUX du {jour} manque à côté de {nom}",
                    dossier.display()
                ))
            })?;
            let lire = |chemin: &PathBuf| {
                std::fs::read(chemin).map_err(|e| {
                    ErreurAction::Fichiers(format!(
                        "{} : lecture impossible ({e})",
                        chemin.display()
                    ))
                })
            };
            let defavorables = match &livraison.defavorables {
                Some(chemin) => lire(chemin)?,
                None => Vec::new(),
            };
            let opi = textes_en_opi(
                &lire(&individus)?,
                &lire(&voeux)?,
                &defavorables,
                &self.parametrage.universite,
            )
            .map_err(|e| ErreurAction::Fichiers(format!("fichiers OPI du {jour} : {e}")))?;
            let mut noms = vec![nom, nom_de(&voeux)];
            noms.extend(livraison.defavorables.as_deref().map(nom_de));
            entrees.extend(self.executer(Commande::Fichiers { noms, opi })?);
        }
        Ok(entrees)
    }

    /// This university's files in `dossier`, grouped by day.
    fn livraisons(&self, dossier: &Path) -> Result<BTreeMap<Date, Livraison>, ErreurAction> {
        let lecture = std::fs::read_dir(dossier).map_err(|e| {
            ErreurAction::Fichiers(format!("{} : lecture impossible ({e})", dossier.display()))
        })?;
        let mut livraisons: BTreeMap<Date, Livraison> = BTreeMap::new();
        for entree in lecture.flatten() {
            let chemin = entree.path();
            let Ok(nom) = NomFichier::parse(&nom_de(&chemin)) else {
                continue;
            };
            if nom.uai() != self.parametrage.universite.uai.as_str() {
                continue;
            }
            let livraison = livraisons.entry(nom.date()).or_default();
            let place = match nom.type_fichier() {
                TypeFichier::Individus => &mut livraison.individus,
                TypeFichier::Voeux => &mut livraison.voeux,
                TypeFichier::VoeuxDefavorables => &mut livraison.defavorables,
            };
            *place = Some(chemin);
        }
        Ok(livraisons)
    }
}

fn nom_de(chemin: &Path) -> String {
    chemin
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
