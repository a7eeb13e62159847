//! Running one rule over a descriptor: one function per rule kind, each returning what
//! it found (key, place, the particular case).

use publiccode::yaml::{Node, NodeKind};

use super::{Check, Context, Finding, LicencePolicy, NodeType, Rule, Terms};
use crate::licexpr::{self, Tree};
use crate::tree::{glob, is_present, nearest_span, resolve};

impl Rule {
    /// What the rule finds in the descriptor `root`.
    pub(crate) fn findings(&self, root: &Node, cx: &Context<'_>) -> Vec<Finding> {
        match &self.check {
            Check::RequiredKeys(keys) => required_keys(root, keys),
            Check::AbsentKeys(keys) => absent_keys(root, keys),
            Check::Languages { required, min } => languages(root, required, *min),
            Check::License(policy) => licence(root, policy, cx),
            Check::OrganisationUri {
                patterns,
                ipa,
                required,
                list,
            } => organisation_uri(root, patterns, *ipa, *required, list.as_deref(), cx),
            Check::RepoFiles(files) => repo_files(files, cx),
            Check::UrlHost {
                key,
                hosts,
                min_path_segments,
            } => url_host(root, key, hosts, *min_path_segments),
            Check::Value {
                key,
                one_of,
                patterns,
                forbid_patterns,
                max_items,
            } => value(root, key, one_of, patterns, forbid_patterns, *max_items),
            Check::Shape { key, ty, keys } => shape(root, key, *ty, keys),
            Check::FileName { names, at_root } => file_name(names, *at_root, cx),
            Check::RepositoryUrl {
                key,
                fork_message,
                fork_severity,
            } => repository_url(root, key, fork_message, *fork_severity, cx),
        }
    }
}

fn required_keys(root: &Node, keys: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    for k in keys {
        let found = resolve(root, k);
        if !found.iter().any(|(_, n)| is_present(n)) {
            let span = found
                .first()
                .map(|(_, n)| n.span)
                .unwrap_or_else(|| nearest_span(root, k));
            out.push(Finding::at(k.clone(), span, format!("`{k}` is missing")));
        }
    }
    out
}

fn shape(root: &Node, key: &str, ty: Option<NodeType>, keys: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (path, n) in resolve(root, key) {
        if let Some(ty) = ty {
            let actual = match &n.kind {
                _ if n.is_null() => None,
                NodeKind::Sequence(_) => Some(NodeType::List),
                NodeKind::Mapping(_) => Some(NodeType::Mapping),
                NodeKind::Scalar(_) => Some(NodeType::Scalar),
            };
            if let Some(actual) = actual.filter(|a| *a != ty) {
                let detail = format!("`{path}` is a {}, not a {}", actual.name(), ty.name());
                out.push(Finding::at(path.clone(), n.span, detail));
                continue;
            }
        }
        // Keys are looked for in a mapping, or an empty item (which has none of them);
        // another type is the standard's type error.
        if !(n.is_null() || n.as_mapping().is_some()) {
            continue;
        }
        let at = publiccode::Span::point(n.span.start);
        for k in keys {
            if !n.get(k).is_some_and(is_present) {
                let p = path.clone().key(k);
                let detail = format!("`{p}` is missing");
                let span = n.entry(k).map_or(at, |e| e.key.span);
                out.push(Finding::at(p, span, detail));
            }
        }
    }
    out
}

fn absent_keys(root: &Node, keys: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    for k in keys {
        for (path, n) in resolve(root, k) {
            let detail = format!("`{path}` is present");
            out.push(Finding::at(path, n.span, detail));
        }
    }
    out
}

fn languages(root: &Node, required: &[String], min: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    let desc = root.get("description");
    let langs: Vec<&str> = desc
        .and_then(|d| d.as_mapping())
        .map(|m| m.iter().filter_map(|e| e.key_str()).collect())
        .unwrap_or_default();
    let span = root
        .entry("description")
        .map(|e| e.key.span)
        .unwrap_or_else(|| nearest_span(root, "description"));
    for l in required {
        if !langs.iter().any(|x| x.eq_ignore_ascii_case(l)) {
            out.push(Finding::at(
                format!("description.{l}"),
                span,
                format!("no `description.{l}`"),
            ));
        }
    }
    if langs.len() < min {
        let detail = format!(
            "{}, at least {min} expected",
            count(langs.len(), "language")
        );
        out.push(Finding::at("description", span, detail));
    }
    out
}

/// What a licence rule found in `legal.license`, judged on the terms its policy says.
fn licence(root: &Node, policy: &LicencePolicy, cx: &Context<'_>) -> Vec<Finding> {
    let Some(node) = root.get("legal").and_then(|l| l.get("license")) else {
        return Vec::new();
    };
    let Some(text) = node.as_str() else {
        return Vec::new();
    };
    let Some(whole) = licexpr::parse(text) else {
        return Vec::new(); // PC310 already says why
    };
    let judged = match policy.terms {
        Terms::Code => licexpr::code_term(&whole),
        Terms::All => whole.clone(),
    };
    let shown = if judged == whole {
        format!("`{text}`")
    } else {
        format!("the code licence `{}`", licexpr::render(&judged))
    };
    let key = "legal.license";
    let mut out = Vec::new();
    if policy.single_id
        && (text.contains('+') || !matches!(whole, Tree::Term(ref r) if r.addition.is_none()))
    {
        let detail = format!("`{text}` is an expression, not a single identifier");
        out.push(Finding::at(key, node.span, detail));
    }
    if let Some(d) = blocked(&judged, policy, cx) {
        out.push(Finding::at(key, node.span, format!("{shown} {d}")));
    }
    if let Some(d) = not_allowed(&judged, policy, cx) {
        out.push(Finding::at(key, node.span, format!("{shown} {d}")));
    }
    if (policy.osi || policy.fsf) && !licexpr::satisfiable(&judged, &|r| open(r, policy)) {
        let what = match (policy.osi, policy.fsf) {
            (true, true) => "OSI-approved or FSF-libre",
            (true, false) => "OSI-approved",
            _ => "FSF-libre",
        };
        out.push(Finding::at(
            key,
            node.span,
            format!("{shown} is not {what}"),
        ));
    }
    out
}

fn open(r: &spdx::LicenseReq, policy: &LicencePolicy) -> bool {
    match &r.license {
        spdx::LicenseItem::Spdx { id, .. } => {
            (policy.osi && id.is_osi_approved()) || (policy.fsf && id.is_fsf_free_libre())
        }
        spdx::LicenseItem::Other(_) => false,
    }
}

/// Whether an id is on the inline list or one of the named data lists.
fn on_lists(id: &str, inline: &[String], lists: &[String], cx: &Context<'_>) -> bool {
    inline.iter().any(|a| a.eq_ignore_ascii_case(id))
        || lists
            .iter()
            .filter_map(|n| cx.lists.get(n))
            .any(|l| l.contains(id))
}

fn blocked(t: &Tree, policy: &LicencePolicy, cx: &Context<'_>) -> Option<String> {
    if policy.blocked.is_empty() && policy.blocked_lists.is_empty() {
        return None;
    }
    let bad = |r: &spdx::LicenseReq| {
        licexpr::listed(r, &|id| {
            on_lists(id, &policy.blocked, &policy.blocked_lists, cx)
        })
    };
    if licexpr::avoidable(t, &bad) {
        return None;
    }
    let names = terms(t)
        .into_iter()
        .filter(|r| bad(r))
        .map(|r| r.to_string());
    Some(format!(
        "needs {}, which is not accepted",
        names.collect::<Vec<_>>().join(", ")
    ))
}

fn not_allowed(t: &Tree, policy: &LicencePolicy, cx: &Context<'_>) -> Option<String> {
    let available = policy
        .allowed_lists
        .iter()
        .any(|n| cx.lists.get(n).is_some());
    if policy.allowed.is_empty() && !available {
        return None; // only lists the user has not supplied
    }
    let ok = |r: &spdx::LicenseReq| {
        licexpr::listed(r, &|id| {
            on_lists(id, &policy.allowed, &policy.allowed_lists, cx)
        })
    };
    if licexpr::satisfiable(t, &ok) {
        return None;
    }
    if policy.allowed_lists.is_empty() {
        return Some(format!("is not covered by: {}", policy.allowed.join(", ")));
    }
    let missing: Vec<String> = terms(t)
        .into_iter()
        .filter(|r| !ok(r))
        .map(|r| r.to_string())
        .collect();
    Some(format!(
        "needs {}, which is not on the list",
        missing.join(", ")
    ))
}

/// Every term of a tree, in order.
fn terms(t: &Tree) -> Vec<&spdx::LicenseReq> {
    match t {
        Tree::Term(r) => vec![r],
        Tree::And(v) | Tree::Or(v) => v.iter().flat_map(terms).collect(),
    }
}

fn organisation_uri(
    root: &Node,
    patterns: &[String],
    ipa: bool,
    required: bool,
    list: Option<&str>,
    cx: &Context<'_>,
) -> Vec<Finding> {
    let key = "organisation.uri";
    let node = root.get("organisation").and_then(|o| o.get("uri"));
    let Some((n, uri)) = node.and_then(|n| n.as_str().map(|s| (n, s))) else {
        if required {
            let span = nearest_span(root, key);
            return vec![Finding::at(key, span, "`organisation.uri` is missing")];
        }
        return Vec::new();
    };
    if !patterns.is_empty() && !patterns.iter().any(|p| glob(p, uri)) {
        let detail = format!("`{uri}` does not match {}", patterns.join(" or "));
        return vec![Finding::at(key, n.span, detail)];
    }
    if let Some(l) = list.and_then(|name| cx.lists.get(name).map(|l| (name, l)))
        && !l.1.contains(uri.trim_end_matches('/'))
    {
        let detail = format!("`{uri}` is not on the list `{}` ({})", l.0, l.1.source);
        return vec![Finding::at(key, n.span, detail)];
    }
    if let (true, Some(code)) = (ipa, publiccode::checks::url::italian_pa_code(uri)) {
        // A malformed code is reported by the core (PC318), and so is an unknown one
        // (PC321): this is for profiles that want their own code on it.
        let codes = cx
            .ipa_codes
            .unwrap_or_else(|| publiccode::checks::ipa::IpaCodes::builtin());
        if publiccode::checks::url::is_ipa_code(code) && !codes.contains(code) {
            let detail = format!("`{code}` is not in the iPA code list");
            return vec![Finding::at(key, n.span, detail)];
        }
    }
    Vec::new()
}

/// The names in the repository root; `None` without a repository.
fn root_names(cx: &Context<'_>) -> Option<Vec<String>> {
    let repo = cx.repo?;
    Some(
        repo.list("")
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.name)
            .collect(),
    )
}

/// Largest repository file a rule reads (a git config).
const MAX_REPO_FILE: usize = 1 << 20;

/// A file of the repository, by its path relative to the root, read through
/// [`publiccode::Resources`] (so a `gitdir:` that leads out of the repository is not
/// followed when the source confines reads to it, as `DirResources` does).
fn read_repo_file(cx: &Context<'_>, relative: &str) -> Option<String> {
    let buf = cx.repo?.read(relative, MAX_REPO_FILE).ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// How many folders to look up for the checkout's `.git` (a descriptor deep in a
/// repository is unusual; reads stay confined to the repository anyway).
const MAX_LEVELS_UP: usize = 8;

/// The checkout holding the descriptor: how many folders up its root is (0: the
/// descriptor's own folder) and its git config, from `.git/config` or through the
/// `gitdir:` of a `.git` file (worktrees, submodules) and its `commondir`. `None`
/// when no git folder can be read.
fn checkout(cx: &Context<'_>) -> Option<(usize, String)> {
    (0..=MAX_LEVELS_UP).find_map(|up| {
        let prefix = "../".repeat(up);
        git_config_at(cx, &prefix).map(|c| (up, c))
    })
}

fn git_config_at(cx: &Context<'_>, prefix: &str) -> Option<String> {
    if let Some(c) = read_repo_file(cx, &format!("{prefix}.git/config")) {
        return Some(c);
    }
    let pointer = read_repo_file(cx, &format!("{prefix}.git"))?;
    let gitdir = pointer
        .lines()
        .find_map(|l| l.strip_prefix("gitdir:"))?
        .trim()
        .to_string();
    let gitdir = if gitdir.starts_with('/') || gitdir.contains(':') {
        gitdir
    } else {
        format!("{prefix}{gitdir}")
    };
    if let Some(common) = read_repo_file(cx, &format!("{gitdir}/commondir")) {
        let common = common.trim();
        if let Some(c) = read_repo_file(cx, &format!("{gitdir}/{common}/config")) {
            return Some(c);
        }
    }
    read_repo_file(cx, &format!("{gitdir}/config"))
}

fn repository_url(
    root: &Node,
    key: &str,
    fork_message: &str,
    fork_severity: publiccode::Severity,
    cx: &Context<'_>,
) -> Vec<Finding> {
    let Some((_, config)) = checkout(cx) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, n) in resolve(root, key) {
        let Some(url) = n.as_str() else { continue };
        match crate::repo_url::relate(url, &config) {
            None | Some(crate::repo_url::Relation::Same) => {}
            Some(crate::repo_url::Relation::Elsewhere { own }) => {
                let detail = format!("`{url}`, but this checkout's remote is `{own}`");
                out.push(Finding::at(path, n.span, detail));
            }
            Some(crate::repo_url::Relation::Fork { own }) => out.push(Finding {
                message: Some(fork_message.to_string()),
                severity: Some(fork_severity),
                ..Finding::at(
                    path,
                    n.span,
                    format!("`{url}`, but this checkout is `{own}`"),
                )
            }),
        }
    }
    out
}

fn repo_files(files: &[String], cx: &Context<'_>) -> Vec<Finding> {
    let Some(names) = root_names(cx) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for alt in files {
        let ok = alt
            .split('|')
            .any(|pat| names.iter().any(|n| glob(pat.trim(), n)));
        if !ok {
            out.push(Finding {
                detail: Some(format!(
                    "no {} in the repository root",
                    alt.replace('|', " or ")
                )),
                ..Finding::default()
            });
        }
    }
    out
}

fn url_host(root: &Node, key: &str, hosts: &[String], min_segments: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    for (path, n) in resolve(root, key) {
        let Some(s) = n.as_str() else { continue };
        let Ok(u) = url::Url::parse(s) else { continue };
        let host = u.host_str().unwrap_or("");
        if !hosts.is_empty() && !hosts.iter().any(|h| glob(h, host)) {
            let detail = format!("host `{host}` is not {}", hosts.join(" or "));
            out.push(Finding::at(path, n.span, detail));
            continue;
        }
        let segs = u
            .path_segments()
            .map(|s| s.filter(|x| !x.is_empty()).count())
            .unwrap_or(0);
        if segs < min_segments {
            let detail = format!(
                "`{s}` has {}, at least {min_segments} expected",
                count(segs, "path segment")
            );
            out.push(Finding::at(path, n.span, detail));
        }
    }
    out
}

fn value(
    root: &Node,
    key: &str,
    one_of: &[String],
    patterns: &[String],
    forbid: &[String],
    max_items: Option<usize>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (path, n) in resolve(root, key) {
        if let (Some(max), Some(items)) = (max_items, n.as_sequence())
            && items.len() > max
        {
            let detail = format!("{} items, at most {max}", items.len());
            out.push(Finding::at(path.clone(), n.span, detail));
        }
        let values: Vec<&Node> = match &n.kind {
            NodeKind::Sequence(items) => items.iter().collect(),
            NodeKind::Scalar(_) => vec![n],
            NodeKind::Mapping(_) => Vec::new(),
        };
        for v in values {
            let Some(s) = v.as_str() else { continue };
            let detail = if !one_of.is_empty() && !one_of.iter().any(|o| o == s) {
                Some(format!("`{s}` is not one of {}", one_of.join(", ")))
            } else if !patterns.is_empty() && !patterns.iter().any(|p| glob(p, s)) {
                Some(format!("`{s}` does not match {}", patterns.join(" or ")))
            } else {
                forbid
                    .iter()
                    .find(|p| glob(p, s))
                    .map(|p| format!("`{s}` matches `{p}`"))
            };
            if let Some(d) = detail {
                out.push(Finding::at(path.clone(), v.span, d));
            }
        }
    }
    out
}

fn file_name(names: &[String], at_root: bool, cx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(f) = cx.file_name
        && !names.iter().any(|n| n == f)
    {
        out.push(Finding {
            detail: Some(format!("the file is named `{f}`")),
            ..Finding::default()
        });
    }
    if at_root && let Some((up @ 1.., _)) = checkout(cx) {
        out.push(Finding {
            detail: Some(format!(
                "the file is not at the repository root, which is {} up",
                count(up, "folder")
            )),
            ..Finding::default()
        });
    }
    out
}

/// "1 folder", "2 folders": one plural style in every message.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
