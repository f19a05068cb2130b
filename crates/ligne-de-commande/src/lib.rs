//! The binaries' command lines in French. clap writes its own words in English — `Usage:`,
//! `Commands:`, `Print help`, `[default: …]`, `[env: …]` and its error messages — while our tools
//! speak French to their users. [`en_francais`] rewrites a command's help (every subcommand's too),
//! [`message_d_erreur`] says clap's errors in French, and [`lire`] does both for a binary's `main`.

use std::io::Write;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, Parser};

/// What a help page shows: clap's parts, with French words around them.
const MODELE: &str = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// Exit status of a command line that could not be read (clap's own).
pub const SORTIE_ARGUMENTS: i32 = 2;

/// Reads the process's arguments as `T`. Help and version are printed in French and the process
/// exits 0; a command line that cannot be read is explained in French on the error output and the
/// process exits [`SORTIE_ARGUMENTS`].
pub fn lire<T: Parser>() -> T {
    let mut commande = en_francais(T::command());
    let lu = commande
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|correspondances| T::from_arg_matches(&correspondances));
    match lu {
        Ok(arguments) => arguments,
        Err(erreur) => match erreur.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                // A reader that stops early (`| head`) is not an error.
                let _ = write!(std::io::stdout().lock(), "{erreur}");
                std::process::exit(0)
            }
            _ => {
                eprintln!("{}", message_d_erreur(&erreur));
                std::process::exit(SORTIE_ARGUMENTS)
            }
        },
    }
}

/// `commande` with French help: the usage line, the headings, the help and version flags, and
/// the defaults, possible values and environment variables of its arguments; the same for every
/// subcommand. A command that already writes its own help flag keeps it.
pub fn en_francais(commande: Command) -> Command {
    let a_sa_propre_aide = commande.get_arguments().any(|argument| {
        matches!(argument.get_action(), ArgAction::Help) && argument.get_id() != "help"
    });
    let a_une_version = commande.get_version().is_some();
    let mut commande = commande
        .help_template(MODELE)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .disable_help_subcommand(true)
        .mut_args(franciser_argument)
        .mut_subcommands(en_francais);
    if !a_sa_propre_aide {
        commande = commande.disable_help_flag(true).arg(
            Arg::new("aide")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche cette aide"),
        );
    }
    if a_une_version {
        commande = commande.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version"),
        );
    }
    commande
}

/// The argument's help with what clap would add in English written in French instead.
fn franciser_argument(argument: Arg) -> Arg {
    let mut ajouts = Vec::new();
    let mut argument = argument;
    if argument.get_action().takes_values() {
        let defauts: Vec<String> = argument
            .get_default_values()
            .iter()
            .map(|valeur| valeur.to_string_lossy().into_owned())
            .collect();
        if !defauts.is_empty() && !argument.is_hide_default_value_set() {
            ajouts.push(format!("[défaut : {}]", defauts.join(", ")));
            argument = argument.hide_default_value(true);
        }
        let possibles: Vec<String> = argument
            .get_possible_values()
            .iter()
            .filter(|valeur| !valeur.is_hide_set())
            .map(|valeur| valeur.get_name().to_owned())
            .collect();
        if !possibles.is_empty() && !argument.is_hide_possible_values_set() {
            ajouts.push(format!("[valeurs : {}]", possibles.join(", ")));
            argument = argument.hide_possible_values(true);
        }
    }
    if let Some(variable) = argument.get_env() {
        if !argument.is_hide_env_set() {
            ajouts.push(format!(
                "[variable d'environnement : {}]",
                variable.to_string_lossy()
            ));
            argument = argument.hide_env(true);
        }
    }
    if ajouts.is_empty() {
        return argument;
    }
    let aide = argument
        .get_help()
        .map(StyledStr::to_string)
        .unwrap_or_default();
    let aide = if aide.is_empty() {
        ajouts.join(" ")
    } else {
        format!("{aide} {}", ajouts.join(" "))
    };
    argument.help(aide)
}

/// clap's error, said in French, with the usage line and where to find help.
pub fn message_d_erreur(erreur: &clap::Error) -> String {
    let texte = |genre| match erreur.get(genre) {
        Some(ContextValue::String(valeur)) => Some(valeur.clone()),
        Some(ContextValue::Strings(valeurs)) => Some(valeurs.join(", ")),
        Some(ContextValue::StyledStr(valeur)) => Some(valeur.to_string()),
        Some(ContextValue::StyledStrs(valeurs)) => Some(
            valeurs
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::Number(nombre)) => Some(nombre.to_string()),
        _ => None,
    };
    let argument = texte(ContextKind::InvalidArg).unwrap_or_else(|| "l'argument".to_owned());
    let valeur = texte(ContextKind::InvalidValue).unwrap_or_default();
    let suggestion = texte(ContextKind::SuggestedArg)
        .or_else(|| texte(ContextKind::SuggestedSubcommand))
        .map(|suggere| format!(" ; vouliez-vous dire {suggere} ?"))
        .unwrap_or_default();
    let raison = match erreur.kind() {
        ErrorKind::MissingRequiredArgument => format!("il manque {argument}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "il manque la commande".to_owned()
        }
        ErrorKind::UnknownArgument => format!("option inconnue : {argument}{suggestion}"),
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue : {}{suggestion}",
            texte(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => match texte(ContextKind::ValidValue) {
            Some(possibles) => {
                format!("valeur « {valeur} » invalide pour {argument} (possibles : {possibles}){suggestion}")
            }
            None => format!("{argument} attend une valeur"),
        },
        ErrorKind::ValueValidation => {
            let cause = std::error::Error::source(erreur)
                .map(|cause| format!(" : {cause}"))
                .unwrap_or_default();
            format!("valeur « {valeur} » invalide pour {argument}{cause}")
        }
        ErrorKind::ArgumentConflict => format!(
            "{argument} ne peut pas être donné avec {}",
            texte(ContextKind::PriorArg).unwrap_or_else(|| "un autre argument".to_owned())
        ),
        ErrorKind::TooManyValues => {
            format!("trop de valeurs pour {argument} (« {valeur} » en trop)")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs inattendu pour {argument}")
        }
        ErrorKind::NoEquals => format!("{argument} s'écrit avec « = » : {argument}=valeur"),
        ErrorKind::InvalidUtf8 => format!("{argument} n'est pas de l'UTF-8 valide"),
        // Kinds our binaries cannot produce: clap's own words rather than none.
        _ => erreur
            .render()
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_owned(),
    };
    let utilisation = texte(ContextKind::Usage)
        .map(|usage| {
            let usage = usage.trim();
            let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
            format!("\n\nUtilisation : {usage}")
        })
        .unwrap_or_default();
    format!("erreur : {raison}{utilisation}\n\nPour en savoir plus : --help")
}

#[cfg(test)]
mod tests {
    use clap::{Args, CommandFactory, Subcommand, ValueEnum};

    use super::*;

    /// A command line of the shape our binaries have.
    #[derive(Debug, Parser)]
    #[command(name = "outil", version = "1.2.3", about = "Un outil d'essai")]
    struct Outil {
        #[command(subcommand)]
        commande: Commande,
    }

    #[derive(Debug, Subcommand)]
    enum Commande {
        /// Sert quelque chose.
        Serve(Serve),
    }

    #[derive(Debug, Args)]
    struct Serve {
        /// Port d'écoute.
        #[arg(long, env = "OUTIL_PORT", default_value_t = 8080)]
        port: u16,
        /// Format du rapport.
        #[arg(long, value_enum, default_value_t = Format::Texte)]
        format: Format,
        /// Le connecteur testé.
        #[arg(long)]
        connecteur: String,
    }

    #[derive(Clone, Copy, Debug, ValueEnum)]
    enum Format {
        Texte,
        Json,
    }

    fn aide(chemin: &[&str]) -> String {
        let mut commande = en_francais(Outil::command());
        let mut arguments = vec!["outil"];
        arguments.extend_from_slice(chemin);
        arguments.push("--help");
        let erreur = commande.try_get_matches_from_mut(arguments).unwrap_err();
        assert_eq!(erreur.kind(), ErrorKind::DisplayHelp);
        erreur.to_string()
    }

    fn erreur(arguments: &[&str]) -> String {
        let erreur = en_francais(Outil::command())
            .try_get_matches_from(arguments)
            .unwrap_err();
        message_d_erreur(&erreur)
    }

    #[test]
    fn help_pages_speak_french_and_keep_what_clap_would_add() {
        let racine = aide(&[]);
        assert!(
            racine.contains("Utilisation : outil <COMMANDE>"),
            "{racine}"
        );
        assert!(racine.contains("Commandes:\n  serve"), "{racine}");
        assert!(
            racine.contains("-h, --help     Affiche cette aide"),
            "{racine}"
        );
        assert!(
            racine.contains("-V, --version  Affiche la version"),
            "{racine}"
        );
        let serve = aide(&["serve"]);
        assert!(
            serve.contains("Utilisation : outil serve [OPTIONS] --connecteur <CONNECTEUR>"),
            "{serve}"
        );
        assert!(
            serve.contains("Port d'écoute [défaut : 8080] [variable d'environnement : OUTIL_PORT]"),
            "{serve}"
        );
        assert!(
            serve.contains("Format du rapport [défaut : texte] [valeurs : texte, json]"),
            "{serve}"
        );
        for anglais in [
            "Usage",
            "Print",
            "[default",
            "[env",
            "possible values",
            "Commands",
        ] {
            assert!(
                !racine.contains(anglais) && !serve.contains(anglais),
                "« {anglais} » :\n{racine}\n{serve}"
            );
        }
    }

    #[test]
    fn errors_say_what_is_wrong_in_french_with_the_usage() {
        assert_eq!(
            erreur(&["outil", "serve"]),
            "erreur : il manque --connecteur <CONNECTEUR>\n\nUtilisation : outil serve --connecteur <CONNECTEUR>\n\nPour en savoir plus : --help"
        );
    }

    #[test]
    fn unknown_options_and_values_are_named_with_a_suggestion() {
        let inconnue = erreur(&["outil", "serve", "--connecteur", "x", "--prot", "1"]);
        assert!(
            inconnue.starts_with("erreur : option inconnue : --prot ; vouliez-vous dire --port ?"),
            "{inconnue}"
        );
        let valeur = erreur(&["outil", "serve", "--connecteur", "x", "--format", "yaml"]);
        assert!(
            valeur.starts_with("erreur : valeur « yaml » invalide pour --format <FORMAT> (possibles : texte, json)"),
            "{valeur}"
        );
        let port = erreur(&["outil", "serve", "--connecteur", "x", "--port", "huit"]);
        assert!(
            port.starts_with("erreur : valeur « huit » invalide pour --port <PORT> : "),
            "{port}"
        );
        let commande = erreur(&["outil", "serv"]);
        assert!(
            commande.starts_with("erreur : commande inconnue : serv ; vouliez-vous dire serve ?"),
            "{commande}"
        );
        assert!(erreur(&["outil"]).starts_with("erreur : il manque la commande"));
    }
}
