//! Profiles: declarative data files (YAML) that say what a country's or a body's
//! catalogue asks beyond the standard. This module reads them (with diagnostics that
//! point into the profile file) and runs their rules over a descriptor.

use std::collections::HashSet;
use std::path::Path;

use publiccode::yaml::{self, Node, NodeKind};
use publiccode::{Diagnostic, LineIndex, Severity, Span};

use crate::tree::{glob, is_present, join, nearest_span, resolve};

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
    /// What it checks.
    pub check: Check,
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
    License {
        /// The expression must be satisfiable with these ids only (empty: no list).
        allowed: Vec<String>,
        /// Accept OSI-approved licences.
        osi: bool,
        /// Accept FSF-libre licences.
        fsf: bool,
        /// The expression must be a single SPDX id.
        single_id: bool,
    },
    /// `organisation.uri` shape.
    OrganisationUri {
        /// Glob patterns, one must match.
        patterns: Vec<String>,
        /// Check `urn:x-italian-pa:<code>` against the `--ipa-codes` list.
        ipa: bool,
        /// Whether a missing `organisation.uri` is a finding.
        required: bool,
    },
    /// Files that must exist in the repository root (alternatives separated by `|`).
    RepoFiles(Vec<String>),
    /// A URL key's host, and optionally a minimum number of path segments.
    UrlHost {
        /// The key path.
        key: String,
        /// Allowed hosts (globs).
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
}

impl Check {
    /// The kind's name as written in profile files.
    pub fn kind(&self) -> &'static str {
        match self {
            Check::RequiredKeys(_) => "required-keys",
            Check::AbsentKeys(_) => "absent-keys",
            Check::Languages { .. } => "languages",
            Check::License { .. } => "license",
            Check::OrganisationUri { .. } => "organisation-uri",
            Check::RepoFiles(_) => "repo-files",
            Check::UrlHost { .. } => "url-host",
            Check::Value { .. } => "value",
        }
    }
}

/// Parses a profile file. `file` names it in diagnostics.
pub fn parse(text: &str, file: &str) -> Result<Profile, Vec<(String, Diagnostic)>> {
    let index = LineIndex::new(text);
    let mut p = Parser {
        index: &index,
        errors: Vec::new(),
    };
    let root = match yaml::load(text, &index, yaml::Limits::default()) {
        Ok((Some(root), _)) => root,
        Ok((None, _)) => {
            let d = Diagnostic::new(
                PROFILE_INVALID,
                Severity::Error,
                "",
                "the profile file is empty",
            );
            return Err(vec![(file.to_string(), d)]);
        }
        Err(errs) => {
            return Err(errs
                .into_iter()
                .map(|e| {
                    let d = Diagnostic::new(PROFILE_INVALID, Severity::Error, "", e.message)
                        .at(e.span, &index);
                    (file.to_string(), d)
                })
                .collect());
        }
    };
    let profile = p.profile(&root);
    if p.errors.is_empty() {
        Ok(profile)
    } else {
        Err(p
            .errors
            .into_iter()
            .map(|d| (file.to_string(), d))
            .collect())
    }
}

struct Parser<'a> {
    index: &'a LineIndex,
    errors: Vec<Diagnostic>,
}

const PROFILE_KEYS: &[&str] = &[
    "id",
    "name",
    "country",
    "description",
    "sources",
    "generic",
    "rules",
];
const RULE_KEYS: &[&str] = &[
    "code",
    "name",
    "kind",
    "severity",
    "message",
    "help",
    "source",
    "inferred",
    "keys",
    "languages",
    "min",
    "allowed",
    "osi",
    "fsf",
    "single-id",
    "patterns",
    "ipa",
    "required",
    "files",
    "key",
    "hosts",
    "min-path-segments",
    "one-of",
    "forbid-patterns",
    "max-items",
];

impl Parser<'_> {
    fn err(&mut self, key: &str, span: Span, msg: impl Into<String>) {
        let d = Diagnostic::new(PROFILE_INVALID, Severity::Error, key, msg).at(span, self.index);
        self.errors.push(d);
    }

    fn unknown_keys(&mut self, node: &Node, allowed: &[&str], path: &str) {
        for e in node.as_mapping().unwrap_or(&[]) {
            let k = e.key_str().unwrap_or("");
            if !allowed.contains(&k) {
                self.err(
                    &join(path, k),
                    e.key.span,
                    format!("unknown key `{k}`; expected one of: {}", allowed.join(", ")),
                );
            }
        }
    }

    fn string(&mut self, node: &Node, key: &str, path: &str, required: bool) -> String {
        match node.get(key) {
            Some(v) => match v.as_str() {
                Some(s) if !(s.trim().is_empty() && required) => s.to_string(),
                _ => {
                    self.err(
                        &join(path, key),
                        v.span,
                        format!("`{key}` must be a non-empty string"),
                    );
                    String::new()
                }
            },
            None => {
                if required {
                    self.err(
                        path,
                        nearest_span(node, ""),
                        format!("missing required key `{key}`"),
                    );
                }
                String::new()
            }
        }
    }

    fn list(&mut self, node: &Node, key: &str, path: &str) -> Vec<String> {
        let Some(v) = node.get(key) else {
            return Vec::new();
        };
        let Some(items) = v.as_sequence() else {
            self.err(
                &join(path, key),
                v.span,
                format!("`{key}` must be a list of strings"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, it) in items.iter().enumerate() {
            match it.as_str() {
                Some(s) => out.push(s.to_string()),
                None => self.err(
                    &format!("{}[{i}]", join(path, key)),
                    it.span,
                    "expected a string",
                ),
            }
        }
        out
    }

    fn boolean(&mut self, node: &Node, key: &str, path: &str) -> bool {
        match node.get(key) {
            None => false,
            Some(v) => match v.as_str() {
                Some("true") => true,
                Some("false") => false,
                _ => {
                    self.err(
                        &join(path, key),
                        v.span,
                        format!("`{key}` must be true or false"),
                    );
                    false
                }
            },
        }
    }

    fn number(&mut self, node: &Node, key: &str, path: &str) -> Option<usize> {
        let v = node.get(key)?;
        match v.as_str().and_then(|s| s.parse::<usize>().ok()) {
            Some(n) => Some(n),
            None => {
                self.err(
                    &join(path, key),
                    v.span,
                    format!("`{key}` must be a non-negative integer"),
                );
                None
            }
        }
    }

    fn profile(&mut self, root: &Node) -> Profile {
        if root.as_mapping().is_none() {
            self.err("", root.span, "a profile must be a mapping with id, name, country, description, sources and rules");
        }
        self.unknown_keys(root, PROFILE_KEYS, "");
        let id = self.string(root, "id", "", true);
        if !id.is_empty()
            && !id
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        {
            let span = root.get("id").map(|n| n.span).unwrap_or_default();
            self.err(
                "id",
                span,
                "`id` must be lowercase letters, digits and hyphens",
            );
        }
        let name = self.string(root, "name", "", true);
        let country = self.string(root, "country", "", true);
        let description = self.string(root, "description", "", true);
        let sources = self.list(root, "sources", "");
        let generic = self.boolean(root, "generic", "");
        let mut rules = Vec::new();
        match root.get("rules") {
            Some(v) => match v.as_sequence() {
                Some(items) => {
                    let mut seen = HashSet::new();
                    for (i, item) in items.iter().enumerate() {
                        let path = format!("rules[{i}]");
                        if let Some(r) = self.rule(item, &path) {
                            if !seen.insert(r.code.clone()) {
                                let span = item.get("code").map(|n| n.span).unwrap_or(item.span);
                                self.err(
                                    &join(&path, "code"),
                                    span,
                                    format!("code `{}` is used by two rules", r.code),
                                );
                            }
                            rules.push(r);
                        }
                    }
                }
                None => self.err("rules", v.span, "`rules` must be a list"),
            },
            None => self.err("", nearest_span(root, ""), "missing required key `rules`"),
        }
        Profile {
            id,
            name,
            country,
            description,
            sources,
            generic,
            rules,
        }
    }

    fn rule(&mut self, node: &Node, path: &str) -> Option<Rule> {
        if node.as_mapping().is_none() {
            self.err(path, node.span, "a rule must be a mapping");
            return None;
        }
        let before = self.errors.len();
        self.unknown_keys(node, RULE_KEYS, path);
        let code = self.string(node, "code", path, true);
        if !code.is_empty() {
            let reserved = ["PC", "PL", "PP", "CJ", "OR"];
            let span = node.get("code").map(|n| n.span).unwrap_or_default();
            if code.len() > 2
                && reserved
                    .iter()
                    .any(|r| code.starts_with(r) && code[2..].bytes().all(|c| c.is_ascii_digit()))
            {
                self.err(&join(path, "code"), span, format!("code `{code}` collides with a built-in code family (PC, PL, PP, CJ, OR followed by digits)"));
            } else if !code
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
            {
                self.err(
                    &join(path, "code"),
                    span,
                    "a code is letters, digits, `-` and `_`",
                );
            }
        }
        let name = self.string(node, "name", path, false);
        let sev_text = self.string(node, "severity", path, true);
        let severity = match sev_text.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "note" | "info" => Severity::Note,
            "" => Severity::Warning,
            other => {
                let span = node.get("severity").map(|n| n.span).unwrap_or_default();
                self.err(
                    &join(path, "severity"),
                    span,
                    format!("severity `{other}` is not one of error, warning, note"),
                );
                Severity::Warning
            }
        };
        let message = self.string(node, "message", path, true);
        let help = node
            .get("help")
            .and_then(|h| h.as_str())
            .map(str::to_string);
        let source = self.string(node, "source", path, true);
        if !source.is_empty() && !source.starts_with("https://") && !source.starts_with("http://") {
            let span = node.get("source").map(|n| n.span).unwrap_or_default();
            self.err(
                &join(path, "source"),
                span,
                "`source` must be the URL of the law or guideline",
            );
        }
        let inferred = self.boolean(node, "inferred", path);
        let kind = self.string(node, "kind", path, true);
        let check = match kind.as_str() {
            "required-keys" | "absent-keys" => {
                let keys = self.list(node, "keys", path);
                if keys.is_empty() {
                    self.err(
                        path,
                        node.span,
                        format!("a `{kind}` rule needs a non-empty `keys` list"),
                    );
                }
                if kind == "required-keys" {
                    Check::RequiredKeys(keys)
                } else {
                    Check::AbsentKeys(keys)
                }
            }
            "languages" => {
                let required = self.list(node, "languages", path);
                let min = self.number(node, "min", path).unwrap_or(0);
                if required.is_empty() && min == 0 {
                    self.err(
                        path,
                        node.span,
                        "a `languages` rule needs `languages` or `min`",
                    );
                }
                Check::Languages { required, min }
            }
            "license" => {
                let allowed = self.list(node, "allowed", path);
                for (i, id) in allowed.iter().enumerate() {
                    if spdx::license_id(id).is_none() {
                        let span = node
                            .get("allowed")
                            .and_then(|a| a.as_sequence())
                            .and_then(|s| s.get(i))
                            .map(|n| n.span)
                            .unwrap_or_default();
                        self.err(
                            &format!("{path}.allowed[{i}]"),
                            span,
                            format!("`{id}` is not an SPDX licence identifier"),
                        );
                    }
                }
                let osi = self.boolean(node, "osi", path);
                let fsf = self.boolean(node, "fsf", path);
                let single_id = self.boolean(node, "single-id", path);
                if allowed.is_empty() && !osi && !fsf && !single_id {
                    self.err(
                        path,
                        node.span,
                        "a `license` rule needs `allowed`, `osi`, `fsf` or `single-id`",
                    );
                }
                Check::License {
                    allowed,
                    osi,
                    fsf,
                    single_id,
                }
            }
            "organisation-uri" => Check::OrganisationUri {
                patterns: self.list(node, "patterns", path),
                ipa: self.boolean(node, "ipa", path),
                required: self.boolean(node, "required", path),
            },
            "repo-files" => {
                let files = self.list(node, "files", path);
                if files.is_empty() {
                    self.err(
                        path,
                        node.span,
                        "a `repo-files` rule needs a non-empty `files` list",
                    );
                }
                Check::RepoFiles(files)
            }
            "url-host" => {
                let key = self.string(node, "key", path, true);
                Check::UrlHost {
                    key,
                    hosts: self.list(node, "hosts", path),
                    min_path_segments: self.number(node, "min-path-segments", path).unwrap_or(0),
                }
            }
            "value" => {
                let key = self.string(node, "key", path, true);
                Check::Value {
                    key,
                    one_of: self.list(node, "one-of", path),
                    patterns: self.list(node, "patterns", path),
                    forbid_patterns: self.list(node, "forbid-patterns", path),
                    max_items: self.number(node, "max-items", path),
                }
            }
            "" => return None,
            other => {
                let span = node.get("kind").map(|n| n.span).unwrap_or_default();
                self.err(
                    &join(path, "kind"),
                    span,
                    format!("unknown rule kind `{other}`; expected required-keys, absent-keys, languages, license, organisation-uri, repo-files, url-host or value"),
                );
                return None;
            }
        };
        if self.errors.len() > before {
            return None;
        }
        Some(Rule {
            code,
            name,
            severity,
            message,
            help,
            source,
            inferred,
            check,
        })
    }
}

/// What a run of a profile needs besides the descriptor.
pub struct Context<'a> {
    /// The descriptor's line index.
    pub index: &'a LineIndex,
    /// The repository checkout, if any.
    pub repo_dir: Option<&'a Path>,
    /// The operator's iPA code list (lowercase), if given.
    pub ipa_codes: Option<&'a HashSet<String>>,
}

impl Profile {
    /// Runs every rule over the descriptor tree.
    pub fn check(&self, root: &Node, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for rule in &self.rules {
            for (key, span, detail) in rule.findings(root, cx) {
                let mut msg = rule.message.clone();
                if let Some(d) = detail {
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
                let mut d = Diagnostic::new(rule.code.clone(), rule.severity, key, msg)
                    .with_url(rule.source.clone());
                if let Some(h) = &rule.help {
                    d = d.with_help(h.clone());
                }
                if let Some(sp) = span {
                    d = d.at(sp, cx.index);
                }
                out.push(d);
            }
        }
        out
    }
}

type Finding = (String, Option<Span>, Option<String>);

fn licence_ok(expr: &spdx::Expression, pred: impl Fn(&spdx::LicenseItem) -> bool) -> bool {
    expr.evaluate(|req| pred(&req.license))
}

impl Rule {
    fn findings(&self, root: &Node, cx: &Context<'_>) -> Vec<Finding> {
        let mut out: Vec<Finding> = Vec::new();
        match &self.check {
            Check::RequiredKeys(keys) => {
                for k in keys {
                    let found = resolve(root, k);
                    if !found.iter().any(|(_, n)| is_present(n)) {
                        let span = found
                            .first()
                            .map(|(_, n)| n.span)
                            .unwrap_or_else(|| nearest_span(root, k));
                        out.push((k.clone(), Some(span), Some(format!("`{k}` is missing"))));
                    }
                }
            }
            Check::AbsentKeys(keys) => {
                for k in keys {
                    for (path, n) in resolve(root, k) {
                        out.push((
                            path.clone(),
                            Some(n.span),
                            Some(format!("`{path}` is present")),
                        ));
                    }
                }
            }
            Check::Languages { required, min } => {
                let desc = root.get("description");
                let langs: Vec<String> = desc
                    .and_then(|d| d.as_mapping())
                    .map(|m| {
                        m.iter()
                            .filter_map(|e| e.key_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                let span = desc
                    .map(|d| d.span)
                    .or_else(|| Some(nearest_span(root, "description")));
                let desc_key_span = root.entry("description").map(|e| e.key.span).or(span);
                for l in required {
                    if !langs.iter().any(|x| x.eq_ignore_ascii_case(l)) {
                        out.push((
                            format!("description.{l}"),
                            desc_key_span,
                            Some(format!("no `description.{l}`")),
                        ));
                    }
                }
                if langs.len() < *min {
                    out.push((
                        "description".into(),
                        desc_key_span,
                        Some(format!(
                            "{} language(s), at least {min} expected",
                            langs.len()
                        )),
                    ));
                }
            }
            Check::License {
                allowed,
                osi,
                fsf,
                single_id,
            } => {
                let Some(node) = root.get("legal").and_then(|l| l.get("license")) else {
                    return out;
                };
                let Some(text) = node.as_str() else {
                    return out;
                };
                let lenient = spdx::ParseMode {
                    allow_deprecated: true,
                    ..spdx::ParseMode::STRICT
                };
                let Ok(expr) = spdx::Expression::parse_mode(text, lenient) else {
                    return out; // PC310 already says why
                };
                let key = "legal.license".to_string();
                if *single_id {
                    let n = expr.requirements().count();
                    let has_op = text.contains(" OR ")
                        || text.contains(" AND ")
                        || text.contains(" WITH ")
                        || text.contains('+');
                    if n != 1 || has_op {
                        out.push((
                            key.clone(),
                            Some(node.span),
                            Some(format!(
                                "`{text}` is an expression, not a single identifier"
                            )),
                        ));
                    }
                }
                if !allowed.is_empty() {
                    let ok = licence_ok(&expr, |l| match l {
                        spdx::LicenseItem::Spdx { id, or_later } => {
                            let listed =
                                |n: &str| allowed.iter().any(|a| a.eq_ignore_ascii_case(n));
                            // A deprecated bare `GPL-3.0` is read as its `-or-later` form when
                            // that is listed (PL001 asks to write it out).
                            (!or_later && listed(id.name))
                                || (id.is_deprecated() && listed(&format!("{}-or-later", id.name)))
                                || (*or_later && listed(&format!("{}-or-later", id.name)))
                        }
                        spdx::LicenseItem::Other(_) => false,
                    });
                    if !ok {
                        out.push((
                            key.clone(),
                            Some(node.span),
                            Some(format!(
                                "`{text}` is not covered by: {}",
                                allowed.join(", ")
                            )),
                        ));
                    }
                }
                if *osi || *fsf {
                    let ok = licence_ok(&expr, |l| match l {
                        spdx::LicenseItem::Spdx { id, .. } => {
                            (*osi && id.is_osi_approved()) || (*fsf && id.is_fsf_free_libre())
                        }
                        spdx::LicenseItem::Other(_) => false,
                    });
                    if !ok {
                        let what = match (osi, fsf) {
                            (true, true) => "OSI-approved or FSF-libre",
                            (true, false) => "OSI-approved",
                            _ => "FSF-libre",
                        };
                        out.push((
                            key,
                            Some(node.span),
                            Some(format!("`{text}` is not {what}")),
                        ));
                    }
                }
            }
            Check::OrganisationUri {
                patterns,
                ipa,
                required,
            } => {
                let node = root.get("organisation").and_then(|o| o.get("uri"));
                match node.and_then(|n| n.as_str().map(|s| (n, s))) {
                    None => {
                        if *required {
                            out.push((
                                "organisation.uri".into(),
                                Some(nearest_span(root, "organisation.uri")),
                                Some("`organisation.uri` is missing".into()),
                            ));
                        }
                    }
                    Some((n, uri)) => {
                        if !patterns.is_empty() && !patterns.iter().any(|p| glob(p, uri)) {
                            out.push((
                                "organisation.uri".into(),
                                Some(n.span),
                                Some(format!("`{uri}` does not match {}", patterns.join(" or "))),
                            ));
                        } else if let (true, Some(code), Some(list)) = (
                            *ipa,
                            publiccode::checks::url::italian_pa_code(uri),
                            cx.ipa_codes,
                        ) {
                            // A malformed code is reported by the core (PC318).
                            if publiccode::checks::url::is_ipa_code(code)
                                && !list.contains(&code.to_ascii_lowercase())
                            {
                                out.push((
                                    "organisation.uri".into(),
                                    Some(n.span),
                                    Some(format!("`{code}` is not in the iPA code list given with --ipa-codes")),
                                ));
                            }
                        }
                    }
                }
            }
            Check::RepoFiles(files) => {
                let Some(dir) = cx.repo_dir else { return out };
                let names: Vec<String> = std::fs::read_dir(dir)
                    .map(|rd| {
                        rd.flatten()
                            .map(|e| e.file_name().to_string_lossy().into_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                for alt in files {
                    let ok = alt
                        .split('|')
                        .any(|pat| names.iter().any(|n| glob(pat.trim(), n)));
                    if !ok {
                        out.push((
                            String::new(),
                            None,
                            Some(format!(
                                "no {} in the repository root",
                                alt.replace('|', " or ")
                            )),
                        ));
                    }
                }
            }
            Check::UrlHost {
                key,
                hosts,
                min_path_segments,
            } => {
                for (path, n) in resolve(root, key) {
                    let Some(s) = n.as_str() else { continue };
                    let Ok(u) = url::Url::parse(s) else { continue };
                    let host = u.host_str().unwrap_or("");
                    if !hosts.is_empty() && !hosts.iter().any(|h| glob(h, host)) {
                        out.push((
                            path.clone(),
                            Some(n.span),
                            Some(format!("host `{host}` is not {}", hosts.join(" or "))),
                        ));
                        continue;
                    }
                    let segs = u
                        .path_segments()
                        .map(|s| s.filter(|x| !x.is_empty()).count())
                        .unwrap_or(0);
                    if segs < *min_path_segments {
                        out.push((
                            path.clone(),
                            Some(n.span),
                            Some(format!("`{s}` has {segs} path segment(s), at least {min_path_segments} expected")),
                        ));
                    }
                }
            }
            Check::Value {
                key,
                one_of,
                patterns,
                forbid_patterns,
                max_items,
            } => {
                for (path, n) in resolve(root, key) {
                    if let (Some(max), Some(items)) = (max_items, n.as_sequence())
                        && items.len() > *max
                    {
                        out.push((
                            path.clone(),
                            Some(n.span),
                            Some(format!("{} items, at most {max}", items.len())),
                        ));
                    }
                    let values: Vec<&Node> = match &n.kind {
                        NodeKind::Sequence(items) => items.iter().collect(),
                        NodeKind::Scalar(_) => vec![n],
                        NodeKind::Mapping(_) => Vec::new(),
                    };
                    for v in values {
                        let Some(s) = v.as_str() else { continue };
                        if !one_of.is_empty() && !one_of.iter().any(|o| o == s) {
                            out.push((
                                path.clone(),
                                Some(v.span),
                                Some(format!("`{s}` is not one of {}", one_of.join(", "))),
                            ));
                        } else if !patterns.is_empty() && !patterns.iter().any(|p| glob(p, s)) {
                            out.push((
                                path.clone(),
                                Some(v.span),
                                Some(format!("`{s}` does not match {}", patterns.join(" or "))),
                            ));
                        } else if let Some(p) = forbid_patterns.iter().find(|p| glob(p, s)) {
                            out.push((
                                path.clone(),
                                Some(v.span),
                                Some(format!("`{s}` matches `{p}`")),
                            ));
                        }
                    }
                }
            }
        }
        out
    }
}
