//! `publiccode explain CODE`: what a diagnostic code means and how to satisfy it.

use publiccode::rules::{self, RuleInfo};

/// Arguments of `publiccode explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A code (`PC203`) or rule name (`missing-key`); without one, every code is listed.
    pub code: Option<String>,
}

/// Every rule known to the CLI: the core's and the profiles'.
pub fn all_rules() -> Vec<RuleInfo> {
    let mut all: Vec<RuleInfo> = rules::RULES.to_vec();
    all.extend(publiccode_check::rules());
    all.extend(publiccode_net::RULES.iter().copied());
    all
}

/// Runs the command.
pub fn run(args: Args) -> u8 {
    // The catalogue's own checks (`ingest`) are explained too, though `validate` never
    // reports them.
    let mut all = all_rules();
    all.extend(publiccode_ingest::RULES.iter().copied());
    let Some(code) = args.code else {
        for r in &all {
            println!(
                "{}  {:<28} {:<8} {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary
            );
        }
        return crate::exit::OK;
    };
    match all
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(&code) || r.name == code)
    {
        Some(r) => {
            println!("{} ({}): {}", r.code, r.name, r.summary);
            println!("Default severity: {}", r.severity);
            println!();
            println!("{}", r.explanation);
            crate::exit::OK
        }
        None => {
            eprintln!("error: unknown code `{code}`; `publiccode explain` lists them all");
            crate::exit::USAGE
        }
    }
}
