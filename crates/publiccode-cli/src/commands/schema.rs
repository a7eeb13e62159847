//! `publiccode schema` (not implemented yet).

/// Arguments of `publiccode schema`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> u8 {
    eprintln!("publiccode schema: not implemented yet");
    crate::exit::USAGE
}
