//! `publiccode completions SHELL`: a completion script for bash, zsh, fish, PowerShell or
//! elvish, generated from the same clap definition that parses the arguments, so it can
//! never fall out of step with the flags.

use std::io::Write;

/// Arguments of `publiccode completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Runs the command: the script goes to standard output.
pub fn run(args: Args) -> u8 {
    let mut cmd = crate::cli_command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "publiccode", &mut buf);
    let mut out = std::io::stdout().lock();
    if out.write_all(&buf).and_then(|()| out.flush()).is_err() {
        return crate::exit::USAGE;
    }
    crate::exit::OK
}
