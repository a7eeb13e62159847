//! Repository URL normalisation: the catalogue's key for a piece of software.
//!
//! The same repository is written many ways (`http://GitHub.com/Org/Repo.git/`,
//! `git@github.com:org/repo`, `ssh://git@host:2222/g/p.git`). The crawler of Developers
//! Italia compares them case-insensitively with the scheme ignored; we do the same, so
//! that one repository is one row however its descriptor spells it.

/// The normalised form of a repository URL: `host/path`, lower case, without scheme,
/// credentials, port, query, fragment, trailing slashes or a trailing `.git`.
///
/// Returns `None` when the text does not look like a repository URL at all.
///
/// ```
/// use publiccode_ingest::urlnorm::normalise;
/// assert_eq!(normalise("https://GitHub.com/Org/Repo.git/").as_deref(), Some("github.com/org/repo"));
/// assert_eq!(normalise("git@github.com:org/repo").as_deref(), Some("github.com/org/repo"));
/// assert_eq!(normalise("ssh://git@host:2222/g/p.git").as_deref(), Some("host/g/p"));
/// ```
pub fn normalise(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let rest = match url.split_once("://") {
        Some((scheme, rest)) => {
            if !scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-')
            {
                return None;
            }
            rest
        }
        None => {
            // scp-like `user@host:path`.
            let (host, path) = url.split_once(':')?;
            if path.starts_with("//") || host.contains('/') {
                return None;
            }
            return join(host.rsplit('@').next()?, path);
        }
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = strip_port(host);
    join(host, path)
}

fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host
            .split_once(']')
            .map_or(host, |(h, _)| h.trim_start_matches('['));
    }
    match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    }
}

fn join(host: &str, path: &str) -> Option<String> {
    if host.is_empty() {
        return None;
    }
    let mut path = path.trim_matches('/').to_string();
    while let Some(p) = path.strip_suffix(".git") {
        path = p.trim_end_matches('/').to_string();
    }
    let host = host.trim_start_matches("www.");
    let mut out = host.to_ascii_lowercase();
    if !path.is_empty() {
        out.push('/');
        out.push_str(&path.to_lowercase());
    }
    Some(out)
}

/// The repository a raw-file URL on a known forge belongs to
/// (`https://raw.githubusercontent.com/o/r/HEAD/publiccode.yml` → `github.com/o/r`),
/// normalised; `None` when the URL is not a recognised raw-file URL.
pub fn repository_of_raw(url: &str) -> Option<String> {
    let n = normalise(url)?;
    let parts: Vec<&str> = n.split('/').collect();
    match parts.as_slice() {
        ["raw.githubusercontent.com", owner, repo, ..] => {
            Some(format!("github.com/{owner}/{repo}"))
        }
        [host, rest @ ..] => {
            // GitLab `/-/raw/`, Gitea/Forgejo `/raw/branch/`, Bitbucket `/raw/`.
            let cut = rest
                .iter()
                .position(|s| *s == "-" || *s == "raw")
                .filter(|&i| i >= 2)?;
            Some(format!("{host}/{}", rest[..cut].join("/")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_repository_agree() {
        let forms = [
            "https://github.com/italia/publiccode-parser-go",
            "http://GitHub.com/Italia/publiccode-parser-go.git",
            "https://github.com/italia/publiccode-parser-go/",
            "git@github.com:italia/publiccode-parser-go.git",
            "ssh://git@github.com:22/italia/publiccode-parser-go",
            "https://user:token@github.com/italia/publiccode-parser-go?x=1#readme",
            "https://www.github.com/italia/publiccode-parser-go",
        ];
        for f in forms {
            assert_eq!(
                normalise(f).as_deref(),
                Some("github.com/italia/publiccode-parser-go"),
                "{f}"
            );
        }
    }

    #[test]
    fn not_urls() {
        assert_eq!(normalise(""), None);
        assert_eq!(normalise("   "), None);
        assert_eq!(normalise("just text"), None);
    }

    #[test]
    fn raw_urls() {
        assert_eq!(
            repository_of_raw("https://raw.githubusercontent.com/o/r/main/publiccode.yml")
                .as_deref(),
            Some("github.com/o/r")
        );
        assert_eq!(
            repository_of_raw("https://gitlab.com/g/sub/p/-/raw/main/publiccode.yml").as_deref(),
            Some("gitlab.com/g/sub/p")
        );
        assert_eq!(
            repository_of_raw("https://codeberg.org/o/r/raw/branch/main/publiccode.yml").as_deref(),
            Some("codeberg.org/o/r")
        );
        assert_eq!(
            repository_of_raw("https://example.org/publiccode.yml"),
            None
        );
    }
}
