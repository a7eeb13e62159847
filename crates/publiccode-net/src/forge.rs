//! Forge URL rules: which forge a repository URL belongs to, where its repository root
//! is, how a "blob" (web view) URL becomes a raw file URL, and where a file of the
//! repository can be downloaded for a given branch.
//!
//! These are pure functions on URLs (no I/O), shared by the network checks and by
//! anything else that has to turn a publiccode.yml `url` into file downloads (a
//! catalogue crawler, say). Recognised: GitHub, GitLab (gitlab.com and self-hosted, by
//! the `/-/` path marker or a `gitlab.` host), Bitbucket, Gitea/Forgejo (codeberg.org,
//! gitea.com, and self-hosted ones by their `/src/branch/` paths or host name), and
//! Azure DevOps (`dev.azure.com`, `*.visualstudio.com`). Any other host is a plain
//! git host: the git smart-HTTP answer ([`smart_http_refs_url`]) proves a repository
//! there, but there is no convention for raw files.

use url::Url;

/// A kind of forge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ForgeKind {
    /// github.com.
    GitHub,
    /// gitlab.com or a self-hosted GitLab.
    GitLab,
    /// bitbucket.org.
    Bitbucket,
    /// Gitea or Forgejo (codeberg.org, gitea.com, self-hosted).
    Gitea,
    /// Azure DevOps Repos.
    AzureDevOps,
    /// Any other host serving git over HTTP.
    Git,
}

impl ForgeKind {
    /// The forge's name for messages.
    pub fn name(self) -> &'static str {
        match self {
            ForgeKind::GitHub => "GitHub",
            ForgeKind::GitLab => "GitLab",
            ForgeKind::Bitbucket => "Bitbucket",
            ForgeKind::Gitea => "Gitea/Forgejo",
            ForgeKind::AzureDevOps => "Azure DevOps",
            ForgeKind::Git => "git",
        }
    }
}

/// A repository on a forge, parsed from a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    /// The forge.
    pub kind: ForgeKind,
    /// The repository's web root, without `.git` or a trailing slash
    /// (`https://github.com/owner/name`).
    pub root: Url,
    /// Whether the URL pointed below the root (a file, a folder, a branch view).
    pub has_subpath: bool,
}

fn host_of(url: &Url) -> String {
    url.host_str()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_ascii_lowercase()
}

/// The forge a host belongs to, from its name alone (self-hosted GitLab and Gitea are
/// also recognised from their URL paths by [`parse_repo`]).
pub fn kind_of_host(host: &str) -> ForgeKind {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    let is = |d: &str| h == d || h.ends_with(&format!(".{d}"));
    if h == "github.com" || h == "www.github.com" {
        ForgeKind::GitHub
    } else if h == "bitbucket.org" || h == "www.bitbucket.org" {
        ForgeKind::Bitbucket
    } else if is("dev.azure.com") || is("visualstudio.com") {
        ForgeKind::AzureDevOps
    } else if is("codeberg.org")
        || is("gitea.com")
        || h.starts_with("gitea.")
        || h.starts_with("forgejo.")
    {
        ForgeKind::Gitea
    } else if h == "gitlab.com" || h.starts_with("gitlab.") || h.contains(".gitlab.") {
        ForgeKind::GitLab
    } else {
        ForgeKind::Git
    }
}

fn segments(url: &Url) -> Vec<String> {
    url.path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).map(str::to_string).collect())
        .unwrap_or_default()
}

fn with_path(url: &Url, segs: &[String]) -> Url {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    let _ = u.set_username("");
    let _ = u.set_password(None);
    if let Ok(mut p) = u.path_segments_mut() {
        p.clear();
        for s in segs {
            p.push(s);
        }
    }
    u
}

fn strip_git(s: &str) -> String {
    s.strip_suffix(".git").unwrap_or(s).to_string()
}

/// Parses a repository URL (as found in `url`) into its forge and root. Returns
/// `None` for URLs that cannot name a repository (no host, not http(s), a forge
/// URL with too few path segments such as `https://github.com/owner`).
pub fn parse_repo(url: &Url) -> Option<Repo> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    let segs = segments(url);
    let host = host_of(url);
    let mut kind = kind_of_host(&host);
    // Self-hosted GitLab: `/-/` separates the project path from the view.
    if let Some(dash) = segs.iter().position(|s| s == "-")
        && matches!(kind, ForgeKind::Git | ForgeKind::GitLab)
    {
        kind = ForgeKind::GitLab;
        if dash < 2 {
            return None;
        }
        let mut root: Vec<String> = segs[..dash].to_vec();
        if let Some(last) = root.last_mut() {
            *last = strip_git(last);
        }
        return Some(Repo {
            kind,
            root: with_path(url, &root),
            has_subpath: true,
        });
    }
    // Self-hosted Gitea/Forgejo: `/owner/repo/src/branch/...`.
    if kind == ForgeKind::Git
        && segs.len() >= 4
        && segs[2] == "src"
        && matches!(segs[3].as_str(), "branch" | "tag" | "commit")
    {
        kind = ForgeKind::Gitea;
    }
    let (root, rest): (Vec<String>, usize) = match kind {
        ForgeKind::GitHub | ForgeKind::Bitbucket | ForgeKind::Gitea => {
            if segs.len() < 2 {
                return None;
            }
            (vec![segs[0].clone(), strip_git(&segs[1])], segs.len() - 2)
        }
        ForgeKind::AzureDevOps => {
            // dev.azure.com/org/project/_git/repo, org.visualstudio.com/project/_git/repo
            let at = segs.iter().position(|s| s == "_git")?;
            let name = segs.get(at + 1)?;
            let mut r = segs[..at + 1].to_vec();
            r.push(strip_git(name));
            let rest = segs.len() - (at + 2);
            (
                r,
                rest + usize::from(url.query().is_some_and(|q| q.contains("path="))),
            )
        }
        ForgeKind::GitLab => {
            if segs.len() < 2 {
                return None;
            }
            let mut r = segs.clone();
            if let Some(last) = r.last_mut() {
                *last = strip_git(last);
            }
            (r, 0)
        }
        ForgeKind::Git => {
            let mut r = segs.clone();
            if let Some(last) = r.last_mut() {
                *last = strip_git(last);
            }
            (r, 0)
        }
    };
    Some(Repo {
        kind,
        root: with_path(url, &root),
        has_subpath: rest > 0,
    })
}

/// The git smart-HTTP discovery URL of a repository root
/// (`<root>/info/refs?service=git-upload-pack`); with `dot_git`, `.git` is appended to
/// the root first, which some servers need.
pub fn smart_http_refs_url(root: &Url, dot_git: bool) -> Url {
    let mut u = root.clone();
    let path = u.path().trim_end_matches('/').to_string();
    let path = if dot_git && !path.ends_with(".git") {
        format!("{path}.git")
    } else {
        path
    };
    u.set_path(&format!("{path}/info/refs"));
    u.set_query(Some("service=git-upload-pack"));
    u.set_fragment(None);
    u
}

/// What a git smart-HTTP `info/refs` answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advertisement {
    /// The default branch (from the `symref=HEAD:refs/heads/…` capability), when
    /// the server said.
    pub default_branch: Option<String>,
}

/// Parses a `git-upload-pack` reference advertisement (the body of
/// `info/refs?service=git-upload-pack`); `None` when the body is not one.
pub fn parse_advertisement(body: &[u8]) -> Option<Advertisement> {
    let mut rest = body;
    let mut saw_service = false;
    let mut default_branch = None;
    for _ in 0..4 {
        let Some(head) = rest.get(..4) else { break };
        let len_hex = std::str::from_utf8(head).ok()?;
        let len = usize::from_str_radix(len_hex, 16).ok()?;
        if len == 0 {
            rest = rest.get(4..)?;
            if saw_service {
                continue;
            }
            break;
        }
        if len < 4 {
            return None;
        }
        let Some(line) = rest.get(4..len) else {
            // A truncated body: what was read still proves the service line.
            break;
        };
        if line.starts_with(b"# service=git-upload-pack") {
            saw_service = true;
        } else if saw_service {
            if let Some(nul) = line.iter().position(|&b| b == 0) {
                let caps = String::from_utf8_lossy(&line[nul + 1..]);
                default_branch = caps
                    .split_ascii_whitespace()
                    .find_map(|c| c.strip_prefix("symref=HEAD:refs/heads/"))
                    .map(str::to_string);
            }
            break;
        }
        rest = rest.get(len..)?;
    }
    saw_service.then_some(Advertisement { default_branch })
}

/// Parses the reference advertisement a `git://` server (git daemon) sends: ref
/// lines straight away, without the `# service=` line of smart HTTP. `None` when the
/// body is not one (an `ERR` line, say).
pub fn parse_daemon_advertisement(body: &[u8]) -> Option<Advertisement> {
    let len = usize::from_str_radix(std::str::from_utf8(body.get(..4)?).ok()?, 16).ok()?;
    let line = body.get(4..len.min(body.len()))?;
    let sha = line.get(..40)?;
    if !sha.iter().all(u8::is_ascii_hexdigit) || line.get(40) != Some(&b' ') {
        return None;
    }
    let nul = line.iter().position(|&b| b == 0);
    let default_branch = nul.and_then(|n| {
        String::from_utf8_lossy(&line[n + 1..])
            .split_ascii_whitespace()
            .find_map(|c| c.strip_prefix("symref=HEAD:refs/heads/"))
            .map(str::to_string)
    });
    Some(Advertisement { default_branch })
}

/// Rewrites a forge "blob" (web view) URL of a file to the URL of its raw content;
/// other URLs are returned unchanged.
///
/// - `github.com/o/r/blob/REF/p` → `raw.githubusercontent.com/o/r/REF/p`
/// - `HOST/g/r/-/blob/REF/p` (GitLab) → `HOST/g/r/-/raw/REF/p`
/// - `bitbucket.org/o/r/src/REF/p` → `bitbucket.org/o/r/raw/REF/p`
/// - `HOST/o/r/src/branch/REF/p` (Gitea/Forgejo) → `HOST/o/r/raw/branch/REF/p`
/// - `dev.azure.com/…/_git/r?path=/p&version=GBmain` → the items API with `download=true`
pub fn blob_to_raw(url: &Url) -> Url {
    let segs = segments(url);
    let host = host_of(url);
    match kind_of_host(&host) {
        ForgeKind::GitHub if segs.len() > 4 && segs[2] == "blob" => {
            let mut u = url.clone();
            let _ = u.set_host(Some("raw.githubusercontent.com"));
            let mut p = vec![segs[0].clone(), segs[1].clone()];
            p.extend(segs[3..].iter().cloned());
            return with_path(&u, &p);
        }
        ForgeKind::Bitbucket if segs.len() > 4 && segs[2] == "src" => {
            let mut p = segs.clone();
            p[2] = "raw".into();
            return with_path(url, &p);
        }
        ForgeKind::AzureDevOps if url.query().is_some_and(|q| q.contains("path=")) => {
            if let Some(at) = segs.iter().position(|s| s == "_git")
                && let Some(repo) = segs.get(at + 1)
            {
                let mut p = segs[..at].to_vec();
                p.extend(["_apis", "git", "repositories"].map(String::from));
                p.push(repo.clone());
                p.push("items".into());
                let mut u = with_path(url, &p);
                let mut q = u.query_pairs_mut();
                for (k, v) in url.query_pairs() {
                    match k.as_ref() {
                        "path" => {
                            q.append_pair("path", &v);
                        }
                        "version" => {
                            let (kind, name) = match v.get(..2) {
                                Some("GB") => ("branch", &v[2..]),
                                Some("GT") => ("tag", &v[2..]),
                                Some("GC") => ("commit", &v[2..]),
                                _ => ("branch", v.as_ref()),
                            };
                            q.append_pair("versionDescriptor.versionType", kind);
                            q.append_pair("versionDescriptor.version", name);
                        }
                        _ => {}
                    }
                }
                q.append_pair("download", "true");
                drop(q);
                return u;
            }
        }
        _ => {}
    }
    if let Some(dash) = segs.iter().position(|s| s == "-")
        && segs.get(dash + 1).is_some_and(|s| s == "blob")
        && segs.len() > dash + 3
    {
        let mut p = segs.clone();
        p[dash + 1] = "raw".into();
        return with_path(url, &p);
    }
    if segs.len() > 5 && segs[2] == "src" && matches!(segs[3].as_str(), "branch" | "tag" | "commit")
    {
        let mut p = segs.clone();
        p[2] = "raw".into();
        return with_path(url, &p);
    }
    url.clone()
}

/// The URL of file `path` (relative to the repository root) on `branch` of `repo`,
/// or `None` for a plain git host, where no convention exists.
pub fn raw_file_url(repo: &Repo, branch: &str, path: &str) -> Option<Url> {
    let rel: Vec<String> = path
        .trim_start_matches("./")
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .map(str::to_string)
        .collect();
    if rel.is_empty() || rel.iter().any(|s| s == "..") {
        return None;
    }
    let root = segments(&repo.root);
    let mut p: Vec<String>;
    match repo.kind {
        ForgeKind::GitHub => {
            let mut u = repo.root.clone();
            u.set_host(Some("raw.githubusercontent.com")).ok()?;
            p = root;
            p.push(branch.into());
            p.extend(rel);
            return Some(with_path(&u, &p));
        }
        ForgeKind::GitLab => {
            p = root;
            p.extend(["-".into(), "raw".into(), branch.into()]);
        }
        ForgeKind::Bitbucket => {
            p = root;
            p.extend(["raw".into(), branch.into()]);
        }
        ForgeKind::Gitea => {
            p = root;
            p.extend(["raw".into(), "branch".into(), branch.into()]);
        }
        ForgeKind::AzureDevOps => {
            let at = root.iter().position(|s| s == "_git")?;
            let repo_name = root.get(at + 1)?.clone();
            p = root[..at].to_vec();
            p.extend(["_apis", "git", "repositories"].map(String::from));
            p.push(repo_name);
            p.push("items".into());
            let mut u = with_path(&repo.root, &p);
            u.query_pairs_mut()
                .append_pair("path", &format!("/{}", rel.join("/")))
                .append_pair("versionDescriptor.versionType", "branch")
                .append_pair("versionDescriptor.version", branch)
                .append_pair("download", "true");
            return Some(u);
        }
        ForgeKind::Git => return None,
    }
    p.extend(rel);
    Some(with_path(&repo.root, &p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    // Long on purpose: one flat table of forge URLs and the repository each names.
    #[test]
    fn repositories_are_recognised() {
        let cases = [
            (
                "https://github.com/italia/publiccode-parser-go",
                ForgeKind::GitHub,
                "https://github.com/italia/publiccode-parser-go",
                false,
            ),
            (
                "https://github.com/italia/publiccode-parser-go.git/",
                ForgeKind::GitHub,
                "https://github.com/italia/publiccode-parser-go",
                false,
            ),
            (
                "https://github.com/o/r/tree/main/sub",
                ForgeKind::GitHub,
                "https://github.com/o/r",
                true,
            ),
            (
                "https://gitlab.com/group/sub/project",
                ForgeKind::GitLab,
                "https://gitlab.com/group/sub/project",
                false,
            ),
            (
                "https://code.example.org/group/project/-/tree/main",
                ForgeKind::GitLab,
                "https://code.example.org/group/project",
                true,
            ),
            (
                "https://gitlab.example.gov/a/b.git",
                ForgeKind::GitLab,
                "https://gitlab.example.gov/a/b",
                false,
            ),
            (
                "https://bitbucket.org/team/repo/src/master/",
                ForgeKind::Bitbucket,
                "https://bitbucket.org/team/repo",
                true,
            ),
            (
                "https://codeberg.org/forgejo/forgejo",
                ForgeKind::Gitea,
                "https://codeberg.org/forgejo/forgejo",
                false,
            ),
            (
                "https://git.example.org/o/r/src/branch/main/README.md",
                ForgeKind::Gitea,
                "https://git.example.org/o/r",
                true,
            ),
            (
                "https://dev.azure.com/org/project/_git/repo",
                ForgeKind::AzureDevOps,
                "https://dev.azure.com/org/project/_git/repo",
                false,
            ),
            (
                "https://org.visualstudio.com/project/_git/repo?path=/README.md",
                ForgeKind::AzureDevOps,
                "https://org.visualstudio.com/project/_git/repo",
                true,
            ),
            (
                "https://git.example.org/cgit/tool.git",
                ForgeKind::Git,
                "https://git.example.org/cgit/tool",
                false,
            ),
        ];
        for (input, kind, root, sub) in cases {
            let r = parse_repo(&u(input)).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(
                (r.kind, r.root.as_str(), r.has_subpath),
                (kind, root, sub),
                "{input}"
            );
        }
        assert_eq!(parse_repo(&u("https://github.com/italia")), None);
        assert_eq!(parse_repo(&u("https://dev.azure.com/org/project")), None);
        assert_eq!(parse_repo(&u("ftp://example.org/x")), None);
    }

    #[test]
    fn blob_urls_become_raw() {
        let cases = [
            (
                "https://github.com/o/r/blob/main/img/logo.svg",
                "https://raw.githubusercontent.com/o/r/main/img/logo.svg",
            ),
            (
                "https://gitlab.com/g/s/r/-/blob/main/logo.png",
                "https://gitlab.com/g/s/r/-/raw/main/logo.png",
            ),
            (
                "https://bitbucket.org/o/r/src/master/logo.png",
                "https://bitbucket.org/o/r/raw/master/logo.png",
            ),
            (
                "https://codeberg.org/o/r/src/branch/main/logo.png",
                "https://codeberg.org/o/r/raw/branch/main/logo.png",
            ),
            (
                "https://dev.azure.com/org/p/_git/r?path=/logo.png&version=GBmain",
                "https://dev.azure.com/org/p/_apis/git/repositories/r/items?path=%2Flogo.png&versionDescriptor.versionType=branch&versionDescriptor.version=main&download=true",
            ),
            (
                "https://example.org/logo.png",
                "https://example.org/logo.png",
            ),
            (
                "https://raw.githubusercontent.com/o/r/main/logo.png",
                "https://raw.githubusercontent.com/o/r/main/logo.png",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(blob_to_raw(&u(input)).as_str(), want, "{input}");
        }
    }

    #[test]
    fn raw_urls_for_relative_paths() {
        let raw = |repo: &str, path: &str| {
            parse_repo(&u(repo))
                .and_then(|r| raw_file_url(&r, "main", path))
                .map(|u| u.to_string())
        };
        assert_eq!(
            raw("https://github.com/o/r", "img/logo.png").as_deref(),
            Some("https://raw.githubusercontent.com/o/r/main/img/logo.png")
        );
        assert_eq!(
            raw("https://gitlab.com/g/r", "./logo.png").as_deref(),
            Some("https://gitlab.com/g/r/-/raw/main/logo.png")
        );
        assert_eq!(
            raw("https://bitbucket.org/o/r", "logo.png").as_deref(),
            Some("https://bitbucket.org/o/r/raw/main/logo.png")
        );
        assert_eq!(
            raw("https://codeberg.org/o/r", "a b.png").as_deref(),
            Some("https://codeberg.org/o/r/raw/branch/main/a%20b.png")
        );
        assert_eq!(
            raw("https://dev.azure.com/org/p/_git/r", "logo.png").as_deref(),
            Some(
                "https://dev.azure.com/org/p/_apis/git/repositories/r/items?path=%2Flogo.png&versionDescriptor.versionType=branch&versionDescriptor.version=main&download=true"
            )
        );
        assert_eq!(raw("https://git.example.org/r.git", "logo.png"), None);
        assert_eq!(raw("https://github.com/o/r", "../etc/passwd"), None);
    }

    #[test]
    fn advertisements() {
        let pkt = |s: &[u8]| {
            let mut v = format!("{:04x}", s.len() + 4).into_bytes();
            v.extend_from_slice(s);
            v
        };
        let mut body = pkt(b"# service=git-upload-pack\n");
        body.extend_from_slice(b"0000");
        body.extend(pkt(
            b"1f0f8b0c0d0e0f101112131415161718191a1b1c HEAD\0multi_ack symref=HEAD:refs/heads/trunk agent=git/2.47\n",
        ));
        body.extend_from_slice(b"0000");
        assert_eq!(
            parse_advertisement(&body),
            Some(Advertisement {
                default_branch: Some("trunk".into())
            })
        );
        assert_eq!(parse_advertisement(b"<html>hello</html>"), None);
        assert_eq!(parse_advertisement(b""), None);
        assert_eq!(
            parse_advertisement(b"001e# service=git-upload-pack\n0000"),
            Some(Advertisement {
                default_branch: None
            })
        );
        let url = smart_http_refs_url(&u("https://example.org/r"), true);
        assert_eq!(
            url.as_str(),
            "https://example.org/r.git/info/refs?service=git-upload-pack"
        );
    }
}
