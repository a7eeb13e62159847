//! `publiccode init` (not implemented yet).

/// Arguments of `publiccode init`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> u8 {
    eprintln!("publiccode init: not implemented yet");
    crate::exit::USAGE
}
