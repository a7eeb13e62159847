//! One module per subcommand; each has its clap `Args` and a `run` that returns the exit code.

pub mod completions;
pub mod explain;
pub mod export;
pub mod ingest;
pub mod init;
pub mod man;
pub mod profiles;
pub mod schema;
pub mod upgrade;
pub mod validate;
