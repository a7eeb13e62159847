//! URLs and URIs: the one place where they are parsed, judged and normalised.
//!
//! Values are judged as strictly as the reference validator judges them: it parses URLs
//! with Go's `net/url` (`url.Parse`, `url.ParseRequestURI`), which refuses what a
//! browser-style parser (the `url` crate, WHATWG) silently repairs: surrounding or inner
//! whitespace and control characters, a space in the host or user name, a malformed
//! `%` escape, a port that is not a number, `https:/host` with one slash. [`go`] mirrors
//! those rules; a value must also parse with the `url` crate, so nothing that was refused
//! before is accepted now.

use url::Url;

/// Go `net/url` parsing rules, as the reference validator applies them.
pub mod go {
    /// The parts of a URL that the reference's validators look at.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct GoUrl {
        /// Lowercased scheme (empty: none).
        pub scheme: String,
        /// The opaque part of `scheme:opaque` (no `//`).
        pub opaque: String,
        /// The host (with port), as written.
        pub host: String,
        /// The path, as written.
        pub path: String,
        /// The fragment (after `#`), when split off.
        pub fragment: String,
    }

    /// `url.Parse`: the fragment is split off first.
    pub fn parse(raw: &str) -> Result<GoUrl, String> {
        let (u, frag) = raw.split_once('#').unwrap_or((raw, ""));
        let mut url = parse_inner(u, false)?;
        if !frag.is_empty() {
            check_escapes(frag)?;
            url.fragment = frag.to_string();
        }
        Ok(url)
    }

    /// `url.ParseRequestURI`: an absolute URI or an absolute path; `#` is not special.
    pub fn parse_request_uri(raw: &str) -> Result<GoUrl, String> {
        parse_inner(raw, true)
    }

    fn parse_inner(raw: &str, via_request: bool) -> Result<GoUrl, String> {
        if let Some(c) = raw.chars().find(|c| (*c as u32) < 0x20 || *c == '\u{7f}') {
            return Err(format!(
                "invalid control character {} in URL",
                crate::checks::url::describe_char(c)
            ));
        }
        if raw.is_empty() && via_request {
            return Err("empty URL".into());
        }
        let mut url = GoUrl::default();
        if raw == "*" {
            url.path = "*".into();
            return Ok(url);
        }
        let (scheme, rest) = scheme(raw)?;
        url.scheme = scheme.to_ascii_lowercase();
        let rest = match rest.strip_suffix('?') {
            Some(r) if rest.matches('?').count() == 1 => r,
            _ => rest.split_once('?').map_or(rest, |(a, _)| a),
        };
        if !rest.starts_with('/') {
            if !url.scheme.is_empty() {
                url.opaque = rest.to_string();
                return Ok(url);
            }
            if via_request {
                return Err("not an absolute URI".into());
            }
            if rest.split('/').next().is_some_and(|seg| seg.contains(':')) {
                return Err("first path segment in URL cannot contain colon".into());
            }
        }
        let mut path = rest;
        if (!url.scheme.is_empty() || !via_request && !rest.starts_with("///"))
            && rest.starts_with("//")
        {
            let authority = &rest[2..];
            let (auth, p) = match authority.find('/') {
                Some(i) => (&authority[..i], &authority[i..]),
                None => (authority, ""),
            };
            url.host = authority_host(auth)?;
            path = p;
        }
        check_escapes(path)?;
        url.path = path.to_string();
        Ok(url)
    }

    fn scheme(raw: &str) -> Result<(&str, &str), String> {
        for (i, c) in raw.bytes().enumerate() {
            match c {
                b'a'..=b'z' | b'A'..=b'Z' => {}
                b'0'..=b'9' | b'+' | b'-' | b'.' if i > 0 => {}
                b':' if i == 0 => return Err("missing protocol scheme".into()),
                b':' => return Ok((&raw[..i], &raw[i + 1..])),
                _ => return Ok(("", raw)),
            }
        }
        Ok(("", raw))
    }

    fn authority_host(auth: &str) -> Result<String, String> {
        let (user, host) = match auth.rfind('@') {
            Some(i) => (Some(&auth[..i]), &auth[i + 1..]),
            None => (None, auth),
        };
        let host = parse_host(host)?;
        if let Some(u) = user {
            let ok = u
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._:~!$&'()*+,;=%@".contains(c));
            if !ok {
                return Err("invalid user information".into());
            }
            check_escapes(u)?;
        }
        Ok(host)
    }

    fn valid_optional_port(port: &str) -> bool {
        port.is_empty()
            || port
                .strip_prefix(':')
                .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
    }

    fn parse_host(host: &str) -> Result<String, String> {
        if host.starts_with('[') {
            let Some(i) = host.rfind(']') else {
                return Err("missing ']' in host".into());
            };
            if !valid_optional_port(&host[i + 1..]) {
                return Err(format!("invalid port {:?} after host", &host[i + 1..]));
            }
        } else if let Some(i) = host.rfind(':')
            && !valid_optional_port(&host[i..])
        {
            return Err(format!("invalid port {:?} after host", &host[i..]));
        }
        let bytes = host.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'%' {
                let hex = bytes.get(i + 1..i + 3);
                let ok = hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                // In a host, %-escapes may only stand for non-ASCII bytes (or `%25`).
                let ascii = hex.is_some_and(|h| (h[0] as char).to_digit(16).is_some_and(|d| d < 8));
                if !ok || (ascii && &bytes[i..i + 3] != b"%25") {
                    let end = (i + 3).min(bytes.len());
                    return Err(format!("invalid URL escape {:?}", &host[i..end]));
                }
                i += 3;
                continue;
            }
            if c < 0x80 && !c.is_ascii_alphanumeric() && !b"-_.~!$&'()*+,;=:[]<>\"".contains(&c) {
                return Err(format!(
                    "invalid character {} in host name",
                    crate::checks::url::describe_char(c as char)
                ));
            }
            i += 1;
        }
        Ok(host.to_string())
    }

    fn check_escapes(s: &str) -> Result<(), String> {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let ok = bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                if !ok {
                    let end = (i + 3).min(bytes.len());
                    return Err(format!("invalid URL escape {:?}", &s[i..end]));
                }
                i += 3;
            } else {
                i += 1;
            }
        }
        Ok(())
    }
}

/// A character as a message shows it: visible ones quoted, others by name or code.
pub(crate) fn describe_char(c: char) -> String {
    match c {
        ' ' => "' ' (space)".into(),
        '\t' => "tab".into(),
        '\n' => "line feed".into(),
        '\r' => "carriage return".into(),
        c if c.is_control() => format!("U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

/// Whitespace around a URL or path (which the reference keeps and then fails on), as
/// the trimmed value.
pub fn surrounding_whitespace(s: &str) -> Option<&str> {
    let t = s.trim();
    (t.len() != s.len() && !t.is_empty()).then_some(t)
}

/// `url` and `isBasedOn`: an absolute URL as the reference's `url_url` accepts it (Go
/// `url.Parse`, a scheme, and a host, an opaque part or a fragment); it must also parse as
/// a WHATWG URL (with a host, for http and https). `Err` says why not.
pub fn check_url(s: &str) -> Result<(), String> {
    let g = go::parse(s)?;
    if g.scheme.is_empty() {
        return Err("no scheme (write e.g. https://…)".into());
    }
    if g.host.is_empty() && g.opaque.is_empty() && g.fragment.is_empty() {
        return Err("no host".into());
    }
    match Url::parse(s) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https") && u.host_str().is_none_or(str::is_empty) =>
        {
            Err("no host".into())
        }
        Ok(_) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// landingURL, roadmap, documentation, apiDocumentation, videos, contractors' websites:
/// an `http` or `https` URL with a host (the reference's `url_http_url`).
pub fn check_http_url(s: &str) -> Result<(), String> {
    check_url(s)?;
    let g = go::parse(s)?;
    if !matches!(g.scheme.as_str(), "http" | "https") {
        return Err(format!("the scheme is `{}`, not http or https", g.scheme));
    }
    if g.host.is_empty() {
        return Err("no host (write http(s)://host/…)".into());
    }
    Ok(())
}

/// An absolute URL with a scheme (and a host, for http and https).
pub fn is_url(s: &str) -> bool {
    check_url(s).is_ok()
}

/// An absolute `http` or `https` URL with a host.
pub fn is_http_url(s: &str) -> bool {
    check_http_url(s).is_ok()
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
    if go::parse_request_uri(s).is_err() {
        return Err(UriProblem::Invalid);
    }
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
    if go::parse_request_uri(s).is_err() {
        return Err(SupportsProblem::Invalid);
    }
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
    fn go_net_url_rules() {
        // What Go's url.Parse refuses and a WHATWG parser repairs.
        for bad in [
            " https://example.org",
            "https://example.org ",
            "https://exa mple.org",
            "https://example.org\tx",
            "https://user name@example.org/",
            "https://example.org:8o8o/",
            "https://example.org/%zz",
            "https://example.org/#%g1",
            "https://[::1/x",
            "https:/example.org/x",
            "https:example.org",
            "://example.org",
            "example.org:8080/x",
            "https://exa%41mple.org/",
        ] {
            assert!(check_http_url(bad).is_err(), "{bad:?} accepted");
        }
        for good in [
            "https://example.org",
            "https://example.org/a b",
            "https://example.org:8080/x?q=1#frag",
            "http://user:pw@example.org/",
            "https://xn--bcher-kva.example/",
            "https://bücher.example/",
            "https://[::1]:8080/",
        ] {
            assert!(
                check_http_url(good).is_ok(),
                "{good:?} refused: {:?}",
                check_http_url(good)
            );
        }
        assert_eq!(
            go::parse("https://exa mple.org").err().as_deref(),
            Some("invalid character ' ' (space) in host name")
        );
        assert!(check_url("git://example.org/x.git").is_ok());
        assert!(check_url("git@github.com:org/x.git").is_err());
        assert_eq!(
            surrounding_whitespace(" https://x.org\n"),
            Some("https://x.org")
        );
        assert_eq!(surrounding_whitespace("https://x.org"), None);
        assert!(check_org_uri(" https://example.org/org").is_err());
        assert!(check_org_uri("/just/a/path").is_err());
        assert!(check_supports_id("https://exa mple.org/law").is_err());
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
