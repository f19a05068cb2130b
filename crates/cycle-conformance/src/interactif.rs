//! Who performs the university-side steps: the connector's control API, or a person at a real
//! Apogée test base who is told each step in French and presses Entrée when it is done.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Who acts inside the university.
#[derive(Debug, Default)]
pub enum Operateur {
    /// Through `/etats/…` (the reference connector, or any connector implementing the contract).
    #[default]
    Api,
    /// A person, on standard input and output.
    Interactif,
}

impl Operateur {
    pub fn par_api(&self) -> bool {
        matches!(self, Operateur::Api)
    }

    /// Prints the step and waits for Entrée.
    pub async fn demander(&self, etape: &str) -> Result<(), String> {
        let mut sortie = tokio::io::stdout();
        let invite = format!("\n➜ {etape}\n  Appuyez sur Entrée quand c'est fait… ");
        sortie
            .write_all(invite.as_bytes())
            .await
            .and(sortie.flush().await)
            .map_err(|e| format!("terminal : écriture impossible ({e})"))?;
        let mut ligne = String::new();
        let lus = BufReader::new(tokio::io::stdin())
            .read_line(&mut ligne)
            .await
            .map_err(|e| format!("terminal : lecture impossible ({e})"))?;
        if lus == 0 {
            return Err(
                "terminal : entrée standard fermée, l'opérateur ne peut plus confirmer les étapes"
                    .to_owned(),
            );
        }
        Ok(())
    }
}
