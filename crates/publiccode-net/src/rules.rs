//! The network checks' rule codes (`PN001`–`PN099`), registered once with a summary
//! and the explanation that `publiccode explain` prints.
//!
//! Codes name the outcome, not the key: "not found" is `PN001` whether it is the
//! `landingURL` or a screenshot, and the diagnostic's key says which.

use publiccode::Severity;
use publiccode::rules::{ExampleKind, Examples, RuleInfo};

/// Network conditions cannot be written as a snippet: the examples say what the server
/// answers, and the named test (with a server on 127.0.0.1) shows it.
macro_rules! rules {
    ($( $id:ident = $code:literal, $name:literal, $sev:ident, $summary:literal, $expl:literal,
        $covered_by:literal, $fail:expr, $pass:expr; )*) => {
        /// Rule codes as constants, so the code that emits them cannot misspell one.
        pub mod code {
            $( #[doc = $summary] pub const $id: &str = $code; )*
        }
        /// Every network rule, in code order.
        pub const RULES: &[RuleInfo] = &[
            $( RuleInfo::new($code, $name, Severity::$sev, $summary, $expl)
                .examples(Examples::new(
                    ExampleKind::Described { covered_by: $covered_by },
                    $fail,
                    $pass,
                )), )*
        ];
    };
}

rules! {
    NOT_FOUND = "PN001", "url-not-found", Error,
        "The URL answers 404 Not Found or 410 Gone.",
        "The server says the page does not exist (after following redirects, HEAD first and then \
a small ranged GET). Fix the link, or remove it. Only network checks (`validate --network`) \
produce this code.",
        "crates/publiccode-net/tests/net.rs::not_found_and_gone_are_errors",
        r#"landingURL: https://example.org/medusa/old-page  # answers 404
"#,
        r#"landingURL: https://example.org/medusa  # answers 200
"#;
    HOST_NOT_FOUND = "PN002", "host-not-found", Error,
        "The host name of the URL does not resolve (DNS).",
        "No address was found for the host. A typo in the domain, or a domain that has expired, are \
the usual causes. When the check runs on a machine without DNS, run it without the network checks.",
        "crates/publiccode-net/tests/net.rs::dns_failure_is_an_error",
        r#"landingURL: https://medusa.example.invalid  # no DNS record
"#,
        r#"landingURL: https://example.org/medusa
"#;
    UNREACHABLE = "PN003", "url-unreachable", Error,
        "The connection to the URL failed (refused, reset, or TLS error).",
        "The host resolved but the connection could not be made or the TLS handshake failed \
(an expired or mismatched certificate, say). Readers of the catalogue will meet the same error.",
        "crates/publiccode-net/tests/net.rs::connection_refused_is_an_error",
        r#"landingURL: https://example.org:8443/medusa  # nothing listens there
"#,
        r#"landingURL: https://example.org/medusa
"#;
    COULD_NOT_VERIFY = "PN004", "could-not-verify", Warning,
        "The server refused to answer (401, 403, 429, a firewall challenge, a server error): the URL could not be verified.",
        "Web application firewalls (Cloudflare, Akamai, AWS WAF …) often answer automated clients with \
403, 429 or a JavaScript challenge page even when the page exists, and private repositories answer \
401 or 404 to anonymous clients. The status is in the message; with 429 the server's Retry-After is \
quoted. This is a warning, never an error: the tool cannot tell a missing page from a guarded one. \
For a private forge, configure a token (PUBLICCODE_TOKEN_<HOST> in the environment).",
        "crates/publiccode-net/tests/net.rs::challenge_page_is_only_a_warning",
        r#"landingURL: https://example.org/medusa  # answers 403 with a firewall challenge
"#,
        r#"landingURL: https://example.org/medusa  # answers 200
"#;
    TIMEOUT = "PN005", "url-timeout", Warning,
        "The URL did not answer within the timeout.",
        "Each request (with its redirects and the first bytes of its body) has a time limit, 10 seconds \
by default. A slow server is not proof of a broken link, so this is a warning; raise the timeout \
to give slow hosts more time.",
        "crates/publiccode-net/tests/net.rs::slow_server_times_out_with_a_warning",
        r#"landingURL: https://slow.example.org/medusa  # answers after 30 s
"#,
        r#"landingURL: https://example.org/medusa  # answers in 0.2 s
"#;
    DEADLINE = "PN006", "deadline-reached", Warning,
        "The overall deadline of the network checks was reached: the URL was not (fully) checked.",
        "A deadline bounds the whole run so that CI jobs do not hang on slow hosts. URLs still \
waiting when it passes are reported with this warning instead of being checked.",
        "crates/publiccode-net/tests/net.rs::deadline_bounds_the_whole_run",
        r#"screenshots:  # 200 slow URLs: the run reaches its deadline
  - https://slow.example.org/1.png
"#,
        r#"screenshots:
  - https://example.org/1.png
"#;
    REDIRECT = "PN007", "bad-redirect", Error,
        "The URL redirects in a loop, too many times, or to an unusable place.",
        "Redirects are followed one hop at a time up to a limit (10). A redirect back to a URL already \
visited, more hops than the limit, a redirect without a Location or to a non-HTTP scheme are \
reported. Link to the final address instead.",
        "crates/publiccode-net/tests/net.rs::redirect_loop_is_an_error_and_ends",
        r#"landingURL: https://example.org/a  # redirects to /b, which redirects to /a
"#,
        r#"landingURL: https://example.org/b  # the final address
"#;
    REFUSED = "PN008", "address-refused", Warning,
        "The URL (or a redirect) points to a private, loopback, link-local or metadata address, which is not contacted.",
        "The network checks never connect to loopback, private (RFC 1918, IPv6 ULA), link-local, \
carrier-grade NAT, multicast, reserved or cloud-metadata addresses, in any notation (`0x7f.1`, \
`2130706433`, `[::ffff:127.0.0.1]` …) and after every redirect and DNS resolution, so that a \
descriptor cannot make the checker reach internal services (SSRF). For an intranet deployment, \
allow private hosts explicitly.",
        "crates/publiccode-net/tests/net.rs::redirect_to_a_private_address_is_refused_without_the_allowance",
        r#"landingURL: http://169.254.169.254/latest/meta-data/
"#,
        r#"landingURL: https://example.org/medusa
"#;
    NOT_A_REPOSITORY = "PN010", "url-not-a-repository", Error,
        "`url` is reachable on a known forge but is not a git repository.",
        "On GitHub, GitLab, Bitbucket, Gitea/Forgejo and Azure DevOps, a repository answers the git \
smart-HTTP discovery request (`<url>/info/refs?service=git-upload-pack`). This page exists but does \
not: it is probably an organisation, a user or a group page. `url` must be the repository itself.",
        "crates/publiccode-net/tests/net.rs::self_hosted_gitlab_views_are_not_the_repository",
        r#"url: https://gitlab.example.org/italia/-/issues  # a group's page
"#,
        r#"url: https://github.com/italia/medusa
"#;
    REPOSITORY_UNCONFIRMED = "PN011", "url-repository-unconfirmed", Warning,
        "`url` is reachable but no git repository answers there.",
        "The git smart-HTTP discovery request (`<url>/info/refs?service=git-upload-pack`, also tried \
with `.git`) proves a git repository on any host. It did not answer, so `url` may be a web page \
rather than the repository; repositories of other version control systems (Subversion, Mercurial) \
cannot be confirmed this way.",
        "crates/publiccode-net/tests/net.rs::git_smart_http_proves_a_repository",
        r#"url: https://example.org/medusa  # a web page, no git repository
"#,
        r#"url: https://example.org/medusa.git  # answers git-upload-pack
"#;
    NOT_REPOSITORY_ROOT = "PN012", "url-below-repository-root", Warning,
        "`url` points inside a repository (a folder, file or branch view), not at the repository.",
        "`url` identifies the software by its repository, and catalogues compare it with the \
repository they crawl. A URL to a tree, blob or branch view is a different string for the same \
repository; the message gives the repository root.",
        "crates/publiccode-net/tests/net.rs::self_hosted_gitlab_views_are_not_the_repository",
        r#"url: https://github.com/italia/medusa/tree/main/src  # a folder view
"#,
        r#"url: https://github.com/italia/medusa
"#;
    NOT_AN_IMAGE = "PN020", "remote-image-invalid", Error,
        "A remote logo or screenshot is not an image of the kind it claims.",
        "Remote images are downloaded (the first 64 KiB) and checked with the same rules as local \
files: PNG signature and header, JPEG marker, an `<svg>` element, gzip for `.svgz`. An HTML page \
(a login wall, a forge's web view) is the usual culprit.",
        "crates/publiccode-net/tests/net.rs::remote_logo_must_be_an_image",
        r#"logo: https://example.org/logo.png  # serves an HTML login page
"#,
        r#"logo: https://example.org/logo.png  # serves a PNG
"#;
    CANNOT_RESOLVE = "PN021", "relative-path-unresolved", Note,
        "A relative logo or screenshot path could not be turned into a URL, so it was not checked remotely.",
        "Outside a checkout, relative paths are resolved against the base URL given by the user, or \
against the repository (`url` plus its default branch) on GitHub, GitLab, Bitbucket, Gitea/Forgejo \
and Azure DevOps. Plain git hosts have no convention for raw files: give a base URL.",
        "crates/publiccode-net/tests/net.rs::git_smart_http_proves_a_repository",
        r#"logo: img/logo.png  # url is a plain git host, no base URL given
"#,
        r#"logo: https://example.org/medusa/img/logo.png
"#;
    BLOB_URL = "PN022", "image-blob-url", Warning,
        "A logo or screenshot URL is a forge's web page for the file, not the file.",
        "`https://github.com/o/r/blob/main/logo.png` is an HTML page showing the image; catalogues \
that download it get HTML. The raw URL serves the image itself. The check downloads the raw URL, \
and the fix (a suggestion) writes it.",
        "crates/publiccode-net/tests/net.rs::self_hosted_gitlab_views_are_not_the_repository",
        r#"logo: https://github.com/italia/medusa/blob/main/logo.png
"#,
        r#"logo: https://raw.githubusercontent.com/italia/medusa/main/logo.png
"#;
    VIDEO_NOT_FOUND = "PN030", "video-not-found", Error,
        "The video provider's oEmbed endpoint says the video does not exist.",
        "Videos are checked against their provider's oEmbed endpoint (YouTube, Vimeo, Dailymotion …), \
which is what catalogues use to embed them. A 404 answer means the video was removed or the URL \
is wrong.",
        "crates/publiccode-net/tests/net.rs::videos_are_checked_at_the_oembed_endpoint",
        r#"description:
  en:
    videos:
      - https://www.youtube.com/watch?v=removed0000  # oEmbed answers 404
"#,
        r#"description:
  en:
    videos:
      - https://www.youtube.com/watch?v=RaHmGbBOP84
"#;
    VIDEO_NOT_EMBEDDABLE = "PN031", "video-not-embeddable", Warning,
        "The video provider refuses to embed the video (private, or embedding disabled).",
        "The oEmbed endpoint answered 401 or 403: the video exists but is private or its owner \
disabled embedding, so catalogues cannot show it.",
        "crates/publiccode-net/tests/net.rs::videos_are_checked_at_the_oembed_endpoint",
        r#"description:
  en:
    videos:
      - https://vimeo.com/1234  # private: oEmbed answers 403
"#,
        r#"description:
  en:
    videos:
      - https://vimeo.com/5678  # public
"#;
    VIDEO_BAD_ANSWER = "PN032", "video-oembed-invalid", Warning,
        "The oEmbed endpoint's answer is not a valid oEmbed document.",
        "An oEmbed answer is a JSON object with at least `type` and `version`. The endpoint answered \
something else (an HTML page, malformed or oversized JSON).",
        "crates/publiccode-net/tests/net.rs::videos_are_checked_at_the_oembed_endpoint",
        r#"description:
  en:
    videos:
      - https://video.example.org/v/1  # the endpoint answers an HTML page
"#,
        r#"description:
  en:
    videos:
      - https://video.example.org/v/1  # the endpoint answers {"type": "video", "version": "1.0", ...}
"#;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_in_range_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
            let n: u32 = r.code[2..].parse().unwrap_or(0);
            assert!(
                r.code.starts_with("PN") && (1..=99).contains(&n),
                "{}",
                r.code
            );
            assert!(
                !r.summary.is_empty() && r.explanation.len() > 40,
                "{}",
                r.code
            );
        }
    }
}
