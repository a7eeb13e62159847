//! `publiccode man`: manual pages (roff) generated with clap_mangen from the clap
//! definition: the main page on standard output, one subcommand's page, or every page
//! written to a folder for packagers (`publiccode.1`, `publiccode-validate.1` …).

use std::io::Write;
use std::path::PathBuf;

/// Arguments of `publiccode man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The subcommand whose page to print (`validate`); the main page without one.
    pub command: Option<String>,
    /// Write every page (the main one and one per subcommand) into this folder instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub out_dir: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> u8 {
    let cmd = crate::cli_command();
    if let Some(dir) = args.out_dir {
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return crate::exit::USAGE;
        }
        return match clap_mangen::generate_to(cmd, &dir) {
            Ok(()) => {
                eprintln!("wrote the manual pages to {}", dir.display());
                crate::exit::OK
            }
            Err(e) => {
                eprintln!("error: cannot write to {}: {e}", dir.display());
                crate::exit::USAGE
            }
        };
    }
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name).cloned() else {
                let names: Vec<String> = cmd
                    .get_subcommands()
                    .map(|s| s.get_name().to_string())
                    .collect();
                eprintln!(
                    "error: unknown command `{name}`; one of {}",
                    names.join(", ")
                );
                return crate::exit::USAGE;
            };
            // The page's title is the full command, as `man publiccode-validate` shows.
            // clap wants a static name; the process prints one page and exits.
            let full: &'static str =
                Box::leak(format!("publiccode-{}", sub.get_name()).into_boxed_str());
            sub.name(full).version(crate::version_text())
        }
    };
    let mut buf = Vec::new();
    if clap_mangen::Man::new(page).render(&mut buf).is_err() {
        return crate::exit::USAGE;
    }
    let mut out = std::io::stdout().lock();
    if out.write_all(&buf).and_then(|()| out.flush()).is_err() {
        return crate::exit::USAGE;
    }
    crate::exit::OK
}
