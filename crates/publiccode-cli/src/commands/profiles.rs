//! `publiccode profiles`: lists the country profiles shipped in the binary, and shows
//! one profile's rules with their severity, source and `inferred` marker, so that users
//! can see what `validate --profile ID` will check and where each rule comes from.

use publiccode_check::{Profile, builtin, profile};

/// Arguments of `publiccode profiles`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `show ID|FILE` prints every rule of one profile; nothing lists them all.
    #[command(subcommand)]
    pub action: Option<Action>,
}

/// What to do.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Prints every rule of a profile: code, severity, kind, message, source.
    Show {
        /// A shipped profile id, or the path to a profile file.
        id: String,
    },
}

/// Runs the command.
pub fn run(args: Args) -> u8 {
    match args.action {
        None => {
            list();
            crate::exit::OK
        }
        Some(Action::Show { id }) => show(&id),
    }
}

fn list() {
    let all = builtin::all();
    let w_id = all.iter().map(|p| p.id.len()).max().unwrap_or(2).max(2);
    let w_name = all.iter().map(|p| p.name.len()).max().unwrap_or(4).max(4);
    println!(
        "{:<w_id$}  {:<w_name$}  {:>5}  COUNTRY / BODY",
        "ID", "NAME", "RULES"
    );
    for p in all {
        println!(
            "{:<w_id$}  {:<w_name$}  {:>5}  {}",
            p.id,
            p.name,
            p.rules.len(),
            p.country
        );
    }
    println!();
    println!("Use `publiccode profiles show ID` for the rules of one profile, and");
    println!("`publiccode validate --profile ID` to apply it.");
}

fn show(id: &str) -> u8 {
    let loaded: Profile = match builtin::get(id) {
        Some(p) => p.clone(),
        None => {
            let text = match std::fs::read_to_string(id) {
                Ok(t) => t,
                Err(_) => {
                    let ids: Vec<&str> = builtin::all().iter().map(|p| p.id.as_str()).collect();
                    eprintln!(
                        "error: unknown profile `{id}` (shipped: {})",
                        ids.join(", ")
                    );
                    return crate::exit::USAGE;
                }
            };
            match profile::parse(&text, id) {
                Ok(p) => p,
                Err(errs) => {
                    for (file, d) in errs {
                        eprintln!(
                            "{file}:{}:{}: {}: {}: {}",
                            d.line, d.column, d.severity, d.code, d.message
                        );
                    }
                    return crate::exit::USAGE;
                }
            }
        }
    };
    let p = &loaded;
    println!("{} — {}", p.id, p.name);
    println!("Country / body: {}", p.country);
    if p.generic {
        println!("Generic profile: no country publishes these rules; they are our reading.");
    }
    println!("{}", p.description);
    if !p.sources.is_empty() {
        println!("Sources:");
        for s in &p.sources {
            println!("  {s}");
        }
    }
    println!();
    println!("Rules ({}):", p.rules.len());
    for r in &p.rules {
        let inferred = if r.inferred { "  [inferred]" } else { "" };
        println!(
            "  {}  {:<7}  {:<16}  {}{}",
            r.code,
            r.severity.as_str(),
            r.check.kind(),
            r.message,
            inferred
        );
        println!("         source: {}", r.source);
        if let Some(why) = &r.rationale {
            println!("         why: {why}");
        }
    }
    crate::exit::OK
}
