//! The validator: bytes to a spanned tree, then every rule of the standard over it.
//!
//! One walk over the tree, driven by the key table in [`crate::spec::keys`], checks
//! presence, types and values; a few cross-key rules follow. Every problem is
//! collected: a type error in one key never hides problems in others.

use std::borrow::Cow;

use crate::checks::{self, image::ImageKind, ipa::IpaCodes, license::LicenseFinding, text};
use crate::diagnostic::{Diagnostic, Fix, LineIndex, Severity, Span};
use crate::input::DecodeError;
use crate::keypath::KeyPath;
use crate::resources::{ResourceError, Resources};
use crate::rules::code;
use crate::spec::keys::{self, Field, Presence, Ty, Val};
use crate::spec::lists;
use crate::spec::versions::{self, VersionStatus};
use crate::yaml::{self, CoreType, Entry, LoadErrorKind, Node, NodeKind, Scalar};

/// How to validate.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct Options<'a> {
    /// Files referenced by logo, screenshots … are read through this; `None` turns the
    /// local file checks off.
    pub resources: Option<&'a dyn Resources>,
    /// Largest accepted input, in bytes.
    pub max_bytes: usize,
    /// Parser limits.
    pub limits: yaml::Limits,
    /// The iPA codes that `urn:x-italian-pa:` URNs and `IT.riuso.codiceIPA` must name;
    /// `None` means the list shipped with the crate ([`IpaCodes::builtin`]).
    pub ipa_codes: Option<&'a IpaCodes>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            resources: None,
            max_bytes: 1 << 20,
            limits: yaml::Limits::default(),
            ipa_codes: None,
        }
    }
}

impl<'a> Options<'a> {
    /// The defaults: no file checks, 1 MiB, the default parser limits, the shipped iPA
    /// list. Change them with the `with_` methods.
    pub fn new() -> Options<'a> {
        Options::default()
    }

    /// Reads the files the document refers to (logo, screenshots …) through `r`.
    #[must_use]
    pub fn with_resources(mut self, r: &'a dyn Resources) -> Options<'a> {
        self.resources = Some(r);
        self
    }

    /// Reads referenced files through `r`, or not at all with `None`.
    #[must_use]
    pub fn with_resources_opt(mut self, r: Option<&'a dyn Resources>) -> Options<'a> {
        self.resources = r;
        self
    }

    /// Refuses inputs larger than `n` bytes.
    #[must_use]
    pub fn with_max_bytes(mut self, n: usize) -> Options<'a> {
        self.max_bytes = n;
        self
    }

    /// Uses these parser limits.
    #[must_use]
    pub fn with_limits(mut self, limits: yaml::Limits) -> Options<'a> {
        self.limits = limits;
        self
    }

    /// Checks iPA codes against `codes` instead of the shipped list (`None`: shipped).
    #[must_use]
    pub fn with_ipa_codes(mut self, codes: Option<&'a IpaCodes>) -> Options<'a> {
        self.ipa_codes = codes;
        self
    }
}

/// The outcome of validating one file.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Report {
    /// Every finding, in document order (file-level ones first).
    pub diagnostics: Vec<Diagnostic>,
    /// The `publiccodeYmlVersion` value, when there is one.
    pub version: Option<String>,
    /// The parsed tree, when the file parsed.
    pub tree: Option<Node>,
    /// The source text (after BOM removal), when it was UTF-8.
    pub source: Option<String>,
    /// The line index the validator built for `source`, kept so that later stages
    /// (profiles, suppressions, network checks) do not index the text again.
    index: Option<LineIndex>,
}

impl Report {
    /// A report of `diagnostics` (for front ends that check other formats and want to
    /// give the same shape); version, tree and source are added with the `with_`
    /// methods.
    pub fn new(diagnostics: Vec<Diagnostic>) -> Report {
        Report {
            diagnostics,
            version: None,
            tree: None,
            source: None,
            index: None,
        }
    }

    /// This report with the declared version.
    #[must_use]
    pub fn with_version(mut self, version: Option<String>) -> Report {
        self.version = version;
        self
    }

    /// This report with the parsed tree.
    #[must_use]
    pub fn with_tree(mut self, tree: Option<Node>) -> Report {
        self.tree = tree;
        self
    }

    /// This report with the source text.
    #[must_use]
    pub fn with_source(mut self, source: Option<String>) -> Report {
        self.source = source;
        self.index = None;
        self
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

    /// A line index of the source: the one the validator built when it still matches
    /// `source` (a caller may have replaced the text), otherwise a new one.
    pub fn line_index(&self) -> Option<std::borrow::Cow<'_, LineIndex>> {
        let source = self.source.as_deref()?;
        Some(match &self.index {
            Some(index) if index.text() == source => std::borrow::Cow::Borrowed(index),
            _ => std::borrow::Cow::Owned(LineIndex::new(source)),
        })
    }
}

/// Validates raw bytes (size, byte order mark and UTF-8 checked by [`crate::input::decode`]).
pub fn validate_bytes(bytes: &[u8], options: &Options<'_>) -> Report {
    match crate::input::decode(bytes, options.max_bytes) {
        Ok(text) => validate_str(text, options),
        Err(DecodeError::TooLarge { len, limit }) => fatal(
            Diagnostic::new(
                code::TOO_LARGE,
                Severity::Error,
                "",
                format!("the file is {len} bytes, more than the limit of {limit} bytes"),
            )
            .with_help("publiccode.yml files are a few kilobytes; is this the right file?"),
        ),
        Err(DecodeError::NotUtf8 { at, line, column }) => {
            let mut d = Diagnostic::new(
                code::NOT_UTF8,
                Severity::Error,
                "",
                format!("invalid UTF-8 at byte {at}: the file must be UTF-8 encoded"),
            )
            .with_help("re-save the file as UTF-8 (a byte order mark is accepted)");
            d.span = Some(Span::new(at, at + 1));
            d.line = line;
            d.column = column;
            fatal(d)
        }
    }
}

fn fatal(d: Diagnostic) -> Report {
    Report::new(vec![d])
}

/// A YAML loading problem as a diagnostic, with help for tabs and duplicate keys.
fn load_problem(p: &yaml::LoadError, index: &LineIndex) -> Diagnostic {
    let (c, key) = match p.kind {
        LoadErrorKind::Syntax | LoadErrorKind::UnknownAnchor => (code::YAML_SYNTAX, ""),
        LoadErrorKind::MultipleDocuments => (code::MULTIPLE_DOCUMENTS, ""),
        LoadErrorKind::DuplicateKey => (code::DUPLICATE_KEY, ""),
        LoadErrorKind::TooDeep | LoadErrorKind::TooManyNodes | LoadErrorKind::AliasTooLarge => {
            (code::RESOURCE_LIMIT, "")
        }
    };
    let mut d = Diagnostic::new(c, Severity::Error, key, p.message.clone()).at(p.span, index);
    if p.kind == LoadErrorKind::Syntax && index.line_text(d.line).contains('\t') {
        d = d.with_help("use spaces: YAML does not allow tabs for indentation or after a colon");
    }
    if let Some(first) = p.first {
        let (l, c) = index.line_col(first.start);
        d = d.with_help(format!(
            "remove one of the two (the first is at line {l}, column {c})"
        ));
    }
    d
}

/// Validates UTF-8 text.
pub fn validate_str(text: &str, options: &Options<'_>) -> Report {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let index = LineIndex::new(text);
    let mut out = Report {
        diagnostics: Vec::new(),
        version: None,
        tree: None,
        source: Some(text.to_string()),
        index: None,
    };
    check_text(text, &index, options, &mut out);
    // The report keeps the index for later stages (moved, not copied).
    out.index = Some(index);
    out
}

/// The checks of [`validate_str`] on `text` (without its BOM), into `out`.
fn check_text(text: &str, index: &LineIndex, options: &Options<'_>, out: &mut Report) {
    if text.contains('\0') {
        let at = text.find('\0').unwrap_or(0);
        out.diagnostics.push(
            Diagnostic::new(
                code::YAML_SYNTAX,
                Severity::Error,
                "",
                "the file contains a NUL byte; YAML text cannot",
            )
            .at(Span::new(at, at + 1), index),
        );
        return;
    }
    let (root, problems) = match yaml::load(text, index, options.limits) {
        Ok(ok) => ok,
        Err(problems) => (None, problems),
    };
    out.diagnostics
        .extend(problems.iter().map(|p| load_problem(p, index)));
    let fatal_problem = problems
        .iter()
        .any(|p| p.kind != LoadErrorKind::DuplicateKey);
    if fatal_problem {
        return;
    }
    let Some(root) = root else {
        out.diagnostics.push(
            Diagnostic::new(
                code::EMPTY_DOCUMENT,
                Severity::Error,
                "publiccodeYmlVersion",
                "the file is empty: publiccodeYmlVersion is a required field",
            )
            .with_help("start from a complete file"),
        );
        return;
    };
    let mut walker = Walker {
        index,
        diags: Vec::new(),
        resources: options.resources,
        ipa: options.ipa_codes.unwrap_or_else(|| IpaCodes::builtin()),
    };
    out.version = walker.check_document(&root);
    let mut diags = walker.diags;
    // Document order; diagnostics without a position first. The sort is stable, so
    // several findings at one place keep the order the rules produced them in.
    diags.sort_by_key(|d| (d.line, d.column));
    out.diagnostics.extend(diags);
    out.tree = Some(root);
}

/// A key path, rendered in the reference validator's form.
///
/// A chain of segments on the walker's stack, borrowing key names from the tree and the
/// key tables: stepping into a key or an item allocates nothing; only a diagnostic
/// renders the path.
#[derive(Debug, Clone, Copy, Default)]
struct Path<'p> {
    /// The path this one extends; `None` at the root.
    parent: Option<&'p Path<'p>>,
    /// The last segment; `None` at the root.
    seg: Option<Seg<'p>>,
}

#[derive(Debug, Clone, Copy)]
enum Seg<'p> {
    Key(&'p str),
    Lang(&'p str),
    Index(usize),
}

impl<'p> Path<'p> {
    fn child<'q>(&'q self, seg: Seg<'q>) -> Path<'q> {
        Path {
            parent: Some(self),
            seg: Some(seg),
        }
    }
    fn key<'q>(&'q self, k: &'q str) -> Path<'q> {
        self.child(Seg::Key(k))
    }
    fn lang<'q>(&'q self, k: &'q str) -> Path<'q> {
        self.child(Seg::Lang(k))
    }
    fn index(&self, i: usize) -> Path<'_> {
        self.child(Seg::Index(i))
    }
    /// Whether this is the document's root.
    fn is_root(&self) -> bool {
        self.seg.is_none()
    }
    /// Struct-validation style: `description[en-US].features`, `description.en.features`.
    fn render(&self) -> KeyPath {
        self.render_with(true)
    }
    /// Custom-check style: always dots (`description.en-US.genericName`).
    fn render_dots(&self) -> KeyPath {
        self.render_with(false)
    }
    fn render_with(&self, brackets: bool) -> KeyPath {
        let mut out = KeyPath::root();
        self.render_into(&mut out, brackets);
        out
    }
    fn render_into(&self, out: &mut KeyPath, brackets: bool) {
        if let Some(parent) = self.parent {
            parent.render_into(out, brackets);
        }
        match self.seg {
            Some(Seg::Key(k)) => out.push_key(k),
            Some(Seg::Lang(k)) if brackets => out.push_lang(k),
            Some(Seg::Lang(k)) => out.push_key(k),
            Some(Seg::Index(i)) => out.push_index(i),
            None => {}
        }
    }
    /// The last segment as the reference names a field in messages (`countries[2]`).
    fn leaf(&self) -> Cow<'p, str> {
        match (self.seg, self.parent.and_then(|p| p.seg)) {
            (Some(Seg::Index(i)), Some(Seg::Key(k))) => Cow::Owned(format!("{k}[{i}]")),
            (Some(Seg::Key(k) | Seg::Lang(k)), _) => Cow::Borrowed(k),
            _ => Cow::Borrowed(""),
        }
    }
}

/// One scalar value under check, as the per-kind checks of [`Walker::check_scalar`]
/// see it.
#[derive(Clone, Copy)]
struct ScalarAt<'s> {
    /// The scalar as parsed.
    s: &'s Scalar,
    /// Its value (without surrounding whitespace, for URLs and paths).
    v: &'s str,
    /// The value's span (for fixes).
    span: Span,
    /// Where problems are reported.
    at: Span,
    /// Its key path.
    path: &'s Path<'s>,
    /// The last key path segment, as messages name the field.
    leaf: &'s str,
}

struct Walker<'a> {
    index: &'a LineIndex,
    diags: Vec<Diagnostic>,
    resources: Option<&'a dyn Resources>,
    ipa: &'a IpaCodes,
}

/// Where to report a key that is missing from a mapping.
fn missing_anchor(map: &Node, fallback: Span) -> Span {
    match &map.kind {
        NodeKind::Mapping(entries) if !map.flow => entries.first().map_or(fallback, |e| e.key.span),
        NodeKind::Mapping(_) => Span::point(map.span.start),
        _ => fallback,
    }
}

impl<'a> Walker<'a> {
    fn push(
        &mut self,
        c: &'static str,
        severity: Severity,
        key: impl Into<KeyPath>,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::new(c, severity, key, message).at(span, self.index);
        self.diags.push(d);
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    fn error(
        &mut self,
        c: &'static str,
        key: impl Into<KeyPath>,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(c, Severity::Error, key, span, message)
    }

    fn warning(
        &mut self,
        c: &'static str,
        key: impl Into<KeyPath>,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(c, Severity::Warning, key, span, message)
    }

    /// Checks the whole document; returns the version string.
    fn check_document(&mut self, root: &Node) -> Option<String> {
        let Some(entries) = root.as_mapping() else {
            self.error(
                code::ROOT_NOT_MAPPING,
                String::new(),
                root.span,
                format!(
                    "the top level is {}, not a mapping of keys",
                    root.type_name()
                ),
            )
            .help = Some(
                "start the file with `publiccodeYmlVersion: \"0\"`, then write `key: value` lines"
                    .into(),
            );
            return None;
        };
        let version = match self.check_version(root, entries) {
            VersionCheck::Known(v) => Some(v),
            // Without a usable version string the file is still checked against the
            // latest rules, so that every problem shows in one run.
            // An unquoted `0.2` is still the version the file declares.
            VersionCheck::Unusable => root
                .get("publiccodeYmlVersion")
                .and_then(Node::as_scalar)
                .map(|v| v.value.clone())
                .filter(|v| !v.is_empty()),
            VersionCheck::Unsupported => return None,
        };
        let path = Path::default();
        let anchor = missing_anchor(root, Span::point(0));
        self.check_map(root, keys::ROOT, &path, anchor);
        self.check_maintenance(root);
        self.check_italian_sections(root);
        version
    }

    fn check_version(&mut self, root: &Node, entries: &[Entry]) -> VersionCheck {
        let key = "publiccodeYmlVersion".to_string();
        let Some(entry) = entries
            .iter()
            .find(|e| e.key_str() == Some("publiccodeYmlVersion"))
        else {
            let at = missing_anchor(root, Span::point(0));
            self.error(
                code::VERSION_MISSING,
                key,
                at,
                "publiccodeYmlVersion is a required field",
            )
            .help = Some("add `publiccodeYmlVersion: \"0\"` as the first line".into());
            return VersionCheck::Unusable;
        };
        let Some(s) = entry.value.as_scalar().filter(|_| !entry.value.is_null()) else {
            let msg = if entry.value.is_null() {
                "publiccodeYmlVersion is a required field".to_string()
            } else {
                format!(
                    "publiccodeYmlVersion must be a string, not {}",
                    entry.value.type_name()
                )
            };
            let c = if entry.value.is_null() {
                code::VERSION_MISSING
            } else {
                code::VERSION_NOT_STRING
            };
            self.error(c, key, entry.key.span, msg).help =
                Some("write `publiccodeYmlVersion: \"0\"`".into());
            return VersionCheck::Unusable;
        };
        if s.is_plain() && core_type_of(s) != CoreType::Str {
            let fix = Fix::safe(
                "quote the version",
                entry.value.span,
                format!("\"{}\"", s.value),
            );
            let d = self.error(
                code::VERSION_NOT_STRING,
                key,
                entry.value.span,
                format!(
                    "publiccodeYmlVersion must be a quoted string: unquoted, {} is a YAML number",
                    s.value
                ),
            );
            d.help = Some(format!("write `publiccodeYmlVersion: \"{}\"`", s.value));
            d.fix = Some(fix);
            return VersionCheck::Unusable;
        }
        self.classify_declared(s.value.clone(), entry)
    }

    /// What the declared version string means: a warning for an older release, an
    /// error (and no further checks) for 0.1, future and unknown versions.
    fn classify_declared(&mut self, v: String, entry: &Entry) -> VersionCheck {
        let key = "publiccodeYmlVersion";
        match versions::classify_version(&v) {
            VersionStatus::Latest => {}
            VersionStatus::Old(old) => {
                let changes = old.upgrade_changes();
                let d = self.warning(
                    code::VERSION_NOT_LATEST,
                    key,
                    entry.key.span,
                    format!("v{v} is not the latest version, use '0'. Parsing this file as v0.7."),
                );
                d.help = Some(format!(
                    "move to the latest version; from {} it would apply: {}",
                    old.as_str(),
                    changes.join("; ")
                ));
                // About the value (the reference reports it at the key).
                d.value_span = Some(entry.value.span);
            }
            VersionStatus::V0_1 => {
                self.error(
                    code::VERSION_0_1,
                    key,
                    entry.value.span,
                    format!("version '{v}' (2019) is no longer supported: its keys differ from every later version"),
                )
                .help = Some("rewrite the file for the latest version".into());
                return VersionCheck::Unsupported;
            }
            VersionStatus::Future => {
                self.error(
                    code::VERSION_UNSUPPORTED,
                    key,
                    entry.value.span,
                    format!(
                        "unsupported version: '{v}' is newer than this tool knows (latest: {})",
                        versions::LATEST
                    ),
                )
                .help = Some(format!(
                    "write one of the supported versions: {}",
                    versions::SUPPORTED.join(", ")
                ));
                return VersionCheck::Unsupported;
            }
            VersionStatus::Unknown => {
                let d = self.error(
                    code::VERSION_UNSUPPORTED,
                    key,
                    entry.value.span,
                    format!("unsupported version: '{v}'"),
                );
                d.help = Some(format!(
                    "write \"0\" (supported versions: {})",
                    versions::SUPPORTED.join(", ")
                ));
                return VersionCheck::Unsupported;
            }
        }
        VersionCheck::Known(v)
    }

    /// Checks a mapping against `fields`; `anchor` is where missing keys are reported.
    fn check_map(&mut self, node: &Node, fields: &'static [Field], path: &Path<'_>, anchor: Span) {
        let entries = node.as_mapping().unwrap_or(&[]);
        let is_root = path.is_root();
        // The fields some entry names, one bit each (a key table has fewer than 128),
        // so that missing keys need no second search of the entries.
        let mut named = 0u128;
        for entry in entries {
            let Some(name) = entry.key_str() else {
                self.error(
                    code::UNKNOWN_KEY,
                    path.render(),
                    entry.key.span,
                    "keys must be plain text, not a list or a mapping",
                );
                continue;
            };
            let Some(at) = fields.iter().position(|f| f.name == name) else {
                let p = path.key(name);
                let candidates: Vec<&str> = fields.iter().map(|f| f.name).collect();
                let mut help =
                    text::closest(name, &candidates).map(|c| format!("did you mean `{c}`?"));
                if is_root
                    && name.len() == 2
                    && name.chars().all(|c| c.is_ascii_alphabetic())
                    && help.is_none()
                {
                    help = Some("use `supports` and `organisation` instead (country sections other than IT do not exist)".into());
                }
                let d = self.error(
                    code::UNKNOWN_KEY,
                    p.render(),
                    entry.key.span,
                    format!("unknown field \"{name}\""),
                );
                d.help = help;
                continue;
            };
            let field = &fields[at];
            named |= 1u128.checked_shl(at as u32).unwrap_or(0);
            if is_root && name == "publiccodeYmlVersion" {
                continue;
            }
            if name == "contractors" && fields == keys::MAINTENANCE {
                // Contractors must not be there unless type is contract (PC402); their
                // content is not checked then: one root cause, one diagnostic.
                let ty = node.get("type").and_then(Node::as_str).unwrap_or("");
                if lists::contains(lists::MAINTENANCE_TYPES, ty) && ty != "contract" {
                    continue;
                }
            }
            self.check_field(field, entry, &path.key(name));
        }
        // Missing keys.
        for (at, field) in fields.iter().enumerate() {
            let present = match 1u128.checked_shl(at as u32) {
                Some(bit) => named & bit != 0,
                None => entries.iter().any(|e| e.key_str() == Some(field.name)),
            };
            if present || (is_root && field.name == "publiccodeYmlVersion") {
                continue;
            }
            self.report_missing(field, path, anchor);
        }
    }

    /// A required key is absent: report it (for a required section, its required keys).
    fn report_missing(&mut self, field: &'static Field, path: &Path<'_>, anchor: Span) {
        let p = path.key(field.name);
        match (field.presence, field.ty) {
            (Presence::Required, Ty::Map(children)) => {
                for child in children {
                    self.report_missing(child, &p, anchor);
                }
            }
            (Presence::Required, _) => {
                self.error(
                    code::MISSING_KEY,
                    p.render(),
                    anchor,
                    format!("{} is a required field", field.name),
                );
            }
            (Presence::NonEmpty, _) => {
                self.empty_list(field, &p, anchor);
            }
            _ => {}
        }
    }

    fn check_field(&mut self, field: &'static Field, entry: &Entry, path: &Path<'_>) {
        let value = &entry.value;
        let key_span = entry.key.span;
        if let Some(dep) = field.deprecated {
            let shape_ok = match field.ty {
                Ty::Str(_) | Ty::Bool => value.as_scalar().is_some(),
                Ty::Seq(_) => value.as_sequence().is_some(),
                Ty::Map(_) | Ty::LangMap(_) => value.as_mapping().is_some(),
                Ty::StrOrSeq(_) => value.as_mapping().is_none(),
            };
            if shape_ok && !value.is_null() && !matches!(value.as_str(), Some("")) {
                self.deprecation(field, dep, entry, path);
            }
        }
        if value.is_null() {
            self.null_field(field, path, key_span);
            return;
        }
        match field.ty {
            Ty::Str(val) => match &value.kind {
                NodeKind::Scalar(s) => {
                    let from = self.diags.len();
                    self.check_scalar(val, Some(field), s, value.span, key_span, path);
                    self.label_values(from, key_span, value.span);
                }
                _ => self.wrong_type(path, entry, "a string"),
            },
            Ty::Bool => self.check_bool(value, path, entry),
            Ty::Seq(item) => match &value.kind {
                NodeKind::Sequence(items) => {
                    if items.is_empty() && field.presence == Presence::NonEmpty {
                        self.empty_list(field, path, key_span);
                    }
                    for (i, it) in items.iter().enumerate() {
                        self.check_item(item, it, &path.index(i));
                    }
                }
                _ => self.wrong_type(path, entry, "a list"),
            },
            Ty::StrOrSeq(val) => self.check_str_or_seq(field, val, entry, path),
            Ty::Map(children) => match &value.kind {
                NodeKind::Mapping(_) => {
                    let anchor = missing_anchor(value, key_span);
                    self.check_map(value, children, path, anchor);
                }
                _ => self.wrong_type(path, entry, "a mapping"),
            },
            Ty::LangMap(children) => match &value.kind {
                NodeKind::Mapping(langs) => {
                    self.check_descriptions(langs, children, path, key_span)
                }
                _ => self.wrong_type(path, entry, "a mapping of languages"),
            },
        }
    }

    /// A key that is there with no value: missing if required.
    fn null_field(&mut self, field: &'static Field, path: &Path<'_>, key_span: Span) {
        match field.presence {
            Presence::Required => {
                if let Ty::Map(children) = field.ty {
                    for child in children {
                        self.report_missing(child, path, key_span);
                    }
                } else {
                    self.error(
                        code::MISSING_KEY,
                        path.render(),
                        key_span,
                        format!("{} is a required field", field.name),
                    );
                }
            }
            Presence::NonEmpty => self.empty_list(field, path, key_span),
            _ => {}
        }
    }

    /// A value that may be one string or a list of strings (`platforms`, `usedBy` …).
    fn check_str_or_seq(
        &mut self,
        field: &'static Field,
        val: Val,
        entry: &Entry,
        path: &Path<'_>,
    ) {
        let value = &entry.value;
        let key_span = entry.key.span;
        match &value.kind {
            NodeKind::Sequence(items) => {
                if items.is_empty() && field.presence == Presence::NonEmpty {
                    self.empty_list(field, path, key_span);
                }
                for (i, it) in items.iter().enumerate() {
                    let p = path.index(i);
                    match &it.kind {
                        NodeKind::Scalar(s) if !it.is_null() => {
                            self.check_scalar(val, None, s, it.span, it.span, &p)
                        }
                        _ => {
                            self.error(
                                code::WRONG_TYPE,
                                p.render(),
                                it.span,
                                format!(
                                    "wrong type for this field: expected a string, found {}",
                                    it.type_name()
                                ),
                            );
                        }
                    }
                }
            }
            NodeKind::Scalar(s) => {
                let from = self.diags.len();
                self.check_scalar(val, None, s, value.span, key_span, &path.index(0));
                self.label_values(from, key_span, value.span);
            }
            NodeKind::Mapping(_) => self.wrong_type(path, entry, "a string or a list"),
        }
    }

    /// Marks the diagnostics pushed since `from` that sit on the key `key` as being
    /// about its value at `value` ([`Diagnostic::value_span`]).
    fn label_values(&mut self, from: usize, key: Span, value: Span) {
        for d in self.diags.iter_mut().skip(from) {
            if d.span == Some(key) && d.value_span.is_none() {
                d.value_span = Some(value);
            }
        }
    }

    /// Where the values of a deprecated `IT` section go in the latest version.
    fn country_section_moves(&self, section: &Node) -> Vec<String> {
        let mut moves = Vec::new();
        if let Some(p) = section.get("piattaforme").and_then(Node::as_mapping) {
            for e in p {
                if e.value.as_str() == Some("true")
                    && let Some(k) = e.key_str()
                {
                    moves.push(format!("supports: [{{id: alias:{k}}}]"));
                }
            }
        }
        if let Some(code) = section
            .get("riuso")
            .and_then(|r| r.get("codiceIPA"))
            .and_then(Node::as_str)
            .filter(|c| !c.trim().is_empty())
        {
            moves.push(if self.ipa.contains(code) {
                format!("organisation.uri: urn:x-italian-pa:{code}")
            } else {
                "organisation.uri: urn:x-italian-pa:<the iPA code of the administration>"
                    .to_string()
            });
        }
        moves
    }

    fn deprecation(
        &mut self,
        field: &Field,
        dep: keys::Deprecation,
        entry: &Entry,
        path: &Path<'_>,
    ) {
        let key = path.render_dots();
        if field.name == "it" {
            let fix = Fix::safe("rename `it` to `IT`", entry.key.span, "IT");
            let d = self.warning(
                code::LOWERCASE_IT,
                key,
                entry.key.span,
                "Lowercase country codes are DEPRECATED and will be removed in the future. Use 'IT' instead",
            );
            d.fix = Some(fix);
            return;
        }
        if field.name == "IT" {
            let moves = self.country_section_moves(&entry.value);
            let advice = if moves.is_empty() {
                "it can be dropped".to_string()
            } else {
                format!("write {} and drop the section", moves.join(", "))
            };
            self.warning(
                code::DEPRECATED_KEY,
                key,
                entry.key.span,
                format!(
                    "Country sections are DEPRECATED since 0.7 and will be removed in 1.0: {advice}"
                ),
            )
            .help = Some("upgrade the file to the latest version to make this move".into());
            return;
        }
        if field.name == "codiceIPA" && entry.value.as_str().is_some_and(|c| !self.ipa.contains(c))
        {
            // An unknown code is an error (PC318/PC321); moving it would move the mistake.
            // The reference warns only about a valid code, too.
            return;
        }
        let advice = if field.name == "codiceIPA" {
            match entry.value.as_str() {
                Some(c) if !c.is_empty() => {
                    format!("Use 'organisation.uri' and set it to 'urn:x-italian-pa:{c}' instead")
                }
                _ => dep.advice.to_string(),
            }
        } else {
            dep.advice.to_string()
        };
        let d = self.warning(
            code::DEPRECATED_KEY,
            key,
            entry.key.span,
            format!("This key is DEPRECATED and will be removed in the future. {advice}"),
        );
        d.help = Some(format!(
            "upgrade the file to the latest version to handle it (deprecated since {})",
            dep.since
        ));
    }

    /// A list that needs items is empty or missing.
    fn empty_list(&mut self, field: &Field, path: &Path<'_>, at: Span) {
        self.error(
            code::EMPTY_LIST,
            path.render(),
            at,
            format!("{} must contain more than 0 items", field.name),
        );
    }

    fn wrong_type(&mut self, path: &Path<'_>, entry: &Entry, expected: &str) {
        let value = &entry.value;
        let found = value.type_name();
        self.error(
            code::WRONG_TYPE,
            path.render(),
            value.span,
            format!("wrong type for this field: expected {expected}, found {found}"),
        );
    }

    fn check_bool(&mut self, value: &Node, path: &Path<'_>, entry: &Entry) {
        match &value.kind {
            NodeKind::Scalar(s) if s.is_plain() && core_type_of(s) == CoreType::Bool => {}
            NodeKind::Scalar(s) if s.is_plain() && yaml::yaml11_bool(&s.value).is_some() => {
                let b = yaml::yaml11_bool(&s.value).map(|b| b.0).unwrap_or(false);
                let fix = Fix::safe(format!("write `{b}`"), value.span, b.to_string());
                let d = self.error(
                    code::YAML11_BOOLEAN,
                    path.render(),
                    value.span,
                    format!(
                        "wrong type for this field: `{}` is a string in YAML 1.2, not a boolean",
                        s.value
                    ),
                );
                d.help = Some(format!("write `{b}`"));
                d.fix = Some(fix);
            }
            NodeKind::Scalar(s)
                if !s.is_plain() && matches!(s.value.as_str(), "true" | "false") =>
            {
                let fix = Fix::safe(
                    format!("write `{}` without quotes", s.value),
                    value.span,
                    s.value.clone(),
                );
                let d = self.error(
                    code::WRONG_TYPE,
                    path.render(),
                    value.span,
                    "wrong type for this field: a quoted string, not a boolean",
                );
                d.help = Some(format!("write `{}` without quotes", s.value));
                d.fix = Some(fix);
            }
            _ => self.wrong_type(path, entry, "true or false"),
        }
    }

    fn check_item(&mut self, ty: &'static Ty, node: &Node, path: &Path<'_>) {
        match (ty, &node.kind) {
            (Ty::Str(val), NodeKind::Scalar(s)) if !node.is_null() => {
                self.check_scalar(*val, None, s, node.span, node.span, path)
            }
            (Ty::Map(children), NodeKind::Mapping(_)) => {
                let anchor = missing_anchor(node, node.span);
                self.check_map(node, children, path, anchor);
            }
            (Ty::Map(children), _) if node.is_null() => {
                for child in *children {
                    self.report_missing(child, path, node.span);
                }
            }
            (Ty::Str(_), _) if node.is_null() => {
                self.error(
                    code::WRONG_TYPE,
                    path.render(),
                    node.span,
                    "wrong type for this field: an empty item",
                );
            }
            _ => {
                let expected = match ty {
                    Ty::Map(_) => "a mapping",
                    _ => "a string",
                };
                self.error(
                    code::WRONG_TYPE,
                    path.render(),
                    node.span,
                    format!(
                        "wrong type for this field: expected {expected}, found {}",
                        node.type_name()
                    ),
                );
            }
        }
    }

    fn check_descriptions(
        &mut self,
        langs: &[Entry],
        children: &'static [Field],
        path: &Path<'_>,
        key_span: Span,
    ) {
        if langs.is_empty() {
            self.error(
                code::EMPTY_LIST,
                path.render(),
                key_span,
                "description must contain more than 0 items",
            );
            return;
        }
        let mut sections = Vec::new();
        for entry in langs {
            let Some(tag) = entry.key_str() else {
                self.error(
                    code::INVALID_LANGUAGE,
                    path.render(),
                    entry.key.span,
                    "description must be a valid BCP 47 language",
                );
                continue;
            };
            if let Err(e) = checks::bcp47::check_language_tag(tag) {
                let d = self.error(
                    code::INVALID_LANGUAGE,
                    path.render(),
                    entry.key.span,
                    format!("description must be a valid BCP 47 language: {e}"),
                );
                if let Some(s) = checks::bcp47::suggest_language_tag(tag) {
                    d.help = Some(format!("write `{s}`"));
                    d.fix = Some(Fix::suggested(format!("write `{s}`"), entry.key.span, s));
                }
            }
            let p = path.lang(tag);
            match &entry.value.kind {
                NodeKind::Mapping(_) => {
                    let anchor = missing_anchor(&entry.value, entry.key.span);
                    self.check_map(&entry.value, children, &p, anchor);
                    sections.push((p, &entry.value, anchor));
                }
                _ if entry.value.is_null() => {
                    self.error(
                        code::MISSING_KEY,
                        p.key("shortDescription").render(),
                        entry.key.span,
                        "shortDescription is a required field",
                    );
                    sections.push((p, &entry.value, entry.key.span));
                }
                _ => self.wrong_type(&p, entry, "a mapping"),
            }
        }
        self.one_language_fields(children, &sections);
    }

    /// Keys required in at least one language (`longDescription`, `features`): when no
    /// language has one, every language is told.
    fn one_language_fields(
        &mut self,
        children: &'static [Field],
        sections: &[(Path, &Node, Span)],
    ) {
        // longDescription and features: mandatory in at least one language.
        for field in children
            .iter()
            .filter(|f| f.presence == Presence::OneLanguage)
        {
            let has = |n: &Node| match n.get(field.name) {
                Some(v) if v.is_null() => false,
                Some(v) => v.as_sequence().is_none_or(|s| !s.is_empty()),
                None => false,
            };
            if sections.iter().any(|(_, n, _)| has(n)) || sections.is_empty() {
                continue;
            }
            for (p, n, anchor) in sections {
                let kp = p.key(field.name);
                let present_empty = n.entry(field.name);
                let at = present_empty.map_or(*anchor, |e| e.key.span);
                let many = sections.len() > 1;
                let (c, msg) = match field.ty {
                    Ty::Seq(_) => (
                        code::EMPTY_LIST,
                        format!("{} must contain more than 0 items", field.name),
                    ),
                    _ => (
                        code::MISSING_KEY,
                        format!("{} is a required field", field.name),
                    ),
                };
                let c = if many { code::ONE_LANGUAGE_REQUIRED } else { c };
                let msg = if many {
                    format!("{msg} (in at least one language)")
                } else {
                    msg
                };
                self.error(c, kp.render(), at, msg);
            }
        }
    }

    /// Checks a scalar value. `at` is where value problems are reported (the key for
    /// fields, the item for list items), `span` the value itself (for fixes).
    fn check_scalar(
        &mut self,
        val: Val,
        field: Option<&Field>,
        s: &Scalar,
        span: Span,
        at: Span,
        path: &Path<'_>,
    ) {
        let leaf = path.leaf();
        if let Some(field) = field
            && !self.check_presence_and_length(field, s.value.as_str(), at, path, &leaf)
        {
            return;
        }
        let v = match val {
            Val::Url
            | Val::HttpUrl
            | Val::Video
            | Val::OrgUri
            | Val::SupportsId
            | Val::Logo
            | Val::Screenshot
            | Val::AuthorsFile => match checks::url::surrounding_whitespace(&s.value) {
                Some(t) => {
                    self.url_whitespace(s, t, span, at, path);
                    t
                }
                None => s.value.as_str(),
            },
            _ => s.value.as_str(),
        };
        let cx = ScalarAt {
            s,
            v,
            span,
            at,
            path,
            leaf: &leaf,
        };
        match val {
            Val::Text | Val::VersionString => {}
            Val::Phone => self.check_phone(&cx),
            Val::Url => self.check_url_value(&cx),
            Val::HttpUrl => self.check_http_url_value(&cx),
            Val::Date => self.check_date(&cx),
            Val::Spdx => self.check_license(v, s, span, at, path),
            Val::Email => self.check_email(&cx),
            Val::Mime => self.check_mime(&cx),
            Val::OneOf(list) => self.check_one_of(&cx, list),
            Val::Category => self.check_category(&cx),
            Val::Scope => self.check_scope(&cx),
            Val::Country => self.check_country(&cx),
            Val::Language => self.check_language(&cx),
            Val::OrgUri => self.check_org_uri(&cx),
            Val::SupportsId => self.check_supports_id(&cx),
            Val::Logo => self.check_file(v, path, at, FileKind::Logo),
            Val::Screenshot => self.check_file(v, path, at, FileKind::Screenshot),
            Val::AuthorsFile => self.check_file(v, path, at, FileKind::Authors),
            Val::Video => self.check_video(&cx),
            Val::IpaCode => self.check_ipa_code(&cx),
        }
    }

    /// A required value that is blank, or text outside its length bounds. `false` when
    /// the value is missing (nothing else is worth saying about it).
    fn check_presence_and_length(
        &mut self,
        field: &Field,
        v: &str,
        at: Span,
        path: &Path<'_>,
        leaf: &str,
    ) -> bool {
        if field.presence == Presence::Required && v.trim().is_empty() {
            self.error(
                code::MISSING_KEY,
                path.render(),
                at,
                format!("{} is a required field", field.name),
            );
            return false;
        }
        if let Some((min, max)) = field.len {
            let n = text::grapheme_len(v);
            if n > max {
                self.error(
                    code::TOO_LONG,
                    path.render(),
                    at,
                    format!("{leaf} must be a maximum of {max} characters in length (it has {n})"),
                );
            } else if n < min {
                self.error(
                    code::TOO_SHORT,
                    path.render(),
                    at,
                    format!("{leaf} must be at least {min} characters in length (it has {n})"),
                );
            }
        }
        true
    }

    /// A phone number written as a YAML number.
    fn check_phone(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            s,
            v,
            span,
            at,
            path,
            leaf,
            ..
        } = *cx;
        if s.is_plain() && matches!(core_type_of(s), CoreType::Int | CoreType::Float) {
            let fix = Fix::safe("quote the number", span, format!("\"{v}\""));
            let d = self.warning(
                code::PHONE_NOT_STRING,
                path.render(),
                at,
                format!("{leaf} must be a string: unquoted, {v} is a YAML number"),
            );
            d.help = Some(format!("write `\"{v}\"`"));
            d.fix = Some(fix);
        }
    }

    /// `Val::Url`: any absolute URL.
    fn check_url_value(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v, at, path, leaf, ..
        } = *cx;
        if let Err(why) = checks::url::check_url(v) {
            self.error(
                code::INVALID_URL,
                path.render(),
                at,
                format!("{leaf} must be a valid URL: {why}"),
            )
            .help = Some(
                "write an absolute URL with a scheme, e.g. https://github.com/org/repo".into(),
            );
        }
    }

    /// `Val::HttpUrl`: an http(s) URL.
    fn check_http_url_value(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v, at, path, leaf, ..
        } = *cx;
        if let Err(why) = checks::url::check_http_url(v) {
            self.error(
                code::INVALID_HTTP_URL,
                path.render(),
                at,
                format!("{leaf} must be an HTTP URL: {why}"),
            )
            .help = Some("write an absolute http:// or https:// URL".into());
        }
    }

    /// `Val::Date`: YYYY-MM-DD.
    fn check_date(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v, at, path, leaf, ..
        } = *cx;
        if checks::date::parse_date(v).is_none() {
            self.error(
                code::INVALID_DATE,
                path.render(),
                at,
                format!("{leaf} must be a date with format 'YYYY-MM-DD'"),
            )
            .help = Some(format!(
                "write a calendar date as YYYY-MM-DD, e.g. 2026-01-31 (`{v}` is not one)"
            ));
        }
    }

    /// `Val::Email`.
    fn check_email(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v, at, path, leaf, ..
        } = *cx;
        if !text::is_email(v) {
            self.error(
                code::INVALID_EMAIL,
                path.render(),
                at,
                format!("{leaf} must be a valid email address"),
            );
        }
    }

    /// `Val::Mime`.
    fn check_mime(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v, at, path, leaf, ..
        } = *cx;
        if !text::is_mime_type(v) {
            self.error(
                code::INVALID_MIME,
                path.render(),
                at,
                format!("{leaf} is not a valid MIME type"),
            );
        }
    }

    /// `Val::OneOf`: a value of a closed list.
    fn check_one_of(&mut self, cx: &ScalarAt<'_>, list: &'static [&'static str]) {
        let ScalarAt {
            v,
            span,
            at,
            path,
            leaf,
            ..
        } = *cx;
        if !lists::contains(list, v) {
            let quoted: Vec<String> = list.iter().map(|x| format!("\"{x}\"")).collect();
            let (head, last) = quoted.split_at(quoted.len().saturating_sub(1));
            let msg = format!(
                "{leaf} must be one of the following: {} or {}",
                head.join(", "),
                last.join("")
            );
            self.not_in_list(code::NOT_IN_LIST, msg, v, list, span, at, path);
        }
    }

    /// `Val::Category`: the standard's categories list.
    fn check_category(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v,
            span,
            at,
            path,
            leaf,
            ..
        } = *cx;
        if !lists::contains(lists::CATEGORIES, v) {
            let msg = format!(
                "{leaf} must be a valid category (see https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/categories-list.rst)"
            );
            self.not_in_list(
                code::INVALID_CATEGORY,
                msg,
                v,
                lists::CATEGORIES,
                span,
                at,
                path,
            );
        }
    }

    /// `Val::Scope`: the standard's scope list.
    fn check_scope(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v,
            span,
            at,
            path,
            leaf,
            ..
        } = *cx;
        if !lists::contains(lists::SCOPES, v) {
            let msg = format!(
                "{leaf} must be a valid scope (see https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/scope-list.rst)"
            );
            self.not_in_list(code::INVALID_SCOPE, msg, v, lists::SCOPES, span, at, path);
        }
    }

    /// `Val::Country`: ISO 3166-1 alpha-2, uppercase.
    fn check_country(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v,
            span,
            at,
            path,
            leaf,
            ..
        } = *cx;
        if checks::country::is_alpha2(v) {
            return;
        }
        let upper = v.to_ascii_uppercase();
        if v.bytes().all(|c| c.is_ascii_lowercase()) && checks::country::is_alpha2(&upper) {
            let fix = Fix::safe(format!("write `{upper}`"), span, upper.clone());
            self.warning(
                code::LOWERCASE_COUNTRY,
                path.render_dots(),
                at,
                format!(
                    "Lowercase country codes are DEPRECATED. Use uppercase instead ('{upper}')"
                ),
            )
            .fix = Some(fix);
        } else {
            self.error(
                code::INVALID_COUNTRY,
                path.render(),
                at,
                format!("{leaf} must be a valid ISO 3166-1 alpha-2 two-letter country code"),
            );
        }
    }

    /// `Val::Language`: a BCP 47 tag.
    fn check_language(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v,
            span,
            at,
            path,
            leaf,
            ..
        } = *cx;
        if let Err(e) = checks::bcp47::check_language_tag(v) {
            let d = self.error(
                code::INVALID_LANGUAGE,
                path.render(),
                at,
                format!("{leaf} must be a valid BCP 47 language: {e}"),
            );
            if let Some(sug) = checks::bcp47::suggest_language_tag(v) {
                d.help = Some(format!("write `{sug}`"));
                d.fix = Some(Fix::suggested(format!("write `{sug}`"), span, sug));
            }
        }
    }

    /// `Val::OrgUri`: `organisation.uri`, a URL or URN (iPA URNs checked against the list).
    fn check_org_uri(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            s,
            v,
            span,
            at,
            path,
            leaf,
            ..
        } = *cx;
        match checks::url::check_org_uri(v) {
            Ok(()) => {
                if let Some(code) = checks::url::italian_pa_code(v) {
                    let msg = format!(
                        "{leaf} must be a valid Italian Public Administration Code (iPA) with format 'urn:x-italian-pa:[codiceIPA]' (see https://github.com/publiccodeyml/italian-organizations-ipa-vocabulary)"
                    );
                    let code_span = (s.value == v)
                        .then(|| term_span(s, span, v.len() - code.len()..v.len()))
                        .flatten();
                    self.ipa_membership(code, msg, code_span, at, path);
                }
            }
            Err(checks::url::UriProblem::Invalid) => {
                let d = self.error(
                    code::INVALID_URI,
                    path.render(),
                    at,
                    format!("{leaf} is not a valid URI"),
                );
                d.help = Some(if checks::url::is_ipa_code(v) && !v.contains(':') {
                    format!("write an Italian iPA code as a URN: urn:x-italian-pa:{v}")
                } else {
                    "write a URL (https://example.org/my-organisation) or a URN (urn:x-example:my-organisation)".into()
                });
                if checks::url::is_ipa_code(v) && !v.contains(':') {
                    d.fix = Some(Fix::suggested(
                        "write it as an iPA URN",
                        span,
                        format!("urn:x-italian-pa:{v}"),
                    ));
                }
            }
            Err(checks::url::UriProblem::BadIpaCode) => {
                self.error(
                    code::INVALID_IPA,
                    path.render(),
                    at,
                    format!("{leaf} must be a valid Italian Public Administration Code (iPA) with format 'urn:x-italian-pa:[codiceIPA]' (see https://github.com/publiccodeyml/italian-organizations-ipa-vocabulary)"),
                );
            }
        }
    }

    /// `Val::SupportsId`: an `alias:` or a URI.
    fn check_supports_id(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v, at, path, leaf, ..
        } = *cx;
        match checks::url::check_supports_id(v) {
            Ok(()) => {}
            Err(checks::url::SupportsProblem::UnknownAlias) => {
                let names: Vec<&str> = lists::SUPPORTS_ALIASES.iter().map(|(a, _)| *a).collect();
                let alias = v.trim_start_matches("alias:");
                let d = self.error(
                    code::INVALID_SUPPORTS_ID,
                    path.render(),
                    at,
                    format!("{leaf} contains an unknown alias (see https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/aliases-list.rst)"),
                );
                d.help = Some(match text::closest(alias, &names) {
                    Some(c) => format!(
                        "did you mean `alias:{c}`? (known aliases: {})",
                        names.join(", ")
                    ),
                    None => format!("use one of the known aliases: {}", names.join(", ")),
                });
            }
            Err(checks::url::SupportsProblem::Invalid) => {
                self.error(
                    code::INVALID_SUPPORTS_ID,
                    path.render(),
                    at,
                    format!(
                        "{leaf} must be a known alias ('alias:<name>') or a valid URI (URL or URN)"
                    ),
                );
            }
        }
    }

    /// `Val::Video`: an http(s) URL of an oEmbed provider.
    fn check_video(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            v, at, path, leaf, ..
        } = *cx;
        if let Err(why) = checks::url::check_http_url(v) {
            self.error(
                code::INVALID_HTTP_URL,
                path.render(),
                at,
                format!("{leaf} must be an HTTP URL: {why}"),
            );
        }
        if !checks::oembed::is_oembed_url(v) {
            self.error(
                    code::INVALID_VIDEO,
                    path.render_dots(),
                    at,
                    format!("'{v}' is not a valid video URL supporting oEmbed: invalid oEmbed link: {v}"),
                )
                .help = Some("use the video's page URL on an oEmbed provider, e.g. https://www.youtube.com/watch?v=… or https://vimeo.com/…".into());
        }
    }

    /// `Val::IpaCode`: an iPA code from the list.
    fn check_ipa_code(&mut self, cx: &ScalarAt<'_>) {
        let ScalarAt {
            s,
            v,
            span,
            at,
            path,
            leaf,
            ..
        } = *cx;
        let msg = format!(
            "{leaf} must be a valid Italian Public Administration Code (iPA) (see https://github.com/publiccodeyml/italian-organizations-ipa-vocabulary)"
        );
        if checks::url::is_ipa_code(v) {
            self.ipa_membership(v, msg, Some(span).filter(|_| s.is_plain()), at, path);
        } else {
            self.error(
                    code::INVALID_IPA,
                    path.render(),
                    at,
                    format!("{leaf} must be a valid Italian Public Administration Code (iPA) (see https://github.com/publiccodeyml/italian-organizations-ipa-vocabulary)"),
                );
        }
    }

    /// A URL or path with whitespace around it: the reference keeps the whitespace and
    /// then refuses the value (Go's URL parser does not trim). The fix rewrites a quoted
    /// one-line value without it.
    fn url_whitespace(&mut self, s: &Scalar, trimmed: &str, span: Span, at: Span, path: &Path<'_>) {
        let quote = match s.style {
            yaml::ScalarStyle::SingleQuoted => Some('\''),
            yaml::ScalarStyle::DoubleQuoted => Some('"'),
            _ => None,
        };
        let d = self.error(
            code::URL_WHITESPACE,
            path.render(),
            at,
            format!(
                "{} has whitespace around it: `{}` is not the same as `{trimmed}`",
                path.leaf(),
                s.value.escape_debug()
            ),
        );
        d.help = Some("remove the spaces, tabs or line breaks around the value".into());
        let plain_text =
            !trimmed.contains(['\'', '"', '\\']) && !trimmed.contains(char::is_control);
        if let Some(q) = quote.filter(|_| plain_text) {
            d.fix = Some(Fix::safe(
                "remove the whitespace",
                span,
                format!("{q}{trimmed}{q}"),
            ));
        }
    }

    /// A well-formed iPA `code` must be in the list; `code_span` is where the code itself
    /// is written (for the did-you-mean fix), when it can be edited in place.
    fn ipa_membership(
        &mut self,
        code: &str,
        msg: String,
        code_span: Option<Span>,
        at: Span,
        path: &Path<'_>,
    ) {
        if self.ipa.contains(code) {
            return;
        }
        let suggestions = self.ipa.suggest(code, 3);
        let which = if self.ipa.is_builtin() {
            "the iPA list shipped with this tool"
        } else {
            "the iPA list given"
        };
        let d = self.error(
            code::UNKNOWN_IPA,
            path.render(),
            at,
            format!("{msg}: `{code}` is not in {which}"),
        );
        match suggestions.as_slice() {
            [] => {
                d.help = Some("look the administration up on https://www.indicepa.gov.it (\"Codice IPA\"); a newer list can be given to the validator".into());
            }
            [one] => {
                d.help = Some(format!("did you mean `{one}`?"));
                if let Some(cs) = code_span {
                    d.fix = Some(Fix::suggested(format!("write `{one}`"), cs, one.clone()));
                }
            }
            many => {
                let quoted: Vec<String> = many.iter().map(|c| format!("`{c}`")).collect();
                d.help = Some(format!("did you mean one of {}?", quoted.join(", ")));
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn not_in_list(
        &mut self,
        c: &'static str,
        msg: String,
        v: &str,
        list: &[&str],
        span: Span,
        at: Span,
        path: &Path<'_>,
    ) {
        let suggestion = text::closest(v, list);
        let d = self.error(c, path.render(), at, msg);
        if let Some(sug) = suggestion {
            d.help = Some(format!("did you mean `{sug}`?"));
            d.fix = Some(Fix::suggested(format!("write `{sug}`"), span, sug));
        }
    }

    fn check_license(&mut self, v: &str, s: &Scalar, span: Span, at: Span, path: &Path<'_>) {
        // Operators in the wrong case first: each gets its own error and safe fix, and
        // the rest is judged as if they were fixed (one root cause, one diagnostic).
        let ops = checks::license::operator_case(v);
        let mut fixed = v.to_string();
        for (range, upper) in &ops {
            fixed.replace_range(range.clone(), upper);
            let written = &v[range.clone()];
            let place = term_span(s, span, range.clone());
            let d = self.error(
                code::SPDX_OPERATOR_CASE,
                path.render(),
                place.unwrap_or(at),
                format!(
                    "license must be a valid license (see https://spdx.org/licenses): the operator `{written}` must be written `{upper}`"
                ),
            );
            d.help = Some(format!(
                "write `{upper}` (SPDX operators are case-sensitive)"
            ));
            if let Some(p) = place {
                d.fix = Some(Fix::safe(format!("write `{upper}`"), p, *upper));
            }
        }
        let v = fixed.as_str();
        // Deprecated ids, non-open licences and LicenseRef notes are licence policy:
        // publiccode-check reports them.
        for finding in checks::license::check_license(v) {
            if let LicenseFinding::Invalid {
                message,
                span: term,
                suggestion,
            } = finding
            {
                let term_span = term_span(s, span, term);
                let d = self.error(
                    code::INVALID_LICENSE,
                    path.render(),
                    term_span.unwrap_or(at),
                    format!(
                        "license must be a valid license (see https://spdx.org/licenses): {message}"
                    ),
                );
                if let Some(sug) = suggestion.filter(|x| x != v) {
                    d.help = Some(format!("did you mean `{sug}`?"));
                    d.fix = Some(Fix::suggested(format!("write `{sug}`"), span, sug));
                } else {
                    d.help = Some("write an SPDX expression such as `EUPL-1.2` or `AGPL-3.0-or-later`; see https://spdx.org/licenses".into());
                }
            }
        }
    }

    fn check_file(&mut self, v: &str, path: &Path<'_>, at: Span, kind: FileKind) {
        let key = path.render_dots();
        let lower = v.to_ascii_lowercase();
        if lower.starts_with("file:") {
            self.error(
                code::PATH_FORM,
                key,
                at,
                "is a file:// URL. Only relative paths or HTTP(s) URLs allowed",
            );
            return;
        }
        if v.starts_with('/')
            || v.starts_with('\\')
            || (v.len() > 2
                && v.as_bytes()[1] == b':'
                && v.as_bytes()[0].is_ascii_alphabetic()
                && matches!(v.as_bytes()[2], b'\\' | b'/'))
        {
            self.error(
                code::PATH_FORM,
                key,
                at,
                "is an absolute path. Only relative paths or HTTP(s) URLs allowed",
            );
            return;
        }
        if (lower.starts_with("http://") || lower.starts_with("https://"))
            && let Err(why) = checks::url::check_http_url(v)
        {
            // The reference fetches remote files with Go's HTTP client, which refuses
            // what Go's URL parser refuses.
            self.error(
                code::INVALID_HTTP_URL,
                path.render(),
                at,
                format!("{} must be an HTTP URL: {why}", path.leaf()),
            );
            return;
        }
        let Some(resources) = self.resources else {
            return;
        };
        let remote = lower.starts_with("http://") || lower.starts_with("https://");
        if remote {
            return; // remote files are a network check
        }
        if lower.contains("://") {
            self.error(
                code::PATH_FORM,
                key,
                at,
                "Only relative paths or HTTP(s) URLs allowed",
            );
            return;
        }
        self.check_local_file(resources, v, key, at, kind);
    }

    /// A relative path of a file in the repository: extension, existence, and for
    /// images the content.
    fn check_local_file(
        &mut self,
        resources: &dyn Resources,
        v: &str,
        key: KeyPath,
        at: Span,
        kind: FileKind,
    ) {
        let ext = std::path::Path::new(v)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let shown = resources.display(v);
        let (allowed, image) = match kind {
            FileKind::Logo => (lists::LOGO_EXTENSIONS, true),
            FileKind::Screenshot => (lists::SCREENSHOT_EXTENSIONS, true),
            FileKind::Authors => (&[][..], false),
        };
        if image && !allowed.contains(&ext.as_str()) {
            let msg = match kind {
                FileKind::Screenshot => {
                    format!("'{v}' is not an image: invalid file extension for: {shown}")
                }
                _ => format!("invalid file extension for: {shown}"),
            };
            self.error(code::BAD_EXTENSION, key, at, msg).help = Some(format!(
                "use one of the allowed extensions: .{}",
                allowed.join(", .")
            ));
            return;
        }
        match resources.read(v, 64 * 1024) {
            Ok(bytes) => {
                if let Some(kind) = ImageKind::from_extension(&ext).filter(|_| image)
                    && let Err(e) = checks::image::check_image(&bytes, kind)
                {
                    self.error(
                        code::NOT_AN_IMAGE,
                        key,
                        at,
                        format!("'{v}' is not a valid image: {e}"),
                    );
                }
            }
            Err(ResourceError::NotFound) => {
                let msg = match kind {
                    FileKind::Screenshot => format!("'{v}' is not an image: no such file: {shown}"),
                    FileKind::Authors => format!("'{shown}' does not exist: no such file: {shown}"),
                    FileKind::Logo => format!("no such file: {shown}"),
                };
                self.error(code::FILE_MISSING, key, at, msg).help =
                    Some("write the path relative to the folder of publiccode.yml".into());
            }
            Err(ResourceError::OutsideRepository) => {
                self.error(
                    code::FILE_MISSING,
                    key,
                    at,
                    format!("'{v}' leads outside the repository; it is not read"),
                )
                .help =
                    Some("files a publiccode.yml refers to must be inside its repository".into());
            }
            Err(e) => {
                self.error(
                    code::FILE_MISSING,
                    key,
                    at,
                    format!("cannot read {shown}: {e}"),
                );
            }
        }
    }

    fn check_maintenance(&mut self, root: &Node) {
        let Some(entry) = root.entry("maintenance") else {
            return;
        };
        let m = &entry.value;
        if m.as_mapping().is_none() {
            return;
        }
        let root_path = Path::default();
        let path = root_path.key("maintenance");
        let anchor = missing_anchor(m, entry.key.span);
        let ty = m.get("type").and_then(Node::as_str).unwrap_or("");
        let present = |k: &str| {
            m.get(k)
                .filter(|v| !v.is_null())
                .filter(|v| v.as_sequence().is_none_or(|s| !s.is_empty()))
        };
        if !lists::contains(lists::MAINTENANCE_TYPES, ty) {
            return;
        }
        if ty == "contract" {
            if present("contractors").is_none() {
                self.error(
                    code::CONTRACTORS_REQUIRED,
                    path.key("contractors").render(),
                    anchor,
                    "contractors is a required field when \"type\" is \"contract\"",
                );
            }
        } else if let Some(e) = m.entry("contractors") {
            self.error(
                code::CONTRACTORS_FORBIDDEN,
                path.key("contractors").render(),
                e.key.span,
                "contractors must not be present unless \"type\" is \"contract\"",
            );
        }
        if matches!(ty, "internal" | "community") && present("contacts").is_none() {
            self.error(
                code::CONTACTS_REQUIRED,
                path.key("contacts").render(),
                anchor,
                format!("contacts is a required field when \"type\" is \"{ty}\""),
            );
        }
    }

    fn check_italian_sections(&mut self, root: &Node) {
        if let (Some(lower), Some(_)) = (root.entry("it"), root.entry("IT")) {
            self.error(
                code::DUPLICATE_IT_SECTION,
                "it",
                lower.key.span,
                "'IT' key already present. Remove this key",
            );
        }
        for name in ["IT", "it"] {
            let Some(section) = root.get(name) else {
                continue;
            };
            if let Some(e) = section.entry("countryExtensionVersion")
                && e.value.as_str() == Some("0.2")
            {
                let fix = Fix::safe("write \"1.0\"", e.value.span, "\"1.0\"");
                self.warning(
                    code::IT_EXTENSION_VERSION,
                    format!("{name}.countryExtensionVersion"),
                    e.key.span,
                    "countryExtensionVersion MUST be \"1.0\" since publiccode.yml 0.3",
                )
                .fix = Some(fix);
            }
        }
    }
}

/// What the version check allows.
enum VersionCheck {
    /// A supported version.
    Known(String),
    /// Missing or not a string: check the rest against the latest rules.
    Unusable,
    /// A version whose rules are unknown: stop.
    Unsupported,
}

#[derive(Clone, Copy)]
enum FileKind {
    Logo,
    Screenshot,
    Authors,
}

fn core_type_of(s: &Scalar) -> CoreType {
    if s.is_plain() {
        yaml::core_type(&s.value)
    } else {
        CoreType::Str
    }
}

/// Maps a byte range inside a scalar's value to the source, when the scalar is written
/// as-is (plain or single-line quoted).
fn term_span(s: &Scalar, span: Span, term: std::ops::Range<usize>) -> Option<Span> {
    let offset = match s.style {
        yaml::ScalarStyle::Plain => 0,
        yaml::ScalarStyle::SingleQuoted | yaml::ScalarStyle::DoubleQuoted => 1,
        _ => return None,
    };
    if s.value.contains(['\'', '"', '\\', '\n']) {
        return None;
    }
    let start = span.start + offset + term.start;
    let end = span.start + offset + term.end;
    (end <= span.end).then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths_read_back_as_their_segments() {
        let src =
            "publiccodeYmlVersion: \"0\"\n\"a.b\": 1\ndescription:\n  pt-BR:\n    features: []\n";
        let report = validate_str(src, &Options::default());
        let unknown = report
            .diagnostics
            .iter()
            .find(|d| d.code == code::UNKNOWN_KEY)
            .map(|d| d.key.to_string());
        // A key holding a dot is quoted, so that it is one segment when read back.
        assert_eq!(unknown.as_deref(), Some("[\"a.b\"]"));
        let features = report
            .diagnostics
            .iter()
            .find(|d| d.key.as_str().ends_with("features"))
            .map(|d| d.key.clone());
        let Some(features) = features else {
            panic!("no diagnostic on features: {:?}", report.diagnostics)
        };
        assert_eq!(features.as_str(), "description[pt-BR].features");
        assert_eq!(
            features.to_string().parse::<KeyPath>(),
            Ok(features.clone())
        );
        assert_eq!(
            features.segments().collect::<Vec<_>>(),
            ["description", "pt-BR", "features"]
                .map(|k| crate::keypath::Segment::Key(k.into()))
                .to_vec()
        );
    }

    #[test]
    fn declared_version_is_reported_even_unquoted() {
        let report = validate_str("publiccodeYmlVersion: 0.2\nname: x\n", &Options::default());
        assert_eq!(report.version.as_deref(), Some("0.2"));
        let report = validate_str("publiccodeYmlVersion: \"0.4\"\n", &Options::default());
        assert_eq!(report.version.as_deref(), Some("0.4"));
        let report = validate_str("name: x\n", &Options::default());
        assert_eq!(report.version, None);
    }
}
