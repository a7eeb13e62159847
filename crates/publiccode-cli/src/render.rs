//! Rendering results: human (miette snippets), JSON, one line per diagnostic, GitHub
//! workflow annotations and SARIF 2.1.0. Nothing here can panic on any diagnostic.

use std::fmt::Write as _;

use publiccode::{Diagnostic, Severity};

pub mod gitlab;
pub mod junit;
pub mod statistics;
use serde_json::{Value, json};

use crate::escape;

/// Most diagnostics of one file that human output shows with a source snippet; the
/// rest are counted (`--format short` lists every one in linear time).
pub const MAX_SNIPPETS_PER_FILE: usize = 50;

/// The result for one input file: the library's report.
pub type FileResult = publiccode_check::FileReport;

/// Totals over all files, shared by the JSON and human summaries.
struct Summary {
    errors: usize,
    warnings: usize,
    valid: usize,
}

impl Summary {
    fn of(results: &[FileResult]) -> Summary {
        let count = |sev: Severity| -> usize {
            results
                .iter()
                .map(|r| r.diagnostics.iter().filter(|d| d.severity == sev).count())
                .sum()
        };
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            valid: results.iter().filter(|r| r.is_valid()).count(),
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets, colour on a terminal.
    Human,
    /// The JSON contract documented in the README.
    Json,
    /// `PATH:LINE:COL: SEVERITY: KEY: MESSAGE`, one line each.
    Short,
    /// GitHub Actions workflow annotations.
    Github,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitLab Code Quality JSON, for merge-request widgets.
    Gitlab,
    /// JUnit XML, for test report widgets.
    Junit,
}

/// Renders all results in `format` to a string.
pub fn render(format: Format, results: &[FileResult]) -> String {
    match format {
        Format::Human => human(results),
        Format::Json => json_report(results),
        Format::Short => short(results),
        Format::Github => github(results),
        // Only SARIF lists the rules, so only SARIF gathers them.
        Format::Sarif => sarif(results, &crate::commands::explain::all_rules()),
        Format::Gitlab => gitlab::render(results),
        Format::Junit => junit::render(results),
    }
}

fn short(results: &[FileResult]) -> String {
    let mut out = String::new();
    for r in results {
        for d in &r.diagnostics {
            let path = escape::line(&r.path);
            let _ = write!(out, "{path}:{}:{}: {}: ", d.line, d.column, d.severity);
            if !d.key.is_empty() {
                let _ = write!(out, "{}: ", escape::line(&d.key));
            }
            let _ = writeln!(out, "{} [{}]", escape::line(&d.message), d.code);
        }
    }
    out
}

/// The JSON document of the README's contract.
pub fn json_value(results: &[FileResult]) -> Value {
    let files: Vec<Value> = results
        .iter()
        .map(|r| {
            json!({
                "path": r.path,
                "valid": r.is_valid(),
                "version": r.version,
                "diagnostics": r.diagnostics.iter().map(diag_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let Summary {
        errors,
        warnings,
        valid,
    } = Summary::of(results);
    json!({
        "files": files,
        "summary": {
            "files": results.len(),
            "valid": valid,
            "invalid": results.len() - valid,
            "errors": errors,
            "warnings": warnings,
        }
    })
}

fn diag_json(d: &Diagnostic) -> Value {
    let mut v = json!({
        "code": d.code,
        "severity": d.severity.as_str(),
        "key": d.key,
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "help": d.help,
    });
    if let Some(obj) = v.as_object_mut() {
        if let Some(span) = d.span {
            obj.insert("span".into(), json!({"start": span.start, "end": span.end}));
        }
        if let Some(url) = &d.url {
            obj.insert("url".into(), json!(url));
        }
        if let Some(fix) = &d.fix {
            obj.insert(
                "fix".into(),
                serde_json::to_value(fix).unwrap_or(Value::Null),
            );
        }
    }
    v
}

fn json_report(results: &[FileResult]) -> String {
    let mut s = serde_json::to_string_pretty(&json_value(results)).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_escape_prop(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(results: &[FileResult]) -> String {
    let mut out = String::new();
    for r in results {
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let mut props = format!("file={}", gh_escape_prop(&escape::line(&r.path)));
            if d.line > 0 {
                let _ = write!(props, ",line={},col={}", d.line, d.column);
            }
            let _ = write!(
                props,
                ",title={}",
                gh_escape_prop(&format!("publiccode {}", d.code))
            );
            // Text from the file is escaped first (no control character, no line
            // break of its own); the one line break added here is %-encoded below.
            let mut msg = if d.key.is_empty() {
                escape::line(&d.message).into_owned()
            } else {
                format!("{}: {}", escape::line(&d.key), escape::line(&d.message))
            };
            if let Some(h) = &d.help {
                let _ = write!(msg, "\nhelp: {}", escape::line(h));
            }
            let _ = writeln!(out, "::{level} {props}::{}", gh_escape_data(&msg));
        }
    }
    out
}

fn sarif(results: &[FileResult], rules: &[publiccode::rules::RuleInfo]) -> String {
    let rule_objs: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
            })
        })
        .collect();
    let mut sarif_results = Vec::new();
    for r in results {
        for d in &r.diagnostics {
            let mut region = serde_json::Map::new();
            if d.line > 0 {
                region.insert("startLine".into(), json!(d.line));
                region.insert("startColumn".into(), json!(d.column));
            }
            if let Some(span) = d.span {
                region.insert("byteOffset".into(), json!(span.start));
                region.insert("byteLength".into(), json!(span.end - span.start));
            }
            let mut text = if d.key.is_empty() {
                d.message.clone()
            } else {
                format!("{}: {}", d.key, d.message)
            };
            if let Some(h) = &d.help {
                let _ = write!(text, " (help: {h})");
            }
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": sarif_uri(&r.path)},
                }
            });
            if !region.is_empty() {
                location["physicalLocation"]["region"] = Value::Object(region);
            }
            let mut res = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": {"text": text},
                "locations": [location],
            });
            if let Some(idx) = rules.iter().position(|x| x.code == d.code) {
                res["ruleIndex"] = json!(idx);
            }
            if !d.key.is_empty() {
                res["properties"] = json!({"key": d.key});
            }
            sarif_results.push(res);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "publiccode",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/publiccodeyml/publiccode.yml",
                "rules": rule_objs,
            }},
            "results": sarif_results,
            "columnKind": "unicodeCodePoints",
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// A path as a SARIF `artifactLocation.uri`: a relative path becomes a
/// percent-encoded relative URI reference (`/` separators), an absolute one a `file://`
/// URI.
pub fn sarif_uri(path: &str) -> String {
    let unix = path.replace('\\', "/");
    let p = std::path::Path::new(path);
    if p.is_absolute()
        && let Ok(u) = url::Url::from_file_path(p)
    {
        return u.to_string();
    }
    let mut out = String::with_capacity(unix.len());
    for b in unix.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    // A first segment with a colon would read as a scheme.
    if let Some(first) = out.split('/').next()
        && first.contains(':')
    {
        out.insert_str(0, "./");
    }
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Whether to colour output: a terminal, and `NO_COLOR` unset.
pub fn use_color() -> bool {
    crate::ui::color()
}

#[derive(Debug)]
struct MietteDiag {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    label: Option<miette::LabeledSpan>,
    source: Option<crate::snippet::Source>,
}

impl std::fmt::Display for MietteDiag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteDiag {}

impl miette::Diagnostic for MietteDiag {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = _>>)
    }
}

fn human(results: &[FileResult]) -> String {
    let color = use_color();
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for r in results {
        // One escaped, indexed copy of the file for all its snippets.
        let file_source = r
            .source
            .as_deref()
            .map(|src| crate::snippet::Source::new(&r.path, src));
        let path = escape::line(&r.path);
        for (i, d) in r.diagnostics.iter().enumerate() {
            if i == MAX_SNIPPETS_PER_FILE {
                let rest = r.diagnostics.len() - i;
                let _ = writeln!(
                    out,
                    "{path}: {rest} more diagnostic{} not shown (`--format short` lists every one)\n",
                    if rest == 1 { "" } else { "s" }
                );
                break;
            }
            let (source, label) = match (&file_source, d.span) {
                (Some(src), Some(span)) if src.contains(span.start, span.end) => {
                    let text = if d.key.is_empty() {
                        d.code.to_string()
                    } else {
                        escape::line(&d.key).into_owned()
                    };
                    (
                        Some(src.clone()),
                        Some(miette::LabeledSpan::new(
                            Some(text),
                            span.start,
                            span.end - span.start,
                        )),
                    )
                }
                _ => (None, None),
            };
            let location = if d.line > 0 {
                format!("{path}:{}:{}", d.line, d.column)
            } else {
                path.to_string()
            };
            let message = escape::line(&d.message);
            let md = MietteDiag {
                message: if d.key.is_empty() {
                    format!("{location}: {message}")
                } else {
                    format!("{location}: {}: {message}", escape::line(&d.key))
                },
                code: d.code.to_string(),
                severity: match d.severity {
                    Severity::Error => miette::Severity::Error,
                    Severity::Warning => miette::Severity::Warning,
                    Severity::Note => miette::Severity::Advice,
                },
                help: d.help.as_deref().map(|h| escape::line(h).into_owned()),
                label,
                source,
            };
            let mut s = String::new();
            if handler.render_report(&mut s, &md).is_err() {
                let _ = writeln!(s, "{location}: {}: {message}", d.severity);
            }
            out.push_str(&s);
        }
    }
    let Summary {
        errors,
        warnings,
        valid,
    } = Summary::of(results);
    let files = results.len();
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    if crate::ui::quiet() {
        return out;
    }
    let _ = writeln!(
        out,
        "{}: {} valid, {} invalid; {}, {}",
        plural(files, "file"),
        valid,
        files - valid,
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    out
}
