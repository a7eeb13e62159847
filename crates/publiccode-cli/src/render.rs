//! Rendering results: human (miette snippets), JSON, one line per diagnostic, GitHub
//! workflow annotations and SARIF 2.1.0. Nothing here can panic on any diagnostic.

use std::fmt::Write as _;

use publiccode::{Diagnostic, Severity};

pub mod gitlab;
pub mod junit;
pub mod statistics;
use serde::Serialize;

use crate::escape;

/// Most diagnostics of one file that human output shows with a source snippet; the
/// rest are counted (`--format short` lists every one in linear time).
pub const MAX_SNIPPETS_PER_FILE: usize = 50;

/// The result for one input file: the library's report.
pub type FileResult = publiccode_check::FileReport;

/// Totals over all files, shared by the JSON and human summaries; counted file by
/// file, so streamed output needs nothing else about a file once it is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Files checked.
    pub files: usize,
    /// Files without errors.
    pub valid: usize,
    /// Files with errors.
    pub invalid: usize,
    /// Errors in all files.
    pub errors: usize,
    /// Warnings in all files.
    pub warnings: usize,
    /// Inputs that could not be read (missing, a folder without descriptors …):
    /// I/O errors, reported on standard error and counted apart from the files.
    #[serde(skip)]
    pub unread: usize,
    /// Safe fixes `--fix` would apply.
    #[serde(skip)]
    pub fixable: usize,
    /// Suggested fixes that only `--fix --unsafe-fixes` applies.
    #[serde(skip)]
    pub unsafe_fixable: usize,
    /// Whether the suggested fixes are applied in this run (`--unsafe-fixes`): then
    /// they are counted with the safe ones.
    #[serde(skip)]
    pub unsafe_fixes: bool,
}

impl Totals {
    /// Counts one more file.
    pub fn add(&mut self, r: &FileResult) {
        if r.unreadable {
            self.unread += 1;
            return;
        }
        self.files += 1;
        if r.is_valid() {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        self.errors += r.count(Severity::Error);
        self.warnings += r.count(Severity::Warning);
        for fix in r.diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
            if fix.applicability == publiccode::Applicability::Safe || self.unsafe_fixes {
                self.fixable += 1;
            } else {
                self.unsafe_fixable += 1;
            }
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

/// Renders all results in `format` to a string (the streamed output, collected).
#[cfg(test)]
pub fn render(format: Format, results: &[FileResult]) -> String {
    render_with(format, results, false)
}

/// [`render`]; `unsafe_fixes` when the suggested fixes are applied in this run
/// (`--fix --unsafe-fixes`), so the summary counts them as fixable.
#[cfg(test)]
pub fn render_with(format: Format, results: &[FileResult], unsafe_fixes: bool) -> String {
    let mut out = Vec::new();
    let mut stream = Stream::new(format, &mut out);
    stream.totals.unsafe_fixes = unsafe_fixes;
    let written = stream
        .begin()
        .and_then(|()| results.iter().try_for_each(|r| stream.file(r)))
        .and_then(|()| stream.finish());
    if written.is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The JUnit test suites written so far, kept out of memory (in an anonymous temporary
/// file, or in memory when none can be made) until the totals that head the document
/// are known.
enum Spool {
    File(std::io::BufWriter<std::fs::File>),
    Memory(Vec<u8>),
}

impl Spool {
    fn new() -> Spool {
        match tempfile::tempfile() {
            Ok(f) => Spool::File(std::io::BufWriter::new(f)),
            Err(_) => Spool::Memory(Vec::new()),
        }
    }

    fn write(&mut self, text: &str) -> std::io::Result<()> {
        match self {
            Spool::File(f) => std::io::Write::write_all(f, text.as_bytes()),
            Spool::Memory(v) => {
                v.extend_from_slice(text.as_bytes());
                Ok(())
            }
        }
    }

    /// Copies everything written into `out`.
    fn copy_to(self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        match self {
            Spool::File(f) => {
                use std::io::Seek;
                let mut f = f.into_inner().map_err(|e| e.into_error())?;
                f.seek(std::io::SeekFrom::Start(0))?;
                std::io::copy(&mut f, out).map(|_| ())
            }
            Spool::Memory(v) => out.write_all(&v),
        }
    }
}

/// Output written as results arrive, in input order: a header, each file, then the
/// totals. Nothing about a file is kept once it is written.
pub struct Stream<W: std::io::Write> {
    format: Format,
    out: W,
    totals: Totals,
    handler: Option<miette::GraphicalReportHandler>,
    rules: Vec<publiccode::rules::RuleInfo>,
    rule_index: std::collections::HashMap<&'static str, usize>,
    sarif_tail: String,
    any_item: bool,
    gitlab: gitlab::Fingerprints,
    junit: Option<(Spool, usize, usize)>,
}

impl<W: std::io::Write> Stream<W> {
    /// A stream of `format` to `out`.
    pub fn new(format: Format, out: W) -> Stream<W> {
        let rules = if format == Format::Sarif {
            // Only SARIF lists the rules, so only SARIF gathers them.
            crate::commands::explain::all_rules()
        } else {
            Vec::new()
        };
        let rule_index = rules
            .iter()
            .enumerate()
            .rev()
            .map(|(i, r)| (r.code, i))
            .collect();
        let handler = (format == Format::Human).then(|| {
            let theme = if use_color() {
                miette::GraphicalTheme::unicode()
            } else {
                miette::GraphicalTheme::unicode_nocolor()
            };
            miette::GraphicalReportHandler::new_themed(theme).with_width(100)
        });
        Stream {
            format,
            out,
            totals: Totals::default(),
            handler,
            rules,
            rule_index,
            sarif_tail: String::new(),
            any_item: false,
            gitlab: gitlab::Fingerprints::default(),
            junit: None,
        }
    }

    /// Counts the suggested fixes as fixable (`--fix --unsafe-fixes` applies them).
    pub fn set_unsafe_fixes(&mut self, on: bool) {
        self.totals.unsafe_fixes = on;
    }

    /// Writes what comes before the first file.
    pub fn begin(&mut self) -> std::io::Result<()> {
        match self.format {
            Format::Json => self.out.write_all(b"{\n  \"files\": ["),
            Format::Sarif => {
                let doc = sarif_doc(&self.rules, Vec::new());
                let text = serde_json::to_string_pretty(&doc).map_err(std::io::Error::other)?;
                // The document with no result, cut where the results go.
                let marker = "\"results\": []";
                let at = text.find(marker).unwrap_or(text.len());
                let (head, tail) = text.split_at(at);
                self.sarif_tail = tail.get(marker.len()..).unwrap_or("").to_string();
                self.out.write_all(head.as_bytes())?;
                self.out.write_all(b"\"results\": [")
            }
            Format::Gitlab => self.out.write_all(b"["),
            Format::Junit => {
                self.junit = Some((Spool::new(), 0, 0));
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Writes one file's results; an input that could not be read is an I/O error,
    /// reported on standard error (after what is already written), not in the report.
    pub fn file(&mut self, r: &FileResult) -> std::io::Result<()> {
        self.totals.add(r);
        if r.unreadable {
            self.out.flush()?;
            report_unread(r);
            return Ok(());
        }
        match self.format {
            Format::Human => {
                let text = match &self.handler {
                    Some(h) => human_file(r, h),
                    None => String::new(),
                };
                self.out.write_all(text.as_bytes())
            }
            Format::Short => self
                .out
                .write_all(short(std::slice::from_ref(r)).as_bytes()),
            Format::Github => self
                .out
                .write_all(github(std::slice::from_ref(r)).as_bytes()),
            Format::Json => {
                let file = JsonFile::of(r);
                self.item(&file, 4)
            }
            Format::Sarif => {
                for d in &r.diagnostics {
                    let res = sarif_result(r, d, &self.rule_index);
                    self.item(&res, 8)?;
                }
                Ok(())
            }
            Format::Gitlab => {
                for issue in gitlab::file_issues(r, &mut self.gitlab) {
                    self.item(&issue, 2)?;
                }
                Ok(())
            }
            Format::Junit => {
                let (text, tests, failures) = junit::suite(r);
                match &mut self.junit {
                    Some((spool, t, f)) => {
                        *t += tests;
                        *f += failures;
                        spool.write(&text)
                    }
                    None => Ok(()),
                }
            }
        }
    }

    /// One element of the streamed JSON array, pretty-printed at `indent`.
    fn item(&mut self, value: &impl Serialize, indent: usize) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
        self.out
            .write_all(if self.any_item { b",\n" } else { b"\n" })?;
        self.any_item = true;
        let pad = " ".repeat(indent);
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(pad.as_bytes())?;
            self.out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Closes a streamed JSON array whose elements were at `indent`.
    fn close_array(&mut self, indent: usize) -> std::io::Result<()> {
        if self.any_item {
            self.out.write_all(b"\n")?;
            self.out.write_all(" ".repeat(indent - 2).as_bytes())?;
        }
        self.out.write_all(b"]")
    }

    /// Writes the totals and what closes the document, and flushes.
    pub fn finish(mut self) -> std::io::Result<()> {
        match self.format {
            Format::Human => {
                let line = human_summary(self.totals);
                self.out.write_all(line.as_bytes())?;
            }
            Format::Json => {
                self.close_array(4)?;
                let summary =
                    serde_json::to_string_pretty(&self.totals).map_err(std::io::Error::other)?;
                self.out.write_all(b",\n  \"summary\": ")?;
                self.out
                    .write_all(summary.replace('\n', "\n  ").as_bytes())?;
                self.out.write_all(b"\n}\n")?;
            }
            Format::Sarif => {
                self.close_array(8)?;
                let tail = std::mem::take(&mut self.sarif_tail);
                self.out.write_all(tail.as_bytes())?;
                self.out.write_all(b"\n")?;
            }
            Format::Gitlab => {
                self.close_array(2)?;
                self.out.write_all(b"\n")?;
            }
            Format::Junit => {
                let (spool, tests, failures) = self
                    .junit
                    .take()
                    .unwrap_or_else(|| (Spool::Memory(Vec::new()), 0, 0));
                self.out
                    .write_all(junit::header(tests, failures).as_bytes())?;
                spool.copy_to(&mut self.out)?;
                self.out.write_all(junit::FOOTER.as_bytes())?;
            }
            _ => {}
        }
        self.out.flush()
    }
}

/// `error: PATH: REASON` on standard error for an input that could not be read: the
/// path once, in the same form as every other command's errors.
pub fn report_unread(r: &FileResult) {
    use std::io::Write;
    for d in &r.diagnostics {
        // One write per line: `eprintln!` writes each piece to the unbuffered
        // standard error on its own (five system calls for this line).
        let line = format!(
            "error: {}: {}\n",
            escape::line(&r.path),
            escape::line(&d.message)
        );
        let _ = std::io::stderr().write_all(line.as_bytes());
    }
}

fn short(results: &[FileResult]) -> String {
    let mut out = String::new();
    for r in results {
        for d in &r.diagnostics {
            let path = escape::line(&r.path);
            let _ = write!(out, "{path}:{}:{}: {}: ", d.line, d.column, d.severity);
            if !d.key.is_empty() {
                let _ = write!(out, "{}: ", escape::line(d.key.as_str()));
            }
            let _ = writeln!(out, "{} [{}]", escape::line(&d.message), d.code);
        }
    }
    out
}

/// One file of the JSON contract (README, `--format json`).
#[derive(Debug, Serialize)]
pub struct JsonFile<'a> {
    /// The path as given.
    pub path: &'a str,
    /// No errors.
    pub valid: bool,
    /// The declared version.
    pub version: Option<&'a str>,
    /// The findings.
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

impl<'a> JsonFile<'a> {
    /// The contract's view of one result.
    pub fn of(r: &'a FileResult) -> JsonFile<'a> {
        JsonFile {
            path: &r.path,
            valid: r.is_valid(),
            version: r.version.as_deref(),
            diagnostics: r.diagnostics.iter().map(JsonDiagnostic::of).collect(),
        }
    }
}

/// One diagnostic of the JSON contract.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    /// Rule code.
    pub code: &'a str,
    /// `error`, `warning` or `note`.
    pub severity: Severity,
    /// Key path.
    pub key: &'a str,
    /// 1-based line, 0 without a position.
    pub line: usize,
    /// 1-based column in characters, 0 without a position.
    pub column: usize,
    /// What is wrong.
    pub message: &'a str,
    /// How to put it right.
    pub help: Option<&'a str>,
    /// Byte range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<publiccode::Span>,
    /// The rule's source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// The mechanical remedy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<&'a publiccode::Fix>,
}

impl<'a> JsonDiagnostic<'a> {
    fn of(d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            code: &d.code,
            severity: d.severity,
            key: d.key.as_str(),
            line: d.line,
            column: d.column,
            message: &d.message,
            help: d.help.as_deref(),
            span: d.span,
            url: d.url.as_deref(),
            fix: d.fix.as_ref(),
        }
    }
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
                // Levels added later render as the mildest one.
                _ => "notice",
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
                format!(
                    "{}: {}",
                    escape::line(d.key.as_str()),
                    escape::line(&d.message)
                )
            };
            if let Some(h) = &d.help {
                let _ = write!(msg, "\nhelp: {}", escape::line(h));
            }
            let _ = writeln!(out, "::{level} {props}::{}", gh_escape_data(&msg));
        }
    }
    out
}

/// The SARIF 2.1.0 document (typed, so its shape is checked by the compiler).
#[derive(Debug, Serialize)]
struct SarifDoc<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [SarifRun<'a>; 1],
}

#[derive(Debug, Serialize)]
struct SarifRun<'a> {
    tool: SarifTool<'a>,
    results: Vec<SarifResult<'a>>,
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
}

#[derive(Debug, Serialize)]
struct SarifTool<'a> {
    driver: SarifDriver<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifDriver<'a> {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<SarifRule<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule<'a> {
    id: &'a str,
    name: &'a str,
    short_description: SarifText<&'a str>,
    full_description: SarifText<&'a str>,
    default_configuration: SarifLevel,
}

#[derive(Debug, Serialize)]
struct SarifText<T> {
    text: T,
}

#[derive(Debug, Serialize)]
struct SarifLevel {
    level: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    level: &'static str,
    message: SarifText<String>,
    locations: [SarifLocation; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<SarifProperties<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: SarifPhysical,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical {
    artifact_location: SarifArtifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Debug, Serialize)]
struct SarifArtifact {
    uri: String,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
}

#[derive(Debug, Serialize)]
struct SarifProperties<'a> {
    key: &'a str,
}

fn sarif_doc<'a>(
    rules: &'a [publiccode::rules::RuleInfo],
    results: Vec<SarifResult<'a>>,
) -> SarifDoc<'a> {
    SarifDoc {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [SarifRun {
            tool: SarifTool {
                driver: SarifDriver {
                    name: "publiccode",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://github.com/publiccodeyml/publiccode.yml",
                    rules: rules
                        .iter()
                        .map(|r| SarifRule {
                            id: r.code,
                            name: r.name,
                            short_description: SarifText { text: r.summary },
                            full_description: SarifText {
                                text: r.explanation,
                            },
                            default_configuration: SarifLevel {
                                level: sarif_level(r.severity),
                            },
                        })
                        .collect(),
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    }
}

fn sarif_result<'a>(
    r: &'a FileResult,
    d: &'a Diagnostic,
    rule_index: &std::collections::HashMap<&'static str, usize>,
) -> SarifResult<'a> {
    let region = SarifRegion {
        start_line: (d.line > 0).then_some(d.line),
        start_column: (d.line > 0).then_some(d.column),
        byte_offset: d.span.map(|s| s.start),
        byte_length: d.span.map(|s| s.end - s.start),
    };
    let has_region = d.line > 0 || d.span.is_some();
    let mut text = if d.key.is_empty() {
        d.message.clone()
    } else {
        format!("{}: {}", d.key, d.message)
    };
    if let Some(h) = &d.help {
        let _ = write!(text, " (help: {h})");
    }
    SarifResult {
        rule_id: &d.code,
        level: sarif_level(d.severity),
        message: SarifText { text },
        locations: [SarifLocation {
            physical_location: SarifPhysical {
                artifact_location: SarifArtifact {
                    uri: sarif_uri(&r.path),
                },
                region: has_region.then_some(region),
            },
        }],
        rule_index: rule_index.get(d.code.as_ref()).copied(),
        properties: (!d.key.is_empty()).then_some(SarifProperties {
            key: d.key.as_str(),
        }),
    }
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
        // Levels added later render as the mildest one.
        _ => "note",
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

fn human_file(r: &FileResult, handler: &miette::GraphicalReportHandler) -> String {
    let mut out = String::new();
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
        out.push_str(&human_diagnostic(
            r,
            d,
            file_source.as_ref(),
            &path,
            handler,
        ));
        // A blank line between diagnostics.
        out.push('\n');
    }
    // The valid files are named too (`--quiet` shows only the problems).
    if r.is_valid() && !crate::ui::quiet() {
        let warnings = r.count(Severity::Warning);
        match warnings {
            0 => {
                let _ = writeln!(out, "✓ {path}");
            }
            1 => {
                let _ = writeln!(out, "✓ {path} (1 warning)");
            }
            n => {
                let _ = writeln!(out, "✓ {path} ({n} warnings)");
            }
        }
    }
    out
}

/// One diagnostic of a file, with its snippet when the file's text is at hand.
fn human_diagnostic(
    r: &FileResult,
    d: &Diagnostic,
    file_source: Option<&crate::snippet::Source>,
    path: &str,
    handler: &miette::GraphicalReportHandler,
) -> String {
    let (source, label) = snippet_label(r, d, file_source);
    let location = if d.line > 0 {
        format!("{path}:{}:{}", d.line, d.column)
    } else {
        path.to_string()
    };
    let message = escape::line(&d.message);
    // The location once: the snippet's header gives it (at the underlined text);
    // without a snippet, the message starts with it.
    let located = if source.is_some() {
        String::new()
    } else {
        format!("{location}: ")
    };
    let md = MietteDiag {
        message: if d.key.is_empty() {
            format!("{located}{message}")
        } else {
            format!("{located}{}: {message}", escape::line(d.key.as_str()))
        },
        code: d.code.to_string(),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
            // Levels added later render as the mildest one.
            _ => miette::Severity::Advice,
        },
        help: d.help.as_deref().map(|h| escape::line(h).into_owned()),
        label,
        source,
    };
    let mut s = String::new();
    if handler.render_report(&mut s, &md).is_err() {
        s.clear();
        let _ = writeln!(s, "{location}: {}: {message}", d.severity);
    }
    s
}

/// The snippet's source and underline for a diagnostic: the label underlines the value
/// a diagnostic is about, else its key; none when the span is not in the file.
fn snippet_label(
    r: &FileResult,
    d: &Diagnostic,
    file_source: Option<&crate::snippet::Source>,
) -> (Option<crate::snippet::Source>, Option<miette::LabeledSpan>) {
    let labelled = d.value_span.or(d.span);
    match (file_source, labelled) {
        (Some(src), Some(span)) if src.contains(span.start, span.end) => {
            let text = if d.key.is_empty() {
                d.code.to_string()
            } else if let Some(leaf) = missing_here(r.source.as_deref(), d, span) {
                format!("add `{}` to this mapping", escape::line(leaf))
            } else {
                escape::line(d.key.as_str()).into_owned()
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
    }
}

/// The missing key of a diagnostic anchored at another key of the mapping that lacks
/// it (a required key is reported at the mapping's first key): its name, so the label
/// says what to add there instead of naming a key that is not on that line.
fn missing_here<'a>(
    source: Option<&str>,
    d: &'a Diagnostic,
    span: publiccode::Span,
) -> Option<&'a str> {
    use publiccode::rules::code;
    let about_a_missing_key = [
        code::MISSING_KEY,
        code::EMPTY_LIST,
        code::CONTRACTORS_REQUIRED,
        code::CONTACTS_REQUIRED,
        code::ONE_LANGUAGE_REQUIRED,
    ]
    .contains(&d.code.as_ref());
    if d.value_span.is_some() || !about_a_missing_key {
        return None;
    }
    let key = d.key.as_str();
    let leaf = key.rsplit(['.', '[']).next()?.trim_end_matches(']');
    let source = source?;
    let at = source.get(span.start..span.end)?;
    let after = source.get(span.end..)?.trim_start_matches([' ', '\t']);
    let is_mapping_key = after.starts_with(':');
    let written = at.trim_matches(['"', '\'']);
    (is_mapping_key && !leaf.is_empty() && written != leaf).then_some(leaf)
}

fn human_summary(totals: Totals) -> String {
    let Totals {
        files,
        valid,
        invalid,
        errors,
        warnings,
        unread,
        fixable,
        unsafe_fixable,
        unsafe_fixes: _,
    } = totals;
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    if crate::ui::quiet() {
        return String::new();
    }
    let unread = match unread {
        0 => String::new(),
        1 => "; 1 path could not be read".to_string(),
        n => format!("; {n} paths could not be read"),
    };
    if files == 0 && !unread.is_empty() {
        return format!("no file checked{unread}\n");
    }
    let fixes = match (fixable, unsafe_fixable) {
        (0, 0) => String::new(),
        (n, 0) => format!("\n{} with --fix", plural_fixable(n)),
        (0, m) => format!(
            "\n{} with --fix --unsafe-fixes (suggestions: check the result)",
            plural_fixable(m)
        ),
        (n, m) => format!(
            "\n{} with --fix, {m} more with --fix --unsafe-fixes (suggestions: check the result)",
            plural_fixable(n)
        ),
    };
    format!(
        "{}: {} valid, {} invalid; {}, {}{unread}{fixes}\n",
        plural(files, "file"),
        valid,
        invalid,
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// "1 problem fixable", "2 problems fixable".
fn plural_fixable(n: usize) -> String {
    if n == 1 {
        "1 problem fixable".to_string()
    } else {
        format!("{n} problems fixable")
    }
}

#[cfg(test)]
mod tests {
    //! The streamed JSON and SARIF are byte for byte the documents the previous
    //! whole-document renderer built (kept here as the reference), for the real
    //! descriptors of the corpus, in input order.

    use super::*;
    use clap::Parser;
    use serde_json::{Value, json};

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: crate::commands::validate::Args,
    }

    fn corpus_results() -> Vec<FileResult> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/corpus/publiccode");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path().display().to_string())
            .collect();
        files.sort();
        assert!(files.len() > 300, "corpus incomplete: {}", files.len());
        let mut argv = vec!["t".to_string(), "--no-local-checks".to_string()];
        argv.extend(files.iter().cloned());
        let cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("{e}"));
        let checker = publiccode_check::Checker::new()
            .with_options(publiccode_check::CheckOptions::default().with_local_checks(false));
        crate::discover::expand(&files)
            .iter()
            .map(|input| crate::commands::validate::check_input(input, &cli.args, &checker))
            .collect()
    }

    fn old_diag(d: &Diagnostic) -> Value {
        let mut v = json!({
            "code": d.code, "severity": d.severity.as_str(), "key": d.key,
            "line": d.line, "column": d.column, "message": d.message, "help": d.help,
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

    fn old_json(results: &[FileResult]) -> String {
        let files: Vec<Value> = results
            .iter()
            .map(|r| {
                json!({"path": r.path, "valid": r.is_valid(), "version": r.version,
                       "diagnostics": r.diagnostics.iter().map(old_diag).collect::<Vec<_>>()})
            })
            .collect();
        let count = |s: Severity| -> usize { results.iter().map(|r| r.count(s)).sum() };
        let valid = results.iter().filter(|r| r.is_valid()).count();
        let doc = json!({"files": files, "summary": {"files": results.len(), "valid": valid,
            "invalid": results.len() - valid, "errors": count(Severity::Error),
            "warnings": count(Severity::Warning)}});
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    }

    fn old_sarif(results: &[FileResult], rules: &[publiccode::rules::RuleInfo]) -> String {
        let rule_objs: Vec<Value> = rules
            .iter()
            .map(|r| {
                json!({"id": r.code, "name": r.name, "shortDescription": {"text": r.summary},
                       "fullDescription": {"text": r.explanation},
                       "defaultConfiguration": {"level": sarif_level(r.severity)}})
            })
            .collect();
        let mut out = Vec::new();
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
                    text.push_str(&format!(" (help: {h})"));
                }
                let mut location =
                    json!({"physicalLocation": {"artifactLocation": {"uri": sarif_uri(&r.path)}}});
                if !region.is_empty() {
                    location["physicalLocation"]["region"] = Value::Object(region);
                }
                let mut res = json!({"ruleId": d.code, "level": sarif_level(d.severity),
                                     "message": {"text": text}, "locations": [location]});
                if let Some(idx) = rules.iter().position(|x| x.code == d.code) {
                    res["ruleIndex"] = json!(idx);
                }
                if !d.key.is_empty() {
                    res["properties"] = json!({"key": d.key});
                }
                out.push(res);
            }
        }
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "publiccode", "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/publiccodeyml/publiccode.yml",
                    "rules": rule_objs}},
                "results": out,
                "columnKind": "unicodeCodePoints",
            }]
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    }

    #[test]
    fn streamed_json_and_sarif_match_the_whole_document_renderer_on_the_corpus() {
        let results = corpus_results();
        assert_eq!(render(Format::Json, &results), old_json(&results));
        let rules = crate::commands::explain::all_rules();
        assert_eq!(render(Format::Sarif, &results), old_sarif(&results, &rules));
        // GitLab and JUnit are streamed too, with the same bytes as the renderers that
        // held every result; a file listed twice keeps its distinct fingerprints.
        assert_eq!(render(Format::Gitlab, &results), gitlab::render(&results));
        assert_eq!(render(Format::Junit, &results), junit::render(&results));
        let twice: Vec<FileResult> = results
            .iter()
            .take(5)
            .chain(results.iter().take(5))
            .cloned()
            .collect();
        assert_eq!(render(Format::Gitlab, &twice), gitlab::render(&twice));
        assert_eq!(render(Format::Gitlab, &[]), gitlab::render(&[]));
        assert_eq!(render(Format::Junit, &[]), junit::render(&[]));
        // Empty runs too.
        assert_eq!(render(Format::Json, &[]), old_json(&[]));
        assert_eq!(render(Format::Sarif, &[]), old_sarif(&[], &rules));
    }
}
