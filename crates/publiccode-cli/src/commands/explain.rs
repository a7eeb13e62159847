//! `publiccode explain CODE`: what a diagnostic code means and how to satisfy it, with
//! since when it applies, its status and a failing and a passing example; without a
//! code, every code in aligned columns (or all entries as JSON with `--format json`).

use std::fmt::Write as _;

use publiccode::rules::{self, ExampleKind, RuleInfo};
use serde::Serialize;

/// Arguments of `publiccode explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A code (`PC203`) or rule name (`missing-key`); without one, every code is listed.
    pub code: Option<String>,
    /// Output format: `text` for people, `json` for tools (every field of the entry).
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: Format,
}

/// How `explain` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Columns (list) or the whole entry (one code).
    Text,
    /// A JSON array (list) or object (one code) with every field of the entries.
    Json,
}

/// Every rule known to the CLI: the core's and the profiles'.
pub fn all_rules() -> Vec<RuleInfo> {
    let mut all: Vec<RuleInfo> = rules::RULES.to_vec();
    all.extend(publiccode_check::rules());
    all.extend(publiccode_net::RULES.iter().copied());
    all
}

/// Every rule `explain` documents: [`all_rules`] and the catalogue's own checks
/// (`ingest`), which `validate` never reports.
pub fn documented_rules() -> Vec<RuleInfo> {
    let mut all = all_rules();
    all.extend(publiccode_ingest::RULES.iter().copied());
    all
}

/// Runs the command.
pub fn run(args: Args) -> u8 {
    let all = documented_rules();
    let Some(code) = args.code else {
        match args.format {
            Format::Text => print!("{}", list(&all)),
            Format::Json => {
                let entries: Vec<Entry<'_>> = all.iter().map(Entry::from).collect();
                println!("{}", to_json(&entries));
            }
        }
        return crate::exit::OK;
    };
    match all
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(&code) || r.name == code)
    {
        Some(r) => {
            match args.format {
                Format::Text => print!("{}", entry(r)),
                Format::Json => println!("{}", to_json(&Entry::from(r))),
            }
            crate::exit::OK
        }
        None => {
            eprintln!("error: unknown code `{code}`; `publiccode explain` lists them all");
            crate::exit::USAGE
        }
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Plain data with string keys: serialisation cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// One line per code, columns aligned to the longest code and name (codes are five
/// characters in the core, six in the profiles: `PRIT10`).
fn list(all: &[RuleInfo]) -> String {
    let code_width = all.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let name_width = all.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in all {
        let _ = writeln!(
            out,
            "{:<code_width$}  {:<name_width$}  {:<7}  {}",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        );
    }
    out
}

/// The whole entry of one rule.
fn entry(r: &RuleInfo) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}): {}", r.code, r.name, r.summary);
    let _ = writeln!(out, "Default severity: {}", r.severity);
    let _ = writeln!(out, "Since: {}", r.since);
    let _ = writeln!(out, "Status: {}", r.status);
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", r.explanation);
    let ex = &r.examples;
    let what = match ex.kind {
        ExampleKind::Descriptor => "publiccode.yml".to_string(),
        ExampleKind::Profile(id) => format!("publiccode.yml, with --profile {id}"),
        ExampleKind::CodeJson => "code.json".to_string(),
        ExampleKind::Ore => "ORE record".to_string(),
        ExampleKind::ProfileFile => "profile file".to_string(),
        ExampleKind::Described { .. } => "described".to_string(),
    };
    for (label, text) in [("Failing", ex.failing), ("Passing", ex.passing)] {
        if text.is_empty() {
            continue;
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "{label} example ({what}):");
        for line in text.trim_end_matches('\n').lines() {
            if line.is_empty() {
                let _ = writeln!(out);
            } else {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    out
}

/// A registry entry as JSON.
#[derive(Serialize)]
struct Entry<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    status: &'a str,
    since: Since<'a>,
    summary: &'a str,
    explanation: &'a str,
    examples: Examples<'a>,
}

#[derive(Serialize)]
struct Since<'a> {
    /// The release of this tool.
    tool: String,
    /// The release of the standard that introduced the requirement, if any.
    standard: Option<&'a str>,
}

#[derive(Serialize)]
struct Examples<'a> {
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    covered_by: Option<&'a str>,
    failing: &'a str,
    passing: &'a str,
}

impl<'a> From<&'a RuleInfo> for Entry<'a> {
    fn from(r: &'a RuleInfo) -> Entry<'a> {
        let ex = &r.examples;
        Entry {
            code: r.code,
            name: r.name,
            severity: r.severity.as_str(),
            status: r.status.as_str(),
            since: Since {
                tool: r.since.tool.to_string(),
                standard: r.since.standard.map(|v| v.as_str()),
            },
            summary: r.summary,
            explanation: r.explanation,
            examples: Examples {
                kind: ex.kind.as_str(),
                profile: match ex.kind {
                    ExampleKind::Profile(id) => Some(id),
                    _ => None,
                },
                covered_by: match ex.kind {
                    ExampleKind::Described { covered_by } => Some(covered_by),
                    _ => None,
                },
                failing: ex.failing,
                passing: ex.passing,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_columns_line_up_for_every_code_length() {
        let text = list(&documented_rules());
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.iter().any(|l| l.starts_with("PRIT10 ")));
        assert!(lines.iter().any(|l| l.starts_with("PN001 ")));
        // The name column starts at the same offset on every line, and so does the
        // severity column.
        let name_at: Vec<usize> = lines.iter().map(|l| l.find(' ').unwrap_or(0)).collect();
        let code_width = name_at.iter().max().copied().unwrap_or(0);
        for l in &lines {
            let rest = &l[code_width..];
            assert!(
                rest.starts_with("  ") && !rest[2..].starts_with(' '),
                "{l:?}"
            );
        }
        let sev_at: std::collections::HashSet<usize> = lines
            .iter()
            .map(|l| {
                ["error", "warning", "note"]
                    .iter()
                    .filter_map(|s| l.find(&format!("  {s} ")))
                    .min()
                    .unwrap_or(0)
            })
            .collect();
        assert_eq!(sev_at.len(), 1, "severity column not aligned: {sev_at:?}");
    }
}
