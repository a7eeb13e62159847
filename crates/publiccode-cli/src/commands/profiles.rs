//! `publiccode profiles` (not implemented yet).

/// Arguments of `publiccode profiles`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> u8 {
    eprintln!("publiccode profiles: not implemented yet");
    crate::exit::USAGE
}
