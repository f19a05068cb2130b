//! Who performs the university-side steps: the connector's control API, or a person at a real
//! Apogée test base who is told each step in French and presses Entrée when it is done.

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::Mutex;

/// Where the person reads the steps and answers.
pub struct Console {
    entree: Box<dyn AsyncBufRead + Unpin + Send>,
    sortie: Box<dyn AsyncWrite + Unpin + Send>,
}

impl Console {
    /// The terminal.
    pub fn terminal() -> Console {
        Console::new(BufReader::new(tokio::io::stdin()), tokio::io::stdout())
    }

    /// Any pair of streams (tests play the operator through a pipe).
    pub fn new(
        entree: impl AsyncBufRead + Unpin + Send + 'static,
        sortie: impl AsyncWrite + Unpin + Send + 'static,
    ) -> Console {
        Console {
            entree: Box::new(entree),
            sortie: Box::new(sortie),
        }
    }
}

/// Who acts inside the university.
#[derive(Default)]
pub enum Operateur {
    /// Through `/etats/…` (the reference connector, or any connector implementing the contract).
    #[default]
    Api,
    /// A person, through a console.
    Interactif(Mutex<Console>),
}

impl Operateur {
    /// A person at the terminal.
    pub fn au_terminal() -> Operateur {
        Operateur::Interactif(Mutex::new(Console::terminal()))
    }

    pub fn par_api(&self) -> bool {
        matches!(self, Operateur::Api)
    }

    /// Prints the step and waits for Entrée. Through the API there is nobody to ask: nothing happens.
    pub async fn demander(&self, etape: &str) -> Result<(), String> {
        let Operateur::Interactif(console) = self else {
            return Ok(());
        };
        let mut console = console.lock().await;
        let invite = format!("\n➜ {etape}\n  Appuyez sur Entrée quand c'est fait… ");
        let ecrit = console.sortie.write_all(invite.as_bytes()).await;
        ecrit
            .and(console.sortie.flush().await)
            .map_err(|e| format!("terminal : écriture impossible ({e})"))?;
        let mut ligne = String::new();
        let lus = console
            .entree
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
