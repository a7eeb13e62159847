//! URLs and URIs: the one place where they are parsed, judged and normalised.

use url::Url;

/// An absolute URL with a scheme (and a host, for http and https).
pub fn is_url(s: &str) -> bool {
    match Url::parse(s.trim()) {
        Ok(u) => {
            if matches!(u.scheme(), "http" | "https") {
                u.host_str().is_some_and(|h| !h.is_empty())
            } else {
                true
            }
        }
        Err(_) => false,
    }
}

/// An absolute `http` or `https` URL with a host.
pub fn is_http_url(s: &str) -> bool {
    match Url::parse(s) {
        Ok(u) => {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        }
        Err(_) => false,
    }
}

/// Whether `s` is an RFC 2141 URN: `urn:<NID>:<NSS>`.
pub fn is_urn(s: &str) -> bool {
    let Some(rest) = s
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("urn:"))
        .map(|_| &s[4..])
    else {
        return false;
    };
    let Some((nid, nss)) = rest.split_once(':') else {
        return false;
    };
    let nid_ok = (1..=32).contains(&nid.len())
        && nid.as_bytes()[0].is_ascii_alphanumeric()
        && nid.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        && !nid.eq_ignore_ascii_case("urn");
    let nss_ok = !nss.is_empty()
        && nss
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"()+,-.:=@;$_!*'%/?#".contains(&c));
    nid_ok && nss_ok
}

/// The NSS of a `urn:x-italian-pa:` URN, if `s` is one.
pub fn italian_pa_code(s: &str) -> Option<&str> {
    const PREFIX: &str = "urn:x-italian-pa:";
    s.get(..PREFIX.len())
        .filter(|p| p.eq_ignore_ascii_case(PREFIX))
        .map(|_| &s[PREFIX.len()..])
}

/// Why a URI is not acceptable as an organisation identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriProblem {
    /// Not a URI with a scheme and a host, nor a URN.
    Invalid,
    /// A `urn:x-italian-pa:` URN whose code is malformed.
    BadIpaCode,
}

/// Checks an organisation URI (`organisation.uri`, `fundedBy[].uri`).
pub fn check_org_uri(s: &str) -> Result<(), UriProblem> {
    if let Some(code) = italian_pa_code(s) {
        return if is_ipa_code(code) {
            Ok(())
        } else {
            Err(UriProblem::BadIpaCode)
        };
    }
    if s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:")) {
        return if is_urn(s) {
            Ok(())
        } else {
            Err(UriProblem::Invalid)
        };
    }
    match Url::parse(s) {
        Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        _ => Err(UriProblem::Invalid),
    }
}

/// Whether `code` has the shape of an iPA code (`c_h501`, `pcm`, `r_lazio`).
///
/// Membership in the official list is [`crate::checks::ipa::IpaCodes`]'s job; this is the
/// shape only (the list holds one single-letter code, `c`).
pub fn is_ipa_code(code: &str) -> bool {
    (1..=32).contains(&code.len())
        && code
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.')
}

/// The repository URL in canonical form: https, no credentials, no `.git`, no trailing `/`,
/// lowercase host. `git@host:org/repo.git` becomes `https://host/org/repo`.
pub fn normalize_repo_url(s: &str) -> Option<String> {
    let s = s.trim();
    let converted;
    let s = if let Some(rest) = s.strip_prefix("git@") {
        let (host, path) = rest.split_once(':')?;
        converted = format!("https://{host}/{path}");
        converted.as_str()
    } else if let Some(rest) = s
        .strip_prefix("ssh://")
        .or_else(|| s.strip_prefix("git+ssh://"))
        .or_else(|| s.strip_prefix("git://"))
    {
        // The port of an SSH or git URL belongs to that protocol, not to HTTPS.
        let rest = rest.split_once('@').map_or(rest, |(_, r)| r);
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = match authority.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => authority,
        };
        converted = format!("https://{host}/{path}");
        converted.as_str()
    } else {
        s
    };
    let mut u = Url::parse(s).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    u.set_scheme("https").ok()?;
    u.set_username("").ok()?;
    u.set_password(None).ok()?;
    u.set_query(None);
    u.set_fragment(None);
    let path = u
        .path()
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .to_string();
    u.set_path(&path);
    let mut out = u.to_string();
    while out.ends_with('/') {
        out.pop();
    }
    Some(out)
}

/// Checks a `supports[].id`: `alias:<name>` from the list, or a URL with a host, or a URN.
pub fn check_supports_id(s: &str) -> Result<(), SupportsProblem> {
    if let Some(alias) = s.strip_prefix("alias:") {
        return if crate::spec::lists::SUPPORTS_ALIASES
            .iter()
            .any(|(a, _)| *a == alias)
        {
            Ok(())
        } else {
            Err(SupportsProblem::UnknownAlias)
        };
    }
    if s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:")) {
        return if is_urn(s) {
            Ok(())
        } else {
            Err(SupportsProblem::Invalid)
        };
    }
    match Url::parse(s) {
        Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        _ => Err(SupportsProblem::Invalid),
    }
}

/// Why a `supports` id is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SupportsProblem {
    /// `alias:` with a name not in the list.
    UnknownAlias,
    /// Neither an alias nor a URI.
    Invalid,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(is_url("https://github.com/italia/developers.git"));
        assert!(is_url("git://example.org/x"));
        assert!(!is_url("string"));
        assert!(!is_url("foobar"));
        assert!(is_http_url("https://example.org"));
        assert!(!is_http_url("ftp://example.org"));
        assert!(!is_http_url("abc"));
    }

    #[test]
    fn uris() {
        assert!(check_org_uri("https://example.org/org").is_ok());
        assert!(check_org_uri("urn:x-foobar:my-org").is_ok());
        assert!(check_org_uri("urn:x-italian-pa:pcm").is_ok());
        assert_eq!(check_org_uri("pcm"), Err(UriProblem::Invalid));
        assert_eq!(check_org_uri("1"), Err(UriProblem::Invalid));
        assert_eq!(
            check_org_uri("urn:x-italian-pa:"),
            Err(UriProblem::BadIpaCode)
        );
        assert!(check_supports_id("alias:gdpr").is_ok());
        assert_eq!(
            check_supports_id("alias:nope"),
            Err(SupportsProblem::UnknownAlias)
        );
        assert_eq!(
            check_supports_id("mailto:x@y"),
            Err(SupportsProblem::Invalid)
        );
    }

    #[test]
    fn normalise() {
        assert_eq!(
            normalize_repo_url("git@github.com:italia/x.git").as_deref(),
            Some("https://github.com/italia/x")
        );
        assert_eq!(
            normalize_repo_url("http://user:pw@GitHub.com/a/b/").as_deref(),
            Some("https://github.com/a/b")
        );
        // The SSH port is not the HTTPS port.
        assert_eq!(
            normalize_repo_url("ssh://git@host:2222/g/p.git").as_deref(),
            Some("https://host/g/p")
        );
        assert_eq!(
            normalize_repo_url("git+ssh://git@gitlab.example.org/g/sub/p.git").as_deref(),
            Some("https://gitlab.example.org/g/sub/p")
        );
        assert_eq!(
            normalize_repo_url("git://example.org:9418/p.git").as_deref(),
            Some("https://example.org/p")
        );
    }
}
