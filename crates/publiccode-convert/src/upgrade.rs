//! Moving a publiccode.yml between versions of the standard as text edits on the
//! original bytes (standard.md §6), so that comments, key order and formatting stay
//! as they were outside the edited lines.
//!
//! The upgrade runs in two passes: first the validator's own safe fixes for the
//! version differences (YAML 1.1 booleans, lowercase country codes, `it:` → `IT:`,
//! quoted versions and phones), then the structural moves computed on the re-parsed
//! tree (`IT` → `supports` and `organisation`, deprecated keys dropped, version).
//! The result is validated again and refused when it has more errors than the input.
//! What cannot be decided without a person is reported as a [`Note`], never guessed.

use publiccode::spec::versions::{
    MIGRATIONS, RECOMMENDED, Step, Version, VersionStatus, classify_version,
};
use publiccode::yaml::{Entry, Node, NodeKind, ScalarStyle};
use publiccode::{Diagnostic, Edit, Options, Report, Span, validate_str};

use crate::edit::{
    self, Indent, after_entry, delete, entry_lines, line_end, quote, replace, scalar_text,
};

/// The `IT.piattaforme` keys and the `supports` aliases they become.
pub const PLATFORM_ALIASES: &[&str] = &["spid", "cie", "anpr", "pagopa", "io"];

/// Safe fixes of the validator that belong to a version upgrade: the codes of every
/// [`Step::Fixes`] of the migration table.
fn upgrade_fix_codes() -> Vec<&'static str> {
    MIGRATIONS
        .iter()
        .filter_map(|m| match m.step {
            Step::Fixes(codes) => Some(codes),
            _ => None,
        })
        .flatten()
        .copied()
        .collect()
}

/// Something the upgrade left for a person to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The key concerned, dotted.
    pub key: String,
    /// 1-based line in the input, 0 when unknown.
    pub line: usize,
    /// What to decide and why.
    pub message: String,
}

/// The result of an upgrade or downgrade.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The new text (equal to the input when nothing changed).
    pub text: String,
    /// What was changed, one line each.
    pub changes: Vec<String>,
    /// What was left for a person to decide.
    pub notes: Vec<Note>,
    /// Errors in the input.
    pub errors_before: usize,
    /// Errors in the result.
    pub errors_after: usize,
}

impl Outcome {
    /// Whether the text changed.
    pub fn changed(&self, original: &str) -> bool {
        self.text != original
    }
}

/// Why a file could not be moved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MoveError {
    /// The file does not parse (or is not UTF-8 text); fix it first.
    Unparsable(String),
    /// The version is not one this tool can move (0.1, future, unknown, missing).
    Version(String),
    /// The result would have more errors than the input; nothing is written.
    Worse {
        /// Errors before.
        before: usize,
        /// Errors after.
        after: usize,
    },
    /// The requested target version cannot be produced.
    Target(String),
}

impl std::fmt::Display for MoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoveError::Unparsable(m) => write!(f, "the file cannot be parsed: {m}"),
            MoveError::Version(m) => write!(f, "{m}"),
            MoveError::Worse { before, after } => write!(
                f,
                "the result would have {after} errors instead of {before}; nothing was changed"
            ),
            MoveError::Target(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for MoveError {}

fn errors(r: &Report) -> usize {
    r.diagnostics.iter().filter(|d| d.is_error()).count()
}

fn check(text: &str) -> Result<(Report, Node), MoveError> {
    let report = validate_str(text, &Options::default());
    match report.tree.clone() {
        Some(tree) => Ok((report, tree)),
        None => Err(MoveError::Unparsable(
            report
                .diagnostics
                .first()
                .map(|d| d.message.clone())
                .unwrap_or_else(|| "empty document".into()),
        )),
    }
}

fn version_of(tree: &Node) -> Result<(VersionStatus, &Node), MoveError> {
    let node = tree
        .get("publiccodeYmlVersion")
        .ok_or_else(|| MoveError::Version("publiccodeYmlVersion is missing".into()))?;
    let v = node
        .as_str()
        .ok_or_else(|| MoveError::Version("publiccodeYmlVersion is not a scalar".into()))?;
    match classify_version(v) {
        s @ (VersionStatus::Latest | VersionStatus::Old(_)) => Ok((s, node)),
        VersionStatus::V0_1 => Err(MoveError::Version(format!(
            "version {v} is 0.1, whose keys differ entirely; it cannot be upgraded automatically"
        ))),
        VersionStatus::Future => Err(MoveError::Version(format!(
            "version {v} is newer than this tool knows"
        ))),
        VersionStatus::Unknown => Err(MoveError::Version(format!("{v:?} is not a version"))),
        _ => Err(MoveError::Version(format!(
            "version {v} is not one this tool can upgrade"
        ))),
    }
}

struct Ctx<'a> {
    src: &'a str,
    index: publiccode::LineIndex,
    edits: Vec<Edit>,
    changes: Vec<String>,
    notes: Vec<Note>,
}

impl Ctx<'_> {
    fn note(&mut self, key: &str, at: usize, message: impl Into<String>) {
        let line = self.index.line_col(at).0;
        self.notes.push(Note {
            key: key.to_string(),
            line,
            message: message.into(),
        });
    }

    /// Deletes a whole entry, or records why it could not.
    fn drop_entry(&mut self, key: &str, entry: &Entry, why: &str) -> bool {
        match entry_lines(self.src, entry) {
            Some(span) => {
                self.edits.push(delete(span));
                self.changes.push(format!("{key}: dropped ({why})"));
                true
            }
            None => {
                self.note(
                    key,
                    entry.key.span.start,
                    format!("{why}, but it is written in flow style; remove it by hand"),
                );
                false
            }
        }
    }

    fn version_value(&self, node: &Node, v: &str) -> String {
        match node.as_scalar().map(|s| s.style) {
            Some(ScalarStyle::SingleQuoted) => format!("'{v}'"),
            _ => format!("\"{v}\""),
        }
    }
}

fn first_pass(src: &str, report: &Report) -> (String, Vec<String>) {
    let codes = upgrade_fix_codes();
    let chosen: Vec<Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| codes.contains(&d.code.as_ref()))
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == publiccode::Applicability::Safe)
        })
        .cloned()
        .collect();
    let (text, _) = publiccode::fix::apply_fixes(src, &chosen, false);
    let changes = chosen
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| format!("{}: {}", d.key, f.title)))
        .collect();
    (text, changes)
}

/// What the `IT` section holds, once judged movable.
struct ItPlan {
    aliases: Vec<String>,
    codice: Option<String>,
    blockers: Vec<String>,
}

fn plan_it(it: &Node) -> ItPlan {
    let mut plan = ItPlan {
        aliases: Vec::new(),
        codice: None,
        blockers: Vec::new(),
    };
    let Some(entries) = it.as_mapping() else {
        if !it.is_null() {
            plan.blockers.push("IT is not a mapping".into());
        }
        return plan;
    };
    let is_true = |n: &Node| {
        n.as_scalar()
            .is_some_and(|s| s.is_plain() && s.value.eq_ignore_ascii_case("true"))
    };
    let is_false = |n: &Node| {
        n.is_null()
            || n.as_scalar()
                .is_some_and(|s| s.is_plain() && s.value.eq_ignore_ascii_case("false"))
    };
    for e in entries {
        match e.key_str() {
            Some("countryExtensionVersion") => {}
            Some("conforme") => {
                if let Some(g) = e.value.get("gdpr") {
                    if is_true(g) {
                        plan.aliases.push("gdpr".into());
                    } else if !is_false(g) {
                        plan.blockers
                            .push("IT.conforme.gdpr is neither true nor false".into());
                    }
                }
            }
            Some("piattaforme") => match e.value.as_mapping() {
                Some(ps) => {
                    for p in ps {
                        let name = p.key_str().unwrap_or("");
                        if !PLATFORM_ALIASES.contains(&name) {
                            plan.blockers
                                .push(format!("IT.piattaforme.{name} is not a known platform"));
                        } else if is_true(&p.value) {
                            plan.aliases.push(name.to_string());
                        } else if !is_false(&p.value) {
                            plan.blockers
                                .push(format!("IT.piattaforme.{name} is neither true nor false"));
                        }
                    }
                }
                None if e.value.is_null() => {}
                None => plan.blockers.push("IT.piattaforme is not a mapping".into()),
            },
            Some("riuso") => match e.value.as_mapping() {
                Some(rs) => {
                    for r in rs {
                        match (r.key_str(), r.value.as_str()) {
                            (Some("codiceIPA"), Some(c)) if !c.trim().is_empty() => {
                                plan.codice = Some(c.trim().to_string())
                            }
                            (Some("codiceIPA"), _) if r.value.is_null() => {}
                            (k, _) => plan
                                .blockers
                                .push(format!("IT.riuso.{} cannot be moved", k.unwrap_or("?"))),
                        }
                    }
                }
                None if e.value.is_null() => {}
                None => plan.blockers.push("IT.riuso is not a mapping".into()),
            },
            k => plan
                .blockers
                .push(format!("IT.{} has no equivalent in 0.7", k.unwrap_or("?"))),
        }
    }
    plan
}

/// Whether every line break of `src` is CRLF (a file written on Windows).
fn is_crlf(src: &str) -> bool {
    let crlf = src.matches("\r\n").count();
    crlf > 0 && crlf == src.matches('\n').count()
}

/// Runs `f` on `src` with LF line breaks and gives the result the line breaks of the
/// input back: a CRLF file stays CRLF, new lines included.
fn keep_line_endings(
    src: &str,
    f: impl FnOnce(&str) -> Result<Outcome, MoveError>,
) -> Result<Outcome, MoveError> {
    if !is_crlf(src) {
        return f(src);
    }
    let lf = src.replace("\r\n", "\n");
    let mut out = f(&lf)?;
    out.text = if out.text == lf {
        src.to_string()
    } else {
        out.text.replace('\n', "\r\n")
    };
    Ok(out)
}

/// Upgrades a publiccode.yml text to the latest version of the standard. Line breaks
/// stay as they were (CRLF files stay CRLF).
pub fn upgrade(src: &str) -> Result<Outcome, MoveError> {
    keep_line_endings(src, upgrade_lf)
}

/// The state of one upgrade: the text after the first pass, its tree, the edits so
/// far, and what the analysis of the `IT` section decided.
struct Upgrade<'a> {
    text: &'a str,
    tree: &'a Node,
    indent: Indent,
    cx: Ctx<'a>,
    /// Whether the `IT` section can be moved and removed.
    it_movable: bool,
    /// `IT.riuso.codiceIPA` to move into `organisation.uri`.
    codice: Option<String>,
    /// `supports` aliases to add.
    aliases: Vec<String>,
    /// New top-level blocks (`organisation`, `supports`) to write where `IT` was.
    new_blocks: String,
}

fn upgrade_lf(src: &str) -> Result<Outcome, MoveError> {
    let (before, tree0) = check(src)?;
    version_of(&tree0)?;
    let errors_before = errors(&before);
    let (text1, mut changes) = first_pass(src, &before);
    let (_, tree) = check(&text1)?;
    let (status, version_node) = version_of(&tree)?;
    if tree.flow {
        return Err(MoveError::Unparsable(
            "the root mapping is in flow style".into(),
        ));
    }
    let mut up = Upgrade {
        text: &text1,
        tree: &tree,
        indent: Indent::detect(&text1, &tree),
        cx: Ctx {
            src: &text1,
            index: publiccode::LineIndex::new(&text1),
            edits: Vec::new(),
            changes: Vec::new(),
            notes: Vec::new(),
        },
        it_movable: false,
        codice: None,
        aliases: Vec::new(),
        new_blocks: String::new(),
    };
    up.analyse_it();
    let mut done: Vec<Step> = Vec::new();
    for m in MIGRATIONS {
        if done.contains(&m.step) {
            continue;
        }
        done.push(m.step);
        match m.step {
            Step::Fixes(_) => {} // the first pass
            Step::DropDeprecated03 => up.drop_deprecated_03(),
            Step::DropAuthorsFile => up.drop_authors_file(),
            Step::Organisation => up.organisation(),
            Step::Supports => up.supports(),
            Step::DropItSection => up.drop_it_section(),
            Step::ContractorsNote => up.contractors_note(),
            Step::Version => up.version(status, version_node),
        }
    }
    let refs: Vec<&Edit> = up.cx.edits.iter().collect();
    let text = publiccode::fix::apply_edits(&text1, &refs);
    changes.extend(up.cx.changes);
    finish(src, text, changes, up.cx.notes, errors_before)
}

impl Upgrade<'_> {
    fn drop_deprecated_03(&mut self) {
        let tree = self.tree;
        for e in tree.as_mapping().unwrap_or(&[]) {
            match e.key_str() {
                Some(k @ ("inputTypes" | "outputTypes")) => {
                    self.cx.drop_entry(k, e, "deprecated since 0.3");
                }
                Some("monochromeLogo") if tree.get("logo").is_none() && !e.value.is_null() => {
                    self.cx.edits.push(replace(e.key.span, "logo"));
                    self.cx
                        .changes
                        .push("monochromeLogo: renamed to logo (there was no logo)".into());
                }
                Some("monochromeLogo") => {
                    self.cx
                        .drop_entry("monochromeLogo", e, "deprecated since 0.3");
                }
                _ => {}
            }
        }
        if let Some(desc) = tree.get("description").and_then(Node::as_mapping) {
            for lang in desc {
                if let Some(g) = lang.value.entry("genericName") {
                    let key = format!("description.{}.genericName", lang.key_str().unwrap_or("?"));
                    self.cx.drop_entry(&key, g, "deprecated since 0.3");
                }
            }
        }
    }

    fn drop_authors_file(&mut self) {
        if let Some(a) = self.tree.get("legal").and_then(|l| l.entry("authorsFile")) {
            self.cx
                .drop_entry("legal.authorsFile", a, "deprecated since 0.4");
        }
    }

    /// Decides what of the `IT` section can move (and notes what cannot).
    fn analyse_it(&mut self) {
        let tree = self.tree;
        let it_entry = tree.entry("IT");
        if let Some(lower) = tree.entry("it") {
            self.cx.note(
                "it",
                lower.key.span.start,
                "both `it` and `IT` are present: merge them by hand, then run upgrade again",
            );
        }
        let mut plan = it_entry.map(|e| plan_it(&e.value));
        // Whether IT.riuso.codiceIPA agrees with an existing organisation.
        if let (Some(p), Some(org)) = (plan.as_mut(), tree.entry("organisation"))
            && let Some(c) = &p.codice
        {
            let urn = format!("urn:x-italian-pa:{c}");
            let uri = org.value.get("uri").and_then(Node::as_str);
            if uri.is_some_and(|u| u.eq_ignore_ascii_case(&urn)) {
                p.codice = None;
            } else {
                p.blockers.push(format!(
                    "IT.riuso.codiceIPA ({c}) differs from organisation.uri ({}); choose one",
                    uri.unwrap_or("missing")
                ));
            }
        }
        self.it_movable = match (it_entry, &plan) {
            (Some(e), Some(p)) if p.blockers.is_empty() => entry_lines(self.text, e).is_some(),
            _ => false,
        };
        if let (Some(e), Some(p)) = (it_entry, &plan) {
            for b in &p.blockers {
                self.cx.note(
                    "IT",
                    e.key.span.start,
                    format!("{b}; the IT section was kept"),
                );
            }
        }
        if self.it_movable
            && let Some(p) = plan
        {
            self.codice = p.codice;
            self.aliases = p.aliases;
        }
    }

    /// `IT.riuso.codiceIPA` and `legal.repoOwner` into `organisation`.
    fn organisation(&mut self) {
        let org_entry = self.tree.entry("organisation");
        let repo_owner = self
            .tree
            .get("legal")
            .and_then(|l| l.entry("repoOwner"))
            .filter(|e| !e.value.is_null());
        match (org_entry, &self.codice) {
            (None, Some(c)) => {
                self.new_blocks.push_str(&format!(
                    "organisation:\n{}uri: {}\n",
                    self.indent.pad(1),
                    quote(&format!("urn:x-italian-pa:{c}"))
                ));
                self.cx.changes.push(format!(
                    "IT.riuso.codiceIPA: became organisation.uri: urn:x-italian-pa:{c}"
                ));
                if let Some(r) = repo_owner
                    && let Some(name) = scalar_text(self.text, &r.value)
                {
                    self.new_blocks
                        .push_str(&format!("{}name: {name}\n", self.indent.pad(1)));
                    if self
                        .cx
                        .drop_entry("legal.repoOwner", r, "moved to organisation.name")
                    {
                        self.cx.changes.pop();
                        self.cx
                            .changes
                            .push("legal.repoOwner: became organisation.name".into());
                    }
                }
            }
            (None, None) => {
                if let Some(r) = repo_owner {
                    self.cx.note(
                        "legal.repoOwner",
                        r.key.span.start,
                        "deprecated: move it to organisation.name, with organisation.uri identifying the organisation \
(a URL, or urn:x-italian-pa:<iPA code>); no URI is known, so it was kept",
                    );
                }
            }
            (Some(org), _) => {
                if let Some(r) = repo_owner {
                    let owner = r.value.as_str().unwrap_or("").trim();
                    match org.value.get("name").and_then(Node::as_str) {
                        Some(n) if n.trim() == owner => {
                            self.cx.drop_entry("legal.repoOwner", r, "the same as organisation.name");
                        }
                        Some(n) => self.cx.note(
                            "legal.repoOwner",
                            r.key.span.start,
                            format!("deprecated, and it differs from organisation.name ({n}); choose one and remove it"),
                        ),
                        None => match (org.value.as_mapping().and_then(|m| m.first()), org.value.flow) {
                            (Some(first), false) if edit::column(self.text, first.key.span.start) > 0 => {
                                let at = edit::line_start(self.text, first.key.span.start);
                                let pad = " ".repeat(edit::column(self.text, first.key.span.start));
                                let name = scalar_text(self.text, &r.value).unwrap_or_else(|| quote(owner));
                                if self.cx.drop_entry("legal.repoOwner", r, "moved to organisation.name") {
                                    self.cx.edits.push(replace(Span::point(at), format!("{pad}name: {name}\n")));
                                    self.cx.changes.pop();
                                    self.cx.changes.push("legal.repoOwner: became organisation.name".into());
                                }
                            }
                            _ => self.cx.note(
                                "legal.repoOwner",
                                r.key.span.start,
                                "deprecated: move it to organisation.name by hand (organisation is in flow style)",
                            ),
                        },
                    }
                }
            }
        }
    }

    /// `IT.piattaforme` and `IT.conforme.gdpr` into `supports`.
    fn supports(&mut self) {
        let supports = self.tree.entry("supports");
        let present: Vec<String> = supports
            .and_then(|s| s.value.as_sequence())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.get("id").and_then(Node::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mut new_ids: Vec<String> = Vec::new();
        for a in &self.aliases {
            let id = format!("alias:{a}");
            if !present.contains(&id) && !new_ids.contains(&id) {
                new_ids.push(id);
            }
        }
        if !new_ids.is_empty() {
            self.cx
                .changes
                .push(format!("IT: became supports {}", new_ids.join(", ")));
            let dash = " ".repeat(self.indent.seq);
            match supports {
                None => {
                    self.new_blocks.push_str("supports:\n");
                    for id in &new_ids {
                        self.new_blocks.push_str(&format!("{dash}- id: {id}\n"));
                    }
                }
                Some(s) => match (&s.value.kind, s.value.flow) {
                    (NodeKind::Sequence(items), false) if !items.is_empty() => {
                        self.append_block_items(&items[items.len() - 1], &new_ids, &dash);
                    }
                    (NodeKind::Sequence(items), true)
                        if self
                            .text
                            .get(..s.value.span.end)
                            .is_some_and(|t| t.ends_with(']')) =>
                    {
                        let at = s.value.span.end - 1;
                        let sep = if items.is_empty() { "" } else { ", " };
                        let add: Vec<String> =
                            new_ids.iter().map(|id| format!("{{id: {id}}}")).collect();
                        self.cx
                            .edits
                            .push(replace(Span::point(at), format!("{sep}{}", add.join(", "))));
                    }
                    _ => {
                        self.cx.changes.pop();
                        self.cx.note(
                            "supports",
                            s.key.span.start,
                            format!("add {} to supports by hand", new_ids.join(", ")),
                        );
                    }
                },
            }
        }
    }

    /// Appends `- id: …` items after `last`, the last item of a block sequence, at its
    /// indentation (`dash` when it cannot be read).
    fn append_block_items(&mut self, last: &Node, new_ids: &[String], dash: &str) {
        let ls = edit::line_start(self.text, last.span.start);
        let prefix = self
            .text
            .get(ls..last.span.start)
            .and_then(|p| p.find('-'))
            .map_or(dash.to_string(), |d| " ".repeat(d));
        let at = after_entry(
            self.text,
            &Entry {
                key: last.clone(),
                value: last.clone(),
            },
        );
        let mut add = String::new();
        if !self.text.get(..at).is_some_and(|t| t.ends_with('\n')) {
            add.push('\n');
        }
        for id in new_ids {
            add.push_str(&format!("{prefix}- id: {id}\n"));
        }
        self.cx.edits.push(replace(Span::point(at), add));
    }

    /// Removes the moved `IT` section, putting the new blocks where it was.
    fn drop_it_section(&mut self) {
        if self.it_movable
            && let Some((e, span)) = self
                .tree
                .entry("IT")
                .and_then(|e| entry_lines(self.text, e).map(|s| (e, s)))
        {
            let _ = e;
            let mut text = self.new_blocks.clone();
            if span.end == self.text.len() && !self.text.ends_with('\n') && !text.is_empty() {
                text.insert(0, '\n');
            }
            self.cx.edits.push(replace(span, text));
            self.cx
                .changes
                .push("IT: dropped (deprecated since 0.7; its content was moved)".into());
            self.new_blocks.clear();
        }
        if !self.new_blocks.is_empty() {
            let mut add = String::new();
            if !self.text.ends_with('\n') {
                add.push('\n');
            }
            add.push_str(&self.new_blocks);
            self.cx
                .edits
                .push(replace(Span::point(self.text.len()), add));
        }
    }

    /// Contractors on a non-contract maintenance cannot be fixed safely.
    fn contractors_note(&mut self) {
        if let Some(m) = self.tree.get("maintenance")
            && let (Some(c), Some(t)) =
                (m.entry("contractors"), m.get("type").and_then(Node::as_str))
            && t != "contract"
        {
            self.cx.note("maintenance.contractors", c.key.span.start, format!("contractors must not be present unless type is contract (it is {t}); decide which is right"));
        }
    }

    fn version(&mut self, status: VersionStatus, version_node: &Node) {
        if let VersionStatus::Old(_) = status {
            let span = version_node.span;
            let new = self.cx.version_value(version_node, RECOMMENDED);
            self.cx.edits.push(replace(span, new));
            self.cx.changes.push(format!(
                "publiccodeYmlVersion: {} became \"{RECOMMENDED}\"",
                version_node.as_str().unwrap_or("")
            ));
        }
    }
}

fn finish(
    src: &str,
    text: String,
    changes: Vec<String>,
    notes: Vec<Note>,
    errors_before: usize,
) -> Result<Outcome, MoveError> {
    let after = validate_str(&text, &Options::default());
    let errors_after = errors(&after);
    if errors_after > errors_before {
        return Err(MoveError::Worse {
            before: errors_before,
            after: errors_after,
        });
    }
    let changes = if text == src { Vec::new() } else { changes };
    Ok(Outcome {
        text,
        changes,
        notes,
        errors_before,
        errors_after,
    })
}

/// Moves a file of the latest version back to an older one, for consumers that cannot
/// read it yet. Only 0.5 and 0.6 (identical standards) are supported targets: the
/// `supports` list is removed and its aliases for Italian platforms and the GDPR are
/// put back as `IT.piattaforme.*` and `IT.conforme.gdpr`; other items have no
/// equivalent and are reported. Line breaks stay as they were.
pub fn downgrade(src: &str, target: Version) -> Result<Outcome, MoveError> {
    keep_line_endings(src, |s| downgrade_lf(s, target))
}

/// The 0.5 `IT` section that holds the GDPR flag and the Italian platforms.
fn it_block(indent: &Indent, gdpr: bool, platforms: &[String]) -> String {
    let u = indent.pad(1);
    let mut block = format!("IT:\n{u}countryExtensionVersion: \"1.0\"\n");
    if gdpr {
        block.push_str(&format!("{u}conforme:\n{u}{u}gdpr: true\n"));
    }
    if !platforms.is_empty() {
        block.push_str(&format!("{u}piattaforme:\n"));
        for p in platforms {
            block.push_str(&format!("{u}{u}{p}: true\n"));
        }
    }
    block
}

fn downgrade_lf(src: &str, target: Version) -> Result<Outcome, MoveError> {
    if !matches!(target, Version::V0_5 | Version::V0_6) {
        return Err(MoveError::Target(format!(
            "downgrading to {} is not supported; 0.5 is",
            target.as_str()
        )));
    }
    let (before, tree) = check(src)?;
    let (_, version_node) = version_of(&tree)?;
    let errors_before = errors(&before);
    let indent = Indent::detect(src, &tree);
    let mut cx = Ctx {
        src,
        index: publiccode::LineIndex::new(src),
        edits: Vec::new(),
        changes: Vec::new(),
        notes: Vec::new(),
    };
    let mut platforms: Vec<String> = Vec::new();
    let mut gdpr = false;
    if let Some(s) = tree.entry("supports") {
        let ids: Vec<String> = s
            .value
            .as_sequence()
            .unwrap_or(&[])
            .iter()
            .filter_map(|i| i.get("id").and_then(Node::as_str).map(str::to_string))
            .collect();
        let mut lost = Vec::new();
        for id in &ids {
            match id.strip_prefix("alias:") {
                Some("gdpr") => gdpr = true,
                Some(p) if PLATFORM_ALIASES.contains(&p) => platforms.push(p.to_string()),
                _ => lost.push(id.clone()),
            }
        }
        let has_it = tree.entry("IT").or_else(|| tree.entry("it")).is_some();
        if has_it && (gdpr || !platforms.is_empty()) {
            cx.note(
                "supports",
                s.key.span.start,
                "an IT section exists already: merge supports into it by hand; supports was kept",
            );
            platforms.clear();
            gdpr = false;
        } else if cx.drop_entry("supports", s, "0.5 has no supports") {
            if !lost.is_empty() {
                cx.note(
                    "supports",
                    s.key.span.start,
                    format!("{}: no equivalent in 0.5, removed", lost.join(", ")),
                );
            }
        } else {
            platforms.clear();
            gdpr = false;
        }
    }
    if gdpr || !platforms.is_empty() {
        let block = it_block(&indent, gdpr, &platforms);
        let mut add = String::new();
        if !src.is_empty() && !src.ends_with('\n') {
            add.push('\n');
        }
        add.push_str(&block);
        cx.edits.push(replace(Span::point(src.len()), add));
        cx.changes.push("supports: became the IT section".into());
    }
    let v = target.as_str();
    if version_node.as_str() != Some(v) {
        let new = cx.version_value(version_node, v);
        cx.edits.push(replace(version_node.span, new));
        cx.changes
            .push(format!("publiccodeYmlVersion: became \"{v}\""));
    }
    let _ = line_end;
    let refs: Vec<&Edit> = cx.edits.iter().collect();
    let text = publiccode::fix::apply_edits(src, &refs);
    finish(src, text, cx.changes, cx.notes, errors_before)
}
