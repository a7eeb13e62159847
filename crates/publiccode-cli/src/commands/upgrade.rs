//! `publiccode upgrade` (not implemented yet).

/// Arguments of `publiccode upgrade`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> u8 {
    eprintln!("publiccode upgrade: not implemented yet");
    crate::exit::USAGE
}
