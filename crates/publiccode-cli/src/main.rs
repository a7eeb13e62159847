//! `publiccode`: the command-line front end. It parses arguments, calls the libraries
//! and renders their results; the checking itself lives in `publiccode` and
//! `publiccode-check`.

// The workspace lints forbid printing in libraries; this is the front end whose job it is.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the CLI renders results and messages to the terminal"
)]

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// With the `mimalloc` feature: faster allocation for the many short-lived allocations of
/// a batch run, at a cost in start-up time and memory for single files (see the feature's
/// note in Cargo.toml and `tools/bench-cli.sh`).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod commands;
mod diff;
mod discover;
mod escape;
mod hints;
mod input;
mod project;
mod render;
mod snippet;
mod ui;
mod walk;
mod write;

/// Validate, scaffold, upgrade and convert publiccode.yml files.
#[derive(Debug, Parser)]
#[command(name = "publiccode", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check publiccode.yml files against the standard (and country profiles).
    Validate(commands::validate::Args),
    /// Explain a diagnostic code (`publiccode explain PC203`), or list them all.
    Explain(commands::explain::Args),
    /// Write a new publiccode.yml for a repository.
    Init(commands::init::Args),
    /// Move files to the latest version of the standard.
    Upgrade(commands::upgrade::Args),
    /// Convert a publiccode.yml to another format.
    Export(commands::export::Args),
    /// Print the JSON Schema of publiccode.yml.
    Schema(commands::schema::Args),
    /// List country profiles, or show one.
    Profiles(commands::profiles::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(commands::completions::Args),
    /// Print the manual page, or write every page into a folder.
    Man(commands::man::Args),
    /// Read descriptors from many sources into a catalogue (SQLite or PostgreSQL).
    Ingest(commands::ingest::IngestArgs),
    /// Report on a catalogue: per publisher and repository, what failed and what changed.
    Report(commands::ingest::ReportArgs),
    /// Search or export a catalogue.
    Catalogue(commands::ingest::CatalogueArgs),
}

/// The version line: the tool's version and the releases of the standard it reads.
pub fn version_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let releases: Vec<&str> = publiccode::spec::versions::SUPPORTED
            .iter()
            .copied()
            .filter(|v| v.matches('.').count() == 1)
            .collect();
        format!(
            "{} (publiccode.yml standard {}; latest {})",
            env!("CARGO_PKG_VERSION"),
            releases.join(", "),
            publiccode::spec::versions::LATEST
        )
    })
}

/// The full clap definition, shared by argument parsing, completions and man pages.
pub fn cli_command() -> clap::Command {
    Cli::command().version(version_text())
}

/// Exit codes, documented in the README.
pub mod exit {
    /// No errors.
    pub const OK: u8 = 0;
    /// Errors found in the input.
    pub const INVALID: u8 = 1;
    /// Usage or I/O problem.
    pub const USAGE: u8 = 2;
}

/// Writing to a closed pipe (`publiccode explain | head -1`) ends the run quietly with
/// status 0: the reader has what it wanted. Rust ignores SIGPIPE, so `print!` panics
/// instead; this hook turns exactly that panic into a quiet exit and leaves every other
/// panic to the default hook.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if payload.contains("failed printing to stdout") && payload.contains("Broken pipe") {
            std::process::exit(i32::from(exit::OK));
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let parsed = cli_command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Validate(args) => commands::validate::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Init(args) => commands::init::run(args),
        Command::Upgrade(args) => commands::upgrade::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Profiles(args) => commands::profiles::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::man::run(args),
        Command::Ingest(args) => commands::ingest::run_ingest(args),
        Command::Report(args) => commands::ingest::run_report(args),
        Command::Catalogue(args) => commands::ingest::run_catalogue(args),
    };
    ExitCode::from(code)
}
