//! `publiccode export` (not implemented yet).

/// Arguments of `publiccode export`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> u8 {
    eprintln!("publiccode export: not implemented yet");
    crate::exit::USAGE
}
