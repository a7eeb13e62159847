//! Which repository a URL names, and which repositories a checkout's git remotes name:
//! what the catalogues' crawlers compare when they check that a publiccode.yml's `url`
//! is the repository that holds the file.
//!
//! Two spellings of one repository compare equal after normalising: scheme
//! (`https://`, `http://`, `ssh://`, `git://`, the scp form `git@host:owner/repo`), user
//! and port, letter case, a leading `www.`, trailing slashes and a `.git` suffix, and
//! page paths inside the repository (`/-/tree/main` on GitLab, `/tree/main` on GitHub).

/// A repository's identity: `host/path`, lower-case, without `.git` or slashes at
/// the end (`github.com/italia/medusa`). `None` when `url` names no repository.
pub fn identity(url: &str) -> Option<String> {
    let s = url.trim();
    let (host, path) = if let Some((_, rest)) = s.split_once("://") {
        let rest = rest.split(['?', '#']).next().unwrap_or("");
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = authority.rsplit('@').next().unwrap_or("");
        let host = host.split(':').next().unwrap_or("");
        (host.to_string(), path.to_string())
    } else if let Some((authority, path)) = s.split_once(':') {
        // scp-like `git@host:owner/repo.git`; a Windows drive letter is not a host.
        if authority.len() < 2 || authority.contains('/') {
            return None;
        }
        let host = authority.rsplit('@').next().unwrap_or("");
        (host.to_string(), path.to_string())
    } else {
        return None;
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    if host.is_empty() {
        return None;
    }
    let path = path.to_ascii_lowercase();
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    // GitLab's pages inside a project start with `-`.
    if let Some(i) = segments.iter().position(|s| *s == "-") {
        segments.truncate(i);
    }
    // GitHub, Bitbucket, Codeberg: the repository is owner/name; the rest is a page.
    if matches!(
        host.as_str(),
        "github.com" | "bitbucket.org" | "codeberg.org"
    ) {
        segments.truncate(2);
    }
    let mut path = segments.join("/");
    while let Some(p) = path.strip_suffix(".git") {
        path = p.trim_end_matches('/').to_string();
    }
    if path.is_empty() {
        return None;
    }
    Some(format!("{host}/{path}"))
}

/// The remotes of a git config file (`.git/config`): name and URL, in file order.
pub fn remotes(config: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in config.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(section) = line.strip_prefix('[') {
            let section = section.split(']').next().unwrap_or("").trim();
            current = section
                .strip_prefix("remote")
                .map(str::trim)
                .and_then(|n| n.strip_prefix('"'))
                .and_then(|n| n.strip_suffix('"'))
                .map(str::to_string);
            continue;
        }
        let Some(name) = &current else { continue };
        if let Some((k, v)) = line.split_once('=')
            && k.trim().eq_ignore_ascii_case("url")
        {
            let v = v
                .split([';', '#'])
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            out.push((name.clone(), v.to_string()));
        }
    }
    out
}

/// How a descriptor's `url` relates to the checkout holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    /// `url` is the checkout's own repository (`origin`, or its only remote).
    Same,
    /// The checkout looks like a technical fork of `url`: `url` is another remote of
    /// it (`upstream`), or a repository of the same name elsewhere.
    Fork {
        /// The checkout's own remote URL, as written.
        own: String,
    },
    /// `url` names some other repository.
    Elsewhere {
        /// The checkout's own remote URL, as written.
        own: String,
    },
}

/// Compares `url` with the remotes of a git config. `None` when there is nothing to
/// compare (no remote with a URL, or `url` names no repository).
pub fn relate(url: &str, config: &str) -> Option<Relation> {
    let declared = identity(url)?;
    let remotes: Vec<(String, String, String)> = remotes(config)
        .into_iter()
        .filter_map(|(n, u)| identity(&u).map(|id| (n, u, id)))
        .collect();
    let own = remotes
        .iter()
        .find(|(n, _, _)| n == "origin")
        .or_else(|| remotes.first())?;
    if own.2 == declared {
        return Some(Relation::Same);
    }
    let name = |id: &str| id.rsplit('/').next().unwrap_or("").to_string();
    let fork = remotes.iter().any(|(_, _, id)| *id == declared) || name(&own.2) == name(&declared);
    let own = own.1.clone();
    Some(if fork {
        Relation::Fork { own }
    } else {
        Relation::Elsewhere { own }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities() {
        let same = [
            "https://github.com/Italia/Medusa",
            "https://github.com/italia/medusa/",
            "https://github.com/italia/medusa.git",
            "http://www.github.com/italia/medusa.git/",
            "git@github.com:italia/medusa.git",
            "ssh://git@github.com:22/italia/medusa",
            "https://user:token@github.com/italia/medusa",
            "https://github.com/italia/medusa/tree/main/docs",
        ];
        for u in same {
            assert_eq!(
                identity(u).as_deref(),
                Some("github.com/italia/medusa"),
                "{u}"
            );
        }
        assert_eq!(
            identity("https://gitlab.opencode.de/a/b/c/-/tree/main").as_deref(),
            Some("gitlab.opencode.de/a/b/c")
        );
        assert_eq!(identity("https://github.com/"), None);
        assert_eq!(identity("C:\\repo"), None);
        assert_eq!(identity("/srv/git/medusa"), None);
    }

    #[test]
    fn config_remotes() {
        let cfg = "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:me/medusa.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[remote \"upstream\"]\n\turl = https://github.com/italia/medusa ; the original\n[branch \"main\"]\n\tremote = origin\n";
        assert_eq!(
            remotes(cfg),
            vec![
                ("origin".into(), "git@github.com:me/medusa.git".into()),
                ("upstream".into(), "https://github.com/italia/medusa".into())
            ]
        );
        assert_eq!(
            relate("https://github.com/me/medusa/", cfg),
            Some(Relation::Same)
        );
        assert!(matches!(
            relate("https://github.com/italia/medusa", cfg),
            Some(Relation::Fork { .. })
        ));
        assert!(matches!(
            relate("https://gitlab.com/other/thing", cfg),
            Some(Relation::Elsewhere { .. })
        ));
        // A fork without an `upstream` remote: same name, another owner.
        let cfg = "[remote \"origin\"]\n\turl = https://github.com/me/medusa\n";
        assert!(matches!(
            relate("https://github.com/italia/medusa", cfg),
            Some(Relation::Fork { .. })
        ));
        assert_eq!(relate("https://github.com/italia/medusa", "[core]\n"), None);
    }
}
