//! Profiles: declarative data files (YAML) that say what a country's or a body's
//! catalogue asks beyond the standard. This module holds their model; `parse` reads
//! them (every mistake a diagnostic that points into the profile file) and `findings`
//! runs their rules over a descriptor, one function per rule kind.

mod de;
mod findings;
mod parse;

use publiccode::{Diagnostic, KeyPath, LineIndex, Resources, Severity, Span};

use crate::lists::Lists;

pub use parse::parse;

/// Code for a mistake in a profile file.
pub const PROFILE_INVALID: &str = "PP001";
/// Code for a profile id that is neither shipped nor a readable file.
pub const PROFILE_UNKNOWN: &str = "PP002";
/// Code for an unreadable `--ipa-codes` list.
pub const IPA_LIST_UNREADABLE: &str = "PP003";

/// One profile: who it speaks for and its rules.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Stable id (`it`, `de-opencode` …).
    pub id: String,
    /// Human name.
    pub name: String,
    /// Country or body it speaks for.
    pub country: String,
    /// What it is for.
    pub description: String,
    /// Links to the laws and guidelines it follows.
    pub sources: Vec<String>,
    /// Whether the profile is generic (no country rule behind it); its output says so.
    pub generic: bool,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
}

/// One rule of a profile: one check, one code.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Diagnostic code (`PRIT01`).
    pub code: String,
    /// Kebab-case name.
    pub name: String,
    /// Severity of its diagnostics.
    pub severity: Severity,
    /// The message of its diagnostics.
    pub message: String,
    /// Optional help text.
    pub help: Option<String>,
    /// URL of the law or guideline it comes from.
    pub source: String,
    /// Whether the rule is our reading rather than a written requirement.
    pub inferred: bool,
    /// Why the rule reads its source the way it does (shown by `explain` and the docs).
    pub rationale: Option<String>,
    /// Codes of standard (core) warnings and notes this rule takes the place of on the
    /// keys it checks: under this profile those are not reported (errors always are).
    pub replaces: Vec<String>,
    /// A publiccode.yml that triggers the rule and one that does not (`explain` prints
    /// them; a test checks them under the profile).
    pub example: Option<RuleExample>,
    /// What it checks.
    pub check: Check,
}

/// A failing and a passing publiccode.yml for a profile rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleExample {
    /// Text the rule reports.
    pub fails: String,
    /// The same text put right.
    pub passes: String,
    /// The fixture that shows the rule when text alone cannot (a repository's files,
    /// its git remote): the examples then only describe the condition.
    pub covered_by: Option<String>,
}

/// Which part of `legal.license` a licence rule judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Terms {
    /// The code term: a top-level `AND` without its documentation and data licences
    /// (`EUPL-1.2 AND CC-BY-4.0` is judged as `EUPL-1.2`). See the `licexpr` module.
    #[default]
    Code,
    /// Every term (a platform that accepts content only under listed licences).
    All,
}

/// A licence policy on `legal.license`.
#[derive(Debug, Clone, Default)]
pub struct LicencePolicy {
    /// SPDX ids the expression must be satisfiable with (with `allowed_lists`; both
    /// empty: no such constraint).
    pub allowed: Vec<String>,
    /// Names of data lists of allowed ids (`opencode-approved`).
    pub allowed_lists: Vec<String>,
    /// SPDX ids that must be avoidable.
    pub blocked: Vec<String>,
    /// Names of data lists of blocked ids (`opencode-blocked`).
    pub blocked_lists: Vec<String>,
    /// Accept OSI-approved licences.
    pub osi: bool,
    /// Accept FSF-libre licences.
    pub fsf: bool,
    /// The expression must be a single SPDX id (always judged on the whole expression).
    pub single_id: bool,
    /// Which terms are judged.
    pub terms: Terms,
}

/// The kinds of rule.
#[derive(Debug, Clone)]
pub enum Check {
    /// Every key path must hold a value.
    RequiredKeys(Vec<String>),
    /// No key path may be present (legacy keys).
    AbsentKeys(Vec<String>),
    /// `description.<lang>` for each language, and at least `min` languages.
    Languages {
        /// Languages that must be present.
        required: Vec<String>,
        /// Minimum number of description languages.
        min: usize,
    },
    /// Licence policy on `legal.license`.
    License(LicencePolicy),
    /// `organisation.uri` shape.
    OrganisationUri {
        /// Glob patterns, one must match.
        patterns: Vec<String>,
        /// Check `urn:x-italian-pa:<code>` against the iPA code list.
        ipa: bool,
        /// Whether a missing `organisation.uri` is a finding.
        required: bool,
        /// A data list the URI must be on, when that list is available.
        list: Option<String>,
    },
    /// Files that must exist in the repository root (alternatives separated by `|`).
    RepoFiles(Vec<String>),
    /// A URL key's host, and optionally a minimum number of path segments.
    UrlHost {
        /// The key path.
        key: String,
        /// Allowed hosts (globs; empty: any).
        hosts: Vec<String>,
        /// Minimum number of path segments (2 = a project, not a group).
        min_path_segments: usize,
    },
    /// Simple constraints on a key's value(s).
    Value {
        /// The key path.
        key: String,
        /// Allowed values (empty: any).
        one_of: Vec<String>,
        /// Globs, one must match (empty: any).
        patterns: Vec<String>,
        /// Globs that must not match.
        forbid_patterns: Vec<String>,
        /// Maximum number of items for a list.
        max_items: Option<usize>,
    },
    /// The shape of every node a key path reaches (`platforms`, `fundedBy.*`,
    /// `description.*`): its YAML type, and keys each such mapping must hold with a value.
    Shape {
        /// The key path, with `*` for every item of a list or entry of a mapping.
        key: String,
        /// The type the value must have, if any.
        ty: Option<NodeType>,
        /// Keys each reached mapping must hold (not null, not empty).
        keys: Vec<String>,
    },
    /// The descriptor's own file name (when it is a file), and whether it sits at the
    /// root of its git checkout.
    FileName {
        /// Allowed names (exact).
        names: Vec<String>,
        /// Whether a descriptor below the checkout's root is a finding.
        at_root: bool,
    },
    /// A URL key names the repository that holds the descriptor, compared with the
    /// checkout's git remotes (see the `repo_url` module).
    RepositoryUrl {
        /// The key path (`url`).
        key: String,
        /// The message when the checkout looks like a technical fork of that URL.
        fork_message: String,
        /// The severity of that message.
        fork_severity: Severity,
    },
}

impl Check {
    /// The kind's name as written in profile files.
    pub fn kind(&self) -> &'static str {
        match self {
            Check::RequiredKeys(_) => "required-keys",
            Check::AbsentKeys(_) => "absent-keys",
            Check::Languages { .. } => "languages",
            Check::License(_) => "license",
            Check::OrganisationUri { .. } => "organisation-uri",
            Check::RepoFiles(_) => "repo-files",
            Check::UrlHost { .. } => "url-host",
            Check::Value { .. } => "value",
            Check::FileName { .. } => "file-name",
            Check::RepositoryUrl { .. } => "repository-url",
            Check::Shape { .. } => "shape",
        }
    }

    /// The descriptor keys the rule is about (for `replaces`).
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Check::RequiredKeys(k) | Check::AbsentKeys(k) => k.iter().map(String::as_str).collect(),
            Check::Languages { .. } => vec!["description"],
            Check::License(_) => vec!["legal.license"],
            Check::OrganisationUri { .. } => vec!["organisation.uri"],
            Check::UrlHost { key, .. }
            | Check::Value { key, .. }
            | Check::RepositoryUrl { key, .. }
            | Check::Shape { key, .. } => vec![key.as_str()],
            Check::RepoFiles(_) | Check::FileName { .. } => Vec::new(),
        }
    }
}

/// A YAML value's type, for [`Check::Shape`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeType {
    /// A sequence.
    List,
    /// A mapping.
    Mapping,
    /// A single value.
    Scalar,
}

impl NodeType {
    /// The name as written in profile files.
    pub fn name(self) -> &'static str {
        match self {
            NodeType::List => "list",
            NodeType::Mapping => "mapping",
            NodeType::Scalar => "scalar",
        }
    }
}

/// What a run of a profile needs besides the descriptor.
pub struct Context<'a> {
    /// The descriptor's line index.
    pub index: &'a LineIndex,
    /// The repository holding the descriptor (rooted at its folder), if there is one
    /// to look at.
    pub repo: Option<&'a dyn Resources>,
    /// The descriptor's file name, when it is a file (`publiccode.yml`).
    pub file_name: Option<&'a str>,
    /// The operator's iPA code list (lowercase), if given.
    pub ipa_codes: Option<&'a publiccode::checks::ipa::IpaCodes>,
    /// The data lists rules refer to.
    pub lists: &'a Lists,
}

/// One thing a rule found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Finding {
    /// Key path of the finding (empty: the file).
    pub key: KeyPath,
    /// Where, if the finding has a place in the descriptor.
    pub span: Option<Span>,
    /// The particular case, appended to the rule's message in brackets.
    pub detail: Option<String>,
    /// A message of its own instead of the rule's (a rule with two cases).
    pub message: Option<String>,
    /// A severity of its own instead of the rule's.
    pub severity: Option<Severity>,
}

impl Finding {
    pub(crate) fn at(key: impl Into<KeyPath>, span: Span, detail: impl Into<String>) -> Finding {
        Finding {
            key: key.into(),
            span: Some(span),
            detail: Some(detail.into()),
            ..Finding::default()
        }
    }
}

impl Profile {
    /// Runs every rule over the descriptor tree.
    pub fn check(&self, root: &publiccode::yaml::Node, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for rule in &self.rules {
            for f in rule.findings(root, cx) {
                out.push(self.diagnostic(rule, f, cx));
            }
        }
        out
    }

    fn diagnostic(&self, rule: &Rule, f: Finding, cx: &Context<'_>) -> Diagnostic {
        let mut msg = f.message.unwrap_or_else(|| rule.message.clone());
        if let Some(d) = f.detail {
            msg = format!("{msg} ({d})");
        }
        if rule.inferred {
            msg.push_str(" [inferred: our reading, not a written requirement]");
        }
        if self.generic {
            msg.push_str(&format!(
                " [generic profile `{}`: no country rule behind it]",
                self.id
            ));
        }
        let severity = f.severity.unwrap_or(rule.severity);
        let mut d =
            Diagnostic::new(rule.code.clone(), severity, f.key, msg).with_url(rule.source.clone());
        if let Some(h) = &rule.help {
            d = d.with_help(h.clone());
        }
        if let Some(sp) = f.span {
            d = d.at(sp, cx.index);
        }
        d
    }

    /// Whether a standard diagnostic is one a rule of this profile takes the place of
    /// (same code, on a key the rule checks). Errors are never replaced.
    pub fn replaces(&self, d: &Diagnostic) -> bool {
        if d.severity == Severity::Error {
            return false;
        }
        self.rules.iter().any(|r| {
            r.replaces.iter().any(|c| *c == d.code)
                && r.check
                    .keys()
                    .iter()
                    .any(|k| d.key.starts_with(&KeyPath::from(*k)))
        })
    }
}
