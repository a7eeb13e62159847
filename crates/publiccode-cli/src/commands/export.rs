//! `publiccode export --to FORMAT [FILE]`: converts a publiccode.yml to the normalised
//! JSON model, a US code.json release entry, codemeta.json 3.0 or a Canadian ORE
//! record (the mapping is documented in `publiccode_convert::export`).

use publiccode::{Options, validate_bytes};
use publiccode_convert::{ExportOptions, Format, export_valid};

use crate::commands::validate::read_input;
use crate::discover::{self, Input};

/// `--to` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
    /// The normalised model, in the latest version.
    Json,
    /// A US code.json release entry (GSA schema 2.0.0).
    CodeJson,
    /// codemeta.json 3.0.
    Codemeta,
    /// A Canadian Open Resource Exchange code record.
    Ore,
}

/// Arguments of `publiccode export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The target format.
    #[arg(long, value_enum)]
    pub to: To,
    /// The file, or `-` for standard input. Default: ./publiccode.yml.
    pub path: Option<String>,
    /// code.json agency (the agency's acronym, such as GSA).
    #[arg(long, value_name = "ACRONYM")]
    pub agency: Option<String>,
    /// code.json laborHours.
    #[arg(long, value_name = "HOURS")]
    pub labor_hours: Option<f64>,
    /// code.json permissions.usageType (default openSource).
    #[arg(long, value_name = "TYPE")]
    pub usage_type: Option<String>,
    /// code.json organization (default: organisation.name).
    #[arg(long, value_name = "NAME")]
    pub organization: Option<String>,
    /// Contact e-mail (default: the first maintenance contact with one).
    #[arg(long, value_name = "EMAIL")]
    pub contact_email: Option<String>,
    /// ORE adminCode.
    #[arg(long, value_name = "CODE")]
    pub admin_code: Option<String>,
    /// ORE category (a UNSPSC code such as 43232400).
    #[arg(long, value_name = "CODE")]
    pub category: Option<String>,
    /// ORE date.created (default: releaseDate).
    #[arg(long, value_name = "DATE")]
    pub created: Option<String>,
    /// ORE date.metadataLastUpdated (default: releaseDate).
    #[arg(long, value_name = "DATE")]
    pub metadata_last_updated: Option<String>,
}

/// Runs the command: prints the export; exit 1 when the input has errors or the
/// target lacks required fields (listed on standard error).
pub fn run(args: Args) -> u8 {
    let input = match find_input(args.path.as_deref()) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let bytes = match read_input(&input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return crate::exit::USAGE;
        }
    };
    let report = validate_bytes(&bytes, &Options::default());
    if report.tree.is_none() {
        for d in &report.diagnostics {
            eprintln!("error: {}: {}", input.display(), d.message);
        }
        return crate::exit::INVALID;
    }
    let mut code = crate::exit::OK;
    if !report.is_valid() {
        let shown = crate::escape::line(&input.display()).into_owned();
        eprintln!(
            "warning: {shown} has errors; their values are left out (run `publiccode validate {shown}` to see them)"
        );
        code = crate::exit::INVALID;
    }
    let (format, opts) = export_options(args);
    let out = export_valid(&report, format, &opts);
    match serde_json::to_string_pretty(&out.value) {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("error: {e}");
            return crate::exit::USAGE;
        }
    }
    report_gaps(&out);
    if !out.missing.is_empty() {
        code = crate::exit::INVALID;
    }
    code
}

/// The one descriptor to export (the path given, or the one found in the current
/// folder), or the usage exit code after saying why there is none.
fn find_input(path: Option<&str>) -> Result<Input, u8> {
    let paths: Vec<String> = path.iter().map(|p| p.to_string()).collect();
    if let Some(Input::File(p)) = paths.first().map(|a| match a.as_str() {
        "-" => Input::Stdin,
        _ => Input::File(a.into()),
    }) && p.is_dir()
    {
        eprintln!(
            "error: {}: a folder; give the descriptor's path",
            crate::escape::line(&p.display().to_string())
        );
        return Err(crate::exit::USAGE);
    }
    discover::announce_default(&paths, true);
    let mut first = None;
    discover::for_each(&paths, |found| {
        first = Some(found);
        false
    });
    match first {
        Some(Ok(input)) => Ok(input),
        Some(Err(e)) => {
            eprintln!(
                "error: {}: {}",
                crate::escape::line(&e.path.display().to_string()),
                e.message
            );
            Err(crate::exit::USAGE)
        }
        None => Err(crate::exit::USAGE),
    }
}

/// The library's format and options from the command's flags.
fn export_options(args: Args) -> (Format, ExportOptions) {
    let format = match args.to {
        To::Json => Format::Json,
        To::CodeJson => Format::CodeJson,
        To::Codemeta => Format::Codemeta,
        To::Ore => Format::Ore,
    };
    let opts = ExportOptions {
        agency: args.agency,
        labor_hours: args.labor_hours,
        usage_type: args.usage_type,
        organization: args.organization,
        contact_email: args.contact_email,
        admin_code: args.admin_code,
        category: args.category,
        created: args.created,
        metadata_last_updated: args.metadata_last_updated,
    };
    (format, opts)
}

/// Lists on standard error the target's fields that could not be filled (with the flag
/// that fills them) and the export's notes.
fn report_gaps(out: &publiccode_convert::Export) {
    for m in &out.missing {
        if m.contains("(invalid in the source") {
            eprintln!("error: left out {m}");
        } else {
            eprintln!("error: could not fill {m}{}", flag_hint(m));
        }
    }
    for n in &out.notes {
        eprintln!("warning: {n}");
    }
}

/// How to fill a field the export lacks, when a flag can (the library's entries name
/// the target's field first).
fn flag_hint(missing: &str) -> &'static str {
    const FLAGS: &[(&str, &str)] = &[
        ("adminCode", "; give it with --admin-code"),
        ("category", "; give it with --category"),
        ("laborHours", "; give it with --labor-hours"),
        ("agency", "; give it with --agency"),
        ("contact.email", "; give it with --contact-email"),
        ("date.created", "; give it with --created"),
        (
            "date.metadataLastUpdated",
            "; give it with --metadata-last-updated",
        ),
    ];
    FLAGS
        .iter()
        .find(|(field, _)| {
            missing
                .strip_prefix(field)
                .is_some_and(|rest| rest.starts_with([' ', ',']))
        })
        .map_or("", |(_, hint)| hint)
}
