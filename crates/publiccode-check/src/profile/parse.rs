//! Reading profile files: serde structs with `deny_unknown_fields`, one for the keys
//! every rule has and one per rule kind, so a key that does not belong to a rule's kind
//! is an error pointing at that key. Checks serde cannot express (code families, URL
//! sources, non-empty lists, known data lists) follow, with the same kind of diagnostic.

use std::collections::HashSet;

use publiccode::yaml::{self, Node};
use publiccode::{Diagnostic, LineIndex, Severity, Span};
use serde::Deserialize;

use super::de::{DeError, Keys, from_node};
use super::{Check, LicencePolicy, PROFILE_INVALID, Profile, Rule, RuleExample, Terms};
use crate::lists::Lists;
use crate::tree::{join, nearest_span};

/// The top of a profile file (its `rules` are read one by one).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    id: String,
    name: String,
    country: String,
    description: String,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    generic: bool,
}

/// Keys every rule has, whatever its kind.
const COMMON: &[&str] = &[
    "code", "name", "kind", "severity", "message", "help", "source", "inferred", "why", "replaces",
    "example",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Common {
    code: String,
    #[serde(default)]
    name: String,
    kind: Kind,
    severity: SeverityName,
    message: String,
    #[serde(default)]
    help: Option<String>,
    source: String,
    #[serde(default)]
    inferred: bool,
    #[serde(default)]
    why: Option<String>,
    #[serde(default)]
    replaces: Vec<String>,
    #[serde(default)]
    example: Option<ExampleText>,
}

/// A rule's `example`: a publiccode.yml that triggers it and one that does not, and
/// the fixture that shows it when text cannot (repository files, git remotes).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExampleText {
    fails: String,
    passes: String,
    #[serde(default)]
    covered_by: Option<String>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    RequiredKeys,
    AbsentKeys,
    Languages,
    License,
    OrganisationUri,
    RepoFiles,
    UrlHost,
    Value,
    FileName,
    RepositoryUrl,
    Shape,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::RequiredKeys => "required-keys",
            Kind::AbsentKeys => "absent-keys",
            Kind::Languages => "languages",
            Kind::License => "license",
            Kind::OrganisationUri => "organisation-uri",
            Kind::RepoFiles => "repo-files",
            Kind::UrlHost => "url-host",
            Kind::Value => "value",
            Kind::FileName => "file-name",
            Kind::RepositoryUrl => "repository-url",
            Kind::Shape => "shape",
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum SeverityName {
    Error,
    Warning,
    Note,
    Info,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysParams {
    keys: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguagesParams {
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    min: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LicenseParams {
    #[serde(default)]
    allowed: Vec<String>,
    #[serde(default)]
    allowed_lists: Vec<String>,
    #[serde(default)]
    blocked: Vec<String>,
    #[serde(default)]
    blocked_lists: Vec<String>,
    #[serde(default)]
    osi: bool,
    #[serde(default)]
    fsf: bool,
    #[serde(default)]
    single_id: bool,
    #[serde(default)]
    terms: TermsName,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "lowercase")]
enum TermsName {
    #[default]
    Code,
    All,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationUriParams {
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    ipa: bool,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    list: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilesParams {
    files: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct UrlHostParams {
    key: String,
    #[serde(default)]
    hosts: Vec<String>,
    #[serde(default)]
    min_path_segments: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ValueParams {
    key: String,
    #[serde(default)]
    one_of: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    forbid_patterns: Vec<String>,
    #[serde(default)]
    max_items: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShapeParams {
    key: String,
    #[serde(default, rename = "type")]
    ty: Option<ShapeType>,
    #[serde(default)]
    keys: Vec<String>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum ShapeType {
    List,
    Mapping,
    Scalar,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct NamesParams {
    names: Vec<String>,
    #[serde(default)]
    at_root: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RepositoryUrlParams {
    #[serde(default = "url_key")]
    key: String,
    fork_message: String,
    #[serde(default = "note")]
    fork_severity: SeverityName,
}

fn url_key() -> String {
    "url".to_string()
}

fn note() -> SeverityName {
    SeverityName::Note
}

impl SeverityName {
    fn severity(&self) -> Severity {
        match self {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Note | SeverityName::Info => Severity::Note,
        }
    }
}

/// Collects the mistakes of one profile file.
struct Reader<'a> {
    index: &'a LineIndex,
    errors: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn err(&mut self, key: &str, span: Span, msg: impl Into<String>) {
        let d = Diagnostic::new(PROFILE_INVALID, Severity::Error, key, msg).at(span, self.index);
        self.errors.push(d);
    }

    fn de_err(&mut self, e: DeError, fallback: Span) {
        let key = e.path.unwrap_or_default();
        self.err(&key, e.span.unwrap_or(fallback), e.message);
    }

    /// Reads `T` from `node`; a mistake becomes a diagnostic.
    fn read<'n, T: Deserialize<'n>>(
        &mut self,
        node: &'n Node,
        path: &str,
        keys: Keys<'_>,
    ) -> Option<T> {
        match from_node(node, path, keys) {
            Ok(v) => Some(v),
            Err(e) => {
                self.de_err(e, node.span);
                None
            }
        }
    }

    /// The span of `node[key]`, or of `node` itself.
    fn span_of(node: &Node, key: &str) -> Span {
        node.get(key).map(|n| n.span).unwrap_or(node.span)
    }
}

/// Parses a profile file. `file` names it in diagnostics.
pub fn parse(text: &str, file: &str) -> Result<Profile, Vec<(String, Diagnostic)>> {
    let index = LineIndex::new(text);
    let named = |ds: Vec<Diagnostic>| ds.into_iter().map(|d| (file.to_string(), d)).collect();
    let root = match yaml::load(text, &index, yaml::Limits::default()) {
        Ok((Some(root), _)) => root,
        Ok((None, _)) => {
            let d = Diagnostic::new(
                PROFILE_INVALID,
                Severity::Error,
                "",
                "the profile file is empty",
            );
            return Err(named(vec![d]));
        }
        Err(errs) => {
            return Err(named(
                errs.into_iter()
                    .map(|e| {
                        Diagnostic::new(PROFILE_INVALID, Severity::Error, "", e.message)
                            .at(e.span, &index)
                    })
                    .collect(),
            ));
        }
    };
    let mut r = Reader {
        index: &index,
        errors: Vec::new(),
    };
    let profile = r.profile(&root);
    match profile {
        Some(p) if r.errors.is_empty() => Ok(p),
        _ => Err(named(r.errors)),
    }
}

impl Reader<'_> {
    fn profile(&mut self, root: &Node) -> Option<Profile> {
        if root.as_mapping().is_none() {
            self.err(
                "",
                root.span,
                "a profile must be a mapping with id, name, country, description, sources and rules",
            );
            return None;
        }
        let head: Option<Head> = self.read(root, "", Keys::Except(&["rules"]));
        if let Some(h) = &head {
            self.check_id(root, &h.id);
        }
        let rules = self.rules(root);
        let h = head?;
        Some(Profile {
            id: h.id,
            name: h.name,
            country: h.country,
            description: h.description,
            sources: h.sources,
            generic: h.generic,
            rules,
        })
    }

    fn check_id(&mut self, root: &Node, id: &str) {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
        if !ok {
            self.err(
                "id",
                Self::span_of(root, "id"),
                "`id` must be lowercase letters, digits and hyphens",
            );
        }
    }

    fn rules(&mut self, root: &Node) -> Vec<Rule> {
        let Some(v) = root.get("rules") else {
            self.err("", nearest_span(root, ""), "missing required key `rules`");
            return Vec::new();
        };
        let Some(items) = v.as_sequence() else {
            self.err("rules", v.span, "`rules` must be a list");
            return Vec::new();
        };
        let mut seen = HashSet::new();
        let mut rules = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("rules[{i}]");
            let Some(rule) = self.rule(item, &path) else {
                continue;
            };
            if !seen.insert(rule.code.clone()) {
                let msg = format!("code `{}` is used by two rules", rule.code);
                self.err(&join(&path, "code"), Self::span_of(item, "code"), msg);
            }
            rules.push(rule);
        }
        rules
    }

    fn rule(&mut self, node: &Node, path: &str) -> Option<Rule> {
        if node.as_mapping().is_none() {
            self.err(path, node.span, "a rule must be a mapping");
            return None;
        }
        let before = self.errors.len();
        let common: Option<Common> = self.read(node, path, Keys::Only(COMMON));
        let c = common?;
        self.check_code(node, path, &c.code);
        self.check_source(node, path, &c.source);
        let check = self.params(node, path, c.kind);
        let check = check?;
        if self.errors.len() > before {
            return None;
        }
        Some(Rule {
            code: c.code,
            name: c.name,
            severity: c.severity.severity(),
            message: c.message,
            help: c.help,
            source: c.source,
            inferred: c.inferred,
            rationale: c.why,
            replaces: c.replaces,
            example: c.example.map(|e| RuleExample {
                fails: e.fails,
                passes: e.passes,
                covered_by: e.covered_by,
            }),
            check,
        })
    }

    fn check_code(&mut self, node: &Node, path: &str, code: &str) {
        let span = Self::span_of(node, "code");
        let key = join(path, "code");
        let reserved = ["PC", "PL", "PP", "CJ", "OR", "PN", "PI"];
        let builtin = code.len() > 2
            && reserved
                .iter()
                .any(|r| code.starts_with(r) && code[2..].bytes().all(|c| c.is_ascii_digit()));
        if builtin {
            self.err(
                &key,
                span,
                format!(
                    "code `{code}` collides with a built-in code family ({} followed by digits)",
                    reserved.join(", ")
                ),
            );
        } else if code.is_empty()
            || !code
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        {
            self.err(&key, span, "a code is letters, digits, `-` and `_`");
        }
    }

    fn check_source(&mut self, node: &Node, path: &str, source: &str) {
        if !source.starts_with("https://") && !source.starts_with("http://") {
            let span = Self::span_of(node, "source");
            self.err(
                &join(path, "source"),
                span,
                "`source` must be the URL of the law or guideline",
            );
        }
    }

    /// Reads the parameters of a rule of kind `kind`: the keys besides the common ones.
    fn kind_params<'n, T: Deserialize<'n>>(
        &mut self,
        node: &'n Node,
        path: &str,
        kind: Kind,
    ) -> Option<T> {
        match from_node(node, path, Keys::Except(COMMON)) {
            Ok(v) => Some(v),
            Err(mut e) => {
                if e.message.starts_with("unknown key") {
                    e.message = format!(
                        "{} (for a `{}` rule, besides {})",
                        e.message,
                        kind.name(),
                        COMMON.join(", ")
                    );
                }
                self.de_err(e, node.span);
                None
            }
        }
    }

    /// Reads the kind's own keys (and only those: any other key is a mistake).
    fn params(&mut self, node: &Node, path: &str, kind: Kind) -> Option<Check> {
        let check = match kind {
            Kind::RequiredKeys | Kind::AbsentKeys => {
                let p: KeysParams = self.kind_params(node, path, kind)?;
                self.non_empty(node, path, "keys", &p.keys)?;
                if matches!(kind, Kind::RequiredKeys) {
                    Check::RequiredKeys(p.keys)
                } else {
                    Check::AbsentKeys(p.keys)
                }
            }
            Kind::Languages => self.languages(node, path)?,
            Kind::License => self.licence(node, path)?,
            Kind::OrganisationUri => self.organisation_uri(node, path)?,
            Kind::RepoFiles => {
                let p: FilesParams = self.kind_params(node, path, kind)?;
                self.non_empty(node, path, "files", &p.files)?;
                Check::RepoFiles(p.files)
            }
            Kind::UrlHost => {
                let p: UrlHostParams = self.kind_params(node, path, kind)?;
                Check::UrlHost {
                    key: p.key,
                    hosts: p.hosts,
                    min_path_segments: p.min_path_segments,
                }
            }
            Kind::Value => {
                let p: ValueParams = self.kind_params(node, path, kind)?;
                Check::Value {
                    key: p.key,
                    one_of: p.one_of,
                    patterns: p.patterns,
                    forbid_patterns: p.forbid_patterns,
                    max_items: p.max_items,
                }
            }
            Kind::FileName => {
                let p: NamesParams = self.kind_params(node, path, kind)?;
                self.non_empty(node, path, "names", &p.names)?;
                Check::FileName {
                    names: p.names,
                    at_root: p.at_root,
                }
            }
            Kind::Shape => self.shape(node, path)?,
            Kind::RepositoryUrl => {
                let p: RepositoryUrlParams = self.kind_params(node, path, kind)?;
                Check::RepositoryUrl {
                    key: p.key,
                    fork_message: p.fork_message,
                    fork_severity: p.fork_severity.severity(),
                }
            }
        };
        Some(check)
    }

    /// A `languages` rule: required languages, a minimum, or both.
    fn languages(&mut self, node: &Node, path: &str) -> Option<Check> {
        let p: LanguagesParams = self.kind_params(node, path, Kind::Languages)?;
        if p.languages.is_empty() && p.min == 0 {
            self.err(
                path,
                node.span,
                "a `languages` rule needs `languages` or `min`",
            );
            return None;
        }
        Some(Check::Languages {
            required: p.languages,
            min: p.min,
        })
    }

    /// An `organisation-uri` rule; a named list must be a known one.
    fn organisation_uri(&mut self, node: &Node, path: &str) -> Option<Check> {
        let p: OrganisationUriParams = self.kind_params(node, path, Kind::OrganisationUri)?;
        if let Some(l) = &p.list {
            self.known_list(node, path, "list", l)?;
        }
        Some(Check::OrganisationUri {
            patterns: p.patterns,
            ipa: p.ipa,
            required: p.required,
            list: p.list,
        })
    }

    /// A `shape` rule: a type, keys, or both.
    fn shape(&mut self, node: &Node, path: &str) -> Option<Check> {
        let p: ShapeParams = self.kind_params(node, path, Kind::Shape)?;
        if p.ty.is_none() && p.keys.is_empty() {
            self.err(path, node.span, "a `shape` rule needs `type` or `keys`");
            return None;
        }
        Some(Check::Shape {
            key: p.key,
            ty: p.ty.map(|t| match t {
                ShapeType::List => super::NodeType::List,
                ShapeType::Mapping => super::NodeType::Mapping,
                ShapeType::Scalar => super::NodeType::Scalar,
            }),
            keys: p.keys,
        })
    }

    fn licence(&mut self, node: &Node, path: &str) -> Option<Check> {
        let p: LicenseParams = self.kind_params(node, path, Kind::License)?;
        for l in &p.allowed_lists {
            self.known_list(node, path, "allowed-lists", l)?;
        }
        for l in &p.blocked_lists {
            self.known_list(node, path, "blocked-lists", l)?;
        }
        let criteria = !p.allowed.is_empty()
            || !p.allowed_lists.is_empty()
            || !p.blocked.is_empty()
            || !p.blocked_lists.is_empty()
            || p.osi
            || p.fsf
            || p.single_id;
        if !criteria {
            self.err(path, node.span, "a `license` rule needs allowed, allowed-lists, blocked, blocked-lists, osi, fsf or single-id");
            return None;
        }
        Some(Check::License(LicencePolicy {
            allowed: p.allowed,
            allowed_lists: p.allowed_lists,
            blocked: p.blocked,
            blocked_lists: p.blocked_lists,
            osi: p.osi,
            fsf: p.fsf,
            single_id: p.single_id,
            terms: match p.terms {
                TermsName::Code => Terms::Code,
                TermsName::All => Terms::All,
            },
        }))
    }

    fn non_empty(&mut self, node: &Node, path: &str, key: &str, v: &[String]) -> Option<()> {
        if v.is_empty() {
            self.err(
                &join(path, key),
                Self::span_of(node, key),
                format!("`{key}` must not be empty"),
            );
            None
        } else {
            Some(())
        }
    }

    fn known_list(&mut self, node: &Node, path: &str, key: &str, name: &str) -> Option<()> {
        if Lists::is_known(name) {
            return Some(());
        }
        let msg = format!(
            "unknown data list `{name}`; known lists: {}",
            Lists::known_names().join(", ")
        );
        self.err(&join(path, key), Self::span_of(node, key), msg);
        None
    }
}
