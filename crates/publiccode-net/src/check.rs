//! The network checks of one descriptor: which values are checked, how, and the
//! diagnostics they give.
//!
//! `url` is checked first (it may tell the default branch, which relative image paths
//! need outside a checkout); the other URLs are then checked concurrently, bounded by
//! the fetcher's limits.

use std::sync::Mutex;

use publiccode::checks::image::{ImageKind, check_image};
use publiccode::yaml::Node;
use publiccode::{Diagnostic, Fix, KeyPath, Report, Severity, Span};
use url::Url;

use crate::fetch::{FetchError, Fetcher, Method};
use crate::forge::{self, ForgeKind, Repo};
use crate::probe::{self, Reach, status_text};
use crate::rules::code;

/// Bytes of a remote image that are downloaded and checked (the same amount the core
/// reads of a local file).
pub const IMAGE_HEAD: u64 = 64 * 1024;

/// Largest oEmbed answer read.
pub const OEMBED_MAX: u64 = 256 * 1024;

/// What one value is checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Link,
    Image,
    Video,
}

/// One value to check: its key path, where it is, and its text.
#[derive(Debug, Clone)]
struct Target {
    key: KeyPath,
    span: Span,
    value: String,
    kind: Kind,
}

/// What the repository check learnt about `url`.
#[derive(Debug, Clone, Default)]
struct RepoInfo {
    repo: Option<Repo>,
    branch: Option<String>,
}

/// Per-file settings of [`check_report`].
#[derive(Debug, Clone, Default)]
pub struct FileContext {
    /// Whether relative logo/screenshot paths are fetched from the repository (or the
    /// base URL) instead of being left to the local file checks: true outside a
    /// checkout.
    pub remote_relative: bool,
    /// Relative paths are resolved against this URL when given.
    pub base_url: Option<Url>,
    /// Every video is checked at this oEmbed endpoint instead of its provider's.
    pub oembed_endpoint: Option<Url>,
}

fn push_str(out: &mut Vec<Target>, key: KeyPath, node: &Node, kind: Kind) {
    if let Some(s) = node.as_str() {
        let v = s.trim();
        if !v.is_empty() {
            out.push(Target {
                key,
                span: node.span,
                value: v.to_string(),
                kind,
            });
        }
    }
}

fn targets(root: &Node) -> (Option<Target>, Vec<Target>) {
    let mut out = Vec::new();
    let repo = root.get("url").and_then(|n| {
        let mut v = Vec::new();
        push_str(&mut v, KeyPath::root().key("url"), n, Kind::Link);
        v.pop()
    });
    for k in ["landingURL", "roadmap"] {
        if let Some(n) = root.get(k) {
            push_str(&mut out, KeyPath::root().key(k), n, Kind::Link);
        }
    }
    for k in ["logo", "monochromeLogo"] {
        if let Some(n) = root.get(k) {
            push_str(&mut out, KeyPath::root().key(k), n, Kind::Image);
        }
    }
    if let Some(desc) = root.get("description").and_then(Node::as_mapping) {
        for e in desc {
            let Some(lang) = e.key_str() else { continue };
            let base = KeyPath::root().key("description").lang(lang);
            for k in ["documentation", "apiDocumentation"] {
                if let Some(n) = e.value.get(k) {
                    push_str(&mut out, base.clone().key(k), n, Kind::Link);
                }
            }
            for (k, kind) in [("screenshots", Kind::Image), ("videos", Kind::Video)] {
                if let Some(items) = e.value.get(k).and_then(Node::as_sequence) {
                    for (i, n) in items.iter().enumerate() {
                        push_str(&mut out, base.clone().key(k).index(i), n, kind);
                    }
                }
            }
        }
    }
    if let Some(items) = root
        .get("maintenance")
        .and_then(|m| m.get("contractors"))
        .and_then(Node::as_sequence)
    {
        for (i, c) in items.iter().enumerate() {
            if let Some(n) = c.get("website") {
                let key = KeyPath::root()
                    .key("maintenance")
                    .key("contractors")
                    .index(i)
                    .key("website");
                push_str(&mut out, key, n, Kind::Link);
            }
        }
    }
    (repo, out)
}

fn http_url(s: &str) -> Option<Url> {
    let u = Url::parse(s).ok()?;
    (matches!(u.scheme(), "http" | "https") && u.host_str().is_some()).then_some(u)
}

/// Runs every network check on a validated descriptor. Nothing is returned for a file
/// that did not parse.
pub fn check_report(fetcher: &Fetcher, report: &Report, cx: &FileContext) -> Vec<Diagnostic> {
    let (Some(root), Some(index)) = (&report.tree, report.line_index()) else {
        return Vec::new();
    };
    let (repo_target, others) = targets(root);
    let out = Mutex::new(Vec::new());
    let emit = |d: Diagnostic, span: Span| {
        out.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(d.at(span, &index));
    };
    let info = match &repo_target {
        Some(t) => check_repository(fetcher, t, &emit),
        None => RepoInfo::default(),
    };
    let workers = fetcher.options().concurrency.clamp(1, 16).min(others.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(t) = others.get(i) else { break };
                    match t.kind {
                        Kind::Link => check_link(fetcher, t, &emit),
                        Kind::Image => check_image_target(fetcher, t, &info, cx, &emit),
                        Kind::Video => check_video(fetcher, t, cx, &emit),
                    }
                }
            });
        }
    });
    let mut out = out.into_inner().unwrap_or_else(|e| e.into_inner());
    out.sort_by_key(|d| (d.line, d.column, d.code.clone()));
    out
}

type Emit<'a> = dyn Fn(Diagnostic, Span) + Sync + 'a;

fn diag(code: &'static str, sev: Severity, key: impl Into<KeyPath>, msg: String) -> Diagnostic {
    Diagnostic::new(code, sev, key, msg)
}

/// Reports a failed fetch; `what` names the thing (`'https://…'`).
fn report_failure(e: &FetchError, t: &Target, what: &str, emit: &Emit<'_>) {
    let (code, sev, help) = match e {
        FetchError::Dns { .. } => (code::HOST_NOT_FOUND, Severity::Error, None),
        FetchError::Connect(_) | FetchError::BadUrl(_) => {
            (code::UNREACHABLE, Severity::Error, None)
        }
        FetchError::Timeout { .. } => (
            code::TIMEOUT,
            Severity::Warning,
            Some("allow a longer timeout to give it more time (the server may be slow or down)"),
        ),
        FetchError::Deadline => (code::DEADLINE, Severity::Warning, None),
        FetchError::TooManyRedirects { .. }
        | FetchError::RedirectLoop { .. }
        | FetchError::BadRedirect(_) => (code::REDIRECT, Severity::Error, None),
        FetchError::Refused { .. } => (
            code::REFUSED,
            Severity::Warning,
            Some(
                "allow private hosts to check it (private and internal addresses are refused by default)",
            ),
        ),
    };
    let msg = match e {
        FetchError::Timeout { .. } => format!("could not verify {what}: {e}"),
        FetchError::Deadline => format!("{what} was not checked: the overall deadline was reached"),
        _ => format!("{what} is not reachable: {e}"),
    };
    let mut d = diag(code, sev, &t.key, msg);
    if let Some(h) = help {
        d = d.with_help(h);
    }
    emit(d, t.span);
}

/// Reports a reachability verdict; returns the response when the URL answered.
fn report_reach(
    reach: Reach,
    t: &Target,
    what: &str,
    emit: &Emit<'_>,
) -> Option<Box<crate::fetch::Response>> {
    match reach {
        Reach::Ok(r) => Some(r),
        Reach::NotFound(r) => {
            let via = if r.redirects.is_empty() {
                String::new()
            } else {
                format!(" (redirected to {})", r.url)
            };
            emit(
                diag(
                    code::NOT_FOUND,
                    Severity::Error,
                    &t.key,
                    format!("{what} is not reachable: {}{via}", status_text(r.status)),
                ),
                t.span,
            );
            None
        }
        Reach::Unverifiable { why, response } => {
            let help = match response.status {
                401 | 403 if response.url.scheme() == "https" => {
                    "a firewall or a login may be in the way; for a private forge, configure a token for the host"
                }
                429 => "the server limits automated requests; try again later",
                _ => "the server did not confirm that the page exists",
            };
            emit(
                diag(
                    code::COULD_NOT_VERIFY,
                    Severity::Warning,
                    &t.key,
                    format!("could not verify {what}: {why}"),
                )
                .with_help(help),
                t.span,
            );
            None
        }
        Reach::Failed(e) => {
            report_failure(&e, t, what, emit);
            None
        }
    }
}

fn check_link(fetcher: &Fetcher, t: &Target, emit: &Emit<'_>) {
    let Some(url) = http_url(&t.value) else {
        return;
    };
    let what = format!("'{}'", t.value);
    report_reach(probe::reach(fetcher, &url), t, &what, emit);
}

fn check_repository(fetcher: &Fetcher, t: &Target, emit: &Emit<'_>) -> RepoInfo {
    let what = format!("'{}'", t.value);
    if let Ok(git) = Url::parse(&t.value)
        && git.scheme() == "git"
        && git.host_str().is_some()
    {
        check_git_daemon(fetcher, &git, t, &what, emit);
        return RepoInfo::default();
    }
    let Some(url) = http_url(&t.value) else {
        return RepoInfo::default();
    };
    let Some(repo) = forge::parse_repo(&url) else {
        not_a_repository_form(fetcher, &url, t, &what, emit);
        return RepoInfo::default();
    };
    if repo.has_subpath {
        subpath_warning(&repo, t, &what, emit);
    }
    let repo = match discover_refs(fetcher, repo, &url, t, &what, emit) {
        Ok(info) => return info,
        Err(repo) => repo,
    };
    // No repository answered: is the page there at all?
    if report_reach(probe::reach(fetcher, &url), t, &what, emit).is_some() {
        if repo.kind == ForgeKind::Git {
            emit(
                diag(
                    code::REPOSITORY_UNCONFIRMED,
                    Severity::Warning,
                    &t.key,
                    format!("{what} is reachable, but no git repository answers there"),
                )
                .with_help("write the address the repository is cloned from in `url`"),
                t.span,
            );
        } else {
            emit(
                diag(
                    code::NOT_A_REPOSITORY,
                    Severity::Error,
                    &t.key,
                    format!(
                        "{what} is not a {} repository: the page exists but no git repository answers there",
                        repo.kind.name()
                    ),
                ),
                t.span,
            );
        }
    }
    RepoInfo {
        repo: Some(repo),
        branch: None,
    }
}

/// A forge URL that cannot name a repository (`https://github.com/owner`): reachable
/// or not, it is not a repository.
fn not_a_repository_form(fetcher: &Fetcher, url: &Url, t: &Target, what: &str, emit: &Emit<'_>) {
    // A forge URL that cannot name a repository (`https://github.com/owner`):
    // reachable or not, it is not a repository.
    if let Some(r) = report_reach(probe::reach(fetcher, url), t, what, emit) {
        let kind = forge::kind_of_host(url.host_str().unwrap_or(""));
        let msg = format!(
            "{what} is not a repository: a {} URL of a repository has the form {}",
            kind.name(),
            match kind {
                ForgeKind::AzureDevOps => "https://dev.azure.com/ORG/PROJECT/_git/REPO",
                _ => "https://HOST/OWNER/REPO",
            }
        );
        drop(r);
        emit(
            diag(code::NOT_A_REPOSITORY, Severity::Error, &t.key, msg),
            t.span,
        );
    }
}

/// The URL points inside a repository (a folder, a file): the root is suggested.
fn subpath_warning(repo: &Repo, t: &Target, what: &str, emit: &Emit<'_>) {
    emit(
        diag(
            code::NOT_REPOSITORY_ROOT,
            Severity::Warning,
            &t.key,
            format!(
                "{what} points inside the repository, not at it: the repository is '{}'",
                repo.root
            ),
        )
        .with_fix(Fix::suggested(
            format!("write '{}'", repo.root),
            t.span,
            repo.root.to_string(),
        )),
        t.span,
    );
}

/// The git smart-HTTP discovery, which proves a repository on any host: the answer
/// when it settles the question (found, or reported), else the repository back.
fn discover_refs(
    fetcher: &Fetcher,
    repo: Repo,
    url: &Url,
    t: &Target,
    what: &str,
    emit: &Emit<'_>,
) -> Result<RepoInfo, Repo> {
    for dot_git in [false, true] {
        if dot_git && repo.root.path().ends_with(".git") {
            break;
        }
        let refs = forge::smart_http_refs_url(&repo.root, dot_git);
        let reach = match fetcher.fetch(&refs, Method::Get(None)) {
            Ok(r) => probe::classify(r),
            Err(e) => Reach::Failed(e),
        };
        match &reach {
            Reach::Ok(r) => {
                if let Some(adv) = forge::parse_advertisement(&r.body) {
                    return Ok(RepoInfo {
                        repo: Some(repo),
                        branch: adv.default_branch,
                    });
                }
            }
            Reach::NotFound(_) => {}
            // 401/403 on the discovery URL: a private repository, a firewall, or (on
            // GitHub) a repository that does not exist. The page tells which.
            Reach::Unverifiable { .. } => {
                match probe::reach(fetcher, url) {
                    Reach::Ok(_) => {
                        report_reach(reach, t, what, emit);
                    }
                    page => {
                        report_reach(page, t, what, emit);
                    }
                }
                return Ok(RepoInfo {
                    repo: Some(repo),
                    branch: None,
                });
            }
            Reach::Failed(_) => {
                report_reach(reach, t, what, emit);
                return Ok(RepoInfo {
                    repo: Some(repo),
                    branch: None,
                });
            }
        }
    }
    Err(repo)
}

/// `url` on a `git://` server: the git daemon's reference advertisement proves it.
fn check_git_daemon(fetcher: &Fetcher, url: &Url, t: &Target, what: &str, emit: &Emit<'_>) {
    match fetcher.fetch(url, Method::Get(None)) {
        Ok(r) if forge::parse_daemon_advertisement(&r.body).is_some() => {}
        Ok(r) => {
            let answer = String::from_utf8_lossy(r.body.get(4..).unwrap_or_default())
                .trim()
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect::<String>();
            let answer = if answer.is_empty() {
                "no answer".to_string()
            } else {
                format!("'{answer}'")
            };
            emit(
                diag(
                    code::NOT_FOUND,
                    Severity::Error,
                    &t.key,
                    format!("{what} is not a repository: the git server answered {answer}"),
                ),
                t.span,
            );
        }
        Err(e) => report_failure(&e, t, what, emit),
    }
}

fn image_kind(url: &Url, content_type: Option<&str>) -> Option<ImageKind> {
    let path = url.path().to_ascii_lowercase();
    let by_ext = std::path::Path::new(&path)
        .extension()
        .and_then(|e| e.to_str())
        .and_then(ImageKind::from_extension);
    by_ext.or(match content_type {
        Some("image/png") => Some(ImageKind::Png),
        Some("image/jpeg") => Some(ImageKind::Jpeg),
        Some("image/svg+xml") => Some(ImageKind::Svg),
        _ => None,
    })
}

/// The address to fetch for a logo or screenshot: an http(s) URL (a forge's page of
/// the file becomes the raw file, with a warning), or a relative path resolved against
/// the base URL or the repository's raw files. `None` when it is not checked here.
fn image_url(t: &Target, info: &RepoInfo, cx: &FileContext, emit: &Emit<'_>) -> Option<Url> {
    let lower = t.value.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let u = http_url(&t.value)?;
        let raw = forge::blob_to_raw(&u);
        if raw != u {
            emit(
                diag(
                    code::BLOB_URL,
                    Severity::Warning,
                    &t.key,
                    format!("'{}' is a web page showing the file, not the file", t.value),
                )
                .with_help(format!("write the file's own address, '{raw}'"))
                .with_fix(Fix::suggested(
                    format!("write '{raw}'"),
                    t.span,
                    raw.to_string(),
                )),
                t.span,
            );
        }
        Some(raw)
    } else {
        // A relative path: local checks handle it inside a checkout.
        if lower.contains("://") || t.value.starts_with('/') || t.value.starts_with('\\') {
            return None;
        }
        if !cx.remote_relative && cx.base_url.is_none() {
            return None;
        }
        let resolved = match &cx.base_url {
            Some(base) => {
                let mut b = base.clone();
                if !b.path().ends_with('/') {
                    let p = format!("{}/", b.path());
                    b.set_path(&p);
                }
                b.join(t.value.trim_start_matches("./")).ok()
            }
            None => info.repo.as_ref().and_then(|r| {
                forge::raw_file_url(r, info.branch.as_deref().unwrap_or("HEAD"), &t.value)
            }),
        };
        match resolved {
            Some(u) => Some(u),
            None => {
                emit(
                    diag(
                        code::CANNOT_RESOLVE,
                        Severity::Note,
                        &t.key,
                        format!(
                            "'{}' was not checked remotely: no base URL, and the repository's host has no known raw-file address",
                            t.value
                        ),
                    ),
                    t.span,
                );
                None
            }
        }
    }
}

fn check_image_target(
    fetcher: &Fetcher,
    t: &Target,
    info: &RepoInfo,
    cx: &FileContext,
    emit: &Emit<'_>,
) {
    let Some(url) = image_url(t, info, cx, emit) else {
        return;
    };
    let what = if url.as_str() == t.value {
        format!("'{}'", t.value)
    } else {
        format!("'{}' ({url})", t.value)
    };
    let reach = match fetcher.fetch(&url, Method::Get(Some(IMAGE_HEAD))) {
        Ok(r) => probe::classify(r),
        Err(e) => Reach::Failed(e),
    };
    let Some(r) = report_reach(reach, t, &what, emit) else {
        return;
    };
    let ct = r.content_type();
    let Some(kind) = image_kind(&r.url, ct.as_deref()) else {
        emit(
            diag(
                code::NOT_AN_IMAGE,
                Severity::Error,
                &t.key,
                format!(
                    "{what} is not an image: the server sent {}",
                    ct.as_deref().unwrap_or("no content type")
                ),
            ),
            t.span,
        );
        return;
    };
    if let Err(e) = check_image(&r.body, kind) {
        let sent = match ct.as_deref() {
            Some(c) if !c.starts_with("image/") => format!(" (the server sent {c})"),
            _ => String::new(),
        };
        emit(
            diag(
                code::NOT_AN_IMAGE,
                Severity::Error,
                &t.key,
                format!("{what} is not a valid image: {e}{sent}"),
            ),
            t.span,
        );
    }
}

fn check_video(fetcher: &Fetcher, t: &Target, cx: &FileContext, emit: &Emit<'_>) {
    let Some(video) = http_url(&t.value) else {
        return;
    };
    let what = format!("'{}'", t.value);
    let endpoint = cx
        .oembed_endpoint
        .clone()
        .or_else(|| crate::oembed::endpoint_for(&video));
    let Some(endpoint) = endpoint else {
        report_reach(probe::reach(fetcher, &video), t, &what, emit);
        return;
    };
    let req = crate::oembed::request_url(&endpoint, &video);
    let r = match fetcher.fetch(&req, Method::Get(Some(OEMBED_MAX))) {
        Ok(r) => r,
        Err(e) => {
            report_failure(&e, t, &what, emit);
            return;
        }
    };
    match r.status {
        200..=299 => {
            if r.truncated || !crate::oembed::is_oembed_document(&r.body) {
                emit(
                    diag(
                        code::VIDEO_BAD_ANSWER,
                        Severity::Warning,
                        &t.key,
                        format!(
                            "could not verify {what}: the oEmbed endpoint {} did not answer with an oEmbed document{}",
                            endpoint,
                            if r.truncated {
                                " (the answer is too large)"
                            } else {
                                ""
                            }
                        ),
                    ),
                    t.span,
                );
            }
        }
        404 | 410 => emit(
            diag(
                code::VIDEO_NOT_FOUND,
                Severity::Error,
                &t.key,
                format!(
                    "{what} does not exist: its provider's oEmbed endpoint answered {}",
                    status_text(r.status)
                ),
            ),
            t.span,
        ),
        401 | 403 => emit(
            diag(
                code::VIDEO_NOT_EMBEDDABLE,
                Severity::Warning,
                &t.key,
                format!(
                    "{what} cannot be embedded: its provider's oEmbed endpoint answered {} (a private video, or embedding disabled)",
                    status_text(r.status)
                ),
            ),
            t.span,
        ),
        _ => {
            report_reach(probe::classify(r), t, &what, emit);
        }
    }
}
