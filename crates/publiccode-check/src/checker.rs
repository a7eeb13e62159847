//! The whole check of one file as one library call: bytes, a path and options in, the
//! merged and sorted report out. The standard's rules, the licence policy, country
//! profiles and the countries' own formats (code.json, ORE) all run from here, so a
//! command-line tool, a crawler or an editor integration embeds the same engine.

use std::sync::Arc;

use publiccode::rules::code;
use publiccode::{Diagnostic, Resources, Severity, yaml};

use crate::Policy;
use crate::foreign::{self, InputFormat};

/// How [`Checker`] checks. Build it with [`CheckOptions::default`] and the `with_*`
/// methods (or by setting the fields).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CheckOptions {
    /// The input format; `None` detects it from the path and content.
    pub input_format: Option<InputFormat>,
    /// Whether the files the descriptor refers to (logo, screenshots, authorsFile) and
    /// the repository's files (licence texts, files a profile asks for) are checked,
    /// when a [`Files`] source is given.
    pub local_checks: bool,
    /// Warnings count as errors (for [`FileReport::is_valid`] and the severities).
    pub warnings_as_errors: bool,
    /// Largest publiccode.yml accepted, in bytes.
    pub max_bytes: usize,
    /// Parser limits for publiccode.yml.
    pub limits: yaml::Limits,
    /// Rule codes never reported (a project's `ignore` list).
    pub ignore: Vec<String>,
    /// Whether `# publiccode: ignore CODE` comments in a publiccode.yml silence
    /// diagnostics (see [`publiccode::suppress`]).
    pub inline_suppressions: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            input_format: None,
            local_checks: true,
            warnings_as_errors: false,
            max_bytes: publiccode::Options::default().max_bytes,
            limits: yaml::Limits::default(),
            ignore: Vec::new(),
            inline_suppressions: true,
        }
    }
}

impl CheckOptions {
    /// Forces the input format instead of detecting it.
    pub fn with_input_format(mut self, format: Option<InputFormat>) -> Self {
        self.input_format = format;
        self
    }

    /// Turns the checks on local files on or off.
    pub fn with_local_checks(mut self, on: bool) -> Self {
        self.local_checks = on;
        self
    }

    /// Makes warnings count as errors.
    pub fn with_warnings_as_errors(mut self, on: bool) -> Self {
        self.warnings_as_errors = on;
        self
    }

    /// Never reports these rule codes (compared case-insensitively).
    pub fn with_ignore(mut self, codes: Vec<String>) -> Self {
        self.ignore = codes;
        self
    }

    /// Turns inline suppression comments on (the default) or off.
    pub fn with_inline_suppressions(mut self, on: bool) -> Self {
        self.inline_suppressions = on;
        self
    }

    /// Sets the largest publiccode.yml accepted, in bytes.
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }
}

/// Where the files around a descriptor come from.
#[derive(Clone, Copy, Default)]
#[non_exhaustive]
pub struct Files<'a> {
    /// The repository that holds the descriptor, rooted at the descriptor's folder
    /// (licence texts, files a profile asks for). When it is given, the descriptor is a
    /// file and the last component of its path is its file name.
    pub repository: Option<&'a dyn Resources>,
    /// Where the descriptor's relative paths (logo, screenshots, authorsFile) are
    /// resolved; the repository when `None`.
    pub referenced: Option<&'a dyn Resources>,
}

impl<'a> Files<'a> {
    /// No files: the local checks are skipped.
    pub fn none() -> Files<'a> {
        Files::default()
    }

    /// Everything is read from `repository`.
    pub fn repository(repository: &'a dyn Resources) -> Files<'a> {
        Files {
            repository: Some(repository),
            referenced: None,
        }
    }

    /// Resolves the descriptor's relative paths from `referenced` instead.
    pub fn with_referenced(mut self, referenced: &'a dyn Resources) -> Files<'a> {
        self.referenced = Some(referenced);
        self
    }
}

impl std::fmt::Debug for Files<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Files")
            .field("repository", &self.repository.is_some())
            .field("referenced", &self.referenced.is_some())
            .finish()
    }
}

/// The outcome of checking one file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileReport {
    /// The path as given.
    pub path: String,
    /// The format it was checked as.
    pub format: InputFormat,
    /// The version the file declares (`publiccodeYmlVersion`, code.json `version`,
    /// ORE `schemaVersion`), when found.
    pub version: Option<String>,
    /// The text (after byte-order-mark removal), when it was UTF-8; positions and
    /// fixes refer to it.
    pub source: Option<String>,
    /// Every finding, sorted by position (findings without one first).
    pub diagnostics: Vec<Diagnostic>,
    /// The file could not be read at all (see [`FileReport::unreadable`]).
    pub unreadable: bool,
    /// How many diagnostics inline suppression comments silenced.
    pub suppressed: usize,
}

impl FileReport {
    /// The report for an input that could not be read: one `PC009` error carrying
    /// `message`.
    pub fn unreadable(path: impl Into<String>, message: impl Into<String>) -> FileReport {
        FileReport {
            path: path.into(),
            format: InputFormat::Publiccode,
            version: None,
            source: None,
            diagnostics: vec![Diagnostic::new(
                code::READ_ERROR,
                Severity::Error,
                "",
                message,
            )],
            unreadable: true,
            suppressed: 0,
        }
    }

    /// The report of a file that was not checked because of `diagnostics` (found by the
    /// caller before checking: a file over a size limit, say), as a publiccode.yml.
    pub fn from_diagnostics(path: impl Into<String>, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            path: path.into(),
            format: InputFormat::Publiccode,
            version: None,
            source: None,
            diagnostics,
            unreadable: false,
            suppressed: 0,
        }
    }

    /// Whether no error was found (warnings allowed).
    pub fn is_valid(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Number of diagnostics of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// The checking engine: a [`Policy`] (profiles, licence policy) and [`CheckOptions`],
/// loaded once and shared by every file (it is `Sync`).
#[derive(Debug, Default)]
pub struct Checker {
    policy: Policy,
    options: CheckOptions,
    extensions: Vec<Arc<dyn Extension>>,
}

/// Checks that run after the built-in ones on every publiccode.yml that parsed: the
/// seam where capabilities this crate keeps out plug in. The network checks
/// (`publiccode-net`) are one, so that the engine itself never opens a socket and an
/// embedder that adds them gets them in the same merged, sorted report.
pub trait Extension: Send + Sync + std::fmt::Debug {
    /// The diagnostics of this extension for one validated descriptor.
    fn check(&self, report: &publiccode::Report, cx: &ExtensionContext<'_>) -> Vec<Diagnostic>;
}

/// What an [`Extension`] is told about the file it checks.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ExtensionContext<'a> {
    /// The path as given to the checker.
    pub path: &'a str,
    /// Whether the descriptor's relative paths (logo, screenshots) were checked as
    /// local files; when not, an extension may check them some other way.
    pub local_files: bool,
}

impl Checker {
    /// The standard's rules and the licence policy, no profile.
    pub fn new() -> Checker {
        Checker::default()
    }

    /// A checker applying `policy` (see [`Policy::load`]).
    pub fn with_policy(policy: Policy) -> Checker {
        Checker {
            policy,
            options: CheckOptions::default(),
            extensions: Vec::new(),
        }
    }

    /// Adds an extension, run on every publiccode.yml that parses, after the built-in
    /// checks (in the order added).
    pub fn with_extension(mut self, extension: Arc<dyn Extension>) -> Checker {
        self.extensions.push(extension);
        self
    }

    /// Replaces the options.
    pub fn with_options(mut self, options: CheckOptions) -> Checker {
        self.options = options;
        self
    }

    /// The policy applied.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The options used.
    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// Checks `bytes`, named `path` (used for format detection and shown in reports),
    /// without looking at any other file.
    pub fn check(&self, path: &str, bytes: &[u8]) -> FileReport {
        self.check_files(path, bytes, Files::none())
    }

    /// Checks `bytes`, named `path`, in the repository `repository` (rooted at the
    /// descriptor's folder).
    pub fn check_in(&self, path: &str, bytes: &[u8], repository: &dyn Resources) -> FileReport {
        self.check_files(path, bytes, Files::repository(repository))
    }

    /// Checks `bytes`, named `path`, without looking at any other file, and also returns
    /// the parsed tree of a publiccode.yml (for callers that keep or convert it, such as
    /// a catalogue), so that it is not parsed a second time.
    pub fn check_parsed(&self, path: &str, bytes: &[u8]) -> (FileReport, Option<yaml::Node>) {
        self.check_with_tree(path, bytes, Files::none())
    }

    /// Checks `bytes`, named `path`, with `files` around it.
    pub fn check_files(&self, path: &str, bytes: &[u8], files: Files<'_>) -> FileReport {
        self.check_with_tree(path, bytes, files).0
    }

    fn check_with_tree(
        &self,
        path: &str,
        bytes: &[u8],
        files: Files<'_>,
    ) -> (FileReport, Option<yaml::Node>) {
        let format = self
            .options
            .input_format
            .unwrap_or_else(|| foreign::detect_format(path, bytes));
        // A descriptor in a repository is a file, and its name is a thing profiles check.
        let file_name = files
            .repository
            .map(|_| path.rsplit(['/', '\\']).next().unwrap_or(path));
        let (repository, referenced) = if self.options.local_checks {
            (files.repository, files.referenced.or(files.repository))
        } else {
            (None, None)
        };
        let mut report = if format == InputFormat::Publiccode {
            let options = publiccode::Options::new()
                .with_resources_opt(referenced)
                .with_max_bytes(self.options.max_bytes)
                .with_limits(self.options.limits)
                .with_ipa_codes(self.policy.ipa_codes());
            publiccode::validate_bytes(bytes, &options)
        } else {
            foreign::validate_foreign(format, bytes)
        };
        // Suppression comments are read before the diagnostics are taken from the report.
        let suppressions = match (&report.source, self.options.inline_suppressions) {
            (Some(source), true) if format == InputFormat::Publiccode => {
                Some(publiccode::suppress::parse(source, report.tree.as_ref()))
            }
            _ => None,
        };
        let mut diagnostics = if format == InputFormat::Publiccode && report.tree.is_some() {
            // Extensions are handed the whole report; without any, the standard's
            // diagnostics move into the verdict instead of being copied.
            let mut all = if self.extensions.is_empty() {
                let diagnostics = std::mem::take(&mut report.diagnostics);
                self.policy
                    .apply_owned(&report, diagnostics, repository, file_name)
            } else {
                self.policy.apply_with(&report, repository, file_name)
            };
            self.run_extensions(&report, path, referenced.is_some(), &mut all);
            all
        } else {
            std::mem::take(&mut report.diagnostics)
        };
        let mut suppressed = 0;
        if let (Some(sup), Some(index)) = (&suppressions, report.line_index())
            && (!sup.items.is_empty() || !sup.invalid.is_empty())
        {
            let applied = sup.apply(diagnostics, &index, &|c| self.is_known_code(c));
            suppressed = applied.suppressed.len();
            diagnostics = applied.diagnostics;
            diagnostics.sort_by_key(|d| (d.line, d.column));
        }
        self.apply_run_options(&mut diagnostics);
        let report_out = FileReport {
            path: path.to_string(),
            format,
            version: report.version,
            source: report.source,
            diagnostics,
            unreadable: false,
            suppressed,
        };
        (report_out, report.tree)
    }

    /// The extensions' findings (network checks …), merged in position order.
    fn run_extensions(
        &self,
        report: &publiccode::Report,
        path: &str,
        local_files: bool,
        all: &mut Vec<Diagnostic>,
    ) {
        if self.extensions.is_empty() {
            return;
        }
        let cx = ExtensionContext { path, local_files };
        for e in &self.extensions {
            all.extend(e.check(report, &cx));
        }
        // Stable: diagnostics at one position keep their order.
        all.sort_by_key(|d| (d.line, d.column));
    }

    /// `ignore` and `warnings_as_errors` of the options.
    fn apply_run_options(&self, diagnostics: &mut Vec<Diagnostic>) {
        if !self.options.ignore.is_empty() {
            diagnostics.retain(|d| {
                !self
                    .options
                    .ignore
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(&d.code))
            });
        }
        if self.options.warnings_as_errors {
            for d in diagnostics.iter_mut() {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
            }
        }
    }

    /// Whether some rule (of the core, this crate, or a loaded profile) has this code.
    pub fn is_known_code(&self, code: &str) -> bool {
        publiccode::rules::lookup(code).is_some()
            || crate::rules()
                .iter()
                .any(|r| r.code.eq_ignore_ascii_case(code))
            || self
                .policy
                .profiles()
                .iter()
                .any(|p| p.rules.iter().any(|r| r.code.eq_ignore_ascii_case(code)))
    }
}
